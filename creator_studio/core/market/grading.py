"""Grade evaluation per period, overrides, explanations and pay statements (the DB side).

The maths is in `grading_rules.py`; this module loads every maker's history in a handful of bulk
queries (not one query per maker — 10,000 makers must evaluate in seconds), applies the rules and
stores one `GradeEvaluation` per maker and period with its metrics snapshot and rule version.
Re-running a period returns the stored result untouched (idempotent).

Definitions used for the history (documented in docs/certification.md):
- accepted order: status accepted or paid, counted at `accepted_at`;
- on time: not flagged late;
- first pass: its first delivery attempt passed the norms check and it needed no revision round;
- rating: the buyer's revealed stars for that order;
- dispute upheld against the maker: a dispute resolved by cancelling, or by accepting with a
  payout below the agreed price.
"""

from __future__ import annotations

import csv
import io
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.orm import Session

from creator_studio.core import atomic
from creator_studio.core.errors import NotFound, ValidationError
from creator_studio.core.market import audit, notifications, permissions
from creator_studio.core.market.clock import utcnow
from creator_studio.core.market.grading_rules import (
    GradeRules,
    NpsFact,
    OrderFact,
    apply_contest_credit,
    compute_metrics,
    contest_credit_reasons,
    decide,
    default_rules,
    fen_to_yuan,
    order_pay_fen,
    rules_from_dict,
)
from creator_studio.core.store.models import (
    Delivery,
    Notification,
    NpsResponse,
    Order,
    Request,
    Review,
    User,
    UserRole,
)
from creator_studio.core.store.models_cert import GradeEvaluation, GradeRuleVersion, MakerGrade, PayLine

BASE_LEVEL = "L0"


def period_bounds(period: str) -> tuple[datetime, datetime]:
    """'2026-11' → [2026-11-01, 2026-12-01)."""
    try:
        start = datetime.strptime(period, "%Y-%m")
    except ValueError:
        raise ValidationError("周期格式应为 YYYY-MM", "Period must look like 2026-11",
                              code="BAD_PERIOD") from None
    end = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, end


# ---------------------------------------------------------------------------------------------
# Rules


def current_rules(session: Session) -> GradeRules:
    row = session.scalar(select(GradeRuleVersion).order_by(GradeRuleVersion.version.desc()).limit(1))
    return rules_from_dict(row.rules) if row else default_rules()


def publish_rules(session: Session, actor: User, rules: dict, note: str = "",
                  now: datetime | None = None) -> GradeRuleVersion:
    """Staff edit the rule table: validated, stored as the next version (old ones are kept)."""
    permissions.check(actor, "grade.rules")
    now = now or utcnow()
    latest = session.scalar(select(func.max(GradeRuleVersion.version))) or 0
    data = dict(rules)
    data["version"] = latest + 1 if latest else max(int(data.get("version", 1)), 1)
    if latest and data["version"] <= latest:
        data["version"] = latest + 1
    parsed = rules_from_dict(data)
    row = GradeRuleVersion(version=parsed.version, rules=parsed.to_dict(), note=note,
                           created_by=actor.id, created_at=now)
    session.add(row)
    session.flush()
    audit.record(session, actor.id, "grade.rules", "grade_rules", row.id, None,
                 {"version": parsed.version, "note": note}, now)
    return row


# ---------------------------------------------------------------------------------------------
# Histories in bulk


def _maker_ids(session: Session) -> list[int]:
    return list(session.scalars(select(UserRole.user_id).where(UserRole.role == "maker")
                                .order_by(UserRole.user_id)))


