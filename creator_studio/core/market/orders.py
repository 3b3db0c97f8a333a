"""The state machine of requests and orders — every status change goes through `transition`.

One function serves people, timers and the CLI alike, so an auto-accept racing a revision request
loses cleanly. For each call it:

1. checks the acting user against the permission table (system moves — timers — have no user);
2. replays the earlier result if the client-supplied idempotency key was seen before — only for
   the same actor with the same parameters (a hash is stored); otherwise IDEMPOTENCY_KEY_REUSED
   (`idempotency.py`). Keys starting with ``sys:`` are the system's;
3. checks the move is allowed from the current status, and the move's own guard (revision limit,
   price, certificate…);
4. changes the status with a compare-and-set ``UPDATE … WHERE id=:id AND status=:from AND
   version=:v`` — 0 rows means someone else moved first and the call fails with nothing changed;
5. applies the move's effects, appends an ``OrderTransition`` row (unique idempotency key),
   writes an ``AuditEvent`` and notifications.

The caller owns the transaction (see `uow.py`); an error leaves nothing behind once rolled back.

Request:  draft → open → awarded → closed;  draft|open → cancelled;  open → expired
Order:    in_progress ⇄ waiting_on_buyer (clock paused);  in_progress|revision_requested →
          delivered → revision_requested (limited) | accepted (buyer or auto) → paid;
          live → cancel_requested → cancelled (agreed or silence) | back;  live → disputed →
          accepted (full/partial payout) | cancelled (optional partial payout) | in_progress.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from creator_studio.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from creator_studio.core.market import audit, idempotency, notifications, permissions, validate
from creator_studio.core.market.gate import require_certified
from creator_studio.core.store.models import (
    Offer,
    Order,
    OrderTimer,
    OrderTransition,
    Request,
    User,
    UserRole,
)

ORDER_WORKING = ("in_progress", "waiting_on_buyer", "delivered", "revision_requested")
ORDER_LIVE = (*ORDER_WORKING, "cancel_requested", "disputed")
ORDER_DONE = ("accepted", "paid")
REVISION_SLA_DAYS = 3  # a revision asked late still gets this many days before it counts as late

STATUS_LABELS = {
    "draft": ("草稿", "draft"), "open": ("征集中", "open"), "awarded": ("已选定", "awarded"),
    "closed": ("已关闭", "closed"), "cancelled": ("已取消", "cancelled"),
    "expired": ("已过期", "expired"), "in_progress": ("制作中", "in progress"),
    "waiting_on_buyer": ("等待需求方材料", "waiting on buyer"), "delivered": ("已交付", "delivered"),
    "revision_requested": ("修改中", "revision requested"), "accepted": ("已验收", "accepted"),
    "paid": ("已结算", "paid"), "cancel_requested": ("取消申请中", "cancellation requested"),
    "disputed": ("争议中", "disputed"),
}

ORDER_AUDIT_FIELDS = ("status", "version", "price_fen", "due_at", "paused_seconds", "late",
                      "revisions_included", "revisions_used", "payout_fen", "dispute_outcome")
REQUEST_AUDIT_FIELDS = ("status", "version", "budget_fen", "deadline")


@dataclass
class Ctx:
    session: Session
    actor: User | None
    entity: Any  # Request or Order
    params: dict[str, Any]
    now: datetime
    key: str
    from_status: str
    reason: str | None
    order_id: int | None = None
    notes: dict[str, Any] = field(default_factory=dict)
    after: list[Callable[[], Any]] = field(default_factory=list)  # follow-up moves, logged after


@dataclass(frozen=True)
class Move:
    kind: str  # "request" | "order"
    action: str
    sources: tuple[str, ...]
    target: str | Callable[[Ctx], str]
    op: str | None  # permission operation; None = system (timers) only
    system: bool = False  # may a timer (no acting user) make this move?
    guard: Callable[[Ctx], None] | None = None
    apply: Callable[[Ctx, str], None] | None = None


@dataclass(frozen=True)
class TransitionResult:
    kind: str
    entity_id: int
    action: str
    from_status: str
    to_status: str
    transition_id: int
    replayed: bool
    request_id: int | None
    order_id: int | None


# --- helpers ---------------------------------------------------------------------------------

def _timer(ctx: Ctx, kind: str, fire_at: datetime, *, order_id: int | None = None,
           request_id: int | None = None) -> None:
    ctx.session.add(OrderTimer(kind=kind, order_id=order_id, request_id=request_id,
                               fire_at=fire_at, done=False, created_at=ctx.now))


def _deadline_timer(ctx: Ctx, order: Order) -> None:
    # Delivering exactly at due_at is on time; the late check runs just after it.
    _timer(ctx, "deadline", order.due_at + timedelta(minutes=1), order_id=order.id)


def _notify(ctx: Ctx, user_id: int, kind: str, zh: str, en: str, **data: Any) -> None:
    notifications.notify(ctx.session, user_id, kind, zh, en, ctx.now, **data)


def _staff_ids(session: Session) -> list[int]:
    return list(session.scalars(select(UserRole.user_id).where(UserRole.role == "staff")))


def _other_party(order: Order, actor: User | None) -> int:
    return order.maker_id if actor is not None and actor.id == order.buyer_id else order.buyer_id


def _int_param(ctx: Ctx, name: str, *, minimum: int | None = None, default: int | None = None) -> int:
    value = ctx.params.get(name, default)
    if value is None or isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"参数 {name} 必须是整数", f"{name} must be an integer",
                              code="BAD_PARAM")
    if minimum is not None and value < minimum:
        raise ValidationError(f"参数 {name} 不能小于 {minimum}", f"{name} must be ≥ {minimum}",
                              code="BAD_PARAM")
    return value


# --- request moves ---------------------------------------------------------------------------

def _guard_publish(ctx: Ctx) -> None:
    req: Request = ctx.entity
    if not req.form_rows:
        raise ValidationError("请至少选择一种课程形式", "Choose at least one course form",
                              code="NO_FORMS")
    if req.budget_fen <= 0:
        raise ValidationError("预算必须大于 0", "The budget must be positive", code="BAD_BUDGET")
    if req.deadline <= ctx.now:
        raise ValidationError("截止时间必须晚于现在", "The deadline must be in the future",
                              code="BAD_DEADLINE")


def _apply_publish(ctx: Ctx, _to: str) -> None:
    req: Request = ctx.entity
    req.opened_at = ctx.now
    _timer(ctx, "request_expiry", req.deadline, request_id=req.id)
    ctx.notes["rules"] = req.rules()


def _release_offers(ctx: Ctx, req: Request, except_offer: int | None, zh: str, en: str) -> None:
    offers = ctx.session.scalars(select(Offer).where(Offer.request_id == req.id,
                                                     Offer.status == "active"))
    for offer in offers:
        if offer.id == except_offer:
            continue
        offer.status = "lost"
        offer.updated_at = ctx.now
        _notify(ctx, offer.maker_id, "offer_closed", zh, en, request_id=req.id, offer_id=offer.id)


def _apply_request_end(ctx: Ctx, to: str) -> None:
    req: Request = ctx.entity
    req.closed_at = ctx.now
    zh, en = STATUS_LABELS[to]
    _release_offers(ctx, req, None, f"需求「{req.title}」{zh}", f"Request '{req.title}' {en}")
    if ctx.actor is None or ctx.actor.id != req.buyer_id:
        _notify(ctx, req.buyer_id, f"request_{to}", f"需求「{req.title}」{zh}",
                f"Request '{req.title}' {en}", request_id=req.id)


def _guard_expire(ctx: Ctx) -> None:
    if ctx.actor is None and ctx.now < ctx.entity.deadline:
        raise InvalidTransition("需求尚未到期", "The request has not reached its deadline",
                                code="NOT_DUE")


def _guard_award(ctx: Ctx) -> None:
    req: Request = ctx.entity
    offer = ctx.session.get(Offer, ctx.params.get("offer_id"))
    if offer is None or offer.request_id != req.id:
        raise NotFound("报价不存在", "No such offer on this request")
    if offer.status != "active":
        raise InvalidTransition("该报价已撤回或失效", "The offer was withdrawn or closed",
                                code="OFFER_NOT_ACTIVE")
    require_certified(ctx.session, offer.maker_id, req.forms, "award", ctx.now)
    ctx.notes["offer"] = offer


def _apply_award(ctx: Ctx, _to: str) -> None:
    req: Request = ctx.entity
    offer: Offer = ctx.notes.pop("offer")
    offer.status = "awarded"
    offer.updated_at = ctx.now
    order = Order(request_id=req.id, offer_id=offer.id, buyer_id=req.buyer_id,
                  maker_id=offer.maker_id, price_fen=offer.price_fen, status="in_progress",
                  version=1, due_at=ctx.now + timedelta(days=offer.days), paused_seconds=0,
                  late=False, revisions_included=req.revisions_included, revisions_used=0,
                  rules=req.rules(), created_at=ctx.now)
    ctx.session.add(order)
    ctx.session.flush()
    ctx.order_id = order.id
    _deadline_timer(ctx, order)
    _notify(ctx, offer.maker_id, "award", f"恭喜！需求「{req.title}」选定了您的报价",
            f"Your offer for '{req.title}' was awarded", request_id=req.id, order_id=order.id)
    _release_offers(ctx, req, offer.id, f"需求「{req.title}」已选定其他创客",
                    f"Request '{req.title}' was awarded to another maker")
    audit.record(ctx.session, ctx.actor.id if ctx.actor else None, "order.create", "order",
                 order.id, None, audit.snapshot(order, ORDER_AUDIT_FIELDS), ctx.now)


def _apply_close(ctx: Ctx, _to: str) -> None:
    ctx.entity.closed_at = ctx.now


# --- order moves -----------------------------------------------------------------------------

def _apply_pause(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    order.paused_at = ctx.now
    _notify(ctx, order.buyer_id, "material_requested", "创客请求补充材料，交付期限已暂停计时",
            "The maker needs material from you; the deadline clock is paused",
            order_id=order.id, note=ctx.reason)


def _apply_resume(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    if order.paused_at is not None:
        _unpause(ctx, order)
        _deadline_timer(ctx, order)
    _notify(ctx, order.maker_id, "material_provided", "需求方已补充材料，计时恢复",
            "The buyer provided the material; the clock runs again", order_id=order.id)


def _guard_deliver(ctx: Ctx) -> None:
    order: Order = ctx.entity
    require_certified(ctx.session, order.maker_id, order.request.forms, "deliver", ctx.now)


def _apply_deliver(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    if ctx.now > order.due_at:
        order.late = True
    order.delivered_at = ctx.now
    days = int(order.rules.get("auto_accept_days", 5))
    _timer(ctx, "auto_accept", ctx.now + timedelta(days=days), order_id=order.id)
    _notify(ctx, order.buyer_id, "delivery", "创客已交付，请验收",
            f"The maker delivered; please review (auto-accepted after {days} days)",
            order_id=order.id, delivery_id=ctx.params.get("delivery_id"))


def _guard_revision(ctx: Ctx) -> None:
    order: Order = ctx.entity
    if order.revisions_used >= order.revisions_included:
        raise InvalidTransition(
            f"修改次数已用完（{order.revisions_included} 次）；新的需求请走变更单或发起争议",
            f"All {order.revisions_included} revision rounds are used; a new requirement needs a "
            "change order (or open a dispute)", code="REVISION_LIMIT")
    if not (ctx.reason or "").strip():
        raise ValidationError("请逐条写明需要修改的内容", "List the changes you need",
                              code="REASON_REQUIRED")


def _apply_revision(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    order.revisions_used += 1
    order.due_at = max(order.due_at, ctx.now + timedelta(days=REVISION_SLA_DAYS))
    _deadline_timer(ctx, order)
    _notify(ctx, order.maker_id, "revision", f"需求方要求修改（第 {order.revisions_used} 轮）",
            f"The buyer asked for revision round {order.revisions_used}", order_id=order.id,
            note=ctx.reason)


def _guard_auto_accept(ctx: Ctx) -> None:
    order: Order = ctx.entity
    days = int(order.rules.get("auto_accept_days", 5))
    if order.delivered_at is None or ctx.now < order.delivered_at + timedelta(days=days):
        raise InvalidTransition("自动验收时间未到", "Auto-accept is not due yet", code="NOT_DUE")


def _apply_accept(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    order.accepted_at = ctx.now
    days = int(order.rules.get("review_window_days", 14))
    _timer(ctx, "review_reveal", ctx.now + timedelta(days=days), order_id=order.id)
    auto = ctx.actor is None
    _notify(ctx, order.maker_id, "accepted",
            "订单已自动验收（需求方未在期限内处理）" if auto else "需求方已验收您的交付",
            "The order was auto-accepted" if auto else "The buyer accepted your delivery",
            order_id=order.id)
    if auto:
        _notify(ctx, order.buyer_id, "accepted", "订单已按规则自动验收",
                "The order was auto-accepted after the review period", order_id=order.id)


def _close_request(ctx: Ctx) -> None:
    order: Order = ctx.entity
    # The follow-up's key is derived from the main move's log row, in the system namespace: a
    # user cannot take it in advance (a key like "<theirs>/close" would have blocked payment).
    ctx.after.append(lambda: transition(ctx.session, None, "request", order.request_id, "close",
                                        key=f"sys:after:{ctx.notes['transition_id']}",
                                        now=ctx.now))


def _apply_paid(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    order.paid_at = ctx.now
    order.closed_at = ctx.now
    _notify(ctx, order.maker_id, "paid", f"订单已结算：{order.amount_due_fen / 100:.2f} 元",
            f"Order paid: CNY {order.amount_due_fen / 100:.2f}", order_id=order.id,
            amount_fen=order.amount_due_fen)
    _close_request(ctx)


def _guard_propose_change(ctx: Ctx) -> None:
    order: Order = ctx.entity
    delta = _int_param(ctx, "price_delta_fen", default=0)
    if order.price_fen + delta < 0:
        raise ValidationError("变更后价格不能为负", "The changed price would be negative",
                              code="BAD_PARAM")
    _int_param(ctx, "extra_days", minimum=0, default=0)
    _int_param(ctx, "extra_revisions", minimum=0, default=0)
    if not (ctx.params.get("description") or "").strip():
        raise ValidationError("请写明变更内容", "Describe the change", code="REASON_REQUIRED")


def _apply_propose_change(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    order.pending_change = {
        "proposed_by": ctx.actor.id, "proposed_at": ctx.now.isoformat(),
        "price_delta_fen": int(ctx.params.get("price_delta_fen", 0)),
        "extra_days": int(ctx.params.get("extra_days", 0)),
        "extra_revisions": int(ctx.params.get("extra_revisions", 0)),
        "description": ctx.params["description"],
    }
    _notify(ctx, _other_party(order, ctx.actor), "change_proposed", "对方提出了变更单，请确认",
            "A change order was proposed; please review", order_id=order.id)


def _guard_has_change(ctx: Ctx) -> None:
    if not ctx.entity.pending_change:
        raise InvalidTransition("没有待确认的变更单", "No change order is pending",
                                code="NO_PENDING_CHANGE")


def _change_target(ctx: Ctx) -> str:
    # New scope after a delivery sends the work back to the maker.
    return "in_progress" if ctx.from_status in ("delivered", "revision_requested") else ctx.from_status


def _apply_accept_change(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    change = dict(order.pending_change or {})
    order.price_fen += int(change.get("price_delta_fen", 0))
    order.due_at = max(order.due_at, ctx.now) + timedelta(days=int(change.get("extra_days", 0)))
    order.revisions_included += int(change.get("extra_revisions", 0))
    order.pending_change = None
    ctx.notes["change"] = change
    _deadline_timer(ctx, order)
    _notify(ctx, change.get("proposed_by", _other_party(order, ctx.actor)), "change_accepted",
            "变更单已确认", "The change order was accepted", order_id=order.id)


def _apply_reject_change(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    proposer = (order.pending_change or {}).get("proposed_by")
    order.pending_change = None
    if proposer:
        _notify(ctx, proposer, "change_rejected", "变更单被拒绝", "The change order was declined",
                order_id=order.id)


def _apply_request_cancel(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    order.status_before_hold = ctx.from_status
    order.cancel_requested_by = ctx.actor.id
    hours = int(order.rules.get("cancel_reply_hours", 48))
    _timer(ctx, "cancel_silence", ctx.now + timedelta(hours=hours), order_id=order.id)
    _notify(ctx, _other_party(order, ctx.actor), "cancel_requested",
            f"对方申请取消订单，请在 {hours} 小时内答复，逾期视为同意",
            f"Cancellation requested; reply within {hours} h or it is agreed",
            order_id=order.id, reason=ctx.reason)


def _guard_cancel_silence(ctx: Ctx) -> None:
    if ctx.actor is not None:
        return
    order: Order = ctx.entity
    hours = int(order.rules.get("cancel_reply_hours", 48))
    last = ctx.session.scalar(
        select(OrderTransition.created_at).where(OrderTransition.order_id == order.id,
                                                 OrderTransition.action == "request_cancel")
        .order_by(OrderTransition.id.desc()).limit(1))
    if last is None or ctx.now < last + timedelta(hours=hours):
        raise InvalidTransition("答复期限未到", "The reply window is still open", code="NOT_DUE")


def _apply_cancelled(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    order.closed_at = ctx.now
    if order.paused_at is not None:
        order.paused_at = None
    for uid in (order.buyer_id, order.maker_id):
        _notify(ctx, uid, "cancelled", "订单已取消", "The order was cancelled", order_id=order.id)
    _close_request(ctx)


def _decline_target(ctx: Ctx) -> str:
    return ctx.entity.status_before_hold or "in_progress"


def _apply_decline_cancel(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    requester = order.cancel_requested_by
    order.cancel_requested_by = None
    order.status_before_hold = None
    if requester:
        _notify(ctx, requester, "cancel_declined", "对方拒绝了取消申请，订单继续",
                "The cancellation was declined; the order continues", order_id=order.id)


def _guard_dispute(ctx: Ctx) -> None:
    if not (ctx.reason or "").strip():
        raise ValidationError("请说明争议原因并附上证据", "Explain the dispute", code="REASON_REQUIRED")


def _apply_dispute(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    order.status_before_hold = order.status_before_hold or ctx.from_status
    order.dispute_opened_by = ctx.actor.id
    order.dispute_reason = ctx.reason
    _notify(ctx, _other_party(order, ctx.actor), "dispute", "对方发起了争议，平台将介入处理",
            "A dispute was opened; staff will decide", order_id=order.id)
    for sid in _staff_ids(ctx.session):
        _notify(ctx, sid, "dispute_opened", f"订单 #{order.id} 有新的争议待处理",
                f"Order #{order.id} has a new dispute", order_id=order.id)


DISPUTE_OUTCOMES = {"accept": "accepted", "cancel": "cancelled", "resume": "in_progress"}


def _guard_resolve(ctx: Ctx) -> None:
    order: Order = ctx.entity
    outcome = ctx.params.get("outcome")
    if outcome not in DISPUTE_OUTCOMES:
        raise ValidationError("裁决结果必须是 accept / cancel / resume",
                              "outcome must be accept, cancel or resume", code="BAD_PARAM")
    if outcome in ("accept", "cancel"):
        default = order.price_fen if outcome == "accept" else 0
        payout = _int_param(ctx, "payout_fen", minimum=0, default=default)
        if payout > order.price_fen:
            raise ValidationError("裁决支付金额不能超过订单价格",
                                  "The payout cannot exceed the order price", code="BAD_PARAM")
    if outcome == "resume":
        _int_param(ctx, "extra_days", minimum=0, default=0)
    if not (ctx.reason or "").strip():
        raise ValidationError("请写明裁决理由", "Give the reason for the decision",
                              code="REASON_REQUIRED")


def _resolve_target(ctx: Ctx) -> str:
    return DISPUTE_OUTCOMES.get(ctx.params.get("outcome"), "disputed")


def _unpause(ctx: Ctx, order: Order) -> None:
    """Fold a running pause into the deadline (the order leaves waiting_on_buyer another way)."""
    if order.paused_at is not None:
        paused = max(0, int((ctx.now - order.paused_at).total_seconds()))
        order.paused_seconds += paused
        order.due_at = order.due_at + timedelta(seconds=paused)
        order.paused_at = None


def _apply_resolve(ctx: Ctx, to: str) -> None:
    order: Order = ctx.entity
    outcome = ctx.params["outcome"]
    _unpause(ctx, order)
    order.dispute_outcome = outcome
    order.status_before_hold = None
    order.cancel_requested_by = None
    if outcome == "accept":
        order.payout_fen = int(ctx.params.get("payout_fen", order.price_fen))
        _apply_accept(ctx, to)
    elif outcome == "cancel":
        order.payout_fen = int(ctx.params.get("payout_fen", 0))
        _apply_cancelled(ctx, to)
    else:
        order.due_at = max(order.due_at, ctx.now) + timedelta(days=int(ctx.params.get("extra_days", 0)))
        _deadline_timer(ctx, order)
    for uid in (order.buyer_id, order.maker_id):
        _notify(ctx, uid, "dispute_outcome", f"争议已裁决：{STATUS_LABELS[to][0]}",
                f"Dispute decided: {STATUS_LABELS[to][1]}", order_id=order.id, outcome=outcome,
                payout_fen=order.payout_fen, reason=ctx.reason)


def _guard_late(ctx: Ctx) -> None:
    order: Order = ctx.entity
    if order.late or order.paused_at is not None or ctx.now <= order.due_at:
        raise InvalidTransition("订单未逾期", "The order is not late", code="NOT_DUE")


def _apply_late(ctx: Ctx, _to: str) -> None:
    order: Order = ctx.entity
    order.late = True
    for uid in (order.buyer_id, order.maker_id):
        _notify(ctx, uid, "late", f"订单 #{order.id} 已超过交付期限",
                f"Order #{order.id} is past its deadline", order_id=order.id)


def _guard_reveal(ctx: Ctx) -> None:
    order: Order = ctx.entity
    days = int(order.rules.get("review_window_days", 14))
    if order.accepted_at is None or ctx.now < order.accepted_at + timedelta(days=days):
        raise InvalidTransition("评价窗口尚未关闭", "The review window is still open", code="NOT_DUE")


def _apply_reveal(ctx: Ctx, _to: str) -> None:
    from creator_studio.core.market.reviews import reveal_order_reviews

    reveal_order_reviews(ctx.session, ctx.entity, ctx.now)


_same = lambda ctx: ctx.from_status  # noqa: E731 - self-loops keep the status, bump the version

_ALL = [
    Move("request", "publish", ("draft",), "open", "request.publish",
         guard=_guard_publish, apply=_apply_publish),
    Move("request", "cancel", ("draft", "open"), "cancelled", "request.cancel",
         apply=_apply_request_end),
    Move("request", "expire", ("open",), "expired", "request.expire", system=True,
         guard=_guard_expire, apply=_apply_request_end),
    Move("request", "award", ("open",), "awarded", "request.award",
         guard=_guard_award, apply=_apply_award),
    Move("request", "close", ("awarded",), "closed", None, system=True, apply=_apply_close),
    Move("order", "request_material", ("in_progress",), "waiting_on_buyer",
         "order.request_material", apply=_apply_pause),
    Move("order", "provide_material", ("waiting_on_buyer",), "in_progress",
         "order.provide_material", apply=_apply_resume),
    Move("order", "deliver", ("in_progress", "revision_requested"), "delivered", "order.deliver",
         guard=_guard_deliver, apply=_apply_deliver),
    Move("order", "request_revision", ("delivered",), "revision_requested",
         "order.request_revision", guard=_guard_revision, apply=_apply_revision),
    Move("order", "accept", ("delivered",), "accepted", "order.accept", apply=_apply_accept),
    Move("order", "auto_accept", ("delivered",), "accepted", None, system=True,
         guard=_guard_auto_accept, apply=_apply_accept),
    Move("order", "mark_paid", ("accepted",), "paid", "order.mark_paid", apply=_apply_paid),
    Move("order", "propose_change", ORDER_WORKING, _same, "order.propose_change",
         guard=_guard_propose_change, apply=_apply_propose_change),
    Move("order", "accept_change", ORDER_WORKING, _change_target, "order.accept_change",
         guard=_guard_has_change, apply=_apply_accept_change),
    Move("order", "reject_change", ORDER_WORKING, _same, "order.accept_change",
         guard=_guard_has_change, apply=_apply_reject_change),
    Move("order", "request_cancel", ORDER_WORKING, "cancel_requested", "order.request_cancel",
         apply=_apply_request_cancel),
    Move("order", "agree_cancel", ("cancel_requested",), "cancelled", "order.agree_cancel",
         system=True, guard=_guard_cancel_silence, apply=_apply_cancelled),
    Move("order", "decline_cancel", ("cancel_requested",), _decline_target,
         "order.decline_cancel", apply=_apply_decline_cancel),
    Move("order", "open_dispute", (*ORDER_WORKING, "cancel_requested"), "disputed",
         "order.open_dispute", guard=_guard_dispute, apply=_apply_dispute),
    Move("order", "resolve_dispute", ("disputed",), _resolve_target, "order.resolve_dispute",
         guard=_guard_resolve, apply=_apply_resolve),
    Move("order", "mark_late", ("in_progress", "revision_requested"), _same, None, system=True,
         guard=_guard_late, apply=_apply_late),
    Move("order", "reveal_reviews", ("accepted", "paid"), _same, None, system=True,
         guard=_guard_reveal, apply=_apply_reveal),
]
MOVES: dict[tuple[str, str], Move] = {(m.kind, m.action): m for m in _ALL}


def allowed_actions(kind: str, status: str) -> list[str]:
    """Actions a person may attempt from `status` (what buttons a view may show)."""
    return [a for (k, a), m in MOVES.items() if k == kind and status in m.sources and m.op]


def transition_params_hash(kind: str, entity_id: int, action: str, reason: str | None,
                           params: dict[str, Any]) -> str:
    """What makes two calls "the same call": the move, its target, the reason and parameters."""
    return idempotency.params_hash(kind=kind, entity_id=entity_id, action=action, reason=reason,
                                   params=params)


def _logged_hash(row: OrderTransition, kind: str, entity_id: int) -> str:
    if row.params_hash:
        return row.params_hash
    # Rows logged before migration 0003 carry no hash: rebuild it from what was logged.
    params = {k: v for k, v in (row.params or {}).items() if k != "change"}
    return transition_params_hash(kind, entity_id, row.action, row.reason, params)


def _logged(session: Session, key: str) -> OrderTransition | None:
    return session.scalar(select(OrderTransition).where(OrderTransition.idempotency_key == key))


def _replay(row: OrderTransition | None, actor: User | None, key: str, kind: str, entity_id: int,
            action: str, phash: str) -> TransitionResult | None:
    """The earlier result of this key when it is the same actor's same call; None if new.

    Called only after the permission check. Another action, entity, actor or parameters under the
    same key is `IDEMPOTENCY_KEY_REUSED`, never the earlier result.
    """
    if row is None:
        return None
    same_entity = (row.request_id if kind == "request" else row.order_id) == entity_id
    if row.action != action or not same_entity:
        raise idempotency.key_reused(key, "action")
    if row.actor_id != (actor.id if actor is not None else None):
        raise idempotency.key_reused(key, "actor")
    if _logged_hash(row, kind, entity_id) != phash:
        raise idempotency.key_reused(key, "params")
    return TransitionResult(kind, entity_id, action, row.from_status, row.to_status, row.id, True,
                            row.request_id, row.order_id)


def transition(session: Session, actor: User | None, kind: str, entity_id: int, action: str, *,
               key: str, now: datetime, reason: str | None = None,
               replay_params: dict[str, Any] | None = None,
               **params: Any) -> TransitionResult:
    """Move a request or order; see the module docstring. ``actor=None`` means a system timer.

    ``replay_params`` (optional) names what identifies the caller's request when it differs from
    the move's own parameters (a delivery: the package's hash and note, not the new row's id).
    """
    move = MOVES.get((kind, action))
    if move is None:
        raise InvalidTransition(f"未知操作：{kind}.{action}", f"Unknown action {kind}.{action}",
                                code="UNKNOWN_ACTION")
    idempotency.check_key(key, system=actor is None)
    validate.optional_text("理由 / reason", reason, max_len=4000)
    validate.params(params)
    phash = transition_params_hash(kind, entity_id, action, reason,
                                   params if replay_params is None else replay_params)

    model = Request if kind == "request" else Order
    entity = session.get(model, entity_id, populate_existing=True)
    if entity is None:
        raise NotFound(f"{'需求' if kind == 'request' else '订单'} #{entity_id} 不存在",
                       f"No {kind} #{entity_id}")
    # Permission first, then the replay: nobody learns another user's result through a key.
    if actor is None:
        if not move.system:
            raise PermissionDenied("该操作需要由用户执行", f"{action} needs an acting user")
    else:
        if move.op is None:
            raise PermissionDenied("该操作仅由系统定时执行", f"{action} is done by the system only")
    logged = _logged(session, key)
    if actor is not None:
        permissions.check(actor, move.op, entity, replay=logged is not None)
    earlier = _replay(logged, actor, key, kind, entity_id, action, phash)
    if earlier is not None:
        return earlier

    from_status = entity.status
    if from_status not in move.sources:
        zh, en = STATUS_LABELS.get(from_status, (from_status, from_status))
        raise InvalidTransition(f"当前状态「{zh}」不能执行此操作",
                                f"Cannot {action} a {kind} that is {en}",
                                details={"status": from_status, "action": action})
    ctx = Ctx(session, actor, entity, dict(params), now, key, from_status, reason,
              order_id=entity.id if kind == "order" else None)
    if move.guard:
        move.guard(ctx)
    to_status = move.target(ctx) if callable(move.target) else move.target
    fields = ORDER_AUDIT_FIELDS if kind == "order" else REQUEST_AUDIT_FIELDS
    before = audit.snapshot(entity, fields)

    # Compare-and-set: only one caller can move this row away from (status, version).
    version = entity.version
    res = session.execute(
        update(model).where(model.id == entity_id, model.status == from_status,
                            model.version == version)
        .values(status=to_status, version=version + 1)
        .execution_options(synchronize_session=False))
    if res.rowcount != 1:
        earlier = _replay(_logged(session, key), actor, key, kind, entity_id, action,
                          phash)  # a concurrent retry won
        if earlier is not None:
            return earlier
        raise InvalidTransition("操作冲突：记录已被他人修改，请刷新后重试",
                                "Conflict: someone else changed this first; refresh and retry",
                                code="CONFLICT")
    set_committed_value(entity, "status", to_status)
    set_committed_value(entity, "version", version + 1)

    if move.apply:
        move.apply(ctx, to_status)
    log_params = {k: v for k, v in params.items() if isinstance(v, (str, int, float, bool, type(None)))}
    if "change" in ctx.notes:
        log_params["change"] = ctx.notes["change"]
    row = OrderTransition(
        request_id=entity.id if kind == "request" else entity.request_id,
        order_id=ctx.order_id, action=action, from_status=from_status, to_status=to_status,
        actor_id=actor.id if actor else None, reason=reason, params=log_params,
        idempotency_key=key, params_hash=phash, created_at=now)
    session.add(row)
    audit.record(session, actor.id if actor else None, f"{kind}.{action}", kind, entity.id,
                 before, audit.snapshot(entity, fields), now)
    session.flush()
    ctx.notes["transition_id"] = row.id
    for follow_up in ctx.after:
        follow_up()
    return TransitionResult(kind, entity_id, action, from_status, to_status, row.id, False,
                            row.request_id, row.order_id)


def get_order(session: Session, actor: User, order_id: int) -> Order:
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(f"订单 #{order_id} 不存在", f"No order #{order_id}")
    permissions.check(actor, "order.view", order)
    return order


def order_history(session: Session, actor: User, order_id: int) -> list[OrderTransition]:
    order = get_order(session, actor, order_id)
    return list(session.scalars(select(OrderTransition).where(
        (OrderTransition.order_id == order.id) |
        ((OrderTransition.request_id == order.request_id) & OrderTransition.order_id.is_(None))
    ).order_by(OrderTransition.id)))



# --- typed short-hands for the window (all go through `transition`) ----------------------------

def propose_change_order(session: Session, actor: User, order_id: int, *, description: str,
                         price_delta_fen: int = 0, extra_days: int = 0, extra_revisions: int = 0,
                         key: str, now: datetime) -> TransitionResult:
    """A new requirement is a change order (scope, price, days, rounds), not a revision."""
    return transition(session, actor, "order", order_id, "propose_change", key=key, now=now,
                      description=description, price_delta_fen=price_delta_fen,
                      extra_days=extra_days, extra_revisions=extra_revisions)


def answer_change_order(session: Session, actor: User, order_id: int, *, accept: bool, key: str,
                        now: datetime) -> TransitionResult:
    return transition(session, actor, "order", order_id,
                      "accept_change" if accept else "reject_change", key=key, now=now)


def resolve_dispute(session: Session, actor: User, order_id: int, *, outcome: str, reason: str,
                    key: str, now: datetime, payout_fen: int | None = None,
                    extra_days: int = 0) -> TransitionResult:
    """Staff decision: ``accept`` (payout_fen ≤ price, default full), ``cancel`` (payout_fen,
    default 0) or ``resume`` (work continues, deadline + extra_days)."""
    params: dict[str, Any] = {"outcome": outcome}
    if payout_fen is not None:
        params["payout_fen"] = payout_fen
    if outcome == "resume":
        params["extra_days"] = extra_days
    return transition(session, actor, "order", order_id, "resolve_dispute", key=key, now=now,
                      reason=reason, **params)
