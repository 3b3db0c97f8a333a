"""Charts redrawn with Pillow, keeping their type (issue 15).

Before this module every chart became horizontal bars, so a pie or a trend line lost its
meaning. The long image, the H5 course and the built-in slide renderer all call `draw_chart`:
column and bar (clustered, stacked, percent), line, area, pie, doughnut, scatter, radar and
combo charts, with series names, categories, a legend, data labels and axis titles. 3-D variants
are drawn flat. Colours follow Office's default accent order so a redrawn chart matches the deck.
A chart that cannot be drawn from its data (`chart_type == "unsupported"`, or no numbers) returns
None; callers then use the slide picture's region or the data table, never nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from creator_studio.core.lesson.model import Chart
from creator_studio.core.media.fonts import load_font

RGB = tuple[int, int, int]

# Office 2013+ default accents: the colours a deck's chart most likely used.
OFFICE_COLOURS: list[RGB] = [(68, 114, 196), (237, 125, 49), (165, 165, 165), (255, 192, 0),
                             (91, 155, 213), (112, 173, 71), (38, 68, 120), (158, 72, 14),
                             (99, 99, 99), (153, 115, 0)]
AXIS: RGB = (191, 191, 191)
GRID: RGB = (230, 230, 230)
TEXT: RGB = (64, 64, 64)
CARTESIAN = ("column", "bar", "line", "area", "scatter", "combo")
DRAWABLE = CARTESIAN + ("pie", "doughnut", "radar")


@dataclass
class _Series:
    name: str
    values: list[float | None]
    kind: str
    x: list[float | None] | None = None


def _finite(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def chart_kind(chart: Chart) -> str:
    t = (chart.chart_type or "").strip().lower()
    aliases = {"bar3d": "column", "col": "column", "pie3d": "pie", "line3d": "line",
               "area3d": "area", "ofpie": "pie", "bubble": "scatter", "": "column"}
    t = aliases.get(t, t)
    return t if t in DRAWABLE or t == "unsupported" else "unsupported"


def _series(chart: Chart, kind: str) -> list[_Series]:
    out = []
    for i, s in enumerate(chart.series):
        vals = [_finite(v) for v in (s.values or [])]
        if not any(v is not None for v in vals):
            continue
        sk = (getattr(s, "chart_type", None) or kind) if kind == "combo" else kind
        xs = getattr(s, "x_values", None)
        out.append(_Series((s.name or f"系列{i + 1}").strip()[:40], vals, chart_kind_str(sk),
                           [_finite(v) for v in xs] if xs else None))
    return out[:12]


def chart_kind_str(k: str) -> str:
    """A series' own kind inside a combo chart: column, bar, line or area (else column)."""
    k = (k or "column").lower()
    return k if k in ("column", "bar", "line", "area") else "column"


def can_draw(chart: Chart) -> bool:
    kind = chart_kind(chart)
    return kind != "unsupported" and bool(_series(chart, kind))


