"""Tables of maker certification (持证上岗) and the pay grade (定薪定级).

The `Certificate` itself lives in `models.py` (the offer gate reads it); this module adds the
programme that issues it and the grading that sets the pay multiplier. Criteria are versioned:
once a certificate was issued under a programme version, that version is locked and a change
makes a new version (Moodle's rule), so every certificate keeps the criteria it was earned under.
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
from creator_studio.core.store.models import User

APPLICATION_STATES = ("enrolled", "training_done", "exam_passed", "practical_submitted",
                      "rejected", "certified", "withdrawn")


class CertProgram(Base):
    """One version of the maker programme: modules, exam rules, practical, validity."""

    __tablename__ = "cert_programs"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    forms: Mapped[list[str]] = mapped_column(JSON)  # forms a certificate may cover
    modules: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # [{id, title, url}]
    question_bank: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # [{id, stem, options, answers}]
    exam_size: Mapped[int] = mapped_column(Integer)
    pass_mark: Mapped[int] = mapped_column(Integer)  # percent
    max_attempts: Mapped[int] = mapped_column(Integer)
    cooloff_days: Mapped[int] = mapped_column(Integer)
    validity_days: Mapped[int] = mapped_column(Integer)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CertApplication(Base):
    __tablename__ = "cert_applications"
    __table_args__ = (
        Index("ix_cert_applications_maker", "maker_id", "status"),
        Index("ix_cert_applications_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("cert_programs.id"))
    maker_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    forms: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(24), default="enrolled")
    practical_sha256: Mapped[str | None] = mapped_column(String(64))
    practical_manifest: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    practical_norms: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    review_comment: Mapped[str | None] = mapped_column(Text)
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    program: Mapped[CertProgram] = relationship()
    maker: Mapped[User] = relationship(foreign_keys=[maker_id])


class TrainingCompletion(Base):
    __tablename__ = "training_completions"
    __table_args__ = (UniqueConstraint("application_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("cert_applications.id"))
    module_id: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))  # self / platform_csv
    completed_at: Mapped[datetime] = mapped_column(DateTime)


class ExamAttempt(Base):
    __tablename__ = "exam_attempts"
    __table_args__ = (Index("ix_exam_attempts_app", "application_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("cert_applications.id"))
    question_ids: Mapped[list[str]] = mapped_column(JSON)
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    score: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)


class GradeRuleVersion(Base):
    """A staff-edited grade rule table (levels, thresholds, multipliers), versioned."""

    __tablename__ = "grade_rule_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class MakerGrade(Base):
    """A maker's level now (the latest evaluation or override), read by pay and the UI."""

    __tablename__ = "maker_grades"

    maker_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    level: Mapped[str] = mapped_column(String(8))
    at_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    multiplier: Mapped[str] = mapped_column(String(16))  # Decimal as text: exact
    rule_version: Mapped[int] = mapped_column(Integer)
    since: Mapped[datetime] = mapped_column(DateTime)


class GradeEvaluation(Base):
    """One maker's evaluation for one period: inputs, rule version, outcome, any override."""

    __tablename__ = "grade_evaluations"
    __table_args__ = (
        UniqueConstraint("period", "maker_id"),
        Index("ix_grade_evaluations_maker", "maker_id", "effective_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(7))  # "2026-11"
    maker_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    rule_version: Mapped[int] = mapped_column(Integer)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON)
    level_before: Mapped[str] = mapped_column(String(8))
    level_after: Mapped[str] = mapped_column(String(8))
    at_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    change: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[list[str]] = mapped_column(JSON)
    gap: Mapped[list[str]] = mapped_column(JSON)
    override_level: Mapped[str | None] = mapped_column(String(8))
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    effective_at: Mapped[datetime] = mapped_column(DateTime)  # first moment of the next period
    created_at: Mapped[datetime] = mapped_column(DateTime)

    @property
    def final_level(self) -> str:
        return self.override_level or self.level_after


class PayLine(Base):
    """Pay for one accepted order, fixed when a period's statement is drawn up."""

    __tablename__ = "pay_lines"
    __table_args__ = (
        UniqueConstraint("order_id"),
        CheckConstraint("pay_fen >= 0", name="pay_nonneg"),
        Index("ix_pay_lines_maker_period", "maker_id", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    maker_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    period: Mapped[str] = mapped_column(String(7))
    price_fen: Mapped[int] = mapped_column(BigInteger)
    budget_fen: Mapped[int] = mapped_column(BigInteger)
    level: Mapped[str] = mapped_column(String(8))
    multiplier: Mapped[str] = mapped_column(String(16))
    pay_fen: Mapped[int] = mapped_column(BigInteger)
    accepted_at: Mapped[datetime] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
