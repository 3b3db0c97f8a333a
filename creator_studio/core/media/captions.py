"""Captions (SRT and WebVTT) that follow the voice and read well.

Rules (issue 13 §4), the same for SRT, VTT, the MP4 soft track and burned-in captions, because
all of them are written from these cues:

- a cue never spans two sentences, and list items are sentences of their own (a line per item),
  so "标题" and "第一条" are never glued together;
- inside a sentence, lines break at clause punctuation (，、：；), otherwise at a word boundary
  from jieba — never inside a word, a number ("12,500.50", "2026年"), a Latin word or URL;
  closing punctuation never starts a line and opening brackets never end one (kinsoku);
- at most 2 lines of at most 16 CJK characters (Latin ≈ half a character wide);
- each cue lasts 1–6 s: a long sentence is cut into more cues, a short cue stays up until the
  next one (narration pads short sentences to ≥ 1 s, see `tts.MIN_SENTENCE_SLOT`);
- timing follows the audio of each sentence: narration is synthesised sentence by sentence and
  `build_cues` gets each sentence's own start and end. Inside a sentence, cues share its time in
  proportion to how long they take to say (digits counted as spoken: "¥12,500" is long).

Line-final ，。、；： are dropped, as Chinese subtitles do. Times are monotonic, never overlap and
never leave the video (`problems` checks all of this).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from creator_studio.core.media.text_normalize import normalize_for_speech, split_sentences, strip_unspoken
from creator_studio.core.media.textlayout import NO_END, NO_START, tokenize

MAX_UNITS = 16.0     # one CJK character = 1 unit
MAX_LINES = 2
MIN_CUE = 1.0        # seconds
MAX_CUE = 6.0

_CLAUSE_END = set("，、：；,;:—…")
_DROP_AT_END = "，。、；：,;:"
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str  # lines joined by "\n"


def char_units(s: str) -> float:
    """Display width in CJK-character units (wide/fullwidth = 1, others ≈ 0.55)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in s)


def line_units(line: str) -> float:
    """Width of a caption line for the 16-unit rule. Punctuation at the line end hangs (kinsoku
    push-in: "。" or "”" is never pushed alone onto a new line), so it is not counted."""
    return char_units(re.sub(r"[^\w\u3400-\u9fff%‰]+$", "", line))


def clean(text: str) -> str:
    text = strip_unspoken(text or "")
    text = re.sub(r"[ \t\u3000]+", " ", text)
    return "\n".join(ln.strip() for ln in text.split("\n") if ln.strip())


def sentences(text: str) -> list[str]:
    """The written sentences captions (and per-sentence narration) are made of."""
    return split_sentences(text)


# ------------------------------------------------------------------------------------------
# Words


def _han_words(run: str) -> list[str]:
    try:
        from creator_studio.core.media import pinyin

        return pinyin.words(run)
    except Exception:  # pragma: no cover - jieba missing: characters (still kinsoku-safe)
        return list(run)


def atoms(text: str) -> list[str]:
    """Unbreakable pieces of a sentence: words (jieba), Latin words/numbers/URLs whole, with
    closing punctuation glued to the piece before it and opening brackets to the piece after."""
    toks: list[str] = []
    run = ""
    for tok in tokenize(text):
        if len(tok) == 1 and _HAN_RE.match(tok):
            run += tok
            continue
        if run:
            toks.extend(_han_words(run))
            run = ""
        toks.append(tok)
    if run:
        toks.extend(_han_words(run))
    # A number followed by its unit/measure (3.5%, 2026年, 48小时) stays together.
    merged: list[str] = []
    for tok in toks:
        if merged and merged[-1][-1:].isdigit() and tok[:1] in "年月日号%‰元万亿个岁天" :
            merged[-1] += tok[:1]
            tok = tok[1:]
            if not tok:
                continue
        merged.append(tok)
    out: list[str] = []
    pending_open = ""
    for tok in merged:
        if tok.isspace():
            if out and not pending_open:
                out[-1] += " "
            continue
        if out and not pending_open and tok[0] in NO_START:
            out[-1] = out[-1].rstrip() + tok
            continue
        if tok[-1] in NO_END and len(tok) == 1:
            pending_open += tok
            continue
        out.append(pending_open + tok)
        pending_open = ""
    if pending_open:
        if out:
            out[-1] += pending_open
        else:
            out.append(pending_open)
    return out


