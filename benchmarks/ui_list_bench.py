"""Long lists in the window: a 10,000-row order list opened and scrolled end to end.

Compares, in the same run and offscreen:
- lazy: `LazyTableModel` (batches of 100 via canFetchMore/fetchMore, as the market views use),
- eager baseline: a `QStandardItemModel` filled with all 10,000 rows up front (the naive way).
Rows come from an in-memory list shaped like `queries.OrderRow`, so the numbers are the Qt side
only (the database side is measured by benchmarks/market_bench.py).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_list_bench.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import creator_studio.ui  # noqa: E402,F401  (first: the None refcount guard)
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from creator_studio.ui.market.lazy_model import Col, LazyTableModel, day, yuan  # noqa: E402

N = 10_000
T0 = datetime(2026, 1, 1)
ROWS = [(i, f"车险理赔流程微课第{i}期", f"创客{i % 97}", 100_00 + i, "in_progress",
         T0 + timedelta(days=i % 60)) for i in range(N)]
COLS = [Col("订单", lambda r: f"#{r[0]}"), Col("需求", lambda r: r[1]), Col("创客", lambda r: r[2]),
        Col("价格", lambda r: yuan(r[3]), True), Col("状态", lambda r: r[4]),
        Col("应交", lambda r: day(r[5]))]


def scroll_through(app, view) -> tuple[float, int]:
    """Page down until the end; returns (seconds, steps). Each step repaints like a user scroll."""
    bar = view.verticalScrollBar()
    t = time.perf_counter()
    steps = 0
    while True:
        before = (bar.value(), bar.maximum())
        bar.setValue(bar.value() + bar.pageStep())
        app.processEvents()
        view.viewport().repaint()
        steps += 1
        if (bar.value(), bar.maximum()) == before and bar.value() >= bar.maximum():
            break
    return time.perf_counter() - t, steps


def lazy_case(app):
    t = time.perf_counter()
    model = LazyTableModel(COLS, batch=100)
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    model.set_fetch(lambda limit, offset: ROWS[offset:offset + limit])
    view.show()
    app.processEvents()
    view.viewport().repaint()
    opened = time.perf_counter() - t
    scrolled, steps = scroll_through(app, view)
    assert model.rowCount() == N
    view.close()
    return opened, scrolled, steps


def eager_case(app):
    t = time.perf_counter()
    model = QStandardItemModel(0, len(COLS))
    model.setHorizontalHeaderLabels([c.header for c in COLS])
    for r in ROWS:
        model.appendRow([QStandardItem(str(c.value(r))) for c in COLS])
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    view.show()
    app.processEvents()
    view.viewport().repaint()
    opened = time.perf_counter() - t
    scrolled, steps = scroll_through(app, view)
    view.close()
    return opened, scrolled, steps


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    runs = 3
    lazy = [lazy_case(app) for _ in range(runs)]
    eager = [eager_case(app) for _ in range(runs)]

    def med(rows, i):
        return statistics.median(r[i] for r in rows)

    print(f"{N} rows, median of {runs}; scroll = page-down to the end with a repaint per page")
    print(f"{'case':22} {'open s':>8} {'scroll s':>9} {'pages':>6} {'ms/page':>8}")
    for name, rows in (("eager QStandardItem", eager), ("lazy fetchMore", lazy)):
        print(f"{name:22} {med(rows, 0):8.3f} {med(rows, 1):9.3f} {int(med(rows, 2)):6d} "
              f"{1000 * med(rows, 1) / med(rows, 2):8.2f}")
    print(f"open: lazy is {med(eager, 0) / med(lazy, 0):.0f}× faster than eager; per-page scroll "
          f"cost ratio lazy/eager = "
          f"{(med(lazy, 1) / med(lazy, 2)) / (med(eager, 1) / med(eager, 2)):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
