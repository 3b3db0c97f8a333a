"""Webcam bubble (issue 14): a clear inline message when there is no camera (CI has none), and
the picture-in-picture compositing — with a synthetic video standing in for the camera, alone and
through the screen dialog under Xvfb."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from creator_studio.core.lesson import model as m
from creator_studio.core.media import ffmpeg, recording

from .test_screen_recording import xvfb  # noqa: F401  (session fixture: a private X server)


def _clip(path, colour, size, seconds, fps=25, audio=False):
    args = [ffmpeg.ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", f"color=c={colour}:s={size}:r={fps}:d={seconds}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:d={seconds}", "-c:a", "aac", "-shortest"]
    subprocess.run(args + ["-c:v", "mpeg4", "-q:v", "3", str(path)], check=True, timeout=60)
    return path


def _frame(mp4, t):
    info = ffmpeg.probe(mp4)
    w, h = int(info["video"]["width"]), int(info["video"]["height"])
    res = subprocess.run([ffmpeg.ffmpeg_exe(), "-v", "error", "-ss", f"{t:.2f}", "-i", str(mp4), "-frames:v", "1",
                          "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True, timeout=60)
    return np.frombuffer(res.stdout, np.uint8).reshape(h, w, 3).astype(int)


RED = [200, 30, 30]
GREY = [128, 128, 128]


def _near(px, want, tol=30):
    return abs(np.asarray(px) - want).max() < tol


def test_no_camera_is_a_clear_inline_message(qtbot, tmp_path):
    from creator_studio.ui.studio.project import StudioProject
    from creator_studio.ui.studio.record_screen import make_screen_record_dialog
    from creator_studio.ui.studio.screen_tools import cameras

    project = StudioProject(m.Lesson(pages=[m.Page(id="p1", title="报案")]), tmp_path / "w")
    dlg = make_screen_record_dialog(project, 0)
    qtbot.addWidget(dlg)
    if cameras():  # a machine with a camera: the choice is offered, no message
        assert dlg.webcam_check.isEnabled() and dlg.webcam_note.isHidden()
    else:          # CI: no camera — said inline, the choice is disabled, nothing crashes
        assert not dlg.webcam_check.isEnabled() and not dlg.webcam_check.isChecked()
        assert not dlg.webcam_note.isHidden()
        assert "camera" in dlg.webcam_note.text().lower() or "摄像头" in dlg.webcam_note.text()


def test_bubble_is_composited_in_the_corner(tmp_path):
    screen = _clip(tmp_path / "s.mp4", "0x808080", "1280x720", 3, audio=True)
    cam = _clip(tmp_path / "c.mp4", "0xc81e1e", "640x480", 2, fps=30)
    out = recording.composite_webcam(screen, cam, tmp_path / "pip.mp4", offset=0.5)
    info = ffmpeg.probe(out)
    assert (info["video"]["width"], info["video"]["height"]) == (1280, 720) and info["audio"] is not None
    d = int(720 * recording.WEBCAM_FRACTION) // 2 * 2
    cx, cy = 1280 - recording.WEBCAM_MARGIN - d // 2, 720 - recording.WEBCAM_MARGIN - d // 2
    f = _frame(out, 1.2)
    assert _near(f[cy, cx], RED)                          # the camera in the bubble
    assert _near(f[cy - d // 2 + 3, cx - d // 2 + 3], GREY)  # round: the square's corner is screen
    assert _near(f[cy, cx - d // 2 - 6], GREY)             # and nothing outside it
    assert _near(f[360, 640], GREY)                        # the screen elsewhere
    assert _near(_frame(out, 0.2)[cy, cx], GREY)           # the camera started 0.5 s later
    assert _near(_frame(out, 2.8)[cy, cx], GREY)           # and its clip ended at 2.5 s


DIALOG = r"""
import sys, json, time
from pathlib import Path
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtCore import QTimer
app = QApplication([])
from creator_studio.core.lesson import model as m
from creator_studio.ui.studio.project import StudioProject
from creator_studio.ui.studio import record_screen, screen_tools

class SyntheticCamera:
    # stands in for CameraRecorder: the "camera" is a synthetic red clip made by the test
    def __init__(self, device, parent=None): self.device = device
    def start(self, path): self.t = time.monotonic() + 0.3
    def pause(self): pass
    def resume(self): pass
    def stop(self): return Path(sys.argv[2]), self.t
screen_tools.CameraRecorder = SyntheticCamera

bg = QWidget(); bg.setStyleSheet("background:#808080"); bg.setGeometry(0, 0, 1280, 720); bg.show()
work = Path(sys.argv[1])
lesson = m.Lesson(pages=[m.Page(id="p1", title="报案")])
lesson.asset_root = work / "assets"
project = StudioProject(lesson, work)
dlg = record_screen.make_screen_record_dialog(project, 0, None, countdown_ms=50)
dlg.setGeometry(300, 100, 360, 200); dlg.show()
dlg.cameras = ["synthetic"]
dlg.webcam_check.setEnabled(True); dlg.webcam_check.setChecked(True)
dlg.cursor_check.setChecked(False)
log = {}
def inserted(pid):
    log["asset"] = str(lesson.asset_path(lesson.pages[1].blocks[0].asset)); app.quit()
dlg.inserted.connect(inserted)
dlg.start_button.click()
QTimer.singleShot(3000, dlg.stop_button.click)
QTimer.singleShot(40000, app.quit)
app.exec()
print(json.dumps(log))
"""


@pytest.mark.slow
def test_dialog_composites_the_camera_into_the_screen_recording(xvfb, tmp_path):  # noqa: F811
    cam = _clip(tmp_path / "cam.mp4", "0xc81e1e", "640x480", 6, fps=30)
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "PULSE_SERVER": "unix:/nonexistent"}
    env.pop("WAYLAND_DISPLAY", None)
    work = tmp_path / "w"
    work.mkdir()
    res = subprocess.run([sys.executable, "-c", DIALOG, str(work), str(cam)], env=env, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert "asset" in out, out
    info = ffmpeg.probe(out["asset"])
    w, h = int(info["video"]["width"]), int(info["video"]["height"])
    d = int(h * recording.WEBCAM_FRACTION) // 2 * 2
    cx, cy = w - recording.WEBCAM_MARGIN - d // 2, h - recording.WEBCAM_MARGIN - d // 2
    f = _frame(out["asset"], info["duration"] - 0.5)
    assert _near(f[cy, cx], RED), f[cy, cx]                # the bubble is in the page's clip
    assert _near(f[h // 2, 40], GREY), f[h // 2, 40]       # the recorded screen around it
    assert not cam.exists()  # the camera's own file is removed once composited
