"""Regression tests for the market attacks of issue #20 (defects 1, 2, 3, 8, 10) and #12 item 5.

Each test performs the attack through the real services (SQLite and PostgreSQL via the market
conftest) and asserts the safe outcome: a typed error and nothing changed, or the system doing
its job regardless.
"""

from __future__ import annotations

import statistics
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from creator_studio.core.errors import PermissionDenied, StudioError, ValidationError
from creator_studio.core.market import accounts, offers, orders, queries, requests
from creator_studio.core.market.client import InProcessClient, UserInfo
from creator_studio.core.market.timers import fire_due_timers, run_due_timers, timer_key
from creator_studio.core.store.models import (
    IdempotencyRecord,
    Offer,
    Order,
    OrderTimer,
    OrderTransition,
    Request,
)

from .conftest import passing_norms


def _count(svc, model, *where) -> int:
    with svc.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def _timers(svc):
    with svc.write() as s:
        return run_due_timers(s, svc.now())


def _info(svc, uid: int) -> UserInfo:
    from creator_studio.core.market import reads

    with svc.read() as s:
        i = reads.user_info(s, uid)
    return UserInfo(i["id"], i["login"], i["display_name"], frozenset(i["roles"]))


# --- #20 defect 1: timer squatting -----------------------------------------------------------

def test_user_keys_cannot_enter_the_system_namespace(svc, world, mk):
    oid = mk.awarded_order()
    for key in ("sys:timer:1", "sys:after:1", "sys:"):
        with pytest.raises(ValidationError) as e:
            mk.move(world.maker, oid, "request_material", reason="缺材料", key=key)
        assert e.value.code == "BAD_IDEMPOTENCY_KEY"
    with pytest.raises(ValidationError) as e:
        svc.call(offers.make_offer, world.maker2, mk.open_request(), price_fen=1000, days=3,
                 key="sys:timer:9")
    assert e.value.code == "BAD_IDEMPOTENCY_KEY"
    assert mk.order(oid).status == "in_progress"


def test_timer_squatting_cannot_stop_auto_accept(svc, world, mk, clock):
    """The attack: a buyer takes the auto-accept timer's key first (old form `timer:<id>`, new
    form refused), then stays silent. The timer still fires and accepts the order."""
    oid = mk.awarded_order(auto_accept_days=3)
    mk.deliver(oid)
    with svc.read() as s:
        tid = s.scalar(select(OrderTimer.id).where(OrderTimer.order_id == oid,
                                                   OrderTimer.kind == "auto_accept"))
    # The buyer publishes a throwaway draft under the timer's old key (allowed: not reserved)…
    draft = svc.call(requests.create_request, world.buyer, title="占位草稿", forms=["h5"],
                     budget_fen=1000, deadline=svc.now() + timedelta(days=9)).request.id
    svc.call(requests.publish_request, world.buyer, draft, key=f"timer:{tid}")
    # …and cannot take the new one.
    draft2 = svc.call(requests.create_request, world.buyer, title="占位草稿2", forms=["h5"],
                      budget_fen=1000, deadline=svc.now() + timedelta(days=9)).request.id
    with pytest.raises(ValidationError) as e:
        svc.call(requests.publish_request, world.buyer, draft2, key=timer_key(tid))
    assert e.value.code == "BAD_IDEMPOTENCY_KEY"
    clock.advance(days=3, minutes=1)
    run = _timers(svc)
    assert ("auto_accept", oid) in run.fired and run.stale == 0
    assert mk.order(oid).status == "accepted"
    with svc.read() as s:
        t = s.get(OrderTimer, tid)
        assert (t.done, t.outcome) == (True, "fired")


def test_timer_squatting_cannot_hide_a_late_delivery(svc, world, mk, clock):
    """The maker's version of the attack: squat the deadline timer to escape the late flag."""
    oid = mk.awarded_order(days=2)
    with svc.read() as s:
        tid = s.scalar(select(OrderTimer.id).where(OrderTimer.order_id == oid,
                                                   OrderTimer.kind == "deadline"))
    with pytest.raises(ValidationError):
        mk.move(world.maker, oid, "propose_change", key=timer_key(tid), price_delta_fen=0,
                description="占用键")
    mk.move(world.maker, oid, "propose_change", key=f"timer:{tid}", price_delta_fen=0,
            description="旧格式的键不再有用")
    clock.advance(days=2, minutes=2)
    run = _timers(svc)
    assert ("deadline", oid) in run.fired
    assert mk.order(oid).late


