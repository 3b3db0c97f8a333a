"""#18 defect 10: page names go through the catalogue — the staff's contest page read "微课大赛"
in English mode (a literal, not tr())."""

from __future__ import annotations

from uihelpers import make_market_world, sign_in


def test_staff_pages_are_named_through_the_catalogue(qtbot, ctx):
    from creator_studio.ui.market.staff_views import StaffView

    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "staff01")
    view = StaffView(ctx)
    qtbot.addWidget(view)
    titles = [view.tabText(i) for i in range(view.count())]
    # no translator is installed in the tests: every title is its English source
    assert "Contests" in titles and not any("\u4e00" <= ch <= "\u9fff" for t in titles for ch in t)
    for _ in range(3):  # the pages' first loads end (and are shown) before the view goes
        ctx.runner.wait()
        qtbot.wait(100)
