"""Kill -9 of the server in the middle of a chunked upload: the client resumes against the
restarted process; the stored file is whole, once, and downloads with the same SHA-256."""

from __future__ import annotations

import hashlib
import os
import threading
from datetime import timedelta

import pytest
from sqlalchemy import text

from tests.server.conftest import ServerProcess, start_team, stop_team

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SIZE = 110 * 1024 * 1024  # above the 100 MB line: goes in chunks


@pytest.fixture(scope="module")
def own_team(tmp_path_factory):
    from tests.server.conftest import NO_PG, PG_URL

    if not PG_URL:
        pytest.skip(NO_PG)
    t = start_team(tmp_path_factory.mktemp("resume"), workers=1)
    yield t
    stop_team(t)


def test_upload_survives_kill_9_and_restart(own_team, tmp_path):
    team = own_team
    big = tmp_path / "理赔培训录像素材.bin"
    with open(big, "wb") as fh:
        for _ in range(SIZE // (1024 * 1024)):
            fh.write(os.urandom(1024 * 1024))
    digest = hashlib.sha256(big.read_bytes()).hexdigest()

    buyer = team.client("buyer01", retries=6, backoff=0.5)
    killed = threading.Event()
    restarted = threading.Event()

    def restart() -> None:
        team.server.kill9()  # the supervisor and its worker, mid-chunk
        new = ServerProcess(team.server.config, team.server.port, team.server.home).start()
        team.server = new
        restarted.set()

    def progress(what: str, done: int, total: int) -> None:
        # inside the third chunk (8 MB chunks): the server has a partial chunk on disk
        if what == "upload" and done > 20 * 1024 * 1024 and not killed.is_set():
            killed.set()
            threading.Thread(target=restart, daemon=True).start()

    buyer.on_progress = progress
    rid = buyer.post_request(buyer.user, title="大文件素材需求", forms=["h5"], budget_fen=100_000,
                             deadline=buyer.now() + timedelta(days=10), attachments=[big],
                             key="post-big-once")
    buyer.on_progress = None
    assert killed.is_set() and restarted.is_set()

    # exactly one upload row, complete; nothing left in the upload area; the blob is stored once
    eng = team.engine()
    with eng.connect() as c:
        rows = c.execute(text("SELECT status, size, sha256 FROM server_uploads")).all()
        files = c.execute(text("SELECT sha256, size FROM request_files WHERE request_id = :r"),
                          {"r": rid}).all()
        requests = c.execute(text("SELECT count(*) FROM requests WHERE title = '大文件素材需求'")).scalar()
    eng.dispose()
    assert [(r.status, r.size, r.sha256) for r in rows] == [("complete", SIZE, digest)]
    assert [(f.sha256, f.size) for f in files] == [(digest, SIZE)]
    assert requests == 1
    assert not any((team.files_dir / "uploads").iterdir())
    blob = team.files_dir / "store" / digest[:2] / digest[2:4] / digest
    assert blob.stat().st_size == SIZE

    # download with Range resume and hash check (the client verifies)
    out = buyer.fetch_request_file(buyer.user, buyer.request_files(buyer.user, rid)[0]["id"],
                                   tmp_path / "back.bin")
    assert out.stat().st_size == SIZE
    assert hashlib.sha256(out.read_bytes()).hexdigest() == digest


def test_range_requests_return_the_asked_bytes(own_team, tmp_path):
    import httpx

    team = own_team
    buyer = team.client("buyer01")
    f = tmp_path / "src.txt"
    f.write_bytes(bytes(range(256)) * 40)
    rid = buyer.post_request(buyer.user, title="范围下载测试", forms=["h5"], budget_fen=1000,
                             deadline=buyer.now() + timedelta(days=3), attachments=[f])
    fid = buyer.request_files(buyer.user, rid)[0]["id"]
    h = {"Authorization": f"Bearer {buyer.token}"}
    r = httpx.get(f"{team.url}/api/files/request-files/{fid}", headers=dict(h, Range="bytes=100-199"))
    assert r.status_code == 206 and r.content == f.read_bytes()[100:200]
    assert r.headers["content-range"] == f"bytes 100-199/{f.stat().st_size}"
    assert r.headers["x-content-sha256"] == hashlib.sha256(f.read_bytes()).hexdigest()
    r = httpx.get(f"{team.url}/api/files/request-files/{fid}", headers=dict(h, Range="bytes=-10"))
    assert r.content == f.read_bytes()[-10:]
    r = httpx.get(f"{team.url}/api/files/request-files/{fid}", headers=dict(h, Range="bytes=99999-"))
    assert r.status_code == 422 and r.json()["error"]["code"] == "BAD_RANGE"