def load_histories(session: Session, start: datetime, end: datetime,
                   maker_ids: list[int] | None = None) -> tuple[dict[int, list[OrderFact]],
                                                               dict[int, list[NpsFact]]]:
    order_q = (select(Order.id, Order.maker_id, Order.buyer_id, Order.accepted_at, Order.late,
                      Order.revisions_used, Order.dispute_outcome, Order.payout_fen, Order.price_fen)
               .where(Order.status.in_(("accepted", "paid")), Order.accepted_at >= start,
                      Order.accepted_at < end))
    if maker_ids is not None:
        order_q = order_q.where(Order.maker_id.in_(maker_ids))
    rows = session.execute(order_q).all()
    ids = [r.id for r in rows]
    ratings: dict[int, int] = {}
    first_attempt_blocked: dict[int, bool] = {}
    for chunk in (ids[i:i + 5000] for i in range(0, len(ids), 5000)):
        ratings.update(session.execute(
            select(Review.order_id, Review.stars).where(
                Review.order_id.in_(chunk), Review.direction == "buyer_to_maker",
                Review.revealed_at.is_not(None))).all())
        first = (select(Delivery.order_id, Delivery.norms_blocking)
                 .where(Delivery.order_id.in_(chunk), Delivery.attempt == 1))
        first_attempt_blocked.update(session.execute(first).all())
    orders: dict[int, list[OrderFact]] = defaultdict(list)
    for r in rows:
        upheld = r.dispute_outcome == "cancel" or (
            r.dispute_outcome == "accept" and r.payout_fen is not None and r.payout_fen < r.price_fen)
        first_pass = (not first_attempt_blocked.get(r.id, False)) and (r.revisions_used or 0) == 0
        orders[r.maker_id].append(OrderFact(r.accepted_at, r.buyer_id, not r.late, first_pass,
                                            ratings.get(r.id), upheld))
    nps_q = select(NpsResponse.maker_id, NpsResponse.responded_at, NpsResponse.score).where(
        NpsResponse.responded_at >= start, NpsResponse.responded_at < end)
    if maker_ids is not None:
        nps_q = nps_q.where(NpsResponse.maker_id.in_(maker_ids))
    nps: dict[int, list[NpsFact]] = defaultdict(list)
    for maker_id, at, score in session.execute(nps_q):
        nps[maker_id].append(NpsFact(at, score))
    return orders, nps


def platform_means(session: Session, start: datetime, end: datetime) -> tuple[float, float | None]:
    """(platform NPS, platform mean rating) over the window: the shrinkage targets."""
    total, promoters, detractors = session.execute(select(
        func.count(), func.sum(case((NpsResponse.score >= 9, 1), else_=0)),
        func.sum(case((NpsResponse.score <= 6, 1), else_=0))).where(
        NpsResponse.responded_at >= start, NpsResponse.responded_at < end)).one()
    nps = 100.0 * ((promoters or 0) - (detractors or 0)) / total if total else 0.0
    mean = session.scalar(select(func.avg(Review.stars)).where(
        Review.direction == "buyer_to_maker", Review.revealed_at.is_not(None),
        Review.created_at >= start, Review.created_at < end))
    return nps, float(mean) if mean is not None else None


# The live explanation (a maker's home page) needs the platform means as shrinkage targets.
# They are aggregates over every review and NPS answer of the window (a ~100 ms scan at 200k
# orders) and move slowly, so the explanation reuses them for a few minutes per database; the
# period evaluation itself always computes them exactly.
PLATFORM_MEANS_TTL_S = 300.0
_means_cache: dict[tuple, tuple[float, tuple[float, float | None]]] = {}
_means_lock = threading.Lock()


def platform_means_cached(session: Session, start: datetime, end: datetime,
                          ttl: float = PLATFORM_MEANS_TTL_S) -> tuple[float, float | None]:
    """`platform_means`, reused for `ttl` seconds per database and window length."""
    bind = session.get_bind()
    # The engine object, its database, the window length and the window's end hour: a clock
    # that jumps (tests, a corrected server clock) or another database never reuses a value.
    key = (id(bind), bind.url.render_as_string(hide_password=True), str(end - start),
           end.replace(minute=0, second=0, microsecond=0).isoformat())
    t = time.monotonic()
    with _means_lock:
        hit = _means_cache.get(key)
    if hit is not None and t - hit[0] < ttl:
        return hit[1]
    value = platform_means(session, start, end)
    with _means_lock:
        if len(_means_cache) > 256:
            _means_cache.clear()
        _means_cache[key] = (t, value)
    return value


def clear_platform_means_cache() -> None:
    with _means_lock:
        _means_cache.clear()


# ---------------------------------------------------------------------------------------------
# Evaluation


@dataclass
class EvaluationRun:
    period: str
    rule_version: int
    evaluated: int
    reused: bool
    changes: dict[str, int]


