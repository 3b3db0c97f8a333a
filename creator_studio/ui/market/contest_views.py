"""微课大赛 (#19) in the window: staff set-up (create, publish, progress, results, awards,
exports), a maker's entry, and a judge's blind scoring. Everything goes through the market
client (`ctx.market`); the services check permissions, dates and conflicts."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui.formatting import (
    date_time_format,
    fmt_date_time,
    qdatetime_from_utc,
    utc_from_qdatetime,
)
from creator_studio.ui.forms_meta import form_names, forms_text, list_separator
from creator_studio.ui.market.common import call, message_label
from creator_studio.ui.translate import one_language, plural, tr

CONTEST_FORMS = ("h5", "long-image", "screen-record", "skit")  # names from the form registry


def default_rubric() -> list[dict]:
    """The starting rubric, in the window's language (staff edit it; once saved it is theirs)."""
    return [
        {"id": "accuracy", "name": tr("Accurate content"), "weight": 30,
         "description": tr("Terms, figures and procedures are correct")},
        {"id": "design", "name": tr("Instructional design"), "weight": 25,
         "description": tr("Clear goals, sound structure, fitting interaction")},
        {"id": "quality", "name": tr("Production quality"), "weight": 25,
         "description": tr("Picture, sound and layout are polished")},
        {"id": "value", "name": tr("Business value"), "weight": 20,
         "description": tr("Real help for selling and closing")},
    ]


def _dt(edit: QDateTimeEdit) -> datetime:
    """The picked moment as the market's naive UTC (the picker shows the user's clock, #18)."""
    return utc_from_qdatetime(edit.dateTime())


def _fill(table: QTableWidget, headers: list[str], rows: list[list]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if v is None else str(v)))
    table.resizeColumnsToContents()


class _LoadsWhenShown:
    """Pages of a role view load their contest list the first time they are shown (the list
    is read then, not when the window is built), whatever navigation hosts them."""

    _loaded_once = False

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.reload()


def judging_host(roles) -> str | None:  # noqa: ANN001
    """Which role view carries the judging page: judges may be makers, buyers or staff; a user
    with several roles gets it once (maker view first, then buyer, then staff)."""
    for role in ("maker", "buyer", "staff"):
        if role in roles:
            return role
    return None


