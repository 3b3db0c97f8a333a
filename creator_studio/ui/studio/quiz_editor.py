"""Quiz questions: a table of all questions and, below it, a form for the selected one (#18).

The form edits a question the way a learner will see it: radio buttons mark the one right
option of a single-choice or true/false question, check boxes the right options of a multiple-
choice one, a line per option, the accepted answers of a fill-in. Every change goes through the
table model as an undoable cell edit, so the table, the form and Undo/Redo stay in step.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from creator_studio.core.errors import ValidationError
from creator_studio.core.lesson.model import Question
from creator_studio.ui.studio.commands import SetCell
from creator_studio.ui.studio.table_models import ChoiceDelegate, ListTableModel, attr_column, Column


from creator_studio.ui.translate import plural, tr  # noqa: E402


def kind_choices() -> list[tuple[str, str]]:
    return [(tr("Single choice"), "single"), (tr("Multiple choice"), "multiple"),
            (tr("True/false"), "truefalse"), (tr("Fill in"), "fill")]


def _parse_options(item: Question, text: str) -> list[str]:
    return [o.strip() for o in text.split("|") if o.strip()]


def _answer_get(q: Question):
    return (list(q.answers), list(q.accepted))


def _answer_set(q: Question, raw) -> None:
    q.answers, q.accepted = list(raw[0]), list(raw[1])


def _answer_text(q: Question, raw) -> str:
    return q.answer_label()


def _answer_parse(q: Question, text: str):
    text = text.strip()
    if q.kind == "fill":
        return (list(q.answers), [a.strip() for a in text.split("/") if a.strip()])
    if q.kind == "truefalse":
        yes = text.lower() in ("正确", "对", "true", "t", "yes", "y", "a", "√")
        no = text.lower() in ("错误", "错", "false", "f", "no", "n", "b", "×")
        if not (yes or no):
            raise ValidationError("判断题答案请填“正确”或“错误”",
                                  "A true/false answer must be true or false", code="BAD_ANSWER")
        return ([0] if yes else [1], list(q.accepted))
    letters = [c for c in text.upper() if c.strip() and c not in ",，、 "]
    idx = sorted({ord(c) - ord("A") for c in letters})
    if not idx or any(i < 0 or i >= len(q.options) for i in idx):
        raise ValidationError(f"答案应为选项字母 A–{chr(ord('A') + max(len(q.options), 1) - 1)}",
                              "The answer must be option letters such as A or AC",
                              code="BAD_ANSWER")
    if q.kind == "single" and len(idx) != 1:
        raise ValidationError("单选题只能有一个答案", "A single-choice question has one answer",
                              code="BAD_ANSWER")
    return (idx, list(q.accepted))


def _int_parse(item, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValidationError("请输入整数", "Please enter a whole number", code="BAD_NUMBER") from None


def quiz_columns() -> list[Column]:
    return [
        attr_column(tr("Kind"), "kind", choices=kind_choices),
        attr_column(tr("Question"), "stem"),
        attr_column(tr("Options (separate with |)"), "options",
                    to_text=lambda it, raw: " | ".join(raw), from_text=_parse_options),
        Column(tr("Answer"), _answer_get, _answer_set, _answer_text, _answer_parse),
        attr_column(tr("Explanation"), "explanation"),
        attr_column(tr("Points"), "points", from_text=_int_parse),
    ]


class QuizEditor(QWidget):
    def __init__(self, project, on_error, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.model = ListTableModel(project.lesson.quiz.questions, quiz_columns(),
                                    project.undo_stack, project.quiz_changed.emit, on_error)
        lay = QVBoxLayout(self)
        self.summary = QLabel()
        lay.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(ChoiceDelegate(self.model, self.table))
        self.table.setAccessibleName(tr("Quiz questions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        split.addWidget(self.table)
        self.form = QuestionForm(self.model, project.undo_stack)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        lay.addWidget(split, 1)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.form.show_row(cur.row()))
        self.model.modelReset.connect(lambda: self.form.show_row(self.form.row))
        self.model.rowsRemoved.connect(lambda *_a: self.form.show_row(
            min(self.form.row, self.model.rowCount() - 1)))
        row = QHBoxLayout()
        self.add_button = QPushButton(tr("&Add question"))
        self.remove_button = QPushButton(tr("&Remove question"))
        from creator_studio.ui.icons import decorate

        decorate(self.add_button, "plus-circle-outline")
        decorate(self.remove_button, "delete-outline")
        for b in (self.add_button, self.remove_button):
            b.setAccessibleName(b.text().replace("&", ""))
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.add_button.clicked.connect(self.add_question)
        self.remove_button.clicked.connect(self.remove_selected)
        project.quiz_changed.connect(self._update_summary)
        self._update_summary()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.form.show_row(-1)

    def _update_summary(self) -> None:
        self.summary.setText(plural(len(self.project.lesson.quiz.questions),
                                    tr("1 question, pass mark {p}%"),
                                    tr("{n} questions, pass mark {p}%")).format(
            n=len(self.project.lesson.quiz.questions), p=self.project.lesson.quiz.pass_mark))

    def add_question(self) -> None:
        qs = self.project.lesson.quiz.questions
        ids = {q.id for q in qs}
        n = len(qs) + 1
        while f"q{n}" in ids:
            n += 1
        self.model.add(Question(id=f"q{n}", kind="single", stem=tr("New question"),
                                options=[tr("Option A"), tr("Option B")], answers=[0]))
        self.table.selectRow(len(qs) - 1)
        self.form.show_row(len(qs) - 1)

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.model.remove(rows[0].row())


KIND, STEM, OPTIONS, ANSWER, EXPLANATION, POINTS = range(6)


class QuestionForm(QWidget):
    """The selected question as a form; each change is one undoable edit of the table model."""

    def __init__(self, model: ListTableModel, undo, parent=None) -> None:
        super().__init__(parent)
        self.model, self.undo = model, undo
        self.row = -1
        self._shape = None  # (kind, number of options) the controls were built for
        self._updating = False
        outer = QVBoxLayout(self)
        self.empty = QLabel(tr("Select a question in the list, or add one."))
        self.empty.setProperty("role", "muted")
        outer.addWidget(self.empty)
        self.body = QWidget()
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        for label, raw in kind_choices():
            self.kind.addItem(label, raw)
        self.kind.setAccessibleName(tr("Question kind"))
        form.addRow(tr("&Kind:"), self.kind)
        self.stem = QLineEdit()
        self.stem.setAccessibleName(tr("Question"))
        form.addRow(tr("&Question:"), self.stem)
        self.options_box = QGroupBox(tr("Options — mark the right answer"))
        self.options_layout = QGridLayout(self.options_box)
        form.addRow(self.options_box)
        self.add_option_button = QPushButton(tr("Add o&ption"))
        from creator_studio.ui.icons import decorate

        decorate(self.add_option_button, "plus")
        self.add_option_button.clicked.connect(self.add_option)
        form.addRow("", self.add_option_button)
        self.accepted = QLineEdit()
        self.accepted.setAccessibleName(tr("Accepted answers"))
        self.accepted.setPlaceholderText(tr("Accepted answers, separated by /"))
        self.accepted_label = QLabel(tr("Accepted ans&wers:"))
        self.accepted_label.setBuddy(self.accepted)
        form.addRow(self.accepted_label, self.accepted)
        self.explanation = QLineEdit()
        self.explanation.setAccessibleName(tr("Explanation"))
        form.addRow(tr("&Explanation:"), self.explanation)
        self.points = QSpinBox()
        self.points.setRange(0, 100)
        self.points.setAccessibleName(tr("Points"))
        form.addRow(tr("P&oints:"), self.points)
        outer.addWidget(self.body)
        outer.addStretch(1)
        self.group = QButtonGroup(self)
        self.marks: list[QAbstractButton] = []
        self.option_edits: list[QLineEdit] = []
        self.kind.activated.connect(lambda _i: self._set_kind(self.kind.currentData()))
        self.stem.editingFinished.connect(lambda: self._set(STEM, self.stem.text()))
        self.explanation.editingFinished.connect(
            lambda: self._set(EXPLANATION, self.explanation.text()))
        self.points.valueChanged.connect(lambda v: self._set(POINTS, int(v)))
        self.accepted.editingFinished.connect(self._set_accepted)
        model.dataChanged.connect(self._changed)

    # -- showing --------------------------------------------------------------------------------
    def question(self) -> Question | None:
        return self.model.items[self.row] if 0 <= self.row < len(self.model.items) else None

    def show_row(self, row: int) -> None:
        self.row = row
        self._shape = None
        self.refresh()

    def _changed(self, top, bottom, *_r) -> None:
        if top.row() <= self.row <= bottom.row():
            self.refresh()

    def refresh(self) -> None:
        q = self.question()
        self.empty.setVisible(q is None)
        self.body.setVisible(q is not None)
        if q is None:
            return
        self._updating = True
        try:
            shape = (q.kind, len(q.options))
            if shape != self._shape:
                self._build_options(q)
                self._shape = shape
            self.kind.setCurrentIndex(max(0, self.kind.findData(q.kind)))
            if self.stem.text() != q.stem:
                self.stem.setText(q.stem)
            if self.explanation.text() != q.explanation:
                self.explanation.setText(q.explanation)
            self.points.setValue(q.points)
            fill = q.kind == "fill"
            for w in (self.accepted, self.accepted_label):
                w.setVisible(fill)
            self.options_box.setVisible(not fill)
            self.add_option_button.setVisible(q.kind in ("single", "multiple"))
            text = " / ".join(q.accepted)
            if self.accepted.text() != text:
                self.accepted.setText(text)
            for i, mark in enumerate(self.marks):
                mark.setChecked(i in q.answers)
            for i, edit in enumerate(self.option_edits):
                if i < len(q.options) and edit.text() != q.options[i]:
                    edit.setText(q.options[i])
        finally:
            self._updating = False

    def _build_options(self, q: Question) -> None:
        lay = self.options_layout
        while lay.count():
            w = lay.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        for b in self.group.buttons():
            self.group.removeButton(b)
        self.marks, self.option_edits = [], []
        single = q.kind in ("single", "truefalse")
        self.group.setExclusive(single)
        if q.kind == "truefalse":
            labels = [tr("True"), tr("False")]
        else:
            labels = list(q.options)
        for i, text in enumerate(labels):
            letter = chr(ord("A") + i)
            if single:
                mark = QRadioButton(tr("Right answer") if q.kind != "truefalse" else text)
            else:
                mark = QCheckBox(tr("Right answer"))
            mark.setAccessibleName(tr("Option {letter} is right").format(letter=letter))
            self.group.addButton(mark, i)
            mark.clicked.connect(lambda _c=False, i=i: self._mark(i))
            self.marks.append(mark)
            if q.kind == "truefalse":
                lay.addWidget(mark, i, 0)
                continue
            lay.addWidget(QLabel(f"{letter}."), i, 0)
            edit = QLineEdit(text)
            edit.setAccessibleName(tr("Option {letter}").format(letter=letter))
            edit.editingFinished.connect(lambda i=i, e=edit: self._set_option(i, e.text()))
            self.option_edits.append(edit)
            lay.addWidget(edit, i, 1)
            lay.addWidget(mark, i, 2)
            remove = QPushButton(tr("Remove"))
            remove.setAccessibleName(tr("Remove option {letter}").format(letter=letter))
            remove.setEnabled(len(labels) > 2)
            remove.clicked.connect(lambda _c=False, i=i: self.remove_option(i))
            lay.addWidget(remove, i, 3)

    # -- editing (each an undoable cell edit) -----------------------------------------------------
    def _push(self, col: int, new) -> None:
        q = self.question()
        if q is None or self._updating:
            return
        old = copy.deepcopy(self.model.columns[col].get(q))
        if old != new:
            self.undo.push(SetCell(self.model, self.row, col, old, copy.deepcopy(new)))

    def _set(self, col: int, value) -> None:
        self._push(col, value)

    def _mark(self, i: int) -> None:
        q = self.question()
        if q is None or self._updating:
            return
        if q.kind in ("single", "truefalse"):
            answers = [i]
        else:
            answers = sorted({j for j, m in enumerate(self.marks) if m.isChecked()})
            if not answers:  # a multiple-choice question keeps at least one right option
                self.marks[i].setChecked(True)
                return
        self._push(ANSWER, (answers, list(q.accepted)))

    def _set_option(self, i: int, text: str) -> None:
        q = self.question()
        if q is None or not text.strip():
            self.refresh()
            return
        options = list(q.options)
        options[i] = text.strip()
        self._push(OPTIONS, options)

    def _set_accepted(self) -> None:
        q = self.question()
        if q is None:
            return
        accepted = [a.strip() for a in self.accepted.text().split("/") if a.strip()]
        self._push(ANSWER, (list(q.answers), accepted))

    def _set_kind(self, kind: str) -> None:
        """A new kind in one undo step, with options and answers that fit it."""
        q = self.question()
        if q is None or self._updating or kind == q.kind:
            return
        options, answers = list(q.options), list(q.answers)
        if kind == "truefalse":
            options, answers = ["正确", "错误"], [answers[0] if answers and answers[0] < 2 else 0]
        elif kind in ("single", "multiple"):
            if q.kind == "truefalse" or len(options) < 2:
                options = [tr("Option A"), tr("Option B")]
            answers = [a for a in answers if a < len(options)] or [0]
            if kind == "single":
                answers = answers[:1]
        self.undo.beginMacro(tr("Change the question kind"))
        try:
            self._push(OPTIONS, options)
            self._push(ANSWER, (answers, list(q.accepted)))
            self._push(KIND, kind)
        finally:
            self.undo.endMacro()

    def add_option(self) -> None:
        q = self.question()
        if q is None:
            return
        letter = chr(ord("A") + len(q.options))
        self._push(OPTIONS, list(q.options) + [tr("Option {letter}").format(letter=letter)])

    def remove_option(self, i: int) -> None:
        q = self.question()
        if q is None or len(q.options) <= 2:
            return
        options = [o for j, o in enumerate(q.options) if j != i]
        answers = [a if a < i else a - 1 for a in q.answers if a != i] or [0]
        self.undo.beginMacro(tr("Remove option"))
        try:
            self._push(ANSWER, (answers, list(q.accepted)))
            self._push(OPTIONS, options)
        finally:
            self.undo.endMacro()