def evaluate_period(session: Session, actor: User | None, period: str,
                    now: datetime | None = None) -> EvaluationRun:
    """Evaluate every maker for `period`; a second run for the same period changes nothing."""
    if actor is not None:
        permissions.check(actor, "grade.evaluate")
    now = now or utcnow()
    start_p, end_p = period_bounds(period)
    existing = session.scalar(select(func.count()).select_from(GradeEvaluation)
                              .where(GradeEvaluation.period == period)) or 0
    makers = _maker_ids(session)
    if existing and existing >= len(makers):
        rv = session.scalar(select(GradeEvaluation.rule_version).where(
            GradeEvaluation.period == period).limit(1))
        return EvaluationRun(period, rv or 0, existing, True, {})
    done = set(session.scalars(select(GradeEvaluation.maker_id).where(GradeEvaluation.period == period)))
    rules = current_rules(session)
    win_start = end_p - timedelta(days=rules.window_days)
    orders, nps = load_histories(session, win_start, end_p)
    nps_mean, rating_mean = platform_means(session, win_start, end_p)
    grades = {g.maker_id: g for g in session.scalars(select(MakerGrade))}
    from creator_studio.core.market.contests import period_bonuses  # contest awards (#19)

    bonuses = period_bonuses(session, start_p, end_p)
    rows, changes = [], defaultdict(int)
    new_grades: list[dict] = []
    changed_grades: list[dict] = []
    notes: list[dict] = []
    for maker_id in makers:
        if maker_id in done:
            continue
        g = grades.get(maker_id)
        before = g.level if g else BASE_LEVEL
        try:
            rules.index(before)
        except ValidationError:
            before = BASE_LEVEL  # a level removed from the rules restarts at the base level
        metrics = compute_metrics(orders.get(maker_id, []), nps.get(maker_id, []), rules, end_p,
                                  platform_nps_mean=nps_mean, platform_rating_mean=rating_mean)
        d = decide(before, metrics, rules, was_at_risk=bool(g and g.at_risk))
        credit = None
        if maker_id in bonuses:  # contest awards of the period count per the rules (#19)
            credited, units = apply_contest_credit(metrics, bonuses[maker_id][0], rules)
            if units:
                without, d = d, decide(before, credited, rules, was_at_risk=bool(g and g.at_risk))
                credit = (units, contest_credit_reasons(bonuses[maker_id][0], units, rules, d, without))
        changes[d.change] += 1
        # The English sentences ride in the metrics snapshot (no schema change): English mode
        # shows them instead of the Chinese `reasons`/`gap` columns (#18).
        rows.append({"period": period, "maker_id": maker_id, "rule_version": rules.version,
                     "metrics": {**metrics.to_dict(),
                                 "text_en": {"reasons": d.reasons_en, "gap": d.gap_en}},
                     "level_before": before,
                     "level_after": d.level_after, "at_risk": d.at_risk, "change": d.change,
                     "reasons": d.reasons, "gap": d.gap, "effective_at": end_p, "created_at": now})
        if maker_id in bonuses:  # contest award bonus of this period (#19): recorded and explained
            points, lines_zh, lines_en = bonuses[maker_id]
            rows[-1]["metrics"] = {**rows[-1]["metrics"], "contest_bonus": points}
            rows[-1]["reasons"] = list(d.reasons) + lines_zh
            rows[-1]["metrics"]["text_en"]["reasons"] = list(d.reasons_en) + lines_en
            if credit is not None:  # the raw values stay as measured; the credit is noted apart
                rows[-1]["metrics"]["contest_credit"] = {
                    "metric": rules.contest_award["counts_as"], "units": credit[0]}
                rows[-1]["reasons"].append(credit[1][0])
                rows[-1]["metrics"]["text_en"]["reasons"].append(credit[1][1])
        mult = str(rules.level(d.level_after).multiplier)
        grade_row = {"maker_id": maker_id, "level": d.level_after, "at_risk": d.at_risk,
                     "multiplier": mult, "rule_version": rules.version,
                     "since": end_p if (g is None or g.level != d.level_after) else g.since}
        (new_grades if g is None else changed_grades).append(grade_row)
        if d.change in ("promoted", "demoted", "at_risk"):
            level = rules.level(d.level_after)
            notes.append({"user_id": maker_id, "kind": f"grade_{d.change}",
                          "title_zh": f"{period} 定级结果：{level.name}" + ("（保级预警）" if d.at_risk else ""),
                          "title_en": f"{period} grade: {level.name_en}",
                          "data": {"period": period, "level": d.level_after}, "created_at": now})
    # Bulk statements: 10,000 makers must not become 10,000 ORM objects to flush one by one.
    if new_grades:
        session.execute(insert(MakerGrade), new_grades)
    if changed_grades:
        session.execute(update(MakerGrade), changed_grades)
        for g in grades.values():
            session.expire(g)  # bulk UPDATE bypasses the identity map
    if notes:
        session.execute(insert(Notification), notes)
    for i in range(0, len(rows), 2000):
        session.execute(insert(GradeEvaluation), rows[i:i + 2000])
    audit.record(session, actor.id if actor else None, "grade.evaluate", "grade_period", None,
                 None, {"period": period, "rule_version": rules.version, "makers": len(rows),
                        **changes}, now)
    session.flush()
    return EvaluationRun(period, rules.version, len(rows) + len(done), False, dict(changes))


