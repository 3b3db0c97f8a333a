"""Captions (SRT and WebVTT) from narration text and the slide timeline.

Each slide's narration is cut into sentences, wrapped with the same kinsoku rules as the slides
(`textlayout.wrap`, ~18 CJK characters per line, Latin counting about half), packed two lines per
cue, and the cues share the slide's speech span in proportion to their length. Cue times are
therefore monotonic, never overlap, and never leave the video. Line-final ，。、；： are dropped,
as Chinese subtitles do.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from creator_studio.core.media.text_normalize import strip_unspoken
from creator_studio.core.media.textlayout import wrap

MAX_UNITS = 18.0     # one CJK character = 1 unit
MAX_LINES = 2
MIN_CUE = 0.6        # seconds; a cue shorter than this is merged when the span allows

_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]*[。！？!?；;]+[”’」』）)]*|[^。！？!?；;\n]+")
_DROP_AT_END = "，。、；：,;:"


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str  # lines joined by "\n"


def char_units(s: str) -> float:
    """Display width in CJK-character units (wide/fullwidth = 1, others ≈ 0.55)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in s)


def clean(text: str) -> str:
    text = strip_unspoken(text or "")
    text = re.sub(r"[ \t\u3000]+", " ", text)
    return "\n".join(ln.strip() for ln in text.split("\n") if ln.strip())


def sentences(text: str) -> list[str]:
    out = []
    for para in clean(text).split("\n"):
        out.extend(s.strip() for s in _SENTENCE_RE.findall(para) if s.strip())
    return out


def caption_lines(text: str, max_units: float = MAX_UNITS) -> list[str]:
    """Caption-sized lines: sentences wrapped with kinsoku, short sentences sharing a line."""
    lines: list[str] = []
    merge_ok = False  # may the next sentence join the last line?
    for sent in sentences(text):
        wrapped = [ln for ln in wrap(sent, char_units, max_units) if ln.strip()]
        if not wrapped:
            continue
        if merge_ok and len(wrapped) == 1 and char_units(lines[-1] + wrapped[0]) <= max_units:
            lines[-1] = lines[-1] + wrapped[0]
        else:
            lines.extend(wrapped)
        merge_ok = len(wrapped) == 1
    return [ln.rstrip(_DROP_AT_END).strip() or ln for ln in lines]


def cues_for_span(text: str, start: float, end: float, *, max_units: float = MAX_UNITS,
                  max_lines: int = MAX_LINES) -> list[Cue]:
    """Cues for one narration, spread over [start, end] in proportion to their length."""
    if end <= start:
        return []
    lines = caption_lines(text, max_units)
    groups = ["\n".join(lines[i:i + max_lines]) for i in range(0, len(lines), max_lines)]
    # Too many cues for a short span: merge neighbours until each gets MIN_CUE (or one remains).
    while len(groups) > 1 and (end - start) / len(groups) < MIN_CUE:
        groups = [groups[i] + ("\n" + groups[i + 1] if i + 1 < len(groups) else "")
                  for i in range(0, len(groups), 2)]
    weights = [max(1.0, char_units(g.replace("\n", ""))) for g in groups]
    total_w = sum(weights)
    cues, acc = [], 0.0
    for g, w in zip(groups, weights):
        a = start + (end - start) * acc / total_w
        acc += w
        b = start + (end - start) * acc / total_w
        cues.append(Cue(round(a, 3), round(b, 3), g))
    return cues


def build_cues(spans: Sequence[tuple[str, float, float]], video_duration: float | None = None) -> list[Cue]:
    """All cues of a video from (narration text, speech start, speech end) per slide."""
    cues: list[Cue] = []
    for text, a, b in spans:
        if video_duration is not None:
            b = min(b, video_duration)
        if cues:
            a = max(a, cues[-1].end)
        cues.extend(cues_for_span(text, a, b))
    return [c for c in cues if c.end > c.start]


def _ts(seconds: float, sep: str) -> str:
    ms = int(round(max(0.0, seconds) * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(cues: Sequence[Cue]) -> str:
    blocks = [f"{i}\n{_ts(c.start, ',')} --> {_ts(c.end, ',')}\n{c.text}\n"
              for i, c in enumerate(cues, 1)]
    return "\n".join(blocks)


def vtt_escape(text: str) -> str:
    """WebVTT cue text is markup: a literal &, < or > (e.g. "收益<3%", "-->") must be escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(cues: Sequence[Cue], *, escape: bool = False) -> str:
    """WebVTT. Cue text is written as given unless `escape=True` (pass it for plain text)."""
    def body(c: Cue) -> str:
        return vtt_escape(c.text) if escape else c.text

    blocks = ["WEBVTT\n"] + [f"{_ts(c.start, '.')} --> {_ts(c.end, '.')}\n{body(c)}\n" for c in cues]
    return "\n".join(blocks)


def problems(cues: Sequence[Cue], video_duration: float) -> list[str]:
    """What would make captions wrong: overlap, negative length, outside the video."""
    out = []
    prev_end = 0.0
    for i, c in enumerate(cues, 1):
        if c.end <= c.start:
            out.append(f"cue {i} has no duration")
        if c.start < prev_end - 1e-6:
            out.append(f"cue {i} starts before cue {i - 1} ends")
        if c.start < 0 or c.end > video_duration + 1e-6:
            out.append(f"cue {i} is outside the video")
        prev_end = c.end
    return out
