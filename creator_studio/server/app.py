"""The FastAPI application: state, lifespan (migrations, secrets, background loops), routes.

`create_app(config)` builds one app for one process. `app_from_env()` is uvicorn's factory for
``--workers N``: each worker reads the configuration the `serve` command resolved.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
from fastapi import Depends, FastAPI, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from creator_studio.core.errors import StudioError
from creator_studio.core.market.client import UserInfo
from creator_studio.server.config import ServerConfig, resolved_from_env
from creator_studio.server.deps import bearer_token, current_user, server_state

log = logging.getLogger(__name__)


@dataclass
class ServerState:
    config: ServerConfig
    svc: Any = None
    client: Any = None
    store: Any = None
    broker: Any = None
    uploads_dir: Path = Path()
    work_dir: Path = Path()
    tasks: list = field(default_factory=list)
    lanes: dict = field(default_factory=dict)  # "quick" / "files" → anyio.CapacityLimiter


def prepare_secrets(cfg: ServerConfig) -> None:
    """Point the credential code at the server's secrets folder and create both secrets once.

    A file lock makes sure two processes starting together do not each make their own key (the
    second would otherwise replace the first's, and certificates signed meanwhile would fail).
    """
    from creator_studio.core.market import credentials

    folder = Path(cfg.secrets_dir)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    os.environ["CREATOR_STUDIO_SECRETS_DIR"] = str(folder)
    os.environ["CREATOR_STUDIO_ISSUER_URL"] = cfg.url
    os.environ.pop("CREATOR_STUDIO_SECRET", None)  # the folder is the one source on a server
    os.environ.pop("CREATOR_STUDIO_ISSUER_KEY", None)
    with open(folder / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        credentials.platform_secret()
        credentials.issuer_key()
    for p in folder.iterdir():
        if p.is_file() and p.name != ".lock":
            os.chmod(p, 0o600)


def open_state(cfg: ServerConfig) -> ServerState:
    from creator_studio.core.market.client import InProcessClient
    from creator_studio.core.market.uow import MarketService
    from creator_studio.core.store.engine import make_engine, upgrade_to_head
    from creator_studio.core.store.filestore import FileStore
    from creator_studio.server.events import EventBroker

    cfg.validate()
    prepare_secrets(cfg)
    # No ping before each checkout (it was a round trip on every query of every request): a
    # connection that turns out dead makes its request a retryable 503 (errors.py), the pool
    # drops it with its siblings, and the client's retry gets a fresh one.
    kwargs = ({"pool_size": 20, "max_overflow": 10, "pool_pre_ping": False, "pool_recycle": 1800}
              if cfg.db_url.startswith("postgresql") else {})
    engine = make_engine(cfg.db_url, **kwargs)
    upgrade_to_head(engine)  # under a PostgreSQL advisory lock: N processes start safely
    files = Path(cfg.files_dir)
    store = FileStore(files / "store", max_bytes=cfg.max_upload_bytes)
    state = ServerState(config=cfg, store=store, uploads_dir=files / "uploads",
                        work_dir=files / "work")
    for d in (state.uploads_dir, state.work_dir, store.root):
        d.mkdir(parents=True, exist_ok=True)
    state.svc = MarketService(engine, store=store)  # real norms: deliveries are re-checked here
    state.client = InProcessClient(state.svc)
    state.broker = EventBroker(state)
    return state


class LoginBody(BaseModel):
    login: str
    password: str
    client: str = ""


class UserOut(BaseModel):
    id: int
    login: str
    display_name: str
    roles: list[str]
    business_line: str | None = None

    @classmethod
    def of(cls, u: UserInfo) -> "UserOut":
        return cls(id=u.id, login=u.login, display_name=u.display_name, roles=sorted(u.roles),
                   business_line=u.business_line)


class SignOutOut(BaseModel):
    revoked: bool  # False when the token was unknown or already revoked


class SessionOut(BaseModel):
    token: str
    expires_at: str
    user: UserOut


def create_app(cfg: ServerConfig) -> FastAPI:
    from creator_studio.server import auth, events, files, market_routes, well_known
    from creator_studio.server.background import timer_loop
    from sqlalchemy.exc import DBAPIError

    from creator_studio.server.errors import (
        ErrorResponse,
        database_error_handler,
        studio_error_handler,
        unexpected_error_handler,
    )
    from creator_studio.server.logs import AccessLog

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        state = await run_in_threadpool(open_state, cfg)
        app.state.server = state
        # The two lanes market calls run in (market_routes): made inside the event loop.
        state.lanes = {"quick": anyio.CapacityLimiter(cfg.threads),
                       "files": anyio.CapacityLimiter(cfg.file_threads)}
        from creator_studio.server.warmup import warm_up

        warm = await warm_up(app, state)  # before the first real request (warmup.py)
        state.tasks = [asyncio.create_task(state.broker.run(cfg.events_poll_seconds)),
                       asyncio.create_task(timer_loop(state, cfg.timer_seconds))]
        log.info("serving the market at %s (database %s; warmed up in %.2f s)", cfg.url,
                 state.svc.engine.dialect.name, warm)
        try:
            yield
        finally:
            for t in state.tasks:
                t.cancel()
            state.svc.engine.dispose()

    app = FastAPI(title="Creator Studio team server (创客工作室团队服务器)", version="1",
                  lifespan=lifespan,
                  responses={400: {"model": ErrorResponse}, 401: {"model": ErrorResponse},
                             403: {"model": ErrorResponse}, 404: {"model": ErrorResponse},
                             409: {"model": ErrorResponse}, 413: {"model": ErrorResponse},
                             422: {"model": ErrorResponse}, 429: {"model": ErrorResponse}})
    app.add_middleware(AccessLog)
    app.add_exception_handler(StudioError, studio_error_handler)
    app.add_exception_handler(DBAPIError, database_error_handler)
    app.add_exception_handler(Exception, unexpected_error_handler)

    @app.post("/api/session", response_model=SessionOut, tags=["session"],
              summary="Sign in: a bearer token for this person")
    def sign_in(body: LoginBody, request: Request, state=Depends(server_state)) -> SessionOut:  # noqa: ANN001
        address = request.client.host if request.client else ""
        token, expires, user = auth.login(state, body.login, body.password, address,
                                          body.client or request.headers.get("user-agent", ""))
        return SessionOut(token=token, expires_at=expires.isoformat(), user=UserOut.of(user))

    @app.get("/api/session", response_model=UserOut, tags=["session"], summary="Who am I")
    def whoami(user: UserInfo = Depends(current_user)) -> UserOut:
        return UserOut.of(user)

    @app.delete("/api/session", response_model=SignOutOut, tags=["session"],
                summary="Sign out (revokes the token)")
    def sign_out(token: str | None = Depends(bearer_token), state=Depends(server_state)) -> SignOutOut:  # noqa: ANN001
        return SignOutOut(revoked=auth.logout(state, token))

    app.include_router(well_known.router)
    app.include_router(files.router)
    app.include_router(events.router)
    app.include_router(market_routes.build_router())
    return app


def app_from_env() -> FastAPI:
    """uvicorn factory (``--workers N`` imports this in each worker process)."""
    from creator_studio.server.logs import setup_logging

    setup_logging(os.environ.get("CREATOR_STUDIO_SERVER_LOG_LEVEL", "INFO"))
    return create_app(resolved_from_env())
