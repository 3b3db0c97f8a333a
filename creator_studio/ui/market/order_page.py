"""The order page (#17): the order as a conversation between buyer and maker.

`ThreadView` shows the thread — messages with their attachments, the time, read receipts
("read by 王需求") and the system events inline (award, material requested, delivery v2, revision
requested, accepted…) — with a composer. Staff see it read-only; while the order is disputed they
can write too (the server enforces the same rule; the view only mirrors it).

`OrderConversation` is a tab of the maker's and the buyer's market: the order list with an unread
column, and for the selected order its brief (`RequestPage`), its thread and its review
comments. The number of unread messages and comments shows in the tab title as well.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui import file_dialogs
from creator_studio.ui.market.common import (
    call,
    make_table,
    message_label,
    status_name,
    table_width_hint,
)
from creator_studio.ui.formatting import fmt_date_time
from creator_studio.ui.market.lazy_model import Col, LazyTableModel, day, yuan
from creator_studio.ui.translate import tr
from creator_studio.ui.forms_meta import list_separator  # noqa: E402 ("、" only in 中文)


def _when(t) -> str:  # noqa: ANN001
    return fmt_date_time(t)


def role_name(role: str) -> str:
    return {"buyer": tr("buyer"), "maker": tr("maker"), "staff": tr("staff")}.get(role, role)


def item_text(it: dict, lang: str) -> str:
    """One line (or a few) of the thread as shown; also what tests and screen readers read."""
    if it["kind"] == "event":
        label = it["label_zh"] if lang.startswith("zh") else it["label_en"]
        who = f" · {it['actor_name']}" if it.get("actor_id") else ""
        reason = f"\n{it['reason']}" if it.get("reason") else ""
        return f"── {label}{who} · {_when(it['created_at'])} ──{reason}"
    head = f"{it['author_name']}（{role_name(it['author_role'])}） {_when(it['created_at'])}"
    files = "".join("\n" + tr("Attachment: {name} ({kb} KB)").format(
        name=f["name"], kb=max(1, f["size"] // 1024)) for f in it["files"])
    read = ("\n" + tr("✓ read by {names}").format(names=list_separator().join(it["read_by"]))
            if it.get("read_by") else "")
    return f"{head}\n{it['body']}{files}{read}"


def show_unread_in_tabs(widget: QWidget, n: int) -> None:
    """Put "(n)" after the title of every tab that contains `widget` — the role's inner tab and
    the window's tab bar — so unread messages show wherever the person looks."""
    chain = [widget]  # a tab's page sits in the tab widget's inner stack, not directly in it
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            page = next((w for w in reversed(chain) if parent.indexOf(w) >= 0), None)
            if page is not None:
                i = parent.indexOf(page)
                base = page.property("tab_title_base")
                if not base:
                    base = parent.tabText(i)
                    page.setProperty("tab_title_base", base)
                parent.setTabText(i, f"{base} ({n})" if n else base)
        chain.append(parent)
        parent = parent.parentWidget()


