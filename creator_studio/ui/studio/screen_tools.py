"""Helpers of the screen recorder (issue 14): what to capture, the cursor, and how to stop.

- `capture_sources()`: every screen (QGuiApplication.screens) and every window Qt can capture
  (QWindowCapture.capturableWindows), for the dialog's chooser; a *region* is a rectangle of a
  screen, picked with `RegionPicker` (drag on a dimmed full-screen overlay, Esc cancels).
  Qt's QScreenCapture has no region of its own: the whole screen is recorded and the rectangle is
  cropped when the take is finished (`recording.finish_screen_clip`).
- `CursorTracker`: Qt's screen capture does not draw clicks (and on X11 not even the pointer), so
  the pointer position and button state are sampled 30 times a second while recording and drawn
  onto the frames afterwards (a highlight disc and a ring per click). Global button state comes
  from the system: XQueryPointer on X11, GetAsyncKeyState on Windows; elsewhere only clicks in the
  studio's own windows are known (QGuiApplication.mouseButtons) — said in docs/recording.md.
- `CameraRecorder`: the webcam (QCamera) in its own capture session beside the screen; the round
  bubble is composited afterwards (`recording.composite_webcam`). No camera: an inline message.
- `StopBubble`: a small always-on-top window with a Stop button while recording; the dialog's
  F10 (stop) and F9 (pause/resume) are application-wide QShortcuts. A system-wide hot-key (when
  another program has the focus) needs platform hooks Qt does not offer; not done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
import time

from PySide6.QtCore import QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from creator_studio.core.media.recording import CursorSample
from creator_studio.ui.translate import tr

log = logging.getLogger(__name__)

SAMPLE_MS = 33


# ------------------------------------------------------------------------------------------
# What to capture


def capture_sources() -> list[tuple[str, str, object]]:
    """(kind, label, handle): ("screen", name, QScreen) for each screen, then ("window", title,
    QCapturableWindow) for each window Qt can capture (none on some platforms)."""
    out: list[tuple[str, str, object]] = []
    for s in QGuiApplication.screens():
        g = s.geometry()
        out.append(("screen", tr("Whole screen: {n} ({w}×{h})").format(n=s.name() or "-", w=g.width(),
                                                                        h=g.height()), s))
    try:
        from PySide6.QtMultimedia import QWindowCapture

        for w in QWindowCapture.capturableWindows():
            title = (w.description() or "").strip()
            if title and w.isValid():
                out.append(("window", tr("Window: {t}").format(t=title[:60]), w))
    except Exception as exc:  # noqa: BLE001 - a platform without a window list is not an error
        log.info("no capturable windows: %s", exc)
    return out


class RegionPicker(QWidget):
    """A dimmed full-screen overlay: drag a rectangle (screen coordinates); Esc cancels."""

    picked = Signal(QRect)
    cancelled = Signal()

    def __init__(self, screen=None) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.Tool)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName(tr("Drag to choose the part of the screen to record; Esc cancels"))
        self._screen = screen or QGuiApplication.primaryScreen()
        self.setGeometry(self._screen.geometry())
        self._a: QPoint | None = None
        self._b: QPoint | None = None

    def rect_on_screen(self) -> QRect:
        if self._a is None or self._b is None:
            return QRect()
        a, b = self._a, self._b  # QRect(QPoint, QPoint) would include the far edge (+1)
        r = QRect(min(a.x(), b.x()), min(a.y(), b.y()), abs(b.x() - a.x()), abs(b.y() - a.y()))
        return r.translated(self.geometry().topLeft())

    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0, 0, 0, 90))
        if self._a is not None and self._b is not None:
            r = QRect(self._a, self._b).normalized()
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
            p.fillRect(r, Qt.GlobalColor.transparent)
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            p.setPen(QPen(QColor("#f39c12"), 2))
            p.drawRect(r)
            p.drawText(r.topLeft() + QPoint(4, -6), f"{r.width()} × {r.height()}")
        p.end()

    def mousePressEvent(self, e) -> None:
        self._a = self._b = e.position().toPoint()
        self.update()

    def mouseMoveEvent(self, e) -> None:
        if self._a is not None:
            self._b = e.position().toPoint()
            self.update()

    def mouseReleaseEvent(self, e) -> None:
        if self._a is None:
            return
        self._b = e.position().toPoint()
        r = self.rect_on_screen()
        self.close()
        if r.width() >= 32 and r.height() >= 32:
            self.picked.emit(r)
        else:
            self.cancelled.emit()

    def keyPressEvent(self, e) -> None:
        if e.key() == Qt.Key.Key_Escape:
            self.close()
            self.cancelled.emit()
            return
        super().keyPressEvent(e)


# ------------------------------------------------------------------------------------------
# The pointer


class _X11Pointer:
    """Global pointer position and button mask through libX11 (XQueryPointer)."""

    def __init__(self) -> None:
        path = ctypes.util.find_library("X11") or "libX11.so.6"
        self.x = ctypes.cdll.LoadLibrary(path)
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XQueryPointer.argtypes = [ctypes.c_void_p, ctypes.c_ulong] + [ctypes.c_void_p] * 7
        self.x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.dpy = self.x.XOpenDisplay(None)
        if not self.dpy:
            raise OSError("XOpenDisplay failed")
        self.root = self.x.XDefaultRootWindow(self.dpy)

    def read(self) -> tuple[int, int, bool]:
        root, child = ctypes.c_ulong(), ctypes.c_ulong()
        rx, ry, wx, wy = ctypes.c_int(), ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        mask = ctypes.c_uint()
        self.x.XQueryPointer(self.dpy, self.root, ctypes.byref(root), ctypes.byref(child), ctypes.byref(rx),
                             ctypes.byref(ry), ctypes.byref(wx), ctypes.byref(wy), ctypes.byref(mask))
        return rx.value, ry.value, bool(mask.value & (0x100 | 0x200 | 0x400))  # Button1..3Mask

    def close(self) -> None:
        if self.dpy:
            self.x.XCloseDisplay(self.dpy)
            self.dpy = None


class _WinPointer:  # pragma: no cover - Windows only
    def __init__(self) -> None:
        self.u = ctypes.windll.user32

    def read(self) -> tuple[int, int, bool]:
        class POINT(ctypes.Structure):
            _fields_ = [("x", ctypes.c_long), ("y", ctypes.c_long)]

        pt = POINT()
        self.u.GetCursorPos(ctypes.byref(pt))
        down = any(self.u.GetAsyncKeyState(k) & 0x8000 for k in (0x01, 0x02, 0x04))
        return pt.x, pt.y, down

    def close(self) -> None:
        pass


class _QtPointer:
    """Anywhere else: the position is global, the buttons only inside the studio's windows."""

    def read(self) -> tuple[int, int, bool]:
        p = QCursor.pos()
        return p.x(), p.y(), QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton

    def close(self) -> None:
        pass