def _clauses(sentence: str) -> list[list[str]]:
    """Atoms grouped into clauses (a clause ends with ，、：； or a dash)."""
    out: list[list[str]] = [[]]
    for a in atoms(sentence):
        out[-1].append(a)
        if a.rstrip()[-1:] in _CLAUSE_END:
            out.append([])
    return [c for c in out if c]


def _hard_split(atom: str, max_units: float) -> list[str]:
    """Last resort for one atom wider than a line (a 40-character URL): cut by width."""
    parts, cur = [], ""
    for ch in atom:
        if cur and char_units(cur + ch) > max_units and ch not in NO_START:
            parts.append(cur)
            cur = ""
        cur += ch  # closing punctuation stays on the line it closes (kinsoku push-in)
    return parts + ([cur] if cur else [])


def _pack(pieces: list[str], max_units: float) -> list[str]:
    """Words into as few lines as needed, balanced: "欢迎参加2025年第3期车险 | 理赔流程培训。"
    rather than a full line and an orphan ("…理赔流程 | 培训。"). The greedy limit starts at the
    even share and grows until the line count is the minimum possible."""
    if not any(char_units(p.strip()) > max_units for p in pieces):
        greedy = _pack_greedy(pieces, max_units)
        total = char_units("".join(pieces).strip())
        limit = total / max(1, len(greedy))
        while limit < max_units:
            lines = _pack_greedy(pieces, limit)
            if len(lines) <= len(greedy):
                return lines
            limit += 0.5
        return greedy
    return _pack_greedy(pieces, max_units)


def _pack_greedy(pieces: list[str], max_units: float) -> list[str]:
    lines: list[str] = []
    cur = ""
    for p in pieces:
        if char_units(p.strip()) > max_units:
            if cur.strip():
                lines.append(cur)
            cur = ""
            chunks = _hard_split(p.strip(), max_units)
            lines.extend(chunks[:-1])
            cur = chunks[-1]
            continue
        if cur and char_units((cur + p).strip()) > max_units:
            lines.append(cur)
            cur = p
        else:
            cur += p
    if cur.strip():
        lines.append(cur)
    return [ln.strip() for ln in lines if ln.strip()]


def sentence_lines(sentence: str, max_units: float = MAX_UNITS) -> list[str]:
    """Lines of one sentence: whole clauses where they fit, else word-boundary breaks."""
    sentence = sentence.lstrip("，、；：,;: ")  # a stray leading pause mark is not shown
    lines: list[str] = []
    cur = ""
    for clause in _clauses(sentence):
        text = "".join(clause)
        if cur and char_units((cur + text).strip()) <= max_units:
            cur += text
            continue
        if cur.strip():
            lines.append(cur.strip())
        cur = ""
        if char_units(text.strip()) <= max_units:
            cur = text
        else:
            packed = _pack(clause, max_units)
            lines.extend(packed[:-1])
            cur = packed[-1] if packed else ""
    if cur.strip():
        lines.append(cur.strip())
    # a line of punctuation only ("，" at the start of a sentence) joins a neighbour where the
    # joined line still fits (a full line after "——" keeps the dash on a line of its own rather
    # than running past the width)
    out: list[str] = []
    for ln in lines:
        fits = bool(out) and char_units(out[-1] + ln) <= max_units
        if fits and (not _WORDY.search(ln) or not _WORDY.search(out[-1])):
            out[-1] += ln
        else:
            out.append(ln)
    return out


_WORDY = re.compile(r"[\w\u3400-\u9fff]")


