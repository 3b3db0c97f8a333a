"""Live updates in the window: new offers, awards, deliveries, revision requests and messages
show up within seconds, without a Refresh button.

- Team mode (`HttpMarketClient`): a worker thread reads the server-sent events stream
  (`HttpMarketClient.events`) and hands each event to the GUI thread through a queued signal.
  A lost connection shows the offline state in the status bar and retries with backoff; the
  stream resumes with ``Last-Event-ID``, so nothing is missed. When the stream cannot be used at
  all (a proxy that does not pass it), the window polls the newest notifications instead. Typed work in forms is never
  touched: only lists reload.
- Embedded mode (`InProcessClient`): on the private SQLite file only this window writes, so
  nothing is polled; on a shared PostgreSQL URL (the old team set-up) a light poll of the
  newest notification ids every few seconds stands in for the stream.

Lists refresh in place: every market view's ``reload()`` / ``refresh_offers()`` and table
models with a fetch function are asked again, coalesced so a burst of events costs one reload.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from creator_studio.ui.translate import tr

log = logging.getLogger(__name__)

POLL_MS = 10000  # embedded mode: only timers or a second window write meanwhile
POLL_FALLBACK_MS = 3000  # team mode when the event stream cannot be opened
COALESCE_MS = 300


class _StreamWorker(QObject):
    """Runs in its own thread: blocks on the event stream, emits what arrives."""

    event = Signal(dict)
    online = Signal(bool)
    ended = Signal(object)  # the error that ended the stream (session ended…) or None

    def __init__(self, client) -> None:  # noqa: ANN001
        super().__init__()
        from creator_studio.core.market.http_client import EventStream

        self.client = client
        self.stream = EventStream()

    @Slot()
    def run(self) -> None:
        error = None
        try:
            for ev in self.client.events(stream=self.stream):
                kind = ev.get("kind")
                if kind == "_online":
                    self.online.emit(True)
                elif kind == "_offline":
                    self.online.emit(False)
                else:
                    self.event.emit(ev)
        except Exception as exc:  # noqa: BLE001 - reported to the window, never a crash
            error = exc
            log.info("live updates ended: %s", exc)
        self.ended.emit(error)


_detached: list = []


def _forget_detached(thread) -> None:  # noqa: ANN001
    _detached[:] = [(t, w) for t, w in _detached if t is not thread]


class LiveUpdates(QObject):
    """One per signed-in window. ``event(dict)`` per notification; ``online_changed(bool)``."""

    event = Signal(dict)
    online_changed = Signal(bool)

    def __init__(self, ctx, parent: QObject | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ctx = ctx
        self.online = True
        self.thread: QThread | None = None
        self.worker: _StreamWorker | None = None
        self.poll_timer: QTimer | None = None
        self._last_seen: int | None = None

    @property
    def streaming(self) -> bool:
        return hasattr(self.ctx.market, "events")

    def start(self) -> None:
        if self.streaming:
            self.thread = QThread(self)
            self.worker = _StreamWorker(self.ctx.market)
            self.worker.moveToThread(self.thread)
            self.thread.started.connect(self.worker.run)
            self.worker.event.connect(self.event)
            self.worker.online.connect(self._set_online)
            self.worker.ended.connect(self._ended)
            self.thread.start()
        elif self._shared_database():
            self.start_polling(POLL_MS)

    def _shared_database(self) -> bool:
        """Embedded mode on a shared PostgreSQL URL (the old team set-up): others write too, so
        poll. On the private SQLite file only this window writes: nothing to poll for."""
        engine = getattr(self.ctx.market, "engine", None)
        return engine is not None and engine.dialect.name != "sqlite"

    def stop(self) -> None:
        if getattr(self.ctx, "after_write", None) is not None:
            self.ctx.after_write = None  # signed out: no more reloads after writes
        if self.poll_timer is not None:
            self.poll_timer.stop()
        if self.worker is not None:
            self.worker.stream.close()  # shuts the socket: the blocked read returns at once
        if self.thread is not None:
            self.thread.quit()
            if not self.thread.wait(15000):
                # Never let Qt destroy a running thread (that aborts the process): keep it
                # alive, parentless, until it ends by itself.
                log.warning("live-updates thread still running; detaching it")
                self.thread.setParent(None)
                _detached.append((self.thread, self.worker))
                self.thread.finished.connect(lambda t=self.thread: _forget_detached(t))
        self.thread = self.worker = None

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def _ended(self, error) -> None:  # noqa: ANN001
        """The stream ended for good. A finished session is offline; any other failure (a proxy
        that does not pass the stream, an old server) falls back to polling."""
        if error is None or getattr(error, "code", "") == "SESSION_INVALID":
            self._set_online(False)
            return
        log.info("event stream unavailable (%s); polling notifications instead", error)
        self.start_polling(POLL_FALLBACK_MS)

    def start_polling(self, interval_ms: int) -> None:
        if self.poll_timer is None:
            self.poll_timer = QTimer(self)
            self.poll_timer.timeout.connect(self._poll)
        self.poll_timer.setInterval(interval_ms)
        self.poll_timer.start()
        self._poll()

    # -- embedded polling fallback ------------------------------------------------------------
    def _poll(self) -> None:
        user = self.ctx.current_user
        if user is None:
            return
        h = self.ctx.runner.run(lambda job: self.ctx.market.notifications(user, limit=20))
        h.succeeded.connect(self._polled)
        h.failed.connect(lambda _exc: self._set_online(False))

    def _polled(self, rows: list) -> None:
        self._set_online(True)
        newest = max((n["id"] for n in rows), default=0)
        if self._last_seen is None:
            self._last_seen = newest
            return
        for n in sorted((n for n in rows if n["id"] > self._last_seen), key=lambda n: n["id"]):
            self.event.emit({"id": n["id"], "kind": n["kind"], "zh": n["zh"], "en": n["en"],
                             "data": {}})
        self._last_seen = max(self._last_seen, newest)


def _reload_view(view: QWidget) -> int:
    """Ask a market view and its parts to load their rows again; returns how many reloads."""
    from creator_studio.ui.market.lazy_model import LazyTableModel

    n = 0
    widgets = [view, *view.findChildren(QWidget)]
    for w in widgets:
        own = False
        for name in ("reload", "refresh_offers"):
            if name in type(w).__dict__ and callable(getattr(w, name, None)):
                own = own or name == "reload"
                try:
                    getattr(w, name)()
                    n += 1
                except Exception:  # noqa: BLE001 - one view failing must not stop the others
                    log.info("live reload of %s failed", type(w).__name__, exc_info=True)
        if own:
            continue  # its own reload knows its models
        for value in list(vars(w).values()):
            if isinstance(value, LazyTableModel) and getattr(value, "fetch", None) is not None:
                value.reload()
                n += 1
    return n


def attach_live(window) -> LiveUpdates:  # noqa: ANN001
    """Start live updates for a signed-in main window: lists reload in place on each event
    (coalesced), the status bar shows the event, or the offline state while disconnected."""
    live = LiveUpdates(window.ctx, window)
    pending = QTimer(window)
    pending.setSingleShot(True)
    pending.setInterval(COALESCE_MS)
    zh = window.ctx.language.startswith("zh")

    def reload_all() -> None:
        if not live.online:
            return
        for view in list(getattr(window, "views", {}).values()):
            if isinstance(view, QWidget):
                _reload_view(view)
        # The market panels inside the studio too: a revision request puts the order back in
        # the deliver list, and its pinned comments in the comments tab, with no refresh.
        studio = getattr(window, "studio", None)
        for name in ("deliver_panel", "comments_panel"):
            panel = getattr(studio, name, None) if studio is not None else None
            if isinstance(panel, QWidget):
                _reload_view(panel)

    pending.timeout.connect(reload_all)

    def on_event(ev: dict) -> None:
        window.statusBar().showMessage(ev.get("zh" if zh else "en") or ev.get("kind", ""), 8000)
        pending.start()

    def on_online(online: bool) -> None:
        if online:
            window.statusBar().showMessage(tr("Connected to the team server again."), 5000)
            pending.start()  # catch up on anything changed while offline
        else:
            window.statusBar().showMessage(tr("Offline: the team server cannot be reached. "
                                              "Retrying… Your typed work is kept."))

    live.event.connect(on_event)
    live.online_changed.connect(on_online)
    live.reload_all = reload_all  # for tests and a manual "refresh now"
    if live.streaming:
        # The server sends no event to the person who acted (an award is news to the maker, not
        # to the buyer), so the window's other lists (the buyer's order pages after an award)
        # reload after each of its own writes too — coalesced with the events.
        def after_write() -> None:
            try:
                pending.start()
            except RuntimeError:  # the window was closed meanwhile
                pass

        window.ctx.after_write = after_write
    live.start()
    return live
