"""The maker's home page (#18): the level with a progress bar and the gap to the next level, and
an earnings and ratings trend chart.

The progress comes from the level explanation the market client returns (`maker_summary`:
the maker's live metrics and the gap sentences) and the grade rules in force (`grade_rules`: the
next level's promotion bars). Each bar is the share of its metric reached (a maximum, such as
upheld disputes, counts as reached while at or under the bar); the overall bar is their mean.
Loaded when the page is first shown, so signing in costs nothing extra.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui.formatting import currency_symbol, fmt_money, fmt_month, fmt_yuan_axis
from creator_studio.ui.market.common import call
from creator_studio.ui.theme import TOKENS
from creator_studio.ui.translate import tr

MAX_METRICS = ("max_upheld_disputes",)  # lower is better: reached while at or under the bar


def metric_label(metric: str) -> str:
    return {"accepted_orders": tr("Accepted orders"), "distinct_buyers": tr("Distinct buyers"),
            "rating": tr("Average rating"), "on_time_rate": tr("On-time delivery"),
            "first_pass_rate": tr("First-pass acceptance"), "nps": tr("Learner NPS"),
            "max_upheld_disputes": tr("Disputes decided against you")}.get(metric, metric)


def metric_value(metric: str, v: float) -> str:
    if metric in ("on_time_rate", "first_pass_rate"):
        return f"{v * 100:.0f}%"
    if metric == "rating":
        return f"{v:.2f}"
    return f"{v:.0f}"


def metric_fraction(metric: str, value: float, bar: float) -> float:
    """How much of the bar is reached, 0..1."""
    if metric in MAX_METRICS:
        return 1.0 if value <= bar else max(0.0, bar / value) if value else 1.0
    if bar <= 0:
        return 1.0
    return max(0.0, min(1.0, value / bar))


def level_progress(explain, rules: dict | None, english: bool = False) -> dict:
    """{'level', 'next', 'overall' (0..1 or None at the top), 'items': [(metric, value, bar,
    fraction, (samples, minimum) when too few)], 'gap': [sentences]} from the explanation and
    the rules in force."""
    levels = (rules or {}).get("levels") or []
    nxt = next((lv for lv in levels if lv.get("code") == explain.next_level), None)
    values = (explain.metrics or {}).get("values") or {}
    samples = (explain.metrics or {}).get("samples") or {}
    minimum = (rules or {}).get("min_samples") or {}
    items = []
    if nxt is not None:
        for metric, bar in (nxt.get("promote") or {}).items():
            v = float(values.get(metric, 0.0))
            frac = metric_fraction(metric, v, float(bar))
            have, need = samples.get(metric), int(minimum.get(metric, 0) or 0)
            short = have is not None and need > 0 and have < need
            if short:  # too little data never counts, however good the figure (as in grading)
                frac = min(frac, have / need, 0.99)
            items.append((metric, v, float(bar), frac, (have, need) if short else None))
    overall = (sum(i[3] for i in items) / len(items)) if items else (None if nxt is None else 0.0)
    name = (explain.level_name_en or explain.level_name) if english else explain.level_name
    next_name = None
    if nxt is not None:
        next_name = (nxt.get("name_en") or nxt.get("name")) if english else nxt.get("name")
    gap = list(explain.gap_en or explain.gap) if english else list(explain.gap)
    return {"level": name, "next": next_name, "overall": overall, "items": items, "gap": gap,
            "multiplier": explain.multiplier}


class TrendChart(QWidget):
    """Monthly earnings as bars (left scale, yuan) and the average rating as a line (right
    scale, 1–5 ★); painted with QPainter: QtCharts (PySide6-Addons) is installed, but loading it
    for two series would cost start-up and follow the theme less easily."""

    EARN = "#1f5fbf"
    RATE = "#d98a1f"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.months: list[tuple[str, float, float | None]] = []  # (month, yuan, avg rating)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Earnings and ratings by month"))

    def set_months(self, earnings: list[dict], last: int = 6) -> None:
        # a month-less row (accepted order without an acceptance time) has no place on the axis
        rows = sorted((e for e in earnings if e.get("month")), key=lambda e: e["month"])[-last:]
        self.months = []
        described = []
        for e in rows:
            n = int(e.get("rating_count") or 0)
            avg = (int(e.get("rating_sum") or 0) / n) if n else None
            fen = int(e.get("paid_fen") or e.get("agreed_fen") or 0)
            self.months.append((fmt_month(e["month"]), fen / 100, avg))  # bar height only; text uses fen
            described.append(f"{fmt_month(e['month'])}: {fmt_money(fen)}"
                             + (f", {avg:.1f} ★" if avg is not None else ""))
        self.setAccessibleDescription("; ".join(described))
        self.update()

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.averageCharWidth() * 60, fm.height() * 14)

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.averageCharWidth() * 30, fm.height() * 10)

    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        lh = fm.height()
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), QColor(str(TOKENS["surface"])))
        muted = QColor(str(TOKENS["text_muted"]))
        # legend
        x = 8.0
        for colour, text in ((self.EARN, tr("Earnings ({symbol})").format(symbol=currency_symbol())), (self.RATE, tr("Average rating (★)"))):
            p.fillRect(QRectF(x, 6 + lh / 4, lh / 2, lh / 2), QColor(colour))
            p.setPen(muted)
            p.drawText(QRectF(x + lh * 0.7, 4, fm.horizontalAdvance(text) + 4, lh),
                       Qt.AlignmentFlag.AlignVCenter, text)
            x += lh * 0.7 + fm.horizontalAdvance(text) + lh
        left = fm.horizontalAdvance(fmt_yuan_axis(max(
            (y for _, y, _ in self.months), default=10_000))) + 10
        right = w - fm.horizontalAdvance("5★") - 12
        top, bottom = lh * 2 + 6, h - lh - 8
        if not self.months:
            p.setPen(muted)
            p.drawText(QRectF(0, top, w, bottom - top), Qt.AlignmentFlag.AlignCenter,
                       tr("No earnings or ratings yet: they appear here month by month."))
            return
        vmax = max(y for _, y, _ in self.months) or 1.0
        p.setPen(QPen(QColor(str(TOKENS["border"])), 1))
        for k in range(5):  # grid, 4 steps
            yy = bottom - (bottom - top) * k / 4
            p.drawLine(QPointF(left, yy), QPointF(right, yy))
        p.setPen(muted)
        p.drawText(QRectF(0, top - lh / 2, left - 4, lh), Qt.AlignmentFlag.AlignRight,
                   fmt_yuan_axis(vmax))
        p.drawText(QRectF(0, bottom - lh / 2, left - 4, lh), Qt.AlignmentFlag.AlignRight, "0")
        p.drawText(QRectF(right + 4, top - lh / 2, w - right, lh), Qt.AlignmentFlag.AlignLeft, "5★")
        p.drawText(QRectF(right + 4, bottom - lh / 2, w - right, lh), Qt.AlignmentFlag.AlignLeft,
                   "1★")
        n = len(self.months)
        slot = (right - left) / n
        bw = max(4.0, slot * 0.5)
        points = []
        for i, (month, yuan, avg) in enumerate(self.months):
            cx = left + slot * (i + 0.5)
            bh = (bottom - top) * (yuan / vmax)
            p.fillRect(QRectF(cx - bw / 2, bottom - bh, bw, bh), QColor(self.EARN))
            p.setPen(muted)
            p.drawText(QRectF(cx - slot / 2, bottom + 4, slot, lh), Qt.AlignmentFlag.AlignHCenter,
                       month)
            if avg is not None:
                points.append(QPointF(cx, bottom - (bottom - top) * (avg - 1) / 4))
        if points:
            pen = QPen(QColor(self.RATE), 2.5)
            p.setPen(pen)
            path = QPainterPath(points[0])
            for pt in points[1:]:
                path.lineTo(pt)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            p.setBrush(QColor(self.RATE))
            for pt in points:
                p.drawEllipse(pt, 4, 4)
        p.end()


class MakerHome(QScrollArea):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        lay = QVBoxLayout(body)
        sp = int(TOKENS["space_l"])
        lay.setContentsMargins(sp, sp, sp, sp)
        lay.setSpacing(sp)
        user = ctx.current_user
        self.hello = QLabel(tr("Hello, {name}").format(name=getattr(user, "display_name", "")))
        self.hello.setProperty("role", "title")  # the theme's title size (light.qss)
        lay.addWidget(self.hello)
        self.summary = QLabel(tr("Loading…"))
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "muted")
        lay.addWidget(self.summary)
        # the level card
        card = QFrame()
        card.setObjectName("homeCard")
        cl = QVBoxLayout(card)
        self.level_title = QLabel()
        bold = QFont(self.level_title.font())
        bold.setBold(True)
        self.level_title.setFont(bold)
        cl.addWidget(self.level_title)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(tr("Progress to the next level"))
        self.progress.setTextVisible(True)
        cl.addWidget(self.progress)
        self.criteria = QGridLayout()
        self.criteria.setColumnStretch(1, 1)
        cl.addLayout(self.criteria)
        self.gap_label = QLabel()
        self.gap_label.setWordWrap(True)
        self.gap_label.setAccessibleName(tr("What the next level needs"))
        cl.addWidget(self.gap_label)
        lay.addWidget(card)
        chart_card = QFrame()
        chart_card.setObjectName("homeCard")
        ch = QVBoxLayout(chart_card)
        t = QLabel(tr("Earnings and ratings, last 6 months"))
        t.setFont(bold)
        ch.addWidget(t)
        self.chart = TrendChart()
        ch.addWidget(self.chart, 1)
        lay.addWidget(chart_card, 1)
        self.setWidget(body)
        self.data = None
        self.progress_info = None
        self.handle = None
        self._loaded = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded and self.ctx.current_user is not None:
            self._loaded = True
            self.reload()

    def reload(self):
        market, user = self.ctx.market, self.ctx.current_user

        def work():
            return market.maker_summary(user), market.grade_rules()

        self.handle = call(self.ctx, self, work, lambda res: self.show_data(*res))
        return self.handle

    def show_data(self, data: dict, rules: dict | None) -> None:
        import shiboken6

        if not shiboken6.isValid(self.summary):
            return  # signed out meanwhile: the page is gone
        self.data = data
        english = not self.ctx.language.startswith("zh")
        s = data["summary"]
        from creator_studio.ui.market.maker_views import rating_text  # with pending reveals

        rating = rating_text(s)
        self.summary.setText(tr("Rating: {rating} · accepted orders: {done}").format(
            rating=rating, done=s.orders_done))
        while self.criteria.count():
            w = self.criteria.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        ex = data.get("explain")
        if ex is None:
            self.progress_info = None
            self.level_title.setText(tr("Level: not evaluated yet."))
            self.progress.hide()
            self.gap_label.clear()
        else:
            info = level_progress(ex, rules, english)
            self.progress_info = info
            if info["next"] is None:
                self.level_title.setText(tr("Level: {name} (pay ×{mult}) — the top level").format(
                    name=info["level"], mult=info["multiplier"]))
                self.progress.setValue(100)
                self.progress.setFormat(tr("Top level"))
            else:
                self.level_title.setText(tr("Level: {name} (pay ×{mult}) → next: {next}").format(
                    name=info["level"], mult=info["multiplier"], next=info["next"]))
                pct = int(round((info["overall"] or 0) * 100))
                self.progress.setValue(pct)
                self.progress.setFormat(tr("{p}% of the way to {next}").format(p=pct,
                                                                               next=info["next"]))
            self.progress.show()
            for r, (metric, value, bar, frac, short) in enumerate(info["items"]):
                name = QLabel(metric_label(metric))
                pb = QProgressBar()
                pb.setRange(0, 100)
                pb.setValue(int(round(frac * 100)))
                pb.setTextVisible(False)
                pb.setMaximumHeight(self.fontMetrics().height() // 2 + 2)
                pb.setAccessibleName(metric_label(metric))
                need = ("≤ " if metric in MAX_METRICS else "") + metric_value(metric, bar)
                # #18 screenshots: with no sample at all the figure is only the rules' prior
                # (a maker without ratings read "4.33 / 4.30" next to "no ratings yet")
                now = "—" if short and not short[0] else metric_value(metric, value)
                text = f"{now} / {need}" + ("  ✓" if frac >= 1.0 else "")
                if short:
                    text += "  " + tr("(not enough data: {have} of {need})").format(
                        have=short[0], need=short[1])
                figures = QLabel(text)
                figures.setProperty("role", "muted")
                self.criteria.addWidget(name, r, 0)
                self.criteria.addWidget(pb, r, 1)
                self.criteria.addWidget(figures, r, 2)
            sep = "; " if english else "；"
            self.gap_label.setText(tr("For the next level: {gap}").format(
                gap=sep.join(info["gap"])) if info["gap"] else "")
        self.chart.set_months(list(data.get("earnings") or []))


def install_home(view, ctx) -> MakerHome | None:
    """Put the home page first in the maker's market view (once)."""
    if getattr(view, "home", None) is not None:
        return view.home
    home = MakerHome(ctx)
    view.home = home
    view.insertTab(0, home, tr("Home"))
    view.setCurrentIndex(0)
    return home
