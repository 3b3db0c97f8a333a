"""A read-only table that fetches rows in batches as the view scrolls (canFetchMore/fetchMore).

The fetch function is the core query with `limit`/`offset`; the view asks for more only when the
user scrolls near the end, so a list of 10,000 orders costs one batch at first and stays smooth.
Given a job runner, each batch is fetched on the read pool and appended when it arrives (the
window never waits on the database, which matters for a remote PostgreSQL); without one, batches
are fetched inline (used for in-memory lists and the model test).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QDateTime, QModelIndex, Qt, QTime, Signal

from creator_studio.ui.formatting import SORT_ROLE, fmt_date, fmt_money


@dataclass
class Col:
    header: str
    value: Callable[[Any], Any]
    align_right: bool = False
    # the real value behind the shown text (a datetime, integer fen), served under SORT_ROLE so a
    # sorted column orders by it, not by the formatted words; None sorts by `value`
    sort: Callable[[Any], Any] | None = None


class LazyTableModel(QAbstractTableModel):
    batch_loaded = Signal(int)  # rows added
    load_failed = Signal(object)  # the exception

    def __init__(self, columns: list[Col], fetch: Callable[[int, int], list] | None = None,
                 batch: int = 100, runner=None) -> None:
        super().__init__()
        self.columns = columns
        self.fetch = fetch
        self.batch = batch
        self.runner = runner
        self.rows: list = []
        self.exhausted = fetch is None
        self.fetch_calls = 0
        self._pending = None
        self._generation = 0

    @property
    def loading(self) -> bool:
        return self._pending is not None

    def set_fetch(self, fetch: Callable[[int, int], list] | None) -> None:
        self.beginResetModel()
        self._generation += 1
        self._pending = None
        self.fetch = fetch
        self.rows = []
        self.exhausted = fetch is None
        self.endResetModel()
        if self.canFetchMore():
            self.fetchMore()

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._generation += 1
        self._pending = None
        self.fetch = None
        self.rows = list(rows)
        self.exhausted = True
        self.endResetModel()

    def reload(self) -> None:
        self.set_fetch(self.fetch)

    def row(self, r: int):
        return self.rows[r] if 0 <= r < len(self.rows) else None

    # -- lazy fetching ---------------------------------------------------------------------------
    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and not self.exhausted and self._pending is None

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or self.exhausted or self.fetch is None or self._pending is not None:
            return
        self.fetch_calls += 1
        fetch, limit, offset, gen = self.fetch, self.batch, len(self.rows), self._generation
        if self.runner is None:
            self._append(gen, list(fetch(limit, offset)))
            return
        h = self.runner.run(lambda job: list(fetch(limit, offset)), label="list")
        self._pending = h
        h.succeeded.connect(lambda rows: self._arrived(gen, h, rows))
        h.failed.connect(lambda exc: self._failed(gen, h, exc))
        h.cancelled.connect(lambda: self._failed(gen, h, None))

    def _arrived(self, gen: int, handle, rows: list) -> None:
        if gen != self._generation:
            return  # a reset happened meanwhile: stale batch
        self._pending = None
        self._append(gen, rows)

    def _failed(self, gen: int, handle, exc) -> None:
        if gen != self._generation:
            return
        self._pending = None
        self.exhausted = True
        if exc is not None:
            self.load_failed.emit(exc)

    def _append(self, gen: int, new: list) -> None:
        if len(new) < self.batch:
            self.exhausted = True
        if new:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            self.rows.extend(new)
            self.endInsertRows()
        self.batch_loaded.emit(len(new))

    # -- Qt model API ---------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            v = col.value(self.rows[index.row()])
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()]
        if role == SORT_ROLE:
            v = (col.sort or col.value)(self.rows[index.row()])
            if isinstance(v, datetime):  # Qt compares QDateTime, never Python objects
                return QDateTime(QDate(v.year, v.month, v.day),
                                 QTime(v.hour, v.minute, v.second, v.microsecond // 1000))
            if isinstance(v, date):
                return QDate(v.year, v.month, v.day)
            return v
        return None


# Display helpers live in ui/formatting.py (the chosen language's QLocale); kept under the names
# the views import.
yuan = fmt_money
day = fmt_date
