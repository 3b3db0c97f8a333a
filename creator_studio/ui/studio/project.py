"""One open authoring project: the lesson, its undo stack, autosave and crash recovery.

The working copy lives in `paths.autosave_dir()/<id>/` (course.json + assets/ + session.json).
Imports write their assets straight there, autosave rewrites course.json through
`save_project`, and a clean close (saved or deliberately discarded) removes the folder. A folder
left behind therefore means the studio did not close cleanly — the next start offers it back.
"""

from __future__ import annotations

import copy
import json
import logging
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from creator_studio.core import atomic
from creator_studio.core.lesson import Lesson, load_project, save_project
from creator_studio.core.lesson.studio_state import StudioState, load_state, save_state

log = logging.getLogger(__name__)

SESSION_FILE = "session.json"


def new_project_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]


@dataclass
class Recoverable:
    folder: Path
    title: str
    updated: str
    saved_to: str | None


def find_recoverable(autosave_root: Path) -> list[Recoverable]:
    """Autosaved projects left behind by a session that did not close cleanly, newest first."""
    out = []
    for d in sorted(Path(autosave_root).glob("*/")):
        meta = d / SESSION_FILE
        if not (d / "course.json").is_file() or not meta.is_file():
            continue
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if info.get("autosaved"):
            out.append(Recoverable(d, info.get("title", ""), info.get("updated", ""),
                                   info.get("saved_to")))
    out.sort(key=lambda r: r.updated, reverse=True)
    return out


class StudioProject(QObject):
    """Signals tell views what changed; every edit goes through `undo_stack`."""

    page_changed = Signal(str)  # page id (title/text/narration/duration)
    pages_reset = Signal()
    quiz_changed = Signal()
    script_changed = Signal()
    dirty_changed = Signal(bool)
    autosaved = Signal(str)

    def __init__(self, lesson: Lesson, work_dir: Path, *, saved_to: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lesson = lesson
        self.work_dir = Path(work_dir)
        self.id = self.work_dir.name
        self.saved_to = saved_to
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._autosaved_index = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.autosave_if_needed)
        # Form options and render records (#18 defect 6): saved beside course.json as studio.json
        self.studio_state: StudioState = StudioState()

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def new_work_dir(cls, autosave_root: Path) -> Path:
        d = Path(autosave_root) / new_project_id()
        (d / "assets").mkdir(parents=True, exist_ok=True)
        return d

    @classmethod
    def recover(cls, rec: Recoverable, parent: QObject | None = None) -> "StudioProject":
        lesson = load_project(rec.folder)
        proj = cls(lesson, rec.folder, saved_to=Path(rec.saved_to) if rec.saved_to else None,
                   parent=parent)
        proj.studio_state = load_state(rec.folder)
        proj.recovered = True
        return proj

    @classmethod
    def open_folder(cls, folder: Path, autosave_root: Path,
                    parent: QObject | None = None) -> "StudioProject":
        """Open a saved project: work on a copy in the autosave area, save back on request."""
        lesson = load_project(folder)
        work = cls.new_work_dir(autosave_root)
        save_project(lesson, work)  # copies assets, re-points asset_root at the working copy
        proj = cls(lesson, work, saved_to=Path(folder), parent=parent)
        proj.studio_state = load_state(folder)
        save_state(work, proj.studio_state)
        return proj

    recovered = False

    # -- state ---------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def page(self, page_id: str):
        return next((p for p in self.lesson.pages if p.id == page_id), None)

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    # -- autosave ------------------------------------------------------------------------------
    def start_autosave(self, seconds: int) -> None:
        self.timer.start(max(1, int(seconds)) * 1000)

    def autosave_if_needed(self) -> bool:
        if self.undo_stack.index() == self._autosaved_index and (self.work_dir / "course.json").exists():
            return False
        self.autosave()
        return True

    def autosave(self) -> Path:
        """Write the working copy now. A shallow copy keeps `lesson.asset_root` untouched."""
        snap = copy.copy(self.lesson)
        path = save_project(snap, self.work_dir)
        save_state(self.work_dir, self.studio_state)
        self._write_session(autosaved=True)
        self._autosaved_index = self.undo_stack.index()
        self.autosaved.emit(str(path))
        return path

    def _write_session(self, autosaved: bool) -> None:
        atomic.write_json(self.work_dir / SESSION_FILE, {
            "id": self.id, "title": self.lesson.title, "autosaved": autosaved,
            "updated": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "saved_to": str(self.saved_to) if self.saved_to else None,
        })

    # -- save / close --------------------------------------------------------------------------
    def save_to(self, folder: Path) -> Path:
        snap = copy.copy(self.lesson)
        path = save_project(snap, Path(folder))
        save_state(Path(folder), self.studio_state)
        self.saved_to = Path(folder)
        self.undo_stack.setClean()
        self._write_session(autosaved=True)
        return path

    def store_studio_state(self) -> None:
        """Write studio.json now, in the working copy and, once saved, in the project folder:
        options and render records are facts about outputs, not edits to undo, so they do not
        wait for the next "Save" (reopening must find them even if the course was not edited)."""
        save_state(self.work_dir, self.studio_state)
        if self.saved_to is not None and (Path(self.saved_to) / "course.json").is_file():
            save_state(Path(self.saved_to), self.studio_state)

    def close_clean(self) -> None:
        """The user saved or chose to discard: nothing to recover, remove the working copy."""
        self.timer.stop()
        shutil.rmtree(self.work_dir, ignore_errors=True)
