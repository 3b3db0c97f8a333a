"""In/out points of a screen recording on a timeline (issue 14).

`ClipTimeline` draws the clip's key frames as a strip and its sound as a waveform, with two
handles (in, out) to drag — or to move with the arrow keys (Tab picks the handle, Shift for 1 s
steps). Trimming is non-destructive: `apply_trim` stores the points on the page's `Media` block
(`trim_in`/`trim_out`, one undo command); the asset keeps every frame and the forms play only the
kept part (`recording.clip_trim`). The strip is read by ffmpeg on a worker thread.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget

from creator_studio.core.media import recording
from creator_studio.ui.studio.commands import SetAttr
from creator_studio.ui.translate import tr

STRIP_H = 54
WAVE_H = 40
MIN_KEEP = 0.2  # seconds: the kept part never gets shorter (recording.clip_trim agrees)


class ClipTimeline(QWidget):
    trim_changed = Signal(float, float)
    loaded = Signal()
    _strip_ready = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(STRIP_H + WAVE_H + 8)
        self.setMinimumWidth(320)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Timeline of the screen recording; drag the handles to set the in and out points"))
        self.strip: recording.ClipStrip | None = None
        self._images: list[QImage] = []
        self.start = 0.0
        self.end = 0.0
        self.active = "start"  # the handle the arrow keys move
        self._drag: str | None = None
        self._strip_ready.connect(self._set_strip)

    # -- loading ----------------------------------------------------------------------------
    @property
    def duration(self) -> float:
        return self.strip.duration if self.strip else 0.0

    def load(self, clip: Path, trim: tuple[float, float | None] = (0.0, None), *, wait: bool = False) -> None:
        """Read key frames and sound off the UI thread; `loaded` is emitted when they are shown."""
        self._pending_trim = trim

        def work():
            try:
                strip = recording.clip_strip(Path(clip), frames=10, height=STRIP_H)
            except Exception as exc:  # noqa: BLE001 - shown as an empty strip, never a crash
                strip = exc
            self._strip_ready.emit(strip)

        t = threading.Thread(target=work, name="clip-strip", daemon=True)
        t.start()
        if wait:
            t.join()

    def _set_strip(self, strip) -> None:
        if isinstance(strip, Exception):
            self.strip, self._images = None, []
            self.setToolTip(tr("The recording could not be read: {e}").format(e=strip))
        else:
            self.strip = strip
            self._images = [QImage(f.tobytes(), f.shape[1], f.shape[0], f.shape[1] * 3,
                                   QImage.Format.Format_RGB888).copy() for f in strip.frames]
        tin, tout = self._pending_trim
        self.set_trim(tin or 0.0, self.duration if tout is None else tout)
        self.loaded.emit()

    # -- the points ---------------------------------------------------------------------------
    def set_trim(self, start: float, end: float) -> None:
        d = self.duration
        start = max(0.0, min(float(start), d))
        end = max(0.0, min(float(end), d))
        if end - start < MIN_KEEP:  # keep the handles apart
            if self.active == "start" or self._drag == "start":
                start = max(0.0, end - MIN_KEEP)
            else:
                end = min(d, start + MIN_KEEP)
        self.start, self.end = round(start, 3), round(end, 3)
        self.update()
        self.trim_changed.emit(self.start, self.end)

    def trim(self) -> tuple[float, float | None]:
        """(in, out) as stored on the Media block: out is None when it is the clip's end."""
        out = None if abs(self.end - self.duration) < 1e-3 else self.end
        return self.start, out

    # -- drawing ------------------------------------------------------------------------------
    def _x(self, t: float) -> float:
        return t / self.duration * self.width() if self.duration else 0.0

    def _t(self, x: float) -> float:
        return max(0.0, min(self.duration, x / max(1, self.width()) * self.duration))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), QColor("#f4f6fa"))
        if self._images:
            step = w / len(self._images)
            for k, img in enumerate(self._images):
                p.drawImage(QRectF(k * step, 0, step, STRIP_H), img)
        if self.strip is not None and len(self.strip.samples):
            env = recording.envelope(self.strip.samples, w)
            mid = STRIP_H + 4 + WAVE_H / 2
            p.setPen(QPen(QColor("#2c5aa0"), 1))
            for x, v in enumerate(env):
                p.drawLine(QPointF(x, mid - v * WAVE_H / 2), QPointF(x, mid + v * WAVE_H / 2))
        if self.duration:
            shade = QColor(0, 0, 0, 140)  # what is cut off is dimmed
            p.fillRect(QRectF(0, 0, self._x(self.start), h), shade)
            p.fillRect(QRectF(self._x(self.end), 0, w - self._x(self.end), h), shade)
            for name, t in (("start", self.start), ("end", self.end)):
                pen = QPen(QColor("#f39c12" if name == self.active and self.hasFocus() else "#c0392b"), 3)
                p.setPen(pen)
                x = self._x(t)
                p.drawLine(QPointF(x, 0), QPointF(x, h))
        p.end()

    # -- mouse and keyboard -------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if not self.duration:
            return
        x = event.position().x()
        self._drag = "start" if abs(x - self._x(self.start)) <= abs(x - self._x(self.end)) else "end"
        self.active = self._drag
        self.mouseMoveEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._drag is None:
            return
        t = self._t(event.position().x())
        if self._drag == "start":
            self.set_trim(min(t, self.end - MIN_KEEP), self.end)
        else:
            self.set_trim(self.start, max(t, self.start + MIN_KEEP))

    def mouseReleaseEvent(self, _event) -> None:
        self._drag = None

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and self.duration:
            step = 1.0 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 0.1
            step = -step if key == Qt.Key.Key_Left else step
            if self.active == "start":
                self.set_trim(min(self.start + step, self.end - MIN_KEEP), self.end)
            else:
                self.set_trim(self.start, max(self.end + step, self.start + MIN_KEEP))
            return
        if key == Qt.Key.Key_Space:
            self.active = "end" if self.active == "start" else "start"
            self.update()
            return
        super().keyPressEvent(event)


