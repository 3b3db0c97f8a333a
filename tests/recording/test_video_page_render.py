"""A video page (screen recording) inside the screen-record MP4: its picture and its own audio
play in its slot, between slide pages (issue 14)."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from creator_studio.core.forms.screen_record import ScreenRecordFormat
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.lesson.assets import AssetStore
from creator_studio.core.media import audio, ffmpeg

from .conftest import dominant_hz  # noqa: TID252


def _clip(path, seconds=3.0, with_audio=True):
    """Like Qt's recordings: MPEG-4 Part 2 at 25 fps, green|magenta, AAC 440 Hz."""
    args = [ffmpeg.ffmpeg_exe(), "-v", "error", "-y",
            "-f", "lavfi", "-i", f"color=c=0x00c800:s=640x360:r=25:d={seconds}",
            "-f", "lavfi", "-i", f"color=c=0xc800c8:s=640x360:r=25:d={seconds}"]
    if with_audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=44100:duration={seconds}"]
    args += ["-filter_complex", "[0:v][1:v]hstack[v]", "-map", "[v]"]
    if with_audio:
        args += ["-map", "2:a", "-c:a", "aac"]
    args += ["-c:v", "mpeg4", "-q:v", "4", str(path)]
    subprocess.run(args, check=True, timeout=120)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("with_audio", [True, False])
def test_video_page_plays_in_its_slot(tmp_path, with_audio):
    root = tmp_path / "assets"
    name = AssetStore(root).put_file(_clip(tmp_path / "clip.mp4", with_audio=with_audio), ".mp4")
    lesson = m.Lesson(title="理赔系统演示", pages=[
        m.Page(id="p1", title="报案", narration="先报案。"),
        m.Page(id="video-1", title="录屏", blocks=[m.Media(asset=name, media_type="video", mime="video/mp4")]),
        m.Page(id="p2", title="结案", narration="再结案。"),
    ])
    lesson.asset_root = root
    out = tmp_path / "out"
    art = ScreenRecordFormat().render(lesson, out, {"tts": "none", "raster": "builtin", "resolution": "720p"}, Job())
    assert art.info["video_pages"] == 1
    mp4 = out / "screen-record" / "course.mp4"
    info = ffmpeg.probe(mp4)
    assert info["subtitle"] is not None  # soft captions survived the overlay pass
    # find the clip's slot: title card 3 s, then p1, then the video page
    w, h = 1280, 720

    def frame(ts):
        res = subprocess.run([ffmpeg.ffmpeg_exe(), "-v", "error", "-ss", f"{ts:.2f}", "-i", str(mp4),
                              "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                             capture_output=True, timeout=60)
        return np.frombuffer(res.stdout, np.uint8).reshape(h, w, 3).astype(int)

    # scan the video for green-left / magenta-right frames: that run is the clip
    green = []
    for ts in np.arange(0, info["duration"] - 0.6, 0.5):
        f = frame(ts)
        if abs(f[h // 2, w // 4] - [0, 200, 0]).max() < 40 and abs(f[h // 2, 3 * w // 4] - [200, 0, 200]).max() < 40:
            green.append(ts)
    assert green, "the screen recording never appears in the course video"
    assert green[-1] - green[0] == pytest.approx(2.5, abs=0.6)  # 3 s clip sampled every 0.5 s
    assert green[0] > 3.0  # after the title card and page 1
    wav = tmp_path / "a.wav"
    ffmpeg.to_wav(mp4, wav, rate=44100)
    y, r = audio.read_wav(wav)
    seg = y[int((green[0] + 0.5) * r): int((green[0] + 1.5) * r)]
    if with_audio:
        assert dominant_hz(seg, r) == pytest.approx(440, abs=3)  # the clip's own sound, in sync
    else:
        assert np.abs(seg.astype(int)).max() < 200


def test_video_page_detection_is_strict(tmp_path):
    from creator_studio.core.media import recording

    root = tmp_path / "assets"
    root.mkdir()
    (root / "a.mp4").write_bytes(b"x")
    lesson = m.Lesson(pages=[])
    lesson.asset_root = root
    video = m.Media(asset="a.mp4", media_type="video")
    assert recording.video_page_asset(lesson, m.Page(id="v", blocks=[video])) == root / "a.mp4"
    # a slide embedding a video among its content is not a video page
    assert recording.video_page_asset(lesson, m.Page(id="s", blocks=[m.Heading(text="t"), video])) is None
    assert recording.video_page_asset(lesson, m.Page(id="a", blocks=[m.Media(asset="a.mp4")])) is None


@pytest.mark.slow
def test_unreadable_video_page_is_a_warning_not_a_crash(tmp_path):
    root = tmp_path / "assets"
    name = AssetStore(root).put(b"not an mp4 at all", ".mp4")
    lesson = m.Lesson(title="t", pages=[m.Page(id="p1", title="报案", narration="先报案。"),
                                        m.Page(id="video-1", blocks=[m.Media(asset=name, media_type="video")])])
    lesson.asset_root = root
    art = ScreenRecordFormat().render(lesson, tmp_path / "out", {"tts": "none", "raster": "builtin"}, Job())
    assert "video_pages" not in art.info
    assert any("unreadable screen recording" in w for w in art.warnings)


@pytest.mark.slow
def test_video_pages_are_joined_without_re_encoding_the_course(tmp_path):
    """The default path: slide runs and clips encoded alone (same x264 settings, 25 fps) and
    stream-copied together — decodes cleanly, keeps its length; burned captions take the overlay
    pass instead (they would have to be burned into every part)."""
    root = tmp_path / "assets"
    name = AssetStore(root).put_file(_clip(tmp_path / "clip.mp4"), ".mp4")
    lesson = m.Lesson(title="理赔系统演示", pages=[
        m.Page(id="p1", title="报案", narration="先报案。"),
        m.Page(id="video-1", title="录屏", blocks=[m.Media(asset=name, media_type="video", mime="video/mp4")]),
        m.Page(id="p2", title="结案", narration="再结案。"),
    ])
    lesson.asset_root = root
    out = tmp_path / "out"
    art = ScreenRecordFormat().render(lesson, out, {"tts": "none", "raster": "builtin", "resolution": "720p"}, Job())
    assert art.info["video_page_join"].startswith("concat") and art.info["codec"] == "h264" and art.info["fps"] == 25
    mp4 = out / "screen-record" / "course.mp4"
    info = ffmpeg.probe(mp4)
    assert info["duration"] == pytest.approx(art.info["planned_duration"], abs=0.15)
    assert info["subtitle"] is not None and info["audio"] is not None
    res = subprocess.run([ffmpeg.ffmpeg_exe(), "-v", "error", "-i", str(mp4), "-fps_mode", "passthrough",
                          "-f", "null", "-"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and not res.stderr.strip(), res.stderr[-800:]
    # frame timestamps never go back and never jump (one missing frame at a join at most)
    ts = subprocess.run([ffmpeg.ffprobe_exe(), "-v", "error", "-select_streams", "v", "-show_entries",
                         "frame=pts_time", "-of", "csv=p=0", str(mp4)], capture_output=True, text=True,
                        timeout=120).stdout.split()
    t = np.array([float(x.strip(",")) for x in ts if x.strip(",")])
    assert len(t) > 100 and np.all(np.diff(t) > 0) and np.diff(t).max() < 0.09
    burned = ScreenRecordFormat().render(lesson, tmp_path / "b", {"tts": "none", "raster": "builtin",
                                                                  "burn_captions": True}, Job())
    assert "video_page_join" not in burned.info and "video_page_overlay_seconds" in burned.info
