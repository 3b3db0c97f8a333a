"""The maker's market: open requests (with filters), offers, orders, record, and delivering."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui.market.common import (
    award_name,
    call,
    fen_of,
    form_names,
    forms_text,
    make_table,
    message_label,
    money_spin,
    selected_row,
    status_name,
    table_width_hint,
)
from creator_studio.ui.errors import show_error
from creator_studio.ui.formatting import date_format, local_from_utc
from creator_studio.ui.market.lazy_model import Col, LazyTableModel, day, yuan


from creator_studio.ui.translate import plural, tr  # noqa: E402


def filtered_fetch(fetch, keep, max_scan_batches: int = 20):
    """Wrap a limit/offset fetch with a display filter, scanning ahead until a batch is full."""
    state = {"source_offset": 0}

    def f(limit, offset):
        if offset == 0:
            state["source_offset"] = 0
        out = []
        for _ in range(max_scan_batches):
            rows = fetch(limit, state["source_offset"])
            state["source_offset"] += len(rows)
            out.extend(r for r in rows if keep(r))
            if len(rows) < limit or len(out) >= limit:
                break
        return out

    return f


class RequestMarket(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.user = ctx.current_user
        lay = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.line_combo = QComboBox()
        self.line_combo.setAccessibleName(tr("Business line filter"))
        self.line_combo.addItem(tr("All business lines"), None)
        self.form_combo = QComboBox()
        self.form_combo.setAccessibleName(tr("Course form filter"))
        self.form_combo.addItem(tr("All forms"), None)
        for fid, name in form_names().items():
            self.form_combo.addItem(name, fid)
        self.budget_min = money_spin()
        self.budget_min.setAccessibleName(tr("Minimum budget"))
        self.deadline_check = QCheckBox(tr("Due by"))
        self.deadline_edit = QDateEdit(QDate.currentDate().addDays(60))
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat(date_format())  # #18: one date style, as in the tables
        self.deadline_edit.setAccessibleName(tr("Latest deadline"))
        for label, w in ((tr("Line:"), self.line_combo), (tr("Form:"), self.form_combo),
                         (tr("Budget at least:"), self.budget_min)):
            lab = QLabel(label)
            lab.setBuddy(w)
            filters.addWidget(lab)
            filters.addWidget(w)
        filters.addWidget(self.deadline_check)
        filters.addWidget(self.deadline_edit)
        self.apply_button = QPushButton(tr("&Filter"))
        self.apply_button.clicked.connect(self.reload)
        filters.addWidget(self.apply_button)
        filters.addStretch(1)
        lay.addLayout(filters)

        self.model = LazyTableModel([
            Col(tr("Request"), lambda r: r.title),
            Col(tr("Business line"), lambda r: r.business_line or ""),
            Col(tr("Forms"), lambda r: forms_text(r.forms)),
            Col(tr("Budget"), lambda r: yuan(r.budget_fen), True, sort=lambda r: r.budget_fen),
            Col(tr("Deadline"), lambda r: day(r.deadline), sort=lambda r: r.deadline),
            Col(tr("Revisions"), lambda r: r.revisions_included, True),
            Col(tr("Buyer"), lambda r: r.buyer_name),
        ], batch=100, runner=ctx.runner)
        self.table = make_table(self.model, tr("Open requests"))
        # #18 defect 8: an empty market says why and what to do next.
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAccessibleName(tr("What to do next"))
        self.empty_hint.hide()
        lay.addWidget(self.empty_hint)
        lay.addWidget(self.table, 1)
        self.model.batch_loaded.connect(self._maybe_empty)
        self.model.modelReset.connect(self.empty_hint.hide)

        box = QGroupBox(tr("Make an offer on the selected request"))
        form = QFormLayout(box)
        self.price = money_spin()
        self.price.setAccessibleName(tr("Offer price"))
        self.days = QSpinBox()
        self.days.setRange(1, 180)
        self.days.setValue(7)
        self.days.setSuffix(tr(" days"))
        self.days.setAccessibleName(tr("Delivery time in days"))
        self.offer_message = QLineEdit()
        self.offer_message.setAccessibleName(tr("Message to the buyer"))
        form.addRow(tr("&Price:"), self.price)
        form.addRow(tr("&Delivery time:"), self.days)
        form.addRow(tr("&Message:"), self.offer_message)
        self.offer_button = QPushButton(tr("Send &offer"))
        from creator_studio.ui.icons import decorate

        decorate(self.offer_button, "send-outline")
        self.offer_button.clicked.connect(self.make_offer)
        self.brief_button = QPushButton(tr("Read the &brief…"))  # #17: the request page
        self.brief_button.setAccessibleName(tr("Read the brief of the selected request"))
        self.brief_button.clicked.connect(self.show_brief)
        form.addRow(self.brief_button)
        self.message = message_label()
        form.addRow(self.offer_button, self.message)
        lay.addWidget(box)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.model.load_failed.connect(lambda exc: show_error(self, exc, modal=False))
        call(ctx, self, ctx.market.business_lines, self._set_lines)
        self.reload()

    def _set_lines(self, lines) -> None:
        for lid, name in lines:
            self.line_combo.addItem(name, name)

    def _selected(self, current, _prev) -> None:
        r = self.model.row(current.row())
        if r is not None:
            self.price.setValue(r.budget_fen / 100)

    def keep(self, r) -> bool:
        line = self.line_combo.currentData()
        form = self.form_combo.currentData()
        if line and r.business_line != line:
            return False
        if form and form not in r.forms:
            return False
        if r.budget_fen < fen_of(self.budget_min):
            return False
        if self.deadline_check.isChecked():
            # the picked day is the maker's; the deadline is market UTC (#18)
            if local_from_utc(r.deadline).date() > self.deadline_edit.date().toPython():
                return False
        return True

    def _maybe_empty(self, _n: int = 0) -> None:
        if self.model.rowCount() or self.model.canFetchMore() or self.model.loading:
            self.empty_hint.hide()
            return
        user = self.user

        def show(status: dict) -> None:
            if self.model.rowCount():
                return
            certified = any(c.get("status") == "valid" for c in status.get("certificates") or [])
            self.empty_hint.setText(
                tr("No open request matches your certified forms and these filters right now. "
                   "New requests appear here by themselves.") if certified else
                tr("Only certified makers see the open requests. Get certified in “My "
                   "certification”: apply, finish the training, pass the exam and submit a "
                   "practical course."))
            self.empty_hint.show()

        call(self.ctx, self, lambda: self.ctx.market.cert_status(user), show)

    def reload(self) -> None:
        market, user = self.ctx.market, self.user
        self.model.set_fetch(filtered_fetch(lambda n, o: market.open_requests(user, n, o),
                                            self.keep))

    def show_brief(self):
        """The request page (brief, forms, budget, deadline, business line, files) in a window."""
        from PySide6.QtWidgets import QDialog

        from creator_studio.ui.market.request_page import RequestPage

        r = selected_row(self.table)
        if r is None:
            self.message.setText(tr("Select a request first."))
            return None
        dlg = QDialog(self)
        dlg.setWindowTitle(tr("Request #{id}").format(id=r.id))
        self.brief_page = RequestPage(self.ctx)
        QVBoxLayout(dlg).addWidget(self.brief_page)
        dlg.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 34)
        h = self.brief_page.load(r.id)
        dlg.open()
        self.brief_dialog = dlg
        return h

    def make_offer(self):
        r = selected_row(self.table)
        if r is None:
            self.message.setText(tr("Select a request first."))
            return None
        price, days, msg = fen_of(self.price), self.days.value(), self.offer_message.text()
        return call(self.ctx, self, lambda: self.ctx.market.make_offer(self.user, r.id, price,
                                                                       days, msg),
                    lambda _id: (self.message.success(tr("Offer sent.")), self.reload()),
                    writes=True, message=self.message)


def rating_text(s) -> str:
    """A maker's rating in words, with the ratings given but not yet revealed (#18: "5.00"
    after a 4★ review, with nothing saying that review was still hidden)."""
    if s.rating_avg is None:
        rating = tr("no ratings yet")
    elif s.rating_count == 1:  # #18: "1 rating", not "1 ratings"
        rating = tr("{avg} ★ from 1 rating").format(avg=s.rating_avg)
    else:
        rating = tr("{avg} ★ from {n} ratings").format(avg=s.rating_avg, n=s.rating_count)
    pending = getattr(s, "rating_pending", 0)
    if pending == 1:
        rating += tr(" (1 review pending reveal)")
    elif pending > 1:
        rating += tr(" ({n} reviews pending reveal)").format(n=pending)
    return rating


class MakerRecord(QWidget):
    """Ratings & NPS, level with reasons and the gap, certificates, earnings."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.summary_label = QLabel(tr("Loading…"))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.summary_label)
        self.level_label = QLabel()
        self.level_label.setWordWrap(True)
        lay.addWidget(self.level_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.cert_model = LazyTableModel([
            Col(tr("Certificate"), lambda c: c["number"]),
            Col(tr("Forms"), lambda c: forms_text(c["forms"])),
            Col(tr("State"), lambda c: status_name(c["status"])),
            Col(tr("Valid until"), lambda c: day(c["expires_at"]), sort=lambda c: c["expires_at"]),
        ])
        self.cert_table = make_table(self.cert_model, tr("My certificates"))
        split.addWidget(self.cert_table)
        self.earn_model = LazyTableModel([
            Col(tr("Month"), lambda e: e["month"]),
            Col(tr("Orders"), lambda e: e["orders"], True),
            Col(tr("Agreed"), lambda e: yuan(e["agreed_fen"]), True, sort=lambda e: e["agreed_fen"]),
            Col(tr("Paid"), lambda e: yuan(e["paid_fen"]), True, sort=lambda e: e["paid_fen"]),
        ])
        self.earn_table = make_table(self.earn_model, tr("Earnings"))
        split.addWidget(self.earn_table)
        # #19: 微课大赛 awards are part of the record (a highlight of the year-end review)
        self.award_model = LazyTableModel([
            Col(tr("Contest"), lambda a: a["contest"]),
            Col(tr("Entry"), lambda a: a["entry"]),
            Col(tr("Award"), lambda a: award_name(a["award"], a.get("special_name", ""))),
            Col(tr("Awarded on"), lambda a: day(a["issued_at"]), sort=lambda a: a["issued_at"]),
            Col(tr("Credential"), lambda a: a["number"]),
        ])
        self.award_table = make_table(self.award_model, tr("My contest awards"))
        split.addWidget(self.award_table)
        lay.addWidget(split, 1)
        self.split = split  # shared out by what each table's columns need (see fit_split)
        self._split_moved = False  # until the person drags a handle
        split.splitterMoved.connect(lambda *_a: setattr(self, "_split_moved", True))
        self.handle = None
        self.reload()

    def reload(self):
        market, user = self.ctx.market, self.ctx.current_user

        def load() -> dict:
            data = dict(market.maker_summary(user))
            data["awards"] = market.list_my_awards(user)  # #19
            return data
        self.handle = call(self.ctx, self, load, self.show_summary)
        return self.handle

    def show_summary(self, data: dict) -> None:
        s = data["summary"]
        rating = rating_text(s)
        nps = s.nps
        if nps.nps is None:
            nps_text = tr("NPS shown from {m} learner answers ({n} so far)").format(
                m=nps.min_count, n=nps.count)
        else:
            nps_text = plural(nps.count, tr("NPS {v:+d} from 1 learner"),
                              tr("NPS {v:+d} from {n} learners")).format(v=nps.nps, n=nps.count)
        self.summary_label.setText(tr("Rating: {rating}. {nps}. Accepted orders: {done} "
                                      "({late} late).").format(rating=rating, nps=nps_text,
                                                               done=s.orders_done,
                                                               late=s.orders_late))
        ex = data.get("explain")
        if ex is None:
            self.level_label.setText(tr("Level: not evaluated yet."))
        else:
            # Core gives the reasons in both languages (#18: English mode showed Chinese).
            name, why, need = ex.text(self.ctx.language)
            sep = "; " if self.ctx.language.startswith("en") else "；"
            reasons = sep.join(why)
            gap = sep.join(need) if need else tr("nothing — top level")
            self.level_label.setText(tr("Level: {name} (pay ×{mult}). Why: {reasons}\nFor the next "
                                        "level: {gap}").format(name=name,
                                                               mult=ex.multiplier,
                                                               reasons=reasons, gap=gap))
        self.cert_model.set_rows(data.get("certificates", []))
        self.earn_model.set_rows(data.get("earnings", []))
        self.award_model.set_rows(data.get("awards", []))
        self.fit_split()

    def fit_split(self) -> None:
        """Share the width among the three tables by what their columns need (equal thirds put
        the award table's five columns past its edge at 1280×720 while certificates had room)."""
        total = sum(self.split.sizes())
        tables = (self.cert_table, self.earn_table, self.award_table)
        needs = [table_width_hint(t, 0) for t in tables]
        if self._split_moved or total <= 0 or not sum(needs):
            return
        if sum(needs) <= total:  # everything fits: the spare width is shared equally
            spare = (total - sum(needs)) // len(needs)
            sizes = [n + spare for n in needs]
        else:  # the narrower tables get all they need, the widest ones share the rest (scroll)
            sizes, left = [0] * len(needs), total
            order = sorted(range(len(needs)), key=needs.__getitem__)
            for k, i in enumerate(order):
                sizes[i] = min(needs[i], left // (len(needs) - k))
                left -= sizes[i]
        self.split.setSizes(sizes)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.fit_split()


class MakerMarketView(QTabWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        user = ctx.current_user
        self.market = RequestMarket(ctx)
        self.addTab(self.market, tr("Request market"))
        self.offers_model = LazyTableModel([
            Col(tr("Request"), lambda o: o["title"]),
            Col(tr("Price"), lambda o: yuan(o["price_fen"]), True, sort=lambda o: o["price_fen"]),
            Col(tr("Days"), lambda o: o["days"], True),
            Col(tr("State"), lambda o: status_name(o["status"])),
            Col(tr("Sent"), lambda o: day(o["created_at"]), sort=lambda o: o["created_at"]),
        ])
        self.offers_table = make_table(self.offers_model, tr("My offers"))
        offers_page = QWidget()
        ol = QVBoxLayout(offers_page)
        ol.addWidget(self.offers_table, 1)
        orow = QHBoxLayout()
        self.withdraw_button = QPushButton(tr("&Withdraw the selected offer"))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.offers_message = message_label()
        orow.addWidget(self.withdraw_button)
        orow.addWidget(self.offers_message, 1)
        ol.addLayout(orow)
        self.offers_page = offers_page
        self.addTab(offers_page, tr("My offers"))
        self.orders_model = LazyTableModel([
            Col(tr("Order"), lambda r: f"#{r.id}", True),
            Col(tr("Request"), lambda r: r.title),
            Col(tr("Price"), lambda r: yuan(r.price_fen), True, sort=lambda r: r.price_fen),
            Col(tr("State"), lambda r: status_name(r.status)),
            Col(tr("Due"), lambda r: day(r.due_at), sort=lambda r: r.due_at),
            Col(tr("Late"), lambda r: tr("late") if r.late else ""),
        ], batch=100, runner=ctx.runner)
        self.orders_table = make_table(self.orders_model, tr("My orders"), 1)
        self.orders_model.load_failed.connect(lambda exc: show_error(self, exc, modal=False))
        self.addTab(self.orders_table, tr("My orders"))
        from creator_studio.ui.market.order_page import OrderConversation  # #17

        self.conversation = OrderConversation(ctx, "maker")
        self.addTab(self.conversation, tr("Messages"))
        from creator_studio.ui.market.order_page import show_unread_in_tabs

        self.conversation.unread_changed.connect(
            lambda n: show_unread_in_tabs(self.conversation, n))
        self.record = MakerRecord(ctx)
        self.addTab(self.record, tr("My record && level"))
        from creator_studio.ui.market.cert_views import MakerCertification

        self.certification = MakerCertification(ctx)
        self.addTab(self.certification, tr("My certification"))
        from creator_studio.ui.market.contest_views import ContestEntryView, JudgingView, judging_host

        self.contest_entry = ContestEntryView(ctx)  # #19: 微课大赛 — enter, teams, invitations
        self.addTab(self.contest_entry, tr("Contests"))
        if judging_host(user.roles) == "maker":
            self.judging = JudgingView(ctx)  # #19: blind judging, for makers named as judges
            self.addTab(self.judging, tr("Contest judging"))
        self.currentChanged.connect(self._tab_changed)
        self.orders_model.set_fetch(lambda n, o: ctx.market.maker_orders(user, n, o))
        self.refresh_offers()

    def refresh_offers(self):
        return call(self.ctx, self, lambda: self.ctx.market.my_offers(self.ctx.current_user),
                    self.offers_model.set_rows)

    def withdraw(self):
        o = selected_row(self.offers_table)
        if o is None:
            self.offers_message.setText(tr("Select an offer first."))
            return None
        user = self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.withdraw_offer(user, o["id"]),
                    lambda _s: self.refresh_offers(), writes=True, message=self.offers_message)

    def _tab_changed(self, i: int) -> None:
        w = self.widget(i)
        if w is self.offers_page:
            self.refresh_offers()
        elif w is self.orders_table:
            self.orders_model.reload()
        elif w is self.certification:
            self.certification.reload()


DELIVERABLE = ("in_progress", "revision_requested")


class DeliverPanel(QWidget):
    """In the studio: deliver the rendered package to one of my open orders."""

    def __init__(self, ctx, studio, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.studio = studio
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(tr("Choose the order this course is for. The rendered forms and "
                                "their norms report are delivered together.")))
        self.model = LazyTableModel([
            Col(tr("Order"), lambda r: f"#{r.id}", True),
            Col(tr("Request"), lambda r: r.title),
            Col(tr("Price"), lambda r: yuan(r.price_fen), True, sort=lambda r: r.price_fen),
            Col(tr("State"), lambda r: status_name(r.status)),
            Col(tr("Due"), lambda r: day(r.due_at), sort=lambda r: r.due_at),
        ])
        self.table = make_table(self.model, tr("Orders to deliver"), 1)
        lay.addWidget(self.table, 1)
        form = QFormLayout()
        self.note = QLineEdit()
        self.note.setAccessibleName(tr("Delivery note"))
        form.addRow(tr("&Note to the buyer:"), self.note)
        lay.addLayout(form)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(tr("&Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.deliver_button = QPushButton(tr("&Deliver to the selected order"))
        from creator_studio.ui.icons import decorate

        decorate(self.deliver_button, "truck-delivery-outline")
        decorate(self.refresh_button, "refresh")
        self.deliver_button.clicked.connect(self.deliver)
        row.addWidget(self.refresh_button)
        row.addWidget(self.deliver_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = message_label()
        lay.addWidget(self.message)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        lay.addWidget(self.result_label)
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAccessibleName(tr("What to do next"))
        self.empty_hint.hide()
        lay.insertWidget(1, self.empty_hint)
        self.reload()

    def reload(self):
        user = self.ctx.current_user

        def rows():
            out = []
            for st in DELIVERABLE:
                out += self.ctx.market.maker_orders(user, 500, 0, status=st)
            return sorted(out, key=lambda r: r.due_at)

        def show(found) -> None:
            self.model.set_rows(found)
            # #18 defect 8: an empty list says what comes next
            self.empty_hint.setVisible(not found)
            self.empty_hint.setText("" if found else tr(
                "No order to deliver yet: orders you win in the market appear here. Render the "
                "course in the studio, then deliver it from this tab."))

        return call(self.ctx, self, rows, show)

    def deliver(self):
        r = selected_row(self.table)
        out = self.studio.render_panel.out_dir()
        if r is None:
            self.message.setText(tr("Select an order first."))
            return None
        if out is None or not (out / "manifest.json").exists():
            self.message.setText(tr("Render the course first."))
            return None
        user, note = self.ctx.current_user, self.note.text()
        if getattr(self, "action_key", None) is None:
            from creator_studio.ui.market.common import ActionKey

            self.action_key = ActionKey("deliver")
        # the same order, note and render (its manifest's time): a repeat of this action
        key = self.action_key.for_params((r.id, str(out), note,
                                          (out / "manifest.json").stat().st_mtime_ns))

        def ok(delivery_id):
            self.action_key.done()
            self.result_label.setText(tr("Delivered as delivery #{id}.").format(id=delivery_id))
            self.reload()

        def failed(exc):
            findings = getattr(exc, "details", {}).get("findings") if hasattr(exc, "details") else None
            if findings:
                zh = self.ctx.language.startswith("zh")
                lines = [f.get("message_zh" if zh else "message_en", "") for f in findings]
                self.result_label.setText(tr("Refused by the norms check:") + "\n" + "\n".join(
                    "✗ " + x for x in lines))

        h = call(self.ctx, self, lambda: self.ctx.market.deliver(user, r.id, out, note, key=key),
                 ok, writes=True, message=self.message)
        h.failed.connect(failed)
        return h
