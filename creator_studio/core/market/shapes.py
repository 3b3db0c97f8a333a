"""The shapes of the plain dicts some `MarketClient` methods return, as `TypedDict`s.

They are annotations only: at run time the values stay the plain dicts the services build, so
the window, the CLI and the in-process client are unchanged. The protocol's return annotations
name them, and the team server derives its typed response models (and so `/openapi.json`) from
those annotations in one place (`creator_studio.server.schemas`). A key the service adds and no
shape names still travels (the models allow extra keys); a declared key that goes missing or
changes type is caught by the server tests, which check every answer against its model.

Documents that are genuinely free-form (a norms rule set, a programme's training modules and
question bank, a norms report) are typed as their envelope with a ``dict[str, Any]`` body.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypedDict

if TYPE_CHECKING:  # resolved by the server's schema generator; no SQLAlchemy here at run time
    from creator_studio.core.market.client import LevelExplanation
    from creator_studio.core.market.queries import MakerSummary


class Notification(TypedDict):
    id: int
    kind: str
    zh: str
    en: str
    created_at: datetime
    read: bool


class MyOffer(TypedDict):
    """An offer of the signed-in maker (`my_offers`)."""

    id: int
    request_id: int
    title: str
    price_fen: int
    days: int
    status: str
    created_at: datetime


class OfferForBuyer(TypedDict):
    """An offer on one of the buyer's requests, with the maker's record (`offers_for`)."""

    id: int
    maker: str
    maker_id: int
    price_fen: int
    days: int
    message: str
    status: str
    level: tuple[str, str] | None  # (code, display name); None without a grade
    rating: Decimal | None
    ratings: int
    done: int


class BuyerRequest(TypedDict):
    """One of the buyer's requests with its count of standing offers (`buyer_requests`)."""

    id: int
    title: str
    status: str
    budget_fen: int
    deadline: datetime
    forms: list[str]
    offers: int


class RequestFile(TypedDict):
    """A source file the buyer attached to a request (`request_files`)."""

    id: int
    request_id: int
    name: str
    sha256: str
    size: int
    uploaded_at: datetime


class DeliveryInfo(TypedDict):
    """A delivery of an order with its norms report (`deliveries`)."""

    id: int
    version: int | None
    status: str
    created_at: datetime
    norms: dict[str, Any] | None
    note: str | None


class Certificate(TypedDict):
    id: int
    number: str
    forms: list[str]
    status: str
    issued_at: datetime
    expires_at: datetime
    code: str


class EarningMonth(TypedDict):
    month: str
    orders: int
    paid_fen: int
    agreed_fen: int
    rating_count: int  # buyer ratings revealed that month (#18: the home page's trend)
    rating_sum: int  # their stars added up (integer; the average is computed for display)


class MakerRecord(TypedDict):
    """A maker's record (`maker_summary`): ratings and orders, the level and why, certificates
    and monthly earnings."""

    summary: MakerSummary
    explain: LevelExplanation | None  # None when no grade rules are in force
    certificates: list[Certificate]
    earnings: list[EarningMonth]


class OrderToPay(TypedDict):
    id: int
    title: str
    buyer: str
    maker: str
    price_fen: int
    amount_due_fen: int
    accepted_at: datetime | None
    dispute_outcome: str | None


class UnreadCount(TypedDict):
    """Unread messages and review comments of one of the person's orders (`unread_counts`)."""

    order_id: int
    unread: int


class BriefFile(TypedDict):
    id: int
    name: str
    size: int
    sha256: str


class RequestBrief(TypedDict):
    """Everything a maker works from (`request_brief`). ``files`` is listed only to those who
    may download them (the buyer, staff, the awarded maker); ``files_count`` to everyone."""

    id: int
    title: str
    description: str
    forms: list[str]
    budget_fen: int
    deadline: datetime
    business_line: str | None
    buyer_name: str
    status: str
    rules: dict[str, Any]
    created_at: datetime
    files: list[BriefFile]
    files_count: int
    may_download: bool
    order_id: int | None
    awarded_to_me: bool


class Dispute(TypedDict):
    """An open dispute for staff to decide (`disputes`)."""

    id: int  # the order
    title: str
    buyer: str
    maker: str
    price_fen: int
    reason: str


class CertificateCheck(TypedDict):
    """Is a verification code genuine and in force (`verify_certificate`; public)."""

    valid: bool
    status: str  # valid / suspended / revoked / expired / forged / unknown
    number: str | None
    holder: str | None
    forms: list[str] | None
    expires_at: datetime | None
    message_zh: str
    message_en: str


class ImportRowError(TypedDict):
    row: int
    zh: str
    en: str


