"""Skit (情景剧) scripts: validation, best path, table import, avatars, voices, shots, chat image.

The `skit` form (`creator_studio.core.forms.skit`) renders from these; the studio editor reuses the
validation so a maker sees the same messages while editing.
"""

from creator_studio.core.skit.validate import (  # noqa: F401
    Finding,
    check_script,
    validate_script,
)
from creator_studio.core.skit.paths import PathStep, best_path, resolve_start  # noqa: F401