def override(session: Session, actor: User, maker_id: int, period: str, level: str, reason: str,
             now: datetime | None = None) -> GradeEvaluation:
    """Staff set a level by hand, with a reason, audited; the next evaluation starts from it."""
    permissions.check(actor, "grade.override")
    if not reason.strip():
        raise ValidationError("调整等级必须填写原因", "An override needs a reason",
                              code="REASON_REQUIRED")
    now = now or utcnow()
    ev = session.scalar(select(GradeEvaluation).where(GradeEvaluation.period == period,
                                                      GradeEvaluation.maker_id == maker_id))
    if ev is None:
        raise NotFound("该周期没有此创客的评估", f"No evaluation of maker {maker_id} for {period}")
    rules = current_rules(session)
    rules.index(level)
    before = {"level": ev.final_level, "override_reason": ev.override_reason}
    ev.override_level, ev.override_reason, ev.override_by = level, reason, actor.id
    g = session.get(MakerGrade, maker_id)
    g.level, g.at_risk, g.multiplier, g.since = level, False, str(rules.level(level).multiplier), now
    audit.record(session, actor.id, "grade.override", "grade_evaluation", ev.id, before,
                 {"level": level, "override_reason": reason}, now)
    notifications.notify(session, maker_id, "grade_override", f"等级已由平台调整为 {rules.level(level).name}：{reason}",
                         f"Level set to {rules.level(level).name_en} by staff: {reason}", now)
    return ev


@dataclass
class Explanation:
    level: str
    level_name: str
    multiplier: str
    at_risk: bool
    reasons: list[str]
    next_level: str | None
    gap: list[str]
    metrics: dict
    level_name_en: str = ""
    reasons_en: list[str] = field(default_factory=list)
    gap_en: list[str] = field(default_factory=list)


def _change(rules, before: str, after: str, stored: str, overridden: bool = False) -> str:
    """The change label that agrees with before → after. An override (or a level set outside an
    evaluation) can move a maker any number of levels: "kept" must never label 见习 → 高级 (#18)."""
    try:
        a, b = rules.index(before), rules.index(after)
    except ValidationError:
        return stored
    if b > a:
        return "promoted"
    if b < a:
        return "demoted"
    return "kept" if overridden or stored not in ("kept", "at_risk") else stored