class ImportReport(TypedDict):
    """What an HR import did (`import_users`): the logins created and the refused rows."""

    created: list[str]
    errors: list[ImportRowError]


class TimerReport(TypedDict):
    """Timers fired now (`run_timers`): (kind, entity id) pairs, stale and failed counts."""

    fired: list[tuple[str, int]]
    stale: int
    errors: int


class ExamQuestion(TypedDict):
    """One drawn question: stem and options only (the key never leaves the server)."""

    id: str
    stem: str
    options: list[str]


class ExamPaper(TypedDict):
    """A drawn exam paper (`cert_start_exam`)."""

    attempt_id: int
    paper: list[ExamQuestion]


class PracticalToReview(TypedDict):
    """A practical submission waiting for a staff review (`cert_queue`)."""

    id: int  # the application
    maker: str
    forms: list[str]
    submitted: datetime
    norms: dict[str, Any] | None


class StaffCertificate(TypedDict):
    """A certificate in the staff list (`all_certificates`)."""

    id: int
    number: str
    holder: str
    forms: list[str]
    status: str
    reason: str
    expires_at: datetime


class OrderDetail(TypedDict):
    """The terms and state of one order (the ``order`` part of `order_dossier`)."""

    id: int
    request_id: int
    title: str
    status: str
    price_fen: int
    payout_fen: int | None
    amount_due_fen: int
    due_at: datetime
    late: bool
    revisions_used: int
    revisions_included: int
    buyer_id: int
    buyer_name: str
    maker_id: int
    maker_name: str
    dispute_reason: str
    dispute_opened_by: str
    dispute_outcome: str | None
    pending_change: dict[str, Any] | None
    created_at: datetime


class DossierDelivery(TypedDict):
    """One delivery attempt in the dossier, with its package's hash and norms report."""

    id: int
    attempt: int
    version: int | None
    status: str
    created_at: datetime
    note: str | None
    size: int
    sha256: str
    norms_blocking: bool
    norms: dict[str, Any] | None
    forms: list[str]


class OrderDossier(TypedDict):
    """One order on one screen (`order_dossier`): terms, timeline, thread, deliveries, review
    comments and change orders."""

    order: OrderDetail
    brief: RequestBrief
    timeline: list[ThreadEvent]
    thread: list[ThreadEvent | ThreadMessage]
    deliveries: list[DossierDelivery]
    comments: list[ListedReviewComment]
    change_orders: list[ThreadEvent]  # the timeline's propose/accept/reject_change events


# -- the order's conversation: thread, messages, review comments (#17) --------------------------

class ThreadEvent(TypedDict):
    """A state change of the order, shown in its thread and timeline."""

    kind: Literal["event"]
    id: int  # the transition
    event: str  # the action (award, deliver, request_revision…)
    order_id: int
    label_zh: str
    label_en: str
    actor_id: int | None  # None: a system timer
    actor_name: str
    from_status: str
    to_status: str
    reason: str
    params: dict[str, Any]
    created_at: datetime


class ThreadMessage(TypedDict):
    """A message of the order's thread (`order_thread`, `post_message`); ``read_by`` names the
    other people who have read it."""

    kind: Literal["message"]
    id: int
    order_id: int
    author_id: int
    author_name: str
    author_role: str  # buyer / maker / staff (at the time)
    body: str
    created_at: datetime
    read_by: list[str]
    files: list[BriefFile]


class ReviewComment(TypedDict):
    """A review comment pinned on a delivered version (`add_review_comment`,
    `set_comment_status`)."""

    id: int
    order_id: int
    delivery_id: int
    version: int
    author_id: int
    author_name: str
    form: str | None
    anchor: str  # page / time / line / general
    page_id: str | None
    page_label: str
    x_bp: int | None
    y_bp: int | None
    time_ms: int | None
    line_id: str | None
    severity: str  # must_fix / suggestion
    body: str
    status: str  # open / done / resolved / reopened
    status_at: datetime | None
    done_at: datetime | None
    revision_round: int | None
    addressed_in_version: int | None
    latest_version: int
    created_at: datetime
    anchor_zh: str
    anchor_en: str


# "from" is a keyword: the functional form
ReviewCommentEvent = TypedDict("ReviewCommentEvent", {
    "action": str, "from": str, "to": str, "note": str, "actor_name": str, "at": datetime})


class ListedReviewComment(ReviewComment):
    """A review comment with its status history (`review_comments`, the dossier's comments)."""

    history: list[ReviewCommentEvent]


class RevisionRequest(TypedDict):
    """A revision request carrying the open comments (`request_revision_with_comments`)."""

    transition_id: int
    replayed: bool
    revision_round: int
    comment_ids: list[int]
    reason: str


