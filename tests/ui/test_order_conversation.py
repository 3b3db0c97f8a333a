"""The order as a conversation (#17), through the real views and services (pytest-qt, offscreen).

buyer posts with a source deck → the maker reads the brief (no files before the award) and
offers → the buyer awards after a confirmation that states price and who is told → the maker
downloads the source and opens it in the studio (linked to the order) → messages with an
attachment, unread counts in the tab bar, read receipts → the maker delivers a real H5 +
screen-record package → the buyer pins a comment on an H5 page at a position and one on a video
time, and asks for a revision that bundles them → the maker sees the comment on the right page
thumbnail, jumps to it and marks both done → redelivers v2 → the buyer sees "addressed in v2",
resolves, exports the review, and accepts after a confirmation. Then the staff dispute view
shows everything next to the decision form, and the certification queue shows the evidence.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from creator_studio.ui.market.buyer_views import BuyerView
from creator_studio.ui.market.maker_views import MakerMarketView
from creator_studio.ui.studio.workspace import MakerStudio
from uihelpers import make_deck, make_market_world, sign_in, wait_job


@pytest.fixture(scope="module")
def deck_and_package(tmp_path_factory):
    """The tiny deck and a real H5 + screen-record package rendered from it (once per module)."""
    from creator_studio.core.forms import render_forms
    from creator_studio.core.importers import import_source

    from pptx import Presentation

    root = tmp_path_factory.mktemp("conv")
    deck = make_deck(root / "理赔培训.pptx")
    # The published norms want at least 3 quiz questions in an H5 course: add two more.
    prs = Presentation(deck)
    tf = prs.slides[2].placeholders[1].text_frame
    for line in ("2. 报案电话是多少？", "A. 95518", "B. 110", "答案：A",
                 "3. 查勘前要先做什么？", "A. 确认人员安全", "B. 拍照取证", "答案：A"):
        tf.add_paragraph().text = line
    # Narration on the quiz page too: the norms refuse a video that is silent over 30 % of its time.
    prs.slides[2].notes_slide.notes_text_frame.text = (
        "最后做三道随堂测验，检验一下刚才学到的报案受理要点。请认真作答，答完后我们一起回顾正确答案。")
    prs.save(deck)
    lesson = import_source(deck, assets_dir=root / "assets")
    out = root / "package"
    done, failed = render_forms(lesson, out, ["h5", "screen-record"], {})
    assert set(done) == {"h5", "screen-record"}, failed
    return deck, out


class DialogAnswer:
    """Answers the next confirmation dialog (found as the active modal widget) and keeps its
    text, so a test sees what the person was told."""

    def __init__(self, qtbot, confirm: bool) -> None:
        self.text = ""
        self.seen = False
        self.confirm = confirm
        self.tries = 0
        QTimer.singleShot(50, self._answer)

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            self.tries += 1
            if self.tries < 100:  # 5 s; no dialog at all leaves `seen` False for the assert
                QTimer.singleShot(50, self._answer)
            return
        self.seen = True
        self.text = box.text() + "\n" + box.informativeText()
        buttons = box.buttons()
        ok = next(b for b in buttons if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        no = next(b for b in buttons if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)
        (ok if self.confirm else no).click()


def _rows(qtbot, model, n=1):
    qtbot.waitUntil(lambda: model.rowCount() >= n, timeout=15000)


@pytest.mark.slow
def test_brief_thread_pins_revision_and_redelivery(qtbot, ctx, deck_and_package, tmp_path,
                                                   monkeypatch):
    deck, package = deck_and_package
    ids = make_market_world(ctx.market)
    m = ctx.market
    buyer = sign_in(qtbot, ctx, "buyer01")
    rid = m.post_request(buyer, title="车险理赔服务规范微课", forms=["h5", "screen-record"],
                         budget_fen=300_000, deadline=m.now() + timedelta(days=20),
                         description="面向新入职理赔员，10 分钟以内，突出报案三步", 
                         business_line_id=ids["business_line"], attachments=[deck])

    # --- the maker reads the brief before offering: no files yet ---------------------------------
    maker = sign_in(qtbot, ctx, "maker01")
    mview = MakerMarketView(ctx)
    qtbot.addWidget(mview)
    market = mview.market
    _rows(qtbot, market.model)
    market.table.selectRow(0)
    wait_job(qtbot, market.show_brief())
    page = market.brief_page
    assert page.description.text() == "面向新入职理赔员，10 分钟以内，突出报案三步"
    assert page.fields["line"].text() == "产险理赔" and "¥3,000.00" in page.fields["budget"].text()
    assert page.files.count() == 0 and "1" in page.files_note.text()
    assert not page.download_button.isEnabled()
    market.brief_dialog.close()
    m.make_offer(maker, rid, 280_000, 6, "两周内交付")

    # --- award behind a confirmation that says what will happen -----------------------------------
    monkeypatch.setenv("CREATOR_STUDIO_CONFIRM", "1")
    sign_in(qtbot, ctx, "buyer01")
    bview = BuyerView(ctx)
    qtbot.addWidget(bview)
    reqs = bview.requests
    wait_job(qtbot, reqs.reload())
    ctx.runner.wait()
    reqs.req_table.selectRow(0)
    wait_job(qtbot, reqs.load_offers(rid))
    reqs.offer_table.selectRow(0)
    no = DialogAnswer(qtbot, confirm=False)
    assert reqs.award() is None and no.seen  # cancelled: nothing happened
    assert "张创客" in no.text and "¥2,800.00" in no.text and "6" in no.text
    assert m.buyer_orders(buyer, 10, 0) == []
    ctx.runner.wait()  # the view's own first load may land late and reset the selection
    reqs.req_table.selectRow(0)
    wait_job(qtbot, reqs.load_offers(rid))
    reqs.offer_table.selectRow(0)
    yes = DialogAnswer(qtbot, confirm=True)
    h = reqs.award()
    wait_job(qtbot, h)
    assert yes.seen and h.error is None, h.error
    oid = h.result.order_id

    # --- the maker: brief with the source, download, open it in the studio ------------------------
    sign_in(qtbot, ctx, "maker01")
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    mview2 = MakerMarketView(ctx)
    qtbot.addWidget(mview2)
    from creator_studio.ui.market.review_pins import install_in_studio

    panel = install_in_studio(ctx, studio, [mview2])
    conv = mview2.conversation
    _rows(qtbot, conv.model)
    assert conv.model.row(0).id == oid
    conv.table.selectRow(0)
    qtbot.waitUntil(lambda: conv.brief.brief is not None and conv.brief.files.count() == 1,
                    timeout=15000)
    assert conv.brief.brief["awarded_to_me"] and conv.brief.studio_button.isEnabled()
    h = conv.brief.download(tmp_path / "dl" / "src.pptx")
    wait_job(qtbot, h)
    assert h.error is None and (tmp_path / "dl" / "src.pptx").read_bytes() == deck.read_bytes()
    wait_job(qtbot, conv.brief.open_source_in_studio())
    qtbot.waitUntil(lambda: studio.project is not None, timeout=60000)
    assert studio.linked_order_id == oid
    assert [p.id for p in studio.project.lesson.pages] == ["p1", "p2", "p3"]

    # --- messages: attachment, unread count in the tab bar, read receipt ---------------------------
    note = tmp_path / "问题清单.txt"
    note.write_text("第 2 页的报案电话请确认", encoding="utf-8")
    thread = conv.thread
    qtbot.waitUntil(lambda: thread.order_id == oid and thread.composer.isEnabled(), timeout=10000)
    thread.text.setPlainText("您好，报案电话用 95518 吗？")
    thread.add_attachment(note)
    wait_job(qtbot, thread.send())
    qtbot.waitUntil(lambda: len(thread.messages()) == 1, timeout=10000)
    assert [e["event"] for e in thread.events()] == ["award"]
    sign_in(qtbot, ctx, "buyer01")
    bconv = bview.conversation
    wait_job(qtbot, bconv.reload())
    assert bconv.total_unread() == 1
    assert bview.tabText(bview.indexOf(bconv)).endswith("(1)")
    bconv.table.selectRow(0)
    qtbot.waitUntil(lambda: len(bconv.thread.messages()) == 1, timeout=10000)
    msg = bconv.thread.messages()[0]
    assert msg["body"] == "您好，报案电话用 95518 吗？" and msg["files"][0]["name"] == "问题清单.txt"
    qtbot.waitUntil(lambda: bconv.total_unread() == 0, timeout=10000)
    wait_job(qtbot, bconv.thread.save_attachment(msg["files"][0], tmp_path / "got.txt"))
    assert (tmp_path / "got.txt").read_text(encoding="utf-8") == "第 2 页的报案电话请确认"
    bconv.thread.text.setPlainText("是的，95518")
    wait_job(qtbot, bconv.thread.send())
    sign_in(qtbot, ctx, "maker01")
    wait_job(qtbot, thread.reload())
    mine = thread.messages()[0]
    assert mine["read_by"] == ["王需求"]  # read receipt
    assert "95518" in thread.list.item(thread.list.count() - 1).text()

    # --- the maker delivers v1 (a real H5 + screen-record package, real norms) ---------------------
    d1 = m.deliver(ctx.current_user, oid, package, "第一版")

    # --- the buyer pins comments on an H5 page and a video time -------------------------------------
    sign_in(qtbot, ctx, "buyer01")
    review = bview.review
    review.reload()
    _rows(qtbot, review.model)
    review.table.selectRow(0)
    pins = review.pins
    qtbot.waitUntil(lambda: review.loaded_delivery == d1 and pins.delivery is not None
                    and pins.pages.count() == 3, timeout=20000)
    assert pins.select_target("page", "h5")
    assert pins.select_page("p2")
    canvas = pins.canvas
    size = canvas.base.deviceIndependentSize()
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton,
                     pos=QPoint(int(size.width() * 0.3), int(size.height() * 0.45)))
    assert pins.picked_pos is not None
    assert abs(pins.picked_pos[0] - 3000) <= 50 and abs(pins.picked_pos[1] - 4500) <= 50
    pins.body.setPlainText("报案电话写成 95518，并加粗")
    h = pins.pin()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    page_comment = h.result
    assert page_comment["page_id"] == "p2" and page_comment["form"] == "h5"
    assert pins.select_target("time", "screen-record")
    pins.time.setValue(12.5)
    pins.severity.setCurrentIndex(pins.severity.findData("suggestion"))
    pins.body.setPlainText("这里旁白语速偏快")
    h = pins.pin()
    wait_job(qtbot, h)
    assert h.error is None and h.result["time_ms"] == 12_500
    qtbot.waitUntil(lambda: len(pins.comments.rows) == 2, timeout=10000)
    pins.select_page("p2")
    assert [p[2] for p in canvas.pins] == [str(page_comment["id"])]  # drawn on the page
    # A revision request bundles both open comments.
    h = pins.request_revision()
    wait_job(qtbot, h)
    assert h.error is None and len(h.result["comment_ids"]) == 2
    assert "报案电话写成 95518" in h.result["reason"] and "00:12.5" in h.result["reason"]

    # --- the maker sees it on the right page thumbnail, jumps to it, marks done --------------------
    sign_in(qtbot, ctx, "maker01")
    wait_job(qtbot, panel.reload())
    qtbot.waitUntil(lambda: len(panel.comments.rows) == 2, timeout=10000)
    assert panel.order_combo.currentData() == oid
    assert panel.delegate.counts == {"p2": 1}
    assert "2" in panel.summary.text()
    assert panel.comments.select_comment(page_comment["id"])
    panel.comments.go_to_page()
    assert studio.page_view.currentIndex().row() == 1
    assert studio.page_view.currentIndex().data(Qt.ItemDataRole.UserRole) == "p2"
    thumb = studio.page_view.grab().toImage()  # the badge is painted on p2's thumbnail only
    thumb.save(str(tmp_path / "pages-with-badge.png"))
    rect = studio.page_view.visualRect(studio.page_model.index(1))
    other = studio.page_view.visualRect(studio.page_model.index(0))
    ratio = thumb.devicePixelRatio()

    def red_pixels(r):  # noqa: ANN001, ANN202
        n = 0
        for x in range(int(r.left() * ratio), int(r.right() * ratio), 2):
            for y in range(int(r.top() * ratio), int(r.bottom() * ratio), 2):
                c = thumb.pixelColor(x, y)
                n += c.red() > 170 and c.green() < 80 and c.blue() < 80
        return n

    assert red_pixels(rect) > 20 and red_pixels(other) == 0
    for cid in (c["id"] for c in list(panel.comments.rows)):
        panel.comments.select_comment(cid)
        wait_job(qtbot, panel.comments.set_status("done"))
        qtbot.waitUntil(lambda c=cid: next(x for x in panel.comments.rows
                                           if x["id"] == c)["status"] == "done", timeout=10000)
    qtbot.waitUntil(lambda: panel.delegate.counts == {}, timeout=10000)
    d2 = m.deliver(ctx.current_user, oid, package, "已按批注修改")

    # --- the buyer sees v2 with the comments addressed, resolves, exports, accepts -----------------
    sign_in(qtbot, ctx, "buyer01")
    review.reload()
    qtbot.waitUntil(lambda: review.model.rowCount() == 1 and review.model.row(0).status == "delivered",
                    timeout=10000)
    review.loaded_delivery = None
    review.table.clearSelection()
    review.table.selectRow(0)
    qtbot.waitUntil(lambda: review.loaded_delivery == d2 and len(pins.comments.rows) == 2
                    and all(c["latest_version"] == 2 for c in pins.comments.rows), timeout=20000)
    assert {c["addressed_in_version"] for c in pins.comments.rows} == {2}
    assert "v2" in pins.header.text()
    assert pins.comments.select_comment(page_comment["id"])
    wait_job(qtbot, pins.comments.set_status("resolve"))
    qtbot.waitUntil(lambda: next(c for c in pins.comments.rows
                                 if c["id"] == page_comment["id"])["status"] == "resolved",
                    timeout=10000)
    h = pins.comments.export(tmp_path / "review.xlsx")
    wait_job(qtbot, h)
    assert h.error is None and (tmp_path / "review.xlsx").stat().st_size > 0
    review.table.selectRow(0)
    yes = DialogAnswer(qtbot, confirm=True)
    h = review.accept()
    wait_job(qtbot, h)
    assert yes.seen and h.error is None, h.error
    assert "¥2,800.00" in yes.text and "张创客" in yes.text
    assert m.buyer_orders(buyer, 10, 0)[0].status == "accepted"
    ctx.runner.wait()


def test_staff_read_only_then_dispute_case_file_and_decision(qtbot, ctx, tmp_path, monkeypatch):
    """The dispute view shows the terms, timeline, thread, every delivery attempt with its norms
    report, the review comments and the change orders next to the decision form."""
    from creator_studio.ui.market.dispute_view import DisputeView
    from creator_studio.ui.market.order_page import ThreadView
    from creator_studio.ui.market.staff_views import Disputes

    ids = make_market_world(ctx.market)
    m = ctx.market
    buyer = sign_in(qtbot, ctx, "buyer01")
    rid = m.post_request(buyer, title="健康险核保要点长图", forms=["long-image"], budget_fen=200_000,
                         deadline=m.now() + timedelta(days=10), description="一页一个要点",
                         business_line_id=ids["business_line"])
    maker = m.login("maker01", "demo12345")
    oid_offer = m.make_offer(maker, rid, 180_000, 5, "")
    order_id = m.award(buyer, rid, oid_offer).order_id
    m.post_message(maker, order_id, "请提供核保手册")
    # A refused attempt (a package without any rendered form fails the real norms) and a v1.
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "manifest.json").write_text('{"schema": 1, "forms": {}}', encoding="utf-8")
    from creator_studio.core.errors import StudioError

    with pytest.raises(StudioError):
        m.deliver(maker, order_id, bad, "first try")
    deck = make_deck(tmp_path / "核保.pptx")
    from uihelpers import render_long_image

    d1 = m.deliver(maker, order_id, render_long_image(deck, tmp_path / "pkg"), "v1")
    m.add_review_comment(buyer, order_id, d1, "第 3 页缺少免责条款", anchor="page", page_id="p3",
                         form="long-image", x_bp=5000, y_bp=8000)
    m.order_action(buyer, order_id, "propose_change", description="增加两页案例",
                   price_delta_fen=30_000, extra_days=2, extra_revisions=0)

    # Staff before the dispute: the thread is read-only.
    staff = sign_in(qtbot, ctx, "staff01")
    tv = ThreadView(ctx)
    qtbot.addWidget(tv)
    wait_job(qtbot, tv.set_order(order_id, "in_progress", party=False, mark_read=False))
    assert len(tv.messages()) == 1 and not tv.composer.isEnabled()
    assert "Read-only" in tv.read_only_label.text() or "只读" in tv.read_only_label.text()
    with pytest.raises(StudioError) as exc:
        m.post_message(staff, order_id, "平台提醒")
    assert exc.value.code == "PERMISSION_DENIED"

    m.order_action(maker, order_id, "open_dispute", reason="需求方不断增加需求")
    disputes = Disputes(ctx)
    view = DisputeView(ctx, disputes)
    qtbot.addWidget(view)
    _rows(qtbot, disputes.model)
    disputes.table.selectRow(0)
    case = view.case
    qtbot.waitUntil(lambda: case.dossier is not None, timeout=15000)
    text = case.summary.text()
    assert "需求方不断增加需求" in text and "张创客" in text and "¥1,800.00" in text
    assert "一页一个要点" in text  # the brief
    assert [e["event"] for e in case.thread.events()] == ["award", "deliver", "propose_change",
                                                          "open_dispute"]
    assert [x["body"] for x in case.thread.messages()] == ["请提供核保手册"]
    assert case.deliveries.rowCount() == 2
    assert [case.deliveries.row(i)["status"] for i in range(2)] == ["refused", "submitted"]
    # shown capitalised like every other state (English read "submitted", "passed"; #18)
    assert [case.deliveries.index(1, c).data() for c in (2, 3)] == ["Handed in", "Passed"]
    case.delivery_table.selectRow(0)
    assert case.findings.count() >= 1 and any("✗" in case.findings.item(i).text()
                                              for i in range(case.findings.count()))
    assert case.comments.rowCount() == 1 and case.comments.row(0)["body"] == "第 3 页缺少免责条款"
    assert "增加两页案例" in case.changes.item(0).text()
    # In a dispute staff may write in the thread; both parties are told.
    assert case.thread.composer.isEnabled()
    case.thread.text.setPlainText("请双方在 24 小时内补充材料")
    h = case.thread.send()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    # The decision form sits next to it and asks for confirmation, stating pay and who is told.
    monkeypatch.setenv("CREATOR_STUDIO_CONFIRM", "1")
    disputes.outcome.setCurrentIndex(disputes.outcome.findData("accept"))
    disputes.payout.setValue(900)
    disputes.reason.setText("交付符合原需求，变更部分不计")
    yes = DialogAnswer(qtbot, confirm=True)
    h = disputes.resolve()
    wait_job(qtbot, h)
    assert h.error is None and yes.seen, h.error
    assert "¥900.00" in yes.text and "王需求" in yes.text and "张创客" in yes.text
    buyer_notes = m.notifications(buyer)
    assert any("平台" in n["zh"] for n in buyer_notes if n["kind"] == "order_message")
    # Pay: the accepted order is in the staff's pay queue with the partial payout due.
    from creator_studio.ui.market.dispute_view import PayQueue

    pay = PayQueue(ctx)
    qtbot.addWidget(pay)
    _rows(qtbot, pay.model)
    assert pay.model.row(0)["id"] == order_id and pay.model.row(0)["amount_due_fen"] == 90_000
    pay.table.selectRow(0)
    no = DialogAnswer(qtbot, confirm=False)
    assert pay.mark_paid() is None and no.seen and "¥900.00" in no.text and "张创客" in no.text
    yes = DialogAnswer(qtbot, confirm=True)
    h = pay.mark_paid()
    wait_job(qtbot, h)
    assert yes.seen and h.error is None, h.error
    qtbot.waitUntil(lambda: pay.model.rowCount() == 0, timeout=10000)
    assert m.buyer_orders(buyer, 10, 0)[0].status == "paid"
    with pytest.raises(StudioError) as exc:
        m.orders_to_pay(buyer)
    assert exc.value.code == "PERMISSION_DENIED"
    ctx.runner.wait()


def test_certification_queue_shows_the_evidence(qtbot, ctx, tiny_deck, tmp_path):
    from creator_studio.ui.market.staff_views import StaffView
    from uihelpers import render_long_image, submit_practical_for

    ids = make_market_world(ctx.market)
    app_id = submit_practical_for(ctx.market, ids, "maker09",
                                  render_long_image(tiny_deck, tmp_path / "practical"))
    sign_in(qtbot, ctx, "staff01")
    view = StaffView(ctx)
    qtbot.addWidget(view)
    queue = view.certification
    _rows(qtbot, queue.model)
    queue.table.selectRow(0)
    ev = queue.evidence
    qtbot.waitUntil(lambda: ev.evidence is not None, timeout=20000)
    assert ev.evidence["id"] == app_id
    assert "100%" in ev.summary.text() and "1" in ev.summary.text()
    assert ev.findings.count() >= 1
    assert ev.previews.count() == 1 and ev.previews.tabText(0) in ("长图文", "Long image")
    ctx.runner.wait()


# --- team mode: the same views over the real team server (uvicorn + PostgreSQL) -------------------

@pytest.fixture(scope="module")
def team_server(tmp_path_factory):
    from tests.server.conftest import NO_PG, PG_URL, start_team, stop_team

    if not PG_URL:
        pytest.skip(NO_PG)
    t = start_team(tmp_path_factory.mktemp("team17"))
    yield t
    stop_team(t)


def test_team_mode_brief_thread_pins_and_done_over_http(qtbot, ctx, team_server, tmp_path):
    """Buyer and maker on two contexts, each talking to the server through `HttpMarketClient`:
    brief and source download, messages with attachments and unread counts, a pinned comment,
    a bundled revision, the maker's done mark, the staff dossier."""
    from creator_studio.ui.context import AppContext
    from creator_studio.ui.market.order_page import OrderConversation
    from creator_studio.ui.market.request_page import RequestPage
    from creator_studio.ui.market.review_pins import CommentList, PinBoard
    from creator_studio.ui.settings import UiSettings
    from tests.server.conftest import LENIENT_NORMS, course_package

    t = team_server
    staff = t.client("staff01")
    staff.publish_norms(staff.user, LENIENT_NORMS, title="测试规范")
    bc, mc = t.client("buyer01"), t.client("maker01")
    ctx._market = bc  # this window is the buyer's workstation
    ctx.current_user = bc.user
    mctx = AppContext.create(UiSettings(language="zh_CN", autosave_seconds=3600))
    mctx._market, mctx.current_user = mc, mc.user
    try:
        src = tmp_path / "理赔流程.pptx"
        src.write_bytes(b"PK\x03\x04 source deck bytes " * 500)
        rid = bc.post_request(bc.user, title="车险理赔流程微课", forms=["h5"], budget_fen=300_000,
                              deadline=bc.now() + timedelta(days=20), description="突出报案三步",
                              attachments=[src])
        page = RequestPage(mctx)
        qtbot.addWidget(page)
        wait_job(qtbot, page.load(rid))
        assert page.description.text() == "突出报案三步" and page.files.count() == 0
        offer = mc.make_offer(mc.user, rid, 250_000, 7, "")
        oid = bc.award(bc.user, rid, offer).order_id

        mconv = OrderConversation(mctx, "maker")
        qtbot.addWidget(mconv)
        _rows(qtbot, mconv.model)
        mconv.table.selectRow(0)
        qtbot.waitUntil(lambda: mconv.brief.files.count() == 1, timeout=15000)
        h = mconv.brief.download(tmp_path / "dl" / "src.pptx")
        wait_job(qtbot, h)
        assert h.error is None, h.error
        assert (tmp_path / "dl" / "src.pptx").read_bytes() == src.read_bytes()
        qtbot.waitUntil(lambda: mconv.thread.order_id == oid, timeout=10000)
        att = tmp_path / "疑问.txt"
        att.write_text("报案电话？", encoding="utf-8")
        mconv.thread.text.setPlainText("请确认报案电话")
        mconv.thread.add_attachment(att)
        h = mconv.thread.send()
        wait_job(qtbot, h)
        assert h.error is None, h.error

        bconv = OrderConversation(ctx, "buyer")
        qtbot.addWidget(bconv)
        _rows(qtbot, bconv.model)
        qtbot.waitUntil(lambda: bconv.total_unread() == 1, timeout=10000)
        bconv.table.selectRow(0)
        qtbot.waitUntil(lambda: len(bconv.thread.messages()) == 1, timeout=10000)
        f = bconv.thread.messages()[0]["files"][0]
        h = bconv.thread.save_attachment(f, tmp_path / "got.txt")
        wait_job(qtbot, h)
        assert h.error is None and (tmp_path / "got.txt").read_text(encoding="utf-8") == "报案电话？"
        qtbot.waitUntil(lambda: bconv.total_unread() == 0, timeout=10000)

        d1 = mc.deliver(mc.user, oid, course_package(tmp_path / "v1"), "第一版")
        root = bc.fetch_delivery(bc.user, d1, tmp_path / "review1")
        pins = PinBoard(ctx)
        qtbot.addWidget(pins)
        wait_job(qtbot, pins.load(oid, {"id": d1, "version": 1}, root))
        assert pins.select_target("page", "h5") and pins.select_page("p1")
        pins.canvas.pick(5000, 2500)
        pins.body.setPlainText("标题改为「车险理赔三步走」")
        h = pins.pin()
        wait_job(qtbot, h)
        assert h.error is None, h.error
        cid = h.result["id"]
        h = pins.request_revision()
        wait_job(qtbot, h)
        assert h.error is None and h.result["comment_ids"] == [cid]

        mlist = CommentList(mctx, "maker")
        qtbot.addWidget(mlist)
        wait_job(qtbot, mlist.load(oid))
        assert [c["page_id"] for c in mlist.rows] == ["p1"] and mlist.rows[0]["x_bp"] == 5000
        mlist.select_comment(cid)
        wait_job(qtbot, mlist.set_status("done"))
        qtbot.waitUntil(lambda: mlist.rows and mlist.rows[0]["status"] == "done", timeout=10000)
        # The buyer cannot withdraw the maker's mark, over HTTP as in-process.
        from creator_studio.core.errors import StudioError

        with pytest.raises(StudioError) as exc:
            bc.set_comment_status(bc.user, cid, "undo_done")
        assert exc.value.code == "PERMISSION_DENIED"
        got = bc.export_review(bc.user, oid, tmp_path / "review.xlsx")  # written on the server,
        from openpyxl import load_workbook                                # bytes sent back

        assert load_workbook(got).active["J2"].value == "标题改为「车险理赔三步走」"
        assert staff.orders_to_pay(staff.user) == []
        dossier = staff.order_dossier(staff.user, oid)
        assert [c["status"] for c in dossier["comments"]] == ["done"]
        assert [e["event"] for e in dossier["timeline"]] == ["award", "deliver", "request_revision"]
        with pytest.raises(StudioError):
            t.client("maker02").order_thread(None, oid)  # another maker: refused by the server
    finally:
        mctx.close()
        ctx._market = None  # the fixture closes its own; the HTTP clients are ours
        for c in (bc, mc, staff):
            c.close()
    ctx.runner.wait()


