"""The permission matrix: every operation × every role × owner / non-owner.

Expected outcomes are written out here (not derived from the permission table). A denied call
must raise PermissionDenied and leave every table exactly as it was.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from creator_studio.core.errors import PermissionDenied
from creator_studio.core.market import (
    accounts,
    audit,
    deliveries,
    normsets,
    nps,
    offers,
    orders,
    requests,
    reviews,
)
from creator_studio.core.store.base import Base

ACTORS = ("buyer_owner", "buyer_other", "maker_owner", "maker_other", "staff")


def _actor_id(world, label):
    return {"buyer_owner": world.buyer, "buyer_other": world.buyer2, "maker_owner": world.maker,
            "maker_other": world.maker2, "staff": world.staff}[label]


def _db_digest(svc) -> str:
    h = hashlib.sha256()
    with svc.read() as s:
        for table in Base.metadata.sorted_tables:
            rows = s.execute(select(table)).all()
            h.update(table.name.encode())
            h.update(repr(sorted(repr(tuple(r)) for r in rows)).encode())
    return h.hexdigest()


# Each scenario prepares fresh state and returns call(actor_id) performing the operation.
def sc_request_create(mk):
    return lambda a: mk.svc.call(requests.create_request, a, title="新需求", forms=["h5"],
                                 budget_fen=100_000, deadline=mk.svc.now() + timedelta(days=9))


def sc_request_publish(mk):
    rid = mk.svc.call(requests.create_request, mk.w.buyer, title="草稿", forms=["h5"],
                      budget_fen=100_000, deadline=mk.svc.now() + timedelta(days=9)).request.id
    return lambda a: mk.svc.call(requests.publish_request, a, rid, key=mk.key())


def sc_request_cancel(mk):
    rid = mk.open_request()
    return lambda a: mk.svc.call(requests.cancel_request, a, rid, key=mk.key())


def sc_request_expire(mk):
    rid = mk.open_request()
    return lambda a: mk.svc.call(requests.expire_request, a, rid, key=mk.key())


def sc_request_award(mk):
    rid = mk.open_request()
    oid = mk.offer(rid)
    return lambda a: mk.svc.call(requests.award, a, rid, oid, key=mk.key())


def sc_request_attach(mk):
    rid = mk.open_request()
    f = mk.tmp / f"src-{mk.key()}.pptx"
    f.write_bytes(b"PK fake deck bytes")
    return lambda a: mk.svc.call(requests.attach_file, a, rid, f, mk.svc.store)


def sc_request_read_files(mk):
    from creator_studio.core.market import reads

    oid = mk.awarded_order()
    rid = mk.svc.call(lambda s, actor, now: orders.get_order(s, actor, oid).request_id, mk.w.staff)
    # reads change nothing, so "allowed" is "did not raise"; the files themselves: test_client.py
    return lambda a: mk.svc.read_as(reads.request_files, a, rid)


def sc_offer_create(mk):
    rid = mk.open_request()
    return lambda a: mk.svc.call(offers.make_offer, a, rid, price_fen=1000, days=3)


def sc_offer_withdraw(mk):
    oid = mk.offer(mk.open_request())
    return lambda a: mk.svc.call(offers.withdraw_offer, a, oid)


def _order_in(mk, state):
    oid = mk.awarded_order()
    if state in ("delivered", "accepted", "disputed"):
        mk.deliver(oid)
    if state == "waiting_on_buyer":
        mk.move(mk.w.maker, oid, "request_material", reason="缺材料")
    if state == "accepted":
        mk.move(mk.w.buyer, oid, "accept")
    if state == "disputed":
        mk.move(mk.w.buyer, oid, "open_dispute", reason="不符")
    if state == "cancel_requested":
        mk.move(mk.w.maker, oid, "request_cancel", reason="有事")
    if state == "change_pending":
        mk.move(mk.w.buyer, oid, "propose_change", price_delta_fen=1000, description="加章节")
    return oid


def _move(state, action, **params):
    def scenario(mk):
        oid = _order_in(mk, state)
        return lambda a: mk.move(a, oid, action, reason="理由", **params)
    return scenario


def sc_deliver(mk):
    oid = _order_in(mk, "in_progress")
    return lambda a: mk.svc.call(deliveries.deliver, a, oid, mk.package(mk.key()), key=mk.key(),
                                 store=mk.svc.store, norms_checker=lambda d, r: {"blocking": False,
                                                                                 "findings": []})


def sc_order_view(mk):
    oid = _order_in(mk, "in_progress")
    return lambda a: mk.svc.call(lambda s, actor, now: orders.get_order(s, actor, oid), a)


def sc_review_submit(mk):
    oid = _order_in(mk, "accepted")
    return lambda a: mk.svc.call(reviews.submit_review, a, oid, stars=4)


def sc_review_reply(mk):
    oid = _order_in(mk, "accepted")
    rid = mk.svc.call(reviews.submit_review, mk.w.buyer, oid, stars=5).id
    mk.svc.call(reviews.submit_review, mk.w.maker, oid, stars=5)
    return lambda a: mk.svc.call(reviews.reply, a, rid, "谢谢")


def sc_course_publish(mk):
    oid = _order_in(mk, "accepted")
    return lambda a: mk.svc.call(nps.register_course, a, external_id=mk.key("LMS"), title="课",
                                 maker_id=mk.w.maker, order_id=oid)


def sc_nps_record(mk):
    oid = _order_in(mk, "accepted")
    cid = mk.svc.call(nps.register_course, mk.w.staff, external_id=mk.key("LMS"), title="课",
                      maker_id=mk.w.maker, order_id=oid).id
    return lambda a: mk.svc.call(nps.record_response, a, cid, mk.key("L"), 9)


def sc_nps_import(mk):
    return lambda a: mk.svc.call(nps.import_csv, a, "course_id,learner_id,score\n")


def sc_user_create(mk):
    return lambda a: mk.svc.call(accounts.create_user, a, mk.key("u"), "新人", ["maker"])


def sc_user_import(mk):
    return lambda a: mk.svc.call(accounts.import_users_csv, a, f"login,name,roles\n{mk.key('u')},甲,maker\n")


def sc_user_roles(mk):
    return lambda a: mk.svc.call(accounts.set_roles, a, mk.w.uncertified, {"maker", "buyer"})


def sc_business_line(mk):
    return lambda a: mk.svc.call(accounts.create_business_line, a, mk.key("BL"), mk.key("条线"))


def sc_norms_publish(mk):
    return lambda a: mk.svc.call(normsets.publish_norms, a, {"id": "t", "rules": []})


def sc_audit_read(mk):
    return lambda a: mk.svc.call(lambda s, actor, now: audit.list_events(s, actor), a)


B, BO, M, MO, S = "buyer_owner", "buyer_other", "maker_owner", "maker_other", "staff"
MATRIX = {
    "request.create": (sc_request_create, {B, BO}),
    "request.publish": (sc_request_publish, {B}),
    "request.cancel": (sc_request_cancel, {B, S}),
    "request.expire": (sc_request_expire, {S}),
    "request.award": (sc_request_award, {B}),
    "request.attach_file": (sc_request_attach, {B}),
    "request.read_files": (sc_request_read_files, {B, M, S}),
    "offer.create": (sc_offer_create, {M, MO}),
    "offer.withdraw": (sc_offer_withdraw, {M}),
    "order.view": (sc_order_view, {B, M, S}),
    "order.request_material": (_move("in_progress", "request_material"), {M}),
    "order.provide_material": (_move("waiting_on_buyer", "provide_material"), {B}),
    "order.deliver": (sc_deliver, {M}),
    "order.request_revision": (_move("delivered", "request_revision"), {B}),
    "order.accept": (_move("delivered", "accept"), {B}),
    "order.propose_change": (_move("in_progress", "propose_change", price_delta_fen=100,
                                   description="变更"), {B, M}),
    "order.accept_change": (_move("change_pending", "accept_change"), {M}),
    "order.request_cancel": (_move("in_progress", "request_cancel"), {B, M}),
    "order.agree_cancel": (_move("cancel_requested", "agree_cancel"), {B}),
    "order.decline_cancel": (_move("cancel_requested", "decline_cancel"), {B}),
    "order.open_dispute": (_move("delivered", "open_dispute"), {B, M}),
    "order.resolve_dispute": (_move("disputed", "resolve_dispute", outcome="accept",
                                    payout_fen=1000), {S}),
    "order.mark_paid": (_move("accepted", "mark_paid"), {S}),
    "review.submit": (sc_review_submit, {B, M}),
    "review.reply": (sc_review_reply, {M}),
    "course.publish": (sc_course_publish, {M, S}),
    "nps.record": (sc_nps_record, {S}),
    "nps.import": (sc_nps_import, {S}),
    "user.create": (sc_user_create, {S}),
    "user.import": (sc_user_import, {S}),
    "user.set_roles": (sc_user_roles, {S}),
    "business_line.create": (sc_business_line, {S}),
    "norms.publish": (sc_norms_publish, {S}),
    "audit.read": (sc_audit_read, {S}),
}


@pytest.mark.parametrize("operation", sorted(MATRIX))
def test_permission_matrix(svc, world, mk, operation):
    scenario, allowed = MATRIX[operation]
    call = scenario(mk)
    for label in ACTORS:
        if label in allowed:
            continue
        before = _db_digest(svc)
        with pytest.raises(PermissionDenied):
            call(_actor_id(world, label))
        assert _db_digest(svc) == before, f"{operation}: denied call by {label} changed data"
    for label in sorted(allowed):
        call = scenario(mk)  # fresh state: the allowed call changes it
        call(_actor_id(world, label))


def test_matrix_covers_every_market_operation():
    from creator_studio.core.market.permissions import PERMISSIONS

    market_ops = {op for op in PERMISSIONS if op.split(".")[0] in {
        "request", "offer", "order", "review", "course", "nps", "user", "business_line",
        "norms", "audit"}}
    assert market_ops == set(MATRIX)


def test_inactive_user_is_denied_everything(svc, world, mk):
    from creator_studio.core.store.models import User

    with svc.write() as s:
        s.get(User, world.buyer).active = False
    call = sc_request_create(mk)
    with pytest.raises(PermissionDenied):
        call(world.buyer)
