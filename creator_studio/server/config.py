"""Server settings: one TOML file, environment variables on top.

```toml
[server]
host = "127.0.0.1"          # behind a reverse proxy; 0.0.0.0 to listen on the network directly
port = 8765
workers = 2                 # uvicorn processes (stateless: sessions, timers and files are shared)
threads = 4                 # market calls running at once per process (quick lane; see docs)
file_threads = 4            # …and calls carrying files (deliveries, entries, PDFs: the slow lane)
public_url = "https://studio.example.internal"   # what makers enter in the studio; also the issuer

[database]
url = "postgresql+psycopg://studio:…@db.internal/creator_studio"

[files]
folder = "/srv/creator-studio/files"   # content-addressed store + unfinished uploads
max_upload_mb = 4096

[secrets]
folder = "/etc/creator-studio/secrets" # HMAC secret + Ed25519 issuer key, created 0600 on first start

[sessions]
hours = 12
```

Environment (wins over the file): ``CREATOR_STUDIO_SERVER_DB_URL``, ``…_FILES``, ``…_SECRETS``,
``…_HOST``, ``…_PORT``, ``…_WORKERS``, ``…_PUBLIC_URL``, ``…_MAX_UPLOAD_MB``,
``…_SESSION_HOURS``, ``…_TIMER_SECONDS``, ``…_THREADS``, ``…_FILE_THREADS``. The file itself: ``--config FILE`` or
``CREATOR_STUDIO_SERVER_CONFIG``.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from creator_studio.core.errors import ValidationError

ENV_PREFIX = "CREATOR_STUDIO_SERVER_"
RESOLVED_ENV = "CREATOR_STUDIO_SERVER_RESOLVED"  # the parent hands the resolved config to workers


@dataclass
class ServerConfig:
    db_url: str = ""
    files_dir: str = ""
    secrets_dir: str = ""
    host: str = "127.0.0.1"
    port: int = 8765
    workers: int = 1
    # Python threads in one process share one interpreter lock: 40 threads (the default pool)
    # queued each database round trip behind the others; a few measured faster under load
    # (docs/server.md). Calls that carry files get their own lane so a slow package check
    # never holds up the lists.
    threads: int = 4
    file_threads: int = 4
    public_url: str = ""
    max_upload_mb: int = 4096
    session_hours: float = 12.0
    timer_seconds: float = 30.0
    events_poll_seconds: float = 1.0
    login_fail_per_account: int = 8     # failures in the window before an account is throttled
    login_fail_per_address: int = 40    # …and before an address is
    login_window_minutes: int = 15
    allow_sqlite: bool = False          # tests of the server on SQLite only; teams use PostgreSQL

    @property
    def url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb) * 1024 * 1024

    def validate(self) -> "ServerConfig":
        missing = [n for n in ("db_url", "files_dir", "secrets_dir") if not getattr(self, n)]
        if missing:
            raise ValidationError(f"服务器配置缺少：{', '.join(missing)}",
                                  f"Server configuration is missing: {', '.join(missing)}",
                                  code="SERVER_CONFIG")
        for name in ("threads", "file_threads"):
            if not 1 <= int(getattr(self, name)) <= 256:
                raise ValidationError(f"服务器配置 {name} 应在 1–256 之间",
                                      f"Server setting {name} must be 1–256", code="SERVER_CONFIG")
        if not self.allow_sqlite and not self.db_url.startswith("postgresql"):
            raise ValidationError("团队服务器需要 PostgreSQL 数据库地址",
                                  "The team server needs a PostgreSQL database URL",
                                  code="SERVER_CONFIG")
        return self

    def to_env(self) -> str:
        return json.dumps(asdict(self))


_FILE_KEYS = {
    ("server", "host"): "host", ("server", "port"): "port", ("server", "workers"): "workers",
    ("server", "public_url"): "public_url", ("database", "url"): "db_url",
    ("server", "threads"): "threads", ("server", "file_threads"): "file_threads",
    ("files", "folder"): "files_dir", ("files", "max_upload_mb"): "max_upload_mb",
    ("secrets", "folder"): "secrets_dir", ("sessions", "hours"): "session_hours",
    ("timers", "seconds"): "timer_seconds",
}
_ENV_KEYS = {"DB_URL": "db_url", "FILES": "files_dir", "SECRETS": "secrets_dir", "HOST": "host",
             "PORT": "port", "WORKERS": "workers", "PUBLIC_URL": "public_url",
             "MAX_UPLOAD_MB": "max_upload_mb", "SESSION_HOURS": "session_hours",
             "TIMER_SECONDS": "timer_seconds", "THREADS": "threads",
             "FILE_THREADS": "file_threads"}


def _coerce(name: str, value):  # noqa: ANN001, ANN202
    kind = type(getattr(ServerConfig, name))
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ValidationError(f"服务器配置项 {name} 的值无效：{value!r}",
                              f"Invalid value for {name}: {value!r}", code="SERVER_CONFIG") from None


def load_config(path: Path | None = None, environ: dict | None = None) -> ServerConfig:
    env = os.environ if environ is None else environ
    cfg = ServerConfig()
    path = path or (Path(env["CREATOR_STUDIO_SERVER_CONFIG"])
                    if env.get("CREATOR_STUDIO_SERVER_CONFIG") else None)
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ValidationError(f"找不到服务器配置文件：{path}", f"No config file: {path}",
                                  code="SERVER_CONFIG") from None
        except tomllib.TOMLDecodeError as exc:
            raise ValidationError(f"服务器配置文件格式错误：{exc}", f"Bad config file: {exc}",
                                  code="SERVER_CONFIG") from None
        for (section, key), name in _FILE_KEYS.items():
            if key in data.get(section, {}):
                setattr(cfg, name, _coerce(name, data[section][key]))
        base = Path(path).resolve().parent
        for name in ("files_dir", "secrets_dir"):  # relative folders: next to the config file
            if getattr(cfg, name) and not Path(getattr(cfg, name)).is_absolute():
                setattr(cfg, name, str(base / getattr(cfg, name)))
    for key, name in _ENV_KEYS.items():
        if env.get(ENV_PREFIX + key):
            setattr(cfg, name, _coerce(name, env[ENV_PREFIX + key]))
    return cfg


def resolved_from_env() -> ServerConfig:
    """In a worker process: the config the `serve` command resolved (or the file/env again)."""
    raw = os.environ.get(RESOLVED_ENV)
    if raw:
        return ServerConfig(**json.loads(raw))
    return load_config().validate()