# -- certification (#17) ------------------------------------------------------------------------

class CertProgram(TypedDict):
    """A certification programme version (`cert_program`, `save_program`; in `cert_status` with
    an empty question bank). Modules and questions are staff-authored documents."""

    id: int
    code: str
    version: int
    title: str
    forms: list[str]
    modules: list[dict[str, Any]]  # [{id, title, url}]
    question_bank: list[dict[str, Any]]  # [{id, stem, options, answers}]; [] for makers
    exam_size: int
    pass_mark: int  # percent
    max_attempts: int
    cooloff_days: int
    validity_days: int
    locked: bool


class CertApplication(TypedDict):
    """The maker's latest application with its progress (part of `cert_status`)."""

    id: int
    status: str
    forms: list[str]
    program: CertProgram
    done: list[str]  # training modules completed
    attempts: int
    attempts_left: int
    last_score: int | None
    last_passed: bool | None
    review_comment: str
    practical_norms: dict[str, Any] | None
    certificate_id: int | None


class CertStatus(TypedDict):
    """Everything the maker's "my certification" view shows (`cert_status`)."""

    program: CertProgram | None
    application: CertApplication | None
    certificates: list[Certificate]


class ExamResult(TypedDict):
    """A submitted exam (`cert_submit_exam`)."""

    score: int
    passed: bool
    pass_mark: int | None
    attempts_left: int | None
    status: str | None  # the application's status after the exam


class EvidenceProgram(TypedDict):
    title: str
    version: int
    pass_mark: int
    max_attempts: int
    modules: list[dict[str, Any]]


class TrainingDone(TypedDict):
    module_id: str
    source: str  # self / platform_csv
    at: datetime


class ExamAttemptInfo(TypedDict):
    score: int | None
    passed: bool | None
    started_at: datetime
    submitted_at: datetime | None


class CertEvidence(TypedDict):
    """What staff see before deciding a practical (`cert_evidence`)."""

    id: int
    maker: str
    maker_login: str
    forms: list[str]
    status: str
    submitted: datetime
    program: EvidenceProgram
    training: list[TrainingDone]
    attempts: list[ExamAttemptInfo]
    best_score: int | None
    norms: dict[str, Any] | None
    manifest: dict[str, Any] | None
    package_sha256: str | None


class CertReminders(TypedDict):
    """Certificates marked expired and holders reminded now (`cert_reminders`)."""

    expired: int
    reminded: int


# -- norms, grades and pay, staff figures ----------------------------------------------------

class NormsInForce(TypedDict):
    """The norms rule set in force (`current_norms`): its version and the rules document."""

    version: int
    rules: dict[str, Any]


class GradeLevel(TypedDict):
    code: str
    name: str
    name_en: str
    multiplier: str  # an exact decimal, as text
    promote: dict[str, float]  # metric → bar
    keep: dict[str, float]


class _GradeRulesBase(TypedDict):
    version: int
    window_days: int
    rating_prior_weight: int
    rating_prior_mean: float
    nps_shrink_k: int
    min_samples: dict[str, int]
    levels: list[GradeLevel]


class GradeRulesDoc(_GradeRulesBase, total=False):
    """The grade rules in force (`grade_rules`); ``contest_award`` only when contest awards
    count toward the bars."""

    contest_award: dict[str, Any]  # {"counts_as", "points_per_unit", "max_units"}


class EvaluationRow(TypedDict):
    """One maker's before/after of a period (`evaluation_table`, `evaluate`)."""

    maker_id: int
    name: str
    before: str
    after: str
    change: str  # promoted / demoted / kept / at_risk
    at_risk: bool
    overridden: bool
    metrics: dict[str, float]
    before_names: tuple[str, str]  # (中文, English)
    after_names: tuple[str, str]


class EvaluationSummary(TypedDict):
    """A period's evaluation run (`evaluate_period`)."""

    period: str
    evaluated: int
    rule_version: int
    changes: dict[str, int]  # change label → makers
    reused: bool


class StatementsExport(TypedDict):
    """Statements written (`export_statements`)."""

    path: str
    makers: int
    total_fen: int


class Dashboard(TypedDict):
    """Figures for the staff charts (`dashboard`): (label, count) pairs per chart."""

    orders_per_month: list[tuple[str, int]]
    orders_per_line: list[tuple[str, int]]
    stars: list[tuple[str, int]]
    status: list[tuple[str, int]]
    turnaround: list[tuple[str, int]]
    nps: list[tuple[str, int]]
    levels: list[tuple[str, int]]
    level_names: dict[str, tuple[str, str]]


