"""Captions for the video preview (#18): read the WebVTT or SRT file next to a video and find
the cue at a time. Small and strict enough for the files the forms write (and common ones)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

_TIME = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})")
_ARROW = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str


def _ms(stamp: str) -> int | None:
    m = _TIME.fullmatch(stamp.strip())
    if not m:
        return None
    h, mnt, s, frac = m.groups()
    return ((int(h or 0) * 60 + int(mnt)) * 60 + int(s)) * 1000 + int(frac.ljust(3, "0"))


def parse_captions(text: str) -> list[Cue]:
    """Cues of a WebVTT or SRT text, in time order; notes, styles and cue settings skipped."""
    cues: list[Cue] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        for i, line in enumerate(lines):
            m = _ARROW.match(line)
            if m:
                start, end = _ms(m.group(1)), _ms(m.group(2))
                body = "\n".join(_TAG.sub("", ln).strip() for ln in lines[i + 1:])
                if start is not None and end is not None and end > start and body:
                    cues.append(Cue(start, end, body))
                break
    cues.sort(key=lambda c: c.start_ms)
    return cues


def captions_for(video: Path) -> Path | None:
    """The captions file of a video: same name .vtt, then .srt, then the folder's only one."""
    for ext in (".vtt", ".srt"):
        p = video.with_suffix(ext)
        if p.is_file():
            return p
    for ext in ("*.vtt", "*.srt"):
        found = sorted(video.parent.glob(ext))
        if len(found) == 1:
            return found[0]
    return None


class CueTrack:
    def __init__(self, cues: list[Cue]) -> None:
        self.cues = cues
        self._starts = [c.start_ms for c in cues]

    @classmethod
    def load(cls, path: Path) -> "CueTrack":
        return cls(parse_captions(path.read_text(encoding="utf-8", errors="replace")))

    def at(self, ms: int) -> str:
        """The text shown at `ms` ("" between cues)."""
        i = bisect.bisect_right(self._starts, ms) - 1
        while i >= 0:
            c = self.cues[i]
            if c.start_ms <= ms < c.end_ms:
                return c.text
            if c.end_ms <= ms and (i == 0 or self.cues[i - 1].end_ms <= ms):
                return ""
            i -= 1  # an earlier, longer cue may still be on screen (overlaps)
        return ""
