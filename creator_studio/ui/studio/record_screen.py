"""录屏 / Screen recording into a *video page* of the lesson (issue 14, part 2).

`ScreenRecorder` wires QScreenCapture (the whole screen) or QWindowCapture (one window), and
optionally the microphone (QAudioInput), into a QMediaCaptureSession whose QMediaRecorder writes
an MP4 progressively (Qt's FFmpeg back end encodes on its own threads, never the UI thread).
Pause and resume are QMediaRecorder's. `insert_video_page` stores the MP4 as a content-addressed
asset and inserts a page holding one `Media(media_type="video")` block — one undo command.

Platforms: Windows (DXGI / GDI grabbing) and Linux/X11 (XShm grabbing) work through Qt. On Wayland
Qt captures only through the desktop portal (PipeWire); `capture_problem()` says so in plain
words when the session is Wayland and Qt offers no screen, instead of recording black frames.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QGuiApplication

from creator_studio.core.lesson import model as m
from creator_studio.core.lesson.assets import AssetStore
from creator_studio.ui.studio.commands import SetAttr
from creator_studio.ui.translate import tr

log = logging.getLogger(__name__)


def capture_problem() -> str | None:
    """Why screen recording cannot work here (a message for the maker), or None."""
    try:
        from PySide6.QtMultimedia import QScreenCapture  # noqa: F401
    except ImportError as exc:
        return f"录屏功能不可用（缺少多媒体组件）/ Screen recording is unavailable: {exc}"
    platform = QGuiApplication.platformName()
    if platform == "wayland" or (platform != "xcb" and os.environ.get("WAYLAND_DISPLAY")
                                 and not os.environ.get("DISPLAY")):
        return ("Wayland 桌面只能通过系统的屏幕共享门户录屏：请在弹出的对话框中允许共享屏幕；"
                "若没有弹出，请改用 X11 会话（登录时选择“Xorg”）。 / On Wayland, screens are captured only "
                "through the desktop portal: allow screen sharing when asked, or log in to an X11 (Xorg) session.")
    if platform in ("offscreen", "minimal"):
        return "当前没有可录制的屏幕 / There is no screen to record here (offscreen display)"
    if QGuiApplication.primaryScreen() is None:
        return "没有找到屏幕 / No screen found"
    return None


class ScreenRecorder(QObject):
    """Record the whole screen (or one window) with optional microphone into an MP4."""

    started = Signal()
    finished = Signal(str)   # the MP4
    failed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import (
            QAudioInput,
            QMediaCaptureSession,
            QMediaFormat,
            QMediaRecorder,
            QScreenCapture,
            QWindowCapture,
        )

        self._QMediaRecorder = QMediaRecorder
        self.session = QMediaCaptureSession(self)
        self.screen = QScreenCapture(self)
        self.window = QWindowCapture(self)
        self.mic: QAudioInput | None = None
        self._QAudioInput = QAudioInput
        self.recorder = QMediaRecorder(self)
        self.session.setRecorder(self.recorder)
        fmt = QMediaFormat(QMediaFormat.FileFormat.MPEG4)
        fmt.setVideoCodec(QMediaFormat.VideoCodec.H264)  # Qt falls back when H.264 is missing
        fmt.setAudioCodec(QMediaFormat.AudioCodec.AAC)
        self.recorder.setMediaFormat(fmt)
        self.recorder.setQuality(QMediaRecorder.Quality.HighQuality)
        self.recorder.errorOccurred.connect(lambda _e, s: self.failed.emit(s))
        self.screen.errorOccurred.connect(lambda _e, s: self.failed.emit(s))
        self.window.errorOccurred.connect(lambda _e, s: self.failed.emit(s))
        self.recorder.recorderStateChanged.connect(self._on_state)
        self.path: Path | None = None

    def start(self, path: Path, *, window=None, screen=None, microphone=None, frame_rate: int = 30) -> bool:
        problem = capture_problem()
        if problem:
            self.failed.emit(problem)
            return False
        if window is not None and not window.isValid():
            # Qt would record a small patch of something else (seen under Xvfb: 160×160 of
            # another window); say it plainly instead
            self.failed.emit("这个窗口无法录制（已关闭，或系统不提供它的画面）/ This window cannot be recorded "
                             "(it was closed, or the system does not share its picture)")
            return False
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if window is not None:
            self.window.setWindow(window)
            self.session.setWindowCapture(self.window)
            self.window.start()
        else:
            self.screen.setScreen(screen or QGuiApplication.primaryScreen())
            self.session.setScreenCapture(self.screen)
            self.screen.start()
        if microphone is not None:
            self.mic = self._QAudioInput(microphone, self)
            self.session.setAudioInput(self.mic)
        self.recorder.setVideoFrameRate(frame_rate)
        self.recorder.setOutputLocation(QUrl.fromLocalFile(str(self.path)))
        self.recorder.record()
        return True

    def pause(self) -> None:
        self.recorder.pause()

    def resume(self) -> None:
        self.recorder.record()

    def stop(self) -> None:
        self.recorder.stop()

    @property
    def state(self):
        return self.recorder.recorderState()

    def _on_state(self, state) -> None:
        R = self._QMediaRecorder.RecorderState
        if state == R.RecordingState:
            self.started.emit()
        elif state == R.StoppedState:
            self.screen.stop()
            self.window.stop()
            out = Path(self.recorder.actualLocation().toLocalFile() or self.path or "")
            if out.is_file() and out.stat().st_size > 0:
                self.finished.emit(str(out))


def insert_video_page(project, mp4: Path, *, after: int | None = None, title: str = "") -> m.Page:
    """Store the MP4 as an asset and insert a video page after page `after` (undoable)."""
    lesson = project.lesson
    root = lesson.asset_root or (project.work_dir / "assets")
    lesson.asset_root = root
    name = AssetStore(root).put_file(Path(mp4), ".mp4")
    used = {p.id for p in lesson.pages}
    n = 1
    while f"video-{n}" in used:
        n += 1
    page = m.Page(id=f"video-{n}", title=title or tr("Screen recording"),
                  blocks=[m.Media(asset=name, media_type="video", mime="video/mp4")])
    pages = list(lesson.pages)
    pages.insert(len(pages) if after is None else max(0, min(len(pages), after + 1)), page)
    project.undo_stack.push(SetAttr(lesson, "pages", pages, project.pages_reset.emit,
                                    tr("Insert screen recording")))
    return page


def replace_video_clip(project, page, mp4: Path) -> None:
    """Retake: the page keeps its place and title, its video block gets the new recording (in/out
    points reset). One undo command; the old asset stays until the project's assets are swept."""
    lesson = project.lesson
    root = lesson.asset_root or (project.work_dir / "assets")
    lesson.asset_root = root
    name = AssetStore(root).put_file(Path(mp4), ".mp4")
    project.undo_stack.push(SetAttr(page, "blocks", [m.Media(asset=name, media_type="video", mime="video/mp4")],
                                    project.pages_reset.emit, tr("Retake screen recording")))


