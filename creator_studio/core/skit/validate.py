"""Script validation: each finding names the scene and line it is about, in 中文 and English.

Errors block rendering (the form raises `ValidationError` carrying every finding); warnings are
reported in the artifact but do not stop the render. Line numbers are 1-based as a maker counts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from creator_studio.core.errors import ValidationError
from creator_studio.core.lesson.model import Scene, Script


@dataclass
class Finding:
    code: str
    severity: str  # "error" | "warning"
    message_zh: str
    message_en: str
    scene: str | None = None  # Scene.id
    line: int | None = None  # 1-based index in scene.lines
    option: int | None = None  # 1-based index in scene.decision.options

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def one_line(self) -> str:
        return f"[{self.code}] {self.message_zh} / {self.message_en}"

    def to_dict(self) -> dict:
        return asdict(self)


def _where_zh(scene: Scene, line: int | None = None, option: int | None = None) -> str:
    name = f"场景「{scene.title}」" if scene.title else f"场景 {scene.id}"
    if line is not None:
        return f"{name}第 {line} 句"
    if option is not None:
        return f"{name}的选项 {option}"
    return name


def _where_en(scene: Scene, line: int | None = None, option: int | None = None) -> str:
    name = f"scene '{scene.title}' ({scene.id})" if scene.title else f"scene {scene.id}"
    if line is not None:
        return f"{name}, line {line}"
    if option is not None:
        return f"{name}, option {option}"
    return name


def _targets(scene: Scene) -> list[str | None]:
    """Where a scene can lead; None means the scenario ends there."""
    if scene.decision is not None and scene.decision.options:
        return [c.next_scene for c in scene.decision.options]
    if scene.decision is not None:  # a decision without options: nowhere to go (reported)
        return []
    return [scene.next_scene]


def validate_script(script: Script) -> list[Finding]:
    """Every problem found in `script`, errors first in scene order, then warnings."""
    out: list[Finding] = []
    if not script.scenes:
        out.append(Finding("NO_SCENES", "error", "剧本没有任何场景", "The script has no scenes"))
        return out

    ids: dict[str, Scene] = {}
    for s in script.scenes:
        if s.id in ids:
            out.append(Finding("DUPLICATE_SCENE", "error",
                               f"场景编号“{s.id}”重复，跳转会指向错误的场景",
                               f"Scene id {s.id!r} is used twice; jumps would be ambiguous",
                               scene=s.id))
        ids.setdefault(s.id, s)

    start = script.start_scene
    if start is not None and start not in ids:
        out.append(Finding("MISSING_START", "error",
                           f"开始场景“{start}”不存在",
                           f"The start scene {start!r} does not exist"))
        start = None
    if start is None:
        start = script.scenes[0].id

    cast_ids = {c.id for c in script.cast}
    for s in script.scenes:
        for i, line in enumerate(s.lines, 1):
            if line.speaker not in cast_ids:
                out.append(Finding("UNKNOWN_SPEAKER", "error",
                                   f"{_where_zh(s, i)}：说话人“{line.speaker}”不在角色表中",
                                   f"{_where_en(s, i)}: speaker {line.speaker!r} is not in the cast",
                                   scene=s.id, line=i))
            if not (line.text or "").strip():
                out.append(Finding("EMPTY_LINE", "warning",
                                   f"{_where_zh(s, i)}：台词为空，将被跳过",
                                   f"{_where_en(s, i)}: the line is empty and will be skipped",
                                   scene=s.id, line=i))
        if s.decision is not None:
            if not s.decision.options:
                out.append(Finding("EMPTY_DECISION", "error",
                                   f"{_where_zh(s)}：选择题没有任何选项",
                                   f"{_where_en(s)}: the decision has no options",
                                   scene=s.id))
            for k, c in enumerate(s.decision.options, 1):
                if not (c.text or "").strip():
                    out.append(Finding("EMPTY_OPTION", "error",
                                       f"{_where_zh(s, option=k)}：选项文字为空",
                                       f"{_where_en(s, option=k)}: the option has no text",
                                       scene=s.id, option=k))
                if c.next_scene is not None and c.next_scene not in ids:
                    out.append(Finding("UNKNOWN_NEXT", "error",
                                       f"{_where_zh(s, option=k)}：跳转目标“{c.next_scene}”不存在",
                                       f"{_where_en(s, option=k)}: jump target {c.next_scene!r} "
                                       "does not exist",
                                       scene=s.id, option=k))
        elif s.next_scene is not None and s.next_scene not in ids:
            out.append(Finding("UNKNOWN_NEXT", "error",
                               f"{_where_zh(s)}：下一场景“{s.next_scene}”不存在",
                               f"{_where_en(s)}: next scene {s.next_scene!r} does not exist",
                               scene=s.id))
        if not s.lines and s.decision is None:
            out.append(Finding("EMPTY_SCENE", "warning",
                               f"{_where_zh(s)}：没有台词也没有选择",
                               f"{_where_en(s)}: no lines and no decision", scene=s.id))

    # Reachability from the start scene.
    reach: list[str] = []
    seen = {start}
    todo = [start]
    while todo:
        sid = todo.pop()
        reach.append(sid)
        for t in _targets(ids[sid]):
            if t is not None and t in ids and t not in seen:
                seen.add(t)
                todo.append(t)
    for s in script.scenes:
        if s.id not in seen:
            out.append(Finding("UNREACHABLE_SCENE", "warning",
                               f"{_where_zh(s)}：从开始场景无法到达",
                               f"{_where_en(s)}: cannot be reached from the start scene",
                               scene=s.id))

    # Scenes that can reach an end, computed backwards to a fixed point. Broken exits (unknown
    # targets, empty decisions) already have their own finding, so they count as exits here:
    # what remains is a true cycle.
    def exits(s: Scene) -> bool:
        ts = _targets(s)
        return not ts or any(t is None or t not in ids for t in ts)

    can_end = {sid for sid, s in ids.items() if exits(s)}
    changed = True
    while changed:
        changed = False
        for sid, s in ids.items():
            if sid not in can_end and any(t in can_end for t in _targets(s)):
                can_end.add(sid)
                changed = True
    trapped = [s for s in script.scenes if s.id in seen and s.id not in can_end]
    if trapped:
        names_zh = "、".join(f"「{s.title or s.id}」" for s in trapped)
        names_en = ", ".join(repr(s.title or s.id) for s in trapped)
        first = trapped[0]
        out.append(Finding("CYCLE_NO_EXIT", "error",
                           f"场景 {names_zh} 构成循环，没有任何出口可以结束剧情",
                           f"Scenes {names_en} form a cycle with no way to end the scenario",
                           scene=first.id))

    out.sort(key=lambda f: 0 if f.is_error else 1)
    return out


def check_script(script: Script) -> list[Finding]:
    """Raise `ValidationError` listing every error; return the (non-blocking) warnings."""
    findings = validate_script(script)
    errors = [f for f in findings if f.is_error]
    if errors:
        head = errors[0]
        more_zh = f"（另有 {len(errors) - 1} 个问题）" if len(errors) > 1 else ""
        more_en = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ValidationError(f"剧本有误：{head.message_zh}{more_zh}",
                              f"Script error: {head.message_en}{more_en}",
                              code="SCRIPT_INVALID",
                              details={"findings": [f.to_dict() for f in findings]})
    return findings
