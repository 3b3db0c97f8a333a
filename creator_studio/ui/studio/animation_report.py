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
from creator_studio.ui.translate import one_language, plural, tr

OUTCOME_COLOUR = {REPRODUCED: "#1e7b3c", APPROXIMATED: "#9a6700", END_STATE: "#b42318"}


def outcome_text(outcome: str) -> str:
    """The chosen language's word for an effect's outcome (#18: one language at a time)."""
    return {REPRODUCED: tr("reproduced"), APPROXIMATED: tr("approximated"),
            END_STATE: tr("end state only")}.get(outcome, outcome)


def trigger_text(trigger: str) -> str:
    return {"click": tr("click"), "auto": tr("automatic"), "shape": tr("tap a shape")}.get(
        trigger, trigger)


def start_text(start: str) -> str:
    """When an effect starts, in PowerPoint's words (not its nodeType id)."""
    return {"click": tr("On click"), "with": tr("With previous"),
            "after": tr("After previous")}.get(start, start)


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
        n_clicks, n_effects = click_count(page.steps), sum(c.values())
        parts.append(tr("Animation: {clicks}, {effects}: {r} reproduced, {a} approximated, "
                        "{e} end state only").format(
            clicks=plural(n_clicks, tr("1 click"), tr("{n} clicks")).format(n=n_clicks),
            effects=plural(n_effects, tr("1 effect"), tr("{n} effects")).format(n=n_effects),
            r=c[REPRODUCED], a=c[APPROXIMATED], e=c[END_STATE]))
    t = page.transition
    if t is not None and t.kind != "none":
        parts.append(tr("Transition: {kind} (reproduced)").format(kind=t.kind)
                     if t.outcome == REPRODUCED else
                     tr("Transition: {kind} (approximated as {how})").format(kind=t.kind,
                                                                            how=t.render_as))
    return ("\n\n" + "\n".join(parts)) if parts else ""


class AnimationReportPanel(QWidget):
    """The selected page's steps and effects with what happens to each (read-only)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(tr("Animation summary"))
        lay.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(tr("Animation report"))
        self.tree.setHeaderLabels([tr("Step"), tr("Shape"), tr("Effect"), tr("Result")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        lay.addWidget(self.tree, 1)
        # the selected step's narration (editable; empty + "automatic" = split from the notes)
        self.step_text = QPlainTextEdit()
        self.step_text.setAccessibleName(tr("Step narration"))
        self.step_text.setPlaceholderText(tr("Select a step to edit its narration"))
        self.step_text.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        lay.addWidget(self.step_text)
        row = QHBoxLayout()
        self.save_btn = QPushButton(tr("Save step narration"))
        self.auto_btn = QPushButton(tr("Split from the notes"))
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

        self.project.undo_stack.push(SetAttr(step, "narration", text, notify, tr("Edit step narration")))

    def show_page(self, page) -> None:
        self.page = page
        self.tree.clear()
        for w in (self.step_text, self.save_btn, self.auto_btn):
            w.setEnabled(False)
        self.step_text.clear()
        if page is None or (not page.steps and (page.transition is None or page.transition.kind == "none")):
            self.summary.setText(tr("No animation or transition on this page."))
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
            label = f"{k + 1} · {trigger_text(step.trigger)}"
            if step.trigger == "shape" and step.trigger_shape_name:
                label += tr(" ({shape})").format(shape=step.trigger_shape_name)
            node = QTreeWidgetItem([label, "", "", ""])
            node.setData(0, Qt.ItemDataRole.UserRole, k)
            said = step.narration if step.narration is not None else (
                texts[click] if step.trigger == "click" and click < len(texts) else "")
            if said:
                node.setToolTip(0, tr("Narration: {text}").format(text=said))
            self.tree.addTopLevelItem(node)
            for e in step.effects:
                effect = e.preset + (f" ({e.direction})" if e.direction else "")
                outcome = outcome_text(e.outcome)
                if e.outcome == APPROXIMATED:
                    outcome += f" → {e.render_as}"
                child = QTreeWidgetItem([start_text(e.start), e.label(), effect, outcome])
                child.setForeground(3, QColor(OUTCOME_COLOUR.get(e.outcome, "#333333")))
                if e.note:
                    child.setToolTip(3, one_language(e.note))
                node.addChild(child)
            node.setExpanded(True)
        t = page.transition
        if t is not None and t.kind != "none":
            outcome = outcome_text(t.outcome) + (f" → {t.render_as}" if t.outcome == APPROXIMATED
                                                 else "")
            item = QTreeWidgetItem([tr("Transition"), "", tr("{kind} {s}s").format(
                kind=t.kind, s=f"{t.duration:g}"), outcome])
            item.setForeground(3, QColor(OUTCOME_COLOUR.get(t.outcome, "#333333")))
            if t.note:
                item.setToolTip(3, one_language(t.note))
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


__all__ = ["AnimationReportPanel", "tooltip", "counts", "one_language"]  # one_language: re-exported
