"""Work each server process does on its own: due timers and stale-upload clean-up.

Every process runs the loop; `FOR UPDATE SKIP LOCKED` in `core.market.timers` hands each due
timer to exactly one of them, and the transition key made from the timer id makes a re-run after
a crash harmless. So adding processes adds no double firing.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.concurrency import run_in_threadpool

log = logging.getLogger(__name__)


def run_timers_once(state) -> int:  # noqa: ANN001
    from creator_studio.core.market import timers

    with state.svc.write() as s:
        run = timers.run_due_timers(s, state.svc.now())
    fired = len(getattr(run, "fired", []) or [])
    if fired or getattr(run, "errors", 0):
        log.info("timers: %d fired, %d stale, %d errors", fired, getattr(run, "stale", 0),
                 getattr(run, "errors", 0))
    return fired


async def timer_loop(state, every: float) -> None:  # noqa: ANN001
    from creator_studio.server.files import purge_stale_uploads

    rounds = 0
    while True:
        await asyncio.sleep(every)
        try:
            await run_in_threadpool(run_timers_once, state)
            rounds += 1
            if rounds % 120 == 1:
                n = await run_in_threadpool(purge_stale_uploads, state)
                if n:
                    log.info("purged %d stale uploads", n)
        except Exception:  # noqa: BLE001 - keep the loop alive through a database restart
            log.warning("timer round failed", exc_info=True)
