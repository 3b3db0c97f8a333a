"""The maker's own voice, recorded per page: a crash-safe WAV writer and the clean-up afterwards.

No Qt here (the studio's recorder in `ui/studio/recorder.py` feeds bytes in), so everything can be
tested and reused by the CLI.

WHY a WAV written in chunks rather than one file at the end: a maker who records ten minutes and
then sees the studio crash must not lose the ten minutes (issue 14). `PartialWav` rewrites the RIFF
sizes and fsyncs about once a second, so a file left behind by a crash is a valid WAV up to the
last second; `recover_partial` repairs one whose header is older than its data. Unfinished takes
live in `<project>/recordings/*.part.wav` and the studio offers them back on the next start.

After a take: `auto_trim` finds where speech starts and ends (a few ms of margin, never cutting a
word's soft onset), the maker may move the two handles, `noise_gate` silences hiss between
phrases, and `finalize_take` brings the result to the common format, normalises it to −16 LUFS /
≤ −1 dBTP exactly like TTS (`audio.encode_normalized`) and stores it as a content-addressed
asset (AAC .m4a) — the value `Page.narration_audio` holds.
"""

from __future__ import annotations

import logging
import os
import struct
import tempfile
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from creator_studio.core.errors import StudioError
from creator_studio.core.lesson.assets import AssetStore
from creator_studio.core.media import audio

log = logging.getLogger(__name__)

RECORD_RATE = 44100
RECORDINGS_DIR = "recordings"
PART_SUFFIX = ".part.wav"
FLUSH_SECONDS = 1.0
GATE_DBFS = -50.0            # 10 ms windows quieter than this are silenced (room hiss, fan)
TRIM_DBFS = -40.0            # speech starts where a 20 ms window first rises above this
TRIM_MARGIN = 0.15           # seconds kept before the first / after the last loud window
MAX_TAKE_SECONDS = 30 * 60   # one page's take; longer is refused (the norms cap a page anyway)


class RecordingError(StudioError):
    code = "RECORDING_ERROR"


# ------------------------------------------------------------------------------------------
# Writing while recording


def _header(channels: int, rate: int, width: int, data_bytes: int) -> bytes:
    block = channels * width
    return (b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE"
            + b"fmt " + struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * block, block, width * 8)
            + b"data" + struct.pack("<I", data_bytes))


class PartialWav:
    """A PCM WAV that is valid on disk at every flush (≈ 1 s): sizes rewritten, then fsync."""

    def __init__(self, path: Path, *, rate: int = RECORD_RATE, channels: int = 1, width: int = 2) -> None:
        self.path = Path(path)
        self.rate, self.channels, self.width = rate, channels, width
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._f = open(self.path, "w+b")  # noqa: SIM115 - lives as long as the take
        self._f.write(_header(channels, rate, width, 0))
        self.data_bytes = 0
        self._last_flush = time.monotonic()
        self._pending = 0

    @property
    def seconds(self) -> float:
        return self.data_bytes / float(self.rate * self.channels * self.width)

    def write(self, data: bytes) -> None:
        if self._f is None or not data:
            return
        block = self.channels * self.width
        data = data[: len(data) - len(data) % block]
        self._f.seek(0, os.SEEK_END)
        self._f.write(data)
        self.data_bytes += len(data)
        self._pending += len(data)
        if time.monotonic() - self._last_flush >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self._f is None:
            return
        self._f.seek(4)
        self._f.write(struct.pack("<I", 36 + self.data_bytes))
        self._f.seek(40)
        self._f.write(struct.pack("<I", self.data_bytes))
        self._f.flush()
        os.fsync(self._f.fileno())
        self._last_flush = time.monotonic()
        self._pending = 0

    def close(self) -> Path:
        if self._f is not None:
            self.flush()
            self._f.close()
            self._f = None
        return self.path


def recordings_dir(work_dir: Path) -> Path:
    return Path(work_dir) / RECORDINGS_DIR


def safe_id(page_id: str) -> str:
    """A page id as it appears in a take's file name."""
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in page_id)[:60] or "page"


