"""What the studio remembers about a project beside the course itself (#18 defect 6).

`studio.json` sits next to `course.json` in a project folder: the options the maker chose for
each form and, per form, the last render — where its files are and their SHA-256 — so a reopened
project shows its previews again (once the files are checked unchanged) and renders with the same
options. It is kept apart from `course.json` on purpose: the course model is copied into every
delivered package, and local output paths have no business there.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from creator_studio.core import atomic

log = logging.getLogger(__name__)

STATE_FILE = "studio.json"
STATE_SCHEMA = 1


@dataclass
class RenderedFile:
    path: str  # relative to the render folder, forward slashes
    sha256: str
    bytes: int


@dataclass
class RenderRecord:
    """One form's last render: the folder, its files with their hashes, and the options used."""

    form: str
    out_dir: str
    files: list[RenderedFile] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    rendered_at: str = ""

    def check(self) -> str:
        """"ok", "missing" (a file is gone) or "changed" (a file's content differs)."""
        root = Path(self.out_dir)
        for f in self.files:
            p = root / f.path
            if not p.is_file():
                return "missing"
            if p.stat().st_size != f.bytes or file_sha256(p) != f.sha256:
                return "changed"
        return "ok" if self.files else "missing"


@dataclass
class StudioState:
    form_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    selected_forms: list[str] = field(default_factory=list)
    renders: dict[str, RenderRecord] = field(default_factory=dict)  # form id → last render

    def to_dict(self) -> dict:
        return {"schema": STATE_SCHEMA, "form_options": self.form_options,
                "selected_forms": self.selected_forms,
                "renders": {k: asdict(v) for k, v in self.renders.items()}}

    @classmethod
    def from_dict(cls, data: dict) -> "StudioState":
        renders = {}
        for form, r in (data.get("renders") or {}).items():
            try:
                renders[form] = RenderRecord(
                    form=str(r["form"]), out_dir=str(r["out_dir"]),
                    files=[RenderedFile(str(f["path"]), str(f["sha256"]), int(f["bytes"]))
                           for f in r.get("files", [])],
                    options=dict(r.get("options") or {}), rendered_at=str(r.get("rendered_at", "")))
            except (KeyError, TypeError, ValueError):
                log.warning("studio.json: render record of %s unreadable, ignored", form)
        opts = data.get("form_options") or {}
        return cls({str(k): dict(v) for k, v in opts.items() if isinstance(v, dict)},
                   [str(f) for f in data.get("selected_forms") or []], renders)

    def render_dirs(self) -> list[str]:
        """Render folders whose records are present, most recent first."""
        recs = sorted(self.renders.values(), key=lambda r: r.rendered_at, reverse=True)
        out: list[str] = []
        for r in recs:
            if r.out_dir not in out:
                out.append(r.out_dir)
        return out


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def record_render(out_dir: Path, form: str, options: dict[str, Any]) -> RenderRecord | None:
    """The record of `form` as rendered into `out_dir` (from its manifest entry), hashed now."""
    out_dir = Path(out_dir)
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    entry = (manifest.get("forms") or {}).get(form)
    if not entry:
        return None
    files = []
    for f in entry.get("files", []):
        p = out_dir / f["path"]
        if p.is_file():
            files.append(RenderedFile(f["path"], file_sha256(p), p.stat().st_size))
    return RenderRecord(form, str(out_dir), files, dict(options),
                        entry.get("rendered_at") or time.strftime("%Y-%m-%dT%H:%M:%S"))


def load_state(folder: Path) -> StudioState:
    """The project's studio state; an absent or damaged file is an empty state (never fatal:
    the course itself is what matters)."""
    path = Path(folder) / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return StudioState()
    except (OSError, json.JSONDecodeError) as exc:
        log.warning("studio.json unreadable (%s): starting with default options", exc)
        return StudioState()
    return StudioState.from_dict(data) if isinstance(data, dict) else StudioState()


def save_state(folder: Path, state: StudioState) -> Path:
    path = Path(folder) / STATE_FILE
    Path(folder).mkdir(parents=True, exist_ok=True)
    atomic.write_json(path, state.to_dict())
    return path
