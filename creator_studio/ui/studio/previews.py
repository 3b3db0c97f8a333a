"""Previews of rendered forms inside the window.

Each form's files (from DIR/manifest.json) decide the preview: images → a scrollable long image,
video → a player (QtMultimedia), index.html → a web view (QtWebEngine). Both Qt modules are
imported only when a preview needs them, and if one cannot load on this machine the preview
degrades to a button that opens the file with the system viewer or browser.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)


from creator_studio.ui.translate import tr  # noqa: E402


def web_engine_enabled() -> bool:
    return os.environ.get("CREATOR_STUDIO_WEBENGINE", "1") != "0"


def multimedia_enabled() -> bool:
    return os.environ.get("CREATOR_STUDIO_MULTIMEDIA", "1") != "0"


class LongImagePreview(QScrollArea):
    """The long image's parts stacked vertically, scaled to the view's width."""

    def __init__(self, files: list[Path], parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(tr("Long image preview"))
        host = QWidget()
        lay = QVBoxLayout(host)
        lay.setSpacing(0)
        lay.setContentsMargins(0, 0, 0, 0)
        self.labels: list[QLabel] = []
        self.pixmaps: list[QPixmap] = []
        for f in files:
            pm = QPixmap(str(f))
            lab = QLabel()
            lab.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            lab.setAccessibleName(f.name)
            self.pixmaps.append(pm)
            self.labels.append(lab)
            lay.addWidget(lab)
        lay.addStretch(1)
        self.setWidget(host)
        self._scale()

    def _scale(self) -> None:
        width = max(200, min(self.viewport().width() - 4, 540))
        for pm, lab in zip(self.pixmaps, self.labels):
            if not pm.isNull():
                lab.setPixmap(pm.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._scale()


class OpenExternally(QWidget):
    """Shown when the in-app viewer cannot load: the file opens with the system application."""

    def __init__(self, path: Path, why: str, parent=None) -> None:
        super().__init__(parent)
        self.path = path
        lay = QVBoxLayout(self)
        msg = QLabel(why)
        msg.setWordWrap(True)
        lay.addWidget(msg)
        self.button = QPushButton(tr("&Open externally"))
        self.button.setAccessibleName(tr("Open externally"))
        self.button.clicked.connect(self.open)
        lay.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)

    def open(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))


def clock(ms: int) -> str:
    """Milliseconds as m:ss (h:mm:ss past an hour), the way players show time."""
    sec = max(0, int(ms or 0)) // 1000
    h, rest = divmod(sec, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class VideoPreview(QWidget):
    def __init__(self, path: Path, parent=None) -> None:
        super().__init__(parent)
        self.path = path
        self.player = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        try:
            if not multimedia_enabled():
                raise ImportError("QtMultimedia disabled by CREATOR_STUDIO_MULTIMEDIA=0")
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
            from PySide6.QtMultimediaWidgets import QVideoWidget
        except ImportError as exc:
            log.info("video preview unavailable: %s", exc)
            self.fallback = OpenExternally(path, tr("The video player is not available on this "
                                                    "computer."))
            lay.addWidget(self.fallback)
            return
        self.fallback = None
        self.video = QVideoWidget()
        self.video.setAccessibleName(tr("Video preview"))
        self.video.setMinimumHeight(self.fontMetrics().height() * 12)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.player.setVideoOutput(self.video)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        lay.addWidget(self.video, 1)
        # #18: captions from the WebVTT/SRT next to the video, the cue of the moment under it.
        from creator_studio.ui.widgets.captions import CueTrack, captions_for

        self.caption_label = QLabel()
        self.caption_label.setObjectName("captionLine")
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption_label.setWordWrap(True)
        self.caption_label.setAccessibleName(tr("Caption"))
        self.caption_label.setStyleSheet("QLabel#captionLine { background: #1f2933; color: white;"
                                         " padding: 4px 8px; }")
        self.caption_label.setMinimumHeight(self.fontMetrics().height() * 2 + 8)
        self.captions = None
        cap = captions_for(path)
        if cap is not None:
            try:
                self.captions = CueTrack.load(cap)
            except OSError:
                log.info("captions unreadable: %s", cap, exc_info=True)
        lay.addWidget(self.caption_label)
        self.caption_label.setVisible(bool(self.captions and self.captions.cues))
        # #18 defect 11: a seek bar with the time, and the first frame instead of black.
        seek_row = QHBoxLayout()
        self.seek = QSlider(Qt.Orientation.Horizontal)
        self.seek.setAccessibleName(tr("Video position"))
        self.seek.setRange(0, 0)
        self.seek.sliderMoved.connect(self.player.setPosition)
        self.seek.actionTriggered.connect(
            lambda _a: self.player.setPosition(self.seek.sliderPosition()))
        self.time_label = QLabel(clock(0) + " / " + clock(0))
        self.time_label.setAccessibleName(tr("Video time"))
        seek_row.addWidget(self.seek, 1)
        seek_row.addWidget(self.time_label)
        lay.addLayout(seek_row)
        self.player.durationChanged.connect(self._duration)
        self.player.positionChanged.connect(self._position)
        self.player.mediaStatusChanged.connect(self._status)
        row = QHBoxLayout()
        self.play_button = QPushButton(tr("&Play / pause"))
        self.play_button.setAccessibleName(tr("Play or pause the video"))
        self.play_button.clicked.connect(self.toggle)
        ext = QPushButton(tr("Open externally"))
        ext.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        self.caption_check = QCheckBox(tr("Captio&ns"))
        self.caption_check.setAccessibleName(tr("Show captions"))
        self.caption_check.setChecked(True)
        self.caption_check.setEnabled(bool(self.captions and self.captions.cues))
        self.caption_check.toggled.connect(lambda on: (
            self.caption_label.setVisible(on and bool(self.captions and self.captions.cues)),
            self.show_caption(self.player.position())))
        row.addWidget(self.play_button)
        row.addWidget(self.caption_check)
        row.addWidget(ext)
        row.addStretch(1)
        lay.addLayout(row)

    def _duration(self, ms: int) -> None:
        self.seek.setRange(0, max(0, int(ms)))
        self._position(self.player.position())

    def _position(self, ms: int) -> None:
        if not self.seek.isSliderDown():
            self.seek.blockSignals(True)
            self.seek.setValue(int(ms))
            self.seek.blockSignals(False)
        self.time_label.setText(f"{clock(ms)} / {clock(self.player.duration())}")
        self.show_caption(ms)

    def show_caption(self, ms: int) -> str:
        text = self.captions.at(int(ms)) if self.captions is not None and \
            self.caption_check.isChecked() else ""
        if self.caption_label.text() != text:
            self.caption_label.setText(text)
        return text

    def _status(self, status) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status == QMediaPlayer.MediaStatus.LoadedMedia and \
                self.player.playbackState() == QMediaPlayer.PlaybackState.StoppedState:
            self.player.pause()  # paused at 0: shows the first frame, not a black box

    def toggle(self) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    def stop(self) -> None:
        if self.player is not None:
            self.player.stop()


class HtmlPreview(QWidget):
    def __init__(self, path: Path, parent=None) -> None:
        super().__init__(parent)
        self.path = path
        self.view = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        try:
            if not web_engine_enabled():
                raise ImportError("QtWebEngine disabled by CREATOR_STUDIO_WEBENGINE=0")
            from PySide6.QtWebEngineWidgets import QWebEngineView
        except ImportError as exc:
            log.info("H5 preview unavailable: %s", exc)
            self.fallback = OpenExternally(path, tr("The built-in browser is not available; open "
                                                    "the H5 course in your browser instead."))
            lay.addWidget(self.fallback)
            return
        self.fallback = None
        self.view = QWebEngineView()
        self.view.setAccessibleName(tr("H5 course preview"))
        self.view.load(QUrl.fromLocalFile(str(path)))
        # #18: see the course as a learner's phone shows it (390 CSS px wide) or full width.
        stage = QHBoxLayout()
        stage.addStretch(0)
        stage.addWidget(self.view, 1)
        stage.addStretch(0)
        lay.addLayout(stage, 1)
        row = QHBoxLayout()
        self.phone_button = QPushButton(tr("P&hone"))
        self.desktop_button = QPushButton(tr("Des&ktop"))
        for b, mode in ((self.phone_button, "phone"), (self.desktop_button, "desktop")):
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, m=mode: self.set_mode(m))
            row.addWidget(b)
        ext = QPushButton(tr("Open in &browser"))
        ext.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        row.addWidget(ext)
        row.addStretch(1)
        lay.addLayout(row)
        self.set_mode("phone")

    PHONE_WIDTH = 390  # CSS px of a common phone; the H5 package is designed mobile-first

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.phone_button.setChecked(mode == "phone")
        self.desktop_button.setChecked(mode == "desktop")
        if mode == "phone":
            self.view.setFixedWidth(self.PHONE_WIDTH)
        else:
            self.view.setMinimumWidth(0)
            self.view.setMaximumWidth(16777215)


def preview_for(form: str, entry: dict, root: Path) -> QWidget:
    """The preview of one form. A form with several outputs (a skit: video, branching H5 and
    chat long image) gets one inner tab per output."""
    files = entry.get("files", [])
    by_role: dict[str, list[Path]] = {}
    for f in files:
        by_role.setdefault(f.get("role", ""), []).append(root / f["path"])
    parts: list[tuple[str, QWidget]] = []
    if by_role.get("video"):
        parts.append((tr("Video"), VideoPreview(by_role["video"][0])))
    if by_role.get("html"):
        parts.append((tr("Interactive (H5)"), HtmlPreview(by_role["html"][0])))
    images = [p for p in by_role.get("image", []) if p.suffix.lower() in (".png", ".jpg", ".jpeg")]
    if images:
        parts.append((tr("Pictures"), LongImagePreview(images)))
    if len(parts) == 1:
        return parts[0][1]
    if parts:
        inner = QTabWidget()
        inner.setAccessibleName(tr("Outputs of this form"))
        for title, w in parts:
            inner.addTab(w, title)
        return inner
    lab = QLabel(tr("No preview for this form. Files: {files}").format(
        files=", ".join(f["path"] for f in files) or "—"))
    lab.setWordWrap(True)
    return lab


class PreviewTabs(QTabWidget):
    """One tab per rendered form, rebuilt after each render (or a delivery under review)."""

    def __init__(self, language: str = "zh_CN", parent=None) -> None:
        super().__init__(parent)
        self.language = language
        self.setAccessibleName(tr("Previews"))
        self.root: Path | None = None
        self.show_placeholder()

    def show_placeholder(self) -> None:
        self.clear()
        lab = QLabel(tr("Render a form to preview it here."))
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addTab(lab, tr("Preview"))

    def clear(self) -> None:
        for i in range(self.count()):
            w = self.widget(i)
            players = [w] if isinstance(w, VideoPreview) else w.findChildren(VideoPreview)
            for p in players:
                p.stop()
        while self.count():
            w = self.widget(0)
            self.removeTab(0)
            w.deleteLater()

    def load(self, root: Path) -> list[str]:
        root = Path(root)
        self.root = root
        try:
            manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            self.show_placeholder()
            return []
        self.clear()
        forms = manifest.get("forms", {})
        labels = _form_labels(self.language)
        for form, entry in forms.items():
            self.addTab(preview_for(form, entry, root), labels.get(form, form))
        if not forms:
            self.show_placeholder()
        return list(forms)


def _form_labels(lang: str) -> dict[str, str]:
    from creator_studio.ui.forms_meta import form_names  # #18: from the registry only

    return form_names(lang)
