"""#18 defect 10: English counts agree with their number ("1 warning", "2 warnings"; "1 day")."""

from __future__ import annotations

from types import SimpleNamespace


def test_norms_verdict_counts_agree(qtbot, ctx):
    from creator_studio.ui.studio.norms_panel import NormsPanel

    panel = NormsPanel(ctx, lambda: None, lambda: None)
    qtbot.addWidget(panel)

    def report(fails, warns):
        return SimpleNamespace(findings=[], failures=[1] * fails, warnings=[1] * warns,
                               blocking=fails > 0)

    panel.show_report(report(0, 1))
    assert panel.verdict.text() == "Ready to deliver: 1 warning."
    panel.show_report(report(0, 2))
    assert panel.verdict.text() == "Ready to deliver: 2 warnings."
    panel.show_report(report(1, 1))
    assert panel.verdict.text() == "Blocked: 1 failure, 1 warning. Fix them before delivering."
    panel.show_report(report(3, 0))
    assert panel.verdict.text() == "Blocked: 3 failures, 0 warnings. Fix them before delivering."


def test_confirmations_say_1_day():
    from creator_studio.ui.market.confirm import award_lines, dispute_lines

    one = award_lines("甲", {"maker": "张", "price_fen": 100, "days": 1})
    assert any(line.endswith("delivery in 1 day") for line in one)
    two = award_lines("甲", {"maker": "张", "price_fen": 100, "days": 2})
    assert any(line.endswith("delivery in 2 days") for line in two)
    d = {"id": 1, "title": "t", "price_fen": 100, "maker": "m", "buyer": "b"}
    assert "moves by 1 day." in " ".join(dispute_lines(d, "resume", None, 1))


def test_staff_summary_with_one_maker(qtbot, ctx):
    from creator_studio.ui.market.staff_views import Evaluation

    view = Evaluation(ctx)
    qtbot.addWidget(view)
    view._show([{"maker_id": 1, "name": "甲", "before": "L0", "after": "L1",
                 "change": "promoted", "at_risk": False, "overridden": False, "metrics": {}}])
    assert view.summary.text() == "1 maker: 1 promoted, 0 demoted, 0 kept."
