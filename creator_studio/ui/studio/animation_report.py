"""The animation report next to the page (issue 16): what happens to each PowerPoint effect.

The report itself is read-only; the one thing the maker can change here is a step's narration
(the part of the notes read while that step plays — undoable, stored in `Step.narration`). The page list's tooltip carries a one-line summary (`tooltip`), and the panel under
the page list lists the selected page's steps: trigger, shape, effect and its outcome —
reproduced, approximated by a named effect, or shown at its end state — so the maker knows
before delivering. The data comes straight from the course model (`Page.steps`,
`Page.transition`); the same words go into manifest.json (`core/media/animate.report`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from creator_studio.core.lesson.animation import APPROXIMATED, END_STATE, REPRODUCED, click_count
from creator_studio.core.media import animate

OUTCOME_TEXT = {REPRODUCED: "还原 / reproduced", APPROXIMATED: "近似 / approximated",
                END_STATE: "仅终态 / end state"}
OUTCOME_COLOUR = {REPRODUCED: "#1e7b3c", APPROXIMATED: "#9a6700", END_STATE: "#b42318"}
TRIGGER_TEXT = {"click": "单击 / click", "auto": "自动 / auto", "shape": "点形状 / tap"}


def counts(page) -> dict[str, int]:
    out = {REPRODUCED: 0, APPROXIMATED: 0, END_STATE: 0}
    for s in page.steps:
        for e in s.effects:
            out[e.outcome] = out.get(e.outcome, 0) + 1
    return out


def tooltip(page) -> str:
    """A summary line for the page list's tooltip ('' for a page without animation)."""
    parts = []
    if page.steps:
        c = counts(page)
        parts.append(f"动画 {click_count(page.steps)} 次单击、{sum(c.values())} 个效果：还原 {c[REPRODUCED]}，"
                     f"近似 {c[APPROXIMATED]}，仅终态 {c[END_STATE]} / animation: {click_count(page.steps)} "
                     f"clicks, {sum(c.values())} effects")
    tr = page.transition
    if tr is not None and tr.kind != "none":
        how = "还原" if tr.outcome == REPRODUCED else f"近似为 {tr.render_as}"
        parts.append(f"切换：{tr.kind}（{how}）/ transition: {tr.kind}")
    return ("\n\n" + "\n".join(parts)) if parts else ""


