"""`HttpMarketClient`: the `MarketClient` protocol over the team server's HTTP API (httpx).

The window and the CLI hold a `MarketClient` and cannot tell which one: this class answers every
protocol method by calling ``POST /api/market/<method>`` with the method's own parameters
(generated from the protocol at import, so a method added there works here with no code), and
decodes the tagged JSON of `core.market.wire` back into the same Python values the in-process
client returns. The ``user`` argument is not sent: the server acts as the signed-in session.

What it adds on top of a plain call:

- **Errors**: the server's ``{code, message_zh, message_en}`` become the same `StudioError`
  (class chosen by status, code kept), so the window shows the same message in both modes. A
  server that cannot be reached is the typed ``SERVER_UNREACHABLE`` after retries with backoff.
- **Idempotency**: a write whose caller gave no key gets one *before* the first attempt, so a
  retry after a lost answer is recognised by the server instead of acting twice.
- **Files**: a local file or folder parameter is uploaded first (folders zipped the same
  deterministic way the embedded mode zips them), in chunks that resume where the server says it
  has bytes; downloads use ``Range`` to resume and are checked against the server's SHA-256.
- **Live updates**: `events()` yields the server-sent events of this session, reconnecting with
  ``Last-Event-ID`` and backoff; it yields ``{"kind": "_offline"}`` / ``"_online"`` markers.

No SQLAlchemy and no `core.store` here: a workstation in team mode needs neither.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import io
import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import httpx

from creator_studio.core.errors import (
    InvalidTransition,
    NotFound,
    PermissionDenied,
    StudioError,
    ValidationError,
)
from creator_studio.core.market import wire
from creator_studio.core.market.client import MarketClient, UserInfo

log = logging.getLogger(__name__)

CHUNK = 8 * 1024 * 1024
PIECE = 256 * 1024  # progress granularity inside a chunk
RETRY_STATUSES = {502, 503, 504}
ZIP_IS_FINE = {"deliver"}  # methods whose package may arrive as the zip itself
NOT_OVER_HTTP = {"load_demo"}


class ServerUnreachable(StudioError):
    code = "SERVER_UNREACHABLE"

    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(f"无法连接团队服务器（{url}），请检查网络或服务器地址；已输入的内容不会丢失",
                         f"Cannot reach the team server ({url}); check the network or the server "
                         f"URL. Nothing you typed is lost", details={"error": detail[:300]})


_BY_STATUS = {401: PermissionDenied, 403: PermissionDenied, 404: NotFound, 409: InvalidTransition,
              413: ValidationError, 422: ValidationError}


def error_from_response(resp: httpx.Response) -> StudioError:
    """The `StudioError` the server raised, rebuilt from the response body."""
    try:
        err = resp.json().get("error") or {}
    except ValueError:
        err = {}
    if not err.get("code"):
        if resp.status_code == 422:  # FastAPI's own body validation
            return ValidationError("请求参数无效", f"Invalid request: {resp.text[:300]}",
                                   code="BAD_REQUEST")
        return StudioError("服务器返回了意外的错误", f"Unexpected server answer {resp.status_code}",
                           code="SERVER_ERROR", details={"status": resp.status_code})
    cls = _BY_STATUS.get(resp.status_code, StudioError)
    try:
        details = wire.decode(err.get("details") or {})
    except (ValueError, TypeError):
        details = {}
    return cls(err.get("message_zh", ""), err.get("message_en", ""), code=err["code"],
               details=details)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            h.update(chunk)
    return h.hexdigest()


def zip_folder(folder: Path, out: Path) -> Path:
    """A deterministic zip (sorted names, fixed time stamps, no symlinks): same folder, same hash
    — the same bytes the embedded mode stores for a folder delivery."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for p in files:
            info = zipfile.ZipInfo(p.relative_to(folder).as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(p, "rb") as src, zf.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
    return out


def unzip_into(zpath: Path | io.BytesIO, dest: Path) -> Path:
    """Unpack into `dest` (replacing it), never writing outside it."""
    dest = Path(dest)
    tmp = dest.parent / f".{dest.name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    with zipfile.ZipFile(zpath) as zf:
        for info in zf.infolist():
            p = PurePosixPath(info.filename.replace("\\", "/"))
            if p.is_absolute() or ".." in p.parts:
                continue
            zf.extract(info, tmp)
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    return dest


class EventStream:
    """An open SSE connection that another thread may close (to stop a blocked reader)."""

    def __init__(self) -> None:
        self.response: httpx.Response | None = None
        self.closed = threading.Event()

    def close(self) -> None:
        self.closed.set()
        r = self.response
        if r is not None:
            # A reader blocked in recv() is only woken by shutting the socket down; closing the
            # response alone can leave the thread waiting until the next keep-alive.
            try:
                import socket

                sock = r.extensions["network_stream"].get_extra_info("socket")
                if sock is not None:
                    sock.shutdown(socket.SHUT_RDWR)
            except Exception:  # noqa: BLE001 - already closed, or no socket (test transport)
                pass
            try:
                r.close()
            except Exception:  # noqa: BLE001 - closing from another thread may race
                pass


class HttpMarketClient:
    """`MarketClient` for a team server at `base_url` (see the module docstring)."""

    def __init__(self, base_url: str, *, token: str | None = None, timeout: float = 60.0,
                 retries: int = 4, backoff: float = 0.5, chunk_size: int = CHUNK,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.retries = retries
        self.backoff = backoff
        self.chunk_size = chunk_size
        self.token = token
        self.user: UserInfo | None = None
        self.on_progress: Callable[[str, int, int], None] | None = None  # (what, done, total)
        self.http = httpx.Client(base_url=self.base_url, transport=transport,
                                 timeout=httpx.Timeout(timeout, connect=5.0),
                                 headers={"User-Agent": "creator-studio-desktop"})

    # -- plumbing ---------------------------------------------------------------------------------
    def _headers(self, extra: dict | None = None) -> dict:
        h = dict(extra or {})
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        return h

    def _sleep(self, attempt: int) -> None:
        time.sleep(min(8.0, self.backoff * (2 ** attempt)))

    def request(self, method: str, path: str, *, retry_unsafe: bool = True, **kw: Any) -> httpx.Response:
        """One HTTP call with retries; raises the server's `StudioError` or `ServerUnreachable`.

        Connection failures are retried always (the request never arrived). A lost answer
        (read timeout, dropped connection) only when `retry_unsafe` — reads, and writes that
        carry an idempotency key.
        """
        headers = self._headers(kw.pop("headers", None))
        last = ""
        for attempt in range(self.retries + 1):
            try:
                resp = self.http.request(method, path, headers=headers, **kw)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                last = str(exc)
            except (httpx.ReadTimeout, httpx.WriteTimeout, httpx.RemoteProtocolError,
                    httpx.ReadError, httpx.WriteError) as exc:
                if not retry_unsafe:
                    raise ServerUnreachable(self.base_url, str(exc)) from None
                last = str(exc)
            else:
                if resp.status_code in RETRY_STATUSES and attempt < self.retries:
                    last = f"HTTP {resp.status_code}"
                elif resp.status_code >= 400:
                    raise error_from_response(resp)
                else:
                    return resp
            if attempt < self.retries:
                self._sleep(attempt)
        raise ServerUnreachable(self.base_url, last)

    def _json(self, method: str, path: str, **kw: Any) -> Any:
        return self.request(method, path, **kw).json()

    # -- session ----------------------------------------------------------------------------------
    def login(self, login: str, password: str) -> UserInfo:
        data = self._json("POST", "/api/session", json={"login": login, "password": password})
        self.token = data["token"]
        u = data["user"]
        self.user = UserInfo(u["id"], u["login"], u["display_name"], frozenset(u["roles"]),
                             u.get("business_line"))
        return self.user

    def logout(self) -> None:
        if self.token:
            try:
                self.request("DELETE", "/api/session")
            finally:
                self.token = None
                self.user = None

    def close(self) -> None:
        self.http.close()

    def health(self) -> dict:
        return self._json("GET", "/api/health")

    def status(self) -> dict:
        return self._json("GET", "/api/status")

    def sample_accounts(self) -> list[dict]:
        return []  # a server never hands out demo passwords

    def load_demo(self, job: Any = None) -> dict:
        raise PermissionDenied("示例数据只能在服务器上由平台运营加载（creator-studio admin demo-data）",
                               "Demo data is loaded on the server by staff "
                               "(creator-studio admin demo-data)", code="SERVER_MODE")

    def fill_demo(self) -> dict:
        return self.load_demo()

    def market_counts(self) -> dict:
        """Not offered by a server (whole-market counts are staff reporting: `dashboard`)."""
        raise PermissionDenied("团队服务器不提供此统计，请用平台运营的看板",
                               "A team server does not offer these counts; use the staff "
                               "dashboard", code="SERVER_MODE")

    def verify_code(self, code: str) -> dict:
        """Public certificate check with the server's secret (no sign-in needed)."""
        from urllib.parse import quote

        return wire.decode(self._json("GET", f"/api/verify/{quote(code.strip(), safe='')}"))

    def verify_certificate(self, code: str) -> dict:
        """`MarketClient.verify_certificate`, answered by the server's public endpoint (the
        server holds the HMAC secret; no sign-in needed, like scanning the QR code)."""
        return self.verify_code(code)

    def act_as(self, login: str | None = None, role: str = "staff") -> UserInfo:
        """CLI commands against a server act as the signed-in account only (never "as the first
        staff account"): the session must exist, be `login` if one is named, and hold `role`."""
        if self.user is None:
            if not self.token:
                raise PermissionDenied("请先登录服务器：creator-studio server login URL --login 账号",
                                       "Sign in first: creator-studio server login URL --login NAME",
                                       code="NOT_SIGNED_IN")
            me = self._json("GET", "/api/session")
            self.user = UserInfo(me["id"], me["login"], me["display_name"],
                                 frozenset(me["roles"]), me.get("business_line"))
        if login and login != self.user.login:
            raise PermissionDenied(f"已登录的账号是 {self.user.login}，不能代替 {login} 操作",
                                   f"Signed in as {self.user.login}; cannot act as {login}")
        if role and role not in self.user.roles:
            raise PermissionDenied("当前登录的账号没有执行此命令的权限",
                                   "The signed-in account may not run this command")
        return self.user

    def did_document(self) -> dict:
        return self._json("GET", "/.well-known/did.json")

    # -- generic protocol call --------------------------------------------------------------------
    def call(self, name: str, body: dict, *, retry_unsafe: bool) -> dict:
        return self._json("POST", f"/api/market/{name}", json=body, retry_unsafe=retry_unsafe)

    # -- uploads ----------------------------------------------------------------------------------
    def upload(self, path: Path, *, name: str | None = None) -> str:
        """Send a local file to the server; returns its upload id once the server has verified
        the SHA-256. Resumes where the server's copy ends after any dropped connection."""
        path = Path(path)
        size = path.stat().st_size
        digest = sha256_of(path)
        state = self._json("POST", "/api/uploads",
                           json={"name": name or path.name, "size": size, "sha256": digest})
        upload_id = state["upload_id"]
        received = int(state["received"])
        chunk = min(self.chunk_size, int(state.get("chunk_size") or self.chunk_size))
        failures = 0
        while received < size:
            end = min(size, received + chunk)
            try:
                self._put_range(upload_id, path, received, end, size)
                received = end
                failures = 0
                continue
            except StudioError as exc:
                if exc.code != "UPLOAD_OFFSET":
                    raise
            except (httpx.TransportError, ServerUnreachable) as exc:
                log.info("upload %s interrupted at %d: %s", upload_id, received, exc)
            failures += 1
            if failures > self.retries + 4:
                raise ServerUnreachable(self.base_url, "upload kept failing")
            self._sleep(min(failures, 4))
            # Ask where the server's copy ends (another process may answer): resume from there.
            received = int(self._json("GET", f"/api/uploads/{upload_id}")["received"])
        self._json("POST", f"/api/uploads/{upload_id}/complete")
        return upload_id

    def _put_range(self, upload_id: str, path: Path, start: int, end: int, total: int) -> None:
        progress = self.on_progress

        def body() -> Iterator[bytes]:
            with open(path, "rb") as fh:
                fh.seek(start)
                pos = start
                while pos < end:
                    data = fh.read(min(PIECE, end - pos))
                    if not data:
                        break
                    pos += len(data)
                    yield data
                    if progress is not None:
                        progress("upload", pos, total)

        resp = self.http.put(f"/api/uploads/{upload_id}", params={"offset": start},
                             content=body(), headers=self._headers(
                                 {"Content-Type": "application/octet-stream",
                                  "Content-Length": str(end - start)}))
        if resp.status_code >= 400:
            raise error_from_response(resp)

    def _upload_ref(self, value: Path, zip_ok: bool, tmp: Path) -> dict:
        value = Path(value)
        if not value.exists():
            raise NotFound("文件不存在", f"File not found: {value}", code="FILE_MISSING")
        if value.is_dir():
            zpath = zip_folder(value, tmp / f"{value.name or 'package'}.zip")
            return {"upload_id": self.upload(zpath), "folder": not zip_ok}
        return {"upload_id": self.upload(value), "folder": False}

    # -- downloads --------------------------------------------------------------------------------
    def download(self, url: str, dest: Path) -> Path:
        """Download to `dest` (atomically), resuming with ``Range``; the SHA-256 must match."""
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.parent / f".{dest.name}.part"
        part.unlink(missing_ok=True)
        expected = None
        failures = 0
        while True:
            have = part.stat().st_size if part.exists() else 0
            headers = self._headers({"Range": f"bytes={have}-"} if have else None)
            try:
                with self.http.stream("GET", url, headers=headers) as r:
                    if r.status_code >= 400:
                        r.read()
                        if r.status_code in RETRY_STATUSES:
                            raise httpx.RemoteProtocolError(f"HTTP {r.status_code}")
                        raise error_from_response(r)
                    expected = r.headers.get("x-content-sha256") or expected
                    total = int(r.headers["content-range"].split("/")[-1]) if r.status_code == 206 \
                        else int(r.headers.get("content-length") or 0)
                    mode = "ab" if r.status_code == 206 else "wb"
                    done = have if mode == "ab" else 0
                    with open(part, mode) as out:
                        for data in r.iter_bytes(PIECE):
                            out.write(data)
                            done += len(data)
                            if self.on_progress is not None:
                                self.on_progress("download", done, total)
                break
            except httpx.TransportError as exc:
                failures += 1
                if failures > self.retries + 4:
                    raise ServerUnreachable(self.base_url, str(exc)) from None
                self._sleep(min(failures, 4))
        got = sha256_of(part)
        if not expected or got != expected.lower():
            part.unlink(missing_ok=True)
            raise StudioError("下载的文件校验值不符（传输损坏或被篡改），请重试",
                              "The downloaded file fails its SHA-256 check; try again",
                              code="FILE_INTEGRITY", details={"expected": expected, "got": got})
        os.replace(part, dest)
        return dest

    def fetch_delivery(self, user: UserInfo, delivery_id: int, dest: Path) -> Path:
        dest = Path(dest)
        zpath = dest.parent / f"{dest.name}.zip"
        self.download(f"/api/files/deliveries/{int(delivery_id)}", zpath)
        try:
            return unzip_into(zpath, dest)
        finally:
            zpath.unlink(missing_ok=True)

    def download_delivery(self, delivery_id: int, dest: Path) -> Path:
        """The delivery's package zip itself (checked by SHA-256), without unpacking."""
        return self.download(f"/api/files/deliveries/{int(delivery_id)}", Path(dest))

    def fetch_request_file(self, user: UserInfo, file_id: int, dest: Path) -> Path:
        return self.download(f"/api/files/request-files/{int(file_id)}", Path(dest))

    # -- live updates -----------------------------------------------------------------------------
    def events(self, *, after: int | None = None, stream: EventStream | None = None,
               max_backoff: float = 30.0) -> Iterator[dict]:
        """Server-sent events of this session, forever (until `stream.close()`).

        Yields ``{"id", "kind", "zh", "en", "data"}`` per notification, and the markers
        ``{"kind": "_online"}`` when (re)connected and ``{"kind": "_offline", "error": …}`` when
        the connection is lost; it then reconnects with backoff and ``Last-Event-ID`` so nothing
        in between is missed. A session that ended raises ``SESSION_INVALID``.
        """
        import json

        stream = stream or EventStream()
        last = after
        failures = 0
        timeout = httpx.Timeout(connect=5.0, read=45.0, write=10.0, pool=10.0)
        while not stream.closed.is_set():
            headers = self._headers({"Accept": "text/event-stream"})
            if last is not None:
                headers["Last-Event-ID"] = str(last)
            try:
                with self.http.stream("GET", "/api/events", headers=headers, timeout=timeout) as r:
                    stream.response = r
                    if r.status_code >= 400:
                        r.read()
                        raise error_from_response(r)
                    failures = 0
                    yield {"kind": "_online"}
                    kind, data, ev_id = "message", [], None
                    for line in r.iter_lines():
                        if stream.closed.is_set():
                            return
                        if line == "":
                            if data:
                                ev = json.loads("\n".join(data))
                                if ev_id is not None and ev_id.isdigit():
                                    last = int(ev_id)
                                if kind == "session_ended":
                                    raise PermissionDenied("登录已失效，请重新登录",
                                                           "Your session has ended",
                                                           code="SESSION_INVALID")
                                yield ev
                            kind, data, ev_id = "message", [], None
                        elif line.startswith(":"):
                            continue
                        elif line.startswith("event:"):
                            kind = line[6:].strip()
                        elif line.startswith("data:"):
                            data.append(line[5:].strip())
                        elif line.startswith("id:"):
                            ev_id = line[3:].strip()
            except httpx.TransportError as exc:
                if stream.closed.is_set():
                    return
                failures += 1
                yield {"kind": "_offline", "error": str(exc)[:200]}
            finally:
                stream.response = None
            if stream.closed.is_set():
                return
            delay = min(max_backoff, self.backoff * (2 ** min(failures, 6)))
            stream.closed.wait(delay)


def _generated(name: str) -> Callable[..., Any]:
    proto = getattr(MarketClient, name)
    sig = inspect.signature(proto)
    takes_user, params = wire.method_params(proto)
    zip_ok = name in ZIP_IS_FINE
    has_key = any(p.name == "key" for p in params)
    returns_path = "Path" in str(sig.return_annotation)
    has_files = any(p.kind in ("upload", "uploads") for p in params)

    def method(self: HttpMarketClient, *args: Any, **kwargs: Any) -> Any:
        if name in NOT_OVER_HTTP:
            return HttpMarketClient.load_demo(self)
        bound = sig.bind(self, *args, **kwargs)
        bound.apply_defaults()
        body: dict[str, Any] = {}
        outputs: dict[str, Path] = {}
        tmp = Path(tempfile.mkdtemp(prefix="cs-send-")) if has_files else None
        try:
            for p in params:
                value = bound.arguments.get(p.name)
                if p.kind == "value":
                    if p.name == "key" and value is None:
                        value = f"http-{name}-{uuid.uuid4().hex}"  # fixed before the 1st attempt
                    body[p.name] = _jsonable(value)
                elif p.kind == "kwargs":
                    body[p.name] = _jsonable(dict(value or {}))
                elif p.kind == "upload":
                    body[p.name] = None if value is None else self._upload_ref(value, zip_ok, tmp)
                elif p.kind == "uploads":
                    body[p.name] = [self._upload_ref(v, zip_ok, tmp) for v in (value or ())]
                elif p.kind == "output":
                    outputs[p.name] = Path(value)
                    body[p.name] = Path(value).name
            answer = self.call(name, body, retry_unsafe=has_key or not _writes(name))
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
        result = wire.decode(answer.get("result"))
        for pname, f in (answer.get("files") or {}).items():
            local = outputs.get(pname)
            if local is None:
                continue
            local.parent.mkdir(parents=True, exist_ok=True)
            data = base64.b64decode(f["b64"])
            if f.get("folder"):
                unzip_into(io.BytesIO(data), local)
            else:
                part = local.parent / f".{local.name}.part"
                part.write_bytes(data)
                os.replace(part, local)
        if outputs:
            local = next(iter(outputs.values()))
            if returns_path:
                return local
            if isinstance(result, dict) and "path" in result:
                result = dict(result, path=str(local))
        return result

    method.__name__ = name
    method.__qualname__ = f"HttpMarketClient.{name}"
    method.__signature__ = sig
    method.__doc__ = proto.__doc__ or f"`MarketClient.{name}` over HTTP."
    return method


READ_PREFIXES = ("list", "get", "open_requests", "maker_orders", "buyer_orders", "my_", "offers_for",
                 "deliveries", "notifications", "certificates", "earnings", "request_files",
                 "cert_status", "cert_queue", "all_certificates", "disputes", "evaluation_table",
                 "dashboard", "business_lines", "current_norms", "grade_rules", "level_names",
                 "cert_program", "maker_summary", "now", "buyer_requests", "order_thread",
                 "unread_counts", "review_comments", "request_brief", "order_dossier",
                 "cert_evidence", "verify_certificate", "certificate_id")


def _writes(name: str) -> bool:
    """Whether a lost answer may have changed something (then no blind retry without a key)."""
    return not name.startswith(READ_PREFIXES)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    return value


for _name in [n for n, v in vars(MarketClient).items() if callable(v) and not n.startswith("_")]:
    if _name not in vars(HttpMarketClient):
        setattr(HttpMarketClient, _name, _generated(_name))
del _name


def open_server(url: str, **kwargs: Any) -> HttpMarketClient:
    """A client for the team server at `url`; checks it answers (typed error otherwise)."""
    client = HttpMarketClient(url, **kwargs)
    try:
        client.health()
    except StudioError:
        client.close()
        raise
    return client


