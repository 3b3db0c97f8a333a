"""#18 "a designed look": the navigation rail, order cards, thumbnails, the maker's home page,
the render queue, captions and the form-style question editors, each checked on the widget."""

from __future__ import annotations

from PySide6.QtCore import Qt

from creator_studio.ui.main_window import MainWindow
from creator_studio.ui.translate import tr
from uihelpers import PASSWORD, make_market_world, wait_job


def _signed_in(qtbot, ctx, login):
    make_market_world(ctx.market)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    wait_job(qtbot, win.signin.prepare())
    with qtbot.waitSignal(win.signed_in, timeout=20000):
        win.signin.sign_in_as(login, PASSWORD)
    return win


def _close(qtbot, ctx, win):
    ctx.runner.wait()
    qtbot.wait(10)
    win.sign_out()
    ctx.runner.wait()
    qtbot.wait(10)


def test_rail_lists_every_page_and_switches_both_levels(qtbot, ctx):
    from creator_studio.ui.market.maker_views import MakerMarketView
    from creator_studio.ui.widgets.nav_rail import SECTION_ROLE

    win = _signed_in(qtbot, ctx, "maker01")
    rail = win.rail
    mv = next(v for v in win.views.values() if isinstance(v, MakerMarketView))
    # No tabs inside tabs: neither the window's nor the market view's tab bar is shown.
    assert win.tabs.tabBar().isHidden() and mv.tabBar().isHidden()
    texts = [rail.item(i).text() for i in range(rail.count())]
    headings = [rail.item(i).text() for i in range(rail.count())
                if rail.item(i).data(SECTION_ROLE)]
    assert headings == [tr("Maker")]  # sections are the roles
    for i in range(mv.count()):  # every page of the market view has its own entry
        assert rail.entry_for(mv.widget(i)) is not None
    assert tr("Studio") in texts and tr("Notifications") in texts
    # Choosing "我的订单" shows the market view and, inside it, the orders page.
    rail.show_page(mv.orders_table)
    assert win.tabs.currentWidget() is mv and mv.currentWidget() is mv.orders_table
    rail.show_page(win.studio)
    assert win.tabs.currentWidget() is win.studio
    # A switch made in code highlights its entry.
    win.tabs.setCurrentWidget(mv)
    mv.setCurrentWidget(mv.record)
    assert rail.currentItem() is rail.entry_for(mv.record)
    # Entries have icons (qtawesome is installed in the venv).
    assert not rail.entry_for(mv.market).icon().isNull()
    # Signing out empties the rail; the next person gets their own role's entries.
    ctx.runner.wait()
    qtbot.wait(10)
    assert win.sign_out() and rail.count() == 0
    with qtbot.waitSignal(win.signed_in, timeout=20000):
        win.signin.sign_in_as("buyer01", PASSWORD)
    headings = [rail.item(i).text() for i in range(rail.count())
                if rail.item(i).data(SECTION_ROLE)]
    assert headings == [tr("Buyer")] and tr("Studio") not in [e.text() for e in rail.entries()]
    from creator_studio.ui.market.buyer_views import BuyerView

    bv = next(v for v in win.views.values() if isinstance(v, BuyerView))
    rail.show_page(bv.review)
    assert win.tabs.currentWidget() is bv and bv.currentWidget() is bv.review
    _close(qtbot, ctx, win)


def test_rail_badge_counts_unread_messages(qtbot, ctx):
    from creator_studio.ui.market.maker_views import MakerMarketView

    win = _signed_in(qtbot, ctx, "maker01")
    mv = next(v for v in win.views.values() if isinstance(v, MakerMarketView))
    assert win.rail.badge(mv.conversation) == 0
    mv.conversation.unread_changed.emit(3)
    assert win.rail.badge(mv.conversation) == 3
    assert win.rail.entry_for(mv.conversation).toolTip().endswith("(3)")
    mv.conversation.unread_changed.emit(0)
    assert win.rail.badge(mv.conversation) == 0
    # The badge is painted: a red pill appears on the entry.
    win.resize(1200, 800)
    win.show()
    ctx.runner.wait()
    qtbot.wait(50)  # the conversation's own load reports its (zero) count first
    mv.conversation.unread_changed.emit(5)
    img = win.rail.viewport().grab().toImage()
    rect = win.rail.visualItemRect(win.rail.entry_for(mv.conversation))
    reds = sum(1 for x in range(rect.left(), rect.right(), 2)
               for y in range(rect.top(), rect.bottom(), 2)
               if (c := img.pixelColor(x, y)).red() > 170 and c.green() < 80 and c.blue() < 80)
    assert reds > 5
    _close(qtbot, ctx, win)


