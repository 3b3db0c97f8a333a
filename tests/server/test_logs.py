"""The server's logs are structured: one JSON object per line, each request with method, path,
status, duration and the signed-in user — and never a password or a token."""

from __future__ import annotations

import json
import time

import pytest

from tests.server.conftest import PASSWORD

pytestmark = pytest.mark.postgres


def records(path) -> list[dict]:  # noqa: ANN001
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if isinstance(rec, dict):
            out.append(rec)
    return out


def test_requests_are_logged_as_json_lines_without_secrets(team):
    maker = team.client("maker03")
    maker.open_requests(maker.user, 10, 0)
    log = team.server.log

    def access() -> list[dict]:
        return [r for r in records(log) if r.get("path") == "/api/market/open_requests"
                and r.get("user") == maker.user.id]

    deadline = time.time() + 10
    while not access() and time.time() < deadline:
        time.sleep(0.2)
    hits = access()
    assert hits, log.read_text(errors="replace")[-2000:]
    rec = hits[-1]
    assert rec["method"] == "POST" and rec["status"] == 200 and rec["ms"] >= 0
    assert {"ts", "level", "logger", "pid"} <= set(rec)
    text = log.read_text(encoding="utf-8", errors="replace")
    assert PASSWORD not in text and maker.token not in text
