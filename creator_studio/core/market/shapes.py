"""The shapes of the plain dicts some `MarketClient` methods return, as `TypedDict`s.

They are annotations only: at run time the values stay the plain dicts the services build, so
the window, the CLI and the in-process client are unchanged. The protocol's return annotations
name them, and the team server derives its typed response models (and so `/openapi.json`) from
those annotations in one place (`creator_studio.server.schemas`). A key the service adds and no
shape names still travels (the models allow extra keys); a declared key that goes missing or
changes type is caught by the server tests, which check every answer against its model.

Only the shapes of the main flows are declared here so far; the other dict answers are
documented as JSON objects.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

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
    timeline: list[dict[str, Any]]
    thread: list[dict[str, Any]]
    deliveries: list[DossierDelivery]
    comments: list[dict[str, Any]]
    change_orders: list[dict[str, Any]]
