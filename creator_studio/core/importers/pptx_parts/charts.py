"""Chart parts (`c:chartSpace`) → `Chart` blocks, read straight from the XML.

python-pptx's chart API raises on 3-D plots (`bar3DChart`, `pie3DChart`: ValueError;
`area3DChart` series: NotImplementedError), so categories and series are read from the cached
values (`c:strCache` / `c:numCache`) of every `c:ser`, whatever plot element holds them.
"""

from __future__ import annotations

import datetime as _dt
import re

from creator_studio.core.importers.pptx_parts.ns import local, q
from creator_studio.core.lesson.model import Chart, ChartSeries

C_CHART, C_TITLE, C_PLOTAREA, C_SER = q("c:chart"), q("c:title"), q("c:plotArea"), q("c:ser")
C_TX, C_CAT, C_VAL, C_XVAL, C_YVAL = q("c:tx"), q("c:cat"), q("c:val"), q("c:xVal"), q("c:yVal")
C_PT, C_V, C_PTCOUNT, C_LVL = q("c:pt"), q("c:v"), q("c:ptCount"), q("c:lvl")
C_AUTODEL, C_FMT = q("c:autoTitleDeleted"), q("c:formatCode")
_DATE_FMT = re.compile(r"[yd]|mmm", re.I)
A_T = q("a:t")


def _points(container) -> list[str | None]:
    """Cached points of a `c:cat`/`c:val`/... element, indexed by `idx`, gaps as None."""
    if container is None:
        return []
    cache = None
    for el in container.iter():
        name = local(el)
        if name in ("strCache", "numCache", "strLit", "numLit"):
            cache = el
            break
        if name == "multiLvlStrCache":
            lvls = el.findall(C_LVL)  # the first level is the innermost: one label per point
            cache = lvls[0] if lvls else el
            break
    if cache is None:
        return []
    count_el = cache.find(C_PTCOUNT)
    pts = cache.findall(C_PT)
    n = 0
    if count_el is not None and (count_el.get("val") or "").isdigit():
        n = int(count_el.get("val"))
    vals: dict[int, str] = {}
    for pt in pts:
        idx = pt.get("idx")
        v = pt.find(C_V)
        if idx is not None and idx.isdigit() and v is not None:
            vals[int(idx)] = v.text or ""
    n = max(n, max(vals, default=-1) + 1)
    n = min(n, 100_000)
    return [vals.get(i) for i in range(n)]


def _date_labels(container, labels: list[str | None]) -> list[str | None]:
    """Category axes of dates are cached as Excel serial numbers; show them as dates."""
    if container is None:
        return labels
    fmt = next((el.text or "" for el in container.iter(C_FMT)), "")
    if not fmt or fmt.lower() == "general" or not _DATE_FMT.search(fmt):
        return labels
    out = []
    for v in labels:
        try:
            day = _dt.date(1899, 12, 30) + _dt.timedelta(days=int(float(v)))
            out.append(day.isoformat())
        except (TypeError, ValueError, OverflowError):
            out.append(v)
    return out


def _num(s: str | None) -> float | None:
    if s is None or s == "":
        return None
    try:
        return float(s)
    except ValueError:
        return None


def _series_name(ser) -> str:
    tx = ser.find(C_TX)
    if tx is None:
        return ""
    pts = _points(tx)
    if pts:
        return pts[0] or ""
    v = tx.find(C_V)
    return (v.text or "") if v is not None else ""


def _title(chart_el) -> str:
    t = chart_el.find(C_TITLE)
    if t is None:
        return ""
    texts = [x.text or "" for x in t.iter(A_T)]
    if texts:
        return "".join(texts).strip()
    pts = _points(t.find(C_TX)) if t.find(C_TX) is not None else []
    return (pts[0] or "") if pts else ""


def read_chart(chart_space) -> Chart:
    chart_el = chart_space.find(C_CHART)
    if chart_el is None:
        return Chart()
    plot_area = chart_el.find(C_PLOTAREA)
    plots = [el for el in (plot_area if plot_area is not None else [])
             if local(el).endswith("Chart")]
    chart = Chart(title=_title(chart_el), chart_type=local(plots[0]) if plots else "")
    for plot in plots:
        for ser in plot.findall(C_SER):
            cat_el = ser.find(C_CAT)
            val_el = ser.find(C_VAL)
            if cat_el is None and val_el is None:  # scatter / bubble
                cat_el, val_el = ser.find(C_XVAL), ser.find(C_YVAL)
            cats = _date_labels(cat_el, _points(cat_el))
            vals = [_num(v) for v in _points(val_el)]
            if not chart.categories and cats:
                chart.categories = [c or "" for c in cats]
            chart.series.append(ChartSeries(name=_series_name(ser), values=vals))
    if not chart.categories and chart.series:
        n = max(len(s.values) for s in chart.series)
        chart.categories = [str(i + 1) for i in range(n)]
    if not chart.title and len(chart.series) == 1 and chart_el.find(C_AUTODEL) is None:
        chart.title = chart.series[0].name
    return chart
