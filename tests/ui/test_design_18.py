"""#18 "a designed look": the navigation rail, order cards, thumbnails, the maker's home page,
the render queue, captions and the form-style question editors, each checked on the widget."""

from __future__ import annotations

from creator_studio.ui.main_window import MainWindow
from creator_studio.ui.translate import tr
from uihelpers import PASSWORD, make_market_world, wait_job


def _signed_in(qtbot, ctx, login):
    make_market_world(ctx.market)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_job(qtbot, win.signin.prepare())
    with qtbot.waitSignal(win.signed_in, timeout=20000):
        win.signin.sign_in_as(login, PASSWORD)
    return win


def _close(qtbot, ctx, win):
    ctx.runner.wait()
    qtbot.wait(10)
    win.sign_out()
    ctx.runner.wait()
    qtbot.wait(10)


def test_rail_lists_every_page_and_switches_both_levels(qtbot, ctx):
    from creator_studio.ui.market.maker_views import MakerMarketView
    from creator_studio.ui.widgets.nav_rail import SECTION_ROLE

    win = _signed_in(qtbot, ctx, "maker01")
    rail = win.rail
    mv = next(v for v in win.views.values() if isinstance(v, MakerMarketView))
    # No tabs inside tabs: neither the window's nor the market view's tab bar is shown.
    assert win.tabs.tabBar().isHidden() and mv.tabBar().isHidden()
    texts = [rail.item(i).text() for i in range(rail.count())]
    headings = [rail.item(i).text() for i in range(rail.count())
                if rail.item(i).data(SECTION_ROLE)]
    assert headings == [tr("Market")]
    for i in range(mv.count()):  # every page of the market view has its own entry
        assert rail.entry_for(mv.widget(i)) is not None
    assert tr("Studio") in texts and tr("Notifications") in texts
    # Choosing "我的订单" shows the market view and, inside it, the orders page.
    rail.show_page(mv.orders_table)
    assert win.tabs.currentWidget() is mv and mv.currentWidget() is mv.orders_table
    rail.show_page(win.studio)
    assert win.tabs.currentWidget() is win.studio
    # A switch made in code highlights its entry.
    win.tabs.setCurrentWidget(mv)
    mv.setCurrentWidget(mv.record)
    assert rail.currentItem() is rail.entry_for(mv.record)
    # Entries have icons (qtawesome is installed in the venv).
    assert not rail.entry_for(mv.market).icon().isNull()
    _close(qtbot, ctx, win)


def test_rail_badge_counts_unread_messages(qtbot, ctx):
    from creator_studio.ui.market.maker_views import MakerMarketView

    win = _signed_in(qtbot, ctx, "maker01")
    mv = next(v for v in win.views.values() if isinstance(v, MakerMarketView))
    assert win.rail.badge(mv.conversation) == 0
    mv.conversation.unread_changed.emit(3)
    assert win.rail.badge(mv.conversation) == 3
    assert win.rail.entry_for(mv.conversation).toolTip().endswith("(3)")
    mv.conversation.unread_changed.emit(0)
    assert win.rail.badge(mv.conversation) == 0
    # The badge is painted: a red pill appears on the entry.
    win.resize(1200, 800)
    win.show()
    ctx.runner.wait()
    qtbot.wait(50)  # the conversation's own load reports its (zero) count first
    mv.conversation.unread_changed.emit(5)
    img = win.rail.viewport().grab().toImage()
    rect = win.rail.visualItemRect(win.rail.entry_for(mv.conversation))
    reds = sum(1 for x in range(rect.left(), rect.right(), 2)
               for y in range(rect.top(), rect.bottom(), 2)
               if (c := img.pixelColor(x, y)).red() > 170 and c.green() < 80 and c.blue() < 80)
    assert reds > 5
    _close(qtbot, ctx, win)
