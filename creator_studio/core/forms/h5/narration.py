"""Optional synthesized narration for pages that have notes but no recording.

The TTS engines belong to the media layer (`creator_studio.core.media.tts`, the screen-record
form's helper). The H5 form borrows them only when asked (`narration` option). Timed silence —
what that layer falls back to when no engine can speak — is useless in a course, so such pages
keep their captions-only narration and the caller gets a note saying why.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from creator_studio.core.errors import Cancelled

log = logging.getLogger(__name__)


def synthesize_missing_narration(lesson, work_dir: Path, job) -> tuple[dict[str, Path], str | None]:
    """Return ({page id: wav file}, note or None). Never raises for a missing engine."""
    pages = [p for p in lesson.visible_pages()
             if p.narration.strip() and lesson.asset_path(p.narration_audio) is None]
    if not pages:
        return {}, None
    try:
        tts = importlib.import_module("creator_studio.core.media.tts")
    except ImportError:
        return {}, "语音合成模块不可用：H5课程仅包含录制的讲解音频"
    out: dict[str, Path] = {}
    engines: set[str] = set()
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    for i, page in enumerate(pages):
        job.progress(i, len(pages), "合成讲解语音")
        target = work_dir / f"page-{i + 1}.wav"
        try:
            result = tts.synthesize(page.narration, target, tts.VoiceSpec(engine="auto"), job=job)
        except Cancelled:
            raise
        except Exception as exc:  # one page failing leaves that page captions-only
            log.warning("narration synthesis failed on page %d: %s", i + 1, exc)
            continue
        engines.add(result.engine)
        if result.engine != "none" and result.duration > 0 and target.is_file():
            out[page.id] = target
    job.progress(len(pages), len(pages), "合成讲解语音")
    if not out:
        return {}, "没有可用的语音合成引擎：未录音的页面只显示讲解字幕"
    missing = len(pages) - len(out)
    note = f"{missing} 页语音合成失败，只显示讲解字幕" if missing else None
    return out, note
