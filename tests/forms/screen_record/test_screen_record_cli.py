"""End to end through the CLI on a real deck: LibreOffice slides, espeak-ng narration, ffprobe."""

from __future__ import annotations

import pytest
from PIL import Image

from creator_studio.core.media import ffmpeg

from sr_samples import cue_times


def test_cli_writes_the_three_files_and_manifest(cli_run):
    assert cli_run["rc"] == 0
    for name in ("course.mp4", "course.srt", "course.vtt"):
        assert (cli_run["dir"] / name).stat().st_size > 0
    form = cli_run["manifest"]["forms"]["screen-record"]
    info = form["info"]
    assert info["raster_backend"] == "libreoffice", info.get("raster_fallback_reason")
    assert info["tts_engine"] == "espeak-ng"
    assert info["resolution"] == "720p" and info["codec"] == "h264"
    assert info["slide_count"] == 2 and info["hidden_skipped"] == 1
    assert {f["path"] for f in form["files"]} == {"screen-record/course.mp4", "screen-record/course.srt",
                                                   "screen-record/course.vtt"}


def test_stream_properties(cli_run):
    p = ffmpeg.probe(cli_run["dir"] / "course.mp4")
    v, a, s = p["video"], p["audio"], p["subtitle"]
    assert v["codec_name"] == "h264" and v["pix_fmt"] == "yuv420p"
    assert (v["width"], v["height"]) == (1280, 720)
    assert a["codec_name"] == "aac"
    assert s is not None and s["codec_name"] == "mov_text"
    planned = cli_run["manifest"]["forms"]["screen-record"]["info"]["planned_duration"]
    assert p["duration"] == pytest.approx(planned, abs=0.5)
    assert float(a["duration"]) == pytest.approx(planned, abs=0.5)


def test_captions_monotonic_inside_video_and_skip_hidden(cli_run):
    duration = ffmpeg.probe(cli_run["dir"] / "course.mp4")["duration"]
    srt = (cli_run["dir"] / "course.srt").read_text(encoding="utf-8")
    vtt = (cli_run["dir"] / "course.vtt").read_text(encoding="utf-8")
    times = cue_times(srt)
    assert times and times == cue_times(vtt)
    prev = 0.0
    for a, b in times:
        assert prev <= a < b <= duration + 1e-3
        prev = b
    assert times[0][0] >= 3.0  # after the title card
    assert "欢迎学习个人养老金" in srt and "12000元" in srt
    assert "隐藏页" not in srt


def test_frames_show_libreoffice_slides(cli_run, tmp_path):
    """At 4 s the first slide is on screen: LibreOffice's white slide, not the blue title card."""
    mp4 = cli_run["dir"] / "course.mp4"
    title_png, slide_png = tmp_path / "t.png", tmp_path / "s.png"
    ffmpeg.run_ffmpeg(["-ss", "1.0", "-i", str(mp4), "-frames:v", "1", str(title_png)])
    ffmpeg.run_ffmpeg(["-ss", "4.0", "-i", str(mp4), "-frames:v", "1", str(slide_png)])
    with Image.open(title_png) as t, Image.open(slide_png) as s:
        t, s = t.convert("RGB"), s.convert("RGB")
    tr, tg, tb = t.getpixel((20, 20))
    assert tb > tr + 40  # theme gradient
    assert min(s.getpixel((20, 20))) > 235
    dark = s.crop((0, 0, 1280, 300)).convert("L").point(lambda v: 255 if v < 70 else 0).histogram()[255]
    assert dark > 500  # the title text is drawn
