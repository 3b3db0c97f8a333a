"""Staff flows: certify a maker from the queue, edit norms, run an evaluation, see dashboards."""

from __future__ import annotations

from datetime import date

from creator_studio.ui.market.staff_views import StaffView, previous_period
from uihelpers import make_market_world, render_long_image, sign_in, submit_practical_for, wait_job


def test_certify_then_evaluate(qtbot, ctx, tiny_deck, tmp_path):
    ids = make_market_world(ctx.market)
    app_id = submit_practical_for(ctx.market, ids, "maker09",
                                  render_long_image(tiny_deck, tmp_path / "practical"))
    sign_in(qtbot, ctx, "maker09")
    assert ctx.market.certificates(ctx.current_user) == []
    assert ctx.market.open_requests(ctx.current_user, 10, 0) == []

    sign_in(qtbot, ctx, "staff01")
    view = StaffView(ctx)
    qtbot.addWidget(view)
    queue = view.certification
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1, timeout=10000)
    row = queue.model.row(0)
    assert row["id"] == app_id and row["maker"] == "钱未证"
    # Nothing selected: an inline hint, no service call.
    assert queue.decide(True) is None and queue.message.text()
    queue.table.selectRow(0)
    queue.comment.setText("结构清晰，符合规范")
    h = queue.decide(True)
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert h.result == "certified"
    qtbot.waitUntil(lambda: queue.model.rowCount() == 0, timeout=10000)
    certs = ctx.market.certificates(ctx.market.login("maker09", "demo12345"))
    assert len(certs) == 1 and certs[0]["forms"] == ["long-image"] and certs[0]["status"] == "valid"

    # Evaluation: run for this month, the before/after table lists every maker.
    ev = view.evaluation
    ev.period.setText(date.today().strftime("%Y-%m"))
    h = ev.run()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    names = {ev.model.row(r)["name"] for r in range(ev.model.rowCount())}
    assert {"张创客", "钱未证"} <= names
    assert str(len(h.result)) in ev.summary.text()
    # Re-running the same period is idempotent: the same table.
    h2 = ev.run()
    wait_job(qtbot, h2)
    assert h2.error is None and len(h2.result) == len(h.result)
    # Override one maker's level with a reason; the table shows it.
    qtbot.waitUntil(lambda: ev.level_combo.count() >= 2, timeout=10000)
    row = next(r for r in range(ev.model.rowCount()) if ev.model.row(r)["name"] == "张创客")
    ev.table.selectRow(row)
    ev.level_combo.setCurrentIndex(1)
    wait_job(qtbot, ev.override())  # no reason: refused inline
    assert ev.message.text()
    ev.override_reason.setText("年度优秀创客，破格晋级")
    ev.table.selectRow(row)
    h = ev.override()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    mine = next(r for r in h.result if r["name"] == "张创客")
    assert mine["overridden"] and mine["after"] == ev.level_combo.itemData(1)
    # Pay statements for the period, as XLSX.
    out = tmp_path / "pay.xlsx"
    h = ev.export(out)
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert out.is_file() and out.stat().st_size > 0 and str(out) in ev.message.text()
    # A malformed period is a typed error shown inline.
    ev.period.setText("2026-13")
    wait_job(qtbot, ev.run())
    assert ev.message.text()

    # Dashboard charts get data.
    wait_job(qtbot, view.dashboard.reload())
    stars = view.dashboard.charts["stars"].data
    assert [k for k, _ in stars] == ["1★", "2★", "3★", "4★", "5★"]
    assert view.dashboard.charts["levels"].data  # every maker has a level after evaluation
    assert view.dashboard.grab().width() > 0


def test_norms_editor_publishes_a_version_and_refuses_bad_json(qtbot, ctx):
    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "staff01")
    view = StaffView(ctx)
    qtbot.addWidget(view)
    ed = view.norms
    qtbot.waitUntil(lambda: '"rules"' in ed.editor.toPlainText(), timeout=10000)
    ed.editor.setPlainText("{ not json")
    assert ed.publish() is None
    assert "JSON" in ed.message.text()
    wait_job(qtbot, ed.reload())
    h = ed.publish()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert ctx.market.current_norms()["version"] == h.result
    assert str(h.result) in ed.message.text()


