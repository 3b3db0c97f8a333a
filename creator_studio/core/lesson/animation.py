"""PowerPoint animations and slide transitions as plain course-model data.

A slide's `p:timing` becomes a list of `Step`s: one step per click in PowerPoint (the on-click
effect plus every with-previous / after-previous effect chained to it). Effects that start by
themselves when the slide appears form an automatic first step (`trigger="auto"`), which is not a
click. Effects started by clicking another shape (PowerPoint "triggers") form steps with
`trigger="shape"`: the H5 player keeps them as tap targets, the video plays them after the main
sequence, in order.

Every effect carries what our renderers will do with it (`outcome`): reproduced, approximated by a
named effect, or shown at its end state. That is what the animation report lists, so the maker
knows before delivering. The fields are plain data so they round-trip through `course.json`
(see `serialize.py`, which resolves these types through `model.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# What happens to an effect in our outputs (the report's vocabulary).
REPRODUCED = "reproduced"
APPROXIMATED = "approximated"
END_STATE = "end_state"

KINDS = ("entrance", "exit", "emphasis", "motion", "media", "other")


@dataclass
class Effect:
    """One PowerPoint effect on one shape (or a paragraph range of a shape).

    `preset` is our name for PowerPoint's preset (e.g. "fly", "fade", "wipe", "pulse"),
    `render_as` the effect our renderers actually draw (equal to `preset` when reproduced).
    Times are seconds; `delay` is relative to the start of its step (after-previous chains are
    already resolved into delays). `paragraph_range` is `[first, last]` (0-based, inclusive) for
    by-paragraph builds. `path` is the motion path in slide fractions (PowerPoint's own string).
    """

    shape_id: str = ""
    shape_name: str = ""
    kind: str = "entrance"
    preset: str = "appear"
    preset_id: int | None = None
    preset_subtype: int | None = None
    direction: str | None = None
    duration: float = 0.5
    delay: float = 0.0
    start: str = "click"  # click | with | after (PowerPoint's nodeType)
    repeat: float = 1.0
    auto_reverse: bool = False
    paragraph_range: list[int] | None = None
    trigger_shape: str | None = None
    path: str | None = None
    params: dict[str, float] = field(default_factory=dict)  # scale, angle, alpha, colour (RRGGBB as int)
    color: str | None = None  # emphasis colour target ("RRGGBB")
    render_as: str = "appear"
    outcome: str = REPRODUCED
    note: str = ""  # why approximated / shown at end state (中文 / English)
    text: str = ""  # the target's text (shape or paragraph range), for the report and H5 matching
    block_indexes: list[int] = field(default_factory=list)  # page blocks showing this target (H5)

    @property
    def end(self) -> float:
        """Seconds after the step start when this effect has finished (repeats included)."""
        reps = self.repeat if self.repeat and self.repeat > 0 else 1.0
        return self.delay + self.duration * reps * (2 if self.auto_reverse else 1)

    @property
    def target_key(self) -> str:
        """Which layer the effect moves: the shape, or a paragraph range of it."""
        if self.paragraph_range:
            return f"{self.shape_id}:p{self.paragraph_range[0]}-{self.paragraph_range[1]}"
        return self.shape_id

    def label(self) -> str:
        what = self.shape_name or f"#{self.shape_id}"
        if self.paragraph_range:
            what += f" ¶{self.paragraph_range[0] + 1}"
            if self.paragraph_range[1] != self.paragraph_range[0]:
                what += f"–{self.paragraph_range[1] + 1}"
        return what


@dataclass
class Step:
    """Effects that start together with one click (or automatically, or on a shape tap).

    `narration` is the part of the page's narration read during this step; None means "not split
    yet" (the video then splits the page narration by click markers or by sentences).
    """

    effects: list[Effect] = field(default_factory=list)
    trigger: str = "click"  # click | auto | shape
    trigger_shape: str | None = None
    trigger_shape_name: str = ""
    narration: str | None = None
    trigger_blocks: list[int] = field(default_factory=list)  # page blocks of the trigger shape (H5 tap)

    @property
    def duration(self) -> float:
        return max((e.end for e in self.effects), default=0.0)


@dataclass
class Transition:
    """How the slide appears (PowerPoint `p:transition`, p14/p15/p159 variants included)."""

    kind: str = "none"        # our name: fade, push, wipe, split, cover, uncover, zoom, circle, morph, ...
    source: str = ""          # the OOXML element, e.g. "p:push", "p14:vortex", "p159:morph"
    duration: float = 0.0     # seconds
    direction: str | None = None
    render_as: str = "none"
    outcome: str = REPRODUCED
    note: str = ""
    advance_on_click: bool = True
    advance_after: float | None = None  # advTm, seconds


def click_count(steps: list[Step]) -> int:
    """Clicks PowerPoint needs on the main sequence (automatic steps and triggers excluded)."""
    return sum(1 for s in steps if s.trigger == "click")


def effects_of(steps: list[Step]) -> list[Effect]:
    return [e for s in steps for e in s.effects]
