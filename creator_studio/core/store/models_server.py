"""Tables only the team server uses: sign-in sessions, failed-login records and uploads.

- ``server_sessions``: one row per sign-in. The bearer token itself is never stored, only its
  SHA-256, so a copy of the database does not let anyone act as a signed-in person. A session
  ends when it expires or is revoked (sign-out, staff action).
- ``login_failures``: failed sign-ins by login name and by network address, counted over a
  sliding window to slow down password guessing on one account and from one machine.
- ``server_uploads``: a file being sent in chunks (request attachment, delivery package). The
  bytes live in the server's upload folder until "complete" verifies the SHA-256 and moves them
  into the content-addressed store; the row remembers who may use the upload.

The embedded (single-user) mode never writes these tables; they exist in every database so the
schema is the same everywhere.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from creator_studio.core.store.base import Base


class ServerSession(Base):
    __tablename__ = "server_sessions"
    __table_args__ = (Index("ix_server_sessions_user", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    address: Mapped[str] = mapped_column(String(64), default="")
    client: Mapped[str] = mapped_column(String(200), default="")


class LoginFailure(Base):
    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_login_at", "login", "at"),
                      Index("ix_login_failures_address_at", "address", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)


class ServerUpload(Base):
    __tablename__ = "server_uploads"
    __table_args__ = (Index("ix_server_uploads_user", "user_id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # random, unguessable
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open / complete
    chunks: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)
