"""The studio's 录音 dialog against a real virtual microphone (PulseAudio null sink → cs_mic).

Flow: record 5 s of a 440 Hz tone + espeak speech → check duration and frequency (FFT) → retake
→ trim by hand → use → the page's narration_audio is a project asset, undoable, saved, and the
screen-record MP4 carries that audio (FFT on the MP4's audio track).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from creator_studio.core.lesson import load_project
from creator_studio.core.lesson import model as m
from creator_studio.core.media import audio, ffmpeg

from .conftest import TONE_HZ, dominant_hz  # noqa: TID252


def _lesson() -> m.Lesson:
    return m.Lesson(title="理赔须知", pages=[
        m.Page(id="p1", title="报案", narration="您好，欢迎学习理赔流程。",
               blocks=[m.Paragraph(runs=[m.Run("拨打客服电话报案")])]),
        m.Page(id="p2", title="材料", narration="准备好材料。"),
    ])


def _record(qtbot, dlg, pulse, feed: Path, seconds: float) -> Path:
    player = pulse.play(feed)
    try:
        with qtbot.waitSignal(dlg.capture_started, timeout=10000):
            dlg.record_button.click()
        qtbot.wait(int(seconds * 1000))
        with qtbot.waitSignal(dlg.take_ready, timeout=10000) as sig:
            dlg.stop_button.click()
    finally:
        player.terminate()
        player.wait(5)
    return Path(sig.args[0])


@pytest.fixture
def dialog(pulse, qtbot, tmp_path):
    from creator_studio.ui.studio.project import StudioProject
    from creator_studio.ui.studio.recorder import RecorderDialog

    work = StudioProject.new_work_dir(tmp_path / "autosave")
    lesson = _lesson()
    lesson.asset_root = work / "assets"
    project = StudioProject(lesson, work)
    dlg = RecorderDialog(project, lesson.pages[0], countdown_ms=100)
    qtbot.addWidget(dlg)
    yield dlg, project
    dlg.cleanup()


def test_microphone_is_listed_and_page_script_is_shown(dialog):
    dlg, _ = dialog
    assert "CS_Virtual_Mic" in [dlg.device_combo.itemText(i) for i in range(dlg.device_combo.count())]
    assert dlg.device_combo.currentText() == "CS_Virtual_Mic"
    assert dlg.script_view.toPlainText() == "您好，欢迎学习理赔流程。"
    assert dlg.record_button.isEnabled() and not dlg.message.text()


@pytest.mark.slow  # encodes the screen-record MP4
def test_record_retake_trim_use_and_render(dialog, pulse, qtbot, tone_speech_wav, tmp_path):
    dlg, project = dialog
    # 1. record 5 s
    take = _record(qtbot, dlg, pulse, tone_speech_wav, 5.0)
    samples, rate = audio.read_wav(take)
    assert take.parent.name == "recordings" and take.name.endswith(".take.wav")
    assert len(samples) / rate == pytest.approx(5.0, abs=0.4)
    assert dominant_hz(samples[rate: 4 * rate], rate) == pytest.approx(TONE_HZ, abs=3)
    assert dlg.waveform.duration == pytest.approx(len(samples) / rate)
    assert dlg.waveform.end - dlg.waveform.start > 3.5  # the tone is never silent: little trimmed
    assert dlg.use_button.isEnabled() and not dlg.record_button.isEnabled()

    # 2. retake: the first take is discarded, a new one recorded
    with qtbot.waitSignal(dlg.take_ready, timeout=20000) as sig:
        player = pulse.play(tone_speech_wav)
        with qtbot.waitSignal(dlg.capture_started, timeout=10000):
            dlg.retake_button.click()
        qtbot.waitUntil(lambda: dlg.meter.value() > -20, timeout=5000)  # live meter moved
        qtbot.wait(4800)
        dlg.stop_button.click()
    player.terminate()
    player.wait(5)
    assert not take.exists()
    take2 = Path(sig.args[0])
    assert audio.wav_duration(take2) == pytest.approx(5.0, abs=0.5)

    # 3. trim by hand: keep 1.0–4.0 s
    dlg.waveform.set_trim(1.0, 4.0)
    assert "1.00" in dlg.trim_label.text() and "4.00" in dlg.trim_label.text()

    # 4. use: finished on a worker, stored as an asset, one undo command
    handle = dlg.use_take()
    with qtbot.waitSignal(handle.finished, timeout=60000):
        pass
    page = project.lesson.pages[0]
    assert page.narration_audio and page.narration_audio.endswith(".m4a")
    asset = project.lesson.asset_path(page.narration_audio)
    assert asset is not None and asset.parent == project.work_dir / "assets"
    assert ffmpeg.probe(asset)["duration"] == pytest.approx(3.0, abs=0.1)
    assert not take2.exists()
    assert "LUFS" in dlg.message.text()
    project.undo_stack.undo()
    assert page.narration_audio is None
    project.undo_stack.redo()
    assert page.narration_audio and asset.is_file()

    # autosave / crash recovery keep it
    project.autosave()
    reloaded = load_project(project.work_dir)
    assert reloaded.pages[0].narration_audio == page.narration_audio
    assert reloaded.asset_path(page.narration_audio) is not None

    # 5. render: the screen-record MP4 speaks the recording on page 1
    from creator_studio.core.forms.screen_record import ScreenRecordFormat
    from creator_studio.core.jobs import Job

    out = tmp_path / "out"
    art = ScreenRecordFormat().render(project.lesson, out, {"tts": "none", "raster": "builtin"}, Job())
    info = art.info if hasattr(art, "info") else {}
    assert info.get("narration_sources", {}).get("recording") == 1, info
    mp4 = out / "screen-record" / "course.mp4"
    pcm = tmp_path / "mp4.wav"
    ffmpeg.to_wav(mp4, pcm, rate=44100)
    y, r = audio.read_wav(pcm)
    # find where the loud part is (the recording) and check its frequency
    loud = np.flatnonzero(np.abs(y.astype(np.int32)) > 3000)
    assert len(loud) > r  # ≥ 1 s of loud audio
    seg = y[loud[0] + r // 4: loud[0] + r // 4 + r]
    assert dominant_hz(seg, r) == pytest.approx(TONE_HZ, abs=3)
    assert (loud[-1] - loud[0]) / r == pytest.approx(3.0, abs=0.3)


def test_unfinished_take_is_offered_back(dialog, pulse, qtbot):
    dlg, project = dialog
    from creator_studio.core.media import recording
    from creator_studio.ui.studio.recorder import RecorderDialog

    # a crash mid-take leaves a .part.wav with an out-of-date header
    part = recording.part_path(project.work_dir, "p1")
    w = recording.PartialWav(part)
    t = np.arange(2 * 44100) / 44100
    w.write((0.3 * 32767 * np.sin(2 * np.pi * 440 * t)).astype("<i2").tobytes())
    w.flush()
    w._f.seek(0, 2)
    w._f.write(b"\0\0" * 4410)  # written after the last flush
    w._f.close()
    w._f = None
    # the page editor says so, and its 录音 button opens the dialog that offers it back
    from creator_studio.ui.studio.page_editor import PageEditor

    editor = PageEditor(project)
    qtbot.addWidget(editor)
    editor.show_page(project.lesson.pages[1])
    assert "unfinished" not in editor.record_voice_button.text()
    editor.show_page(project.lesson.pages[0])
    assert "unfinished" in editor.record_voice_button.text()
    again = editor.open_recorder()
    assert isinstance(again, RecorderDialog) and again.isVisible()
    assert "2.1" in again.message.text()
    assert again.recover_button.isVisibleTo(again)
    with qtbot.waitSignal(again.take_ready, timeout=5000):
        again.recover_button.click()
    assert again.waveform.duration == pytest.approx(2.1, abs=0.01)
    assert recording.find_unfinished(project.work_dir) == []
    again.reject()
    assert "unfinished" not in editor.record_voice_button.text()
    editor.narration_panel.cleanup()


def test_unwritable_project_folder_is_an_inline_message(dialog, qtbot):
    dlg, project = dialog
    (project.work_dir / "recordings").write_text("a file where the folder should be")
    dlg.record_button.click()
    qtbot.waitUntil(lambda: "Cannot write the take" in dlg.message.text(), timeout=10000)
    assert not dlg.recording and dlg.record_button.isEnabled() and dlg.take_path is None


NO_DEVICE = r"""
import os, sys, json
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["PULSE_SERVER"] = "unix:/nonexistent/cs-no-pulse"
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from creator_studio.core.lesson import model as m
from creator_studio.ui.studio.project import StudioProject
from creator_studio.ui.studio.recorder import RecorderDialog
lesson = m.Lesson(pages=[m.Page(id="p1", title="t", narration="x")])
proj = StudioProject(lesson, Path(sys.argv[1]))
d = RecorderDialog(proj, lesson.pages[0], countdown_ms=10)
d.start_countdown()
print(json.dumps({"msg": d.message.text(), "record": d.record_button.isEnabled(),
                  "devices": d.device_combo.count(), "recording": d.recording}))
d.cleanup()
"""


def test_no_microphone_is_an_inline_message(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C"}
    res = subprocess.run([sys.executable, "-c", NO_DEVICE, str(tmp_path / "w")], env=env,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["devices"] == 0 and out["record"] is False and out["recording"] is False
    assert "microphone" in out["msg"].lower() or "麦克风" in out["msg"]
