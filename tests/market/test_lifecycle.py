"""The whole market lifecycle end to end, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from creator_studio.core.errors import InvalidTransition, ValidationError
from creator_studio.core.market import nps, offers, queries, requests, reviews
from creator_studio.core.market.timers import run_due_timers
from creator_studio.core.store.models import (
    AuditEvent,
    Delivery,
    Notification,
    Offer,
    Order,
    OrderTransition,
    Request,
)


def test_full_lifecycle(svc, world, mk, clock):
    w = world
    posted = svc.call(requests.create_request, w.buyer, title="新人寿险营销话术长图",
                      forms=["long-image", "h5"], budget_fen=800_000,
                      deadline=clock.now() + timedelta(days=20), revisions_included=1,
                      auto_accept_days=3, publish=True, key="post-1")
    # every rule of the deal is shown when the request is posted
    assert posted.rules == {"budget_fen": 800_000, "deadline": posted.request.deadline.isoformat(
        timespec="minutes"), "forms": ["h5", "long-image"], "revisions_included": 1,
        "auto_accept_days": 3, "review_window_days": 14, "cancel_reply_hours": 48}
    rid = posted.request.id

    listed = svc.query(queries.open_requests_for_maker, w.maker, clock.now())
    assert [r.id for r in listed] == [rid] and listed[0].forms == ("h5", "long-image")
    o1 = svc.call(offers.make_offer, w.maker, rid, price_fen=700_000, days=10).id
    o2 = svc.call(offers.make_offer, w.maker2, rid, price_fen=650_000, days=12).id
    assert svc.query(queries.open_requests_for_maker, w.maker, clock.now()) == []  # already offered
    with pytest.raises(ValidationError) as e:
        svc.call(offers.make_offer, w.both, rid, price_fen=900_000, days=5)
    assert e.value.code == "OVER_BUDGET"

    res = svc.call(requests.award, w.buyer, rid, o1, key="award-1")
    oid = res.order_id
    with svc.read() as s:
        assert s.get(Request, rid).status == "awarded"
        assert s.get(Offer, o1).status == "awarded" and s.get(Offer, o2).status == "lost"
        order = s.get(Order, oid)
        assert (order.status, order.price_fen, order.due_at) == (
            "in_progress", 700_000, clock.now() + timedelta(days=10))

    clock.advance(days=2)
    mk.move(w.maker, oid, "request_material", reason="请提供最新费率表")
    clock.advance(days=3)
    mk.move(w.buyer, oid, "provide_material")
    order = mk.order(oid)
    assert order.paused_seconds == 3 * 86400
    assert order.due_at == posted.request.created_at + timedelta(days=13)

    clock.advance(days=1)
    d1 = mk.deliver(oid)
    assert d1.version == 1 and d1.status == "submitted"
    mk.move(w.buyer, oid, "request_revision", reason="第3页标题改为“理赔三步走”")
    with pytest.raises(InvalidTransition):
        mk.move(w.buyer, oid, "accept")  # not delivered any more
    clock.advance(days=1)
    d2 = mk.deliver(oid)
    assert d2.version == 2
    with pytest.raises(InvalidTransition) as e:
        mk.move(w.buyer, oid, "request_revision", reason="再改一次")
    assert e.value.code == "REVISION_LIMIT"
    mk.move(w.buyer, oid, "accept")
    assert mk.order(oid).status == "accepted" and not mk.order(oid).late

    # double-blind reviews
    r_b = svc.call(reviews.submit_review, w.buyer, oid, stars=5, comment="非常专业")
    with svc.read() as s:
        from creator_studio.core.market.accounts import get_user
        maker_view = reviews.visible_reviews(s, get_user(s, w.maker), oid)
        assert maker_view == []  # the buyer's review stays hidden until the maker rates too
    svc.call(reviews.submit_review, w.maker, oid, stars=4, comment="素材齐全")
    with svc.read() as s:
        maker_view = reviews.visible_reviews(s, get_user(s, w.maker), oid)
        assert {r.direction for r in maker_view} == {"buyer_to_maker", "maker_to_buyer"}
    svc.call(reviews.reply, w.maker, r_b.id, "谢谢信任！")

    mk.move(w.staff, oid, "mark_paid")
    with svc.read() as s:
        assert s.get(Order, oid).status == "paid"
        assert s.get(Request, rid).status == "closed"
        actions = list(s.scalars(select(OrderTransition.action).order_by(OrderTransition.id)))
        assert actions == ["publish", "award", "request_material", "provide_material", "deliver",
                           "request_revision", "deliver", "accept", "mark_paid", "close"]
        assert s.scalar(select(func.count()).select_from(AuditEvent)) >= len(actions)
        kinds = set(s.scalars(select(Notification.kind).where(Notification.user_id == w.maker)))
        assert {"award", "revision", "accepted", "rating", "paid"} <= kinds
        assert "new_offer" in set(s.scalars(select(Notification.kind)
                                            .where(Notification.user_id == w.buyer)))
        assert s.scalar(select(func.count()).select_from(Delivery)) == 2

    summary = svc.query(queries.maker_summary, w.maker)
    assert (summary.rating_count, str(summary.rating_avg), summary.orders_done) == (1, "5.00", 1)
    assert [o.id for o in svc.query(queries.buyer_orders, w.buyer)] == [oid]

    # NPS flows back to the maker
    course = svc.call(nps.register_course, w.staff, external_id="LMS-001", title="寿险话术",
                      maker_id=w.maker, order_id=oid)
    for i, score in enumerate([10, 9, 9, 8, 7, 10, 6, 3, 10, 9]):
        svc.call(nps.record_response, w.staff, course.id, f"L{i}", score)
    s = svc.query(queries.maker_summary, w.maker).nps
    assert (s.count, s.promoters, s.detractors, s.nps) == (10, 6, 2, 40)


def test_timers_do_nothing_when_nothing_is_due(svc, world, mk, clock):
    mk.awarded_order()
    with svc.write() as s:
        run = run_due_timers(s, clock.now())
    assert run.fired == [] and run.stale == 0


def test_service_facade_reads_and_delivers(svc, world, mk):
    from creator_studio.core.market import orders as order_svc
    from creator_studio.core.market.notifications import list_for, mark_read, unread_count

    oid = mk.awarded_order()
    svc.norms_checker = lambda d, r: {"blocking": False, "findings": []}
    d = svc.deliver(world.maker, oid, mk.package("facade"), key="facade-1")
    assert d.version == 1
    history = svc.read_as(order_svc.order_history, world.buyer, oid)
    assert [t.action for t in history] == ["publish", "award", "deliver"]
    assert svc.read_as(unread_count, world.buyer) >= 2
    notes = svc.read_as(list_for, world.buyer)
    assert notes[0].kind == "delivery"
    svc.call(mark_read, world.buyer, None)
    assert svc.read_as(unread_count, world.buyer) == 0
    assert svc.read_as(unread_count, world.maker) >= 1  # nobody marks anyone else's as read
