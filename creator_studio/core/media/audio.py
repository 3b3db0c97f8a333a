"""PCM WAV in one common format, and the narration track built once for a whole video.

All narration (espeak-ng, a system voice, the maker's own MP3/WAV, silence) is brought to
44.1 kHz mono 16-bit PCM. The track is then assembled in Python, sample-exact: each segment is
placed at its slide's start and padded with zeros to the slide's length, so audio and slide
changes never drift (ffmpeg's concat of many small files rounds each one to a packet). One ffmpeg
call turns the WAV into AAC, which the video encoder copies as is.

Loudness (issue 13 §5): the track is normalised to −16 LUFS integrated with the true peak at or
below −1 dBTP, EBU R128 through ffmpeg's `loudnorm` in two passes (measure, then apply with the
measured values; linear when the peak allows, else loudnorm's own limiter). The target peak is
−1.5 dBTP so the AAC encode's overshoot stays under −1. The loudness of the encoded file is then
measured again and reported — the figure in the manifest is what a learner hears.
"""

from __future__ import annotations

import json
import logging
import os
import re
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from creator_studio.core import atomic
from creator_studio.core.jobs import Job
from creator_studio.core.media import ffmpeg

log = logging.getLogger(__name__)

COMMON_RATE = 44100
COMMON_CHANNELS = 1
TARGET_LUFS = -16.0
TARGET_TP = -1.0          # what we promise (dBTP)
_LIMIT_TP = -1.5          # what loudnorm aims at, leaving room for the AAC encoder's overshoot
TARGET_LRA = 11.0


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


@dataclass(frozen=True)
class Loudness:
    integrated: float   # LUFS
    true_peak: float    # dBTP
    lra: float          # LU

    def as_info(self, gain_db: float | None = None) -> dict:
        out = {"integrated_lufs": round(self.integrated, 1), "true_peak_dbtp": round(self.true_peak, 1),
               "lra_lu": round(self.lra, 1), "target_lufs": TARGET_LUFS, "target_true_peak_dbtp": TARGET_TP,
               "method": "EBU R128 (ffmpeg ebur128) two-pass: measure, gain + peak limiter, measure"}
        if gain_db is not None:
            out["gain_db"] = round(gain_db, 2)
        return out


_I_RE = re.compile(r"Integrated loudness:\s*I:\s*(-?[\d.]+|-inf|nan)\s*LUFS", re.S)
_LRA_RE = re.compile(r"Loudness range:\s*LRA:\s*(-?[\d.]+|-inf|nan)\s*LU", re.S)
_TP_RE = re.compile(r"True peak:\s*Peak:\s*(-?[\d.]+|-inf|nan)\s*dBFS", re.S)


def measure_loudness(path: Path, *, job: Job | None = None, timeout: float = 600,
                     start: float | None = None, duration: float | None = None,
                     true_peak: bool = True) -> Loudness | None:
    """EBU R128 loudness (integrated, true peak, LRA) of any audio, or the audio of a video
    (only `duration` seconds from `start` when given: one page of a course); None when it is
    silent. ffmpeg's `ebur128` filter: ≈ 350× real time here, where `loudnorm`'s analysis (it
    resamples to 192 kHz) ran at ≈ 43×. Without `true_peak` (its 4× oversampling is most of the
    cost: 0.23 → 0.09 s for 121 s of speech) the result's `true_peak` is NaN."""
    part = ([] if start is None else ["-ss", f"{start:.3f}"]) + ([] if duration is None else ["-t", f"{duration:.3f}"])
    af = "ebur128=peak=true:framelog=quiet" if true_peak else "ebur128=framelog=quiet"
    res = ffmpeg.run([ffmpeg.ffmpeg_exe(), "-hide_banner", "-nostdin", *part, "-i", str(path), "-vn",
                      "-af", af, "-f", "null", "-"],
                     job=job, timeout=timeout, what="ffmpeg (loudness)")
    if res.returncode != 0:
        raise ffmpeg.MediaToolError("无法测量响度", f"Cannot measure loudness: {res.stderr.strip()[-300:]}")
    summary = res.stderr[res.stderr.rfind("Summary:"):]
    vals = []
    for rx in (_I_RE, _TP_RE, _LRA_RE):
        m = rx.search(summary)
        try:
            vals.append(float(m.group(1)) if m else float("nan"))
        except ValueError:
            vals.append(float("nan"))
    i, tp, lra = vals
    if not (i == i) or i < -69 or tp == float("-inf"):
        return None
    if not true_peak:
        return Loudness(i, float("nan"), lra if lra == lra else 0.0)
    return Loudness(i, tp if tp == tp else 0.0, lra if lra == lra else 0.0)


def _limit_and_gain(src: Path, dst: Path, gain_db: float, ceiling_db: float) -> None:
    """Apply `gain_db`, keeping sample peaks under `ceiling_db` dBFS with a smooth limiter.

    Peaks are found per 64-sample block (1.5 ms); each block's gain is the smaller of its own and
    its neighbours' (look-ahead), then interpolated per sample, so the gain moves over ≈ 3 ms and
    never clicks. Streams in 1-second chunks: a 4-hour track never sits in memory.
    """
    gain = 10 ** (gain_db / 20)
    ceiling = 10 ** (ceiling_db / 20) * 32767
    block = 64
    with wave.open(str(src), "rb") as r, wave.open(str(dst), "wb") as w:
        rate = r.getframerate()
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        chunk = rate - rate % block
        while True:
            raw = r.readframes(chunk)
            if not raw:
                break
            x = np.frombuffer(raw, dtype="<i2").astype(np.float32) * gain
            pad = (-len(x)) % block
            xp = np.concatenate([x, np.zeros(pad, dtype=np.float32)])
            peaks = np.abs(xp).reshape(-1, block).max(axis=1)
            g = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-6))
            g = np.minimum(g, np.minimum(np.concatenate([g[1:], g[-1:]]), np.concatenate([g[:1], g[:-1]])))
            centers = np.arange(len(g)) * block + block / 2
            gs = np.interp(np.arange(len(xp)), centers, g)
            y = np.clip(xp * gs, -32768, 32767)[: len(x)]
            w.writeframes(y.astype("<i2").tobytes())


