"""The file names and manifest of a rendered course package, shared by forms, norms and market.

A package folder holds ``manifest.json`` (what each form produced) and ``course.json`` (the lesson
snapshot). The renderers write them (`core.forms`), the norms check and the market read them; this
small module lets the readers know the layout without importing the renderers (the team server
runs the market and the norms, never a renderer).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
LESSON_SNAPSHOT = "course.json"
MANIFEST_SCHEMA = 1


def read_manifest(out: Path) -> dict:
    """The package's manifest, or a fresh empty one when it is missing or damaged."""
    path = Path(out) / MANIFEST
    if path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            log.warning("manifest %s damaged; starting a new one", path)
    return {"schema": MANIFEST_SCHEMA, "lesson": {}, "forms": {}}