def test_certificate_confirmations_say_what_happens_and_cancel_changes_nothing(
        qtbot, ctx, tiny_deck, tmp_path, monkeypatch):
    from creator_studio.ui.market.staff_views import StaffView
    from uihelpers import render_long_image, submit_practical_for

    ids = make_market_world(ctx.market)
    submit_practical_for(ctx.market, ids, "maker09",
                         render_long_image(tiny_deck, tmp_path / "practical"))
    monkeypatch.setenv("CREATOR_STUDIO_CONFIRM", "1")
    sign_in(qtbot, ctx, "staff01")
    view = StaffView(ctx)
    qtbot.addWidget(view)
    queue = view.certification
    _rows(qtbot, queue.model)
    ctx.runner.wait()
    queue.table.selectRow(0)
    queue.comment.setText("结构清晰")
    no = DialogAnswer(qtbot, confirm=False)
    assert queue.decide(True) is None and no.seen
    assert "钱未证" in no.text and ("长图" in no.text or "Long image" in no.text)
    assert queue.model.rowCount() == 1  # nothing happened
    yes = DialogAnswer(qtbot, confirm=True)
    h = queue.decide(True)
    wait_job(qtbot, h)
    assert yes.seen and h.error is None and h.result == "certified", h.error
    qtbot.waitUntil(lambda: queue.cert_model.rowCount() == 2, timeout=10000)
    row = next(i for i in range(queue.cert_model.rowCount())
               if queue.cert_model.row(i)["holder"] == "钱未证")
    queue.cert_table.selectRow(row)
    queue.cert_reason.setText("抽检发现抄袭")
    no = DialogAnswer(qtbot, confirm=False)
    assert queue.set_status("revoked") is None and no.seen
    assert "钱未证" in no.text and ("永久撤销" in no.text or "Revoked for good" in no.text)
    assert ctx.market.all_certificates(ctx.current_user)[0]["status"] == "valid"
    ctx.runner.wait()


