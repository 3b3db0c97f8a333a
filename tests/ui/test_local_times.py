"""#18: the market keeps naive UTC; the window shows and takes times on the user's own clock.

Run in Asia/Shanghai (UTC+8, no summer time), where 23:30 UTC is 07:30 the next morning, so a
moment shown or sent without conversion lands on the wrong day and fails here.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from creator_studio.ui.formatting import (
    fmt_date,
    fmt_date_time,
    local_from_utc,
    qdatetime_from_utc,
    utc_from_local,
    utc_from_qdatetime,
)
from uihelpers import make_market_world, sign_in, wait_job

ZH = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
EN = QLocale(QLocale.Language.English)

LATE = datetime(2026, 12, 2, 23, 30)  # naive UTC, as the market keeps it


def _set_zone(monkeypatch, name: str, offset: str) -> None:
    monkeypatch.setenv("TZ", name)
    time.tzset()
    # the zone really took (tzdata present): otherwise every check below would prove nothing
    assert time.strftime("%z", time.localtime(LATE.replace(tzinfo=UTC).timestamp())) == offset


def _restore_zone(monkeypatch, before: str | None) -> None:
    if before is None:
        monkeypatch.delenv("TZ")
    else:
        monkeypatch.setenv("TZ", before)
    time.tzset()


@pytest.fixture
def shanghai(monkeypatch):
    before = os.environ.get("TZ")
    _set_zone(monkeypatch, "Asia/Shanghai", "+0800")
    yield
    _restore_zone(monkeypatch, before)


def test_a_late_utc_moment_shows_as_the_next_local_morning(shanghai):
    assert local_from_utc(LATE) == datetime(2026, 12, 3, 7, 30)
    assert utc_from_local(datetime(2026, 12, 3, 7, 30)) == LATE
    assert fmt_date_time(LATE, ZH) == "2026年12月3日 07:30"
    en = fmt_date_time(LATE, EN)
    assert en.startswith("Dec 3, 2026 ") and "7:30" in en
    # the day of a moment is the local day too (certificate expiry, deadlines in tables)
    assert fmt_date(LATE, EN) == "Dec 3, 2026"
    assert fmt_date(LATE, ZH) == "2026年12月3日"
    # the wire's ISO text of a market moment, and an aware value, are the same moment
    assert fmt_date_time("2026-12-02T23:30:00", ZH) == "2026年12月3日 07:30"
    assert fmt_date_time(LATE.replace(tzinfo=UTC), ZH) == "2026年12月3日 07:30"
    # a day is a day: a `date`, a date-only text and a QDate are not moved
    assert fmt_date(date(2026, 12, 2), EN) == "Dec 2, 2026"
    assert fmt_date("2026-12-02", EN) == "Dec 2, 2026"
    assert fmt_date(QDate(2026, 12, 2), EN) == "Dec 2, 2026"
    # a value already on the local clock (a studio autosave time) is shown as it is
    assert fmt_date_time("2026-12-02T23:30:00", ZH, utc=False) == "2026年12月2日 23:30"
    assert fmt_date_time(None, ZH) == "" and fmt_date(None, ZH) == ""


def test_a_date_only_text_is_not_read_as_utc_midnight(monkeypatch):
    before = os.environ.get("TZ")
    try:
        _set_zone(monkeypatch, "America/New_York", "-0500")  # UTC midnight is the day before
        assert fmt_date("2026-12-02", EN) == "Dec 2, 2026"
        assert fmt_date(date(2026, 12, 2), EN) == "Dec 2, 2026"
        assert fmt_date(datetime(2026, 12, 2, 3, 0), EN) == "Dec 1, 2026"  # a moment: local day
    finally:
        _restore_zone(monkeypatch, before)


def test_qdatetime_helpers_round_trip(shanghai):
    q = qdatetime_from_utc(LATE)
    assert (q.date(), q.time()) == (QDate(2026, 12, 3), QTime(7, 30))
    assert utc_from_qdatetime(q) == LATE
    assert utc_from_qdatetime(QDateTime(QDate(2027, 1, 1), QTime(0, 0))) == datetime(2026, 12, 31,
                                                                                      16, 0)


def test_contest_editor_loads_local_and_saves_the_same_utc(qtbot, ctx, shanghai):
    from creator_studio.ui.market.contest_views import ContestSetup

    ids = make_market_world(ctx.market)
    staff = sign_in(qtbot, ctx, "staff01")
    base = ctx.market.svc.now().replace(minute=30, second=0, microsecond=0)
    base = base.replace(hour=23) + timedelta(days=3)  # 23:30 UTC: tomorrow on the local clock
    dates = {"entries_open_at": base, "entries_close_at": base + timedelta(days=10),
             "judging_close_at": base + timedelta(days=20), "results_at": base + timedelta(days=21)}
    cid = ctx.market.create_contest(
        staff, title="本地时间大赛", forms=["h5"], judges=[ids["buyer01"]],
        rubric=[{"id": "a", "name": "内容准确", "weight": 100}], **dates)["id"]
    setup = ContestSetup(ctx)
    qtbot.addWidget(setup)
    wait_job(qtbot, setup.reload())
    setup.drafts.setCurrentIndex(setup.drafts.findData(cid))
    wait_job(qtbot, setup.edit_draft())
    assert setup.contest_id == cid
    # the pickers show the user's clock: 07:30 the next day
    shown = setup.dates["entries_open_at"].dateTime()
    want = base + timedelta(hours=8)
    assert (shown.date().toPython(), shown.time().hour(), shown.time().minute()) == (
        want.date(), 7, 30)
    # nothing touched: what would be sent is exactly what was loaded
    fields = setup._fields()
    assert {k: fields[k] for k in dates} == dates
    h = wait_job(qtbot, setup.save_changes())
    assert h.error is None, h.error
    saved = ctx.market.get_contest(staff, cid)
    assert {k: saved[k] for k in dates} == dates
    ctx.runner.wait()


def test_post_form_deadline_is_18_local_sent_as_utc(qtbot, ctx, shanghai):
    from creator_studio.ui.market.buyer_views import BuyerView

    make_market_world(ctx.market)
    buyer = sign_in(qtbot, ctx, "buyer01")
    view = BuyerView(ctx)
    qtbot.addWidget(view)
    post = view.post_form
    qtbot.waitUntil(lambda: post.line.count() == 1, timeout=10000)
    post.title.setText("车险理赔服务规范微课")
    post.form_checks["h5"].setChecked(True)
    post.budget.setValue(2500)
    post.deadline.setDate(QDate(2027, 1, 31))
    h = wait_job(qtbot, post.post())
    assert h.error is None, h.error
    (row,) = ctx.market.buyer_requests(buyer)
    assert row["deadline"] == datetime(2027, 1, 31, 10, 0)  # 18:00 in Shanghai
    ctx.runner.wait()


def test_maker_deadline_filter_compares_local_days(qtbot, ctx, shanghai):
    from creator_studio.ui.market.maker_views import MakerMarketView

    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "maker01")
    maker = MakerMarketView(ctx)
    qtbot.addWidget(maker)
    qtbot.waitUntil(lambda: not maker.market.model.loading, timeout=10000)
    m = maker.market
    r = SimpleNamespace(business_line=None, forms=["h5"], budget_fen=10**9,
                        deadline=datetime(2027, 1, 31, 20, 0))  # Feb 1, 04:00 in Shanghai
    m.line_combo.setCurrentIndex(0)
    m.form_combo.setCurrentIndex(0)
    m.deadline_check.setChecked(True)
    m.deadline_edit.setDate(QDate(2027, 1, 31))
    assert not m.keep(r)  # due Feb 1 locally: later than "due by Jan 31"
    m.deadline_edit.setDate(QDate(2027, 2, 1))
    assert m.keep(r)
    ctx.runner.wait()


def test_countdown_counts_in_utc_and_shows_the_local_day(shanghai):
    from creator_studio.core.market.clock import utcnow
    from creator_studio.ui.market.common import status_name
    from creator_studio.ui.market.lazy_model import yuan
    from creator_studio.ui.translate import tr
    from creator_studio.ui.widgets.cards import countdown, order_card

    now = datetime(2026, 12, 2, 20, 0)  # UTC; 04:00 Dec 3 in Shanghai
    assert countdown(LATE, now) == (tr("Due today"), False)
    assert countdown(LATE, now.replace(tzinfo=UTC)) == (tr("Due today"), False)
    assert countdown(LATE, LATE + timedelta(hours=1)) == (tr("Overdue by 1 day"), True)
    # the default "now" is the UTC clock: a local one would be 8 hours ahead and say 2 days
    assert countdown(utcnow() + timedelta(days=3, hours=1)) == (
        tr("{n} days left").format(n=3), False)
    assert countdown(utcnow() - timedelta(hours=1))[1] is True
    assert countdown(utcnow() + timedelta(hours=1)) == (tr("Due today"), False)
    # the date beside the count is the local day
    card = order_card(status_name, yuan, lambda d: fmt_date(d, EN))(
        dict(id=1, title="t", price_fen=100, status="in_progress", due_at=LATE))
    assert card.due == LATE and card.due_text == "Dec 3, 2026"


def test_studio_autosave_time_is_local_and_shown_as_written(qtbot, ctx, shanghai):
    import json

    from PySide6.QtWidgets import QMessageBox

    from creator_studio.ui.studio.project import SESSION_FILE
    from creator_studio.ui.studio.workspace import MakerStudio

    # the autosave writes time.strftime (the local clock); the dialog must not shift it by +8 h
    folder = ctx.paths.autosave / "20261202-233000-abcdef"
    folder.mkdir(parents=True)
    (folder / "course.json").write_text("{}", encoding="utf-8")
    (folder / SESSION_FILE).write_text(json.dumps(
        {"autosaved": True, "title": "理赔课", "updated": "2026-12-02T23:30:00"}), encoding="utf-8")
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    asked = []
    studio.ask = lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No
    assert studio.offer_recovery() is None
    assert len(asked) == 1 and fmt_date_time("2026-12-02T23:30:00", utc=False) in asked[0]
    assert fmt_date_time("2026-12-02T23:30:00") not in asked[0]  # not read as UTC (Dec 3, 07:30)
    wait_job(qtbot, getattr(studio.render_panel, "load_handle", None))
    ctx.runner.wait()
