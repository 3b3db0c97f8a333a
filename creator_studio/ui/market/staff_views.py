"""Staff: certification queue, norms and grade-rule editors, disputes, evaluation, dashboards."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from creator_studio.core.errors import ValidationError
from creator_studio.ui.formatting import fmt_month
from creator_studio.ui.market.common import (
    call,
    forms_text,
    make_table,
    message_label,
    money_spin,
    fen_of,
    selected_row,
    status_name,
)
from creator_studio.ui.market.lazy_model import Col, LazyTableModel, day, yuan
from creator_studio.ui.widgets.charts import PALETTE, BarChart


from creator_studio.ui.translate import plural, tr  # noqa: E402


def previous_period(today: date | None = None) -> str:
    today = today or date.today()
    y, m = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{y:04d}-{m:02d}"


class CertificationQueue(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.model = LazyTableModel([
            Col(tr("Application"), lambda a: f"#{a['id']}", True),
            Col(tr("Maker"), lambda a: a["maker"]),
            Col(tr("Forms"), lambda a: forms_text(a["forms"])),
            Col(tr("Submitted"), lambda a: day(a["submitted"]), sort=lambda a: a["submitted"]),
            Col(tr("Norms"), lambda a: (tr("blocked") if (a["norms"] or {}).get("blocking")
                                        else tr("passed")) if a["norms"] else "—"),
        ])
        self.table = make_table(self.model, tr("Practical courses waiting for review"), 1)
        from PySide6.QtWidgets import QSplitter

        from creator_studio.ui.market.dispute_view import CertEvidence  # #17: evidence first

        self.evidence = CertEvidence(ctx)
        qsplit = QSplitter(Qt.Orientation.Horizontal)
        qsplit.addWidget(self.table)
        qsplit.addWidget(self.evidence)
        # #18 (1280×720, English): the queue gets three fifths, room for its five columns (it
        # scrolled sideways, "Norms" cut off); the certificates below keep a few rows in view
        qsplit.setStretchFactor(0, 3)
        qsplit.setStretchFactor(1, 2)
        qsplit.setSizes([600, 400])
        lay.addWidget(qsplit, 1)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.model.row(cur.row()) and self.evidence.load(
                self.model.row(cur.row())["id"]))
        form = QFormLayout()
        self.comment = QLineEdit()
        self.comment.setAccessibleName(tr("Review comment"))
        form.addRow(tr("&Comment:"), self.comment)
        lay.addLayout(form)
        row = QHBoxLayout()
        self.approve_button = QPushButton(tr("&Approve and issue certificate"))
        self.reject_button = QPushButton(tr("&Reject with comment"))
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        row.addWidget(self.approve_button)
        row.addWidget(self.reject_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = message_label()
        lay.addWidget(self.message)

        box = QGroupBox(tr("Certificates"))
        bl = QVBoxLayout(box)
        self.cert_model = LazyTableModel([
            Col(tr("Certificate"), lambda c: c["number"]),
            Col(tr("Holder"), lambda c: c["holder"]),
            Col(tr("Forms"), lambda c: forms_text(c["forms"])),
            Col(tr("State"), lambda c: status_name(c["status"])),
            Col(tr("Valid until"), lambda c: day(c["expires_at"]), sort=lambda c: c["expires_at"]),
            Col(tr("Reason"), lambda c: c["reason"]),
        ])
        self.cert_table = make_table(self.cert_model, tr("Certificates"), 5)
        bl.addWidget(self.cert_table, 1)
        crow = QHBoxLayout()
        self.cert_reason = QLineEdit()
        self.cert_reason.setAccessibleName(tr("Reason for the change"))
        self.cert_reason.setPlaceholderText(tr("Reason (required)"))
        self.suspend_button = QPushButton(tr("Sus&pend"))
        self.revoke_button = QPushButton(tr("Re&voke"))
        self.reinstate_button = QPushButton(tr("Rein&state"))
        crow.addWidget(self.cert_reason, 1)
        for b, status in ((self.suspend_button, "suspended"), (self.revoke_button, "revoked"),
                          (self.reinstate_button, "valid")):
            b.clicked.connect(lambda _c=False, st=status: self.set_status(st))
            crow.addWidget(b)
        bl.addLayout(crow)
        self.cert_message = message_label()
        bl.addWidget(self.cert_message)
        lay.addWidget(box, 1)
        self.reload()

    def reload(self):
        user = self.ctx.current_user
        call(self.ctx, self, lambda: self.ctx.market.all_certificates(user),
             self.cert_model.set_rows)
        return call(self.ctx, self, lambda: self.ctx.market.cert_queue(user), self.model.set_rows)

    def set_status(self, status: str):
        c = selected_row(self.cert_table)
        if c is None:
            self.cert_message.setText(tr("Select a certificate first."))
            return None
        reason, user = self.cert_reason.text(), self.ctx.current_user
        from creator_studio.ui.market import confirm  # #17: say what will happen first

        if reason.strip() and not confirm.ask(self, tr("Change this certificate?"),
                                              confirm.certificate_status_lines(c, status)):
            return None

        def done(n_orders):
            self.cert_message.success(tr("{number}: {status}. Open orders to review: {n}.").format(
                number=c["number"], status=status_name(status), n=n_orders))
            self.reload()

        return call(self.ctx, self, lambda: self.ctx.market.set_certificate_status(
            user, c["id"], status, reason), done, writes=True, message=self.cert_message)

    def decide(self, approve: bool):
        a = selected_row(self.table)
        if a is None:
            self.message.setText(tr("Select an application first."))
            return None
        comment, user = self.comment.text(), self.ctx.current_user
        from creator_studio.ui.market import confirm  # #17: say what will happen first

        if not confirm.ask(self, tr("Issue the certificate?") if approve else
                           tr("Reject the practical course?"),
                           confirm.certificate_lines(a["maker"], forms_text(a["forms"]), approve)):
            return None

        def done(status):
            self.message.success(tr("Application #{id}: {status}").format(id=a["id"], status=status))
            self.reload()

        return call(self.ctx, self, lambda: self.ctx.market.review_practical(
            user, a["id"], approve, comment), done, writes=True, message=self.message)


class JsonRulesEditor(QWidget):
    """Norms and grade rules are data: edit the JSON, the service validates and versions it."""

    def __init__(self, ctx, load, publish, title: str, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.load_fn, self.publish_fn = load, publish
        lay = QVBoxLayout(self)
        self.info = QLabel(title)
        self.info.setWordWrap(True)
        lay.addWidget(self.info)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(title)
        self.editor.setTabChangesFocus(True)
        lay.addWidget(self.editor, 1)
        row = QHBoxLayout()
        self.reload_button = QPushButton(tr("&Reload"))
        self.publish_button = QPushButton(tr("&Publish as a new version"))
        self.reload_button.clicked.connect(self.reload)
        self.publish_button.clicked.connect(self.publish)
        row.addWidget(self.reload_button)
        row.addWidget(self.publish_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = message_label()
        lay.addWidget(self.message)
        self.reload()

    def reload(self):
        return call(self.ctx, self, self.load_fn, self._show, message=self.message,
                    clear_message=False)

    def _show(self, data) -> None:
        self.editor.setPlainText(json.dumps(data, ensure_ascii=False, indent=2) if data else "")

    def publish(self):
        try:
            data = json.loads(self.editor.toPlainText())
        except json.JSONDecodeError as exc:
            err = ValidationError(f"JSON 格式错误（第 {exc.lineno} 行）",
                                  f"Invalid JSON (line {exc.lineno})", code="BAD_JSON")
            from creator_studio.ui.errors import studio_message

            self.message.setText(studio_message(err, self.ctx.language))
            return None
        user = self.ctx.current_user

        def done(v):
            self.message.success(tr("Published (version {v}).").format(v=v))

        return call(self.ctx, self, lambda: self.publish_fn(user, data), done, writes=True,
                    message=self.message)


class Disputes(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.model = LazyTableModel([
            Col(tr("Order"), lambda d: f"#{d['id']}", True),
            Col(tr("Request"), lambda d: d["title"]),
            Col(tr("Buyer"), lambda d: d["buyer"]),
            Col(tr("Maker"), lambda d: d["maker"]),
            Col(tr("Price"), lambda d: yuan(d["price_fen"]), True, sort=lambda d: d["price_fen"]),
            Col(tr("Reason"), lambda d: d["reason"]),
        ])
        self.table = make_table(self.model, tr("Open disputes"), 5)
        lay.addWidget(self.table, 1)
        form = QFormLayout()
        self.outcome = QComboBox()
        self.outcome.setAccessibleName(tr("Outcome"))
        for label, code in ((tr("Accept the delivery"), "accept"), (tr("Cancel the order"), "cancel"),
                            (tr("Resume the work"), "resume")):
            self.outcome.addItem(label, code)
        self.payout = money_spin()
        self.payout.setAccessibleName(tr("Payout"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(tr("Reason for the decision"))
        form.addRow(tr("&Outcome:"), self.outcome)
        form.addRow(tr("&Payout:"), self.payout)
        form.addRow(tr("R&eason:"), self.reason)
        lay.addLayout(form)
        self.resolve_button = QPushButton(tr("Re&solve dispute"))
        self.resolve_button.clicked.connect(self.resolve)
        lay.addWidget(self.resolve_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.message = message_label()
        lay.addWidget(self.message)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self._selected(self.model.row(cur.row())))
        self.reload()

    def _selected(self, d) -> None:
        if d is not None:
            self.payout.setValue(d["price_fen"] / 100)

    def reload(self):
        return call(self.ctx, self, lambda: self.ctx.market.disputes(self.ctx.current_user),
                    self.model.set_rows)

    def resolve(self):
        d = selected_row(self.table)
        if d is None:
            self.message.setText(tr("Select a dispute first."))
            return None
        outcome, reason, user = self.outcome.currentData(), self.reason.text(), self.ctx.current_user
        params = {"outcome": outcome}
        if outcome in ("accept", "cancel"):
            params["payout_fen"] = fen_of(self.payout)
        from creator_studio.ui.market import confirm  # #17: say what will happen first

        if reason.strip() and not confirm.ask(self, tr("Resolve the dispute?"), confirm.dispute_lines(
                d, outcome, params.get("payout_fen"))):
            return None
        return call(self.ctx, self, lambda: self.ctx.market.order_action(
            user, d["id"], "resolve_dispute", reason=reason, **params),
            lambda _r: (self.message.success(tr("Resolved.")), self.reload()),
            writes=True, message=self.message)


class Evaluation(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        lab = QLabel(tr("&Period (YYYY-MM):"))
        self.period = QLineEdit(previous_period())
        self.period.setAccessibleName(tr("Evaluation period"))
        lab.setBuddy(self.period)
        self.run_button = QPushButton(tr("&Run evaluation"))
        self.show_button = QPushButton(tr("&Show stored results"))
        self.run_button.clicked.connect(self.run)
        self.show_button.clicked.connect(self.show_table)
        for w in (lab, self.period, self.run_button, self.show_button):
            row.addWidget(w)
        row.addStretch(1)
        lay.addLayout(row)
        self.model = LazyTableModel([
            Col(tr("Maker"), lambda r: r["name"]),
            Col(tr("Before"), lambda r: self._name(r, "before")),
            Col(tr("After"), lambda r: self._name(r, "after")),
            Col(tr("Change"), lambda r: {"promoted": tr("promoted"), "demoted": tr("demoted"),
                                         "kept": tr("kept"), "at_risk": tr("kept, at risk")
                                         }.get(r["change"], r["change"])),
            Col(tr("At risk"), lambda r: tr("yes") if r["at_risk"] else ""),
            Col(tr("Overridden"), lambda r: tr("yes") if r["overridden"] else ""),
        ])
        self.table = make_table(self.model, tr("Before and after"))
        lay.addWidget(self.table, 1)
        self.summary = QLabel()
        lay.addWidget(self.summary)
        box = QGroupBox(tr("Override the selected maker's level"))
        orow = QHBoxLayout(box)
        self.level_combo = QComboBox()
        self.level_combo.setAccessibleName(tr("New level"))
        self.override_reason = QLineEdit()
        self.override_reason.setAccessibleName(tr("Reason for the override"))
        self.override_reason.setPlaceholderText(tr("Reason (required)"))
        self.override_button = QPushButton(tr("&Override"))
        self.override_button.clicked.connect(self.override)
        orow.addWidget(self.level_combo)
        orow.addWidget(self.override_reason, 1)
        orow.addWidget(self.override_button)
        lay.addWidget(box)
        prow = QHBoxLayout()
        self.export_button = QPushButton(tr("&Export pay statements…"))
        self.export_button.clicked.connect(self.choose_export)
        prow.addWidget(self.export_button)
        prow.addStretch(1)
        lay.addLayout(prow)
        self.message = message_label()
        lay.addWidget(self.message)
        call(ctx, self, ctx.market.level_names, self._set_levels)

    def _set_levels(self, names: dict) -> None:
        zh = self.ctx.language.startswith("zh")
        for code, (name_zh, name_en) in names.items():
            self.level_combo.addItem(name_zh if zh else name_en, code)

    def override(self):
        r = selected_row(self.table)
        if r is None:
            self.message.setText(tr("Select a maker first."))
            return None
        period, user = self.period.text().strip(), self.ctx.current_user
        level, reason = self.level_combo.currentData(), self.override_reason.text()
        return call(self.ctx, self, lambda: (self.ctx.market.override_level(
            user, r["maker_id"], period, level, reason),
            self.ctx.market.evaluation_table(user, period))[1], self._show, writes=True,
            message=self.message)

    def choose_export(self):
        from creator_studio.ui import file_dialogs

        path, _ = file_dialogs.save_file(self, tr("Export pay statements"), "exports",
                                         f"pay-{self.period.text().strip()}.xlsx",
                                         tr("Excel (*.xlsx);;CSV (*.csv)"))
        return self.export(Path(path)) if path else None

    def export(self, path: Path):
        period, user = self.period.text().strip(), self.ctx.current_user

        def done(res):
            self.message.success(plural(res["makers"],
                                        tr("Pay statements for 1 maker written to {path}."),
                                        tr("Pay statements for {n} makers written to {path}.")
                                        ).format(
                n=res["makers"], path=res["path"]))

        return call(self.ctx, self, lambda: self.ctx.market.export_statements(user, period, path),
                    done, writes=True, message=self.message)

    def _name(self, row: dict, which: str) -> str:
        names = row.get(f"{which}_names") or (row[which], row[which])
        return names[0] if self.ctx.language.startswith("zh") else names[1]

    def _show(self, rows) -> None:
        self.model.set_rows(rows)
        changes = {}
        for r in rows:
            changes[r["change"]] = changes.get(r["change"], 0) + 1
        self.summary.setText(plural(len(rows), tr("1 maker: {up} promoted, {down} demoted, {kept} kept."),
                                    tr("{n} makers: {up} promoted, {down} demoted, {kept} kept.")
                                    ).format(
            n=len(rows), up=changes.get("promoted", 0), down=changes.get("demoted", 0),
            kept=changes.get("kept", 0)))

    def run(self):
        period, user = self.period.text().strip(), self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.evaluate(user, period), self._show,
                    writes=True, message=self.message)

    def show_table(self):
        period, user = self.period.text().strip(), self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.evaluation_table(user, period),
                    self._show, message=self.message, clear_message=False)


class Dashboard(QScrollArea):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWidgetResizable(True)
        host = QWidget()
        grid = QGridLayout(host)
        self.charts = {
            "orders_per_month": BarChart(tr("Orders per month")),
            "orders_per_line": BarChart(tr("Orders per business line")),
            "turnaround": BarChart(tr("Turnaround (days from award to acceptance)")),
            "stars": BarChart(tr("Buyer ratings")),
            "nps": BarChart(tr("Learner NPS answers (0–10)")),
            "levels": BarChart(tr("Makers per level")),
        }
        for i, (key, chart) in enumerate(self.charts.items()):
            chart.color = chart.color.__class__(PALETTE[i % len(PALETTE)])
            grid.addWidget(chart, i // 2, i % 2)
        self.setWidget(host)
        self.handle = None
        self.reload()

    def reload(self):
        self.handle = call(self.ctx, self, lambda: self.ctx.market.dashboard(self.ctx.current_user),
                           self.show_data)
        return self.handle

    def show_data(self, data: dict) -> None:
        zh = self.ctx.language.startswith("zh")
        names = data.get("level_names", {})
        data = dict(data)
        data["levels"] = [((names.get(code) or (code, code))[0 if zh else 1], n)
                          for code, n in data.get("levels", [])]
        data["orders_per_month"] = [(fmt_month(month), n) for month, n in data.get("orders_per_month", [])]
        for key, chart in self.charts.items():
            chart.set_data(data.get(key, []))


class StaffView(QTabWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        m = ctx.market
        self.dashboard = Dashboard(ctx)
        self.certification = CertificationQueue(ctx)
        from creator_studio.ui.market.program_editor import ProgramEditor

        self.program = ProgramEditor(ctx)
        self.norms = JsonRulesEditor(ctx, self._norms_or_default(ctx), m.publish_norms,
                                     tr("Upload norms (versioned; checked on every delivery)"))
        self.grade_rules = JsonRulesEditor(ctx, m.grade_rules, m.publish_grade_rules,
                                           tr("Grade rules: levels, thresholds, pay multipliers"))
        self.disputes = Disputes(ctx)
        self.evaluation = Evaluation(ctx)
        self.addTab(self.dashboard, tr("Dashboard"))
        self.addTab(self.certification, tr("Certification queue"))
        self.addTab(self.program, tr("Certification programme"))
        self.addTab(self.norms, tr("Norms"))
        self.addTab(self.grade_rules, tr("Grade rules"))
        from creator_studio.ui.market.dispute_view import DisputeView  # #17: case file + form

        self.dispute_view = DisputeView(ctx, self.disputes)
        self.addTab(self.dispute_view, tr("Disputes"))
        from creator_studio.ui.market.dispute_view import PayQueue  # #17: pay, confirmed

        self.pay_queue = PayQueue(ctx)
        self.addTab(self.pay_queue, tr("To pay"))
        self.addTab(self.evaluation, tr("Evaluation"))
        from creator_studio.ui.market.contest_views import ContestSetup  # #19: 微课大赛

        self.contests = ContestSetup(ctx)
        self.addTab(self.contests, tr("Contests"))  # #18: through the catalogue (English mode)
        from creator_studio.ui.market.contest_views import JudgingView, judging_host

        if judging_host(getattr(ctx.current_user, "roles", ())) == "staff":
            self.judging = JudgingView(ctx)  # #19: staff named as judges score here
            self.addTab(self.judging, tr("Contest judging"))

    @staticmethod
    def _norms_or_default(ctx):
        def load():
            cur = ctx.market.current_norms()
            if cur is not None:
                return cur["rules"]
            from creator_studio.core.norms import default_normset

            return default_normset().to_dict()
        return load
