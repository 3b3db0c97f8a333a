"""Maker studio: import, edit with undo/redo, quiz/script tables, autosave and crash recovery."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from creator_studio.ui.studio.project import find_recoverable
from creator_studio.ui.studio.workspace import MakerStudio
from uihelpers import wait_job

B = QMessageBox.StandardButton


def imported_studio(qtbot, ctx, deck):
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    h = studio.import_file(deck)
    wait_job(qtbot, h)
    assert h.error is None, h.error
    wait_job(qtbot, studio.render_panel.load_handle)
    return studio


def test_import_shows_pages_and_thumbnails(qtbot, ctx, tiny_deck):
    studio = imported_studio(qtbot, ctx, tiny_deck)
    assert studio.page_model.rowCount() == 3
    ix = studio.page_model.index(1)
    assert studio.page_model.data(ix) == "2. 报案受理三步走"
    pm = studio.page_model.data(ix, Qt.ItemDataRole.DecorationRole)
    assert not pm.isNull() and pm.width() > 100
    # the first page is selected and shown in the editor
    assert studio.page_editor.title_edit.text() == "车险理赔服务规范"
    assert "欢迎" in studio.page_editor.narration_edit.toPlainText()
    # the working copy was autosaved right away
    saved = json.loads((studio.project.work_dir / "course.json").read_text(encoding="utf-8"))
    assert saved["title"] == "车险理赔服务规范"


def test_bad_file_shows_bilingual_error_not_traceback(qtbot, ctx, tmp_path, monkeypatch):
    bad = tmp_path / "坏文件.pptx"
    bad.write_bytes(b"this is not a zip")
    shown = []
    monkeypatch.setattr("creator_studio.ui.studio.workspace.show_error",
                        lambda parent, exc, details="", modal=True: shown.append((exc, details)))
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    wait_job(qtbot, studio.import_file(bad))
    wait_job(qtbot, studio.render_panel.load_handle)
    assert studio.project is None
    (exc, details), = shown
    assert exc.code and exc.message_zh and exc.message_en
    assert details == ""  # a typed error, not a bug report
    assert list(ctx.paths.autosave.iterdir()) == []  # the half-made working copy is gone


def test_page_edits_undo_redo(qtbot, ctx, tiny_deck):
    studio = imported_studio(qtbot, ctx, tiny_deck)
    ed = studio.page_editor
    page = studio.project.lesson.pages[1]
    studio.page_view.setCurrentIndex(studio.page_model.index(1))
    assert ed.page is page
    ed.title_edit.setText("报案受理四步走")
    ed.title_edit.editingFinished.emit()
    ed.narration_edit.setPlainText("新的讲解词")
    ed.narration_edit.committed.emit(ed.narration_edit.toPlainText())
    ed.duration_spin.setValue(12.5)
    ed.duration_spin.editingFinished.emit()
    i, block_edit = ed.block_edits[-1]
    block_edit.setPlainText("第一步：核实保单\n第二步：记录经过")
    block_edit.committed.emit(block_edit.toPlainText())
    assert page.title == "报案受理四步走" and page.narration == "新的讲解词"
    assert page.duration == 12.5
    assert [it.text for it in page.blocks[i].items] == ["第一步：核实保单", "第二步：记录经过"]
    assert studio.page_model.data(studio.page_model.index(1)) == "2. 报案受理四步走"
    assert studio.project.dirty
    stack = studio.project.undo_stack
    assert stack.count() == 4
    for _ in range(4):
        studio.undo_action.trigger()
    assert page.title == "报案受理三步走" and page.duration is None
    assert "耐心" in page.narration
    assert len(page.blocks[i].items) == 3
    qtbot.waitUntil(lambda: ed.title_edit.text() == "报案受理三步走")
    assert "耐心" in ed.narration_edit.toPlainText()
    studio.redo_action.trigger()
    assert page.title == "报案受理四步走"
    assert ed.title_edit.text() == "报案受理四步走"


def test_quiz_table_edits_validate_and_undo(qtbot, ctx, tiny_deck):
    studio = imported_studio(qtbot, ctx, tiny_deck)
    qe = studio.quiz_editor
    m = qe.model
    assert m.rowCount() == 1
    assert m.data(m.index(0, 1)) == "报案受理的第一步是什么？"
    assert m.data(m.index(0, 3)) == "A"
    errors = []
    m.on_error = errors.append
    assert not m.setData(m.index(0, 3), "C")  # only options A and B exist
    assert errors and errors[0].code == "BAD_ANSWER"
    assert m.setData(m.index(0, 3), "B")
    assert studio.project.lesson.quiz.questions[0].answers == [1]
    qe.add_question()
    assert m.rowCount() == 2
    assert m.setData(m.index(1, 0), "truefalse")
    assert studio.project.lesson.quiz.questions[1].kind == "truefalse"
    assert m.data(m.index(1, 0)) == "判断题" or m.data(m.index(1, 0)) == "True/false"
    stack = studio.project.undo_stack
    stack.undo()
    stack.undo()
    assert m.rowCount() == 1
    stack.undo()
    assert studio.project.lesson.quiz.questions[0].answers == [0]
    assert m.data(m.index(0, 3)) == "A"


def test_skit_script_tables(qtbot, ctx, tiny_deck):
    studio = imported_studio(qtbot, ctx, tiny_deck)
    se = studio.script_editor
    lesson = studio.project.lesson
    if lesson.script is None:
        se.create_script()
    assert lesson.script is not None and se.stack.currentIndex() == 1
    n_cast = len(lesson.script.cast)
    se.add_character()
    assert len(lesson.script.cast) == n_cast + 1
    new_char = lesson.script.cast[-1]
    assert se.cast_model.setData(se.cast_model.index(n_cast, 0), "客户王女士")
    assert new_char.name == "客户王女士"
    se.scene_list.setCurrentRow(0)
    scene = lesson.script.scenes[0]
    n_lines = len(scene.lines)
    se.add_line()
    assert len(scene.lines) == n_lines + 1
    row = n_lines
    narrator = lesson.script.cast[0]
    if scene.lines[row].speaker != narrator.id:
        assert se.lines_model.setData(se.lines_model.index(row, 0), narrator.id)
    assert se.lines_model.data(se.lines_model.index(row, 0)) == narrator.name
    assert se.lines_model.setData(se.lines_model.index(row, 0), new_char.id)
    assert se.lines_model.setData(se.lines_model.index(row, 1), "我想了解理赔进度。")
    assert scene.lines[row].speaker == new_char.id
    assert se.lines_model.data(se.lines_model.index(row, 0)) == "客户王女士"
    se.prompt_edit.setText("理赔员应该怎么回答？")
    se.prompt_edit.editingFinished.emit()
    se.add_choice()
    assert scene.decision is not None and scene.decision.prompt == "理赔员应该怎么回答？"
    assert len(scene.decision.options) >= 1
    assert se.choices_model.setData(se.choices_model.index(0, 2), "5")
    assert scene.decision.options[0].score == 5
    errors = []
    se.choices_model.on_error = errors.append
    assert not se.choices_model.setData(se.choices_model.index(0, 2), "很多")
    assert errors[0].code == "BAD_NUMBER"
    # Undo everything back to the imported state.
    stack = studio.project.undo_stack
    while stack.canUndo():
        stack.undo()
    assert lesson.script is None or len(lesson.script.cast) == n_cast
    assert all(c.name != "客户王女士" for c in (lesson.script.cast if lesson.script else []))
    assert not studio.project.dirty


def test_autosave_and_crash_recovery(qtbot, ctx, tiny_deck):
    studio = imported_studio(qtbot, ctx, tiny_deck)
    ed = studio.page_editor
    ed.title_edit.setText("改过的标题")
    ed.title_edit.editingFinished.emit()
    assert studio.project.autosave_if_needed() is True
    assert studio.project.autosave_if_needed() is False  # nothing new since
    work = studio.project.work_dir
    # Simulate a crash: the window goes away without a clean close.
    studio.project.timer.stop()
    studio.project = None
    recs = find_recoverable(ctx.paths.autosave)
    assert [r.folder for r in recs] == [work]

    again = MakerStudio(ctx)
    qtbot.addWidget(again)
    asked = []
    again.ask = lambda *a: asked.append(a[2]) or B.Yes
    proj = again.offer_recovery()
    wait_job(qtbot, again.render_panel.load_handle)
    assert proj is not None and len(asked) == 1 and "车险理赔服务规范" in asked[0]
    assert proj.lesson.pages[0].title == "改过的标题"
    assert again.page_editor.title_edit.text() == "改过的标题"
    # Pictures and other assets resolve from the recovered working copy.
    assert proj.lesson.asset_root == work / "assets"


def test_declining_recovery_removes_the_autosave(qtbot, ctx, tiny_deck):
    studio = imported_studio(qtbot, ctx, tiny_deck)
    studio.project.timer.stop()
    studio.project = None
    again = MakerStudio(ctx)
    qtbot.addWidget(again)
    again.ask = lambda *a: B.No
    assert again.offer_recovery() is None
    wait_job(qtbot, again.render_panel.load_handle)
    assert find_recoverable(ctx.paths.autosave) == []


def test_close_prompt_save_discard_cancel(qtbot, ctx, tiny_deck, tmp_path):
    studio = imported_studio(qtbot, ctx, tiny_deck)
    assert studio.needs_save()  # never saved
    studio.ask = lambda *a: B.Cancel
    assert studio.maybe_close_project() is False and studio.project is not None
    target = tmp_path / "我的课程"
    studio.save(target)
    assert (target / "course.json").is_file() and not studio.needs_save()
    ed = studio.page_editor
    ed.title_edit.setText("再改一次")
    ed.title_edit.editingFinished.emit()
    assert studio.needs_save()
    studio.ask = lambda *a: B.Save
    work = studio.project.work_dir
    assert studio.maybe_close_project() is True
    saved = json.loads((target / "course.json").read_text(encoding="utf-8"))
    assert saved["pages"][0]["title"] == "再改一次"
    assert not work.exists()  # clean close: nothing to recover
    assert find_recoverable(ctx.paths.autosave) == []
    # Reopen the saved project and discard an edit.
    proj = studio.open_project(target)
    assert proj.lesson.pages[0].title == "再改一次"
    studio.page_editor.title_edit.setText("不要了")
    studio.page_editor.title_edit.editingFinished.emit()
    studio.ask = lambda *a: B.Discard
    assert studio.maybe_close_project() is True
    assert json.loads((target / "course.json").read_text("utf-8"))["pages"][0]["title"] == "再改一次"


def test_drop_a_file_imports_it(qtbot, ctx, tiny_deck):
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    studio.show()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tiny_deck))])
    ev = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(studio.imported, timeout=30000):
        studio.dropEvent(ev)
    wait_job(qtbot, studio.render_panel.load_handle)
    assert studio.project.lesson.title == "车险理赔服务规范"


def test_autosave_timer_writes_after_an_edit(qtbot, ctx, tiny_deck):
    ctx.settings.autosave_seconds = 1
    studio = imported_studio(qtbot, ctx, tiny_deck)
    proj = studio.project
    assert proj.timer.isActive() and proj.timer.interval() == 1000
    studio.page_editor.narration_edit.setPlainText("定时自动保存的讲解词")
    studio.page_editor.commit_all()
    with qtbot.waitSignal(proj.autosaved, timeout=5000) as blocker:
        pass
    saved = json.loads((proj.work_dir / "course.json").read_text(encoding="utf-8"))
    assert saved["pages"][0]["narration"] == "定时自动保存的讲解词"
    assert blocker.args[0].endswith("course.json")