class ThreadView(QWidget):
    read_marked = Signal(int)  # order id

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id: int | None = None
        self.status: str | None = None
        self.items: list[dict] = []
        self.attachments: list[Path] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Messages and events of the order"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(False)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        lay.addWidget(self.list, 1)
        frow = QHBoxLayout()
        self.save_file_button = QPushButton(tr("&Save attachment…"))
        self.save_file_button.setAccessibleName(tr("Save the attachment of the selected message"))
        self.save_file_button.clicked.connect(self.choose_save_attachment)
        frow.addWidget(self.save_file_button)
        frow.addStretch(1)
        lay.addLayout(frow)
        self.composer = QWidget()
        cl = QVBoxLayout(self.composer)
        cl.setContentsMargins(0, 0, 0, 0)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(tr("Message"))
        self.text.setPlaceholderText(tr("Write a message to the other side of the order…"))
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 3 + 12)
        cl.addWidget(self.text)
        crow = QHBoxLayout()
        self.attach_button = QPushButton(tr("&Attach…"))
        self.attach_button.setAccessibleName(tr("Attach files to the message"))
        self.attach_button.clicked.connect(self.choose_attachments)
        self.attach_label = QLabel()
        self.send_button = QPushButton(tr("Se&nd"))
        self.send_button.setAccessibleName(tr("Send the message"))
        self.send_button.clicked.connect(self.send)
        crow.addWidget(self.attach_button)
        crow.addWidget(self.attach_label, 1)
        crow.addWidget(self.send_button)
        cl.addLayout(crow)
        lay.addWidget(self.composer)
        self.read_only_label = QLabel()
        self.read_only_label.setWordWrap(True)
        lay.addWidget(self.read_only_label)
        self.message = message_label()
        lay.addWidget(self.message)
        self._update_composer()

    # -- state -----------------------------------------------------------------------------------
    def may_write(self) -> bool:
        user = self.ctx.current_user
        if user is None or self.order_id is None:
            return False
        if self._party:
            return True
        return "staff" in user.roles and self.status == "disputed"

    @property
    def _party(self) -> bool:
        return bool(getattr(self, "_is_party", False))

    def _update_composer(self) -> None:
        ok = self.may_write()
        self.composer.setEnabled(ok)
        self.composer.setVisible(self.order_id is not None)
        if self.order_id is not None and not ok:
            self.read_only_label.setText(tr("Read-only: staff write in a thread only while the "
                                            "order is disputed."))
        else:
            self.read_only_label.clear()

    def set_order(self, order_id: int | None, status: str | None = None,
                  party: bool | None = None, mark_read: bool | None = True):
        self.order_id, self.status = order_id, status
        user = self.ctx.current_user
        self._is_party = bool(party) if party is not None else not (user and "staff" in user.roles)
        self.attachments = []
        self.attach_label.clear()
        self._update_composer()
        if order_id is None:
            self.items = []
            self.list.clear()
            return None
        return self.reload(mark_read=mark_read)

    def reload(self, mark_read: bool | None = None):
        """Load the thread again. By default it counts as read only when it is on screen (live
        updates call this for every view; a hidden thread must stay unread)."""
        oid, user = self.order_id, self.ctx.current_user
        if oid is None:
            return None
        if mark_read is None:
            mark_read = self.isVisible()

        def work():
            if mark_read:
                self.ctx.market.mark_thread_read(user, oid)
            return self.ctx.market.order_thread(user, oid)

        def show(items):
            self.show_items(items)
            if mark_read:
                self.read_marked.emit(oid)

        return call(self.ctx, self, work, show, writes=mark_read, message=self.message,
                    clear_message=False)

    def show_items(self, items: list[dict]) -> None:
        self.items = list(items)
        self.list.clear()
        lang = self.ctx.language
        me = self.ctx.current_user.id if self.ctx.current_user else None
        bold = QFont(self.list.font())
        bold.setItalic(True)
        for it in self.items:
            li = QListWidgetItem(item_text(it, lang))
            li.setData(Qt.ItemDataRole.UserRole, it)
            if it["kind"] == "event":
                li.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
                li.setForeground(QColor("#5b6b82"))
                li.setFont(bold)
            elif it["author_id"] == me:
                li.setTextAlignment(Qt.AlignmentFlag.AlignRight)
                li.setBackground(QColor("#e8f1fb"))
            elif it["author_role"] == "staff":
                li.setBackground(QColor("#fff4e0"))
            self.list.addItem(li)
        self.list.scrollToBottom()

    def messages(self) -> list[dict]:
        return [i for i in self.items if i["kind"] == "message"]

    def events(self) -> list[dict]:
        return [i for i in self.items if i["kind"] == "event"]

    # -- actions ---------------------------------------------------------------------------------
    def choose_attachments(self) -> None:
        paths, _ = file_dialogs.open_files(self, tr("Attach files"), "attachments")
        for p in paths:
            self.add_attachment(Path(p))

    def add_attachment(self, path: Path) -> None:
        self.attachments.append(Path(path))
        self.attach_label.setText(list_separator().join(p.name for p in self.attachments))

    def send(self):
        if not self.may_write():
            self.message.setText(tr("You cannot write in this thread."))
            return None
        body, files = self.text.toPlainText(), list(self.attachments)
        user, oid = self.ctx.current_user, self.order_id

        def done(_m):
            self.text.clear()
            self.attachments = []
            self.attach_label.clear()
            self.reload(mark_read=False)

        return call(self.ctx, self, lambda: self.ctx.market.post_message(user, oid, body, files),
                    done, writes=True, message=self.message)

    def selected_file(self) -> dict | None:
        it = self.list.currentItem()
        data = it.data(Qt.ItemDataRole.UserRole) if it is not None else None
        if not data or data["kind"] != "message" or not data["files"]:
            return None
        return data["files"][0]

    def choose_save_attachment(self):
        f = self.selected_file()
        if f is None:
            self.message.setText(tr("Select a message with an attachment."))
            return None
        path, _ = file_dialogs.save_file(self, tr("Save attachment"), "downloads", f["name"])
        return self.save_attachment(f, Path(path)) if path else None

    def save_attachment(self, f: dict, dest: Path):
        user = self.ctx.current_user
        return call(self.ctx, self,
                    lambda: self.ctx.market.fetch_message_file(user, f["id"], Path(dest)),
                    lambda p: self.read_only_label.setText(tr("Saved to {p}").format(p=p)),
                    message=self.message)


