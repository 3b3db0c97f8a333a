"""Tables of the knowledge-IP market (accounts, requests, offers, orders, deliveries, ratings, NPS).

Conventions that matter to every caller:
- Money is integer fen (分) in ``BigInteger`` columns whose names end in ``_fen``; never float.
- Times are naive UTC ``datetime`` values (the same on SQLite and PostgreSQL); the services take
  ``now`` from an injectable clock so tests control time.
- Status columns are short strings; the allowed values and moves live in
  ``creator_studio.core.market.orders`` (one state machine), not in the database.
- Rows that record history (transitions, audit events, deliveries, reviews) are append-only;
  nothing here is deleted by the services.

Certification and grading tables (programme, exam, application, evaluation, pay) live in
``models_cert.py`` with their own migration; only the minimal ``Certificate`` that the offer gate
needs is defined here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from creator_studio.core.store.base import Base

ROLES = ("maker", "buyer", "staff")


class BusinessLine(Base):
    """A business line (产险非车, 寿险营销…) that buyers belong to and requests are filed under."""

    __tablename__ = "business_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    employee_no: Mapped[str | None] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    business_line_id: Mapped[int | None] = mapped_column(ForeignKey("business_lines.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    business_line: Mapped[BusinessLine | None] = relationship()
    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin")

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r.role for r in self.role_rows)

    def has_role(self, role: str) -> bool:
        return role in self.roles


class UserRole(Base):
    """One row per role a person holds: the same person may be maker, buyer and staff."""

    __tablename__ = "user_roles"
    __table_args__ = (
        CheckConstraint("role IN ('maker', 'buyer', 'staff')", name="role_known"),
        Index("ix_user_roles_role", "role", "user_id"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)

    user: Mapped[User] = relationship(back_populates="role_rows")


class Certificate(Base):
    """A maker's certificate (持证上岗): which course forms they may take work for.

    Minimal on purpose: the offer gate reads it. The certification programme (modules, exam,
    applications) extends it from ``models_cert.py``.
    """

    __tablename__ = "certificates"
    __table_args__ = (
        CheckConstraint("status IN ('valid', 'suspended', 'revoked', 'expired')",
                        name="status_known"),
        Index("ix_certificates_holder_status", "holder_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    forms: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="valid")
    status_reason: Mapped[str | None] = mapped_column(Text)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    program_version_id: Mapped[int | None] = mapped_column(Integer)
    verification_code: Mapped[str] = mapped_column(String(128), unique=True)

    holder: Mapped[User] = relationship()


class Request(Base):
    """A buyer's request for a course. All rules of the deal are fixed on it when it is posted."""

    __tablename__ = "requests"
    __table_args__ = (
        CheckConstraint("budget_fen >= 0", name="budget_nonneg"),
        CheckConstraint("revisions_included >= 0", name="revisions_nonneg"),
        Index("ix_requests_status_deadline", "status", "deadline"),
        Index("ix_requests_buyer_created", "buyer_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    business_line_id: Mapped[int | None] = mapped_column(ForeignKey("business_lines.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    budget_fen: Mapped[int] = mapped_column(BigInteger)
    deadline: Mapped[datetime] = mapped_column(DateTime)
    # The rules of the deal, shown to both sides when the request is posted.
    revisions_included: Mapped[int] = mapped_column(Integer, default=2)
    auto_accept_days: Mapped[int] = mapped_column(Integer, default=5)
    review_window_days: Mapped[int] = mapped_column(Integer, default=14)
    cancel_reply_hours: Mapped[int] = mapped_column(Integer, default=48)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    buyer: Mapped[User] = relationship(foreign_keys=[buyer_id])
    business_line: Mapped[BusinessLine | None] = relationship()
    form_rows: Mapped[list[RequestForm]] = relationship(
        back_populates="request", cascade="all, delete-orphan", lazy="selectin")
    files: Mapped[list[RequestFile]] = relationship(
        back_populates="request", cascade="all, delete-orphan")

    @property
    def forms(self) -> list[str]:
        return sorted(f.form for f in self.form_rows)

    def rules(self) -> dict[str, Any]:
        """Every rule of the deal, as shown to buyer and makers when the request is posted."""
        return {
            "budget_fen": self.budget_fen,
            "deadline": self.deadline.isoformat(timespec="minutes"),
            "forms": self.forms,
            "revisions_included": self.revisions_included,
            "auto_accept_days": self.auto_accept_days,
            "review_window_days": self.review_window_days,
            "cancel_reply_hours": self.cancel_reply_hours,
        }


class RequestForm(Base):
    """A course form a request asks for (one row each) so "may this maker take it" is plain SQL."""

    __tablename__ = "request_forms"
    __table_args__ = (Index("ix_request_forms_form", "form", "request_id"),)

    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), primary_key=True)
    form: Mapped[str] = mapped_column(String(32), primary_key=True)

    request: Mapped[Request] = relationship(back_populates="form_rows")


