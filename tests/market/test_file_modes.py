"""#20 defect 10: the database, the secret key files and the user folders are private (0600/0700).

Run with a permissive umask (022, the usual default) so the test fails if anything relies on it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("CREATOR_STUDIO_HOME", str(h))
    monkeypatch.delenv("CREATOR_STUDIO_DB_URL", raising=False)
    monkeypatch.delenv("CREATOR_STUDIO_SECRETS_DIR", raising=False)
    monkeypatch.delenv("CREATOR_STUDIO_SECRET", raising=False)
    monkeypatch.delenv("CREATOR_STUDIO_ISSUER_KEY", raising=False)
    old = os.umask(0o022)
    yield h
    os.umask(old)


def test_user_folders_are_0700(home):
    from creator_studio.core import paths

    for d in (paths.data_dir(), paths.config_dir(), paths.log_dir(), paths.cache_dir(),
              paths.autosave_dir()):
        assert _mode(d) == 0o700, d


def test_an_old_world_readable_folder_is_tightened(home):
    from creator_studio.core import paths

    (home / "data").mkdir(parents=True, mode=0o755)
    os.chmod(home / "data", 0o755)
    assert _mode(paths.data_dir()) == 0o700


def test_the_embedded_database_and_its_wal_are_0600(home):
    from sqlalchemy import text

    from creator_studio.core.market.client import open_market

    client = open_market()  # the default: SQLite in the user data folder, migrated
    try:
        with client.engine.begin() as c:
            c.execute(text("SELECT 1"))
        db = Path(client.engine.url.database)
        assert db.parent == home / "data"
        files = [db] + [p for p in db.parent.iterdir() if p.name.startswith(db.name + "-")]
        assert len(files) >= 2  # the WAL (and shared memory) files exist while open
        for f in files:
            assert _mode(f) == 0o600, f
    finally:
        client.close()


def test_an_existing_world_readable_database_is_tightened(home):
    from creator_studio.core.store.engine import make_engine

    db = home / "old.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    os.chmod(db, 0o644)
    make_engine(f"sqlite:///{db}").dispose()
    assert _mode(db) == 0o600


def test_secret_key_files_are_0600(home):
    from creator_studio.core.market import credentials

    credentials.platform_secret()
    credentials.issuer_key()
    secret, issuer = credentials.secrets_dir() / "platform-secret.key", \
        credentials.secrets_dir() / "issuer-ed25519.pem"
    assert _mode(secret) == 0o600 and _mode(issuer) == 0o600
    assert _mode(credentials.secrets_dir()) == 0o700
