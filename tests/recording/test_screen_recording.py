"""Screen recording under a real X server (Xvfb): a known pattern on screen → MP4 → the pattern
found in a frame; pause/resume; the MP4 becomes a video page that survives save/load and undo."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from creator_studio.core.lesson import load_project
from creator_studio.core.lesson import model as m
from creator_studio.core.media import ffmpeg

W, H = 1280, 720


@pytest.fixture(scope="session")
def xvfb():
    from .conftest import _unavailable  # noqa: TID252

    if not shutil.which("Xvfb"):
        _unavailable("Xvfb is not installed (apt: xvfb)")
    for n in range(91, 120):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            break
    proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", f"{W}x{H}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            _unavailable("Xvfb did not start")
        time.sleep(0.1)
    yield f":{n}"
    proc.terminate()
    proc.wait(10)


RECORD = r"""
import sys, json, time
from pathlib import Path
from PySide6.QtWidgets import QApplication, QWidget, QHBoxLayout
from PySide6.QtCore import QTimer
app = QApplication([])
from creator_studio.ui.studio.record_screen import ScreenRecorder, capture_problem
w = QWidget(); lay = QHBoxLayout(w); lay.setContentsMargins(0, 0, 0, 0); lay.setSpacing(0)
for colour in ("#00c800", "#c800c8"):
    half = QWidget(); half.setStyleSheet(f"background:{colour}"); lay.addWidget(half)
