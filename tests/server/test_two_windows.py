"""Two studio windows, two user folders, one team server: a buyer and a maker complete
post → offer → award → download source → deliver → revise → accept → rate, and each side's
lists update by themselves from the server's live events (no Refresh pressed)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CREATOR_STUDIO_WEBENGINE", "0")
os.environ.setdefault("CREATOR_STUDIO_CONFIRM", "0")

import creator_studio.ui  # noqa: E402,F401  (first: see creator_studio/ui/__init__.py)
import pytest  # noqa: E402

from tests.server.conftest import (  # noqa: E402
    LENIENT_NORMS,
    NO_PG,
    PASSWORD,
    PG_URL,
    course_package,
    start_team,
    stop_team,
)

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture(scope="module")
def own_team(tmp_path_factory):
    if not PG_URL:
        pytest.skip(NO_PG)
    t = start_team(tmp_path_factory.mktemp("windows"), workers=2)
    staff = t.client("staff01")
    staff.publish_norms(staff.user, LENIENT_NORMS)
    yield t
    stop_team(t)


def open_window(qtbot, home, url: str, login: str):  # noqa: ANN001, ANN201
    from creator_studio.ui.context import AppContext
    from creator_studio.ui.main_window import MainWindow
    from creator_studio.ui.settings import UiSettings

    os.environ["CREATOR_STUDIO_HOME"] = str(home)
    ctx = AppContext.create(UiSettings(language="zh_CN", autosave_seconds=3600))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.signin.server_edit.setText(url)
    win.signin.login_edit.setText(login)
    win.signin.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(win.signed_in, timeout=30000):
        win.signin.sign_in()
    assert type(ctx.market).__name__ == "HttpMarketClient"
    assert ctx.settings.extra["server_url"] == url
    qtbot.waitUntil(lambda: win.live.online, timeout=10000)
    return win


def view_of(win, cls):  # noqa: ANN001, ANN201
    return next(v for v in win.views.values() if isinstance(v, cls))


def status0(model) -> str | None:  # noqa: ANN001
    """The first row's status, or None while a live reload has the model empty."""
    row = model.row(0) if model.rowCount() else None
    return None if row is None else row.status


def wait(qtbot, handle, timeout=60000):  # noqa: ANN001, ANN201
    if handle is not None and not handle.done:
        with qtbot.waitSignal(handle.finished, timeout=timeout):
            pass
    assert handle.error is None, handle.error
    return handle


def test_buyer_and_maker_windows_against_one_server(qtbot, own_team, tmp_path):
    from creator_studio.ui.market.buyer_views import BuyerView
    from creator_studio.ui.market.maker_views import MakerMarketView

    url = own_team.url
    old_home = os.environ.get("CREATOR_STUDIO_HOME")
    try:
        bwin = open_window(qtbot, tmp_path / "buyer-home", url, "buyer01")
        mwin = open_window(qtbot, tmp_path / "maker-home", url, "maker01")
        bctx, mctx = bwin.ctx, mwin.ctx
        assert bctx.paths.data != mctx.paths.data
        buyer, maker = view_of(bwin, BuyerView), view_of(mwin, MakerMarketView)

        # buyer posts a request with a source file (uploaded to the server)
        src = tmp_path / "理赔流程.pptx"
        src.write_bytes(b"source deck bytes " * 2000)
        post = buyer.post_form
        qtbot.waitUntil(lambda: post.line.count() >= 1, timeout=10000)
        post.title.setText("车险理赔服务规范微课")
        post.form_checks["h5"].setChecked(True)
        post.budget.setValue(2500)
        post.add_file(src)
        rid = wait(qtbot, post.post()).result

        # maker sees it in the market and offers
        market = maker.market
        market.reload()
        qtbot.waitUntil(lambda: market.model.rowCount() == 1, timeout=10000)
        market.table.selectRow(0)
        market.price.setValue(2200)
        market.days.setValue(5)
        wait(qtbot, market.make_offer())

        # live: the buyer's request list shows the offer without a refresh
        reqs = buyer.requests
        qtbot.waitUntil(lambda: reqs.req_model.rowCount() == 1
                        and reqs.req_model.row(0)["offers"] == 1, timeout=15000)
        reqs.req_table.selectRow(0)
        wait(qtbot, reqs.load_offers(rid))
        reqs.offer_table.selectRow(0)
        wait(qtbot, reqs.award())

        # live: the award reaches the maker's order list by itself
        qtbot.waitUntil(lambda: maker.orders_model.rowCount() == 1, timeout=15000)
        order = maker.orders_model.row(0)
        assert order.status == "in_progress"
        # maker downloads the buyer's source (hash-checked) and delivers through the window's client
        mm = mctx.market
        files = mm.request_files(mctx.current_user, rid)
        got = mm.fetch_request_file(mctx.current_user, files[0]["id"], mctx.paths.data / "src.pptx")
        assert got.read_bytes() == src.read_bytes()
        mm.deliver(mctx.current_user, order.id, course_package(tmp_path / "v1"))

        # live: the buyer's order list shows the delivery; the preview downloads it
        review = buyer.review
        qtbot.waitUntil(lambda: status0(review.model) == "delivered", timeout=15000)
        review.table.selectRow(0)
        qtbot.waitUntil(lambda: review.loaded_delivery is not None, timeout=20000)
        first = review.loaded_delivery
        assert (bctx.paths.data / "review-cache" / f"delivery-{first}" / "manifest.json").is_file()
        review.comment.setPlainText("请补充查勘环节")
        wait(qtbot, review.request_revision())

        # live: the revision request reaches the maker
        qtbot.waitUntil(lambda: status0(maker.orders_model) == "revision_requested", timeout=15000)
        mm.deliver(mctx.current_user, order.id, course_package(tmp_path / "v2", title="车险理赔流程（修订版）"))

        qtbot.waitUntil(lambda: status0(review.model) == "delivered", timeout=15000)
        review.loaded_delivery = None
        review.table.clearSelection()
        review.table.selectRow(0)
        qtbot.waitUntil(lambda: review.loaded_delivery not in (None, first), timeout=20000)
        wait(qtbot, review.accept())
        qtbot.waitUntil(lambda: status0(review.model) == "accepted", timeout=15000)
        review.table.selectRow(0)
        review.stars.setValue(5)
        review.comment.setPlainText("很专业")
        assert isinstance(wait(qtbot, review.rate()).result, int)

        # live: the maker's list shows the acceptance
        qtbot.waitUntil(lambda: status0(maker.orders_model) == "accepted", timeout=15000)
        for w in (bwin, mwin):
            w.sign_out()
            w.ctx.runner.wait()
            w.ctx.close()
    finally:
        if old_home is None:
            os.environ.pop("CREATOR_STUDIO_HOME", None)
        else:
            os.environ["CREATOR_STUDIO_HOME"] = old_home


