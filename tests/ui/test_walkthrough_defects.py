"""Regression tests for the walkthrough defects of #18 (one test per defect, real widgets)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget

from creator_studio.ui.market.common import ERROR_COLOUR, SUCCESS_COLOUR, make_table
from creator_studio.ui.market.lazy_model import Col, LazyTableModel, yuan
from uihelpers import make_market_world, sign_in, wait_job


def _orders(n: int, status: str):
    return [{"id": i, "title": f"车险理赔服务规范培训课程 第{i}期", "price": 1_160_000 + i,
             "status": status, "due": "2026-12-28"} for i in range(n)]


def test_defect1_columns_keep_their_text_after_a_reload(qtbot):
    """Price, status and due date stay wider than their text after refreshes, in a narrow pane
    and while the tab is hidden; only the title column gives way (its text is the tooltip)."""
    from creator_studio.ui.runner import JobRunner

    runner = JobRunner()
    rows = {"now": _orders(30, "已交付")}
    model = LazyTableModel([Col("订单", lambda r: f"#{r['id']}"), Col("需求", lambda r: r["title"]),
                            Col("价格", lambda r: yuan(r["price"]), True),
                            Col("状态", lambda r: r["status"]), Col("应交日期", lambda r: r["due"])],
                           runner=runner)
    table = make_table(model, "orders", 1)
    tabs = QTabWidget()
    tabs.addTab(QLabel("另一页"), "a")
    split = QSplitter()
    split.addWidget(table)
    split.addWidget(QLabel("预览" * 40))
    tabs.addTab(split, "orders")
    qtbot.addWidget(tabs)
    tabs.resize(520, 300)
    tabs.show()

    def load():
        model.set_fetch(lambda n, o: rows["now"][o:o + n])
        qtbot.waitUntil(lambda: not model.loading and model.rowCount() == min(len(rows["now"]), 100),
                        timeout=10000)

    def assert_readable():
        fm = table.fontMetrics()
        for c in (2, 3, 4):
            widest = max(fm.horizontalAdvance(model.data(model.index(r, c)))
                         for r in range(model.rowCount()))
            assert table.columnWidth(c) > widest, (c, table.columnWidth(c), widest)

    load()  # loaded while the tab is hidden
    tabs.setCurrentIndex(1)
    qtbot.wait(50)
    assert_readable()
    rows["now"] = _orders(30, "要求修改（第2次）")  # a live refresh: longer status texts
    model.reload()
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() == 30, timeout=10000)
    assert_readable()
    tabs.setCurrentIndex(0)
    rows["now"] = _orders(0, "")  # emptied, hidden, then filled again
    load()
    rows["now"] = _orders(250, "已支付")
    load()
    tabs.setCurrentIndex(1)
    assert_readable()
    runner.wait()


def test_defect2_success_is_green_and_errors_red(qtbot, ctx):
    """'报价已提交' (Offer sent) shows as a success next to the offer button; a refusal as an error."""
    from creator_studio.ui.market.maker_views import MakerMarketView

    ids = make_market_world(ctx.market)
    m = ctx.market
    buyer = sign_in(qtbot, ctx, "buyer01")
    m.post_request(buyer, title="寿险营销开门红话术", forms=["long-image"], budget_fen=300000,
                   deadline=m.now() + timedelta(days=14), business_line_id=ids["business_line"])
    sign_in(qtbot, ctx, "maker01")
    view = MakerMarketView(ctx)
    qtbot.addWidget(view)
    market = view.market
    qtbot.waitUntil(lambda: market.model.rowCount() == 1, timeout=10000)
    market.table.selectRow(0)
    market.price.setValue(5000)  # over budget: refused
    wait_job(qtbot, market.make_offer())
    assert market.message.kind == "error"
    assert ERROR_COLOUR in market.message.styleSheet()
    market.price.setValue(2500)
    h = market.make_offer()
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert market.message.kind == "success"
    assert SUCCESS_COLOUR in market.message.styleSheet()
    assert market.message.text().startswith("✓ ") and "Offer sent." in market.message.text()
    market.table.selectRow(0)
    market.message.setStyleSheet("")  # an old caller's reset no longer strips the colour
    market.message.setText("请先选择一个需求")
    assert market.message.kind == "error" and ERROR_COLOUR in market.message.styleSheet()
    ctx.runner.wait()


def test_defect3_import_asks_before_picking_and_a_failed_import_keeps_the_project(
        qtbot, ctx, tiny_deck, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from creator_studio.ui.studio import workspace
    from creator_studio.ui.studio.workspace import MakerStudio

    B = QMessageBox.StandardButton
    events: list[str] = []
    pick = {"path": ""}

    def fake_open_file(*_a, **_k):
        events.append("dialog")
        return pick["path"], ""

    monkeypatch.setattr(workspace.file_dialogs, "open_file", fake_open_file)
    shown = []
    monkeypatch.setattr(workspace, "show_error", lambda *a, **k: shown.append(a[1]))
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    answer = {"b": B.Discard}
    studio.ask = lambda *a: events.append("ask") or answer["b"]
    wait_job(qtbot, studio.render_panel.load_handle)

    # A first import: nothing open, no question.
    pick["path"] = str(tiny_deck)
    studio.choose_import()
    wait_job(qtbot, studio.import_progress.handle)
    first = studio.project
    assert first is not None and events == ["dialog"]

    # Unedited: importing again asks nothing (the source still holds everything).
    events.clear()
    pick["path"] = ""  # the person cancels the file dialog
    studio.choose_import()
    assert events == ["dialog"] and studio.project is first

    # Edited: the question comes first; Cancel means no file dialog at all.
    studio.page_editor.title_edit.setText("改过的标题")
    studio.page_editor.title_edit.editingFinished.emit()
    assert first.dirty
    events.clear()
    answer["b"] = B.Cancel
    studio.choose_import()
    assert events == ["ask"] and studio.project is first

    # Discard, then the picked file is broken: the edited project stays, with its editor.
    bad = tmp_path / "坏文件.pptx"
    bad.write_bytes(b"not a zip")
    events.clear()
    answer["b"] = B.Discard
    pick["path"] = str(bad)
    studio.choose_import()
    assert events == ["ask", "dialog"]
    wait_job(qtbot, studio.import_progress.handle)
    assert shown and getattr(shown[0], "code", None)  # the typed error was shown
    assert studio.project is first and first.work_dir.exists()
    assert first.lesson.pages[0].title == "改过的标题"
    assert studio.page_editor.title_edit.text() == "改过的标题"  # not stale

    # A good file after Discard replaces it, without a second question.
    events.clear()
    pick["path"] = str(tiny_deck)
    studio.choose_import()
    wait_job(qtbot, studio.import_progress.handle)
    assert events == ["ask", "dialog"]
    assert studio.project is not first and not first.work_dir.exists()
    assert studio.project.lesson.pages[0].title != "改过的标题"
    wait_job(qtbot, studio.render_panel.load_handle)


class _QuizCardFormat:
    """A third-party form as a plugin would register it (no `order`: it goes last)."""

    id = "quiz-card"
    label_zh = "知识卡片"
    label_en = "Quiz cards"

    def options(self):
        return []


@pytest.fixture
def plugin_registry(monkeypatch):
    from PySide6.QtCore import QLocale

    from creator_studio.core.forms import base
    from creator_studio.ui import forms_meta

    real = base._load_registry
    locale_before = QLocale()
    monkeypatch.setattr(base, "_load_registry", lambda: {**real(), "quiz-card": _QuizCardFormat()})
    base.available_formats(reload=True)
    forms_meta.form_infos(reload=True)
    yield
    monkeypatch.setattr(base, "_load_registry", real)
    base.available_formats(reload=True)
    forms_meta.form_infos(reload=True)
    QLocale.setDefault(locale_before)


def test_form_names_come_from_the_registry_only(qtbot, ctx, plugin_registry):
    """A plugin form shows its label everywhere; built-ins keep their order; one English name
    per form; no "、" between English items."""
    from PySide6.QtCore import QLocale

    from creator_studio.core.forms.base import available_formats
    from creator_studio.ui.forms_meta import form_infos, form_names, forms_text
    from creator_studio.ui.market.maker_views import MakerMarketView
    from creator_studio.ui.studio.previews import _form_labels

    ids = [i.id for i in form_infos()]
    assert ids[:4] == ["long-image", "screen-record", "h5", "skit"] and "quiz-card" in ids[4:]
    fmts = available_formats()
    QLocale.setDefault(QLocale(QLocale.Language.English))
    en = form_names()
    assert en["quiz-card"] == "Quiz cards"
    assert all(en[f] == fmts[f].label_en for f in fmts)  # the Format's own English name
    assert _form_labels("en") == en  # previews and market agree
    assert forms_text(["long-image", "quiz-card"]) == "Long image, Quiz cards"
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    assert forms_text(["long-image", "quiz-card"]) == "长图文、知识卡片"

    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "maker01")
    view = MakerMarketView(ctx)
    qtbot.addWidget(view)
    combo = view.market.form_combo
    items = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert items["quiz-card"] == "知识卡片" and "quiz-card" not in items.values()
    qtbot.waitUntil(lambda: not view.market.model.loading, timeout=10000)
    ctx.runner.wait()


def test_defect7_ctrl_y_redoes(qtbot, ctx, tiny_deck):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    from creator_studio.ui.studio.workspace import MakerStudio

    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    assert QKeySequence("Ctrl+Y") in studio.redo_action.shortcuts()
    wait_job(qtbot, studio.import_file(tiny_deck))
    wait_job(qtbot, studio.render_panel.load_handle)
    studio.show()
    ed = studio.page_editor
    ed.title_edit.setText("新标题")
    ed.title_edit.editingFinished.emit()
    assert studio.project.lesson.pages[0].title == "新标题"
    studio.undo_action.trigger()
    assert studio.project.lesson.pages[0].title != "新标题"
    studio.activateWindow()
    qtbot.waitActive(studio)
    studio.page_view.setFocus()  # outside a text field (a line edit keeps Ctrl+Y for itself)
    qtbot.waitUntil(studio.page_view.hasFocus, timeout=2000)
    qtbot.keyClick(studio.page_view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert studio.project.lesson.pages[0].title == "新标题"


def _wheel(widget, dy=-120):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    pos = QPointF(widget.rect().center())
    ev = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, dy),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                     Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)


def test_defect7_wheel_over_an_unfocused_combo_scrolls_the_page(qtbot):
    from PySide6.QtWidgets import QComboBox, QScrollArea, QVBoxLayout, QWidget

    from creator_studio.ui.widgets import wheel_guard

    wheel_guard.install()
    area = QScrollArea()
    host = QWidget()
    lay = QVBoxLayout(host)
    combo = QComboBox()
    combo.addItems(["企业蓝", "极简", "暖橙"])
    lay.addWidget(combo)
    lay.addSpacing(3000)
    area.setWidget(host)
    qtbot.addWidget(area)
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    assert not combo.hasFocus()
    _wheel(combo)
    assert combo.currentIndex() == 0  # not changed
    assert area.verticalScrollBar().value() > 0  # the page scrolled instead
    area.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    _wheel(combo)
    assert combo.currentIndex() == 1  # focused: the wheel picks, as people expect


def test_defect4_options_show_labels_not_raw_values(qtbot, ctx):
    from PySide6.QtWidgets import QComboBox

    from creator_studio.ui.studio.render_panel import RenderPanel

    panel = RenderPanel(ctx, lambda: None, lambda: None)
    qtbot.addWidget(panel)
    wait_job(qtbot, panel.load_handle)
    texts = {c.itemText(i) for ow in panel.options.values() for c in ow.widgets.values()
             if isinstance(c, QComboBox) for i in range(c.count())}
    assert texts and not texts & {"both", "auto", "corporate-blue", "on", "off", "always", "never"}
    theme = panel.options["long-image"].widgets["theme"]
    assert theme.itemData(0) == "corporate-blue" and theme.itemText(0) in ("企业蓝", "Corporate blue")


def test_defect5_9_award_keeps_selection_and_shows_the_truth(qtbot, ctx):
    """After the award the request stays selected, its offers reload (the chosen one says so,
    not "active"), and the request still counts its offer."""
    from creator_studio.ui.market.buyer_views import BuyerView
    from creator_studio.ui.market.common import status_name

    ids = make_market_world(ctx.market)
    m = ctx.market
    buyer = sign_in(qtbot, ctx, "buyer01")
    rids = [m.post_request(buyer, title=t, forms=["long-image"], budget_fen=300000,
                           deadline=m.now() + timedelta(days=14),
                           business_line_id=ids["business_line"]) for t in ("甲需求", "乙需求")]
    maker = sign_in(qtbot, ctx, "maker01")
    for rid in rids:
        m.make_offer(maker, rid, 250000, 5, "")
    sign_in(qtbot, ctx, "buyer01")
    view = BuyerView(ctx)
    qtbot.addWidget(view)
    view.show()  # a window that is not on screen does not re-select (a closed one must not)
    reqs = view.requests
    qtbot.waitUntil(lambda: reqs.req_model.rowCount() == 2, timeout=10000)
    reqs.req_table.selectRow(1)
    chosen_id = reqs.req_model.row(1)["id"]
    qtbot.waitUntil(lambda: reqs.offer_model.rowCount() == 1, timeout=10000)
    reqs.offer_table.selectRow(0)
    wait_job(qtbot, reqs.award())
    assert reqs.message.kind == "success"

    def settled():
        sel = reqs.req_table.selectionModel().selectedRows()
        return (sel and reqs.req_model.row(sel[0].row())["id"] == chosen_id
                and reqs.offer_model.rowCount() == 1
                and reqs.offer_model.row(0)["status"] == "awarded")

    qtbot.waitUntil(settled, timeout=10000)
    row = next(r for r in reqs.req_model.rows if r["id"] == chosen_id)
    assert row["status"] == "awarded" and row["offers"] == 1  # not 0 after the award
    state_col = [c.header for c in reqs.offer_model.columns].index("State")
    assert reqs.offer_model.data(reqs.offer_model.index(0, state_col)) == status_name("awarded")
    ctx.runner.wait()


def test_defect5_certificate_holder_is_not_told_to_apply(qtbot, ctx):
    from creator_studio.core.market import certification as cert
    from creator_studio.core.store.models import User
    from creator_studio.ui.market.cert_views import MakerCertification

    ids = make_market_world(ctx.market)  # maker01 holds a valid certificate, no application
    svc = ctx.market.svc
    with svc.write() as s:
        cert.create_program(s, s.get(User, ids["staff"]), code="maker", title="创客认证",
                            forms=["long-image", "h5"],
                            modules=[{"id": "m1", "title": "微课设计", "url": "https://learn/m1"}],
                            question_bank=[{"id": f"q{i}", "stem": f"题{i}", "options": ["对", "错"],
                                            "answers": [0]} for i in range(4)],
                            exam_size=2, pass_mark=60, now=svc.now())
    sign_in(qtbot, ctx, "maker01")
    view = MakerCertification(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: "CS-UI-" in view.status_label.text(), timeout=10000)
    assert "You have not applied yet." not in view.status_label.text()
    sign_in(qtbot, ctx, "maker09")  # no certificate: the hint to apply stays
    other = MakerCertification(ctx)
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: "You have not applied yet." in other.status_label.text(),
                    timeout=10000)
    ctx.runner.wait()


def test_defect10_one_rating_is_singular(qtbot, ctx):
    from creator_studio.core.market.nps import NpsSummary
    from creator_studio.core.market.queries import MakerSummary
    from creator_studio.ui.market.maker_views import MakerRecord

    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "maker01")
    rec = MakerRecord(ctx)
    qtbot.addWidget(rec)
    wait_job(qtbot, rec.handle)
    nps = NpsSummary(count=0, promoters=0, passives=0, detractors=0)
    rec.show_summary({"summary": MakerSummary(1, 1, 4, 1, 0, nps)})
    assert "4.00 ★ from 1 rating." in rec.summary_label.text()
    rec.show_summary({"summary": MakerSummary(1, 2, 9, 2, 0, nps)})
    assert "4.50 ★ from 2 ratings." in rec.summary_label.text()
    ctx.runner.wait()


def _ts_map(lang: str) -> dict[str, str]:
    import xml.etree.ElementTree as ET

    from creator_studio.ui import i18n_build

    return {m.findtext("source"): m.findtext("translation") or m.findtext("source")
            for m in ET.parse(i18n_build.ts_path(lang)).iter("message")}


def _mnemonic(text: str) -> str | None:
    i = text.replace("&&", "").find("&")
    return None if i < 0 else text.replace("&&", "")[i + 1].upper()


def _clashes(root, translate) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton

    seen: dict[str, str] = {}
    out = []
    for b in root.findChildren(QAbstractButton):
        if not b.isVisibleTo(root) or not b.text():
            continue
        key = _mnemonic(translate(b.text()))
        if key is None:
            continue
        if key in seen:
            out.append(f"{seen[key]!r} / {b.text()!r} share &{key}")
        seen[key] = b.text()
    return out


def test_defect7_no_two_visible_buttons_share_a_mnemonic(qtbot, ctx):
    """The buyer's order review (with its pin board) in both catalogues: one letter, one button."""
    from creator_studio.ui.market.buyer_views import BuyerView

    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "buyer01")
    view = BuyerView(ctx)
    qtbot.addWidget(view)
    view.resize(1440, 900)
    view.show()
    for i in range(view.count()):
        view.setCurrentIndex(i)
        page = view.currentWidget()
        for lang in ("zh_CN", "en"):
            catalogue = _ts_map(lang)
            assert _clashes(page, lambda t: catalogue.get(t, t)) == [], (i, lang)
    ctx.runner.wait()


