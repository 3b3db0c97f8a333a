"""Fixtures for the long-image form; sample builders live in long_image_samples.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from long_image_samples import all_blocks_lesson  # noqa: E402

from creator_studio.core.lesson import model as m  # noqa: E402


@pytest.fixture
def lesson(tmp_path) -> m.Lesson:
    return all_blocks_lesson(tmp_path / "assets")
