"""The one market client interface: every market read and write the window and the CLI make.

`MarketClient` is a typing protocol with two implementations:

- `InProcessClient` (here): calls the `core.market` services directly on an embedded database
  (SQLite in the user data folder by default, or any SQLAlchemy URL). It is the default.
- the HTTP client of the team server (`core/market/http_client.py`, separate): maps the same calls
  onto the server's API.

Rules every implementation keeps, so the window works the same in both modes:

- Each method names the acting user first (`user: UserInfo`) — except the few that run before
  sign-in or read public reference data. **In team mode the server ignores the client-sent
  ``user`` and acts as the session's user**; the argument only tells the in-process client who
  is acting. Security lives in the services, never in the client.
- Reads return plain frozen values: frozen dataclasses (`queries.OpenRequestRow`, `OrderRow`,
  `MakerSummary`, `LevelExplanation`, `orders.TransitionResult`) or dicts/lists/tuples of
  primitives (str, int, bool, None, datetime, Decimal). Never ORM objects.
- Writes take an optional idempotency ``key``: make it once per user action (when the button is
  pressed) and pass the same key on a retry. Without one, the client makes a fresh key per call.
  A replay returns the earlier result only to the same actor with the same parameters; anything
  else is the typed error ``IDEMPOTENCY_KEY_REUSED``.
- Failures are `StudioError`s (code + 中文 + English); the HTTP client re-raises the same codes.

`open_market(url)` is the one way to open the market in-process: engine, migrations to head, and
a typed ``DB_UNAVAILABLE`` when the database cannot be reached.
"""

from __future__ import annotations

import logging
import shutil
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from creator_studio.core.errors import StudioError

if TYPE_CHECKING:  # named in the protocol's return annotations only (resolved by the team
    # server's schema generator): the HTTP client never has to load SQLAlchemy for them
    from creator_studio.core.market import orders, queries, shapes

log = logging.getLogger(__name__)

PROGRAM_CODE = "maker"  # the maker programme (持证上岗); versions share this code
SAMPLE_LOGINS = (("maker01", "maker"), ("buyer01", "buyer"), ("staff01", "staff"))


@dataclass(frozen=True)
class UserInfo:
    """Who is signed in: what the window needs to show and to name the acting user."""

    id: int
    login: str
    display_name: str
    roles: frozenset
    business_line: str | None = None


