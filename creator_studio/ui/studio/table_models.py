"""Editable tables over lists in the lesson (quiz questions, cast, lines, choices).

One generic model, columns described as data. An edit in a cell becomes an undo command on the
project's stack; the command calls back `raw_set`, so undo and redo go through the same path as
the first edit and the view refreshes the same way.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from creator_studio.core.errors import StudioError
from creator_studio.ui.studio.commands import InsertRow, RemoveRow, SetCell


@dataclass
class Column:
    header: str
    get: Callable[[Any], Any]  # raw value (copied for undo)
    set: Callable[[Any, Any], None]
    to_text: Callable[[Any, Any], str] = lambda item, raw: "" if raw is None else str(raw)
    from_text: Callable[[Any, str], Any] = lambda item, text: text
    editable: bool = True
    choices: Callable[[], list[tuple[str, Any]]] | None = None  # (label, raw value)


def attr_column(header: str, attr: str, *, to_text=None, from_text=None, editable=True,
                choices=None) -> Column:
    return Column(header, lambda it: getattr(it, attr), lambda it, v: setattr(it, attr, v),
                  to_text or (lambda it, raw: "" if raw is None else str(raw)),
                  from_text or (lambda it, text: text), editable, choices)


class ListTableModel(QAbstractTableModel):
    def __init__(self, items: list, columns: list[Column], undo: QUndoStack,
                 on_change: Callable[[], None] | None = None,
                 on_error: Callable[[StudioError], None] | None = None) -> None:
        super().__init__()
        self.items = items
        self.columns = columns
        self.undo = undo
        self.on_change = on_change or (lambda: None)
        self.on_error = on_error or (lambda exc: None)

    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.columns[section].header
            return str(section + 1)
        return None

    def flags(self, index):
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.columns[index.column()].editable:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        col = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                    Qt.ItemDataRole.ToolTipRole):
            raw = col.get(item)
            if col.choices and role == Qt.ItemDataRole.DisplayRole:
                for label, value in col.choices():
                    if value == raw:
                        return label
            return col.to_text(item, raw)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        item = self.items[index.row()]
        col = self.columns[index.column()]
        try:
            new = value if (col.choices and not isinstance(value, str)) else col.from_text(item, str(value))
            if col.choices and isinstance(value, str):
                labels = {label: raw for label, raw in col.choices()}
                if value in labels:
                    new = labels[value]
        except StudioError as exc:
            self.on_error(exc)
            return False
        old = copy.deepcopy(col.get(item))
        if old == new:
            return False
        self.undo.push(SetCell(self, index.row(), index.column(), old, new))
        return True

    # -- used by the undo commands -------------------------------------------------------------
    def raw_set(self, row: int, col: int, raw: Any) -> None:
        self.columns[col].set(self.items[row], copy.deepcopy(raw))
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.on_change()

    def raw_insert(self, row: int, item: Any) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.insert(row, item)
        self.endInsertRows()
        self.on_change()

    def raw_remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.items[row]
        self.endRemoveRows()
        self.on_change()

    # -- user actions ---------------------------------------------------------------------------
    def add(self, item: Any, row: int | None = None) -> None:
        self.undo.push(InsertRow(self, len(self.items) if row is None else row, item))

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.undo.push(RemoveRow(self, row))


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for columns with a fixed set of values (question kind, speaker, next scene)."""

    def __init__(self, model: ListTableModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):
        col = self.model.columns[index.column()]
        if not col.choices:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        for label, raw in col.choices():
            box.addItem(label, raw)
        return box

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            raw = self.model.columns[index.column()].get(self.model.items[index.row()])
            i = editor.findData(raw)
            editor.setCurrentIndex(max(0, i))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

