"""Grading maths on crafted histories, at every boundary (pure functions, no database)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from creator_studio.core.errors import ValidationError
from creator_studio.core.market.grading_rules import (
    Metrics,
    NpsFact,
    OrderFact,
    bayes_rating,
    compute_metrics,
    decide,
    default_rules,
    nps_raw,
    nps_shrunk,
    order_pay_fen,
    rules_from_dict,
)

END = datetime(2026, 12, 1)
RULES = default_rules()


def orders(n, *, buyers=3, rating=5, on_time=True, first_pass=True, days_ago=10, disputes=0):
    return [OrderFact(END - timedelta(days=days_ago), buyer_id=i % buyers, on_time=on_time,
                      first_pass=first_pass, rating=rating,
                      dispute_upheld_against_maker=i < disputes) for i in range(n)]


def metrics(**values):
    base = {"accepted_orders": 0, "distinct_buyers": 0, "rating": 4.5, "on_time_rate": 1.0,
            "first_pass_rate": 1.0, "nps": 0.0, "max_upheld_disputes": 0}
    base.update(values)
    samples = {"rating": 10, "on_time_rate": 10, "first_pass_rate": 10, "nps": 100}
    return Metrics({k: float(v) for k, v in base.items()}, samples)


def test_bayesian_rating_one_five_star_does_not_beat_forty_4_8():
    one = bayes_rating([5], 4.5, 5)
    forty = bayes_rating([5] * 32 + [4] * 8, 4.5, 5)  # mean 4.8
    assert one < forty


def test_nps_raw_and_shrinkage():
    assert nps_raw([10, 9, 8, 0]) == pytest.approx(25.0)
    assert nps_shrunk([10], 0.0, 20) == pytest.approx(100 / 21)
    assert nps_shrunk([10] * 1000, 0.0, 20) > 95


def test_window_excludes_old_orders_and_counts_distinct_buyers():
    hist = orders(5, buyers=1) + orders(4, buyers=4, days_ago=400)
    m = compute_metrics(hist, [], RULES, END)
    assert m.values["accepted_orders"] == 5 and m.values["distinct_buyers"] == 1


def test_exactly_on_threshold_promotes_and_just_below_does_not():
    l1 = RULES.level("L1").promote
    on = metrics(accepted_orders=l1["accepted_orders"], distinct_buyers=l1["distinct_buyers"],
                 rating=l1["rating"], on_time_rate=l1["on_time_rate"])
    assert decide("L0", on, RULES, was_at_risk=False).level_after == "L1"
    below = metrics(accepted_orders=l1["accepted_orders"], distinct_buyers=l1["distinct_buyers"],
                    rating=l1["rating"] - 0.01, on_time_rate=l1["on_time_rate"])
    d = decide("L0", below, RULES, was_at_risk=False)
    assert d.level_after == "L0" and d.change == "kept"
    assert any("平均评分需达到 4.30" in g for g in d.gap)


def test_one_friendly_buyer_cannot_lift_a_maker():
    m = compute_metrics(orders(10, buyers=1), [], RULES, END)
    d = decide("L0", m, RULES, was_at_risk=False)
    assert d.level_after == "L0"
    assert any("不同的买家" in g for g in d.gap)


def test_promotion_is_one_level_at_a_time():
    great = metrics(accepted_orders=100, distinct_buyers=50, rating=5, nps=90)
    assert decide("L0", great, RULES, was_at_risk=False).level_after == "L1"


def test_grace_period_then_demotion_one_level():
    weak = metrics(accepted_orders=20, distinct_buyers=8, rating=4.0, nps=30)
    first = decide("L3", weak, RULES, was_at_risk=False)
    assert first.level_after == "L3" and first.at_risk and first.change == "at_risk"
    assert "宽限一期" in first.reasons[0]
    second = decide("L3", weak, RULES, was_at_risk=True)
    assert second.level_after == "L2" and second.change == "demoted" and not second.at_risk


def test_between_keep_and_promote_bars_keeps_the_level():
    # L2 keeps at rating 4.4 but promotes at 4.5: 4.45 neither demotes nor flaps.
    m = metrics(accepted_orders=9, distinct_buyers=5, rating=4.45, on_time_rate=0.9, first_pass_rate=0.7)
    d = decide("L2", m, RULES, was_at_risk=True)
    assert d.level_after == "L2" and d.change == "kept"


def test_too_little_data_neither_promotes_nor_demotes():
    thin = Metrics({"accepted_orders": 40, "distinct_buyers": 20, "rating": 4.9, "on_time_rate": 1,
                    "first_pass_rate": 1, "nps": 80, "max_upheld_disputes": 0},
                   {"rating": 10, "on_time_rate": 40, "first_pass_rate": 40, "nps": 5})
    d = decide("L2", thin, RULES, was_at_risk=False)
    assert d.level_after == "L2"  # L3 needs NPS, which has only 5 responses
    assert any("学员 NPS样本不足" in g for g in d.gap)
    bad_nps_thin = Metrics(dict(thin.values, nps=-50), thin.samples)
    assert decide("L3", bad_nps_thin, RULES, was_at_risk=True).level_after == "L3"


def test_upheld_disputes_block_promotion():
    m = metrics(accepted_orders=5, distinct_buyers=3, rating=4.8, max_upheld_disputes=2)
    d = decide("L0", m, RULES, was_at_risk=False)
    assert d.level_after == "L0" and any("争议不得超过 1 起" in g for g in d.gap)


def test_gap_sentence_for_orders_is_plain_chinese():
    m = compute_metrics(orders(1, buyers=1), [], RULES, END)
    d = decide("L0", m, RULES, was_at_risk=False)
    assert "还需完成 2 单验收（当前 1 单）" in d.gap


def test_top_level_has_no_next():
    d = decide("L4", metrics(accepted_orders=50, distinct_buyers=20, rating=4.9, nps=60), RULES,
               was_at_risk=False)
    assert d.next_level is None and d.gap == ["已是最高等级"]


def test_pay_is_capped_and_rounded_half_even_once():
    assert order_pay_fen(10_000, Decimal("1.25"), 1_000_000) == 12_500
    assert order_pay_fen(10_000, "1.60", 15_000) == 15_000  # capped at budget
    assert order_pay_fen(5, "1.10", 100) == 6  # 5.5 → 6 (half-even: 6 is even)
    assert order_pay_fen(15, "1.10", 100) == 16  # 16.5 → 16
    assert isinstance(order_pay_fen(333, "1.1", 10_000), int)


def test_rule_table_validation():
    data = RULES.to_dict()
    assert rules_from_dict(data) == RULES
    data["levels"][2]["keep"]["rating"] = 4.9  # keep bar above promote bar 4.5
    with pytest.raises(ValidationError) as exc:
        rules_from_dict(data)
    assert exc.value.code == "GRADE_RULES_INVALID"
    data = RULES.to_dict()
    data["levels"][1]["promote"]["charisma"] = 3
    with pytest.raises(ValidationError):
        rules_from_dict(data)


def test_nps_responses_feed_the_metric():
    nps = [NpsFact(END - timedelta(days=3), 10) for _ in range(40)]
    m = compute_metrics(orders(3), nps, RULES, END)
    assert m.samples["nps"] == 40 and m.values["nps"] > 60
