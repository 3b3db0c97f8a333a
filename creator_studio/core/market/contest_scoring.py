"""The pure maths of contest results (#19): weighted totals, per-judge normalisation, tie-break,
ranking with a per-criterion breakdown. No database here, so every rule is tested on crafted
numbers and documented in docs/contests.md with a worked example computed by this code.

Rules:
- A judge's **total** for an entry is the rubric-weighted mean of their criterion points
  (0–100 each; weights are whole percents summing to 100).
- ``zscore``: each judge's totals are standardised over the entries *that judge* scored
  (z = (total − judge mean) / judge population standard deviation; a judge whose totals are all
  equal contributes z = 0). An entry's score is the mean z over its judges, shown as
  ``70 + 10·z̄``. A harsh and a lenient judge thus weigh the same: only their ordering and
  spread matter, not their level. Criteria are standardised the same way for the breakdown.
- ``trimmed``: an entry's score is the mean of its judges' totals after dropping the single
  highest and the single lowest total when it has at least 3 judges (with 5 or more judges,
  20 % from each end, rounded down, at least one). Criteria likewise.
- **Tie-break** (in order): higher score; higher score on the criteria in descending weight
  (rubric order among equal weights); higher raw mean total; earlier final submission. Entries
  equal on all of these share a rank (并列). Scores are compared rounded to 6 decimals so
  floating-point noise never decides a prize.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

DISPLAY_MEAN, DISPLAY_SD = 70.0, 10.0
EPS_DIGITS = 6


@dataclass(frozen=True)
class Criterion:
    id: str
    weight: int  # percent


@dataclass
class Ranked:
    entry_id: int
    rank: int
    score: float  # normalised (display scale for zscore; points for trimmed)
    raw_mean: float  # plain mean of the judges' weighted totals
    criteria: dict[str, float] = field(default_factory=dict)  # normalised per criterion
    raw_criteria: dict[str, float] = field(default_factory=dict)  # plain mean points
    judges: int = 0
    tie_note: str = ""


def weighted_total(points: dict[str, int], rubric: list[Criterion]) -> float:
    return sum(c.weight * points.get(c.id, 0) for c in rubric) / 100.0


def _standardise(values: dict[int, float]) -> dict[int, float]:
    if not values:
        return {}
    mean = sum(values.values()) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values.values()) / len(values))
    if sd == 0:
        return {k: 0.0 for k in values}
    return {k: (v - mean) / sd for k, v in values.items()}


def trimmed_mean(values: list[float]) -> float:
    vals = sorted(values)
    n = len(vals)
    if n >= 5:
        cut = max(1, int(n * 0.2))
    elif n >= 3:
        cut = 1
    else:
        cut = 0
    kept = vals[cut:n - cut] if cut else vals
    return sum(kept) / len(kept) if kept else 0.0


def _z_by_judge(sheet: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    by_judge: dict[int, dict[int, float]] = defaultdict(dict)
    for (entry, judge), v in sheet.items():
        by_judge[judge][entry] = v
    out = {}
    for judge, vals in by_judge.items():
        for entry, z in _standardise(vals).items():
            out[(entry, judge)] = z
    return out


def rank(scores: dict[tuple[int, int], dict[str, int]], rubric: list[Criterion], method: str,
         submitted_at: dict[int, datetime] | None = None) -> list[Ranked]:
    """Rank entries from ``scores[(entry_id, judge_id)] = {criterion: points}`` (complete sheets
    only: the caller passes the sheets where the judge scored every criterion)."""
    if method not in ("zscore", "trimmed"):
        raise ValueError(method)
    submitted_at = submitted_at or {}
    totals = {k: weighted_total(v, rubric) for k, v in scores.items()}
    entries = sorted({e for e, _ in scores})
    judges_of: dict[int, list[int]] = defaultdict(list)
    for e, j in scores:
        judges_of[e].append(j)

    def combine(sheet: dict[tuple[int, int], float]) -> dict[int, float]:
        if method == "zscore":
            z = _z_by_judge(sheet)
            return {e: DISPLAY_MEAN + DISPLAY_SD * (sum(z[(e, j)] for j in judges_of[e])
                                                    / len(judges_of[e])) for e in entries}
        return {e: trimmed_mean([sheet[(e, j)] for j in judges_of[e]]) for e in entries}

    score = combine(totals)
    per_crit = {c.id: combine({k: float(v.get(c.id, 0)) for k, v in scores.items()}) for c in rubric}
    rows = []
    for e in entries:
        raw = [totals[(e, j)] for j in judges_of[e]]
        rows.append(Ranked(
            entry_id=e, rank=0, score=round(score[e], EPS_DIGITS),
            raw_mean=round(sum(raw) / len(raw), EPS_DIGITS),
            criteria={c.id: round(per_crit[c.id][e], EPS_DIGITS) for c in rubric},
            raw_criteria={c.id: round(sum(scores[(e, j)].get(c.id, 0) for j in judges_of[e])
                                      / len(judges_of[e]), EPS_DIGITS) for c in rubric},
            judges=len(judges_of[e])))
    by_weight = [c.id for c in sorted(rubric, key=lambda c: -c.weight)]  # stable: rubric order
    far = datetime.max

    def key(r: Ranked) -> tuple:
        return ((-r.score,) + tuple(-r.criteria[c] for c in by_weight)
                + (-r.raw_mean, submitted_at.get(r.entry_id, far)))

    rows.sort(key=lambda r: (key(r), r.entry_id))
    for i, r in enumerate(rows):
        if i and key(rows[i - 1]) == key(r):
            r.rank = rows[i - 1].rank
            r.tie_note = "并列 / tied"
            rows[i - 1].tie_note = "并列 / tied"
        else:
            r.rank = i + 1
            if i and rows[i - 1].score == r.score:
                r.tie_note = rows[i - 1].tie_note = "同分，按规则排序 / equal score, tie-break applied"
    return rows