def test_countdown_text_and_overdue():
    from datetime import datetime, timedelta

    from creator_studio.ui.widgets.cards import countdown

    now = datetime(2026, 12, 2, 10, 0)
    assert countdown(now + timedelta(days=3, hours=2), now) == (tr("{n} days left").format(n=3),
                                                                 False)
    assert countdown(now + timedelta(days=1, hours=1), now) == (tr("1 day left"), False)
    assert countdown(now + timedelta(hours=5), now) == (tr("Due today"), False)
    assert countdown(now - timedelta(hours=5), now) == (tr("Overdue by 1 day"), True)
    assert countdown(now - timedelta(days=2, hours=1), now) == (
        tr("Overdue by {n} days").format(n=3), True)
    # A finished order counts nothing down.
    assert countdown(now - timedelta(days=9), now, "accepted") == ("", False)
    assert countdown(now - timedelta(days=2), now, "delivered") == ("", False)  # buyer's turn
    assert countdown(now - timedelta(days=2), now, "revision_requested")[1] is True


def test_countdown_is_translated(qapp):
    from datetime import datetime, timedelta

    from creator_studio.ui.i18n import install_translator, remove_translator
    from creator_studio.ui.widgets.cards import countdown

    now = datetime(2026, 12, 2, 10, 0)
    t = install_translator(qapp, "zh_CN")
    try:
        assert countdown(now + timedelta(days=3, hours=1), now)[0] == "还剩 3 天"
        assert countdown(now - timedelta(days=2), now)[0] == "已逾期 2 天"
    finally:
        remove_translator(qapp, t)
    t = install_translator(qapp, "en")
    try:
        assert countdown(now + timedelta(days=3, hours=1), now)[0] == "3 days left"
    finally:
        remove_translator(qapp, t)


def _card_table(qtbot, rows, now):
    from creator_studio.ui.market.common import make_table, status_name
    from creator_studio.ui.market.lazy_model import Col, LazyTableModel, day, yuan
    from creator_studio.ui.widgets.cards import cardify, order_card

    model = LazyTableModel([Col("订单", lambda r: f"#{r['id']}"), Col("需求", lambda r: r["title"]),
                            Col("状态", lambda r: status_name(r["status"]))])
    table = make_table(model, "orders", 1)
    cardify(table, order_card(status_name, yuan, day), now=lambda: now)
    model.set_rows(rows)
    qtbot.addWidget(table)
    table.resize(600, 400)
    table.show()
    qtbot.wait(20)
    return table, model


def _colour_count(img, rect, pred):
    return sum(1 for x in range(rect.left(), rect.right())
               for y in range(rect.top(), rect.bottom()) if pred(img.pixelColor(x, y)))


def test_order_cards_paint_a_status_chip_per_status_and_overdue_in_red(qtbot):
    from datetime import datetime, timedelta

    from PySide6.QtGui import QColor

    from creator_studio.ui.widgets.cards import chip_colours

    now = datetime(2026, 12, 2, 10, 0)
    rows = [dict(id=i, title=f"订单{i}", maker_name="张创客", price_fen=250000, status=st,
                 due_at=now + timedelta(days=d))
            for i, (st, d) in enumerate((("in_progress", 5), ("accepted", 5),
                                         ("revision_requested", -3)), start=1)]
    table, model = _card_table(qtbot, rows, now)
    # Only the card column shows; the list is still the lazy table (selectRow works).
    assert all(table.isColumnHidden(c) for c in (1, 2)) and not table.isColumnHidden(0)
    table.selectRow(2)
    assert table.selectionModel().selectedRows()[0].row() == 2
    table.clearSelection()
    qtbot.wait(20)
    img = table.viewport().grab().toImage()
    dpr = img.devicePixelRatio()

    def rect(r):
        vr = table.visualRect(model.index(r, 0))
        from PySide6.QtCore import QRect
        return QRect(int(vr.left() * dpr), int(vr.top() * dpr), int(vr.width() * dpr),
                     int(vr.height() * dpr))

    def near(colour):
        want = QColor(colour)
        return lambda c: (abs(c.red() - want.red()) + abs(c.green() - want.green())
                          + abs(c.blue() - want.blue())) < 12

    assert chip_colours("in_progress") != chip_colours("accepted") != chip_colours("disputed")
    for r, st in enumerate(("in_progress", "accepted", "revision_requested")):
        bg = chip_colours(st)[0]
        assert _colour_count(img, rect(r), near(bg)) > 100, st  # the chip, in its colour
        others = {chip_colours(o)[0] for o in ("in_progress", "accepted", "revision_requested")
                  if chip_colours(o)[0] != bg}
        assert all(_colour_count(img, rect(r), near(o)) < 10 for o in others), st
    red = near("#c62828")
    assert _colour_count(img, rect(2), red) > 20  # "overdue by 3 days" in red
    assert _colour_count(img, rect(0), red) == 0  # 5 days left: not red


