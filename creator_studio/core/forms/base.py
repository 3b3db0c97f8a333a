"""The Format protocol, its registry, artifacts and the shared `manifest.json`."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import asdict, dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from creator_studio.core import atomic
from creator_studio.core.errors import StudioError
from creator_studio.core.jobs import Job

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "creator_studio.formats"
# The package layout lives in core.package_manifest so the norms and the market can read it
# without importing the renderers.
from creator_studio.core.package_manifest import (  # noqa: E402, F401
    LESSON_SNAPSHOT,
    MANIFEST,
    MANIFEST_SCHEMA,
    read_manifest,
)


@dataclass
class OptionSpec:
    """One user-settable option of a form (drives the CLI flags and the UI option widgets)."""

    name: str
    label_zh: str
    label_en: str
    default: Any = None
    choices: list[Any] | None = None
    type: str = "str"  # str | int | bool | float
    # value → (中文, English) shown for a choice; values not listed fall back to choice_label's
    # shared words ("auto" → 自动 …), theme labels for `theme`, then the value itself
    choice_labels: dict[Any, tuple[str, str]] | None = None
    # True when the form takes values beyond `choices` (they are suggestions, e.g. "960x540");
    # otherwise a value outside them is refused when options are resolved (core.forms.options)
    open_choices: bool = False


# Words many forms' choices share (#18: "both/auto/on/off" never reach the window raw).
COMMON_CHOICE_LABELS: dict[Any, tuple[str, str]] = {
    "auto": ("自动", "Automatic"), "on": ("开启", "On"), "off": ("关闭", "Off"),
    "always": ("总是", "Always"), "never": ("从不", "Never"), "none": ("无", "None"),
    "builtin": ("内置绘制", "Built-in drawing"), "libreoffice": ("LibreOffice", "LibreOffice"),
    "espeak": ("eSpeak 合成", "eSpeak synthesis"), "system": ("系统语音", "System voice"),
    "final": ("最终状态", "Final state"), "stack": ("逐步叠放", "Build steps stacked"),
}


def choice_label(spec: OptionSpec, value: Any, language: str) -> str:
    """The words a person sees for one choice of an option, in their language."""
    zh = language.startswith("zh")
    if spec.choice_labels and value in spec.choice_labels:
        return spec.choice_labels[value][0 if zh else 1]
    if spec.name == "theme" and isinstance(value, str):
        try:
            from creator_studio.core.themes import load_theme

            theme = load_theme(value)
            return (theme.label_zh if zh else theme.label_en) or value
        except Exception:  # noqa: BLE001 - an unknown theme still shows its name
            return value
    if spec.name == "image_format" and isinstance(value, str):
        return ("PNG 和 JPEG" if zh else "PNG and JPEG") if value == "both" else value.upper()
    if spec.name in ("width", "segment_height") and isinstance(value, int):
        return f"{value} 像素" if zh else f"{value} px"
    if value in COMMON_CHOICE_LABELS:
        return COMMON_CHOICE_LABELS[value][0 if zh else 1]
    return str(value)


@dataclass
class ArtifactFile:
    path: str  # relative to the output DIR, always forward slashes
    role: str  # "image", "pdf", "video", "captions", "html", "package", ...
    bytes: int = 0
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Artifact:
    """What a format produced, as the manifest records it and the norms check reads it."""

    form: str
    files: list[ArtifactFile] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)  # page_count, duration, tts_engine, ...
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"form": self.form, "files": [asdict(f) for f in self.files],
                "info": self.info, "warnings": self.warnings,
                "rendered_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


@runtime_checkable
class Format(Protocol):
    id: str
    label_zh: str
    label_en: str
    # optional: `order: int` places the form in lists (built-ins 10–40; default DEFAULT_ORDER)

    def options(self) -> list[OptionSpec]: ...

    def render(self, lesson, out: Path, opts: dict[str, Any], job: Job) -> Artifact: ...


def _load_registry() -> dict[str, Format]:
    found: dict[str, Format] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            cls = ep.load()
            fmt = cls() if isinstance(cls, type) else cls
        except Exception as exc:  # one broken plugin must not take the studio down
            log.warning("format plugin %s failed to load: %s: %s", ep.name, type(exc).__name__, exc)
            log.debug("plugin load failure", exc_info=True)
            continue
        found[fmt.id] = fmt
    return found


_REGISTRY: dict[str, Format] | None = None
_REGISTRY_LOCK = threading.Lock()  # the UI warms the registry on a worker; callers may race it


def available_formats(reload: bool = False) -> dict[str, Format]:
    global _REGISTRY
    with _REGISTRY_LOCK:
        if _REGISTRY is None or reload:
            _REGISTRY = _load_registry()
        return dict(_REGISTRY)


DEFAULT_ORDER = 100  # a plugin without `order` comes after the built-in forms, by id


@dataclass(frozen=True)
class FormInfo:
    """What every list of forms shows: the id, both labels and the place in the list.

    The one source of form names (#18): the market, the previews, the render panel and the
    certificate all read these, so a plugin form shows its own label, never its raw id.
    """

    id: str
    label_zh: str
    label_en: str
    order: int = DEFAULT_ORDER

    def label(self, language: str) -> str:
        return self.label_zh if language.startswith("zh") else self.label_en


def form_catalogue() -> list[FormInfo]:
    """Every registered form, in display order (`order`, then id). Loads the plugins once."""
    infos = [FormInfo(fid, getattr(f, "label_zh", fid) or fid, getattr(f, "label_en", fid) or fid,
                      int(getattr(f, "order", DEFAULT_ORDER)))
             for fid, f in available_formats().items()]
    return sorted(infos, key=lambda i: (i.order, i.id))


def get_format(form_id: str) -> Format:
    formats = available_formats()
    if form_id not in formats:
        raise StudioError(f"未知的课程形式：{form_id}（可用：{'、'.join(sorted(formats))}）",
                          f"Unknown course form {form_id!r} (available: {', '.join(sorted(formats))})",
                          code="UNKNOWN_FORM")
    return formats[form_id]


def update_manifest(out: Path, lesson, artifact: Artifact | None = None, *,
                    errors: dict[str, dict] | None = None) -> dict:
    """Merge one form's artifact (or error) into DIR/manifest.json, atomically."""
    data = read_manifest(out)
    data["schema"] = MANIFEST_SCHEMA
    data["lesson"] = {"title": lesson.title, **lesson.counts(),
                      "source": lesson.source.filename,
                      "business_line": lesson.meta.business_line,
                      "maker": lesson.meta.maker_name}
    if artifact is not None:
        data.setdefault("forms", {})[artifact.form] = artifact.to_dict()
        data.get("errors", {}).pop(artifact.form, None)
    for form, err in (errors or {}).items():
        data.setdefault("errors", {})[form] = err
        data.get("forms", {}).pop(form, None)
    atomic.write_json(Path(out) / MANIFEST, data)
    return data


def save_lesson_snapshot(lesson, out: Path) -> Path:
    """Keep the course model beside the rendered forms so the norms check can cite pages."""
    from creator_studio.core.lesson.serialize import dumps

    path = Path(out) / LESSON_SNAPSHOT
    atomic.write_text(path, dumps(lesson))
    return path


def render_forms(lesson, out: Path, forms: list[str], opts: dict[str, Any] | None = None,
                 job: Job | None = None) -> tuple[dict[str, Artifact], dict[str, StudioError]]:
    """Render several forms; one form failing (e.g. a skit with no dialogue) spares the others."""
    job = job or Job()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    done: dict[str, Artifact] = {}
    failed: dict[str, StudioError] = {}
    save_lesson_snapshot(lesson, out)
    from creator_studio.core.forms.options import resolve_for

    n = len(forms)
    for i, form in enumerate(forms):
        fmt = get_format(form)
        sub = job.sub(i, 1, n)
        try:
            # #18: options resolved once from the form's OptionSpecs (typed, checked) — a bad
            # value is this form's typed failure, before any drawing starts
            resolved = resolve_for(fmt, opts)
            art = fmt.render(lesson, out, resolved, sub)
        except StudioError as exc:
            if exc.code == "CANCELLED":
                raise
            failed[form] = exc
            update_manifest(out, lesson, errors={form: exc.to_dict()})
            continue
        done[form] = art
        update_manifest(out, lesson, art)
    return done, failed
