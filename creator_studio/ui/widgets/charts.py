"""A small bar chart drawn with QPainter: works offscreen, follows the system font, no QtCharts."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ["#1f5fa8", "#2e9c6a", "#d98a1f", "#b5405c", "#6b5bb5", "#3a8fb7"]


class BarChart(QWidget):
    def __init__(self, title: str = "", parent=None) -> None:
        super().__init__(parent)
        self.title = title
        self.data: list[tuple[str, float]] = []
        self.color = QColor(PALETTE[0])
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(title)

    def set_data(self, data, color: str | None = None) -> None:
        self.data = [(str(k), float(v)) for k, v in data]
        if color:
            self.color = QColor(color)
        self.setAccessibleDescription(", ".join(f"{k}: {v:g}" for k, v in self.data))
        self.update()

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.averageCharWidth() * 40, fm.height() * 12)

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.averageCharWidth() * 24, fm.height() * 8)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        lh = fm.height()
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), self.palette().base())
        p.setPen(self.palette().text().color())
        bold = p.font()
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(6, 2, w - 12, lh + 2), Qt.AlignmentFlag.AlignLeft, self.title)
        p.setFont(self.font())
        top = lh * 2 + lh // 2 + 4
        bottom = h - lh - 8
        left, right = 8, w - 8
        if not self.data:
            p.drawText(QRectF(left, top, right - left, bottom - top),
                       Qt.AlignmentFlag.AlignCenter, "—")
            return
        vmax = max(v for _, v in self.data) or 1.0
        n = len(self.data)
        slot = (right - left) / n
        bar_w = max(2.0, slot * 0.68)
        p.setPen(QPen(QColor("#9aa5b1"), 1))
        p.drawLine(left, bottom, right, bottom)
        for i, (label, v) in enumerate(self.data):
            x = left + i * slot + (slot - bar_w) / 2
            bh = (bottom - top) * (v / vmax)
            p.fillRect(QRectF(x, bottom - bh, bar_w, bh), self.color)
            p.setPen(self.palette().text().color())
            val = f"{v:g}"
            p.drawText(QRectF(x - 20, bottom - bh - lh - 1, bar_w + 40, lh),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, val)
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(slot) - 2)
            p.drawText(QRectF(left + i * slot, bottom + 3, slot, lh + 2),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
        p.end()