def fmt(v: float, percent: bool = False) -> str:
    if percent:
        return f"{v:.0f}%"
    if abs(v) >= 1e6 and float(v).is_integer():
        return f"{v:,.0f}"
    if float(v).is_integer():
        return f"{int(v):,}" if abs(v) >= 10000 else str(int(v))
    return f"{v:.3g}" if abs(v) < 1 else f"{v:,.2f}".rstrip("0").rstrip(".")


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round axis ticks covering [lo, hi] (0 included for bars)."""
    if hi == lo:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / max(1, n)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    v = start
    while v < hi + step * 0.999 and len(ticks) < 30:
        ticks.append(round(v, 10))
        v += step
    return ticks


class _Painter:
    def __init__(self, width: int, height: int, scale: float, font_for: Callable[[int, bool], ImageFont.FreeTypeFont]):
        self.img = Image.new("RGB", (width, height), (255, 255, 255))
        self.d = ImageDraw.Draw(self.img)
        self.s = scale
        self.font_for = font_for
        self.fs = max(11, round(15 * scale))
        self.font = font_for(self.fs, False)

    def px(self, v: float) -> int:
        return max(1, round(v * self.s))

    def text(self, xy, text: str, anchor: str = "la", fill: RGB = TEXT, size: int | None = None,
             bold: bool = False) -> None:
        f = self.font if size is None and not bold else self.font_for(size or self.fs, bold)
        self.d.text(xy, text, font=f, fill=fill, anchor=anchor)

    def width(self, text: str, size: int | None = None) -> float:
        f = self.font if size is None else self.font_for(size, False)
        return f.getlength(text)

    def fit(self, text: str, max_w: float) -> str:
        if self.width(text) <= max_w:
            return text
        while text and self.width(text + "…") > max_w:
            text = text[:-1]
        return text + "…" if text else ""


def _legend(p: _Painter, names: list[str], colours: list[RGB], x0: int, x1: int, y: int,
            marker: str = "box") -> int:
    """Legend rows centred between x0 and x1; returns the height used."""
    sw = p.px(12)
    gap = p.px(18)
    items = [(p.fit(n, (x1 - x0) * 0.9), c) for n, c in zip(names, colours)]
    rows: list[list[tuple[str, RGB, float]]] = [[]]
    cur = 0.0
    for name, col in items:
        w = sw + p.px(6) + p.width(name)
        if rows[-1] and cur + gap + w > x1 - x0:
            rows.append([])
            cur = 0.0
        rows[-1].append((name, col, w))
        cur += (gap if len(rows[-1]) > 1 else 0) + w
    lh = round(p.fs * 1.6)
    for r, row in enumerate(rows):
        total = sum(w for _n, _c, w in row) + gap * (len(row) - 1)
        x = x0 + (x1 - x0 - total) / 2
        cy = y + r * lh + lh / 2
        for name, col, w in row:
            if marker == "line":
                p.d.line([(x, cy), (x + sw, cy)], fill=col, width=p.px(3))
            else:
                p.d.rectangle([x, cy - sw / 2, x + sw, cy + sw / 2], fill=col)
            p.text((x + sw + p.px(6), cy), name, anchor="lm")
            x += w + gap
    return len(rows) * lh


def chart_height(chart: Chart, width: int, title: bool = False) -> int:
    """The height `draw_chart` gives at `width` (layout measures without drawing)."""
    kind = chart_kind(chart)
    h = round(width * (0.78 if kind in ("pie", "doughnut") else 0.68))
    return h


def draw_chart(chart: Chart, width: int, *, height: int | None = None,
               font_for: Callable[[int, bool], ImageFont.FreeTypeFont] | None = None,
               title: bool = False, font_scale: float = 1.0) -> Image.Image | None:
    """The chart as an RGB picture `width` px wide, or None when its data cannot be drawn.

    `font_scale` enlarges the labels for pictures shown smaller than drawn (a phone shows a
    long image or an H5 chart at about half its pixel width)."""
    kind = chart_kind(chart)
    series = _series(chart, kind)
    if kind == "unsupported" or not series:
        return None
    scale = width / 640
    round_kind = kind in ("pie", "doughnut")
    h = height or chart_height(chart, width)
    p = _Painter(width, h, scale, font_for or (lambda size, bold: load_font(size, bold)))
    p.fs = max(11, round(15 * scale * font_scale))
    p.font = p.font_for(p.fs, False)
    top = p.px(10)
    if title and chart.title:
        p.text((width / 2, top), p.fit(chart.title.strip(), width * 0.95), anchor="ma",
               size=round(p.fs * 1.15), bold=True)
        top += round(p.fs * 1.9)
    if round_kind:
        _pie(p, chart, series[0], kind == "doughnut", top)
    elif kind == "radar":
        _radar(p, chart, series, top)
    elif kind == "scatter":
        _scatter(p, chart, series, top)
    else:
        _cartesian(p, chart, series, kind, top)
    return p.img


# -------------------------------------------------------------------------------- pie / doughnut


def _pie(p: _Painter, chart: Chart, s: _Series, hole: bool, top: int) -> None:
    W, H = p.img.size
    cats = [str(c) for c in chart.categories] or [f"{i + 1}" for i in range(len(s.values))]
    vals = [(cats[i] if i < len(cats) else f"{i + 1}", abs(v)) for i, v in enumerate(s.values)
            if v is not None and v != 0]
    total = sum(v for _c, v in vals) or 1.0
    colours = [OFFICE_COLOURS[i % len(OFFICE_COLOURS)] for i in range(len(vals))]
    legend_h = _legend(p, [c for c, _v in vals], colours, p.px(10), W - p.px(10),
                       H - p.px(10) - round(p.fs * 1.6) * _legend_rows(p, [c for c, _v in vals], W))
    r = min(W * 0.36, (H - top - legend_h - p.px(40)) / 2)
    cx, cy = W / 2, top + p.px(14) + r
    angle = -90.0  # Office starts at 12 o'clock, clockwise
    for (cat, v), col in zip(vals, colours):
        sweep = 360 * v / total
        p.d.pieslice([cx - r, cy - r, cx + r, cy + r], angle, angle + sweep, fill=col,
                     outline=(255, 255, 255), width=p.px(2))
        mid = math.radians(angle + sweep / 2)
        if sweep >= 12:
            lr = r * (0.78 if hole else 0.62)
            label = f"{100 * v / total:.0f}%" if not chart.data_labels else fmt(v)
            p.text((cx + lr * math.cos(mid), cy + lr * math.sin(mid)), label, anchor="mm",
                   fill=(255, 255, 255), bold=True)
        angle += sweep
    if hole:
        hr = r * 0.55
        p.d.ellipse([cx - hr, cy - hr, cx + hr, cy + hr], fill=(255, 255, 255))


def _legend_rows(p: _Painter, names: list[str], W: int) -> int:
    sw, gap = p.px(12), p.px(18)
    rows, cur = 1, 0.0
    for n in names:
        w = sw + p.px(6) + p.width(p.fit(n, W * 0.9))
        if cur and cur + gap + w > W - p.px(20):
            rows += 1
            cur = 0.0
        cur += (gap if cur else 0) + w
    return rows


# -------------------------------------------------------------------------------- cartesian


def _cat_labels(chart: Chart, n: int) -> list[str]:
    cats = [str(c) for c in chart.categories]
    return [cats[i] if i < len(cats) else str(i + 1) for i in range(n)]


def _cartesian(p: _Painter, chart: Chart, series: list[_Series], kind: str, top: int) -> None:
    W, H = p.img.size
    n = max(len(s.values) for s in series)
    cats = _cat_labels(chart, n)
    grouping = (chart.grouping or "clustered").lower()
    percent = grouping == "percent"
    stacked = grouping in ("stacked", "percent")
    horizontal = kind == "bar"
    colours = [OFFICE_COLOURS[i % len(OFFICE_COLOURS)] for i in range(len(series))]

    # values as drawn (stacking / percent) → [series][cat] = (base, top)
    def v(s: _Series, i: int) -> float:
        return (s.values[i] if i < len(s.values) and s.values[i] is not None else 0.0)

    spans: list[list[tuple[float, float] | None]] = []
    if stacked and kind != "combo":
        totals = [sum(abs(v(s, i)) for s in series) or 1.0 for i in range(n)]
        pos, neg = [0.0] * n, [0.0] * n
        for s in series:
            row = []
            for i in range(n):
                if i >= len(s.values) or s.values[i] is None:
                    row.append(None)
                    continue
                val = v(s, i) * (100 / totals[i] if percent else 1)
                if val >= 0:
                    row.append((pos[i], pos[i] + val))
                    pos[i] += val
                else:
                    row.append((neg[i], neg[i] + val))
                    neg[i] += val
            spans.append(row)
    else:
        for s in series:
            spans.append([None if (i >= len(s.values) or s.values[i] is None) else (0.0, s.values[i])
                          for i in range(n)])
    lo = min([0.0] + [min(a, b) for row in spans for sp in row if sp for a, b in [sp]])
    hi = max([0.0] + [max(a, b) for row in spans for sp in row if sp for a, b in [sp]])
    if kind in ("line",) and not stacked:  # lines need not start at zero when all values are far from it
        vals = [sp[1] for row in spans for sp in row if sp]
        if vals and min(vals) > 0 and min(vals) > 0.5 * max(vals):
            lo = min(vals) * 0.9
    if percent:
        lo, hi = min(lo, 0.0), 100.0
    ticks = nice_ticks(lo, hi)
    t_lo, t_hi = ticks[0], ticks[-1]

    # legend
    y = top
    show_legend = len(series) > 1 or chart.legend_visible
    if show_legend:
        marker = "line" if kind == "line" else "box"
        y += _legend(p, [s.name for s in series], colours, p.px(10), W - p.px(10), y) + p.px(6)
    # axis titles
    left = p.px(10)
    if chart.y_axis_title and not horizontal or chart.x_axis_title and horizontal:
        t = chart.x_axis_title if horizontal else chart.y_axis_title
        tw = round(p.fs * 1.5)
        lab = Image.new("RGBA", (round(p.width(t)) + 4, tw), (255, 255, 255, 0))
        ImageDraw.Draw(lab).text((2, tw / 2), t, font=p.font, fill=TEXT, anchor="lm")
        lab = lab.rotate(90, expand=True)
        p.img.paste(lab, (left, round(y + (H - y - lab.height) / 2)), lab)
        left += tw
    bottom = H - p.px(10)
    bottom_title = chart.y_axis_title if horizontal else chart.x_axis_title
    if bottom_title:
        p.text((W / 2, bottom), p.fit(bottom_title, W * 0.9), anchor="md")
        bottom -= round(p.fs * 1.6)
    tick_labels = [fmt(t, percent) for t in ticks]
    if horizontal:
        cat_w = min(max(p.width(c) for c in cats) + p.px(10), W * 0.3)
        x0, x1 = left + cat_w, W - p.px(24)
        y0, y1 = y + p.px(6), bottom - round(p.fs * 1.7)
    else:
        x0 = left + max(p.width(t) for t in tick_labels) + p.px(10)
        x1 = W - p.px(14)
        y0 = y + p.px(8)
        y1 = bottom - round(p.fs * 1.7)
    if x1 - x0 < 40 or y1 - y0 < 40:
        return

    def val_pos(val: float) -> float:
        f = (val - t_lo) / (t_hi - t_lo)
        return x0 + f * (x1 - x0) if horizontal else y1 - f * (y1 - y0)

    # grid + value axis labels
    for t, lab in zip(ticks, tick_labels):
        q = val_pos(t)
        if horizontal:
            p.d.line([(q, y0), (q, y1)], fill=GRID, width=1)
            p.text((q, y1 + p.px(4)), lab, anchor="ma")
        else:
            p.d.line([(x0, q), (x1, q)], fill=GRID, width=1)
            p.text((x0 - p.px(6), q), lab, anchor="rm")
    zero = val_pos(0.0) if t_lo <= 0 <= t_hi else (y1 if not horizontal else x0)
    # category slots
    span_len = (y1 - y0) if horizontal else (x1 - x0)
    slot = span_len / max(1, n)
    step = max(1, math.ceil(n / max(1, int(span_len / (p.fs * (1.2 if horizontal else 3.2))))))
    for i, c in enumerate(cats):
        mid = (y0 if horizontal else x0) + slot * (i + 0.5)
        if i % step:
            continue
        if horizontal:
            p.text((x0 - p.px(6), mid), p.fit(c, x0 - left - p.px(8)), anchor="rm")
        else:
            p.text((mid, y1 + p.px(5)), p.fit(c, slot * step * 0.95), anchor="ma")
    bar_series = [k for k, s in enumerate(series) if s.kind in ("column", "bar")]
    area_series = [k for k, s in enumerate(series) if s.kind == "area"]
    line_series = [k for k, s in enumerate(series) if s.kind == "line"]
    # areas (behind), with transparency so overlapping ones stay visible
    if area_series:
        overlay = Image.new("RGBA", p.img.size, (0, 0, 0, 0))
        od = ImageDraw.Draw(overlay)
        for k in area_series:  # Office draws the first series at the back
            row = spans[k]
            pts_top, pts_base = [], []
            for i, sp in enumerate(row):
                if sp is None:
                    continue
                xm = x0 + slot * (i + 0.5)
                pts_top.append((xm, val_pos(sp[1])))
                pts_base.append((xm, val_pos(sp[0])))
            if len(pts_top) >= 2:
                od.polygon(pts_top + list(reversed(pts_base)), fill=colours[k] + (200 if stacked else 150,))
        p.img.paste(overlay, (0, 0), overlay)
        p.d = ImageDraw.Draw(p.img)
    # bars
    if bar_series:
        per_slot = 1 if stacked and kind != "combo" else len(bar_series)
        group = slot * 0.7
        bw = group / per_slot
        for j, k in enumerate(bar_series):
            for i, sp in enumerate(spans[k]):
                if sp is None:
                    continue
                start = (y0 if horizontal else x0) + slot * i + (slot - group) / 2 + (0 if per_slot == 1 else j * bw)
                a, b = val_pos(sp[0]) if stacked and kind != "combo" else zero, val_pos(sp[1])
                if horizontal:
                    box = [min(a, b), start + 1, max(a, b), start + bw - 1]
                else:
                    box = [start + 1, min(a, b), start + bw - 1, max(a, b)]
                p.d.rectangle(box, fill=colours[k])
                if chart.data_labels:
                    raw = series[k].values[i]
                    label = fmt(sp[1] - sp[0], percent) if stacked else fmt(raw or 0.0)
                    if horizontal:
                        p.text((box[2] + p.px(4), (box[1] + box[3]) / 2), label, anchor="lm")
                    elif stacked:
                        p.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), label, anchor="mm",
                               fill=(255, 255, 255))
                    else:
                        p.text(((box[0] + box[2]) / 2, box[1] - p.px(3)), label, anchor="md")
    # lines on top
    for k in line_series:
        pts = [(x0 + slot * (i + 0.5), val_pos(sp[1])) for i, sp in enumerate(spans[k]) if sp is not None]
        if len(pts) >= 2:
            p.d.line(pts, fill=colours[k], width=p.px(3), joint="curve")
        r = p.px(4)
        for (xm, ym), (i, sp) in zip(pts, [(i, sp) for i, sp in enumerate(spans[k]) if sp is not None]):
            p.d.ellipse([xm - r, ym - r, xm + r, ym + r], fill=colours[k], outline=(255, 255, 255))
            if chart.data_labels:
                p.text((xm, ym - p.px(7)), fmt(series[k].values[i] or 0.0), anchor="md")
    # axes
    if horizontal:
        p.d.line([(zero, y0), (zero, y1)], fill=AXIS, width=p.px(1.5))
    else:
        p.d.line([(x0, zero), (x1, zero)], fill=AXIS, width=p.px(1.5))


# -------------------------------------------------------------------------------- scatter / radar


def _scatter(p: _Painter, chart: Chart, series: list[_Series], top: int) -> None:
    W, H = p.img.size
    colours = [OFFICE_COLOURS[i % len(OFFICE_COLOURS)] for i in range(len(series))]
    pts_by = []
    for s in series:
        xs = s.x or [float(i + 1) for i in range(len(s.values))]
        pts_by.append([(x, y) for x, y in zip(xs, s.values) if x is not None and y is not None])
    allx = [x for pts in pts_by for x, _y in pts] or [0.0, 1.0]
    ally = [y for pts in pts_by for _x, y in pts] or [0.0, 1.0]
    xt = nice_ticks(min(0.0, min(allx)), max(allx))
    yt = nice_ticks(min(0.0, min(ally)), max(ally))
    y = top
    if len(series) > 1 or chart.legend_visible:
        y += _legend(p, [s.name for s in series], colours, p.px(10), W - p.px(10), y) + p.px(6)
    bottom = H - p.px(10)
    if chart.x_axis_title:
        p.text((W / 2, bottom), p.fit(chart.x_axis_title, W * 0.9), anchor="md")
        bottom -= round(p.fs * 1.6)
    left = p.px(10)
    if chart.y_axis_title:
        p.text((left, y), p.fit(chart.y_axis_title, W * 0.5), anchor="la")
        y += round(p.fs * 1.6)
    ylabels = [fmt(t) for t in yt]
    x0 = left + max(p.width(t) for t in ylabels) + p.px(10)
    x1, y0, y1 = W - p.px(18), y + p.px(8), bottom - round(p.fs * 1.7)

    def X(v: float) -> float:
        return x0 + (v - xt[0]) / ((xt[-1] - xt[0]) or 1) * (x1 - x0)

    def Y(v: float) -> float:
        return y1 - (v - yt[0]) / ((yt[-1] - yt[0]) or 1) * (y1 - y0)

    for t, lab in zip(yt, ylabels):
        p.d.line([(x0, Y(t)), (x1, Y(t))], fill=GRID)
        p.text((x0 - p.px(6), Y(t)), lab, anchor="rm")
    for t in xt:
        p.d.line([(X(t), y0), (X(t), y1)], fill=GRID)
        p.text((X(t), y1 + p.px(5)), fmt(t), anchor="ma")
    p.d.line([(x0, y1), (x1, y1)], fill=AXIS, width=p.px(1.5))
    p.d.line([(x0, y0), (x0, y1)], fill=AXIS, width=p.px(1.5))
    r = p.px(5)
    for pts, col in zip(pts_by, colours):
        for xv, yv in pts:
            p.d.ellipse([X(xv) - r, Y(yv) - r, X(xv) + r, Y(yv) + r], fill=col)
            if chart.data_labels:
                p.text((X(xv), Y(yv) - r - p.px(2)), fmt(yv), anchor="md")


def _radar(p: _Painter, chart: Chart, series: list[_Series], top: int) -> None:
    W, H = p.img.size
    n = max(len(s.values) for s in series)
    cats = _cat_labels(chart, n)
    colours = [OFFICE_COLOURS[i % len(OFFICE_COLOURS)] for i in range(len(series))]
    y = top
    if len(series) > 1 or chart.legend_visible:
        y += _legend(p, [s.name for s in series], colours, p.px(10), W - p.px(10), y) + p.px(6)
    hi = max([v for s in series for v in s.values if v is not None] + [1e-9])
    ticks = nice_ticks(0.0, hi, 4)
    r = min(W * 0.32, (H - y - p.px(30)) / 2 - p.fs)
    cx, cy = W / 2, y + p.fs * 1.4 + r

    def pt(i: int, val: float) -> tuple[float, float]:
        a = -math.pi / 2 + 2 * math.pi * i / max(1, n)
        f = val / (ticks[-1] or 1)
        return cx + r * f * math.cos(a), cy + r * f * math.sin(a)

    for t in ticks[1:]:
        p.d.polygon([pt(i, t) for i in range(n)], outline=GRID)
    for i, c in enumerate(cats):
        p.d.line([(cx, cy), pt(i, ticks[-1])], fill=GRID)
        lx, ly = pt(i, ticks[-1] * 1.12)
        anchor = "mm" if abs(lx - cx) < r * 0.2 else ("lm" if lx > cx else "rm")
        p.text((lx, ly), p.fit(c, W * 0.2), anchor=anchor)
    overlay = Image.new("RGBA", p.img.size, (0, 0, 0, 0))
    od = ImageDraw.Draw(overlay)
    for s, col in zip(series, colours):
        pts = [pt(i, v or 0.0) for i, v in enumerate(s.values[:n])]
        if len(pts) >= 3:
            od.polygon(pts, fill=col + (60,))
    p.img.paste(overlay, (0, 0), overlay)
    p.d = ImageDraw.Draw(p.img)
    for s, col in zip(series, colours):
        pts = [pt(i, v or 0.0) for i, v in enumerate(s.values[:n])]
        if len(pts) >= 2:
            p.d.line(pts + [pts[0]], fill=col, width=p.px(2.5))
        if chart.data_labels:
            for (xv, yv), v in zip(pts, s.values):
                if v is not None:
                    p.text((xv, yv - p.px(5)), fmt(v), anchor="md")
