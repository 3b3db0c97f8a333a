"""TTS: every engine and every fallback path, all producing common-format WAVs."""

from __future__ import annotations

import sys
import wave

import numpy as np
import pytest

from creator_studio.core.errors import Cancelled
from creator_studio.core.jobs import Job
from creator_studio.core.media import audio, tts
from creator_studio.core.media.tts import VoiceSpec, synthesize

TEXT = "各位同事好，今天学习2026年的新产品，收益率3.5%。"


def _check_common(path, duration):
    with wave.open(str(path), "rb") as w:
        assert w.getframerate() == audio.COMMON_RATE
        assert w.getnchannels() == 1 and w.getsampwidth() == 2
        assert w.getnframes() / w.getframerate() == pytest.approx(duration, abs=0.01)


def _rms(path) -> float:
    data, _ = audio.read_wav(path)
    return float(np.sqrt(np.mean(data.astype(np.float64) ** 2))) if len(data) else 0.0


def test_espeak_speaks_normalised_mandarin(tmp_path):
    n = synthesize(TEXT, tmp_path / "a.wav")
    assert n.engine == "espeak-ng"
    assert n.fallbacks == []
    assert 1.0 < n.duration < 30
    assert "百分之三点五" in n.text and "二零二六年" in n.text
    _check_common(n.wav_path, n.duration)
    assert _rms(n.wav_path) > 300  # actual speech, not silence


def test_espeak_voice_variants_differ(tmp_path):
    f = synthesize("你好，欢迎光临。", tmp_path / "f.wav", VoiceSpec(espeak_voice="cmn+f3", pitch=70))
    m = synthesize("你好，欢迎光临。", tmp_path / "m.wav", VoiceSpec(espeak_voice="cmn+m3", pitch=30, speed=140))
    assert f.engine == m.engine == "espeak-ng"
    assert f.wav_path.read_bytes() != m.wav_path.read_bytes()
    assert m.duration > f.duration * 0.9  # slower speech is not shorter


def test_espeak_absent_falls_back_to_silence_with_reasons(tmp_path, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_ESPEAK", "none")
    n = synthesize(TEXT, tmp_path / "a.wav")
    assert n.engine == "none"
    assert any(f.startswith("espeak-ng:") for f in n.fallbacks)
    assert any(f.startswith("system:") for f in n.fallbacks)
    assert n.duration == pytest.approx(tts.silence_seconds(n.text))
    _check_common(n.wav_path, n.duration)
    assert _rms(n.wav_path) == 0


def test_broken_espeak_binary_falls_back(tmp_path, monkeypatch):
    fake = tmp_path / "espeak-ng"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("CREATOR_STUDIO_ESPEAK", str(fake))
    n = synthesize(TEXT, tmp_path / "a.wav")
    assert n.engine == "none"
    assert "espeak-ng" in n.fallbacks[0]


def test_system_choice_on_linux_falls_back_to_espeak(tmp_path):
    if sys.platform != "linux":  # the assertion below is about Linux's pyttsx3 situation
        pytest.fail("this suite runs on Linux")
    n = synthesize(TEXT, tmp_path / "a.wav", VoiceSpec(engine="system"))
    assert n.engine == "espeak-ng"
    assert n.fallbacks and n.fallbacks[0].startswith("system:") and "espeak" in n.fallbacks[0]
    assert tts.available_engines()["system"]  # reported unavailable, with a reason


def test_system_disabled_by_env(monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_SYSTEM_TTS", "none")
    name, reason = tts.system_engine()
    assert name is None and "disabled" in reason


def test_none_engine_is_silence_sized_to_text(tmp_path):
    short = synthesize("你好。", tmp_path / "s.wav", VoiceSpec(engine="none"))
    long = synthesize("你好。" * 30, tmp_path / "l.wav", VoiceSpec(engine="none"))
    assert short.engine == long.engine == "none"
    assert long.duration > short.duration >= 1.5
    assert short.fallbacks == []


def test_recorded_wav_wins_and_is_converted(tmp_path, tone_wav):
    n = synthesize(TEXT, tmp_path / "r.wav", VoiceSpec().with_recording(tone_wav))
    assert n.engine == "recorded"
    assert n.duration == pytest.approx(1.5, abs=0.02)
    _check_common(n.wav_path, n.duration)
    assert _rms(n.wav_path) > 1000


def test_recorded_mp3(tmp_path, tone_mp3):
    n = synthesize("", tmp_path / "r.wav", VoiceSpec(engine="none").with_recording(tone_mp3))
    assert n.engine == "recorded"
    assert n.duration == pytest.approx(2.0, abs=0.1)
    _check_common(n.wav_path, n.duration)


def test_unreadable_recording_falls_back_to_espeak(tmp_path):
    bad = tmp_path / "broken.mp3"
    bad.write_bytes(b"not audio at all" * 100)
    n = synthesize(TEXT, tmp_path / "r.wav", VoiceSpec().with_recording(bad))
    assert n.engine == "espeak-ng"
    assert n.fallbacks[0].startswith("recorded:")


def test_missing_recording_falls_back(tmp_path, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_ESPEAK", "none")
    n = synthesize(TEXT, tmp_path / "r.wav", VoiceSpec().with_recording(tmp_path / "gone.wav"))
    assert n.engine == "none"
    assert [f.split(":")[0] for f in n.fallbacks] == ["recorded", "espeak-ng", "system"]


def test_empty_text_without_recording_is_zero_length(tmp_path):
    n = synthesize("  \v ", tmp_path / "e.wav")
    assert n.engine == "none" and n.duration == 0


def test_chain_order():
    assert tts.engine_chain(VoiceSpec(engine="auto")) == ["espeak", "system", "none"]
    assert tts.engine_chain(VoiceSpec(engine="system")) == ["system", "espeak", "none"]
    assert tts.engine_chain(VoiceSpec(engine="none", recorded=__file__)) == ["recorded", "none"]


def test_cancelled_job_stops_synthesis(tmp_path):
    job = Job()
    job.cancel()
    with pytest.raises(Cancelled):
        synthesize(TEXT, tmp_path / "c.wav", job=job)
