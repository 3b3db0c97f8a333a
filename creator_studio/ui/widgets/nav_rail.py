"""The left navigation rail (#18): one icon + label entry per page a role has, instead of tabs
inside tabs.

The window keeps its role views as they are (each a QTabWidget of pages, so their own code and
tests keep working); the rail lists every page of every view under a role heading, hides the
views' tab bars, and switches both levels when an entry is chosen. It follows the other way too:
when code switches a view or a page (a "go to the order" button, the screenshot script), the
rail highlights that entry. Entries carry an unread badge (a count painted as a pill).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QTabWidget,
)

from creator_studio.ui.theme import TOKENS

PAGE_ROLE = Qt.ItemDataRole.UserRole + 1  # (top widget, inner page or None)
BADGE_ROLE = Qt.ItemDataRole.UserRole + 2  # unread count (int)
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3  # True on a role heading

# Icons (MDI 6 names) by the attribute a view keeps its page under; unknown pages get a dot.
PAGE_ICONS = {
    "market": "storefront-outline", "offers_page": "tag-outline",
    "orders_table": "clipboard-list-outline", "conversation": "message-text-outline",
    "record": "chart-line", "certification": "certificate-outline",
    "post_form": "file-document-edit-outline", "requests": "format-list-bulleted",
    "review": "clipboard-check-outline", "dashboard": "view-dashboard-outline",
    "program": "school-outline", "norms": "ruler-square", "grade_rules": "stairs",
    "dispute_view": "scale-balance", "pay_queue": "cash-multiple", "evaluation": "calculator",
    "contests": "trophy-outline", "contest_entry": "trophy-outline", "judging": "gavel",
    "home": "home-outline",
}
TOP_ICONS = {"MakerStudio": "palette-outline", "NotificationsView": "bell-outline"}


def badge_text(n: int) -> str:
    return "99+" if n > 99 else str(n)


class RailDelegate(QStyledItemDelegate):
    """Draws role headings small and muted, and the unread badge at the right of an entry."""

    def sizeHint(self, option, index) -> QSize:
        s = super().sizeHint(option, index)
        fm = option.fontMetrics
        extra = fm.height() // 2 if index.data(SECTION_ROLE) else fm.height() // 2 + 2
        return QSize(s.width() + fm.horizontalAdvance("99+") + 16, max(s.height(), fm.height()) + extra)

    def paint(self, painter: QPainter, option, index) -> None:
        if index.data(SECTION_ROLE):
            painter.save()
            f = QFont(option.font)
            f.setBold(True)
            f.setPointSizeF(max(6.0, option.font.pointSizeF() * float(TOKENS["type_small"])))
            painter.setFont(f)
            painter.setPen(QColor(str(TOKENS["text_muted"])))
            r = option.rect.adjusted(int(TOKENS["space_m"]), 0, 0, -2)
            painter.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                             index.data(Qt.ItemDataRole.DisplayRole) or "")
            painter.restore()
            return
        n = int(index.data(BADGE_ROLE) or 0)
        if not n:
            super().paint(painter, option, index)
            return
        fm = option.fontMetrics
        text = badge_text(n)
        bw = max(fm.height(), fm.horizontalAdvance(text) + fm.height() // 2)
        opt = type(option)(option)
        opt.rect = QRect(option.rect.adjusted(0, 0, -(bw + 8), 0))
        super().paint(painter, opt, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bh = fm.height()
        pill = QRectF(option.rect.right() - bw - 6, option.rect.center().y() - bh / 2 + 1, bw, bh)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(str(TOKENS["error"])))
        painter.drawRoundedRect(pill, bh / 2, bh / 2)
        f = QFont(option.font)
        f.setBold(True)
        painter.setFont(f)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class NavRail(QListWidget):
    """Entries: (top widget in `stack`, inner page of that widget or None)."""

    page_chosen = Signal(object)  # the page now shown (inner page, or the top widget)

    def __init__(self, stack: QTabWidget, parent=None) -> None:
        super().__init__(parent)
        self.stack = stack
        self.setObjectName("navRail")
        self.setItemDelegate(RailDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setIconSize(QSize(20, 20))
        self.setUniformItemSizes(False)
        self._syncing = False
        self.currentItemChanged.connect(self._chosen)
        stack.currentChanged.connect(self.sync)

    # -- building --------------------------------------------------------------------------------
    def add_section(self, title: str) -> QListWidgetItem:
        item = QListWidgetItem(title)
        item.setData(SECTION_ROLE, True)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.addItem(item)
        return item

    def add_entry(self, title: str, icon_name: str, top, inner=None) -> QListWidgetItem:
        from creator_studio.ui.icons import icon

        item = QListWidgetItem(icon(icon_name), title.replace("&&", "&"))
        item.setData(PAGE_ROLE, (top, inner))
        item.setData(BADGE_ROLE, 0)
        item.setToolTip(item.text())
        self.addItem(item)
        return item

    def add_view(self, top, title: str) -> None:
        """A top-level view: its pages as entries under a heading, or one entry if it has none."""
        if isinstance(top, QTabWidget) and top.count() > 1 and top.property("rail_flatten") is not False:
            self.add_section(title.replace("&&", "&"))
            names = {id(v): k for k, v in vars(top).items() if not k.startswith("_")}
            for i in range(top.count()):
                page = top.widget(i)
                base = page.property("tab_title_base") or top.tabText(i)
                self.add_entry(base, PAGE_ICONS.get(names.get(id(page), ""), "circle-small"),
                               top, page)
            top.tabBar().hide()
            top.setDocumentMode(True)
            top.setProperty("rail_flattened", True)
            top.currentChanged.connect(self.sync)
        else:
            self.add_entry(title, TOP_ICONS.get(type(top).__name__, "circle-small"), top)

    def clear_entries(self) -> None:
        self._syncing = True
        self.clear()
        self._syncing = False

    # -- finding ---------------------------------------------------------------------------------
    def entries(self) -> list[QListWidgetItem]:
        return [self.item(i) for i in range(self.count()) if not self.item(i).data(SECTION_ROLE)]

    def entry_for(self, page) -> QListWidgetItem | None:
        """The entry showing `page` (an inner page, a top widget, or any widget inside one)."""
        w = page
        while w is not None:
            for it in self.entries():
                top, inner = it.data(PAGE_ROLE)
                if (inner if inner is not None else top) is w:
                    return it
            w = w.parentWidget()
        return None

    # -- badges ----------------------------------------------------------------------------------
    def set_badge(self, page, n: int) -> None:
        it = self.entry_for(page)
        if it is None:
            return
        it.setData(BADGE_ROLE, max(0, int(n)))
        base = it.text()
        it.setData(Qt.ItemDataRole.AccessibleDescriptionRole, badge_text(n) if n else "")
        it.setToolTip(f"{base} ({badge_text(n)})" if n else base)

    def badge(self, page) -> int:
        it = self.entry_for(page)
        return int(it.data(BADGE_ROLE) or 0) if it is not None else 0

    # -- switching -------------------------------------------------------------------------------
    def _chosen(self, current, _previous) -> None:
        if self._syncing or current is None or current.data(SECTION_ROLE):
            return
        top, inner = current.data(PAGE_ROLE)
        self._syncing = True
        try:
            self.stack.setCurrentWidget(top)
            if inner is not None:
                top.setCurrentWidget(inner)
        finally:
            self._syncing = False
        self.page_chosen.emit(inner if inner is not None else top)

    def show_page(self, page) -> bool:
        it = self.entry_for(page)
        if it is None:
            return False
        self.setCurrentItem(it)
        return True

    def sync(self, *_a) -> None:
        """Highlight the entry of what the stack shows now (after a switch made in code)."""
        if self._syncing:
            return
        top = self.stack.currentWidget()
        if top is None:
            return
        page = top.currentWidget() if isinstance(top, QTabWidget) and \
            top.property("rail_flattened") else top
        it = self.entry_for(page) or self.entry_for(top)
        if it is not None and it is not self.currentItem():
            self._syncing = True
            self.setCurrentItem(it)
            self._syncing = False
