"""Progress and cancellation for long work, with no UI knowledge.

Core code calls `job.progress(...)` and `job.raise_if_cancelled()`; the window turns the callbacks
into Qt signals and the CLI prints them. `Job.cancel()` may be called from any thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from creator_studio.core.errors import Cancelled

ProgressCallback = Callable[["ProgressEvent"], None]


@dataclass(frozen=True)
class ProgressEvent:
    done: float
    total: float
    message: str = ""

    @property
    def fraction(self) -> float:
        return 0.0 if self.total <= 0 else max(0.0, min(1.0, self.done / self.total))


class Job:
    """A handle on one piece of long work: progress out, cancellation in."""

    def __init__(self, on_progress: ProgressCallback | None = None) -> None:
        self._cancel = threading.Event()
        self._callbacks: list[ProgressCallback] = [on_progress] if on_progress else []
        self.last: ProgressEvent | None = None
        self._cancel_hooks: list[Callable[[], None]] = []

    def subscribe(self, callback: ProgressCallback) -> None:
        self._callbacks.append(callback)

    def progress(self, done: float, total: float, message: str = "") -> None:
        self.last = ProgressEvent(done, total, message)
        for cb in list(self._callbacks):
            cb(self.last)
        self.raise_if_cancelled()

    def cancel(self) -> None:
        self._cancel.set()
        for hook in list(self._cancel_hooks):
            try:
                hook()
            except Exception:  # a hook failing must not stop the others (e.g. killing a subprocess)
                pass

    def on_cancel(self, hook: Callable[[], None]) -> None:
        """Run `hook` (e.g. kill a child process group) as soon as cancel() is called."""
        self._cancel_hooks.append(hook)
        if self._cancel.is_set():
            hook()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def raise_if_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def sleep(self, seconds: float) -> None:
        """Wait, but wake up at once when cancelled."""
        if self._cancel.wait(seconds):
            raise Cancelled()

    def sub(self, start: float, span: float, total: float = 1.0) -> "SubJob":
        """A view of this job whose progress maps into [start, start+span] of `total`."""
        return SubJob(self, start, span, total)


class SubJob(Job):
    def __init__(self, parent: Job, start: float, span: float, total: float) -> None:
        self._parent = parent
        self._start, self._span, self._total = start, span, total
        self.last = None

    def progress(self, done: float, total: float, message: str = "") -> None:
        frac = 0.0 if total <= 0 else done / total
        self._parent.progress(self._start + self._span * frac, self._total, message)

    def cancel(self) -> None:
        self._parent.cancel()

    def on_cancel(self, hook: Callable[[], None]) -> None:
        self._parent.on_cancel(hook)

    def subscribe(self, callback: ProgressCallback) -> None:
        self._parent.subscribe(callback)

    @property
    def cancelled(self) -> bool:
        return self._parent.cancelled

    def raise_if_cancelled(self) -> None:
        self._parent.raise_if_cancelled()

    def sleep(self, seconds: float) -> None:
        self._parent.sleep(seconds)


def null_job() -> Job:
    """A job nobody watches or cancels (scripts, tests)."""
    return Job()


class Stopwatch:
    def __init__(self) -> None:
        self.t0 = time.perf_counter()

    def elapsed(self) -> float:
        return time.perf_counter() - self.t0
