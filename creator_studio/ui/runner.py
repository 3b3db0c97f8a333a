"""Long work off the UI thread: one write lane, one parallel read/render lane.

A caller hands the runner a plain function `fn(job) -> result`; it runs on a worker thread with a
core `Job`, whose progress callbacks become Qt signals (throttled, so a chatty encoder cannot flood
the event loop) and whose `cancel()` is what the Cancel button calls. Results and errors come back
on the UI thread through queued signals, never by touching widgets from the worker.

Writes (database changes, project saves) share a single thread so they never race each other, the
way anki serialises collection operations; reads and renders go to a small pool.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from creator_studio.core.errors import Cancelled, StudioError
from creator_studio.core.jobs import Job, ProgressEvent

log = logging.getLogger(__name__)

# Every pool the runner ever created, so tests can check that nothing is still running.
_ALL_POOLS: "weakref.WeakSet[QThreadPool]" = weakref.WeakSet()

PROGRESS_INTERVAL_S = 0.05


class JobHandle(QObject):
    """The UI side of one running job. Signals arrive on the thread the handle lives in (UI)."""

    progressed = Signal(float, str)  # fraction 0..1, message
    succeeded = Signal(object)
    failed = Signal(object)  # the exception (StudioError or anything else)
    cancelled = Signal()
    finished = Signal()  # always last, whatever the outcome

    def __init__(self, label: str, writes: bool) -> None:
        super().__init__()
        self.label = label
        self.writes = writes
        self.job = Job()
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.error_details = ""
        self._last_emit = 0.0
        self.job.subscribe(self._on_progress)

    def cancel(self) -> None:
        self.job.cancel()

    def _on_progress(self, ev: ProgressEvent) -> None:
        # Runs on the worker thread: only emit (queued), never touch widgets here.
        now = time.monotonic()
        if now - self._last_emit >= PROGRESS_INTERVAL_S or ev.done >= ev.total:
            self._last_emit = now
            self.progressed.emit(ev.fraction, ev.message)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[Job], Any], handle: JobHandle, runner: "JobRunner") -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it; the runner drops it when finished
        self.fn = fn
        self.handle = handle
        self.runner = runner

    def run(self) -> None:  # worker thread
        h = self.handle
        try:
            h.job.raise_if_cancelled()
            h.result = self.fn(h.job)
        except Cancelled:
            h.error = Cancelled()
        except StudioError as exc:
            h.error = exc
        except BaseException as exc:  # a bug: keep the traceback for the log and the dialog
            h.error = exc
            h.error_details = traceback.format_exc()
            log.error("job %r failed unexpectedly\n%s", h.label, h.error_details)
        finally:
            self.runner._finished_from_worker(self)


class JobRunner(QObject):
    """Owns the two lanes. One per application (lives in the AppContext, not in a global)."""

    started = Signal(object)  # JobHandle
    ended = Signal(object)

    # Internal: bounce the end of a task onto the UI thread.
    _task_done = Signal(object)

    def __init__(self, read_threads: int | None = None) -> None:
        super().__init__()
        self.write_pool = QThreadPool()
        self.write_pool.setMaxThreadCount(1)
        self.read_pool = QThreadPool()
        n = read_threads or max(2, min(4, QThreadPool.globalInstance().maxThreadCount()))
        self.read_pool.setMaxThreadCount(n)
        for pool in (self.write_pool, self.read_pool):
            pool.setExpiryTimeout(2000)
            _ALL_POOLS.add(pool)
        self._tasks: set[_Task] = set()
        self._lock = threading.Lock()
        self._task_done.connect(self._on_task_done)

    # -- public API ---------------------------------------------------------------------------
    def run(self, fn: Callable[[Job], Any], *, label: str = "", writes: bool = False,
            on_success: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> JobHandle:
        handle = JobHandle(label, writes)
        handle.setParent(self)
        if on_success:
            handle.succeeded.connect(on_success)
        if on_error:
            handle.failed.connect(on_error)
        task = _Task(fn, handle, self)
        with self._lock:
            self._tasks.add(task)
        # announced before the worker can run: a listener (the render queue) connects to the
        # handle's signals here, and a progress or end emitted before that would be lost
        self.started.emit(handle)
        (self.write_pool if writes else self.read_pool).start(task)
        return handle

    def active(self) -> list[JobHandle]:
        with self._lock:
            return [t.handle for t in self._tasks]

    def cancel_all(self) -> None:
        for h in self.active():
            h.cancel()

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Block until both lanes are idle (shutdown, tests). Signals still need the event loop."""
        ok = self.write_pool.waitForDone(timeout_ms)
        return self.read_pool.waitForDone(timeout_ms) and ok

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        self.cancel_all()
        ok = self.wait(timeout_ms)
        for pool in (self.write_pool, self.read_pool):
            pool.clear()
        return ok

    # -- internals ----------------------------------------------------------------------------
    def _finished_from_worker(self, task: _Task) -> None:
        self._task_done.emit(task)  # queued to the UI thread (the runner lives there)

    def _on_task_done(self, task: _Task) -> None:
        h = task.handle
        with self._lock:
            self._tasks.discard(task)
        h.done = True
        if isinstance(h.error, Cancelled):
            h.cancelled.emit()
        elif h.error is not None:
            h.failed.emit(h.error)
        else:
            h.succeeded.emit(h.result)
        h.finished.emit()
        self.ended.emit(h)
        h.setParent(None)  # Python keeps it alive while callers hold it


def running_pools() -> list[QThreadPool]:
    """Pools with a thread still busy — what the test fixture checks after every test."""
    return [p for p in list(_ALL_POOLS) if p.activeThreadCount() > 0]
