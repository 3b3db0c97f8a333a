"""Measure the whole lesson into boxes without drawing a pixel.

The result is a `Layout`: boxes in reading order with absolute y positions, plus the section
cards behind them. Only measurement happens here (font advances, picture headers), so a
200-page lesson lays out in a fraction of a second and a few MB; painting happens per segment.
"""

from __future__ import annotations

import datetime as _dt
import logging
import math
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageDraw

from creator_studio.core.lesson.model import (
    BulletList, Chart, Heading, Image, Lesson, Media, Note, Page, Paragraph, Question, Run, Table,
    TableCell,
)
from creator_studio.core.media.fonts import find_cjk_font, load_font
from creator_studio.core.themes import Theme, hex_to_rgb

from . import pictures
from .boxes import Box, Canvas, Card, Layout, shifted
from .paint import baseline, blend, draw_lines, pill, text_at
from .text import Line, clean_text, display_width, is_numeric, layout_runs, plain

log = logging.getLogger(__name__)

RGB = tuple[int, int, int]
KIND_ZH = {"single": "单选题", "multiple": "多选题", "truefalse": "判断题", "fill": "填空题"}
BULLET_CHARS = set("•●○◦▪■□◆◇►▸▹‣⁃-–—*·✓✔➢➤Ø§vüq")


@dataclass
class Options:
    width: int = 750
    segment_height: int = 4000
    watermark_text: str = ""
    qr_url: str = ""
    date: str = ""


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


# --------------------------------------------------------------------------------------------
# cover banner


def banner(ctx: Ctx, layout: Layout) -> None:
    t, lesson, s = ctx.theme, ctx.lesson, ctx.s
    minimal = t.banner_style == "minimal"
    title_size = ctx.size("banner_title")
    sub_size = ctx.size("banner_sub")
    inner_x = ctx.px(56)
    inner_w = ctx.width - 2 * inner_x
    title_lh = ctx.lh(title_size, 1.35)
    title_runs = plain(lesson.title or "未命名课程", bold=True)
    title_lines = layout_runs(title_runs, title_size, inner_w, bold=True, max_lines=4)
    counts = lesson.counts()
    n_pages = len(lesson.visible_pages())
    facts = [f"共 {n_pages} 节"]
    if counts["quiz_questions"]:
        facts.append(f"{counts['quiz_questions']} 道随堂测验")
    meta_lines: list[str] = []
    if lesson.meta.business_line:
        meta_lines.append(f"业务条线　{lesson.meta.business_line}")
    if lesson.meta.maker_name:
        maker = lesson.meta.maker_name + (f"（{lesson.meta.maker_id}）" if lesson.meta.maker_id else "")
        meta_lines.append(f"课程制作　{maker}")
    meta_lines.append(f"发布日期　{ctx.opts.date}")
    meta_lines = [clean_text(m).replace("\n", " ") for m in meta_lines]
    meta_wrapped = [layout_runs(plain(m), sub_size, inner_w, max_lines=2) for m in meta_lines]
    sub_lh = ctx.lh(sub_size, 1.6)
    tag_h = ctx.px(44)
    top_pad = ctx.px(72)
    content_h = (top_pad + tag_h + ctx.px(34) + len(title_lines) * title_lh + ctx.px(30)
                 + ctx.px(6) + ctx.px(30) + sum(len(m) for m in meta_wrapped) * sub_lh + ctx.px(64))
    h = max(ctx.px(t.spacing.banner_height), content_h)

    def paint(c: Canvas, y: int) -> None:
        w = c.width
        if minimal:
            c.draw.rectangle([0, y, w, y + h], fill=t.rgb("banner_start"))
        else:
            _gradient(c, y, h, t.rgb("banner_start"), t.rgb("banner_end"),
                      solid=t.banner_style == "solid")
            _bubbles(c, y, h, s)
        yy = y + top_pad
        tag = "微课 · 长图文"
        tf = load_font(ctx.size("small"), True)
        tw = tf.getlength(tag) + ctx.px(36)
        if minimal:
            pill(c.draw, (inner_x, yy, inner_x + tw, yy + tag_h), t.rgb("background"),
                 outline=t.rgb("text"), width=max(1, ctx.px(2)))
            tag_color = t.rgb("text")
        else:
            pill(c.draw, (inner_x, yy, inner_x + tw, yy + tag_h), t.rgb("accent"))
            tag_color = (255, 255, 255)
        c.draw.text((inner_x + tw / 2, yy + tag_h / 2), tag, font=tf, fill=tag_color, anchor="mm")
        yy += tag_h + ctx.px(34)
        draw_lines(c, title_lines, inner_x, yy, title_size, title_lh, t.rgb("banner_text"))
        yy += len(title_lines) * title_lh + ctx.px(30)
        c.draw.rectangle([inner_x, yy, inner_x + ctx.px(80), yy + ctx.px(6)], fill=t.rgb("accent"))
        text_at(c, (inner_x + ctx.px(100), yy + ctx.px(3)), "  ·  ".join(facts), ctx.size("small"),
                t.rgb("banner_subtext"), anchor="lm")
        yy += ctx.px(36)
        for lines in meta_wrapped:
            draw_lines(c, lines, inner_x, yy, sub_size, sub_lh, t.rgb("banner_subtext"))
            yy += len(lines) * sub_lh

    layout.add(Box("banner", h, paint, [], False, None,
                   {"title": [ln.text for ln in title_lines], "meta": meta_lines}))


