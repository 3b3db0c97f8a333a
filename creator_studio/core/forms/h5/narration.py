"""Optional synthesized narration for pages that have notes but no recording.

The TTS engines belong to the media layer (`creator_studio.core.media.tts`, the screen-record
form's helper). The H5 form borrows them only when asked (`narration` option). Timed silence —
what that layer falls back to when no engine can speak — is useless in a course, so such pages
keep their captions-only narration and the caller gets a note saying why.

Each page's audio ships as AAC in an .m4a (≈ 48 kb/s mono), normalised to −16 LUFS with the true
peak ≤ −1 dBTP like the videos, not as 44.1 kHz WAV: two minutes of WAV were 8 MB (issue 13 §5).
Pages the maker set to "silent" get no voice; the maker's lexicon fixes apply.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from creator_studio.core.errors import Cancelled

log = logging.getLogger(__name__)

H5_AUDIO_BITRATE = "48k"


def synthesize_missing_narration(lesson, work_dir: Path, job, report: dict | None = None
                                 ) -> tuple[dict[str, Path], str | None]:
    """Return ({page id: .m4a file}, note or None). Never raises for a missing engine.

    Raises `tts.NarrationTooLong` (typed) before any synthesis when the notes exceed the course
    cap. `report`, when given, receives the loudness of each page ({page id: info}).
    """
    pages = [p for p in lesson.visible_pages()
             if p.narration.strip() and lesson.asset_path(p.narration_audio) is None
             and getattr(p, "narration_mode", "auto") != "silent"]
    if not pages:
        return {}, None
    try:
        tts = importlib.import_module("creator_studio.core.media.tts")
        audio = importlib.import_module("creator_studio.core.media.audio")
    except ImportError:
        return {}, "语音合成模块不可用：H5课程仅包含录制的讲解音频"
    notes = tts.check_budget([p.narration for p in pages], page_labels=[p.id for p in pages])
    lexicon = tuple(sorted((getattr(lesson.meta, "lexicon", None) or {}).items()))
    voice = tts.VoiceSpec(engine="auto", lexicon=lexicon)
    out: dict[str, Path] = {}
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    for i, page in enumerate(pages):
        job.progress(i, len(pages), "合成讲解语音")
        wav = work_dir / f"page-{i + 1}.wav"
        target = work_dir / f"page-{i + 1}.m4a"
        try:
            result = tts.synthesize(page.narration, wav, voice, job=job)
            if result.engine == "none" or result.duration <= 0 or not wav.is_file():
                continue
            loud, _gain = audio.encode_normalized(wav, target, job=job, bitrate=H5_AUDIO_BITRATE)
        except Cancelled:
            raise
        except Exception as exc:  # one page failing leaves that page captions-only
            log.warning("narration synthesis failed on page %d: %s", i + 1, exc)
            continue
        finally:
            wav.unlink(missing_ok=True)
        out[page.id] = target
        if report is not None:
            report[page.id] = loud.as_info() if loud else {"integrated_lufs": None}
    job.progress(len(pages), len(pages), "合成讲解语音")
    if not out:
        return {}, "没有可用的语音合成引擎：未录音的页面只显示讲解字幕"
    missing = len(pages) - len(out)
    note = f"{missing} 页语音合成失败，只显示讲解字幕" if missing else None
    if notes:
        note = "；".join([n for n in [note] if n] + notes)
    return out, note
