"""Place a page's script on the maker's own recording, sentence by sentence (issue 14).

No ASR: the studio does not know *what* was said, only *when* somebody spoke. A maker reading a
script pauses between sentences (0.4–1.5 s) much longer than inside one (clause pauses ≈ 0.1–0.3
s), so the recording's speech segments, found by energy, are grouped into as many runs as the
script has sentences. The grouping is chosen by dynamic programming so that each run's length
is close to what its sentence's length (in syllables) predicts, preferring long pauses as the
cuts. When the recording has fewer segments than the script has sentences (the maker read on
without pausing), sentences are spread over the spoken part in proportion to their length —
still better than over the whole file, because silence before, after and between is left out.

Only numpy; the callers (`tts.synthesize` for the `recorded` engine) turn the result into
`SentenceSpan`s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

WINDOW = 0.02            # seconds per energy window
MIN_GAP = 0.25           # a silence shorter than this is inside a phrase, not between sentences
MIN_SPEECH = 0.06        # a louder blip shorter than this is a click, not speech
CLAUSE_GAP = 0.08        # a silence this long inside a sentence may be a clause pause
MAX_SEGMENTS = 400       # more segments than this: the merge gap grows (keeps the DP small)
PAUSE_BONUS = 1.0        # cost units per second of pause chosen as a sentence cut (capped below)
PAUSE_CAP = 1.5          # a pause longer than this is no better a cut than one of this length
FALLBACK_RATIO = 3.0     # a run 3× longer or shorter than predicted: the grouping is not trusted


@dataclass
class Alignment:
    spans: list[tuple[float, float]]                  # (start, end) seconds per sentence
    method: str                                       # "pauses" | "proportional"
    pauses: list[tuple[float, ...]] = field(default_factory=list)  # clause-pause centres per sentence
    segments: int = 0                                 # speech segments found


def _window_db(samples: np.ndarray, rate: int) -> np.ndarray:
    n = max(1, int(rate * WINDOW))
    k = len(samples) // n
    if k == 0:
        return np.zeros(0)
    x = samples[: k * n].astype(np.float32).reshape(k, n) / 32768.0
    return 20 * np.log10(np.maximum(np.sqrt(np.mean(x * x, axis=1)), 1e-9))


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) index runs where mask is True."""
    if len(mask) == 0:
        return []
    d = np.diff(np.r_[0, mask.astype(np.int8), 0])
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist()))


def speech_mask(samples: np.ndarray, rate: int) -> np.ndarray:
    """Per 20 ms window: is somebody speaking? The threshold follows the take's own noise floor
    (10 dB above it) and its speech level (30 dB below it), whichever is higher — but never
    closer than 6 dB to the speech level, so a take without any pause is all speech, not none.
    A take whose loudest windows stay under −50 dBFS holds no speech (hiss, a muted mic)."""
    db = _window_db(samples, rate)
    if len(db) == 0:
        return np.zeros(0, dtype=bool)
    floor, peak = float(np.percentile(db, 10)), float(np.percentile(db, 95))
    if peak < -50:
        return np.zeros(len(db), dtype=bool)
    return db > min(max(floor + 10.0, peak - 30.0), peak - 6.0)


def speech_segments(samples: np.ndarray, rate: int, *, min_gap: float = MIN_GAP) -> list[tuple[float, float]]:
    """(start, end) seconds of stretches of speech separated by at least `min_gap` of silence."""
    mask = speech_mask(samples, rate)
    runs = [(a, b) for a, b in _runs(mask) if (b - a) * WINDOW >= MIN_SPEECH]
    gap = max(1, int(round(min_gap / WINDOW)))
    merged: list[list[int]] = []
    for a, b in runs:
        if merged and a - merged[-1][1] < gap:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return [(a * WINDOW, b * WINDOW) for a, b in merged]


def _proportional(lo: float, hi: float, weights: list[float]) -> list[tuple[float, float]]:
    total = sum(weights) or 1.0
    out, acc = [], 0.0
    for w in weights:
        a = lo + (hi - lo) * acc / total
        acc += w
        out.append((a, lo + (hi - lo) * acc / total))
    return out


