"""Narration of one page in the studio: where it comes from, a "listen" button, and word readings.

WHY (issue 13): makers could not hear what the video would say, and a notes-less page was silent.
This panel sits under the page's narration editor and offers:

- the page's narration choice: narrate (the notes, or — without notes — a script read from the
  page's own text, shown greyed in the editor and copyable into it for editing), the maker's
  recording when the page has one, or "music only / silent" (`Page.narration_mode`);
- 试听 / Listen: synthesises the selected line (or the whole narration) exactly as the video will (normalisation, pinyin,
  the project's lexicon) on a worker thread and plays it. Without an audio output (no
  QtMultimedia back end) it says so and keeps the file;
- a place to fix a word's reading: type the word, see how it is read now, type the pinyin
  (tone marks or numbers) and save. Entries live in `LessonMeta.lexicon` (saved in course.json)
  and win over the shipped insurance lexicon. Every change is an undo command.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from creator_studio.core.errors import StudioError
from creator_studio.core.media import page_script, pinyin, tts
from creator_studio.ui.runner import JobRunner
from creator_studio.ui.studio.commands import SetAttr
from creator_studio.ui.translate import tr

log = logging.getLogger(__name__)


def make_player(parent):
    """A QMediaPlayer with an audio output, or None when this machine cannot play sound."""
    try:
        from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
    except ImportError:  # libpulse missing and the like (FIELD-NOTES §7)
        return None
    player = QMediaPlayer(parent)
    out = QAudioOutput(QMediaDevices.defaultAudioOutput(), parent)
    player.setAudioOutput(out)
    player._cs_output = out  # keep the output alive as long as the player
    return player


class NarrationPanel(QWidget):
    """Narration choice, listen button and reading fixes for the page shown in the editor."""

    listened = Signal(str)  # path of the synthesised audio (after a listen finished)

    def __init__(self, project, narration_edit, parent=None, *, runner: JobRunner | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.narration_edit = narration_edit
        self.page = None
        self.runner = runner or JobRunner(read_threads=1)
        self._own_runner = runner is None
        self._state: dict = {"temp": None}  # shared with the destroyed handler (no self there)
        self._player = None
        self._handle = None
        self.last_audio: Path | None = None
        self.last_spoken: str = ""

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)

        row = QHBoxLayout()
        self.mode_narrate = QRadioButton(tr("Narrate (notes, or the page's own text)"))
        self.mode_silent = QRadioButton(tr("Music only / silent"))
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.mode_narrate)
        self.mode_group.addButton(self.mode_silent)
        row.addWidget(self.mode_narrate)
        row.addWidget(self.mode_silent)
        row.addStretch(1)
        lay.addLayout(row)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        lay.addWidget(self.source_label)

        buttons = QHBoxLayout()
        self.listen_button = QPushButton(tr("Listen"))
        self.listen_button.setAccessibleName(tr("Listen to this page's narration"))
        self.use_text_button = QPushButton(tr("Use the page's text as the script"))
        self.record_button = QPushButton(tr("Use a recording…"))
        self.record_button.setAccessibleName(tr("Choose a recorded narration file for this page"))
        self.unrecord_button = QPushButton(tr("Remove recording"))
        buttons.addWidget(self.listen_button)
        buttons.addWidget(self.use_text_button)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.unrecord_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)

        box = QGroupBox(tr("Pronunciation fixes (this project)"))
        form = QFormLayout(box)
        self.word_edit = QLineEdit()
        self.word_edit.setPlaceholderText(tr("Word, e.g. 趸交"))
        self.word_edit.setAccessibleName(tr("Word to fix"))
        self.current_reading = QLabel()
        self.reading_edit = QLineEdit()
        self.reading_edit.setPlaceholderText(tr("Pinyin, e.g. dǔn jiāo or dun3 jiao1"))
        self.reading_edit.setAccessibleName(tr("Correct reading in pinyin"))
        self.save_reading_button = QPushButton(tr("Save reading"))
        self.remove_reading_button = QPushButton(tr("Remove selected"))
        self.entries = QListWidget()
        self.entries.setMaximumHeight(90)
        self.entries.setAccessibleName(tr("Project readings"))
        form.addRow(tr("Word:"), self.word_edit)
        form.addRow(tr("Read now as:"), self.current_reading)
        form.addRow(tr("Reading:"), self.reading_edit)
        fix_buttons = QHBoxLayout()
        fix_buttons.addWidget(self.save_reading_button)
        fix_buttons.addWidget(self.remove_reading_button)
        fix_buttons.addStretch(1)
        form.addRow(fix_buttons)
        form.addRow(self.entries)
        self.reading_status = QLabel()
        self.reading_status.setWordWrap(True)
        form.addRow(self.reading_status)
        lay.addWidget(box)

        self.mode_silent.toggled.connect(self._on_mode_toggled)
        self.listen_button.clicked.connect(self.listen)
        self.use_text_button.clicked.connect(self.use_page_text)
        self.record_button.clicked.connect(self._choose_recording)
        self.unrecord_button.clicked.connect(self.remove_recording)
        self.word_edit.textChanged.connect(self._show_current_reading)
        self.save_reading_button.clicked.connect(self.save_reading)
        self.remove_reading_button.clicked.connect(self.remove_selected)
        project.page_changed.connect(self._on_page_changed)
        self.destroyed.connect(lambda *_, st=self._state: _remove_temp(st))
        self.setEnabled(False)

    # -- showing ----------------------------------------------------------------------------
    def show_page(self, page) -> None:
        self.page = page
        self.setEnabled(page is not None)
        self._refresh()

    def _lexicon_dict(self) -> dict[str, str]:
        return dict(self.project.lesson.meta.lexicon or {})

    def _has_recording(self, page) -> bool:
        return bool(page is not None and self.project.lesson.asset_path(page.narration_audio))

    def _refresh(self) -> None:
        page = self.page
        silent = bool(page is not None and page.narration_mode == "silent")
        self.mode_silent.blockSignals(True)
        self.mode_narrate.setChecked(not silent)
        self.mode_silent.setChecked(silent)
        self.mode_silent.blockSignals(False)
        script = page_script.script_from_page(page) if page is not None else ""
        self.narration_edit.setPlaceholderText(
            tr("No notes: the video reads the page's own text:") + "\n" + script if script else "")
        if page is None:
            self.source_label.clear()
        else:
            said = page_script.narration_for(page, has_recording=self._has_recording(page))
            self.source_label.setText({
                "notes": tr("The video reads the notes above."),
                "page_text": tr("No notes: the video reads the page's own text (shown greyed above)."),
                "recording": tr("The maker's recording is used for this page."),
                "silent": tr("Music only / silent: this page has no voice and no captions."),
                "empty": tr("Nothing to read on this page."),
            }[said.source])
            self.use_text_button.setEnabled(not page.narration.strip() and bool(script))
            self.listen_button.setEnabled(said.source in ("notes", "page_text"))
            self.unrecord_button.setEnabled(bool(page.narration_audio))
            if said.source == "recording":
                self.source_label.setText(self.source_label.text() + " " + str(page.narration_audio))
        self.entries.clear()
        for word, reading in sorted(self._lexicon_dict().items()):
            item = QListWidgetItem(f"{word} — {reading}")
            item.setData(256, word)
            self.entries.addItem(item)
        self._show_current_reading(self.word_edit.text())

    def _on_page_changed(self, page_id: str) -> None:
        if self.page is not None and self.page.id == page_id:
            self._refresh()

    def _notify(self):
        page_id = self.page.id if self.page is not None else ""
        return lambda: self.project.page_changed.emit(page_id)

    # -- narration choice -------------------------------------------------------------------
    def _on_mode_toggled(self, silent: bool) -> None:
        if self.page is None:
            return
        mode = "silent" if silent else "auto"
        if self.page.narration_mode != mode:
            self.project.undo_stack.push(SetAttr(self.page, "narration_mode", mode, self._notify(),
                                                 tr("Change narration choice")))

    def use_page_text(self) -> None:
        """Copy the page-text script into the notes, where the maker can edit it."""
        if self.page is None or self.page.narration.strip():
            return
        script = page_script.script_from_page(self.page)
        if script:
            self.narration_edit.setPlainText(script)
            self.project.undo_stack.push(SetAttr(self.page, "narration", script, self._notify(),
                                                 tr("Use page text as narration")))

    # -- recording (b) ----------------------------------------------------------------------
    MAX_RECORDING_BYTES = 200 * 1024 * 1024

    def _choose_recording(self) -> None:  # pragma: no cover - a modal dialog; attach_recording is tested
        from creator_studio.ui import file_dialogs

        path, _ = file_dialogs.open_file(self, tr("Choose a recorded narration"), "recording",
                                         tr("Audio (*.wav *.mp3 *.m4a *.aac *.ogg *.flac)"))
        if path:
            self.attach_recording(Path(path))

    def attach_recording(self, path: Path) -> bool:
        """Copy a recording into the project's assets and use it for this page (undoable).

        The file must be a readable audio file of at most 200 MB; anything else is refused
        with a message, never half-attached."""
        from creator_studio.core.lesson.assets import AssetStore
        from creator_studio.core.media import ffmpeg

        if self.page is None:
            return False
        path = Path(path)
        try:
            if not path.is_file() or path.stat().st_size > self.MAX_RECORDING_BYTES:
                raise StudioError("录音文件不存在或超过 200 MB", "The recording is missing or over 200 MB",
                                  code="BAD_RECORDING")
            info = ffmpeg.probe(path)
            if not info.get("audio") or not info.get("duration"):
                raise StudioError("这个文件里没有可用的声音", "This file holds no usable audio",
                                  code="BAD_RECORDING")
        except StudioError as exc:
            self.status.setText(f"{exc.message_zh} / {exc.message_en}")
            return False
        lesson = self.project.lesson
        if lesson.asset_root is None:
            lesson.asset_root = self.project.work_dir / "assets"
        name = AssetStore(lesson.asset_root).put_file(path)
        self.project.undo_stack.push(SetAttr(self.page, "narration_audio", name, self._notify(),
                                             tr("Use a recording")))
        self.status.setText(tr("Recording attached ({s:.1f} s).").format(s=float(info["duration"])))
        self._refresh()
        return True

    def remove_recording(self) -> None:
        if self.page is not None and self.page.narration_audio:
            self.project.undo_stack.push(SetAttr(self.page, "narration_audio", None, self._notify(),
                                                 tr("Remove recording")))
            self._refresh()

    # -- listen -----------------------------------------------------------------------------
    def _text_to_listen(self) -> str:
        """The selected line(s) when something is selected, else the whole narration."""
        selected = self.narration_edit.textCursor().selectedText().replace("\u2029", "\n")
        if selected.strip():
            return selected
        typed = self.narration_edit.toPlainText()
        if typed.strip():
            return typed
        return page_script.script_from_page(self.page) if self.page is not None else ""

    def listen(self):
        """Synthesise on a worker thread, then play. Returns the job handle (tests wait on it)."""
        if self.page is None or self.page.narration_mode == "silent":
            return None
        text = self._text_to_listen()
        if not text.strip():
            self.status.setText(tr("Nothing to read on this page."))
            return None
        if self._state["temp"] is None:
            self._state["temp"] = tts.temp_dir()
        out = self._state["temp"] / f"listen-{self.page.id}.wav"
        voice = tts.VoiceSpec(lexicon=tuple(sorted(self._lexicon_dict().items())))
        self.listen_button.setEnabled(False)
        self.status.setText(tr("Synthesising…"))
        self._handle = self.runner.run(lambda job: tts.synthesize(text, out, voice, job=job),
                                       label="listen", on_success=self._on_synthesised,
                                       on_error=self._on_listen_failed)
        return self._handle

    def _on_synthesised(self, narration) -> None:
        self.listen_button.setEnabled(True)
        self.last_audio = Path(narration.wav_path)
        self.last_spoken = narration.spoken_input or narration.text
        if narration.engine in ("none",):
            self.status.setText(tr("No speech engine on this machine: the video would be silent here."))
            self.listened.emit(str(self.last_audio))
            return
        if self._player is None:
            self._player = make_player(self)
        seconds = f"{narration.duration:.1f}"
        if self._player is None:
            self.status.setText(tr("Audio made ({s} s) but this computer cannot play sound: {p}")
                                .format(s=seconds, p=str(self.last_audio)))
        else:
            self._player.setSource(QUrl.fromLocalFile(str(self.last_audio)))
            self._player.play()
            self.status.setText(tr("Playing {s} s ({engine}).").format(s=seconds, engine=narration.engine))
        self.listened.emit(str(self.last_audio))

    def _on_listen_failed(self, error) -> None:
        self.listen_button.setEnabled(True)
        if isinstance(error, StudioError):
            self.status.setText(f"{error.message_zh} / {error.message_en}")
        else:
            self.status.setText(tr("Could not synthesise: {e}").format(e=str(error)))

    # -- readings ---------------------------------------------------------------------------
    def _show_current_reading(self, word: str) -> None:
        word = (word or "").strip()
        if not word:
            self.current_reading.clear()
            return
        lex = pinyin.lexicon_for(self._lexicon_dict())
        if pinyin.has_hanzi(word):
            reading = " ".join(s for _, s in pinyin.to_syllables(word, lex))
        else:
            reading = pinyin.speech_pinyin(word, lex).text
        self.current_reading.setText(reading)

    def save_reading(self) -> bool:
        word = self.word_edit.text().strip()
        reading = self.reading_edit.text().strip()
        try:
            pinyin.Lexicon().add(word, reading)  # validates; a typo is shown, never spoken
        except StudioError as exc:
            self.reading_status.setText(f"{exc.message_zh} / {exc.message_en}")
            self.reading_status.setProperty("error", True)
            return False
        new = self._lexicon_dict()
        new[word] = reading
        self.project.undo_stack.push(SetAttr(self.project.lesson.meta, "lexicon", new, self._notify(),
                                             tr("Fix a word's reading")))
        self.reading_status.setText(tr("Saved: {w} is now read {r}.").format(w=word, r=reading))
        self.reading_status.setProperty("error", False)
        self.reading_edit.clear()
        self._refresh()
        return True

    def remove_selected(self) -> None:
        item = self.entries.currentItem()
        if item is None:
            return
        word = item.data(256)
        new = self._lexicon_dict()
        new.pop(word, None)
        self.project.undo_stack.push(SetAttr(self.project.lesson.meta, "lexicon", new, self._notify(),
                                             tr("Remove a reading")))
        self._refresh()

    # -- lifetime ---------------------------------------------------------------------------
    def cleanup(self) -> None:
        """Remove the listen audio (stale folders of crashed sessions go on the next start)."""
        if self._own_runner:
            self.runner.wait(10000)
        _remove_temp(self._state)


def _remove_temp(state: dict) -> None:
    if state.get("temp") is not None:
        shutil.rmtree(state["temp"], ignore_errors=True)
        state["temp"] = None
