"""Theme metrics resolved for one canvas, and the generic wrapped-text box every block uses."""

from __future__ import annotations

from dataclasses import dataclass

from creator_studio.core.lesson.model import Lesson
from creator_studio.core.themes import Theme

from .boxes import Box, Canvas
from .paint import draw_lines
from .text import Line

RGB = tuple[int, int, int]


@dataclass
class Options:
    width: int = 750
    segment_height: int = 4000
    watermark_text: str = ""
    qr_url: str = ""
    date: str = ""
    slide_pictures: str = "auto"  # auto | always | never (see media.raster.effective_mode)


class Ctx:
    """Theme metrics resolved for one canvas width."""

    def __init__(self, theme: Theme, lesson: Lesson, opts: Options) -> None:
        self.theme, self.lesson, self.opts = theme, lesson, opts
        self.width = opts.width
        self.s = theme.scale_for(opts.width)
        sp = theme.spacing
        self.margin = self.px(sp.margin)
        self.pad = self.px(sp.padding)
        self.x0 = self.margin + self.pad
        self.cw = self.width - 2 * self.x0
        self.gap = self.px(sp.block_gap)
        self.section_gap = self.px(sp.section_gap)
        self.surface = theme.rgb("surface")
        # The tallest single box must fit in a part, leaving room for the box's own spacing.
        self.max_box = max(200, opts.segment_height - 4 * self.gap)
        self.warnings: list[str] = []  # for the maker (artifact warnings), never drawn

    def narrowed(self, x0: int, cw: int) -> "Ctx":
        """The same metrics for a narrower column (two-column blocks)."""
        sub = object.__new__(Ctx)
        sub.__dict__.update(self.__dict__)
        sub.x0, sub.cw = x0, cw
        return sub

    def px(self, v: float) -> int:
        return int(round(v * self.s))

    def size(self, name: str) -> int:
        return self.px(getattr(self.theme.sizes, name))

    def lh(self, size: int, leading: float | None = None) -> int:
        return int(round(size * (leading or self.theme.spacing.leading)))

    def c(self, name: str) -> RGB:
        return self.theme.rgb(name)


# --------------------------------------------------------------------------------------------
# generic text box


def text_box(ctx: Ctx, kind: str, lines: list[Line], size: int, lh: int, x: float, color: RGB, *,
             width: float | None = None, align: str = "left", page_id: str | None = None,
             keep_with_next: bool = False, info: dict | None = None) -> Box:
    width = ctx.cw if width is None else width
    n = len(lines)

    def paint(c: Canvas, y: int) -> None:
        draw_lines(c, lines, x, y, size, lh, color, align=align, width=width,
                   link_color=ctx.c("primary"))

    # Cut between lines, but keep at least two lines together at either end (no orphans).
    cuts = [k * lh for k in range(2, n - 1)] if n >= 4 else []
    if n * lh > ctx.max_box and not cuts:
        cuts = [k * lh for k in range(1, n)]
    return Box(kind, max(n, 1) * lh, paint, cuts, keep_with_next, page_id,
               dict(info or {}, lines=[ln.text for ln in lines]))