def pointer_source():
    """The best pointer reader here and its name ("x11" | "windows" | "qt")."""
    if QGuiApplication.platformName() == "xcb":
        try:
            return _X11Pointer(), "x11"
        except OSError as exc:
            log.info("X11 pointer unavailable: %s", exc)
    if sys.platform == "win32":  # pragma: no cover
        return _WinPointer(), "windows"
    return _QtPointer(), "qt"


class CursorTracker(QObject):
    """Samples the pointer on the recording's clock: `start()` when recording starts, `pause()`
    / `resume()` with the recorder (paused time is not on the clip), `stop()` → the samples."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.source, self.kind = pointer_source()
        self.samples: list[CursorSample] = []
        self._timer = QTimer(self)
        self._timer.setInterval(SAMPLE_MS)
        self._timer.timeout.connect(self._sample)
        self._t0 = 0.0
        self._paused_at: float | None = None
        self._paused_total = 0.0

    def start(self) -> None:
        if self._timer.isActive():  # the recorder says "recording" again after a resume
            return
        self.samples.clear()
        self._t0 = time.monotonic()
        self._paused_total, self._paused_at = 0.0, None
        self._sample()
        self._timer.start()

    def pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = time.monotonic()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._paused_total += time.monotonic() - self._paused_at
            self._paused_at = None

    def _sample(self) -> None:
        if self._paused_at is not None:
            return
        try:
            x, y, down = self.source.read()
        except Exception as exc:  # noqa: BLE001 - a pointer we cannot read draws nothing
            log.info("pointer read failed: %s", exc)
            self._timer.stop()
            return
        self.samples.append(CursorSample(time.monotonic() - self._t0 - self._paused_total, x, y, down))

    def stop(self) -> list[CursorSample]:
        self._timer.stop()
        self.source.close()
        return list(self.samples)


# ------------------------------------------------------------------------------------------
# Stopping


class StopBubble(QWidget):
    """A small always-on-top Stop button while the screen is recorded (bottom left)."""

    def __init__(self, on_stop, avoid: QRect | None = None) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.Tool)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.button = QPushButton(tr("■ Stop recording (F10)"))
        self.button.setAccessibleName(tr("Stop the screen recording"))
        self.button.setStyleSheet("QPushButton{background:#c0392b;color:white;font-weight:bold;padding:6px 12px;}")
        self.button.clicked.connect(on_stop)
        lay.addWidget(self.button)
        self.adjustSize()
        g = QGuiApplication.primaryScreen().availableGeometry()
        # bottom left: the webcam bubble takes the bottom right corner
        pos = QPoint(g.left() + 16, g.bottom() - self.height() - 16)
        if avoid is not None and avoid.contains(pos):  # outside the recorded region when it fits
            pos = QPoint(g.right() - self.width() - 16, g.top() + 16)
        self.move(pos)


# ------------------------------------------------------------------------------------------
# The webcam bubble


def cameras() -> list:
    """QCameraDevice list (empty without cameras or without QtMultimedia)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices

        return list(QMediaDevices.videoInputs())
    except Exception:  # noqa: BLE001
        return []


