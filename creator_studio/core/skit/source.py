"""Where the skit form gets its script: the lesson's own, else a script table in the lesson."""

from __future__ import annotations

from creator_studio.core.errors import RenderError
from creator_studio.core.lesson.model import Lesson, Script
from creator_studio.core.skit.table import script_from_lesson_tables


class NoDialogueError(RenderError):
    code = "NO_DIALOGUE"

    def __init__(self) -> None:
        super().__init__(
            "这份课程里没有对话：情景剧需要“角色：台词”形式的对白，或含“角色 | 台词”表头的剧本表格",
            "This course has no dialogue: a skit needs 'Speaker: line' dialogue or a script table "
            "with speaker and line columns",
        )


def find_script(lesson: Lesson) -> Script | None:
    if lesson.script is not None and (lesson.script.line_count > 0
                                      or any(s.decision for s in lesson.script.scenes)):
        return lesson.script
    return script_from_lesson_tables(lesson)


def ensure_script(lesson: Lesson) -> Script:
    """The lesson's script; a script table is converted (and kept as `lesson.script`) if needed."""
    script = find_script(lesson)
    if script is None or script.line_count == 0 and not any(s.decision for s in script.scenes):
        raise NoDialogueError()
    lesson.script = script
    return script