def test_pin_on_a_skit_line(qtbot, ctx, tmp_path):
    """A skit delivery: the pin board lists the script's lines (``scene-id/n``) and pins on one."""
    import json

    from creator_studio.core.lesson import model as lm
    from creator_studio.core.lesson.serialize import dumps
    from creator_studio.ui.market.review_pins import PinBoard
    from tests.server.conftest import LENIENT_NORMS

    ids = make_market_world(ctx.market)
    m = ctx.market
    staff = sign_in(qtbot, ctx, "staff01")
    m.publish_norms(staff, LENIENT_NORMS, title="测试规范")
    buyer = sign_in(qtbot, ctx, "buyer01")
    rid = m.post_request(buyer, title="理赔情景剧", forms=["skit"], budget_fen=100_000,
                         deadline=m.now() + timedelta(days=9), business_line_id=ids["business_line"])
    maker = m.login("maker01", "demo12345")
    oid = m.award(buyer, rid, m.make_offer(maker, rid, 90_000, 5, "")).order_id
    pkg = tmp_path / "skit-pkg"
    (pkg / "skit").mkdir(parents=True)
    (pkg / "skit" / "index.html").write_text("<html><body>情景剧</body></html>", encoding="utf-8")
    script = lm.Script(cast=[lm.Character(id="c1", name="客户"), lm.Character(id="c2", name="理赔员")],
                       scenes=[lm.Scene(id="s1", title="报案", lines=[
                           lm.Line("c1", "我的车被撞了，怎么报案？"),
                           lm.Line("c2", "您好，请先确认人员安全。")])], start_scene="s1")
    lesson = lm.Lesson(title="理赔情景剧", pages=[lm.Page(id="p1", title="报案")], script=script)
    (pkg / "course.json").write_text(dumps(lesson), encoding="utf-8")
    (pkg / "manifest.json").write_text(json.dumps({"schema": 1, "forms": {"skit": {"files": [
        {"path": "skit/index.html", "role": "html"}]}}}), encoding="utf-8")
    did = m.deliver(maker, oid, pkg, "v1")
    root = m.fetch_delivery(buyer, did, tmp_path / "review")
    pins = PinBoard(ctx)
    qtbot.addWidget(pins)
    wait_job(qtbot, pins.load(oid, {"id": did, "version": 1}, root))
    kinds = [pins.target.itemData(i)[0] for i in range(pins.target.count())]
    # No page (no H5 / long image in this delivery) and no time (no video file in it).
    assert kinds == ["line", "general"]
    assert pins.select_target("line", "skit")
    assert [pins.lines.item(i).data(Qt.ItemDataRole.UserRole) for i in range(pins.lines.count())] \
        == ["s1/1", "s1/2"]
    assert "客户：我的车被撞了" in pins.lines.item(0).text()
    wait_job(qtbot, pins.pin())  # no line chosen: refused inline, nothing stored
    assert pins.message.text() and m.review_comments(buyer, oid) == []
    pins.lines.setCurrentRow(1)
    pins.body.setPlainText("理赔员应先致歉再询问")
    h = pins.pin()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert (h.result["anchor"], h.result["line_id"], h.result["form"]) == ("line", "s1/2", "skit")
    assert h.result["anchor_zh"] == "台词 s1/2"
    # The review tab's own "Request revision" button carries the open pinned comments too.
    from creator_studio.ui.market.buyer_views import OrderReview

    review = OrderReview(ctx)
    qtbot.addWidget(review)
    _rows(qtbot, review.model)
    ctx.runner.wait()
    review.table.selectRow(0)
    review.comment.setPlainText("请按批注修改")
    h2 = review.request_revision()
    wait_job(qtbot, h2)
    assert h2.error is None and h2.result["comment_ids"] == [h.result["id"]], h2.error
    assert h2.result["reason"].startswith("请按批注修改\n1. [必改] 台词 s1/2")
    ctx.runner.wait()