def _quiz_editor(qtbot, tmp_path, questions):
    from creator_studio.core.lesson.model import Lesson, Quiz
    from creator_studio.ui.studio.project import StudioProject
    from creator_studio.ui.studio.quiz_editor import QuizEditor

    project = StudioProject(Lesson(title="t", quiz=Quiz(questions=questions)), tmp_path / "w")
    errors = []
    ed = QuizEditor(project, errors.append)
    qtbot.addWidget(ed)
    ed.resize(900, 700)
    ed.show()
    return project, ed


def test_question_form_radio_for_single_and_truefalse_checkboxes_for_multiple(qtbot, tmp_path):
    from PySide6.QtWidgets import QCheckBox, QRadioButton

    from creator_studio.core.lesson.model import Question

    qs = [Question(id="q1", kind="single", stem="第一步？", options=["报案", "查勘", "定损"],
                   answers=[0]),
          Question(id="q2", kind="multiple", stem="哪些要拍照？", options=["现场", "证件", "天气"],
                   answers=[0, 1]),
          Question(id="q3", kind="truefalse", stem="可以电话报案", options=["正确", "错误"],
                   answers=[0])]
    project, ed = _quiz_editor(qtbot, tmp_path, qs)
    form = ed.form
    # single choice: one radio button per option, the right one checked, exclusive
    assert [type(m) for m in form.marks] == [QRadioButton] * 3
    assert [m.isChecked() for m in form.marks] == [True, False, False]
    form.marks[2].click()
    assert qs[0].answers == [2]
    assert [m.isChecked() for m in form.marks] == [False, False, True]
    assert ed.model.data(ed.model.index(0, 3)) == "C"  # the table follows
    project.undo_stack.undo()
    assert qs[0].answers == [0] and form.marks[0].isChecked()
    # multiple choice: check boxes, several right answers
    ed.table.selectRow(1)
    assert [type(m) for m in form.marks] == [QCheckBox] * 3
    form.marks[2].click()
    assert qs[1].answers == [0, 1, 2]
    # true/false: two radio buttons, not a check box
    ed.table.selectRow(2)
    assert [type(m) for m in form.marks] == [QRadioButton] * 2
    assert form.marks[0].isChecked() and form.marks[0].text() == tr("True")
    form.marks[1].click()
    assert qs[2].answers == [1]
    # an option's text edited in its own line, undoable; kind change reshapes in one step
    ed.table.selectRow(0)
    form.option_edits[1].setText("现场查勘")
    form.option_edits[1].editingFinished.emit()
    assert qs[0].options[1] == "现场查勘"
    form.kind.setCurrentIndex(form.kind.findData("truefalse"))
    form.kind.activated.emit(form.kind.currentIndex())
    assert qs[0].kind == "truefalse" and qs[0].options == ["正确", "错误"]
    assert [type(m) for m in form.marks] == [QRadioButton] * 2
    project.undo_stack.undo()
    assert qs[0].kind == "single" and qs[0].options[1] == "现场查勘"
    form.add_option_button.click()
    assert len(qs[0].options) == 4 and len(form.marks) == 4
    ed.grab().save(str(tmp_path / "quiz.png"))