class OrderConversation(QWidget):
    """Orders (with unread counts) → brief, thread and review comments of the selected one."""

    unread_changed = Signal(int)

    def __init__(self, ctx, side: str, open_in_studio=None, parent=None) -> None:
        super().__init__(parent)
        from creator_studio.ui.market.request_page import RequestPage
        from creator_studio.ui.market.review_pins import CommentList

        self.ctx = ctx
        self.side = side  # "maker" / "buyer"
        self.unread: dict[int, int] = {}
        lay = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = LazyTableModel([
            Col(tr("Order"), lambda r: f"#{r.id}", True),
            Col(tr("Request"), lambda r: r.title),
            Col(tr("State"), lambda r: status_name(r.status)),
            Col(tr("Price"), lambda r: yuan(r.price_fen), True, sort=lambda r: r.price_fen),
            Col(tr("Due"), lambda r: day(r.due_at), sort=lambda r: r.due_at),
            Col(tr("Unread"), lambda r: self.unread.get(r.id, 0) or "", True),
        ])
        self.table = make_table(self.model, tr("Orders and their messages"), 1,
                                keep_selection=False)  # reload() reselects without marking read
        split.addWidget(self.table)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("The selected order"))
        self.brief = RequestPage(ctx, open_in_studio)
        self.thread = ThreadView(ctx)
        self.comments = CommentList(ctx, side if side in ("buyer", "maker") else "staff")
        self.tabs.addTab(self.brief, tr("Brief && source files"))
        self.tabs.addTab(self.thread, tr("Messages"))
        self.tabs.addTab(self.comments, tr("Review comments"))
        split.addWidget(self.tabs)
        cw = self.fontMetrics().averageCharWidth()
        split.setSizes([cw * 70, cw * 90])
        lay.addWidget(split)
        # The order list gets the width its columns need (screenshots #18: at 1280×720 a fixed
        # 70:90 split squeezed the "Request" column to a clipped header), until the person
        # drags the splitter.
        self.split = split
        self._split_moved = False
        split.splitterMoved.connect(lambda *_a: setattr(self, "_split_moved", True))
        self.model.modelReset.connect(self.fit_split)
        self.thread.read_marked.connect(lambda _oid: self.refresh_unread())
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.reload()

    def fit_split(self) -> None:
        """Give the order list its columns' width, leaving the selected order at least 45 %."""
        total = sum(self.split.sizes())
        if self._split_moved or total <= 0:
            return
        want = min(table_width_hint(self.table, 1), int(total * 0.55))
        want = max(want, self.table.minimumSizeHint().width())
        self.split.blockSignals(True)
        self.split.setSizes([want, total - want])
        self.split.blockSignals(False)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.fit_split()

    def _fetch(self):
        user = self.ctx.current_user
        fn = self.ctx.market.maker_orders if self.side == "maker" else self.ctx.market.buyer_orders
        return fn(user, 500, 0)

    def reload(self):
        user = self.ctx.current_user

        def work():
            rows = self._fetch()
            counts = {c["order_id"]: c["unread"] for c in self.ctx.market.unread_counts(user)}
            return rows, counts

        def show(res):
            rows, counts = res
            keep = getattr(self, "current", None)
            self.unread = counts
            self.model.set_rows(rows)
            self.unread_changed.emit(sum(counts.values()))
            if keep is not None:  # a live reload keeps the open order open (and refreshes it)
                i = next((i for i, r in enumerate(rows) if r.id == keep.id), -1)
                if i >= 0:
                    self._reselecting = True
                    try:
                        self.table.selectRow(i)
                    finally:
                        self._reselecting = False

        return call(self.ctx, self, work, show)

    def refresh_unread(self):
        user = self.ctx.current_user

        def show(counts):
            self.unread = {c["order_id"]: c["unread"] for c in counts}
            if self.model.rowCount():
                self.model.dataChanged.emit(self.model.index(0, 0),
                                            self.model.index(self.model.rowCount() - 1,
                                                             len(self.model.columns) - 1))
            self.unread_changed.emit(sum(self.unread.values()))

        return call(self.ctx, self, lambda: self.ctx.market.unread_counts(user), show)

    def total_unread(self) -> int:
        return sum(self.unread.values())

    def _selected(self, current, _prev):
        r = self.model.row(current.row())
        return None if r is None else self.open_order(r)

    def open_order(self, r):  # noqa: ANN001
        self.current = r
        self.brief.load(r.request_id)
        self.comments.load(r.id)
        # Opened by the person: read. Re-opened by a live reload: read only if on screen.
        live = getattr(self, "_reselecting", False)
        return self.thread.set_order(r.id, r.status, party=True,
                                     mark_read=None if live else True)

    def select_order(self, order_id: int) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.id == order_id:
                self.table.selectRow(i)
                return True
        return False
