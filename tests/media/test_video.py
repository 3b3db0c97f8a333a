"""The encoder: stream properties, subtitles, both engines, atomic output and cancellation."""

from __future__ import annotations

import threading
import time

import pytest

from creator_studio.core.errors import Cancelled, RenderError
from creator_studio.core.jobs import Job
from creator_studio.core.media import audio, captions, ffmpeg, video
from creator_studio.core.media.video import PRESETS, Still, encode_slideshow

from media_helpers import child_processes, make_stills, write_tone


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("enc")
    stills = make_stills(d, 3, durations=[1.0, 1.6, 1.2])
    total = sum(s.duration for s in stills)
    voice = write_tone(d / "voice.wav", seconds=1.2, rate=22050, channels=1)
    track = audio.build_track([audio.Segment(voice, 0.3), audio.Segment(voice, 1.4)], total, d / "track.m4a")
    cues = captions.build_cues([("第一页的字幕。", 0.3, 1.0), ("第二页的字幕比较长一点。", 1.4, 2.6)], total)
    srt = d / "subs.srt"
    srt.write_text(captions.to_srt(cues), encoding="utf-8")
    return d, stills, total, track, srt


def _kinds(p):
    return {s["codec_type"]: s["codec_name"] for s in p["streams"]}


@pytest.mark.parametrize("engine", ["ffmpeg", "moviepy"])
def test_stream_contract(inputs, tmp_path, engine):
    d, stills, total, track, srt = inputs
    out = tmp_path / "out.mp4"
    job = Job()
    seen = []
    job.subscribe(lambda ev: seen.append(ev.fraction))
    res = encode_slideshow(stills, out, audio=track, preset=PRESETS["360p"], srt=srt, engine=engine, job=job)
    assert res.engine == engine
    assert seen == sorted(seen) and seen[0] == 0 and max(seen) > 0.5  # ffmpeg/moviepy progress parsed
    p = ffmpeg.probe(out)
    assert _kinds(p) == {"video": "h264", "audio": "aac", "subtitle": "mov_text"}
    v = p["video"]
    assert v["pix_fmt"] == "yuv420p"
    assert (v["width"], v["height"]) == (640, 360)
    assert v["width"] % 2 == 0 and v["height"] % 2 == 0
    assert p["duration"] == pytest.approx(total, abs=0.5)
    head = out.read_bytes()[:4096]
    assert head.find(b"moov") != -1 and head.find(b"moov") < max(head.find(b"mdat"), 4096)  # faststart
    assert [f.name for f in tmp_path.iterdir()] == ["out.mp4"]  # no temp files left


def test_keyframes_at_slide_changes(inputs, tmp_path):
    d, stills, total, track, srt = inputs
    out = tmp_path / "k.mp4"
    encode_slideshow(stills, out, audio=track, preset=PRESETS["360p"])
    res = ffmpeg.run([ffmpeg.ffprobe_exe(), "-v", "error", "-select_streams", "v:0", "-skip_frame", "nokey",
                      "-show_entries", "frame=pts_time", "-of", "csv=p=0", str(out)])
    keys = [float(x.strip(",")) for x in res.stdout.split() if x.strip(",")]
    for t in (0.0, 1.0, 2.6):
        assert any(abs(k - t) <= 0.21 for k in keys), (t, keys)


def test_burned_subtitles_change_the_picture(inputs, tmp_path):
    d, stills, total, track, srt = inputs
    plain, burned = tmp_path / "plain.mp4", tmp_path / "burned.mp4"
    encode_slideshow(stills, plain, audio=track, preset=PRESETS["360p"], srt=srt, soft_subtitles=False)
    encode_slideshow(stills, burned, audio=track, preset=PRESETS["360p"], srt=srt, burn_subtitles=True)
    assert "subtitle" not in _kinds(ffmpeg.probe(plain))

    def frame(path):
        png = tmp_path / (path.stem + ".png")
        ffmpeg.run_ffmpeg(["-ss", "0.6", "-i", str(path), "-frames:v", "1", str(png)])
        from PIL import Image, ImageChops

        return Image.open(png).convert("RGB"), ImageChops

    a, chops = frame(plain)
    b, _ = frame(burned)
    box = chops.difference(a, b).convert("L").point(lambda v: 255 if v > 60 else 0).getbbox()
    assert box is not None and box[1] > 360 // 2  # the difference is in the lower half: a caption


def test_even_sizes_enforced():
    with pytest.raises(ValueError):
        video.VideoPreset("odd", 641, 360)
    assert video.even(641) == 642 and video.even(640) == 640


def test_bad_inputs_are_typed_errors(tmp_path):
    with pytest.raises(RenderError):
        encode_slideshow([], tmp_path / "x.mp4")
    with pytest.raises(RenderError):
        encode_slideshow([Still(tmp_path / "missing.png", 1.0)], tmp_path / "x.mp4")
    stills = make_stills(tmp_path / "s", 1)
    with pytest.raises(RenderError):
        encode_slideshow([Still(stills[0].path, 0.0)], tmp_path / "x.mp4")
    with pytest.raises(RenderError):
        video.preset_for("4k")


def test_cancel_mid_encode_is_fast_and_clean(tmp_path):
    stills = make_stills(tmp_path / "s", 3, size=(1920, 1080), durations=[100.0, 100.0, 100.0])
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "course.mp4"
    job = Job()
    seen = []
    job.subscribe(lambda ev: seen.append(ev.fraction))
    before = {pid for pid, _ in child_processes()}
    timer = threading.Timer(0.8, job.cancel)
    timer.start()
    t0 = time.perf_counter()
    with pytest.raises(Cancelled):
        encode_slideshow(stills, out, preset=PRESETS["1080p"], job=job)
    cancelled_after = time.perf_counter() - t0
    assert cancelled_after < 0.8 + 1.0, cancelled_after
    assert not out.exists()
    assert list(out_dir.iterdir()) == []  # the temp file went too
    time.sleep(0.1)
    left = [(pid, name) for pid, name in child_processes() if pid not in before]
    assert left == [], left
    assert seen, "progress was reported while encoding"


def test_cancel_with_moviepy_engine(tmp_path):
    stills = make_stills(tmp_path / "s", 2, size=(1280, 720), durations=[60.0, 60.0])
    out = tmp_path / "m.mp4"
    job = Job()
    threading.Timer(0.8, job.cancel).start()
    t0 = time.perf_counter()
    with pytest.raises(Cancelled):
        encode_slideshow(stills, out, preset=PRESETS["720p"], job=job, engine="moviepy")
    assert time.perf_counter() - t0 < 0.8 + 1.5
    assert not out.exists()
    time.sleep(0.2)
    assert [n for _, n in child_processes() if "ffmpeg" in n] == []


def test_awkward_paths(tmp_path):
    """Chinese, spaces, quotes, colons and brackets in folder names (concat list + subtitles filter)."""
    odd = tmp_path / "我的课程 it's [v1]: 终稿, 副本;"
    stills = make_stills(odd / "图片", 2, durations=[1.0, 1.0])
    srt = odd / "字幕 'a'.srt"
    srt.write_text(captions.to_srt([captions.Cue(0.2, 1.5, "中文字幕")]), encoding="utf-8")
    out = odd / "输出" / "课程 'final'.mp4"
    encode_slideshow(stills, out, preset=PRESETS["360p"], srt=srt, burn_subtitles=True)
    p = ffmpeg.probe(out)
    assert p["video"]["codec_name"] == "h264" and p["subtitle"]["codec_name"] == "mov_text"
