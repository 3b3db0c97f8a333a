"""Section cards: one per page (plus quiz, answers, end) with a numbered header."""

from __future__ import annotations

from creator_studio.core.media.fonts import load_font

from .boxes import Box, Canvas, Card, Layout, shifted
from .context import Ctx
from .paint import baseline, draw_lines, pill
from .text import layout_runs, plain


def section_header(ctx: Ctx, label: str, title: str, page_id: str | None) -> Box:
    t = ctx.theme
    size = ctx.size("section")
    lh = ctx.lh(size, 1.4)
    label_font = load_font(size, True)
    style = t.section_style
    label_w = label_font.getlength(label)
    if style == "badge":
        prefix = label_w + ctx.px(28) + ctx.px(18)
    elif style == "bar":
        prefix = ctx.px(20) + label_w + ctx.px(16)
    else:
        prefix = label_w + ctx.px(18)
    lines = layout_runs(plain(title or "（无标题）", bold=True), size, ctx.cw - prefix, bold=True,
                        max_lines=3)
    rule_h = ctx.px(22) if style == "rule" else ctx.px(10)
    h = len(lines) * lh + rule_h

    def paint(c: Canvas, y: int) -> None:
        x = ctx.x0
        base = baseline(y, lh, size)
        if style == "badge":
            bh = round(size * 1.25)
            top = y + (lh - bh) / 2
            pill(c.draw, (x, top, x + label_w + ctx.px(28), top + bh), t.rgb("primary"))
            c.draw.text((x + (label_w + ctx.px(28)) / 2, top + bh / 2), label, font=label_font,
                        fill=t.rgb("surface"), anchor="mm")
        elif style == "bar":
            bh = round(size * 0.95)
            top = y + (lh - bh) / 2
            c.draw.rounded_rectangle((x, top, x + ctx.px(8), top + bh), radius=ctx.px(4),
                                     fill=t.rgb("primary"))
            c.draw.text((x + ctx.px(20), base), label, font=label_font, fill=t.rgb("primary"),
                        anchor="ls")
        else:
            c.draw.text((x, base), label, font=label_font, fill=t.rgb("accent"), anchor="ls")
        draw_lines(c, lines, x + prefix, y, size, lh, t.rgb("section_text"))
        if style == "rule":
            ry = y + len(lines) * lh + ctx.px(10)
            c.draw.rectangle([x, ry, x + ctx.cw, ry + max(1, ctx.px(2))], fill=t.rgb("text"))

    return Box("section", h, paint, [], True, page_id,
               {"label": label, "title": [ln.text for ln in lines]})


class Section:
    """Opens a card, adds boxes with block spacing, closes the card."""

    def __init__(self, ctx: Ctx, layout: Layout, page_id: str | None, fill: str = "surface") -> None:
        self.ctx, self.layout, self.page_id = ctx, layout, page_id
        self.fill = fill
        self.top = layout.height
        layout.gap(ctx.pad if ctx.theme.cards else ctx.px(8), page_id)
        self.first = True

    def add(self, box: Box, before: int | None = None) -> None:
        gap = 0 if self.first else (self.ctx.gap if before is None else before)
        box.page_id = box.page_id or self.page_id
        self.layout.add(shifted(box, gap))
        self.first = False

    def close(self) -> None:
        ctx = self.ctx
        self.layout.gap(ctx.pad if ctx.theme.cards else ctx.px(8), self.page_id)
        self.layout.cards.append(Card(self.top, self.layout.height, self.fill))
        self.layout.gap(ctx.section_gap if ctx.theme.cards else ctx.px(12), self.page_id)