def test_defect8_empty_market_and_deliver_tab_say_what_to_do(qtbot, ctx):
    from creator_studio.ui.market.maker_views import DeliverPanel, MakerMarketView
    from creator_studio.ui.studio.workspace import MakerStudio

    make_market_world(ctx.market)  # no open request at all
    sign_in(qtbot, ctx, "maker09")  # not certified
    view = MakerMarketView(ctx)
    qtbot.addWidget(view)
    hint = view.market.empty_hint
    qtbot.waitUntil(lambda: not hint.isHidden() and "My certification" in hint.text(),
                    timeout=10000)
    sign_in(qtbot, ctx, "maker01")  # certified, but nothing open
    certified = MakerMarketView(ctx)
    qtbot.addWidget(certified)
    hint2 = certified.market.empty_hint
    qtbot.waitUntil(lambda: not hint2.isHidden() and "appear here" in hint2.text(), timeout=10000)
    assert "My certification" not in hint2.text()
    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    deliver = DeliverPanel(ctx, studio)
    qtbot.addWidget(deliver)
    qtbot.waitUntil(lambda: not deliver.empty_hint.isHidden(), timeout=10000)
    assert "win in the market" in deliver.empty_hint.text()
    wait_job(qtbot, studio.render_panel.load_handle)
    ctx.runner.wait()