class ContestSetup(_LoadsWhenShown, QWidget):
    """Staff: create and publish a contest, follow judging, publish awards, export."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contest_id: int | None = None
        from PySide6.QtWidgets import QScrollArea

        scroll = QScrollArea()  # the form, the table and the dashboard charts scroll together
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        QVBoxLayout(self).addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        lay = QVBoxLayout(page)
        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("Contest theme, e.g. Help sales, close deals"))
        self.title.setAccessibleName(tr("Contest theme"))
        self.description = QLineEdit()
        self.description.setAccessibleName(tr("Contest description"))
        names = form_names()
        self.forms = {f: QCheckBox(names.get(f, f)) for f in CONTEST_FORMS}
        forms_row = QHBoxLayout()
        for box in self.forms.values():
            forms_row.addWidget(box)
        self.mode = QComboBox()
        self.mode.addItem(tr("Individual"), "solo")
        self.mode.addItem(tr("Teams"), "team")
        self.team_max = QSpinBox()
        self.team_max.setRange(1, 20)
        self.eligibility = QComboBox()
        for label, code in ((tr("All employees"), "all"), (tr("Certified makers"), "certified"),
                            (tr("Chosen business lines"), "business_lines")):
            self.eligibility.addItem(label, code)
        self.normalisation = QComboBox()
        self.normalisation.addItem(tr("Z-score per judge"), "zscore")
        self.normalisation.addItem(tr("Mean without the highest and lowest"), "trimmed")
        self.own_line = QCheckBox(tr("Judges skip entries from their own business line"))
        now = QDateTime.currentDateTime()
        self.dates = {}
        date_labels = {"entries_open_at": tr("Entries open"), "entries_close_at": tr("Entries close"),
                       "judging_close_at": tr("Judging closes"), "results_at": tr("Results")}
        for key, days in (("entries_open_at", 0), ("entries_close_at", 14),
                          ("judging_close_at", 21), ("results_at", 22)):
            label = date_labels[key]
            edit = QDateTimeEdit(now.addDays(days))
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_time_format())
            edit.setAccessibleName(label)
            edit.findChild(QLineEdit).setAccessibleName(label)
            self.dates[key] = edit
        self.rubric = QPlainTextEdit(json.dumps(default_rubric(), ensure_ascii=False, indent=1))
        self.rubric.setAccessibleName(tr("Rubric (JSON)"))
        from creator_studio.ui.market.people_picker import PeoplePicker

        self.judges = PeoplePicker(ctx, multi=True, label=tr("Judges"))  # by name and line
        drafts_row = QHBoxLayout()
        self.drafts = QComboBox()
        self.drafts.setAccessibleName(tr("Draft contests"))
        self.edit_btn = QPushButton(tr("Edit the draft"))
        self.save_btn = QPushButton(tr("Save changes"))
        self.save_btn.setEnabled(False)
        drafts_row.addWidget(QLabel(tr("Draft:")))
        drafts_row.addWidget(self.drafts, 1)
        drafts_row.addWidget(self.edit_btn)
        drafts_row.addWidget(self.save_btn)
        lay.addLayout(drafts_row)
        form.addRow(tr("Contest theme"), self.title)
        form.addRow(tr("Contest description"), self.description)
        form.addRow(tr("Forms allowed"), forms_row)
        form.addRow(tr("Entry mode"), self.mode)
        form.addRow(tr("Team size limit"), self.team_max)
        form.addRow(tr("Who may enter"), self.eligibility)
        form.addRow(tr("Score normalisation"), self.normalisation)
        form.addRow("", self.own_line)
        for key, edit in self.dates.items():
            form.addRow(date_labels[key], edit)
        form.addRow(tr("Rubric (JSON)"), self.rubric)
        form.addRow(tr("Judges"), self.judges)
        lay.addLayout(form)
        self.create_btn = QPushButton(tr("Create contest"))
        self.publish_btn = QPushButton(tr("Publish contest"))
        self.progress_btn = QPushButton(tr("Judging progress"))
        self.results_btn = QPushButton(tr("Show ranking"))
        self.awards_btn = QPushButton(tr("Publish awards (top three: first, second, third)"))
        self.dashboard_btn = QPushButton(tr("Contest dashboard"))
        self.entries_btn = QPushButton(tr("Entries && blind check"))
        # #18 (1280×720, English): seven buttons in one row made the page scroll sideways;
        # four to a row, in the order of the contest's life
        from PySide6.QtWidgets import QGridLayout

        buttons = QGridLayout()
        for i, b in enumerate((self.create_btn, self.publish_btn, self.entries_btn,
                               self.progress_btn, self.results_btn, self.awards_btn,
                               self.dashboard_btn)):
            buttons.addWidget(b, i // 4, i % 4)
        lay.addLayout(buttons)
        self.message = message_label()
        lay.addWidget(self.message)
        self.table = QTableWidget()
        self.table.setAccessibleName(tr("Contest figures"))
        lay.addWidget(self.table)
        from creator_studio.ui.market.contest_charts import ContestDashboardCharts

        self.charts = ContestDashboardCharts()  # the dashboard drawn; the table keeps the figures
        self.charts.hide()
        lay.addWidget(self.charts)
        self.results: dict | None = None
        self.create_btn.clicked.connect(self.create)
        self.publish_btn.clicked.connect(self.publish)
        self.progress_btn.clicked.connect(self.progress)
        self.results_btn.clicked.connect(self.show_results)
        self.awards_btn.clicked.connect(self.publish_top_three)
        self.dashboard_btn.clicked.connect(self.dashboard)
        self.entries_btn.clicked.connect(self.entries)
        self.edit_btn.clicked.connect(self.edit_draft)
        self.save_btn.clicked.connect(self.save_changes)

    def dashboard(self):
        """Entries per business line and form, and each criterion's score distribution."""
        if self.contest_id is None:
            return None
        user, cid = self.ctx.current_user, self.contest_id

        def shown(d: dict) -> None:
            rows = [[tr("Entries in total"), "", d["entries"]]]
            rows += [[tr("Business line"), k, v] for k, v in sorted(d["by_business_line"].items())]
            rows += [[tr("Forms"), k, v] for k, v in sorted(d["by_form"].items())]
            for crit, bands in d["score_distribution"].items():
                rows += [[tr("Score distribution · {criterion}").format(criterion=crit), band, n]
                         for band, n in bands.items()]
            _fill(self.table, [tr("Figure"), tr("Group"), tr("Count")], rows)
            self.charts.show_dashboard(d, form_names())
            self.charts.show()
        return call(self.ctx, self, lambda: self.ctx.market.get_contest_dashboard(user, cid), shown,
                    message=self.message)

    def _fields(self) -> dict | None:
        try:
            rubric = json.loads(self.rubric.toPlainText())
        except ValueError:
            self.message.setText(tr("The rubric must be JSON."))
            return None
        return dict(title=self.title.text(), description=self.description.text(),
                    forms=[f for f, box in self.forms.items() if box.isChecked()],
                    entry_mode=self.mode.currentData(), team_max=self.team_max.value(),
                    eligibility=self.eligibility.currentData(),
                    normalisation=self.normalisation.currentData(),
                    exclude_own_line=self.own_line.isChecked(), rubric=rubric,
                    judges=self.judges.ids(), **{k: _dt(e) for k, e in self.dates.items()})

    # -- drafts: staff edit a contest until it is published (#19) ------------------------------
    def reload(self):
        """The draft contests, for editing."""
        user = self.ctx.current_user

        def shown(rows: list[dict]) -> None:
            keep = self.drafts.currentData()
            self.drafts.clear()
            for c in rows:
                if c["status"] == "draft":
                    self.drafts.addItem(f"#{c['id']} {c['title']}", c["id"])
            if keep is not None and self.drafts.findData(keep) >= 0:
                self.drafts.setCurrentIndex(self.drafts.findData(keep))
        return call(self.ctx, self, lambda: self.ctx.market.list_contests(user), shown,
                    message=self.message, clear_message=False)

    def edit_draft(self):
        cid = self.drafts.currentData()
        if cid is None:
            self.message.setText(tr("No draft contest to edit: create one first."))
            return None
        user = self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.get_contest(user, cid), self._fill_form,
                    message=self.message)

    def _fill_form(self, c: dict) -> None:
        self.contest_id = c["id"]
        self.title.setText(c["title"])
        self.description.setText(c["description"])
        for f, box in self.forms.items():
            box.setChecked(f in c["forms"])
        self.mode.setCurrentIndex(self.mode.findData(c["entry_mode"]))
        self.team_max.setValue(c["team_max"])
        self.eligibility.setCurrentIndex(self.eligibility.findData(c["eligibility"]))
        self.normalisation.setCurrentIndex(self.normalisation.findData(c["normalisation"]))
        self.own_line.setChecked(c["exclude_own_line"])
        for key, edit in self.dates.items():
            edit.setDateTime(qdatetime_from_utc(c[key]))  # market UTC, on the local clock
        self.rubric.setPlainText(json.dumps(c["rubric"], ensure_ascii=False, indent=1))
        self.judges.set_people(c.get("judge_people") or [])
        self.save_btn.setEnabled(c["status"] == "draft")
        self.message.setText(tr("Editing draft #{id}: change the form, then save.").format(id=c["id"]))

    def save_changes(self):
        if self.contest_id is None:
            self.message.setText(tr("No draft contest to edit: create one first."))
            return None
        fields = self._fields()
        if fields is None:
            return None
        user, cid = self.ctx.current_user, self.contest_id

        def saved(c: dict) -> None:
            self.message.success(tr("Draft #{id} saved.").format(id=c["id"]))
            self.reload()
        return call(self.ctx, self, lambda: self.ctx.market.update_contest(user, cid, **fields),
                    saved, writes=True, message=self.message)

    def create(self):
        fields = self._fields()
        if fields is None:
            return None
        from creator_studio.core.market.client import new_key

        key = new_key("contest")
        user = self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.create_contest(user, key=key, **fields),
                    self._created, writes=True, message=self.message)

    def _created(self, c: dict) -> None:
        self.contest_id = c["id"]
        self.save_btn.setEnabled(True)
        self.message.success(tr("Contest #{id} created (draft).").format(id=c["id"]))
        self.reload()

    def publish(self):
        if self.contest_id is None:
            self.message.setText(tr("Create a contest first."))
            return None
        user, cid = self.ctx.current_user, self.contest_id
        return call(self.ctx, self, lambda: self.ctx.market.publish_contest(user, cid),
                    self._published, writes=True, message=self.message)

    def _published(self, c: dict) -> None:
        self.message.success(tr("Contest #{id} published.").format(id=c["id"]))
        self.save_btn.setEnabled(False)  # a published contest is frozen
        self.reload()

    def entries(self):
        """Every entry with its blind-copy check: what OCR read, and a warning where names drawn
        into pixels could not be checked (no OCR here, or past its time budget)."""
        if self.contest_id is None:
            return None
        user, cid = self.ctx.current_user, self.contest_id
        zh = self.ctx.language.startswith("zh")

        def check_text(e: dict) -> str:
            warning = e.get("blind_warning_zh" if zh else "blind_warning_en")
            if warning:
                return "⚠ " + warning
            if not e.get("pixels_checked"):
                return tr("No pictures, PDFs or video to check")
            n = e.get("pixels_checked", 0)
            return plural(n, tr("Pixels checked by OCR (1 file)"),
                          tr("Pixels checked by OCR ({n} files)")).format(n=n)

        def shown(rows: list[dict]) -> None:
            _fill(self.table, [tr("Entry"), tr("Entrant"), tr("Version"), tr("Forms"),
                               tr("Blind copy check")],
                  [[e["title"], e["owner_name"], e["version"], forms_text(e["forms"]), check_text(e)]
                   for e in rows])
            self.table.setWordWrap(True)
            warned = sum(1 for e in rows if e.get("blind_warning_zh"))
            if warned:
                self.message.setText(plural(
                    warned, tr("1 entry has pixels that were not checked for names: "
                               "look at it before it goes to the judges."),
                    tr("{n} entries have pixels that were not checked for names: "
                       "look at them before they go to the judges.")).format(n=warned))
        return call(self.ctx, self, lambda: self.ctx.market.list_contest_entries(user, cid), shown,
                    message=self.message)

    def progress(self):
        if self.contest_id is None:
            return None
        user, cid = self.ctx.current_user, self.contest_id
        return call(self.ctx, self, lambda: self.ctx.market.get_judging_progress(user, cid),
                    lambda rows: _fill(self.table, [tr("Judge"), tr("Assigned"), tr("Scored"),
                                                    tr("Excluded")],
                                       [[r["judge"], r["assigned"], r["done"], r["excluded"]] for r in rows]),
                    message=self.message)

    def show_results(self):
        if self.contest_id is None:
            return None
        user, cid = self.ctx.current_user, self.contest_id

        def shown(res: dict) -> None:
            self.results = res
            crit = res["contest"]["rubric"]
            _fill(self.table, [tr("Rank"), tr("Entry"), tr("Entrant"), tr("Score"), tr("Raw mean")]
                  + [c["name"] for c in crit] + [tr("Remarks")],
                  [[r["rank"], r["title"], r["owner_name"], f"{r['score']:.2f}", f"{r['raw_mean']:.2f}"]
                   + [f"{r['criteria'][c['id']]:.2f}" for c in crit] + [one_language(r["tie_note"])]
                   for r in res["ranking"]])
        return call(self.ctx, self, lambda: self.ctx.market.get_contest_results(user, cid), shown,
                    message=self.message)

    def publish_top_three(self):
        if not self.results:
            self.message.setText(tr("Show the ranking first."))
            return None
        awards = [{"entry_id": r["id"], "award": kind}
                  for r, kind in zip(self.results["ranking"], ("first", "second", "third"))]
        from creator_studio.core.market.client import new_key

        key = new_key("awards")
        user, cid = self.ctx.current_user, self.contest_id
        return call(self.ctx, self, lambda: self.ctx.market.publish_contest_awards(user, cid, awards, key=key),
                    lambda out: self.message.success(plural(
                        len(out["credentials"]), tr("Awards published; 1 award certificate issued."),
                        tr("Awards published; {n} award certificates issued.")).format(
                            n=len(out["credentials"]))),
                    writes=True, message=self.message)


