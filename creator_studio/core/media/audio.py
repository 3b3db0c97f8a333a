"""PCM WAV in one common format, and the narration track built once for a whole video.

All narration (espeak-ng, a system voice, the maker's own MP3/WAV, silence) is brought to
44.1 kHz mono 16-bit PCM. The track is then assembled in Python, sample-exact: each segment is
placed at its slide's start and padded with zeros to the slide's length, so audio and slide
changes never drift (ffmpeg's concat of many small files rounds each one to a packet). One ffmpeg
call turns the WAV into AAC, which the video encoder copies as is.
"""

from __future__ import annotations

import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from creator_studio.core import atomic
from creator_studio.core.jobs import Job
from creator_studio.core.media import ffmpeg

COMMON_RATE = 44100
COMMON_CHANNELS = 1


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """Mono int16 samples and the sample rate of a PCM WAV (stereo is averaged)."""
    with wave.open(str(path), "rb") as w:
        rate, channels, width, n = w.getframerate(), w.getnchannels(), w.getsampwidth(), w.getnframes()
        raw = w.readframes(n)
    if width == 2:
        data = np.frombuffer(raw, dtype="<i2")
    elif width == 1:
        data = ((np.frombuffer(raw, dtype=np.uint8).astype(np.int16) - 128) << 8)
    elif width == 4:
        data = (np.frombuffer(raw, dtype="<i4") >> 16).astype(np.int16)
    else:
        raise ValueError(f"unsupported sample width {width}")
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1).astype(np.int16)
    return data.astype(np.int16, copy=False), rate


def write_wav(path: Path, samples: np.ndarray, rate: int = COMMON_RATE) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.asarray(samples, dtype="<i2").tobytes())
    return Path(path)


def resample(samples: np.ndarray, rate: int, target: int = COMMON_RATE) -> np.ndarray:
    """Linear-interpolation resampling; enough for speech synthesised at 16–24 kHz."""
    if rate == target or len(samples) == 0:
        return samples
    n_out = int(round(len(samples) * target / rate))
    x_out = np.arange(n_out) * (rate / target)
    return np.interp(x_out, np.arange(len(samples)), samples.astype(np.float32)).astype(np.int16)


def to_common(src: Path, dst: Path) -> float:
    """Rewrite a PCM WAV in the common format; returns its duration in seconds."""
    data, rate = read_wav(src)
    data = resample(data, rate)
    write_wav(dst, data)
    return len(data) / COMMON_RATE


def wav_duration(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate())


def write_silence(path: Path, seconds: float) -> Path:
    return write_wav(path, np.zeros(int(round(max(0.0, seconds) * COMMON_RATE)), dtype=np.int16))


def trim_silence(samples: np.ndarray, threshold: int = 200) -> np.ndarray:
    """Cut leading/trailing near-silence (espeak adds some) so padding is ours to control."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > threshold)
    if len(loud) == 0:
        return samples[:0]
    margin = int(0.03 * COMMON_RATE)
    return samples[max(0, loud[0] - margin): loud[-1] + margin]


@dataclass
class Segment:
    """One piece of narration placed on the timeline."""

    wav: Path | None
    start: float  # seconds from the start of the video


def _fade(data: np.ndarray) -> np.ndarray:
    """5 ms fades where a clip starts or was cut: no clicks (moviepy #1005 in spirit)."""
    f = min(len(data) // 2, int(0.005 * COMMON_RATE))
    if f <= 0:
        return data
    ramp = np.linspace(0.0, 1.0, f, dtype=np.float32)
    out = data.astype(np.float32)
    out[:f] *= ramp
    out[-f:] *= ramp[::-1]
    return out.astype(np.int16)


def build_track_wav(segments: Sequence[Segment], total: float, dst: Path) -> Path:
    """Place segments on a silent bed of length `total`; a segment is cut at the next start.

    Streams to disk (one segment in memory at a time), so an hour of narration does not need
    300 MB of RAM.
    """
    n_total = int(round(total * COMMON_RATE))
    placed = sorted((s for s in segments if s.wav is not None), key=lambda s: s.start)
    silence_chunk = np.zeros(COMMON_RATE, dtype=np.int16)
    with wave.open(str(dst), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(COMMON_RATE)
        pos = 0

        def pad_to(target: int) -> None:
            nonlocal pos
            while pos < target:
                k = min(target - pos, len(silence_chunk))
                w.writeframes(silence_chunk[:k].tobytes())
                pos += k

        for i, seg in enumerate(placed):
            a = min(n_total, int(round(seg.start * COMMON_RATE)))
            limit = int(round(placed[i + 1].start * COMMON_RATE)) if i + 1 < len(placed) else n_total
            limit = min(limit, n_total)
            pad_to(a)
            if pos >= limit:
                continue
            data, rate = read_wav(seg.wav)
            data = _fade(resample(data, rate)[: limit - pos])
            w.writeframes(np.asarray(data, dtype="<i2").tobytes())
            pos += len(data)
        pad_to(n_total)
    return Path(dst)


def build_track(segments: Sequence[Segment], total: float, dst_m4a: Path, *,
                job: Job | None = None) -> Path:
    """The whole narration as AAC (.m4a), written atomically."""
    dst_m4a = Path(dst_m4a)
    wav = dst_m4a.with_suffix(".track.wav")
    build_track_wav(segments, total, wav)
    try:
        with atomic.staged_file(dst_m4a) as tmp:
            ffmpeg.encode_aac(wav, tmp, job=job)
    finally:
        wav.unlink(missing_ok=True)
    return dst_m4a
