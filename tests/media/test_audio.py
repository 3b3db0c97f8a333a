"""The narration track: sample-exact placement, cut at the next segment, exact total length."""

from __future__ import annotations

import numpy as np
import pytest

from creator_studio.core.media import audio, ffmpeg

from media_helpers import write_tone


def test_segments_land_at_their_start_and_total_is_exact(tmp_path):
    a = write_tone(tmp_path / "a.wav", seconds=1.0, rate=22050, channels=1)
    b = write_tone(tmp_path / "b.wav", seconds=3.0, rate=44100, channels=2)
    out = audio.build_track_wav([audio.Segment(b, 2.0), audio.Segment(a, 0.5), audio.Segment(None, 1.0)],
                                4.0, tmp_path / "t.wav")
    data, rate = audio.read_wav(out)
    assert rate == audio.COMMON_RATE and len(data) == 4 * rate
    loud = np.abs(data.astype(np.int32)) > 500

    def first_loud(after: float) -> float:
        return (np.argmax(loud[int(after * rate):]) + int(after * rate)) / rate

    assert first_loud(0) == pytest.approx(0.5, abs=0.01)
    assert not loud[int(1.6 * rate):int(1.95 * rate)].any()  # silence between the segments
    assert first_loud(1.6) == pytest.approx(2.0, abs=0.01)
    assert loud[int(3.9 * rate):].any()  # b is cut at the end of the track, not beyond


def test_overlapping_segment_is_cut_at_the_next_start(tmp_path):
    a = write_tone(tmp_path / "a.wav", seconds=2.0, rate=44100, channels=1, freq=300)
    b = write_tone(tmp_path / "b.wav", seconds=0.5, rate=44100, channels=1, freq=3000)
    out = audio.build_track_wav([audio.Segment(a, 0.0), audio.Segment(b, 1.0)], 3.0, tmp_path / "t.wav")
    data, rate = audio.read_wav(out)
    assert len(data) == 3 * rate
    assert not (np.abs(data[int(1.6 * rate):].astype(np.int32)) > 500).any()  # a did not continue after b


def test_build_track_encodes_aac_once(tmp_path):
    a = write_tone(tmp_path / "a.wav", seconds=1.0)
    m4a = audio.build_track([audio.Segment(a, 0.2)], 2.5, tmp_path / "track.m4a")
    p = ffmpeg.probe(m4a)
    assert p["audio"]["codec_name"] == "aac"
    assert p["duration"] == pytest.approx(2.5, abs=0.05)
    assert sorted(f.name for f in tmp_path.iterdir()) == ["a.wav", "track.m4a"]


def test_resample_and_trim():
    x = (np.sin(np.arange(22050) / 5) * 10000).astype(np.int16)
    y = audio.resample(x, 22050)
    assert len(y) == 44100
    padded = np.concatenate([np.zeros(10000, np.int16), y, np.zeros(10000, np.int16)])
    trimmed = audio.trim_silence(padded)
    assert len(y) <= len(trimmed) < len(y) + 0.1 * audio.COMMON_RATE
    assert len(audio.trim_silence(np.zeros(100, np.int16))) == 0


def test_loudness_without_true_peak_has_the_same_integrated_value(tmp_path):
    """The normaliser's gain steps skip ebur128's 4× oversampling (most of its cost); the
    integrated loudness they steer by must not change, and the peak is marked unknown."""
    tone = write_tone(tmp_path / "t.wav", seconds=3.0, rate=44100, channels=1, freq=700)
    full = audio.measure_loudness(tone)
    quick = audio.measure_loudness(tone, true_peak=False)
    assert quick.integrated == full.integrated
    assert np.isnan(quick.true_peak) and not np.isnan(full.true_peak)


def test_normalised_track_meets_loudness_and_peak_targets(tmp_path):
    loud = write_tone(tmp_path / "loud.wav", seconds=4.0, rate=44100, channels=1, freq=500)
    m4a = audio.build_track([audio.Segment(loud, 0.0)], 4.0, tmp_path / "n.m4a", report=(rep := {}))
    got = audio.measure_loudness(m4a)
    assert got.integrated == pytest.approx(audio.TARGET_LUFS, abs=0.5)
    assert got.true_peak <= audio.TARGET_TP + 0.05
    assert rep["integrated_lufs"] == pytest.approx(got.integrated, abs=0.1)
