"""Ratings after acceptance, double-blind: buyer→maker (1–5 stars + comment) and maker→buyer
(brief and material, 1–5). Neither side sees the other's until both are in or the review window
closes (no retaliation); the maker may reply once; a review is never edited or deleted.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from creator_studio.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from creator_studio.core.market import audit, notifications, permissions
from creator_studio.core.store.models import Order, Review, User

RATABLE = ("accepted", "paid")


def submit_review(session: Session, actor: User, order_id: int, *, stars: int, comment: str = "",
                  now: datetime) -> Review:
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(f"订单 #{order_id} 不存在", f"No order #{order_id}")
    permissions.check(actor, "review.submit", order)
    if order.buyer_id == order.maker_id:
        raise PermissionDenied("不能评价自己的订单", "Nobody rates their own order", code="SELF_REVIEW")
    if order.status not in RATABLE:
        raise InvalidTransition("订单验收后才能评价", "Reviews open after acceptance",
                                code="NOT_RATABLE")
    window = int(order.rules.get("review_window_days", 14))
    if order.accepted_at is None or now > order.accepted_at + timedelta(days=window):
        raise InvalidTransition("评价期已结束", "The review window has closed",
                                code="REVIEW_WINDOW_CLOSED")
    if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5:
        raise ValidationError("评分必须是 1–5 的整数", "Stars must be an integer 1–5", code="BAD_STARS")
    if session.scalar(select(Review.id).where(Review.order_id == order.id,
                                              Review.author_id == actor.id)):
        raise ValidationError("每个订单只能评价一次", "You already reviewed this order",
                              code="DUPLICATE")
    is_buyer = actor.id == order.buyer_id
    review = Review(order_id=order.id, author_id=actor.id,
                    subject_id=order.maker_id if is_buyer else order.buyer_id,
                    direction="buyer_to_maker" if is_buyer else "maker_to_buyer",
                    stars=stars, comment=comment.strip(), created_at=now)
    session.add(review)
    session.flush()
    audit.record(session, actor.id, "review.submit", "review", review.id, None,
                 {"order_id": order.id, "direction": review.direction}, now)
    count = len(list(session.scalars(select(Review.id).where(Review.order_id == order.id))))
    if count >= 2:
        reveal_order_reviews(session, order, now)
    return review


def reveal_order_reviews(session: Session, order: Order, now: datetime) -> int:
    """Make an order's reviews visible (both are in, or the window closed)."""
    hidden = list(session.scalars(select(Review).where(Review.order_id == order.id,
                                                       Review.revealed_at.is_(None))))
    for r in hidden:
        r.revealed_at = now
        if r.direction == "buyer_to_maker":
            notifications.notify(session, r.subject_id, "rating",
                                 f"您收到新的评价：{r.stars} 星", f"New rating: {r.stars} stars",
                                 now, order_id=order.id, review_id=r.id)
        else:
            notifications.notify(session, r.subject_id, "rating",
                                 f"创客对您的需求说明打了 {r.stars} 星",
                                 f"The maker rated your brief {r.stars} stars",
                                 now, order_id=order.id, review_id=r.id)
    session.flush()
    return len(hidden)


def reply(session: Session, actor: User, review_id: int, text: str, *, now: datetime) -> Review:
    review = session.get(Review, review_id)
    if review is None:
        raise NotFound("评价不存在", f"No review #{review_id}")
    permissions.check(actor, "review.reply", review)
    if review.direction != "buyer_to_maker":
        raise InvalidTransition("只能回复需求方对您的评价", "Only a buyer's review can be answered",
                                code="NOT_REPLIABLE")
    if review.revealed_at is None:
        raise InvalidTransition("评价公开后才能回复", "Reply after the review is revealed",
                                code="NOT_REVEALED")
    if review.reply is not None:
        raise ValidationError("每条评价只能回复一次", "A review can be answered once",
                              code="DUPLICATE")
    if not text.strip():
        raise ValidationError("回复不能为空", "The reply is empty", code="BAD_REPLY")
    review.reply = text.strip()
    review.replied_at = now
    session.flush()
    audit.record(session, actor.id, "review.reply", "review", review.id, {"reply": None},
                 {"reply": review.reply}, now)
    return review


def visible_reviews(session: Session, actor: User, order_id: int) -> list[Review]:
    """What `actor` may see of an order's reviews: revealed ones, plus their own."""
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound(f"订单 #{order_id} 不存在", f"No order #{order_id}")
    permissions.check(actor, "order.view", order)
    rows = session.scalars(select(Review).where(Review.order_id == order.id).order_by(Review.id))
    staff = actor.has_role("staff")
    return [r for r in rows if r.revealed_at is not None or r.author_id == actor.id
            or (staff and actor.id not in (order.buyer_id, order.maker_id))]
