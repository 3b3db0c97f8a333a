"""Uploads in chunks (resumable) and downloads with ``Range``, both checked by SHA-256.

Upload: ``POST /api/uploads`` {name, size, sha256} → an unguessable id; ``PUT
/api/uploads/{id}?offset=N`` appends the next bytes (the offset must equal what the server has,
so a retried chunk is never written twice); ``GET /api/uploads/{id}`` tells a client that lost
its connection where to resume; ``POST /api/uploads/{id}/complete`` hashes what arrived and, if
it matches the declared SHA-256, moves it into the content-addressed store. Only the person who
started an upload can add to it, see it, or hand it to a market call.

The bytes of an unfinished upload live in ``<files>/uploads/<id>.part``: the file on disk is the
record of what arrived, so a server process killed mid-chunk loses nothing but the part of the
chunk that never reached the disk, and any other process can take over.

Download: ``GET /api/files/deliveries/{id}`` and ``/api/files/request-files/{id}`` check that the
caller may see the order or request (the same permission functions the embedded mode uses),
then stream the stored file, whole or a ``Range`` of it; ``X-Content-SHA256`` carries the hash
the client checks once it has every byte.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from sqlalchemy import select

from creator_studio.core.errors import NotFound, StudioError, ValidationError
from creator_studio.core.market import reads
from creator_studio.core.market.client import UserInfo
from creator_studio.core.market.orders import get_order
from creator_studio.core.store.filestore import FileIntegrityError, FileTooLarge
from creator_studio.core.store.models import Delivery
from creator_studio.core.store.models_server import ServerUpload
from creator_studio.server.deps import current_user, server_state

CHUNK_SIZE = 8 * 1024 * 1024  # what clients are told to send per PUT
SHA_RE = re.compile(r"^[0-9a-f]{64}$")

router = APIRouter(prefix="/api", tags=["files"])
BINARY_200 = {200: {"description": "The file's bytes (a package zip or the source file as uploaded)",
                    "content": {"application/octet-stream": {
                        "schema": {"type": "string", "format": "binary"}}}},
              206: {"description": "The requested byte range (``Range: bytes=N-``)",
                    "content": {"application/octet-stream": {
                        "schema": {"type": "string", "format": "binary"}}}}}


class UploadStart(BaseModel):
    name: str = Field(max_length=255)
    size: int = Field(ge=0)
    sha256: str


class UploadState(BaseModel):
    upload_id: str
    name: str
    size: int
    sha256: str
    received: int
    status: str
    chunk_size: int = CHUNK_SIZE


class UploadBusy(StudioError):
    code = "UPLOAD_OFFSET"


def _unknown() -> NotFound:
    return NotFound("上传不存在或不属于你", "No such upload (or not yours)", code="UPLOAD_UNKNOWN")


def safe_name(name: str) -> str:
    name = (name or "").replace("\\", "/").split("/")[-1].strip().strip(".")
    name = re.sub(r"[\x00-\x1f]", "", name)[:200]
    return name or "file"


def part_path(state, upload_id: str) -> Path:  # noqa: ANN001
    return state.uploads_dir / f"{upload_id}.part"


def _row(state, user: UserInfo, upload_id: str) -> ServerUpload:  # noqa: ANN001
    if not re.fullmatch(r"[A-Za-z0-9_-]{16,40}", upload_id or ""):
        raise _unknown()
    with state.svc.read() as s:
        row = s.get(ServerUpload, upload_id)
    if row is None or row.user_id != user.id:
        raise _unknown()
    return row


def _state_of(state, row: ServerUpload) -> UploadState:  # noqa: ANN001
    p = part_path(state, row.id)
    received = row.size if row.status == "complete" else (p.stat().st_size if p.exists() else 0)
    return UploadState(upload_id=row.id, name=row.name, size=row.size, sha256=row.sha256,
                       received=received, status=row.status)


def start_upload(state, user: UserInfo, body: UploadStart) -> UploadState:  # noqa: ANN001
    sha = body.sha256.lower()
    if not SHA_RE.match(sha):
        raise ValidationError("文件校验值无效", "Not a SHA-256 hex digest", code="BAD_FILE_ID")
    limit = state.config.max_upload_bytes
    if body.size > limit:
        raise FileTooLarge(f"文件超过服务器上限 {limit // (1024 * 1024)} MB",
                           f"File exceeds the server's limit of {limit} bytes",
                           details={"max_bytes": limit, "size": body.size})
    upload_id = secrets.token_urlsafe(24)
    with state.svc.write() as s:
        row = ServerUpload(id=upload_id, user_id=user.id, name=safe_name(body.name),
                           size=body.size, sha256=sha, status="open", chunks=0,
                           created_at=state.svc.now())
        s.add(row)
    part_path(state, upload_id).touch()
    return _state_of(state, row)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[int]:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UploadBusy("另一个连接正在上传这个文件", "Another connection is sending this upload",
                             details={"busy": True}) from None
        yield fd
    finally:
        os.close(fd)


@router.post("/uploads", response_model=UploadState, summary="Start an upload")
def post_upload(body: UploadStart, user: UserInfo = Depends(current_user),
                state=Depends(server_state)) -> UploadState:  # noqa: ANN001
    return start_upload(state, user, body)


@router.get("/uploads/{upload_id}", response_model=UploadState, summary="Where to resume")
def get_upload(upload_id: str, user: UserInfo = Depends(current_user),
               state=Depends(server_state)) -> UploadState:  # noqa: ANN001
    return _state_of(state, _row(state, user, upload_id))


@router.put("/uploads/{upload_id}", response_model=UploadState, summary="Append bytes at offset")
async def put_chunk(upload_id: str, offset: int, request: Request,
                    user: UserInfo = Depends(current_user),
                    state=Depends(server_state)) -> UploadState:  # noqa: ANN001
    from starlette.concurrency import run_in_threadpool

    row = await run_in_threadpool(_row, state, user, upload_id)
    if row.status != "open":
        raise UploadBusy("上传已完成", "The upload is already complete", details={"received": row.size})
    path = part_path(state, row.id)
    with _locked(path) as fd:
        have = os.fstat(fd).st_size
        if offset != have:
            raise UploadBusy(f"续传位置不对：服务器已有 {have} 字节",
                             f"Wrong offset {offset}: the server has {have} bytes",
                             details={"received": have})
        async for data in request.stream():
            if not data:
                continue
            have += len(data)
            if have > row.size:
                os.ftruncate(fd, have - len(data))
                raise FileTooLarge("上传内容超过声明的大小", "More bytes than the declared size",
                                   details={"size": row.size})
            os.write(fd, data)
    return _state_of(state, row)


def complete_upload(state, user: UserInfo, upload_id: str) -> UploadState:  # noqa: ANN001
    row = _row(state, user, upload_id)
    if row.status == "complete":
        return _state_of(state, row)
    path = part_path(state, row.id)
    with _locked(path):
        size = path.stat().st_size
        if size != row.size:
            raise ValidationError(f"上传未完成：{size}/{row.size} 字节",
                                  f"Upload incomplete: {size} of {row.size} bytes",
                                  code="UPLOAD_INCOMPLETE", details={"received": size})
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1024 * 1024), b""):
                h.update(chunk)
        if h.hexdigest() != row.sha256:
            path.unlink(missing_ok=True)  # start again from zero: the bytes are not what was meant
            path.touch()
            raise FileIntegrityError("上传的文件校验值不符，请重新上传",
                                     "The uploaded bytes do not match their SHA-256; send again",
                                     details={"expected": row.sha256, "got": h.hexdigest()})
        state.store.adopt(path, row.sha256)
    with state.svc.write() as s:
        r = s.get(ServerUpload, row.id)
        r.status = "complete"
        r.completed_at = state.svc.now()
    row.status = "complete"
    return _state_of(state, row)


@router.post("/uploads/{upload_id}/complete", response_model=UploadState,
             summary="Verify the SHA-256 and store the file")
def post_complete(upload_id: str, user: UserInfo = Depends(current_user),
                  state=Depends(server_state)) -> UploadState:  # noqa: ANN001
    return complete_upload(state, user, upload_id)


@contextlib.contextmanager
def materialize(state, user: UserInfo, upload_id: str) -> Iterator[Path]:  # noqa: ANN001
    """A finished upload of the caller's as a file with its original name, in a temp folder."""
    row = _row(state, user, upload_id)
    if row.status != "complete":
        raise ValidationError("文件尚未上传完成", "The upload is not complete",
                              code="UPLOAD_INCOMPLETE")
    tmp = Path(tempfile.mkdtemp(prefix="cs-upload-", dir=state.work_dir))
    try:
        yield state.store.copy_to(row.sha256, tmp / row.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# -- downloads ------------------------------------------------------------------------------------

def _parse_range(header: str | None, total: int) -> tuple[int, int] | None:
    if not header:
        return None
    m = re.fullmatch(r"bytes=(\d*)-(\d*)", header.strip())
    if not m or (not m.group(1) and not m.group(2)):
        raise ValidationError("Range 请求头无效", "Bad Range header", code="BAD_RANGE")
    if m.group(1):
        start = int(m.group(1))
        end = int(m.group(2)) if m.group(2) else total - 1
    else:  # suffix: the last N bytes
        start, end = max(0, total - int(m.group(2))), total - 1
    if start >= total or end < start:
        raise ValidationError("Range 超出文件范围", "Range not satisfiable", code="BAD_RANGE",
                              details={"size": total})
    return start, min(end, total - 1)


def stream_blob(state, digest: str, name: str, range_header: str | None) -> StreamingResponse:  # noqa: ANN001
    total = state.store.size(digest)
    rng = _parse_range(range_header, total)
    headers = {"Accept-Ranges": "bytes", "X-Content-SHA256": digest, "ETag": f'"{digest}"',
               "Content-Disposition": f"attachment; filename*=UTF-8''{_quote(name)}"}
    if rng is None:
        headers["Content-Length"] = str(total)
        return StreamingResponse(state.store.iter_range(digest), media_type="application/octet-stream",
                                 headers=headers)
    start, end = rng
    headers["Content-Range"] = f"bytes {start}-{end}/{total}"
    headers["Content-Length"] = str(end - start + 1)
    return StreamingResponse(state.store.iter_range(digest, start, end), status_code=206,
                             media_type="application/octet-stream", headers=headers)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


def delivery_blob(state, user: UserInfo, delivery_id: int) -> tuple[str, str]:  # noqa: ANN001
    with state.svc.read() as s:
        actor = state.svc.actor(s, user.id)
        d = s.get(Delivery, delivery_id)
        if d is None:
            raise NotFound("交付不存在", f"No delivery #{delivery_id}")
        get_order(s, actor, d.order_id)  # party to the order (or staff), else PERMISSION_DENIED
        return d.package_sha256, f"delivery-{d.id}.zip"


def request_file_blob(state, user: UserInfo, file_id: int) -> tuple[str, str]:  # noqa: ANN001
    with state.svc.read() as s:
        row = reads.request_file(s, state.svc.actor(s, user.id), file_id)
    return row["sha256"], row.get("name") or f"file-{file_id}"


@router.get("/files/deliveries/{delivery_id}", summary="Download a delivery package (Range ok)",
            response_class=StreamingResponse, responses=BINARY_200)
def get_delivery_file(delivery_id: int, request: Request, user: UserInfo = Depends(current_user),
                      state=Depends(server_state)):  # noqa: ANN001, ANN201
    digest, name = delivery_blob(state, user, delivery_id)
    return stream_blob(state, digest, name, request.headers.get("range"))


@router.get("/files/request-files/{file_id}", summary="Download a request's source file",
            response_class=StreamingResponse, responses=BINARY_200)
def get_request_file(file_id: int, request: Request, user: UserInfo = Depends(current_user),
                     state=Depends(server_state)):  # noqa: ANN001, ANN201
    digest, name = request_file_blob(state, user, file_id)
    return stream_blob(state, digest, name, request.headers.get("range"))


def purge_stale_uploads(state, older_than_hours: float = 48) -> int:  # noqa: ANN001
    """Forget unfinished uploads nobody resumed (called from the background loop)."""
    from datetime import timedelta

    cutoff = state.svc.now() - timedelta(hours=older_than_hours)
    n = 0
    with state.svc.write() as s:
        for row in s.scalars(select(ServerUpload).where(ServerUpload.status == "open",
                                                        ServerUpload.created_at < cutoff)):
            part_path(state, row.id).unlink(missing_ok=True)
            s.delete(row)
            n += 1
    return n
