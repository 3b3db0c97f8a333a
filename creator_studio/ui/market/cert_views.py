"""The maker's own way through the programme (持证上岗): apply, training, exam, practical, certificate.

Every step is one service call (`creator_studio.core.market.certification` through
`MarketBackend`); the view only shows what the services return and their refusals (wrong state,
no attempts left, cooling-off, a blocking norms report) inline. The exam paper comes from
`start_exam` without the answer key; scoring happens in `submit_exam`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui import file_dialogs
from creator_studio.ui.market.common import (
    call,
    form_names,
    forms_text,
    make_table,
    message_label,
    selected_row,
    status_name,
)
from creator_studio.ui.market.lazy_model import Col, LazyTableModel, day
from creator_studio.ui.translate import tr

ERROR_STYLE = "color: #c62828"  # as common.message_label


def application_status_name(status: str) -> str:
    return {"enrolled": tr("Enrolled: training"), "training_done": tr("Training done: exam next"),
            "exam_passed": tr("Exam passed: practical course next"),
            "practical_submitted": tr("Practical course submitted: waiting for review"),
            "rejected": tr("Rejected"), "certified": tr("Certified"),
            "withdrawn": tr("Withdrawn")}.get(status, status)


def _findings_text(exc, lang: str) -> str:
    details = getattr(exc, "details", None) or {}
    findings = [f for f in details.get("findings", []) if f.get("status") == "fail"] \
        or details.get("findings", [])
    if not findings:
        return ""
    key = "message_zh" if lang.startswith("zh") else "message_en"
    return tr("Refused by the norms check:") + "\n" + "\n".join(
        "✗ " + (f.get(key) or f.get("rule_id", "")) for f in findings)


class MakerCertification(QScrollArea):
    """我的认证 / My certification."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: dict = {}
        self.attempt_id: int | None = None
        self.exam_checks: dict[str, list[QCheckBox]] = {}
        self.form_checks: dict[str, QCheckBox] = {}
        self.setWidgetResizable(True)
        host = QWidget()
        lay = QVBoxLayout(host)

        self.status_label = QLabel(tr("Loading…"))
        self.status_label.setWordWrap(True)
        lay.addWidget(self.status_label)

        # 1. apply
        box = QGroupBox(tr("1. Apply: the forms you want to be certified for"))
        self.apply_row = QHBoxLayout(box)
        self.apply_button = QPushButton(tr("&Apply for certification"))
        self.apply_button.clicked.connect(self.apply)
        self.apply_row.addStretch(1)
        self.apply_row.addWidget(self.apply_button)
        lay.addWidget(box)

        # 2. training modules
        box = QGroupBox(tr("2. Training modules (courses on the learning platform)"))
        bl = QVBoxLayout(box)
        self.module_model = LazyTableModel([
            Col(tr("Module"), lambda m: m.get("title") or m["id"]),
            Col(tr("Link"), lambda m: m.get("url", "")),
            Col(tr("Done"), lambda m: tr("done") if m["done"] else ""),
        ])
        self.module_table = make_table(self.module_model, tr("Training modules"), 1)
        self.module_table.setMaximumHeight(self.module_table.fontMetrics().height() * 12)
        self.module_table.doubleClicked.connect(lambda _i: self.open_link())
        bl.addWidget(self.module_table)
        row = QHBoxLayout()
        self.open_link_button = QPushButton(tr("&Open the course link"))
        self.open_link_button.clicked.connect(self.open_link)
        self.module_done_button = QPushButton(tr("&Mark the selected module done"))
        self.module_done_button.clicked.connect(self.complete_module)
        row.addWidget(self.open_link_button)
        row.addWidget(self.module_done_button)
        row.addStretch(1)
        bl.addLayout(row)
        lay.addWidget(box)

        # 3. exam
        box = QGroupBox(tr("3. Exam"))
        bl = QVBoxLayout(box)
        self.exam_info = QLabel()
        self.exam_info.setWordWrap(True)
        bl.addWidget(self.exam_info)
        self.paper_host = QWidget()
        self.paper_layout = QVBoxLayout(self.paper_host)
        self.paper_layout.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.paper_host)
        row = QHBoxLayout()
        self.start_exam_button = QPushButton(tr("&Start the exam"))
        self.start_exam_button.clicked.connect(self.start_exam)
        self.submit_exam_button = QPushButton(tr("S&ubmit my answers"))
        self.submit_exam_button.clicked.connect(self.submit_exam)
        self.submit_exam_button.setEnabled(False)
        row.addWidget(self.start_exam_button)
        row.addWidget(self.submit_exam_button)
        row.addStretch(1)
        bl.addLayout(row)
        self.exam_result = QLabel()
        self.exam_result.setWordWrap(True)
        bl.addWidget(self.exam_result)
        lay.addWidget(box)

        # 4. practical course
        box = QGroupBox(tr("4. Practical course (checked against the upload norms)"))
        bl = QVBoxLayout(box)
        row = QHBoxLayout()
        self.practical_button = QPushButton(tr("Submit a &rendered package folder…"))
        self.practical_button.clicked.connect(self.choose_practical)
        row.addWidget(self.practical_button)
        row.addStretch(1)
        bl.addLayout(row)
        self.practical_result = QLabel()
        self.practical_result.setWordWrap(True)
        bl.addWidget(self.practical_result)
        lay.addWidget(box)

        # 5. review and certificate
        box = QGroupBox(tr("5. Review and certificate"))
        bl = QVBoxLayout(box)
        self.review_label = QLabel()
        self.review_label.setWordWrap(True)
        bl.addWidget(self.review_label)
        self.cert_label = QLabel()
        self.cert_label.setWordWrap(True)
        self.cert_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bl.addWidget(self.cert_label)
        row = QHBoxLayout()
        self.pdf_button = QPushButton(tr("Export &PDF"))
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.badge_button = QPushButton(tr("Export Open &Badge"))
        self.badge_button.clicked.connect(self.choose_badge)
        row.addWidget(self.pdf_button)
        row.addWidget(self.badge_button)
        row.addStretch(1)
        bl.addLayout(row)
        lay.addWidget(box)

        self.message = message_label()
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.setWidget(host)
        self.handle = None
        self.reload()

    def _call(self, fn, on_ok=None, **kw):
        """`common.call`, with the message label back in its error colour (a success message
        before it may have switched it to the normal colour)."""
        self.message.setStyleSheet(ERROR_STYLE)
        return call(self.ctx, self, fn, on_ok, **kw)

    # -- loading ---------------------------------------------------------------------------------
    def reload(self):
        user = self.ctx.current_user
        self.handle = call(self.ctx, self, lambda: self.ctx.market.cert_status(user),
                           self.show_status,
                           message=self.message, clear_message=False)
        return self.handle

    def application(self) -> dict | None:
        return self.data.get("application")

    def certificate(self) -> dict | None:
        certs = self.data.get("certificates") or []
        app = self.application() or {}
        mine = [c for c in certs if c["id"] == app.get("certificate_id")]
        return (mine or certs or [None])[0]

    def show_status(self, data: dict) -> None:
        self.data = data
        prog, app = data.get("program"), data.get("application")
        if prog is None:
            self.status_label.setText(tr("There is no certification programme yet."))
        else:
            head = tr("Programme: {title} (version {v}), covering {forms}.").format(
                title=prog["title"], v=prog["version"], forms=forms_text(prog["forms"]))
            valid = [c for c in data.get("certificates") or [] if c.get("status") == "valid"]
            if app is None and valid:  # #18: never "not applied" next to a valid certificate
                state = tr("You hold certificate {number} for {forms}, valid until {expires}."
                           ).format(number=valid[0]["number"], forms=forms_text(valid[0]["forms"]),
                                    expires=day(valid[0]["expires_at"]))
            else:
                state = None
            state = state or (tr("You have not applied yet.") if app is None else
                              tr("Your application #{id} for {forms}: {status}.").format(
                    id=app["id"], forms=forms_text(app["forms"]),
                    status=application_status_name(app["status"])))
            self.status_label.setText(head + "\n" + state)
        self._set_forms(prog["forms"] if prog else [])
        if app is None:
            self.module_model.set_rows([])
            self.exam_info.setText("")
        else:
            p = app["program"]
            done = set(app["done"])
            self.module_model.set_rows([dict(m, done=m["id"] in done) for m in p["modules"]])
            self.exam_info.setText(tr("{size} questions drawn from the bank; pass mark {mark}%; "
                                      "attempts used {used}, left {left}; {days} days of "
                                      "cooling-off after a failed attempt.").format(
                size=p["exam_size"], mark=p["pass_mark"], used=app["attempts"],
                left=app["attempts_left"], days=p["cooloff_days"]))
        self._show_review(app)

    def _set_forms(self, forms: list[str]) -> None:
        if list(self.form_checks) == list(forms):
            return
        for cb in self.form_checks.values():
            self.apply_row.removeWidget(cb)
            cb.deleteLater()
        self.form_checks = {}
        names = form_names()
        for i, f in enumerate(forms):
            cb = QCheckBox(names.get(f, f))
            cb.setAccessibleName(tr("Apply for {form}").format(form=names.get(f, f)))
            self.apply_row.insertWidget(i, cb)
            self.form_checks[f] = cb

    def _show_review(self, app: dict | None) -> None:
        if app and app.get("review_comment"):
            self.review_label.setText(tr("Reviewer's comment: {c}").format(c=app["review_comment"]))
        elif app and app["status"] == "practical_submitted":
            self.review_label.setText(tr("Your practical course is waiting for the staff's review."))
        else:
            self.review_label.setText("")
        self.review_label.setVisible(bool(self.review_label.text()))
        c = self.certificate()
        if c is None:
            self.cert_label.setText(tr("No certificate yet."))
        else:
            self.cert_label.setText(tr("Certificate {number} ({status}) for {forms}, issued {issued}, "
                                       "valid until {expires}.\nVerification code: {code}").format(
                number=c["number"], status=status_name(c["status"]), forms=forms_text(c["forms"]),
                issued=day(c["issued_at"]), expires=day(c["expires_at"]), code=c["code"]))
        self.pdf_button.setEnabled(c is not None)
        self.badge_button.setEnabled(c is not None)

    def _need_application(self) -> dict | None:
        app = self.application()
        if app is None:
            self.message.setText(tr("Apply for certification first."))
        return app

    def _after(self, text: str = ""):
        def done(_r) -> None:
            if text:
                self.message.success(text)
            self.reload()
        return done

    # -- steps -----------------------------------------------------------------------------------
    def apply(self):
        forms = [f for f, cb in self.form_checks.items() if cb.isChecked()]
        user = self.ctx.current_user
        return self._call(lambda: self.ctx.market.cert_apply(user, forms),
                    self._after(tr("Application sent.")), writes=True, message=self.message)

    def open_link(self) -> bool:
        m = selected_row(self.module_table)
        if m is None or not m.get("url"):
            self.message.setText(tr("Select a module first."))
            return False
        return QDesktopServices.openUrl(QUrl(m["url"]))

    def complete_module(self):
        app = self._need_application()
        m = selected_row(self.module_table)
        if app is None:
            return None
        if m is None:
            self.message.setText(tr("Select a module first."))
            return None
        user = self.ctx.current_user
        return self._call(lambda: self.ctx.market.cert_complete_module(
            user, app["id"], m["id"]), self._after(), writes=True, message=self.message)

    def start_exam(self):
        app = self._need_application()
        if app is None:
            return None
        user = self.ctx.current_user
        return self._call(lambda: self.ctx.market.cert_start_exam(user, app["id"]),
                    self.show_paper, writes=True, message=self.message)

    def show_paper(self, exam: dict) -> None:
        self._clear_paper()
        self.attempt_id = exam["attempt_id"]
        self.exam_result.setText("")
        for n, q in enumerate(exam["paper"], start=1):
            box = QGroupBox(f"{n}. {q['stem']}")
            box.setAccessibleName(tr("Question {n}").format(n=n))
            bl = QVBoxLayout(box)
            checks = []
            for i, opt in enumerate(q["options"]):
                cb = QCheckBox(f"{chr(65 + i)}. {opt}")
                bl.addWidget(cb)
                checks.append(cb)
            self.exam_checks[q["id"]] = checks
            self.paper_layout.addWidget(box)
        self.submit_exam_button.setEnabled(True)
        if self.exam_checks:
            next(iter(self.exam_checks.values()))[0].setFocus()

    def _clear_paper(self) -> None:
        while self.paper_layout.count():
            w = self.paper_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.exam_checks = {}
        self.attempt_id = None
        self.submit_exam_button.setEnabled(False)

    def answers(self) -> dict[str, list[int]]:
        return {qid: [i for i, cb in enumerate(checks) if cb.isChecked()]
                for qid, checks in self.exam_checks.items()}

    def submit_exam(self):
        app = self._need_application()
        if app is None or self.attempt_id is None:
            return None
        user, attempt, answers = self.ctx.current_user, self.attempt_id, self.answers()

        def done(res: dict) -> None:
            self._clear_paper()
            verdict = tr("passed") if res["passed"] else tr("not passed")
            text = tr("Score {score}% (pass mark {mark}%): {verdict}.").format(
                score=res["score"], mark=res["pass_mark"], verdict=verdict)
            if not res["passed"]:
                text += " " + tr("Attempts left: {n}.").format(n=res["attempts_left"])
            self.exam_result.setText(text)
            self.reload()

        return self._call(lambda: self.ctx.market.cert_submit_exam(
            user, app["id"], attempt, answers), done, writes=True, message=self.message)

    def choose_practical(self):
        folder = file_dialogs.choose_folder(self, tr("Choose the rendered package folder"),
                                            "cert-package")
        return self.submit_practical(Path(folder)) if folder else None

    def submit_practical(self, folder: Path):
        app = self._need_application()
        if app is None:
            return None
        user = self.ctx.current_user
        self.practical_result.setText("")

        def failed(exc) -> None:
            self.practical_result.setText(_findings_text(exc, self.ctx.language))

        h = self._call(lambda: self.ctx.market.cert_submit_practical(
            user, app["id"], folder), self._after(tr("Practical course submitted for review.")),
            writes=True, message=self.message)
        h.failed.connect(failed)
        return h

    def choose_pdf(self):
        c = self.certificate()
        if c is None:
            return None
        path, _ = file_dialogs.save_file(self, tr("Export the certificate as PDF"), "exports",
                                         f"{c['number']}.pdf", tr("PDF (*.pdf)"))
        return self.export_pdf(Path(path)) if path else None

    def choose_badge(self):
        c = self.certificate()
        if c is None:
            return None
        path, _ = file_dialogs.save_file(self, tr("Export the certificate as an Open Badge"),
                                         "exports", f"{c['number']}.json", tr("JSON (*.json)"))
        return self.export_badge(Path(path)) if path else None

    def _export(self, fn, path: Path):
        c = self.certificate()
        if c is None:
            self.message.setText(tr("No certificate yet."))
            return None
        user = self.ctx.current_user

        def done(p) -> None:
            self.message.success(tr("Written to {path}.").format(path=p))

        return self._call(lambda: fn(user, c["id"], path), done, message=self.message)

    def export_pdf(self, path: Path):
        from creator_studio.ui.forms_meta import form_names  # #18: the registry's names

        names = form_names("zh_CN")  # the certificate is printed in Chinese
        return self._export(lambda user, cid, p: self.ctx.market.certificate_pdf(user, cid, p, names),
                            path)

    def export_badge(self, path: Path):
        return self._export(self.ctx.market.open_badge, path)
