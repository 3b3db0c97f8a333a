"""Atomic file and folder writes: a crash or a cancel never leaves half a file in place."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from creator_studio.core import staging


def write_bytes(path: Path, data: bytes, *, fsync: bool = True) -> None:
    """Temp file + rename. `fsync=False` for derived data that can be re-created (still never
    half a file under the final name, but not forced to disk)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, obj) -> None:
    write_text(path, json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n")


@contextlib.contextmanager
def staged_file(path: Path) -> Iterator[Path]:
    """Yield a temp path beside `path`; it replaces `path` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Owner-tagged so a later run can remove what a kill -9 left (core/staging.py). The folder
    # may be the user's own: untagged `.name.*` files there are never touched.
    staging.sweep_once(path.parent, f".{path.stem}.", legacy_max_age=None)
    fd, tmp = tempfile.mkstemp(prefix=staging.tagged_prefix(f".{path.stem}."), suffix=path.suffix,
                               dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


@contextlib.contextmanager
def staged_dir(path: Path) -> Iterator[Path]:
    """Yield a temp folder beside `path`; on success it replaces `path` whole (old one removed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Owner-tagged; a dead owner's staging folder (partial mp4…) is removed first (core/staging.py).
    tmp = staging.make_temp_dir(f".{path.name}.", dir=path.parent)
    try:
        yield tmp
        if path.exists():
            old = path.with_name(f".{path.name}.old-{os.getpid()}")
            if old.exists():
                shutil.rmtree(old, ignore_errors=True)
            os.replace(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
