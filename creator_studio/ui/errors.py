"""How failures reach a person: typed core errors as plain messages, bugs as a logged report.

A `StudioError` is shown in the window's language (中文 or English) — it is the user's business.
Anything else is a bug: the traceback goes to `paths.log_dir()/creator-studio-gui.log` and the
dialog offers "copy details" so it can be pasted into a support ticket; no traceback is ever the
whole message.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from creator_studio.core.errors import Cancelled, StudioError

log = logging.getLogger("creator_studio.ui")
LOG_FILE = "creator-studio-gui.log"
_language = {"value": "zh_CN"}


from creator_studio.ui.translate import tr  # noqa: E402


def set_language(lang: str) -> None:
    _language["value"] = lang


def studio_message(exc: StudioError, lang: str | None = None) -> str:
    lang = lang or _language["value"]
    return exc.message_zh if lang.startswith("zh") else exc.message_en


def log_path() -> Path:
    from creator_studio.core.paths import log_dir

    return log_dir() / LOG_FILE


def setup_file_logging() -> Path:
    path = log_path()
    root = logging.getLogger()
    if not any(isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path
               for h in root.handlers):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.setLevel(logging.INFO)
        root.addHandler(handler)
        if root.level > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
    return path


class ErrorDialog(QDialog):
    """An unexpected error: a short sentence, where the log is, and the details to copy."""

    def __init__(self, summary: str, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Unexpected error"))
        self.details = details
        lay = QVBoxLayout(self)
        msg = QLabel(tr("Something went wrong: {summary}\nThe details were written to {path}.")
                     .format(summary=summary, path=log_path()))
        msg.setWordWrap(True)
        lay.addWidget(msg)
        box = QPlainTextEdit(details)
        box.setReadOnly(True)
        box.setAccessibleName(tr("Error details"))
        lay.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(tr("Copy details"))
        self.copy_button.setAccessibleName(tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80,
                    self.fontMetrics().height() * 20)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)


def show_error(parent: QWidget | None, exc: BaseException, details: str = "", *,
               modal: bool = True) -> QDialog | None:
    """Show any failure from a service or a job. Returns the dialog (tests inspect it)."""
    if isinstance(exc, Cancelled):
        return None
    if isinstance(exc, StudioError):
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Cannot do that"),
                          studio_message(exc), QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("studioErrorBox")
        box.setProperty("error_code", exc.code)
        (box.exec() if modal else box.open())
        return box
    if not details:
        details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error: %s\n%s", exc, details)
    dlg = ErrorDialog(f"{type(exc).__name__}: {exc}", details, parent)
    (dlg.exec() if modal else dlg.open())
    return dlg


def install_excepthook() -> None:
    """Uncaught exceptions in slots go to the log and a dialog instead of killing the window."""

    def hook(etype, value, tb):
        details = "".join(traceback.format_exception(etype, value, tb))
        log.error("uncaught exception\n%s", details)
        if QApplication.instance() is None or not isinstance(value, Exception):
            sys.__excepthook__(etype, value, tb)
            return
        try:
            show_error(QApplication.activeWindow(), value, details, modal=False)
        except Exception:  # never recurse while reporting
            sys.__excepthook__(etype, value, tb)

    sys.excepthook = hook