def _gradient(c: Canvas, y: int, h: int, a: RGB, b: RGB, solid: bool = False) -> None:
    w = c.width
    if solid:
        c.draw.rectangle([0, y, w, y + h], fill=a)
        return
    # A diagonal gradient: a horizontal ramp plus a vertical ramp, averaged, as a mask.
    ramp = PILImage.linear_gradient("L").rotate(90).resize((w, h))
    vramp = PILImage.linear_gradient("L").resize((w, h))
    mask = PILImage.blend(ramp, vramp, 0.5)
    start = PILImage.new("RGB", (w, h), a)
    end = PILImage.new("RGB", (w, h), b)
    c.image.paste(PILImage.composite(start, end, mask), (0, y))


def _bubbles(c: Canvas, y: int, h: int, s: float) -> None:
    """Soft translucent circles in the banner corner: cheap, and keeps it from looking flat."""
    w = c.width
    overlay = PILImage.new("L", (w, h), 0)
    d = ImageDraw.Draw(overlay)
    for cx, cy, r, alpha in ((0.92, 0.18, 0.34, 40), (0.78, 0.95, 0.22, 28), (1.02, 0.70, 0.18, 34)):
        R = r * w
        d.ellipse([cx * w - R, cy * h - R, cx * w + R, cy * h + R], fill=alpha)
    white = PILImage.new("RGB", (w, h), (255, 255, 255))
    region = c.image.crop((0, y, w, y + h))
    region.paste(white, (0, 0), overlay)
    c.image.paste(region, (0, y))


# --------------------------------------------------------------------------------------------
# sections (a card per page, plus quiz / answers / end)


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


# --------------------------------------------------------------------------------------------
# blocks


def heading_box(ctx: Ctx, block: Heading) -> Box:
    level = max(1, min(3, block.level or 1))
    size = ctx.size(f"h{level}")
    color = ctx.c("primary") if level == 1 else ctx.c("text")
    lines = layout_runs(plain(block.text, bold=True), size, ctx.cw, bold=True)
    return text_box(ctx, "heading", lines, size, ctx.lh(size, 1.45), ctx.x0, color,
                    keep_with_next=True, info={"level": level})


def paragraph_box(ctx: Ctx, block: Paragraph) -> Box | None:
    if not block.text.strip():
        return None
    size = ctx.size("body")
    indent = min(max(block.level, 0), 4) * round(size * 1.5)
    lines = layout_runs(block.runs, size, ctx.cw - indent, surface=ctx.surface)
    align = block.align if block.align in ("center", "right") else "left"
    return text_box(ctx, "paragraph", lines, size, ctx.lh(size), ctx.x0 + indent, ctx.c("text"),
                    width=ctx.cw - indent, align=align)


def _marker(item_marker: str, ordered: bool, number: int) -> str | None:
    """The marker text to draw, or None for a drawn bullet dot."""
    m = clean_text(item_marker).strip()
    if m and not (len(m) == 1 and (m in BULLET_CHARS or not m.isalnum())):
        return m
    if ordered and not m:
        return f"{number}."
    return None


def list_box(ctx: Ctx, block: BulletList) -> Box | None:
    size = ctx.size("body")
    lh = ctx.lh(size, 1.62)
    item_gap = ctx.px(8)
    font = load_font(size)
    rows: list[tuple[int, str | None, list[Line], int]] = []  # (indent, marker, lines, level)
    counters: dict[int, int] = {}
    markers = []
    for item in block.items:
        if not item.text.strip():
            continue
        lvl = max(0, min(item.level, 4))
        counters[lvl] = counters.get(lvl, 0) + 1
        for deeper in [k for k in counters if k > lvl]:
            counters.pop(deeper)
        markers.append((item, lvl, _marker(item.marker, block.ordered, counters[lvl])))
    if not markers:
        return None
    marker_w = max([font.getlength(m) for _i, _l, m in markers if m] + [size * 0.9])
    marker_w = min(marker_w, size * 3.2) + size * 0.4
    for item, lvl, m in markers:
        indent = lvl * round(size * 1.4)
        lines = layout_runs(item.runs, size, ctx.cw - indent - marker_w, surface=ctx.surface)
        rows.append((indent, m, lines, lvl))
    offsets, y = [], 0
    for _ind, _m, lines, _l in rows:
        offsets.append(y)
        y += len(lines) * lh + item_gap
    h = y - item_gap

    def paint(c: Canvas, top: int) -> None:
        for (indent, m, lines, lvl), off in zip(rows, offsets):
            x = ctx.x0 + indent
            ly = top + off
            if m is None:
                r = size * (0.16 if lvl == 0 else 0.13)
                cx, cy = x + size * 0.3, ly + lh / 2
                if lvl == 0:
                    c.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=ctx.c("primary"))
                else:
                    c.draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=ctx.c("primary"),
                                   width=max(1, ctx.px(2)))
            else:
                c.draw.text((x, baseline(ly, lh, size)), m, font=font, fill=ctx.c("primary"),
                            anchor="ls")
            draw_lines(c, lines, x + marker_w, ly, size, lh, ctx.c("text"),
                       link_color=ctx.c("primary"))

    cuts = offsets[1:]
    return Box("list", h, paint, cuts, False, None,
               {"markers": [m for _i, _l, m in markers], "items": len(rows)})