class RequestFile(Base):
    """A source file (PPT/Word…) attached to a request, kept in the content-addressed store."""

    __tablename__ = "request_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)

    request: Mapped[Request] = relationship(back_populates="files")


class Offer(Base):
    __tablename__ = "offers"
    __table_args__ = (
        UniqueConstraint("request_id", "maker_id"),
        CheckConstraint("price_fen >= 0", name="price_nonneg"),
        CheckConstraint("days > 0", name="days_positive"),
        Index("ix_offers_maker_status", "maker_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"))
    maker_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    price_fen: Mapped[int] = mapped_column(BigInteger)
    days: Mapped[int] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="active")  # active/withdrawn/awarded/lost
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    request: Mapped[Request] = relationship()
    maker: Mapped[User] = relationship()


class Order(Base):
    """The deal once a request is awarded to an offer. Its status moves only via `transition`."""

    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("price_fen >= 0", name="price_nonneg"),
        CheckConstraint("payout_fen IS NULL OR payout_fen >= 0", name="payout_nonneg"),
        Index("ix_orders_buyer_created", "buyer_id", "created_at"),
        Index("ix_orders_maker_status", "maker_id", "status"),
        Index("ix_orders_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), unique=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"), unique=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    maker_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    price_fen: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(24), default="in_progress")
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Deadline clock: due_at moves forward by the paused time when the buyer hands over material.
    due_at: Mapped[datetime] = mapped_column(DateTime)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)
    paused_seconds: Mapped[int] = mapped_column(BigInteger, default=0)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    revisions_included: Mapped[int] = mapped_column(Integer)
    revisions_used: Mapped[int] = mapped_column(Integer, default=0)
    # The rules shown when the request was posted, frozen on the order (auto-accept days…).
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    pending_change: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    cancel_requested_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status_before_hold: Mapped[str | None] = mapped_column(String(24))
    dispute_opened_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    dispute_reason: Mapped[str | None] = mapped_column(Text)
    dispute_outcome: Mapped[str | None] = mapped_column(String(24))
    # What is owed to the maker when it differs from price_fen (partial payout after a dispute).
    payout_fen: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    request: Mapped[Request] = relationship()
    offer: Mapped[Offer] = relationship()
    buyer: Mapped[User] = relationship(foreign_keys=[buyer_id])
    maker: Mapped[User] = relationship(foreign_keys=[maker_id])

    @property
    def amount_due_fen(self) -> int:
        return self.price_fen if self.payout_fen is None else self.payout_fen