def video_media(page):
    """The Media block of a video page, else None."""
    from creator_studio.core.lesson import model as m

    if page is not None and len(page.blocks) == 1 and isinstance(page.blocks[0], m.Media) \
            and page.blocks[0].media_type == "video":
        return page.blocks[0]
    return None


def apply_trim(project, page, trim: tuple[float, float | None]) -> bool:
    """Store in/out points on the page's video block: one undo command; False when unchanged."""
    media = video_media(page)
    if media is None:
        return False
    tin, tout = round(float(trim[0]), 3), (None if trim[1] is None else round(float(trim[1]), 3))
    if (media.trim_in, media.trim_out) == (tin, tout):
        return False
    new = dataclasses.replace(media, trim_in=tin, trim_out=tout)
    project.undo_stack.push(SetAttr(page, "blocks", [new], project.pages_reset.emit,
                                    tr("Trim screen recording")))
    return True


def describe(start: float, end: float) -> str:
    return tr("Keep {a} – {b} ({n})").format(a=_clock(start), b=_clock(end), n=_clock(max(0.0, end - start)))


def _clock(t: float) -> str:
    m, s = divmod(max(0.0, t), 60)
    return f"{int(m)}:{s:04.1f}"



def make_trim_dialog(project, page, parent=None):
    """In/out points of an existing video page (page editor → Trim recording…)."""
    from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

    media = video_media(page)

    class _TrimDialog(QDialog):
        def __init__(self) -> None:
            super().__init__(parent)
            self.setWindowTitle(tr("Trim screen recording") + f" — {page.title or page.id}")
            lay = QVBoxLayout(self)
            self.timeline = ClipTimeline()
            self.label = QLabel()
            self.timeline.trim_changed.connect(lambda a, b: self.label.setText(describe(a, b)))
            lay.addWidget(self.timeline)
            lay.addWidget(self.label)
            row = QHBoxLayout()
            self.apply_button = QPushButton(tr("Apply in/out points"))
            self.reset_button = QPushButton(tr("Keep the whole recording"))
            self.close_button = QPushButton(tr("Close"))
            for b in (self.apply_button, self.reset_button, self.close_button):
                row.addWidget(b)
            lay.addLayout(row)
            self.apply_button.clicked.connect(self.apply)
            self.reset_button.clicked.connect(self.reset)
            self.close_button.clicked.connect(self.accept)
            self.apply_button.setEnabled(False)
            self.timeline.loaded.connect(lambda: self.apply_button.setEnabled(self.timeline.duration > 0))
            path = project.lesson.asset_path(media.asset) if media is not None else None
            if path is not None:
                self.timeline.load(path, (media.trim_in, media.trim_out))
            else:
                self.label.setText(tr("The recording could not be read: {e}").format(e=media.asset if media else "-"))

        def apply(self) -> bool:
            return apply_trim(project, page, self.timeline.trim())

        def reset(self) -> bool:
            self.timeline.set_trim(0.0, self.timeline.duration)
            return apply_trim(project, page, (0.0, None))

    return _TrimDialog()