def explain(session: Session, actor: User, maker_id: int, now: datetime | None = None) -> Explanation:
    """Why the maker is at their level and exactly what the next level needs, live figures.

    The reasons always agree with the level shown: the last evaluation's sentences are used only
    when that evaluation's result is the level in force; after a staff override they are replaced
    by the override's own sentence (with the evaluation's result named as the earlier result)."""
    maker = session.get(User, maker_id)
    if maker is None:
        raise NotFound("用户不存在", f"No user {maker_id}")
    permissions.check(actor, "grade.view", maker)
    now = now or utcnow()
    rules = current_rules(session)
    g = session.get(MakerGrade, maker_id)
    level = g.level if g else BASE_LEVEL
    try:
        rules.index(level)
    except ValidationError:
        level = BASE_LEVEL
    lv = rules.level(level)
    orders, nps = load_histories(session, now - timedelta(days=rules.window_days), now, [maker_id])
    nps_mean, rating_mean = platform_means_cached(session, now - timedelta(days=rules.window_days),
                                                  now)
    metrics = compute_metrics(orders.get(maker_id, []), nps.get(maker_id, []), rules, now,
                              platform_nps_mean=nps_mean, platform_rating_mean=rating_mean)
    from creator_studio.core.market.contests import period_bonuses  # #19

    p_start, p_end = period_bounds(f"{now:%Y-%m}")  # this period's awards count as they will
    points = period_bonuses(session, p_start, p_end, maker_id).get(maker_id, (0, [], []))[0]
    metrics = apply_contest_credit(metrics, points, rules)[0]
    d = decide(level, metrics, rules, was_at_risk=bool(g and g.at_risk))
    last = session.scalar(select(GradeEvaluation).where(GradeEvaluation.maker_id == maker_id)
                          .order_by(GradeEvaluation.effective_at.desc()).limit(1))
    if last is None:
        reasons = [f"尚未评估，当前为{lv.name}"]
        reasons_en = [f"Not evaluated yet; currently {lv.name_en}"]
    elif last.override_level and last.override_level == level:
        def name(code: str, en: bool) -> str:
            try:
                return rules.level(code).name_en if en else rules.level(code).name
            except ValidationError:
                return code

        reasons = [f"平台将等级由{name(last.level_after, False)}调整为{lv.name}："
                   f"{last.override_reason}"]
        reasons_en = [f"Staff set the level from {name(last.level_after, True)} to {lv.name_en}: "
                      f"{last.override_reason}"]
    elif last.final_level == level:
        reasons = list(last.reasons)
        text_en = (last.metrics or {}).get("text_en") or {}
        reasons_en = list(text_en.get("reasons") or last.reasons)
    else:
        # The level in force did not come from this evaluation (set elsewhere): its sentences would
        # contradict the level shown, so the live decision explains it instead.
        reasons, reasons_en = list(d.reasons), list(d.reasons_en)
    idx = rules.index(level)
    nxt = rules.levels[idx + 1] if idx + 1 < len(rules.levels) else None
    if d.level_after == level:
        gap, gap_en = d.gap, d.gap_en
    else:
        after = rules.level(d.level_after)
        verb = "晋升" if d.change == "promoted" else "调整"
        verb_en = "be promoted" if d.change == "promoted" else "move"
        gap = [f"按当前数据，下次评估将{verb}为{after.name}"]
        gap_en = [f"On current figures the next evaluation will {verb_en} to {after.name_en}"]
    return Explanation(level, lv.name, str(lv.multiplier), bool(g and g.at_risk), reasons,
                       nxt.code if nxt else None, gap, metrics.to_dict(), lv.name_en,
                       reasons_en, gap_en)


def evaluation_table(session: Session, actor: User, period: str) -> list[dict]:
    """Before/after for every maker of a period (staff UI). The change label agrees with
    before → after, overrides included."""
    permissions.check(actor, "grade.evaluate")
    rules = current_rules(session)
    q = (select(GradeEvaluation, User.display_name).join(User, User.id == GradeEvaluation.maker_id)
         .where(GradeEvaluation.period == period).order_by(GradeEvaluation.maker_id))
    out = []
    for ev, name in session.execute(q):
        overridden = ev.override_level is not None
        out.append({"maker_id": ev.maker_id, "name": name, "before": ev.level_before,
                    "after": ev.final_level,
                    "change": _change(rules, ev.level_before, ev.final_level, ev.change,
                                      overridden),
                    "at_risk": ev.at_risk and not overridden, "overridden": overridden,
                    "metrics": ev.metrics["values"]})
    return out


# ---------------------------------------------------------------------------------------------
# Pay


def levels_at(session: Session, maker_ids: list[int], when: datetime) -> dict[int, str]:
    """The level code in force at `when` for many makers at once (base when never evaluated)."""
    ids = sorted(set(maker_ids))
    out = dict.fromkeys(ids, BASE_LEVEL)
    if not ids:
        return out
    seen: set[int] = set()
    for maker_id, override, after in session.execute(
            select(GradeEvaluation.maker_id, GradeEvaluation.override_level,
                   GradeEvaluation.level_after)
            .where(GradeEvaluation.maker_id.in_(ids), GradeEvaluation.effective_at <= when)
            .order_by(GradeEvaluation.maker_id, GradeEvaluation.effective_at.desc())):
        if maker_id not in seen:  # the newest evaluation of each maker comes first
            seen.add(maker_id)
            out[maker_id] = override or after  # as `GradeEvaluation.final_level`
    return out


def level_at(session: Session, maker_id: int, when: datetime) -> tuple[str, Decimal]:
    """The level in force at `when`: the latest evaluation effective before it (base otherwise)."""
    ev = session.scalar(select(GradeEvaluation).where(GradeEvaluation.maker_id == maker_id,
                                                      GradeEvaluation.effective_at <= when)
                        .order_by(GradeEvaluation.effective_at.desc()).limit(1))
    rules = current_rules(session)
    if ev is None:
        return BASE_LEVEL, rules.level(BASE_LEVEL).multiplier
    version = session.scalar(select(GradeRuleVersion).where(GradeRuleVersion.version == ev.rule_version))
    ev_rules = rules_from_dict(version.rules) if version else rules
    return ev.final_level, ev_rules.level(ev.final_level).multiplier


