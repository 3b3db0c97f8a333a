"""Staff views that put the evidence next to the decision (#17).

`DisputeView`: the open disputes and the decision form (the existing `Disputes` widget) next to
the case file of the selected order on one screen — terms and the dispute reason, the order
timeline with the thread (staff may write while the order is disputed), every delivery attempt
with its norms report, the review comments with their history, and the change orders.

`CertEvidence`: in the certification queue, what a practical submission is judged on — exam
score and attempts, training done, the practical package's previews and its norms report.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui.market.common import call, forms_text, make_table, message_label, status_name
from creator_studio.ui.formatting import fmt_date_time, fmt_money_delta
from creator_studio.ui.market.lazy_model import Col, LazyTableModel, day, yuan
from creator_studio.ui.market.order_page import ThreadView
from creator_studio.ui.market.review_pins import comment_columns
from creator_studio.ui.translate import tr
from creator_studio.ui.forms_meta import list_separator  # noqa: E402 ("、" only in 中文)


def _when(t) -> str:  # noqa: ANN001
    return fmt_date_time(t)


def findings_lines(report: dict | None, lang: str) -> list[str]:
    if not report:
        return []
    zh = lang.startswith("zh")
    out = []
    for f in report.get("findings", []):
        mark = {"fail": "✗", "warn": "!", "pass": "✓"}.get(f.get("status"), "·")
        text = f.get("message_zh" if zh else "message_en") or f.get("rule_id", "")
        where = f" [{f['page']}]" if f.get("page") else ""
        out.append(f"{mark} {text}{where}")
    return out


class CaseFile(QWidget):
    """Everything about one order, read-only except the thread (staff write in a dispute)."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dossier: dict | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(tr("Select a dispute to see its case file."))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName(tr("Order terms and the dispute"))
        lay.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Horizontal)
        tbox = QGroupBox(tr("Timeline and messages"))
        tl = QVBoxLayout(tbox)
        self.thread = ThreadView(ctx)
        tl.addWidget(self.thread)
        split.addWidget(tbox)
        right = QSplitter(Qt.Orientation.Vertical)
        dbox = QGroupBox(tr("Delivered versions and norms reports"))
        dl = QVBoxLayout(dbox)
        self.deliveries = LazyTableModel([
            Col(tr("Attempt"), lambda d: d["attempt"], True),
            Col(tr("Version"), lambda d: f"v{d['version']}" if d["version"] else "—"),
            # cell values capitalised like the other states (English read "submitted", "passed")
            Col(tr("State"), lambda d: tr("Handed in") if d["status"] == "submitted"
                else status_name(d["status"])),
            Col(tr("Norms"), lambda d: tr("Blocked") if d["norms_blocking"] else tr("Passed")),
            Col(tr("Delivered"), lambda d: _when(d["created_at"]), sort=lambda d: d["created_at"]),
            Col(tr("Note"), lambda d: d["note"]),
        ])
        self.delivery_table = make_table(self.deliveries, tr("Delivery attempts"), 5)
        dl.addWidget(self.delivery_table, 1)
        self.findings = QListWidget()
        self.findings.setAccessibleName(tr("Norms findings of the selected delivery"))
        self.findings.setFixedHeight(self.findings.fontMetrics().lineSpacing() * 5)
        dl.addWidget(self.findings)
        right.addWidget(dbox)
        cbox = QGroupBox(tr("Review comments"))
        cl = QVBoxLayout(cbox)
        self.comments = LazyTableModel(comment_columns(ctx.language))
        self.comment_table = make_table(self.comments, tr("Review comments of the order"), 6)
        cl.addWidget(self.comment_table)
        right.addWidget(cbox)
        obox = QGroupBox(tr("Change orders"))
        ol = QVBoxLayout(obox)
        self.changes = QListWidget()
        self.changes.setAccessibleName(tr("Change orders of the order"))
        ol.addWidget(self.changes)
        right.addWidget(obox)
        split.addWidget(right)
        # #18 (1280×720): the evidence tables get the larger share; the timeline's lines wrap
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        split.setSizes([200, 400])
        lay.addWidget(split, 1)
        self.message = message_label()
        lay.addWidget(self.message)
        self.delivery_table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self._show_findings(self.deliveries.row(cur.row())))

    def load(self, order_id: int):
        user = self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.order_dossier(user, order_id),
                    self.show_dossier, message=self.message, clear_message=False)

    def show_dossier(self, d: dict) -> None:
        self.dossier = d
        o = d["order"]
        zh = self.ctx.language.startswith("zh")
        lines = [
            f"#{o['id']} {o['title']} — {status_name(o['status'])}",
            tr("Buyer {b} · maker {m} · price {p} · due {due}{late} · revisions {u}/{n}").format(
                b=o["buyer_name"], m=o["maker_name"], p=yuan(o["price_fen"]), due=day(o["due_at"]),
                late=(" " + tr("(late)")) if o["late"] else "", u=o["revisions_used"],
                n=o["revisions_included"]),
            tr("Dispute opened by {who}: {why}").format(who=o["dispute_opened_by"] or "—",
                                                        why=o["dispute_reason"] or "—"),
            tr("Brief: {forms}; budget {b}; {desc}").format(
                forms=forms_text(d["brief"]["forms"]), b=yuan(d["brief"]["budget_fen"]),
                desc=(d["brief"]["description"] or "—")[:200]),
        ]
        if o.get("pending_change"):
            pc = o["pending_change"]
            lines.append(tr("Pending change order: {d} ({p}, +{days} days)").format(
                d=pc.get("description", ""), p=fmt_money_delta(pc.get("price_delta_fen", 0)),
                days=pc.get("extra_days", 0)))
        self.summary.setText("\n".join(lines))
        self.thread.set_order(o["id"], o["status"], party=False, mark_read=False)
        self.thread.show_items(d["thread"])
        self.deliveries.set_rows(d["deliveries"])
        self.comments.set_rows(d["comments"])
        self.changes.clear()
        for e in d["change_orders"]:
            label = e["label_zh"] if zh else e["label_en"]
            p = e["params"]
            extra = ""
            if e["event"] == "propose_change":
                extra = tr(": {d} ({p}, +{days} days, +{r} rounds)").format(
                    d=p.get("description", ""), p=fmt_money_delta(p.get("price_delta_fen", 0)),
                    days=p.get("extra_days", 0), r=p.get("extra_revisions", 0))
            self.changes.addItem(f"{_when(e['created_at'])} {e['actor_name']} · {label}{extra}")
        if not d["change_orders"]:
            self.changes.addItem(tr("No change orders."))
        if d["deliveries"]:
            self.delivery_table.selectRow(len(d["deliveries"]) - 1)
            self._show_findings(d["deliveries"][-1])
        else:
            self.findings.clear()

    def _show_findings(self, d: dict | None) -> None:
        self.findings.clear()
        if d is None:
            return
        lines = findings_lines(d.get("norms"), self.ctx.language)
        for x in lines or [tr("No findings recorded.")]:
            self.findings.addItem(x)


