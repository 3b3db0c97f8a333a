"""微课大赛 (#19) in the window: staff set-up, a maker's entry, a judge's blind scoring, then the
ranking and the awards — real widgets, real services, a frozen market clock to move between
the contest's phases."""

from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtGui import QColor

from creator_studio.core.market.clock import FrozenClock
from creator_studio.ui.forms_meta import form_label
from creator_studio.ui.market.contest_views import ContestEntryView, ContestSetup, JudgingView
from uihelpers import make_market_world, sign_in, wait_job


def _package(folder):
    from creator_studio.core.lesson import model as m
    from creator_studio.core.lesson.serialize import dumps

    folder.mkdir(parents=True)
    lesson = m.Lesson(title="理赔三步走", pages=[m.Page(id="p1", title="报案", blocks=[
        m.Paragraph(runs=[m.Run("出险后及时报案，说明时间地点经过。")])])])
    lesson.meta.maker_name = "张创客"
    lesson.quiz = m.Quiz(questions=[m.Question(id=f"q{i}", stem=f"报案第{i}步？", options=["对", "错"],
                                               answers=[0]) for i in range(3)])
    (folder / "course.json").write_text(dumps(lesson), encoding="utf-8")
    (folder / "h5").mkdir()
    (folder / "h5" / "index.html").write_text("<html><body>理赔三步走</body></html>", encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({
        "title": "理赔三步走", "lesson": {"maker": "张创客"},
        "forms": {"h5": {"files": [{"path": "h5/index.html", "role": "entry"}]}}},
        ensure_ascii=False), encoding="utf-8")
    return folder


