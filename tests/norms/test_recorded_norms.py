"""Norms for recorded pages (issue 14): a maximum video-page length and a loudness window, each
finding linked to its page — on crafted packages (pass and fail), on a real render, and in the
studio's norms panel."""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import SimpleNamespace

import imageio_ffmpeg
import pytest

from creator_studio.core.forms.base import Artifact, ArtifactFile, save_lesson_snapshot, update_manifest
from creator_studio.core.lesson import model as m
from creator_studio.core.norms import check_package, default_normset


def _lesson():
    return m.Lesson(title="理赔系统操作演示", pages=[
        m.Page(id="p1", title="开场", narration="本课程仅供内部培训使用。"),
        m.Page(id="video-1", title="录屏", blocks=[m.Media(asset="x.mp4", media_type="video", mime="video/mp4")]),
    ])


def _video(path: Path, loud_s=10, quiet_s=10, quiet_amp=0.01):
    """1 kHz: `loud_s` at ≈ −16 LUFS (peak −13 dBFS), then `quiet_s` at `quiet_amp`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    d = loud_s + quiet_s
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"color=c=blue:s=1280x720:d={d}:r=2", "-f", "lavfi", "-i",
                    f"aevalsrc='if(lt(t,{loud_s}),0.224,{quiet_amp})*sin(2*PI*1000*t)':s=44100:d={d}",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                    "-shortest", str(path)], check=True, timeout=60)


def _package(tmp: Path, recorded_pages, **video) -> Path:
    lesson = _lesson()
    save_lesson_snapshot(lesson, tmp)
    _video(tmp / "screen-record/course.mp4", **video)
    update_manifest(tmp, lesson, Artifact("screen-record", [ArtifactFile("screen-record/course.mp4", "video")],
                                          info={"title_card": True, "recorded_pages": recorded_pages}))
    return tmp


def _by_page(report, rule_id):
    return {f.page: f.status for f in report.findings if f.rule_id == rule_id}


def test_loudness_window_measured_per_page_in_the_video(tmp_path):
    pkg = _package(tmp_path, [
        {"page": "p1", "kind": "voice", "start": 1.0, "end": 9.0, "seconds": 8.0, "audio": True},
        {"page": "video-1", "kind": "video", "start": 11.0, "end": 19.0, "seconds": 8.0, "audio": True}])
    report = check_package(pkg)
    assert _by_page(report, "recorded-loudness") == {"p1": "pass", "video-1": "fail"}
    quiet = next(f for f in report.findings if f.rule_id == "recorded-loudness" and f.page == "video-1")
    assert "LUFS" in quiet.message_zh and "LUFS" in quiet.message_en and quiet.form == "screen-record"
    now = float(quiet.message_en.split("now ")[1].split(" LUFS")[0])
    assert now < -30  # 0.01 peak ≈ −43 LUFS: measured, not a default
    assert _by_page(report, "video-page-length") == {"video-1": "pass"}
    assert report.blocking


def test_a_loud_enough_page_passes_and_a_silent_one_fails(tmp_path):
    pkg = _package(tmp_path / "a", [
        {"page": "video-1", "kind": "video", "start": 0.5, "end": 9.5, "seconds": 9.0, "audio": True}])
    assert _by_page(check_package(pkg), "recorded-loudness") == {"video-1": "pass"}
    pkg = _package(tmp_path / "b", [
        {"page": "video-1", "kind": "video", "start": 11.0, "end": 19.0, "seconds": 8.0, "audio": True}],
        quiet_amp=0.0)
    f = [x for x in check_package(pkg).findings if x.rule_id == "recorded-loudness"]
    assert [(x.page, x.status) for x in f] == [("video-1", "fail")] and "silent" in f[0].message_en
    # a video page without sound is not measured (nothing to be loud); its length still is
    pkg = _package(tmp_path / "c", [
        {"page": "video-1", "kind": "video", "start": 11.0, "end": 19.0, "seconds": 8.0, "audio": False}])
    rep = check_package(pkg)
    assert _by_page(rep, "recorded-loudness") == {None: "pass"} and _by_page(rep, "video-page-length") == {"video-1": "pass"}


def test_video_page_too_long(tmp_path):
    pkg = _package(tmp_path, [
        {"page": "video-1", "kind": "video", "start": 0.5, "end": 9.5, "seconds": 700.0, "audio": True}])
    f = next(x for x in check_package(pkg).findings if x.rule_id == "video-page-length")
    assert (f.status, f.page) == ("fail", "video-1") and "700" in f.message_en
    limit = next(r for r in default_normset().rules if r.id == "video-page-length").params["max_s"]
    assert limit == 600


@pytest.mark.slow
def test_real_render_lists_its_recorded_pages_and_the_norms_panel_links_them(tmp_path, qtbot):
    """A page recording (normalised like TTS) passes; a screen recording with a whisper-quiet
    microphone between two loud pages fails — and the panel row leads to that page."""
    from creator_studio.core.forms.screen_record import ScreenRecordFormat
    from creator_studio.core.jobs import Job
    from creator_studio.core.lesson.assets import AssetStore
    from creator_studio.core.media import audio
    from creator_studio.ui.studio.norms_panel import NormsPanel

    exe = imageio_ffmpeg.get_ffmpeg_exe()
    root = tmp_path / "assets"
    store = AssetStore(root)
    voice_wav = tmp_path / "voice.wav"
    subprocess.run([exe, "-v", "error", "-y", "-f", "lavfi", "-i",
                    "aevalsrc='0.3*sin(2*PI*330*t)*(0.6+0.4*sin(2*PI*3*t))':s=44100:d=6", str(voice_wav)],
                   check=True, timeout=60)
    voice = tmp_path / "voice.m4a"
    audio.encode_normalized(voice_wav, voice)  # what finalize_take stores: −16 LUFS
    clip = tmp_path / "clip.mp4"
    subprocess.run([exe, "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=green:s=640x360:r=25:d=4",
                    "-f", "lavfi", "-i", "aevalsrc='0.005*sin(2*PI*440*t)':s=44100:d=4",
                    "-c:v", "mpeg4", "-c:a", "aac", "-shortest", str(clip)], check=True, timeout=60)
    lesson = m.Lesson(title="理赔系统操作演示", pages=[
        m.Page(id="p1", title="开场", narration="本课程仅供内部培训使用。", narration_audio=store.put_file(voice, ".m4a")),
        m.Page(id="video-1", title="录屏", blocks=[m.Media(asset=store.put_file(clip, ".mp4"), media_type="video",
                                                         mime="video/mp4")]),
        m.Page(id="p2", title="结束", narration="以上就是报案和结案的全部步骤。谢谢大家。"),
    ])
    lesson.asset_root = root
    out = tmp_path / "out"
    art = ScreenRecordFormat().render(lesson, out, {"tts": "espeak", "raster": "builtin", "resolution": "720p"},
                                      Job())
    rec = {e["page"]: e for e in art.info["recorded_pages"]}
    assert set(rec) == {"p1", "video-1"}
    assert rec["video-1"]["kind"] == "video" and rec["video-1"]["seconds"] == pytest.approx(4.0, abs=0.1)
    assert rec["p1"]["kind"] == "voice" and rec["p1"]["seconds"] == pytest.approx(6.0, abs=0.3)
    save_lesson_snapshot(lesson, out)
    update_manifest(out, lesson, art)
    report = check_package(out)
    assert _by_page(report, "recorded-loudness") == {"p1": "pass", "video-1": "fail"}
    assert _by_page(report, "video-page-length") == {"video-1": "pass"}

    panel = NormsPanel(SimpleNamespace(language="zh_CN"), lambda: out)
    qtbot.addWidget(panel)
    panel.show_report(report)
    rows = [r for r in range(panel.model.rowCount())
            if panel.model.findings[r].rule_id == "recorded-loudness" and panel.model.findings[r].status == "fail"]
    assert len(rows) == 1
    idx = panel.model.index(rows[0], 3)
    assert panel.model.data(idx) == "video-1"
    with qtbot.waitSignal(panel.page_requested, timeout=2000) as sig:
        panel._activated(idx)
    assert sig.args == ["video-1"]