# tables -------------------------------------------------------------------------------------


@dataclass
class _Placed:
    r: int
    c: int
    rs: int
    cs: int
    cell: TableCell
    lines: list[Line] | None = None


def _place_cells(rows: list[list[TableCell]]) -> tuple[list[_Placed], int, int]:
    occupied: set[tuple[int, int]] = set()
    placed: list[_Placed] = []
    n_rows = len(rows)
    n_cols = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            rs = max(1, min(int(cell.row_span or 1), n_rows - r))
            cs = max(1, min(int(cell.col_span or 1), 64))
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    occupied.add((rr, cc))
            placed.append(_Placed(r, c, rs, cs, cell))
            c += cs
        n_cols = max(n_cols, c)
    n_cols = max([n_cols] + [cc + 1 for _r, cc in occupied])
    return placed, n_rows, n_cols


def table_box(ctx: Ctx, table: Table, kind: str = "table") -> Box | None:
    if not table.rows or not any(row for row in table.rows):
        return None
    placed, n_rows, n_cols = _place_cells(table.rows)
    size = ctx.size("table") if n_cols <= 5 else ctx.size("small") if n_cols <= 8 else ctx.px(19)
    lh = ctx.lh(size, 1.45)
    padx, pady = ctx.px(14 if n_cols <= 5 else 8), ctx.px(12)
    header_rows = max(0, min(table.header_rows, n_rows))
    reg, bold = load_font(size), load_font(size, True)
    cw = ctx.cw
    nat = [2.0 * size] * n_cols
    mn = [1.0 * size] * n_cols
    for p in placed:
        if p.cs != 1:
            continue
        f = bold if (p.cell.bold or p.r < header_rows) else reg
        text = clean_text(p.cell.text)
        longest_line = max((f.getlength(x) for x in text.split("\n")), default=0)
        nat[p.c] = max(nat[p.c], longest_line + 2 * padx + 1)
        words = [w for w in text.replace("\n", " ").split(" ") if w]
        # Latin words and numbers must not break; CJK may break anywhere, but a short label
        # (up to four characters, e.g. 重疾险 / 等待期) reads badly when split, so keep it whole.
        need = 0.0
        for word in words:
            ww = f.getlength(word)
            need = max(need, min(ww, 4.2 * size) if display_width(word) >= 2 * len(word) * 0.8
                       else min(ww, 9 * size))
        mn[p.c] = max(mn[p.c], min(need, cw / n_cols * 1.6) + 2 * padx + 1)
    widths = _allocate(nat, mn, cw)
    xs = [0]
    for w in widths:
        xs.append(xs[-1] + w)
    row_h = [0] * n_rows
    for p in placed:
        w = xs[p.c + p.cs] - xs[p.c] if p.c + p.cs <= n_cols else xs[-1] - xs[p.c]
        header = p.r < header_rows
        p.lines = layout_runs(plain(p.cell.text, bold=p.cell.bold or header), size,
                              max(size, w - 2 * padx), bold=p.cell.bold or header) or [Line()]
        if p.rs == 1:
            row_h[p.r] = max(row_h[p.r], len(p.lines) * lh + 2 * pady)
    for p in placed:
        row_h[p.r] = max(row_h[p.r], lh + 2 * pady) if p.rs == 1 else row_h[p.r]
    for p in sorted(placed, key=lambda q: q.rs):
        if p.rs > 1:
            need = len(p.lines) * lh + 2 * pady
            have = sum(row_h[p.r:p.r + p.rs])
            if need > have:
                row_h[p.r + p.rs - 1] += need - have
    row_h = [max(h, lh + 2 * pady) for h in row_h]
    ys = [0]
    for h in row_h:
        ys.append(ys[-1] + h)
    cap_lines: list[Line] = []
    cap_size = ctx.size("small")
    cap_lh = ctx.lh(cap_size, 1.5)
    if table.caption and kind == "table":
        cap_lines = layout_runs(plain(table.caption), cap_size, cw)
    cap_h = len(cap_lines) * cap_lh + (ctx.px(8) if cap_lines else 0)
    crossing = {rr for p in placed for rr in range(p.r + 1, p.r + p.rs)}
    cuts = [cap_h + ys[r] for r in range(max(1, header_rows + 1), n_rows) if r not in crossing]
    # In a tall row (a pasted contract clause) whose cells all sit in that row alone, cells are
    # top-aligned with the same padding and leading, so every line boundary is clean across all
    # cells and the row can be split between lines. Short rows stay vertically centred.
    spanned_rows = {rr for p in placed if p.rs > 1 for rr in range(p.r, p.r + p.rs)}
    tall_rows: set[int] = set()
    for r in range(n_rows):
        n_lines = max((len(p.lines or []) for p in placed if p.r == r), default=0)
        if r in spanned_rows or n_lines < 8:
            continue
        tall_rows.add(r)
        cuts += [cap_h + ys[r] + pady + k * lh for k in range(2, n_lines - 1)]
    cuts.sort()
    line_w = max(1, ctx.px(1.5))
    t = ctx.theme

    def paint(c: Canvas, top: int) -> None:
        x0 = ctx.x0
        if cap_lines:
            draw_lines(c, cap_lines, x0, top, cap_size, cap_lh, t.rgb("text_muted"))
        y0 = top + cap_h
        stripe = t.rgb("table_stripe")
        for p in placed:
            x1, x2 = x0 + xs[p.c], x0 + xs[min(p.c + p.cs, n_cols)]
            y1, y2 = y0 + ys[p.r], y0 + ys[p.r + p.rs]
            header = p.r < header_rows
            if header:
                fill = t.rgb("table_header_bg")
            elif (p.r - header_rows) % 2 == 1:
                fill = stripe
            else:
                fill = t.rgb("surface")
            c.draw.rectangle([x1, y1, x2, y2], fill=fill, outline=t.rgb("table_border"), width=line_w)
            text_color = t.rgb("table_header_text") if header else t.rgb("text")
            lines = p.lines or []
            th = len(lines) * lh
            ty = y1 + pady if p.r in tall_rows else y1 + max(pady, (y2 - y1 - th) / 2)
            cell_text = "".join(ln.text for ln in lines)
            align = "center" if header else ("right" if is_numeric(cell_text) else "left")
            draw_lines(c, lines, x1 + padx, ty, size, lh, text_color, align=align,
                       width=x2 - x1 - 2 * padx)
        c.draw.rectangle([x0, y0, x0 + xs[-1], y0 + ys[-1]], outline=t.rgb("table_border"),
                         width=line_w)

    return Box(kind, cap_h + ys[-1], paint, cuts, False, None,
               {"rows": n_rows, "cols": n_cols, "col_widths": widths,
                "cells": [[ln.text for ln in (p.lines or [])] for p in placed],
                "spans": [(p.r, p.c, p.rs, p.cs) for p in placed if p.rs > 1 or p.cs > 1]})


