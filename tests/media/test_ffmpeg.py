"""The media-tool runner: timeouts and cancel kill the whole process group; probing works."""

from __future__ import annotations

import threading
import time

import pytest

from creator_studio.core.errors import Cancelled
from creator_studio.core.jobs import Job
from creator_studio.core.media import audio, ffmpeg

from media_helpers import make_stills, processes_matching, write_tone


def test_timeout_kills_the_whole_group():
    marker = "31.4159"
    t0 = time.perf_counter()
    with pytest.raises(ffmpeg.MediaToolError) as err:
        ffmpeg.run(["sh", "-c", f"sleep {marker} & sleep {marker}; wait"], timeout=0.5)
    assert err.value.code == "MEDIA_TOOL_TIMEOUT"
    assert time.perf_counter() - t0 < 2.0
    time.sleep(0.1)
    assert processes_matching(f"sleep {marker}") == []


def test_cancel_from_another_thread_within_a_second():
    marker = "27.1828"
    job = Job()
    threading.Timer(0.3, job.cancel).start()
    t0 = time.perf_counter()
    with pytest.raises(Cancelled):
        ffmpeg.run(["sh", "-c", f"sleep {marker} & sleep {marker}; wait"], job=job, timeout=60)
    assert time.perf_counter() - t0 < 1.3
    time.sleep(0.1)
    assert processes_matching(f"sleep {marker}") == []


def test_nonzero_exit_is_a_typed_error(tmp_path):
    with pytest.raises(ffmpeg.MediaToolError) as err:
        ffmpeg.run_ffmpeg(["-i", str(tmp_path / "missing.wav"), str(tmp_path / "x.wav")])
    assert err.value.message_zh and err.value.message_en
    assert err.value.details["returncode"] != 0


def test_missing_tool_is_a_typed_error():
    with pytest.raises(ffmpeg.MediaToolError):
        ffmpeg.run(["/nonexistent/tool-xyz"])


def test_to_wav_and_concat(tmp_path):
    a = write_tone(tmp_path / "a.wav", seconds=0.5, rate=8000, channels=2)
    a2 = ffmpeg.to_wav(a, tmp_path / "a2.wav", rate=audio.COMMON_RATE)
    assert audio.wav_duration(a2) == pytest.approx(0.5, abs=0.01)
    both = ffmpeg.concat_wavs_ffmpeg([a2, a2], tmp_path / "both.wav")
    assert audio.wav_duration(both) == pytest.approx(1.0, abs=0.02)


@pytest.fixture(scope="module")
def small_mp4(tmp_path_factory):
    from creator_studio.core.media import video

    d = tmp_path_factory.mktemp("probe")
    stills = make_stills(d, 2, durations=[1.0, 1.2])
    out = d / "x.mp4"
    video.encode_slideshow(stills, out, preset=video.PRESETS["360p"])
    return out


def test_probe(small_mp4):
    p = ffmpeg.probe(small_mp4)
    assert p["video"]["codec_name"] == "h264"
    assert p["video"]["pix_fmt"] == "yuv420p"
    assert (p["video"]["width"], p["video"]["height"]) == (640, 360)
    assert p["audio"] is None
    assert p["duration"] == pytest.approx(2.2, abs=0.25)


def test_probe_without_ffprobe(small_mp4, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_FFPROBE", "none")
    ffmpeg.ffprobe_exe.cache_clear()
    try:
        p = ffmpeg.probe(small_mp4)
    finally:
        ffmpeg.ffprobe_exe.cache_clear()
    assert p["video"]["codec_name"] == "h264"
    assert p["video"]["width"] == 640
    assert p["duration"] == pytest.approx(2.2, abs=0.25)


def test_probe_missing_file(tmp_path):
    with pytest.raises(ffmpeg.MediaToolError) as err:
        ffmpeg.probe(tmp_path / "nope.mp4")
    assert err.value.code == "NOT_FOUND"


def test_quoting():
    assert ffmpeg.concat_quote("/a/it's.png") == "'/a/it'\\''s.png'"
    assert ffmpeg.filter_escape("C:\\x\\a:b'c[d],e;f") == "C\\:\\\\x\\\\a\\:b\\'c\\[d\\]\\,e\\;f"


def test_no_file_descriptors_leak_across_many_runs():
    import os

    job = Job()  # one long job, many tool runs (one espeak call per page)
    ffmpeg.run(["true"], job=job)
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(40):
        ffmpeg.run(["true"], job=job)
    assert len(os.listdir("/proc/self/fd")) <= before + 2
