"""JSON round trip of the course model, and the project folder (`course.json` + `assets/`).

Serialisation is explicit per type rather than `dataclasses.asdict`, because blocks are
polymorphic (a `kind` discriminator) and a loader must reject documents from a newer schema.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from pathlib import Path
from typing import Any

from creator_studio.core import atomic
from creator_studio.core.errors import StudioError
from creator_studio.core.lesson import model as m

COURSE_FILE = "course.json"
ASSETS_DIR = "assets"
# Lesson fields that only make sense in this process (paths on this machine): never in JSON.
_RUNTIME_FIELDS = frozenset({"asset_root", "source_path"})


def _encode(obj: Any) -> Any:
    if isinstance(obj, m.Block):
        d = {"kind": obj.kind}
        d.update({f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)})
        return d
    if dataclasses.is_dataclass(obj):
        return {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if f.name not in _RUNTIME_FIELDS}
    if isinstance(obj, list):
        return [_encode(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _encode(v) for k, v in obj.items()}
    return obj


def lesson_to_dict(lesson: m.Lesson) -> dict:
    return _encode(lesson)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, vars(m))
    return _HINTS[cls]


def _decode_value(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return _decode_value(args[0], value)
        return value
    if origin is list:
        (inner,) = typing.get_args(tp) or (Any,)
        return [_decode_value(inner, v) for v in value]
    if origin is dict:
        return dict(value)
    if tp is m.Block:
        return _decode_block(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, value)
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def _decode_dataclass(cls: type, data: dict) -> Any:
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in _RUNTIME_FIELDS or f.name not in data:
            continue
        kwargs[f.name] = _decode_value(hints[f.name], data[f.name])
    return cls(**kwargs)


def _decode_block(data: dict) -> m.Block:
    kind = data.get("kind")
    cls = m.BLOCK_TYPES.get(kind)
    if cls is None:
        # Keep unknown future blocks visible rather than dropping content silently.
        return m.Note(text=json.dumps(data, ensure_ascii=False), label=f"unknown:{kind}")
    return _decode_dataclass(cls, {k: v for k, v in data.items() if k != "kind"})


def lesson_from_dict(data: dict) -> m.Lesson:
    version = int(data.get("schema_version", 1))
    if version > m.SCHEMA_VERSION:
        raise StudioError(
            f"课程文件版本 {version} 比本软件支持的 {m.SCHEMA_VERSION} 新，请升级创客工作室",
            f"course.json schema {version} is newer than supported {m.SCHEMA_VERSION}; "
            "please update Creator Studio",
            code="SCHEMA_TOO_NEW",
        )
    lesson = _decode_dataclass(m.Lesson, data)
    lesson.schema_version = m.SCHEMA_VERSION
    _default_visual_modes(lesson, data)
    return lesson


def _default_visual_modes(lesson: m.Lesson, data: dict) -> None:
    """Files written before pages had a visual mode: Word pages reflow; slides get the choice
    the classifier makes from the blocks alone (the shape geometry is no longer available)."""
    if lesson.source.kind != "pptx":
        return
    raw_pages = data.get("pages") or []
    for page, raw in zip(lesson.pages, raw_pages):
        if isinstance(raw, dict) and "visual_mode" not in raw:
            from creator_studio.core.importers.pptx_parts.visual_mode import classify_blocks

            mode, reasons = classify_blocks(page)
            page.visual_mode = page.visual_mode_auto = mode
            page.visual_reasons = reasons


def dumps(lesson: m.Lesson) -> str:
    return json.dumps(lesson_to_dict(lesson), ensure_ascii=False, indent=1)


def loads(text: str) -> m.Lesson:
    return lesson_from_dict(json.loads(text))


def save_project(lesson: m.Lesson, folder: Path) -> Path:
    """Write `course.json` atomically; assets are already in `folder/assets` (content-addressed)."""
    folder = Path(folder)
    (folder / ASSETS_DIR).mkdir(parents=True, exist_ok=True)
    if lesson.asset_root and Path(lesson.asset_root).resolve() != (folder / ASSETS_DIR).resolve():
        from creator_studio.core.lesson.assets import copy_assets

        copy_assets(lesson, Path(lesson.asset_root), folder / ASSETS_DIR)
        lesson.asset_root = folder / ASSETS_DIR
    atomic.write_text(folder / COURSE_FILE, dumps(lesson))
    return folder / COURSE_FILE


def load_project(folder: Path) -> m.Lesson:
    folder = Path(folder)
    path = folder / COURSE_FILE
    try:
        lesson = loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StudioError(f"找不到课程项目：{folder}", f"No course project at {folder}",
                          code="PROJECT_NOT_FOUND") from None
    except (json.JSONDecodeError, TypeError, KeyError) as exc:
        raise StudioError("课程项目文件已损坏，无法读取", f"course.json is damaged: {exc}",
                          code="PROJECT_DAMAGED") from None
    from creator_studio.core.lesson.assets import check_project_assets

    try:
        check_project_assets(lesson, folder, folder / ASSETS_DIR)
    except TypeError as exc:  # an asset "name" that is a list/dict: not a course we wrote
        raise StudioError("课程项目文件已损坏，无法读取", f"course.json is damaged: {exc}",
                          code="PROJECT_DAMAGED") from None
    lesson.asset_root = folder / ASSETS_DIR
    return lesson