def _allocate(nat: list[float], mn: list[float], total: float) -> list[int]:
    """Column widths: natural widths when they fit (stretched), else squeeze toward minimums."""
    n = len(nat)
    if sum(nat) <= total:
        widths = [w * total / sum(nat) for w in nat]
    elif sum(mn) >= total:
        widths = [w * total / sum(mn) for w in mn]
    else:
        slack = total - sum(mn)
        extra = [max(0.0, a - b) for a, b in zip(nat, mn)]
        se = sum(extra) or 1.0
        widths = [m + e * slack / se for m, e in zip(mn, extra)]
    out = [int(w) for w in widths]
    out[-1] += int(total) - sum(out)
    return out if n else []


# charts -------------------------------------------------------------------------------------


def chart_boxes(ctx: Ctx, chart: Chart) -> list[Box]:
    out: list[Box] = []
    size = ctx.size("h3")
    if chart.title:
        lines = layout_runs(plain("图表：" + chart.title, bold=True), size, ctx.cw, bold=True)
        out.append(text_box(ctx, "chart-title", lines, size, ctx.lh(size, 1.45), ctx.x0,
                            ctx.c("text"), keep_with_next=True))
    bars = bar_chart_box(ctx, chart)
    if bars:
        out.append(bars)
    tbl = chart.to_table()
    tbl.caption = ""
    if tbl.rows and tbl.rows[0]:
        tbl.rows[0][0].text = ""  # the title is already above the chart; don't repeat it
    box = table_box(ctx, tbl, kind="chart-table")
    if box:
        out.append(box)
    return out


