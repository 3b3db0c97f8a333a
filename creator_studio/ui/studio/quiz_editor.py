"""Quiz questions in a table: kind, stem, options, answer, explanation, points."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from creator_studio.core.errors import ValidationError
from creator_studio.core.lesson.model import Question
from creator_studio.ui.studio.table_models import ChoiceDelegate, ListTableModel, attr_column, Column


from creator_studio.ui.translate import tr  # noqa: E402


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
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(ChoiceDelegate(self.model, self.table))
        self.table.setAccessibleName(tr("Quiz questions"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        lay.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(tr("&Add question"))
        self.remove_button = QPushButton(tr("&Remove question"))
        for b in (self.add_button, self.remove_button):
            b.setAccessibleName(b.text().replace("&", ""))
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.add_button.clicked.connect(self.add_question)
        self.remove_button.clicked.connect(self.remove_selected)
        project.quiz_changed.connect(self._update_summary)
        self._update_summary()

    def _update_summary(self) -> None:
        self.summary.setText(tr("{n} questions, pass mark {p}%").format(
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

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.model.remove(rows[0].row())
