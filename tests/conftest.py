"""Shared fixtures. Each area keeps its own fixtures in its own conftest.py below tests/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own user folders (database, logs, autosave): no test touches ~."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CREATOR_STUDIO_HOME", str(home))
    yield home


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def corpus_dir() -> Path:
    return CORPUS