def test_defect11_video_preview_has_a_seek_bar_and_time(qtbot, tmp_path, monkeypatch):
    import shutil
    import subprocess

    from creator_studio.ui.studio.previews import VideoPreview, clock

    assert clock(0) == "0:00" and clock(65_400) == "1:05" and clock(3_725_000) == "1:02:05"
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is part of the set-up (scripts/setup.sh)"
    video = tmp_path / "course.mp4"
    subprocess.run([ffmpeg, "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=10",
                    "-t", "3", "-pix_fmt", "yuv420p", str(video)], check=True)
    monkeypatch.setenv("CREATOR_STUDIO_MULTIMEDIA", "1")
    v = VideoPreview(video)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitUntil(lambda: v.seek.maximum() > 2500, timeout=15000)
    assert v.time_label.text().endswith("/ 0:03")
    v.seek.setSliderPosition(2000)
    v.seek.triggerAction(v.seek.SliderAction.SliderMove)
    qtbot.waitUntil(lambda: v.player.position() >= 1500, timeout=10000)
    qtbot.waitUntil(lambda: v.time_label.text().startswith(("0:01", "0:02")), timeout=10000)
    v.stop()


def test_defect10_date_pickers_use_the_tables_date_style(qtbot, ctx):
    from PySide6.QtCore import QDate

    from creator_studio.ui.formatting import fmt_date
    from creator_studio.ui.market.buyer_views import BuyerView
    from creator_studio.ui.market.maker_views import MakerMarketView

    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "buyer01")
    buyer = BuyerView(ctx)
    qtbot.addWidget(buyer)
    buyer.post_form.deadline.setDate(QDate(2027, 1, 31))
    # the tables' words for that day (#18 item 4: the chosen language's), never "1/31/27"
    assert buyer.post_form.deadline.text() == fmt_date(QDate(2027, 1, 31)) != "1/31/27"
    sign_in(qtbot, ctx, "maker01")
    maker = MakerMarketView(ctx)
    qtbot.addWidget(maker)
    maker.market.deadline_edit.setDate(QDate(2026, 12, 28))
    assert maker.market.deadline_edit.text() == fmt_date(QDate(2026, 12, 28))
    qtbot.waitUntil(lambda: not maker.market.model.loading, timeout=10000)
    ctx.runner.wait()


