"""Measured boxes: the unit the layout produces, the segmenter packs and the painter draws.

Boxes tile the long image from top to bottom with no gaps (spacing belongs to the box below it),
so cutting the image at any box boundary, or at one of a box's own `cuts` (line or row
boundaries inside it), never slices a line of text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageDraw

from creator_studio.core.themes import Theme

RGB = tuple[int, int, int]


@dataclass
class Canvas:
    """What a box paints on: one segment image, offset so boxes use segment coordinates."""

    image: Image.Image
    draw: ImageDraw.ImageDraw
    theme: Theme
    scale: float
    width: int
    top: int  # absolute y of this segment's first row
    warnings: list[str] = field(default_factory=list)


Painter = Callable[[Canvas, int], None]  # (canvas, y of the box top in segment coordinates)


@dataclass
class Box:
    kind: str
    h: int
    paint: Painter | None = None
    cuts: list[int] = field(default_factory=list)  # offsets inside the box where a part may end
    keep_with_next: bool = False
    page_id: str | None = None
    info: dict[str, Any] = field(default_factory=dict)
    y: int = 0  # absolute top, set when the box is placed in the flow

    @property
    def bottom(self) -> int:
        return self.y + self.h


@dataclass
class Card:
    """A rounded background panel behind a section (absolute coordinates)."""

    top: int
    bottom: int
    fill: str = "surface"  # theme colour name
    accent: str | None = None  # colour of a top stripe, if any


@dataclass
class Layout:
    width: int
    boxes: list[Box] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    height: int = 0
    font: str = ""
    warnings: list[str] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)  # page id → mode drawn (picture/reflow…)

    def add(self, box: Box) -> Box:
        box.y = self.height
        self.height += box.h
        self.boxes.append(box)
        return box

    def gap(self, h: int, page_id: str | None = None) -> None:
        if h > 0:
            self.add(Box("gap", int(h), page_id=page_id))

    def kinds(self) -> list[str]:
        return [b.kind for b in self.boxes]


def shifted(box: Box, before: int) -> Box:
    """The same box with `before` px of space above it (the space travels with the box)."""
    if before <= 0:
        return box
    inner = box.paint

    def paint(c: Canvas, y: int) -> None:
        if inner:
            inner(c, y + before)

    return Box(box.kind, box.h + before, paint, [before + k for k in box.cuts],
               box.keep_with_next, box.page_id, box.info)
