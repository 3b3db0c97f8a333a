"""Audit trail: every state change records who, what, when, and the before/after picture."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from creator_studio.core.market import permissions
from creator_studio.core.store.models import AuditEvent, User


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    return value


def snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: _jsonable(getattr(obj, f)) for f in fields}


def record(session: Session, actor_id: int | None, action: str, entity: str,
           entity_id: int | None, before: dict | None, after: dict | None,
           now: datetime) -> AuditEvent:
    ev = AuditEvent(actor_id=actor_id, action=action, entity=entity, entity_id=entity_id,
                    before=_jsonable(before), after=_jsonable(after), created_at=now)
    session.add(ev)
    return ev


def list_events(session: Session, actor: User, *, entity: str | None = None,
                entity_id: int | None = None, limit: int = 200) -> list[AuditEvent]:
    permissions.check(actor, "audit.read")
    q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if entity:
        q = q.where(AuditEvent.entity == entity)
    if entity_id is not None:
        q = q.where(AuditEvent.entity_id == entity_id)
    return list(session.scalars(q))