def test_unread_messages_show_in_the_window_tab_bar(qtbot, ctx):
    from creator_studio.ui.main_window import MainWindow
    from uihelpers import PASSWORD

    ids = make_market_world(ctx.market)
    m = ctx.market
    buyer = m.login("buyer01", PASSWORD)
    rid = m.post_request(buyer, title="银保产品速览", forms=["long-image"], budget_fen=80_000,
                         deadline=m.now() + timedelta(days=9), business_line_id=ids["business_line"])
    maker = m.login("maker01", PASSWORD)
    oid = m.award(buyer, rid, m.make_offer(maker, rid, 70_000, 5, "")).order_id
    m.post_message(maker, oid, "请问目标学员是柜面人员吗？")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_job(qtbot, win.signin.prepare())
    with qtbot.waitSignal(win.signed_in, timeout=20000):
        win.signin.sign_in_as("buyer01", PASSWORD)
    bview = next(v for v in win.views.values() if hasattr(v, "conversation"))
    i = win.tabs.indexOf(bview)
    qtbot.waitUntil(lambda: win.tabs.tabText(i).endswith("(1)"), timeout=15000)
    assert bview.tabText(bview.indexOf(bview.conversation)).endswith("(1)")
    # Reading the thread clears both.
    bview.setCurrentWidget(bview.conversation)
    bview.conversation.table.selectRow(0)
    qtbot.waitUntil(lambda: not win.tabs.tabText(i).endswith(")"), timeout=15000)
    ctx.runner.wait()
    assert win.sign_out()