def test_lost_connection_shows_offline_then_recovers_keeping_typed_work(qtbot, own_team, tmp_path):
    from creator_studio.ui.market.buyer_views import BuyerView
    from tests.server.conftest import ServerProcess

    old_home = os.environ.get("CREATOR_STUDIO_HOME")
    try:
        win = open_window(qtbot, tmp_path / "home", own_team.url, "buyer02")
        buyer = view_of(win, BuyerView)
        buyer.post_form.title.setText("正在填写的需求标题")
        own_team.server.kill9()
        qtbot.waitUntil(lambda: not win.live.online, timeout=20000)
        shown = win.statusBar().currentMessage()
        assert "离线" in shown or "Offline" in shown  # zh_CN when the catalogue is installed
        own_team.server = ServerProcess(own_team.server.config, own_team.server.port,
                                        own_team.server.home).start()
        qtbot.waitUntil(lambda: win.live.online, timeout=40000)
        assert buyer.post_form.title.text() == "正在填写的需求标题"
        win.sign_out()
        win.ctx.runner.wait()
        win.ctx.close()
    finally:
        if old_home is None:
            os.environ.pop("CREATOR_STUDIO_HOME", None)
        else:
            os.environ["CREATOR_STUDIO_HOME"] = old_home


def test_sign_in_card_refuses_a_non_http_server_url_and_empty_keeps_embedded(qtbot, tmp_path):
    from creator_studio.ui.context import AppContext
    from creator_studio.ui.main_window import MainWindow
    from creator_studio.ui.settings import UiSettings

    old_home = os.environ.get("CREATOR_STUDIO_HOME")
    os.environ["CREATOR_STUDIO_HOME"] = str(tmp_path)
    try:
        ctx = AppContext.create(UiSettings(language="zh_CN", autosave_seconds=3600))
        win = MainWindow(ctx)
        qtbot.addWidget(win)
        win.signin.server_edit.setText("ftp://studio")
        win.signin.login_edit.setText("buyer01")
        win.signin.password_edit.setText("whatever-1")
        assert win.signin.sign_in() is None
        assert "http" in win.signin.error_label.text()
        assert (ctx.settings.extra or {}).get("server_url", "") == ""
        assert win.signin.use_server("")
        assert type(ctx.market).__name__ == "InProcessClient"  # the embedded default
        ctx.runner.wait()
        ctx.close()
    finally:
        if old_home is None:
            os.environ.pop("CREATOR_STUDIO_HOME", None)
        else:
            os.environ["CREATOR_STUDIO_HOME"] = old_home


def test_polling_stands_in_when_the_event_stream_is_unavailable(qtbot, own_team, tmp_path,
                                                                 monkeypatch):
    from datetime import timedelta

    from creator_studio.core.errors import StudioError
    from creator_studio.ui.context import AppContext
    from creator_studio.ui.market.live import LiveUpdates
    from creator_studio.ui.settings import UiSettings

    old_home = os.environ.get("CREATOR_STUDIO_HOME")
    os.environ["CREATOR_STUDIO_HOME"] = str(tmp_path)
    try:
        ctx = AppContext.create(UiSettings(language="zh_CN", extra={"server_url": own_team.url}))
        ctx.current_user = ctx.market.login("maker03", PASSWORD)

        def no_stream(*_a, **_k):  # what a proxy that drops /api/events looks like to the client
            raise StudioError("服务器返回了意外的错误", "Unexpected server answer 404",
                              code="SERVER_ERROR")

        monkeypatch.setattr(ctx.market, "events", no_stream)
        live = LiveUpdates(ctx)
        got: list[dict] = []
        live.event.connect(got.append)
        live.start()
        qtbot.waitUntil(lambda: live.poll_timer is not None and live._last_seen is not None,
                        timeout=15000)
        buyer = own_team.client("buyer01")
        rid = buyer.post_request(buyer.user, title="轮询兜底测试", forms=["h5"], budget_fen=100_000,
                                 deadline=buyer.now() + timedelta(days=5))
        oid = ctx.market.make_offer(ctx.current_user, rid, 90_000, 4)
        buyer.award(buyer.user, rid, oid)
        qtbot.waitUntil(lambda: any(e["kind"] == "award" for e in got), timeout=20000)
        assert live.online
        live.stop()
        ctx.runner.wait()
        ctx.close()
    finally:
        if old_home is None:
            os.environ.pop("CREATOR_STUDIO_HOME", None)
        else:
            os.environ["CREATOR_STUDIO_HOME"] = old_home
