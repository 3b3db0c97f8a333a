"""Fixtures for media tests: tones (WAV/MP3); helpers live in media_helpers.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from media_helpers import write_tone  # noqa: E402

from creator_studio.core.media import ffmpeg  # noqa: E402


@pytest.fixture
def tone_wav(tmp_path) -> Path:
    return write_tone(tmp_path / "my-voice.wav", seconds=1.5)


@pytest.fixture
def tone_mp3(tmp_path) -> Path:
    src = write_tone(tmp_path / "src.wav", seconds=2.0, rate=44100, channels=1)
    dst = tmp_path / "my-voice.mp3"
    ffmpeg.run_ffmpeg(["-i", str(src), "-c:a", "libmp3lame", "-b:a", "64k", str(dst)])
    return dst
