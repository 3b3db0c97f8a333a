"""Record a skit line in the maker's own voice (issue 14) with the page recorder's dialog.

`LineTake` stands where the dialog expects a page: it shows the line's text as the script, and
its `narration_audio` is the line's `audio` (an asset), so the dialog's take → trim → gate →
−16 LUFS → asset path and its undoable set/remove work unchanged. The skit form then speaks the
line with the recording (`core/skit/video.recorded_parts`).
"""

from __future__ import annotations

from creator_studio.core.lesson.model import Line, Scene


class LineTake:
    def __init__(self, project, scene: Scene, index: int, speaker_name: str = "") -> None:
        self.project, self.line = project, scene.lines[index]
        self.id = f"line-{scene.id}-{index}"  # also names the crash-safe take file
        who = speaker_name or self.line.speaker
        self.title = f"{who}：{self.line.text[:24]}"
        self.raster = None
        self.blocks: list = []

    @property
    def narration(self) -> str:
        return self.line.text

    def plain_text(self) -> str:
        return self.line.text

    @property
    def narration_audio(self) -> str | None:
        return self.line.audio

    @narration_audio.setter
    def narration_audio(self, value: str | None) -> None:
        self.line.audio = value

    def notify_changed(self) -> None:
        self.project.script_changed.emit()


def open_line_recorder(project, scene: Scene, index: int, parent=None, **kw):
    """The recorder dialog for line `index` of `scene`."""
    from creator_studio.ui.studio.recorder import RecorderDialog

    script = project.lesson.script
    names = {c.id: c.name for c in (script.cast if script else [])}
    line: Line = scene.lines[index]
    dlg = RecorderDialog(project, LineTake(project, scene, index, names.get(line.speaker, "")), parent, **kw)
    return dlg
