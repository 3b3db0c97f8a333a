"""The skit script in tables: the cast, each scene's lines, and its decision point."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from creator_studio.core.errors import ValidationError
from creator_studio.core.lesson.model import Character, Choice, Decision, Line, Scene, Script
from creator_studio.ui.studio.commands import SetAttr
from creator_studio.ui.studio.table_models import ChoiceDelegate, ListTableModel, attr_column


from creator_studio.ui.translate import tr  # noqa: E402


def _int(item, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValidationError("请输入整数", "Please enter a whole number", code="BAD_NUMBER") from None


def _table(model: ListTableModel, name: str, stretch: int) -> QTableView:
    t = QTableView()
    t.setModel(model)
    t.setItemDelegate(ChoiceDelegate(model, t))
    t.setAccessibleName(name)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


def _buttons(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for b in buttons:
        b.setAccessibleName(b.text().replace("&", ""))
        row.addWidget(b)
    row.addStretch(1)
    return row


class ScriptEditor(QWidget):
    def __init__(self, project, on_error, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.on_error = on_error
        self.stack = QStackedWidget()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)

        # Page 0: no script yet.
        empty = QWidget()
        el = QVBoxLayout(empty)
        el.addWidget(QLabel(tr("This course has no skit script yet. Dialogue found in the source "
                               "appears here after import; you can also start one.")))
        self.create_button = QPushButton(tr("&Start a skit script"))
        self.create_button.setAccessibleName(tr("Start a skit script"))
        self.create_button.clicked.connect(self.create_script)
        el.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignLeft)
        el.addStretch(1)
        self.stack.addWidget(empty)

        # Page 1: the editor.
        body = QSplitter(Qt.Orientation.Vertical)
        cast_box = QGroupBox(tr("Cast"))
        cl = QVBoxLayout(cast_box)
        undo = project.undo_stack
        changed = project.script_changed.emit
        self.cast_model = ListTableModel([], [
            attr_column(tr("Name"), "name"),
            attr_column(tr("Role"), "role"),
            attr_column(tr("Voice"), "voice"),
            attr_column(tr("Side"), "side", choices=lambda: [(tr("Left"), "left"),
                                                           (tr("Right"), "right"),
                                                           (tr("Centre"), "center")]),
        ], undo, changed, on_error)
        self.cast_table = _table(self.cast_model, tr("Cast"), 0)
        cl.addWidget(self.cast_table)
        self.add_char = QPushButton(tr("Add &character"))
        self.del_char = QPushButton(tr("Remove character"))
        cl.addLayout(_buttons(self.add_char, self.del_char))
        self.add_char.clicked.connect(self.add_character)
        self.del_char.clicked.connect(lambda: self._remove(self.cast_table, self.cast_model))
        body.addWidget(cast_box)

        scenes_box = QGroupBox(tr("Scenes"))
        sl = QHBoxLayout(scenes_box)
        left = QVBoxLayout()
        self.scene_list = QListWidget()
        self.scene_list.setAccessibleName(tr("Scenes"))
        left.addWidget(self.scene_list)
        self.add_scene_button = QPushButton(tr("Add &scene"))
        left.addLayout(_buttons(self.add_scene_button))
        self.add_scene_button.clicked.connect(self.add_scene)
        sl.addLayout(left, 1)

        right = QVBoxLayout()
        right.addWidget(QLabel(tr("Lines")))
        self.lines_model = ListTableModel([], [
            attr_column(tr("Speaker"), "speaker", choices=self._speaker_choices),
            attr_column(tr("Line"), "text"),
            attr_column(tr("Emotion"), "emotion"),
        ], undo, changed, on_error)
        self.lines_table = _table(self.lines_model, tr("Lines"), 1)
        right.addWidget(self.lines_table, 2)
        self.add_line_button = QPushButton(tr("Add &line"))
        self.del_line_button = QPushButton(tr("Remove line"))
        self.record_line_button = QPushButton(tr("Record line in my voice…"))
        self.record_line_button.setAccessibleName(tr("Record the selected line in your own voice instead of the synthetic one"))
        self.record_line_button.clicked.connect(self.record_line)
        self.use_page_take_button = QPushButton(tr("Use the page's recording"))
        self.use_page_take_button.setAccessibleName(tr("Speak the selected line with the recording of the page it came from"))
        self.use_page_take_button.clicked.connect(self.use_page_recording)
        right.addLayout(_buttons(self.add_line_button, self.del_line_button, self.record_line_button,
                                 self.use_page_take_button))
        self.add_line_button.clicked.connect(self.add_line)
        self.del_line_button.clicked.connect(lambda: self._remove(self.lines_table, self.lines_model))

        prompt_row = QHBoxLayout()
        prompt_label = QLabel(tr("Decision point:"))
        self.prompt_edit = QLineEdit()
        self.prompt_edit.setAccessibleName(tr("Decision prompt"))
        self.prompt_edit.setPlaceholderText(tr("Question the learner answers at the end of the scene"))
        prompt_label.setBuddy(self.prompt_edit)
        prompt_row.addWidget(prompt_label)
        prompt_row.addWidget(self.prompt_edit, 1)
        right.addLayout(prompt_row)
        self.prompt_edit.editingFinished.connect(self._commit_prompt)
        self.choices_model = ListTableModel([], [
            attr_column(tr("Choice"), "text"),
            attr_column(tr("Feedback"), "feedback"),
            attr_column(tr("Score"), "score", from_text=_int),
            attr_column(tr("Next scene"), "next_scene", choices=self._scene_choices),
        ], undo, changed, on_error)
        self.choices_table = _table(self.choices_model, tr("Choices"), 0)
        right.addWidget(self.choices_table, 1)
        self.add_choice_button = QPushButton(tr("Add c&hoice"))
        self.del_choice_button = QPushButton(tr("Remove choice"))
        right.addLayout(_buttons(self.add_choice_button, self.del_choice_button))
        self.add_choice_button.clicked.connect(self.add_choice)
        self.del_choice_button.clicked.connect(
            lambda: self._remove(self.choices_table, self.choices_model))
        sl.addLayout(right, 3)
        body.addWidget(scenes_box)
        body.setStretchFactor(1, 3)
        self.stack.addWidget(body)

        self.scene_list.currentRowChanged.connect(self._show_scene)
        project.script_changed.connect(self._refresh_scene_titles)
        self.reload()

    # -- helpers --------------------------------------------------------------------------------
    @property
    def script(self) -> Script | None:
        return self.project.lesson.script

    def _speaker_choices(self):
        return [(c.name, c.id) for c in (self.script.cast if self.script else [])]

    def _scene_choices(self):
        out = [(tr("(end)"), None)]
        out += [(s.title or s.id, s.id) for s in (self.script.scenes if self.script else [])]
        return out

    def current_scene(self) -> Scene | None:
        row = self.scene_list.currentRow()
        if self.script and 0 <= row < len(self.script.scenes):
            return self.script.scenes[row]
        return None

    def reload(self) -> None:
        s = self.script
        self.stack.setCurrentIndex(1 if s else 0)
        if not s:
            return
        self.cast_model.set_items(s.cast)
        self.scene_list.blockSignals(True)
        self.scene_list.clear()
        for sc in s.scenes:
            self.scene_list.addItem(sc.title or sc.id)
        self.scene_list.blockSignals(False)
        self.scene_list.setCurrentRow(0 if s.scenes else -1)
        self._show_scene(self.scene_list.currentRow())

    def _refresh_scene_titles(self) -> None:
        s = self.script
        if not s:
            self.stack.setCurrentIndex(0)
            return
        if self.stack.currentIndex() == 0 or self.scene_list.count() != len(s.scenes):
            self.reload()
            return
        for i, sc in enumerate(s.scenes):
            self.scene_list.item(i).setText(sc.title or sc.id)

    def _show_scene(self, row: int) -> None:
        sc = self.current_scene()
        self.lines_model.set_items(sc.lines if sc else [])
        has_decision = bool(sc and sc.decision)
        self.choices_model.set_items(sc.decision.options if has_decision else [])
        self.prompt_edit.setText(sc.decision.prompt if has_decision else "")
        for w in (self.add_line_button, self.add_choice_button, self.prompt_edit):
            w.setEnabled(sc is not None)

    def _remove(self, table: QTableView, model: ListTableModel) -> None:
        rows = table.selectionModel().selectedRows()
        if rows:
            model.remove(rows[0].row())

    # -- edits (all undoable) -------------------------------------------------------------------
    def create_script(self) -> None:
        script = Script(title=self.project.lesson.title,
                        cast=[Character(id="narrator", name="旁白", role="旁白", side="center")],
                        scenes=[Scene(id="s1", title=tr("Scene 1"))], start_scene="s1")
        self.project.undo_stack.push(SetAttr(self.project.lesson, "script", script,
                                             self._after_script_swap, tr("Start skit script")))

    def _after_script_swap(self) -> None:
        self.reload()
        self.project.script_changed.emit()

    def add_character(self) -> None:
        ids = {c.id for c in self.script.cast}
        n = len(ids) + 1
        while f"c{n}" in ids:
            n += 1
        self.cast_model.add(Character(id=f"c{n}", name=tr("Character {n}").format(n=n)))

    def add_scene(self) -> None:
        ids = {s.id for s in self.script.scenes}
        n = len(ids) + 1
        while f"s{n}" in ids:
            n += 1
        scenes_model = ListTableModel(self.script.scenes, [], self.project.undo_stack,
                                      self._after_script_swap)
        scenes_model.add(Scene(id=f"s{n}", title=tr("Scene {n}").format(n=n)))
        self.scene_list.setCurrentRow(len(self.script.scenes) - 1)

    def add_line(self) -> None:
        cast = self.script.cast
        speaker = next((c.id for c in cast if not c.is_narrator), cast[0].id if cast else "")
        self.lines_model.add(Line(speaker=speaker, text=tr("New line")))

    def record_line(self):
        """The recorder dialog for the selected line (issue 14); returns it (tests drive it)."""
        scene, row = self._selected_line()
        if scene is None:
            return None  # nothing chosen: the button does nothing
        from creator_studio.ui.studio.line_recording import open_line_recorder

        dlg = open_line_recorder(self.project, scene, row, self)
        dlg.show()
        return dlg

    def _selected_line(self):
        scene = self.current_scene()
        sm = self.lines_table.selectionModel()
        rows = sm.selectedRows() if sm else []
        row = rows[0].row() if rows else self.lines_table.currentIndex().row()
        if scene is None or not (0 <= row < len(scene.lines)):
            return None, None
        return scene, row

    def use_page_recording(self) -> bool:
        """The selected line speaks with the recording of the page it came from (`source_page`,
        its `narration_audio`), one undo step; False when that page has no recording."""
        from creator_studio.ui.studio.commands import SetAttr

        scene, row = self._selected_line()
        if scene is None:
            return False
        line = scene.lines[row]
        page = next((p for p in self.project.lesson.pages if p.id == line.source_page), None)
        if page is None or not page.narration_audio or line.audio == page.narration_audio:
            return False
        self.project.undo_stack.push(SetAttr(line, "audio", page.narration_audio, self.project.script_changed.emit,
                                             tr("Use the page's recording")))
        return True

    def add_choice(self) -> None:
        sc = self.current_scene()
        if sc is None:
            return
        stack = self.project.undo_stack
        stack.beginMacro(tr("Add choice"))
        if sc.decision is None:
            stack.push(SetAttr(sc, "decision", Decision(), self._reshow_scene))
        self.choices_model.add(Choice(text=tr("New choice")))
        stack.endMacro()

    def _reshow_scene(self) -> None:
        self._show_scene(self.scene_list.currentRow())
        self.project.script_changed.emit()

    def _commit_prompt(self) -> None:
        sc = self.current_scene()
        if sc is None:
            return
        text = self.prompt_edit.text()
        if sc.decision is None:
            if not text.strip():
                return
            self.project.undo_stack.beginMacro(tr("Edit decision prompt"))
            self.project.undo_stack.push(SetAttr(sc, "decision", Decision(), self._reshow_scene))
            self.project.undo_stack.push(SetAttr(sc.decision, "prompt", text, self._reshow_scene))
            self.project.undo_stack.endMacro()
        elif sc.decision.prompt != text:
            self.project.undo_stack.push(SetAttr(sc.decision, "prompt", text, self._reshow_scene,
                                                 tr("Edit decision prompt")))
