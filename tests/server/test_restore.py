"""Backup and restore as docs/server.md describes it: ``pg_dump`` + a copy of the files and
secrets folders, restored into a new database; the restored server serves the delivery by its
hash and still vouches for the certificates it issued."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import timedelta

import pytest
from sqlalchemy.engine import make_url

from tests.server.conftest import (
    LENIENT_NORMS,
    NO_PG,
    PG_URL,
    ServerProcess,
    course_package,
    create_database,
    drop_database,
    free_port,
    start_team,
    stop_team,
    write_config,
)

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def test_pg_dump_and_file_store_copy_restore_into_a_working_server(tmp_path):
    if not PG_URL:
        pytest.skip(NO_PG)
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        pytest.fail("pg_dump/pg_restore are part of the server set-up (scripts/setup.sh)")
    team = start_team(tmp_path / "live")
    restored = None
    new_db = None
    try:
        staff, buyer, maker = (team.client(n) for n in ("staff01", "buyer01", "maker01"))
        staff.publish_norms(staff.user, LENIENT_NORMS)
        rid = buyer.post_request(buyer.user, title="备份恢复演练课", forms=["h5"], budget_fen=200_000,
                                 deadline=buyer.now() + timedelta(days=9))
        order_id = buyer.award(buyer.user, rid, maker.make_offer(maker.user, rid, 150_000, 5)).order_id
        delivery_id = maker.deliver(maker.user, order_id, course_package(tmp_path / "pkg"))
        zip_before = buyer.download_delivery(delivery_id, tmp_path / "before.zip")
        digest = hashlib.sha256(zip_before.read_bytes()).hexdigest()
        badge_did = staff.did_document()

        # -- backup: database dump + the files and secrets folders --------------------------------
        dump = tmp_path / "backup" / "creator_studio.dump"
        dump.parent.mkdir()
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}",
                        libpq(team.db_url)], check=True, timeout=120)
        shutil.copytree(team.files_dir / "store", tmp_path / "backup" / "files" / "store")
        shutil.copytree(team.folder / "secrets", tmp_path / "backup" / "secrets")
        team.server.stop()

        # -- restore: a new database and folder, a new server ----------------------------------
        new_db, new_url = create_database("cs_restore")
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={libpq(new_url)}",
                        str(dump)], check=True, timeout=120)
        site = tmp_path / "restored"
        shutil.copytree(tmp_path / "backup" / "files", site / "files")
        shutil.copytree(tmp_path / "backup" / "secrets", site / "secrets")
        port = free_port()
        cfg = write_config(site, new_url, port)
        restored = ServerProcess(cfg, port, site / "home").start()

        from creator_studio.core.market.http_client import HttpMarketClient

        b2 = HttpMarketClient(restored.url)
        b2.login("buyer01", "test-pass-1234")
        after = b2.download_delivery(delivery_id, tmp_path / "after.zip")  # hash-checked by client
        assert hashlib.sha256(after.read_bytes()).hexdigest() == digest
        assert [d["id"] for d in b2.deliveries(b2.user, order_id)] == [delivery_id]
        # the same issuer key (restored secrets): the published key did not change
        assert b2.did_document()["verificationMethod"][0]["publicKeyJwk"] == \
            badge_did["verificationMethod"][0]["publicKeyJwk"]
    finally:
        if restored is not None:
            restored.stop()
        if new_db:
            drop_database(new_db)
        stop_team(team)
