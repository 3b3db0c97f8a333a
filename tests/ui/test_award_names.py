"""#18 item 4: contest award names follow the window's language. Core keeps 中文 names for its
own texts and the staff's exports; the maker's record names an award from its key through the
catalogue ("First prize" in English, 一等奖 in 简体中文), and a special award keeps the name
staff gave it."""

from __future__ import annotations

from datetime import datetime

import pytest

from uihelpers import make_market_world, sign_in, wait_job

ROWS = [  # what `list_my_awards` returns (core's credential_view)
    {"id": 1, "number": "CA-2026-0001", "verification_code": "x", "holder_id": 1, "holder": "张创客",
     "contest_id": 1, "contest": "助力展业，直达成交", "entry": "理赔三步走", "award": "first",
     "special_name": "", "award_name": "一等奖", "bonus_points": 30,
     "issued_at": datetime(2026, 12, 1, 8, 0)},
    {"id": 2, "number": "CA-2026-0002", "verification_code": "y", "holder_id": 1, "holder": "张创客",
     "contest_id": 1, "contest": "助力展业，直达成交", "entry": "银保三句话", "award": "excellence",
     "special_name": "", "award_name": "优秀奖", "bonus_points": 5,
     "issued_at": datetime(2026, 12, 1, 8, 0)},
    {"id": 3, "number": "CA-2026-0003", "verification_code": "z", "holder_id": 1, "holder": "张创客",
     "contest_id": 1, "contest": "助力展业，直达成交", "entry": "团队协作", "award": "special",
     "special_name": "最佳团队奖", "award_name": "最佳团队奖", "bonus_points": 5,
     "issued_at": datetime(2026, 12, 1, 8, 0)},
]


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


@pytest.mark.parametrize("lang, names", [
    ("en", ["First prize", "Award of excellence", "最佳团队奖"]),
    ("zh_CN", ["一等奖", "优秀奖", "最佳团队奖"]),
])
def test_maker_record_names_awards_in_the_window_language(qtbot, ctx, language, monkeypatch,
                                                          lang, names):
    from creator_studio.ui.market.maker_views import MakerRecord

    language(lang)
    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "maker01")
    monkeypatch.setattr(ctx.market, "list_my_awards", lambda user: [dict(r) for r in ROWS])
    rec = MakerRecord(ctx)
    qtbot.addWidget(rec)
    h = wait_job(qtbot, rec.handle)
    assert h.error is None, h.error
    col = next(c for c in range(rec.award_model.columnCount())
               if rec.award_model.headerData(c, rec.award_table.horizontalHeader().orientation())
               in ("Award", "奖项"))
    shown = [rec.award_model.index(r, col).data() for r in range(rec.award_model.rowCount())]
    assert shown == names
    ctx.runner.wait()


def test_award_names_cover_every_core_award():
    """Every award core can hand out has a name in the window (a new key would show raw)."""
    from creator_studio.core.market.contests import AWARDS
    from creator_studio.ui.market.common import award_name

    for key in AWARDS:
        assert award_name(key) != key
    assert award_name("first", "最佳团队奖") == "最佳团队奖"
