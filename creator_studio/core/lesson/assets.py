"""Content-addressed asset folder: a file's name is its hash, so re-importing never duplicates."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from creator_studio.core import atomic
from creator_studio.core.errors import StudioError

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


def _outside(name: str, why: str, why_zh: str) -> StudioError:
    return StudioError(
        f"课程项目引用了资源文件夹之外的文件（{name[:80]!r}：{why_zh}），已拒绝打开",
        f"The project refers to a file outside its assets folder ({name[:80]!r}: {why}); refused",
        code="ASSET_OUTSIDE_PROJECT", details={"asset": name[:200], "reason": why})


def resolve_asset(root: Path, name: str) -> Path:
    """The path of asset `name` under `root`, or `StudioError(ASSET_OUTSIDE_PROJECT)`.

    WHY: `course.json` is data a stranger can write (a project folder sent by e-mail, a package
    from the market). Joining its names unchecked let `../../home/me/.ssh/id_rsa` or
    `/etc/passwd` be copied into H5 media, both zips and the long image, and so leave the
    machine with the course. A name must be one plain path component, and once symlinks are
    followed the file must still be inside the (resolved) assets folder. The file need not
    exist: a missing asset stays a placeholder, as before.
    """
    if not isinstance(name, str) or not name:
        raise _outside(str(name), "empty or not text", "名称为空或不是文字")
    if any(c in name for c in "/\\:\0") or name in (".", ".."):
        raise _outside(name, "an asset name is one plain file name: no / \\ : NUL, not . or ..",
                       "资源名只能是一个文件名，不能含 / \\ : 或空字符，也不能是 . 或 ..")
    root = Path(root)
    path = root / name
    try:
        real_root = root.resolve()
        real = path.resolve()
    except (OSError, RuntimeError):  # symlink loop
        raise _outside(name, "unresolvable link", "无法解析的链接") from None
    if not real.is_relative_to(real_root):
        raise _outside(name, "a link pointing outside the assets folder", "链接指向资源文件夹之外")
    return path


def check_project_assets(lesson, folder: Path, assets_dir: Path) -> None:
    """Refuse a project whose assets folder or any referenced asset escapes `folder`."""
    try:
        inside = Path(assets_dir).resolve().is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise _outside(Path(assets_dir).name, "the assets folder is a link pointing outside the project",
                       "资源文件夹是指向项目之外的链接")
    for name in sorted(referenced_assets(lesson), key=str):
        resolve_asset(assets_dir, name)


def referenced_assets(lesson) -> set[str]:
    from creator_studio.core.lesson import model as m

    names: set[str] = set()
    for page in lesson.pages:
        names.update(x for x in (page.raster, page.narration_audio) if x)
        for b in page.all_blocks():  # also the blocks inside Columns
            if isinstance(b, m.Image):
                names.update(x for x in (b.asset, b.raster_asset) if x)
            elif isinstance(b, m.Chart) and b.raster_asset:  # chartex: PowerPoint's own picture
                names.add(b.raster_asset)
            elif isinstance(b, m.Media):
                names.update(x for x in (b.asset, b.poster_asset) if x)
    if lesson.script:
        names.update(c.avatar for c in lesson.script.cast if c.avatar)
        names.update(s.background for s in lesson.script.scenes
                     if s.background and not s.background.startswith("#"))
        names.update(ln.audio for s in lesson.script.scenes for ln in s.lines if ln.audio)  # recorded lines
    return names


def copy_assets(lesson, src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    for name in referenced_assets(lesson):
        s = resolve_asset(src, name)
        if s.is_file() and not (dst / name).exists():
            shutil.copy2(s, dst / name)
