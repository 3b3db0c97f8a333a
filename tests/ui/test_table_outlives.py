"""A market model can outlive its table (a closed page; rows arriving late): reloading it then
must not touch the deleted view (the full suite once failed with "Internal C++ object
(QTableView) already deleted" from the column fit and the selection keeper)."""

from __future__ import annotations

from types import SimpleNamespace

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from creator_studio.ui.market.common import make_table
from creator_studio.ui.market.lazy_model import Col, LazyTableModel


def test_reloading_a_model_after_its_table_is_gone(qtbot):
    model = LazyTableModel([Col("Title", lambda r: r.title), Col("Price", lambda r: str(r.price))])
    table = make_table(model, "orders", 0)
    model.set_rows([SimpleNamespace(id=i, title=f"订单 {i}", price=i * 100) for i in range(5)])
    table.selectRow(2)
    table.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(table)
    # every signal the table's helpers listen to: reset, new rows, changed rows
    model.set_rows([SimpleNamespace(id=i, title=f"新订单 {i}", price=i) for i in range(7)])
    model.dataChanged.emit(model.index(0, 0), model.index(1, 1))
    qtbot.wait(10)  # pytest-qt fails the test on any exception raised in a slot
    assert model.rowCount() == 7
