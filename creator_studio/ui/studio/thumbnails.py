"""Real slide thumbnails for the studio's page list (#18).

The pictures come from the same pipeline the forms use for slides (`core.media.raster.rasterize`
with slide pictures on: the page's stored slide picture, else LibreOffice's rendering of the
deck, else the built-in slide drawing), made small, on the job runner, after the project opens.
They are cached under the user cache folder by deck (path, size, time) and pages, so reopening
a course shows them at once. Until they arrive — and for a drawn page whose text was edited
since — the list shows the quick drawing of the page (the placeholder).
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

THUMB_PIXELS = QSize(352, 198)  # 2× the list's thumbnail: sharp on high-DPI screens


def content_key(page) -> tuple:
    from creator_studio.ui.studio.commands import block_text

    return (page.title, page.raster, tuple(block_text(b) or "" for b in page.blocks))


def cache_root() -> Path:
    from creator_studio.core import paths

    return paths.cache_dir() / "slide-thumbnails"


def cache_key(lesson, pages) -> str:
    src = getattr(lesson, "source_path", None)
    h = hashlib.sha1()
    if src and Path(src).is_file():
        st = Path(src).stat()
        h.update(f"{Path(src).resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    for p in pages:
        h.update(f"|{p.id}:{p.source_index}:{p.raster}:{getattr(p, 'visual_mode', '')}".encode())
        if not src:  # drawn pages: their text is the picture
            h.update(repr(content_key(p)).encode())
    h.update(f"|{THUMB_PIXELS.width()}x{THUMB_PIXELS.height()}".encode())
    return h.hexdigest()[:20]


def make_thumbnails(lesson, pages, out_dir: Path, job=None) -> dict:
    """{page_id: (png path, fixed?)} for `pages` — worker thread; reads a copy of the lesson.

    `fixed` marks pictures of the deck's own slide (LibreOffice or a stored slide picture): they
    stay right when the page's text is edited; drawn ones are tied to the text they were drawn
    from.
    """
    from creator_studio.core.media import raster

    manifest = out_dir / "thumbnails.json"
    if manifest.is_file():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            found = {pid: (out_dir / v["file"], bool(v["fixed"])) for pid, v in data.items()}
            if all(path.is_file() for path, _f in found.values()):
                return found
        except (OSError, ValueError, KeyError, TypeError):
            log.info("thumbnail cache unreadable; redrawing", exc_info=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    size = (THUMB_PIXELS.width(), THUMB_PIXELS.height())
    res = raster.rasterize(lesson, getattr(lesson, "source_path", None), size, job, pages=pages,
                           out_dir=out_dir, slide_pictures="always")
    deck_slides = "libreoffice" in res.backend or "stored" in res.backend
    found = {}
    for page, path in zip(pages, res.images, strict=False):
        fixed = bool(page.raster) or (deck_slides and "builtin" not in Path(path).name
                                      and page.source_index is not None)
        found[page.id] = (Path(path), fixed)
    manifest.write_text(json.dumps({pid: {"file": str(p.relative_to(out_dir)), "fixed": f}
                                    for pid, (p, f) in found.items()}), encoding="utf-8")
    return found


class SlideThumbnails(QObject):
    """Renders a project's thumbnails in the background and hands them to the page model."""

    ready = Signal(int)  # pictures delivered

    def __init__(self, runner, parent=None, root: Path | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.root = root
        self.handle = None
        self.model = None

    def start(self, lesson, model):
        """Thumbnails of `lesson`'s visible pages for `model` (a PageListModel)."""
        if self.handle is not None and not self.handle.done:
            self.handle.cancel()
        self.model = model
        pages = list(lesson.visible_pages()) if hasattr(lesson, "visible_pages") else \
            list(lesson.pages)
        if not pages:
            return None
        snapshot = copy.deepcopy(lesson)  # the worker never reads what the editor is changing
        snap_pages = [next(p for p in snapshot.pages if p.id == q.id) for q in pages]
        out = (self.root or cache_root()) / cache_key(lesson, pages)
        keys = {p.id: content_key(p) for p in pages}

        def work(job):
            found = make_thumbnails(snapshot, snap_pages, out, job)
            return {pid: (QImage(str(path)), fixed) for pid, (path, fixed) in found.items()}

        h = self.runner.run(work, label="thumbnails")
        self.handle = h

        def deliver(result) -> None:
            if self.model is not model:
                return  # another project meanwhile
            good = {pid: (img, fixed, keys[pid]) for pid, (img, fixed) in result.items()
                    if not img.isNull() and pid in keys}
            model.set_pictures(good)
            self.ready.emit(len(good))

        h.succeeded.connect(deliver)
        h.failed.connect(lambda exc: log.info("slide thumbnails unavailable: %s", exc))
        return h
