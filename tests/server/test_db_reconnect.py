"""The server keeps no ping before each query: a connection the database dropped makes one
request a typed, retryable 503, and the client's retry succeeds on a fresh connection."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.server.conftest import PG_URL

pytestmark = [pytest.mark.postgres]


def _drop_server_connections(db_name: str) -> int:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            return len(c.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": db_name}).all())
    finally:
        admin.dispose()


def test_dropped_database_connections_are_a_retryable_503(team):
    patient = team.client("maker02")  # the studio's default client: retries with backoff
    token = team.client("maker01").token
    # One keep-alive connection: every raw request below reaches the same server process.
    with httpx.Client(base_url=team.url, headers={"Authorization": f"Bearer {token}"},
                      timeout=30) as raw:
        def ask() -> httpx.Response:
            return raw.post("/api/market/open_requests", json={"limit": 20, "offset": 0})

        for _ in range(3):  # that process now has pooled connections
            assert ask().status_code == 200
        assert _drop_server_connections(team.db_name) >= 1

        first = ask()
        assert first.status_code == 503, first.text  # typed and retryable, not a 500
        assert first.json()["error"]["code"] == "DB_UNAVAILABLE"
        assert "重试" in first.json()["error"]["message_zh"]
        again = ask()
        assert again.status_code == 200, again.text  # the pool dropped the dead connections

    for _ in range(3):
        patient.open_requests(patient.user, 20, 0)
    _drop_server_connections(team.db_name)
    assert isinstance(patient.maker_orders(patient.user, 20, 0), list)  # retried, never seen
    patient.close()