def draw_statements(session: Session, actor: User, period: str,
                    now: datetime | None = None) -> list[PayLine]:
    """Fix the pay of every order accepted in `period` (idempotent: existing lines are kept)."""
    permissions.check(actor, "pay.statements")
    now = now or utcnow()
    start, end = period_bounds(period)
    have = set(session.scalars(select(PayLine.order_id).where(PayLine.period == period)))
    q = (select(Order, Request.budget_fen).join(Request, Request.id == Order.request_id)
         .where(Order.status.in_(("accepted", "paid")), Order.accepted_at >= start,
                Order.accepted_at < end))
    cache: dict[tuple[int, str], tuple[str, Decimal]] = {}
    new = []
    for order, budget in session.execute(q):
        if order.id in have:
            continue
        key = (order.maker_id, order.accepted_at.isoformat())
        level, mult = cache.get(key) or level_at(session, order.maker_id, order.accepted_at)
        cache[key] = (level, mult)
        pay = order_pay_fen(order.amount_due_fen, mult, budget)
        new.append(PayLine(order_id=order.id, maker_id=order.maker_id, period=period,
                           price_fen=order.amount_due_fen, budget_fen=budget, level=level,
                           multiplier=str(mult), pay_fen=pay, accepted_at=order.accepted_at,
                           created_at=now))
    session.add_all(new)
    session.flush()
    audit.record(session, actor.id, "pay.statements", "pay_period", None, None,
                 {"period": period, "lines": len(new)}, now)
    return list(session.scalars(select(PayLine).where(PayLine.period == period)
                                .order_by(PayLine.maker_id, PayLine.order_id)))


@dataclass
class Statement:
    maker_id: int
    maker_name: str
    period: str
    lines: list[PayLine]

    @property
    def total_fen(self) -> int:
        return sum(line.pay_fen for line in self.lines)


def statements(session: Session, actor: User, period: str, maker_id: int | None = None) -> list[Statement]:
    if maker_id is not None:
        maker = session.get(User, maker_id)
        permissions.check(actor, "pay.view", maker)
    else:
        permissions.check(actor, "pay.statements")
    q = select(PayLine, User.display_name).join(User, User.id == PayLine.maker_id).where(
        PayLine.period == period)
    if maker_id is not None:
        q = q.where(PayLine.maker_id == maker_id)
    by_maker: dict[int, Statement] = {}
    for line, name in session.execute(q.order_by(PayLine.maker_id, PayLine.order_id)):
        st = by_maker.setdefault(line.maker_id, Statement(line.maker_id, name, period, []))
        st.lines.append(line)
    return list(by_maker.values())


HEADER = ["创客ID", "创客", "周期", "订单ID", "验收时间", "等级", "系数", "成交价(分)", "预算(分)",
          "应发(分)", "应发(元)"]


def _rows(sts: list[Statement]):
    for st in sts:
        for ln in st.lines:
            yield [st.maker_id, st.maker_name, st.period, ln.order_id,
                   ln.accepted_at.strftime("%Y-%m-%d %H:%M"), ln.level, ln.multiplier,
                   ln.price_fen, ln.budget_fen, ln.pay_fen, fen_to_yuan(ln.pay_fen)]
        yield [st.maker_id, st.maker_name, st.period, "合计", "", "", "", "", "", st.total_fen,
               fen_to_yuan(st.total_fen)]


def export_csv(sts: list[Statement], path: Path) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADER)
    w.writerows(_rows(sts))
    w.writerow(["", "全部", "", "总计", "", "", "", "", "", sum(s.total_fen for s in sts),
                fen_to_yuan(sum(s.total_fen for s in sts))])
    atomic.write_bytes(Path(path), ("\ufeff" + buf.getvalue()).encode("utf-8"))  # BOM: Excel opens it as UTF-8
    return Path(path)


def export_xlsx(sts: list[Statement], path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "结算单"
    ws.append(HEADER)
    for row in _rows(sts):
        ws.append(row)
    ws.append(["", "全部", "", "总计", "", "", "", "", "", sum(s.total_fen for s in sts),
               fen_to_yuan(sum(s.total_fen for s in sts))])
    with atomic.staged_file(Path(path)) as tmp:
        wb.save(tmp)
    return Path(path)
