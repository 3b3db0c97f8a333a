"""Two awards of one request at the same moment, from two connections: exactly one wins.

On PostgreSQL both threads are held at a barrier after they have read the request as 'open', so
the compare-and-set UPDATE is what decides. On SQLite the second writer queues on BEGIN IMMEDIATE
and then finds the request awarded.
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from creator_studio.core.errors import InvalidTransition
from creator_studio.core.market import orders, requests
from creator_studio.core.market.uow import MarketService
from creator_studio.core.store.models import Offer, Order, OrderTransition, Request


def test_two_awards_race_exactly_one_wins(svc, world, mk, monkeypatch, db):
    rid = mk.open_request()
    offer_a = mk.offer(rid, world.maker)
    offer_b = mk.offer(rid, world.maker2)

    both_read = threading.Barrier(2)
    real_guard = orders._guard_award

    def slow_guard(ctx):  # noqa: ANN001
        real_guard(ctx)
        try:
            both_read.wait(timeout=1.5)  # SQLite: the other writer cannot get here yet
        except threading.BrokenBarrierError:
            pass

    monkeypatch.setattr(orders, "_guard_award", slow_guard)
    monkeypatch.setitem(orders.MOVES, ("request", "award"),
                        orders.Move("request", "award", ("open",), "awarded", "request.award",
                                    guard=slow_guard, apply=orders._apply_award))

    results: dict[str, object] = {}

    def award(name: str, offer_id: int) -> None:
        own = MarketService(db, clock=svc.clock, store=svc.store)  # its own connection
        try:
            results[name] = own.call(requests.award, world.buyer, rid, offer_id, key=f"race-{name}")
        except InvalidTransition as exc:
            results[name] = exc

    threads = [threading.Thread(target=award, args=("a", offer_a)),
               threading.Thread(target=award, args=("b", offer_b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    wins = [v for v in results.values() if not isinstance(v, Exception)]
    losses = [v for v in results.values() if isinstance(v, InvalidTransition)]
    assert len(wins) == 1 and len(losses) == 1, results
    if db.dialect.name == "postgresql":
        assert losses[0].code == "CONFLICT"  # both read 'open'; the compare-and-set decided
    with svc.read() as s:
        assert s.get(Request, rid).status == "awarded"
        assert s.scalar(select(func.count()).select_from(Order)) == 1
        assert s.scalar(select(func.count()).select_from(OrderTransition)
                        .where(OrderTransition.action == "award")) == 1
        statuses = sorted(s.scalars(select(Offer.status).where(Offer.request_id == rid)))
        assert statuses == ["awarded", "lost"]