def test_a_timer_that_loses_a_race_stays_due(svc, world, mk, clock, monkeypatch):
    """A compare-and-set conflict with a user's move at the same moment is not a verdict: the
    timer stays due and fires on the next run (it never goes stale because of a user action)."""
    from creator_studio.core.market import timers

    oid = mk.awarded_order(days=1)
    clock.advance(days=1, minutes=2)
    real = timers.transition
    calls = {"n": 0}

    def racing(session, actor, kind, entity_id, action, **kw):  # noqa: ANN001, ANN003, ANN202
        calls["n"] += 1
        if calls["n"] == 1:  # the buyer moved the order in the same instant
            raise orders.InvalidTransition("冲突", "conflict", code="CONFLICT")
        return real(session, actor, kind, entity_id, action, **kw)

    monkeypatch.setattr(timers, "transition", racing)
    first = _timers(svc)
    assert first.retry == 1 and first.stale == 0 and not mk.order(oid).late
    second = _timers(svc)
    assert ("deadline", oid) in second.fired and mk.order(oid).late


def test_payment_follow_up_key_cannot_be_squatted(svc, world, mk):
    """Closing the request after payment used the key `<staff key>/close`; a user who guessed it
    could block payment. Follow-ups now use a system key derived from the logged move."""
    oid = mk.awarded_order()
    mk.deliver(oid)
    mk.move(world.buyer, oid, "accept")
    draft = svc.call(requests.create_request, world.buyer, title="占位", forms=["h5"],
                     budget_fen=1000, deadline=svc.now() + timedelta(days=9)).request.id
    svc.call(requests.publish_request, world.buyer, draft, key="pay-1/close")
    mk.move(world.staff, oid, "mark_paid", key="pay-1")
    order = mk.order(oid)
    assert order.status == "paid"
    with svc.read() as s:
        assert s.get(Request, order.request_id).status == "closed"


def test_two_server_processes_fire_each_timer_once(svc, world, mk, clock):
    """Two runners (as two server processes would) on their own connections, in batches:
    FOR UPDATE SKIP LOCKED on PostgreSQL (BEGIN IMMEDIATE on SQLite) — every timer exactly once."""
    oids = []
    for _ in range(6):
        oid = mk.awarded_order(auto_accept_days=3)
        mk.deliver(oid)
        oids.append(oid)
    clock.advance(days=4)
    results, errors = [], []
    barrier = threading.Barrier(2)

    def runner() -> None:
        try:
            barrier.wait(timeout=30)
            results.append(fire_due_timers(svc.engine, clock.now(), batch=2))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    fired = sorted(e for r in results for k, e in r.fired if k == "auto_accept")
    assert fired == sorted(oids)
    assert _count(svc, OrderTransition, OrderTransition.action == "auto_accept") == 6
    assert all(r.errors == 0 for r in results)


def test_skip_locked_claims_are_disjoint_on_postgresql(svc, world, mk, clock, db):
    """Two open sessions on the real PostgreSQL: the second never sees rows the first holds."""
    if db.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time (BEGIN IMMEDIATE); SKIP LOCKED is PostgreSQL's")
    from sqlalchemy.orm import Session

    from creator_studio.core.market.timers import claim_due

    for _ in range(4):
        mk.deliver(mk.awarded_order(auto_accept_days=1))
    clock.advance(days=2)
    with Session(db) as a, Session(db) as b:
        got_a = {t.id for t in claim_due(a, clock.now(), 3)}
        got_b = {t.id for t in claim_due(b, clock.now(), 100)}
        assert len(got_a) == 3 and got_b and not (got_a & got_b)
        a.rollback()
        b.rollback()


# --- #20 defect 2 / #12 item 5: idempotency ----------------------------------------------------

def test_replay_by_another_actor_is_refused_not_answered(svc, world, mk):
    oid = mk.awarded_order()
    first = mk.move(world.buyer, oid, "propose_change", key="chg-1", price_delta_fen=500,
                    description="加一节")
    # Another buyer: denied by the permission table before any replay.
    with pytest.raises(PermissionDenied):
        mk.move(world.buyer2, oid, "propose_change", key="chg-1", price_delta_fen=500,
                description="加一节")
    # The maker may propose changes on this order, but not under the buyer's key.
    with pytest.raises(ValidationError) as e:
        mk.move(world.maker, oid, "propose_change", key="chg-1", price_delta_fen=500,
                description="加一节")
    assert e.value.code == "IDEMPOTENCY_KEY_REUSED" and e.value.details["why"] == "actor"
    again = mk.move(world.buyer, oid, "propose_change", key="chg-1", price_delta_fen=500,
                    description="加一节")
    assert again.replayed and again.transition_id == first.transition_id