def test_previous_period():
    assert previous_period(date(2026, 1, 15)) == "2025-12"
    assert previous_period(date(2026, 11, 28)) == "2026-10"


def test_buyer_opens_a_dispute_and_staff_resolve_it(qtbot, ctx):
    from datetime import timedelta

    from creator_studio.ui.market.buyer_views import BuyerView

    ids = make_market_world(ctx.market)
    m = ctx.market
    buyer = sign_in(qtbot, ctx, "buyer01")
    rid = m.post_request(buyer, title="健康险核保要点H5", forms=["h5"], budget_fen=500000,
                         deadline=m.now() + timedelta(days=20), business_line_id=ids["business_line"])
    maker = m.login("maker01", "demo12345")
    oid = m.make_offer(maker, rid, 450000, 6, "可按期交付")
    m.award(buyer, rid, oid)
    view = BuyerView(ctx)
    qtbot.addWidget(view)
    review = view.review
    qtbot.waitUntil(lambda: review.model.rowCount() == 1, timeout=10000)
    order_id = review.model.row(0).id
    review.table.selectRow(0)
    wait_job(qtbot, review.open_dispute())  # no reason given: refused inline, nothing changes
    assert review.message.text()
    assert review.model.row(0).status == "in_progress"
    review.comment.setPlainText("创客失联超过一周，无法推进")
    review.table.selectRow(0)
    h = review.open_dispute()
    wait_job(qtbot, h)
    assert h.error is None, h.error

    sign_in(qtbot, ctx, "staff01")
    staff = StaffView(ctx)
    qtbot.addWidget(staff)
    d = staff.disputes
    qtbot.waitUntil(lambda: d.model.rowCount() == 1, timeout=10000)
    assert d.model.row(0)["id"] == order_id and "失联" in d.model.row(0)["reason"]
    d.table.selectRow(0)
    d.outcome.setCurrentIndex(d.outcome.findData("cancel"))
    d.payout.setValue(0)
    d.reason.setText("经核实创客未按期推进，取消订单")
    h = d.resolve()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    qtbot.waitUntil(lambda: d.model.rowCount() == 0, timeout=10000)
    orders = m.buyer_orders(buyer, 10, 0)
    assert orders[0].status == "cancelled"
    # The buyer is told about the outcome in their notifications.
    from creator_studio.ui.market.notifications_view import NotificationsView

    sign_in(qtbot, ctx, "buyer01")
    notes = NotificationsView(ctx)
    qtbot.addWidget(notes)
    qtbot.waitUntil(lambda: notes.model.rowCount() > 0, timeout=10000)
    assert notes.unread() > 0
    wait_job(qtbot, notes.mark_read())
    qtbot.waitUntil(lambda: notes.unread() == 0, timeout=10000)


def test_staff_suspend_and_revoke_a_certificate(qtbot, ctx):
    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "staff01")
    view = StaffView(ctx)
    qtbot.addWidget(view)
    q = view.certification
    qtbot.waitUntil(lambda: q.cert_model.rowCount() == 1, timeout=10000)
    q.cert_table.selectRow(0)
    wait_job(qtbot, q.set_status("suspended"))  # no reason: refused inline
    assert q.cert_message.text()
    q.cert_reason.setText("交付内容涉嫌违规，暂停接单待查")
    q.cert_table.selectRow(0)
    h = q.set_status("suspended")
    wait_job(qtbot, h)
    assert h.error is None, h.error
    maker = ctx.market.login("maker01", "demo12345")
    assert ctx.market.certificates(maker)[0]["status"] == "suspended"
    assert ctx.market.open_requests(maker, 10, 0) == []  # the gate blocks new work at once
    qtbot.waitUntil(lambda: q.cert_model.row(0)["status"] == "suspended", timeout=10000)
    q.cert_table.selectRow(0)
    q.cert_reason.setText("核实违规，撤销")
    wait_job(qtbot, q.set_status("revoked"))
    q.cert_table.selectRow(0)
    q.cert_reason.setText("恢复")
    h = q.set_status("valid")  # a revoked certificate is final: typed error, inline
    wait_job(qtbot, h)
    assert h.error is not None and h.error.code == "INVALID_TRANSITION"
    assert q.cert_message.text()
