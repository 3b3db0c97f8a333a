"""Team-server fixtures: a real uvicorn server process on 127.0.0.1, a real PostgreSQL database.

Each module that needs a server of its own gets a fresh database (``CREATE DATABASE``) and its
own files and secrets folders; the shared `team` server is started once per test session, so
most tests reuse it. The data a test needs before its flow begins (business line, accounts,
certificates) is put in with the market services directly — the flows themselves go through
`HttpMarketClient` and the server only.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

PG_URL = os.environ.get("CREATOR_STUDIO_TEST_PG_URL")
NO_PG = ("team-server tests need PostgreSQL: CREATOR_STUDIO_TEST_PG_URL is not set "
         "(scripts/test.sh starts one; or export it from `bash scripts/pg_start.sh`)")
PASSWORD = "test-pass-1234"
FORMS = ["long-image", "h5", "screen-record", "skit"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _admin_engine():  # noqa: ANN202
    from sqlalchemy import create_engine

    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


def create_database(prefix: str = "cs_srv") -> tuple[str, str]:
    """A new empty database on the test server: ``(name, url)``."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    eng = _admin_engine()
    with eng.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    return name, url


def drop_database(name: str) -> None:
    from sqlalchemy import text

    eng = _admin_engine()
    with eng.connect() as c:
        c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    eng.dispose()


def write_config(folder: Path, db_url: str, port: int, **extra) -> Path:  # noqa: ANN003
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["[server]", 'host = "127.0.0.1"', f"port = {port}",
             f'public_url = "http://127.0.0.1:{port}"', "[database]", f'url = "{db_url}"',
             "[files]", 'folder = "files"', f"max_upload_mb = {extra.get('max_upload_mb', 300)}",
             "[secrets]", 'folder = "secrets"', "[timers]",
             f"seconds = {extra.get('timer_seconds', 2)}"]
    path = folder / "server.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _own_group_dying_with(parent: int):
    """The server gets its own process group (kill9 takes uvicorn and its workers together) and a
    Linux parent-death signal, so a test run that is itself killed leaves no server behind.

    The signal follows the *thread* that started the child, so it is armed only from the main
    thread: a server restarted from a helper thread (the kill -9 resume test) would otherwise
    die as soon as that thread ends."""
    import threading

    with_signal = threading.current_thread() is threading.main_thread()

    def arm() -> None:  # runs in the forked child
        os.setsid()
        if not with_signal:
            return
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:
            os._exit(1)

    return arm


