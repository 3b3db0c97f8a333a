"""The window's door to the market services: one call per thing a view shows or does.

Every method runs on a runner thread (writes in the write lane), opens its own unit of work
through `MarketService`, and returns plain values the views can hold after the session is gone.
Permissions, state machines and money rules all live in `creator_studio.core.market`; this
adapter only names the acting user, adds idempotency keys and shapes rows for tables.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    display_name: str
    roles: frozenset
    business_line: str | None = None


PROGRAM_CODE = "maker"  # the maker programme (持证上岗); versions share this code


def _program_dict(p, with_bank: bool = True) -> dict:
    """A programme version as plain values; makers get it without the question bank (the key)."""
    out = {"id": p.id, "code": p.code, "version": p.version, "title": p.title,
            "forms": list(p.forms), "modules": [dict(m) for m in p.modules],
            "question_bank": [dict(q) for q in p.question_bank], "exam_size": p.exam_size,
            "pass_mark": p.pass_mark, "max_attempts": p.max_attempts,
            "cooloff_days": p.cooloff_days, "validity_days": p.validity_days,
            "locked": bool(p.locked)}
    if not with_bank:
        out["question_bank"] = []
    return out


def _key(what: str) -> str:
    return f"ui-{what}-{uuid.uuid4().hex}"


class MarketBackend:
    def __init__(self, url: str | None = None) -> None:
        from creator_studio.core.market.uow import MarketService
        from creator_studio.core.store.engine import make_engine, upgrade_to_head

        from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

        from creator_studio.core.errors import StudioError

        try:
            self.engine = make_engine(url)
            upgrade_to_head(self.engine)
        except (OperationalError, ArgumentError, NoSuchModuleError) as exc:
            shown = url or "SQLite (默认 / default)"
            raise StudioError(f"无法打开数据库（{shown}），请检查设置中的数据库地址或网络",
                              f"Cannot open the database ({shown}); check the database URL in "
                              f"the settings or the network", code="DB_UNAVAILABLE",
                              details={"error": str(exc)[:300]}) from exc
        # No checker override: deliveries are checked by the real norms (the published set).
        self.svc = MarketService(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def now(self) -> datetime:
        return self.svc.now()

    # -- accounts -------------------------------------------------------------------------------
    @staticmethod
    def _info(u) -> UserInfo:
        bl = u.business_line.name if getattr(u, "business_line", None) else None
        return UserInfo(u.id, u.login, u.display_name, frozenset(u.roles), bl)

    def status(self) -> dict:
        from sqlalchemy import func, select

        from creator_studio.core.store.models import User

        with self.svc.read() as s:
            n = s.scalar(select(func.count()).select_from(User)) or 0
        return {"users": int(n), "samples": self.sample_accounts() if n else []}

    SAMPLE_LOGINS = (("maker01", "maker"), ("buyer01", "buyer"), ("staff01", "staff"))

    def sample_accounts(self) -> list[dict]:
        """The demo's sample maker, buyer and staff member, when the demo scenario is loaded."""
        try:
            from creator_studio.core.market import demo
        except ImportError:
            return []
        from sqlalchemy import select

        from creator_studio.core.store.models import User

        password = getattr(demo, "PASSWORD", None)
        if not password:
            return []
        out = []
        with self.svc.read() as s:
            for login, role in self.SAMPLE_LOGINS:
                u = s.scalar(select(User).where(User.login == login))
                if u is not None and role in u.roles:
                    out.append({"login": login, "password": password, "role": role,
                                "name": u.display_name})
        # Only offer them when the demo's password really is theirs (a real database may reuse
        # the login names): checked once, on the first sample.
        if out:
            from creator_studio.core.errors import StudioError

            try:
                self.svc.login(out[0]["login"], password)
            except StudioError:
                return []
        return out

    def load_demo(self, job=None) -> dict:
        from creator_studio.core.market import demo

        if job is not None:
            job.progress(0, 1, "")
        demo.fill_demo(self.engine, store=self.svc.store)
        if job is not None:
            job.progress(1, 1, "")
        return self.status()

    def login(self, login: str, password: str) -> UserInfo:
        u = self.svc.login(login, password)
        with self.svc.read() as s:
            from creator_studio.core.store.models import User

            return self._info(s.get(User, u.id))

    def notifications(self, user: UserInfo, limit: int = 200) -> list[dict]:
        from creator_studio.core.market import notifications

        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            return [{"id": n.id, "kind": n.kind, "zh": n.title_zh, "en": n.title_en,
                     "created_at": n.created_at, "read": n.read_at is not None}
                    for n in notifications.list_for(s, actor, limit=limit)]

    def mark_notifications_read(self, user: UserInfo) -> int:
        from creator_studio.core.market import notifications

        return self.svc.call(notifications.mark_read, user.id, None)

    def business_lines(self) -> list[tuple[int, str]]:
        from sqlalchemy import select

        from creator_studio.core.store.models import BusinessLine

        with self.svc.read() as s:
            return [(b.id, b.name) for b in s.scalars(select(BusinessLine).where(
                BusinessLine.active.is_(True)).order_by(BusinessLine.id))]

    # -- maker -----------------------------------------------------------------------------------
    def open_requests(self, user: UserInfo, limit: int, offset: int) -> list:
        from creator_studio.core.market import queries

        with self.svc.read() as s:
            return queries.open_requests_for_maker(s, user.id, self.now(), limit=limit,
                                                   offset=offset)

    def maker_orders(self, user: UserInfo, limit: int, offset: int, status: str | None = None):
        from creator_studio.core.market import queries

        with self.svc.read() as s:
            return queries.maker_orders(s, user.id, status=status, limit=limit, offset=offset)

    def my_offers(self, user: UserInfo) -> list[dict]:
        from sqlalchemy import select

        from creator_studio.core.store.models import Offer, Request

        with self.svc.read() as s:
            q = (select(Offer, Request.title).join(Request, Request.id == Offer.request_id)
                 .where(Offer.maker_id == user.id).order_by(Offer.created_at.desc()).limit(500))
            return [{"id": o.id, "request_id": o.request_id, "title": t, "price_fen": o.price_fen,
                     "days": o.days, "status": o.status, "created_at": o.created_at}
                    for o, t in s.execute(q)]

    def make_offer(self, user: UserInfo, request_id: int, price_fen: int, days: int,
                   message: str = ""):
        from creator_studio.core.market import offers

        o = self.svc.call(offers.make_offer, user.id, request_id, price_fen=price_fen, days=days,
                          message=message)
        return o.id

    def withdraw_offer(self, user: UserInfo, offer_id: int) -> str:
        from creator_studio.core.market import offers

        return self.svc.call(offers.withdraw_offer, user.id, offer_id).status

    def maker_summary(self, user: UserInfo) -> dict:
        from creator_studio.core.market import queries

        out: dict[str, Any] = {}
        with self.svc.read() as s:
            out["summary"] = queries.maker_summary(s, user.id)
        try:
            from creator_studio.core.market import grading
            from creator_studio.core.store.models import User

            with self.svc.read() as s:
                out["explain"] = grading.explain(s, s.get(User, user.id), user.id, self.now())
        except Exception as exc:  # shown as "not available" rather than failing the whole view
            log.info("level explanation unavailable: %s", exc)
            out["explain"] = None
        out["certificates"] = self.certificates(user)
        out["earnings"] = self.earnings(user)
        return out

    def certificates(self, user: UserInfo) -> list[dict]:
        from sqlalchemy import select

        from creator_studio.core.store.models import Certificate

        with self.svc.read() as s:
            return [{"id": c.id, "number": c.number, "forms": list(c.forms), "status": c.status,
                     "issued_at": c.issued_at, "expires_at": c.expires_at,
                     "code": c.verification_code}
                    for c in s.scalars(select(Certificate).where(Certificate.holder_id == user.id)
                                       .order_by(Certificate.issued_at.desc()))]

    def earnings(self, user: UserInfo) -> list[dict]:
        from sqlalchemy import func, select

        from creator_studio.core.store.models import Order

        with self.svc.read() as s:
            month = func.strftime("%Y-%m", Order.accepted_at) if self.engine.dialect.name == "sqlite" \
                else func.to_char(Order.accepted_at, "YYYY-MM")
            q = (select(month, func.count(), func.coalesce(func.sum(Order.payout_fen), 0),
                        func.coalesce(func.sum(Order.price_fen), 0))
                 .where(Order.maker_id == user.id, Order.status.in_(("accepted", "paid")))
                 .group_by(month).order_by(month.desc()).limit(24))
            return [{"month": m, "orders": int(n), "paid_fen": int(p), "agreed_fen": int(a)}
                    for m, n, p, a in s.execute(q)]

    def deliver(self, user: UserInfo, order_id: int, package: Path, note: str = ""):
        from creator_studio.core.market import deliveries

        d = self.svc.call(deliveries.deliver, user.id, order_id, Path(package),
                          key=_key("deliver"), store=self.svc.store, note=note,
                          norms_checker=self.svc.norms_checker)
        return d.id

    # -- maker: the certification programme ---------------------------------------------------
    def cert_status(self, user: UserInfo, code: str = PROGRAM_CODE) -> dict:
        """The programme in force, the maker's latest application with its progress, and the
        maker's certificates: everything the "my certification" view shows, as plain values."""
        from sqlalchemy import select

        from creator_studio.core.market import certification
        from creator_studio.core.store.models_cert import (
            CertApplication,
            CertProgram,
            ExamAttempt,
            TrainingCompletion,
        )

        out: dict[str, Any] = {"program": None, "application": None}
        with self.svc.read() as s:
            prog = certification.current_program(s, code, required=False)
            if prog is not None:
                out["program"] = _program_dict(prog, with_bank=False)
            app = s.scalar(select(CertApplication).join(CertProgram)
                           .where(CertApplication.maker_id == user.id, CertProgram.code == code)
                           .order_by(CertApplication.id.desc()).limit(1))
            if app is not None:
                done = set(s.scalars(select(TrainingCompletion.module_id)
                                     .where(TrainingCompletion.application_id == app.id)))
                attempts = s.scalars(select(ExamAttempt).where(ExamAttempt.application_id == app.id)
                                     .order_by(ExamAttempt.started_at, ExamAttempt.id)).all()
                p = app.program
                last = attempts[-1] if attempts else None
                out["application"] = {
                    "id": app.id, "status": app.status, "forms": list(app.forms),
                    "program": _program_dict(p, with_bank=False), "done": sorted(done),
                    "attempts": len(attempts), "attempts_left": max(0, p.max_attempts - len(attempts)),
                    "last_score": last.score if last else None,
                    "last_passed": last.passed if last else None,
                    "review_comment": app.review_comment or "",
                    "practical_norms": app.practical_norms,
                    "certificate_id": app.certificate_id}
        out["certificates"] = self.certificates(user)
        return out

    def cert_apply(self, user: UserInfo, forms: list[str], code: str = PROGRAM_CODE) -> int:
        from creator_studio.core.market import certification

        return self.svc.call(certification.apply, user.id, code, list(forms)).id

    def cert_complete_module(self, user: UserInfo, app_id: int, module_id: str) -> str:
        from creator_studio.core.market import certification

        return self.svc.call(certification.complete_module, user.id, app_id, module_id).status

    def cert_start_exam(self, user: UserInfo, app_id: int) -> dict:
        """A drawn paper (stems and options only: the service never hands out the key)."""
        from creator_studio.core.market import certification

        attempt, paper = self.svc.call(certification.start_exam, user.id, app_id)
        return {"attempt_id": attempt.id, "paper": paper}

    def cert_submit_exam(self, user: UserInfo, app_id: int, attempt_id: int,
                         answers: dict[str, list[int]]) -> dict:
        from creator_studio.core.market import certification

        a = self.svc.call(certification.submit_exam, user.id, attempt_id, answers)
        status = self.cert_status(user)["application"] or {}
        return {"score": a.score, "passed": bool(a.passed),
                "pass_mark": (status.get("program") or {}).get("pass_mark"),
                "attempts_left": status.get("attempts_left"), "status": status.get("status")}

    def cert_submit_practical(self, user: UserInfo, app_id: int, package: Path) -> str:
        from creator_studio.core.market import certification

        return self.svc.call(certification.submit_practical, user.id, app_id, Path(package),
                             filestore=self.svc.store).status

    def certificate_pdf(self, user: UserInfo, cert_id: int, out: Path) -> Path:
        from creator_studio.core.market import certification

        with self.svc.read() as s:
            return certification.certificate_pdf(s, self.svc.actor(s, user.id), cert_id, Path(out))

    def open_badge(self, user: UserInfo, cert_id: int, out: Path) -> Path:
        """The signed Open Badges 3.0 credential (with the JWT and the public key) as JSON."""
        from creator_studio.core import atomic
        from creator_studio.core.market import certification

        with self.svc.read() as s:
            badge = certification.open_badge(s, self.svc.actor(s, user.id), cert_id)
        atomic.write_json(Path(out), badge)
        return Path(out)

    # -- staff: the programme editor -------------------------------------------------------------
    def cert_program(self, code: str = PROGRAM_CODE) -> dict | None:
        from creator_studio.core.market import certification

        with self.svc.read() as s:
            prog = certification.current_program(s, code, required=False)
            return None if prog is None else _program_dict(prog)

    def save_program(self, user: UserInfo, program_id: int | None, fields: dict,
                     code: str = PROGRAM_CODE) -> dict:
        """`update_program` (a locked version becomes the next one) or, with none yet,
        `create_program`. Returns the version now in force."""
        from creator_studio.core.market import certification

        if program_id is None:
            prog = self.svc.call(certification.create_program, user.id, code=code, **fields)
        else:
            prog = self.svc.call(certification.update_program, user.id, program_id, **fields)
        return _program_dict(prog)

    # -- buyer -----------------------------------------------------------------------------------
    def buyer_orders(self, user: UserInfo, limit: int, offset: int, status: str | None = None):
        from creator_studio.core.market import queries

        with self.svc.read() as s:
            return queries.buyer_orders(s, user.id, status=status, limit=limit, offset=offset)

    def buyer_requests(self, user: UserInfo, limit: int = 200, offset: int = 0) -> list[dict]:
        from sqlalchemy import func, select

        from creator_studio.core.store.models import Offer, Request

        with self.svc.read() as s:
            n_offers = (select(func.count()).where(Offer.request_id == Request.id,
                                                   Offer.status == "active")
                        .correlate(Request).scalar_subquery())
            q = (select(Request, n_offers).where(Request.buyer_id == user.id)
                 .order_by(Request.created_at.desc(), Request.id.desc()).limit(limit).offset(offset))
            return [{"id": r.id, "title": r.title, "status": r.status, "budget_fen": r.budget_fen,
                     "deadline": r.deadline, "forms": sorted(f.form for f in r.form_rows),
                     "offers": int(n)} for r, n in s.execute(q)]

    def post_request(self, user: UserInfo, *, title: str, forms: list[str], budget_fen: int,
                     deadline: datetime, description: str = "", business_line_id: int | None = None,
                     files: list[Path] = ()) -> int:
        from creator_studio.core.market import requests

        with self.svc.write() as s:
            actor = self.svc.actor(s, user.id)
            now = self.now()
            posted = requests.create_request(s, actor, title=title, forms=forms,
                                             budget_fen=budget_fen, deadline=deadline, now=now,
                                             description=description,
                                             business_line_id=business_line_id)
            rid = posted.request.id
            for f in files:
                requests.attach_file(s, actor, rid, Path(f), self.svc.store, now)
            requests.publish_request(s, actor, rid, key=_key("publish"), now=now)
            return rid

    def offers_for(self, user: UserInfo, request_id: int) -> list[dict]:
        from creator_studio.core.market import queries, requests

        out = []
        names = self.level_names()
        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            for o in requests.offers_for(s, actor, request_id):
                summ = queries.maker_summary(s, o.maker_id)
                level = None
                try:
                    from creator_studio.core.market import grading

                    code = grading.level_at(s, o.maker_id, self.now())[0]
                    level = names.get(code, (code, code))
                except Exception:
                    level = None
                out.append({"id": o.id, "maker": o.maker.display_name, "maker_id": o.maker_id,
                            "price_fen": o.price_fen, "days": o.days, "message": o.message,
                            "status": o.status, "level": level,
                            "rating": summ.rating_avg, "ratings": summ.rating_count,
                            "done": summ.orders_done})
        return out

    def award(self, user: UserInfo, request_id: int, offer_id: int):
        from creator_studio.core.market import requests

        return self.svc.call(requests.award, user.id, request_id, offer_id, key=_key("award"))

    def order_action(self, user: UserInfo, order_id: int, action: str, reason: str | None = None,
                     **params):
        from creator_studio.core.market import orders

        return self.svc.call(orders.transition, user.id, "order", order_id, action,
                             key=_key(action), reason=reason, **params)

    def deliveries(self, user: UserInfo, order_id: int) -> list[dict]:
        from creator_studio.core.market import deliveries

        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            return [{"id": d.id, "version": d.version, "status": d.status,
                     "created_at": d.created_at, "norms": d.norms_report, "note": d.note}
                    for d in deliveries.list_deliveries(s, actor, order_id)]

    def fetch_delivery(self, user: UserInfo, delivery_id: int, dest: Path) -> Path:
        """Copy a delivery's package (a zip, hash-checked) and unpack it into `dest` for preview."""
        import shutil
        import zipfile
        from pathlib import PurePosixPath

        from creator_studio.core.market import deliveries

        dest = Path(dest)
        zpath = dest.parent / f"{dest.name}.zip"
        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            deliveries.fetch_package(s, actor, delivery_id, self.svc.store, zpath)
        tmp = dest.parent / f".{dest.name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        with zipfile.ZipFile(zpath) as zf:
            for info in zf.infolist():
                p = PurePosixPath(info.filename.replace("\\", "/"))
                if p.is_absolute() or ".." in p.parts:
                    continue  # never write outside the review folder
                zf.extract(info, tmp)
        shutil.rmtree(dest, ignore_errors=True)
        tmp.rename(dest)
        zpath.unlink(missing_ok=True)
        return dest

    def review(self, user: UserInfo, order_id: int, stars: int, comment: str = ""):
        from creator_studio.core.market import reviews

        return self.svc.call(reviews.submit_review, user.id, order_id, stars=stars,
                             comment=comment).id

    # -- staff -----------------------------------------------------------------------------------
    def cert_queue(self, user: UserInfo) -> list[dict]:
        from sqlalchemy import select

        from creator_studio.core.store.models_cert import CertApplication

        with self.svc.read() as s:
            q = (select(CertApplication).where(CertApplication.status == "practical_submitted")
                 .order_by(CertApplication.updated_at))
            return [{"id": a.id, "maker": a.maker.display_name, "forms": list(a.forms),
                     "submitted": a.updated_at, "norms": a.practical_norms}
                    for a in s.scalars(q)]

    def review_practical(self, user: UserInfo, app_id: int, approve: bool, comment: str):
        from creator_studio.core.market import certification

        app = self.svc.call(certification.review_practical, user.id, app_id, approve=approve,
                            comment=comment)
        return app.status

    def all_certificates(self, user: UserInfo, limit: int = 500) -> list[dict]:
        from sqlalchemy import select

        from creator_studio.core.store.models import Certificate

        with self.svc.read() as s:
            q = select(Certificate).order_by(Certificate.issued_at.desc()).limit(limit)
            return [{"id": c.id, "number": c.number, "holder": c.holder.display_name,
                     "forms": list(c.forms), "status": c.status, "reason": c.status_reason or "",
                     "expires_at": c.expires_at} for c in s.scalars(q)]

    def set_certificate_status(self, user: UserInfo, cert_id: int, status: str,
                               reason: str) -> int:
        """Revoke / suspend / reinstate; returns how many open orders staff must now look at."""
        from creator_studio.core.market import certification

        return len(self.svc.call(certification.set_certificate_status, user.id, cert_id, status,
                                 reason))

    def disputes(self, user: UserInfo) -> list[dict]:
        from sqlalchemy import select

        from creator_studio.core.store.models import Order, Request

        with self.svc.read() as s:
            q = (select(Order, Request.title).join(Request, Request.id == Order.request_id)
                 .where(Order.status == "disputed").order_by(Order.id))
            return [{"id": o.id, "title": t, "buyer": o.buyer.display_name,
                     "maker": o.maker.display_name, "price_fen": o.price_fen,
                     "reason": o.dispute_reason or ""} for o, t in s.execute(q)]

    def evaluate(self, user: UserInfo, period: str) -> list[dict]:
        from creator_studio.core.market import grading

        self.svc.call(grading.evaluate_period, user.id, period)
        return self.evaluation_table(user, period)

    def evaluation_table(self, user: UserInfo, period: str) -> list[dict]:
        from creator_studio.core.market import grading

        with self.svc.read() as s:
            rows = grading.evaluation_table(s, self.svc.actor(s, user.id), period)
        names = self.level_names()
        for r in rows:
            r["before_names"] = names.get(r["before"], (r["before"], r["before"]))
            r["after_names"] = names.get(r["after"], (r["after"], r["after"]))
        return rows

    def override_level(self, user: UserInfo, maker_id: int, period: str, level: str,
                       reason: str) -> str:
        from creator_studio.core.market import grading

        ev = self.svc.call(grading.override, user.id, maker_id, period, level, reason)
        return ev.final_level

    def export_statements(self, user: UserInfo, period: str, path: Path) -> dict:
        """Fix the period's pay lines (idempotent) and write the statements to CSV or XLSX."""
        from creator_studio.core.market import grading

        self.svc.call(grading.draw_statements, user.id, period)
        with self.svc.read() as s:
            sts = grading.statements(s, self.svc.actor(s, user.id), period)
        path = Path(path)
        (grading.export_xlsx if path.suffix.lower() == ".xlsx" else grading.export_csv)(sts, path)
        total = sum(int(getattr(st, "total_fen", 0) or 0) for st in sts)
        return {"path": str(path), "makers": len(sts), "total_fen": total}

    def current_norms(self) -> dict | None:
        from creator_studio.core.market import normsets

        with self.svc.read() as s:
            v = normsets.current_normset(s)
            return None if v is None else {"version": v.version, "rules": v.rules}

    def publish_norms(self, user: UserInfo, rules: dict, title: str = "") -> int:
        from creator_studio.core.market import normsets

        v = self.svc.call(normsets.publish_norms, user.id, rules, title=title)
        return v.version

    def grade_rules(self) -> dict | None:
        from creator_studio.core.market import grading

        with self.svc.read() as s:
            rules = grading.current_rules(s)
            return rules.to_dict() if hasattr(rules, "to_dict") else None

    def publish_grade_rules(self, user: UserInfo, rules: dict, note: str = ""):
        from creator_studio.core.market import grading

        return self.svc.call(grading.publish_rules, user.id, rules, note)

    def dashboard(self, user: UserInfo) -> dict:
        """Figures for the staff charts (counts only; reporting, not rules)."""
        from sqlalchemy import func, select

        from creator_studio.core.store.models import BusinessLine, Order, Request, Review

        with self.svc.read() as s:
            sqlite = self.engine.dialect.name == "sqlite"
            month = func.strftime("%Y-%m", Order.created_at) if sqlite \
                else func.to_char(Order.created_at, "YYYY-MM")
            per_month = [(m, int(n)) for m, n in s.execute(
                select(month, func.count()).group_by(month).order_by(month))][-12:]
            per_line = [(name or "—", int(n)) for name, n in s.execute(
                select(BusinessLine.name, func.count(Order.id))
                .select_from(Order).join(Request, Request.id == Order.request_id)
                .outerjoin(BusinessLine, BusinessLine.id == Request.business_line_id)
                .group_by(BusinessLine.name).order_by(func.count(Order.id).desc()))]
            stars = dict(s.execute(select(Review.stars, func.count())
                                   .where(Review.direction == "buyer_to_maker")
                                   .group_by(Review.stars)).all())
            by_status = dict(s.execute(select(Order.status, func.count())
                                       .group_by(Order.status)).all())
            done = s.execute(select(Order.created_at, Order.accepted_at)
                             .where(Order.accepted_at.is_not(None)).limit(5000)).all()
        turnaround: dict[str, int] = {}
        for created, accepted in done:
            days = max(0, (accepted - created).days)
            bucket = "≤3" if days <= 3 else "4–7" if days <= 7 else "8–14" if days <= 14 else ">14"
            turnaround[bucket] = turnaround.get(bucket, 0) + 1
        out = {"orders_per_month": per_month, "orders_per_line": per_line,
               "stars": [(f"{k}★", int(stars.get(k, 0))) for k in range(1, 6)],
               "status": sorted(by_status.items()),
               "turnaround": [(b, turnaround.get(b, 0)) for b in ("≤3", "4–7", "8–14", ">14")]}
        out["nps"] = self._nps_distribution()
        names = self.level_names()
        counts = dict(self._level_distribution())
        order = list(names) + [c for c in counts if c not in names]
        out["levels"] = [(c, counts.get(c, 0)) for c in order]
        out["level_names"] = names
        return out

    def _nps_distribution(self) -> list[tuple[str, int]]:
        try:
            from sqlalchemy import func, select

            from creator_studio.core.store.models import NpsResponse
        except ImportError:
            return []
        with self.svc.read() as s:
            rows = dict(s.execute(select(NpsResponse.score, func.count())
                                  .group_by(NpsResponse.score)).all())
        return [(str(k), int(rows.get(k, 0))) for k in range(11)]

    def level_names(self) -> dict[str, tuple[str, str]]:
        """Level code → (中文 name, English name) from the grade rules in force."""
        try:
            from creator_studio.core.market import grading

            with self.svc.read() as s:
                rules = grading.current_rules(s)
            return {lv.code: (lv.name, lv.name_en or lv.name) for lv in rules.levels}
        except Exception:
            log.info("grade rules unavailable", exc_info=True)
            return {}

    def _level_distribution(self) -> list[tuple[str, int]]:
        try:
            from sqlalchemy import func, select

            from creator_studio.core.store.models_cert import MakerGrade
        except ImportError:
            return []
        with self.svc.read() as s:
            return [(lv, int(n)) for lv, n in s.execute(
                select(MakerGrade.level, func.count()).group_by(MakerGrade.level))]
