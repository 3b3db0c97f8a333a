"""Structured logs: one JSON object per line on stderr (what log shippers and `jq` read).

Every request logs ``method``, ``path``, ``status``, ``ms``, the signed-in ``user`` id (when
there is one) and the process id, so a slow endpoint or one person's failing calls can be found
without parsing free text. Passwords, tokens and bodies are never logged.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time


EXTRA_FIELDS = ("method", "path", "status", "ms", "user", "address")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
               + f".{int(record.msecs):03d}Z", "level": record.levelname,
               "logger": record.name, "pid": os.getpid(), "msg": record.getMessage()}
        for name in EXTRA_FIELDS:
            if hasattr(record, name):
                out[name] = getattr(record, name)
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def setup_logging(level: str = "INFO") -> None:
    root = logging.getLogger()
    if any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        lg = logging.getLogger(name)
        lg.handlers[:] = []
        lg.propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # replaced by the middleware below


access_log = logging.getLogger("creator_studio.server.access")


class AccessLog:
    """Plain ASGI middleware (no per-request task like Starlette's BaseHTTPMiddleware, and
    streaming answers such as the event stream pass straight through)."""

    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        status = [500]

        async def send_status(message) -> None:  # noqa: ANN001
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            user = (scope.get("state") or {}).get("user")
            client = scope.get("client") or ("", 0)
            access_log.info("%s %s %s", scope["method"], scope["path"], status[0], extra={
                "method": scope["method"], "path": scope["path"], "status": status[0],
                "ms": round((time.perf_counter() - t0) * 1000, 1),
                "user": getattr(user, "id", None), "address": client[0]})
