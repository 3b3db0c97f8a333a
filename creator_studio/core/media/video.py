"""Stills + one prebuilt audio track → a web/phone-safe MP4 (screen-record and skit forms).

Output contract: H.264 `yuv420p` (High profile is never 4:4:4), even dimensions, AAC audio copied
from the prebuilt track, `+faststart`, a keyframe at least every `gop_seconds` and at every still
change (seeking lands on the slide), a low frame rate because nothing moves between slide
changes, optional soft `mov_text` subtitles (SRT input) and optional burned-in subtitles (libass,
Noto Sans CJK SC).

Two engines produce the same contract:

- ``ffmpeg`` (default): the concat demuxer reads each still once with its duration and x264
  encodes the low-fps stream directly. No raw frames cross a pipe, so this runs at the
  "practical floor" measured in `benchmarks/video_bench.py`.
- ``moviepy``: `ImageClip`s concatenated and written with `write_videofile(audio=<m4a>,
  audio_codec="copy")`. moviepy pipes every raw RGB frame (2.7 MB per 720p frame) into ffmpeg,
  which measured ~2–3× slower than the concat demuxer at 5 fps; kept for comparison and for
  callers that need moviepy effects.

Both write to a temp file beside the target and rename on success (atomic); a cancel kills the
encoder's process group within ~0.1 s and removes the temp file.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from creator_studio.core import staging
from creator_studio.core import atomic
from creator_studio.core.errors import Cancelled, RenderError
from creator_studio.core.jobs import Job
from creator_studio.core.media import ffmpeg

log = logging.getLogger(__name__)

SUBTITLE_FONT = "Noto Sans CJK SC"


@dataclass(frozen=True)
class VideoPreset:
    name: str
    width: int
    height: int
    fps: int = 5
    gop_seconds: float = 2.0
    crf: int = 23
    x264_preset: str = "ultrafast"
    audio_bitrate: str = "96k"

    def __post_init__(self) -> None:
        if self.width % 2 or self.height % 2:
            raise ValueError("H.264 yuv420p needs even dimensions")

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    @property
    def gop(self) -> int:
        return max(1, int(round(self.fps * self.gop_seconds)))


PRESETS: dict[str, VideoPreset] = {
    "720p": VideoPreset("720p", 1280, 720),
    "1080p": VideoPreset("1080p", 1920, 1080),
    "360p": VideoPreset("360p", 640, 360),  # tests and previews
}


def preset_for(name: str) -> VideoPreset:
    try:
        return PRESETS[name]
    except KeyError:
        raise RenderError(f"不支持的分辨率：{name}（可选 720p、1080p）",
                          f"Unsupported resolution {name!r} (use 720p or 1080p)",
                          code="BAD_OPTION") from None


@dataclass(frozen=True)
class Still:
    path: Path
    duration: float  # seconds, > 0


@dataclass
class EncodeResult:
    path: Path
    duration: float
    width: int
    height: int
    fps: int
    engine: str
    seconds: float


def even(n: float) -> int:
    n = int(round(n))
    return n if n % 2 == 0 else n + 1


def _check_stills(stills: Sequence[Still]) -> float:
    if not stills:
        raise RenderError("没有可编码的画面", "No pictures to encode", code="EMPTY_VIDEO")
    for s in stills:
        if not Path(s.path).is_file():
            raise RenderError(f"画面文件丢失：{Path(s.path).name}", f"Missing still {Path(s.path).name}")
        if not s.duration > 0:
            raise RenderError("画面时长必须大于 0", "Every still needs a positive duration")
    return sum(s.duration for s in stills)


def _force_style(preset: VideoPreset) -> str:
    # libass scales SRT styles to PlayResY=288; 17 ≈ 6 % of the height at any resolution.
    # Outline + soft shadow (BorderStyle=1): the opaque-box style draws one box per glyph run
    # in libass, which leaves seams between CJK characters.
    return (f"FontName={SUBTITLE_FONT},FontSize=17,PrimaryColour=&H00FFFFFF,OutlineColour=&H00202020,"
            "BackColour=&H80000000,BorderStyle=1,Outline=1.6,Shadow=0.8,"
            # safe area: ≥ 5 % of the frame on each side (libass units: 384 × 288)
            "MarginL=20,MarginR=20,MarginV=20")


def _video_filter(preset: VideoPreset, burn: bool) -> str:
    w, h = preset.size
    parts = [f"scale={w}:{h}:force_original_aspect_ratio=decrease",
             f"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color=white", "setsar=1", f"fps={preset.fps}"]
    if burn:
        parts.append(f"subtitles=filename=subs.srt:force_style='{_force_style(preset)}'")
    parts.append("format=yuv420p")
    return ",".join(parts)


def _keyframe_times(stills: Sequence[Still]) -> str:
    t, times = 0.0, []
    for s in stills:
        times.append(f"{t:.3f}")
        t += s.duration
    return ",".join(times)


def _x264_args(preset: VideoPreset, stills: Sequence[Still]) -> list[str]:
    return ["-c:v", "libx264", "-preset", preset.x264_preset, "-tune", "stillimage",
            "-crf", str(preset.crf), "-g", str(preset.gop), "-keyint_min", "1",
            "-force_key_frames", _keyframe_times(stills), "-pix_fmt", "yuv420p"]


def _audio_args(audio: Path | None, preset: VideoPreset) -> list[str]:
    if audio is None:
        return ["-an"]
    if Path(audio).suffix.lower() in (".m4a", ".aac", ".mp4"):
        return ["-c:a", "copy"]
    return ["-c:a", "aac", "-aac_coder", "fast", "-b:a", preset.audio_bitrate, "-ar", "44100"]


def encode_slideshow(stills: Sequence[Still], out: Path, *, audio: Path | None = None,
                     preset: VideoPreset = PRESETS["720p"], srt: Path | None = None,
                     burn_subtitles: bool = False, soft_subtitles: bool = True,
                     job: Job | None = None, engine: str = "ffmpeg",
                     subtitle_language: str = "chi", timeout: float | None = None,
                     metadata: dict[str, str] | None = None) -> EncodeResult:
    """Encode `stills` (each shown for its duration) with `audio` into `out` (atomic).

    `metadata` (e.g. {"title": ...}) is written into the MP4 container.
    """
    total = _check_stills(stills)
    out = Path(out)
    job = job or Job()
    job.raise_if_cancelled()
    if srt is not None and not Path(srt).is_file():
        srt = None
    t0 = time.perf_counter()
    job.progress(0.0, 1.0, "编码视频 / encoding video")
    timeout = timeout if timeout is not None else max(120.0, total * 2)
    work = staging.make_temp_dir("cs-video-")
    try:
        if srt is not None:
            shutil.copyfile(srt, work / "subs.srt")  # a plain name: no filter-path escaping needed
        with atomic.staged_file(out) as tmp:
            if engine == "moviepy":
                _encode_moviepy(stills, tmp, work, audio=audio, preset=preset,
                                srt=(work / "subs.srt") if srt else None, burn=burn_subtitles,
                                soft=soft_subtitles, job=job, total=total, lang=subtitle_language,
                                timeout=timeout, meta=_meta_args(metadata))
            else:
                _encode_ffmpeg(stills, tmp, work, audio=audio, preset=preset,
                               has_srt=srt is not None, burn=burn_subtitles, soft=soft_subtitles,
                               job=job, total=total, lang=subtitle_language, timeout=timeout,
                               meta=_meta_args(metadata))
            if not tmp.is_file() or tmp.stat().st_size == 0:
                raise RenderError("视频编码没有输出", "The encoder produced no file", code="ENCODE_FAILED")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return EncodeResult(out, total, preset.width, preset.height, preset.fps, engine,
                        time.perf_counter() - t0)


def _meta_args(metadata: dict[str, str] | None) -> list[str]:
    args: list[str] = []
    for k, v in (metadata or {}).items():
        clean = str(v).replace("\n", " ").replace("\r", " ")[:200]
        args += ["-metadata", f"{k}={clean}"]
    return args


def _encode_ffmpeg(stills, tmp: Path, work: Path, *, audio, preset, has_srt, burn, soft, job,
                   total, lang, timeout, meta) -> None:
    listing = work / "stills.ffconcat"
    lines = ["ffconcat version 1.0"]
    for s in stills:
        lines.append(f"file {ffmpeg.concat_quote(Path(s.path).resolve())}")
        lines.append(f"duration {s.duration:.6f}")
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["-f", "concat", "-safe", "0", "-i", listing.name]
    maps = ["-map", "0:v:0"]
    n = 1
    if audio is not None:
        args += ["-i", str(Path(audio).resolve())]
        maps += ["-map", f"{n}:a:0"]
        n += 1
    if has_srt and soft:
        args += ["-f", "srt", "-i", "subs.srt"]
        maps += ["-map", f"{n}:s:0"]
        n += 1
    args += maps + ["-vf", _video_filter(preset, burn and has_srt)]
    args += _x264_args(preset, stills) + _audio_args(audio, preset)
    if has_srt and soft:
        args += ["-c:s", "mov_text", f"-metadata:s:s:0", f"language={lang}"]
    args += meta + ["-t", f"{total:.3f}", "-movflags", "+faststart", "-f", "mp4", str(tmp.resolve())]

    def progress(frac: float) -> None:
        job.progress(frac, 1.0, "编码视频 / encoding video")

    ffmpeg.run_ffmpeg(args, job=job, timeout=timeout, cwd=work, total_seconds=total,
                      progress=progress, what="ffmpeg (H.264)")


class _CancelLogger:
    """A proglog-compatible logger that reports frames and aborts moviepy on cancel."""

    def __init__(self, job: Job, total_frames: int) -> None:
        import proglog

        outer = self

        class L(proglog.ProgressBarLogger):
            def bars_callback(self, bar, attr, value, old_value=None):
                if attr == "index":
                    job.progress(value / max(1, outer.total), 1.0, "编码视频 / encoding video")
                job.raise_if_cancelled()

        self.total = total_frames
        self.logger = L()


def _encode_moviepy(stills, tmp: Path, work: Path, *, audio, preset, srt, burn, soft, job,
                    total, lang, timeout, meta) -> None:
    from moviepy import ImageClip, concatenate_videoclips

    clips = []
    video = None
    body = work / "body.mp4"
    try:
        for s in stills:
            clips.append(ImageClip(str(s.path)).with_duration(s.duration))
        video = concatenate_videoclips(clips, method="chain")
        w, h = video.size
        if (w, h) != preset.size:
            video = video.resized(new_size=preset.size)
        logger = _CancelLogger(job, int(total * preset.fps)).logger
        params = ["-tune", "stillimage", "-crf", str(preset.crf), "-g", str(preset.gop),
                  "-force_key_frames", _keyframe_times(stills), "-movflags", "+faststart"] + meta
        video.write_videofile(str(body), fps=preset.fps, codec="libx264",
                              audio=str(audio) if audio is not None else False,
                              audio_codec="copy" if audio is not None else None,
                              preset=preset.x264_preset, threads=2, ffmpeg_params=params,
                              pixel_format="yuv420p", logger=logger)
    except Cancelled:
        raise
    finally:
        for c in clips:
            c.close()
        if video is not None:
            video.close()
    job.raise_if_cancelled()
    # Subtitles (soft and/or burned) in one cheap ffmpeg pass; video is copied unless burning.
    if srt is None:
        shutil.move(str(body), str(tmp))
        return
    args = ["-i", body.name]
    maps = ["-map", "0:v:0", "-map", "0:a?"]
    if soft:
        args += ["-f", "srt", "-i", srt.name]
        maps += ["-map", "1:s:0"]
    args += maps
    if burn:
        args += ["-vf", f"subtitles=filename={srt.name}:force_style='{_force_style(preset)}',format=yuv420p"]
        args += _x264_args(preset, stills)
    else:
        args += ["-c:v", "copy"]
    args += ["-c:a", "copy"]
    if soft:
        args += ["-c:s", "mov_text", "-metadata:s:s:0", f"language={lang}"]
    args += meta + ["-movflags", "+faststart", "-f", "mp4", str(tmp.resolve())]
    ffmpeg.run_ffmpeg(args, job=job, timeout=timeout, cwd=work, what="ffmpeg (subtitles)")
