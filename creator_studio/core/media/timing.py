"""How long each slide (or skit shot) stays on screen.

A slide lasts its narration plus a little air before and after; if the deck asked for longer
(PowerPoint `advTm`, kept in `page.duration`) the deck wins; with no narration at all it lasts
the deck's `advTm` or a reading time estimated from its visible text. Nothing is ever 0 s long:
a 0-length slide would vanish from the video and shift every caption after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LEAD_IN = 0.4          # silence before the narration starts on a slide
TAIL = 0.8             # air after it, before the slide changes
MIN_SLIDE = 1.0        # absolute floor for any slide
READ_BASE = 2.5        # reading time of a silent slide: base + chars / READ_CPS
READ_CPS = 8.0
READ_MIN, READ_MAX = 3.0, 12.0


@dataclass(frozen=True)
class TimingInput:
    speech: float = 0.0          # seconds of narration audio (0 when silent)
    advance: float | None = None  # the deck's own advance time (advTm), seconds
    visible_chars: int = 0        # text on the slide, for a reading-time default
    fixed: float | None = None    # title/end cards: exactly this long


@dataclass(frozen=True)
class SlideTime:
    start: float
    duration: float
    speech_start: float
    speech_duration: float
    rule: str  # narration | advTm | text | fixed

    @property
    def end(self) -> float:
        return self.start + self.duration

    @property
    def speech_end(self) -> float:
        return self.speech_start + self.speech_duration


def reading_time(chars: int) -> float:
    return max(READ_MIN, min(READ_MAX, READ_BASE + chars / READ_CPS))


def slide_duration(item: TimingInput, *, lead_in: float = LEAD_IN, tail: float = TAIL) -> tuple[float, str]:
    """(seconds, which rule decided)."""
    if item.fixed is not None and item.fixed > 0:
        return max(MIN_SLIDE, item.fixed), "fixed"
    adv = item.advance if item.advance and item.advance > 0 else None
    if item.speech > 0:
        need = lead_in + item.speech + tail
        if adv and adv > need:
            return adv, "advTm"
        return need, "narration"
    if adv:
        return max(MIN_SLIDE, adv), "advTm"
    return reading_time(item.visible_chars), "text"


def plan(items: Sequence[TimingInput], *, lead_in: float = LEAD_IN, tail: float = TAIL) -> list[SlideTime]:
    """Lay slides end to end; narration starts `lead_in` after each slide appears."""
    out: list[SlideTime] = []
    t = 0.0
    for item in items:
        dur, rule = slide_duration(item, lead_in=lead_in, tail=tail)
        speech_start = t + (lead_in if item.speech > 0 else 0.0)
        out.append(SlideTime(round(t, 6), dur, round(speech_start, 6), item.speech, rule))
        t += dur
    return out


def total(times: Sequence[SlideTime]) -> float:
    return times[-1].end if times else 0.0