def test_a_live_reload_keeps_the_order_open_and_a_hidden_thread_unread(qtbot, ctx):
    from creator_studio.ui.market.order_page import OrderConversation

    ids = make_market_world(ctx.market)
    m = ctx.market
    buyer = sign_in(qtbot, ctx, "buyer01")
    rid = m.post_request(buyer, title="健康险理赔指引", forms=["long-image"], budget_fen=80_000,
                         deadline=m.now() + timedelta(days=9), business_line_id=ids["business_line"])
    maker = m.login("maker01", "demo12345")
    oid = m.award(buyer, rid, m.make_offer(maker, rid, 70_000, 5, "")).order_id
    conv = OrderConversation(ctx, "buyer")
    qtbot.addWidget(conv)
    _rows(qtbot, conv.model)
    conv.table.selectRow(0)
    qtbot.waitUntil(lambda: conv.thread.order_id == oid, timeout=10000)
    ctx.runner.wait()
    m.post_message(maker, oid, "第一版今晚交付")
    wait_job(qtbot, conv.reload())  # what the live updates do on a new event
    ctx.runner.wait()
    qtbot.waitUntil(lambda: len(conv.thread.messages()) == 1, timeout=10000)
    assert conv.table.selectionModel().selectedRows()[0].row() == 0  # still open
    assert not conv.isVisible() and conv.total_unread() == 1  # not on screen: still unread
    conv.show()
    wait_job(qtbot, conv.reload())
    ctx.runner.wait()
    assert conv.total_unread() == 1  # shown, but the brief tab is in front: the thread is not
    conv.tabs.setCurrentWidget(conv.thread)
    wait_job(qtbot, conv.reload())
    ctx.runner.wait()
    qtbot.waitUntil(lambda: conv.total_unread() == 0, timeout=10000)  # on screen: read
    ctx.runner.wait()


