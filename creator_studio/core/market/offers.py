"""Offers from certified makers: price ≤ budget (fen), days, message; withdrawable until awarded."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from creator_studio.core.errors import InvalidTransition, NotFound, ValidationError
from creator_studio.core.market import audit, idempotency, notifications, permissions, validate
from creator_studio.core.market.gate import require_certified
from creator_studio.core.market.requests import get_request
from creator_studio.core.store.models import Offer, Request, User


def make_offer(session: Session, actor: User, request_id: int, *, price_fen: int, days: int,
               message: str = "", now: datetime, key: str | None = None) -> Offer:
    """Offer on an open request. With a `key`, a retry of the same offer (same maker, request,
    price, days, message) returns it; another call under the key is IDEMPOTENCY_KEY_REUSED."""
    req = get_request(session, request_id)
    permissions.check(actor, "offer.create", req)  # makers only, never on their own request
    phash = None
    if key is not None:
        idempotency.check_key(key)
        phash = idempotency.params_hash(request_id=request_id, price_fen=repr(price_fen),
                                        days=repr(days), message=message)
        earlier = idempotency.replay(session, actor, "offer.create", key, phash)
        if earlier is not None:
            return session.get(Offer, earlier["offer_id"])
    if req.status != "open" or req.deadline <= now:
        raise InvalidTransition("该需求不在征集中", "The request is not open for offers",
                                code="REQUEST_NOT_OPEN")
    validate.money_fen("报价 / price_fen", price_fen, code="BAD_PRICE")
    message = validate.text("留言 / message", message, max_len=4000, code="BAD_MESSAGE")
    if price_fen > req.budget_fen:
        raise ValidationError(f"报价不能超过预算 {req.budget_fen / 100:.2f} 元",
                              f"Price exceeds the budget of CNY {req.budget_fen / 100:.2f}",
                              code="OVER_BUDGET")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 365:
        raise ValidationError("工期必须为 1–365 天", "Days must be 1–365", code="BAD_DAYS")
    require_certified(session, actor.id, req.forms, "offer", now)
    offer = session.scalar(select(Offer).where(Offer.request_id == req.id,
                                               Offer.maker_id == actor.id))
    if offer is not None and offer.status == "active":
        raise ValidationError("您已对该需求报价，可先撤回再重新报价",
                              "You already have an active offer on this request", code="DUPLICATE")
    if offer is not None and offer.status != "withdrawn":
        raise InvalidTransition("该报价已结束", "This offer is closed", code="OFFER_CLOSED")
    before = None
    if offer is None:
        offer = Offer(request_id=req.id, maker_id=actor.id, created_at=now)
        session.add(offer)
    else:
        before = audit.snapshot(offer, ("status", "price_fen", "days"))
    offer.price_fen = price_fen
    offer.days = days
    offer.message = message
    offer.status = "active"
    offer.updated_at = now
    session.flush()
    audit.record(session, actor.id, "offer.create", "offer", offer.id, before,
                 audit.snapshot(offer, ("status", "price_fen", "days")), now)
    notifications.notify(session, req.buyer_id, "new_offer",
                         f"需求「{req.title}」收到新报价：{price_fen / 100:.2f} 元，{days} 天",
                         f"New offer on '{req.title}': CNY {price_fen / 100:.2f}, {days} days",
                         now, request_id=req.id, offer_id=offer.id)
    if key is not None:
        idempotency.remember(session, actor, "offer.create", key, phash, {"offer_id": offer.id},
                             now)
    return offer


def withdraw_offer(session: Session, actor: User, offer_id: int, *, now: datetime,
                   key: str | None = None) -> Offer:
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFound("报价不存在", f"No offer #{offer_id}")
    permissions.check(actor, "offer.withdraw", offer)
    phash = None
    if key is not None:
        idempotency.check_key(key)
        phash = idempotency.params_hash(offer_id=offer_id)
        if idempotency.replay(session, actor, "offer.withdraw", key, phash) is not None:
            return offer
    if offer.status != "active":
        raise InvalidTransition("只有有效的报价可以撤回（选定后不能撤回）",
                                "Only an active offer can be withdrawn (not after the award)",
                                code="OFFER_NOT_ACTIVE")
    req: Request = offer.request
    if req.status != "open":
        raise InvalidTransition("需求已选定或关闭，报价不能撤回", "The request is no longer open",
                                code="REQUEST_NOT_OPEN")
    offer.status = "withdrawn"
    offer.updated_at = now
    session.flush()
    audit.record(session, actor.id, "offer.withdraw", "offer", offer.id, {"status": "active"},
                 {"status": "withdrawn"}, now)
    if key is not None:
        idempotency.remember(session, actor, "offer.withdraw", key, phash,
                             {"offer_id": offer.id}, now)
    return offer