def bar_chart_box(ctx: Ctx, chart: Chart) -> Box | None:
    series = [s for s in chart.series if s.values][:4]
    cats = [clean_text(str(c)) for c in chart.categories][:20]
    if not series or not cats:
        return None
    vals = [[(s.values[i] if i < len(s.values) and s.values[i] is not None else 0.0)
             for i in range(len(cats))] for s in series]
    flat = [float(v) for row in vals for v in row]
    if not flat or min(flat) < 0 or max(flat) <= 0 or any(math.isnan(v) or math.isinf(v) for v in flat):
        return None
    vmax = max(flat)
    size = ctx.size("small")
    font = load_font(size)
    bar_h = ctx.px(22 if len(series) > 1 else 28)
    row_gap = ctx.px(16)
    label_w = min(max(font.getlength(c) for c in cats) + ctx.px(16), ctx.cw * 0.32)
    value_w = max(font.getlength(_fmt(v)) for v in flat) + ctx.px(12)
    area_w = ctx.cw - label_w - value_w
    palette = [ctx.c("primary"), ctx.c("accent"), ctx.c("answer_accent"), ctx.c("primary_dark")]
    legend_h = ctx.lh(size, 1.6) + ctx.px(8) if len(series) > 1 else 0
    row_h = bar_h * len(series) + ctx.px(4) * (len(series) - 1)
    h = legend_h + len(cats) * (row_h + row_gap)
    labels = [layout_runs(plain(c), size, label_w - ctx.px(16), max_lines=1) for c in cats]

    def paint(c: Canvas, top: int) -> None:
        x0 = ctx.x0
        y = top
        if legend_h:
            lx = x0
            for i, s in enumerate(series):
                sw = ctx.px(18)
                mid = y + (legend_h - ctx.px(8)) / 2
                c.draw.rectangle([lx, mid - sw / 2, lx + sw, mid + sw / 2], fill=palette[i])
                lx += sw + ctx.px(8)
                lx += text_at(c, (lx, mid), clean_text(s.name)[:20] or f"系列{i + 1}", size,
                              ctx.c("text_muted"), anchor="lm") + ctx.px(24)
            y += legend_h
        for ci in range(len(cats)):
            draw_lines(c, labels[ci], x0, y + (row_h - ctx.lh(size, 1.4)) / 2, size,
                       ctx.lh(size, 1.4), ctx.c("text"))
            by = y
            for si in range(len(series)):
                v = float(vals[si][ci])
                bw = max(ctx.px(3), area_w * v / vmax)
                c.draw.rounded_rectangle([x0 + label_w, by, x0 + label_w + bw, by + bar_h],
                                         radius=ctx.px(4), fill=palette[si])
                text_at(c, (x0 + label_w + bw + ctx.px(8), by + bar_h / 2), _fmt(v), size,
                        ctx.c("text_muted"), anchor="lm")
                by += bar_h + ctx.px(4)
            y += row_h + row_gap

    return Box("chart-bars", h - row_gap, paint, [], False, None, {"categories": len(cats)})


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.4g}"


# pictures -----------------------------------------------------------------------------------


def image_box(ctx: Ctx, block: Image) -> Box:
    pr = pictures.probe(block, ctx.lesson)
    if pr.ok:
        w, h = pr.width, pr.height
        dw = int(min(ctx.cw, w * 2))  # fill the width, but never enlarge more than 2×
        dh = max(1, round(h * dw / w))
        limit = min(ctx.max_box, int(ctx.cw * 2.2))
        if dh > limit:  # very tall pictures are shown narrower rather than filling many screens
            dh = limit
            dw = max(1, round(w * dh / h))
        x = ctx.x0 + (ctx.cw - dw) // 2
        path = pr.path

        def paint(c: Canvas, y: int) -> None:
            try:
                im = pictures.decode_to(path, (dw, dh), ctx.surface)
            except Exception as exc:  # noqa: BLE001 - decode failures become a placeholder
                log.info("picture %s failed at paint time: %s", path, exc)
                c.warnings.append(f"图片无法解码：{block.alt or path.name}")
                _placeholder_paint(ctx, c, y, dw, dh, x, block.alt, "图片无法解码（文件损坏）")
                return
            c.image.paste(im, (x, y))

        return Box("image", dh, paint, [], False, None, {"size": (dw, dh), "source": (w, h)})
    return placeholder_box(ctx, block, pr.problem or "图片无法显示")


def placeholder_box(ctx: Ctx, block: Image, problem: str) -> Box:
    dw = ctx.cw
    if block.width_px and block.height_px and block.width_px > 0:
        dh = int(min(max(dw * block.height_px / block.width_px, ctx.px(220)), ctx.px(420)))
    else:
        dh = ctx.px(240)
    alt = clean_text(block.alt).strip()

    def paint(c: Canvas, y: int) -> None:
        _placeholder_paint(ctx, c, y, dw, dh, ctx.x0, alt, problem)

    return Box("placeholder", dh, paint, [], False, None, {"alt": alt, "problem": problem})


