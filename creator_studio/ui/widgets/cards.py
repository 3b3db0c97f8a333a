"""Order and request cards (#18): a status chip coloured per status and a due-date countdown.

The lists stay the lazy table models they were (10,000 orders fetch batch by batch); a card
delegate paints each row as a card in the table's first column, the other columns are hidden.
No widget per row, so a long list costs what it cost before. Rows are read through `fields`
(a function row → `Card`), so the same delegate serves orders, the buyer's requests and the
open requests of the market.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate

from creator_studio.ui.theme import TOKENS
from creator_studio.ui.translate import tr

# Chip colours (background, text) by what the status means for the person looking at it.
BLUE = ("#e3eefc", "#1f5fbf")  # work under way / open
AMBER = ("#fff4df", "#9a5b00")  # waiting for someone
ORANGE = ("#ffe9dc", "#b4471b")  # changes asked for
GREEN = ("#e3f4e6", "#2e7d32")  # done
RED = ("#fde4e4", "#c62828")  # trouble
GREY = ("#eceff3", "#5f6b7a")  # over, nothing to do
PURPLE = ("#efe7fb", "#6b3fb5")  # awarded

STATUS_CHIP = {
    "open": BLUE, "in_progress": BLUE, "active": BLUE,
    "waiting_on_buyer": AMBER, "delivered": AMBER, "cancel_requested": AMBER,
    "revision_requested": ORANGE,
    "accepted": GREEN, "paid": GREEN, "valid": GREEN,
    "disputed": RED, "refused": RED, "revoked": RED, "suspended": RED,
    "awarded": PURPLE,
    "cancelled": GREY, "closed": GREY, "expired": GREY, "withdrawn": GREY, "lost": GREY,
    "draft": GREY,
}
# No countdown: the work is over, or delivered and waiting for the buyer (a delivered order is
# not "overdue" because the buyer has not accepted yet).
FINISHED = {"accepted", "paid", "cancelled", "closed", "expired", "withdrawn", "lost", "awarded",
            "delivered"}


def chip_colours(status: str) -> tuple[str, str]:
    return STATUS_CHIP.get(status, GREY)


def countdown(due: datetime | None, now: datetime | None = None,
              status: str = "") -> tuple[str, bool]:
    """("还剩 3 天" / "3 days left", overdue?) for a due date; ("", False) when none applies.

    Both times are naive UTC, the market's (`now` defaults to the UTC clock, never the local
    one, which would shift the count by the zone's offset; an aware value is turned to UTC).
    The count is elapsed time, so it is the same in every zone; the date shown next to it
    (`Card.due_text`, via `formatting.fmt_date`) is the user's local day. Finished orders and
    closed requests count nothing.
    """
    if due is None or status in FINISHED:
        return "", False
    if now is None:
        now = datetime.now(UTC).replace(tzinfo=None)
    if now.tzinfo is not None:
        now = now.astimezone(UTC).replace(tzinfo=None)
    if due.tzinfo is not None:
        due = due.astimezone(UTC).replace(tzinfo=None)
    seconds = (due - now).total_seconds()
    if seconds >= 0:
        days = int(seconds // 86400)
        if days == 0:
            return tr("Due today"), False
        if days == 1:
            return tr("1 day left"), False
        return tr("{n} days left").format(n=days), False
    days = max(1, int((-seconds + 86399) // 86400))
    if days == 1:
        return tr("Overdue by 1 day"), True
    return tr("Overdue by {n} days").format(n=days), True


@dataclass
class Card:
    title: str
    subtitle: str = ""
    amount: str = ""
    status: str = ""
    status_text: str = ""
    due: datetime | None = None  # naive UTC, as the market keeps it
    due_text: str = ""  # the date itself (the user's local day), shown next to the countdown


def _get(row, key, default=None):
    if isinstance(row, dict):
        return row.get(key, default)
    return getattr(row, key, default)


class CardDelegate(QStyledItemDelegate):
    """Paints a row (the model's UserRole object) as a card; `fields(row) -> Card`.

    `now` (tests, demo clocks) returns naive UTC like the market's times.
    """

    def __init__(self, fields: Callable[[object], Card], parent=None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.fields = fields
        self.now = now

    def card_height(self, fm) -> int:
        return fm.height() * 3 + int(TOKENS["space_m"]) * 2 + int(TOKENS["space_s"]) * 2 + 4

    def sizeHint(self, option, index) -> QSize:
        fm = option.fontMetrics
        return QSize(fm.averageCharWidth() * 50, self.card_height(fm))

    def paint(self, painter: QPainter, option, index) -> None:
        row = index.data(Qt.ItemDataRole.UserRole)
        if row is None:
            return super().paint(painter, option, index)
        c = self.fields(row)
        fm = option.fontMetrics
        lh = fm.height()
        sp, ss, rad = int(TOKENS["space_m"]), int(TOKENS["space_s"]), float(TOKENS["radius"])
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        box = QRectF(option.rect).adjusted(ss / 2 + 1, ss / 2, -ss / 2 - 1, -ss / 2)
        painter.setPen(QPen(QColor(str(TOKENS["primary" if selected else "border"])),
                            1.5 if selected else 1))
        painter.setBrush(QColor(str(TOKENS["selection" if selected else "surface"])))
        painter.drawRoundedRect(box, rad, rad)
        inner = box.adjusted(sp, ss, -sp, -ss)
        # line 1: title (bold) … amount (right)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        bfm = painter.fontMetrics()
        amount_w = bfm.horizontalAdvance(c.amount) + (sp if c.amount else 0)
        painter.setPen(QColor(str(TOKENS["text"])))
        title = bfm.elidedText(c.title, Qt.TextElideMode.ElideRight, int(inner.width() - amount_w))
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width() - amount_w, lh),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        if c.amount:
            painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), lh),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, c.amount)
        # line 2: subtitle (muted)
        painter.setFont(option.font)
        painter.setPen(QColor(str(TOKENS["text_muted"])))
        y2 = inner.top() + lh + 2
        painter.drawText(QRectF(inner.left(), y2, inner.width(), lh),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(c.subtitle, Qt.TextElideMode.ElideRight, int(inner.width())))
        # line 3: status chip (left) … countdown (right, red when overdue)
        y3 = inner.bottom() - lh - 2
        if c.status_text:
            bg, fg = chip_colours(c.status)
            cw = fm.horizontalAdvance(c.status_text) + lh
            chip = QRectF(inner.left(), y3, cw, lh + 4)
            edge = QColor(fg)
            edge.setAlpha(70)  # keeps the chip visible on a selected (blue) card
            painter.setPen(QPen(edge, 1))
            painter.setBrush(QColor(bg))
            painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
            painter.setPen(QColor(fg))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, c.status_text)
        text, overdue = countdown(c.due, self.now() if self.now else None, c.status)
        right = " · ".join(x for x in (text, c.due_text) if x)
        if right:
            f = QFont(option.font)
            f.setBold(overdue)
            painter.setFont(f)
            painter.setPen(QColor(str(TOKENS["error"])) if overdue else
                           QColor(str(TOKENS["text_muted"])))
            painter.drawText(QRectF(inner.left(), y3, inner.width(), lh + 4),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right)
        painter.restore()


def cardify(table, fields: Callable[[object], Card], now=None) -> CardDelegate:
    """Show a lazy table as cards: column 0 paints the card, the other columns are hidden.

    Selection, keyboard, `selectRow`, the lazy batches and the model's texts (tooltips, tests,
    accessibility) are unchanged.
    """
    d = CardDelegate(fields, table, now)
    table.setItemDelegateForColumn(0, d)
    model = table.model()
    for c in range(1, model.columnCount()):
        table.setColumnHidden(c, True)
    hh = table.horizontalHeader()
    hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    hh.setVisible(False)
    vh = table.verticalHeader()
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(d.card_height(table.fontMetrics()))
    table.setShowGrid(False)
    table.setAlternatingRowColors(False)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setProperty("cards", True)
    return d


# -- the cards of the market's lists ---------------------------------------------------------------

def order_card(status_name, yuan, day, who: str = "maker_name"):
    def fields(r) -> Card:
        name = _get(r, who) or ""
        sub = f"#{_get(r, 'id')}" + (f" · {name}" if name else "")
        st = _get(r, "status") or ""
        return Card(title=_get(r, "title") or "", subtitle=sub, amount=yuan(_get(r, "price_fen")),
                    status=st, status_text=status_name(st), due=_get(r, "due_at"),
                    due_text=day(_get(r, "due_at")))
    return fields


def request_card(status_name, yuan, day, forms_text):
    def fields(r) -> Card:
        st = _get(r, "status") or "open"
        parts = [forms_text(_get(r, "forms") or [])]
        for k in ("buyer_name", "business_line"):
            if _get(r, k):
                parts.append(str(_get(r, k)))
        offers = _get(r, "offers")
        if offers is not None:
            parts.append(tr("{n} offers").format(n=offers) if offers != 1 else tr("1 offer"))
        return Card(title=_get(r, "title") or "", subtitle=" · ".join(p for p in parts if p),
                    amount=yuan(_get(r, "budget_fen")), status=st, status_text=status_name(st),
                    due=_get(r, "deadline"), due_text=day(_get(r, "deadline")))
    return fields


def install_cards(views) -> list:
    """Cards on the maker's and buyer's order and request lists of the signed-in window."""
    from creator_studio.ui.forms_meta import forms_text
    from creator_studio.ui.market.common import status_name
    from creator_studio.ui.market.lazy_model import day, yuan

    done = []
    for v in views:
        name = type(v).__name__
        if name == "MakerMarketView":
            targets = [(getattr(v, "orders_table", None), order_card(status_name, yuan, day,
                                                                      "buyer_name")),
                       (getattr(getattr(v, "market", None), "table", None),
                        request_card(status_name, yuan, day, forms_text))]
        elif name == "BuyerView":
            targets = [(getattr(getattr(v, "review", None), "table", None),
                        order_card(status_name, yuan, day, "maker_name")),
                       (getattr(getattr(v, "requests", None), "req_table", None),
                        request_card(status_name, yuan, day, forms_text))]
        else:
            continue
        for table, fields in targets:
            if table is not None and not table.property("cards"):
                cardify(table, fields)
                done.append(table)
    return done