def test_award_replay_with_a_different_offer_is_refused(svc, world, mk):
    rid = mk.open_request()
    o1 = mk.offer(rid, world.maker)
    o2 = mk.offer(rid, world.maker2, price_fen=300_000)
    first = svc.call(requests.award, world.buyer, rid, o1, key="award-1")
    with pytest.raises(ValidationError) as e:
        svc.call(requests.award, world.buyer, rid, o2, key="award-1")
    assert e.value.code == "IDEMPOTENCY_KEY_REUSED" and e.value.details["why"] == "params"
    again = svc.call(requests.award, world.buyer, rid, o1, key="award-1")
    assert again.replayed and again.order_id == first.order_id
    with svc.read() as s:
        assert s.get(Offer, o2).status == "lost"
        assert s.scalar(select(func.count()).select_from(Order)) == 1


def test_delivery_replay_with_another_package_is_refused(svc, world, mk):
    from creator_studio.core.market import deliveries

    oid = mk.awarded_order()
    mk.deliver(oid, key="dlv-1")
    with pytest.raises(ValidationError) as e:
        mk.deliver(oid, key="dlv-1")  # Helper.deliver builds a new, different package each time
    assert e.value.code == "IDEMPOTENCY_KEY_REUSED" and e.value.details["why"] == "params"
    with pytest.raises(PermissionDenied):  # another maker: the permission check comes first
        svc.call(deliveries.deliver, world.maker2, oid, mk.package("other"), key="dlv-1",
                 store=svc.store, norms_checker=passing_norms)
    assert _count(svc, OrderTransition, OrderTransition.action == "deliver") == 1


def test_delivery_replay_with_the_same_package_returns_it(svc, world, mk, tmp_path):
    from creator_studio.core.market import deliveries

    oid = mk.awarded_order()
    pkg = mk.package("fixed")
    call = lambda key, note="v1": svc.call(  # noqa: E731
        deliveries.deliver, world.maker, oid, pkg, key=key, store=svc.store, note=note,
        norms_checker=passing_norms)
    d1 = call("dlv-same")
    assert call("dlv-same").id == d1.id
    with pytest.raises(ValidationError) as e:
        call("dlv-same", note="v2")
    assert e.value.code == "IDEMPOTENCY_KEY_REUSED"


def test_offer_and_post_request_keys_follow_the_same_rule(svc, world, mk, tmp_path):
    rid = mk.open_request()
    a = svc.call(offers.make_offer, world.maker, rid, price_fen=1000, days=3, key="off-1")
    assert svc.call(offers.make_offer, world.maker, rid, price_fen=1000, days=3, key="off-1").id == a.id
    with pytest.raises(ValidationError) as e:
        svc.call(offers.make_offer, world.maker, rid, price_fen=900, days=3, key="off-1")
    assert e.value.code == "IDEMPOTENCY_KEY_REUSED"
    with pytest.raises(ValidationError):
        svc.call(offers.make_offer, world.maker2, rid, price_fen=1000, days=3, key="off-1")
    assert _count(svc, Offer) == 1

    client = InProcessClient(svc)
    buyer, buyer2 = _info(svc, world.buyer), _info(svc, world.buyer2)
    kw = dict(title="理赔微课", forms=["h5"], budget_fen=50_000,
              deadline=svc.now() + timedelta(days=9), key="post-1")
    r1 = client.post_request(buyer, **kw)
    assert client.post_request(buyer, **kw) == r1
    with pytest.raises(ValidationError):
        client.post_request(buyer, **{**kw, "title": "别的标题"})
    with pytest.raises(ValidationError) as e:
        client.post_request(buyer2, **kw)
    assert e.value.details["why"] == "actor"
    assert _count(svc, Request, Request.title == "理赔微课") == 1
    assert _count(svc, IdempotencyRecord) == 2


# --- #20 defect 8: out-of-range numbers and NUL bytes ------------------------------------------

@pytest.mark.parametrize("budget", [2**63, 10**12 + 1, 0, -5, True, 1.5, "100"])
def test_budget_out_of_range_is_a_typed_error(svc, world, budget):
    with pytest.raises(ValidationError) as e:
        svc.call(requests.create_request, world.buyer, title="预算", forms=["h5"],
                 budget_fen=budget, deadline=svc.now() + timedelta(days=9))
    assert e.value.code == "BAD_BUDGET"
    assert _count(svc, Request) == 0


def test_budget_at_the_limit_is_accepted(svc, world):
    posted = svc.call(requests.create_request, world.buyer, title="上限", forms=["h5"],
                      budget_fen=10**12, deadline=svc.now() + timedelta(days=9))
    assert posted.request.budget_fen == 10**12


def test_price_out_of_range_is_a_typed_error(svc, world, mk):
    rid = mk.open_request()
    with pytest.raises(ValidationError) as e:
        svc.call(offers.make_offer, world.maker, rid, price_fen=2**63, days=3)
    assert e.value.code == "BAD_PRICE"


