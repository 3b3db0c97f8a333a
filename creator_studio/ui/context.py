"""The one object the windows share: settings, user folders, the job runner, the database, the user.

It is built once in `app.main` (or by a test) and passed to every window explicitly, so there is no
module-level application object to reach into and each test can build its own.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from creator_studio.core import paths as core_paths
from creator_studio.ui.runner import JobRunner
from creator_studio.ui.settings import UiSettings


@dataclass
class Paths:
    data: Path
    log: Path
    autosave: Path
    renders: Path

    @classmethod
    def from_env(cls) -> "Paths":
        renders = core_paths.data_dir() / "renders"
        renders.mkdir(parents=True, exist_ok=True)
        return cls(data=core_paths.data_dir(), log=core_paths.log_dir(),
                   autosave=core_paths.autosave_dir(), renders=renders)


@dataclass
class AppContext:
    settings: UiSettings
    runner: JobRunner
    paths: Paths
    current_user: Any = None
    _market: Any = field(default=None, repr=False)
    _market_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def create(cls, settings: UiSettings | None = None) -> "AppContext":
        return cls(settings=settings or UiSettings.load(), runner=JobRunner(),
                   paths=Paths.from_env())

    @property
    def language(self) -> str:
        return self.settings.language

    @property
    def market(self):
        """The market services adapter; opens (and upgrades) the database on first use."""
        with self._market_lock:  # first use may come from two worker threads at once
            if self._market is None:
                server = (self.settings.extra or {}).get("server_url", "")
                if server:  # team mode: the server holds the database, secrets and files
                    from creator_studio.core.market.http_client import HttpMarketClient

                    self._market = HttpMarketClient(server)
                    return self._market
                from creator_studio.ui.market.backend import MarketBackend

                self._market = MarketBackend(self.settings.database_url or None)
            return self._market

    def close(self) -> None:
        self.runner.shutdown()
        if self._market is not None:
            self._market.close()
            self._market = None