class AnimationReportPanel(QWidget):
    """The selected page's steps and effects with what happens to each (read-only)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("动画报告摘要 / animation summary")
        lay.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("动画报告 / animation report")
        self.tree.setHeaderLabels(["步骤 / step", "形状 / shape", "效果 / effect", "结果 / outcome"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.tree, 1)
        # the selected step's narration (editable; empty + "automatic" = split from the notes)
        self.step_text = QPlainTextEdit()
        self.step_text.setAccessibleName("本步旁白 / step narration")
        self.step_text.setPlaceholderText("选中一个步骤，编辑它的旁白 / select a step to edit its narration")
        self.step_text.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        lay.addWidget(self.step_text)
        row = QHBoxLayout()
        self.save_btn = QPushButton("保存本步旁白 / Save")
        self.auto_btn = QPushButton("按备注自动分配 / Automatic")
        row.addWidget(self.save_btn)
        row.addWidget(self.auto_btn)
        lay.addLayout(row)
        self.save_btn.clicked.connect(lambda: self._set_step_narration(self.step_text.toPlainText()))
        self.auto_btn.clicked.connect(lambda: self._set_step_narration(None))
        self.tree.currentItemChanged.connect(lambda *_: self._step_selected())
        self.project = None
        self.page = None
        self.show_page(None)

    def set_project(self, project) -> None:
        """Edits go through the project's undo stack and mark the page changed."""
        self.project = project

    def selected_step(self):
        item = self.tree.currentItem()
        if item is None or self.page is None:
            return None
        if item.parent() is not None:
            item = item.parent()
        k = item.data(0, Qt.ItemDataRole.UserRole)
        return self.page.steps[k] if isinstance(k, int) and 0 <= k < len(self.page.steps) else None

    def _step_selected(self) -> None:
        step = self.selected_step()
        editable = step is not None and self.project is not None and step.trigger != "auto"
        for w in (self.step_text, self.save_btn, self.auto_btn):
            w.setEnabled(editable)
        if step is None:
            self.step_text.clear()
            return
        texts = animate.step_texts(self.page)
        clicks = [s for s in self.page.steps if s.trigger != "auto"]
        k = clicks.index(step) + 1 if step in clicks else 0
        self.step_text.setPlainText(texts[k] if k < len(texts) else "")

    def _set_step_narration(self, text: str | None) -> None:
        step, page = self.selected_step(), self.page
        if step is None or self.project is None or step.narration == text:
            return
        from creator_studio.ui.studio.commands import SetAttr

        current = self.tree.indexOfTopLevelItem(self.tree.currentItem().parent() or self.tree.currentItem())

        def notify() -> None:
            self.project.page_changed.emit(page.id)
            if self.page is page:
                self.show_page(page)
                if 0 <= current < self.tree.topLevelItemCount():
                    self.tree.setCurrentItem(self.tree.topLevelItem(current))

        self.project.undo_stack.push(SetAttr(step, "narration", text, notify, "编辑本步旁白 / Edit step narration"))

    def show_page(self, page) -> None:
        self.page = page
        self.tree.clear()
        for w in (self.step_text, self.save_btn, self.auto_btn):
            w.setEnabled(False)
        self.step_text.clear()
        if page is None or (not page.steps and (page.transition is None or page.transition.kind == "none")):
            self.summary.setText("本页没有动画或切换效果 / no animation on this page")
            for w in (self.tree, self.step_text, self.save_btn, self.auto_btn):
                w.hide()
            return
        for w in (self.tree, self.step_text, self.save_btn, self.auto_btn):
            w.show()
        self.summary.setText(tooltip(page).strip())
        texts = animate.step_texts(page) if page.steps else []
        click = 0
        for k, step in enumerate(page.steps):
            if step.trigger == "click":
                click += 1
            label = f"{k + 1} · {TRIGGER_TEXT.get(step.trigger, step.trigger)}"
            if step.trigger == "shape" and step.trigger_shape_name:
                label += f"（{step.trigger_shape_name}）"
            node = QTreeWidgetItem([label, "", "", ""])
            node.setData(0, Qt.ItemDataRole.UserRole, k)
            said = step.narration if step.narration is not None else (
                texts[click] if step.trigger == "click" and click < len(texts) else "")
            if said:
                node.setToolTip(0, f"本步旁白 / narration: {said}")
            self.tree.addTopLevelItem(node)
            for e in step.effects:
                effect = e.preset + (f" ({e.direction})" if e.direction else "")
                outcome = OUTCOME_TEXT.get(e.outcome, e.outcome)
                if e.outcome == APPROXIMATED:
                    outcome += f" → {e.render_as}"
                child = QTreeWidgetItem([e.start, e.label(), effect, outcome])
                child.setForeground(3, QColor(OUTCOME_COLOUR.get(e.outcome, "#333333")))
                if e.note:
                    child.setToolTip(3, e.note)
                node.addChild(child)
            node.setExpanded(True)
        tr = page.transition
        if tr is not None and tr.kind != "none":
            outcome = OUTCOME_TEXT.get(tr.outcome, tr.outcome) + (f" → {tr.render_as}" if tr.outcome == APPROXIMATED else "")
            item = QTreeWidgetItem(["切换 / transition", "", f"{tr.kind} {tr.duration:g}s", outcome])
            item.setForeground(3, QColor(OUTCOME_COLOUR.get(tr.outcome, "#333333")))
            if tr.note:
                item.setToolTip(3, tr.note)
            self.tree.insertTopLevelItem(0, item)
        for c in range(4):
            self.tree.resizeColumnToContents(c)

    def rows(self) -> list[list[str]]:
        """Flattened visible text (tests and accessibility checks)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out.append([top.text(c) for c in range(4)])
            for j in range(top.childCount()):
                out.append([top.child(j).text(c) for c in range(4)])
        return out


__all__ = ["AnimationReportPanel", "tooltip", "counts"]