def _placeholder_paint(ctx: Ctx, c: Canvas, y: int, w: int, h: int, x: int, alt: str,
                       problem: str) -> None:
    t = ctx.theme
    c.draw.rounded_rectangle([x, y, x + w, y + h], radius=ctx.px(12), fill=t.rgb("placeholder_bg"),
                             outline=t.rgb("placeholder_border"), width=max(1, ctx.px(2)))
    # a simple "picture" pictogram: frame, sun, mountain
    icon = ctx.px(56)
    ix, iy = x + (w - icon) / 2, y + h * 0.22
    col = t.rgb("placeholder_border")
    c.draw.rectangle([ix, iy, ix + icon, iy + icon * 0.78], outline=col, width=max(1, ctx.px(3)))
    c.draw.ellipse([ix + icon * 0.62, iy + icon * 0.14, ix + icon * 0.8, iy + icon * 0.32], fill=col)
    c.draw.polygon([(ix + icon * 0.1, iy + icon * 0.7), (ix + icon * 0.38, iy + icon * 0.35),
                    (ix + icon * 0.62, iy + icon * 0.7)], fill=col)
    size = ctx.size("small")
    lines = layout_runs(plain(problem, bold=True), size, w - ctx.px(40), bold=True, max_lines=2)
    if alt:
        lines += layout_runs(plain(f"图片说明：{alt}"), size, w - ctx.px(40), max_lines=2)
    lh = ctx.lh(size, 1.45)
    draw_lines(c, lines, x + ctx.px(20), iy + icon * 0.78 + ctx.px(16), size, lh,
               t.rgb("text_muted"), align="center", width=w - ctx.px(40))


# notes and media ----------------------------------------------------------------------------


def note_box(ctx: Ctx, block: Note) -> Box | None:
    if not block.text.strip():
        return None
    t = ctx.theme
    size = ctx.size("small") + ctx.px(2)
    lh = ctx.lh(size, 1.65)
    inset = ctx.px(24)
    bar = ctx.px(6)
    label = clean_text(block.label).strip() or "提示"
    label_size = ctx.size("small")
    label_h = ctx.lh(label_size, 1.5)
    lines = layout_runs(plain(block.text), size, ctx.cw - 2 * inset - bar, surface=t.rgb("note_bg"))
    pad = ctx.px(18)
    h = pad + label_h + len(lines) * lh + pad

    def paint(c: Canvas, y: int) -> None:
        x = ctx.x0
        c.draw.rounded_rectangle([x, y, x + ctx.cw, y + h], radius=ctx.px(10), fill=t.rgb("note_bg"))
        c.draw.rectangle([x, y, x + bar, y + h], fill=t.rgb("note_border"))
        text_at(c, (x + bar + inset, baseline(y + pad, label_h, label_size)), label, label_size,
                t.rgb("note_border"), bold=True)
        draw_lines(c, lines, x + bar + inset, y + pad + label_h, size, lh, t.rgb("note_text"))

    n = len(lines)
    cuts = [pad + label_h + k * lh for k in range(2, n - 1)] if n >= 4 else []
    return Box("note", h, paint, cuts, False, None, {"label": label, "lines": [ln.text for ln in lines]})


def media_box(ctx: Ctx, block: Media) -> Box:
    t = ctx.theme
    size = ctx.size("small")
    video = block.media_type == "video"
    label = ("视频" if video else ("旁白音频" if block.is_narration else "音频")) + \
        " · 请在学习平台播放"
    font = load_font(size, True)
    bh = ctx.px(52)
    bw = font.getlength(label) + ctx.px(84)

    def paint(c: Canvas, y: int) -> None:
        x = ctx.x0
        pill(c.draw, (x, y, x + bw, y + bh), blend(t.rgb("primary"), t.rgb("surface"), 0.88),
             outline=t.rgb("primary"), width=max(1, ctx.px(2)))
        cx, cy, r = x + ctx.px(34), y + bh / 2, ctx.px(14)
        c.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=t.rgb("primary"))
        if video:
            c.draw.polygon([(cx - r * 0.35, cy - r * 0.5), (cx - r * 0.35, cy + r * 0.5),
                            (cx + r * 0.55, cy)], fill=t.rgb("surface"))
        else:
            c.draw.rectangle([cx - r * 0.45, cy - r * 0.2, cx - r * 0.1, cy + r * 0.2],
                             fill=t.rgb("surface"))
            c.draw.polygon([(cx - r * 0.1, cy - r * 0.2), (cx + r * 0.4, cy - r * 0.55),
                            (cx + r * 0.4, cy + r * 0.55), (cx - r * 0.1, cy + r * 0.2)],
                           fill=t.rgb("surface"))
        c.draw.text((x + ctx.px(60), cy), label, font=font, fill=t.rgb("primary"), anchor="lm")

    return Box("media", bh, paint, [], False, None, {"label": label, "media_type": block.media_type})


# quiz ---------------------------------------------------------------------------------------


