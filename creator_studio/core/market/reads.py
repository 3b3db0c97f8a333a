"""Permission-checked reads behind the market client: every screen's data as plain values.

These used to be raw ``select()``s in the window's adapter and the CLI, where nothing checked who
asked. Here each function takes the acting `User` first (like the write services) and checks the
permission table before it touches a row: staff-only lists need the staff role, a maker sees only
their own offers, orders, earnings and certificates, a buyer only their own requests. The team
server calls the same functions with the session's user, so in-process and HTTP answers agree.

Every function returns dicts of primitives (or the frozen rows of `queries`), never ORM objects:
the result must survive the session and travel as JSON.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creator_studio.core.errors import NotFound
from creator_studio.core.market import permissions, validate
from creator_studio.core.store.models import (
    BusinessLine,
    Certificate,
    NpsResponse,
    Offer,
    Order,
    Request,
    RequestFile,
    RequestForm,
    Review,
    User,
    UserRole,
)

TURNAROUND_BUCKETS = ("≤3", "4–7", "8–14", ">14")


def _month(session: Session, column):  # noqa: ANN001, ANN202
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y-%m", column)
    return func.to_char(column, "YYYY-MM")


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("用户不存在", f"No user {user_id}")
    return user


def program_dict(p, with_bank: bool = True) -> dict[str, Any]:  # noqa: ANN001
    """A programme version as plain values; makers get it without the question bank (the key)."""
    return {"id": p.id, "code": p.code, "version": p.version, "title": p.title,
            "forms": list(p.forms), "modules": [dict(m) for m in p.modules],
            "question_bank": [dict(q) for q in p.question_bank] if with_bank else [],
            "exam_size": p.exam_size, "pass_mark": p.pass_mark, "max_attempts": p.max_attempts,
            "cooloff_days": p.cooloff_days, "validity_days": p.validity_days,
            "locked": bool(p.locked)}


# --- before sign-in (no acting user) ---------------------------------------------------------

def user_count(session: Session) -> int:
    """How many accounts exist (the sign-in screen offers the demo when there are none)."""
    return int(session.scalar(select(func.count()).select_from(User)) or 0)


def users_with_role(session: Session, logins: tuple[str, ...], role: str) -> dict[str, str]:
    """login → display name for those of `logins` that hold `role` (demo sample accounts)."""
    rows = session.execute(select(User.login, User.display_name)
                           .join(UserRole, UserRole.user_id == User.id)
                           .where(User.login.in_(logins), UserRole.role == role))
    return {login: name for login, name in rows}


def user_info(session: Session, user_id: int) -> dict[str, Any]:
    """The signed-in user's own identity (id, login, name, roles, business line)."""
    u = _user(session, user_id)
    return {"id": u.id, "login": u.login, "display_name": u.display_name,
            "roles": sorted(u.roles),
            "business_line": u.business_line.name if u.business_line else None}


def business_lines(session: Session) -> list[tuple[int, str]]:
    """Active business lines (reference data every signed-in user may read)."""
    return [(b.id, b.name) for b in session.scalars(
        select(BusinessLine).where(BusinessLine.active.is_(True)).order_by(BusinessLine.id))]


def first_staff_id(session: Session) -> int | None:
    """The lowest-id staff account: only the embedded CLI uses it, on a database the local
    user owns anyway; a team server never acts "as the first staff account"."""
    return session.scalar(select(User.id).join(UserRole, UserRole.user_id == User.id)
                          .where(UserRole.role == "staff").order_by(User.id).limit(1))


def market_counts(session: Session) -> dict[str, Any]:
    """Users, requests and orders by status (the demo command's one-line summary)."""
    return {"users": user_count(session),
            "requests": int(session.scalar(select(func.count()).select_from(Request)) or 0),
            "orders": {s: int(n) for s, n in session.execute(
                select(Order.status, func.count()).group_by(Order.status))}}


# --- maker -----------------------------------------------------------------------------------

