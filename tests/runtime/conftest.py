"""Fixtures for running the H5 packages in real runtimes: scorm-again (SCORM 1.2) and an xAPI LRS
(cmi5), both driven by Debian's Chromium through Playwright. tests/runtime is put on sys.path so
the test modules can import `runtime_helpers` and `xapi_lrs` by name."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def h5_out(tmp_path_factory):
    """One H5 render (lesson with a quiz) shared by the module: folder + both zips."""
    from runtime_helpers import make_lesson

    from creator_studio.core.forms.h5 import H5Format
    from creator_studio.core.jobs import Job

    root = tmp_path_factory.mktemp("runtime")
    lesson = make_lesson(root / "assets")
    H5Format().render(lesson, root / "out", {"lrs_origin": "http://127.0.0.1:*"}, Job())
    return root / "out" / "h5"
