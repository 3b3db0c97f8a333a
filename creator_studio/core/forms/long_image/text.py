"""Rich text for the long image: runs → kinsoku-wrapped lines of styled spans.

All breaking goes through `creator_studio.core.media.textlayout` (tokenising, 禁则 push-out).
A paragraph mixing bold and regular runs is wrapped with a measurer that takes, per token, the
wider of the two faces: CJK advances are identical in both, Latin bold is slightly wider, so the
line never overflows and at worst a regular Latin word moves down a line early.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from creator_studio.core.lesson.model import Run
from creator_studio.core.media.fonts import LATIN_PUNCT, latin_positions, load_font, load_latin_font
from creator_studio.core.media.textlayout import Measurer, normalize_breaks, wrap, wrap_for_font

RGB = tuple[int, int, int]

# Code points Noto Sans CJK cannot draw and that would show as tofu boxes: emoji planes,
# variation selectors, zero-width joiners, and C0/C1 controls other than newline.
_UNDRAWABLE = re.compile(
    "[\U0001F000-\U0001FAFF\U0001FC00-\U0001FFFF\uFE00-\uFE0F\u200D\u2060-\u2064"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # Wingdings/Symbol bullets from Office


def clean_text(text: str) -> str:
    """Make arbitrary document text drawable; markup is kept verbatim (it is just text here)."""
    text = normalize_breaks(text or "").replace("\t", "    ")
    text = _PRIVATE_USE.sub("•", text)
    return _UNDRAWABLE.sub("", text)


def _luminance(c: RGB) -> float:
    def ch(v: int) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = c
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def usable_color(hex_color: str | None, surface: RGB) -> RGB | None:
    """An author's run colour, kept only when it is an emphasis colour readable on `surface`.

    Slides often carry white text (drawn on a dark shape we do not reproduce) or plain black/grey
    that would fight the theme; those fall back to the theme's text colour.
    """
    if not hex_color or not re.fullmatch(r"[0-9a-fA-F]{6}", hex_color):
        return None
    c = (int(hex_color[0:2], 16), int(hex_color[2:4], 16), int(hex_color[4:6], 16))
    if max(c) - min(c) < 60:  # greyscale: let the theme decide
        return None
    if contrast(c, surface) < 3.0:
        return None
    return c


@dataclass
class Span:
    text: str
    bold: bool = False
    color: RGB | None = None
    underline: bool = False
    strike: bool = False
    width: float = 0.0
    latin: bool = False  # drawn with the Latin face (curly quotes inside Latin text)


@dataclass
class Line:
    spans: list[Span] = field(default_factory=list)
    width: float = 0.0

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class _Style:
    bold: bool
    color: RGB | None
    underline: bool
    strike: bool


def _max_measurer(size: int) -> Measurer:
    reg, bold = load_font(size, False), load_font(size, True)
    return Measurer(lambda t: max(reg.getlength(t), bold.getlength(t)))


_MIXED_MEASURERS: dict[int, Measurer] = {}


def layout_runs(runs: list[Run], size: int, max_width: float, *, bold: bool = False,
                surface: RGB = (255, 255, 255), max_lines: int | None = None) -> list[Line]:
    """Wrap styled runs into lines no wider than `max_width` (kinsoku rules applied)."""
    texts: list[str] = []
    styles: list[_Style] = []
    for r in runs:
        t = clean_text(r.text)
        if not t:
            continue
        texts.append(t)
        styles.append(_Style(bold or r.bold, usable_color(r.color, surface),
                             r.underline or bool(r.link), r.strike))
    full = "".join(texts)
    style_at: list[int] = []
    for i, t in enumerate(texts):
        style_at.extend([i] * len(t))

    weights = {s.bold for s in styles}
    if len(weights) > 1:
        measurer = _MIXED_MEASURERS.get(size) or _MIXED_MEASURERS.setdefault(size, _max_measurer(size))

        def breaker(p: str) -> list[str]:
            return wrap(p, measurer, max_width)
    else:
        font = load_font(size, weights == {True})

        def breaker(p: str) -> list[str]:
            return wrap_for_font(p, font, max_width)

    lines: list[Line] = []
    offset = 0
    for para in full.split("\n"):
        ptr = 0
        for text in breaker(para):
            if not text:
                lines.append(Line())
                continue
            at = para.find(text, ptr)
            if at < 0:  # cannot happen for contiguous tokens; draw unstyled rather than fail
                at = ptr
            lines.append(_styled_line(text, offset + at, style_at, styles, size))
            ptr = at + len(text)
        offset += len(para) + 1
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        _ellipsize(lines[-1], size, max_width)
    return lines


def _styled_line(text: str, start: int, style_at: list[int], styles: list[_Style], size: int) -> Line:
    spans: list[Span] = []
    cur = -1
    buf: list[str] = []
    for i, ch in enumerate(text):
        idx = style_at[start + i] if start + i < len(style_at) else cur
        if idx != cur and buf:
            spans.append(_span("".join(buf), styles[cur]))
            buf = []
        cur = idx
        buf.append(ch)
    if buf:
        spans.append(_span("".join(buf), styles[cur] if cur >= 0 else _Style(False, None, False, False)))
    if any(ch in LATIN_PUNCT for ch in text):
        spans = _split_latin(spans, latin_positions(text))
    for s in spans:
        s.width = sum(advance(size, s.bold, s.latin, ch) for ch in s.text)
    return Line(spans, sum(s.width for s in spans))


@functools.lru_cache(maxsize=32768)
def advance(size: int, bold: bool, latin: bool, ch: str) -> float:
    """One character's advance, cached: the painter places glyphs by these same advances."""
    return (load_latin_font if latin else load_font)(size, bold).getlength(ch)


def _split_latin(spans: list[Span], latin_at: set[int]) -> list[Span]:
    """Cut spans so each curly quote in Latin context is its own span drawn with the Latin face
    (Noto Sans CJK's ’ is full-width: "Today’  s")."""
    if not latin_at:
        return spans
    out: list[Span] = []
    pos = 0
    for sp in spans:
        start = 0
        for k, _ch in enumerate(sp.text):
            if pos + k in latin_at:
                if k > start:
                    out.append(Span(sp.text[start:k], sp.bold, sp.color, sp.underline, sp.strike))
                out.append(Span(sp.text[k], sp.bold, sp.color, sp.underline, sp.strike, latin=True))
                start = k + 1
        if start < len(sp.text):
            out.append(Span(sp.text[start:], sp.bold, sp.color, sp.underline, sp.strike))
        pos += len(sp.text)
    return out


def _span(text: str, st: _Style) -> Span:
    return Span(text, st.bold, st.color, st.underline, st.strike)


def _ellipsize(line: Line, size: int, max_width: float) -> None:
    """Shorten the last visible line of a clipped title so '…' fits."""
    if not line.spans:
        return
    last = line.spans[-1]
    font = load_font(size, last.bold)
    ell = font.getlength("…")
    while last.text and line.width - last.width + font.getlength(last.text) + ell > max_width:
        last.text = last.text[:-1]
    last.text += "…"
    last.width = font.getlength(last.text)
    line.width = sum(s.width for s in line.spans)


def plain(text: str, bold: bool = False, color: str | None = None) -> list[Run]:
    return [Run(text=text, bold=bold, color=color)]


def is_numeric(text: str) -> bool:
    t = text.strip().replace(",", "").replace("，", "")
    return bool(re.fullmatch(r"[-+]?[¥$￥]?\d+(\.\d+)?[%％万亿元]?", t))


def display_width(text: str) -> int:
    """Rough width in half-width cells (East Asian wide = 2), for table column heuristics."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
