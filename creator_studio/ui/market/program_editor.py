"""Staff: the certification programme editor (modules, question bank, exam rules, validity).

Saving calls `update_program` — which, on a version already locked by an issued certificate,
creates the next version instead of editing it — or `create_program` when there is none yet.
The view says beforehand which of the two will happen; validation is the service's.
"""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from creator_studio.core.errors import ValidationError
from creator_studio.ui.errors import studio_message
from creator_studio.ui.market.common import call, form_names, message_label
from creator_studio.ui.translate import tr

ERROR_STYLE = "color: #c62828"  # as common.message_label

MODULE_KEYS = ("id", "title", "url")


def bank_text(bank: list[dict]) -> str:
    """One question per line: a bank of dozens of questions stays readable and diffable."""
    if not bank:
        return "[]"
    return "[\n" + ",\n".join("  " + json.dumps(q, ensure_ascii=False) for q in bank) + "\n]"


def _spin(lo: int, hi: int, name: str, suffix: str = "") -> QSpinBox:
    s = QSpinBox()
    s.setRange(lo, hi)
    s.setAccessibleName(name)
    if suffix:
        s.setSuffix(suffix)
    return s


class ProgramEditor(QScrollArea):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.program: dict | None = None
        self.setWidgetResizable(True)
        host = QWidget()
        lay = QVBoxLayout(host)
        self.version_label = QLabel(tr("Loading…"))
        self.version_label.setWordWrap(True)
        lay.addWidget(self.version_label)

        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setAccessibleName(tr("Programme title"))
        form.addRow(tr("&Title:"), self.title)
        forms_row = QHBoxLayout()
        self.form_checks: dict[str, QCheckBox] = {}
        for fid, name in form_names().items():
            cb = QCheckBox(name)
            cb.setAccessibleName(tr("Certificate may cover {form}").format(form=name))
            self.form_checks[fid] = cb
            forms_row.addWidget(cb)
        forms_row.addStretch(1)
        form.addRow(tr("Forms covered:"), forms_row)
        self.exam_size = _spin(1, 1000, tr("Exam size"), tr(" questions"))
        self.pass_mark = _spin(1, 100, tr("Pass mark"), "%")
        self.max_attempts = _spin(1, 100, tr("Exam attempts"))
        self.cooloff_days = _spin(0, 365, tr("Cooling-off days"), tr(" days"))
        self.validity_days = _spin(1, 3650 * 2, tr("Validity in days"), tr(" days"))
        form.addRow(tr("E&xam size:"), self.exam_size)
        form.addRow(tr("Pass &mark:"), self.pass_mark)
        form.addRow(tr("Attem&pts:"), self.max_attempts)
        form.addRow(tr("&Cooling-off after a failure:"), self.cooloff_days)
        form.addRow(tr("&Validity:"), self.validity_days)
        lay.addLayout(form)

        lay.addWidget(QLabel(tr("Training modules (id, title, link on the learning platform):")))
        self.modules = QTableWidget(0, len(MODULE_KEYS))
        self.modules.setHorizontalHeaderLabels([tr("Id"), tr("Title"), tr("Link")])
        self.modules.setAccessibleName(tr("Training modules"))
        self.modules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.modules.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.modules.verticalHeader().setVisible(False)
        self.modules.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        lay.addWidget(self.modules)
        row = QHBoxLayout()
        self.add_module_button = QPushButton(tr("&Add module"))
        self.remove_module_button = QPushButton(tr("Remove the selected mo&dule"))
        self.add_module_button.clicked.connect(lambda: self.add_module())
        self.remove_module_button.clicked.connect(self.remove_module)
        row.addWidget(self.add_module_button)
        row.addWidget(self.remove_module_button)
        row.addStretch(1)
        lay.addLayout(row)

        lay.addWidget(QLabel(tr("Question bank (JSON: a list of questions with id, stem, options and "
                                "answers; answers are option indexes from 0):")))
        self.bank = QPlainTextEdit()
        self.bank.setAccessibleName(tr("Question bank as JSON"))
        self.bank.setTabChangesFocus(True)
        lay.addWidget(self.bank, 1)

        row = QHBoxLayout()
        self.reload_button = QPushButton(tr("&Reload"))
        self.save_button = QPushButton(tr("&Save programme"))
        self.reload_button.clicked.connect(self.reload)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.reload_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = message_label()
        lay.addWidget(self.message)
        self.setWidget(host)
        self._defaults()
        self.reload()

    def _call(self, fn, on_ok=None, **kw):
        """`common.call`, with the message label back in its error colour (a success message
        before it may have switched it to the normal colour)."""
        self.message.setStyleSheet(ERROR_STYLE)
        return call(self.ctx, self, fn, on_ok, **kw)

    def _defaults(self) -> None:
        self.pass_mark.setValue(80)
        self.max_attempts.setValue(3)
        self.cooloff_days.setValue(7)
        self.validity_days.setValue(730)
        self.exam_size.setValue(5)

    def reload(self):
        return call(self.ctx, self, self.ctx.market.cert_program, self.show_program,
                    message=self.message, clear_message=False)

    def show_program(self, prog: dict | None) -> None:
        self.program = prog
        if prog is None:
            self.version_label.setText(tr("No programme yet: saving creates version 1."))
            return
        font = self.version_label.font()
        font.setBold(bool(prog["locked"]))
        self.version_label.setFont(font)
        if prog["locked"]:
            note = tr("Certificates were issued under v{v}; saving creates v{next}.").format(
                v=prog["version"], next=prog["version"] + 1)
        else:
            note = tr("No certificate issued under v{v} yet: saving changes it in place.").format(
                v=prog["version"])
        self.version_label.setText(tr("Current version: v{v}.").format(v=prog["version"]) + " " + note)
        self.title.setText(prog["title"])
        for fid, cb in self.form_checks.items():
            cb.setChecked(fid in prog["forms"])
        for spin, key in ((self.exam_size, "exam_size"), (self.pass_mark, "pass_mark"),
                          (self.max_attempts, "max_attempts"), (self.cooloff_days, "cooloff_days"),
                          (self.validity_days, "validity_days")):
            spin.setValue(int(prog[key]))
        self.modules.setRowCount(0)
        for m in prog["modules"]:
            self.add_module(m)
        for c in range(len(MODULE_KEYS) - 1):  # the link column stretches
            self.modules.resizeColumnToContents(c)
        self.bank.setPlainText(bank_text(prog["question_bank"]))

    def add_module(self, module: dict | None = None) -> None:
        r = self.modules.rowCount()
        self.modules.insertRow(r)
        for c, key in enumerate(MODULE_KEYS):
            self.modules.setItem(r, c, QTableWidgetItem(str((module or {}).get(key, ""))))
        if module is None:
            self.modules.setCurrentCell(r, 0)
            self.modules.setFocus()

    def remove_module(self) -> None:
        r = self.modules.currentRow()
        if r < 0:
            self.message.setText(tr("Select a module first."))
            return
        self.modules.removeRow(r)

    def module_rows(self) -> list[dict]:
        out = []
        for r in range(self.modules.rowCount()):
            m = {key: (self.modules.item(r, c).text().strip() if self.modules.item(r, c) else "")
                 for c, key in enumerate(MODULE_KEYS)}
            if any(m.values()):
                out.append(m)
        return out

    def fields(self) -> dict:
        """The form as `create_program`/`update_program` keyword arguments (raises on bad JSON)."""
        text = self.bank.toPlainText().strip()
        try:
            bank = json.loads(text) if text else []
        except json.JSONDecodeError as exc:
            raise ValidationError(f"题库 JSON 格式错误（第 {exc.lineno} 行）",
                                  f"Invalid question bank JSON (line {exc.lineno})",
                                  code="BAD_JSON") from exc
        if not isinstance(bank, list) or not all(isinstance(q, dict) for q in bank):
            raise ValidationError("题库应为题目对象的列表", "The question bank must be a list of "
                                  "question objects", code="BAD_JSON")
        return {"title": self.title.text().strip(),
                "forms": [f for f, cb in self.form_checks.items() if cb.isChecked()],
                "modules": self.module_rows(), "question_bank": bank,
                "exam_size": self.exam_size.value(), "pass_mark": self.pass_mark.value(),
                "max_attempts": self.max_attempts.value(),
                "cooloff_days": self.cooloff_days.value(),
                "validity_days": self.validity_days.value()}

    def save(self):
        try:
            fields = self.fields()
        except ValidationError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(studio_message(exc, self.ctx.language))
            return None
        user = self.ctx.current_user
        pid = self.program["id"] if self.program else None
        before = self.program["version"] if self.program else None

        def done(prog: dict) -> None:
            if before is not None and prog["version"] != before:
                self.message.success(tr("Saved as a new version v{v}; certificates issued under "
                                        "v{old} keep their criteria.").format(v=prog["version"],
                                                                               old=before))
            else:
                self.message.success(tr("Saved (version v{v}).").format(v=prog["version"]))
            self.show_program(prog)

        return self._call(lambda: self.ctx.market.save_program(user, pid, fields), done,
                    writes=True, message=self.message)
