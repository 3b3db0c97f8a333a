"""Market fixtures: every test runs on SQLite (temp file) and on PostgreSQL when
CREATOR_STUDIO_TEST_PG_URL is set (scripts/test.sh starts a throwaway server). Each test session
migrates a fresh database (PostgreSQL: a private schema) once; tables are emptied between tests.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from creator_studio.core.market import accounts
from creator_studio.core.market.clock import FrozenClock
from creator_studio.core.market.uow import MarketService
from creator_studio.core.store.base import Base
from creator_studio.core.store.engine import make_engine, upgrade_to_head
from creator_studio.core.store.filestore import FileStore
from creator_studio.core.store.models import Certificate

PG_URL = os.environ.get("CREATOR_STUDIO_TEST_PG_URL")
T0 = datetime(2026, 11, 2, 9, 0, 0)
NO_PG = ("PostgreSQL run skipped: CREATOR_STUDIO_TEST_PG_URL is not set "
         "(scripts/test.sh starts a throwaway server; or: export it from `bash scripts/pg_start.sh`)")


def pg_engine_in_new_schema(url: str):  # noqa: ANN201
    schema = f"cs_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    return admin, engine, schema


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend_engine(request, tmp_path_factory):
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("marketdb") / "market.db"
        engine = make_engine(f"sqlite:///{path}")
        upgrade_to_head(engine)
        yield engine
        engine.dispose()
        return
    if not PG_URL:
        pytest.skip(NO_PG)
    admin, engine, schema = pg_engine_in_new_schema(PG_URL)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()
    with admin.begin() as c:
        c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _empty_tables(engine) -> None:  # noqa: ANN001
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as c:
        if engine.dialect.name == "postgresql":
            c.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables)
                           + " RESTART IDENTITY CASCADE"))
        else:
            for t in tables:
                c.execute(text(f'DELETE FROM "{t}"'))


@pytest.fixture
def db(backend_engine):
    _empty_tables(backend_engine)
    yield backend_engine


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(T0)


@pytest.fixture
def store(tmp_path) -> FileStore:
    return FileStore(tmp_path / "files", max_bytes=5 * 1024 * 1024)


@pytest.fixture
def svc(db, clock, store) -> MarketService:
    return MarketService(db, clock=clock, store=store)


@dataclass
class World:
    staff: int
    buyer: int
    buyer2: int
    maker: int
    maker2: int
    uncertified: int
    both: int  # holds maker and buyer roles


def issue_cert(session, holder_id: int, forms: list[str], now: datetime, *, status: str = "valid",
               days: int = 730) -> Certificate:
    n = uuid.uuid4().hex[:12]
    cert = Certificate(number=f"CS-T-{n}", holder_id=holder_id, forms=forms, status=status,
                       issued_at=now - timedelta(days=1), expires_at=now + timedelta(days=days),
                       verification_code=f"v-{n}")
    session.add(cert)
    session.flush()
    return cert


def make_world(svc: MarketService) -> World:
    now = svc.now()
    with svc.write() as s:
        staff = accounts.bootstrap_staff(s, "staff01", "平台运营", "demo1234", now=now)
        bl = accounts.create_business_line(s, staff, "PNC", "产险非车", now=now)
        mk = lambda login, name, roles: accounts.create_user(  # noqa: E731
            s, staff, login, name, roles, business_line_code=bl.code, now=now).id
        w = World(staff.id, mk("buyer01", "王需求", ["buyer"]), mk("buyer02", "李需求", ["buyer"]),
                  mk("maker01", "张创客", ["maker"]), mk("maker02", "赵创客", ["maker"]),
                  mk("maker09", "钱未证", ["maker"]), mk("both01", "孙双职", ["maker", "buyer"]))
        for uid in (w.maker, w.maker2, w.both):
            issue_cert(s, uid, ["long-image", "h5", "screen-record", "skit"], now)
    return w


@pytest.fixture
def world(svc) -> World:
    return make_world(svc)


def passing_norms(_dir, _rules):  # noqa: ANN001, ANN201
    return {"blocking": False, "findings": [{"rule_id": "title-length", "status": "pass",
                                             "message_zh": "标题长度合规", "message_en": "ok"}]}


def blocking_norms(_dir, _rules):  # noqa: ANN001, ANN201
    return {"blocking": True, "findings": [
        {"rule_id": "forbidden-words", "status": "fail", "page": "p3",
         "message_zh": "出现禁用词「保本」", "message_en": "Forbidden wording 保本"},
        {"rule_id": "cover-present", "status": "warn", "message_zh": "缺少封面", "message_en": "no cover"}]}


class Helper:
    """Short-hands that drive the real services (no shortcuts into the tables)."""

    def __init__(self, svc: MarketService, world: World, tmp_path) -> None:  # noqa: ANN001
        self.svc, self.w, self.tmp = svc, world, tmp_path
        self._n = 0

    def key(self, prefix: str = "k") -> str:
        self._n += 1
        return f"{prefix}-{self._n}-{uuid.uuid4().hex[:6]}"

    def open_request(self, buyer: int | None = None, *, budget_fen: int = 500_000,
                     forms: tuple[str, ...] = ("h5",), days: int = 30, **kw) -> int:  # noqa: ANN003
        from creator_studio.core.market import requests

        buyer = buyer or self.w.buyer
        posted = self.svc.call(requests.create_request, buyer, title="车险理赔流程微课",
                               forms=list(forms), budget_fen=budget_fen,
                               deadline=self.svc.now() + timedelta(days=days), publish=True,
                               key=self.key("publish"), **kw)
        return posted.request.id

    def offer(self, request_id: int, maker: int | None = None, price_fen: int = 400_000,
              days: int = 10) -> int:
        from creator_studio.core.market import offers

        return self.svc.call(offers.make_offer, maker or self.w.maker, request_id,
                             price_fen=price_fen, days=days, message="保证质量").id

    def awarded_order(self, *, maker: int | None = None, days: int = 10, **kw) -> int:  # noqa: ANN003
        from creator_studio.core.market import requests

        rid = self.open_request(**kw)
        oid = self.offer(rid, maker, days=days)
        res = self.svc.call(requests.award, self.w.buyer, rid, oid, key=self.key("award"))
        return res.order_id

    def move(self, actor: int | None, order_id: int, action: str, reason: str | None = None,
             key: str | None = None, **params):  # noqa: ANN003, ANN201
        from creator_studio.core.market.orders import transition

        return self.svc.call(transition, actor, "order", order_id, action, key=key or self.key(action),
                             reason=reason, **params)

    def package(self, name: str = "pkg") -> "Path":  # noqa: F821
        d = self.tmp / name
        (d / "h5").mkdir(parents=True, exist_ok=True)
        (d / "manifest.json").write_text('{"schema": 1, "forms": {"h5": {}}}', encoding="utf-8")
        (d / "h5" / "index.html").write_text(f"<html>{name}</html>", encoding="utf-8")
        return d

    def deliver(self, order_id: int, checker=passing_norms, key: str | None = None):  # noqa: ANN001, ANN201
        from creator_studio.core.market import deliveries

        return self.svc.call(deliveries.deliver, self.w.maker, order_id, self.package(self.key("p")),
                             key=key or self.key("deliver"), store=self.svc.store,
                             norms_checker=checker)

    def order(self, order_id: int):  # noqa: ANN201
        from creator_studio.core.store.models import Order

        with self.svc.read() as s:
            return s.get(Order, order_id)


@pytest.fixture
def mk(svc, world, tmp_path) -> Helper:
    return Helper(svc, world, tmp_path)
