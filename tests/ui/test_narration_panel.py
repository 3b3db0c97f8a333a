"""The page editor's narration panel: choice (a/b/c), 试听 (listen) and word readings (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from creator_studio.core.lesson import load_project
from creator_studio.core.lesson import model as m
from creator_studio.core.media import tts
from creator_studio.ui.studio import narration_panel
from creator_studio.ui.studio.page_editor import PageEditor
from creator_studio.ui.studio.project import StudioProject

HAS_ESPEAK = bool(tts.espeak_exe())


def _lesson() -> m.Lesson:
    return m.Lesson(title="理赔须知", pages=[
        m.Page(id="p1", title="银行转账", blocks=[
            m.BulletList(items=[m.ListItem(runs=[m.Run("到银行办理")]), m.ListItem(runs=[m.Run("核对保单")])])]),
        m.Page(id="p2", title="已有讲稿", narration="这一页有讲稿。"),
    ])


@pytest.fixture
def editor(qtbot, tmp_path):
    project = StudioProject(_lesson(), tmp_path / "work")
    ed = PageEditor(project)
    qtbot.addWidget(ed)
    ed.show_page(project.lesson.pages[0])
    yield ed, project
    ed.narration_panel.cleanup()


def test_notesless_page_shows_the_page_text_script(editor):
    ed, project = editor
    panel = ed.narration_panel
    assert panel.mode_narrate.isChecked() and not panel.mode_silent.isChecked()
    assert "银行转账。\n到银行办理。\n核对保单。" in ed.narration_edit.placeholderText()
    assert "page's own text" in panel.source_label.text() or "页面" in panel.source_label.text()
    panel.use_text_button.click()
    assert project.lesson.pages[0].narration == "银行转账。\n到银行办理。\n核对保单。"
    assert ed.narration_edit.toPlainText() == project.lesson.pages[0].narration
    project.undo_stack.undo()
    assert project.lesson.pages[0].narration == ""


def test_silent_choice_is_undoable_and_round_trips(editor, tmp_path):
    ed, project = editor
    panel = ed.narration_panel
    panel.mode_silent.setChecked(True)
    assert project.lesson.pages[0].narration_mode == "silent"
    assert not panel.listen_button.isEnabled()
    assert panel.listen() is None
    project.save_to(tmp_path / "saved")
    assert load_project(tmp_path / "saved").pages[0].narration_mode == "silent"
    project.undo_stack.undo()
    assert project.lesson.pages[0].narration_mode == "auto" and panel.mode_narrate.isChecked()


def test_fixing_a_reading_validates_saves_and_undoes(editor, tmp_path):
    ed, project = editor
    panel = ed.narration_panel
    panel.word_edit.setText("银行")
    assert panel.current_reading.text() == "yin2 hang2"
    panel.reading_edit.setText("yin2 xx9")
    assert panel.save_reading() is False
    assert project.lesson.meta.lexicon == {} and panel.reading_status.text()
    panel.reading_edit.setText("yín xíng")
    assert panel.save_reading() is True
    assert project.lesson.meta.lexicon == {"银行": "yín xíng"}
    assert panel.current_reading.text() == "yin2 xing2"
    assert panel.entries.count() == 1
    project.save_to(tmp_path / "saved")
    assert load_project(tmp_path / "saved").meta.lexicon == {"银行": "yín xíng"}
    project.undo_stack.undo()
    assert project.lesson.meta.lexicon == {} and panel.current_reading.text() == "yin2 hang2"
    project.undo_stack.redo()
    panel.entries.setCurrentRow(0)
    panel.remove_reading_button.click()
    assert project.lesson.meta.lexicon == {}


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_listen_speaks_what_the_video_would_with_the_projects_readings(editor, qtbot):
    ed, project = editor
    panel = ed.narration_panel
    project.lesson.meta.lexicon = {"银行": "yin2 xing2"}
    handle = panel.listen()
    with qtbot.waitSignal(panel.listened, timeout=30000):
        pass
    assert handle.done
    assert panel.last_audio is not None and panel.last_audio.is_file()
    assert tts.english_share(tts.phoneme_trace("银行转账"))[0] == 0
    assert "yin2 xing2" in panel.last_spoken and "zhuan3 zhang4" in panel.last_spoken
    assert panel.status.text()
    folder = panel.last_audio.parent
    panel.cleanup()
    assert not folder.exists()


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_listen_without_an_audio_output_keeps_the_file_and_says_so(editor, qtbot, monkeypatch):
    ed, _ = editor
    panel = ed.narration_panel
    monkeypatch.setattr(narration_panel, "make_player", lambda parent: None)
    panel.listen()
    with qtbot.waitSignal(panel.listened, timeout=30000):
        pass
    assert str(panel.last_audio) in panel.status.text()


def test_listen_without_a_speech_engine_says_so(editor, qtbot, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_ESPEAK", "none")
    monkeypatch.setenv("CREATOR_STUDIO_SYSTEM_TTS", "none")
    ed, _ = editor
    panel = ed.narration_panel
    panel.listen()
    with qtbot.waitSignal(panel.listened, timeout=30000):
        pass
    assert Path(panel.last_audio).is_file()
    assert panel.status.text() and "Playing" not in panel.status.text()


def test_attaching_a_recording_is_checked_copied_and_undoable(editor, tmp_path):
    import math
    import struct
    import wave

    ed, project = editor
    panel = ed.narration_panel
    rec = tmp_path / "我的录音.wav"
    with wave.open(str(rec), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(i / 8))) for i in range(16000)))
    bogus = tmp_path / "not-audio.mp3"
    bogus.write_bytes(b"this is not audio")
    assert panel.attach_recording(bogus) is False and project.lesson.pages[0].narration_audio is None
    assert panel.status.text()
    assert panel.attach_recording(tmp_path / "missing.wav") is False
    assert panel.attach_recording(rec) is True
    name = project.lesson.pages[0].narration_audio
    assert name and project.lesson.asset_path(name).read_bytes() == rec.read_bytes()
    assert "recording" in panel.source_label.text().lower() or "录音" in panel.source_label.text()
    assert not panel.listen_button.isEnabled()  # the recording is what plays in the video
    project.undo_stack.undo()
    assert project.lesson.pages[0].narration_audio is None
    project.undo_stack.redo()
    panel.unrecord_button.click()
    assert project.lesson.pages[0].narration_audio is None


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_listen_reads_only_the_selected_line(editor, qtbot):
    from PySide6.QtGui import QTextCursor

    ed, _ = editor
    panel = ed.narration_panel
    ed.narration_edit.setPlainText("第一行讲趸交。\n第二行讲还款。")
    cur = ed.narration_edit.textCursor()
    cur.movePosition(QTextCursor.MoveOperation.End)
    cur.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
    ed.narration_edit.setTextCursor(cur)
    panel.listen()
    with qtbot.waitSignal(panel.listened, timeout=30000):
        pass
    assert "huan2 kuan3" in panel.last_spoken and "dun3" not in panel.last_spoken