def caption_lines(text: str, max_units: float = MAX_UNITS) -> list[str]:
    """All caption lines of a text, sentence by sentence (never sharing a line)."""
    out = []
    for s in sentences(text):
        out.extend(_display(ln) for ln in sentence_lines(s, max_units))
    return out


def _display(line: str) -> str:
    """Line-final ，。、；： dropped; a stray leading pause mark (text starting with "，") too."""
    return line.rstrip(_DROP_AT_END).lstrip("，、；：,;:").strip() or line


# ------------------------------------------------------------------------------------------
# Timing


def spoken_weight(text: str) -> float:
    """How long a piece takes to say, in syllables: hanzi after normalisation (digits and
    symbols become words), Latin words count one per word or per letter of an acronym."""
    spoken = normalize_for_speech(text)
    n = len(_HAN_RE.findall(spoken))
    for w in re.findall(r"[A-Za-z]+", spoken):
        n += len(w) if w.isupper() and len(w) <= 6 else max(1, len(w) // 3)
    return max(1.0, float(n))


_CLAUSE_MARK_RE = re.compile(r"[，、：；,;:](?=.*[\w\u3400-\u9fff])")


def clause_ends(sentence: str) -> list[int]:
    """Indices just after each clause mark (，、：；) that has words after it: where a narrator
    pauses inside a sentence. `tts` finds that many pauses in the audio of the sentence."""
    return [m.end() for m in _CLAUSE_MARK_RE.finditer(sentence)]


def _raw_weight(text: str) -> float:
    spoken = normalize_for_speech(text)
    n = len(_HAN_RE.findall(spoken))
    for w in re.findall(r"[A-Za-z]+", spoken):
        n += len(w) if w.isupper() and len(w) <= 6 else max(1, len(w) // 3)
    return float(n)


def _time_map(sentence: str, start: float, end: float, pauses):
    """weight → time, piecewise linear through the measured clause pauses; None if unusable."""
    import numpy as np

    ends = clause_ends(sentence)
    if not pauses or len(pauses) != len(ends):
        return None
    xs = [0.0] + [_raw_weight(sentence[:e]) for e in ends] + [_raw_weight(sentence)]
    ts = [start, *pauses, end]
    if any(b <= a for a, b in zip(xs, xs[1:])) or any(b <= a for a, b in zip(ts, ts[1:])):
        return None
    return lambda w: float(np.interp(w, xs, ts))


def _split_for_time(lines: list[str], duration: float, per: list[float] | None = None) -> list[list[str]]:
    """Group a sentence's lines into cues of ≤ MAX_LINES lines and ≤ MAX_CUE seconds."""
    if per is None:
        weights = [spoken_weight(ln) for ln in lines]
        total = sum(weights) or 1.0
        per = [duration * w / total for w in weights]
    groups: list[list[int]] = []
    for i in range(len(lines)):
        if groups and len(groups[-1]) < MAX_LINES and sum(per[j] for j in groups[-1]) + per[i] <= MAX_CUE:
            groups[-1].append(i)
        else:
            groups.append([i])
    # A cue under MIN_CUE joins its neighbour when the lines allow it.
    merged: list[list[int]] = []
    for g in groups:
        t = sum(per[j] for j in g)
        if merged:
            prev = sum(per[j] for j in merged[-1])
            fits = len(merged[-1]) + len(g) <= MAX_LINES and prev + t <= MAX_CUE
            if fits and (t < MIN_CUE or prev < MIN_CUE):
                merged[-1].extend(g)
                continue
        merged.append(list(g))
    return [[lines[j] for j in g] for g in merged]


def _split_line_for_time(line: str, seconds: float) -> list[str]:
    """A single line that alone takes more than MAX_CUE (very slow speech): halve it at a word."""
    if seconds <= MAX_CUE:
        return [line]
    parts = atoms(line)
    if len(parts) < 2:
        return [line]
    best, best_diff = 0, float("inf")
    for k in range(1, len(parts)):
        left, right = "".join(parts[:k]).strip(), "".join(parts[k:]).strip()
        if min(char_units(left), char_units(right)) < 2:
            continue  # never leave "的" alone on a cue
        diff = abs(spoken_weight(left) - spoken_weight(right))
        if diff < best_diff:
            best, best_diff = k, diff
    if best == 0:
        return [line]
    a, b = "".join(parts[:best]).strip(), "".join(parts[best:]).strip()
    wa, wb = spoken_weight(a), spoken_weight(b)
    return (_split_line_for_time(a, seconds * wa / (wa + wb)) +
            _split_line_for_time(b, seconds * wb / (wa + wb)))


def _line_bounds(sentence: str, lines: list[str]) -> list[int] | None:
    """Index in `sentence` just after each line, or None if a line cannot be found in order."""
    out, pos = [], 0
    for ln in lines:
        at = sentence.find(ln, pos)
        if at < 0:
            return None
        pos = at + len(ln)
        out.append(pos)
    return out


def sentence_cues(sentence: str, start: float, end: float, *, max_units: float = MAX_UNITS,
                  pauses=()) -> list[Cue]:
    """Cues of one sentence spoken from `start` to `end`.

    `pauses`: the times of the narrator's pauses at the sentence's clause marks, measured in its
    audio (`tts.SentenceSpan.pauses`). With them, cue times follow the voice clause by clause;
    without them, cues share the sentence's time in proportion to their spoken length."""
    if end <= start:
        return []
    lines = sentence_lines(sentence, max_units)
    if not lines:
        return []
    dur = end - start
    fmap = _time_map(sentence, start, end, pauses)
    if fmap is not None:
        expanded = list(lines)
        bounds = _line_bounds(sentence, expanded)
        if bounds is not None:
            times = [start] + [fmap(_raw_weight(sentence[:b])) for b in bounds[:-1]] + [end]
            per = [b - a for a, b in zip(times, times[1:])]
            # a line that alone takes longer than MAX_CUE is halved, as without pauses
            if any(p > MAX_CUE for p in per):
                again = []
                for ln, p in zip(expanded, per):
                    again.extend(_split_line_for_time(ln, p))
                expanded, bounds = again, _line_bounds(sentence, again)
            if bounds is not None:
                times = [start] + [fmap(_raw_weight(sentence[:b])) for b in bounds[:-1]] + [end]
                per = [b - a for a, b in zip(times, times[1:])]
                groups = _split_for_time(expanded, dur, per)
                cues, k = [], 0
                for g in groups:
                    a, b = times[k], times[k + len(g)]
                    k += len(g)
                    cues.append(Cue(round(a, 3), round(b, 3), "\n".join(_display(ln) for ln in g)))
                return cues
    total_w = sum(spoken_weight(ln) for ln in lines) or 1.0
    expanded = []
    for ln in lines:
        expanded.extend(_split_line_for_time(ln, dur * spoken_weight(ln) / total_w))
    groups = _split_for_time(expanded, dur)
    weights = [sum(spoken_weight(ln) for ln in g) for g in groups]
    total = sum(weights) or 1.0
    cues, acc = [], 0.0
    for g, w in zip(groups, weights):
        a = start + dur * acc / total
        acc += w
        b = start + dur * acc / total
        cues.append(Cue(round(a, 3), round(b, 3), "\n".join(_display(ln) for ln in g)))
    return cues


def cues_for_span(text: str, start: float, end: float, *, max_units: float = MAX_UNITS,
                  max_lines: int = MAX_LINES) -> list[Cue]:
    """Cues for a text whose sentences were not timed one by one (a recording, a skit line):
    its sentences share [start, end] in proportion to their spoken length."""
    if end <= start:
        return []
    sents = sentences(text)
    if not sents:
        return []
    weights = [spoken_weight(s) for s in sents]
    total = sum(weights)
    span = end - start
    # every sentence gets at least MIN_CUE when the span allows, the rest by spoken length
    base = min(MIN_CUE, span / len(sents))
    rest = span - base * len(sents)
    out, a = [], start
    for s, w in zip(sents, weights):
        b = a + base + rest * w / total
        out.extend(sentence_cues(s, a, b, max_units=max_units))
        a = b
    return out


def _settle(cues: list[Cue], video_duration: float | None) -> list[Cue]:
    """Monotonic, inside the video; a cue shorter than MIN_CUE stays up into the following
    silence (up to the next cue), so nothing flashes by."""
    out: list[Cue] = []
    for i, c in enumerate(cues):
        a, b = c.start, c.end
        if out:
            a = max(a, out[-1].end)
        limit = cues[i + 1].start if i + 1 < len(cues) else (video_duration if video_duration is not None else b + MIN_CUE)
        if b - a < MIN_CUE:
            b = max(b, min(a + MIN_CUE, limit))
        if video_duration is not None:
            b = min(b, video_duration)
        if b > a:
            out.append(Cue(round(a, 3), round(b, 3), c.text))
    return out


def build_cues(spans: Sequence[tuple[str, float, float]], video_duration: float | None = None) -> list[Cue]:
    """All cues of a video from (text, start, end) spans.

    Pass one span per spoken sentence (`tts.Narration.sentences`, shifted to the timeline) to
    get cues that follow the voice; a span holding several sentences is shared among them.
    """
    cues: list[Cue] = []
    for span in spans:
        text, a, b = span[0], span[1], span[2]
        pauses = tuple(span[3]) if len(span) > 3 else ()
        if video_duration is not None:
            b = min(b, video_duration)
        if b <= a:
            continue
        sents = sentences(text) if pauses else []
        if len(sents) == 1 and all(a < p < b for p in pauses):
            cues.extend(sentence_cues(sents[0], a, b, pauses=pauses))
        else:
            cues.extend(cues_for_span(text, a, b))
    return _settle(cues, video_duration)


def _ts(seconds: float, sep: str) -> str:
    ms = int(round(max(0.0, seconds) * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(cues: Sequence[Cue]) -> str:
    blocks = [f"{i}\n{_ts(c.start, ',')} --> {_ts(c.end, ',')}\n{c.text}\n"
              for i, c in enumerate(cues, 1)]
    return "\n".join(blocks)


def vtt_escape(text: str) -> str:
    """WebVTT cue text is markup: a literal &, < or > (e.g. "收益<3%", "-->") must be escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(cues: Sequence[Cue], *, escape: bool = False) -> str:
    """WebVTT. Cue text is written as given unless `escape=True` (pass it for plain text)."""
    def body(c: Cue) -> str:
        return vtt_escape(c.text) if escape else c.text

    blocks = ["WEBVTT\n"] + [f"{_ts(c.start, '.')} --> {_ts(c.end, '.')}\n{body(c)}\n" for c in cues]
    return "\n".join(blocks)


def problems(cues: Sequence[Cue], video_duration: float, *, strict: bool = False) -> list[str]:
    """What would make captions wrong: overlap, negative length, outside the video; with
    `strict`, also the reading rules (≤ 2 lines of ≤ 16 units, 1–6 s)."""
    out = []
    prev_end = 0.0
    for i, c in enumerate(cues, 1):
        if c.end <= c.start:
            out.append(f"cue {i} has no duration")
        if c.start < prev_end - 1e-6:
            out.append(f"cue {i} starts before cue {i - 1} ends")
        if c.start < 0 or c.end > video_duration + 1e-6:
            out.append(f"cue {i} is outside the video")
        if strict:
            lines = c.text.split("\n")
            if len(lines) > MAX_LINES:
                out.append(f"cue {i} has {len(lines)} lines")
            for ln in lines:
                if line_units(ln) > MAX_UNITS + 1e-9:
                    out.append(f"cue {i} line too wide: {ln}")
            d = c.end - c.start
            if d > MAX_CUE + 1e-6:
                out.append(f"cue {i} lasts {d:.2f} s (> {MAX_CUE} s)")
            if d < MIN_CUE - 1e-6:
                out.append(f"cue {i} lasts {d:.2f} s (< {MIN_CUE} s)")
        prev_end = c.end
    return out
