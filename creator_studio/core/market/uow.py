"""Units of work and the `MarketService` facade the UI and CLI call.

Every market function takes a `Session`, the acting `User` and ``now``; it flushes but never
commits. The caller decides the transaction: `MarketService.write()` opens a session, commits when
the block succeeds and rolls back on any error, so a denied or invalid call changes nothing.

Exceptions marked ``keep_changes = True`` (a delivery refused by the norms: the attempt and its
report are kept for the record) are committed before they propagate.

On SQLite a write unit of work begins with ``BEGIN IMMEDIATE`` (see `store/engine.py`), so two
writers queue on the busy timeout instead of failing; on PostgreSQL the compare-and-set updates
in `orders.transition` decide races.

Objects returned from a unit of work stay readable after it ends (``expire_on_commit=False``);
they are snapshots — ask again to see later changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, joinedload, sessionmaker

from creator_studio.core.errors import NotFound, StudioError, ValidationError
from creator_studio.core.market.clock import Clock
from creator_studio.core.store.filestore import FileStore
from creator_studio.core.store.models import User

T = TypeVar("T")


class ConflictError(StudioError):
    code = "CONFLICT"


class DatabaseBusy(StudioError):
    code = "DB_BUSY"


def _refuse_nul_text(session: Session, _flush_context, _instances) -> None:  # noqa: ANN001
    """Safety net under every service (#20 defect 8): a NUL byte in any text column is a typed
    error on both databases. PostgreSQL rejects it with a raw ``DataError`` (SQLite would store
    it); the services validate their own fields first, this catches the ones they don't."""
    for obj in (*session.new, *session.dirty):
        state = sa_inspect(obj)
        for attr in state.mapper.column_attrs:
            value = state.dict.get(attr.key)  # loaded values only: never triggers a load here
            if isinstance(value, str) and "\x00" in value:
                raise ValidationError(f"文本中含有不允许的空字符（{attr.key}）",
                                      f"Text contains a NUL character ({attr.key})",
                                      code="BAD_TEXT", details={"field": attr.key})


def session_factory(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "before_flush", _refuse_nul_text)
    return factory


@contextmanager
def write_session(engine: Engine, factory: sessionmaker[Session] | None = None) -> Iterator[Session]:
    factory = factory or session_factory(engine)
    session = factory()
    if engine.dialect.name == "sqlite":
        session.connection(execution_options={"sqlite_immediate": True})
    try:
        yield session
        session.commit()
    except StudioError as exc:
        if getattr(exc, "keep_changes", False):
            session.commit()
        else:
            session.rollback()
        raise
    except IntegrityError as exc:
        session.rollback()
        raise ConflictError("数据冲突（重复或关联记录不存在），未做任何修改",
                            "Conflicting data (duplicate or missing related row); nothing changed",
                            details={"error": str(exc.orig)[:300]}) from exc
    except OperationalError as exc:
        session.rollback()
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise DatabaseBusy("数据库正忙，请稍后重试", "The database is busy; try again") from exc
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def read_session(engine: Engine, factory: sessionmaker[Session] | None = None) -> Iterator[Session]:
    factory = factory or session_factory(engine)
    session = factory()
    try:
        yield session
    finally:
        session.close()  # ends the transaction; loaded objects stay readable (detached)


class MarketService:
    """One object per database for the window / CLI: sessions, clock, file store, norms checker.

    ``svc.call(fn, actor_id, *args, **kw)`` runs any market function
    ``fn(session, actor, *args, now=..., **kw)`` in a write unit of work, e.g.
    ``svc.call(offers.make_offer, maker_id, request_id, price_fen=80000, days=7)``.
    """

    def __init__(self, engine: Engine, *, clock: Clock | None = None,
                 store: FileStore | None = None, norms_checker: Callable | None = None) -> None:
        self.engine = engine
        self.clock = clock or Clock()
        self.store = store or FileStore()
        self.norms_checker = norms_checker
        self._factory = session_factory(engine)

    def now(self):  # noqa: ANN201
        return self.clock.now()

    @contextmanager
    def write(self) -> Iterator[Session]:
        with write_session(self.engine, self._factory) as s:
            yield s

    @contextmanager
    def read(self) -> Iterator[Session]:
        with read_session(self.engine, self._factory) as s:
            yield s

    @staticmethod
    def actor(session: Session, actor_id: int) -> User:
        # Every call loads its actor for the permission check: the roles come in the same query
        # (a join) instead of the relationship's second SELECT — one round trip less per call,
        # which on the team server is paid on every request.
        user = session.get(User, actor_id, options=[joinedload(User.role_rows)])
        if user is None:
            raise NotFound("用户不存在", f"No user {actor_id}")
        return user

    def call(self, fn: Callable[..., T], actor_id: int | None, *args: Any, **kwargs: Any) -> T:
        kwargs.setdefault("now", self.clock.now())
        with self.write() as s:
            actor = self.actor(s, actor_id) if actor_id is not None else None
            return fn(s, actor, *args, **kwargs)

    def read_as(self, fn: Callable[..., T], actor_id: int, *args: Any, **kwargs: Any) -> T:
        """Run a permission-checked read ``fn(session, actor, *args, **kw)`` (no ``now``), e.g.
        ``svc.read_as(reviews.visible_reviews, user_id, order_id)``."""
        with self.read() as s:
            return fn(s, self.actor(s, actor_id), *args, **kwargs)

    def deliver(self, actor_id: int, order_id: int, package, *, key: str, note: str = ""):  # noqa: ANN001, ANN201
        """Deliver a package with this service's file store and norms checker."""
        from creator_studio.core.market.deliveries import deliver

        return self.call(deliver, actor_id, order_id, package, key=key, store=self.store,
                         note=note, norms_checker=self.norms_checker)

    def query(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a read-only function ``fn(session, *args, **kw)`` (e.g. a `queries` list)."""
        with self.read() as s:
            return fn(s, *args, **kwargs)

    def login(self, login: str, password: str) -> User:
        from creator_studio.core.market.accounts import verify_password

        with self.write() as s:
            return verify_password(s, login, password)
