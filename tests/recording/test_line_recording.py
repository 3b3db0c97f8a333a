"""A skit line recorded in the maker's own voice from the script editor (issue 14): the virtual
microphone hears a 440 Hz tone; the take becomes the line's audio asset (undoable, saved) and the
skit video speaks it at that line."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from creator_studio.core.lesson import load_project
from creator_studio.core.lesson import model as m
from creator_studio.core.media import audio, ffmpeg

from .conftest import TONE_HZ, dominant_hz  # noqa: TID252


def _lesson() -> m.Lesson:
    cast = [m.Character("c1", "客户 王女士", role="客户"), m.Character("c2", "业务员小李", role="业务员")]
    sc = m.Scene("s1", "初次拜访", lines=[m.Line("c1", "这个保险靠谱吗？"), m.Line("c2", "我们一起看看条款。")])
    return m.Lesson(title="门店接待", pages=[m.Page(id="p1", title="说明")],
                    script=m.Script(cast=cast, scenes=[sc], start_scene="s1", title="门店接待"))


@pytest.mark.slow
def test_record_a_line_in_my_voice_and_the_skit_speaks_it(pulse, qtbot, tmp_path, tone_speech_wav):
    from creator_studio.ui.studio.project import StudioProject
    from creator_studio.ui.studio.script_editor import ScriptEditor

    work = StudioProject.new_work_dir(tmp_path / "autosave")
    lesson = _lesson()
    lesson.asset_root = work / "assets"
    project = StudioProject(lesson, work)
    ed = ScriptEditor(project, lambda *_: None)
    qtbot.addWidget(ed)
    ed.reload()
    ed.lines_table.selectRow(1)  # 业务员小李's line
    dlg = ed.record_line()
    assert dlg.isVisible()  # shown while recording: the meter and counter update from the capture
    # thread's signals (they once ran in that thread and crashed a shown dialog on Stop)
    assert dlg is not None and dlg.script_view.toPlainText() == "我们一起看看条款。"
    assert "业务员小李" in dlg.windowTitle()
    dlg.countdown_ms = 100
    player = pulse.play(tone_speech_wav)
    try:
        with qtbot.waitSignal(dlg.capture_started, timeout=10000):
            dlg.record_button.click()
        qtbot.wait(2500)
        with qtbot.waitSignal(dlg.take_ready, timeout=10000):
            dlg.stop_button.click()
    finally:
        player.terminate()
        player.wait(5)
    changed = []
    project.script_changed.connect(lambda: changed.append(1))
    handle = dlg.use_take()
    with qtbot.waitSignal(handle.finished, timeout=60000):
        pass
    line = lesson.script.scenes[0].lines[1]
    assert line.audio and line.audio.endswith(".m4a") and changed
    assert lesson.script.scenes[0].lines[0].audio is None
    project.undo_stack.undo()
    assert line.audio is None
    project.undo_stack.redo()
    assert line.audio
    project.autosave()
    back = load_project(work)
    assert back.script.scenes[0].lines[1].audio == line.audio and back.asset_path(line.audio) is not None
    dlg.cleanup()

    from creator_studio.core.forms.skit import SkitFormat
    from creator_studio.core.jobs import Job

    out = tmp_path / "out"
    art = SkitFormat().render(back, out, {"resolution": "360p", "tts": "none"}, Job())
    assert "recorded" in art.info["tts_engine"], (art.info, art.warnings)
    srt = (out / "skit" / "skit.srt").read_text(encoding="utf-8")
    t = next(float(h) * 3600 + float(mi) * 60 + float(s.replace(",", "."))
             for h, mi, s, txt in re.findall(r"(\d+):(\d+):([\d,]+) --> .*\n(.*)", srt) if "看看条款" in txt)
    wav = tmp_path / "skit.wav"
    ffmpeg.to_wav(out / "skit" / "skit.mp4", wav, rate=44100)
    y, r = audio.read_wav(wav)
    assert dominant_hz(y[int((t + 0.3) * r): int((t + 1.3) * r)], r) == pytest.approx(TONE_HZ, abs=3)
    # the other line (no recording, tts none) is silent
    t0 = next(float(h) * 3600 + float(mi) * 60 + float(s.replace(",", "."))
              for h, mi, s, txt in re.findall(r"(\d+):(\d+):([\d,]+) --> .*\n(.*)", srt) if "靠谱" in txt)
    assert np.abs(y[int((t0 + 0.2) * r): int((t0 + 0.8) * r)].astype(int)).max() < 300