def _group(segs: list[tuple[float, float]], weights: list[float]) -> list[tuple[int, int]] | None:
    """Split segments 0..m-1 into len(weights) consecutive runs; returns (first, last) per run."""
    n, m = len(weights), len(segs)
    if m < n:
        return None
    starts = np.array([s for s, _ in segs])
    ends = np.array([e for _, e in segs])
    gaps_before = np.r_[0.0, starts[1:] - ends[:-1]]  # silence before segment i
    # Predicted speaking time per sentence: the spoken span minus the n-1 longest pauses (those
    # are most likely the sentence breaks), shared in proportion to the sentence lengths.
    spoken = ends[-1] - starts[0] - float(np.sort(gaps_before[1:])[::-1][: n - 1].sum())
    expect = np.array(weights, dtype=float) / (sum(weights) or 1.0) * max(spoken, 1e-3)
    bonus = PAUSE_BONUS * np.minimum(gaps_before, PAUSE_CAP)
    inf = float("inf")
    cost = np.full((n, m), inf)
    back = np.zeros((n, m), dtype=int)
    for k in range(m):  # sentence 0 covers segments 0..k
        cost[0, k] = math.log(max(ends[k] - starts[0], 1e-3) / expect[0]) ** 2
    for j in range(1, n):
        for k in range(j, m):
            i = np.arange(j, k + 1)  # sentence j starts at segment i
            dur = np.maximum(ends[k] - starts[i], 1e-3)
            c = cost[j - 1, i - 1] + np.log(dur / expect[j]) ** 2 - bonus[i]
            best = int(np.argmin(c))
            cost[j, k], back[j, k] = c[best], i[best]
    groups, k = [], m - 1
    for j in range(n - 1, -1, -1):
        i = back[j, k] if j > 0 else 0
        groups.append((int(i), int(k)))
        k = i - 1
    groups.reverse()
    for (i, k), e in zip(groups, expect):
        ratio = (ends[k] - starts[i]) / e
        if not (1 / FALLBACK_RATIO <= ratio <= FALLBACK_RATIO):
            return None
    return groups


def _clause_pauses(mask: np.ndarray, lo: float, hi: float, k: int) -> tuple[float, ...]:
    """Centres of the k longest silences (≥ CLAUSE_GAP) inside [lo, hi]; () if there are fewer."""
    if k <= 0:
        return ()
    a, b = int(lo / WINDOW), int(math.ceil(hi / WINDOW))
    quiet = [(e - s, s + a, e + a) for s, e in _runs(~mask[a:b]) if s > 0 and e < b - a
             and (e - s) * WINDOW >= CLAUSE_GAP]
    if len(quiet) < k:
        return ()
    quiet.sort(reverse=True)
    return tuple(sorted(round((s + e) / 2 * WINDOW, 3) for _, s, e in quiet[:k]))


def align(samples: np.ndarray, rate: int, weights: list[float],
          clauses: list[int] | None = None) -> Alignment | None:
    """Sentence times in a recording. `weights`: each sentence's predicted length (syllables or
    seconds, any unit); `clauses`: its number of clause marks (pauses to look for inside it).
    None when the recording holds no speech at all (the caller spreads over the whole file)."""
    if not weights:
        return Alignment([], "pauses")
    segs = speech_segments(samples, rate)
    gap = MIN_GAP
    while len(segs) > MAX_SEGMENTS:
        gap *= 1.5
        segs = speech_segments(samples, rate, min_gap=gap)
    if not segs:
        return None
    weights = [max(float(w), 1e-3) for w in weights]
    groups = _group(segs, weights) if len(weights) > 1 else [(0, len(segs) - 1)]
    if groups is None:
        spans = _proportional(segs[0][0], segs[-1][1], weights)
        method = "proportional"
    else:
        spans = [(segs[i][0], segs[k][1]) for i, k in groups]
        method = "pauses"
    mask = speech_mask(samples, rate)
    clauses = clauses or [0] * len(weights)
    pauses = [_clause_pauses(mask, a, b, c) if method == "pauses" else ()
              for (a, b), c in zip(spans, clauses)]
    return Alignment([(round(a, 3), round(b, 3)) for a, b in spans], method, pauses, len(segs))
