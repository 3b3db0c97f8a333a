"""The window's own settings (language, database URL, window geometry) as plain JSON.

Kept apart from QSettings on purpose: a file a person can read and fix, no pickled Qt state, and
tests point it at a temporary folder through `CREATOR_STUDIO_HOME` like every other user folder.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from creator_studio.core import atomic
from creator_studio.core.paths import config_dir

log = logging.getLogger(__name__)

SETTINGS_FILE = "ui-settings.json"
LANGUAGES = ("zh_CN", "en")


@dataclass
class UiSettings:
    language: str = "zh_CN"
    database_url: str = ""  # empty → the embedded SQLite file in the user data folder
    autosave_seconds: int = 30
    last_user: str = ""
    geometry: str = ""  # QMainWindow.saveGeometry() as hex, only for restoring the window
    extra: dict = field(default_factory=dict)

    @classmethod
    def path(cls) -> Path:
        return config_dir() / SETTINGS_FILE

    @classmethod
    def load(cls) -> "UiSettings":
        p = cls.path()
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, json.JSONDecodeError):
            log.warning("settings file %s unreadable; using defaults", p)
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        s = cls(**known)
        if s.language not in LANGUAGES:
            s.language = "zh_CN"
        return s

    def save(self) -> None:
        atomic.write_json(self.path(), asdict(self))
