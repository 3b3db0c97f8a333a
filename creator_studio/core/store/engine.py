"""Database engine and schema upgrades.

Default: an embedded SQLite file ``creator-studio.db`` in the user data folder, in WAL mode (readers
never block the writer) with foreign keys on and a busy timeout. Any SQLAlchemy URL is accepted
(``postgresql+psycopg://…`` for team mode); ``CREATOR_STUDIO_DB_URL`` overrides the default.

SQLite note: Python's sqlite3 module starts transactions lazily and with a deferred lock, so two
writers that both read first can collide with ``SQLITE_BUSY`` that the busy timeout does not
cover. We take over transaction control (the documented pysqlite recipe) and let a unit of work
ask for ``BEGIN IMMEDIATE`` with the execution option ``sqlite_immediate=True``: the writer then
queues on the busy timeout instead of failing, and sees the committed state when its turn comes.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from creator_studio.core import paths

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000


def default_url() -> str:
    return f"sqlite:///{paths.data_dir() / 'creator-studio.db'}"


def _private_db_file(path: Path) -> None:
    """Create the SQLite file 0600 before SQLite does (it would use the umask, often 0644, and
    give the -wal/-shm files the database's mode): the market's accounts and password hashes are
    not for other local users (#20 defect 10). An existing file is tightened the same way."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
        if os.name == "posix" and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError as exc:  # a read-only location: SQLite reports it properly on connect
        log.debug("could not prepare %s: %s", path, exc)


def make_engine(url: str | None = None, **kwargs) -> Engine:
    """Create an engine for `url` (default: the embedded SQLite file)."""
    url = url or os.environ.get("CREATOR_STUDIO_DB_URL") or default_url()
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(url, **kwargs)

    connect_args = dict(kwargs.pop("connect_args", {}))
    connect_args.setdefault("timeout", BUSY_TIMEOUT_MS / 1000)
    connect_args.setdefault("check_same_thread", False)
    engine = create_engine(url, connect_args=connect_args, **kwargs)
    in_memory = parsed.database in (None, "", ":memory:")
    if not in_memory and parsed.database:
        _private_db_file(Path(parsed.database))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001 - DB-API objects
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see module docstring)
        cur = dbapi_conn.cursor()
        if not in_memory:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        immediate = conn.get_execution_options().get("sqlite_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic configuration built in code (no alembic.ini), so it works from an installed wheel."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False)
                            .replace("%", "%%"))
    return cfg


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    return heads[0] if len(heads) == 1 else ",".join(sorted(heads))


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        heads = MigrationContext.configure(conn).get_current_heads()
    return ",".join(sorted(heads)) if heads else None


def upgrade_to(engine: Engine, revision: str = "heads") -> None:
    """Bring the schema to `revision` (default: every head). Safe to call on every start."""
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


# Any fixed 64-bit number works; it only has to be the same in every process of a deployment.
MIGRATION_LOCK_ID = 0x43535F4D4947  # "CS_MIG"


def upgrade_to_head(engine: Engine) -> None:
    """Upgrade to the newest schema; safe when several server processes start at the same time.

    On PostgreSQL the upgrade runs under a session-level advisory lock held on its own
    connection: the first process migrates, the others wait for the lock, then find the schema
    already at head and do nothing. (Without it two processes both see "no tables" and the second
    fails on ``CREATE TABLE``.) SQLite has a single writer and needs no lock.
    """
    if engine.dialect.name != "postgresql":
        _upgrade_logged(engine)
        return
    from sqlalchemy import text

    with engine.connect() as lock_conn:
        lock_conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_ID})
        lock_conn.commit()
        try:
            _upgrade_logged(engine)
        finally:
            lock_conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_ID})
            lock_conn.commit()


def _upgrade_logged(engine: Engine) -> None:
    before = current_revision(engine)
    upgrade_to(engine, "heads")
    after = current_revision(engine)
    if before != after:
        log.info("database upgraded from %s to %s", before, after)


def downgrade_to(engine: Engine, revision: str) -> None:
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
