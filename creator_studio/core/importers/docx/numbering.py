"""List numbers as the author saw them, rebuilt from numbering.xml.

Word does not store "1.", "一、" or "(a)" in the text (FIELD-NOTES §2): a paragraph says
`numId`/`ilvl`, `numbering.xml` maps the numId to an abstract definition (`lvlText` such as
"%1.%2", `numFmt`, `start`) possibly overridden per instance (`lvlOverride/startOverride`).
Counters belong to the abstract list, so two numIds sharing one abstractNum continue each other
unless the second one carries a startOverride (that is how Word's "restart numbering" is saved).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from creator_studio.core.importers.docx.package import q
from creator_studio.core.importers.symbols import is_symbol_font, map_symbol_char

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_number(n: int, legal: bool = False) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五, 1234 → 一千二百三十四."""
    digits = _CN_LEGAL if legal else _CN_DIGITS
    units = ["", "拾", "佰", "仟"] if legal else ["", "十", "百", "千"]
    if n <= 0:
        return digits[0]
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = chinese_number(low, legal) if low else ""
        if low and low < 1000:
            rest = digits[0] + rest
        return chinese_number(high, legal) + ("万" if not legal else "万") + rest
    out = []
    s = str(n)
    zero = False
    for i, ch in enumerate(s):
        d = int(ch)
        pos = len(s) - 1 - i
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append(digits[0])
        zero = False
        out.append(digits[d] + units[pos])
    text = "".join(out)
    if not legal and 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def letters(n: int) -> str:
    """Word's letter numbering: a..z, aa..zz, aaa.. (repeat, not base-26)."""
    if n <= 0:
        return str(n)
    ch = chr(ord("a") + (n - 1) % 26)
    return ch * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("decimal", "", None):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerLetter":
        return letters(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting"):
        return chinese_number(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_number(n, legal=True)
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac",):
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "decimalEnclosedFullstop"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(c)) for c in str(n))
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(c)] for c in str(n))
    if fmt == "ordinal":
        return f"{n}."
    if fmt == "none":
        return ""
    return str(n)


# Symbol/Wingdings private-use bullets → visible characters
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖",
            "\uf06e": "■", "\uf0a8": "◆", "\uf071": "❑", "\uf075": "◆", "o": "◦"}


def bullet_char(text: str, font: str | None = None) -> str:
    """The bullet as the reader sees it; `font` is the level's `w:rFonts` (Wingdings "§" → ▪)."""
    if not text:
        return "•"
    if is_symbol_font(font):
        return "".join(map_symbol_char(c, font) for c in text if not c.isspace()) or "•"
    out = "".join(_BULLETS.get(c, c) for c in text)
    if any(0xF000 <= ord(c) <= 0xF0FF for c in out):
        return "•"
    return out


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    is_lgl: bool = False
    font: str | None = None  # w:rPr/w:rFonts of the level (symbol fonts for bullets)
    restart: int | None = None


@dataclass
class Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _level(el) -> Level:
    lv = Level()
    st = el.find(q("w:start"))
    if st is not None and (st.get(q("w:val")) or "").lstrip("-").isdigit():
        lv.start = int(st.get(q("w:val")))
    fmt = el.find(q("w:numFmt"))
    if fmt is not None:
        lv.fmt = fmt.get(q("w:val")) or "decimal"
    txt = el.find(q("w:lvlText"))
    if txt is not None:
        lv.text = txt.get(q("w:val")) or ""
    lv.is_lgl = el.find(q("w:isLgl")) is not None
    fonts = el.find(q("w:rPr") + "/" + q("w:rFonts"))
    if fonts is not None:
        lv.font = fonts.get(q("w:ascii")) or fonts.get(q("w:hAnsi")) or fonts.get(q("w:cs"))
    rs = el.find(q("w:lvlRestart"))
    if rs is not None and (rs.get(q("w:val")) or "").isdigit():
        lv.restart = int(rs.get(q("w:val")))
    return lv


_PLACEHOLDER = re.compile(r"%([1-9])")


class Numbering:
    def __init__(self, root, styles=None) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self._seen_nums: set[str] = set()
        self.styles = styles
        if root is None:
            return
        for an in root.iter(q("w:abstractNum")):
            aid = an.get(q("w:abstractNumId"))
            if aid is None:
                continue
            self.abstract[aid] = {int(l.get(q("w:ilvl")) or 0): _level(l)
                                  for l in an.findall(q("w:lvl"))
                                  if (l.get(q("w:ilvl")) or "0").isdigit()}
            link = an.find(q("w:numStyleLink"))
            if link is not None and link.get(q("w:val")):
                self.abstract_style_link[aid] = link.get(q("w:val"))
        for num in root.iter(q("w:num")):
            nid = num.get(q("w:numId"))
            ref = num.find(q("w:abstractNumId"))
            if nid is None or ref is None:
                continue
            n = Num(ref.get(q("w:val")) or "")
            for ov in num.findall(q("w:lvlOverride")):
                ilvl = int(ov.get(q("w:ilvl")) or 0)
                so = ov.find(q("w:startOverride"))
                if so is not None and (so.get(q("w:val")) or "").lstrip("-").isdigit():
                    n.start_overrides[ilvl] = int(so.get(q("w:val")))
                lv = ov.find(q("w:lvl"))
                if lv is not None:
                    n.level_overrides[ilvl] = _level(lv)
            self.nums[nid] = n

    def _abstract_for(self, num: Num) -> str:
        aid = num.abstract_id
        style = self.abstract_style_link.get(aid)
        if style and self.styles is not None:
            sid, _ = self.styles.numbering(style)
            target = self.nums.get(sid or "")
            if target is not None and target.abstract_id != aid:
                return target.abstract_id
        return aid

    def levels(self, num_id: str) -> dict[int, Level] | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        levels = dict(self.abstract.get(self._abstract_for(num), {}))
        levels.update(num.level_overrides)
        return levels

    def next_marker(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """Advance the list's counter and return (marker text, is_ordered); None: not a list."""
        if not num_id or num_id == "0":
            return None
        num = self.nums.get(num_id)
        levels = self.levels(num_id)
        if num is None or not levels:
            return None
        key = self._abstract_for(num)
        counters = self.counters.setdefault(key, {})
        if num_id not in self._seen_nums:
            self._seen_nums.add(num_id)
            for lvl, start in num.start_overrides.items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        lv = levels.get(ilvl) or levels.get(0) or Level()
        counters[ilvl] = counters.get(ilvl, lv.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if lv.fmt == "bullet":
            return bullet_char(lv.text, lv.font), False
        if lv.fmt == "none":
            return _PLACEHOLDER.sub("", lv.text).strip(), True

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            other = levels.get(k) or Level()
            value = counters.get(k, other.start)
            fmt = "decimal" if (lv.is_lgl and k != ilvl) else other.fmt
            if fmt == "bullet":
                fmt = "decimal"
            return format_number(value, fmt)

        return _PLACEHOLDER.sub(sub, lv.text), True