def test_star_rating_widget_replaces_the_spin_box(qtbot, ctx):
    from PySide6.QtCore import Qt

    from creator_studio.ui.market.buyer_views import BuyerView
    from creator_studio.ui.widgets.star_rating import StarRating

    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "buyer01")
    view = BuyerView(ctx)
    qtbot.addWidget(view)
    stars = view.orders.stars if hasattr(view, "orders") else None
    stars = stars or next(w for w in view.findChildren(StarRating))
    assert isinstance(stars, StarRating) and stars.value() == 5
    with qtbot.waitSignal(stars.valueChanged):
        qtbot.mouseClick(stars.buttons[3], Qt.MouseButton.LeftButton)
    assert stars.value() == 4 and [b.text() for b in stars.buttons] == ["★"] * 4 + ["☆"]
    qtbot.keyClick(stars, Qt.Key.Key_Left)
    assert stars.value() == 3
    qtbot.keyClick(stars, Qt.Key.Key_5)
    assert stars.value() == 5
    stars.setValue(0)  # clamped, never an impossible rating
    assert stars.value() == 1
    ctx.runner.wait()


def test_defect11_h5_preview_switches_phone_and_desktop(tmp_path):
    """Run in a child process: a second QtWebEngine view in one long test process can crash
    Chromium offscreen (seen here), and that must not take the whole test run down."""
    import os
    import subprocess
    import sys
    import textwrap

    html = tmp_path / "index.html"
    html.write_text("<!doctype html><html><head><meta charset='utf-8'><title>课程</title></head>"
                    "<body><p>你好</p></body></html>", encoding="utf-8")
    script = tmp_path / "h5_toggle.py"
    script.write_text(textwrap.dedent(f"""
        import creator_studio.ui
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication, Qt, QEventLoop, QTimer
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from creator_studio.ui.studio.previews import HtmlPreview
        h = HtmlPreview(Path({str(html)!r}))
        h.resize(1200, 700)
        h.show()
        assert h.view is not None, "web engine not loaded"
        loop = QEventLoop()
        ok = []
        h.view.loadFinished.connect(lambda r: (ok.append(r), loop.quit()))
        QTimer.singleShot(30000, loop.quit)
        loop.exec()
        assert ok == [True], ok
        assert h.mode == "phone" and h.phone_button.isChecked()
        QTest.qWait(100)
        print("phone", h.view.width())
        QTest.mouseClick(h.desktop_button, Qt.MouseButton.LeftButton)
        QTest.qWait(100)
        assert h.mode == "desktop" and not h.phone_button.isChecked()
        print("desktop", h.view.width())
        h.set_mode("phone")
        QTest.qWait(100)
        print("phone", h.view.width())
    """), encoding="utf-8")
    env = dict(os.environ, CREATOR_STUDIO_WEBENGINE="1", QT_QPA_PLATFORM="offscreen")
    res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120, env=env)
    assert res.returncode == 0, res.stderr[-2000:]
    widths = [ln.split() for ln in res.stdout.splitlines() if ln.startswith(("phone", "desktop"))]
    from creator_studio.ui.studio.previews import HtmlPreview

    assert widths[0] == ["phone", str(HtmlPreview.PHONE_WIDTH)]
    assert widths[1][0] == "desktop" and int(widths[1][1]) > 900
    assert widths[2] == ["phone", str(HtmlPreview.PHONE_WIDTH)]