def question_boxes(ctx: Ctx, n: int, q: Question) -> list[Box]:
    t = ctx.theme
    size = ctx.size("body")
    lh = ctx.lh(size, 1.6)
    tag = KIND_ZH.get(q.kind, "题目")
    small = ctx.size("small")
    tag_font = load_font(small, True)
    tag_w = tag_font.getlength(tag) + ctx.px(20)
    num = f"{n}."
    num_w = load_font(size, True).getlength(num) + ctx.px(10)
    stem = clean_text(q.stem) or "（题干缺失）"
    if q.kind == "fill" and "_" not in stem and "（" not in stem:
        stem += "（＿＿＿＿）"
    first_indent = num_w + tag_w + ctx.px(12)
    # Wrap the stem with room for number and tag on the first line: prefix with a spacer.
    stem_lines = layout_runs(plain(stem), size, ctx.cw - first_indent)
    if len(stem_lines) > 1:  # re-wrap the rest at full width (minus the number hang)
        first = stem_lines[0].text
        rest = stem[len(first):].lstrip() if stem.startswith(first) else stem
        stem_lines = [stem_lines[0]] + layout_runs(plain(rest), size, ctx.cw - num_w)
    boxes: list[Box] = []
    sh = len(stem_lines) * lh

    def paint_stem(c: Canvas, y: int) -> None:
        x = ctx.x0
        text_at(c, (x, baseline(y, lh, size)), num, size, t.rgb("primary"), bold=True)
        th = round(small * 1.5)
        ty = y + (lh - th) / 2
        pill(c.draw, (x + num_w, ty, x + num_w + tag_w, ty + th), t.rgb("primary"))
        c.draw.text((x + num_w + tag_w / 2, ty + th / 2), tag, font=tag_font, fill=t.rgb("surface"),
                    anchor="mm")
        draw_lines(c, stem_lines[:1], x + first_indent, y, size, lh, t.rgb("text"))
        draw_lines(c, stem_lines[1:], x + num_w, y + lh, size, lh, t.rgb("text"))

    boxes.append(Box("question", sh, paint_stem, [], True, None,
                     {"stem": [ln.text for ln in stem_lines], "kind": q.kind}))
    options = q.options if q.kind != "truefalse" or q.options else ["正确", "错误"]
    if q.kind == "fill":
        options = []
    osize = ctx.size("body") - ctx.px(2)
    olh = ctx.lh(osize, 1.5)
    opad = ctx.px(12)
    for i, opt in enumerate(options[:26]):
        letter = chr(ord("A") + i)
        lines = layout_runs(plain(opt), osize, ctx.cw - num_w - ctx.px(76))
        oh = len(lines) * olh + 2 * opad

        def paint_opt(c: Canvas, y: int, letter=letter, lines=lines, oh=oh) -> None:
            x = ctx.x0 + num_w
            c.draw.rounded_rectangle([x, y, ctx.x0 + ctx.cw, y + oh], radius=ctx.px(10),
                                     fill=t.rgb("quiz_bg"), outline=blend(t.rgb("quiz_bg"),
                                                                         t.rgb("primary"), 0.25))
            r = ctx.px(17)
            cx, cy = x + ctx.px(30), y + opad + olh / 2
            c.draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=t.rgb("primary"),
                           width=max(1, ctx.px(2)), fill=t.rgb("surface"))
            c.draw.text((cx, cy), letter, font=load_font(ctx.size("small"), True),
                        fill=t.rgb("primary"), anchor="mm")
            draw_lines(c, lines, x + ctx.px(62), y + opad, osize, olh, t.rgb("text"))

        boxes.append(shifted(Box("option", oh, paint_opt, [], i < len(options) - 1, None,
                                 {"letter": letter, "text": [ln.text for ln in lines]}), ctx.px(12)))
    return boxes


def answer_boxes(ctx: Ctx, n: int, q: Question) -> list[Box]:
    t = ctx.theme
    size = ctx.size("body") - ctx.px(2)
    lh = ctx.lh(size, 1.6)
    answer = clean_text(q.answer_label()) or "（未提供答案）"
    head = layout_runs([Run(f"{n}. 正确答案：", bold=True), Run(answer, bold=True)], size, ctx.cw)
    for ln in head:
        for sp in ln.spans:
            sp.color = t.rgb("answer_accent")
    boxes = [text_box(ctx, "answer", head, size, lh, ctx.x0, t.rgb("answer_accent"),
                      keep_with_next=bool(q.explanation.strip()), info={"answer": answer})]
    if q.explanation.strip():
        lines = layout_runs([Run("解析：", bold=True), Run(q.explanation)], size,
                            ctx.cw - ctx.px(30))
        boxes.append(shifted(text_box(ctx, "explanation", lines, size, lh, ctx.x0 + ctx.px(30),
                                      t.rgb("text_muted"), width=ctx.cw - ctx.px(30)), ctx.px(4)))
    return boxes


# end card -----------------------------------------------------------------------------------


