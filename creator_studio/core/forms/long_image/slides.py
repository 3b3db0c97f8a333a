"""Picture pages (the faithful slide picture) and two-column blocks for the long image.

Issue 15: a designed slide (infographic, positioned text boxes, icons) loses its meaning when
its text is reflowed, so such a page shows its LibreOffice slide picture instead, nearly edge
to edge. `picture+text` is the common Chinese "PPT 长图" layout: the slide picture, then the
page's narration/notes as readable text below it.
"""

from __future__ import annotations

from creator_studio.core.lesson.model import Columns, Image, Page

from . import pictures
from .boxes import Box, Canvas
from .context import Ctx, text_box
from .figures import picture_box
from .paint import draw_lines
from .text import Line, clean_text, layout_runs, plain


def slide_picture_box(ctx: Ctx, page: Page) -> Box | None:
    """The page's slide picture across the whole card (None when it cannot be decoded)."""
    pr = pictures.probe(Image(asset=page.raster, alt=page.title), ctx.lesson)
    if not pr.ok:
        return None
    inset = ctx.px(12)
    x = ctx.margin + inset
    width = ctx.width - 2 * x
    box = picture_box(ctx, pr.path, pr.width, pr.height, kind="slide-picture", alt=page.title,
                      x=x, width=width, max_h=ctx.max_box, enlarge=1.0, frame=True)
    box.info["page_title"] = page.title
    return box


def narration_boxes(ctx: Ctx, page: Page) -> list[Box]:
    """The page's notes as body text below its picture (picture+text mode)."""
    text = clean_text(page.narration).strip()
    if not text:
        return []
    size = ctx.size("body")
    out = []
    for para in [p.strip() for p in text.split("\n") if p.strip()]:
        lines = layout_runs(plain(para), size, ctx.cw, surface=ctx.surface)
        out.append(text_box(ctx, "narration", lines, size, ctx.lh(size), ctx.x0, ctx.c("text")))
    return out


def columns_box(ctx: Ctx, block: Columns, page: Page, block_boxes) -> list[Box]:
    """Columns side by side with their headings (do/don't, before/after).

    Each column is laid out at its own width with the ordinary block builders. A pair taller
    than a part cannot be cut cleanly side by side, so it is stacked instead, each column under
    its heading: the columns are never merged into one list.
    """
    cols = [c for c in block.columns if c.heading.strip() or c.blocks]
    if not cols:
        return []
    n = min(len(cols), 3)
    gutter = ctx.px(24)
    col_w = (ctx.cw - gutter * (n - 1)) // n
    laid: list[tuple[list[Line], list[Box], int]] = []
    size = ctx.size("h3")
    lh = ctx.lh(size, 1.4)
    for k, col in enumerate(cols[:n]):
        inner = ctx.px(16)
        sub = ctx.narrowed(ctx.x0 + k * (col_w + gutter) + inner, col_w - 2 * inner)
        head = layout_runs(plain(col.heading, bold=True), size, col_w - ctx.px(24), bold=True) \
            if col.heading.strip() else []
        boxes: list[Box] = []
        for b in col.blocks:
            boxes.extend(block_boxes(sub, b, page))
        h = (len(head) * lh + ctx.px(20) if head else ctx.px(14)) + sum(b.h for b in boxes) \
            + ctx.px(14) * max(0, len(boxes) - 1) + ctx.px(14)
        laid.append((head, boxes, h))
    height = max(h for _h, _b, h in laid) + ctx.px(16)
    if height > ctx.max_box or len(cols) > 3:
        return _stacked(ctx, cols, page, block_boxes)
    t = ctx.theme
    palette = [t.rgb("primary"), t.rgb("accent"), t.rgb("answer_accent")]

    def paint(c: Canvas, y: int) -> None:
        for k, (head, boxes, _h) in enumerate(laid):
            x = ctx.x0 + k * (col_w + gutter)
            top = y
            col = palette[k % len(palette)]
            c.draw.rounded_rectangle([x, y, x + col_w, y + height - ctx.px(4)], radius=ctx.px(10),
                                     outline=col, width=max(1, ctx.px(2)))
            if head:
                hh = len(head) * lh + ctx.px(12)
                c.draw.rounded_rectangle([x, y, x + col_w, y + hh], radius=ctx.px(10), fill=col)
                draw_lines(c, head, x + ctx.px(12), y + ctx.px(6), size, lh, t.rgb("surface"))
                top = y + hh + ctx.px(8)
            else:
                top = y + ctx.px(14)
            for b in boxes:
                if b.paint:
                    b.paint(c, top)
                top += b.h + ctx.px(14)

    info = {"columns": [{"heading": c.heading, "lines": [ln for b in bx for ln in b.info.get("lines", [])]}
                        for c, (_h, bx, _x) in zip(cols, laid)]}
    return [Box("columns", height, paint, [], False, None, info)]


def _stacked(ctx: Ctx, cols, page: Page, block_boxes) -> list[Box]:
    out: list[Box] = []
    size = ctx.size("h3")
    for col in cols:
        if col.heading.strip():
            lines = layout_runs(plain(col.heading, bold=True), size, ctx.cw, bold=True)
            out.append(text_box(ctx, "heading", lines, size, ctx.lh(size, 1.45), ctx.x0,
                                ctx.c("primary"), keep_with_next=True))
        for b in col.blocks:
            out.extend(block_boxes(ctx, b, page))
    return out

