"""Norm sets as data. Staff edit JSON (through the UI or a file); code only knows rule kinds."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from creator_studio.core.errors import ValidationError

Severity = Literal["fail", "warn"]

# kind → (required params, what it checks). The checker in check.py implements each kind.
RULE_KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "title_length": (("min", "max"), "course title length in characters"),
    "cover_present": ((), "long image has a cover banner / video has a title card"),
    "video_duration": (("min_s", "max_s"), "video length range in seconds"),
    "video_resolution": (("min_height",), "minimum video height in pixels"),
    "video_codec": (("codec",), "video codec name as ffprobe reports it"),
    "long_image_width": (("allowed",), "allowed long-image widths"),
    "long_image_segments": (("max",), "maximum number of long-image parts"),
    "min_questions": (("min",), "minimum quiz questions"),
    "file_size_cap": (("max_bytes",), "per-form byte cap for each file"),
    "forbidden_words": (("words",), "wording that must not appear anywhere"),
    "required_text": (("any_of",), "text of which at least one must appear"),
    "audio_silence": (("max_silent_fraction",), "share of 1-s windows of a video's audio that may be silent"),
    "no_placeholder_text": (("strings",), "placeholder or internal text that must not reach a buyer"),
    "video_page_length": (("max_s",), "maximum length of one video page (screen recording) in seconds"),
    "recorded_loudness": (("min_lufs", "max_lufs"),
                          "integrated loudness window of each recorded page, measured in the video"),
}


@dataclass
class NormRule:
    id: str
    kind: str
    severity: Severity = "fail"
    params: dict[str, Any] = field(default_factory=dict)
    forms: list[str] | None = None  # None → the whole package
    zh: str = ""
    en: str = ""

    def applies_to(self, form: str) -> bool:
        return self.forms is None or form in self.forms


@dataclass
class NormSet:
    id: str
    version: int
    rules: list[NormRule]
    title_zh: str = ""
    title_en: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def normset_from_dict(data: dict) -> NormSet:
    """Validate staff-written JSON: unknown kinds or missing params are refused with the rule id."""
    try:
        rules = []
        for raw in data["rules"]:
            rule = NormRule(id=str(raw["id"]), kind=str(raw["kind"]),
                            severity=raw.get("severity", "fail"), params=dict(raw.get("params", {})),
                            forms=raw.get("forms"), zh=raw.get("zh", ""), en=raw.get("en", ""))
            if rule.kind not in RULE_KINDS:
                raise ValidationError(f"规范规则 {rule.id} 的类型 {rule.kind} 未知",
                                      f"Norm rule {rule.id}: unknown kind {rule.kind!r}",
                                      code="NORMS_INVALID")
            missing = [p for p in RULE_KINDS[rule.kind][0] if p not in rule.params]
            if missing:
                raise ValidationError(f"规范规则 {rule.id} 缺少参数：{'、'.join(missing)}",
                                      f"Norm rule {rule.id} misses parameters: {', '.join(missing)}",
                                      code="NORMS_INVALID")
            if rule.severity not in ("fail", "warn"):
                raise ValidationError(f"规范规则 {rule.id} 的严重级别无效",
                                      f"Norm rule {rule.id}: severity must be fail or warn",
                                      code="NORMS_INVALID")
            rules.append(rule)
        ids = [r.id for r in rules]
        if len(set(ids)) != len(ids):
            raise ValidationError("规范规则编号重复", "Duplicate norm rule ids", code="NORMS_INVALID")
        return NormSet(id=str(data["id"]), version=int(data["version"]), rules=rules,
                       title_zh=data.get("title_zh", ""), title_en=data.get("title_en", ""))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError("规范文件格式不正确", f"Malformed norm set: {exc}",
                              code="NORMS_INVALID") from None


def load_normset(path: Path) -> NormSet:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValidationError(f"无法读取规范文件：{path}", f"Cannot read norm set {path}: {exc}",
                              code="NORMS_INVALID") from None
    return normset_from_dict(data)


def default_normset() -> NormSet:
    text = resources.files("creator_studio.resources").joinpath("norms/default.json").read_text("utf-8")
    return normset_from_dict(json.loads(text))
