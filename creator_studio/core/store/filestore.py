"""Content-addressed file store for request sources and delivery packages.

A file is stored once under its SHA-256 (``ab/cd/abcd…``), written atomically (temp file + rename),
and its hash is checked again on every read, so a file changed or damaged on disk is reported as a
typed error instead of being handed to a buyer. A size cap refuses oversized files while they are
being written, before they fill the disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

from creator_studio.core import paths
from creator_studio.core.errors import StudioError, ValidationError

DEFAULT_MAX_BYTES = 2 * 1024 * 1024 * 1024  # 2 GiB: a long narrated video package
CHUNK = 1024 * 1024


class FileIntegrityError(StudioError):
    """A stored file no longer matches its hash (disk damage or tampering)."""

    code = "FILE_INTEGRITY"


class FileTooLarge(ValidationError):
    code = "FILE_TOO_LARGE"


class FileMissing(StudioError):
    code = "FILE_MISSING"


def _check_digest(digest: str) -> str:
    digest = digest.lower()
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValidationError("文件编号无效", f"Not a SHA-256 file id: {digest!r}", code="BAD_FILE_ID")
    return digest


@runtime_checkable
class BlobStore(Protocol):
    """What the market and the team server need from a store of files named by their SHA-256.

    `FileStore` keeps them on a local disk; an object store (S3-compatible) can implement the same
    few calls later without touching the services or the server routes.
    """

    max_bytes: int

    def exists(self, digest: str) -> bool: ...
    def size(self, digest: str) -> int: ...
    def put_file(self, path: Path) -> str: ...
    def put_stream(self, chunks: Iterable[bytes]) -> str: ...
    def adopt(self, path: Path, digest: str) -> str: ...
    def read_bytes(self, digest: str) -> bytes: ...
    def copy_to(self, digest: str, dest: Path) -> Path: ...
    def iter_range(self, digest: str, start: int = 0, end: int | None = None) -> Iterator[bytes]: ...


class FileStore:
    def __init__(self, root: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = Path(root) if root else paths.data_dir() / "files"
        self.max_bytes = max_bytes

    def path_for(self, digest: str) -> Path:
        digest = _check_digest(digest)
        return self.root / digest[:2] / digest[2:4] / digest

    def exists(self, digest: str) -> bool:
        return self.path_for(digest).is_file()

    def size(self, digest: str) -> int:
        try:
            return self.path_for(digest).stat().st_size
        except FileNotFoundError:
            raise FileMissing("文件不存在于文件库中", f"File {digest} is not in the store") from None

    def adopt(self, path: Path, digest: str) -> str:
        """Move an already hashed file (a finished upload) into the store without copying it.

        The caller has just hashed `path`; it is checked once more here by size only, because
        the bytes were hashed on this same disk a moment ago. Same content twice: one file.
        """
        digest = _check_digest(digest)
        path = Path(path)
        if path.stat().st_size > self.max_bytes:
            raise FileTooLarge(f"文件超过大小上限 {self.max_bytes // (1024 * 1024)} MB",
                               f"File exceeds the size cap of {self.max_bytes} bytes",
                               details={"max_bytes": self.max_bytes})
        target = self.path_for(digest)
        if target.is_file():
            path.unlink(missing_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
        return digest

    def iter_range(self, digest: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """Bytes ``start..end`` (inclusive, like HTTP ranges) of a stored file, in chunks.

        No hash check here: a range is part of a file, and the receiver checks the whole file's
        SHA-256 once it has every part (the server sends the digest with each download).
        """
        path = self.path_for(digest)
        try:
            fh = open(path, "rb")
        except FileNotFoundError:
            raise FileMissing("文件不存在于文件库中", f"File {digest} is not in the store") from None
        total = os.fstat(fh.fileno()).st_size
        end = total - 1 if end is None else min(end, total - 1)

        def chunks() -> Iterator[bytes]:
            with fh:
                fh.seek(start)
                left = end - start + 1
                while left > 0:
                    data = fh.read(min(CHUNK, left))
                    if not data:
                        break
                    left -= len(data)
                    yield data

        return chunks()

    def put_bytes(self, data: bytes) -> str:
        return self.put_stream([data])

    def put_file(self, path: Path) -> str:
        with open(path, "rb") as fh:
            return self.put_stream(iter(lambda: fh.read(CHUNK), b""))

    def put_stream(self, chunks: Iterable[bytes]) -> str:
        """Store the concatenated chunks; returns the SHA-256 hex digest (the file's id)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".incoming.", dir=self.root)
        h = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FileTooLarge(
                            f"文件超过大小上限 {self.max_bytes // (1024 * 1024)} MB",
                            f"File exceeds the size cap of {self.max_bytes} bytes",
                            details={"max_bytes": self.max_bytes})
                    h.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            digest = h.hexdigest()
            target = self.path_for(digest)
            if target.is_file():
                os.unlink(tmp)  # already stored: content addressing makes this a no-op
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, target)
            return digest
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def read_bytes(self, digest: str) -> bytes:
        path = self.path_for(digest)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise FileMissing("文件不存在于文件库中", f"File {digest} is not in the store") from None
        if hashlib.sha256(data).hexdigest() != digest.lower():
            raise FileIntegrityError("文件已损坏或被篡改（校验值不符）",
                                     f"Stored file {digest} fails its hash check",
                                     details={"digest": digest})
        return data

    def open_verified(self, digest: str) -> BinaryIO:
        """A file object over a verified copy (the hash is checked before anything is returned)."""
        import io

        return io.BytesIO(self.read_bytes(digest))

    def copy_to(self, digest: str, dest: Path) -> Path:
        """Copy a stored file to `dest` (atomically), verifying the hash while streaming."""
        src = self.path_for(digest)
        if not src.is_file():
            raise FileMissing("文件不存在于文件库中", f"File {digest} is not in the store")
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
        h = hashlib.sha256()
        try:
            with open(src, "rb") as fh, os.fdopen(fd, "wb") as out:
                for chunk in iter(lambda: fh.read(CHUNK), b""):
                    h.update(chunk)
                    out.write(chunk)
            if h.hexdigest() != digest.lower():
                raise FileIntegrityError("文件已损坏或被篡改（校验值不符）",
                                         f"Stored file {digest} fails its hash check",
                                         details={"digest": digest})
            os.replace(tmp, dest)
            return dest
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