def end_boxes(ctx: Ctx) -> list[Box]:
    t, lesson = ctx.theme, ctx.lesson
    boxes: list[Box] = []
    url = ctx.opts.qr_url
    if url:
        from .qr import qr_image

        qsize = ctx.px(240)
        small = ctx.size("small")
        url_lines = layout_runs(plain(url), small, ctx.cw, max_lines=3)
        cap = layout_runs(plain("扫码进入课程，完成学习与测验", bold=True), ctx.size("body"), ctx.cw,
                          bold=True)
        blh, slh = ctx.lh(ctx.size("body"), 1.5), ctx.lh(small, 1.5)
        h = qsize + ctx.px(16) + len(cap) * blh + len(url_lines) * slh

        def paint_qr(c: Canvas, y: int) -> None:
            img = qr_image(url, qsize, t.rgb("text"), t.rgb("surface"))
            c.image.paste(img, (ctx.x0 + (ctx.cw - qsize) // 2, y))
            yy = y + qsize + ctx.px(16)
            draw_lines(c, cap, ctx.x0, yy, ctx.size("body"), blh, t.rgb("text"), align="center",
                       width=ctx.cw)
            yy += len(cap) * blh
            draw_lines(c, url_lines, ctx.x0, yy, small, slh, t.rgb("text_muted"), align="center",
                       width=ctx.cw)

        boxes.append(Box("qr", h, paint_qr, [], False, None, {"url": url}))
    credit = []
    if lesson.meta.maker_name:
        credit.append("课程制作：" + lesson.meta.maker_name +
                      (f"（创客编号 {lesson.meta.maker_id}）" if lesson.meta.maker_id else ""))
    if lesson.meta.business_line:
        credit.append("适用条线：" + lesson.meta.business_line)
    credit.append(f"创客工作室生成 · {ctx.opts.date} · 版权归课程创作者所有")
    small = ctx.size("small")
    lines: list[Line] = []
    for cr in credit:
        lines += layout_runs(plain(clean_text(cr).replace("\n", " ")), small, ctx.cw)
    boxes.append(text_box(ctx, "credit", lines, small, ctx.lh(small, 1.6), ctx.x0,
                          t.rgb("footer_text"), align="center", info={"credit": credit}))
    return boxes


# --------------------------------------------------------------------------------------------


def block_boxes(ctx: Ctx, block, page: Page) -> list[Box]:
    if isinstance(block, Heading):
        if not block.text.strip() or block.text.strip() == page.title.strip():
            return []  # the section header already shows the page title
        return [heading_box(ctx, block)]
    if isinstance(block, Paragraph):
        b = paragraph_box(ctx, block)
        return [b] if b else []
    if isinstance(block, BulletList):
        b = list_box(ctx, block)
        return [b] if b else []
    if isinstance(block, Table):
        b = table_box(ctx, block)
        return [b] if b else []
    if isinstance(block, Chart):
        return chart_boxes(ctx, block)
    if isinstance(block, Image):
        return [image_box(ctx, block)]
    if isinstance(block, Note):
        b = note_box(ctx, block)
        return [b] if b else []
    if isinstance(block, Media):
        return [media_box(ctx, block)]
    log.info("unknown block %r skipped", type(block).__name__)
    return []


def build_layout(lesson: Lesson, theme: Theme, opts: Options, job=None) -> Layout:
    """Measure every block of the lesson into boxes (no pixels are drawn here)."""
    opts.date = opts.date or _dt.date.today().isoformat()
    ctx = Ctx(theme, lesson, opts)
    layout = Layout(width=opts.width, font=find_cjk_font().describe())
    banner(ctx, layout)
    layout.gap(ctx.section_gap if theme.cards else ctx.px(16))
    pages = lesson.visible_pages()
    for i, page in enumerate(pages, start=1):
        sec = Section(ctx, layout, page.id)
        sec.add(section_header(ctx, f"{i:02d}", clean_text(page.title).replace("\n", " ") or
                               f"第 {i} 节", page.id))
        for block in page.blocks:
            for k, box in enumerate(block_boxes(ctx, block, page)):
                sec.add(box, before=ctx.px(14) if k else None)
        sec.close()
        if job is not None and i % 20 == 0:
            job.raise_if_cancelled()
    questions = lesson.quiz.questions
    if questions:
        sec = Section(ctx, layout, "quiz")
        sec.add(section_header(ctx, "测", "随堂测验", "quiz"))
        for n, q in enumerate(questions, start=1):
            for k, box in enumerate(question_boxes(ctx, n, q)):
                sec.add(box, before=ctx.px(30) if k == 0 else 0)
        sec.close()
        sec = Section(ctx, layout, "answers")
        sec.add(section_header(ctx, "答", "答案与解析", "answers"))
        for n, q in enumerate(questions, start=1):
            for k, box in enumerate(answer_boxes(ctx, n, q)):
                sec.add(box, before=ctx.px(22) if k == 0 else 0)
        sec.close()
    sec = Section(ctx, layout, "end")
    for k, box in enumerate(end_boxes(ctx)):
        sec.add(box, before=ctx.px(28))
    sec.close()
    return layout


def hex_rgb(v: str) -> RGB:
    return hex_to_rgb(v)
