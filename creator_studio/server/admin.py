"""Operator commands run on the server machine with the server's configuration.

Holding the configuration file (database credentials, secrets folder) is what makes someone the
operator; nothing here is reachable over HTTP. `create_staff` is the bootstrap: the first staff
account of an empty server database. Every other account is created by that staff member
through the server (HR import), with the permission checks that apply to everyone.
"""

from __future__ import annotations

from creator_studio.core.market import accounts
from creator_studio.server.config import ServerConfig


def create_staff(cfg: ServerConfig, login: str, display_name: str, password: str) -> int:
    from creator_studio.core.market.uow import MarketService
    from creator_studio.core.store.engine import make_engine, upgrade_to_head

    cfg.validate()
    engine = make_engine(cfg.db_url)
    try:
        upgrade_to_head(engine)
        svc = MarketService(engine)
        with svc.write() as s:
            user = accounts.bootstrap_staff(s, login, display_name, password, now=svc.now())
            return user.id
    finally:
        engine.dispose()


def load_demo(cfg: ServerConfig) -> dict:
    """The demo scenario into an empty server database (for a trial deployment)."""
    from creator_studio.core.market import demo
    from creator_studio.core.store.engine import make_engine, upgrade_to_head
    from creator_studio.core.store.filestore import FileStore
    from creator_studio.server.app import prepare_secrets
    from pathlib import Path

    cfg.validate()
    prepare_secrets(cfg)
    engine = make_engine(cfg.db_url)
    try:
        upgrade_to_head(engine)
        demo.fill_demo(engine, store=FileStore(Path(cfg.files_dir) / "store",
                                               max_bytes=cfg.max_upload_bytes))
        return {"ok": True}
    finally:
        engine.dispose()
