"""Reading order of a slide's shapes, and two-column / comparison layouts kept as `Columns`.

Shapes are read in bands of 1/40 of the slide height, then left to right. That interleaves two
independent columns whose items sit at slightly different heights (a do/don't slide became one
list in which right and wrong could not be told apart, issue 15). So before sorting we look for
one vertical gutter that splits the slide's content into a left and a right column, each a
single column of text, side by side: those become one `Columns` block, each column read top to
bottom, with anything spanning the slide above or below it kept in place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from creator_studio.core.lesson.model import Block, BulletList, Column, Columns, Heading, Paragraph

MAX_ITEMS = 14  # more pieces than this is a diagram, not two columns of text
MAX_PER_COLUMN = 6
HEADING_MAX_CHARS = 24
MIN_TEXT = 24  # characters in both columns together


@dataclass
class Placed:
    """Blocks from one shape with its slide-space box in EMU (x is inf when unknown)."""

    x: float
    y: float
    w: float
    h: float
    order: int
    blocks: list[Block]
    kind: str  # "text", "placeholder", "heading", "picture", "chart", "table", "smartart", "media"
    chars: int = 0

    @property
    def known(self) -> bool:
        return math.isfinite(self.x) and math.isfinite(self.y)


def band_sorted(items: list[Placed], band: float) -> list[Placed]:
    return sorted(items, key=lambda it: (it.y // band if it.known else math.inf,
                                         it.x if it.known else math.inf, it.order))


def arrange(items: list[Placed], slide_w: float, slide_h: float) -> tuple[list[Block], bool]:
    """Blocks in reading order; True when a two-column layout was kept as `Columns`."""
    band = max(slide_h / 40, 1)
    split = find_columns(items, slide_w)
    if split is None:
        return [b for it in band_sorted(items, band) for b in it.blocks], False
    above, left, right, below, rest = split
    blocks: list[Block] = [b for it in band_sorted(above, band) for b in it.blocks]
    blocks.append(Columns(columns=[_column(left), _column(right)]))
    blocks.extend(b for it in band_sorted(below, band) for b in it.blocks)
    blocks.extend(b for it in band_sorted(rest, band) for b in it.blocks)
    return blocks, True


def _column(items: list[Placed]) -> Column:
    items = sorted(items, key=lambda it: (it.y, it.x, it.order))
    blocks = [b for it in items for b in it.blocks]
    heading = ""
    if len(blocks) > 1:
        first = blocks[0]
        if isinstance(first, Heading):
            heading = first.text
        elif isinstance(first, Paragraph) and _looks_like_heading(first, blocks[1]):
            heading = first.text.strip()
        if heading:
            blocks = blocks[1:]
    return Column(heading=heading, blocks=blocks)


def _looks_like_heading(p: Paragraph, nxt: Block) -> bool:
    """A short single line that is bold, larger than what follows, or ends with a colon."""
    text = p.text.strip()
    if not (0 < len(text) <= HEADING_MAX_CHARS) or "\n" in text:
        return False
    if text.endswith((":", "：")):
        return True
    if all(r.bold for r in p.runs if r.text.strip()):
        return True
    size = max((r.size_pt or 0 for r in p.runs), default=0)
    nxt_runs = nxt.runs if isinstance(nxt, Paragraph) else \
        [r for i in nxt.items for r in i.runs] if isinstance(nxt, BulletList) else []
    nxt_size = max((r.size_pt or 0 for r in nxt_runs), default=0)
    return bool(size and nxt_size and size > nxt_size * 1.15)


def _is_text(it: Placed) -> bool:
    return it.kind in ("text", "placeholder", "heading") and it.chars > 0


def _v_overlap(a: Placed, b: Placed) -> float:
    return min(a.y + a.h, b.y + b.h) - max(a.y, b.y)


def _text_column(side: list[Placed], chars: int) -> bool:
    """A side that is mostly a picture/chart needs real text (not a caption) to be a column."""
    if not any(it.kind in ("picture", "chart", "table", "media") for it in side):
        return True
    return sum(map(_is_text, side)) >= 2 or chars >= 40


def _single_column(side: list[Placed]) -> bool:
    """No two pieces of one side sit next to each other (that would be a third column)."""
    for i, a in enumerate(side):
        for b in side[i + 1:]:
            ov = _v_overlap(a, b)
            h_ov = min(a.x + a.w, b.x + b.w) - max(a.x, b.x)
            if ov > 0.5 * max(min(a.h, b.h), 1) and h_ov <= 0:
                return False
    return True


def find_columns(items: list[Placed], slide_w: float):
    """(above, left, right, below, unpositioned) when the slide is two columns, else None."""
    known = [it for it in items if it.known]
    rest = [it for it in items if not it.known]
    if len(known) < 2 or len(known) > MAX_ITEMS:
        return None
    if any(it.kind in ("smartart",) for it in known):
        return None
    tol = 0.01 * slide_w
    best = None
    for g in sorted({it.x + it.w for it in known}):
        if not (0.25 * slide_w <= g <= 0.75 * slide_w):
            continue
        left = [it for it in known if it.x + it.w <= g + tol]
        right = [it for it in known if it.x >= g - tol and it not in left]
        span = [it for it in known if it not in left and it not in right]
        if not (any(map(_is_text, left)) and any(map(_is_text, right))):
            continue
        if len(left) > MAX_PER_COLUMN or len(right) > MAX_PER_COLUMN:
            continue
        # the two sides must sit side by side somewhere
        col_top = max(min(it.y for it in left), min(it.y for it in right))
        col_bot = min(max(it.y + it.h for it in left), max(it.y + it.h for it in right))
        if col_bot - col_top <= 0:
            continue
        # pieces spanning the gutter must be above both columns (a header row) or below them
        ok = True
        above, below = [], []
        for it in span:
            if it.y + it.h <= col_top + tol:
                above.append(it)
            elif it.y >= col_bot - tol:
                below.append(it)
            else:
                ok = False
                break
        if not ok or not _single_column(left) or not _single_column(right):
            continue
        l_text = sum(it.chars for it in left if _is_text(it))
        r_text = sum(it.chars for it in right if _is_text(it))
        if min(l_text, r_text) < 2 or l_text + r_text < MIN_TEXT:
            continue  # two labels side by side are not a comparison
        if not (_text_column(left, l_text) and _text_column(right, r_text)):
            continue  # a picture with a caption next to text is not a comparison
        score = abs(g - slide_w / 2)
        if best is None or score < best[0]:
            best = (score, above, left, right, below)
    if best is None:
        return None
    _, above, left, right, below = best
    return above, left, right, below, rest