# -- 微课大赛 contests (#19) ------------------------------------------------------------------

class Person(TypedDict):
    """Someone found by the people picker (`list_people`; a contest's judges)."""

    id: int
    name: str
    login: str
    business_line: str
    business_line_code: str
    roles: list[str]


class ContestCriterion(TypedDict):
    id: str
    weight: int  # percent; the weights add up to 100
    name: str
    description: str


class ContestInfo(TypedDict):
    """A contest (`list_contests`)."""

    id: int
    title: str
    description: str
    rules: str
    forms: list[str]
    entry_mode: str  # solo / team
    team_max: int
    eligibility: str  # all / certified / business_lines
    eligible_lines: list[str]
    entries_open_at: datetime
    entries_close_at: datetime
    judging_close_at: datetime
    results_at: datetime
    rubric: list[ContestCriterion]
    normalisation: str  # zscore / trimmed
    exclude_own_line: bool
    extra_rules: dict[str, Any]  # e.g. {"forbidden_words": [...]}
    award_bonus: dict[str, int]  # award → grade points
    status: str
    judges: list[int]


class ContestDetail(ContestInfo, total=False):
    """A contest (`get_contest`, `create_contest`, `update_contest`, `publish_contest`); staff
    also get the judges by name."""

    judge_people: list[Person]


class TeamMember(TypedDict):
    user_id: int
    status: str  # invited / accepted / declined
    name: str


class ContestTeam(TypedDict):
    """A contest team (`create_contest_team`, `invite_to_team`, `respond_to_invite`)."""

    id: int
    contest_id: int
    name: str
    captain_id: int
    members: list[TeamMember]


class ContestEntry(TypedDict):
    """An entry with its owner and the blind check's findings (`submit_contest_entry`,
    `list_my_contest_entries`, `list_contest_entries`)."""

    id: int
    contest_id: int
    title: str
    forms: list[str]
    version: int
    submitted_at: datetime
    package_size: int
    owner_id: int
    owner_name: str
    team_id: int | None
    team: str
    business_line: str
    package_sha256: str
    norms_findings: int
    ocr_engine: str | None
    pixels_checked: int
    pixels_unchecked: list[str]
    blind_warning_zh: str
    blind_warning_en: str


class JudgeScore(TypedDict):
    points: int
    comment: str


class BlindEntry(TypedDict):
    """An anonymised entry in a judge's queue with the judge's own scores (`get_judge_queue`)."""

    id: int
    contest_id: int
    title: str
    forms: list[str]
    version: int
    submitted_at: datetime
    package_size: int
    code: str  # 作品 007
    scores: dict[str, JudgeScore]  # criterion → score
    complete: bool


class ScoredEntry(TypedDict):
    """A judge's scores saved (`score_contest_entry`)."""

    entry_id: int
    scores: dict[str, int]


class JudgeProgress(TypedDict):
    """How far a judge is (`get_judging_progress`)."""

    judge_id: int
    judge: str
    assigned: int
    done: int
    excluded: int  # entries the judge may not score (conflicts)


class RankedEntry(ContestEntry):
    rank: int
    score: float
    raw_mean: float
    criteria: dict[str, float]
    raw_criteria: dict[str, float]
    judges: int  # how many judges' complete sheets count
    tie_note: str
    awards: list[str]


class ContestResults(TypedDict):
    """The ranking with its per-criterion breakdown (`get_contest_results`)."""

    contest: ContestInfo
    method: str
    ranking: list[RankedEntry]


class IssuedCredential(TypedDict):
    credential_id: int
    number: str
    holder_id: int
    award: str
    entry_id: int


class AwardsPublished(TypedDict):
    """Awards decided and credentials issued (`publish_contest_awards`)."""

    contest_id: int
    credentials: list[IssuedCredential]


class AwardCredentialView(TypedDict):
    """One of the maker's award credentials (`list_my_awards`)."""

    id: int
    number: str
    verification_code: str
    holder_id: int
    holder: str
    contest_id: int
    contest: str
    entry: str
    award: str  # the key (first, second, third, excellence, special)
    special_name: str  # the staff's own name of a special award ("" for the others)
    award_name: str  # 中文, for core's texts and exports; the window names it from `award`
    bonus_points: int
    issued_at: datetime


class CriterionInfo(TypedDict):
    id: str
    name: str
    weight: int


class ContestDashboard(TypedDict):
    """Staff figures of one contest (`get_contest_dashboard`)."""

    entries: int
    by_business_line: dict[str, int]
    by_form: dict[str, int]
    criteria: list[CriterionInfo]
    progress: list[JudgeProgress]
    score_distribution: dict[str, dict[str, int]]  # criterion → "70-79" → scores
