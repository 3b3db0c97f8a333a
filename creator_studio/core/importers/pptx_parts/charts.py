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


# plot element → (our chart type, is 3-D). Bar plots are refined by `c:barDir`.
_PLOT_TYPES = {
    "barChart": ("column", False), "bar3DChart": ("column", True),
    "lineChart": ("line", False), "line3DChart": ("line", True), "stockChart": ("line", False),
    "pieChart": ("pie", False), "pie3DChart": ("pie", True), "ofPieChart": ("pie", False),
    "doughnutChart": ("doughnut", False),
    "areaChart": ("area", False), "area3DChart": ("area", True),
    "scatterChart": ("scatter", False), "bubbleChart": ("scatter", False),
    "radarChart": ("radar", False),
    "surfaceChart": ("unsupported", False), "surface3DChart": ("unsupported", True),
}
_GROUPING = {"stacked": "stacked", "percentStacked": "percent"}
C_BARDIR, C_GROUPING, C_LEGEND, C_LEGENDPOS = q("c:barDir"), q("c:grouping"), q("c:legend"), q("c:legendPos")
C_DLBLS, C_SHOWVAL, C_SHOWPCT, C_DELETE, C_AXPOS = (q("c:dLbls"), q("c:showVal"), q("c:showPercent"),
                                                   q("c:delete"), q("c:axPos"))
C_VIEW3D = q("c:view3D")
_TRUE = {"1", "true"}


def _val(el, tag: str, default: str | None = None) -> str | None:
    child = el.find(tag) if el is not None else None
    if child is None:
        return default
    return child.get("val", "true" if default is None else default)


def _plot_type(plot) -> tuple[str, bool]:
    typ, is_3d = _PLOT_TYPES.get(local(plot), ("unsupported", False))
    if typ == "column" and _val(plot, C_BARDIR) == "bar":
        typ = "bar"
    return typ, is_3d


def _shows_labels(el) -> bool:
    d = el.find(C_DLBLS) if el is not None else None
    if d is None or _val(d, C_DELETE) in _TRUE:
        return False
    return _val(d, C_SHOWVAL) in _TRUE or _val(d, C_SHOWPCT) in _TRUE


def _axis_titles(plot_area, chart_type: str) -> tuple[str, str]:
    """(x, y) axis titles: the category (or bottom) axis is x, the value axis y."""
    x = y = ""
    for ax in plot_area:
        name = local(ax)
        if name not in ("catAx", "valAx", "dateAx", "serAx"):
            continue
        title = _title(ax)
        if not title:
            continue
        pos = _val(ax, C_AXPOS, "b")
        if chart_type == "scatter":
            is_x = pos in ("b", "t")
        else:
            is_x = name in ("catAx", "dateAx")
        if is_x and not x:
            x = title
        elif not is_x and not y:
            y = title
    return x, y