def my_offers(session: Session, actor: User, limit: int = 500) -> list[dict[str, Any]]:
    """The actor's own offers, newest first (nobody else's: the filter is the actor)."""
    q = (select(Offer, Request.title).join(Request, Request.id == Offer.request_id)
         .where(Offer.maker_id == actor.id).order_by(Offer.created_at.desc(), Offer.id.desc())
         .limit(limit))
    return [{"id": o.id, "request_id": o.request_id, "title": t, "price_fen": o.price_fen,
             "days": o.days, "status": o.status, "created_at": o.created_at}
            for o, t in session.execute(q)]


def certificates_of(session: Session, actor: User, holder_id: int) -> list[dict[str, Any]]:
    """A maker's certificates: the holder or staff (`cert.view` on the holder)."""
    holder = _user(session, holder_id)
    if holder.id != actor.id:  # one's own list (empty for a buyer); others' need staff
        permissions.check(actor, "cert.view", _HolderProbe(holder.id))
    return [{"id": c.id, "number": c.number, "forms": list(c.forms), "status": c.status,
             "issued_at": c.issued_at, "expires_at": c.expires_at, "code": c.verification_code}
            for c in session.scalars(select(Certificate).where(Certificate.holder_id == holder.id)
                                     .order_by(Certificate.issued_at.desc(), Certificate.id.desc()))]


class _HolderProbe:
    """What the `certificate_holder` ownership rule reads (a holder id), for list checks."""

    def __init__(self, holder_id: int) -> None:
        self.holder_id = holder_id


def earnings(session: Session, actor: User, maker_id: int, months: int = 24) -> list[dict[str, Any]]:
    """Accepted/paid orders per month for one maker: the maker themself or staff (`pay.view`)."""
    maker = _user(session, maker_id)
    if maker.id != actor.id:
        permissions.check(actor, "pay.view", maker)
    month = _month(session, Order.accepted_at)
    q = (select(month, func.count(), func.coalesce(func.sum(Order.payout_fen), 0),
                func.coalesce(func.sum(Order.price_fen), 0))
         .where(Order.maker_id == maker.id, Order.status.in_(("accepted", "paid")))
         .group_by(month).order_by(month.desc()).limit(months))
    rows = {m: {"month": m, "orders": int(n), "paid_fen": int(p), "agreed_fen": int(a),
                "rating_count": 0, "rating_sum": 0} for m, n, p, a in session.execute(q)}
    # #18: the maker's home charts ratings next to earnings — revealed buyer ratings per month
    # (a hidden rating is counted once it is revealed, as in the summary's average).
    rmonth = _month(session, Review.revealed_at)
    rq = (select(rmonth, func.count(), func.coalesce(func.sum(Review.stars), 0))
          .where(Review.subject_id == maker.id, Review.direction == "buyer_to_maker",
                 Review.revealed_at.is_not(None))
          .group_by(rmonth).order_by(rmonth.desc()).limit(months))
    for m, n, total in session.execute(rq):
        row = rows.setdefault(m, {"month": m, "orders": 0, "paid_fen": 0, "agreed_fen": 0,
                                  "rating_count": 0, "rating_sum": 0})
        row["rating_count"], row["rating_sum"] = int(n), int(total)
    # Newest month first; an accepted order without an acceptance time (imported history) has
    # no month and sorts last instead of breaking the comparison.
    return [rows[m] for m in sorted(rows, key=lambda m: (m is not None, m or ""),
                                    reverse=True)[:months]]


