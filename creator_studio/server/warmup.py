"""Pay a fresh server process's one-time costs before it takes its first request.

Measured on a quiet machine: the first market call of a new process took ~0.4 s against
~0.02 s for the next ones — FastAPI builds its table of included routes on the first match,
and SQLAlchemy compiles each statement the first time it runs. When a whole office signs in
after a restart (the load test's 200 clients), every request of that first second queued
behind it and showed up as a 1–2 s tail. Startup now does both: one unauthenticated request
through each router (answered 401 inside the process, nothing leaves it), and the main list
queries run once for nobody (user id 0 has no rows).
"""

from __future__ import annotations

import logging
import time

log = logging.getLogger(__name__)

PATHS = (("POST", "/api/market/open_requests"), ("GET", "/api/uploads/warm-up"),
         ("GET", "/.well-known/jwks.json"), ("GET", "/api/session"))


async def warm_routes(app) -> None:  # noqa: ANN001
    import httpx

    transport = httpx.ASGITransport(app=app)
    # A token that matches no session: the session lookup runs (and is compiled) too.
    async with httpx.AsyncClient(transport=transport, base_url="http://warm-up",
                                 headers={"Authorization": "Bearer warm-up"}) as client:
        for method, path in PATHS:
            try:
                await client.request(method, path, json={} if method == "POST" else None)
            except Exception:  # noqa: BLE001 - warming is an optimisation, never a start failure
                log.debug("warm-up request %s %s failed", method, path, exc_info=True)


def warm_queries(state) -> None:  # noqa: ANN001
    from creator_studio.core.market import queries

    from creator_studio.core.errors import NotFound

    svc = state.svc
    try:
        with svc.read() as s:
            now = svc.now()
            try:
                svc.actor(s, 0)
            except NotFound:
                pass
            queries.open_requests_for_maker(s, 0, now)
            queries.maker_orders(s, 0)
            queries.buyer_orders(s, 0)
            queries.maker_summary(s, 0)
            queries.maker_summaries(s, [0])
    except Exception:  # noqa: BLE001
        log.debug("warm-up queries failed", exc_info=True)


async def warm_up(app, state) -> float:  # noqa: ANN001
    """Both warm-ups; the seconds they took (logged at start)."""
    from starlette.concurrency import run_in_threadpool

    t0 = time.perf_counter()
    await run_in_threadpool(warm_queries, state)
    await warm_routes(app)
    return time.perf_counter() - t0
