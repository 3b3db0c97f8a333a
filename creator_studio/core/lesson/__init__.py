"""The course model (Lesson → Pages → Blocks, Quiz, Script) and its project folder."""

from creator_studio.core.lesson.model import *  # noqa: F401,F403
from creator_studio.core.lesson.model import SCHEMA_VERSION, Lesson  # noqa: F401
from creator_studio.core.lesson.serialize import (  # noqa: F401
    dumps,
    lesson_from_dict,
    lesson_to_dict,
    load_project,
    loads,
    save_project,
)