@dataclass
class ServerProcess:
    config: Path
    port: int
    home: Path
    workers: int = 1
    proc: subprocess.Popen | None = None
    log: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait: bool = True) -> "ServerProcess":
        # Every market answer is checked against its declared response model (a 500 if not)
        env = dict(os.environ, CREATOR_STUDIO_HOME=str(self.home),
                   CREATOR_STUDIO_SERVER_LOG_LEVEL="INFO", PYTHONUNBUFFERED="1",
                   CREATOR_STUDIO_SERVER_CHECK_RESPONSES="1")
        self.log = self.config.parent / f"server-{self.port}-{int(time.time() * 1000)}.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "creator_studio.server", "--config", str(self.config),
             "--port", str(self.port), "--workers", str(self.workers)],
            stdout=open(self.log, "wb"), stderr=subprocess.STDOUT, env=env,
            preexec_fn=_own_group_dying_with(os.getpid()))
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(self.url + "/api/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server not ready: {self.log.read_text(errors='replace')[-3000:]}")

    def kill9(self) -> None:
        """SIGKILL the whole process group (uvicorn's supervisor and every worker)."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill9()


@dataclass
class Team:
    """A running server and who is in its database."""

    server: ServerProcess
    db_name: str
    db_url: str
    folder: Path
    ids: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def files_dir(self) -> Path:
        return self.folder / "files"

    def client(self, login: str | None = None, **kw):  # noqa: ANN003, ANN201
        from creator_studio.core.market.http_client import HttpMarketClient

        c = HttpMarketClient(self.url, **kw)
        if login:
            c.login(login, PASSWORD)
        return c

    def engine(self):  # noqa: ANN201
        from creator_studio.core.store.engine import make_engine

        return make_engine(self.db_url)


def seed(db_url: str) -> dict:
    """Staff (through the bootstrap the `admin create-staff` command uses), one business line,
    buyers, makers with certificates — what exists before any flow starts."""
    from creator_studio.core.market import accounts
    from creator_studio.core.market.uow import MarketService
    from creator_studio.core.store.engine import make_engine
    from creator_studio.core.store.models import Certificate

    engine = make_engine(db_url)
    svc = MarketService(engine)
    now = svc.now()
    ids = {}
    with svc.write() as s:
        staff = accounts.user_by_login(s, "staff01")
        ids["staff01"] = staff.id
        bl = accounts.create_business_line(s, staff, "PNC", "产险非车", now=now)
        for login, name, roles in (("buyer01", "王需求", ["buyer"]), ("buyer02", "李需求", ["buyer"]),
                                   ("maker01", "张创客", ["maker"]), ("maker02", "赵创客", ["maker"]),
                                   ("maker03", "钱创客", ["maker"]),
                                   ("maker04", "孙试锁", ["maker"])):  # only the throttling test
            u = accounts.create_user(s, staff, login, name, roles, password=PASSWORD,
                                     business_line_code=bl.code, now=now)
            ids[login] = u.id
        for login in ("maker01", "maker02", "maker03"):
            n = uuid.uuid4().hex[:10].upper()
            s.add(Certificate(number=f"CS-T-{n}", holder_id=ids[login], forms=FORMS, status="valid",
                              issued_at=now - timedelta(days=1), expires_at=now + timedelta(days=700),
                              verification_code=f"v-{n}"))
    engine.dispose()
    return ids


def start_team(folder: Path, *, workers: int = 1, **extra) -> Team:  # noqa: ANN003
    from creator_studio.server.admin import create_staff
    from creator_studio.server.config import load_config

    name, url = create_database()
    port = free_port()
    cfg_path = write_config(folder, url, port, **extra)
    create_staff(load_config(cfg_path), "staff01", "平台运营", PASSWORD)
    ids = seed(url)
    server = ServerProcess(cfg_path, port, folder / "home", workers=workers).start()
    return Team(server, name, url, folder, ids)


def stop_team(team: Team) -> None:
    team.server.stop()
    drop_database(team.db_name)


@pytest.fixture(scope="session")
def team(tmp_path_factory) -> Team:
    if not PG_URL:
        pytest.skip(NO_PG)
    t = start_team(tmp_path_factory.mktemp("team"), workers=2)
    yield t
    stop_team(t)


def course_package(folder: Path, text: str = "车险理赔流程：报案、查勘、定损、理赔。仅供内部培训使用。",
                   title: str = "车险理赔流程微课") -> Path:
    """A small rendered-package folder the real norms check can read (manifest + course.json)."""
    import json

    from creator_studio.core.lesson import model as m
    from creator_studio.core.lesson.serialize import dumps

    folder.mkdir(parents=True, exist_ok=True)
    lesson = m.Lesson(title=title, pages=[m.Page(id="p1", title="流程", blocks=[
        m.Paragraph(runs=[m.Run(text)])])])
    (folder / "course.json").write_text(dumps(lesson), encoding="utf-8")
    (folder / "h5").mkdir(exist_ok=True)
    (folder / "h5" / "index.html").write_text(f"<html><body>{title}</body></html>", encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({
        "title": title, "forms": {"h5": {"files": [{"path": "h5/index.html", "role": "entry"}]}}},
        ensure_ascii=False), encoding="utf-8")
    return folder


LENIENT_NORMS = {"id": "test-norms", "title_zh": "测试规范", "title_en": "test norms", "rules": [
    {"id": "forbidden-wording", "kind": "forbidden_words", "severity": "fail",
     "params": {"words": ["保本", "稳赚", "零风险"]},
     "zh": "不得出现绝对化承诺用语", "en": "No absolute promises"}]}
