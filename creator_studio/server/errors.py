"""`StudioError` → HTTP status, with the code and both messages in the body.

The desktop shows the same 中文/English message in team mode as in the embedded mode because the
body carries exactly what the service raised; the HTTP client rebuilds the error from it.
"""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from creator_studio.core.errors import (
    InvalidTransition,
    NotFound,
    PermissionDenied,
    StudioError,
    ValidationError,
)
from creator_studio.core.market import wire

log = logging.getLogger(__name__)

CODE_STATUS = {
    "LOGIN_FAILED": 401, "SESSION_INVALID": 401,
    "PERMISSION_DENIED": 403, "NOT_FOUND": 404, "FILE_MISSING": 404, "UPLOAD_UNKNOWN": 404,
    "CONFLICT": 409, "IDEMPOTENCY_KEY_REUSED": 409, "UPLOAD_OFFSET": 409,
    "FILE_TOO_LARGE": 413, "LOGIN_THROTTLED": 429, "DB_BUSY": 503, "DB_UNAVAILABLE": 503,
}


class ErrorBody(BaseModel):
    code: str
    message_zh: str
    message_en: str
    details: dict = {}


class ErrorResponse(BaseModel):
    error: ErrorBody


def status_for(exc: StudioError) -> int:
    if exc.code in CODE_STATUS:
        return CODE_STATUS[exc.code]
    if isinstance(exc, PermissionDenied):
        return 403
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, InvalidTransition):
        return 409
    if isinstance(exc, ValidationError):
        return 422
    return 400


def error_response(exc: StudioError) -> JSONResponse:
    try:
        details = wire.encode(exc.details or {})
    except TypeError:
        details = {"error": str(exc.details)[:500]}
    body = {"error": {"code": exc.code, "message_zh": exc.message_zh,
                      "message_en": exc.message_en, "details": details}}
    headers = {}
    if exc.code == "LOGIN_THROTTLED" and "retry_after" in (exc.details or {}):
        headers["Retry-After"] = str(int(exc.details["retry_after"]))
    return JSONResponse(body, status_code=status_for(exc), headers=headers)


async def studio_error_handler(_request: Request, exc: StudioError) -> JSONResponse:
    if status_for(exc) >= 500:
        log.warning("service error %s: %s", exc.code, exc)
    return error_response(exc)


async def database_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Database errors that reach the top. A pooled connection found dead (the database
    restarted, a proxy dropped it) has been discarded with its siblings and nothing was done,
    so the answer is a typed, retryable 503: the client retries with backoff and gets a fresh
    connection. Anything else is the unexpected 500."""
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        log.warning("database connection lost on %s %s: %s", request.method, request.url.path,
                    str(exc.orig)[:200])
        return JSONResponse({"error": {"code": "DB_UNAVAILABLE",
                                       "message_zh": "数据库连接中断，请重试",
                                       "message_en": "The database connection dropped; "
                                                     "please try again",
                                       "details": {}}}, status_code=503)
    return await unexpected_error_handler(request, exc)


async def unexpected_error_handler(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse({"error": {"code": "INTERNAL", "message_zh": "服务器内部错误，已记录",
                                   "message_en": "Internal server error (logged)",
                                   "details": {}}}, status_code=500)
