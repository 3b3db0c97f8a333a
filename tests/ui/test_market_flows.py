"""Role flows through the real views and services (SQLite in the test's own user folder).

maker: import → render → check → deliver; buyer: post → award → review → accept → rate;
sign-in and first launch with an empty database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from creator_studio.ui.main_window import MainWindow
from creator_studio.ui.market.buyer_views import BuyerView
from creator_studio.ui.market.maker_views import DeliverPanel, MakerMarketView
from creator_studio.ui.studio.workspace import MakerStudio
from uihelpers import PASSWORD, make_market_world, sign_in, wait_job


def test_first_launch_creates_the_database_and_offers_the_demo(qtbot, ctx):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_job(qtbot, win.signin.prepare())
    assert win.signin.status_info == {"users": 0, "samples": []}
    assert not win.signin.demo_button.isHidden()
    assert (ctx.paths.data / "creator-studio.db").is_file()
    # Load the demo scenario, then sign in with one click as the sample buyer.
    h = win.signin.load_demo()
    assert not win.signin.progress.isHidden()
    wait_job(qtbot, h, timeout=120000)
    assert h.error is None, h.error
    assert win.signin.status_info["users"] > 20
    assert win.signin.demo_button.isHidden()
    from PySide6.QtWidgets import QPushButton

    buttons = {b.objectName(): b for b in win.signin.findChildren(QPushButton)}
    assert {"sample_maker", "sample_buyer", "sample_staff"} <= set(buttons)
    with qtbot.waitSignal(win.signed_in, timeout=20000):
        buttons["sample_buyer"].click()
    assert "buyer" in ctx.current_user.roles
    buyer_view = win.tabs.widget(0)
    from creator_studio.ui.market.buyer_views import BuyerView

    assert isinstance(buyer_view, BuyerView)
    # The demo's orders are listed (lazy model, first batch).
    qtbot.waitUntil(lambda: buyer_view.review.model.rowCount() > 0, timeout=10000)
    ctx.runner.wait()
    qtbot.wait(10)


def test_sign_in_wrong_password_inline_then_right_one(qtbot, ctx):
    make_market_world(ctx.market)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_job(qtbot, win.signin.prepare())
    assert win.signin.demo_button.isHidden()
    wait_job(qtbot, win.signin.sign_in_as("buyer01", "wrong-password"))
    assert win.signin.error_label.text() == "登录名或密码错误"
    assert win.stack.currentWidget() is win.signin
    with qtbot.waitSignal(win.signed_in, timeout=10000):
        win.signin.sign_in_as("maker01", PASSWORD)
    assert ctx.current_user.login == "maker01"
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert len(titles) == 3 and win.studio is not None  # studio, market, notifications
    assert win.studio.deliver_panel is not None
    # Signing out goes back to the sign-in screen.
    assert win.sign_out() and win.stack.currentWidget() is win.signin
    ctx.runner.wait()
    qtbot.wait(10)


def _settled(qtbot, model):
    """Wait until a lazy model has no batch in flight (reads run on the runner's pool)."""
    qtbot.waitUntil(lambda: not model.loading, timeout=10000)


def _wait_rows(qtbot, model, n=1):
    qtbot.waitUntil(lambda: model.rowCount() >= n, timeout=10000)


def test_buyer_and_maker_flows_end_to_end(qtbot, ctx, tiny_deck):
    ids = make_market_world(ctx.market)
    # --- buyer posts a request with a source file -------------------------------------------
    sign_in(qtbot, ctx, "buyer01")
    buyer = BuyerView(ctx)
    qtbot.addWidget(buyer)
    post = buyer.post_form
    qtbot.waitUntil(lambda: post.line.count() == 1, timeout=10000)
    post.title.setText("车险理赔服务规范微课")
    post.form_checks["long-image"].setChecked(True)
    post.budget.setValue(2500)
    post.add_file(tiny_deck)
    h = post.post()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    rid = h.result
    assert f"#{rid}" in post.done_label.text()
    _wait_rows(qtbot, buyer.requests.req_model)
    assert buyer.requests.req_model.row(0)["status"] == "open"

    # --- a maker without certificate does not see it; the certified maker offers -------------
    sign_in(qtbot, ctx, "maker09")
    assert ctx.market.open_requests(ctx.current_user, 50, 0) == []
    sign_in(qtbot, ctx, "maker01")
    mview = MakerMarketView(ctx)
    qtbot.addWidget(mview)
    market = mview.market
    _wait_rows(qtbot, market.model)
    assert market.model.row(0).title == "车险理赔服务规范微课"
    # Filters: a form the request does not want hides it; clearing shows it again.
    market.form_combo.setCurrentIndex(market.form_combo.findData("skit"))
    market.reload()
    _settled(qtbot, market.model)
    assert market.model.rowCount() == 0
    market.form_combo.setCurrentIndex(0)
    market.budget_min.setValue(9000)  # above the budget
    market.reload()
    _settled(qtbot, market.model)
    assert market.model.rowCount() == 0
    market.budget_min.setValue(0)
    market.reload()
    _settled(qtbot, market.model)
    assert market.model.rowCount() == 1
    market.table.selectRow(0)
    market.price.setValue(3000)  # above the budget: the service refuses, shown inline
    wait_job(qtbot, market.make_offer())
    assert market.message.text() and "预算" in market.message.text()
    market.price.setValue(2200)
    market.days.setValue(5)
    h = market.make_offer()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    wait_job(qtbot, mview.refresh_offers())
    assert mview.offers_model.row(0)["price_fen"] == 220000

    # --- buyer compares offers and awards -----------------------------------------------------
    sign_in(qtbot, ctx, "buyer01")
    reqs = buyer.requests
    wait_job(qtbot, reqs.reload())
    reqs.req_table.selectRow(0)
    wait_job(qtbot, reqs.load_offers(rid))
    assert reqs.offer_model.rowCount() == 1
    offer = reqs.offer_model.row(0)
    assert offer["maker"] == "张创客" and offer["days"] == 5
    reqs.offer_table.selectRow(0)
    h = reqs.award()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert "张创客" in reqs.message.text()

    # --- maker: import → render → check → deliver in the studio ------------------------------
    sign_in(qtbot, ctx, "maker01")
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    wait_job(qtbot, studio.import_file(tiny_deck))
    wait_job(qtbot, studio.render_panel.load_handle)
    studio.render_panel.select("long-image")
    wait_job(qtbot, studio.render_panel.render(), timeout=120000)
    wait_job(qtbot, studio.norms.run_check())
    assert studio.norms.report is not None
    panel = DeliverPanel(ctx, studio)
    qtbot.addWidget(panel)
    studio.add_deliver_panel(panel)
    _wait_rows(qtbot, panel.model)
    order = panel.model.row(0)
    assert order.status == "in_progress"
    panel.table.selectRow(0)
    panel.note.setText("请验收")
    h = panel.deliver()
    wait_job(qtbot, h, timeout=60000)
    assert h.error is None, (h.error, panel.result_label.text())
    assert "#" in panel.result_label.text()

    # --- buyer reviews the delivery in the same previews, accepts and rates ------------------
    sign_in(qtbot, ctx, "buyer01")
    review = buyer.review
    review.reload()
    _wait_rows(qtbot, review.model)
    assert review.model.row(0).status == "delivered"
    review.table.selectRow(0)
    qtbot.waitUntil(lambda: review.loaded_delivery is not None, timeout=20000)
    assert review.previews.count() == 1 and review.previews.tabText(0) in ("Long image", "长图文")
    first_delivery = review.loaded_delivery
    # Ask for a revision with comments; the maker delivers version 2.
    review.comment.setPlainText("第二页请补充报案电话")
    h = review.request_revision()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    qtbot.waitUntil(lambda: review.model.rowCount() == 1
                    and review.model.row(0).status == "revision_requested", timeout=10000)
    sign_in(qtbot, ctx, "maker01")
    wait_job(qtbot, panel.reload())
    assert panel.model.rowCount() == 1 and panel.model.row(0).status == "revision_requested"
    panel.table.selectRow(0)
    wait_job(qtbot, panel.deliver(), timeout=60000)
    sign_in(qtbot, ctx, "buyer01")
    review.reload()
    qtbot.waitUntil(lambda: review.model.rowCount() == 1 and review.model.row(0).status == "delivered",
                    timeout=10000)
    review.loaded_delivery = None
    review.table.clearSelection()
    review.table.selectRow(0)
    qtbot.waitUntil(lambda: review.loaded_delivery is not None, timeout=20000)
    assert review.loaded_delivery != first_delivery  # the newest version is shown
    review.table.selectRow(0)
    h = review.accept()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    qtbot.waitUntil(lambda: review.model.rowCount() == 1 and review.model.row(0).status == "accepted",
                    timeout=10000)
    review.table.selectRow(0)
    review.stars.setValue(4)
    review.comment.setPlainText("内容清晰，排版美观")
    h = review.rate()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert isinstance(h.result, int)
    # A second rating of the same order is refused by the service and shown inline.
    qtbot.waitUntil(lambda: review.model.rowCount() == 1, timeout=10000)
    review.table.selectRow(0)
    h2 = review.rate()
    wait_job(qtbot, h2)
    assert h2.error is not None and review.message.text()
    # The maker's record: accepted orders, rating state, level and certificate.
    sign_in(qtbot, ctx, "maker01")
    rec = mview.record
    wait_job(qtbot, rec.reload())
    text = rec.summary_label.text()
    assert "1" in text and ("已验收订单：1" in text or "Accepted orders: 1" in text)
    assert rec.level_label.text()
    assert rec.cert_model.rowCount() == 1
    assert rec.earn_model.rowCount() == 1 and rec.earn_model.row(0)["agreed_fen"] == 220000
    ctx.runner.wait()


def test_maker_withdraws_an_offer(qtbot, ctx):
    from datetime import timedelta

    ids = make_market_world(ctx.market)
    m = ctx.market
    buyer = sign_in(qtbot, ctx, "buyer01")
    rid = m.post_request(buyer, title="寿险营销开门红话术", forms=["long-image"], budget_fen=300000,
                         deadline=m.now() + timedelta(days=14), business_line_id=ids["business_line"])
    maker = sign_in(qtbot, ctx, "maker01")
    m.make_offer(maker, rid, 250000, 5, "")
    view = MakerMarketView(ctx)
    qtbot.addWidget(view)
    view.setCurrentWidget(view.offers_page)
    qtbot.waitUntil(lambda: view.offers_model.rowCount() == 1, timeout=10000)
    assert view.offers_model.row(0)["status"] == "active"
    view.offers_table.selectRow(0)
    h = view.withdraw()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    qtbot.waitUntil(lambda: view.offers_model.row(0)["status"] == "withdrawn", timeout=10000)
    ctx.runner.wait()


def test_unreachable_database_is_a_clear_message(qtbot, ctx, monkeypatch):
    shown = []
    monkeypatch.setattr("creator_studio.ui.signin.show_error",
                        lambda parent, exc, details="", modal=True: shown.append(exc))
    ctx.settings.database_url = "postgresql+psycopg://nobody@127.0.0.1:9/none"
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    h = win.signin.prepare()
    wait_job(qtbot, h, timeout=60000)
    assert len(shown) == 1 and shown[0].code == "DB_UNAVAILABLE"
    assert "127.0.0.1" in shown[0].message_zh and shown[0].message_en
    assert win.signin.status_label.text()
    assert win.signin.demo_button.isHidden()