@dataclass(frozen=True)
class LevelExplanation:
    """Why a maker is at their level and what the next one needs (a frozen copy of
    `grading.Explanation`)."""

    level: str
    level_name: str
    multiplier: str
    at_risk: bool
    reasons: tuple[str, ...]
    next_level: str | None
    gap: tuple[str, ...]
    metrics: dict
    # English text from core (#18: English mode showed the Chinese reasons); empty → Chinese.
    level_name_en: str = ""
    reasons_en: tuple[str, ...] = ()
    gap_en: tuple[str, ...] = ()

    def text(self, language: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """(level name, reasons, gap) in `language` ("en…" → English, otherwise Chinese)."""
        if language.startswith("en") and self.level_name_en:
            return self.level_name_en, self.reasons_en or self.reasons, self.gap_en or self.gap
        return self.level_name, self.reasons, self.gap


def new_key(what: str) -> str:
    """A fresh idempotency key for one user action (make it when the button is pressed)."""
    return f"ui-{what}-{uuid.uuid4().hex}"


@runtime_checkable
class MarketClient(Protocol):
    """Every market call of the window and the CLI. See the module docstring for the rules."""

    # lifecycle and session-less calls
    def close(self) -> None: ...
    def now(self) -> datetime: ...
    def status(self) -> dict: ...
    def sample_accounts(self) -> list[dict]: ...
    def load_demo(self, job: Any = None) -> dict: ...
    def login(self, login: str, password: str) -> UserInfo: ...
    def business_lines(self) -> list[tuple[int, str]]: ...
    def current_norms(self) -> shapes.NormsInForce | None: ...
    def grade_rules(self) -> shapes.GradeRulesDoc | None: ...
    def level_names(self) -> dict[str, tuple[str, str]]: ...
    def cert_program(self, code: str = PROGRAM_CODE) -> shapes.CertProgram | None: ...

    # notifications
    def notifications(self, user: UserInfo, limit: int = 200) -> list[shapes.Notification]: ...
    def mark_notifications_read(self, user: UserInfo) -> int: ...

    # maker
    def open_requests(self, user: UserInfo, limit: int,
                      offset: int) -> list[queries.OpenRequestRow]: ...
    def maker_orders(self, user: UserInfo, limit: int, offset: int,
                     status: str | None = None) -> list[queries.OrderRow]: ...
    def my_offers(self, user: UserInfo) -> list[shapes.MyOffer]: ...
    def make_offer(self, user: UserInfo, request_id: int, price_fen: int, days: int,
                   message: str = "", *, key: str | None = None) -> int: ...
    def withdraw_offer(self, user: UserInfo, offer_id: int, *, key: str | None = None) -> str: ...
    def maker_summary(self, user: UserInfo) -> shapes.MakerRecord: ...
    def certificates(self, user: UserInfo) -> list[shapes.Certificate]: ...
    def earnings(self, user: UserInfo) -> list[shapes.EarningMonth]: ...
    def deliver(self, user: UserInfo, order_id: int, package: Path, note: str = "", *,
                key: str | None = None) -> int: ...
    def request_files(self, user: UserInfo,
                      request_id: int) -> list[shapes.RequestFile]: ...
    def fetch_request_file(self, user: UserInfo, file_id: int, dest: Path) -> Path: ...

    # maker: certification
    def cert_status(self, user: UserInfo, code: str = PROGRAM_CODE) -> shapes.CertStatus: ...
    def cert_apply(self, user: UserInfo, forms: list[str], code: str = PROGRAM_CODE) -> int: ...
    def cert_complete_module(self, user: UserInfo, app_id: int, module_id: str) -> str: ...
    def cert_start_exam(self, user: UserInfo, app_id: int) -> shapes.ExamPaper: ...
    def cert_submit_exam(self, user: UserInfo, app_id: int, attempt_id: int,
                         answers: dict[str, list[int]]) -> shapes.ExamResult: ...
    def cert_submit_practical(self, user: UserInfo, app_id: int, package: Path) -> str: ...
    def certificate_pdf(self, user: UserInfo, cert_id: int, out: Path,
                        form_names: dict[str, str] | None = None) -> Path: ...
    def open_badge(self, user: UserInfo, cert_id: int, out: Path) -> Path: ...

    # buyer
    def buyer_orders(self, user: UserInfo, limit: int, offset: int,
                     status: str | None = None) -> list[queries.OrderRow]: ...
    def buyer_requests(self, user: UserInfo, limit: int = 200,
                       offset: int = 0) -> list[shapes.BuyerRequest]: ...
    def post_request(self, user: UserInfo, *, title: str, forms: list[str], budget_fen: int,
                     deadline: datetime, description: str = "",
                     business_line_id: int | None = None, attachments: Iterable[Path] = (),
                     key: str | None = None) -> int: ...
    def offers_for(self, user: UserInfo, request_id: int) -> list[shapes.OfferForBuyer]: ...
    def award(self, user: UserInfo, request_id: int, offer_id: int, *,
              key: str | None = None) -> orders.TransitionResult: ...
    def order_action(self, user: UserInfo, order_id: int, action: str,
                     reason: str | None = None, *, key: str | None = None,
                     **params: Any) -> orders.TransitionResult: ...
    def deliveries(self, user: UserInfo, order_id: int) -> list[shapes.DeliveryInfo]: ...
    def fetch_delivery(self, user: UserInfo, delivery_id: int, dest: Path) -> Path: ...
    def review(self, user: UserInfo, order_id: int, stars: int, comment: str = "") -> int: ...

    # staff
    def cert_queue(self, user: UserInfo) -> list[shapes.PracticalToReview]: ...
    def review_practical(self, user: UserInfo, app_id: int, approve: bool, comment: str) -> str: ...
    def all_certificates(self, user: UserInfo,
                         limit: int = 500) -> list[shapes.StaffCertificate]: ...
    def set_certificate_status(self, user: UserInfo, cert_id: int, status: str,
                               reason: str) -> int: ...
    def disputes(self, user: UserInfo) -> list[shapes.Dispute]: ...
    def evaluate(self, user: UserInfo, period: str) -> list[shapes.EvaluationRow]: ...
    def evaluation_table(self, user: UserInfo, period: str) -> list[shapes.EvaluationRow]: ...
    def override_level(self, user: UserInfo, maker_id: int, period: str, level: str,
                       reason: str) -> str: ...
    def export_statements(self, user: UserInfo, period: str,
                          path: Path) -> shapes.StatementsExport: ...
    def publish_norms(self, user: UserInfo, rules: dict, title: str = "") -> int: ...
    def publish_grade_rules(self, user: UserInfo, rules: dict, note: str = "") -> int: ...
    def save_program(self, user: UserInfo, program_id: int | None, fields: dict,
                     code: str = PROGRAM_CODE) -> shapes.CertProgram: ...
    def dashboard(self, user: UserInfo) -> shapes.Dashboard: ...

    # administration (the CLI's admin commands; staff only, checked by the services)
    def import_users(self, user: UserInfo, source: Path) -> shapes.ImportReport: ...
    def run_timers(self, user: UserInfo) -> shapes.TimerReport: ...
    def cert_reminders(self, user: UserInfo) -> shapes.CertReminders: ...
    def evaluate_period(self, user: UserInfo, period: str) -> shapes.EvaluationSummary: ...
    def certificate_id(self, user: UserInfo, number: str) -> int: ...
    def verify_certificate(self, code: str) -> shapes.CertificateCheck: ...

    # == The order as a conversation (#17, helper G) — brief, thread, pinned review comments ===
    # Plain values in and out (files as Path), so the team server can carry every call as is.
    def request_brief(self, user: UserInfo, request_id: int) -> shapes.RequestBrief: ...
    def order_thread(self, user: UserInfo,
                     order_id: int) -> list[shapes.ThreadEvent | shapes.ThreadMessage]: ...
    def post_message(self, user: UserInfo, order_id: int, body: str = "",
                     attachments: list[Path] = (), *,
                     key: str | None = None) -> shapes.ThreadMessage: ...
    def fetch_message_file(self, user: UserInfo, file_id: int, dest: Path) -> Path: ...
    def mark_thread_read(self, user: UserInfo, order_id: int) -> int: ...
    def unread_counts(self, user: UserInfo) -> list[shapes.UnreadCount]: ...
    def review_comments(self, user: UserInfo, order_id: int,
                        version: int | None = None) -> list[shapes.ListedReviewComment]: ...
    def add_review_comment(self, user: UserInfo, order_id: int, delivery_id: int, body: str, *,
                           severity: str = "must_fix", anchor: str = "page",
                           page_id: str | None = None, page_label: str = "",
                           x_bp: int | None = None, y_bp: int | None = None,
                           time_ms: int | None = None, line_id: str | None = None,
                           form: str | None = None,
                           key: str | None = None) -> shapes.ReviewComment: ...
    def set_comment_status(self, user: UserInfo, comment_id: int, action: str, note: str = "",
                           *, key: str | None = None) -> shapes.ReviewComment: ...
    def request_revision_with_comments(self, user: UserInfo, order_id: int, note: str = "", *,
                                       key: str | None = None) -> shapes.RevisionRequest: ...
    def export_review(self, user: UserInfo, order_id: int, dest: Path) -> Path: ...
    def order_dossier(self, user: UserInfo, order_id: int) -> shapes.OrderDossier: ...
    def cert_evidence(self, user: UserInfo, app_id: int) -> shapes.CertEvidence: ...
    def fetch_practical(self, user: UserInfo, app_id: int, dest: Path) -> Path: ...
    def orders_to_pay(self, user: UserInfo) -> list[shapes.OrderToPay]: ...

    # == 微课大赛 contests (#19, helper I) ==================================================
    def list_contests(self, user: UserInfo) -> list[shapes.ContestInfo]: ...
    def get_contest(self, user: UserInfo, contest_id: int) -> shapes.ContestDetail: ...
    def create_contest(self, user: UserInfo, *, title: str, forms: list[str],
                       entries_open_at: datetime, entries_close_at: datetime,
                       judging_close_at: datetime, results_at: datetime, rubric: list[dict],
                       judges: list[int], description: str = "", rules: str = "",
                       entry_mode: str = "solo", team_max: int = 1, eligibility: str = "all",
                       eligible_lines: list[str] | None = None, normalisation: str = "zscore",
                       exclude_own_line: bool = False, extra_rules: dict | None = None,
                       award_bonus: dict | None = None,
                       key: str | None = None) -> shapes.ContestDetail: ...
    def publish_contest(self, user: UserInfo, contest_id: int) -> shapes.ContestDetail: ...
    def create_contest_team(self, user: UserInfo, contest_id: int, name: str, *,
                            key: str | None = None) -> shapes.ContestTeam: ...
    def invite_to_team(self, user: UserInfo, team_id: int, user_id: int) -> shapes.ContestTeam: ...
    def respond_to_invite(self, user: UserInfo, team_id: int,
                          accept: bool) -> shapes.ContestTeam: ...
    def submit_contest_entry(self, user: UserInfo, contest_id: int, package: Path, title: str, *,
                             key: str | None = None) -> shapes.ContestEntry: ...
    def list_my_contest_entries(self, user: UserInfo) -> list[shapes.ContestEntry]: ...
    def list_contest_entries(self, user: UserInfo,
                             contest_id: int) -> list[shapes.ContestEntry]: ...
    def get_judge_queue(self, user: UserInfo, contest_id: int) -> list[shapes.BlindEntry]: ...
    def fetch_blind_entry(self, user: UserInfo, entry_id: int, dest: Path) -> Path: ...
    def score_contest_entry(self, user: UserInfo, entry_id: int, scores: dict[str, int],
                            comments: dict[str, str] | None = None) -> shapes.ScoredEntry: ...
    def get_judging_progress(self, user: UserInfo,
                             contest_id: int) -> list[shapes.JudgeProgress]: ...
    def get_contest_results(self, user: UserInfo, contest_id: int) -> shapes.ContestResults: ...
    def publish_contest_awards(self, user: UserInfo, contest_id: int, awards: list[dict], *,
                               key: str | None = None) -> shapes.AwardsPublished: ...
    def list_my_awards(self, user: UserInfo) -> list[shapes.AwardCredentialView]: ...
    def award_pdf(self, user: UserInfo, credential_id: int, out: Path) -> Path: ...
    def award_badge(self, user: UserInfo, credential_id: int, out: Path) -> Path: ...
    def export_contest_xlsx(self, user: UserInfo, contest_id: int, path: Path,
                            form_names: dict[str, str] | None = None) -> Path: ...
    def export_contest_results_image(self, user: UserInfo, contest_id: int, path: Path) -> Path: ...
    def get_contest_dashboard(self, user: UserInfo,
                              contest_id: int) -> shapes.ContestDashboard: ...
    def update_contest(self, user: UserInfo, contest_id: int, *, title: str | None = None,
                       description: str | None = None, rules: str | None = None,
                       forms: list[str] | None = None, entry_mode: str | None = None,
                       team_max: int | None = None, eligibility: str | None = None,
                       eligible_lines: list[str] | None = None,
                       entries_open_at: datetime | None = None,
                       entries_close_at: datetime | None = None,
                       judging_close_at: datetime | None = None,
                       results_at: datetime | None = None, rubric: list[dict] | None = None,
                       judges: list[int] | None = None, normalisation: str | None = None,
                       exclude_own_line: bool | None = None, extra_rules: dict | None = None,
                       award_bonus: dict | None = None) -> shapes.ContestDetail:
        """Staff edit a draft contest (None: unchanged); checked like a new one, audited."""
        ...
    def list_people(self, user: UserInfo, query: str, limit: int = 20) -> list[shapes.Person]:
        """The people picker: active users by name, login or employee number, with their line."""
        ...


# ------------------------------------------------------------------------------------------------

def open_market(url: str | None = None, **kwargs: Any) -> "InProcessClient":
    """Open the market in-process: engine, migrations to head, typed ``DB_UNAVAILABLE``.

    `url` is any SQLAlchemy URL; None means ``CREATOR_STUDIO_DB_URL`` or the embedded SQLite file
    in the user data folder. Keyword arguments go to `MarketService` (clock, store, checker).
    """
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    from creator_studio.core.market.uow import MarketService
    from creator_studio.core.store.engine import make_engine, upgrade_to_head

    engine = None
    try:
        engine = make_engine(url)
        upgrade_to_head(engine)
    except (OperationalError, ArgumentError, NoSuchModuleError) as exc:
        if engine is not None:
            engine.dispose()
        shown = url or "SQLite (默认 / default)"
        raise StudioError(f"无法打开数据库（{shown}），请检查设置中的数据库地址或网络",
                          f"Cannot open the database ({shown}); check the database URL in "
                          f"the settings or the network", code="DB_UNAVAILABLE",
                          details={"error": str(exc)[:300]}) from exc
    return InProcessClient(MarketService(engine, **kwargs))


def upgrade_database(url: str | None = None) -> dict:
    """Bring an embedded/direct database to the newest schema (``admin db-upgrade``)."""
    from creator_studio.core.store.engine import current_revision, make_engine, upgrade_to_head

    engine = make_engine(url)
    try:
        before = current_revision(engine)
        upgrade_to_head(engine)
        return {"url": engine.url.render_as_string(hide_password=True), "before": before,
                "after": current_revision(engine)}
    finally:
        engine.dispose()


def _unzip_for_preview(zpath: Path, dest: Path) -> Path:
    """Unpack a package into `dest` (replacing it) without ever writing outside it."""
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
    return dest


class InProcessClient:
    """`MarketClient` over the services on a local engine (the embedded, single-user default).

    Each method opens its own unit of work through `MarketService` and returns plain values; the
    permission checks, state machines and money rules all live in the services it calls.
    """

    SAMPLE_LOGINS = SAMPLE_LOGINS

    def __init__(self, svc) -> None:  # noqa: ANN001 - a MarketService
        self.svc = svc
        self.engine = svc.engine
        self.location = svc.engine.url.render_as_string(hide_password=True)  # shown, never a secret

    def close(self) -> None:
        self.engine.dispose()

    def now(self) -> datetime:
        return self.svc.now()

    def _read(self, fn, user: UserInfo, *args: Any, **kwargs: Any):  # noqa: ANN001, ANN202
        return self.svc.read_as(fn, user.id, *args, **kwargs)

    # -- accounts -------------------------------------------------------------------------------
    def status(self) -> dict:
        from creator_studio.core.market import reads

        n = self.svc.query(reads.user_count)
        return {"users": n, "samples": self.sample_accounts() if n else []}

    def sample_accounts(self) -> list[dict]:
        """The demo's sample maker, buyer and staff member, when the demo scenario is loaded."""
        try:
            from creator_studio.core.market import demo
        except ImportError:
            return []
        from creator_studio.core.market import reads

        password = getattr(demo, "PASSWORD", None)
        if not password:
            return []
        out = []
        with self.svc.read() as s:
            for login, role in self.SAMPLE_LOGINS:
                names = reads.users_with_role(s, (login,), role)
                if login in names:
                    out.append({"login": login, "password": password, "role": role,
                                "name": names[login]})
        # Only offer them when the demo's password really is theirs (a real database may reuse
        # the login names): checked once, on the first sample.
        if out:
            try:
                self.svc.login(out[0]["login"], password)
            except StudioError:
                return []
        return out

    def load_demo(self, job: Any = None) -> dict:
        from creator_studio.core.market import demo

        if job is not None:
            job.progress(0, 1, "")
        demo.fill_demo(self.engine, store=self.svc.store)
        if job is not None:
            job.progress(1, 1, "")
        return self.status()

    def login(self, login: str, password: str) -> UserInfo:
        from creator_studio.core.market import reads

        u = self.svc.login(login, password)
        info = self.svc.query(reads.user_info, u.id)
        return UserInfo(info["id"], info["login"], info["display_name"],
                        frozenset(info["roles"]), info["business_line"])

    def notifications(self, user: UserInfo, limit: int = 200) -> list[shapes.Notification]:
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
        from creator_studio.core.market import reads

        return self.svc.query(reads.business_lines)

    # -- maker -----------------------------------------------------------------------------------
    def open_requests(self, user: UserInfo, limit: int, offset: int) -> list:
        from creator_studio.core.market import queries

        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            return queries.open_requests_for_maker(s, actor.id, self.now(), limit=limit,
                                                   offset=offset)

    def maker_orders(self, user: UserInfo, limit: int, offset: int, status: str | None = None):
        from creator_studio.core.market import queries

        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            return queries.maker_orders(s, actor.id, status=status, limit=limit, offset=offset)

    def my_offers(self, user: UserInfo) -> list[shapes.MyOffer]:
        from creator_studio.core.market import reads

        return self._read(reads.my_offers, user)

    def make_offer(self, user: UserInfo, request_id: int, price_fen: int, days: int,
                   message: str = "", *, key: str | None = None) -> int:
        from creator_studio.core.market import offers

        o = self.svc.call(offers.make_offer, user.id, request_id, price_fen=price_fen, days=days,
                          message=message, key=key or new_key("offer"))
        return o.id

    def withdraw_offer(self, user: UserInfo, offer_id: int, *, key: str | None = None) -> str:
        from creator_studio.core.market import offers

        return self.svc.call(offers.withdraw_offer, user.id, offer_id,
                             key=key or new_key("withdraw")).status

    def maker_summary(self, user: UserInfo) -> shapes.MakerRecord:
        """The maker's home page in one read: ratings, level explanation, certificates, earnings.

        One session and one actor load for all four parts (it was four sessions): on the team
        server this is the heaviest read a maker makes, on every visit to the home page.
        """
        from creator_studio.core.market import grading, queries, reads

        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            out: dict[str, Any] = {"summary": queries.maker_summary(s, actor.id), "explain": None,
                                   "certificates": reads.certificates_of(s, actor, actor.id),
                                   "earnings": reads.earnings(s, actor, actor.id)}
            try:  # last: a failure here leaves nothing else of the session to read
                ex = grading.explain(s, actor, actor.id, self.now())
                out["explain"] = LevelExplanation(
                    ex.level, ex.level_name, str(ex.multiplier), bool(ex.at_risk),
                    tuple(ex.reasons), ex.next_level, tuple(ex.gap), dict(ex.metrics),
                    ex.level_name_en, tuple(ex.reasons_en), tuple(ex.gap_en))
            except Exception as exc:  # shown as "not available" rather than failing the view
                log.info("level explanation unavailable: %s", exc)
        return out

    def certificates(self, user: UserInfo) -> list[shapes.Certificate]:
        from creator_studio.core.market import reads

        return self._read(reads.certificates_of, user, user.id)

    def earnings(self, user: UserInfo) -> list[shapes.EarningMonth]:
        from creator_studio.core.market import reads

        return self._read(reads.earnings, user, user.id)

    def deliver(self, user: UserInfo, order_id: int, package: Path, note: str = "", *,
                key: str | None = None) -> int:
        from creator_studio.core.market import deliveries

        d = self.svc.call(deliveries.deliver, user.id, order_id, Path(package),
                          key=key or new_key("deliver"), store=self.svc.store, note=note,
                          norms_checker=self.svc.norms_checker)
        return d.id

    def request_files(self, user: UserInfo, request_id: int) -> list[shapes.RequestFile]:
        from creator_studio.core.market import reads

        return self._read(reads.request_files, user, request_id)

    def fetch_request_file(self, user: UserInfo, file_id: int, dest: Path) -> Path:
        """Copy one source file of a request to `dest` (hash-checked while copying)."""
        from creator_studio.core.market import reads

        row = self._read(reads.request_file, user, file_id)
        return self.svc.store.copy_to(row["sha256"], Path(dest))

    # -- maker: the certification programme ---------------------------------------------------
    def cert_status(self, user: UserInfo, code: str = PROGRAM_CODE) -> shapes.CertStatus:
        """The programme in force, the maker's latest application with its progress, and the
        maker's certificates: everything the "my certification" view shows, as plain values."""
        from creator_studio.core.market import certification, reads

        out: dict[str, Any] = {"program": None, "application": None}
        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            prog = certification.current_program(s, code, required=False)
            if prog is not None:
                out["program"] = reads.program_dict(prog, with_bank=False)
            out["application"] = reads.cert_application(s, actor, code)
        out["certificates"] = self.certificates(user)
        return out

    def cert_apply(self, user: UserInfo, forms: list[str], code: str = PROGRAM_CODE) -> int:
        from creator_studio.core.market import certification

        return self.svc.call(certification.apply, user.id, code, list(forms)).id

    def cert_complete_module(self, user: UserInfo, app_id: int, module_id: str) -> str:
        from creator_studio.core.market import certification

        return self.svc.call(certification.complete_module, user.id, app_id, module_id).status

    def cert_start_exam(self, user: UserInfo, app_id: int) -> shapes.ExamPaper:
        """A drawn paper (stems and options only: the service never hands out the key)."""
        from creator_studio.core.market import certification

        attempt, paper = self.svc.call(certification.start_exam, user.id, app_id)
        return {"attempt_id": attempt.id, "paper": paper}

    def cert_submit_exam(self, user: UserInfo, app_id: int, attempt_id: int,
                         answers: dict[str, list[int]]) -> shapes.ExamResult:
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

    def certificate_pdf(self, user: UserInfo, cert_id: int, out: Path,
                        form_names: dict[str, str] | None = None) -> Path:
        """`form_names`: form id → 中文 label from the format registry (the caller's; #18)."""
        from creator_studio.core.market import certification

        with self.svc.read() as s:
            return certification.certificate_pdf(s, self.svc.actor(s, user.id), cert_id, Path(out),
                                                 form_names)

    def open_badge(self, user: UserInfo, cert_id: int, out: Path) -> Path:
        """The signed Open Badges 3.0 credential (with the JWT and the public key) as JSON."""
        from creator_studio.core import atomic
        from creator_studio.core.market import certification

        with self.svc.read() as s:
            badge = certification.open_badge(s, self.svc.actor(s, user.id), cert_id)
        atomic.write_json(Path(out), badge)
        return Path(out)

    # -- staff: the programme editor -------------------------------------------------------------
    def cert_program(self, code: str = PROGRAM_CODE) -> shapes.CertProgram | None:
        from creator_studio.core.market import certification, reads

        with self.svc.read() as s:
            prog = certification.current_program(s, code, required=False)
            return None if prog is None else reads.program_dict(prog)

    def save_program(self, user: UserInfo, program_id: int | None, fields: dict,
                     code: str = PROGRAM_CODE) -> shapes.CertProgram:
        """`update_program` (a locked version becomes the next one) or, with none yet,
        `create_program`. Returns the version now in force."""
        from creator_studio.core.market import certification, reads

        if program_id is None:
            prog = self.svc.call(certification.create_program, user.id, code=code, **fields)
        else:
            prog = self.svc.call(certification.update_program, user.id, program_id, **fields)
        return reads.program_dict(prog)

    # -- buyer -----------------------------------------------------------------------------------
    def buyer_orders(self, user: UserInfo, limit: int, offset: int, status: str | None = None):
        from creator_studio.core.market import queries

        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            return queries.buyer_orders(s, actor.id, status=status, limit=limit, offset=offset)

    def buyer_requests(self, user: UserInfo, limit: int = 200,
                       offset: int = 0) -> list[shapes.BuyerRequest]:
        from creator_studio.core.market import reads

        return self._read(reads.buyer_requests, user, limit=limit, offset=offset)

    def post_request(self, user: UserInfo, *, title: str, forms: list[str], budget_fen: int,
                     deadline: datetime, description: str = "", business_line_id: int | None = None,
                     attachments: Iterable[Path] = (), key: str | None = None) -> int:
        """Create, attach the source files (content-addressed, size-capped) and publish, in one
        unit of work: a refused attachment leaves no half-posted request."""
        from creator_studio.core.market import requests

        return self.svc.call(requests.post_request, user.id, title=title, forms=forms,
                             budget_fen=budget_fen, deadline=deadline, description=description,
                             business_line_id=business_line_id,
                             attachments=[Path(f) for f in attachments],
                             store=self.svc.store, key=key or new_key("post"))

    def offers_for(self, user: UserInfo, request_id: int) -> list[shapes.OfferForBuyer]:
        from creator_studio.core.market import grading, queries, requests

        names = self.level_names()
        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            offers = requests.offers_for(s, actor, request_id)
            makers = [o.maker_id for o in offers]
            # Each maker's figures and level in a few grouped queries, not several per offer.
            summaries = queries.maker_summaries(s, makers)
            shown = queries.display_names(s, makers)
            try:
                levels = grading.levels_at(s, makers, self.now())
            except Exception:  # noqa: BLE001 - a missing grade shows as "—"
                log.info("levels unavailable", exc_info=True)
                levels = {}
            out = []
            for o in offers:
                summ = summaries[o.maker_id]
                code = levels.get(o.maker_id)
                out.append({"id": o.id, "maker": shown.get(o.maker_id, ""), "maker_id": o.maker_id,
                            "price_fen": o.price_fen, "days": o.days, "message": o.message,
                            "status": o.status,
                            "level": names.get(code, (code, code)) if code else None,
                            "rating": summ.rating_avg, "ratings": summ.rating_count,
                            "done": summ.orders_done})
        return out

    def award(self, user: UserInfo, request_id: int, offer_id: int, *, key: str | None = None):
        from creator_studio.core.market import requests

        return self.svc.call(requests.award, user.id, request_id, offer_id,
                             key=key or new_key("award"))

    def order_action(self, user: UserInfo, order_id: int, action: str, reason: str | None = None,
                     *, key: str | None = None, **params: Any):
        from creator_studio.core.market import orders

        return self.svc.call(orders.transition, user.id, "order", order_id, action,
                             key=key or new_key(action), reason=reason, **params)

    def deliveries(self, user: UserInfo, order_id: int) -> list[shapes.DeliveryInfo]:
        from creator_studio.core.market import deliveries

        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            return [{"id": d.id, "version": d.version, "status": d.status,
                     "created_at": d.created_at, "norms": d.norms_report, "note": d.note}
                    for d in deliveries.list_deliveries(s, actor, order_id)]

    def fetch_delivery(self, user: UserInfo, delivery_id: int, dest: Path) -> Path:
        """Copy a delivery's package (a zip, hash-checked) and unpack it into `dest` for preview."""
        from creator_studio.core.market import deliveries

        dest = Path(dest)
        zpath = dest.parent / f"{dest.name}.zip"
        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            deliveries.fetch_package(s, actor, delivery_id, self.svc.store, zpath)
        try:
            return _unzip_for_preview(zpath, dest)
        finally:
            zpath.unlink(missing_ok=True)

    def review(self, user: UserInfo, order_id: int, stars: int, comment: str = "") -> int:
        from creator_studio.core.market import reviews

        return self.svc.call(reviews.submit_review, user.id, order_id, stars=stars,
                             comment=comment).id

    # -- staff -----------------------------------------------------------------------------------
    def cert_queue(self, user: UserInfo) -> list[shapes.PracticalToReview]:
        from creator_studio.core.market import reads

        return self._read(reads.cert_queue, user)

    def review_practical(self, user: UserInfo, app_id: int, approve: bool, comment: str) -> str:
        from creator_studio.core.market import certification

        app = self.svc.call(certification.review_practical, user.id, app_id, approve=approve,
                            comment=comment)
        return app.status

    def all_certificates(self, user: UserInfo, limit: int = 500) -> list[shapes.StaffCertificate]:
        from creator_studio.core.market import reads

        return self._read(reads.all_certificates, user, limit=limit)

    def set_certificate_status(self, user: UserInfo, cert_id: int, status: str,
                               reason: str) -> int:
        """Revoke / suspend / reinstate; returns how many open orders staff must now look at."""
        from creator_studio.core.market import certification

        return len(self.svc.call(certification.set_certificate_status, user.id, cert_id, status,
                                 reason))

    def disputes(self, user: UserInfo) -> list[shapes.Dispute]:
        from creator_studio.core.market import reads

        return self._read(reads.disputes, user)

    def evaluate(self, user: UserInfo, period: str) -> list[shapes.EvaluationRow]:
        from creator_studio.core.market import grading

        self.svc.call(grading.evaluate_period, user.id, period)
        return self.evaluation_table(user, period)

    def evaluation_table(self, user: UserInfo, period: str) -> list[shapes.EvaluationRow]:
        from creator_studio.core.market import grading

        rows = self._read(grading.evaluation_table, user, period)
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

    def export_statements(self, user: UserInfo, period: str, path: Path) -> shapes.StatementsExport:
        """Fix the period's pay lines (idempotent) and write the statements to CSV or XLSX."""
        from creator_studio.core.market import grading

        self.svc.call(grading.draw_statements, user.id, period)
        sts = self._read(grading.statements, user, period)
        path = Path(path)
        (grading.export_xlsx if path.suffix.lower() == ".xlsx" else grading.export_csv)(sts, path)
        total = sum(int(getattr(st, "total_fen", 0) or 0) for st in sts)
        return {"path": str(path), "makers": len(sts), "total_fen": total}

    def current_norms(self) -> shapes.NormsInForce | None:
        from creator_studio.core.market import normsets

        with self.svc.read() as s:
            v = normsets.current_normset(s)
            return None if v is None else {"version": v.version, "rules": v.rules}

    def publish_norms(self, user: UserInfo, rules: dict, title: str = "") -> int:
        from creator_studio.core.market import normsets

        return self.svc.call(normsets.publish_norms, user.id, rules, title=title).version

    def grade_rules(self) -> shapes.GradeRulesDoc | None:
        from creator_studio.core.market import grading

        with self.svc.read() as s:
            rules = grading.current_rules(s)
            return rules.to_dict() if hasattr(rules, "to_dict") else None

    def publish_grade_rules(self, user: UserInfo, rules: dict, note: str = "") -> int:
        from creator_studio.core.market import grading

        return self.svc.call(grading.publish_rules, user.id, rules, note).version

    def dashboard(self, user: UserInfo) -> shapes.Dashboard:
        """Figures for the staff charts (counts only; reporting, not rules)."""
        from creator_studio.core.market import reads

        out = self._read(reads.dashboard, user)
        names = self.level_names()
        counts = dict(out.pop("level_counts"))
        order = list(names) + [c for c in counts if c not in names]
        out["levels"] = [(c, counts.get(c, 0)) for c in order]
        out["level_names"] = names
        return out

    def level_names(self) -> dict[str, tuple[str, str]]:
        """Level code → (中文 name, English name) from the grade rules in force."""
        try:
            from creator_studio.core.market import grading

            with self.svc.read() as s:
                rules = grading.current_rules(s)
            return {lv.code: (lv.name, lv.name_en or lv.name) for lv in rules.levels}
        except Exception:  # noqa: BLE001 - the names are decoration; codes still show
            log.info("grade rules unavailable", exc_info=True)
            return {}

    # -- administration --------------------------------------------------------------------------
    def act_as(self, login: str | None = None, role: str = "staff") -> UserInfo:
        """Embedded mode only: act as `login` (default: the first account holding `role`).

        Whoever can open the embedded database file owns it anyway, so the local CLI names its
        acting user without a password. The team server never offers this: its CLI signs in.
        """
        from creator_studio.core.errors import NotFound
        from creator_studio.core.market import accounts, reads

        with self.svc.read() as s:
            if login:
                uid = accounts.user_by_login(s, login).id
            else:
                uid = reads.first_staff_id(s) if role == "staff" else None
            if uid is None:
                raise NotFound("找不到平台运营账号（可先运行 admin demo-data）",
                               "No staff account found (try `admin demo-data` first)")
            info = reads.user_info(s, uid)
        return UserInfo(info["id"], info["login"], info["display_name"],
                        frozenset(info["roles"]), info["business_line"])

    def market_counts(self) -> dict:
        from creator_studio.core.market import reads

        return self.svc.query(reads.market_counts)

    def fill_demo(self) -> dict:
        """The demo scenario on an empty database, reported as plain counts."""
        from creator_studio.core.market import demo

        r = demo.fill_demo(self.engine, store=self.svc.store)
        return {"users": r.users, "requests": r.requests, "orders": dict(r.orders),
                "reviews": r.reviews, "nps_responses": r.nps_responses, "password": demo.PASSWORD}

    def import_users(self, user: UserInfo, source: Path) -> shapes.ImportReport:
        from creator_studio.core.market.accounts import import_users_csv

        report = self.svc.call(import_users_csv, user.id, Path(source))
        return {"created": list(report.created),
                "errors": [{"row": e.row, "zh": e.reason_zh, "en": e.reason_en}
                           for e in report.errors]}

    def run_timers(self, user: UserInfo) -> shapes.TimerReport:
        """Fire due timers now (staff; the team server runs them itself in a loop)."""
        from creator_studio.core.market import timers

        def fire(session, actor, now):  # noqa: ANN001, ANN202
            from creator_studio.core.market import permissions

            permissions.check(actor, "timers.run")
            return timers.run_due_timers(session, now)

        run = self.svc.call(fire, user.id)
        return {"fired": [tuple(x) for x in run.fired], "stale": run.stale, "errors": run.errors}

    def cert_reminders(self, user: UserInfo) -> shapes.CertReminders:
        from creator_studio.core.market import permissions
        from creator_studio.core.market.certification import expire_and_remind

        def go(session, actor, now):  # noqa: ANN001, ANN202
            permissions.check(actor, "cert.revoke")
            return expire_and_remind(session, now)

        return dict(self.svc.call(go, user.id))

    def evaluate_period(self, user: UserInfo, period: str) -> shapes.EvaluationSummary:
        from creator_studio.core.market import grading

        run = self.svc.call(grading.evaluate_period, user.id, period)
        return {"period": run.period, "evaluated": run.evaluated,
                "rule_version": run.rule_version, "changes": dict(run.changes),
                "reused": bool(run.reused)}

    def certificate_id(self, user: UserInfo, number: str) -> int:
        from creator_studio.core.market import reads

        return self._read(reads.certificate_id_by_number, user, number)

    def verify_certificate(self, code: str) -> shapes.CertificateCheck:
        """Is this verification code genuine and in force? (public: anyone may ask)"""
        from creator_studio.core.market.certification import verify

        v = self.svc.query(verify, code)
        return {"valid": v.valid, "status": v.status, "number": v.number, "holder": v.holder,
                "forms": list(v.forms) if v.forms is not None else None,
                "expires_at": v.expires_at, "message_zh": v.message_zh,
                "message_en": v.message_en}

    # == The order as a conversation (#17, helper G) — brief, thread, pinned review comments ===
    def request_brief(self, user: UserInfo, request_id: int) -> shapes.RequestBrief:
        from creator_studio.core.market import threads

        return self._read(threads.request_brief, user, request_id, now=self.now())

    def order_thread(self, user: UserInfo,
                     order_id: int) -> list[shapes.ThreadEvent | shapes.ThreadMessage]:
        from creator_studio.core.market import threads

        return self._read(threads.thread, user, order_id)

    def post_message(self, user: UserInfo, order_id: int, body: str = "",
                     attachments: list[Path] = (), *,
                     key: str | None = None) -> shapes.ThreadMessage:
        from creator_studio.core.market import threads

        return self.svc.call(threads.post_message, user.id, order_id, body=body,
                             files=[Path(a) for a in attachments or ()],
                             key=key or new_key("message"), store=self.svc.store)

    def fetch_message_file(self, user: UserInfo, file_id: int, dest: Path) -> Path:
        from creator_studio.core.market import threads

        return self._read(threads.fetch_message_file, user, file_id, self.svc.store, Path(dest))

    def mark_thread_read(self, user: UserInfo, order_id: int) -> int:
        from creator_studio.core.market import threads

        return self.svc.call(threads.mark_read, user.id, order_id)

    def unread_counts(self, user: UserInfo) -> list[shapes.UnreadCount]:
        from creator_studio.core.market import threads

        return self._read(threads.unread_counts, user)

    def review_comments(self, user: UserInfo, order_id: int,
                        version: int | None = None) -> list[shapes.ListedReviewComment]:
        from creator_studio.core.market import review_comments

        return self._read(review_comments.list_comments, user, order_id, version=version)

    def add_review_comment(self, user: UserInfo, order_id: int, delivery_id: int, body: str, *,
                           severity: str = "must_fix", anchor: str = "page",
                           page_id: str | None = None, page_label: str = "",
                           x_bp: int | None = None, y_bp: int | None = None,
                           time_ms: int | None = None, line_id: str | None = None,
                           form: str | None = None, key: str | None = None) -> shapes.ReviewComment:
        from creator_studio.core.market import review_comments

        return self.svc.call(review_comments.add_comment, user.id, order_id,
                             delivery_id=delivery_id, body=body, severity=severity,
                             anchor=anchor, page_id=page_id, page_label=page_label, x_bp=x_bp,
                             y_bp=y_bp, time_ms=time_ms, line_id=line_id, form=form,
                             key=key or new_key("comment"))

    def set_comment_status(self, user: UserInfo, comment_id: int, action: str, note: str = "",
                           *, key: str | None = None) -> shapes.ReviewComment:
        from creator_studio.core.market import review_comments

        return self.svc.call(review_comments.set_status, user.id, comment_id, action, note=note,
                             key=key or new_key(f"comment-{action}"))

    def request_revision_with_comments(self, user: UserInfo, order_id: int, note: str = "", *,
                                       key: str | None = None) -> shapes.RevisionRequest:
        from creator_studio.core.market import review_comments

        return self.svc.call(review_comments.request_revision_with_comments, user.id, order_id,
                             note=note, key=key or new_key("request_revision"))

    def export_review(self, user: UserInfo, order_id: int, dest: Path) -> Path:
        """The order's review comments as CSV or XLSX (by the suffix of `dest`), written here."""
        from creator_studio.core.market import review_comments

        rows = self.review_comments(user, order_id)
        return review_comments.export_review(rows, Path(dest))

    def order_dossier(self, user: UserInfo, order_id: int) -> shapes.OrderDossier:
        from creator_studio.core.market import threads

        return self._read(threads.order_dossier, user, order_id, now=self.now())

    def cert_evidence(self, user: UserInfo, app_id: int) -> shapes.CertEvidence:
        from creator_studio.core.market.cert_evidence import cert_evidence

        return self._read(cert_evidence, user, app_id)

    def fetch_practical(self, user: UserInfo, app_id: int, dest: Path) -> Path:
        """Unpack a maker's practical package into `dest` (hash-checked) for staff previews."""
        ev = self.cert_evidence(user, app_id)  # staff only (checked there)
        if not ev["package_sha256"]:
            from creator_studio.core.errors import NotFound

            raise NotFound("该申请没有实践课程包", "This application has no practical package")
        dest = Path(dest)
        zpath = dest.parent / f"{dest.name}.zip"
        self.svc.store.copy_to(ev["package_sha256"], zpath)
        try:
            return _unzip_for_preview(zpath, dest)
        finally:
            zpath.unlink(missing_ok=True)

    def orders_to_pay(self, user: UserInfo) -> list[shapes.OrderToPay]:
        from creator_studio.core.market import threads

        return self._read(threads.orders_to_pay, user)

    # == 微课大赛 contests (#19, helper I) — set-up, entries, blind judging, results, awards ====
    def list_contests(self, user: UserInfo) -> list[shapes.ContestInfo]:
        from creator_studio.core.market import contests

        return self._read(contests.list_contests, user)

    def get_contest(self, user: UserInfo, contest_id: int) -> shapes.ContestDetail:
        from creator_studio.core.market import contests

        return self._read(contests.get_contest, user, contest_id)

    def create_contest(self, user: UserInfo, *, key: str | None = None,
                       **fields: Any) -> shapes.ContestDetail:
        from creator_studio.core.market import contests

        return self.svc.call(contests.create_contest, user.id, key=key or new_key("contest"),
                             **fields)

    def publish_contest(self, user: UserInfo, contest_id: int) -> shapes.ContestDetail:
        from creator_studio.core.market import contests

        return self.svc.call(contests.publish_contest, user.id, contest_id)

    def create_contest_team(self, user: UserInfo, contest_id: int, name: str, *,
                            key: str | None = None) -> shapes.ContestTeam:
        from creator_studio.core.market import contests

        return self.svc.call(contests.create_team, user.id, contest_id, name,
                             key=key or new_key("team"))

    def invite_to_team(self, user: UserInfo, team_id: int, user_id: int) -> shapes.ContestTeam:
        from creator_studio.core.market import contests

        return self.svc.call(contests.invite, user.id, team_id, user_id)

    def respond_to_invite(self, user: UserInfo, team_id: int, accept: bool) -> shapes.ContestTeam:
        from creator_studio.core.market import contests

        return self.svc.call(contests.respond_invite, user.id, team_id, accept)

    def submit_contest_entry(self, user: UserInfo, contest_id: int, package: Path, title: str, *,
                             key: str | None = None) -> shapes.ContestEntry:
        from creator_studio.core.market import contests

        return self.svc.call(contests.submit_entry, user.id, contest_id, Path(package), title=title,
                             key=key or new_key("contest-entry"), store=self.svc.store,
                             norms_checker=self.svc.norms_checker)

    def list_my_contest_entries(self, user: UserInfo) -> list[shapes.ContestEntry]:
        from creator_studio.core.market import contests

        return self._read(contests.my_entries, user)

    def list_contest_entries(self, user: UserInfo, contest_id: int) -> list[shapes.ContestEntry]:
        from creator_studio.core.market import contests

        return self._read(contests.list_entries, user, contest_id)

    def get_judge_queue(self, user: UserInfo, contest_id: int) -> list[shapes.BlindEntry]:
        from creator_studio.core.market import contests

        return self._read(contests.judge_queue, user, contest_id)

    def fetch_blind_entry(self, user: UserInfo, entry_id: int, dest: Path) -> Path:
        """The anonymised judging copy (a zip), checked again before it is handed out."""
        from creator_studio.core.market import contests

        return self._read(contests.fetch_blind, user, entry_id, self.svc.store, Path(dest))

    def score_contest_entry(self, user: UserInfo, entry_id: int, scores: dict[str, int],
                            comments: dict[str, str] | None = None) -> shapes.ScoredEntry:
        from creator_studio.core.market import contests

        return self.svc.call(contests.score_entry, user.id, entry_id, scores, comments=comments)

    def get_judging_progress(self, user: UserInfo, contest_id: int) -> list[shapes.JudgeProgress]:
        from creator_studio.core.market import contests

        return self._read(contests.judging_progress, user, contest_id)

    def get_contest_results(self, user: UserInfo, contest_id: int) -> shapes.ContestResults:
        from creator_studio.core.market import contests

        return self._read(contests.results, user, contest_id)

    def publish_contest_awards(self, user: UserInfo, contest_id: int, awards: list[dict], *,
                               key: str | None = None) -> shapes.AwardsPublished:
        from creator_studio.core.market import contests

        return self.svc.call(contests.publish_awards, user.id, contest_id, awards,
                             key=key or new_key("contest-awards"))

    def list_my_awards(self, user: UserInfo) -> list[shapes.AwardCredentialView]:
        from creator_studio.core.market import contests

        return self._read(contests.my_awards, user)

    def award_pdf(self, user: UserInfo, credential_id: int, out: Path) -> Path:
        from creator_studio.core.market import contests

        return self._read(contests.award_pdf, user, credential_id, Path(out))

    def award_badge(self, user: UserInfo, credential_id: int, out: Path) -> Path:
        from creator_studio.core import atomic
        from creator_studio.core.market import contests

        atomic.write_json(Path(out), self._read(contests.award_badge, user, credential_id))
        return Path(out)

    def export_contest_xlsx(self, user: UserInfo, contest_id: int, path: Path,
                            form_names: dict[str, str] | None = None) -> Path:
        """`form_names`: form id → 中文 label from the format registry (the caller's; #18)."""
        from creator_studio.core.market import contest_exports, contests

        with self.svc.read() as s:
            actor = self.svc.actor(s, user.id)
            entries = contests.list_entries(s, actor, contest_id)
            scores = contests.score_sheet(s, actor, contest_id)
            result = contests.results(s, actor, contest_id)
        return contest_exports.export_xlsx(entries, scores, result, Path(path), form_names)

    def export_contest_results_image(self, user: UserInfo, contest_id: int, path: Path) -> Path:
        from creator_studio.core.market import contest_exports, contests

        result = self._read(contests.results, user, contest_id)
        previews = self._read(contests.winner_previews, user, contest_id, self.svc.store)
        return contest_exports.results_long_image(result, Path(path), previews=previews)

    def get_contest_dashboard(self, user: UserInfo, contest_id: int) -> shapes.ContestDashboard:
        from creator_studio.core.market import contests

        return self._read(contests.dashboard, user, contest_id)

    def update_contest(self, user: UserInfo, contest_id: int,
                       **changes: Any) -> shapes.ContestDetail:
        from creator_studio.core.market import contests

        return self.svc.call(contests.update_contest, user.id, contest_id,
                             {k: v for k, v in changes.items() if v is not None})

    def list_people(self, user: UserInfo, query: str, limit: int = 20) -> list[shapes.Person]:
        from creator_studio.core.market import contests

        return self._read(contests.search_people, user, query, limit=limit)
