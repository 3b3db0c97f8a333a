"""微课大赛 (#19): an award's grade bonus weighs in the level decision per the grade rules
(`contest_award`: award points count as accepted orders toward the bars), and the explanation
says so in both languages. Pure rule maths first, then the evaluation service on both databases."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest
from sqlalchemy import select

from creator_studio.core.errors import ValidationError
from creator_studio.core.market import contests, grading
from creator_studio.core.market.grading_rules import (
    Metrics,
    apply_contest_credit,
    contest_credit_reasons,
    decide,
    default_rules,
    rules_from_dict,
)
from creator_studio.core.store.models import User
from creator_studio.core.store.models_cert import GradeEvaluation
from creator_studio.core.store.models_contest import AwardCredential, ContestAward, ContestEntry


def _rules(**award):
    data = default_rules().to_dict()
    data["contest_award"] = {"counts_as": "accepted_orders", "points_per_unit": 10,
                             "max_units": 3, **award}
    return rules_from_dict(data)


def _metrics(orders: int) -> Metrics:
    """Everything of the L1 promote bar met except the order count (bar: 3)."""
    return Metrics({"accepted_orders": float(orders), "distinct_buyers": 2.0, "rating": 4.6,
                    "on_time_rate": 1.0, "first_pass_rate": 1.0, "nps": 0.0,
                    "max_upheld_disputes": 0.0},
                   {"rating": 3, "on_time_rate": 3, "first_pass_rate": 3, "nps": 0})


def test_default_rules_carry_the_documented_award_rule():
    assert default_rules().contest_award == {"counts_as": "accepted_orders",
                                             "points_per_unit": 10, "max_units": 3}
    assert "contest_award" in default_rules().to_dict()  # survives publishing (to_dict → store)


def test_credit_units_and_cap():
    rules = _rules()
    m = _metrics(1)
    assert apply_contest_credit(m, 0, rules)[1] == 0
    assert apply_contest_credit(m, 9, rules)[1] == 0  # below one unit: nothing
    credited, units = apply_contest_credit(m, 25, rules)
    assert units == 2 and credited.values["accepted_orders"] == 3.0
    assert m.values["accepted_orders"] == 1.0  # the measured metrics are not changed in place
    assert apply_contest_credit(m, 80, rules)[1] == 3  # capped at max_units
    no_rule = rules_from_dict({k: v for k, v in default_rules().to_dict().items()
                               if k != "contest_award"})
    assert no_rule.contest_award is None and apply_contest_credit(m, 80, no_rule)[1] == 0


@pytest.mark.parametrize("bad", [{"counts_as": "rating"}, {"points_per_unit": 0},
                                 {"max_units": -1}, {"max_units": True}])
def test_bad_award_rule_refused(bad):
    with pytest.raises(ValidationError) as e:
        _rules(**bad)
    assert e.value.code == "GRADE_RULES_INVALID"


def test_award_flips_the_decision_and_says_so_in_both_languages():
    rules = _rules()
    without = decide("L0", _metrics(1), rules, was_at_risk=False)
    assert without.change == "kept" and without.level_after == "L0"
    credited, units = apply_contest_credit(_metrics(1), 20, rules)  # 二等奖 +20 → 2 orders
    with_credit = decide("L0", credited, rules, was_at_risk=False)
    assert with_credit.change == "promoted" and with_credit.level_after == "L1"
    zh, en = contest_credit_reasons(20, units, rules, with_credit, without)
    assert "折算为 2 单验收订单" in zh and "晋升为初级" in zh and "不计此加分则保持见习" in zh
    assert "counted as 2 accepted orders" in en and "promoted to Junior" in en
    assert "without it: stays Trainee" in en
    # Too few points: recorded, and the sentence says it changed nothing.
    credited, units = apply_contest_credit(_metrics(1), 10, rules)
    same = decide("L0", credited, rules, was_at_risk=False)
    zh, en = contest_credit_reasons(10, units, rules, same, without)
    assert same.change == "kept" and "未改变本期定级结果" in zh and "did not change" in en


# ---------------------------------------------------------------------------------------------
# The evaluation service: awards issued in the period weigh in


def _award(s, contest_id: int, holder: int, kind: str, points: int, now, n: int) -> None:
    e = ContestEntry(contest_id=contest_id, owner_id=holder, title=f"作品{n}", forms=["h5"],
                     package_sha256="0" * 64, submitted_at=now)
    s.add(e)
    s.flush()
    a = ContestAward(contest_id=contest_id, entry_id=e.id, award=kind, special_name="",
                     bonus_points=points, created_at=now)
    s.add(a)
    s.flush()
    s.add(AwardCredential(award_id=a.id, holder_id=holder, number=f"CA-T-{n}",
                          verification_code=f"t-{n}", issued_at=now))
    s.flush()


def test_evaluation_uses_the_award_credit(svc, world):
    """Rules whose L1 bar is three accepted orders: a first prize (+30 → 3 orders) promotes a
    maker with no orders; an award of excellence (+5 → 0 orders) does not; nobody else moves."""
    now = svc.now()
    rules = copy.deepcopy(default_rules().to_dict())
    rules["levels"][1]["promote"] = {"accepted_orders": 3}
    rules["levels"][1]["keep"] = {}
    with svc.write() as s:
        staff = s.get(User, world.staff)
        grading.publish_rules(s, staff, rules, note="大赛折算测试", now=now)
        c = contests.create_contest(
            s, staff, key="grade-credit", now=now, title="阳光好课", forms=["h5"],
            entries_open_at=now - timedelta(days=30), entries_close_at=now - timedelta(days=20),
            judging_close_at=now - timedelta(days=10), results_at=now - timedelta(days=9),
            rubric=[{"id": "a", "name": "内容", "weight": 100}], judges=[world.buyer])
        _award(s, c["id"], world.maker, "first", 30, now, 1)
        _award(s, c["id"], world.maker2, "excellence", 5, now, 2)
    period = f"{now:%Y-%m}"
    svc.call(grading.evaluate_period, world.staff, period)
    with svc.read() as s:
        ev = {e.maker_id: e for e in s.scalars(select(GradeEvaluation)
                                                .where(GradeEvaluation.period == period))}
    win, small, other = ev[world.maker], ev[world.maker2], ev[world.both]
    assert (win.level_before, win.final_level, win.change) == ("L0", "L1", "promoted")
    assert win.metrics["values"]["accepted_orders"] == 0  # measured values are kept as measured
    assert win.metrics["contest_credit"] == {"metric": "accepted_orders", "units": 3}
    assert any("折算为 3 单验收订单" in r and "晋升为初级" in r for r in win.reasons)
    assert any("一等奖 +30" in r for r in win.reasons)
    en = win.metrics["text_en"]["reasons"]
    assert any("counted as 3 accepted orders" in r and "promoted to Junior" in r for r in en)
    assert any("First prize +30" in r for r in en)
    assert (small.final_level, small.metrics["contest_bonus"]) == ("L0", 5)
    assert "contest_credit" not in small.metrics  # 5 points are less than one unit
    assert (other.final_level, other.change) == ("L0", "kept")
    # The maker's explanation shows the credited reasons in both languages.
    why = svc.read_as(grading.explain, world.maker, world.maker)
    assert why.level == "L1" and any("折算" in r for r in why.reasons)
    assert any("counted as 3" in r for r in why.reasons_en)
