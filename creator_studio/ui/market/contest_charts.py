"""微课大赛 (#19) dashboard as charts: entries per business line and per form, judging progress
per judge, and each criterion's score distribution (10-point bands) — QPainter widgets (the
studio's `BarChart`), so they draw offscreen and need no QtCharts."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from creator_studio.ui.translate import plural, tr
from creator_studio.ui.widgets.charts import PALETTE, BarChart

BANDS = [f"{b}-{b + 9}" for b in range(0, 90, 10)] + ["90-100"]
DONE, LEFT = QColor("#2e9c6a"), QColor("#d6dde5")


class JudgingProgressChart(QWidget):
    """One horizontal bar per judge: scored (green) out of assigned, with the count and the
    entries they are excluded from (conflicts of interest)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[dict] = []
        self.setAccessibleName(tr("Judging progress"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_rows(self, rows: list[dict]) -> None:
        self.rows = list(rows)
        self.setAccessibleDescription("; ".join(
            tr("{judge}: {done} of {assigned} scored, {excluded} excluded").format(**r)
            for r in self.rows))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.averageCharWidth() * 50, fm.height() * (3 + 2 * max(1, len(self.rows))))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        fm = self.fontMetrics()
        lh = fm.height()
        w = self.width()
        p.fillRect(self.rect(), self.palette().base())
        p.setPen(self.palette().text().color())
        bold = p.font()
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(6, 2, w - 12, lh + 2), Qt.AlignmentFlag.AlignLeft, tr("Judging progress"))
        p.setFont(self.font())
        if not self.rows:
            p.drawText(QRectF(6, lh * 2, w - 12, lh), Qt.AlignmentFlag.AlignLeft, "—")
            p.end()
            return
        name_w = min(w // 3, max(fm.horizontalAdvance(r["judge"]) for r in self.rows) + 12)
        count_w = fm.horizontalAdvance("000/000 · 00 ") + 8
        bar_x, bar_w = name_w + 6, max(20, w - name_w - count_w - 18)
        y = lh * 2
        for r in self.rows:
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(6, y, name_w, lh), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(r["judge"], Qt.TextElideMode.ElideRight, name_w - 4))
            p.fillRect(QRectF(bar_x, y + 2, bar_w, lh - 4), LEFT)
            share = r["done"] / r["assigned"] if r["assigned"] else 0.0
            p.fillRect(QRectF(bar_x, y + 2, bar_w * share, lh - 4), DONE)
            p.setPen(QPen(QColor("#9aa5b1"), 1))
            p.drawRect(QRectF(bar_x, y + 2, bar_w, lh - 4))
            p.setPen(self.palette().text().color())
            text = (tr("{done}/{assigned} · {excluded} excluded") if r["excluded"]
                    else "{done}/{assigned}").format(**r)
            p.drawText(QRectF(bar_x + bar_w + 6, y, count_w + 40, lh),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            y += lh * 2
        p.end()


class ContestDashboardCharts(QWidget):
    """The whole dashboard: set `show_dashboard(d, form_names)` with `get_contest_dashboard`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.summary = QLabel()
        lay.addWidget(self.summary)
        grid = QGridLayout()
        self.by_line = BarChart(tr("Entries per business line"))
        self.by_form = BarChart(tr("Entries per form"))
        self.progress = JudgingProgressChart()
        grid.addWidget(self.by_line, 0, 0)
        grid.addWidget(self.by_form, 0, 1)
        lay.addLayout(grid)
        lay.addWidget(self.progress)
        self.dist_grid = QGridLayout()
        lay.addLayout(self.dist_grid)
        self.distributions: dict[str, BarChart] = {}

    def show_dashboard(self, d: dict, form_names: dict[str, str] | None = None) -> None:
        names = form_names or {}
        self.summary.setText(plural(d["entries"], tr("1 entry"), tr("{n} entries")).format(
            n=d["entries"]))
        self.by_line.set_data(sorted(d["by_business_line"].items()), PALETTE[0])
        self.by_form.set_data([(names.get(k, k), v) for k, v in sorted(d["by_form"].items())],
                              PALETTE[1])
        self.progress.set_rows(d["progress"])
        for chart in self.distributions.values():
            chart.setParent(None)
            chart.deleteLater()
        self.distributions = {}
        criteria = {c["id"]: c for c in d.get("criteria", [])}
        for i, (cid, bands) in enumerate(d["score_distribution"].items()):
            c = criteria.get(cid, {"name": cid, "weight": None})
            title = tr("Scores · {name}").format(name=c["name"]) + (
                f" ({c['weight']}%)" if c.get("weight") else "")
            chart = BarChart(title)
            chart.set_data([("90+" if b == "90-100" else b, bands.get(b, 0)) for b in BANDS],
                           PALETTE[(2 + i) % len(PALETTE)])
            chart.setMinimumHeight(self.fontMetrics().height() * 10)
            self.distributions[cid] = chart
            self.dist_grid.addWidget(chart, i // 2, i % 2)
