"""Pack measured boxes into parts no taller than the limit, cutting only at clean boundaries.

A part ends at a box boundary, or — for a box taller than what is left — at one of the box's
own cut points (between lines or table rows). A heading or section header is never left alone
at the bottom of a part (`keep_with_next`). Only if a single unbreakable piece is taller than a
part (cannot happen with the layout's size caps, but input is untrusted) is a hard cut made.
"""

from __future__ import annotations

import bisect
import logging

from .boxes import Box

log = logging.getLogger(__name__)

JPEG_MAX = 65_500  # libjpeg's real limit (FIELD-NOTES §4), not 65,535


def plan_segments(boxes: list[Box], total_height: int, limit: int) -> list[tuple[int, int]]:
    """Return [(top, bottom), ...] covering 0..total_height, each at most `limit` tall.

    The greedy packing is retried with slightly lower targets when it leaves a stub of a last
    part (a 200 px tail after ten full parts looks like a mistake); the plan with the same number
    of parts and the tallest shortest part wins. No part ever exceeds `limit`.
    """
    limit = max(1, min(int(limit), JPEG_MAX))
    if total_height <= 0:
        return []
    cands = _candidates(boxes)
    best = _greedy(cands, total_height, limit)
    if len(best) > 1 and _shortest(best) < limit * 0.5:
        for pct in range(98, 60, -3):
            plan = _greedy(cands, total_height, limit * pct // 100)
            if len(plan) == len(best) and _shortest(plan) > _shortest(best):
                best = plan
    hard = set(t for t, _b in best[1:]) - {p for p, _ in cands}
    if hard:
        log.warning("%d part boundaries had no clean cut (an unbreakable piece taller than %d px)",
                    len(hard), limit)
    return best


def _shortest(plan: list[tuple[int, int]]) -> int:
    return min(b - t for t, b in plan)


def _greedy(cands: list[tuple[int, bool]], total: int, limit: int) -> list[tuple[int, int]]:
    positions = [p for p, _ in cands]
    out: list[tuple[int, int]] = []
    start = 0
    while total - start > limit:
        hi = start + limit
        lo_i = bisect.bisect_right(positions, start)
        hi_i = bisect.bisect_right(positions, hi)
        best = best_pref = None
        for pos, preferred in cands[lo_i:hi_i]:
            best = pos
            if preferred:
                best_pref = pos
        # Prefer a box boundary unless it wastes more than a third of the part.
        if best_pref is not None and best_pref - start >= limit * 2 // 3:
            cut = best_pref
        elif best is not None:
            cut = best
        else:
            cut = hi
            log.debug("no clean cut between %d and %d; cutting hard", start, hi)
        out.append((start, cut))
        start = cut
    out.append((start, total))
    return out


def _candidates(boxes: list[Box]) -> list[tuple[int, bool]]:
    """Sorted (position, is_box_boundary) pairs where a part may end."""
    cands: dict[int, bool] = {}
    for i, b in enumerate(boxes):
        if i > 0 and not boxes[i - 1].keep_with_next:
            cands[b.y] = True
        for k in b.cuts:
            if 0 < k < b.h:
                cands.setdefault(b.y + k, False)
    return sorted(cands.items())
