"""The norms check of the rendered package; each finding links to its page."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
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

from creator_studio.ui.errors import show_error


from creator_studio.ui.translate import plural, tr  # noqa: E402


STATUS_COLOURS = {"pass": "#2e7d32", "warn": "#b26a00", "fail": "#c62828"}


def rule_names() -> dict[str, str]:
    """Short names of the default norm set's rules (#18 defect 4: "video-duration" showed raw)."""
    return {
        "title-length": tr("Title length"), "cover-present": tr("Cover / title card"),
        "video-duration": tr("Video length"), "video-resolution": tr("Video resolution"),
        "video-codec": tr("Video encoding"), "long-image-width": tr("Long image width"),
        "long-image-segments": tr("Long image parts"), "h5-min-questions": tr("H5 quiz size"),
        "file-size": tr("File size"), "forbidden-wording": tr("Forbidden wording"),
        "no-placeholder-text": tr("Placeholder text"), "disclaimer": tr("Disclaimer"),
        "narration-audible": tr("Narration audible"), "video-page-length": tr("Video page length"),
        "recorded-loudness": tr("Recording loudness"), "package-has-forms": tr("Rendered forms"),
    }


def rule_name(f, language: str) -> str:
    """The rule's short name; a rule of another norm set is named by the start of its own
    sentence ("课程标题 4–30 个字：…" → "课程标题 4–30 个字"), never by its id."""
    name = rule_names().get(f.rule_id)
    if name:
        return name
    msg = f.message_zh if language.startswith("zh") else f.message_en
    for sep in ("：", ": "):
        if sep in msg:
            return msg.split(sep, 1)[0]
    return msg or f.rule_id


class FindingsModel(QAbstractTableModel):
    def __init__(self, language: str) -> None:
        super().__init__()
        self.findings = []
        self.language = language
        self.headers = [tr("Result"), tr("Rule"), tr("Form"), tr("Page"), tr("Detail")]
        # page id → what the maker sees ("Page 3"); set by the studio, which knows the lesson
        self.page_label = None

    def set_findings(self, findings) -> None:
        self.beginResetModel()
        order = {"fail": 0, "warn": 1, "pass": 2}
        self.findings = sorted(findings, key=lambda f: order.get(f.status, 3))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.findings[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 0:
                return {"pass": tr("Pass"), "warn": tr("Warning"), "fail": tr("Fail")}.get(f.status, f.status)
            if c == 1:
                return rule_name(f, self.language)
            if c == 2:
                from creator_studio.ui.forms_meta import form_label  # the registry's name

                return form_label(f.form, self.language) if f.form else ""
            if c == 3:
                if f.page and self.page_label is not None:
                    return self.page_label(f.page) or f.page
                return f.page or ""
            return f.message_zh if self.language.startswith("zh") else f.message_en
        if role == Qt.ItemDataRole.ForegroundRole and c == 0:
            return QBrush(QColor(STATUS_COLOURS.get(f.status, "#000")))
        if role == Qt.ItemDataRole.UserRole:
            return f.page
        return None


class NormsPanel(QWidget):
    page_requested = Signal(str)
    checked = Signal(object)  # NormsReport

    def __init__(self, ctx, get_out_dir, before_check=None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.get_out_dir = get_out_dir
        self.before_check = before_check or (lambda: None)
        self.report = None
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.check_button = QPushButton(tr("Run norms &check"))
        self.check_button.setAccessibleName(tr("Run norms check"))
        self.check_button.clicked.connect(self.run_check)
        row.addWidget(self.check_button)
        self.verdict = QLabel(tr("Render the course, then check it against the upload norms."))
        self.verdict.setWordWrap(True)
        row.addWidget(self.verdict, 1)
        lay.addLayout(row)
        self.model = FindingsModel(ctx.language)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Norms findings"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        lay.addWidget(self.table, 1)

    def run_check(self):
        out = self.get_out_dir()
        if out is None or not (out / "manifest.json").exists():
            self.verdict.setText(tr("Nothing rendered yet: render at least one form first."))
            return None
        self.before_check()

        def work(job):
            from creator_studio.core.norms import check_package

            job.progress(0, 1, "")
            return check_package(out)

        self.check_button.setEnabled(False)
        h = self.ctx.runner.run(work, label=tr("Norms check"))
        h.succeeded.connect(self.show_report)
        h.failed.connect(lambda exc: show_error(self, exc, h.error_details, modal=False))
        h.finished.connect(lambda: self.check_button.setEnabled(True))
        return h

    def show_report(self, report) -> None:
        self.report = report
        self.model.set_findings(report.findings)
        n_fail, n_warn = len(report.failures), len(report.warnings)
        if report.blocking:
            counts = tr("{failures}, {warnings}").format(
                failures=plural(n_fail, tr("1 failure"), tr("{n} failures")).format(n=n_fail),
                warnings=plural(n_warn, tr("1 warning"), tr("{n} warnings")).format(n=n_warn))
            self.verdict.setText(tr("Blocked: {counts}. Fix them before delivering.").format(
                counts=counts))
        else:
            self.verdict.setText(plural(n_warn, tr("Ready to deliver: 1 warning."),
                                        tr("Ready to deliver: {w} warnings.")).format(w=n_warn))
        self.checked.emit(report)

    def _activated(self, index) -> None:
        page = self.model.data(index, Qt.ItemDataRole.UserRole)
        if page:
            self.page_requested.emit(page)
