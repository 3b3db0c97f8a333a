"""pytest-qt fixtures for the window: an AppContext per test, tiny decks, and a leak check.

`_no_leaked_workers` fails any test that leaves a job-runner thread (or a new Python thread)
running, the way napari's `_dangling_qthreads` does: a test must wait for its jobs
(`qtbot.waitSignal(handle.finished)`) instead of letting them run into the next test.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
# The in-app browser is slow to start; tests use the "open in browser" path unless a test opts in.
os.environ.setdefault("CREATOR_STUDIO_WEBENGINE", "0")
# Real slide thumbnails (#18) run LibreOffice after every import; tests that check them opt in.
os.environ.setdefault("CREATOR_STUDIO_THUMBNAILS", "0")
# Confirmation dialogs (#17) are answered in test_order_conversation.py; elsewhere buttons act.
os.environ.setdefault("CREATOR_STUDIO_CONFIRM", "0")

import creator_studio.ui  # noqa: E402,F401  (first: guards None's refcount, see its docstring)
import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

sys.path.insert(0, str(Path(__file__).parent))
from uihelpers import leaked_workers, make_deck  # noqa: E402


@pytest.fixture(autouse=True)
def _no_leaked_workers(request):
    before = {t.ident for t in threading.enumerate()}
    yield
    leaks = leaked_workers(before)
    if leaks:
        from creator_studio.ui.runner import running_pools

        for p in running_pools():  # clean up so the next test starts clean, then fail this one
            p.waitForDone(10000)
        pytest.fail("worker threads still running after the test: " + "; ".join(leaks),
                    pytrace=False)


@pytest.fixture
def ctx(qapp):
    from creator_studio.ui.context import AppContext
    from creator_studio.ui.settings import UiSettings

    c = AppContext.create(UiSettings(language="zh_CN", autosave_seconds=3600))
    yield c
    c.close()


@pytest.fixture
def tiny_deck(tmp_path):
    return make_deck(tmp_path / "理赔培训.pptx")


@pytest.fixture
def themed(qapp):
    """The app's look (its paddings and type scale make the minimums), undone afterwards."""
    from creator_studio.ui import theme

    style, sheet = qapp.style().name(), qapp.styleSheet()
    theme.apply(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
