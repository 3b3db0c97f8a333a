"""#18 item 4: dates and money written the way the chosen language writes them (QLocale), money
exact from integer fen, and date columns still sorting by the date, not by the words shown."""

from __future__ import annotations

import time
from contextlib import contextmanager
from datetime import datetime
from types import SimpleNamespace

import pytest

from PySide6.QtCore import QLocale, QSortFilterProxyModel, Qt

from creator_studio.ui.formatting import (
    SORT_ROLE,
    date_format,
    fmt_date,
    fmt_date_time,
    fmt_money,
    fmt_money_delta,
)
from creator_studio.ui.market.lazy_model import Col, LazyTableModel, day, yuan

ZH = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
EN = QLocale(QLocale.Language.English)


@pytest.fixture(autouse=True)
def _utc_zone(monkeypatch):
    """These tests pin how a moment is written per language; the zone is pinned to UTC so the
    machine's own zone cannot move the hour (tests/ui/test_local_times.py checks the zone)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@contextmanager
def language(loc: QLocale):
    before = QLocale()
    QLocale.setDefault(loc)
    try:
        yield
    finally:
        QLocale.setDefault(before)


def _order_model(rows):
    # the columns the maker's and buyer's order lists use (maker_views / buyer_views)
    return LazyTableModel([
        Col("#", lambda r: r.id),
        Col("Price", lambda r: yuan(r.price_fen), True, sort=lambda r: r.price_fen),
        Col("Due", lambda r: day(r.due_at), sort=lambda r: r.due_at),
    ])


def test_the_same_order_row_reads_per_language(qtbot):
    order = SimpleNamespace(id=7, price_fen=123400, due_at=datetime(2026, 12, 2, 9, 30))
    model = _order_model([order])
    model.set_rows([order])
    with language(ZH):
        zh = [model.data(model.index(0, c)) for c in (1, 2)]
        zh_when = fmt_date_time(order.due_at)
    with language(EN):
        en = [model.data(model.index(0, c)) for c in (1, 2)]
        en_when = fmt_date_time(order.due_at)
    assert zh == ["¥1,234.00", "2026年12月2日"]
    assert en == ["CN¥1,234.00", "Dec 2, 2026"]
    assert zh_when == "2026年12月2日 09:30"
    assert en_when.startswith("Dec 2, 2026 ") and "9:30" in en_when
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in "".join(en) + en_when)
    # the real values stay behind the text for sorting
    assert model.data(model.index(0, 1), SORT_ROLE) == 123400


def test_money_is_exact_from_integer_fen():
    for loc, sym in ((ZH, "¥"), (EN, "CN¥")):
        assert fmt_money(1, loc) == f"{sym}0.01"
        assert fmt_money(99_999_999, loc) == f"{sym}999,999.99"
        assert fmt_money(123_456_789, loc) == f"{sym}1,234,567.89"
        assert fmt_money(29, loc) == f"{sym}0.29"  # 0.29 is not a float; no 0.28999…
        assert fmt_money(0, loc) == f"{sym}0.00"
        assert fmt_money(-5, loc) == f"-{sym}0.05"
        assert fmt_money(None, loc) == ""
        assert fmt_money_delta(1200, loc) == f"+{sym}12.00"
        assert fmt_money_delta(-350, loc) == f"-{sym}3.50"
    # every fen of a wide range round-trips through the text exactly
    for fen in list(range(0, 1000)) + [10**k - 1 for k in range(3, 12)]:
        text = fmt_money(fen, ZH).removeprefix("¥").replace(",", "")
        assert int(text.replace(".", "")) == fen


def test_dates_per_language_and_pickers_match():
    d = datetime(2027, 1, 31, 18, 5)
    assert fmt_date(d, ZH) == "2027年1月31日"
    assert fmt_date(d, EN) == "Jan 31, 2027"
    assert fmt_date(None, EN) == ""
    assert fmt_date("2027-01-31T18:05:00", EN) == "Jan 31, 2027"
    # the autosave's ISO stamp, as the crash-recovery prompt shows it
    assert fmt_date_time("2027-01-31T18:05:00", ZH) == "2027年1月31日 18:05"
    assert fmt_date_time("2027-01-31T18:05:00", EN).startswith("Jan 31, 2027 6:05")
    # a date picker shows the same words as the tables
    from PySide6.QtCore import QDate
    assert ZH.toString(QDate(2027, 1, 31), date_format(ZH)) == fmt_date(d, ZH)
    assert EN.toString(QDate(2027, 1, 31), date_format(EN)) == fmt_date(d, EN)


def test_a_sorted_date_column_sorts_by_date(qtbot):
    dues = [datetime(2026, 9, 1), datetime(2026, 12, 2), datetime(2026, 10, 15),
            datetime(2027, 2, 3), datetime(2026, 4, 30)]
    rows = [SimpleNamespace(id=i, price_fen=(5 - i) * 1000 + 1, due_at=d)
            for i, d in enumerate(dues)]
    model = _order_model(rows)
    model.set_rows(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    for loc in (ZH, EN):
        with language(loc):
            shown = [model.data(model.index(r, 2)) for r in range(len(rows))]
            # the words alone would sort wrongly ("2026年10月…" before "2026年9月…"; "Apr" < "Dec")
            assert sorted(shown) != [fmt_date(d, loc) for d in sorted(dues)]
            proxy.sort(2, Qt.SortOrder.AscendingOrder)
            got = [proxy.data(proxy.index(r, 2)) for r in range(len(rows))]
            assert got == [fmt_date(d, loc) for d in sorted(dues)]
            proxy.sort(1, Qt.SortOrder.DescendingOrder)  # money by fen, not by text
            prices = [proxy.data(proxy.index(r, 1), SORT_ROLE) for r in range(len(rows))]
            assert prices == sorted(prices, reverse=True)


def test_money_entry_shows_the_languages_symbol_and_reads_back_exact_fen(qtbot):
    from creator_studio.ui.market.common import fen_of, money_spin

    for loc, sym in ((ZH, "¥"), (EN, "CN¥")):
        with language(loc):
            spin = money_spin()
            qtbot.addWidget(spin)
            assert spin.prefix() == sym
            for yuan_value, fen in ((0.29, 29), (0.01, 1), (999_999.99, 99_999_999), (1234.5, 123450)):
                spin.setValue(yuan_value)
                assert fen_of(spin) == fen
                assert spin.text() == fmt_money(fen, loc)  # the entry reads like the tables


def test_months_per_language():
    from creator_studio.ui.formatting import fmt_month

    assert fmt_month("2026-10", ZH) == "2026年10月"
    assert fmt_month("2026-10", EN) == "Oct 2026"
    assert fmt_month("2026-13", EN) == "2026-13" and fmt_month("", EN) == "" and fmt_month(None, EN) == ""
