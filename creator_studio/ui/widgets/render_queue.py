"""One progress indicator in the status bar for every render job (#18: the render queue).

It watches the window's job runner: each long production job (render, import, norms check,
screen-recording finish) joins the queue when it starts and leaves it when it ends. The bar
shows the queue's combined progress, the text the running job(s), the menu lists each job with
its own Cancel, and the Cancel button stops them all. Short reads (lists, look-ups) never show.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QToolButton,
    QWidget,
)

from creator_studio.ui.translate import tr

MACHINE_LABELS_QUEUED = {"recording"}  # finishing a screen recording (labelled for the code)


def is_queue_job(handle) -> bool:
    """A production job the person waits for (labels as the studio gives them)."""
    label = getattr(handle, "label", "") or ""
    if label in MACHINE_LABELS_QUEUED:
        return True
    importing = tr("Importing {name}").split("{")[0]
    return label == tr("Rendering") or label == tr("Norms check") or \
        bool(importing) and label.startswith(importing)


class RenderQueue(QWidget):
    def __init__(self, runner, parent=None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.jobs: list = []  # handles, in start order
        self.fractions: dict[int, float] = {}
        self.messages: dict[int, str] = {}
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(self.fontMetrics().averageCharWidth() * 28)
        self.bar.setAccessibleName(tr("Progress of all running jobs"))
        self.list_button = QToolButton()
        self.list_button.setText(tr("Jobs"))
        self.list_button.setAccessibleName(tr("Running jobs"))
        self.list_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self)
        self.list_button.setMenu(self.menu)
        self.cancel_button = QToolButton()
        self.cancel_button.setText(tr("Cancel"))
        self.cancel_button.setAccessibleName(tr("Cancel all running jobs"))
        self._icon_set = False  # qtawesome loads its fonts on first use: not before first paint
        self.cancel_button.clicked.connect(self.cancel_all)
        for w in (self.label, self.bar, self.list_button, self.cancel_button):
            lay.addWidget(w)
        runner.started.connect(self._started)
        self.setVisible(False)

    # -- tracking ---------------------------------------------------------------------------------
    def _started(self, handle) -> None:
        if not is_queue_job(handle) or handle in self.jobs:
            return
        self.jobs.append(handle)
        key = id(handle)
        self.fractions[key] = 0.0
        self.messages[key] = ""
        handle.progressed.connect(lambda f, m, k=key: self._progress(k, f, m))
        handle.finished.connect(lambda h=handle: self._ended(h))
        self._update()

    def _progress(self, key: int, fraction: float, message: str) -> None:
        if key in self.fractions:
            self.fractions[key] = max(0.0, min(1.0, fraction))
            from creator_studio.core.progress_text import localise  # #18: the window's language
            from creator_studio.ui.forms_meta import ui_language

            self.messages[key] = localise(message, ui_language())
            self._update()

    def _ended(self, handle) -> None:
        if handle in self.jobs:
            self.jobs.remove(handle)
            self.fractions.pop(id(handle), None)
            self.messages.pop(id(handle), None)
        self._update()

    def overall(self) -> float:
        """The queue's progress 0..1: the mean of its jobs' fractions."""
        if not self.jobs:
            return 0.0
        return sum(self.fractions.get(id(h), 0.0) for h in self.jobs) / len(self.jobs)

    def _update(self) -> None:
        n = len(self.jobs)
        self.setVisible(n > 0)
        self.menu.clear()
        if not n:
            self.label.clear()
            return
        if not self._icon_set:
            self._icon_set = True
            from creator_studio.ui.icons import icon

            ic = icon("close-circle-outline")
            if not ic.isNull():
                self.cancel_button.setIcon(ic)
                self.cancel_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.bar.setValue(int(self.overall() * 1000))
        first = self.jobs[0]
        msg = self.messages.get(id(first), "")
        if n == 1:
            self.label.setText(first.label + (f" — {msg}" if msg else ""))
        else:
            self.label.setText(tr("{n} jobs: {first} …").format(n=n, first=first.label))
        self.bar.setFormat("%p%")
        for h in self.jobs:
            pct = int(self.fractions.get(id(h), 0.0) * 100)
            a = self.menu.addAction(tr("Cancel “{job}” ({p}%)").format(job=h.label, p=pct))
            a.triggered.connect(lambda _c=False, h=h: h.cancel())
        self.cancel_button.setEnabled(True)

    def cancel_all(self) -> None:
        for h in list(self.jobs):
            h.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(tr("Cancelling…"))
