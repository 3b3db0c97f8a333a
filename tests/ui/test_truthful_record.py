"""#18 defects 5 and 10 on the maker's record page: the level shown agrees with its reasons (in
the chosen language), and a given-but-hidden rating is announced instead of silently missing."""

from __future__ import annotations

from uihelpers import make_market_world, sign_in, wait_job


def _world_with_hidden_review_and_override(ctx):
    from creator_studio.core.market import grading
    from creator_studio.core.store.models import Review, User
    from tests.market.test_certification import _accepted_order

    ids = make_market_world(ctx.market)
    svc = ctx.market.svc
    now = svc.now()
    with svc.write() as s:
        maker, buyer = s.get(User, ids["maker01"]), s.get(User, ids["buyer01"])
        order = _accepted_order(s, maker, buyer, accepted_at=now, stars=None)
        # 4★ given by the buyer, not revealed yet (the maker has not rated back)
        s.add(Review(order_id=order.id, author_id=buyer.id, subject_id=maker.id,
                     direction="buyer_to_maker", stars=4, created_at=now, revealed_at=None))
        staff = s.get(User, ids["staff"])
        period = f"{now.year}-{now.month:02d}"
        grading.evaluate_period(s, staff, period, now=now)
        grading.override(s, staff, maker.id, period, "L2", "年度优秀创客特批", now=now)
    return ids


def test_record_page_shows_pending_reveal_and_reasons_that_match_the_level(qtbot, ctx):
    from creator_studio.core.market.grading_rules import default_rules
    from creator_studio.ui.market.maker_views import MakerRecord

    _world_with_hidden_review_and_override(ctx)
    rules = default_rules()
    base, senior = rules.level("L0"), rules.level("L2")
    sign_in(qtbot, ctx, "maker01")
    rec = MakerRecord(ctx)
    qtbot.addWidget(rec)
    wait_job(qtbot, rec.handle)
    text = rec.summary_label.text()
    assert "no ratings yet" in text and "1 review pending reveal" in text
    level = rec.level_label.text()
    assert senior.name in level and f"保持{base.name}" not in level  # Chinese mode (ctx zh_CN)
    assert "年度优秀创客特批" in level

    ctx.settings.language = "en"  # English mode: the reasons come in English too
    wait_job(qtbot, rec.reload())
    level = rec.level_label.text()
    assert senior.name_en in level and "Staff set the level from" in level
    assert base.name not in level and "保持" not in level
    ctx.runner.wait()


def test_two_hidden_ratings_use_the_plural(qtbot, ctx):
    from creator_studio.core.market.nps import NpsSummary
    from creator_studio.core.market.queries import MakerSummary
    from creator_studio.ui.market.maker_views import MakerRecord

    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "maker01")
    rec = MakerRecord(ctx)
    qtbot.addWidget(rec)
    wait_job(qtbot, rec.handle)
    nps = NpsSummary(count=0, promoters=0, passives=0, detractors=0)
    rec.show_summary({"summary": MakerSummary(1, 1, 5, 1, 0, nps, 2)})
    assert "5.00 ★ from 1 rating (2 reviews pending reveal)" in rec.summary_label.text()
    rec.show_summary({"summary": MakerSummary(1, 1, 5, 1, 0, nps, 0)})
    assert "pending" not in rec.summary_label.text()
    ctx.runner.wait()


def test_staff_grade_table_labels_an_override_by_its_levels(qtbot, ctx):
    """见习 → 高级 by a staff override reads "promoted", never "kept"."""
    from creator_studio.ui.market.staff_views import Evaluation

    ids = _world_with_hidden_review_and_override(ctx)
    now = ctx.market.svc.now()
    sign_in(qtbot, ctx, "staff01")
    view = Evaluation(ctx)
    qtbot.addWidget(view)
    view.period.setText(f"{now.year}-{now.month:02d}")
    wait_job(qtbot, view.show_table())
    m = view.model
    heads = [c.header for c in m.columns]
    row = next(r for r in range(m.rowCount()) if m.row(r)["maker_id"] == ids["maker01"])
    cell = lambda name: m.data(m.index(row, heads.index(name)))  # noqa: E731
    assert cell("Change") == "promoted" and cell("Overridden") == "yes"
    assert "1 promoted" in view.summary.text()
    ctx.runner.wait()


def test_home_page_also_announces_the_hidden_rating(qtbot, ctx):
    from creator_studio.ui.market.maker_home import MakerHome

    _world_with_hidden_review_and_override(ctx)
    sign_in(qtbot, ctx, "maker01")
    home = MakerHome(ctx)
    qtbot.addWidget(home)
    wait_job(qtbot, home.reload())
    assert "1 review pending reveal" in home.summary.text()
    ctx.runner.wait()
    qtbot.wait(50)