def test_setup_entry_judging_awards(qtbot, ctx, tmp_path):
    ids = make_market_world(ctx.market)
    clock = FrozenClock(ctx.market.svc.now().replace(microsecond=0))
    ctx.market.svc.clock = clock
    start = clock.now()

    sign_in(qtbot, ctx, "staff01")
    setup = ContestSetup(ctx)
    qtbot.addWidget(setup)
    assert setup.publish() is None and setup.message.text()  # nothing created yet: inline hint
    setup.title.setText("助力展业，直达成交")
    setup.forms["h5"].setChecked(True)
    setup.judges.search.setText("王需")  # judges picked by name (the buyer 王需求)
    wait_job(qtbot, setup.judges.search_now())
    setup.judges.add_selected()
    setup.judges.add_selected()  # twice: still one judge
    assert setup.judges.ids() == [ids["buyer01"]]
    for key, days in (("entries_open_at", 0), ("entries_close_at", 10), ("judging_close_at", 20),
                      ("results_at", 21)):
        setup.dates[key].setDateTime(QDateTime(start + timedelta(days=days)))
    setup.rubric.setPlainText("not json")
    assert setup.create() is None and "JSON" in setup.message.text()
    setup.rubric.setPlainText(json.dumps([{"id": "a", "name": "内容准确", "weight": 60},
                                          {"id": "b", "name": "教学设计", "weight": 40}]))
    h = wait_job(qtbot, setup.create())
    assert h.error is None, h.error
    assert setup.contest_id is not None
    # the draft can be edited before it is published: load it, change, save (validated)
    wait_job(qtbot, setup.reload())
    assert setup.drafts.count() == 1
    setup.title.setText("")
    wait_job(qtbot, setup.edit_draft())
    assert setup.title.text() == "助力展业，直达成交" and setup.judges.ids() == [ids["buyer01"]]
    setup.description.setText("帮助销售成交的微课")
    setup.dates["entries_close_at"].setDateTime(QDateTime(start - timedelta(days=1)))
    h = wait_job(qtbot, setup.save_changes())  # closes before it opens: refused inline
    assert h.error is not None and "日期" in setup.message.text()
    setup.dates["entries_close_at"].setDateTime(QDateTime(start + timedelta(days=10)))
    h = wait_job(qtbot, setup.save_changes())
    assert h.error is None, h.error
    assert ctx.market.get_contest(ctx.current_user, setup.contest_id)["description"] == "帮助销售成交的微课"
    h = wait_job(qtbot, setup.publish())
    assert h.error is None and "published" in setup.message.text()  # no translator: English
    assert not setup.save_btn.isEnabled()  # published: frozen
    ctx.runner.wait()
    qtbot.wait(10)
    assert setup.drafts.count() == 0

    sign_in(qtbot, ctx, "maker01")
    entry = ContestEntryView(ctx)
    qtbot.addWidget(entry)
    wait_job(qtbot, entry.reload())
    assert entry.contest.count() == 1
    entry.package.setText(str(_package(tmp_path / "pkg")))
    entry.entry_title.setText("理赔三步走")
    h = wait_job(qtbot, entry.submit())
    assert h.error is None, h.error
    assert "version 1" in entry.message.text()
    qtbot.waitUntil(lambda: entry.entries_table.rowCount() == 1, timeout=20000)  # my entries
    assert entry.entries_table.item(0, 0).text() == "理赔三步走"
    assert entry.entries_table.item(0, 3).text() == "No name found"  # nothing left unread

    clock.advance(days=11)
    h = wait_job(qtbot, entry.submit())  # too late now: refused inline, with the typed message
    assert h.error is not None and "报名" in entry.message.text()

    sign_in(qtbot, ctx, "buyer01")
    judging = JudgingView(ctx)
    qtbot.addWidget(judging)
    wait_job(qtbot, judging.reload())
    h = wait_job(qtbot, judging.load())
    assert h.error is None, h.error
    assert judging.table.rowCount() == 1
    assert judging.table.item(0, 1).text() == "理赔三步走"
    assert all("张创客" not in (judging.table.item(0, c).text()) for c in range(judging.table.columnCount()))
    assert judging.save() is None  # nothing selected
    judging.table.selectRow(0)
    h = wait_job(qtbot, judging.fetch(tmp_path / "blind"))
    assert h.error is None, h.error
    import zipfile

    with zipfile.ZipFile(judging.last_copy) as zf:
        blob = b"".join(zf.read(n) for n in zf.namelist())
    assert "理赔三步走".encode() in blob and "张创客".encode() not in blob
    judging.points["a"].setValue(88)
    judging.comment.setText("流程准确")
    h = wait_job(qtbot, judging.save())
    assert h.error is None, h.error
    assert "Scores saved" in judging.message.text()

    sign_in(qtbot, ctx, "staff01")
    h = wait_job(qtbot, setup.entries())  # the entries with their blind-copy check
    assert h.error is None, h.error
    assert setup.table.item(0, 0).text() == "理赔三步走" and setup.table.item(0, 2).text() == "1"
    assert setup.table.item(0, 4).text() == "No pictures, PDFs or video to check"
    h = wait_job(qtbot, setup.progress())
    assert setup.table.item(0, 2).text() == "1"
    h = wait_job(qtbot, setup.dashboard())
    assert h.error is None, h.error
    cells = [[setup.table.item(r, c).text() for c in range(3)] for r in range(setup.table.rowCount())]
    assert ["Entries in total", "", "1"] in cells and ["Forms", "h5", "1"] in cells
    assert ["Business line", "PNC", "1"] in cells and ["Score distribution · a", "80-89", "1"] in cells
    # ... and drawn as charts: entries per line and form, progress per judge, score bands
    charts = setup.charts
    assert not charts.isHidden()
    assert charts.by_line.data == [("PNC", 1.0)] and charts.by_form.data == [(form_label("h5"), 1.0)]
    assert charts.progress.rows[0]["done"] == 1 and charts.progress.rows[0]["assigned"] == 1
    dist = charts.distributions["a"]
    assert len(dist.data) == 10 and dict(dist.data)["80-89"] == 1.0 and "内容准确" in dist.title
    assert sum(v for _k, v in dict(charts.distributions["b"].data).items()) == 1.0
    from creator_studio.ui.widgets.charts import PALETTE

    for chart, colour in ((charts.by_line, PALETTE[0]), (charts.progress, "#2e9c6a"), (dist, None)):
        chart.resize(420, 260)
        img = chart.grab().toImage()
        want = (chart.color if colour is None else QColor(colour)).rgb()
        assert any(img.pixel(x, y) == want for x in range(0, img.width(), 2)
                   for y in range(0, img.height(), 2)), chart.accessibleName()
    clock.advance(days=10)
    h = wait_job(qtbot, setup.show_results())
    assert h.error is None and setup.table.item(0, 1).text() == "理赔三步走"
    h = wait_job(qtbot, setup.publish_top_three())
    assert h.error is None, h.error
    assert "1 award certificate issued" in setup.message.text()
    sign_in(qtbot, ctx, "maker01")
    assert ctx.market.list_my_awards(ctx.current_user)[0]["award_name"] == "一等奖"
    # #18: the window names the award from its key (tr), so the row carries the key; the
    # English notification names the prize, not the key ("won: first")
    mine = ctx.market.list_my_awards(ctx.current_user)[0]
    assert (mine["award"], mine["special_name"]) == ("first", "")
    won = [n["en"] for n in ctx.market.notifications(ctx.current_user) if n["kind"] == "contest_award"]
    assert won == ["Your entry “理赔三步走” won: First prize"], won
    # ... and the award shows in the maker's record: contest, entry, award, date, credential
    from creator_studio.ui.market.maker_views import MakerRecord

    rec = MakerRecord(ctx)
    qtbot.addWidget(rec)
    h = wait_job(qtbot, rec.handle)
    assert h.error is None, h.error
    assert rec.award_model.rowCount() == 1
    cells = [rec.award_model.index(0, c).data() for c in range(rec.award_model.columnCount())]
    assert cells[:3] == ["助力展业，直达成交", "理赔三步走", "First prize"]  # no catalogue here
    from creator_studio.ui.formatting import fmt_date

    assert cells[3] == fmt_date(clock.now()) and cells[4].startswith("CA")
    ctx.runner.wait()