w.setGeometry(0, 0, 1280, 720); w.show()
rec = ScreenRecorder()
events = []
rec.failed.connect(lambda s: events.append(("failed", s)))
rec.finished.connect(lambda p: (events.append(("finished", p)), app.quit()))
out = Path(sys.argv[1])
from PySide6.QtMultimedia import QMediaDevices
mic = QMediaDevices.defaultAudioInput()
events.append(("mic", mic.description()))
QTimer.singleShot(300, lambda: events.append(("start", rec.start(out, frame_rate=25, microphone=mic))))
QTimer.singleShot(1800, lambda: (rec.pause(), events.append(("paused", rec.state.name))))
QTimer.singleShot(2800, lambda: (rec.resume(), events.append(("resumed", rec.state.name))))
QTimer.singleShot(4300, rec.stop)
QTimer.singleShot(20000, app.quit)
app.exec()
print(json.dumps({"problem": capture_problem(), "events": events}))
"""


def _frame(mp4: Path, t: float) -> np.ndarray:
    res = subprocess.run([ffmpeg.ffmpeg_exe(), "-v", "error", "-ss", str(t), "-i", str(mp4), "-frames:v", "1",
                          "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True, timeout=60)
    assert res.returncode == 0, res.stderr
    return np.frombuffer(res.stdout, np.uint8).reshape(H, W, 3)


def test_screen_recording_finds_the_pattern_and_becomes_a_video_page(pulse, xvfb, qtbot, tmp_path,
                                                                     tone_speech_wav):
    from .conftest import TONE_HZ, dominant_hz  # noqa: TID252

    mp4 = tmp_path / "screen.mp4"
    env = {**pulse.env(), "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    player = pulse.play(tone_speech_wav)  # the microphone hears the tone + speech
    try:
        res = subprocess.run([sys.executable, "-c", RECORD, str(mp4)], env=env, capture_output=True,
                             text=True, timeout=120)
    finally:
        player.terminate()
        player.wait(5)
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["problem"] is None
    ev = dict((k, v) for k, v in out["events"])
    assert ev.get("start") is True and "failed" not in ev, out
    assert ev["paused"] == "PausedState" and ev["resumed"] == "RecordingState"
    info = ffmpeg.probe(mp4)
    # 1.5 s + (pause 1 s, not recorded) + 1.5 s ≈ 3 s
    assert info["duration"] == pytest.approx(3.0, abs=0.5), info
    assert (info["video"]["width"], info["video"]["height"]) == (W, H)
    f = _frame(mp4, 1.5).astype(int)
    left, right = f[H // 2, W // 4], f[H // 2, 3 * W // 4]
    assert abs(left - [0, 200, 0]).max() < 30, left
    assert abs(right - [200, 0, 200]).max() < 30, right
    # the microphone's audio is in the MP4
    assert ev["mic"] == "CS_Virtual_Mic" and info["audio"] is not None
    from creator_studio.core.media import audio

    wav = tmp_path / "screen.wav"
    ffmpeg.to_wav(mp4, wav, rate=44100)
    y, r = audio.read_wav(wav)
    assert dominant_hz(y[r // 2: 2 * r], r) == pytest.approx(TONE_HZ, abs=3)

    # the MP4 becomes a video page (asset, undo, save/load round trip)
    from creator_studio.ui.studio.project import StudioProject
    from creator_studio.ui.studio.record_screen import insert_video_page

    work = StudioProject.new_work_dir(tmp_path / "autosave")
    lesson = m.Lesson(title="理赔系统演示", pages=[m.Page(id="p1", title="报案")])
    lesson.asset_root = work / "assets"
    project = StudioProject(lesson, work)
    page = insert_video_page(project, mp4, after=0, title="如何在系统中报案")
    assert [p.id for p in lesson.pages] == ["p1", page.id]
    media = page.blocks[0]
    assert isinstance(media, m.Media) and media.media_type == "video"
    assert lesson.asset_path(media.asset).read_bytes() == mp4.read_bytes()
    project.autosave()
    back = load_project(work)
    assert back.pages[1].blocks[0] == media
    # H5 shows it as a video block and ships the recording's bytes
    from creator_studio.core.forms.h5.format import H5Format
    from creator_studio.core.jobs import Job

    out_dir = tmp_path / "h5"
    H5Format().render(lesson, out_dir, {"narration": False}, Job())
    # Qt's MPEG-4 Part 2 does not play in browsers: H5 ships the recording as H.264, same length
    shipped = [p for p in out_dir.rglob("*.mp4") if p.is_file()]
    assert len(shipped) == 1, sorted(str(p.relative_to(out_dir)) for p in out_dir.rglob("*"))[:40]
    web = ffmpeg.probe(shipped[0])
    assert web["video"]["codec_name"] == "h264" and web["duration"] == pytest.approx(info["duration"], abs=0.2)
    assert any('"media": "video"' in p.read_text(errors="ignore") or '"media":"video"' in p.read_text(errors="ignore")
               for p in out_dir.rglob("*") if p.suffix in (".js", ".json", ".html"))
    project.undo_stack.undo()
    assert [p.id for p in lesson.pages] == ["p1"]


def test_offscreen_has_a_clear_message(qtbot, tmp_path):
    from creator_studio.ui.studio.page_editor import PageEditor
    from creator_studio.ui.studio.project import StudioProject
    from creator_studio.ui.studio.record_screen import capture_problem

    msg = capture_problem()
    assert msg and "屏幕" in msg and "screen" in msg.lower()
    project = StudioProject(m.Lesson(pages=[m.Page(id="p1", title="报案")]), tmp_path / "w")
    editor = PageEditor(project)
    qtbot.addWidget(editor)
    editor.show_page(project.lesson.pages[0])
    dlg = editor.open_screen_recorder()
    assert dlg.message.text() == msg and not dlg.start_button.isEnabled()
    dlg.reject()
    editor.narration_panel.cleanup()


DIALOG = r"""
import sys, json
from pathlib import Path
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
app = QApplication([])
from creator_studio.core.lesson import model as m
from creator_studio.ui.studio.project import StudioProject
from creator_studio.ui.studio.page_editor import PageEditor
lesson = m.Lesson(pages=[m.Page(id="p1", title="报案"), m.Page(id="p2", title="结案")])
work = Path(sys.argv[1]); (work / "assets").mkdir(parents=True)
lesson.asset_root = work / "assets"
project = StudioProject(lesson, work)
ed = PageEditor(project); ed.show_page(lesson.pages[0]); ed.show()
from creator_studio.ui.studio import record_screen
dlg = record_screen.make_screen_record_dialog(project, 0, ed, countdown_ms=50)
dlg.show()
dlg.inserted.connect(lambda pid: app.quit())
dlg.start_button.click()
QTimer.singleShot(1200, dlg.pause_button.click)
QTimer.singleShot(1700, dlg.pause_button.click)
QTimer.singleShot(2800, dlg.stop_button.click)
QTimer.singleShot(20000, app.quit)
app.exec()
print(json.dumps({"pages": [p.id for p in lesson.pages], "msg": dlg.message.text(),
                  "asset": lesson.pages[1].blocks[0].asset if len(lesson.pages) > 2 else None}))
"""


def test_screen_record_dialog_inserts_a_video_page(xvfb, tmp_path):
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "PULSE_SERVER": "unix:/nonexistent"}
    env.pop("WAYLAND_DISPLAY", None)
    res = subprocess.run([sys.executable, "-c", DIALOG, str(tmp_path / "w")], env=env, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["pages"] == ["p1", "video-1", "p2"], out
    mp4 = tmp_path / "w" / "assets" / out["asset"]
    info = ffmpeg.probe(mp4)
    assert info["video"] is not None and info["duration"] == pytest.approx(2.2, abs=0.6)
