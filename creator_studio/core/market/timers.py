"""Due timers fire through the same `transition` function people use.

Kinds: ``auto_accept`` (buyer silent after delivery), ``cancel_silence`` (no reply to a
cancellation request = agreed), ``review_reveal`` (review window closed), ``request_expiry``
(deadline passed without an award), ``deadline`` (late flag). A timer whose move is no longer
valid (the buyer accepted meanwhile, the clock was paused…) is closed as ``stale``.

What users cannot do to a timer (#20 defect 1):

- take its idempotency key: a timer's key is ``sys:timer:<id>`` and keys starting with ``sys:``
  are refused from users (`idempotency.check_key`), so no draft, offer or move can occupy it;
- make it go stale by racing it: a compare-and-set conflict with a user's move at the same moment
  (``CONFLICT``) leaves the timer due, and the next run decides against the new state.

Rows are claimed with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several server processes never
fire the same timer: each claims a disjoint batch and holds the row locks until its commit. SQLite
has one writer at a time anyway (``BEGIN IMMEDIATE``). A re-run after a crash is harmless: the
key makes a move that was committed replay instead of acting twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from creator_studio.core.errors import StudioError
from creator_studio.core.market.idempotency import SYSTEM_PREFIX
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
RETRY_CODES = {"CONFLICT", "DB_BUSY"}  # a race, not a verdict: try again on the next run


def timer_key(timer_id: int) -> str:
    """The idempotency key of a timer's move, in the system namespace no user key can take."""
    return f"{SYSTEM_PREFIX}timer:{timer_id}"


@dataclass
class TimerRun:
    fired: list[tuple[str, int]] = field(default_factory=list)  # (kind, entity id)
    stale: int = 0
    errors: int = 0
    retry: int = 0  # lost a race with a user's move; still due

    def add(self, other: "TimerRun") -> None:
        self.fired += other.fired
        self.stale += other.stale
        self.errors += other.errors
        self.retry += other.retry


def claim_due(session: Session, now: datetime, limit: int) -> list[OrderTimer]:
    q = (select(OrderTimer).where(OrderTimer.done.is_(False), OrderTimer.fire_at <= now)
         .order_by(OrderTimer.fire_at, OrderTimer.id).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        q = q.with_for_update(skip_locked=True)
    return list(session.scalars(q))


def run_due_timers(session: Session, now: datetime, limit: int = 500) -> TimerRun:
    """Fire every timer due at `now` (up to `limit`) in the caller's transaction; the caller
    commits (which also releases the claimed rows)."""
    run = TimerRun()
    for timer in claim_due(session, now, limit):
        kind, action = TIMER_MOVES[timer.kind]
        entity_id = timer.order_id if kind == "order" else timer.request_id
        try:
            with session.begin_nested():
                transition(session, None, kind, entity_id, action, key=timer_key(timer.id),
                           now=now)
            timer.outcome = "fired"
            run.fired.append((timer.kind, entity_id))
        except StudioError as exc:
            if exc.code in RETRY_CODES:
                run.retry += 1
                log.info("timer %s (%s) raced a user move; stays due", timer.id, timer.kind)
                continue  # not done: the next run looks again
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


def fire_due_timers(engine: Engine, now: datetime, *, batch: int = 100,
                    max_batches: int = 50) -> TimerRun:
    """What a server process calls in its loop: fire due timers in short transactions of at most
    `batch` rows until none is left (or `max_batches`), each batch claimed with SKIP LOCKED so two
    processes share the work and never fire one timer twice."""
    from creator_studio.core.market.uow import write_session

    total = TimerRun()
    for _ in range(max_batches):
        with write_session(engine) as s:
            run = run_due_timers(s, now, limit=batch)
        total.add(run)
        handled = len(run.fired) + run.stale + run.errors
        if handled + run.retry < batch or handled == 0:
            break
    return total
