"""The job runner: results on the UI thread, progress, cancel, errors, and the leak check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread

from creator_studio.core.errors import ValidationError
from creator_studio.ui.runner import JobRunner

from uihelpers import leaked_workers, wait_job


def test_result_arrives_on_ui_thread_with_progress(qtbot, qapp):
    runner = JobRunner()
    seen = {}
    progress = []

    def work(job):
        seen["worker"] = threading.get_ident()
        for i in range(5):
            job.progress(i + 1, 5, f"step {i + 1}")
        return 42

    h = runner.run(work, label="t")
    h.progressed.connect(lambda f, m: progress.append((f, m, QThread.currentThread())))
    h.succeeded.connect(lambda r: seen.update(result=r, thread=QThread.currentThread()))
    wait_job(qtbot, h)
    assert seen["result"] == 42
    assert seen["thread"] is qapp.thread()
    assert seen["worker"] != threading.get_ident()
    assert progress and progress[-1][0] == pytest.approx(1.0)
    assert all(t is qapp.thread() for _, _, t in progress)
    runner.shutdown()


def test_cancel_stops_the_job_and_reports_cancelled(qtbot):
    runner = JobRunner()
    started = threading.Event()

    def work(job):
        started.set()
        for _ in range(1000):
            job.sleep(0.01)
        return "not cancelled"

    h = runner.run(work)
    events = []
    h.cancelled.connect(lambda: events.append("cancelled"))
    h.succeeded.connect(lambda r: events.append(r))
    assert started.wait(5)
    h.cancel()
    wait_job(qtbot, h)
    assert events == ["cancelled"]
    runner.shutdown()


def test_studio_error_and_bug_are_reported_differently(qtbot):
    runner = JobRunner()
    h1 = runner.run(lambda job: (_ for _ in ()).throw(ValidationError("价格超出预算", "over budget")))
    h2 = runner.run(lambda job: 1 / 0)
    wait_job(qtbot, h1)
    wait_job(qtbot, h2)
    assert isinstance(h1.error, ValidationError) and h1.error_details == ""
    assert isinstance(h2.error, ZeroDivisionError) and "ZeroDivisionError" in h2.error_details
    runner.shutdown()


def test_writes_run_one_at_a_time(qtbot):
    runner = JobRunner()
    lock = threading.Lock()
    overlaps = []
    order = []

    def write(i):
        def fn(job):
            if not lock.acquire(blocking=False):
                overlaps.append(i)
                return i
            try:
                job.sleep(0.02)
                order.append(i)
            finally:
                lock.release()
            return i
        return fn

    handles = [runner.run(write(i), writes=True) for i in range(5)]
    for h in handles:
        wait_job(qtbot, h)
    assert overlaps == []
    assert order == [0, 1, 2, 3, 4]
    runner.shutdown()


def test_leak_check_sees_a_running_worker(qtbot):
    """The autouse fixture's detector reports a job still running; released, it reports nothing."""
    runner = JobRunner()
    before = {t.ident for t in threading.enumerate()}
    release = threading.Event()
    h = runner.run(lambda job: release.wait(10))
    qtbot.waitUntil(lambda: runner.read_pool.activeThreadCount() > 0, timeout=5000)
    leaks = leaked_workers(before)
    assert any("QThreadPool" in s for s in leaks)
    release.set()
    wait_job(qtbot, h)
    runner.wait()
    assert leaked_workers(before) == []


LEAKY = """
import threading
from creator_studio.ui.runner import JobRunner

release = threading.Event()


def test_leaky(qtbot):
    JobRunner().run(lambda job: release.wait(2))


def test_clean(qtbot):
    assert True
"""


def test_leak_fixture_fails_a_leaky_test(tmp_path):
    """Run a leaky test in a child pytest: the autouse fixture must turn it into a failure."""
    here = Path(__file__).parent
    for name in ("conftest.py", "uihelpers.py"):
        shutil.copy(here / name, tmp_path / name)
    (tmp_path / "test_leaky.py").write_text(LEAKY, encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path)],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    out = res.stdout + res.stderr
    assert "worker threads still running after the test" in out, out
    assert "ERROR test_leaky.py::test_leaky" in out and "1 error" in out, out
    assert "test_clean" not in out.split("short test summary")[-1], out
