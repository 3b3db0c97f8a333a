"""A video page (screen recording) in the long image: a few key frames with captions (issue 14).

A long image cannot play a video; a blank "play it on the platform" pill told the reader nothing.
Instead the kept part of the clip (`Media.trim_in/out`) shows as up to `MAX_FRAMES` frames, evenly
spread, each with its time and — when the page has a script (its notes) — the sentence being
said at that moment: the script is placed on the clip's own speech (`media.align`), else spread
over the clip by length. Frames are read once by ffmpeg and cached by asset and time (assets are
content-addressed, so a cached frame never goes stale).
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from creator_studio.core.lesson.model import Media, Page

from .boxes import Box
from .context import Ctx, text_box
from .figures import picture_box
from .text import clean_text, layout_runs, plain

log = logging.getLogger(__name__)

MAX_FRAMES = 3
SECONDS_PER_FRAME = 4.0  # a clip shorter than 3 × this shows fewer frames


def _cache_dir() -> Path:
    d = Path(tempfile.gettempdir()) / "cs-video-frames"
    d.mkdir(parents=True, exist_ok=True)
    return d


def frame_times(tin: float, tout: float) -> list[float]:
    n = max(1, min(MAX_FRAMES, int((tout - tin) // SECONDS_PER_FRAME) or 1))
    return [round(tin + (tout - tin) * (k + 0.5) / n, 2) for k in range(n)]


def _extract(clip: Path, t: float, width: int) -> Path | None:
    from creator_studio.core.media import ffmpeg

    out = _cache_dir() / f"{clip.stem}-{t:.2f}-{width}.png"
    if out.is_file() and out.stat().st_size > 0:
        return out
    try:
        ffmpeg.run_ffmpeg(["-ss", f"{t:.3f}", "-i", str(clip), "-frames:v", "1", "-vf", f"scale={width}:-2",
                           str(out)], timeout=60, what="ffmpeg (key frame)")
    except ffmpeg.MediaToolError as exc:
        log.info("key frame at %.2f s of %s failed: %s", t, clip.name, exc)
        return None
    return out if out.is_file() and out.stat().st_size > 0 else None


def _captions(clip: Path, page: Page, tin: float, tout: float, duration: float,
              has_audio: bool) -> list[tuple[str, float, float]]:
    """(sentence, start, end) on the clip's clock for the page's script, or []."""
    from creator_studio.core.media import audio, recording
    from creator_studio.core.media.align import align
    from creator_studio.core.media.text_normalize import split_sentences
    from creator_studio.core.media.tts import estimate_seconds

    sentences = [s for s in split_sentences(clean_text(page.narration or "")) if s.strip()]
    if not sentences:
        return []
    weights = [max(1.0, estimate_seconds(s) or len(s)) for s in sentences]
    spans = None
    if has_audio:
        try:
            # the script is the whole recording's: placed on all of its speech, then the frames
            # of the kept part pick theirs (a trim that cuts a sentence does not shift the rest)
            with tempfile.TemporaryDirectory(prefix="cs-li-clip-") as tmp:
                wav = recording.clip_audio(clip, Path(tmp) / "a.wav", 0.0, duration)
                samples, rate = audio.read_wav(wav)
            found = align(samples, rate, weights)
            if found is not None:
                spans = list(found.spans)
        except Exception as exc:  # noqa: BLE001 - captions then follow the length of the text
            log.info("aligning the script of %s failed: %s", page.id, exc)
    if spans is None:
        total, acc, spans = sum(weights), 0.0, []
        for w in weights:
            a = tin + (tout - tin) * acc / total
            acc += w
            spans.append((a, tin + (tout - tin) * acc / total))
    return [(s, a, b) for s, (a, b) in zip(sentences, spans)]


def _said_at(caps: list[tuple[str, float, float]], t: float) -> str:
    if not caps:
        return ""
    now = [s for s, a, b in caps if a <= t <= b]
    if now:
        return now[0]
    before = [(a, s) for s, a, _b in caps if a <= t]
    return max(before)[1] if before else caps[0][0]


def _clock(t: float) -> str:
    m, s = divmod(int(round(t)), 60)
    return f"{m:02d}:{s:02d}"


def video_frame_boxes(ctx: Ctx, block: Media, page: Page) -> list[Box] | None:
    """Key frames with time and caption for a video page; None when the clip cannot be read
    (the caller then draws the usual media pill)."""
    from creator_studio.core.media import ffmpeg, recording

    path = ctx.lesson.asset_path(block.asset) if block.asset else None
    if path is None or not Path(path).is_file():
        return None
    try:
        info = ffmpeg.probe(Path(path))
    except ffmpeg.MediaToolError:
        return None
    if not info["video"] or not info["duration"]:
        return None
    tin, tout = recording.clip_trim(page, float(info["duration"]))
    caps = _captions(Path(path), page, tin, tout, float(info["duration"]), bool(info["audio"]))
    v = info["video"]
    w0, h0 = int(v.get("width") or 16), int(v.get("height") or 9)
    out: list[Box] = []
    size = ctx.size("small")
    for t in frame_times(tin, tout):
        png = _extract(Path(path), t, min(w0, max(320, ctx.cw)) // 2 * 2)
        if png is None:
            continue
        out.append(picture_box(ctx, png, w0, h0, kind="video-frame", alt=f"{_clock(t - tin)}", enlarge=1.0,
                               frame=True))
        said = _said_at(caps, t)
        label = f"▶ {_clock(t - tin)}" + (f"  {said}" if said else "")
        lines = layout_runs(plain(label), size, ctx.cw, surface=ctx.surface)
        out.append(text_box(ctx, "video-caption", lines, size, ctx.lh(size), ctx.x0, ctx.c("text"),
                            info={"time": round(t - tin, 2), "caption": said}))
    if not out:
        return None
    out[0].info = {**out[0].info, "video_frames": len(out) // 2, "times": frame_times(tin, tout)}
    return out