def test_level_progress_from_the_explanation_and_rules():
    from types import SimpleNamespace

    from creator_studio.ui.market.maker_home import level_progress

    rules = {"min_samples": {"rating": 3},
             "levels": [{"code": "L0", "name": "见习", "name_en": "Trainee", "promote": {}},
                        {"code": "L1", "name": "初级", "name_en": "Junior",
                         "promote": {"accepted_orders": 4, "rating": 4.3,
                                     "max_upheld_disputes": 1}}]}
    ex = SimpleNamespace(level="L0", level_name="见习", level_name_en="Trainee", multiplier="1.00",
                         next_level="L1", gap=("还需完成 3 单验收",), gap_en=("3 more accepted orders",),
                         metrics={"values": {"accepted_orders": 1, "rating": 4.8,
                                             "max_upheld_disputes": 0},
                                  "samples": {"rating": 5}})
    info = level_progress(ex, rules)
    assert info["next"] == "初级" and info["level"] == "见习"
    fr = {m: f for m, _v, _b, f, _s in info["items"]}
    assert fr == {"accepted_orders": 0.25, "rating": 1.0, "max_upheld_disputes": 1.0}
    assert abs(info["overall"] - 0.75) < 1e-9
    assert level_progress(ex, rules, english=True)["gap"] == ["3 more accepted orders"]
    # Too few ratings: a good average does not count as reached.
    ex.metrics["samples"]["rating"] = 1
    short = {m: (f, s) for m, _v, _b, f, s in level_progress(ex, rules)["items"]}
    assert short["rating"][0] < 0.5 and short["rating"][1] == (1, 3)
    # At the top level there is no next bar.
    ex.next_level = None
    assert level_progress(ex, rules)["overall"] is None


def test_maker_home_shows_level_bar_gap_and_trend_chart(qtbot, ctx):
    from PySide6.QtGui import QColor

    from creator_studio.ui.market.maker_home import TrendChart
    from creator_studio.ui.market.maker_views import MakerMarketView

    win = _signed_in(qtbot, ctx, "maker01")
    mv = next(v for v in win.views.values() if isinstance(v, MakerMarketView))
    home = mv.home
    assert win.rail.entry_for(home) is not None
    assert home.data is None  # nothing loaded before the page is shown
    win.resize(1200, 800)
    win.show()
    win.rail.show_page(home)
    qtbot.waitUntil(lambda: home.data is not None, timeout=15000)
    ex = home.data["explain"]
    if ex is None:  # no grade rules in force: the page says so, no bar
        assert home.progress.isHidden()
    else:
        info = home.progress_info
        assert home.progress.value() == int(round((info["overall"] or 0) * 100)) or \
            info["next"] is None
        if info["next"] is not None:
            assert info["next"] in home.progress.format()
            assert home.gap_label.text()  # the gap is spelled out
    # The chart: bars for earnings and a line for ratings, in their own colours.
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.set_months([{"month": "2026-10", "paid_fen": 250000, "rating_count": 2, "rating_sum": 9},
                      {"month": "2026-11", "paid_fen": 500000, "rating_count": 1, "rating_sum": 5},
                      {"month": "2026-09", "agreed_fen": 100000, "paid_fen": 0},
                      {"month": None, "orders": 1, "paid_fen": 5000}])  # no acceptance time
    from creator_studio.ui.formatting import fmt_month

    # sorted by month, written as the language writes a month (2026年9月 / Sep 2026)
    assert [m for m, _y, _a in chart.months] == [fmt_month(x) for x in ("2026-09", "2026-10", "2026-11")]
    assert chart.months[1][2] == 4.5 and chart.months[0][2] is None
    img = chart.grab().toImage()

    def count(colour):
        want = QColor(colour)
        return sum(1 for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)
                   if abs(img.pixelColor(x, y).red() - want.red()) < 10
                   and abs(img.pixelColor(x, y).green() - want.green()) < 10
                   and abs(img.pixelColor(x, y).blue() - want.blue()) < 10)

    assert count(TrendChart.EARN) > 200 and count(TrendChart.RATE) > 20
    empty = TrendChart()
    qtbot.addWidget(empty)
    empty.resize(600, 300)
    empty.set_months([])
    img = empty.grab().toImage()
    assert count(TrendChart.EARN) < 50  # only the legend swatch
    _close(qtbot, ctx, win)


