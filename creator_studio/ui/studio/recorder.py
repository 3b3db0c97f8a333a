"""录音 / Record: the maker narrates one page with their own voice (issue 14).

The dialog shows the page (its picture when there is one, else its text) and the narration
script, a microphone chooser and a live level meter. Record starts after a 3-2-1 countdown;
Stop, Play and Retake work as on a dictaphone. Silence at both ends is trimmed automatically and
the two handles on the waveform move the cut by hand. "Use this take" trims, gates, normalises
to −16 LUFS (`core/media/recording.py`) on a worker thread and stores the result as a
content-addressed asset in `Page.narration_audio` — one undo command, so autosave, undo and
crash recovery treat it like any other edit, and every form uses it instead of TTS.

WHY a QAudioSource read on our own thread (not QMediaRecorder): we write the WAV ourselves in
one-second flushes (`recording.PartialWav`), so a crash keeps the take up to the last second
and the dialog offers it back next time; the same bytes drive the level meter. Capture and
disk writes run on `CaptureWorker`'s QThread, never on the UI thread.

No microphone (or no QtMultimedia back end) is an inline message, never a crash.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QThread, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from creator_studio.core.errors import StudioError
from creator_studio.core.media import audio, recording
from creator_studio.ui.studio.commands import SetAttr
from creator_studio.ui.translate import tr

log = logging.getLogger(__name__)


def audio_inputs() -> list:
    """The microphones Qt sees; [] when QtMultimedia cannot load (no libpulse, no back end)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return []
    return list(QMediaDevices.audioInputs())


# ------------------------------------------------------------------------------------------
# Capture, on its own thread


class CaptureWorker(QObject):
    """Owns the QAudioSource; lives on a QThread. Reads every 40 ms and appends to the WAV."""

    level = Signal(float)       # dBFS peak of the last chunk (also while armed)
    progress = Signal(float)    # seconds recorded
    capturing = Signal()        # the first bytes after `go()` reached the file
    stopped = Signal(str)       # path of the finished WAV
    failed = Signal(str)        # a message for the maker (中文 / English)

    def __init__(self) -> None:
        super().__init__()
        self._source = None
        self._io = None
        self._wav: recording.PartialWav | None = None
        self._timer: QTimer | None = None
        # Armed = the microphone is open and metered but nothing is written yet. The countdown
        # runs armed, so the device's start-up (0.5–2 s on PulseAudio) is over when the maker
        # starts speaking. A plain attribute: set from the UI thread, read here (GIL-atomic).
        self.writing = False
        self._announced = False

    def go(self) -> None:
        """Start writing (called from the UI thread when the countdown reaches zero)."""
        self.writing = True

    @Slot(object, str)
    def start(self, device, path: str) -> None:
        try:
            from PySide6.QtMultimedia import QAudioFormat, QAudioSource
        except ImportError as exc:
            self.failed.emit(f"无法使用录音功能 / Recording is unavailable: {exc}")
            return
        fmt = QAudioFormat()
        fmt.setSampleRate(recording.RECORD_RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not device.isFormatSupported(fmt):
            pref = device.preferredFormat()
            fmt.setSampleRate(pref.sampleRate())
            fmt.setChannelCount(max(1, min(2, pref.channelCount())))
        self._source = QAudioSource(device, fmt, self)
        self._source.setBufferSize(fmt.bytesForDuration(500_000))  # 0.5 s: a busy machine drops nothing
        try:
            self._wav = recording.PartialWav(Path(path), rate=fmt.sampleRate(), channels=fmt.channelCount())
        except OSError as exc:  # project folder unwritable, disk full
            self._source.deleteLater()
            self._source = None
            self.failed.emit(f"无法写入录音文件 / Cannot write the take: {exc}")
            return
        self._io = self._source.start()
        if self._io is None or self._source.error().value != 0:
            err = self._source.error()
            self._close_source()
            self.failed.emit(f"麦克风无法打开 / The microphone could not be opened ({err.name})")
            return
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._pull)
        self._timer.start(40)

    def _pull(self) -> None:
        if self._io is None or self._wav is None:
            return
        data = bytes(self._io.readAll().data())
        if data:
            self.level.emit(recording.level_dbfs(data))
            if self.writing:
                try:
                    self._wav.write(data)
                except OSError as exc:  # disk full mid-take: keep what is on disk, tell the maker
                    self._close_source()
                    self.failed.emit(f"录音写入失败，已保存到此为止的部分 / Writing the take failed "
                                     f"(kept up to here): {exc}")
                    return
                self.progress.emit(self._wav.seconds)
                if not self._announced:
                    self._announced = True
                    self.capturing.emit()

    @Slot()
    def stop(self) -> None:
        if self._wav is None:
            return
        self._pull()
        path = self._close_source()
        if path is not None:
            self.stopped.emit(str(path))

    def _close_source(self) -> Path | None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._source is not None:
            self._source.stop()
            self._source.deleteLater()
            self._source = None
        self._io = None
        path = None
        if self._wav is not None:
            try:
                path = self._wav.close()
            except OSError:  # the header could not be updated: the data is there, recover_partial fixes it
                path = self._wav.path
        self._wav = None
        return path


