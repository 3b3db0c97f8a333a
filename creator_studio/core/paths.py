"""Per-user folders (platformdirs): data (database, file store), logs, autosave, config."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "CreatorStudio"
AUTHOR = "CorporateUniversity"


def _dir(kind: str) -> Path:
    override = os.environ.get("CREATOR_STUDIO_HOME")
    if override:
        p = Path(override) / kind
    else:
        fn = {"data": platformdirs.user_data_dir, "log": platformdirs.user_log_dir,
              "config": platformdirs.user_config_dir, "cache": platformdirs.user_cache_dir}[kind]
        p = Path(fn(APP, AUTHOR))
    p.mkdir(parents=True, exist_ok=True, mode=0o700)
    _private(p)
    return p


def _private(p: Path) -> None:
    """Our own folders are 0700: the database, file store, secrets and logs belong to one user
    (#20 defect 10). Folders made by an older version with the umask's 0755 are tightened."""
    if os.name != "posix":
        return
    try:
        if p.stat().st_mode & 0o077:
            os.chmod(p, 0o700)
    except OSError:
        pass


def data_dir() -> Path:
    return _dir("data")


def log_dir() -> Path:
    return _dir("log")


def config_dir() -> Path:
    return _dir("config")


def cache_dir() -> Path:
    return _dir("cache")


def autosave_dir() -> Path:
    p = data_dir() / "autosave"
    p.mkdir(parents=True, exist_ok=True, mode=0o700)
    return p
