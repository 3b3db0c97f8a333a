"""Tables of the order conversation (#17): messages with attachments, read receipts, and review
comments pinned to a delivered version.

Why these shapes:
- System events (award, material requested, delivery vN, revision requested, accepted…) are not
  copied here: they are read from ``order_transitions`` and merged into the thread when it is
  shown, so the thread can never disagree with the order's real history.
- A pin addresses what survives re-rendering: a page's stable id (``Page.id`` of the course
  model) plus a position as integer fractions (basis points, 0–10000) for a long image or an H5
  page, a media time in milliseconds for a video, or a skit line id (``scene-id/line-index``).
  Pixel positions would break as soon as the maker re-renders at another width. No floats: the
  schema test refuses them anywhere.
- A comment is made on one delivered version and carried over to the later ones; whether it was
  addressed is derived from the maker's "done" mark and the next delivered version (see
  ``core/market/review_comments.py``), so nothing has to be copied per version.
- Every write carries its idempotency key (unique) with the acting user and a hash of the
  parameters: a replay returns the earlier row only to the same actor with the same parameters.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from creator_studio.core.store.base import Base


class OrderMessage(Base):
    """One message in an order's thread, written by the buyer, the maker or (in a dispute) staff."""

    __tablename__ = "order_messages"
    __table_args__ = (Index("ix_order_messages_order", "order_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author_role: Mapped[str] = mapped_column(String(16))  # buyer / maker / staff (at the time)
    body: Mapped[str] = mapped_column(Text, default="")
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    params_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    files: Mapped[list[MessageFile]] = relationship(
        back_populates="message", cascade="all, delete-orphan", lazy="selectin")


class MessageFile(Base):
    """A file attached to a message, kept in the same content-addressed store as deliveries."""

    __tablename__ = "order_message_files"
    __table_args__ = (CheckConstraint("size >= 0", name="size_nonneg"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("order_messages.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)

    message: Mapped[OrderMessage] = relationship(back_populates="files")


class ThreadRead(Base):
    """Read receipt: how far one person has read one order's thread (messages and comments)."""

    __tablename__ = "order_thread_reads"

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    last_message_id: Mapped[int] = mapped_column(BigInteger, default=0)
    read_at: Mapped[datetime] = mapped_column(DateTime)


COMMENT_STATUSES = ("open", "resolved", "done", "reopened")


class ReviewComment(Base):
    """A buyer's review comment pinned to a place in a delivered version."""

    __tablename__ = "review_comments"
    __table_args__ = (
        CheckConstraint("anchor IN ('page', 'time', 'line', 'general')", name="anchor_known"),
        CheckConstraint("severity IN ('must_fix', 'suggestion')", name="severity_known"),
        CheckConstraint("status IN ('open', 'resolved', 'done', 'reopened')", name="status_known"),
        CheckConstraint("(x_bp IS NULL OR (x_bp BETWEEN 0 AND 10000)) AND "
                        "(y_bp IS NULL OR (y_bp BETWEEN 0 AND 10000))", name="position_range"),
        CheckConstraint("time_ms IS NULL OR time_ms >= 0", name="time_nonneg"),
        Index("ix_review_comments_order", "order_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id"))
    version: Mapped[int] = mapped_column(Integer)  # the delivered version it was made on
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    form: Mapped[str | None] = mapped_column(String(32))  # long-image / h5 / screen-record / skit
    anchor: Mapped[str] = mapped_column(String(16))
    page_id: Mapped[str | None] = mapped_column(String(64))
    page_label: Mapped[str] = mapped_column(String(200), default="")  # page title when pinned
    x_bp: Mapped[int | None] = mapped_column(Integer)  # 0–10000 = left → right
    y_bp: Mapped[int | None] = mapped_column(Integer)  # 0–10000 = top → bottom of the page
    time_ms: Mapped[int | None] = mapped_column(BigInteger)
    line_id: Mapped[str | None] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    status_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)  # the maker's latest "done" mark
    revision_round: Mapped[int | None] = mapped_column(Integer)  # bundled into this revision
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    params_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ReviewCommentEvent(Base):
    """Append-only history of a comment's status (done, resolved, reopened…): who, when, why."""

    __tablename__ = "review_comment_events"
    __table_args__ = (Index("ix_review_comment_events_comment", "comment_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("review_comments.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)
    params_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