# ------------------------------------------------------------------------------------------
# Waveform with two trim handles


class WaveformView(QWidget):
    """The take as a peak envelope; drag near a handle to move the start or end of the cut."""

    trim_changed = Signal(float, float)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(80)
        self.setAccessibleName(tr("Waveform of the take; drag the handles to trim"))
        self.samples = np.zeros(0, dtype=np.int16)
        self.rate = recording.RECORD_RATE
        self.start = 0.0
        self.end = 0.0
        self._drag: str | None = None

    @property
    def duration(self) -> float:
        return len(self.samples) / float(self.rate or 1)

    def set_take(self, samples: np.ndarray, rate: int, trim: tuple[float, float]) -> None:
        self.samples, self.rate = samples, rate
        self.set_trim(*trim)

    def set_trim(self, start: float, end: float) -> None:
        d = self.duration
        start = max(0.0, min(start, d))
        end = max(start, min(end, d))
        self.start, self.end = start, end
        self.update()
        self.trim_changed.emit(start, end)

    def _x(self, t: float) -> float:
        return t / self.duration * self.width() if self.duration else 0.0

    def _t(self, x: float) -> float:
        return max(0.0, min(self.duration, x / max(1, self.width()) * self.duration))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#f4f6fa"))
        w, h = self.width(), self.height()
        if self.duration:
            env = recording.envelope(self.samples, w)
            p.fillRect(QRectF(self._x(self.start), 0, self._x(self.end) - self._x(self.start), h),
                       QColor("#dfe9f7"))
            p.setPen(QPen(QColor("#2c5aa0"), 1))
            mid = h / 2
            for x, v in enumerate(env):
                p.drawLine(QPointF(x, mid - v * mid), QPointF(x, mid + v * mid))
            p.setPen(QPen(QColor("#c0392b"), 2))
            for t in (self.start, self.end):
                p.drawLine(QPointF(self._x(t), 0), QPointF(self._x(t), h))
        p.end()

    def mousePressEvent(self, event) -> None:
        if not self.duration:
            return
        x = event.position().x()
        self._drag = "start" if abs(x - self._x(self.start)) <= abs(x - self._x(self.end)) else "end"
        self.mouseMoveEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._drag is None:
            return
        t = self._t(event.position().x())
        if self._drag == "start":
            self.set_trim(min(t, self.end), self.end)
        else:
            self.set_trim(self.start, max(t, self.start))

    def mouseReleaseEvent(self, _event) -> None:
        self._drag = None


# ------------------------------------------------------------------------------------------
# The dialog


