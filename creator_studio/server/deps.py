"""FastAPI dependencies: the server's shared state and the signed-in user of a request."""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from creator_studio.core.market.client import UserInfo

bearer = HTTPBearer(auto_error=False, description="the token from POST /api/session")


# The two small dependencies are `async` on purpose: FastAPI runs a plain `def` dependency in
# the thread pool, and a hand-off per dependency per request showed up in the server's profile.
async def server_state(request: Request):  # noqa: ANN201
    return request.app.state.server


async def bearer_token(creds: HTTPAuthorizationCredentials | None = Depends(bearer)) -> str | None:
    return creds.credentials if creds is not None else None


async def current_user(request: Request, token: str | None = Depends(bearer_token)) -> UserInfo:
    """The session's user. Whatever ``user`` a client puts in a body is never looked at."""
    from creator_studio.server import auth

    user = await run_in_threadpool(auth.authenticate, request.app.state.server, token)
    request.state.user = user
    return user