def test_team_create_invite_accept(qtbot, ctx, tmp_path):
    """A team contest: the captain creates a team and invites; the member accepts in the view."""
    from creator_studio.core.market import accounts
    from creator_studio.core.store.models import User

    ids = make_market_world(ctx.market)
    svc = ctx.market.svc
    now = svc.now().replace(microsecond=0)
    with svc.write() as s:
        staff = s.get(User, ids["staff"])
        mate = accounts.create_user(s, staff, "maker02", "赵队员", ["maker"], password="demo12345",
                                    business_line_code="PNC", now=now).id
    staff_ui = sign_in(qtbot, ctx, "staff01")
    c = ctx.market.create_contest(staff_ui, title="情景剧微课", forms=["skit", "h5"], entry_mode="team",
                                  team_max=2, entries_open_at=now - timedelta(minutes=1),
                                  entries_close_at=now + timedelta(days=5),
                                  judging_close_at=now + timedelta(days=9),
                                  results_at=now + timedelta(days=10),
                                  rubric=[{"id": "a", "name": "表演", "weight": 100}],
                                  judges=[ids["buyer01"]])
    ctx.market.publish_contest(staff_ui, c["id"])
    sign_in(qtbot, ctx, "maker01")
    view = ContestEntryView(ctx)
    qtbot.addWidget(view)
    wait_job(qtbot, view.reload())
    assert view.invite() is None and view.message.text()  # no id typed: inline hint
    view.team_name.setText("理赔剧社")
    h = wait_job(qtbot, view.create_team())
    assert h.error is None, h.error
    assert view.team_id is not None and "理赔剧社" in view.message.text()
    view.invitee.search.setText("赵队")  # the people picker: by name, shown with the line
    wait_job(qtbot, view.invitee.search_now())
    assert view.invitee.results.count() == 1
    assert view.invitee.results.item(0).text() == "赵队员 · 产险理赔 (maker02)"
    assert view.invitee.selected_id() == mate
    h = wait_job(qtbot, view.invite())
    assert h.error is None and "赵队员 (invited)" in view.message.text()

    sign_in(qtbot, ctx, "maker02")
    other = ContestEntryView(ctx)
    qtbot.addWidget(other)
    other.invite_team.setText(str(view.team_id))
    h = wait_job(qtbot, other.answer(True))
    assert h.error is None, h.error
    assert "Joined team" in other.message.text()
    sign_in(qtbot, ctx, "maker01")
    h = wait_job(qtbot, view.invite())  # inviting again is idempotent: the list shows both accepted
    assert "赵队员 (accepted)" in view.message.text(), view.message.text()


def test_staff_see_the_pixel_warning_without_ocr(qtbot, ctx, tmp_path, monkeypatch):
    """Without OCR a cover picture cannot be read: the staff's entry list says so, in words."""
    import shutil as _shutil

    from PIL import Image

    from creator_studio.core.market import contest_blind

    real = _shutil.which
    monkeypatch.setattr(contest_blind.shutil, "which",
                        lambda cmd, *a, **k: None if cmd == "tesseract" else real(cmd, *a, **k))
    ids = make_market_world(ctx.market)
    now = ctx.market.now().replace(microsecond=0)
    staff = sign_in(qtbot, ctx, "staff01")
    c = ctx.market.create_contest(staff, title="阳光好课", forms=["h5"],
                                  entries_open_at=now - timedelta(minutes=1),
                                  entries_close_at=now + timedelta(days=5),
                                  judging_close_at=now + timedelta(days=9),
                                  results_at=now + timedelta(days=10),
                                  rubric=[{"id": "a", "name": "内容", "weight": 100}],
                                  judges=[ids["buyer01"]])
    ctx.market.publish_contest(staff, c["id"])
    pkg = _package(tmp_path / "pkg")
    Image.new("RGB", (400, 300), (30, 91, 184)).save(pkg / "h5" / "cover.png")
    ctx.market.submit_contest_entry(sign_in(qtbot, ctx, "maker01"), c["id"], pkg, "理赔三步走")
    mine = ContestEntryView(ctx)  # the maker is told too, on their own entry
    qtbot.addWidget(mine)
    h = wait_job(qtbot, mine.load_entries())
    assert h.error is None and mine.entries_table.item(0, 3).text().startswith("⚠")
    sign_in(qtbot, ctx, "staff01")
    setup = ContestSetup(ctx)
    qtbot.addWidget(setup)
    setup.contest_id = c["id"]
    h = wait_job(qtbot, setup.entries())
    assert h.error is None, h.error
    cell = setup.table.item(0, 4).text()
    assert cell.startswith("⚠") and "无法检测" in cell and "h5/cover.png" in cell
    assert "1" in setup.message.text()
    ctx.runner.wait()
