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
from PySide6.QtCore import Qt  # noqa: E402

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
    win.show()  # on screen, as a person's: lists keep their selection across live reloads
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


def text_files_mention(folder, needle: str) -> bool:  # noqa: ANN001
    """Does any text file under `folder` (a rendered package) contain `needle`?"""
    for p in folder.rglob("*"):
        if p.is_file() and p.suffix in (".json", ".js", ".html", ".txt", ".xml"):
            if needle in p.read_text(encoding="utf-8", errors="replace"):
                return True
    return False


def test_buyer_and_maker_windows_against_one_server(qtbot, own_team, tmp_path):
    """Each step is what a person does in their own window: the maker opens the buyer's source
    in the studio, renders it, delivers from the studio's deliver panel, edits and re-delivers
    after the revision request; the buyer reviews, accepts and rates with the star widget. The
    other window learns of each step from the server's live events (no refresh pressed)."""
    import sys
    from pathlib import Path

    from creator_studio.ui.market.buyer_views import BuyerView
    from creator_studio.ui.market.maker_views import MakerMarketView
    from creator_studio.ui.translate import tr

    sys.path.insert(0, str(Path(__file__).parents[1] / "ui"))
    from uihelpers import make_deck

    url = own_team.url
    old_home = os.environ.get("CREATOR_STUDIO_HOME")
    try:
        bwin = open_window(qtbot, tmp_path / "buyer-home", url, "buyer01")
        mwin = open_window(qtbot, tmp_path / "maker-home", url, "maker01")
        bctx, mctx = bwin.ctx, mwin.ctx
        assert bctx.paths.data != mctx.paths.data
        buyer, maker = view_of(bwin, BuyerView), view_of(mwin, MakerMarketView)
        studio = mwin.studio
        assert studio is not None and studio.deliver_panel is not None
        from PySide6.QtWidgets import QMessageBox

        asked: list[str] = []  # signing out asks about the unsaved project: discard it
        studio.ask = lambda *a: asked.append(a[1]) or QMessageBox.StandardButton.Discard

        # buyer posts a request with a real PowerPoint source (uploaded to the server)
        (tmp_path / "buyer-files").mkdir()
        src = make_deck(tmp_path / "buyer-files" / "理赔流程.pptx")
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

        # live: the award reaches the maker's order list and order pages by itself
        qtbot.waitUntil(lambda: maker.orders_model.rowCount() == 1, timeout=15000)
        order = maker.orders_model.row(0)
        assert order.status == "in_progress"
        conv = maker.conversation
        qtbot.waitUntil(lambda: conv.model.rowCount() == 1, timeout=15000)

        # buyer writes on the order's thread; live: the maker's unread count shows it
        bconv = buyer.conversation
        qtbot.waitUntil(lambda: bconv.model.rowCount() == 1, timeout=15000)
        bconv.table.selectRow(0)
        qtbot.waitUntil(lambda: bconv.thread.order_id == order.id
                        and bconv.thread.composer.isEnabled(), timeout=15000)
        bconv.thread.text.setPlainText("报案电话请用 95518")
        wait(qtbot, bconv.thread.send())
        qtbot.waitUntil(lambda: conv.total_unread() == 1, timeout=15000)

        # maker: the order's brief → "open in the studio": the source is downloaded from the
        # server (hash-checked) into the order's folder and imported as a new project
        conv.table.selectRow(0)
        brief = conv.brief
        qtbot.waitUntil(lambda: brief.brief is not None and brief.files.count() == 1
                        and brief.studio_button.isEnabled(), timeout=15000)
        brief.studio_button.click()
        qtbot.waitUntil(lambda: studio.project is not None, timeout=60000)
        got = brief.source_folder() / src.name
        assert got.read_bytes() == src.read_bytes()
        assert str(mctx.paths.data) in str(got)  # in the maker's own user folder
        assert studio.linked_order_id == order.id
        assert studio.project.lesson.pages[0].title == "车险理赔服务规范"

        # maker renders the H5 form in the studio and delivers from the deliver panel
        panel = studio.render_panel
        wait(qtbot, panel.load_handle)
        panel.select("h5")
        qtbot.waitUntil(panel.render_button.isEnabled, timeout=10000)
        panel.render_button.click()
        wait(qtbot, panel.progress.handle, timeout=180000)
        assert "h5" in panel.last_result, panel.status.text()
        deliver = studio.deliver_panel

        def deliver_row_selected(status: str) -> bool:
            r = deliver.model.rows
            sel = deliver.table.selectionModel().selectedRows()
            return (len(r) == 1 and r[0].id == order.id and r[0].status == status
                    and bool(sel) and sel[0].row() == 0)

        qtbot.waitUntil(lambda: deliver_row_selected("in_progress"), timeout=15000)
        deliver.note.setText("第一版，请审阅")
        deliver.deliver_button.click()
        qtbot.waitUntil(lambda: "#" in deliver.result_label.text() or bool(deliver.message.text()),
                        timeout=60000)
        assert "#" in deliver.result_label.text(), deliver.message.text()

        # live: the buyer's order list shows the delivery; the preview downloads it
        review = buyer.review
        qtbot.waitUntil(lambda: status0(review.model) == "delivered", timeout=15000)
        review.table.selectRow(0)
        qtbot.waitUntil(lambda: review.loaded_delivery is not None, timeout=20000)
        first = review.loaded_delivery
        cache = bctx.paths.data / "review-cache"
        assert (cache / f"delivery-{first}" / "manifest.json").is_file()
        assert text_files_mention(cache / f"delivery-{first}", "车险理赔服务规范")
        review.comment.setPlainText("请把首页标题改为修订版")
        review.revision_button.click()

        # live: the revision request reaches the maker's list and the studio's deliver panel
        qtbot.waitUntil(lambda: status0(maker.orders_model) == "revision_requested",
                        timeout=15000)
        qtbot.waitUntil(lambda: len(deliver.model.rows) == 1
                        and deliver.model.rows[0].status == "revision_requested", timeout=15000)

        # maker revises in the studio (page title), renders again and re-delivers
        studio.select_page(studio.project.lesson.pages[0].id)
        studio.page_editor.title_edit.setText("车险理赔服务规范（修订版）")
        panel.render_button.click()
        wait(qtbot, panel.progress.handle, timeout=180000)
        assert studio.project.lesson.pages[0].title == "车险理赔服务规范（修订版）"
        deliver.table.selectRow(0)
        qtbot.waitUntil(lambda: deliver_row_selected("revision_requested"), timeout=10000)
        deliver.result_label.clear()
        deliver.deliver_button.click()
        qtbot.waitUntil(lambda: "#" in deliver.result_label.text() or bool(deliver.message.text()),
                        timeout=60000)
        assert "#" in deliver.result_label.text(), deliver.message.text()

        # live: the buyer sees version 2 — with the maker's edit in it
        qtbot.waitUntil(lambda: status0(review.model) == "delivered", timeout=15000)
        review.loaded_delivery = None
        review.table.clearSelection()
        review.table.selectRow(0)
        qtbot.waitUntil(lambda: review.loaded_delivery not in (None, first), timeout=20000)
        second = review.loaded_delivery
        assert text_files_mention(cache / f"delivery-{second}", "车险理赔服务规范（修订版）")

        # buyer accepts and rates four stars with the star widget
        review.accept_button.click()
        qtbot.waitUntil(lambda: status0(review.model) == "accepted", timeout=15000)
        review.table.selectRow(0)
        qtbot.mouseClick(review.stars.buttons[3], Qt.MouseButton.LeftButton)
        assert review.stars.value() == 4
        review.comment.setPlainText("很专业")
        review.rate_button.click()
        thanks = tr("Thank you — your rating is recorded.")
        qtbot.waitUntil(lambda: thanks in review.message.text(), timeout=15000)

        # live: the maker's list shows the acceptance
        qtbot.waitUntil(lambda: status0(maker.orders_model) == "accepted", timeout=15000)
        for w in (bwin, mwin):
            w.sign_out()
            w.ctx.runner.wait()
            w.ctx.close()
        assert asked  # the maker was asked about the unsaved course, not silently dropped
        # neither workstation holds a signing secret or the database's address
        for home in (tmp_path / "buyer-home", tmp_path / "maker-home"):
            held = [p.name for p in home.rglob("*") if p.is_file()]
            assert "platform-secret.key" not in held and "issuer-ed25519.pem" not in held, held
            for p in home.rglob("*"):
                if p.is_file() and p.suffix in (".json", ".toml", ".ini", ".conf"):
                    text = p.read_text(encoding="utf-8", errors="replace")
                    assert own_team.db_url not in text and "postgresql" not in text, p
    finally:
        if old_home is None:
            os.environ.pop("CREATOR_STUDIO_HOME", None)
        else:
            os.environ["CREATOR_STUDIO_HOME"] = old_home


