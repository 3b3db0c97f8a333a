"""Optional synthesized narration for pages that have notes but no recording.

The TTS engine belongs to the screen-record form (`creator_studio.core.media.tts`). The H5 form
only borrows it when asked (`narration` option) and when that module exists; otherwise pages keep
their recorded narration (or none) and the caller gets a note saying why.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def synthesize_missing_narration(lesson, work_dir: Path, job) -> tuple[dict[str, Path], str | None]:
    """Return ({page id: audio file}, note). Never raises for a missing engine."""
    try:
        tts = importlib.import_module("creator_studio.core.media.tts")
    except ImportError:
        return {}, "语音合成模块不可用：H5课程仅包含录制的讲解音频"
    synth = getattr(tts, "synthesize_to_file", None) or getattr(tts, "synthesize", None)
    if synth is None:
        return {}, "语音合成接口不可用：H5课程仅包含录制的讲解音频"
    pages = [p for p in lesson.visible_pages()
             if p.narration.strip() and lesson.asset_path(p.narration_audio) is None]
    out: dict[str, Path] = {}
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    for i, page in enumerate(pages):
        job.progress(i, max(1, len(pages)), "合成讲解语音")
        target = work_dir / f"page-{i + 1}.wav"
        try:
            produced = synth(page.narration, target)
        except Exception as exc:  # the engine is optional; a failure leaves that page silent
            log.warning("narration synthesis failed on page %d: %s", i + 1, exc)
            continue
        path = Path(produced) if isinstance(produced, (str, Path)) else target
        if path.is_file():
            out[page.id] = path
    return out, None if out or not pages else "语音合成未产生音频：H5课程仅包含录制的讲解音频"
