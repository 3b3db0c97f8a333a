"""Tables of the micro-course contest (微课大赛, #19): contests, judges, teams, entries with their
versions, per-criterion scores, awards and award credentials.

Why these shapes:
- The contest keeps its rubric, eligibility, forms and award bonuses as JSON on the row: they are
  read together, edited together before publication, and frozen once entries open (a judged
  contest must keep the criteria it was judged by).
- Scores are integers 0–100 per judge × criterion (no floats anywhere in the schema; the maths of
  normalisation runs in Python on these integers, see ``core/market/contest_scoring.py``).
- An entry is one row per entrant (solo maker or team) with its current version; every submitted
  version is kept in ``contest_entry_versions`` (later versions replace earlier ones for judging,
  the earlier ones stay for the record).
- An award credential is verifiable like a certificate (an HMAC code over its fields, see
  ``core/market/credentials.py``), so `creator-studio verify` answers for both.
- Every user write carries its idempotency key (unique) and a hash of its parameters.
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
from sqlalchemy.orm import Mapped, mapped_column

from creator_studio.core.store.base import Base


class Contest(Base):
    __tablename__ = "contests"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published', 'results_published')", name="status_known"),
        CheckConstraint("entry_mode IN ('solo', 'team')", name="entry_mode_known"),
        CheckConstraint("eligibility IN ('all', 'certified', 'business_lines')", name="eligibility_known"),
        CheckConstraint("normalisation IN ('zscore', 'trimmed')", name="normalisation_known"),
        CheckConstraint("team_max >= 1", name="team_max_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))  # the theme, e.g. 助力展业，直达成交
    description: Mapped[str] = mapped_column(Text, default="")
    rules: Mapped[str] = mapped_column(Text, default="")
    forms: Mapped[list[str]] = mapped_column(JSON)
    entry_mode: Mapped[str] = mapped_column(String(8), default="solo")
    team_max: Mapped[int] = mapped_column(Integer, default=1)
    eligibility: Mapped[str] = mapped_column(String(16), default="all")
    eligible_lines: Mapped[list[str]] = mapped_column(JSON, default=list)  # business line codes
    entries_open_at: Mapped[datetime] = mapped_column(DateTime)
    entries_close_at: Mapped[datetime] = mapped_column(DateTime)
    judging_close_at: Mapped[datetime] = mapped_column(DateTime)
    results_at: Mapped[datetime] = mapped_column(DateTime)
    rubric: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # [{id, name, weight, description}]
    normalisation: Mapped[str] = mapped_column(String(16), default="zscore")
    exclude_own_line: Mapped[bool] = mapped_column(Boolean, default=False)
    extra_rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # e.g. forbidden words
    award_bonus: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # award → grade points
    status: Mapped[str] = mapped_column(String(24), default="draft")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    params_hash: Mapped[str] = mapped_column(String(64))


class ContestJudge(Base):
    __tablename__ = "contest_judges"

    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)


class ContestTeam(Base):
    __tablename__ = "contest_teams"
    __table_args__ = (UniqueConstraint("contest_id", "captain_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    captain_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    params_hash: Mapped[str] = mapped_column(String(64))


class ContestTeamMember(Base):
    """Invited, then accepted (or declined). The captain is a member from the start."""

    __tablename__ = "contest_team_members"
    __table_args__ = (
        CheckConstraint("status IN ('invited', 'accepted', 'declined')", name="status_known"),
    )

    team_id: Mapped[int] = mapped_column(ForeignKey("contest_teams.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="invited")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ContestEntry(Base):
    __tablename__ = "contest_entries"
    __table_args__ = (UniqueConstraint("contest_id", "owner_id"),
                      Index("ix_contest_entries_contest", "contest_id", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # solo maker or team captain
    team_id: Mapped[int | None] = mapped_column(ForeignKey("contest_teams.id"))
    business_line_id: Mapped[int | None] = mapped_column(ForeignKey("business_lines.id"))
    title: Mapped[str] = mapped_column(String(200))
    forms: Mapped[list[str]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer, default=1)
    package_sha256: Mapped[str] = mapped_column(String(64))
    package_size: Mapped[int] = mapped_column(BigInteger, default=0)
    blind_sha256: Mapped[str | None] = mapped_column(String(64))  # the checked judging copy
    blind_report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    norms_report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    submitted_at: Mapped[datetime] = mapped_column(DateTime)


class ContestEntryVersion(Base):
    __tablename__ = "contest_entry_versions"
    __table_args__ = (UniqueConstraint("entry_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("contest_entries.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    package_sha256: Mapped[str] = mapped_column(String(64))
    submitted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    params_hash: Mapped[str] = mapped_column(String(64))


class ContestScore(Base):
    __tablename__ = "contest_scores"
    __table_args__ = (
        UniqueConstraint("entry_id", "judge_id", "criterion"),
        CheckConstraint("points BETWEEN 0 AND 100", name="points_range"),
        Index("ix_contest_scores_judge", "judge_id", "entry_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("contest_entries.id"))
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    criterion: Mapped[str] = mapped_column(String(32))
    points: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ContestAward(Base):
    __tablename__ = "contest_awards"
    __table_args__ = (
        UniqueConstraint("contest_id", "entry_id", "award", "special_name"),
        CheckConstraint("award IN ('first', 'second', 'third', 'excellence', 'special')",
                        name="award_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("contest_entries.id"))
    award: Mapped[str] = mapped_column(String(16))
    special_name: Mapped[str] = mapped_column(String(100), default="")
    bonus_points: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AwardCredential(Base):
    """One per winner (each accepted team member gets their own), verifiable by code."""

    __tablename__ = "contest_award_credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    award_id: Mapped[int] = mapped_column(ForeignKey("contest_awards.id"), index=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    verification_code: Mapped[str] = mapped_column(String(128), unique=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