@pytest.mark.parametrize("field,value", [("title", "标题\x00注入"), ("description", "说明\x00"),
                                         ("title", "换\n行"), ("description", "响铃\x07")])
def test_control_characters_in_request_text_are_typed_errors(svc, world, field, value):
    kw = dict(title="正常标题", description="正常\n说明\t（制表符可以）", forms=["h5"],
              budget_fen=1000, deadline=svc.now() + timedelta(days=9))
    kw[field] = value
    with pytest.raises(ValidationError):
        svc.call(requests.create_request, world.buyer, **kw)
    assert _count(svc, Request) == 0


def test_nul_in_reason_message_filter_and_login(svc, world, mk):
    oid = mk.awarded_order()
    with pytest.raises(ValidationError):
        mk.move(world.maker, oid, "request_material", reason="缺\x00材料")
    with pytest.raises(ValidationError):
        svc.call(offers.make_offer, world.maker2, mk.open_request(), price_fen=1000, days=3,
                 message="留言\x00")
    with svc.read() as s:
        with pytest.raises(ValidationError) as e:
            queries.maker_orders(s, world.maker, status="in_progress\x00")
        assert e.value.code == "BAD_FILTER"
        with pytest.raises(ValidationError):
            queries.buyer_orders(s, world.buyer, limit=2**63)
    with pytest.raises(PermissionDenied) as e:
        svc.login("maker01\x00", "x")
    assert e.value.code == "LOGIN_FAILED"
    with pytest.raises(ValidationError):
        svc.call(accounts.create_user, world.staff, "nul\x00user", "甲", ["maker"])
    with pytest.raises(ValidationError):
        svc.call(accounts.create_user, world.staff, "okuser", "甲\x00乙", ["maker"])
    with pytest.raises(ValidationError):
        svc.call(accounts.create_user, world.staff, "trailing\n", "甲", ["maker"])


# --- #20 defect 10: login timing -------------------------------------------------------------

def test_unknown_accounts_take_as_long_as_known_ones(svc, world):
    def timed(login: str) -> float:
        t = time.perf_counter()
        with pytest.raises(StudioError):
            svc.login(login, "wrong-password")
        return time.perf_counter() - t

    timed("staff01"), timed("nobody-here")  # warm up (the dummy hash is made once)
    known = statistics.median(timed("staff01") for _ in range(9))
    unknown = statistics.median(timed("nobody-here") for _ in range(9))
    malformed = statistics.median(timed("bad\x00login") for _ in range(5))
    # Both pay for one argon2 verification (~20 ms); before the fix unknown took ~1 ms (75×).
    assert unknown > known * 0.5 and malformed > known * 0.5, (known, unknown, malformed)
    assert unknown < known * 2


def test_not_found_user_and_wrong_password_are_the_same_error(svc, world):
    errs = []
    for login in ("staff01", "nobody-here"):
        with pytest.raises(PermissionDenied) as e:
            svc.login(login, "wrong-password")
        errs.append((e.value.code, e.value.message_zh, e.value.message_en))
    assert errs[0] == errs[1]  # no NotFound that would tell the account does not exist


def test_hr_csv_with_nul_and_control_characters_reports_rows(svc, world):
    csv_text = ("login,name,roles,email,business_line\n"
                "good01,好人,maker,good@example.com,\n"
                "nul01,坏\x00人,maker,,\n"
                "mail01,邮箱,maker,a\x00b@example.com,\n"
                "line01,条线,maker,,PNC\x00\n"
                "bell01,响铃\x07,maker,,\n")
    report = svc.call(accounts.import_users_csv, world.staff, csv_text)
    assert report.created == ["good01"]
    assert sorted(e.row for e in report.errors) == [3, 4, 5, 6]


def test_nul_anywhere_a_service_writes_text_is_a_typed_error(svc, world, mk):
    """The flush-time safety net: services that do not validate a field themselves (here a
    review comment, a certificate reason) still refuse a NUL with BAD_TEXT on both databases."""
    from creator_studio.core.market import reviews

    oid = mk.awarded_order()
    mk.deliver(oid)
    mk.move(world.buyer, oid, "accept")
    with pytest.raises(ValidationError) as e:
        svc.call(reviews.submit_review, world.buyer, oid, stars=5, comment="很好\x00")
    assert e.value.code == "BAD_TEXT"
    assert svc.call(reviews.submit_review, world.buyer, oid, stars=5, comment="很好").id
    client = InProcessClient(svc)
    staff = _info(svc, world.staff)
    with pytest.raises(ValidationError):
        client.certificate_id(staff, "CS\x00")
    with pytest.raises(StudioError):
        client.act_as("staff\x0001")
