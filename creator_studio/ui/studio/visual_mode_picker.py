"""How one page looks in the long image, H5 and video: the slide picture, reflowed text, or both.

WHY (issue 15): the importer picks `Page.visual_mode` from the slide's layout (many positioned
shapes, icons, SmartArt → the faithful slide picture; text-first slides → reflowed text). A maker
must see that choice and the reasons for it, and be able to override it per page before a buyer
sees the course. The override is an ordinary undo command on `visual_mode`; "automatic" puts back
what the importer chose (`visual_mode_auto`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from creator_studio.core.lesson.model import VISUAL_MODES
from creator_studio.ui.studio.commands import SetAttr
from creator_studio.ui.translate import tr


def mode_label(mode: str) -> str:
    return {
        "picture": tr("Slide picture"),
        "reflow": tr("Reflowed text"),
        "picture+text": tr("Slide picture + notes as text"),
    }.get(mode, mode)


class VisualModePicker(QWidget):
    """A combo box (automatic + the three modes) and the importer's reasons under it."""

    AUTO = "auto"

    def __init__(self, project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.page = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.combo = QComboBox()
        self.combo.setAccessibleName(tr("Page look"))
        row.addWidget(self.combo, 1)
        lay.addLayout(row)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setObjectName("visualModeReasons")
        lay.addWidget(self.reasons)
        self._filling = False
        self.combo.currentIndexChanged.connect(self._on_choice)

    def show_page(self, page) -> None:
        self.page = page
        self._fill()

    def refresh(self) -> None:
        """Called after undo/redo changed the page underneath us."""
        self._fill()

    def _fill(self) -> None:
        self._filling = True
        try:
            self.combo.clear()
            page = self.page
            if page is None:
                self.reasons.clear()
                return
            auto = page.visual_mode_auto or page.visual_mode
            self.combo.addItem(tr("Automatic: {mode}").format(mode=mode_label(auto)), self.AUTO)
            for mode in VISUAL_MODES:
                self.combo.addItem(mode_label(mode), mode)
            overridden = page.visual_mode != auto
            self.combo.setCurrentIndex(self.combo.findData(page.visual_mode) if overridden else 0)
            why = "；".join(page.visual_reasons) if page.visual_reasons else ""
            text = tr("Chosen from the slide's layout: {why}").format(why=why) if why else ""
            if overridden:
                text = (text + "\n" if text else "") + tr("You changed this page's look.")
            self.reasons.setText(text)
        finally:
            self._filling = False

    def _on_choice(self, index: int) -> None:
        if self._filling or self.page is None or index < 0:
            return
        choice = self.combo.itemData(index)
        page = self.page
        new = (page.visual_mode_auto or page.visual_mode) if choice == self.AUTO else choice
        if new == page.visual_mode:
            return
        page_id = page.id
        self.project.undo_stack.push(SetAttr(
            page, "visual_mode", new, lambda: self.project.page_changed.emit(page_id),
            tr("Change page look")))
        self._fill()
