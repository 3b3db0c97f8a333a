"""Several server processes at once: migrations under the advisory lock, timers fired once."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import text

from tests.server.conftest import (
    NO_PG,
    PG_URL,
    ServerProcess,
    create_database,
    drop_database,
    free_port,
    write_config,
)

pytestmark = pytest.mark.postgres


def test_two_processes_starting_together_on_an_empty_database(tmp_path):
    if not PG_URL:
        pytest.skip(NO_PG)
    name, url = create_database("cs_start")
    procs = []
    try:
        port_a, port_b = free_port(), free_port()
        cfg = write_config(tmp_path, url, port_a)
        # two independent servers (sharing database, files and secrets) plus a 2-worker one
        procs = [ServerProcess(cfg, port_a, tmp_path / "home").start(wait=False),
                 ServerProcess(cfg, port_b, tmp_path / "home", workers=2).start(wait=False)]
        for p in procs:
            p.wait_ready()
        from creator_studio.core.store.engine import head_revision, make_engine

        eng = make_engine(url)
        with eng.connect() as c:
            assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        eng.dispose()
        import httpx

        keys = {httpx.get(p.url + "/.well-known/jwks.json").json()["keys"][0]["x"] for p in procs}
        assert len(keys) == 1  # one issuer key for the deployment, however many processes
    finally:
        for p in procs:
            p.stop()
        drop_database(name)


def test_timers_fire_inside_the_server_once(team):
    """The shared server runs 2 processes, each with its timer loop (every 2 s in tests)."""
    buyer = team.client("buyer02")
    rid = buyer.post_request(buyer.user, title="即将截止的需求", forms=["h5"], budget_fen=10_000,
                             deadline=buyer.now() + timedelta(seconds=3))
    deadline = time.time() + 30
    status = None
    while time.time() < deadline:
        status = next(r["status"] for r in buyer.buyer_requests(buyer.user) if r["id"] == rid)
        if status == "expired":
            break
        time.sleep(0.5)
    assert status == "expired"
    time.sleep(5)  # both loops get more rounds: still one move, one timer outcome
    eng = team.engine()
    with eng.connect() as c:
        moves = c.execute(text("SELECT count(*) FROM order_transitions WHERE request_id = :r "
                               "AND action = 'expire'"), {"r": rid}).scalar()
        timers = c.execute(text("SELECT outcome FROM order_timers WHERE request_id = :r "
                                "AND kind = 'request_expiry'"), {"r": rid}).all()
    eng.dispose()
    assert moves == 1
    assert [t[0] for t in timers] == ["fired"]
    kinds = [n["kind"] for n in buyer.notifications(buyer.user)]
    assert kinds.count("request_expired") == 1