class _ContestPicker(QComboBox):
    def load(self, ctx, widget):  # noqa: ANN001, ANN201
        user = ctx.current_user

        def shown(rows: list[dict]) -> None:
            self.clear()
            for c in rows:
                self.addItem(f"#{c['id']} {c['title']}", c["id"])
        return call(ctx, widget, lambda: ctx.market.list_contests(user), shown)


class ContestEntryView(_LoadsWhenShown, QWidget):
    """A maker (or team captain) submits a rendered package before the deadline."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.contest = _ContestPicker()
        self.package = QLineEdit()
        self.package.setPlaceholderText(tr("Folder of a rendered course package (with manifest.json)"))
        self.package.setAccessibleName(tr("Rendered package folder"))
        self.entry_title = QLineEdit()
        self.entry_title.setAccessibleName(tr("Entry title"))
        form.addRow(tr("Contest"), self.contest)
        form.addRow(tr("Course package"), self.package)
        form.addRow(tr("Entry title"), self.entry_title)
        lay.addLayout(form)
        self.submit_btn = QPushButton(tr("Submit entry (until the deadline; the latest version counts)"))
        lay.addWidget(self.submit_btn)
        team_row = QHBoxLayout()
        self.team_name = QLineEdit()
        self.team_name.setPlaceholderText(tr("Team name (in a team contest the captain creates the team and submits)"))
        self.team_name.setAccessibleName(tr("Team name"))
        self.create_team_btn = QPushButton(tr("Create team"))
        for w in (self.team_name, self.create_team_btn):
            team_row.addWidget(w)
        lay.addLayout(team_row)
        from creator_studio.ui.market.people_picker import PeoplePicker

        invite_row = QHBoxLayout()
        self.invitee = PeoplePicker(ctx, multi=False, label=tr("Team member to invite"))
        self.invite_btn = QPushButton(tr("Invite"))
        invite_row.addWidget(self.invitee, 1)
        invite_row.addWidget(self.invite_btn, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(invite_row)
        answer_row = QHBoxLayout()
        self.invite_team = QLineEdit()
        self.invite_team.setPlaceholderText(tr("Number of the team that invited you"))
        self.invite_team.setAccessibleName(tr("Number of the team that invited you"))
        self.accept_btn = QPushButton(tr("Accept invitation"))
        self.decline_btn = QPushButton(tr("Decline"))
        for w in (self.invite_team, self.accept_btn, self.decline_btn):
            answer_row.addWidget(w)
        lay.addLayout(answer_row)
        self.message = message_label()
        lay.addWidget(self.message)
        self.entries_table = QTableWidget()
        self.entries_table.setAccessibleName(tr("My contest entries"))
        self.entries_table.hide()
        lay.addWidget(self.entries_table)
        lay.addStretch(1)
        self.team_id: int | None = None
        self.submit_btn.clicked.connect(self.submit)
        self.create_team_btn.clicked.connect(self.create_team)
        self.invite_btn.clicked.connect(self.invite)
        self.accept_btn.clicked.connect(lambda: self.answer(True))
        self.decline_btn.clicked.connect(lambda: self.answer(False))

    def create_team(self):
        cid = self.contest.currentData()
        if cid is None:
            self.message.setText(tr("Choose a contest first."))
            return None
        from creator_studio.core.market.client import new_key

        key, user, name = new_key("team"), self.ctx.current_user, self.team_name.text()

        def made(team: dict) -> None:
            self.team_id = team["id"]
            self.message.success(tr("Team “{name}” created (number {id}).").format(
                name=team["name"], id=team["id"]))
        return call(self.ctx, self, lambda: self.ctx.market.create_contest_team(user, cid, name, key=key),
                    made, writes=True, message=self.message)

    def invite(self):
        uid = self.invitee.selected_id()
        if uid is None:
            self.message.setText(tr("Search for the member and choose them in the list."))
            return None
        if self.team_id is None:
            self.message.setText(tr("Create the team first."))
            return None
        user, tid = self.ctx.current_user, self.team_id
        return call(self.ctx, self, lambda: self.ctx.market.invite_to_team(user, tid, uid),
                    lambda t: self.message.success(tr("Team members: {list}").format(
                        list=list_separator().join(
                            (tr("{name} (accepted)") if m["status"] == "accepted"
                             else tr("{name} (invited)")).format(name=m["name"])
                            for m in t["members"]))),
                    writes=True, message=self.message)

    def answer(self, accept: bool):
        try:
            tid = int(self.invite_team.text())
        except ValueError:
            self.message.setText(tr("Enter the team number."))
            return None
        user = self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.respond_to_invite(user, tid, accept),
                    lambda t: self.message.success(
                        (tr("Joined team “{name}”.") if accept else tr("Declined team “{name}”."))
                        .format(name=t["name"])),
                    writes=True, message=self.message)

    def reload(self):
        self.load_entries()
        return self.contest.load(self.ctx, self)

    def load_entries(self):
        """My entries (and my team's), each with its blind-copy check: the warning when names
        drawn into its pictures or video could not be checked (#19)."""
        user = self.ctx.current_user
        zh = self.ctx.language.startswith("zh")

        def shown(rows: list[dict]) -> None:
            _fill(self.entries_table, [tr("Entry"), tr("Version"), tr("Submitted"),
                                       tr("Blind copy check")],
                  [[e["title"], e["version"], fmt_date_time(e["submitted_at"]),
                    ("⚠ " + e["blind_warning_zh" if zh else "blind_warning_en"])
                    if e.get("blind_warning_zh") else tr("No name found")] for e in rows])
            self.entries_table.setVisible(bool(rows))
        return call(self.ctx, self, lambda: self.ctx.market.list_my_contest_entries(user), shown)

    def _submitted(self, e: dict) -> None:
        self.message.success(tr("Submitted: version {n}.").format(n=e["version"]))
        self.load_entries()

    def submit(self):
        cid = self.contest.currentData()
        if cid is None or not self.package.text().strip():
            self.message.setText(tr("Choose a contest and a course package."))
            return None
        from creator_studio.core.market.client import new_key

        key = new_key("contest-entry")
        user, pkg, title = self.ctx.current_user, Path(self.package.text().strip()), self.entry_title.text()
        return call(self.ctx, self,
                    lambda: self.ctx.market.submit_contest_entry(user, cid, pkg, title, key=key),
                    self._submitted, writes=True, message=self.message)


class JudgingView(_LoadsWhenShown, QWidget):
    """A judge's blind queue: entries by code only, points per criterion and a comment."""

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.queue: list[dict] = []
        self.rubric: list[dict] = []
        lay = QVBoxLayout(self)
        self.contest = _ContestPicker()
        lay.addWidget(self.contest)
        self.load_btn = QPushButton(tr("Load my judging queue"))
        lay.addWidget(self.load_btn)
        self.table = QTableWidget()
        self.table.setAccessibleName(tr("Entries to judge"))
        lay.addWidget(self.table)
        self.points_box = QFormLayout()
        lay.addLayout(self.points_box)
        self.points: dict[str, QSpinBox] = {}
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(tr("Comment (kept with the first criterion)"))
        self.comment.setAccessibleName(tr("Judge's comment"))
        lay.addWidget(self.comment)
        self.save_btn = QPushButton(tr("Save scores"))
        lay.addWidget(self.save_btn)
        self.fetch_btn = QPushButton(tr("Download the blind copy"))
        lay.addWidget(self.fetch_btn)
        self.message = message_label()
        lay.addWidget(self.message)
        self.last_copy: Path | None = None
        self.load_btn.clicked.connect(self.load)
        self.save_btn.clicked.connect(self.save)
        self.fetch_btn.clicked.connect(self.fetch)

    def fetch(self, dest_dir: Path | None = None):
        """Save the selected entry's checked blind copy (a zip) under the cache folder."""
        row = self.table.currentRow()
        if row < 0 or row >= len(self.queue):
            self.message.setText(tr("Select an entry first."))
            return None
        from creator_studio.core.paths import cache_dir

        q = self.queue[row]
        dest = Path(dest_dir or cache_dir() / "contest-blind") / f"entry-{q['id']:03d}-v{q['version']}.zip"
        dest.parent.mkdir(parents=True, exist_ok=True)
        user = self.ctx.current_user

        def saved(path) -> None:  # noqa: ANN001
            self.last_copy = Path(path)
            self.message.success(tr("Blind copy saved: {path}").format(path=path))
        return call(self.ctx, self, lambda: self.ctx.market.fetch_blind_entry(user, q["id"], dest),
                    saved, message=self.message)

    def reload(self):
        return self.contest.load(self.ctx, self)

    def load(self):
        cid = self.contest.currentData()
        if cid is None:
            return None
        user = self.ctx.current_user

        def fetch():  # noqa: ANN202
            return self.ctx.market.get_contest(user, cid), self.ctx.market.get_judge_queue(user, cid)

        def shown(res) -> None:  # noqa: ANN001
            contest, queue = res
            self.queue, self.rubric = queue, contest["rubric"]
            while self.points_box.rowCount():
                self.points_box.removeRow(0)
            self.points = {}
            for c in self.rubric:
                spin = QSpinBox()
                spin.setRange(0, 100)
                spin.setValue(80)
                self.points[c["id"]] = spin
                self.points_box.addRow(tr("{name} ({weight}%)").format(name=c["name"], weight=c["weight"]),
                                       spin)
            _fill(self.table, [tr("Entry code"), tr("Title"), tr("Forms"), tr("Scored")],
                  [[tr("Entry {code}").format(code=f"{q['id']:03d}"),  # core's code is 中文
                    q["title"], forms_text(q["forms"]),
                    tr("Yes") if q["complete"] else tr("No")] for q in queue])
        return call(self.ctx, self, fetch, shown, message=self.message)

    def save(self):
        row = self.table.currentRow()
        if row < 0 or row >= len(self.queue):
            self.message.setText(tr("Select an entry first."))
            return None
        entry_id = self.queue[row]["id"]
        scores = {cid: spin.value() for cid, spin in self.points.items()}
        comments = {self.rubric[0]["id"]: self.comment.text()} if self.comment.text() else {}
        user = self.ctx.current_user
        return call(self.ctx, self,
                    lambda: self.ctx.market.score_contest_entry(user, entry_id, scores, comments),
                    lambda _r: self.message.success(tr("Scores saved.")), writes=True, message=self.message)
