"""Tables (merged cells, content-driven column widths, wrapped cells) and charts (bars + table)."""

from __future__ import annotations

from dataclasses import dataclass

from creator_studio.core.lesson.model import Chart, Image, Table, TableCell
from creator_studio.core.media.chart_draw import can_draw, chart_height, chart_kind, draw_chart
from creator_studio.core.media.fonts import load_font
from creator_studio.core.media.textlayout import tokenize

from . import pictures
from .figures import picture_box

from .boxes import Box, Canvas
from .context import Ctx, text_box
from .paint import draw_lines
from .text import Line, clean_text, display_width, is_numeric, layout_runs, plain


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
    base = ctx.size("table") if n_cols <= 5 else ctx.size("small") if n_cols <= 8 else ctx.px(19)
    header_rows = max(0, min(table.header_rows, n_rows))
    cw = ctx.cw
    # Numbers, words and URLs never break inside (issue 15: "55,000,0|00", "Quarte|r"): when the
    # columns' minimum widths do not fit, the whole table's type shrinks (to 60 %, never below
    # 14 design px); only past that do cells wrap, and then at spaces.
    floor = max(ctx.px(14), round(base * 0.6))
    size = base
    while True:
        nat, mn, padx = _col_widths(ctx, placed, n_cols, header_rows, size, cw)
        if sum(mn) <= cw or size <= floor:
            break
        size = max(floor, size - max(1, round(base * 0.08)))
    lh = ctx.lh(size, 1.45)
    pady = ctx.px(12) if size == base else max(ctx.px(6), round(ctx.px(12) * size / base))
    reg, bold = load_font(size), load_font(size, True)
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


def _col_widths(ctx: Ctx, placed: list[_Placed], n_cols: int, header_rows: int, size: int,
               cw: float) -> tuple[list[float], list[float], int]:
    """Natural and minimum column widths at type size `size` (minimum = the longest unbreakable
    token of any cell: a Latin word, a number, a URL; short CJK labels count as one token)."""
    padx = ctx.px(14 if n_cols <= 5 else 8) if size >= ctx.px(19) else ctx.px(7)
    reg, bold = load_font(size), load_font(size, True)
    nat = [2.0 * size] * n_cols
    mn = [1.0 * size] * n_cols
    for p in placed:
        if p.cs != 1:
            continue
        f = bold if (p.cell.bold or p.r < header_rows) else reg
        text = clean_text(p.cell.text)
        longest_line = max((f.getlength(x) for x in text.split("\n")), default=0)
        nat[p.c] = max(nat[p.c], longest_line + 2 * padx + 1)
        need = 0.0
        for tok in tokenize(text.replace("\n", " ")):
            if tok.isspace():
                continue
            if display_width(tok) >= 2 * len(tok) * 0.8:
                continue  # CJK may break between any two characters
            need = max(need, f.getlength(tok))
        # a short CJK label (≤ 4 characters, e.g. 重疾险 / 等待期) reads badly when split
        for word in text.replace("\n", " ").split(" "):
            if word and display_width(word) >= 2 * len(word) * 0.8 and len(word) <= 4:
                need = max(need, f.getlength(word))
        mn[p.c] = max(mn[p.c], min(need, cw * 0.9) + 2 * padx + 1)
    return nat, mn, padx


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
    """A chart keeps its type (pie stays a pie): redrawn by `media.chart_draw`.

    A chart we cannot redraw shows the LibreOffice picture of its region (`raster_asset`,
    cropped from the slide picture); only when neither exists does its data table stand in,
    so no chart is ever dropped.
    """
    out: list[Box] = []
    size = ctx.size("h3")
    if chart.title:
        lines = layout_runs(plain(chart.title, bold=True), size, ctx.cw, bold=True)
        out.append(text_box(ctx, "chart-title", lines, size, ctx.lh(size, 1.45), ctx.x0,
                            ctx.c("text"), keep_with_next=True))
    crop = ctx.lesson.asset_path(chart.raster_asset) if chart.raster_asset else None
    if crop is not None and (chart_kind(chart) == "unsupported" or not can_draw(chart)):
        pr = pictures.probe(Image(asset=chart.raster_asset, alt=chart.title), ctx.lesson)
        if pr.ok:
            out.append(picture_box(ctx, pr.path, pr.width, pr.height, kind="chart-picture",
                                   alt=chart.title))
            return out
    if can_draw(chart):
        out.append(drawn_chart_box(ctx, chart))
        return out
    if chart.series and chart.categories:
        tbl = chart.to_table()
        tbl.caption = ""
        if tbl.rows and tbl.rows[0]:
            tbl.rows[0][0].text = ""  # the title is already above the chart; don't repeat it
        box = table_box(ctx, tbl, kind="chart-table")
        if box:
            out.append(box)
    if len(out) == (1 if chart.title else 0):
        ctx.warnings.append(f"图表「{chart.title or '未命名'}」没有数据，也没有幻灯片图片，只显示标题")
    return out


CHART_FONT_SCALE = 1.35  # labels ≈ 20 px at 750: readable when a phone shows the image at half size


def drawn_chart_box(ctx: Ctx, chart: Chart) -> Box:
    """The chart drawn at 2× and scaled down at paint time (crisp lines at phone width)."""
    w = ctx.cw
    h = chart_height(chart, w)
    words = [str(c) for c in chart.categories] + [s.name for s in chart.series]

    def paint(c: Canvas, y: int) -> None:
        # drawn at 2× and box-reduced: antialiased lines for the cost of one cheap pass
        im = draw_chart(chart, w * 2, height=h * 2, font_scale=CHART_FONT_SCALE)
        if im is not None:
            c.image.paste(im.reduce(2), (ctx.x0, y))

    return Box("chart", h, paint, [], False, None,
               {"chart_type": chart_kind(chart), "grouping": chart.grouping, "lines": words})
