"""#18 defect 5/10: the level, its reasons and the change label never contradict each other, and
core gives the sentences in English too."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from creator_studio.core.market import grading
from creator_studio.core.market.grading_rules import Metrics, decide, default_rules
from creator_studio.core.store.models_cert import GradeEvaluation
from tests.market.test_certification import NOW, _accepted_order, _buyers, people, session  # noqa: F401


def test_override_from_base_to_senior_is_labelled_a_promotion_and_explained(session, people):
    staff, maker = people["staff"], people["maker"]
    grading.evaluate_period(session, staff, "2026-11", now=NOW)  # no orders: stays at L0
    ev = session.scalar(select(GradeEvaluation).where(GradeEvaluation.maker_id == maker.id))
    assert ev.level_after == "L0" and ev.change == "kept"
    grading.override(session, staff, maker.id, "2026-11", "L2", "年度优秀创客特批", now=NOW)
    row = next(r for r in grading.evaluation_table(session, staff, "2026-11")
               if r["maker_id"] == maker.id)
    assert (row["before"], row["after"], row["overridden"]) == ("L0", "L2", True)
    assert row["change"] == "promoted"  # not "kept" next to 见习 → 高级
    rules = default_rules()
    base, shown = rules.level("L0"), rules.level("L2")
    ex = grading.explain(session, maker, maker.id, now=datetime(2026, 12, 2))
    assert ex.level == "L2"
    why = "；".join(ex.reasons)
    assert f"保持{base.name}" not in why  # "高级 … 原因：保持见习" was the defect
    assert shown.name in why and "年度优秀创客特批" in why
    assert shown.name_en in " ".join(ex.reasons_en) and not any(
        "\u4e00" <= ch <= "\u9fff" for ch in "".join(ex.reasons_en).replace("年度优秀创客特批", ""))


def test_evaluated_level_keeps_its_own_reasons_in_both_languages(session, people):
    staff, maker = people["staff"], people["maker"]
    buyers = _buyers(session, staff, 3)
    for i in range(3):
        _accepted_order(session, maker, buyers[i], accepted_at=datetime(2026, 11, 5 + i))
    grading.evaluate_period(session, staff, "2026-11", now=NOW)
    ex = grading.explain(session, maker, maker.id, now=datetime(2026, 12, 2))
    l1 = default_rules().level("L1")
    assert ex.level == "L1" and ex.reasons[0].startswith(f"晋升为{l1.name}")
    assert ex.reasons_en[0].startswith(f"Promoted to {l1.name_en}")
    assert ex.gap_en and all(g.isascii() for g in ex.gap_en) and len(ex.gap_en) == len(ex.gap)


def test_decision_sentences_exist_in_english_with_plurals():
    rules = default_rules()
    one_short = Metrics({"accepted_orders": 2.0, "distinct_buyers": 2.0}, {})
    d = decide("L0", one_short, rules, was_at_risk=False)
    assert d.change == "kept" and d.reasons_en[0].startswith("Stays ")
    assert all(s.isascii() for s in d.reasons_en + d.gap_en)
    need = next(c for c in rules.level(d.next_level).promote if c == "accepted_orders")
    assert need
    orders_gap = next(g for g in d.gap_en if "accepted order" in g)
    more = int(rules.level(d.next_level).promote["accepted_orders"]) - 2
    assert orders_gap.startswith(f"{more} more accepted order{'s' if more != 1 else ''} needed")