class CameraRecorder(QObject):
    """The webcam recorded beside the screen (its own capture session and MP4); the bubble is
    composited when the take is finished (`recording.composite_webcam`)."""

    def __init__(self, device, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaFormat, QMediaRecorder

        self._R = QMediaRecorder.RecorderState
        self.session = QMediaCaptureSession(self)
        self.camera = QCamera(device, self)
        self.session.setCamera(self.camera)
        self.recorder = QMediaRecorder(self)
        fmt = QMediaFormat(QMediaFormat.FileFormat.MPEG4)
        fmt.setVideoCodec(QMediaFormat.VideoCodec.H264)  # falls back to MPEG-4 Part 2 like the screen
        self.recorder.setMediaFormat(fmt)
        self.session.setRecorder(self.recorder)
        self.recorder.recorderStateChanged.connect(self._state)
        self.started_at: float | None = None
        self.path = None
        self.error = ""
        self.recorder.errorOccurred.connect(lambda _e, s: setattr(self, "error", s))

    def start(self, path) -> None:
        from PySide6.QtCore import QUrl

        self.path = path
        self.camera.start()
        self.recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
        self.recorder.record()

    def _state(self, state) -> None:
        if state == self._R.RecordingState and self.started_at is None:
            self.started_at = time.monotonic()

    def pause(self) -> None:
        self.recorder.pause()

    def resume(self) -> None:
        self.recorder.record()

    def stop(self, timeout_ms: int = 5000):
        """Stop and wait for the file; (path or None, monotonic start time)."""
        from pathlib import Path

        from PySide6.QtCore import QDeadlineTimer, QEventLoop

        self.recorder.stop()
        deadline = QDeadlineTimer(timeout_ms)
        while self.recorder.recorderState() != self._R.StoppedState and not deadline.hasExpired():
            QGuiApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        self.camera.stop()
        out = Path(self.recorder.actualLocation().toLocalFile() or self.path or "")
        ok = out.is_file() and out.stat().st_size > 0
        return (out if ok else None), self.started_at


# ------------------------------------------------------------------------------------------
# A stop key for the whole desktop (X11)


class _XErrorEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("display", ctypes.c_void_p), ("resourceid", ctypes.c_ulong),
                ("serial", ctypes.c_ulong), ("error_code", ctypes.c_ubyte), ("request_code", ctypes.c_ubyte),
                ("minor_code", ctypes.c_ubyte)]


