"""Pay grade (定薪定级) rules and the level decision, as pure functions over a maker's history.

No database here: `grading.py` (the service) loads histories and rules, calls these functions and
stores the snapshot. Keeping the maths pure makes every boundary testable on crafted histories.

Design (MARKET-NOTES §1, §4–§6): thresholds over a trailing window; a Bayesian-average rating so
one 5★ review cannot beat forty 4.8★ ones; NPS shrunk toward the platform mean; distinct buyers so
one friendly buyer cannot lift a maker; a promote bar and a lower keep bar (no flapping); a metric
with too little data can neither promote nor demote; promotion one level at a time; demotion only
after one grace period below the keep bar.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from importlib import resources
from typing import Any

from creator_studio.core.errors import ValidationError

# Metric names used in rule tables. "max_upheld_disputes" is the one where lower is better.
METRICS = ("accepted_orders", "distinct_buyers", "rating", "on_time_rate", "first_pass_rate",
           "nps", "max_upheld_disputes")
# Which sample size gates each metric (counts themselves are never "too small").
SAMPLE_OF = {"rating": "rating", "on_time_rate": "on_time_rate",
             "first_pass_rate": "first_pass_rate", "nps": "nps"}


@dataclass(frozen=True)
class Level:
    code: str
    name: str
    name_en: str
    multiplier: Decimal
    promote: dict[str, float]
    keep: dict[str, float]


@dataclass(frozen=True)
class GradeRules:
    version: int
    levels: tuple[Level, ...]
    window_days: int = 180
    rating_prior_weight: int = 5
    rating_prior_mean: float = 4.5
    nps_shrink_k: int = 20
    min_samples: dict[str, int] = field(default_factory=dict)
    # 微课大赛 awards (#19): {"counts_as": "accepted_orders", "points_per_unit": 10,
    # "max_units": 3} — award points of the period count as that many accepted orders toward
    # the bars (see `apply_contest_credit`). None: awards are recorded, never weighed.
    contest_award: dict | None = None

    def index(self, code: str) -> int:
        for i, lvl in enumerate(self.levels):
            if lvl.code == code:
                return i
        raise ValidationError(f"未知等级 {code}", f"Unknown level {code}", code="UNKNOWN_LEVEL")

    def level(self, code: str) -> Level:
        return self.levels[self.index(code)]

    def to_dict(self) -> dict:
        return {"version": self.version, "window_days": self.window_days,
                "rating_prior_weight": self.rating_prior_weight,
                "rating_prior_mean": self.rating_prior_mean, "nps_shrink_k": self.nps_shrink_k,
                "min_samples": dict(self.min_samples),
                **({"contest_award": dict(self.contest_award)} if self.contest_award else {}),
                "levels": [{"code": lv.code, "name": lv.name, "name_en": lv.name_en,
                            "multiplier": str(lv.multiplier), "promote": dict(lv.promote),
                            "keep": dict(lv.keep)} for lv in self.levels]}


def rules_from_dict(data: dict) -> GradeRules:
    """Validate a staff-edited rule table; refuse unknown metrics and keep bars above promote bars."""
    try:
        levels = []
        for raw in data["levels"]:
            promote = {k: float(v) for k, v in raw.get("promote", {}).items()}
            keep = {k: float(v) for k, v in raw.get("keep", {}).items()}
            for metric in (*promote, *keep):
                if metric not in METRICS:
                    raise ValidationError(f"等级 {raw['code']} 使用了未知指标 {metric}",
                                          f"Level {raw['code']} uses unknown metric {metric}",
                                          code="GRADE_RULES_INVALID")
            for metric, bar in keep.items():
                p = promote.get(metric)
                if p is None:
                    continue
                above = bar > p if metric != "max_upheld_disputes" else bar < p
                if above:
                    raise ValidationError(f"等级 {raw['code']} 的保级线 {metric} 高于晋级线",
                                          f"Level {raw['code']}: keep bar for {metric} is above its promote bar",
                                          code="GRADE_RULES_INVALID")
            levels.append(Level(str(raw["code"]), str(raw["name"]), str(raw.get("name_en", "")),
                                Decimal(str(raw["multiplier"])), promote, keep))
        if not levels:
            raise ValidationError("等级表为空", "No levels", code="GRADE_RULES_INVALID")
        return GradeRules(version=int(data["version"]), levels=tuple(levels),
                          window_days=int(data.get("window_days", 180)),
                          rating_prior_weight=int(data.get("rating_prior_weight", 5)),
                          rating_prior_mean=float(data.get("rating_prior_mean", 4.5)),
                          nps_shrink_k=int(data.get("nps_shrink_k", 20)),
                          min_samples={k: int(v) for k, v in data.get("min_samples", {}).items()},
                          contest_award=_contest_award(data.get("contest_award")))
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise ValidationError("定级规则格式不正确", f"Malformed grade rules: {exc}",
                              code="GRADE_RULES_INVALID") from None


CREDIT_METRICS = ("accepted_orders",)  # award points may stand in for these counts only


def _contest_award(raw: Any) -> dict | None:
    if raw is None:
        return None
    ok = (isinstance(raw, dict) and raw.get("counts_as") in CREDIT_METRICS
          and all(isinstance(raw.get(k), int) and not isinstance(raw.get(k), bool)
                  for k in ("points_per_unit", "max_units"))
          and raw["points_per_unit"] > 0 and 0 <= raw["max_units"] <= 100)
    if not ok:
        raise ValidationError("大赛获奖折算规则无效（counts_as 须为 accepted_orders，"
                              "points_per_unit > 0，max_units 为 0–100 的整数）",
                              "Bad contest_award rule (counts_as accepted_orders, "
                              "points_per_unit > 0, max_units 0–100)", code="GRADE_RULES_INVALID")
    return {"counts_as": raw["counts_as"], "points_per_unit": raw["points_per_unit"],
            "max_units": raw["max_units"]}


def apply_contest_credit(metrics: "Metrics", points: int, rules: GradeRules) -> tuple["Metrics", int]:
    """Contest award points of the period as credit toward a count metric (#19, docs/contests.md):
    ``units = min(max_units, points // points_per_unit)`` added to ``counts_as``. Returns the
    metrics the decision uses and the units credited (0: no rule, or too few points)."""
    rule = rules.contest_award
    if not rule or points <= 0:
        return metrics, 0
    units = min(rule["max_units"], points // rule["points_per_unit"])
    if units <= 0:
        return metrics, 0
    values = dict(metrics.values)
    values[rule["counts_as"]] = values.get(rule["counts_as"], 0.0) + units
    return Metrics(values, dict(metrics.samples)), units


def contest_credit_reasons(points: int, units: int, rules: GradeRules, with_credit: "Decision",
                           without: "Decision") -> tuple[str, str]:
    """One sentence per language saying what the award credit did to this decision."""
    rule = rules.contest_award or {}
    ppu, cap = rule.get("points_per_unit", 0), rule.get("max_units", 0)
    zh = (f"微课大赛获奖加分 {points} 分折算为 {units} 单验收订单（每 {ppu} 分折 1 单，最多 {cap} 单）")
    en = (f"Contest award bonus {points} points counted as {_n(units, 'accepted order', 'accepted orders')}"
          f" (1 per {ppu} points, at most {cap})")
    if (with_credit.level_after, with_credit.change) == (without.level_after, without.change):
        return zh + "，未改变本期定级结果", en + "; it did not change this period's decision"
    lv_with, lv_without = rules.level(with_credit.level_after), rules.level(without.level_after)
    verb_zh = {"promoted": "晋升为", "kept": "保持", "at_risk": "保持（保级预警）",
               "demoted": "降为"}
    verb_en = {"promoted": "promoted to", "kept": "stays", "at_risk": "stays (at risk)",
               "demoted": "moved down to"}
    return (zh + f"：因此本期{verb_zh[with_credit.change]}{lv_with.name}；不计此加分则"
                 f"{verb_zh[without.change]}{lv_without.name}",
            en + f": so this period the maker is {verb_en[with_credit.change]} {lv_with.name_en}; "
                 f"without it: {verb_en[without.change]} {lv_without.name_en}")


def default_rules() -> GradeRules:
    text = resources.files("creator_studio.resources").joinpath("grading/default.json").read_text("utf-8")
    return rules_from_dict(json.loads(text))


# ---------------------------------------------------------------------------------------------
# History → metrics


@dataclass(frozen=True)
class OrderFact:
    """One accepted order of the maker, as grading sees it."""

    accepted_at: datetime
    buyer_id: int
    on_time: bool
    first_pass: bool  # accepted without a revision round
    rating: int | None = None  # buyer's stars 1–5, once revealed
    dispute_upheld_against_maker: bool = False


@dataclass(frozen=True)
class NpsFact:
    at: datetime
    score: int  # 0–10


@dataclass
class Metrics:
    values: dict[str, float]
    samples: dict[str, int]

    def to_dict(self) -> dict:
        return {"values": dict(self.values), "samples": dict(self.samples)}


def bayes_rating(ratings: list[int], prior_mean: float, prior_weight: int) -> float:
    v = len(ratings)
    return (sum(ratings) + prior_weight * prior_mean) / (v + prior_weight) if v + prior_weight else 0.0


def nps_raw(scores: list[int]) -> float:
    if not scores:
        return 0.0
    promoters = sum(s >= 9 for s in scores)
    detractors = sum(s <= 6 for s in scores)
    return 100.0 * (promoters - detractors) / len(scores)


def nps_shrunk(scores: list[int], platform_mean: float, k: int) -> float:
    """Shrink toward the platform mean: with few responses the platform figure dominates."""
    n = len(scores)
    points = sum(1 if s >= 9 else -1 if s <= 6 else 0 for s in scores)
    return 100.0 * (points + k * platform_mean / 100.0) / (n + k) if n + k else 0.0


def compute_metrics(orders: list[OrderFact], nps: list[NpsFact], rules: GradeRules,
                    period_end: datetime, *, platform_nps_mean: float = 0.0,
                    platform_rating_mean: float | None = None) -> Metrics:
    start = period_end - timedelta(days=rules.window_days)
    window = [o for o in orders if start <= o.accepted_at < period_end]
    ratings = [o.rating for o in window if o.rating is not None]
    scores = [r.score for r in nps if start <= r.at < period_end]
    prior = platform_rating_mean if platform_rating_mean is not None else rules.rating_prior_mean
    values = {
        "accepted_orders": float(len(window)),
        "distinct_buyers": float(len({o.buyer_id for o in window})),
        "rating": round(bayes_rating(ratings, prior, rules.rating_prior_weight), 4),
        "on_time_rate": round(sum(o.on_time for o in window) / len(window), 4) if window else 0.0,
        "first_pass_rate": round(sum(o.first_pass for o in window) / len(window), 4) if window else 0.0,
        "nps": round(nps_shrunk(scores, platform_nps_mean, rules.nps_shrink_k), 2),
        "max_upheld_disputes": float(sum(o.dispute_upheld_against_maker for o in window)),
    }
    samples = {"rating": len(ratings), "on_time_rate": len(window),
               "first_pass_rate": len(window), "nps": len(scores)}
    return Metrics(values, samples)


# ---------------------------------------------------------------------------------------------
# Metrics → level decision


@dataclass
class Check:
    metric: str
    bar: float
    value: float
    ok: bool
    enough_data: bool
    samples: int | None


@dataclass
class Decision:
    level_before: str
    level_after: str
    at_risk: bool
    change: str  # "promoted" | "demoted" | "kept" | "at_risk"
    reasons: list[str]  # plain Chinese sentences: why this level
    next_level: str | None
    gap: list[str]  # plain Chinese sentences: what the next level needs
    # The same sentences in English (#18: English mode showed the Chinese reasons). Core gives
    # both languages; the UI picks one.
    reasons_en: list[str] = field(default_factory=list)
    gap_en: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _check(metric: str, bar: float, metrics: Metrics, rules: GradeRules) -> Check:
    value = metrics.values.get(metric, 0.0)
    ok = value <= bar if metric == "max_upheld_disputes" else value >= bar - 1e-9
    sample_key = SAMPLE_OF.get(metric)
    samples = metrics.samples.get(sample_key) if sample_key else None
    minimum = rules.min_samples.get(sample_key, 0) if sample_key else 0
    enough = samples is None or samples >= minimum
    return Check(metric, bar, value, ok, enough, samples)


def _fmt(metric: str, v: float) -> str:
    if metric in ("on_time_rate", "first_pass_rate"):
        return f"{v * 100:.0f}%"
    if metric == "rating":
        return f"{v:.2f}"
    if metric == "nps":
        return f"{v:.0f}"
    return f"{v:.0f}"


_LABEL = {"accepted_orders": "验收订单", "distinct_buyers": "不同买家", "rating": "平均评分",
          "on_time_rate": "准时交付率", "first_pass_rate": "一次通过率", "nps": "学员 NPS",
          "max_upheld_disputes": "判定责任在创客的争议"}
_LABEL_EN = {"accepted_orders": "Accepted orders", "distinct_buyers": "Distinct buyers",
             "rating": "Average rating", "on_time_rate": "On-time delivery rate",
             "first_pass_rate": "First-pass rate", "nps": "Learner NPS",
             "max_upheld_disputes": "Disputes upheld against the maker"}


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def explain_gap(c: Check, rules: GradeRules, lang: str = "zh") -> str:
    """One plain sentence (Chinese, or English with lang="en") for an unmet (or unprovable)
    threshold."""
    en = lang.startswith("en")
    if not c.enough_data:
        need = rules.min_samples.get(SAMPLE_OF[c.metric], 0)
        if en:
            return (f"{_LABEL_EN[c.metric]}: not enough data ({_n(c.samples or 0, 'sample', 'samples')}"
                    f" so far, at least {need} needed)")
        return f"{_LABEL[c.metric]}样本不足（当前 {c.samples} 份，至少需要 {need} 份）"
    if c.metric == "accepted_orders":
        more, now = int(c.bar - c.value + 0.999), int(c.value)
        if en:
            return (f"{_n(more, 'more accepted order', 'more accepted orders')} needed "
                    f"(now {now})")
        return f"还需完成 {more} 单验收（当前 {now} 单）"
    if c.metric == "distinct_buyers":
        more, now = int(c.bar - c.value + 0.999), int(c.value)
        if en:
            return f"{_n(more, 'more distinct buyer', 'more distinct buyers')} needed (now {now})"
        return f"还需服务 {more} 位不同的买家（当前 {now} 位）"
    if c.metric == "max_upheld_disputes":
        if en:
            return f"{_LABEL_EN[c.metric]} must not exceed {int(c.bar)} (now {int(c.value)})"
        return f"{_LABEL[c.metric]}不得超过 {int(c.bar)} 起（当前 {int(c.value)} 起）"
    if en:
        return (f"{_LABEL_EN[c.metric]} must reach {_fmt(c.metric, c.bar)} "
                f"(now {_fmt(c.metric, c.value)})")
    return f"{_LABEL[c.metric]}需达到 {_fmt(c.metric, c.bar)}（当前 {_fmt(c.metric, c.value)}）"


def explain_ok(c: Check, lang: str = "zh") -> str:
    en = lang.startswith("en")
    if c.metric == "max_upheld_disputes":
        if en:
            return f"{_LABEL_EN[c.metric]}: {int(c.value)}, not above {int(c.bar)}"
        return f"{_LABEL[c.metric]} {int(c.value)} 起，未超过 {int(c.bar)} 起"
    if en:
        return f"{_LABEL_EN[c.metric]} {_fmt(c.metric, c.value)}, reaches {_fmt(c.metric, c.bar)}"
    return f"{_LABEL[c.metric]} {_fmt(c.metric, c.value)}，达到 {_fmt(c.metric, c.bar)}"


def _join(parts: list[str], lang: str) -> str:
    return ("; " if lang == "en" else "；").join(parts)


def _reasons(lang: str, change: str, current: Level, other: Level | None, promote_checks,
             failing_keep, keep_checks, rules: GradeRules) -> list[str]:
    """Why the decision, in one language. The label always names the level the maker ends at."""
    en = lang == "en"
    sep = ": " if en else "："
    if change == "promoted":
        head = f"Promoted to {other.name_en}" if en else f"晋升为{other.name}"
        return [head + sep + _join([explain_ok(c, lang) for c in promote_checks], lang)]
    if change == "demoted":
        head = (f"Below the {current.name_en} keep bar two periods running, moved down to "
                f"{other.name_en}" if en else f"连续两期未达{current.name}保级线，降为{other.name}")
        return [head + sep + _join([explain_gap(c, rules, lang) for c in failing_keep], lang)]
    if change == "at_risk":
        head = (f"Below the {current.name_en} keep bar this period (one period of grace; still "
                f"below next period means one level down)" if en else
                f"本期未达{current.name}保级线（宽限一期，下期仍未达标将降一级）")
        return [head + sep + _join([explain_gap(c, rules, lang) for c in failing_keep], lang)]
    held = [explain_ok(c, lang) for c in keep_checks if c.ok and c.enough_data]
    thin = [explain_gap(c, rules, lang) for c in keep_checks if not c.enough_data]
    head = f"Stays {current.name_en}" if en else f"保持{current.name}"
    out = [head + (sep + _join(held, lang) if held else "")]
    if thin:
        out.append(("Not enough data for these; they do not affect the level this period: " if en
                    else "以下指标数据不足，本期不影响等级：") + _join(thin, lang))
    return out


def decide(level_before: str, metrics: Metrics, rules: GradeRules, *, was_at_risk: bool) -> Decision:
    """Promotion at evaluation (one level), demotion only after a grace period (one level)."""
    idx = rules.index(level_before)
    current = rules.levels[idx]
    nxt = rules.levels[idx + 1] if idx + 1 < len(rules.levels) else None

    promote_checks = [_check(m, b, metrics, rules) for m, b in (nxt.promote.items() if nxt else ())]
    # Too little data can never promote: a metric must be provable to count.
    can_promote = nxt is not None and all(c.ok and c.enough_data for c in promote_checks)
    keep_checks = [_check(m, b, metrics, rules) for m, b in current.keep.items()]
    # ...nor demote: only metrics with enough data can fail the keep bar.
    failing_keep = [c for c in keep_checks if c.enough_data and not c.ok]

    other = None
    if can_promote:
        after, at_risk, change, other = nxt.code, False, "promoted", nxt
    elif failing_keep and was_at_risk and idx > 0:
        other = rules.levels[idx - 1]
        after, at_risk, change = other.code, False, "demoted"
    elif failing_keep and idx > 0:
        after, at_risk, change = current.code, True, "at_risk"
    else:
        after, at_risk, change = current.code, False, "kept"
    reasons, reasons_en = (_reasons(lang, change, current, other, promote_checks, failing_keep,
                                    keep_checks, rules) for lang in ("zh", "en"))

    after_idx = rules.index(after)
    target = rules.levels[after_idx + 1] if after_idx + 1 < len(rules.levels) else None
    if target is None:
        gap, gap_en = ["已是最高等级"], ["Already at the top level"]
    else:
        checks = [_check(m, b, metrics, rules) for m, b in target.promote.items()]
        unmet = [c for c in checks if not (c.ok and c.enough_data)]
        gap = [explain_gap(c, rules) for c in unmet]
        gap_en = [explain_gap(c, rules, "en") for c in unmet]
    return Decision(level_before, after, at_risk, change, reasons,
                    target.code if target else None, gap, reasons_en, gap_en)


# ---------------------------------------------------------------------------------------------
# Pay


def order_pay_fen(price_fen: int, multiplier: Decimal | str, budget_fen: int) -> int:
    """Agreed price × multiplier at acceptance, capped at the budget, rounded once (half-even)."""
    gross = Decimal(int(price_fen)) * Decimal(str(multiplier))
    capped = min(gross, Decimal(int(budget_fen)))
    return int(capped.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def fen_to_yuan(fen: int) -> str:
    """Display only: 12345 → '123.45'. Never used in arithmetic."""
    sign = "-" if fen < 0 else ""
    fen = abs(int(fen))
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def as_jsonable(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return str(obj)
    return obj