def read_chart(chart_space) -> Chart:
    """A `c:chartSpace` element → Chart with its type, grouping, legend, labels and data."""
    chart_el = chart_space.find(C_CHART)
    if chart_el is None:
        return Chart(chart_type="unsupported", needs_raster=True)
    plot_area = chart_el.find(C_PLOTAREA)
    plots = [el for el in (plot_area if plot_area is not None else [])
             if local(el).endswith("Chart")]
    chart = Chart(title=_title(chart_el))
    types: list[str] = []
    for plot in plots:
        typ, is_3d = _plot_type(plot)
        chart.is_3d = chart.is_3d or is_3d
        types.append(typ)
        grouping = _GROUPING.get(_val(plot, C_GROUPING, "") or "")
        if grouping and chart.grouping == "clustered":
            chart.grouping = grouping
        plot_labels = _shows_labels(plot)
        for ser in plot.findall(C_SER):
            cat_el = ser.find(C_CAT)
            val_el = ser.find(C_VAL)
            x_vals = None
            if typ == "scatter":
                x_el, y_el = ser.find(C_XVAL), ser.find(C_YVAL)
                if y_el is not None:
                    cat_el, val_el = x_el, y_el
                    x_vals = [_num(v) for v in _points(x_el)]
                    if any(v is None for v in x_vals) and any(v is not None for v in _points(x_el)):
                        x_vals = None  # text x values: a category axis after all
            cats = _date_labels(cat_el, _points(cat_el))
            vals = [_num(v) for v in _points(val_el)]
            if not chart.categories and cats:
                chart.categories = [c or "" for c in cats]
            chart.series.append(ChartSeries(name=_series_name(ser), values=vals, x_values=x_vals,
                                            chart_type=typ))
            chart.data_labels = chart.data_labels or plot_labels or _shows_labels(ser)
    distinct = list(dict.fromkeys(types))
    if not distinct:
        chart.chart_type = "unsupported"
    elif len(distinct) == 1:
        chart.chart_type = distinct[0]
    else:
        chart.chart_type = "combo"
    if chart.chart_type != "combo":
        for s in chart.series:
            s.chart_type = None
    if chart.chart_type == "unsupported":
        chart.needs_raster = True
    if chart_el.find(C_VIEW3D) is not None and chart.chart_type in ("column", "bar", "pie", "area", "line"):
        chart.is_3d = chart.is_3d or any(local(p).endswith("3DChart") for p in plots)
    legend = chart_el.find(C_LEGEND)
    if legend is not None and _val(legend, C_DELETE) not in _TRUE:
        chart.legend_visible = True
        chart.legend_position = _val(legend, C_LEGENDPOS, "r") or "r"
    if plot_area is not None:
        chart.x_axis_title, chart.y_axis_title = _axis_titles(plot_area, chart.chart_type)
    if not chart.categories and chart.series:
        n = max(len(s.values) for s in chart.series)
        chart.categories = [str(i + 1) for i in range(n)]
    if not chart.title and len(chart.series) == 1 and chart_el.find(C_AUTODEL) is None:
        chart.title = chart.series[0].name
    return chart


_CX = "{http://schemas.microsoft.com/office/drawing/2014/chartex}"


def read_chartex(chart_space) -> Chart:
    """A chartex part (waterfall, treemap, sunburst, box & whisker, histogram, funnel…).

    We do not redraw these: the Chart is "unsupported" with `needs_raster`, and the renderer
    uses PowerPoint's fallback picture or the slide picture's region. The series names and
    cached data are still read so the text (search, screen readers, the data table) is kept.
    """
    chart = Chart(chart_type="unsupported", needs_raster=True)
    title = chart_space.find(f"{_CX}chart/{_CX}title")
    if title is not None:
        chart.title = "".join(t.text or "" for t in title.iter(A_T)).strip() or \
            "".join(v.text or "" for v in title.iter(f"{_CX}v")).strip()
    data: dict[str, tuple[list[str], list[float | None]]] = {}
    for d in chart_space.iter(f"{_CX}data"):
        cats: list[str] = []
        vals: list[float | None] = []
        for dim in d:
            lvl = dim.find(f"{_CX}lvl")
            if lvl is None:
                continue
            pts = {int(p.get("idx")): (p.text or "") for p in lvl.findall(f"{_CX}pt")
                   if (p.get("idx") or "").isdigit()}
            n = min(max(pts, default=-1) + 1, 100_000)
            if local(dim) == "strDim" and not cats:
                cats = [pts.get(i, "") for i in range(n)]
            elif local(dim) == "numDim" and not vals:
                vals = [_num(pts.get(i)) for i in range(n)]
        data[d.get("id") or ""] = (cats, vals)
    for ser in chart_space.iter(f"{_CX}series"):
        name = "".join(v.text or "" for v in ser.iter(f"{_CX}v")).strip()
        did = ser.find(f"{_CX}dataId")
        cats, vals = data.get(did.get("val") if did is not None else "", ([], []))
        if not chart.categories and cats:
            chart.categories = cats
        chart.series.append(ChartSeries(name=name, values=vals))
    return chart
