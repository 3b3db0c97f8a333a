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