class X11GlobalKey(QObject):
    """A key grabbed on the X11 root window while recording: it reaches the studio even when
    another program has the focus (what a QShortcut cannot do). Its own Display connection,
    polled every 50 ms on the UI thread (XPending never blocks). `ok` is False when the key is
    taken by another program (BadAccess) or there is no X11 — the application shortcut remains."""

    activated = Signal()

    _KEYPRESS = 2
    _GRAB_ASYNC = 1
    _MODS = (0, 2, 16, 18)  # none, CapsLock, NumLock, both: the key works with the locks on

    def __init__(self, key: str = "F10", parent=None) -> None:
        super().__init__(parent)
        self.ok = False
        self.dpy = None
        self._errors: list[int] = []
        try:
            self.x = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
        except OSError:
            return
        x = self.x
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = ctypes.c_ulong
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XStringToKeysym.restype = ctypes.c_ulong
        x.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x.XKeysymToKeycode.restype = ctypes.c_ubyte
        x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x.XGrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int,
                               ctypes.c_int, ctypes.c_int]
        x.XUngrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong]
        x.XPending.argtypes = [ctypes.c_void_p]
        x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x.XCloseDisplay.argtypes = [ctypes.c_void_p]
        # Xlib's default error handler ends the process: a key grabbed elsewhere must not.
        handler_t = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_XErrorEvent))
        self._handler = handler_t(self._on_x_error)
        x.XSetErrorHandler.restype = ctypes.c_void_p
        x.XSetErrorHandler.argtypes = [ctypes.c_void_p]
        self.dpy = x.XOpenDisplay(None)
        if not self.dpy:
            return
        # set only around our own calls (the handler is process-wide in Xlib)
        self._old_handler = x.XSetErrorHandler(ctypes.cast(self._handler, ctypes.c_void_p))
        self.root = x.XDefaultRootWindow(self.dpy)
        self.keycode = x.XKeysymToKeycode(self.dpy, x.XStringToKeysym(key.encode()))
        for mods in self._MODS:
            x.XGrabKey(self.dpy, self.keycode, mods, self.root, 1, self._GRAB_ASYNC, self._GRAB_ASYNC)
        x.XSync(self.dpy, 0)
        x.XSetErrorHandler(self._old_handler)
        self.ok = bool(self.keycode) and not self._errors
        if not self.ok:
            self.close()
            return
        self._event = (ctypes.c_long * 24)()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._poll)
        self._timer.start(50)

    def _on_x_error(self, _dpy, event) -> int:
        self._errors.append(int(event.contents.error_code))  # BadAccess (10): the key is taken
        return 0

    def _poll(self) -> None:
        while self.dpy and self.x.XPending(self.dpy):
            self.x.XNextEvent(self.dpy, ctypes.byref(self._event))
            if ctypes.cast(self._event, ctypes.POINTER(ctypes.c_int))[0] == self._KEYPRESS:
                self.activated.emit()

    def close(self) -> None:
        if getattr(self, "_timer", None) is not None:
            self._timer.stop()
        if self.dpy:
            old = self.x.XSetErrorHandler(ctypes.cast(self._handler, ctypes.c_void_p))
            for mods in self._MODS:
                self.x.XUngrabKey(self.dpy, self.keycode, mods, self.root)
            self.x.XSync(self.dpy, 0)
            self.x.XSetErrorHandler(old)
            self.x.XCloseDisplay(self.dpy)
            self.dpy = None


def global_stop_key(parent=None):
    """The desktop-wide F10 while recording, where the platform allows it (X11), else None."""
    if QGuiApplication.platformName() != "xcb":
        return None
    key = X11GlobalKey("F10", parent)
    return key if key.ok else None