class DisputeView(QWidget):
    """One screen: the case file on the left, the disputes list and the decision form on the
    right (`disputes` is the staff view's existing `Disputes` widget)."""

    def __init__(self, ctx, disputes, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.disputes = disputes
        self.case = CaseFile(ctx)
        lay = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.case)
        split.addWidget(disputes)
        # #18 (1280×720): beside the case file the list needs only what picks a dispute — the
        # order and its request; buyer, maker, price and reason are the case file's first lines
        # (the list scrolled sideways, and so did the case file's tables, squeezed by it).
        t = disputes.table
        for c in (2, 3, 4, 5):
            t.setColumnHidden(c, True)
        t.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([800, 200])
        lay.addWidget(split)
        disputes.table.selectionModel().currentRowChanged.connect(self._selected)
        disputes.model.modelReset.connect(self._reselect)

    def _selected(self, current, _prev):
        d = self.disputes.model.row(current.row())
        return None if d is None else self.case.load(d["id"])

    def _reselect(self) -> None:
        if self.disputes.model.rowCount() == 0:
            self.case.summary.setText(tr("No open disputes."))


class CertEvidence(QWidget):
    """The evidence of one practical submission, shown before approving (#17)."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        from creator_studio.ui.studio.previews import PreviewTabs

        self.ctx = ctx
        self.evidence: dict | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(tr("Select an application to see its evidence."))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(tr("Exam and training evidence"))
        lay.addWidget(self.summary)
        self.findings = QListWidget()
        self.findings.setAccessibleName(tr("Norms report of the practical course"))
        self.findings.setFixedHeight(self.findings.fontMetrics().lineSpacing() * 5)
        lay.addWidget(self.findings)
        self.previews = PreviewTabs(ctx.language)
        lay.addWidget(self.previews, 1)
        self.message = message_label()
        lay.addWidget(self.message)

    def load(self, app_id: int):
        user = self.ctx.current_user
        dest = self.ctx.paths.data / "review-cache" / f"practical-{app_id}"

        def work():
            ev = self.ctx.market.cert_evidence(user, app_id)
            root = None
            if ev.get("package_sha256"):
                root = self.ctx.market.fetch_practical(user, app_id, dest)
            return ev, root

        return call(self.ctx, self, work, self.show_evidence, message=self.message,
                    clear_message=False)

    def show_evidence(self, res) -> None:
        ev, root = res
        self.evidence = ev
        attempts = ev["attempts"]
        scores = list_separator().join(f"{a['score']}%" if a["score"] is not None else tr("unfinished")
                          for a in attempts) or "—"
        best = ev["best_score"]
        self.summary.setText("\n".join([
            f"{ev['maker']} — {forms_text(ev['forms'])}",
            tr("Exam: best {best}% (pass mark {pm}%), {n} of {m} attempts: {scores}").format(
                best=best if best is not None else "—", pm=ev["program"]["pass_mark"],
                n=len(attempts), m=ev["program"]["max_attempts"], scores=scores),
            tr("Training: {n} of {m} modules done").format(
                n=len({t["module_id"] for t in ev["training"]}),
                m=len(ev["program"]["modules"])),
        ]))
        self.findings.clear()
        for x in findings_lines(ev.get("norms"), self.ctx.language) or [tr("No findings recorded.")]:
            self.findings.addItem(x)
        if root is not None:
            self.previews.load(root)
        else:
            self.previews.show_placeholder()


class PayQueue(QWidget):
    """Staff: accepted orders waiting to be marked paid; *Mark paid* asks first, stating the
    amount due (a dispute's partial payout when there was one) and who is told."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QPushButton

        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.model = LazyTableModel([
            Col(tr("Order"), lambda o: f"#{o['id']}", True),
            Col(tr("Request"), lambda o: o["title"]),
            Col(tr("Buyer"), lambda o: o["buyer"]),
            Col(tr("Maker"), lambda o: o["maker"]),
            Col(tr("Price"), lambda o: yuan(o["price_fen"]), True, sort=lambda o: o["price_fen"]),
            Col(tr("Due to the maker"), lambda o: yuan(o["amount_due_fen"]), True, sort=lambda o: o["amount_due_fen"]),
            Col(tr("Accepted"), lambda o: _when(o["accepted_at"]), sort=lambda o: o["accepted_at"]),
        ])
        self.table = make_table(self.model, tr("Accepted orders to pay"), 1)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.pay_button = QPushButton(tr("&Mark paid"))
        self.pay_button.setAccessibleName(tr("Mark the selected order paid"))
        self.pay_button.clicked.connect(self.mark_paid)
        row.addWidget(self.pay_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = message_label()
        lay.addWidget(self.message)
        self.reload()

    def reload(self):
        user = self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.orders_to_pay(user),
                    self.model.set_rows, message=self.message, clear_message=False)

    def mark_paid(self):
        from creator_studio.ui.market import confirm
        from creator_studio.ui.market.common import selected_row

        o = selected_row(self.table)
        if o is None:
            self.message.setText(tr("Select an order first."))
            return None
        if not confirm.ask(self, tr("Mark this order paid?"),
                           confirm.pay_lines(o["id"], o["amount_due_fen"], o["maker"])):
            return None
        user = self.ctx.current_user

        def done(_r):
            self.message.success(tr("Order #{id} is marked paid.").format(id=o["id"]))
            self.reload()

        return call(self.ctx, self, lambda: self.ctx.market.order_action(user, o["id"],
                                                                         "mark_paid"),
                    done, writes=True, message=self.message)
