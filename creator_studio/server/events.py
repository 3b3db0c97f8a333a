"""Live updates: a server-sent events stream per session, fed by the notifications table.

Every market change that concerns someone already writes a notification row (new offer, award,
delivery, revision request, message…). Each server process runs one poller that reads rows
newer than the last one it saw (one indexed query per second for the whole process, however many
people are connected) and hands each to the queues of its recipient's open streams. Because the
table is shared, a change made through one process reaches a person connected to another.

An event is ``id: <notification id>``, ``event: <kind>``, ``data: {id, kind, zh, en, data}``.
A client that reconnects sends ``Last-Event-ID`` and gets what it missed, so nothing is lost
across a dropped connection or a restarted process. Clients then re-fetch the rows concerned.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from creator_studio.core.market.client import UserInfo
from creator_studio.core.store.models import Notification
from creator_studio.server.deps import bearer_token, current_user, server_state

log = logging.getLogger(__name__)
KEEPALIVE_SECONDS = 15
RECHECK_SESSION_SECONDS = 60

router = APIRouter(prefix="/api", tags=["events"])


def _row(n) -> dict:  # noqa: ANN001
    return {"id": n.id, "kind": n.kind, "zh": n.title_zh, "en": n.title_en, "data": n.data or {}}


def format_event(ev: dict) -> str:
    return f"id: {ev['id']}\nevent: {ev['kind']}\ndata: {json.dumps(ev, ensure_ascii=False)}\n\n"


class EventBroker:
    def __init__(self, state) -> None:  # noqa: ANN001
        self.state = state
        self.subscribers: dict[int, set[asyncio.Queue]] = defaultdict(set)
        self.last_id = 0

    def start_position(self) -> None:
        with self.state.svc.read() as s:
            self.last_id = s.scalar(select(func.max(Notification.id))) or 0

    def _fetch_new(self) -> list[tuple[int, dict]]:
        with self.state.svc.read() as s:
            rows = s.scalars(select(Notification).where(Notification.id > self.last_id)
                             .order_by(Notification.id).limit(2000)).all()
            return [(n.user_id, _row(n)) for n in rows]

    def backlog(self, user_id: int, after: int) -> list[dict]:
        with self.state.svc.read() as s:
            rows = s.scalars(select(Notification).where(Notification.user_id == user_id,
                                                        Notification.id > after)
                             .order_by(Notification.id).limit(500)).all()
            return [_row(n) for n in rows]

    async def run(self, poll_seconds: float) -> None:
        await run_in_threadpool(self.start_position)
        while True:
            await asyncio.sleep(poll_seconds)
            if not self.subscribers:
                # Nobody listening: skip the rows (a reconnect asks for its backlog anyway).
                try:
                    await run_in_threadpool(self.start_position)
                except Exception:  # noqa: BLE001 - the database may be restarting
                    log.warning("event poller: database unavailable", exc_info=True)
                continue
            try:
                new = await run_in_threadpool(self._fetch_new)
            except Exception:  # noqa: BLE001
                log.warning("event poller: database unavailable", exc_info=True)
                continue
            for user_id, ev in new:
                self.last_id = max(self.last_id, ev["id"])
                for q in list(self.subscribers.get(user_id, ())):
                    q.put_nowait(ev)

    def subscribe(self, user_id: int) -> asyncio.Queue:
        q: asyncio.Queue = asyncio.Queue()
        self.subscribers[user_id].add(q)
        return q

    def unsubscribe(self, user_id: int, q: asyncio.Queue) -> None:
        subs = self.subscribers.get(user_id)
        if subs is not None:
            subs.discard(q)
            if not subs:
                self.subscribers.pop(user_id, None)


@router.get("/events", summary="Server-sent events for the signed-in person",
            response_class=StreamingResponse,
            responses={200: {"description": (
                "A text/event-stream: each event is `id: <n>`, `event: <kind>` and `data: "
                "<JSON object>` (kind, order/request ids, texts); `: keepalive` comments keep it open"),
                "content": {"text/event-stream": {"schema": {"type": "string"}}}}})
async def events(request: Request, user: UserInfo = Depends(current_user),
                 token: str | None = Depends(bearer_token), state=Depends(server_state)):  # noqa: ANN001, ANN201
    from creator_studio.server import auth

    broker: EventBroker = state.broker
    raw_last = request.headers.get("last-event-id") or request.query_params.get("after") or ""
    after = int(raw_last) if raw_last.isdigit() else None
    q = broker.subscribe(user.id)

    async def stream():  # noqa: ANN202
        sent = after or 0
        try:
            yield f"retry: 3000\n: hello {user.login}\n\n"
            if after is not None:
                for ev in await run_in_threadpool(broker.backlog, user.id, after):
                    sent = max(sent, ev["id"])
                    yield format_event(ev)
            idle = 0.0
            while True:
                try:
                    ev = await asyncio.wait_for(q.get(), timeout=KEEPALIVE_SECONDS)
                except asyncio.TimeoutError:
                    idle += KEEPALIVE_SECONDS
                    yield ": keepalive\n\n"
                    if idle >= RECHECK_SESSION_SECONDS:
                        idle = 0.0
                        try:  # a revoked or expired session stops receiving
                            await run_in_threadpool(auth.authenticate, state, token)
                        except Exception:  # noqa: BLE001
                            yield "event: session_ended\ndata: {}\n\n"
                            return
                    continue
                if ev["id"] > sent:
                    sent = ev["id"]
                    yield format_event(ev)
        finally:
            broker.unsubscribe(user.id, q)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