def test_render_queue_one_indicator_for_all_render_jobs_with_cancel(qtbot, ctx):
    import threading

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    q = win.render_queue
    assert q.isHidden()
    gates = [threading.Event(), threading.Event()]

    def work(i):
        def fn(job):
            job.progress(1 if i == 0 else 3, 4, "page")
            while True:
                job.raise_if_cancelled()
                if gates[i].wait(0.02):
                    return i
        return fn

    h0 = ctx.runner.run(work(0), label=tr("Rendering"))
    h1 = ctx.runner.run(work(1), label=tr("Rendering"))
    quick = ctx.runner.run(lambda job: 1, label="list")  # a list load never shows
    qtbot.waitUntil(lambda: q.isVisible() and len(q.jobs) == 2, timeout=5000)
    assert quick not in q.jobs
    qtbot.waitUntil(lambda: q.bar.value() == 500, timeout=5000)  # (25% + 75%) / 2
    assert tr("{n} jobs: {first} …").format(n=2, first=tr("Rendering")) == q.label.text()
    assert len(q.menu.actions()) == 2
    gates[0].set()  # the first finishes; the queue shows the other alone
    qtbot.waitUntil(lambda: len(q.jobs) == 1, timeout=5000)
    assert q.bar.value() == 750 and q.label.text().startswith(tr("Rendering"))
    q.cancel_button.click()  # Cancel stops what is left
    qtbot.waitUntil(lambda: h1.done, timeout=5000)
    qtbot.waitUntil(lambda: q.isHidden(), timeout=5000)
    from creator_studio.core.errors import Cancelled

    assert h0.result == 0 and h1.result is None and isinstance(h1.error, Cancelled)
    ctx.runner.wait()


VTT = """WEBVTT

NOTE made by hand

1
00:00:00.500 --> 00:00:01.400 line:90%
报案受理第一步

00:00:01.500 --> 00:00:02.800
<v 讲师>核实保单信息</v>
"""


def test_caption_parser_reads_vtt_and_srt(tmp_path):
    from creator_studio.ui.widgets.captions import CueTrack, captions_for, parse_captions

    cues = parse_captions(VTT)
    assert [(c.start_ms, c.end_ms, c.text) for c in cues] == [
        (500, 1400, "报案受理第一步"), (1500, 2800, "核实保单信息")]
    srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\nHello\r\nworld\r\n\r\n2\r\n00:01:00,250 --> " \
          "00:01:01,000\r\nBye\r\n"
    track = CueTrack(parse_captions(srt))
    assert track.at(999) == "" and track.at(1000) == "Hello\nworld" and track.at(2000) == ""
    assert track.at(60_500) == "Bye"
    (tmp_path / "skit.mp4").write_bytes(b"")
    (tmp_path / "skit.srt").write_text(srt, encoding="utf-8")
    assert captions_for(tmp_path / "skit.mp4") == tmp_path / "skit.srt"
    (tmp_path / "skit.vtt").write_text(VTT, encoding="utf-8")
    assert captions_for(tmp_path / "skit.mp4") == tmp_path / "skit.vtt"  # WebVTT first


