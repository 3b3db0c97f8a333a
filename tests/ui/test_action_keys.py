"""#12: one idempotency key per user action. A press that repeats an action whose answer never
came (the team server unreachable after the client's retries) reuses the key, so the server
replays instead of posting a second request or making a second delivery."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from creator_studio.core.market.http_client import ServerUnreachable
from creator_studio.core.market.queries import OrderRow
from creator_studio.ui.market.buyer_views import BuyerView
from creator_studio.ui.market.maker_views import DeliverPanel
from uihelpers import make_market_world, sign_in, wait_job


def test_posting_again_after_a_lost_answer_replays_instead_of_posting_twice(qtbot, ctx, monkeypatch):
    make_market_world(ctx.market)
    buyer = sign_in(qtbot, ctx, "buyer01")
    real = ctx.market.post_request
    keys: list[str] = []

    def answer_lost_once(user, **kw):  # noqa: ANN001, ANN003, ANN202
        keys.append(kw["key"])
        rid = real(user, **kw)  # the server did post it ...
        if len(keys) == 1:
            raise ServerUnreachable("http://studio.example")  # ... but the answer never came
        return rid

    monkeypatch.setattr(ctx.market, "post_request", answer_lost_once)
    view = BuyerView(ctx)
    qtbot.addWidget(view)
    post = view.post_form
    qtbot.waitUntil(lambda: post.line.count() == 1, timeout=10000)
    post.title.setText("车险理赔服务规范微课")
    post.form_checks["h5"].setChecked(True)
    post.budget.setValue(2500)
    h = wait_job(qtbot, post.post())
    assert h.error is not None and post.message.text()  # said, typed work kept
    assert post.title.text() == "车险理赔服务规范微课"
    h = wait_job(qtbot, post.post())  # the person presses again
    assert h.error is None, h.error
    assert keys[0] == keys[1]
    assert [r["title"] for r in ctx.market.buyer_requests(buyer)] == ["车险理赔服务规范微课"]
    # a new action (after success, or with other values) gets a new key
    post.title.setText("另一门课")
    post.form_checks["h5"].setChecked(True)
    assert wait_job(qtbot, post.post()).error is None
    assert keys[2] != keys[1] and len(ctx.market.buyer_requests(buyer)) == 2
    ctx.runner.wait()


def test_delivering_again_reuses_the_key_unless_the_render_or_note_changed(qtbot, ctx, tmp_path,
                                                                           monkeypatch):
    import os

    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "maker01")
    out = tmp_path / "render"
    out.mkdir()
    (out / "manifest.json").write_text("{}", encoding="utf-8")
    keys: list[str] = []

    def deliver(user, order_id, package, note="", *, key=None):  # noqa: ANN001, ANN202
        keys.append(key)
        if len(keys) == 1:
            raise ServerUnreachable("http://studio.example")
        return 41 + len(keys)

    monkeypatch.setattr(ctx.market, "deliver", deliver)
    studio = SimpleNamespace(render_panel=SimpleNamespace(out_dir=lambda: out))
    panel = DeliverPanel(ctx, studio)
    qtbot.addWidget(panel)
    wait_job(qtbot, panel.reload())
    qtbot.wait(200)  # the first load's answer too: the rows below must not be replaced
    now = datetime(2026, 12, 1, 9)
    panel.model.set_rows([OrderRow(7, 3, "课", "王需求", 100_000, "in_progress", now, False, now)])
    panel.table.selectRow(0)
    panel.note.setText("第一版")
    assert wait_job(qtbot, panel.deliver()).error is not None
    panel.table.selectRow(0)
    assert wait_job(qtbot, panel.deliver()).error is None
    assert keys[0] == keys[1]
    ctx.runner.wait()
    qtbot.wait(200)  # the reload after success
    panel.model.set_rows([OrderRow(7, 3, "课", "王需求", 100_000, "in_progress", now, False, now)])
    panel.table.selectRow(0)
    st = (out / "manifest.json").stat()
    os.utime(out / "manifest.json", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # re-rendered
    assert wait_job(qtbot, panel.deliver()).error is None
    assert keys[2] != keys[1]
    ctx.runner.wait()
