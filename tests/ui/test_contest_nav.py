"""微课大赛 (#19): the maker's entry page and the judging page are reached from the role views
a user signs in to (not only built by tests), and they load their contest list when shown."""

from __future__ import annotations

from datetime import timedelta

from creator_studio.ui.market.contest_views import ContestEntryView, JudgingView, judging_host
from creator_studio.ui.market.views import build_role_views
from uihelpers import make_market_world, sign_in, wait_job


def _pages(views, cls):
    return [w for _t, v in views for w in ([v] + v.findChildren(cls)) if isinstance(w, cls)]


def _bring_up(page) -> None:
    """Make `page` the current page of every tab/stack above it (tabs or a navigation rail)."""
    from PySide6.QtWidgets import QStackedWidget, QTabWidget

    child, parent = page, page.parentWidget()
    while parent is not None:
        if isinstance(parent, (QTabWidget, QStackedWidget)) and parent.indexOf(child) >= 0:
            parent.setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()


def test_judging_host_once_per_user():
    assert judging_host({"maker", "buyer", "staff"}) == "maker"
    assert judging_host({"buyer", "staff"}) == "buyer"
    assert judging_host({"staff"}) == "staff"
    assert judging_host(set()) is None


def test_role_views_carry_entry_and_judging_pages(qtbot, ctx):
    """Signed in through the window: the maker's views carry the entry page, and every judge
    (maker, buyer or staff) gets the judging page exactly once."""
    from creator_studio.ui.main_window import MainWindow
    from uihelpers import PASSWORD

    ids = make_market_world(ctx.market)
    staff = sign_in(qtbot, ctx, "staff01")
    now = ctx.market.now().replace(microsecond=0)
    ctx.market.publish_contest(staff, ctx.market.create_contest(
        staff, title="阳光好课", forms=["h5"], entries_open_at=now - timedelta(minutes=1),
        entries_close_at=now + timedelta(days=5), judging_close_at=now + timedelta(days=9),
        results_at=now + timedelta(days=10), rubric=[{"id": "a", "name": "内容", "weight": 100}],
        judges=[ids["buyer01"]])["id"])
    ctx.current_user = None
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_job(qtbot, win.signin.prepare())
    for login, entry_pages, judging_pages in (("maker01", 1, 1), ("buyer01", 0, 1), ("staff01", 0, 1)):
        with qtbot.waitSignal(win.signed_in, timeout=20000):
            win.signin.sign_in_as(login, PASSWORD)
        views = [(t, v) for t, v in win.views.items()]
        assert len(_pages(views, ContestEntryView)) == entry_pages, login
        assert len(_pages(views, JudgingView)) == judging_pages, login  # once, whatever the roles
        rail = getattr(win, "rail", None)  # the navigation rail (#18) lists each page as an entry
        if rail is not None:
            for page in _pages(views, ContestEntryView) + _pages(views, JudgingView):
                assert rail.entry_for(page) is not None, (login, type(page).__name__)
        if login == "maker01":
            page = _pages(views, ContestEntryView)[0]
            assert page.contest.count() == 0  # nothing read before the page is shown
            win.show()
            _bring_up(page)
            qtbot.waitUntil(lambda: page.contest.count() == 1, timeout=20000)
            assert page.contest.itemText(0).endswith("阳光好课")
        ctx.runner.wait()
        qtbot.wait(10)
        assert win.sign_out()
        ctx.runner.wait()
        qtbot.wait(10)
