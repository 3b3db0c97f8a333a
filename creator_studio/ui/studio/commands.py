"""Undoable edits. Each command changes the lesson and tells the project which part changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from creator_studio.core.lesson.model import BulletList, Heading, ListItem, Note, Paragraph, Run


from creator_studio.ui.translate import tr  # noqa: E402


class SetAttr(QUndoCommand):
    """obj.attr = value, with a notifier called after redo and undo (refreshes the views)."""

    def __init__(self, obj: Any, attr: str, value: Any, notify: Callable[[], None],
                 text: str = "") -> None:
        super().__init__(text or tr("Edit"))
        self.obj, self.attr, self.new = obj, attr, value
        self.old = getattr(obj, attr)
        self.notify = notify

    def redo(self) -> None:
        setattr(self.obj, self.attr, self.new)
        self.notify()

    def undo(self) -> None:
        setattr(self.obj, self.attr, self.old)
        self.notify()


def block_text(block) -> str | None:
    """The editable text of a block, or None when the block is not text (image, table...)."""
    if isinstance(block, (Heading, Note)):
        return block.text
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, BulletList):
        return "\n".join(i.text for i in block.items)
    return None


def _with_text(block, text: str):
    """A copy of `block` holding `text`; the first run's style is kept for paragraphs/items."""
    import copy

    b = copy.deepcopy(block)
    if isinstance(b, (Heading, Note)):
        b.text = text
    elif isinstance(b, Paragraph):
        style = copy.copy(b.runs[0]) if b.runs else Run("")
        style.text = text
        b.runs = [style]
    elif isinstance(b, BulletList):
        old = b.items
        items = []
        for i, line in enumerate(t for t in text.split("\n") if t.strip()):
            proto = old[i] if i < len(old) else (old[-1] if old else ListItem())
            item = copy.deepcopy(proto)
            run = copy.copy(item.runs[0]) if item.runs else Run("")
            run.text = line
            item.runs = [run]
            items.append(item)
        b.items = items
    return b


class SetBlockText(QUndoCommand):
    def __init__(self, page, index: int, text: str, notify: Callable[[], None]) -> None:
        super().__init__(tr("Edit text block"))
        self.page, self.index, self.notify = page, index, notify
        self.old = page.blocks[index]
        self.new = _with_text(self.old, text)

    def redo(self) -> None:
        self.page.blocks[self.index] = self.new
        self.notify()

    def undo(self) -> None:
        self.page.blocks[self.index] = self.old
        self.notify()


class InsertRow(QUndoCommand):
    """Insert `item` into a list shown by a ListTableModel (the model does the Qt bookkeeping)."""

    def __init__(self, model, row: int, item: Any, text: str = "") -> None:
        super().__init__(text or tr("Add row"))
        self.model, self.row, self.item = model, row, item

    def redo(self) -> None:
        self.model.raw_insert(self.row, self.item)

    def undo(self) -> None:
        self.model.raw_remove(self.row)


class RemoveRow(QUndoCommand):
    def __init__(self, model, row: int, text: str = "") -> None:
        super().__init__(text or tr("Remove row"))
        self.model, self.row = model, row
        self.item = model.items[row]

    def redo(self) -> None:
        self.model.raw_remove(self.row)

    def undo(self) -> None:
        self.model.raw_insert(self.row, self.item)


class SetCell(QUndoCommand):
    """One table cell edit: `setter(item, value)` with the previous value kept for undo."""

    def __init__(self, model, row: int, col: int, old: Any, new: Any) -> None:
        super().__init__(tr("Edit cell"))
        self.model, self.row, self.col, self.old, self.new = model, row, col, old, new

    def redo(self) -> None:
        self.model.raw_set(self.row, self.col, self.new)

    def undo(self) -> None:
        self.model.raw_set(self.row, self.col, self.old)
