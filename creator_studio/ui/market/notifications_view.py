"""The signed-in person's notifications (new offer, award, delivery, revision, rating, dispute)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from creator_studio.ui.formatting import fmt_date_time
from creator_studio.ui.market.common import call, make_table
from creator_studio.ui.market.lazy_model import Col, LazyTableModel
from creator_studio.ui.translate import tr


class NotificationsView(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        zh = ctx.language.startswith("zh")
        lay = QVBoxLayout(self)
        self.model = LazyTableModel([
            Col(tr("When"), lambda n: fmt_date_time(n["created_at"]), sort=lambda n: n["created_at"]),
            Col(tr("Message"), lambda n: n["zh"] if zh else n["en"]),
            Col(tr("Read"), lambda n: "" if n["read"] else tr("new")),
        ])
        self.table = make_table(self.model, tr("Notifications"), 1)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(tr("&Refresh"))
        self.read_button = QPushButton(tr("Mark all as &read"))
        from creator_studio.ui.icons import decorate  # #18: icons on the main buttons

        decorate(self.refresh_button, "refresh")
        decorate(self.read_button, "email-open-outline")
        self.refresh_button.clicked.connect(self.reload)
        self.read_button.clicked.connect(self.mark_read)
        row.addWidget(self.refresh_button)
        row.addWidget(self.read_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.reload()

    def unread(self) -> int:
        return sum(1 for n in self.model.rows if not n["read"])

    def reload(self):
        return call(self.ctx, self, lambda: self.ctx.market.notifications(self.ctx.current_user),
                    self.model.set_rows)

    def mark_read(self):
        user = self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.mark_notifications_read(user),
                    lambda _n: self.reload(), writes=True)