def test_the_studio_finds_the_order_of_a_reopened_project_by_its_source(qtbot, ctx, tiny_deck):
    """No in-memory link: the project's source SHA-256 equals the buyer's upload of one order."""
    from creator_studio.ui.market.review_pins import install_in_studio

    ids = make_market_world(ctx.market)
    m = ctx.market
    buyer = sign_in(qtbot, ctx, "buyer01")
    maker = m.login("maker01", "demo12345")
    other = tiny_deck.parent / "其他.pptx"
    other.write_bytes(tiny_deck.read_bytes() + b"\0")  # different bytes, different hash
    oids = []
    for title, src in (("第一单", tiny_deck), ("第二单", other)):  # the match is not the newest
        rid = m.post_request(buyer, title=title, forms=["long-image"], budget_fen=80_000,
                             deadline=m.now() + timedelta(days=9),
                             business_line_id=ids["business_line"], attachments=[src])
        oids.append(m.award(buyer, rid, m.make_offer(maker, rid, 70_000, 5, "")).order_id)
    sign_in(qtbot, ctx, "maker01")
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    panel = install_in_studio(ctx, studio, [])
    wait_job(qtbot, studio.import_file(tiny_deck))
    assert getattr(studio, "linked_order_id", None) is None
    wait_job(qtbot, panel.reload())
    ctx.runner.wait()
    assert panel.order_combo.itemData(0) == oids[1]  # newest first: without the link, #2
    assert panel.order_combo.currentData() == oids[0] and studio.linked_order_id == oids[0]
    ctx.runner.wait()
