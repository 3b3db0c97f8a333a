"""Due timers fire through the same `transition` function people use.

Kinds: ``auto_accept`` (buyer silent after delivery), ``cancel_silence`` (no reply to a
cancellation request = agreed), ``review_reveal`` (review window closed), ``request_expiry``
(deadline passed without an award), ``deadline`` (late flag). A timer whose move is no longer
valid (the buyer accepted meanwhile, the clock was paused…) is closed as ``stale``.

Rows are claimed with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL so several runners never fire the
same timer; SQLite has a single writer anyway. The transition key ``timer:<id>`` makes a re-run
after a crash harmless.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from creator_studio.core.errors import StudioError
from creator_studio.core.market.orders import transition
from creator_studio.core.store.models import OrderTimer

log = logging.getLogger(__name__)

TIMER_MOVES = {
    "auto_accept": ("order", "auto_accept"),
    "cancel_silence": ("order", "agree_cancel"),
    "review_reveal": ("order", "reveal_reviews"),
    "request_expiry": ("request", "expire"),
    "deadline": ("order", "mark_late"),
}


@dataclass
class TimerRun:
    fired: list[tuple[str, int]] = field(default_factory=list)  # (kind, entity id)
    stale: int = 0
    errors: int = 0


def claim_due(session: Session, now: datetime, limit: int) -> list[OrderTimer]:
    q = (select(OrderTimer).where(OrderTimer.done.is_(False), OrderTimer.fire_at <= now)
         .order_by(OrderTimer.fire_at, OrderTimer.id).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        q = q.with_for_update(skip_locked=True)
    return list(session.scalars(q))


def run_due_timers(session: Session, now: datetime, limit: int = 500) -> TimerRun:
    """Fire every timer due at `now` (up to `limit`); the caller commits."""
    run = TimerRun()
    for timer in claim_due(session, now, limit):
        kind, action = TIMER_MOVES[timer.kind]
        entity_id = timer.order_id if kind == "order" else timer.request_id
        try:
            with session.begin_nested():
                transition(session, None, kind, entity_id, action, key=f"timer:{timer.id}",
                           now=now)
            timer.outcome = "fired"
            run.fired.append((timer.kind, entity_id))
        except StudioError as exc:
            timer.outcome = "stale"
            run.stale += 1
            log.debug("timer %s (%s) stale: %s", timer.id, timer.kind, exc.code)
        except Exception:  # noqa: BLE001 - one bad row must not stop the others
            log.exception("timer %s failed", timer.id)
            timer.outcome = "error"
            run.errors += 1
        timer.done = True
        timer.fired_at = now
    session.flush()
    return run
