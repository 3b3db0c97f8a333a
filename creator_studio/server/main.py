"""Start the team server: resolve the configuration once, then run uvicorn with N workers."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from creator_studio.core.errors import StudioError
from creator_studio.server.config import RESOLVED_ENV, load_config


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, help="TOML configuration file (see docs/server.md)")
    p.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8765)")
    p.add_argument("--workers", type=int, help="server processes (default 1)")


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from creator_studio.server.app import prepare_secrets
    from creator_studio.server.logs import setup_logging

    cfg = load_config(args.config)
    for name in ("host", "port", "workers"):
        if getattr(args, name, None):
            setattr(cfg, name, getattr(args, name))
    cfg.validate()
    setup_logging(os.environ.get("CREATOR_STUDIO_SERVER_LOG_LEVEL", "INFO"))
    prepare_secrets(cfg)  # once, before the workers start
    os.environ[RESOLVED_ENV] = cfg.to_env()
    print(f"创客工作室团队服务器 / Creator Studio team server\n"
          f"  请在工作室登录页填写服务器地址 / give makers and buyers this URL: {cfg.url}\n"
          f"  listening on http://{cfg.host}:{cfg.port} with {cfg.workers} process(es)",
          flush=True)
    uvicorn.run("creator_studio.server.app:app_from_env", factory=True, host=cfg.host,
                port=cfg.port, workers=max(1, cfg.workers), log_config=None,
                timeout_graceful_shutdown=5)
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m creator_studio.server")
    add_arguments(p)
    args = p.parse_args(argv)
    try:
        return serve(args)
    except StudioError as exc:
        print(exc.one_line(), file=sys.stderr)
        return 2