class RecorderDialog(QDialog):
    """Record, review and use a take for one page."""

    take_ready = Signal(str)       # raw WAV of the take under review
    capture_started = Signal()     # the countdown is over and audio is reaching the file
    take_used = Signal(str)        # asset name stored in Page.narration_audio
    _start_capture = Signal(object, str)
    _stop_capture = Signal()

    def __init__(self, project, page, parent=None, *, runner=None, countdown_ms: int = 1000) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Record narration") + f" — {page.title or page.id}")
        self.project, self.page = project, page
        self.countdown_ms = countdown_ms
        self.take_path: Path | None = None
        self.recording = False
        self._countdown = 0
        self._player = None
        if runner is None:
            from creator_studio.ui.runner import JobRunner

            runner = JobRunner(read_threads=1)
            self._own_runner = True
        else:
            self._own_runner = False
        self.runner = runner
        self._thread: QThread | None = None
        self._worker: CaptureWorker | None = None

        lay = QVBoxLayout(self)
        self.page_view = QLabel()
        self.page_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_view.setWordWrap(True)
        self.page_view.setMinimumHeight(160)
        lay.addWidget(self.page_view)
        self.script_view = QPlainTextEdit()
        self.script_view.setReadOnly(True)
        self.script_view.setAccessibleName(tr("Narration script"))
        self.script_view.setMaximumHeight(120)
        lay.addWidget(self.script_view)

        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Microphone:")))
        self.device_combo = QComboBox()
        self.device_combo.setAccessibleName(tr("Microphone"))
        row.addWidget(self.device_combo, 1)
        self.meter = QProgressBar()
        self.meter.setRange(-60, 0)
        self.meter.setValue(-60)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName(tr("Input level"))
        row.addWidget(self.meter, 1)
        lay.addLayout(row)

        self.message = QLabel()
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.countdown_label = QLabel()
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        f = self.countdown_label.font()
        f.setPointSize(f.pointSize() * 3)
        self.countdown_label.setFont(f)
        lay.addWidget(self.countdown_label)
        self.waveform = WaveformView()
        lay.addWidget(self.waveform)
        self.trim_label = QLabel()
        lay.addWidget(self.trim_label)

        buttons = QHBoxLayout()
        self.record_button = QPushButton(tr("● Record"))
        self.stop_button = QPushButton(tr("■ Stop"))
        self.play_button = QPushButton(tr("▶ Play"))
        self.retake_button = QPushButton(tr("Retake"))
        self.auto_trim_button = QPushButton(tr("Trim silence"))
        self.use_button = QPushButton(tr("Use this take"))
        self.remove_button = QPushButton(tr("Remove recording"))
        self.recover_button = QPushButton(tr("Recover unfinished take"))
        for b in (self.record_button, self.stop_button, self.play_button, self.retake_button,
                  self.auto_trim_button, self.use_button, self.remove_button, self.recover_button):
            buttons.addWidget(b)
        lay.addLayout(buttons)

        self.record_button.clicked.connect(self.start_countdown)
        self.stop_button.clicked.connect(self.stop)
        self.play_button.clicked.connect(self.play)
        self.retake_button.clicked.connect(self.retake)
        self.auto_trim_button.clicked.connect(self.apply_auto_trim)
        self.use_button.clicked.connect(self.use_take)
        self.remove_button.clicked.connect(self.remove_recording)
        self.recover_button.clicked.connect(self.recover_unfinished)
        self.waveform.trim_changed.connect(self._show_trim)

        self._show_page()
        self.refresh_devices()
        self._unfinished = [u for u in recording.find_unfinished(project.work_dir) if u.page_id == recording.safe_id(page.id)]
        if self._unfinished:
            u = self._unfinished[0]
            self.message.setText(tr("An unfinished take of this page was found ({s} s). Recover it?")
                                 .format(s=f"{u.seconds:.1f}"))
        self._update_buttons()

    # -- what is shown --------------------------------------------------------------------------
    def _show_page(self) -> None:
        page, lesson = self.page, self.project.lesson
        pic = lesson.asset_path(page.raster) if page.raster else None
        pix = QPixmap(str(pic)) if pic else QPixmap()
        if not pix.isNull():
            self.page_view.setPixmap(pix.scaled(480, 270, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))
        else:
            self.page_view.setText(page.plain_text()[:600])
        from creator_studio.core.media import page_script

        script = page.narration.strip() or page_script.script_from_page(page)
        self.script_view.setPlainText(script)

    def refresh_devices(self) -> None:
        self.device_combo.clear()
        self.devices = audio_inputs()
        try:
            from PySide6.QtMultimedia import QMediaDevices

            default_id = QMediaDevices.defaultAudioInput().id()
        except ImportError:
            default_id = None
        for i, d in enumerate(self.devices):
            self.device_combo.addItem(d.description(), i)
            if default_id is not None and d.id() == default_id:
                self.device_combo.setCurrentIndex(i)
        if not self.devices:
            self.message.setText(tr("No microphone found. Connect one (or allow microphone access in "
                                    "the system settings), then reopen this window."))
            self.message.setProperty("error", True)

    def _show_trim(self, start: float, end: float) -> None:
        self.trim_label.setText(tr("Keep {a} s – {b} s of {t} s").format(
            a=f"{start:.2f}", b=f"{end:.2f}", t=f"{self.waveform.duration:.2f}"))

    def _update_buttons(self) -> None:
        has_dev = bool(self.devices)
        has_take = self.take_path is not None
        busy = self.recording or self._countdown > 0
        self.record_button.setEnabled(has_dev and not busy and not has_take)
        self.device_combo.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        for b in (self.play_button, self.retake_button, self.auto_trim_button, self.use_button):
            b.setEnabled(has_take and not busy)
        self.remove_button.setEnabled(bool(self.page.narration_audio) and not busy)
        self.recover_button.setVisible(bool(self._unfinished) if hasattr(self, "_unfinished") else False)

    # -- recording ------------------------------------------------------------------------------
    def start_countdown(self) -> None:
        if not self.devices or self.recording:
            return
        self._countdown = 3
        self.countdown_label.setText("3")
        self._begin_capture()  # armed: the microphone opens and meters during the countdown
        self._update_buttons()
        QTimer.singleShot(self.countdown_ms, self._tick)

    def _tick(self) -> None:
        if self._countdown <= 0 or self._worker is None:  # stopped or failed during the countdown
            return
        self._countdown -= 1
        if self._countdown > 0:
            self.countdown_label.setText(str(self._countdown))
            QTimer.singleShot(self.countdown_ms, self._tick)
        else:
            self.countdown_label.setText(tr("Recording…"))
            self._worker.go()
            self._update_buttons()

    def _begin_capture(self) -> None:
        device = self.devices[max(0, self.device_combo.currentIndex())]
        path = recording.part_path(self.project.work_dir, self.page.id)
        self._thread = QThread()
        self._worker = CaptureWorker()
        self._worker.moveToThread(self._thread)
        self._start_capture.connect(self._worker.start)
        self._stop_capture.connect(self._worker.stop)
        # Bound methods of the dialog, not lambdas: PySide runs a lambda in the emitting (capture)
        # thread, and widgets touched there crashed a shown dialog (segfault on Stop); a method
        # of this QObject is queued to the UI thread.
        self._worker.level.connect(self._on_level)
        self._worker.progress.connect(self._on_progress)
        self._worker.capturing.connect(self.capture_started)
        self._worker.stopped.connect(self._on_stopped)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()
        self.recording = True
        self._update_buttons()
        self._start_capture.emit(device, str(path))

    @Slot(float)
    def _on_level(self, db: float) -> None:
        self.meter.setValue(int(max(-60, db)))

    @Slot(float)
    def _on_progress(self, seconds: float) -> None:
        self.countdown_label.setText(tr("Recording… {s} s").format(s=f"{seconds:.0f}"))

    def stop(self) -> None:
        self._countdown = 0
        self.countdown_label.clear()
        if self.recording:
            self._stop_capture.emit()
        self._update_buttons()

    def _end_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(5000)
            self._worker.deleteLater()
            self._thread = self._worker = None
        self.recording = False

    def _on_stopped(self, path: str) -> None:
        self._end_thread()
        part = Path(path)
        if audio.wav_duration(part) < 0.05:  # stopped during the countdown: nothing to review
            part.unlink(missing_ok=True)
            self.countdown_label.clear()
            self._update_buttons()
            return
        take = part.with_name(part.name.replace(recording.PART_SUFFIX, ".take.wav"))
        part.replace(take)  # finished cleanly: no longer something to offer back after a crash
        self.load_take(take)

    def _on_failed(self, msg: str) -> None:
        self._countdown = 0
        self._end_thread()
        self.countdown_label.clear()
        self.message.setText(msg)
        self.message.setProperty("error", True)
        self._update_buttons()

    def load_take(self, path: Path) -> None:
        try:
            samples, rate = audio.read_wav(Path(path))
        except (OSError, EOFError, ValueError) as exc:
            self._on_failed(f"无法读取录音 / Cannot read the take: {exc}")
            return
        self.take_path = Path(path)
        self.waveform.set_take(samples, rate, recording.auto_trim(samples, rate))
        self.countdown_label.clear()
        self.meter.setValue(-60)
        self.message.setText(tr("Take recorded: {s} s. Play it, trim it, then use it or retake.")
                             .format(s=f"{len(samples) / rate:.1f}"))
        self.message.setProperty("error", False)
        self._update_buttons()
        self.take_ready.emit(str(self.take_path))

    def recover_unfinished(self) -> None:
        if not self._unfinished:
            return
        u = self._unfinished.pop(0)
        take = u.path.with_name(u.path.name.replace(recording.PART_SUFFIX, ".take.wav"))
        u.path.replace(take)
        self._discard_take()
        self.load_take(take)

    def apply_auto_trim(self) -> None:
        if self.take_path is not None:
            self.waveform.set_trim(*recording.auto_trim(self.waveform.samples, self.waveform.rate))

    def play(self) -> None:
        if self.take_path is None:
            return
        from creator_studio.ui.studio.narration_panel import make_player

        if self._player is None:
            self._player = make_player(self)
        if self._player is None:
            self.message.setText(tr("This computer cannot play sound; the take is kept at {p}")
                                 .format(p=str(self.take_path)))
            return
        self._player.setSource(QUrl.fromLocalFile(str(self.take_path)))
        self._player.setPosition(int(self.waveform.start * 1000))
        self._player.play()

    def _discard_take(self) -> None:
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())
        if self.take_path is not None:
            self.take_path.unlink(missing_ok=True)
        self.take_path = None
        self.waveform.set_take(np.zeros(0, dtype=np.int16), recording.RECORD_RATE, (0.0, 0.0))

    def retake(self) -> None:
        self._discard_take()
        self.message.clear()
        self._update_buttons()
        self.start_countdown()

    # -- using the take -------------------------------------------------------------------------
    def use_take(self):
        """Finish the take on a worker thread; returns the job handle (tests wait on it)."""
        if self.take_path is None:
            return None
        take, trim = self.take_path, (self.waveform.start, self.waveform.end)
        assets = self.project.lesson.asset_root or (self.project.work_dir / "assets")
        self.use_button.setEnabled(False)
        self.message.setText(tr("Trimming and levelling the take…"))
        return self.runner.run(lambda job: recording.finalize_take(take, assets, trim=trim, job=job),
                               label="recording", on_success=self._on_finalized,
                               on_error=self._on_finalize_failed)

    def _notify_for(self, page):
        """What to tell the views after the take is set: a page, or another target (a skit
        line, `line_recording.LineTake`) that brings its own notifier."""
        own = getattr(page, "notify_changed", None)
        return own if callable(own) else (lambda: self.project.page_changed.emit(page.id))

    def _on_finalized(self, done: recording.FinishedTake) -> None:
        page = self.page
        if self.project.lesson.asset_root is None:
            self.project.lesson.asset_root = self.project.work_dir / "assets"
        self.project.undo_stack.push(SetAttr(page, "narration_audio", done.asset, self._notify_for(page),
                                             tr("Record narration")))
        self._discard_take()
        lufs = done.loudness.get("integrated_lufs")
        self.message.setText(tr("This page now uses your recording ({s} s, {l} LUFS).")
                             .format(s=f"{done.seconds:.1f}", l=lufs))
        self._update_buttons()
        self.take_used.emit(done.asset)

    def _on_finalize_failed(self, error) -> None:
        text = f"{error.message_zh} / {error.message_en}" if isinstance(error, StudioError) else str(error)
        self.message.setText(text)
        self.message.setProperty("error", True)
        self._update_buttons()

    def remove_recording(self) -> None:
        page = self.page
        if page.narration_audio:
            self.project.undo_stack.push(SetAttr(page, "narration_audio", None, self._notify_for(page),
                                                 tr("Remove recording")))
        self._update_buttons()

    # -- lifetime -------------------------------------------------------------------------------
    def cleanup(self) -> None:
        if self.recording:
            self._stop_capture.emit()
            self._thread.quit()
            self._thread.wait(5000)
        self._discard_take() if self.take_path is not None else None
        if self._own_runner:
            self.runner.wait(60000)

    def done(self, result: int) -> None:  # noqa: D401 - QDialog API
        self.cleanup()
        super().done(result)