def test_video_player_shows_the_caption_cue_and_the_first_frame(qtbot, tmp_path, monkeypatch):
    import shutil
    import subprocess

    from creator_studio.ui.studio.previews import VideoPreview

    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is part of the set-up (scripts/setup.sh)"
    video = tmp_path / "course.mp4"
    subprocess.run([ffmpeg, "-v", "error", "-f", "lavfi", "-i",
                    "color=c=0x2e7dd2:size=320x180:rate=10", "-t", "3", "-pix_fmt", "yuv420p",
                    str(video)], check=True)
    (tmp_path / "course.vtt").write_text(VTT, encoding="utf-8")
    monkeypatch.setenv("CREATOR_STUDIO_MULTIMEDIA", "1")
    v = VideoPreview(video)
    qtbot.addWidget(v)
    v.resize(480, 400)
    v.show()
    assert v.caption_label.isVisible() and v.caption_check.isEnabled()
    qtbot.waitUntil(lambda: v.seek.maximum() > 2500, timeout=15000)
    # Before Play: the first frame is in the video sink, in the video's own colour, not black.
    sink = v.video.videoSink()
    qtbot.waitUntil(lambda: sink.videoFrame().isValid(), timeout=10000)
    img = sink.videoFrame().toImage()
    c = img.pixelColor(img.width() // 2, img.height() // 2)
    assert c.blue() > 150 and c.red() < 100, c.name()
    # The cue of the moment, from the player's position.
    v.player.setPosition(1700)
    qtbot.waitUntil(lambda: v.caption_label.text() == "核实保单信息", timeout=10000)
    assert v.show_caption(700) == "报案受理第一步" and v.caption_label.text() == "报案受理第一步"
    assert v.show_caption(1450) == ""
    v.caption_check.setChecked(False)  # captions off
    assert v.show_caption(700) == "" and v.caption_label.isHidden()
    v.stop()


def test_video_without_captions_hides_the_caption_line(qtbot, tmp_path, monkeypatch):
    import shutil
    import subprocess

    from creator_studio.ui.studio.previews import VideoPreview

    video = tmp_path / "a.mp4"
    subprocess.run([shutil.which("ffmpeg"), "-v", "error", "-f", "lavfi", "-i",
                    "color=c=white:size=160x90:rate=10", "-t", "1", "-pix_fmt", "yuv420p",
                    str(video)], check=True)
    monkeypatch.setenv("CREATOR_STUDIO_MULTIMEDIA", "1")
    v = VideoPreview(video)
    qtbot.addWidget(v)
    v.show()
    assert v.captions is None
    assert v.caption_label.isHidden() and not v.caption_check.isEnabled()
    assert v.show_caption(500) == ""
    v.stop()


def _import_with_thumbnails(qtbot, ctx, deck, tmp_path, monkeypatch):
    from creator_studio.ui.studio.thumbnails import SlideThumbnails
    from creator_studio.ui.studio.workspace import MakerStudio

    monkeypatch.setenv("CREATOR_STUDIO_THUMBNAILS", "1")
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    studio.thumbnails = SlideThumbnails(ctx.runner, studio, root=tmp_path / "thumbs")
    h = studio.import_file(deck)
    wait_job(qtbot, h, timeout=120000)
    assert h.error is None, h.error
    wait_job(qtbot, studio.render_panel.load_handle)
    th = studio.thumbnails.handle
    assert th is not None
    wait_job(qtbot, th, timeout=180000)
    assert th.error is None, th.error
    qtbot.wait(20)
    return studio


def _blue_header(img) -> int:
    """Pixels of the placeholder drawing's blue header bar (#1f5fa8) in the top rows."""
    return sum(1 for x in range(0, img.width(), 2) for y in range(0, max(2, img.height() // 20))
               if abs(img.pixelColor(x, y).red() - 0x1f) < 12
               and abs(img.pixelColor(x, y).green() - 0x5f) < 12
               and abs(img.pixelColor(x, y).blue() - 0xa8) < 12)


def test_page_list_shows_real_slide_thumbnails_made_in_the_background(qtbot, ctx, tiny_deck,
                                                                       tmp_path, monkeypatch):
    from creator_studio.core.media import raster
    from creator_studio.ui.studio.page_list import draw_thumbnail

    has_lo = raster.soffice_exe() is not None
    studio = _import_with_thumbnails(qtbot, ctx, tiny_deck, tmp_path, monkeypatch)
    model = studio.page_model
    lesson = studio.project.lesson
    pages = lesson.visible_pages()
    assert pages and all(model.has_real_thumbnail(p) for p in pages)
    for row, page in enumerate(lesson.pages):
        if page not in pages:
            continue
        pm = model.data(model.index(row), Qt.ItemDataRole.DecorationRole)
        img = pm.toImage()
        placeholder = draw_thumbnail(page, lesson, ratio=model.ratio).toImage()
        assert img.size() == placeholder.size() or img.width() <= placeholder.width()
        # A picture of the slide, not the schematic drawing (no blue header bar on top).
        assert _blue_header(placeholder) > 20
        assert _blue_header(img) < 5, row
    fixed = [model.pictures[p.id][1] for p in pages if p.id in model.pictures]
    if has_lo:  # the deck's own slides (LibreOffice): they stay when the text is edited
        assert fixed and all(fixed)
    # Cached: the same course again is served from the cache folder, without LibreOffice.
    manifests = list((tmp_path / "thumbs").glob("*/thumbnails.json"))
    assert len(manifests) == 1
    monkeypatch.setattr(raster, "rasterize", lambda *a, **k: (_ for _ in ()).throw(
        AssertionError("not cached")))
    model.pictures.clear()
    h = studio.start_thumbnails()
    wait_job(qtbot, h)
    assert h.error is None and all(model.has_real_thumbnail(p) for p in pages)
    studio.project.close_clean() if hasattr(studio.project, "close_clean") else None
    ctx.runner.wait()


def test_thumbnails_without_libreoffice_are_drawn_slides_until_edited(qtbot, ctx, tiny_deck,
                                                                      tmp_path, monkeypatch):
    from creator_studio.core.media import raster

    monkeypatch.setattr(raster, "soffice_exe", lambda: None)
    studio = _import_with_thumbnails(qtbot, ctx, tiny_deck, tmp_path, monkeypatch)
    model = studio.page_model
    page = studio.project.lesson.visible_pages()[0]
    assert model.has_real_thumbnail(page)
    assert model.pictures[page.id][1] is False  # drawn from the text, not the deck's slide
    page.title = page.title + "（改）"  # edited since: the live drawing shows until the next pass
    assert not model.has_real_thumbnail(page)
    ctx.runner.wait()
