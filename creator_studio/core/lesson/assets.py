"""Content-addressed asset folder: a file's name is its hash, so re-importing never duplicates."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from creator_studio.core import atomic

_SAFE_EXT = re.compile(r"^\.[a-z0-9]{1,5}$")


def safe_ext(ext: str) -> str:
    """Extensions come from documents; keep only short alphanumerics (no path tricks)."""
    ext = (ext or "").lower()
    if not ext.startswith("."):
        ext = "." + ext
    return ext if _SAFE_EXT.match(ext) else ".bin"


class AssetStore:
    """`durable=False` skips the per-file fsync. Importers use it: fsync was the largest single
    cost of an import (0.7–4 ms per picture on a shared disk, benchmarks/import_bench.py), and
    imported assets are derived data the source can always re-create; `save_project` copies them
    into the project durably."""

    def __init__(self, root: Path, durable: bool = True) -> None:
        self.root = Path(root)
        self.durable = durable
        self.root.mkdir(parents=True, exist_ok=True)

    def put(self, data: bytes, ext: str) -> str:
        name = hashlib.sha256(data).hexdigest()[:32] + safe_ext(ext)
        path = self.root / name
        if not path.exists():
            atomic.write_bytes(path, data, fsync=self.durable)
        return name

    def put_file(self, src: Path, ext: str | None = None) -> str:
        return self.put(Path(src).read_bytes(), ext or Path(src).suffix)

    def path(self, name: str) -> Path:
        if "/" in name or "\\" in name or name.startswith("."):
            raise ValueError(f"bad asset name {name!r}")
        return self.root / name


def referenced_assets(lesson) -> set[str]:
    from creator_studio.core.lesson import model as m

    names: set[str] = set()
    for page in lesson.pages:
        names.update(x for x in (page.raster, page.narration_audio) if x)
        for b in page.blocks:
            if isinstance(b, m.Image):
                names.update(x for x in (b.asset, b.raster_asset) if x)
            elif isinstance(b, m.Media):
                names.update(x for x in (b.asset, b.poster_asset) if x)
    if lesson.script:
        names.update(c.avatar for c in lesson.script.cast if c.avatar)
        names.update(s.background for s in lesson.script.scenes
                     if s.background and not s.background.startswith("#"))
    return names


def copy_assets(lesson, src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for name in referenced_assets(lesson):
        s = src / name
        if s.is_file() and not (dst / name).exists():
            shutil.copy2(s, dst / name)