def test_light_theme_is_built_from_tokens_and_follows_the_font(qapp, monkeypatch):
    import re

    from creator_studio.ui import theme

    small, large = theme.stylesheet(9.0), theme.stylesheet(14.0)
    assert "@" not in re.sub(r"/\*.*?\*/", "", small, flags=re.S)  # every token filled in
    assert "font-size: 9.0pt" in small and "font-size: 14.0pt" in large  # the system size
    assert theme.TOKENS["primary"] in small
    assert "#000000" in theme.stylesheet(10.0, {"primary": "#000000"})
    before = qapp.styleSheet()
    try:
        monkeypatch.setenv("CREATOR_STUDIO_THEME", "0")
        assert theme.apply(qapp) is False and qapp.styleSheet() == before
        monkeypatch.setenv("CREATOR_STUDIO_THEME", "1")
        assert theme.apply(qapp) is True and "QHeaderView::section" in qapp.styleSheet()
    finally:
        qapp.setStyleSheet(before)


def test_main_buttons_have_icons_and_work_without_qtawesome(qtbot, ctx, monkeypatch):
    import builtins

    from creator_studio.ui import icons
    from creator_studio.ui.studio.workspace import MakerStudio

    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    for b in (studio.import_button, studio.open_button, studio.save_button,
              studio.undo_button, studio.redo_button, studio.render_panel.render_button):
        assert not b.icon().isNull(), b.text()
    wait_job(qtbot, studio.render_panel.load_handle)
    # Without qtawesome the buttons stay text-only and nothing breaks.
    real_import = builtins.__import__

    def no_qta(name, *a, **k):
        if name.startswith("qtawesome"):
            raise ImportError("qtawesome missing")
        return real_import(name, *a, **k)

    monkeypatch.setattr(icons, "_AVAILABLE", None)
    monkeypatch.setattr(builtins, "__import__", no_qta)
    bare = MakerStudio(ctx)
    qtbot.addWidget(bare)
    assert bare.import_button.icon().isNull() and bare.import_button.text()
    monkeypatch.setattr(builtins, "__import__", real_import)
    wait_job(qtbot, bare.render_panel.load_handle)
    monkeypatch.setattr(icons, "_AVAILABLE", None)


def test_defect10_qt_own_dialog_strings_follow_the_language(qapp):
    """The file dialog's own words come from Qt's catalogue (qtbase) in Chinese mode."""
    from PySide6.QtCore import QCoreApplication, QLocale

    from creator_studio.ui.i18n import install_translator, remove_translator

    before = QLocale()
    t = install_translator(qapp, "zh_CN")
    try:
        assert t is not None
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
        assert QCoreApplication.translate("QFileDialog", "Files of type:") == "文件类型："
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        remove_translator(qapp, t)
        QLocale.setDefault(before)
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