def cert_application(session: Session, actor: User, code: str) -> dict[str, Any] | None:
    """The actor's latest application to programme `code` with its progress (own only)."""
    from creator_studio.core.store.models_cert import (
        CertApplication,
        CertProgram,
        ExamAttempt,
        TrainingCompletion,
    )

    app = session.scalar(select(CertApplication).join(CertProgram)
                         .where(CertApplication.maker_id == actor.id, CertProgram.code == code)
                         .order_by(CertApplication.id.desc()).limit(1))
    if app is None:
        return None
    done = set(session.scalars(select(TrainingCompletion.module_id)
                               .where(TrainingCompletion.application_id == app.id)))
    attempts = session.scalars(select(ExamAttempt).where(ExamAttempt.application_id == app.id)
                               .order_by(ExamAttempt.started_at, ExamAttempt.id)).all()
    last = attempts[-1] if attempts else None
    p = app.program
    return {"id": app.id, "status": app.status, "forms": list(app.forms),
            "program": program_dict(p, with_bank=False),
            "done": sorted(done), "attempts": len(attempts),
            "attempts_left": max(0, p.max_attempts - len(attempts)),
            "last_score": last.score if last else None,
            "last_passed": last.passed if last else None,
            "review_comment": app.review_comment or "",
            "practical_norms": app.practical_norms, "certificate_id": app.certificate_id}


# --- buyer -----------------------------------------------------------------------------------

def buyer_requests(session: Session, actor: User, limit: int = 200,
                   offset: int = 0) -> list[dict[str, Any]]:
    """The actor's own requests with their count of offers still standing, newest first.

    Withdrawn offers do not count; after the award the chosen and the not-chosen ones still
    do (#18: an awarded request showed "0 offers").
    """
    n_offers = (select(func.count()).where(Offer.request_id == Request.id,
                                           Offer.status.in_(("active", "awarded", "lost")))
                .correlate(Request).scalar_subquery())
    # Plain columns, not ORM entities: a buyer's list page is read on every visit, and loading
    # 50 full `Request` objects with their form rows cost several times the SQL itself.
    q = (select(Request.id, Request.title, Request.status, Request.budget_fen, Request.deadline,
                n_offers).where(Request.buyer_id == actor.id)
         .order_by(Request.created_at.desc(), Request.id.desc()).limit(limit).offset(offset))
    rows = session.execute(q).all()
    forms: dict[int, list[str]] = {}
    if rows:
        for rid, form in session.execute(select(RequestForm.request_id, RequestForm.form).where(
                RequestForm.request_id.in_([r[0] for r in rows]))):
            forms.setdefault(rid, []).append(form)
    return [{"id": rid, "title": title, "status": status, "budget_fen": budget,
             "deadline": deadline, "forms": sorted(forms.get(rid, ())), "offers": int(n)}
            for rid, title, status, budget, deadline, n in rows]


def request_files(session: Session, actor: User, request_id: int) -> list[dict[str, Any]]:
    """A request's source files: its buyer, the maker whose offer was awarded, or staff."""
    req = session.get(Request, request_id)
    if req is None:
        raise NotFound(f"需求 #{request_id} 不存在", f"No request #{request_id}")
    permissions.check(actor, "request.read_files", req)
    return [{"id": f.id, "request_id": f.request_id, "name": f.name, "sha256": f.sha256,
             "size": int(f.size), "uploaded_at": f.uploaded_at}
            for f in session.scalars(select(RequestFile).where(RequestFile.request_id == req.id)
                                     .order_by(RequestFile.id))]


def request_file(session: Session, actor: User, file_id: int) -> dict[str, Any]:
    """One source file's row, after the same check as `request_files`."""
    f = session.get(RequestFile, file_id)
    if f is None:
        raise NotFound("素材文件不存在", f"No request file #{file_id}")
    permissions.check(actor, "request.read_files", f.request)
    return {"id": f.id, "request_id": f.request_id, "name": f.name, "sha256": f.sha256,
            "size": int(f.size), "uploaded_at": f.uploaded_at}


# --- staff -----------------------------------------------------------------------------------

def cert_queue(session: Session, actor: User) -> list[dict[str, Any]]:
    """Practical submissions waiting for a staff review."""
    from creator_studio.core.store.models_cert import CertApplication

    permissions.check(actor, "cert.review")
    q = (select(CertApplication).where(CertApplication.status == "practical_submitted")
         .order_by(CertApplication.updated_at, CertApplication.id))
    return [{"id": a.id, "maker": a.maker.display_name, "forms": list(a.forms),
             "submitted": a.updated_at, "norms": a.practical_norms} for a in session.scalars(q)]


