"""Staging folders and temp dirs that name their owner, so the next run can clear a dead one's debris.

WHY: a `kill -9` (or a power cut) of `convert` skips every `finally`. Before this module it left
a `.screen-record.*` folder with a partial mp4 beside the output and `/tmp/cs-screen-record-*` /
`/tmp/cs-lo-*` folders behind, and no later run removed them (issue 20, defect 9).

Every staged name now carries an owner tag `p<PID>-<start>`: the PID plus a token for the
process's start time (Linux: field 22 of `/proc/<pid>/stat`; Windows: the creation time from
`GetProcessTimes`). A PID alone is not enough: PIDs are reused, and a folder whose owner's PID
now belongs to an unrelated long-running process would never be cleared. When a new staging
name is made, entries with the same prefix in the same folder whose owner is gone are removed
(`sweep`). Untagged entries left by older versions are removed once they are a day old.

A live owner is never touched: "alive" is decided by the OS (a signal-0 probe, or OpenProcess on
Windows), and when the start time cannot be read the PID alone decides — erring on keeping.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

LEGACY_MAX_AGE = 24 * 3600  # untagged debris from before owner tags: removed when this old
_TAG = re.compile(r"p(\d{1,10})-([0-9a-z]{1,16})\.")
_swept: set[tuple[str, str]] = set()
_lock = threading.Lock()


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def _linux_start(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    try:  # the command name (field 2) may hold spaces and ')': split after the last ')'
        return int(stat[stat.rindex(")") + 2:].split()[19])
    except (ValueError, IndexError):
        return None


def _windows_handle(pid: int):
    import ctypes

    k32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return k32, k32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION


def _windows_start(pid: int) -> int | None:
    import ctypes

    k32, h = _windows_handle(pid)
    if not h:
        return None
    try:
        times = [ctypes.c_ulonglong() for _ in range(4)]
        if not k32.GetProcessTimes(h, *(ctypes.byref(t) for t in times)):
            return None
        return times[0].value // 10_000_000  # creation time, seconds
    finally:
        k32.CloseHandle(h)


def start_token(pid: int) -> str:
    """A short token for when `pid` started, or "0" when the platform does not tell us."""
    value = _windows_start(pid) if sys.platform == "win32" else _linux_start(pid)
    return _b36(value) if value is not None else "0"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        k32, h = _windows_handle(pid)
        if not h:
            return False
        try:
            code = ctypes.c_ulong()
            return bool(k32.GetExitCodeProcess(h, ctypes.byref(code))) and code.value == 259
        finally:
            k32.CloseHandle(h)
    try:
        os.kill(pid, 0)  # POSIX probe; (on Windows this would *send* CTRL_C — hence the branch)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    except OSError:
        return False
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):  # a zombie has exited; only its parent still holds it
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return False
    return True


def owner_alive(pid: int, token: str) -> bool:
    """True while the process that wrote this tag is still running (not a reuse of its PID)."""
    if not _pid_alive(pid):
        return False
    if token == "0":
        return True
    now = start_token(pid)
    return now == "0" or now == token


_OWN: str | None = None


def owner_tag() -> str:
    """`p<PID>-<start>` of this process; computed once (the start time never changes)."""
    global _OWN
    pid = os.getpid()
    if _OWN is None or not _OWN.startswith(f"p{pid}-"):  # recomputed after fork
        _OWN = f"p{pid}-{start_token(pid)}"
    return _OWN


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def sweep(folder: Path, prefix: str, *, legacy_max_age: float | None = LEGACY_MAX_AGE) -> list[Path]:
    """Remove entries `folder/<prefix>p<PID>-<start>.*` whose owner is gone; return them.

    Entries with the prefix but no tag (older versions) are removed when older than
    `legacy_max_age` seconds (`None`: never — for folders the user chose, where an untagged
    name may be theirs). Errors are logged, never raised: cleaning is best effort.
    """
    removed: list[Path] = []
    folder = Path(folder)
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return removed
    now = time.time()
    mine = owner_tag()
    for e in entries:
        rest = e.name[len(prefix):]
        m = _TAG.match(rest)
        try:
            if m:
                if rest.startswith(mine + ".") or owner_alive(int(m.group(1)), m.group(2)):
                    continue
            elif legacy_max_age is None or now - e.stat(follow_symlinks=False).st_mtime < legacy_max_age:
                continue
            _remove(Path(e.path))
            removed.append(Path(e.path))
        except OSError as exc:  # pragma: no cover - racing another sweeper
            log.debug("could not remove stale %s: %s", e.path, exc)
    if removed:
        log.info("removed %d stale staging entr%s in %s: %s", len(removed),
                 "y" if len(removed) == 1 else "ies", folder, ", ".join(p.name for p in removed))
    return removed


def sweep_once(folder: Path, prefix: str, *, legacy_max_age: float | None = LEGACY_MAX_AGE) -> None:
    """`sweep` at most once per process for a (folder, prefix): temp dirs are made often."""
    key = (str(Path(folder).resolve()), prefix)
    with _lock:
        if key in _swept:
            return
        _swept.add(key)
    sweep(folder, prefix, legacy_max_age=legacy_max_age)


def tagged_prefix(prefix: str) -> str:
    """`prefix` + this process's owner tag + '.', for `tempfile.mkdtemp(prefix=...)`."""
    return f"{prefix}{owner_tag()}."


def make_temp_dir(prefix: str, dir: Path | None = None) -> Path:
    """`tempfile.mkdtemp` with an owner tag, after clearing dead owners' dirs with that prefix."""
    folder = Path(dir) if dir is not None else Path(tempfile.gettempdir())
    sweep_once(folder, prefix)
    return Path(tempfile.mkdtemp(prefix=tagged_prefix(prefix), dir=folder))


@contextlib.contextmanager
def temp_dir(prefix: str, dir: Path | None = None):
    """Like `tempfile.TemporaryDirectory`, but owner-tagged (see `make_temp_dir`)."""
    path = make_temp_dir(prefix, dir)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