def test_staff_window_resolves_a_dispute_and_marks_the_order_paid(qtbot, own_team, tmp_path):
    """Staff's main flow in their own window against the server: the dispute a buyer opened is
    in the list, resolved with a partial payout; the order then waits in "To pay" and is marked
    paid — what the buyer and the maker see through the server afterwards."""
    from datetime import timedelta

    from creator_studio.ui.market.staff_views import StaffView

    buyer, maker = own_team.client("buyer02"), own_team.client("maker03")
    rid = buyer.post_request(buyer.user, title="争议处理演练课", forms=["h5"], budget_fen=400_000,
                             deadline=buyer.now() + timedelta(days=10))
    oid = maker.make_offer(maker.user, rid, 300_000, 6)
    order_id = buyer.award(buyer.user, rid, oid).order_id
    buyer.order_action(buyer.user, order_id, "open_dispute", reason="创客一周未回复")
    old_home = os.environ.get("CREATOR_STUDIO_HOME")
    try:
        win = open_window(qtbot, tmp_path / "staff-home", own_team.url, "staff01")
        staff = view_of(win, StaffView)
        d = staff.disputes
        qtbot.waitUntil(lambda: any(r["id"] == order_id for r in d.model.rows), timeout=15000)
        row = next(i for i, r in enumerate(d.model.rows) if r["id"] == order_id)
        assert "一周未回复" in d.model.row(row)["reason"]
        d.table.selectRow(row)
        d.outcome.setCurrentIndex(d.outcome.findData("accept"))
        d.payout.setValue(1500)  # half of the agreed ¥3,000
        d.reason.setText("交付物部分可用，按一半结算")
        d.resolve_button.click()
        qtbot.waitUntil(lambda: all(r["id"] != order_id for r in d.model.rows), timeout=15000)
        mine = {o.id: o for o in buyer.buyer_orders(buyer.user, 50, 0)}
        assert mine[order_id].status == "accepted"

        pay = staff.pay_queue  # the staff's own write reloads this list (no refresh pressed)
        qtbot.waitUntil(lambda: any(r["id"] == order_id for r in pay.model.rows), timeout=15000)
        row = next(i for i, r in enumerate(pay.model.rows) if r["id"] == order_id)
        assert pay.model.row(row)["amount_due_fen"] == 150_000
        pay.table.selectRow(row)
        pay.pay_button.click()
        qtbot.waitUntil(lambda: all(r["id"] != order_id for r in pay.model.rows), timeout=15000)
        got = next(o for o in maker.maker_orders(maker.user, 50, 0) if o.id == order_id)
        assert got.status == "paid"
        win.sign_out()
        win.ctx.runner.wait()
        win.ctx.close()
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