def part_path(work_dir: Path, page_id: str) -> Path:
    safe = safe_id(page_id)
    return recordings_dir(work_dir) / f"{safe}-{time.strftime('%Y%m%d-%H%M%S')}{PART_SUFFIX}"


@dataclass
class Unfinished:
    path: Path
    page_id: str
    seconds: float


def find_unfinished(work_dir: Path) -> list[Unfinished]:
    """Takes a crash left behind (their header repaired), newest first."""
    out = []
    for p in sorted(recordings_dir(work_dir).glob("*" + PART_SUFFIX),
                    key=lambda q: q.stat().st_mtime, reverse=True):
        try:
            secs = recover_partial(p)
        except RecordingError:
            continue
        page_id = p.name[: -len(PART_SUFFIX)].rsplit("-", 2)[0]
        out.append(Unfinished(p, page_id, secs))
    return out


def has_unfinished(work_dir: Path, page_id: str) -> bool:
    """Cheap check (a glob, no repair) for the page editor: is a crashed take of this page waiting?"""
    safe = safe_id(page_id)
    return any(p.name[: -len(PART_SUFFIX)].rsplit("-", 2)[0] == safe
               for p in recordings_dir(work_dir).glob(f"{safe}-*{PART_SUFFIX}"))


def recover_partial(path: Path) -> float:
    """Make the sizes in a crashed take's header match the bytes on disk; returns seconds."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "r+b") as f:
            head = f.read(44)
            if len(head) < 44 or head[:4] != b"RIFF" or head[8:12] != b"WAVE" or head[36:40] != b"data":
                raise RecordingError("录音文件已损坏，无法恢复", f"The take {path.name} is damaged",
                                     code="RECORDING_DAMAGED")
            channels, rate, _br, block, _bits = struct.unpack("<HIIHH", head[22:36])
            data = size - 44
            data -= data % max(1, block)
            f.seek(4)
            f.write(struct.pack("<I", 36 + data))
            f.seek(40)
            f.write(struct.pack("<I", data))
    except OSError as exc:
        raise RecordingError("无法读取录音文件", f"Cannot read the take {path.name}: {exc}",
                             code="RECORDING_DAMAGED") from None
    return data / float(max(1, rate * block))


# ------------------------------------------------------------------------------------------
# Looking at a take


def level_dbfs(data: bytes) -> float:
    """Peak level of a chunk of 16-bit PCM in dBFS (−90 for silence): the live meter."""
    x = np.frombuffer(data[: len(data) - len(data) % 2], dtype="<i2")
    if len(x) == 0:
        return -90.0
    peak = float(np.max(np.abs(x.astype(np.int32)))) / 32768.0
    return max(-90.0, 20 * np.log10(max(peak, 1e-9)))


def envelope(samples: np.ndarray, bins: int) -> np.ndarray:
    """Peak per bin in 0..1, for drawing a waveform `bins` pixels wide."""
    bins = max(1, int(bins))
    if len(samples) == 0:
        return np.zeros(bins, dtype=np.float32)
    x = np.abs(samples.astype(np.float32)) / 32768.0
    edges = np.linspace(0, len(x), bins + 1).astype(int)
    return np.array([x[a:b].max() if b > a else 0.0 for a, b in zip(edges[:-1], edges[1:])],
                    dtype=np.float32)


def _window_db(samples: np.ndarray, rate: int, window: float) -> tuple[np.ndarray, int]:
    n = max(1, int(rate * window))
    k = len(samples) // n
    if k == 0:
        return np.array([-90.0]), n
    blocks = samples[: k * n].astype(np.float32).reshape(k, n) / 32768.0
    rms = np.sqrt(np.mean(blocks ** 2, axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-9)), n


def auto_trim(samples: np.ndarray, rate: int, *, threshold_dbfs: float = TRIM_DBFS,
              margin: float = TRIM_MARGIN) -> tuple[float, float]:
    """(start, end) in seconds of the part worth keeping; (0, 0) when the take is all silence."""
    db, n = _window_db(samples, rate, 0.02)
    loud = np.flatnonzero(db > threshold_dbfs)
    if len(loud) == 0:
        return 0.0, 0.0
    total = len(samples) / rate
    start = max(0.0, loud[0] * n / rate - margin)
    end = min(total, (loud[-1] + 1) * n / rate + margin)
    return float(start), float(end)


def noise_gate(samples: np.ndarray, rate: int, *, threshold_dbfs: float = GATE_DBFS) -> np.ndarray:
    """Silence 10 ms windows below the gate, with 5 ms ramps so the gate never clicks."""
    db, n = _window_db(samples, rate, 0.01)
    if len(samples) < n:
        return samples
    open_ = (db > threshold_dbfs).astype(np.float32)
    # Hold the gate open one window either side: a word's tail is quiet but wanted.
    held = np.maximum(open_, np.maximum(np.r_[open_[1:], 0], np.r_[0, open_[:-1]]))
    centers = np.arange(len(held)) * n + n / 2
    gain = np.interp(np.arange(len(samples)), centers, held)
    return np.clip(samples.astype(np.float32) * gain, -32768, 32767).astype(np.int16)


# ------------------------------------------------------------------------------------------
# Turning a take into the page's narration


@dataclass
class FinishedTake:
    asset: str                 # content-addressed name in the project's assets folder
    seconds: float             # duration after trimming
    trim: tuple[float, float]  # what was kept of the raw take, in seconds
    loudness: dict             # measured on the stored file (integrated LUFS, true peak)


def finalize_take(raw_wav: Path, assets_root: Path, *, trim: tuple[float, float] | None = None,
                  gate: bool = True, job=None) -> FinishedTake:
    """Trim (given, else automatic), gate, normalise to −16 LUFS and store as an asset (.m4a)."""
    try:
        samples, rate = audio.read_wav(Path(raw_wav))
    except (OSError, EOFError, ValueError, wave.Error) as exc:
        raise RecordingError("无法读取录音", f"Cannot read the take: {exc}", code="RECORDING_DAMAGED") from None
    total = len(samples) / float(rate or 1)
    if total > MAX_TAKE_SECONDS:
        raise RecordingError(f"录音超过 {MAX_TAKE_SECONDS // 60} 分钟，请分段录制",
                             f"A take longer than {MAX_TAKE_SECONDS // 60} minutes; record in parts",
                             code="RECORDING_TOO_LONG")
    start, end = trim if trim is not None else auto_trim(samples, rate)
    start, end = max(0.0, min(start, total)), max(0.0, min(end, total))
    if end - start < 0.2:
        raise RecordingError("录音里没有可用的声音（全是静音），请检查麦克风后重录",
                             "The take holds no usable sound (silence only); check the microphone and retake",
                             code="RECORDING_SILENT")
    cut = samples[int(start * rate): int(end * rate)]
    if gate:
        cut = noise_gate(cut, rate)
    cut = audio.resample(cut, rate)
    with tempfile.TemporaryDirectory(prefix="cs-take-") as tmp:
        wav = audio.write_wav(Path(tmp) / "take.wav", cut)
        m4a = Path(tmp) / "take.m4a"
        result, gain = audio.encode_normalized(wav, m4a, job=job)
        name = AssetStore(Path(assets_root)).put_file(m4a, ".m4a")
    info = result.as_info(gain) if result else {"integrated_lufs": None}
    log.info("take stored as %s: %.2f s, %s", name, len(cut) / audio.COMMON_RATE, info.get("integrated_lufs"))
    return FinishedTake(name, len(cut) / audio.COMMON_RATE, (float(start), float(end)), info)


# ------------------------------------------------------------------------------------------
# Video pages (screen recordings) inside the screen-record MP4


def video_page_asset(lesson, page) -> Path | None:
    """The MP4 of a video page, else None.

    A video page holds exactly one video `Media` block (what `insert_video_page` makes). A slide
    that merely embeds a video among other content (imported from PowerPoint) is not one: its
    video stays a part of the slide picture, as before."""
    from creator_studio.core.lesson import model as m

    if len(page.blocks) == 1 and isinstance(page.blocks[0], m.Media) and page.blocks[0].media_type == "video":
        return lesson.asset_path(page.blocks[0].asset)
    return None


def clip_trim(page, duration: float) -> tuple[float, float]:
    """(in, out) seconds of a video page's clip to play: its `Media.trim_in/trim_out`, kept inside
    the clip and at least 0.2 s long; the whole clip when nothing (or nothing sensible) is set."""
    media = page.blocks[0] if page.blocks else None
    tin = float(getattr(media, "trim_in", 0.0) or 0.0)
    tout = getattr(media, "trim_out", None)
    tout = duration if tout is None else float(tout)
    tin, tout = max(0.0, min(tin, duration)), max(0.0, min(tout, duration))
    if tout - tin < 0.2:
        return 0.0, duration
    return tin, tout


def clip_audio(clip: Path, out_wav: Path, start: float, duration: float, *, job=None) -> Path:
    """The sound of [start, start + duration] of a clip as a WAV (the narration track's part)."""
    from creator_studio.core.media import ffmpeg

    ffmpeg.run_ffmpeg(["-ss", f"{start:.3f}", "-t", f"{duration:.3f}", "-i", str(clip), "-vn",
                       "-ac", "1", "-ar", str(audio.COMMON_RATE), "-c:a", "pcm_s16le", str(out_wav)],
                      job=job, what="ffmpeg (video page sound)")
    return Path(out_wav)


@dataclass
class ClipStrip:
    """What the trim timeline draws for a clip: key frames and the sound's envelope."""

    duration: float
    frames: list                      # RGB uint8 arrays (h, w, 3), evenly spaced over the clip
    frame_times: list[float]
    samples: np.ndarray               # mono int16 at `rate` (empty when the clip has no sound)
    rate: int


def clip_strip(clip: Path, *, frames: int = 8, height: int = 54) -> ClipStrip:
    """Key frames + sound of a clip for the in/out timeline (two ffmpeg reads, no Qt)."""
    from creator_studio.core.media import ffmpeg

    info = ffmpeg.probe(Path(clip))
    dur = float(info["duration"] or 0.0)
    v = info["video"] or {}
    out_frames, times = [], []
    if v and dur > 0:
        w0, h0 = int(v.get("width") or 16), int(v.get("height") or 9)
        width = max(2, int(round(height * w0 / max(1, h0) / 2)) * 2)
        times = [dur * (k + 0.5) / frames for k in range(frames)]
        with tempfile.TemporaryDirectory(prefix="cs-strip-") as tmp:
            rgb = Path(tmp) / "frames.rgb"
            ffmpeg.run_ffmpeg(["-i", str(clip), "-vf", f"fps={frames / dur:.6f},scale={width}:{height}",
                               "-frames:v", str(frames), "-f", "rawvideo", "-pix_fmt", "rgb24", str(rgb)],
                              timeout=120, what="ffmpeg (key frames)")
            raw = rgb.read_bytes() if rgb.is_file() else b""
        size = width * height * 3
        out_frames = [np.frombuffer(raw[k * size:(k + 1) * size], np.uint8).reshape(height, width, 3)
                      for k in range(len(raw) // size)]
        times = times[: len(out_frames)]
    samples, rate = np.zeros(0, np.int16), 8000
    if info["audio"]:
        with tempfile.TemporaryDirectory(prefix="cs-strip-") as tmp:
            wav = ffmpeg.to_wav(Path(clip), Path(tmp) / "a.wav", rate=rate)
            samples, rate = audio.read_wav(wav)
    return ClipStrip(dur, out_frames, times, samples, rate)


# ------------------------------------------------------------------------------------------
# After a screen recording: region crop, cursor and click highlights (drawn on the frames)

HIGHLIGHT_RADIUS = 22        # px at the recording's size: a soft yellow disc follows the cursor
CLICK_SECONDS = 0.45         # a click draws a red ring that grows and fades for this long


@dataclass
class CursorSample:
    t: float          # seconds on the recording's clock (pauses already taken out)
    x: float          # screen pixels
    y: float
    pressed: bool     # any mouse button down


def _click_starts(track: list[CursorSample]) -> list[tuple[float, float, float]]:
    out, was = [], False
    for c in track:
        if c.pressed and not was:
            out.append((c.t, c.x, c.y))
        was = c.pressed
    return out


def draw_cursor(frame: np.ndarray, t: float, track: list[CursorSample], clicks, *,
                scale: tuple[float, float] = (1.0, 1.0), origin: tuple[int, int] = (0, 0)) -> np.ndarray:
    """Draw the cursor highlight (and any click rings still alive at `t`) onto one RGB frame."""
    h, w = frame.shape[:2]
    if not track:
        return frame
    ts = np.fromiter((c.t for c in track), float, len(track))
    k = int(np.searchsorted(ts, t, side="right")) - 1
    if k < 0:
        return frame
    sx, sy = scale
    ox, oy = origin

    def at(x, y):
        return (x - ox) * sx, (y - oy) * sy

    cx, cy = at(track[k].x, track[k].y)
    r = HIGHLIGHT_RADIUS
    x0, x1 = int(max(0, cx - r - 8)), int(min(w, cx + r + 8))
    y0, y1 = int(max(0, cy - r - 8)), int(min(h, cy + r + 8))
    if x1 > x0 and y1 > y0:
        yy, xx = np.mgrid[y0:y1, x0:x1]
        d = np.hypot(xx - cx, yy - cy)
        a = (np.clip(1.0 - d / r, 0, 1) ** 0.5 * 0.45)[..., None]
        patch = frame[y0:y1, x0:x1].astype(np.float32)
        frame[y0:y1, x0:x1] = (patch * (1 - a) + np.array([255, 220, 0], np.float32) * a).astype(np.uint8)
    for t0, x, y in clicks:
        age = t - t0
        if not 0 <= age <= CLICK_SECONDS:
            continue
        px, py = at(x, y)
        radius = 10 + 26 * age / CLICK_SECONDS
        alpha = 0.9 * (1 - age / CLICK_SECONDS)
        m = int(radius + 4)
        x0, x1 = int(max(0, px - m)), int(min(w, px + m))
        y0, y1 = int(max(0, py - m)), int(min(h, py + m))
        if x1 <= x0 or y1 <= y0:
            continue
        yy, xx = np.mgrid[y0:y1, x0:x1]
        ring = (np.abs(np.hypot(xx - px, yy - py) - radius) <= 2.5)[..., None] * alpha
        patch = frame[y0:y1, x0:x1].astype(np.float32)
        frame[y0:y1, x0:x1] = (patch * (1 - ring) + np.array([230, 30, 30], np.float32) * ring).astype(np.uint8)
    return frame


def finish_screen_clip(src: Path, dst: Path, *, crop: tuple[int, int, int, int] | None = None,
                       cursor: list[CursorSample] | None = None, screen_size: tuple[int, int] | None = None,
                       job=None) -> Path:
    """The recorded MP4 → the clip the lesson keeps: cropped to the region (x, y, w, h in screen
    pixels) and/or with the cursor highlight and click rings drawn on every frame. Qt's screen
    capture has no region and does not draw clicks, so this one pass does both (MPEG-4 Part 2 like
    the recording, its sound copied). Without crop and cursor the source is copied unchanged."""
    import shutil
    import subprocess

    from creator_studio.core.media import ffmpeg

    src, dst = Path(src), Path(dst)
    if not crop and not cursor:
        shutil.copyfile(src, dst)
        return dst
    info = ffmpeg.probe(src)
    v = info["video"] or {}
    fw, fh = int(v.get("width") or 0), int(v.get("height") or 0)
    num, _, den = str(v.get("avg_frame_rate") or v.get("r_frame_rate") or "25/1").partition("/")
    try:
        fps = float(num) / float(den or 1)
    except (ValueError, ZeroDivisionError):
        fps = 25.0
    fps = fps if 1 <= fps <= 120 else 25.0
    sw, sh = screen_size or (fw, fh)
    scale = (fw / max(1, sw), fh / max(1, sh))  # device pixels per screen pixel
    vf, origin, (ow, oh) = [], (0, 0), (fw, fh)
    if crop:
        x, y, w, h = crop
        cx, cy = int(round(x * scale[0])) // 2 * 2, int(round(y * scale[1])) // 2 * 2
        ow = max(16, min(fw - cx, int(round(w * scale[0])))) // 2 * 2
        oh = max(16, min(fh - cy, int(round(h * scale[1])))) // 2 * 2
        vf.append(f"crop={ow}:{oh}:{cx}:{cy}")
        origin = (x, y)
    exe = ffmpeg.ffmpeg_exe()
    enc_tail = ["-map", "1:a?", "-c:v", "mpeg4", "-q:v", "3", "-c:a", "copy", "-movflags", "+faststart", str(dst)]
    if not cursor:
        ffmpeg.run_ffmpeg(["-i", str(src), "-vf", ",".join(vf), "-map", "0:v", "-map", "0:a?", "-c:v", "mpeg4",
                           "-q:v", "3", "-c:a", "copy", "-movflags", "+faststart", str(dst)],
                          job=job, what="ffmpeg (screen region)")
        return dst
    clicks = _click_starts(cursor)
    dec = subprocess.Popen([exe, "-v", "error", "-i", str(src), "-vf", ",".join(vf + [f"fps={fps:.6f}"]),
                            "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
    enc = subprocess.Popen([exe, "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{ow}x{oh}",
                            "-r", f"{fps:.6f}", "-i", "-", "-i", str(src), "-map", "0:v", *enc_tail],
                           stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    size, n = ow * oh * 3, 0
    try:
        while True:
            if job is not None:
                job.raise_if_cancelled()
            buf = dec.stdout.read(size)
            if len(buf) < size:
                break
            frame = np.frombuffer(buf, np.uint8).reshape(oh, ow, 3).copy()
            enc.stdin.write(draw_cursor(frame, n / fps, cursor, clicks, scale=scale, origin=origin).tobytes())
            n += 1
    finally:
        dec.stdout.close()
        dec.wait(60)
        try:
            enc.stdin.close()
        except BrokenPipeError:
            pass
        err = enc.stderr.read().decode("utf-8", "replace")
        enc.wait(300)
        for proc in (dec, enc):
            if proc.poll() is None:
                proc.kill()
    if enc.returncode != 0 or n == 0:
        raise RecordingError("无法处理录屏（区域/光标）", f"Cannot finish the screen recording: {err.strip()[-300:]}",
                             code="RECORDING_DAMAGED")
    return dst


WEBCAM_FRACTION = 0.22      # the bubble's diameter as a share of the recording's height
WEBCAM_MARGIN = 24


def composite_webcam(screen: Path, camera: Path, dst: Path, *, corner: str = "br",
                     fraction: float = WEBCAM_FRACTION, offset: float = 0.0, job=None) -> Path:
    """Picture-in-picture: the webcam clip as a round bubble in a corner of the screen recording
    (one ffmpeg pass; the screen's sound is kept). `offset`: seconds the camera started after the
    screen (its frames are shifted to match). The bubble leaves when the camera clip ends."""
    from creator_studio.core.media import ffmpeg

    info = ffmpeg.probe(Path(screen))
    v = info["video"] or {}
    fw, fh = int(v.get("width") or 1280), int(v.get("height") or 720)
    d = max(32, int(fh * fraction)) // 2 * 2
    x = WEBCAM_MARGIN if corner in ("bl", "tl") else fw - d - WEBCAM_MARGIN
    y = WEBCAM_MARGIN if corner in ("tl", "tr") else fh - d - WEBCAM_MARGIN
    r = d / 2
    chain = (f"[1:v]setpts=PTS-STARTPTS+{max(0.0, offset):.3f}/TB,"
             f"scale={d}:{d}:force_original_aspect_ratio=increase,crop={d}:{d},format=yuva420p,"
             f"geq=lum='lum(X,Y)':cb='cb(X,Y)':cr='cr(X,Y)':a='if(lte(hypot(X-{r},Y-{r}),{r - 1}),255,0)'[cam];"
             f"[0:v][cam]overlay={x}:{y}:eof_action=pass:format=auto[v]")
    ffmpeg.run_ffmpeg(["-i", str(screen), "-i", str(camera), "-filter_complex", chain, "-map", "[v]",
                       "-map", "0:a?", "-c:v", "mpeg4", "-q:v", "3", "-c:a", "copy", "-movflags", "+faststart",
                       str(dst)], job=job, what="ffmpeg (webcam bubble)")
    return Path(dst)


WEB_VIDEO_CODECS = ("h264",)        # what every browser and phone plays in <video> (MP4)
WEB_AUDIO_CODECS = ("aac", "mp3")


def web_playable(info: dict) -> bool:
    """Can a browser play this MP4 as it is? Qt's recordings here (MPEG-4 Part 2) cannot: Chromium
    answers '' to canPlayType('video/mp4; codecs="mp4v.20.9"') (checked), phones neither."""
    v, a = info.get("video") or {}, info.get("audio")
    return (v.get("codec_name") in WEB_VIDEO_CODECS and v.get("pix_fmt") in ("yuv420p", "yuvj420p", None)
            and (a is None or a.get("codec_name") in WEB_AUDIO_CODECS))


def web_clip(src: Path, dst: Path, *, start: float = 0.0, end: float | None = None, job=None) -> Path:
    """The kept part of a clip as H.264/AAC MP4 with the index at the front (for H5)."""
    from creator_studio.core.media import ffmpeg

    cut = ["-ss", f"{start:.3f}"] + ([] if end is None else ["-t", f"{max(0.1, end - start):.3f}"])
    ffmpeg.run_ffmpeg([*cut, "-i", str(src), "-map", "0:v:0", "-map", "0:a?", "-c:v", "libx264", "-preset",
                       "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2",
                       "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", str(dst)],
                      job=job, what="ffmpeg (video for the web)")
    return Path(dst)


def concat_course(slots: list, out: Path, *, preset, audio_track: Path | None, srt: Path | None,
                  metadata: dict | None = None, work: Path, fps: int = 25, job=None) -> dict:
    """The course MP4 with video pages, joined without re-encoding the whole course.

    `slots`: in order, ("stills", [video.Still, …]) for a run of slide pages (title and end cards
    included) and ("clip", (path, in_point, length, lead, slot_seconds)) for a video page. Each run
    of slides is encoded alone and each clip is transcoded alone — all H.264 with the *same* x264
    settings at `fps` (measured: parts at different frame rates gave broken timestamps when
    stream-copied) — then the parts are joined with ffmpeg's concat demuxer (`-c copy`) and the
    narration track and soft subtitles are muxed in, also copied. A clip's part fills its page's
    slot: its first frame holds during the lead-in, its last after it ends."""
    import dataclasses
    import time as _time

    from creator_studio.core import atomic
    from creator_studio.core.media import ffmpeg
    from creator_studio.core.media import video as mvideo

    t0 = _time.perf_counter()
    p25 = dataclasses.replace(preset, fps=fps)
    w, h = p25.size
    parts: list[Path] = []
    for k, (kind, what) in enumerate(slots):
        part = work / f"part-{k:03d}.mp4"
        if kind == "stills":
            mvideo.encode_slideshow(what, part, audio=None, preset=p25, srt=None, job=job)
        else:
            path, tin, length, lead, slot = what
            tail = max(0.0, slot - lead - length)
            vf = (f"scale={w}:{h}:force_original_aspect_ratio=decrease,pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color=white,"
                  f"setsar=1,fps={fps},tpad=start_duration={lead:.3f}:start_mode=clone:"
                  f"stop_duration={tail + 1.0:.3f}:stop_mode=clone,format=yuv420p")
            ffmpeg.run_ffmpeg(["-ss", f"{tin:.3f}", "-t", f"{length:.3f}", "-i", str(path), "-an", "-vf", vf,
                               "-t", f"{slot:.3f}", "-c:v", "libx264", "-preset", p25.x264_preset, "-tune",
                               "stillimage", "-crf", str(p25.crf), "-g", str(p25.gop), "-keyint_min", "1",
                               "-pix_fmt", "yuv420p", str(part)], job=job, what="ffmpeg (video page part)")
        parts.append(part)
    listing = work / "parts.ffconcat"
    listing.write_text("ffconcat version 1.0\n" + "".join(f"file {ffmpeg.concat_quote(q.resolve())}\n"
                                                         for q in parts), encoding="utf-8")
    joined = work / "joined.mp4"
    t_join = _time.perf_counter()
    ffmpeg.run_ffmpeg(["-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy", str(joined)],
                      job=job, what="ffmpeg (join without re-encoding)")
    join_seconds = _time.perf_counter() - t_join
    args = ["-i", str(joined)]
    maps = ["-map", "0:v"]
    if audio_track is not None:
        args += ["-i", str(audio_track)]
        maps += ["-map", "1:a"]
    if srt is not None:
        args += ["-i", str(srt)]
        maps += ["-map", f"{len(args) // 2 - 1}:s", "-c:s", "mov_text", "-metadata:s:s:0", "language=chi"]
    meta = [x for k, v in (metadata or {}).items() if v for x in ("-metadata", f"{k}={v}")]
    with atomic.staged_file(Path(out)) as tmp:
        ffmpeg.run_ffmpeg(args + maps + ["-c:v", "copy", "-c:a", "copy", *meta, "-movflags", "+faststart",
                                         "-f", "mp4", str(tmp)], job=job, what="ffmpeg (mux course)")
    return {"video_pages": sum(1 for kind, _ in slots if kind == "clip"), "video_page_fps": fps,
            "video_page_join": "concat (-c copy)", "video_page_join_seconds": round(join_seconds, 2),
            "video_page_parts_seconds": round(_time.perf_counter() - t0, 2)}


def overlay_video_pages(course_mp4: Path, clips: list[tuple[Path, float, float]], size: tuple[int, int],
                        *, fps: int = 25, job=None) -> dict:
    """Put each clip (path, start, duration[, in point]) over the slideshow at its page's place.

    WHY one overlay pass instead of concatenating segments without re-encoding: the slideshow
    is H.264 at 5 fps and Qt's recordings are MPEG-4 Part 2 at 25–30 fps, so the codecs never
    match and a stream copy is impossible; one x264 pass at `fps` keeps the demo smooth, the
    audio (already placed by the narration track) and the soft subtitles are copied.
    Returns {"video_pages": n, "overlay_seconds": …}.
    """
    import time as _time

    from creator_studio.core import atomic
    from creator_studio.core.media import ffmpeg

    if not clips:
        return {"video_pages": 0}
    t0 = _time.perf_counter()
    w, h = size
    args = ["-i", str(course_mp4)]
    chain, last = [], "[0:v]"
    for i, (path, start, dur, *rest) in enumerate(clips, start=1):
        offset = float(rest[0]) if rest else 0.0  # the clip's in point (Media.trim_in)
        args += ["-i", str(path)]
        chain.append(f"[{i}:v]scale={w}:{h}:force_original_aspect_ratio=decrease,"
                     f"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2,fps={fps},"
                     f"trim=start={offset:.3f}:duration={dur:.3f},"
                     f"setpts=PTS-STARTPTS+{start:.3f}/TB[c{i}]")
        chain.append(f"{last}[c{i}]overlay=eof_action=pass:enable='between(t,{start:.3f},{start + dur:.3f})'[o{i}]")
        last = f"[o{i}]"
    with atomic.staged_file(Path(course_mp4)) as tmp:
        ffmpeg.run_ffmpeg(args + ["-filter_complex", ";".join(chain), "-map", last, "-map", "0:a?",
                                  "-map", "0:s?", "-r", str(fps), "-c:v", "libx264", "-preset", "veryfast",
                                  "-crf", "23", "-pix_fmt", "yuv420p", "-c:a", "copy", "-c:s", "copy",
                                  "-map_metadata", "0", "-movflags", "+faststart", "-f", "mp4", str(tmp)],
                          job=job, what="ffmpeg (video pages)")
    return {"video_pages": len(clips), "video_page_fps": fps,
            "video_page_overlay_seconds": round(_time.perf_counter() - t0, 2)}
