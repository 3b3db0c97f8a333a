"""Edit one page: title, text blocks, narration and duration. Every change is an undo command."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from creator_studio.core.lesson.model import BulletList, Chart, Heading, Image, Media, Note, Paragraph, Table
from creator_studio.ui.studio.commands import SetAttr, SetBlockText, block_text


from creator_studio.ui.translate import tr  # noqa: E402


class CommitTextEdit(QPlainTextEdit):
    """A multi-line editor that reports its text once, when the person leaves it."""

    committed = Signal(str)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.committed.emit(self.toPlainText())


def block_label(block) -> str:
    if isinstance(block, Heading):
        return tr("Heading")
    if isinstance(block, Paragraph):
        return tr("Paragraph")
    if isinstance(block, BulletList):
        return tr("List (one item per line)")
    if isinstance(block, Note):
        return tr("Note")
    if isinstance(block, Image):
        return tr("Picture")
    if isinstance(block, Table):
        return tr("Table")
    if isinstance(block, Chart):
        return tr("Chart")
    if isinstance(block, Media):
        return tr("Audio/video")
    return tr("Block")


class PageEditor(QWidget):
    def __init__(self, project, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.page = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)

        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(tr("Page title"))
        form.addRow(tr("&Title:"), self.title_edit)
        self.duration_spin = QDoubleSpinBox()
        self.duration_spin.setRange(0, 3600)
        self.duration_spin.setDecimals(1)
        self.duration_spin.setSuffix(tr(" s"))
        self.duration_spin.setSpecialValueText(tr("Automatic"))
        self.duration_spin.setAccessibleName(tr("Page duration in seconds"))
        form.addRow(tr("&Duration:"), self.duration_spin)
        # issue 15: the page's look (slide picture / reflowed text / both), chosen at import
        from creator_studio.ui.studio.visual_mode_picker import VisualModePicker

        self.visual_mode = VisualModePicker(project)
        form.addRow(tr("&Look:"), self.visual_mode)
        lay.addLayout(form)

        self.blocks_box = QGroupBox(tr("Text blocks"))
        self.blocks_form = QFormLayout(self.blocks_box)
        lay.addWidget(self.blocks_box)

        narr_box = QGroupBox(tr("Narration (what the narrator reads)"))
        nl = QVBoxLayout(narr_box)
        self.narration_edit = CommitTextEdit()
        self.narration_edit.setAccessibleName(tr("Narration"))
        self.narration_edit.setTabChangesFocus(True)
        nl.addWidget(self.narration_edit)
        # issue 13: narration choice, 试听 (listen) and word readings for this page
        from creator_studio.ui.studio.narration_panel import NarrationPanel

        self.narration_panel = NarrationPanel(project, self.narration_edit)
        nl.addWidget(self.narration_panel)
        # issue 14: record this page's narration with the maker's own voice (ui/studio/recorder.py)
        self.record_voice_button = QPushButton(tr("Record narration…"))
        self.record_voice_button.setAccessibleName(tr("Record this page's narration with your own voice"))
        self.record_voice_button.clicked.connect(self.open_recorder)
        nl.addWidget(self.record_voice_button)
        self.record_screen_button = QPushButton(tr("Record screen…"))
        self.record_screen_button.setAccessibleName(tr("Record the screen as a new video page after this one"))
        self.record_screen_button.clicked.connect(self.open_screen_recorder)
        nl.addWidget(self.record_screen_button)
        self.trim_button = QPushButton(tr("Trim recording…"))  # only for a video page (issue 14)
        self.trim_button.setAccessibleName(tr("Set the in and out points of this page's screen recording"))
        self.trim_button.clicked.connect(self.open_trim)
        self.trim_button.setVisible(False)
        nl.addWidget(self.trim_button)
        self.trim_dialog = None
        self.recorder = None
        self.screen_recorder = None
        lay.addWidget(narr_box)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        lay.addWidget(self.warnings_label)
        lay.addStretch(1)

        self.block_edits: list[tuple[int, CommitTextEdit]] = []
        self._committing = False
        self.title_edit.editingFinished.connect(self._commit_title)
        self.duration_spin.editingFinished.connect(self._commit_duration)
        self.narration_edit.committed.connect(self._commit_narration)
        project.page_changed.connect(self._on_page_changed)
        self.setEnabled(False)

    # -- showing --------------------------------------------------------------------------------
    def show_page(self, page) -> None:
        self.commit_all()
        self.page = page
        self.setEnabled(page is not None)
        self._fill()
        self.narration_panel.show_page(page)
        self.visual_mode.show_page(page)
        self._show_record_state()

    def _show_record_state(self) -> None:
        from creator_studio.core.media import recording

        from creator_studio.ui.studio.trim_timeline import video_media

        self.trim_button.setVisible(video_media(self.page) is not None)
        waiting = self.page is not None and recording.has_unfinished(self.project.work_dir, self.page.id)
        self.record_voice_button.setText(tr("Record narration… (an unfinished take can be recovered)")
                                         if waiting else tr("Record narration…"))

    def open_recorder(self):
        """The 录音 dialog for this page (non-blocking modal); returns it (tests drive it)."""
        if self.page is None:
            return None
        self.commit_all()
        from creator_studio.ui.studio.recorder import RecorderDialog

        self.recorder = RecorderDialog(self.project, self.page, self)
        self.recorder.finished.connect(lambda *_: self._show_record_state())
        self.recorder.open()
        return self.recorder

    def open_trim(self):
        """In/out points of this video page's recording; returns the dialog (tests drive it)."""
        from creator_studio.ui.studio.trim_timeline import make_trim_dialog, video_media

        if video_media(self.page) is None:
            return None
        self.trim_dialog = make_trim_dialog(self.project, self.page, self)
        self.trim_dialog.open()
        return self.trim_dialog

    def open_screen_recorder(self):
        """The 录屏 dialog; the recording becomes a video page after this one."""
        from creator_studio.ui.studio.record_screen import make_screen_record_dialog

        pages = self.project.lesson.pages
        after = pages.index(self.page) if self.page in pages else None
        self.screen_recorder = make_screen_record_dialog(self.project, after, self)
        self.screen_recorder.open()
        return self.screen_recorder

    def _fill(self) -> None:
        page = self.page
        self.title_edit.setText(page.title if page else "")
        self.duration_spin.setValue(page.duration or 0 if page else 0)
        self.narration_edit.setPlainText(page.narration if page else "")
        while self.blocks_form.rowCount():
            self.blocks_form.removeRow(0)
        self.block_edits = []
        if page is None:
            self.warnings_label.clear()
            return
        for i, block in enumerate(page.blocks):
            text = block_text(block)
            if text is None:
                desc = QLabel(self._describe(block))
                desc.setWordWrap(True)
                self.blocks_form.addRow(block_label(block), desc)
                continue
            edit = CommitTextEdit()
            edit.setPlainText(text)
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(f"{block_label(block)} {i + 1}")
            lines = max(1, min(10, text.count("\n") + 1))
            margin = int(edit.document().documentMargin() * 2 + edit.frameWidth() * 2)
            # Chinese glyphs come from the CJK fallback font, whose lines are taller than the
            # UI font's metrics say: measure a Chinese line, not the Latin one.
            fm = edit.fontMetrics()
            line_h = max(fm.lineSpacing(), fm.boundingRect("汉字").height() + fm.leading()) * 1.3
            edit.setFixedHeight(int(line_h * (lines + 0.5)) + margin + 4)
            edit.committed.connect(lambda t, i=i: self._commit_block(i, t))
            self.blocks_form.addRow(block_label(block), edit)
            self.block_edits.append((i, edit))
        self.warnings_label.setText("\n".join("⚠ " + w for w in page.warnings))

    def _describe(self, block) -> str:
        if isinstance(block, Image):
            return block.alt or block.problem or tr("(picture)")
        if isinstance(block, Table):
            return tr("{r} rows × {c} columns").format(r=len(block.rows), c=block.n_cols)
        if isinstance(block, Chart):
            return block.title or tr("(chart)")
        return block.plain_text()

    def _on_page_changed(self, page_id: str) -> None:
        # Our own commits already show the new value; undo/redo need the widgets refreshed. Never
        # rebuild the block editors synchronously: one of them may be inside its focus-out event.
        if self._committing or self.page is None or self.page.id != page_id:
            return
        page = self.page
        texts = [block_text(b) for b in page.blocks]
        editable = [i for i, t in enumerate(texts) if t is not None]
        if editable != [i for i, _ in self.block_edits]:
            QTimer.singleShot(0, self._fill)
            return
        if self.title_edit.text() != page.title:
            self.title_edit.setText(page.title)
        self.visual_mode.refresh()
        self.duration_spin.setValue(page.duration or 0)
        if self.narration_edit.toPlainText() != page.narration:
            self.narration_edit.setPlainText(page.narration)
        for i, edit in self.block_edits:
            if edit.toPlainText() != texts[i]:
                edit.setPlainText(texts[i])

    # -- committing edits -----------------------------------------------------------------------
    def _notify(self):
        page_id = self.page.id
        return lambda: self.project.page_changed.emit(page_id)

    def _push(self, command) -> None:
        self._committing = True
        try:
            self.project.undo_stack.push(command)
        finally:
            self._committing = False

    def commit_all(self) -> None:
        """Push whatever is typed but not yet committed (before switching page, render, save)."""
        if self.page is None:
            return
        self._commit_title()
        self._commit_duration()
        self._commit_narration(self.narration_edit.toPlainText())
        for i, edit in list(self.block_edits):
            self._commit_block(i, edit.toPlainText())

    def _commit_title(self) -> None:
        if self.page and self.title_edit.text() != self.page.title:
            self._push(SetAttr(self.page, "title", self.title_edit.text(),
                                                 self._notify(), tr("Edit page title")))

    def _commit_duration(self) -> None:
        if not self.page:
            return
        v = self.duration_spin.value()
        new = None if v == 0 else float(v)
        if new != self.page.duration:
            self._push(SetAttr(self.page, "duration", new, self._notify(),
                                                 tr("Edit page duration")))

    def _commit_narration(self, text: str) -> None:
        if self.page and text != self.page.narration:
            self._push(SetAttr(self.page, "narration", text, self._notify(),
                                                 tr("Edit narration")))

    def _commit_block(self, index: int, text: str) -> None:
        if not self.page or index >= len(self.page.blocks):
            return
        if block_text(self.page.blocks[index]) != text:
            self._push(SetBlockText(self.page, index, text, self._notify()))
