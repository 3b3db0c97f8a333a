"""10,000-row lists: the model fetches in batches as the view scrolls, never all at once."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QTableView

from creator_studio.ui.market.lazy_model import Col, LazyTableModel, yuan


def test_ten_thousand_rows_fetch_in_batches(qtbot):
    total = 10_000
    calls = []

    def fetch(limit, offset):
        calls.append((limit, offset))
        return [(i, f"订单 {i}", i * 100) for i in range(offset, min(total, offset + limit))]

    model = LazyTableModel([Col("ID", lambda r: r[0]), Col("标题", lambda r: r[1]),
                            Col("金额", lambda r: yuan(r[2]), True)], batch=200)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))  # money as 中文
    try:
        _scroll_to_the_end(qtbot, model, view, fetch, calls, total)
    finally:
        QLocale.setDefault(before)


def _scroll_to_the_end(qtbot, model, view, fetch, calls, total):
    model.set_fetch(fetch)
    assert 0 < model.rowCount() < total  # only the first batch(es), not everything
    first = model.rowCount()
    assert calls[0] == (200, 0)
    # Scroll to the end repeatedly: the view asks for more each time it nears the end.
    for _ in range(200):
        view.scrollToBottom()
        qtbot.wait(0)
        if not model.canFetchMore():
            break
    assert model.rowCount() == total
    assert model.rowCount() > first
    assert len(calls) >= total // 200
    assert all(off == i * 200 for i, (_, off) in enumerate(calls))  # contiguous, no refetch
    assert model.data(model.index(total - 1, 1)) == "订单 9999"
    assert model.data(model.index(12, 2)) == "¥12.00"
    assert not model.canFetchMore()


def test_yuan_formats_integer_fen():
    zh = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    assert yuan(123456789, zh) == "¥1,234,567.89"
    assert yuan(-5, zh) == "-¥0.05"
    assert yuan(0, zh) == "¥0.00"


def test_batches_load_on_the_runner_and_stale_batches_are_dropped(qtbot):
    import threading

    from creator_studio.ui.runner import JobRunner
    from uihelpers import wait_job

    runner = JobRunner()
    main = threading.get_ident()
    threads = []
    gate = threading.Event()

    def slow(limit, offset):
        threads.append(threading.get_ident())
        gate.wait(5)
        return [("old", i) for i in range(offset, offset + limit)]

    def fast(limit, offset):
        threads.append(threading.get_ident())
        return [("new", i) for i in range(offset, min(150, offset + limit))]

    model = LazyTableModel([Col("k", lambda r: r[0]), Col("i", lambda r: r[1])], batch=100,
                           runner=runner)
    model.set_fetch(slow)
    assert model.loading and model.rowCount() == 0  # the window did not wait
    stale = model._pending
    model.set_fetch(fast)  # the person changed a filter: the slow batch is now stale
    gate.set()
    wait_job(qtbot, stale)
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 100, timeout=5000)
    assert {r[0] for r in model.rows} == {"new"}
    model.fetchMore()
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert model.rowCount() == 150 and not model.canFetchMore()
    assert main not in threads
    runner.shutdown()
