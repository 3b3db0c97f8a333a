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

from sqlalchemy import Integer, String, bindparam, case, exists, func, literal, select
from sqlalchemy.orm import Session, aliased

from creator_studio.core.errors import ValidationError
from creator_studio.core.market.gate import certified_forms
from creator_studio.core.market.nps import MIN_COUNT, NpsSummary
from creator_studio.core.store.models import (
    BusinessLine,
    NpsResponse,
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
    # Buyer ratings given but still hidden (revealed when both sides have rated or the window
    # closes): the average above does not include them yet (#18: "5.00" after a 4★ review).
    rating_pending: int = 0

    @property
    def rating_avg(self) -> Decimal | None:
        """Mean stars to 2 places (exact Decimal, no float); None without ratings."""
        if not self.rating_count:
            return None
        return (Decimal(self.rating_sum) / Decimal(self.rating_count)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def _const(value: str):  # noqa: ANN202
    """A constant rendered into the SQL text: PostgreSQL plans `status = 'open'` (selective)
    better than a generic plan for `status = $1`."""
    return literal(value, String, literal_execute=True)


# Statements are built once and executed with parameters on the session's connection: building
# a select() costs more than running these indexed queries, and compiled forms are cached.
_NOT_COVERED = exists().where(RequestForm.request_id == Request.id,
                              RequestForm.form.not_in(bindparam("forms", expanding=True)))
_OFFERED = exists().where(Offer.request_id == Request.id, Offer.maker_id == bindparam("maker_id"))
OPEN_REQUESTS = (
    select(Request.id, Request.title, BusinessLine.name, User.display_name,
           Request.budget_fen, Request.deadline, Request.revisions_included)
    .join(User, User.id == Request.buyer_id)
    .outerjoin(BusinessLine, BusinessLine.id == Request.business_line_id)
    .where(Request.status == _const("open"), Request.deadline > bindparam("now"),
           Request.buyer_id != bindparam("maker_id"), ~_NOT_COVERED, ~_OFFERED)
    .order_by(Request.deadline, Request.id)
    .limit(bindparam("limit", type_=Integer, literal_execute=True)).offset(bindparam("offset", type_=Integer, literal_execute=True)))
FORMS_OF = select(RequestForm.request_id, RequestForm.form).where(
    RequestForm.request_id.in_(bindparam("ids", expanding=True)))

_maker = aliased(User, name="maker")
_ORDER_ROW = (select(Order.id, Order.request_id, Request.title, _maker.display_name,
                     Order.price_fen, Order.status, Order.due_at, Order.late, Order.created_at)
              .join(Request, Request.id == Order.request_id)
              .join(_maker, _maker.id == Order.maker_id))
BUYER_ORDERS = (_ORDER_ROW.where(Order.buyer_id == bindparam("user_id"))
                .order_by(Order.created_at.desc(), Order.id.desc())
                .limit(bindparam("limit", type_=Integer, literal_execute=True)).offset(bindparam("offset", type_=Integer, literal_execute=True)))
BUYER_ORDERS_BY_STATUS = (_ORDER_ROW.where(Order.buyer_id == bindparam("user_id"),
                                           Order.status == bindparam("status"))
                          .order_by(Order.created_at.desc(), Order.id.desc())
                          .limit(bindparam("limit", type_=Integer, literal_execute=True)).offset(bindparam("offset", type_=Integer, literal_execute=True)))
MAKER_ORDERS = (_ORDER_ROW.where(Order.maker_id == bindparam("user_id"))
                .order_by(Order.created_at.desc(), Order.id.desc())
                .limit(bindparam("limit", type_=Integer, literal_execute=True)).offset(bindparam("offset", type_=Integer, literal_execute=True)))
MAKER_ORDERS_BY_STATUS = (_ORDER_ROW.where(Order.maker_id == bindparam("user_id"),
                                           Order.status == bindparam("status"))
                          .order_by(Order.created_at.desc(), Order.id.desc())
                          .limit(bindparam("limit", type_=Integer, literal_execute=True)).offset(bindparam("offset", type_=Integer, literal_execute=True)))

def display_names(session: Session, user_ids: list[int]) -> dict[int, str]:
    """Names to show for many people in one query (not one lazy load of each `User`)."""
    ids = sorted(set(user_ids))
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


def maker_summaries(session: Session, maker_ids: list[int], *,
                    min_nps: int = MIN_COUNT) -> dict[int, MakerSummary]:
    """`maker_summary` for many makers in four grouped queries (a buyer comparing the offers on
    a request: one query per figure per offer made a popular request's page slow)."""
    ids = sorted(set(maker_ids))
    if not ids:
        return {}
    rev = (Review.direction == "buyer_to_maker", Review.subject_id.in_(ids))
    ratings = {m: (int(c), int(t)) for m, c, t in session.execute(
        select(Review.subject_id, func.count(), func.coalesce(func.sum(Review.stars), 0))
        .where(*rev, Review.revealed_at.is_not(None)).group_by(Review.subject_id))}
    pending = {m: int(c) for m, c in session.execute(
        select(Review.subject_id, func.count()).where(*rev, Review.revealed_at.is_(None))
        .group_by(Review.subject_id))}
    done = {m: (int(c), int(lt)) for m, c, lt in session.execute(
        select(Order.maker_id, func.count(),
               func.coalesce(func.sum(case((Order.late.is_(True), 1), else_=0)), 0))
        .where(Order.maker_id.in_(ids), Order.status.in_(("accepted", "paid")))
        .group_by(Order.maker_id))}
    nps = {m: (int(n), int(p), int(d)) for m, n, p, d in session.execute(
        select(NpsResponse.maker_id, func.count(),
               func.coalesce(func.sum(case((NpsResponse.score >= 9, 1), else_=0)), 0),
               func.coalesce(func.sum(case((NpsResponse.score <= 6, 1), else_=0)), 0))
        .where(NpsResponse.maker_id.in_(ids)).group_by(NpsResponse.maker_id))}
    out = {}
    for m in ids:
        cnt, total = ratings.get(m, (0, 0))
        n_done, late = done.get(m, (0, 0))
        n, prom, det = nps.get(m, (0, 0, 0))
        out[m] = MakerSummary(m, cnt, total, n_done, late,
                              NpsSummary(n, prom, n - prom - det, det, min_nps), pending.get(m, 0))
    return out


def open_requests_for_maker(session: Session, maker_id: int, now: datetime, *, limit: int = 50,
                            offset: int = 0) -> list[OpenRequestRow]:
    """Open requests this maker may take: every form certified, not yet offered, deadline ahead."""
    _check_page(limit, offset)
    forms = certified_forms(session, maker_id, now)
    if not forms:
        return []
    conn = session.connection()
    rows = conn.execute(OPEN_REQUESTS, {"maker_id": maker_id, "now": now, "forms": sorted(forms),
                                        "limit": limit, "offset": offset}).all()
    by_req: dict[int, list[str]] = {}
    if rows:
        for rid, form in conn.execute(FORMS_OF, {"ids": [r[0] for r in rows]}):
            by_req.setdefault(rid, []).append(form)
    return [OpenRequestRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                           tuple(sorted(by_req.get(r[0], ())))) for r in rows]


ORDER_STATUSES = frozenset(("in_progress", "waiting_on_buyer", "delivered", "revision_requested",
                            "accepted", "paid", "cancel_requested", "cancelled", "disputed"))
MAX_PAGE = 1000


def _check_page(limit: object, offset: object) -> None:
    """LIMIT/OFFSET are rendered into the SQL text (see above), so they must be small ints."""
    for name, value, hi in (("limit", limit, MAX_PAGE), ("offset", offset, 10**9)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= hi:
            raise ValidationError(f"分页参数 {name} 无效", f"Bad paging value {name}",
                                  code="BAD_FILTER")


def _orders(session: Session, stmt, stmt_status, user_id: int, status: str | None,  # noqa: ANN001
            limit: int, offset: int) -> list[OrderRow]:
    _check_page(limit, offset)
    if status is not None and status not in ORDER_STATUSES:
        # A filter is user input too: a NUL byte or an unknown word is a typed refusal, not a
        # driver error (#20 defect 8).
        raise ValidationError("未知的订单状态筛选", "Unknown order status filter", code="BAD_FILTER")
    params = {"user_id": user_id, "limit": limit, "offset": offset}
    if status:
        params["status"] = status
    rows = session.connection().execute(stmt_status if status else stmt, params)
    return [OrderRow(*r) for r in rows]


def buyer_orders(session: Session, buyer_id: int, *, status: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[OrderRow]:
    """A buyer's orders, newest first."""
    return _orders(session, BUYER_ORDERS, BUYER_ORDERS_BY_STATUS, buyer_id, status, limit, offset)


def maker_orders(session: Session, maker_id: int, *, status: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[OrderRow]:
    """A maker's orders, newest first."""
    return _orders(session, MAKER_ORDERS, MAKER_ORDERS_BY_STATUS, maker_id, status, limit, offset)


def maker_summary(session: Session, maker_id: int, *, min_nps: int = MIN_COUNT) -> MakerSummary:
    """A maker's revealed buyer ratings, finished/late orders and learner NPS."""
    return maker_summaries(session, [maker_id], min_nps=min_nps)[maker_id]