class OrderTransition(Base):
    """Append-only log of every state change of a request or an order (humans and timers alike).

    ``idempotency_key`` is unique: replaying a call with the same key returns the logged result
    instead of acting twice.
    """

    __tablename__ = "order_transitions"
    __table_args__ = (
        Index("ix_order_transitions_order", "order_id", "id"),
        Index("ix_order_transitions_request", "request_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str] = mapped_column(String(24))
    to_status: Mapped[str] = mapped_column(String(24))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None = system timer
    reason: Mapped[str | None] = mapped_column(Text)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    # SHA-256 of the call's parameters: a replay needs the same actor and the same parameters
    # (NULL on rows logged before migration 0003: the logged params are hashed instead).
    params_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class IdempotencyRecord(Base):
    """The result of a write that is not a state move (an offer, a posted request…) under its
    client-made key, so a retry of the same user action returns it instead of acting twice.

    State moves keep their key in ``order_transitions``; this table serves every other write.
    """

    __tablename__ = "idempotency_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    operation: Mapped[str] = mapped_column(String(48))
    params_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class OrderTimer(Base):
    """A due moment (auto-accept, cancellation silence, review reveal, request expiry, deadline)."""

    __tablename__ = "order_timers"
    __table_args__ = (
        Index("ix_order_timers_due", "done", "fire_at"),
        Index("ix_order_timers_order", "order_id", "kind"),
        Index("ix_order_timers_request", "request_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    fire_at: Mapped[datetime] = mapped_column(DateTime)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(String(32))  # fired / stale / error
    created_at: Mapped[datetime] = mapped_column(DateTime)
    fired_at: Mapped[datetime | None] = mapped_column(DateTime)


class NormSetVersion(Base):
    """A published version of the upload norms (上传规范): rules as data, written by staff."""

    __tablename__ = "norm_set_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    published_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime] = mapped_column(DateTime)


class Delivery(Base):
    """One attempt to deliver a package for an order; refused attempts are kept (first-pass rate)."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("order_id", "attempt"),
        Index("ix_deliveries_order_version", "order_id", "version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    attempt: Mapped[int] = mapped_column(Integer)  # 1, 2, … every try incl. refused ones
    version: Mapped[int | None] = mapped_column(Integer)  # 1, 2, … accepted deliveries only
    status: Mapped[str] = mapped_column(String(16))  # submitted / refused
    package_sha256: Mapped[str] = mapped_column(String(64))
    package_size: Mapped[int] = mapped_column(BigInteger)
    manifest: Mapped[dict[str, Any]] = mapped_column(JSON)
    norms_report: Mapped[dict[str, Any]] = mapped_column(JSON)
    norms_blocking: Mapped[bool] = mapped_column(Boolean)
    normset_version_id: Mapped[int | None] = mapped_column(ForeignKey("norm_set_versions.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Review(Base):
    """A rating after acceptance: buyer→maker (stars + comment) or maker→buyer (brief rating).

    Hidden (``revealed_at`` is NULL) until both sides have rated or the review window closes.
    """

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("order_id", "author_id"),
        CheckConstraint("stars BETWEEN 1 AND 5", name="stars_range"),
        CheckConstraint("direction IN ('buyer_to_maker', 'maker_to_buyer')", name="direction_known"),
        CheckConstraint("author_id <> subject_id", name="not_self"),
        Index("ix_reviews_subject", "subject_id", "direction", "revealed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    subject_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    direction: Mapped[str] = mapped_column(String(16))
    stars: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revealed_at: Mapped[datetime | None] = mapped_column(DateTime)
    reply: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[datetime | None] = mapped_column(DateTime)


class PublishedCourse(Base):
    """A course put on the learning platform, so learner NPS can be traced back to its maker."""

    __tablename__ = "published_courses"
    __table_args__ = (UniqueConstraint("external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(100))  # the learning platform's course id
    title: Mapped[str] = mapped_column(String(200))
    maker_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    published_at: Mapped[datetime] = mapped_column(DateTime)


class NpsResponse(Base):
    __tablename__ = "nps_responses"
    __table_args__ = (
        UniqueConstraint("learner_ref", "course_id", "course_version"),
        CheckConstraint("score BETWEEN 0 AND 10", name="score_range"),
        Index("ix_nps_responses_maker", "maker_id", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("published_courses.id"))
    course_version: Mapped[int] = mapped_column(Integer, default=1)
    maker_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    learner_ref: Mapped[str] = mapped_column(String(100))
    score: Mapped[int] = mapped_column(Integer)
    responded_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEvent(Base):
    """Who changed what, when, with the before/after picture. Append-only."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(32))
    title_zh: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)
