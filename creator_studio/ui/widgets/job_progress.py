"""A progress bar with a message and a Cancel button, bound to one running job at a time."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


from creator_studio.ui.translate import tr  # noqa: E402


class JobProgress(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName(tr("Progress"))
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setAccessibleName(tr("Cancel the running job"))
        lay.addWidget(self.label)
        lay.addWidget(self.bar, 1)
        lay.addWidget(self.cancel_button)
        self.handle = None
        self.cancel_button.clicked.connect(self.cancel)
        self.setVisible(False)

    def track(self, handle, label: str = "") -> None:
        self.handle = handle
        self.label.setText(label or handle.label)
        self.bar.setValue(0)
        self.bar.setFormat("%p%")
        self.cancel_button.setEnabled(True)
        handle.progressed.connect(self._on_progress)
        handle.finished.connect(self._on_finished)
        self.setVisible(True)

    def _on_progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        if message:  # core's phrase in the window's language (#18)
            from creator_studio.core.progress_text import localise
            from creator_studio.ui.forms_meta import ui_language

            self.bar.setFormat(f"%p%  {localise(message, ui_language())}")

    def _on_finished(self) -> None:
        self.handle = None
        self.setVisible(False)

    def cancel(self) -> None:
        if self.handle is not None:
            self.cancel_button.setEnabled(False)
            self.label.setText(tr("Cancelling…"))
            self.handle.cancel()
