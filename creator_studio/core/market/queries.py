"""The list queries behind the views (and the benchmark): plain rows, no lazy loading.

Each returns small frozen dataclasses with exactly what a list view shows, built from a single
SELECT (plus one for the forms of the rows shown), using the indexes declared in the models:
``requests(status, deadline)``, ``request_forms(request_id, form)``, ``offers(request_id,
maker_id)``, ``orders(buyer_id, created_at)``, ``reviews(subject_id, direction, revealed_at)``,
``nps_responses(maker_id, score)``, ``orders(maker_id, status)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session, aliased

from creator_studio.core.market.gate import certified_forms
from creator_studio.core.market.nps import MIN_COUNT, NpsSummary
from creator_studio.core.market.nps import summary as nps_summary
from creator_studio.core.store.models import (
    BusinessLine,
    Offer,
    Order,
    Request,
    RequestForm,
    Review,
    User,
)


@dataclass(frozen=True)
class OpenRequestRow:
    id: int
    title: str
    business_line: str | None
    buyer_name: str
    budget_fen: int
    deadline: datetime
    revisions_included: int
    forms: tuple[str, ...]


@dataclass(frozen=True)
class OrderRow:
    id: int
    request_id: int
    title: str
    maker_name: str
    price_fen: int
    status: str
    due_at: datetime
    late: bool
    created_at: datetime


@dataclass(frozen=True)
class MakerSummary:
    maker_id: int
    rating_count: int
    rating_sum: int
    orders_done: int
    orders_late: int
    nps: NpsSummary

    @property
    def rating_avg(self) -> Decimal | None:
        """Mean stars to 2 places (exact Decimal, no float); None without ratings."""
        if not self.rating_count:
            return None
        return (Decimal(self.rating_sum) / Decimal(self.rating_count)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def open_requests_stmt(maker_id: int, forms: set[str], now: datetime, limit: int, offset: int):  # noqa: ANN201
    not_covered = exists().where(RequestForm.request_id == Request.id,
                                 RequestForm.form.not_in(sorted(forms)))
    offered = exists().where(Offer.request_id == Request.id, Offer.maker_id == maker_id)
    return (select(Request.id, Request.title, BusinessLine.name, User.display_name,
                   Request.budget_fen, Request.deadline, Request.revisions_included)
            .join(User, User.id == Request.buyer_id)
            .outerjoin(BusinessLine, BusinessLine.id == Request.business_line_id)
            .where(Request.status == "open", Request.deadline > now,
                   Request.buyer_id != maker_id, ~not_covered, ~offered)
            .order_by(Request.deadline, Request.id).limit(limit).offset(offset))


def open_requests_for_maker(session: Session, maker_id: int, now: datetime, *, limit: int = 50,
                            offset: int = 0) -> list[OpenRequestRow]:
    """Open requests this maker may take: every form certified, not yet offered, deadline ahead."""
    forms = certified_forms(session, maker_id, now)
    if not forms:
        return []
    rows = session.execute(open_requests_stmt(maker_id, forms, now, limit, offset)).all()
    by_req: dict[int, list[str]] = {}
    if rows:
        for rid, form in session.execute(select(RequestForm.request_id, RequestForm.form).where(
                RequestForm.request_id.in_([r[0] for r in rows]))):
            by_req.setdefault(rid, []).append(form)
    return [OpenRequestRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                           tuple(sorted(by_req.get(r[0], ())))) for r in rows]


def buyer_orders(session: Session, buyer_id: int, *, status: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[OrderRow]:
    maker = aliased(User)
    q = (select(Order.id, Order.request_id, Request.title, maker.display_name, Order.price_fen,
                Order.status, Order.due_at, Order.late, Order.created_at)
         .join(Request, Request.id == Order.request_id)
         .join(maker, maker.id == Order.maker_id)
         .where(Order.buyer_id == buyer_id))
    if status:
        q = q.where(Order.status == status)
    q = q.order_by(Order.created_at.desc(), Order.id.desc()).limit(limit).offset(offset)
    return [OrderRow(*r) for r in session.execute(q)]


def maker_orders(session: Session, maker_id: int, *, status: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[OrderRow]:
    maker = aliased(User)
    q = (select(Order.id, Order.request_id, Request.title, maker.display_name, Order.price_fen,
                Order.status, Order.due_at, Order.late, Order.created_at)
         .join(Request, Request.id == Order.request_id)
         .join(maker, maker.id == Order.maker_id)
         .where(Order.maker_id == maker_id))
    if status:
        q = q.where(Order.status == status)
    q = q.order_by(Order.created_at.desc(), Order.id.desc()).limit(limit).offset(offset)
    return [OrderRow(*r) for r in session.execute(q)]


def maker_summary(session: Session, maker_id: int, *, min_nps: int = MIN_COUNT) -> MakerSummary:
    """A maker's revealed buyer ratings, finished/late orders and learner NPS."""
    cnt, total = session.execute(
        select(func.count(), func.coalesce(func.sum(Review.stars), 0))
        .where(and_(Review.subject_id == maker_id, Review.direction == "buyer_to_maker",
                    Review.revealed_at.is_not(None)))).one()
    done, late = session.execute(
        select(func.count(), func.coalesce(func.sum(case((Order.late.is_(True), 1), else_=0)), 0))
        .where(Order.maker_id == maker_id, Order.status.in_(("accepted", "paid")))).one()
    return MakerSummary(maker_id, int(cnt), int(total), int(done), int(late),
                        nps_summary(session, maker_id=maker_id, min_count=min_nps))
