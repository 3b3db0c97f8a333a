"""core/media/recording.py without any audio device: crash-safe WAV, trimming, gate, finishing."""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from creator_studio.core.media import audio, ffmpeg, recording

RATE = 44100


def _tone(seconds: float, hz: float = 440.0, amp: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (amp * 32767 * np.sin(2 * np.pi * hz * t)).astype(np.int16)


def test_partial_wav_is_valid_at_every_flush_and_recovers_after_a_crash(tmp_path):
    path = tmp_path / "recordings" / "p1-20260101-000000.part.wav"
    code = (
        "import sys, os, numpy as np\n"
        "from pathlib import Path\n"
        "from creator_studio.core.media import recording\n"
        "w = recording.PartialWav(Path(sys.argv[1]))\n"
        "x = (np.sin(np.arange(44100)*2*np.pi*440/44100)*9000).astype('<i2').tobytes()\n"
        "w.write(x); w.flush(); w.write(x); w.flush()\n"
        "w.write(x[:20000])\n"  # unflushed: the header still says 2 s
        "os._exit(9)\n"  # a crash: no close, no header update
    )
    res = subprocess.run([sys.executable, "-c", code, str(path)], timeout=60)
    assert res.returncode == 9
    with wave.open(str(path)) as w:  # readable as is: the last flush wrote a consistent header
        assert w.getnframes() == 2 * RATE
    found = recording.find_unfinished(tmp_path)
    assert [u.page_id for u in found] == ["p1"]
    assert found[0].seconds == pytest.approx(2 + 10000 / RATE, abs=1e-3)  # repaired to the bytes on disk
    samples, rate = audio.read_wav(path)
    assert rate == RATE and len(samples) == 2 * RATE + 10000


def test_damaged_part_is_not_offered(tmp_path):
    d = recording.recordings_dir(tmp_path)
    d.mkdir(parents=True)
    (d / "p2-20260101-000000.part.wav").write_bytes(b"not a wav at all")
    assert recording.find_unfinished(tmp_path) == []


def test_auto_trim_keeps_the_voice_and_cuts_silence():
    x = np.concatenate([np.zeros(int(1.0 * RATE), np.int16), _tone(2.0), np.zeros(int(1.5 * RATE), np.int16)])
    x = x + np.random.default_rng(1).normal(0, 20, len(x)).astype(np.int16)  # room hiss ≈ −64 dBFS
    start, end = recording.auto_trim(x, RATE)
    assert start == pytest.approx(1.0 - recording.TRIM_MARGIN, abs=0.03)
    assert end == pytest.approx(3.0 + recording.TRIM_MARGIN, abs=0.03)
    assert recording.auto_trim(np.zeros(RATE, np.int16), RATE) == (0.0, 0.0)


def test_noise_gate_silences_hiss_but_not_speech():
    hiss = np.random.default_rng(2).normal(0, 30, RATE).astype(np.int16)
    x = np.concatenate([hiss, _tone(1.0)])
    y = recording.noise_gate(x, RATE)
    assert np.abs(y[: RATE - 1000]).max() == 0
    assert np.abs(y[RATE + 2000:]).max() > 9000


def test_level_meter_and_envelope():
    assert recording.level_dbfs(_tone(0.1, amp=0.5).tobytes()) == pytest.approx(-6.0, abs=0.2)
    assert recording.level_dbfs(b"") == -90.0
    env = recording.envelope(np.concatenate([np.zeros(RATE, np.int16), _tone(1.0, amp=0.5)]), 10)
    assert env[:4].max() == 0 and env[6:].min() > 0.45


@pytest.mark.slow
def test_finalize_take_trims_normalises_and_stores_an_asset(tmp_path):
    raw = audio.write_wav(tmp_path / "take.wav", np.concatenate(
        [np.zeros(RATE, np.int16), _tone(3.0, amp=0.05), np.zeros(RATE, np.int16)]))
    done = recording.finalize_take(raw, tmp_path / "assets")
    assert done.asset.endswith(".m4a") and (tmp_path / "assets" / done.asset).is_file()
    assert done.seconds == pytest.approx(3.0 + 2 * recording.TRIM_MARGIN, abs=0.05)
    assert done.loudness["integrated_lufs"] == pytest.approx(-16.0, abs=0.5)
    assert done.loudness["true_peak_dbtp"] <= -1.0
    again = recording.finalize_take(raw, tmp_path / "assets")
    assert again.asset == done.asset  # content-addressed: same take, same name
    hand = recording.finalize_take(raw, tmp_path / "assets", trim=(1.5, 2.5))
    assert hand.seconds == pytest.approx(1.0, abs=0.01)
    assert ffmpeg.probe(tmp_path / "assets" / hand.asset)["duration"] == pytest.approx(1.0, abs=0.06)


def test_silent_take_is_a_typed_error(tmp_path):
    raw = audio.write_wav(tmp_path / "take.wav", np.zeros(2 * RATE, np.int16))
    with pytest.raises(recording.RecordingError) as ei:
        recording.finalize_take(raw, tmp_path / "assets")
    assert ei.value.code == "RECORDING_SILENT" and "静音" in ei.value.message_zh
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF....")
    with pytest.raises(recording.RecordingError):
        recording.finalize_take(bad, tmp_path / "assets")
