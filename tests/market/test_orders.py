"""Order state machine: idempotency, timers with a controlled clock, pause, revisions and change
orders, late flag, cancellation by request, disputes with partial payout."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from creator_studio.core.errors import InvalidTransition, PermissionDenied, ValidationError
from creator_studio.core.market import offers, requests
from creator_studio.core.market.orders import allowed_actions, transition
from creator_studio.core.market.timers import run_due_timers
from creator_studio.core.store.models import Order, OrderTimer, OrderTransition, Request


def _timers(svc):
    with svc.write() as s:
        return run_due_timers(s, svc.now())


def _count(svc, model, *where):
    with svc.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_idempotency_key_replays_without_double_effect(svc, world, mk):
    oid = mk.awarded_order()
    mk.deliver(oid)
    first = mk.move(world.buyer, oid, "request_revision", reason="改标题", key="click-1")
    again = mk.move(world.buyer, oid, "request_revision", reason="改标题", key="click-1")
    assert not first.replayed and again.replayed
    assert again.transition_id == first.transition_id
    assert mk.order(oid).revisions_used == 1  # the second click did nothing
    assert _count(svc, OrderTransition, OrderTransition.idempotency_key == "click-1") == 1
    with pytest.raises(ValidationError) as e:  # same key, different action
        mk.move(world.buyer, oid, "accept", key="click-1")
    assert e.value.code == "IDEMPOTENCY_KEY_REUSED"


def test_award_replay_returns_the_same_order(svc, world, mk):
    rid = mk.open_request()
    offer = mk.offer(rid)
    a = svc.call(requests.award, world.buyer, rid, offer, key="award-x")
    b = svc.call(requests.award, world.buyer, rid, offer, key="award-x")
    assert b.replayed and a.order_id == b.order_id
    assert _count(svc, Order) == 1


def test_auto_accept_after_buyer_silence(svc, world, mk, clock):
    oid = mk.awarded_order(auto_accept_days=3)
    mk.deliver(oid)
    clock.advance(days=2, hours=23)
    _timers(svc)
    assert mk.order(oid).status == "delivered"
    clock.advance(hours=2)
    run = _timers(svc)
    assert ("auto_accept", oid) in run.fired
    order = mk.order(oid)
    assert order.status == "accepted" and order.accepted_at == clock.now()
    with svc.read() as s:
        t = s.scalars(select(OrderTransition).where(OrderTransition.action == "auto_accept")).one()
        assert t.actor_id is None  # the system, through the same transition path
    assert _timers(svc).fired == []  # nothing fires twice


def test_auto_accept_timer_is_stale_after_a_revision_request(svc, world, mk, clock):
    oid = mk.awarded_order(auto_accept_days=3)
    mk.deliver(oid)
    mk.move(world.buyer, oid, "request_revision", reason="补充案例")
    clock.advance(days=4)
    run = _timers(svc)
    assert run.stale >= 1 and mk.order(oid).status == "revision_requested"


def test_auto_accept_cannot_be_called_by_a_person(svc, world, mk):
    oid = mk.awarded_order()
    mk.deliver(oid)
    with pytest.raises(PermissionDenied):
        mk.move(world.buyer, oid, "auto_accept")


def test_request_expiry(svc, world, mk, clock):
    rid = mk.open_request(days=5)
    mk.offer(rid)
    clock.advance(days=5, minutes=1)
    run = _timers(svc)
    assert ("request_expiry", rid) in run.fired
    with svc.read() as s:
        assert s.get(Request, rid).status == "expired"
    with pytest.raises(InvalidTransition):
        svc.call(offers.make_offer, world.maker2, rid, price_fen=1000, days=3)


def test_waiting_on_buyer_pauses_the_deadline_and_late_flag(svc, world, mk, clock):
    oid = mk.awarded_order(days=10)
    due0 = mk.order(oid).due_at
    clock.advance(days=9)
    mk.move(world.maker, oid, "request_material", reason="缺少费率表")
    clock.advance(days=4)  # past the original deadline, but the clock is paused
    _timers(svc)
    assert not mk.order(oid).late
    mk.move(world.buyer, oid, "provide_material")
    order = mk.order(oid)
    assert order.due_at == due0 + timedelta(days=4) and order.paused_seconds == 4 * 86400
    clock.advance(days=1)
    _timers(svc)
    assert not mk.order(oid).late  # still inside the extended deadline
    clock.advance(days=1)
    run = _timers(svc)
    assert ("deadline", oid) in run.fired and mk.order(oid).late
    mk.deliver(oid)
    assert mk.order(oid).late


def test_delivery_past_deadline_is_flagged_late_without_timer(svc, world, mk, clock):
    oid = mk.awarded_order(days=2)
    clock.advance(days=3)
    mk.deliver(oid)
    assert mk.order(oid).late


def test_revision_limit_and_change_order(svc, world, mk, clock):
    oid = mk.awarded_order(revisions_included=1)
    mk.deliver(oid)
    mk.move(world.buyer, oid, "request_revision", reason="第2页配图更换")
    mk.deliver(oid)
    with pytest.raises(InvalidTransition) as e:
        mk.move(world.buyer, oid, "request_revision", reason="新增一个章节")
    assert e.value.code == "REVISION_LIMIT"
    # a new requirement is a change order, agreed by both sides
    mk.move(world.buyer, oid, "propose_change", price_delta_fen=120_000, extra_days=5,
            extra_revisions=1, description="新增“理赔时效”章节")
    with pytest.raises(PermissionDenied):  # the proposer cannot accept their own change
        mk.move(world.buyer, oid, "accept_change")
    before = mk.order(oid)
    mk.move(world.maker, oid, "accept_change")
    after = mk.order(oid)
    assert after.status == "in_progress"
    assert after.price_fen == before.price_fen + 120_000
    assert after.revisions_included == 2 and after.pending_change is None
    assert after.due_at == max(before.due_at, clock.now()) + timedelta(days=5)
    mk.deliver(oid)
    mk.move(world.buyer, oid, "request_revision", reason="再调字号")  # the extra round


def test_change_order_can_be_rejected(svc, world, mk):
    oid = mk.awarded_order()
    mk.move(world.maker, oid, "propose_change", price_delta_fen=50_000, description="加配音")
    mk.move(world.buyer, oid, "reject_change")
    order = mk.order(oid)
    assert order.pending_change is None and order.price_fen == 400_000
    with pytest.raises(InvalidTransition):
        mk.move(world.buyer, oid, "accept_change")


def test_cancellation_silence_means_agreed(svc, world, mk, clock):
    oid = mk.awarded_order()
    mk.move(world.maker, oid, "request_cancel", reason="家中有事")
    with pytest.raises(PermissionDenied):  # the requester cannot agree on the other's behalf
        mk.move(world.maker, oid, "agree_cancel")
    clock.advance(hours=47)
    _timers(svc)
    assert mk.order(oid).status == "cancel_requested"
    clock.advance(hours=2)
    run = _timers(svc)
    assert ("cancel_silence", oid) in run.fired
    assert mk.order(oid).status == "cancelled"
    with svc.read() as s:
        assert s.get(Request, mk.order(oid).request_id).status == "closed"


def test_cancellation_declined_returns_to_prior_state(svc, world, mk, clock):
    oid = mk.awarded_order()
    mk.deliver(oid)
    mk.move(world.buyer, oid, "request_cancel", reason="预算调整")
    mk.move(world.maker, oid, "decline_cancel")
    assert mk.order(oid).status == "delivered"
    clock.advance(days=3)
    run = _timers(svc)  # the old cancel-silence timer is stale now
    assert mk.order(oid).status == "delivered" and run.stale >= 1


@pytest.mark.parametrize("outcome,payout,expected", [
    ("accept", 250_000, "accepted"), ("cancel", 100_000, "cancelled"), ("resume", None, "in_progress"),
])
def test_dispute_resolved_by_staff(svc, world, mk, outcome, payout, expected):
    oid = mk.awarded_order()
    mk.deliver(oid)
    mk.move(world.buyer, oid, "open_dispute", reason="内容与需求不符")
    with pytest.raises(PermissionDenied):
        mk.move(world.buyer, oid, "resolve_dispute", reason="x", outcome="accept")
    params = {"outcome": outcome}
    if payout is not None:
        params["payout_fen"] = payout
    with pytest.raises(ValidationError):  # more than the price is never paid out
        mk.move(world.staff, oid, "resolve_dispute", reason="x", outcome="accept",
                payout_fen=400_001)
    mk.move(world.staff, oid, "resolve_dispute", reason="部分内容达标，按比例结算", **params)
    order = mk.order(oid)
    assert order.status == expected and order.dispute_outcome == outcome
    if payout is not None:
        assert order.payout_fen == payout and order.amount_due_fen == payout
    else:
        assert order.payout_fen is None and order.amount_due_fen == order.price_fen


def test_transitions_not_in_the_machine_are_refused(svc, world, mk):
    oid = mk.awarded_order()
    for actor, action in [(world.buyer, "accept"), (world.staff, "mark_paid"),
                          (world.maker, "decline_cancel")]:
        with pytest.raises((InvalidTransition, PermissionDenied)):
            mk.move(actor, oid, action)
    assert mk.order(oid).status == "in_progress" and mk.order(oid).version == 1
    assert "deliver" in allowed_actions("order", "in_progress")
    assert "accept" not in allowed_actions("order", "in_progress")


def test_timers_are_rows(svc, world, mk):
    oid = mk.awarded_order()
    with svc.read() as s:
        kinds = set(s.scalars(select(OrderTimer.kind).where(OrderTimer.order_id == oid)))
    assert kinds == {"deadline"}


def test_unknown_action_and_missing_key(svc, world, mk):
    oid = mk.awarded_order()
    with pytest.raises(InvalidTransition):
        svc.call(transition, world.buyer, "order", oid, "teleport", key="k")
    with pytest.raises(ValidationError):
        svc.call(transition, world.buyer, "order", oid, "accept", key="")


def test_two_timer_runners_never_fire_a_timer_twice(svc, world, mk, clock):
    import threading

    from creator_studio.core.market.uow import MarketService

    oids = []
    for _ in range(4):
        oid = mk.awarded_order(auto_accept_days=3)
        mk.deliver(oid)
        oids.append(oid)
    clock.advance(days=4)
    fired: list[tuple[str, int]] = []
    lock = threading.Lock()

    def runner() -> None:
        own = MarketService(svc.engine, clock=clock, store=svc.store)
        with own.write() as s:
            run = run_due_timers(s, clock.now())
        with lock:
            fired.extend(run.fired)

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    accepts = sorted(e for k, e in fired if k == "auto_accept")
    assert accepts == sorted(oids)  # each exactly once across both runners
    assert all(mk.order(o).status == "accepted" for o in oids)
    assert _count(svc, OrderTransition, OrderTransition.action == "auto_accept") == 4


def test_typed_short_hands(svc, world, mk):
    from creator_studio.core.market import orders as o

    oid = mk.awarded_order()
    svc.call(o.propose_change_order, world.maker, oid, description="增加英文字幕",
             price_delta_fen=30_000, extra_days=2, key="co-1")
    svc.call(o.answer_change_order, world.buyer, oid, accept=True, key="co-2")
    assert mk.order(oid).price_fen == 430_000
    mk.deliver(oid)
    mk.move(world.maker, oid, "open_dispute", reason="需求方迟迟不验收且要求超范围修改")
    svc.call(o.resolve_dispute, world.staff, oid, outcome="resume", reason="补充说明后继续",
             extra_days=3, key="rd-1")
    assert mk.order(oid).status == "in_progress" and mk.order(oid).dispute_outcome == "resume"


def test_dispute_while_waiting_on_buyer_resumes_with_the_clock_running(svc, world, mk, clock):
    oid = mk.awarded_order(days=10)
    due0 = mk.order(oid).due_at
    mk.move(world.maker, oid, "request_material", reason="缺少数据")
    clock.advance(days=2)
    mk.move(world.maker, oid, "open_dispute", reason="需求方不提供材料")
    clock.advance(days=1)
    mk.move(world.staff, oid, "resolve_dispute", reason="继续制作", outcome="resume")
    order = mk.order(oid)
    assert order.status == "in_progress" and order.paused_at is None
    assert order.due_at == due0 + timedelta(days=3) and order.paused_seconds == 3 * 86400
    clock.advance(days=9, hours=23)  # just before the moved deadline (T0 + 13 d)
    _timers(svc)
    assert not mk.order(oid).late
    clock.advance(hours=2)
    _timers(svc)
    assert mk.order(oid).late  # the clock runs again after the decision