def encode_normalized(src_wav: Path, dst: Path, *, job: Job | None = None, codec: str = "aac",
                      bitrate: str = "96k") -> tuple[Loudness | None, float | None]:
    """Normalise a PCM WAV to −16 LUFS / ≤ −1 dBTP and encode it (AAC .m4a, or Opus).

    Two passes: measure (EBU R128), then one gain with a peak limiter in numpy, encode, and
    measure the encoded file. espeak-ng speech is peaky (−0.2 dBTP at −19 LUFS), so a plain gain
    would clip; `loudnorm`'s dynamic fallback landed at −16.9 LUFS on it, which is why the
    limiter is ours. If the encoder's overshoot still crosses −1 dBTP, the ceiling drops 1 dB
    and the encode is repeated once. Returns (loudness of the result or None if silent, gain).
    """
    def encode(wav: Path) -> None:
        if codec == "aac":
            ffmpeg.encode_aac(wav, dst, bitrate=bitrate, job=job)
        else:
            ffmpeg.run_ffmpeg(["-i", str(wav), "-vn", "-c:a", "libopus", "-b:a", bitrate, "-ar", "48000",
                               str(dst)], job=job, what="ffmpeg (Opus)")

    # the gain steps need only the integrated loudness; the true peak is measured on the result
    measured = measure_loudness(src_wav, job=job, true_peak=False)
    if measured is None:
        encode(src_wav)
        return None, None
    tmp = Path(dst).with_name(Path(dst).name + ".norm.wav")
    gain_db = TARGET_LUFS - measured.integrated
    ceiling = _LIMIT_TP - 0.5  # sample peak; inter-sample peaks add up to ≈ 0.5 dB
    try:
        result = None
        for _attempt in range(3):
            _limit_and_gain(src_wav, tmp, gain_db, ceiling)
            after = measure_loudness(tmp, job=job, true_peak=False)
            if after is not None and abs(after.integrated - TARGET_LUFS) > 0.3:
                gain_db += TARGET_LUFS - after.integrated  # the limiter took some loudness away
                _limit_and_gain(src_wav, tmp, gain_db, ceiling)
            encode(tmp)
            result = measure_loudness(dst, job=job)
            if result is None or result.true_peak <= TARGET_TP:
                break
            ceiling -= 1.0
        return result, gain_db
    finally:
        tmp.unlink(missing_ok=True)


def build_track(segments: Sequence[Segment], total: float, dst_m4a: Path, *,
                job: Job | None = None, normalize: bool = True, report: dict | None = None) -> Path:
    """The whole narration as AAC (.m4a), written atomically.

    With `normalize` (default) it is brought to −16 LUFS / ≤ −1 dBTP; `report`, when given, is
    filled with the measured loudness of the result (`Loudness.as_info`), or
    {"integrated_lufs": None} for a silent track.
    """
    dst_m4a = Path(dst_m4a)
    wav = dst_m4a.with_suffix(".track.wav")
    build_track_wav(segments, total, wav)
    try:
        with atomic.staged_file(dst_m4a) as tmp:
            if normalize:
                result, gain = encode_normalized(wav, tmp, job=job)
                if report is not None:
                    report.update(result.as_info(gain) if result else
                                  {"integrated_lufs": None, "note": "silent track"})
            else:
                ffmpeg.encode_aac(wav, tmp, job=job)
    finally:
        wav.unlink(missing_ok=True)
    return dst_m4a


def silent_fraction(path: Path, *, window: float = 1.0, threshold_dbfs: float = -45.0,
                    job: Job | None = None) -> tuple[float, float]:
    """(fraction of 1-s windows whose RMS is below `threshold_dbfs`, duration in seconds) of the
    audio in `path` (a video or an audio file). No audio stream at all counts as all silent."""
    import tempfile

    fd, name = tempfile.mkstemp(prefix="cs-silence-", suffix=".pcm")
    os.close(fd)
    pcm = Path(name)
    try:
        res = ffmpeg.run([ffmpeg.ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
                          "-i", str(path), "-vn", "-ac", "1", "-ar", "8000", "-f", "s16le", str(pcm)],
                         job=job, timeout=600, what="ffmpeg (silence)")
        raw = pcm.read_bytes() if res.returncode == 0 else b""
    finally:
        pcm.unlink(missing_ok=True)
    data = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if len(data) == 0:
        dur = ffmpeg.probe(path)["duration"] if Path(path).is_file() else 0.0
        return 1.0, float(dur or 0.0)
    n = int(8000 * window)
    k = max(1, len(data) // n)
    blocks = data[: k * n].reshape(k, n) if len(data) >= n else data.reshape(1, -1)
    rms = np.sqrt(np.mean(blocks ** 2, axis=1))
    db = 20 * np.log10(np.maximum(rms, 1e-9))
    return float(np.mean(db < threshold_dbfs)), len(data) / 8000.0
