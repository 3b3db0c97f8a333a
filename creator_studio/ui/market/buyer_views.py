"""The buyer's side: post a request with source files, compare offers, award, review, rate."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui import file_dialogs
from creator_studio.ui.market.common import (
    call,
    fen_of,
    form_names,
    forms_text,
    make_table,
    message_label,
    money_spin,
    selected_row,
    status_name,
)
from creator_studio.ui.errors import show_error
from creator_studio.ui.formatting import date_format, utc_from_local
from creator_studio.ui.market.lazy_model import Col, LazyTableModel, day, yuan
from creator_studio.ui.studio.previews import PreviewTabs


from creator_studio.ui.translate import plural, tr  # noqa: E402


class PostRequestForm(QWidget):
    def __init__(self, ctx, on_posted=None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.on_posted = on_posted
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setAccessibleName(tr("Request title"))
        form.addRow(tr("&Title:"), self.title)
        self.line = QComboBox()
        self.line.setAccessibleName(tr("Business line"))
        form.addRow(tr("&Business line:"), self.line)
        forms_row = QHBoxLayout()
        self.form_checks: dict[str, QCheckBox] = {}
        for fid, name in form_names().items():
            c = QCheckBox(name)
            c.setAccessibleName(name)
            self.form_checks[fid] = c
            forms_row.addWidget(c)
        forms_row.addStretch(1)
        form.addRow(tr("Forms wanted:"), forms_row)
        self.budget = money_spin()
        self.budget.setValue(3000)
        self.budget.setAccessibleName(tr("Budget"))
        form.addRow(tr("B&udget:"), self.budget)
        self.deadline = QDateEdit(QDate.currentDate().addDays(21))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat(date_format())  # #18: one date style, as in the tables
        self.deadline.setAccessibleName(tr("Deadline"))
        form.addRow(tr("&Deadline:"), self.deadline)
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(tr("Description"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 5)
        form.addRow(tr("D&escription:"), self.description)
        files_row = QHBoxLayout()
        self.files = QListWidget()
        self.files.setAccessibleName(tr("Source files"))
        self.files.setFixedHeight(self.files.fontMetrics().lineSpacing() * 4)
        add = QPushButton(tr("Add &source file…"))
        add.clicked.connect(self.choose_files)
        files_row.addWidget(self.files, 1)
        files_row.addWidget(add, alignment=Qt.AlignmentFlag.AlignTop)
        form.addRow(tr("Source files:"), files_row)
        lay.addLayout(form)
        self.post_button = QPushButton(tr("&Post the request"))
        self.post_button.clicked.connect(self.post)
        self.message = message_label()
        self.done_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.post_button)
        row.addWidget(self.message, 1)
        lay.addLayout(row)
        lay.addWidget(self.done_label)
        lay.addStretch(1)
        call(ctx, self, ctx.market.business_lines, self._set_lines)

    def _set_lines(self, lines) -> None:
        self.line.clear()
        for lid, name in lines:
            self.line.addItem(name, lid)

    def choose_files(self) -> None:
        paths, _ = file_dialogs.open_files(self, tr("Source files"), "request-sources",
                                           tr("Office documents (*.pptx *.docx);;All files (*)"))
        for p in paths:
            self.add_file(Path(p))

    def add_file(self, path: Path) -> None:
        self.files.addItem(str(path))

    def post(self):
        forms = [f for f, c in self.form_checks.items() if c.isChecked()]
        # 18:00 on the picked day, the buyer's clock; the market keeps UTC (#18)
        deadline = utc_from_local(datetime.combine(self.deadline.date().toPython(), time(18, 0)))
        args = dict(title=self.title.text(), forms=forms, budget_fen=fen_of(self.budget),
                    deadline=deadline, description=self.description.toPlainText(),
                    business_line_id=self.line.currentData(),
                    attachments=[Path(self.files.item(i).text())
                                 for i in range(self.files.count())])
        if getattr(self, "action_key", None) is None:
            from creator_studio.ui.market.common import ActionKey

            self.action_key = ActionKey("post")
        args["key"] = self.action_key.for_params(repr(sorted(args.items())))
        user = self.ctx.current_user

        def ok(rid):
            self.action_key.done()
            self.done_label.setText(tr("Request #{id} is posted; certified makers can now make "
                                       "offers.").format(id=rid))
            self.title.clear()
            self.files.clear()
            if self.on_posted:
                self.on_posted(rid)

        return call(self.ctx, self, lambda: self.ctx.market.post_request(user, **args), ok,
                    writes=True, message=self.message)


class RequestsAndOffers(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Vertical)
        self.req_model = LazyTableModel([
            Col(tr("Request"), lambda r: r["title"]),
            Col(tr("State"), lambda r: status_name(r["status"])),
            Col(tr("Forms"), lambda r: forms_text(r["forms"])),
            Col(tr("Budget"), lambda r: yuan(r["budget_fen"]), True, sort=lambda r: r["budget_fen"]),
            Col(tr("Deadline"), lambda r: day(r["deadline"]), sort=lambda r: r["deadline"]),
            Col(tr("Offers"), lambda r: r["offers"], True),
        ])
        self.req_table = make_table(self.req_model, tr("My requests"))
        split.addWidget(self.req_table)
        box = QGroupBox(tr("Offers on the selected request"))
        bl = QVBoxLayout(box)
        self.offer_model = LazyTableModel([
            Col(tr("Maker"), lambda o: o["maker"]),
            Col(tr("Level"), lambda o: "—" if not o["level"] else
                o["level"][0 if ctx.language.startswith("zh") else 1]),
            Col(tr("Rating"), lambda o: f"{o['rating']} ({o['ratings']})" if o["rating"] is not None
                else tr("none yet")),
            Col(tr("Done orders"), lambda o: o["done"], True),
            Col(tr("Delivery"), lambda o: plural(o["days"], tr("1 day"), tr("{d} days")).format(
                d=o["days"]), True),
            Col(tr("Price"), lambda o: yuan(o["price_fen"]), True, sort=lambda o: o["price_fen"]),
            Col(tr("State"), lambda o: status_name(o["status"])),
            Col(tr("Message"), lambda o: o["message"]),
        ])
        self.offer_table = make_table(self.offer_model, tr("Offers"), 7)
        bl.addWidget(self.offer_table)
        row = QHBoxLayout()
        self.award_button = QPushButton(tr("&Award to the selected offer"))
        from creator_studio.ui.icons import decorate

        decorate(self.award_button, "trophy-outline")
        self.award_button.clicked.connect(self.award)
        row.addWidget(self.award_button)
        self.message = message_label()
        row.addWidget(self.message, 1)
        bl.addLayout(row)
        split.addWidget(box)
        lay.addWidget(split)
        self.req_table.selectionModel().currentRowChanged.connect(self._request_selected)
        self.reload()

    def reload(self):
        return call(self.ctx, self, lambda: self.ctx.market.buyer_requests(self.ctx.current_user),
                    self.req_model.set_rows)

    def _request_selected(self, current, _prev):
        r = self.req_model.row(current.row())
        if r is None:
            return None
        return self.load_offers(r["id"])

    def load_offers(self, request_id: int):
        return call(self.ctx, self, lambda: self.ctx.market.offers_for(self.ctx.current_user,
                                                                       request_id),
                    self.offer_model.set_rows, message=self.message, clear_message=False)

    def award(self):
        req, offer = selected_row(self.req_table), selected_row(self.offer_table)
        if req is None or offer is None:
            self.message.setText(tr("Select a request and one of its offers."))
            return None
        user = self.ctx.current_user
        from creator_studio.ui.market import confirm  # #17: say what will happen first

        if not confirm.ask(self, tr("Award this offer?"), confirm.award_lines(req["title"], offer)):
            return None
        return call(self.ctx, self, lambda: self.ctx.market.award(user, req["id"], offer["id"]),
                    lambda _r: (self.message.success(tr("Awarded to {m}.").format(m=offer["maker"])),
                                self.reload(), self.load_offers(req["id"])),
                    writes=True, message=self.message)


class OrderReview(QWidget):
    """Orders, the latest delivery in the same previews as the studio, revision/accept/rate."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.model = LazyTableModel([
            Col(tr("Order"), lambda r: f"#{r.id}", True),
            Col(tr("Request"), lambda r: r.title),
            Col(tr("Maker"), lambda r: r.maker_name),
            Col(tr("Price"), lambda r: yuan(r.price_fen), True, sort=lambda r: r.price_fen),
            Col(tr("State"), lambda r: status_name(r.status)),
            Col(tr("Due"), lambda r: day(r.due_at), sort=lambda r: r.due_at),
        ], batch=100, runner=ctx.runner)
        self.table = make_table(self.model, tr("My orders"), 1)
        self.model.load_failed.connect(lambda exc: show_error(self, exc, modal=False))
        ll.addWidget(self.table, 1)
        actions = QGroupBox(tr("Review the delivery"))
        form = QFormLayout(actions)
        # #18 (1280×720): labels go above their fields and the buttons wrap two to a row when
        # the pane is narrow, so the review pane does not push the page into a sideways scroll
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setAccessibleName(tr("Comments for the maker"))
        self.comment.setFixedHeight(self.comment.fontMetrics().lineSpacing() * 4)
        form.addRow(tr("&Comments:"), self.comment)
        row = QGridLayout()
        self.revision_button = QPushButton(tr("Request &revision"))
        self.accept_button = QPushButton(tr("&Accept delivery"))
        from creator_studio.ui.icons import decorate

        decorate(self.revision_button, "pencil-outline")
        decorate(self.accept_button, "check-circle-outline")
        self.dispute_button = QPushButton(tr("Open a &dispute"))
        self.dispute_button.setAccessibleName(tr("Open a dispute about this order"))
        row.addWidget(self.revision_button, 0, 0)
        row.addWidget(self.accept_button, 0, 1)
        row.addWidget(self.dispute_button, 1, 0)
        form.addRow(row)
        from creator_studio.ui.widgets.star_rating import StarRating  # #18: not a spin box

        self.stars = StarRating(5, 5)
        self.stars.setAccessibleName(tr("Stars for the maker"))
        self.rate_button = QPushButton(tr("Ra&te the maker"))
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.stars)
        rate_row.addWidget(self.rate_button)
        rate_row.addStretch(1)
        form.addRow(tr("Rating:"), rate_row)
        self.message = message_label()
        form.addRow(self.message)
        ll.addWidget(actions)
        split.addWidget(left)
        self.previews = PreviewTabs(ctx.language)
        from creator_studio.ui.market.review_pins import PinBoard  # #17: pinned comments

        self.pins = PinBoard(ctx)
        self.pins.revision_requested.connect(lambda _r: self.reload())
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.previews)
        right.addWidget(self.pins)
        right.setSizes([self.fontMetrics().height() * 10, self.fontMetrics().height() * 40])
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        cw = self.fontMetrics().averageCharWidth()
        split.setSizes([cw * 60, cw * 110])  # #17: room for the pin board
        # #18: on a 1280×720 screen the page scrolls instead of forcing the window wider and
        # taller than the screen (the review panes' minimums add up to more than it has)
        holder = QScrollArea()
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        holder.setWidget(split)
        lay.addWidget(holder)
        self.revision_button.clicked.connect(self.request_revision)
        self.accept_button.clicked.connect(self.accept)
        self.dispute_button.clicked.connect(self.open_dispute)
        self.rate_button.clicked.connect(self.rate)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.model.set_fetch(lambda n, o: ctx.market.buyer_orders(ctx.current_user, n, o))
        self.loaded_delivery = None

    def reload(self) -> None:
        self.model.reload()

    def _selected(self, current, _prev):
        r = self.model.row(current.row())
        return None if r is None else self.open_latest_delivery(r.id)

    def open_latest_delivery(self, order_id: int):
        user = self.ctx.current_user
        cache = self.ctx.paths.data / "review-cache"

        def work():
            ds = [d for d in self.ctx.market.deliveries(user, order_id) if d["status"] == "submitted"]
            if not ds:
                return None
            latest = max(ds, key=lambda d: (d["version"] or 0, d["id"]))
            dest = cache / f"delivery-{latest['id']}"
            if not (dest / "manifest.json").exists():
                self.ctx.market.fetch_delivery(user, latest["id"], dest)
            return latest["id"], dest, latest

        def show(res):
            if res is None:
                self.previews.show_placeholder()
                self.pins.clear()
                self.loaded_delivery = None
                return
            self.loaded_delivery = res[0]
            self.previews.load(Path(res[1]))
            self.pins.load(order_id, res[2], Path(res[1]))
            self.pins.attach_player(self.previews)

        return call(self.ctx, self, work, show, message=self.message, clear_message=False)

    def _order(self):
        r = selected_row(self.table)
        if r is None:
            self.message.setText(tr("Select an order first."))
        return r

    def _after(self, text: str):
        def done(_r):
            self.message.success(text)
            self.reload()
        return done

    def request_revision(self):
        r = self._order()
        if r is None:
            return None
        comment, user = self.comment.toPlainText(), self.ctx.current_user
        # #17: the comments box is the note; every open pinned comment travels with it.
        return call(self.ctx, self, lambda: self.ctx.market.request_revision_with_comments(
            user, r.id, comment), self._after(tr("Revision requested.")),
            writes=True, message=self.message)

    def open_dispute(self):
        """Staff decide; the comment box is the reason (the service refuses an empty one)."""
        r = self._order()
        if r is None:
            return None
        reason, user = self.comment.toPlainText(), self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.order_action(
            user, r.id, "open_dispute", reason=reason), self._after(tr("Dispute opened; staff "
                                                                       "will decide.")),
            writes=True, message=self.message)

    def accept(self):
        r = self._order()
        if r is None:
            return None
        user = self.ctx.current_user
        from creator_studio.ui.market import confirm  # #17: say what will happen first

        if not confirm.ask(self, tr("Accept the delivery?"), confirm.accept_lines(r)):
            return None
        return call(self.ctx, self, lambda: self.ctx.market.order_action(user, r.id, "accept"),
                    self._after(tr("Delivery accepted.")), writes=True, message=self.message)

    def rate(self):
        r = self._order()
        if r is None:
            return None
        stars, comment, user = self.stars.value(), self.comment.toPlainText(), self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.review(user, r.id, stars, comment),
                    self._after(tr("Thank you — your rating is recorded.")), writes=True,
                    message=self.message)


class BuyerView(QTabWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.requests = RequestsAndOffers(ctx)
        self.post_form = PostRequestForm(ctx, lambda _rid: self.requests.reload())
        self.review = OrderReview(ctx)
        self.addTab(self.post_form, tr("Post a request"))
        self.addTab(self.requests, tr("My requests && offers"))
        self.addTab(self.review, tr("Orders && review"))
        from creator_studio.ui.market.order_page import OrderConversation  # #17

        self.conversation = OrderConversation(ctx, "buyer")
        self.addTab(self.conversation, tr("Messages"))
        from creator_studio.ui.market.contest_views import JudgingView, judging_host

        if judging_host(getattr(ctx.current_user, "roles", ())) == "buyer":
            self.judging = JudgingView(ctx)  # #19: blind judging, for buyers named as judges
            self.addTab(self.judging, tr("Contest judging"))
        from creator_studio.ui.market.order_page import show_unread_in_tabs

        self.conversation.unread_changed.connect(
            lambda n: show_unread_in_tabs(self.conversation, n))
