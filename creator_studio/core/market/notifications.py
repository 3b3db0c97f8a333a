"""Per-user notifications (new offer, award, delivery, revision request, rating, dispute outcome)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from creator_studio.core.store.models import Notification, User


def notify(session: Session, user_id: int, kind: str, title_zh: str, title_en: str,
           now: datetime, **data) -> Notification:  # noqa: ANN003
    n = Notification(user_id=user_id, kind=kind, title_zh=title_zh, title_en=title_en,
                     data=data, created_at=now)
    session.add(n)
    return n


def list_for(session: Session, actor: User, *, unread_only: bool = False,
             limit: int = 100) -> list[Notification]:
    """The acting user's own notifications, newest first (nobody reads anyone else's)."""
    q = select(Notification).where(Notification.user_id == actor.id)
    if unread_only:
        q = q.where(Notification.read_at.is_(None))
    # by time, not id: history written later (an import, the demo) can carry earlier times
    return list(session.scalars(q.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)))


def unread_count(session: Session, actor: User) -> int:
    return session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == actor.id, Notification.read_at.is_(None))) or 0


def mark_read(session: Session, actor: User, ids: list[int] | None, now: datetime) -> int:
    q = update(Notification).where(Notification.user_id == actor.id,
                                   Notification.read_at.is_(None))
    if ids is not None:
        q = q.where(Notification.id.in_(ids))
    return session.execute(q.values(read_at=now)).rowcount or 0
