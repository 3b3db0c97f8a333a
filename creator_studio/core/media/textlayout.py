"""Chinese line breaking (禁则 / kinsoku) for Pillow-drawn text.

Pillow neither wraps nor knows CJK rules, and moviepy's caption wrapping breaks anywhere. This
module tokenises mixed CJK/Latin text (Latin words, numbers and URLs stay whole; ``——`` and
``……`` are one token), then breaks greedily with push-out: a line never starts with closing
punctuation and never ends with an opening bracket. Token widths are cached per font, so wrapping
is linear in the text length, not quadratic.

The character sets follow the zh-CN defaults of ECMA-376 ``w:kinsoku`` (see FIELD-NOTES §4).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Characters that may not start a line (closing punctuation, pauses, units that follow numbers).
NO_START = set(
    "!%),.:;>?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠"
    "ー々〻ゝゞヽヾ"
)
# Characters that may not end a line (opening brackets and currency signs that precede numbers).
NO_END = set("$([{£¥‘“〈《「『【〔〖〝﹙﹛﹝＄（［｛￡￥")

_TOKEN_RE = re.compile(
    r"""
    (?P<url>(?:https?|ftp|mailto):[^\s\u2010-\u206f\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]+)
  | (?P<dash>——+|……+|…+|—+)
  | (?P<word>[A-Za-z0-9\u00c0-\u024f](?:[A-Za-z0-9\u00c0-\u024f_'’.,:/@#%&+\-]*[A-Za-z0-9\u00c0-\u024f%])?)
  | (?P<space>[ \t\u3000]+)
  | (?P<char>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def tokenize(text: str) -> list[str]:
    """Split into unbreakable tokens: URLs, Latin words/numbers, dash runs, spaces, single chars."""
    return [m.group(0) for m in _TOKEN_RE.finditer(text)]


def _is_space(tok: str) -> bool:
    return tok.isspace()


def _cannot_start(tok: str) -> bool:
    return bool(tok) and tok[0] in NO_START


def _cannot_end(tok: str) -> bool:
    return bool(tok) and tok[-1] in NO_END


def normalize_breaks(text: str) -> str:
    """PowerPoint gives ``<a:br>`` as VT (\\v); treat it, CR and LS as newlines."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\u2028", "\n")


@dataclass
class Measurer:
    """Cached token advance widths for one font."""

    measure: Callable[[str], float]

    def __post_init__(self) -> None:
        self._cache: dict[str, float] = {}

    def __call__(self, tok: str) -> float:
        w = self._cache.get(tok)
        if w is None:
            w = self._cache[tok] = float(self.measure(tok))
        return w


def _hard_split(tok: str, width: Callable[[str], float], max_width: float) -> list[str]:
    """A token longer than a whole line (a long URL) is split by characters as a last resort."""
    parts, cur = [], ""
    for ch in tok:
        if cur and width(cur + ch) > max_width:
            parts.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        parts.append(cur)
    return parts


def break_paragraph(text: str, width: Callable[[str], float], max_width: float) -> list[str]:
    """Break one paragraph (no newlines) into lines no wider than `max_width` where possible."""
    lines: list[str] = []
    line: list[str] = []
    line_w = 0.0

    def flush() -> None:
        nonlocal line, line_w
        while line and _is_space(line[-1]):
            line.pop()
        lines.append("".join(line))
        line, line_w = [], 0.0

    def place(tok: str) -> None:
        nonlocal line_w
        if not line and _is_space(tok):
            return  # no leading spaces on a wrapped line
        tw = width(tok)
        if tw > max_width and not _is_space(tok):
            if line:
                flush()
            pieces = _hard_split(tok, width, max_width)
            for piece in pieces[:-1]:
                lines.append(piece)
            tok, tw = pieces[-1], width(pieces[-1])
        line.append(tok)
        line_w += tw

    tokens = tokenize(text)
    for i, tok in enumerate(tokens):
        tw = width(tok)
        if line_w + tw <= max_width or not line:
            place(tok)
            continue
        if _is_space(tok):
            if i + 1 < len(tokens) and _cannot_start(tokens[i + 1]):
                continue  # breaking here would open the next line with "……" or "。": drop the space
            flush()
            continue
        carry = [tok]
        # Push-out: carry tokens down while the next line would start with closing punctuation
        # or this line would end with an opening bracket.
        while len(line) > 1 and (_cannot_start(carry[0]) or _cannot_end(line[-1])):
            moved = line.pop()
            if not _is_space(moved):  # a space never travels: it would hide the "……" behind it
                carry.insert(0, moved)
        if _cannot_start(carry[0]):
            line.append(carry.pop(0))  # nothing left to push out: let it hang
        flush()
        for t in carry:
            place(t)
    if line or not lines:
        flush()
    return lines


def wrap(text: str, width: Callable[[str], float], max_width: float) -> list[str]:
    """Wrap text with explicit newlines kept; empty paragraphs become empty lines."""
    out: list[str] = []
    for para in normalize_breaks(text).split("\n"):
        out.extend(break_paragraph(para, width, max_width))
    return out


def wrap_for_font(text: str, font, max_width: float) -> list[str]:
    """`wrap` with a Pillow font; the measurer cache lives on the font object."""
    m = getattr(font, "_cs_measurer", None)
    if m is None:
        m = Measurer(font.getlength)
        try:
            font._cs_measurer = m
        except AttributeError:
            pass
    return wrap(text, m, max_width)


def check_kinsoku(lines: list[str]) -> list[str]:
    """Problems in an already-broken text (used by tests and the norms check)."""
    problems = []
    for i, line in enumerate(lines):
        if i > 0 and line and line[0] in NO_START:
            problems.append(f"line {i + 1} starts with {line[0]!r}")
        if i < len(lines) - 1 and line and line[-1] in NO_END:
            problems.append(f"line {i + 1} ends with {line[-1]!r}")
    for a, b in zip(lines, lines[1:]):
        if a.endswith("—") and b.startswith("—") or a.endswith("…") and b.startswith("…"):
            problems.append("a —— or …… pair was split")
    return problems
