"""Tables (merged cells, content-driven column widths, wrapped cells) and charts (bars + table)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from creator_studio.core.lesson.model import Chart, Table, TableCell
from creator_studio.core.media.fonts import load_font

from .boxes import Box, Canvas
from .context import Ctx, text_box
from .paint import draw_lines, text_at
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