def all_certificates(session: Session, actor: User, limit: int = 500) -> list[dict[str, Any]]:
    """Every certificate, newest first (staff: revoke / suspend / reinstate)."""
    permissions.check(actor, "cert.revoke")
    q = (select(Certificate).order_by(Certificate.issued_at.desc(), Certificate.id.desc())
         .limit(limit))
    return [{"id": c.id, "number": c.number, "holder": c.holder.display_name,
             "forms": list(c.forms), "status": c.status, "reason": c.status_reason or "",
             "expires_at": c.expires_at} for c in session.scalars(q)]


def certificate_id_by_number(session: Session, actor: User, number: str) -> int:
    """A certificate's id from its printed number, for its holder or staff."""
    validate.text("证书编号 / number", number, max_len=64, multiline=False, code="BAD_FILTER")
    c = session.scalar(select(Certificate).where(Certificate.number == number))
    if c is None:
        raise NotFound(f"证书 {number} 不存在", f"No certificate {number}")
    permissions.check(actor, "cert.view", c)
    return c.id


def disputes(session: Session, actor: User) -> list[dict[str, Any]]:
    """Open disputes for staff to decide."""
    permissions.check(actor, "order.resolve_dispute")
    q = (select(Order, Request.title).join(Request, Request.id == Order.request_id)
         .where(Order.status == "disputed").order_by(Order.id))
    return [{"id": o.id, "title": t, "buyer": o.buyer.display_name,
             "maker": o.maker.display_name, "price_fen": o.price_fen,
             "reason": o.dispute_reason or ""} for o, t in session.execute(q)]


def dashboard(session: Session, actor: User) -> dict[str, Any]:
    """Counts for the staff charts (reporting, not rules); level names are added by the client."""
    from creator_studio.core.store.models_cert import MakerGrade

    permissions.check(actor, "dashboard.read")
    month = _month(session, Order.created_at)
    per_month = [(m, int(n)) for m, n in session.execute(
        select(month, func.count()).group_by(month).order_by(month))][-12:]
    per_line = [(name or "—", int(n)) for name, n in session.execute(
        select(BusinessLine.name, func.count(Order.id))
        .select_from(Order).join(Request, Request.id == Order.request_id)
        .outerjoin(BusinessLine, BusinessLine.id == Request.business_line_id)
        .group_by(BusinessLine.name).order_by(func.count(Order.id).desc()))]
    stars = dict(session.execute(select(Review.stars, func.count())
                                 .where(Review.direction == "buyer_to_maker")
                                 .group_by(Review.stars)).all())
    by_status = {s: int(n) for s, n in session.execute(
        select(Order.status, func.count()).group_by(Order.status))}
    done = session.execute(select(Order.created_at, Order.accepted_at)
                           .where(Order.accepted_at.is_not(None)).limit(5000)).all()
    turnaround: dict[str, int] = {}
    for created, accepted in done:
        days = max(0, (accepted - created).days)
        bucket = "≤3" if days <= 3 else "4–7" if days <= 7 else "8–14" if days <= 14 else ">14"
        turnaround[bucket] = turnaround.get(bucket, 0) + 1
    nps = dict(session.execute(select(NpsResponse.score, func.count())
                               .group_by(NpsResponse.score)).all())
    levels = [(lv, int(n)) for lv, n in session.execute(
        select(MakerGrade.level, func.count()).group_by(MakerGrade.level))]
    return {"orders_per_month": per_month, "orders_per_line": per_line,
            "stars": [(f"{k}★", int(stars.get(k, 0))) for k in range(1, 6)],
            "status": sorted(by_status.items()),
            "turnaround": [(b, turnaround.get(b, 0)) for b in TURNAROUND_BUCKETS],
            "nps": [(str(k), int(nps.get(k, 0))) for k in range(11)],
            "level_counts": levels}