def make_screen_record_dialog(project, after: int | None, parent=None, *, countdown_ms: int = 1000):
    """录屏 dialog: microphone on/off, 3-2-1, pause/resume, stop → inserted as a video page."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

    from creator_studio.ui.studio.recorder import audio_inputs

    class _Dialog(QDialog):
        inserted = Signal(str)  # page id
        retaken = Signal(str)   # page id
        _processed = Signal(str, str)  # finished clip, error (from the worker thread)

        def __init__(self) -> None:
            super().__init__(parent)
            self.setWindowTitle(tr("Screen recording"))
            self.page = None
            self._count = 0
            lay = QVBoxLayout(self)
            self.message = QLabel()
            self.message.setWordWrap(True)
            lay.addWidget(self.message)
            self.mic_check = QCheckBox(tr("Record the microphone too"))
            self.mics = audio_inputs()
            self.mic_check.setChecked(bool(self.mics))
            self.mic_check.setEnabled(bool(self.mics))
            lay.addWidget(self.mic_check)
            # what to record: a screen, a window, or a region of the primary screen
            from PySide6.QtWidgets import QComboBox

            from creator_studio.ui.studio import screen_tools

            src_row = QHBoxLayout()
            self.source_combo = QComboBox()
            self.source_combo.setAccessibleName(tr("What to record"))
            self.sources = screen_tools.capture_sources() if not capture_problem() else []
            for kind, label, _h in self.sources:
                self.source_combo.addItem(label, kind)
            self.source_combo.addItem(tr("A region of the screen…"), "region")
            self.source_combo.activated.connect(self._source_chosen)
            src_row.addWidget(self.source_combo, 1)
            self.region_button = QPushButton(tr("Choose region…"))
            self.region_button.clicked.connect(self.pick_region)
            src_row.addWidget(self.region_button)
            lay.addLayout(src_row)
            self.region = None  # QRect in screen coordinates when recording a region
            self.region_label = QLabel()
            lay.addWidget(self.region_label)
            self.cursor_check = QCheckBox(tr("Highlight the cursor and clicks"))
            self.cursor_check.setChecked(True)
            lay.addWidget(self.cursor_check)
            # webcam bubble (picture in picture) when a camera exists; said plainly when none
            self.cameras = screen_tools.cameras()
            self.webcam_check = QCheckBox(tr("Show my webcam in a corner"))
            self.webcam_check.setEnabled(bool(self.cameras))
            self.webcam_check.setChecked(False)
            lay.addWidget(self.webcam_check)
            self.webcam_note = QLabel("" if self.cameras else
                                      tr("No camera found: the recording has no webcam bubble."))
            self.webcam_note.setVisible(not self.cameras)
            lay.addWidget(self.webcam_note)
            self.camera = None         # CameraRecorder while recording with the bubble
            self._screen_started = None
            self.tracker = None
            self.bubble = None
            self.global_key = None
            self.stopped_by = ""
            from PySide6.QtCore import Qt as _Qt
            from PySide6.QtGui import QKeySequence, QShortcut

            # stop / pause keys for the whole studio (not system-wide: see screen_tools)
            self.stop_key = QShortcut(QKeySequence("F10"), self, context=_Qt.ShortcutContext.ApplicationShortcut)
            self.stop_key.activated.connect(self.stop)
            self.pause_key = QShortcut(QKeySequence("F9"), self, context=_Qt.ShortcutContext.ApplicationShortcut)
            self.pause_key.activated.connect(lambda: self.recorder is not None and self.toggle_pause())
            row = QHBoxLayout()
            self.start_button = QPushButton(tr("● Record"))
            self.pause_button = QPushButton(tr("Pause"))
            self.stop_button = QPushButton(tr("■ Stop"))
            for b in (self.start_button, self.pause_button, self.stop_button):
                row.addWidget(b)
            lay.addLayout(row)
            # after a take: its in/out points on a timeline, Retake, Apply (issue 14)
            from creator_studio.ui.studio.trim_timeline import ClipTimeline

            self.timeline = ClipTimeline()
            self.timeline.setVisible(False)
            self.trim_label = QLabel()
            self.trim_label.setVisible(False)
            self.timeline.trim_changed.connect(self._show_trim)
            lay.addWidget(self.timeline)
            lay.addWidget(self.trim_label)
            row2 = QHBoxLayout()
            self.retake_button = QPushButton(tr("Retake"))
            self.retake_button.setAccessibleName(tr("Record this screen recording again"))
            self.trim_button = QPushButton(tr("Apply in/out points"))
            self.trim_button.setAccessibleName(tr("Keep only the part between the two handles"))
            for b in (self.retake_button, self.trim_button):
                b.setVisible(False)
                row2.addWidget(b)
            lay.addLayout(row2)
            self.retake_button.clicked.connect(self.retake)
            self.trim_button.clicked.connect(self.apply_trim)
            self._retaking = False
            self._take_region = None
            self._take_window = False
            self.last_track = []
            self._processed.connect(self._on_processed)
            self.recorder = None
            self.problem = capture_problem()
            if self.problem:
                self.message.setText(self.problem)
            self.start_button.clicked.connect(self.start)
            self.pause_button.clicked.connect(self.toggle_pause)
            self.stop_button.clicked.connect(self.stop)
            self._update()

        def _note_start(self) -> None:
            import time as _t

            if self._screen_started is None:
                self._screen_started = _t.monotonic()

        def _source_chosen(self, _i=None) -> None:
            if self.source_combo.currentData() == "region":
                self.pick_region()

        def pick_region(self):
            from creator_studio.ui.studio.screen_tools import RegionPicker

            self.picker = RegionPicker()
            self.picker.picked.connect(self.set_region)
            self.picker.show()
            self.picker.activateWindow()
            return self.picker

        def set_region(self, rect) -> None:
            self.region = rect
            self.source_combo.setCurrentIndex(self.source_combo.findData("region"))
            self.region_label.setText(tr("Region: {w}×{h} at ({x}, {y})").format(
                w=rect.width(), h=rect.height(), x=rect.x(), y=rect.y()))

        def _capture_target(self) -> dict:
            kind = self.source_combo.currentData()
            i = self.source_combo.currentIndex()
            if kind == "window" and i < len(self.sources):
                return {"window": self.sources[i][2]}
            if kind == "screen" and i < len(self.sources):
                return {"screen": self.sources[i][2]}
            return {}

        def _update(self) -> None:
            rec = self.recorder is not None
            self.start_button.setEnabled(not self.problem and not rec and self._count == 0)
            self.pause_button.setEnabled(rec)
            self.stop_button.setEnabled(rec)
            has_take = self.page is not None
            for w in (self.timeline, self.trim_label, self.retake_button, self.trim_button):
                w.setVisible(has_take)
            self.retake_button.setEnabled(has_take and not rec and self._count == 0)
            self.trim_button.setEnabled(has_take and not rec and self.timeline.duration > 0)

        def _show_trim(self, start: float, end: float) -> None:
            from creator_studio.ui.studio.trim_timeline import describe

            self.trim_label.setText(describe(start, end))

        def retake(self) -> None:
            self._retaking = True
            self.start()

        def apply_trim(self) -> bool:
            from creator_studio.ui.studio.trim_timeline import apply_trim

            done = apply_trim(project, self.page, self.timeline.trim())
            if done:
                self.message.setText(tr("In/out points stored; the recording itself is kept whole."))
            return done

        def _load_timeline(self) -> None:
            media = self.page.blocks[0]
            self.timeline.loaded.connect(self._update)
            self.timeline.load(project.lesson.asset_path(media.asset), (media.trim_in, media.trim_out))

        def start(self) -> None:
            self._count = 3
            self.message.setText("3")
            self._update()
            QTimer.singleShot(countdown_ms, self._tick)

        def _tick(self) -> None:
            self._count -= 1
            if self._count > 0:
                self.message.setText(str(self._count))
                QTimer.singleShot(countdown_ms, self._tick)
                return
            self.recorder = ScreenRecorder(self)
            self.recorder.failed.connect(self._failed)
            self.recorder.finished.connect(self._recorded)
            target = project.work_dir / "recordings" / f"screen-{time_stamp()}.mp4"
            mic = self.mics[0] if self.mic_check.isChecked() and self.mics else None
            use_region = self.source_combo.currentData() == "region" and self.region is not None
            target_kw = {} if use_region else self._capture_target()
            self._take_region = self.region if use_region else None
            self._take_window = "window" in target_kw
            if self.cursor_check.isChecked() and not self._take_window:
                from creator_studio.ui.studio.screen_tools import CursorTracker

                self.tracker = CursorTracker(self)
                self.recorder.started.connect(self.tracker.start)
            else:
                self.tracker = None
            self.recorder.started.connect(self._note_start)
            self.camera = None
            if self.webcam_check.isChecked() and self.cameras:
                from creator_studio.ui.studio.screen_tools import CameraRecorder

                self.camera = CameraRecorder(self.cameras[0], self)
                self.camera.start(target.with_name(target.stem + "-camera.mp4"))
            if self.recorder.start(target, microphone=mic, **target_kw):
                self.message.setText(tr("Recording the screen… (F10 stops, F9 pauses)"))
                from creator_studio.ui.studio.screen_tools import StopBubble

                self.bubble = StopBubble(self.stop, avoid=self._take_region)
                self.bubble.show()
                from creator_studio.ui.studio.screen_tools import global_stop_key

                self.global_key = global_stop_key(self)  # F10 from any program (X11)
                if self.global_key is not None:
                    self.global_key.activated.connect(self._global_stop)
            self._update()

        def toggle_pause(self) -> None:
            from PySide6.QtMultimedia import QMediaRecorder

            if self.recorder.state == QMediaRecorder.RecorderState.PausedState:
                self.recorder.resume()
                if self.camera is not None:
                    self.camera.resume()
                if self.tracker is not None:
                    self.tracker.resume()
                self.pause_button.setText(tr("Pause"))
            else:
                self.recorder.pause()
                if self.camera is not None:
                    self.camera.pause()
                if self.tracker is not None:
                    self.tracker.pause()
                self.pause_button.setText(tr("Resume"))

        def stop(self) -> None:
            if self.recorder is not None:
                self.recorder.stop()

        def _global_stop(self) -> None:
            self.stopped_by = "global key"
            self.stop()

        def _close_bubble(self) -> None:
            if self.bubble is not None:
                self.bubble.close()
                self.bubble.deleteLater()
                self.bubble = None
            if self.global_key is not None:
                self.global_key.close()
                self.global_key = None

        def _failed(self, msg: str) -> None:
            self._close_bubble()
            if self.tracker is not None:
                self.tracker.stop()
                self.tracker = None
            if self.camera is not None:  # the webcam was started first: stop it, drop its file
                cam_clip, _t = self.camera.stop()
                if cam_clip is not None:
                    Path(cam_clip).unlink(missing_ok=True)
                self.camera = None
            self._screen_started = None
            self.message.setText(msg)
            self.recorder = None
            self._update()

        def _recorded(self, path: str) -> None:
            """The raw take → region crop and cursor/click highlights (worker thread) → page."""
            import threading

            from creator_studio.core.media import recording

            self._close_bubble()
            track = self.tracker.stop() if self.tracker is not None else None
            self.tracker = None
            self.last_track = track or []
            region = self._take_region
            cam_clip, cam_offset = None, 0.0
            if self.camera is not None:
                cam_clip, cam_start = self.camera.stop()
                if cam_start is not None and self._screen_started is not None:
                    cam_offset = max(0.0, cam_start - self._screen_started)
                self.camera = None
            self._screen_started = None
            if not region and not track and cam_clip is None:
                self._finished(path)
                return
            self.message.setText(tr("Finishing the recording (region, cursor)…"))
            crop = (region.x(), region.y(), region.width(), region.height()) if region else None
            scr = QGuiApplication.primaryScreen().geometry()
            src = Path(path)
            dst = src.with_name(src.stem + "-done.mp4")

            def work():
                try:
                    recording.finish_screen_clip(src, dst, crop=crop, cursor=track,
                                                 screen_size=(scr.width(), scr.height()))
                    if cam_clip is not None:  # the bubble goes on last, over the cropped picture
                        tmp = dst.with_name(dst.stem + "-pip.mp4")
                        recording.composite_webcam(dst, cam_clip, tmp, offset=cam_offset)
                        tmp.replace(dst)
                        Path(cam_clip).unlink(missing_ok=True)
                    self._processed.emit(str(dst), "")
                except Exception as exc:  # noqa: BLE001 - shown to the maker, the raw take is kept
                    self._processed.emit(str(src), str(exc))

            threading.Thread(target=work, name="screen-finish", daemon=True).start()

        def _on_processed(self, path: str, error: str) -> None:
            if error:
                self.message.setText(tr("The region/cursor pass failed; the recording is kept as it was: {e}")
                                     .format(e=error[:200]))
            raw = Path(path).with_name(Path(path).name.replace("-done.mp4", ".mp4"))
            if raw != Path(path):
                raw.unlink(missing_ok=True)
            self._finished(path)

        def _finished(self, path: str) -> None:
            if self._retaking and self.page is not None:
                replace_video_clip(project, self.page, Path(path))
                self.message.setText(tr("Retake stored in the video page: {t}").format(t=self.page.title))
            else:
                self.page = insert_video_page(project, Path(path), after=after)
                self.message.setText(tr("Inserted as a video page: {t}").format(t=self.page.title))
            Path(path).unlink(missing_ok=True)  # the asset holds the bytes now
            retook, self._retaking = self._retaking, False
            self.recorder = None
            self._update()
            self._load_timeline()
            if retook:
                self.retaken.emit(self.page.id)
            else:
                self.inserted.emit(self.page.id)

    return _Dialog()


def time_stamp() -> str:
    import time

    return time.strftime("%Y%m%d-%H%M%S")
