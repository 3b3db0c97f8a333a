"""#18 item 4: the contest pages (staff set-up, a maker's entry and team, a judge's queue, the
people picker) in English show no Chinese of their own — only what people typed (titles, names).
And the same pages in 简体中文 are Chinese, so every string is in the catalogue."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from creator_studio.ui.market.contest_views import ContestEntryView, ContestSetup, JudgingView
from test_contest_views import _package
from uihelpers import make_market_world, sign_in, wait_job

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture
def language(qapp):
    from PySide6.QtCore import QLocale

    from creator_studio.ui.i18n import install_translator, remove_translator

    before, installed = QLocale(), []

    def use(lang: str) -> None:
        t = install_translator(qapp, lang)
        assert t is not None
        installed.append(t)
    yield use
    for t in installed:
        remove_translator(qapp, t)
    QLocale.setDefault(before)


def shown_texts(page: QWidget, user_data: set[str]) -> list[str]:
    """Every label, button, placeholder, combo item, table header and accessible name on the
    page, with the table cells and items that are people's own words left out."""
    out = []
    for w in [page, *page.findChildren(QWidget)]:
        out.append(w.accessibleName())
        out.append(w.toolTip())
        if isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
        if isinstance(w, QLineEdit | QPlainTextEdit):
            out.append(w.placeholderText())
        if isinstance(w, QPlainTextEdit):
            out.append(w.toPlainText())  # the default rubric is the window's, not typed
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTableWidget):
            out += [w.horizontalHeaderItem(c).text() for c in range(w.columnCount())
                    if w.horizontalHeaderItem(c) is not None]
            out += [w.item(r, c).text() for r in range(w.rowCount()) for c in range(w.columnCount())
                    if w.item(r, c) is not None]
    for data in user_data:
        out = [t.replace(data, "") for t in out]
    return [t for t in out if t]


def _chinese(texts: list[str]) -> list[str]:
    return [t for t in texts if CJK.search(t)]


def _world(qtbot, ctx, tmp_path):
    ids = make_market_world(ctx.market)
    now = ctx.market.now().replace(microsecond=0)
    staff = sign_in(qtbot, ctx, "staff01")
    c = ctx.market.create_contest(staff, title="Sunny lessons", forms=["h5"],
                                  entries_open_at=now - timedelta(minutes=1),
                                  entries_close_at=now + timedelta(days=5),
                                  judging_close_at=now + timedelta(days=9),
                                  results_at=now + timedelta(days=10),
                                  rubric=[{"id": "a", "name": "Content", "weight": 100}],
                                  judges=[ids["buyer01"]])
    ctx.market.publish_contest(staff, c["id"])
    ctx.market.submit_contest_entry(sign_in(qtbot, ctx, "maker01"), c["id"],
                                    _package(tmp_path / "pkg"), "Claims in three steps")
    return c


# people's own words in the test world: names, logins, business lines, titles
USER_DATA = {"理赔三步走", "张创客", "王需求", "产险理赔", "Claims in three steps", "Sunny lessons"}


def _pages(qtbot, ctx, c):
    sign_in(qtbot, ctx, "staff01")
    setup = ContestSetup(ctx)
    qtbot.addWidget(setup)
    assert setup.publish() is None  # the inline hints are English too
    setup.contest_id = c["id"]
    pages = {"setup": setup}
    h = wait_job(qtbot, setup.progress())
    assert h.error is None, h.error
    pages["setup: progress"] = shown_texts(setup, USER_DATA)
    h = wait_job(qtbot, setup.dashboard())
    assert h.error is None, h.error
    pages["setup: dashboard"] = shown_texts(setup, USER_DATA)
    setup.setup_texts = shown_texts(setup, USER_DATA)

    sign_in(qtbot, ctx, "maker01")
    entry = ContestEntryView(ctx)
    qtbot.addWidget(entry)
    wait_job(qtbot, entry.reload())
    qtbot.waitUntil(lambda: entry.entries_table.rowCount() == 1, timeout=20000)
    assert entry.answer(True) is None  # no team number: inline hint
    pages["entry"] = shown_texts(entry, USER_DATA)
    entry.invitee.search.setText("nobody-like-this")
    wait_job(qtbot, entry.invitee.search_now())
    pages["entry: people picker"] = shown_texts(entry.invitee, USER_DATA)

    sign_in(qtbot, ctx, "buyer01")
    judging = JudgingView(ctx)
    qtbot.addWidget(judging)
    wait_job(qtbot, judging.reload())
    h = wait_job(qtbot, judging.load())
    assert h.error is None and judging.table.rowCount() == 1
    assert judging.save() is None  # nothing selected: inline hint
    pages["judging"] = shown_texts(judging, USER_DATA)
    ctx.runner.wait()
    return pages


def test_contest_pages_in_english_show_no_chinese(qtbot, ctx, tmp_path, language):
    ctx.settings.language = "en"
    language("en")
    c = _world(qtbot, ctx, tmp_path)
    pages = _pages(qtbot, ctx, c)
    pages["setup"] = pages["setup"].setup_texts
    for name, texts in pages.items():
        assert texts, name
        assert not _chinese(texts), (name, _chinese(texts))
    assert "Create contest" in pages["setup"] and "Load my judging queue" in pages["judging"]
    assert "Enter the team number." in pages["entry"]
    assert "Select an entry first." in pages["judging"]
    assert "Yes" in pages["judging"] or "No" in pages["judging"]


def test_contest_pages_in_chinese_are_translated(qtbot, ctx, tmp_path, language):
    language("zh_CN")
    c = _world(qtbot, ctx, tmp_path)
    pages = _pages(qtbot, ctx, c)
    setup = pages.pop("setup").setup_texts
    assert "创建大赛" in setup and "作品总数" in setup and "评审进度" in setup
    assert "载入评审任务" in pages["judging"] and "请先选择作品" in pages["judging"]
    assert "请输入团队编号" in pages["entry"]
    # no English source string is left over where the catalogue should have given 中文
    for name, texts in [("setup", setup), *pages.items()]:
        english = [t for t in texts if re.fullmatch(r"[A-Z][a-z]+( [a-z]+)+[.]?", t)]
        assert not english, (name, english)


def test_contest_counts_say_1_entry_and_1_file(qtbot):
    """#18 "1 ratings": the contest dashboard and the blind check count in the singular too."""
    from creator_studio.ui.market.contest_charts import ContestDashboardCharts

    charts = ContestDashboardCharts()
    qtbot.addWidget(charts)
    charts.show_dashboard({"entries": 1, "by_business_line": {"PNC": 1}, "by_form": {"h5": 1},
                           "progress": [], "score_distribution": {}, "criteria": []}, {})
    assert charts.summary.text() == "1 entry"
    charts.show_dashboard({"entries": 2, "by_business_line": {}, "by_form": {}, "progress": [],
                           "score_distribution": {}, "criteria": []}, {})
    assert charts.summary.text() == "2 entries"
