"""One idempotency rule for every market write (#12 item 5, #20 defect 2).

- The client makes the key once per user action and sends it again on a retry.
- The permission check comes first: callers check the actor before they look a key up.
- A replay returns the earlier result only to the **same actor** with the **same parameters**
  (a SHA-256 of the parameters is stored with the key); the same key with other parameters, for
  another action, or from another actor is the typed error ``IDEMPOTENCY_KEY_REUSED`` — never
  someone else's result.
- Keys starting with ``sys:`` belong to the system (timers, follow-up moves); a user key there is
  refused with ``BAD_IDEMPOTENCY_KEY``, so nobody can occupy a timer's key.

State moves keep their key in ``order_transitions``; every other write (offers, posted requests)
stores its result in ``idempotency_records``.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from creator_studio.core.errors import ValidationError
from creator_studio.core.store.models import IdempotencyRecord, User

SYSTEM_PREFIX = "sys:"
MAX_KEY = 128


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(_plain(v) for v in value) if isinstance(value, (set, frozenset)) \
            else [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def params_hash(**params: Any) -> str:
    """A stable SHA-256 of the call's parameters (key order and container types don't matter)."""
    text = json.dumps(_plain(params), sort_keys=True, ensure_ascii=False, default=str,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_key(key: str | None, *, system: bool = False) -> str:
    """A usable key: 1–128 characters of printable text; ``sys:`` only for the system."""
    if not isinstance(key, str) or not key or len(key) > MAX_KEY:
        raise ValidationError("缺少幂等键", "An idempotency key (1–128 chars) is required",
                              code="BAD_IDEMPOTENCY_KEY")
    if any(ord(c) < 32 or ord(c) == 127 for c in key):
        raise ValidationError("幂等键含有控制字符", "The idempotency key contains control characters",
                              code="BAD_IDEMPOTENCY_KEY")
    if not system and key.startswith(SYSTEM_PREFIX):
        raise ValidationError(f"以「{SYSTEM_PREFIX}」开头的幂等键保留给系统使用",
                              f"Idempotency keys starting with '{SYSTEM_PREFIX}' are reserved for "
                              "the system", code="BAD_IDEMPOTENCY_KEY")
    return key


def key_reused(key: str, why: str) -> ValidationError:
    return ValidationError("该幂等键已用于另一项操作或参数不同，请重新操作",
                           "This idempotency key was used for another action, by another user or "
                           "with other parameters; start the action again",
                           code="IDEMPOTENCY_KEY_REUSED", details={"key": key, "why": why})


def replay(session: Session, actor: User | None, operation: str, key: str,
           phash: str) -> dict[str, Any] | None:
    """The stored result for `key`, when it is this actor's same call; None for a new key.

    Call it only after the permission check.
    """
    row = session.scalar(select(IdempotencyRecord).where(IdempotencyRecord.key == key))
    if row is None:
        return None
    actor_id = actor.id if actor is not None else None
    if row.operation != operation:
        raise key_reused(key, "operation")
    if row.actor_id != actor_id:
        raise key_reused(key, "actor")
    if row.params_hash != phash:
        raise key_reused(key, "params")
    return dict(row.result)


def remember(session: Session, actor: User | None, operation: str, key: str, phash: str,
             result: dict[str, Any], now: datetime) -> None:
    """Store the result of a first call (same transaction as the write itself)."""
    session.add(IdempotencyRecord(key=key, actor_id=actor.id if actor is not None else None,
                                  operation=operation, params_hash=phash, result=_plain(result),
                                  created_at=now))
    session.flush()
