"""DrawingML text bodies (`a:txBody`) → Paragraph / BulletList blocks with basic run styles.

Read with lxml rather than python-pptx's text API so `<a:br>` becomes a newline directly (not
"\\v"), fields (`a:fld`, e.g. slide numbers) keep their text, and bullets/numbering are known
per paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from creator_studio.core.importers.pptx_parts.ns import R_ID, clean_text, q
from creator_studio.core.importers.symbols import is_symbol_font, map_symbol_char, map_symbol_text
from creator_studio.core.lesson.model import Block, BulletList, ListItem, Paragraph, Run

A_P, A_R, A_BR, A_FLD, A_T = q("a:p"), q("a:r"), q("a:br"), q("a:fld"), q("a:t")
A_PPR, A_RPR = q("a:pPr"), q("a:rPr")
A_BUCHAR, A_BUAUTO, A_BUNONE, A_BUBLIP = q("a:buChar"), q("a:buAutoNum"), q("a:buNone"), q("a:buBlip")
A_SOLID, A_SRGB, A_HLINK = q("a:solidFill"), q("a:srgbClr"), q("a:hlinkClick")
A_BUFONT, A_LATIN = q("a:buFont"), q("a:latin")
A14_M, M_T = q("a14:m"), q("m:t")

_ALIGN = {"l": "left", "ctr": "center", "r": "right", "just": "justify", "dist": "justify"}
_TRUE = {"1", "true", "on"}

LinkResolver = Callable[[str], "str | None"]


@dataclass
class ParaInfo:
    runs: list[Run]
    level: int
    bullet: str | None  # None = no bullet; "char:•" or "auto:arabicPeriod:1"
    align: str | None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def _run_style(rpr, resolve_link: LinkResolver | None) -> dict:
    if rpr is None:
        return {}
    st: dict = {}
    if rpr.get("b") in _TRUE:
        st["bold"] = True
    if rpr.get("i") in _TRUE:
        st["italic"] = True
    u = rpr.get("u")
    if u and u != "none":
        st["underline"] = True
    s = rpr.get("strike")
    if s and s != "noStrike":
        st["strike"] = True
    sz = rpr.get("sz")
    if sz and sz.isdigit():
        st["size_pt"] = int(sz) / 100
    fill = rpr.find(A_SOLID)
    if fill is not None:
        clr = fill.find(A_SRGB)
        if clr is not None and clr.get("val"):
            st["color"] = clr.get("val").upper()
    h = rpr.find(A_HLINK)
    if h is not None and resolve_link is not None:
        rid = h.get(R_ID)
        if rid:
            link = resolve_link(rid)
            if link:
                st["link"] = link
    return st


def _symbol_typeface(rpr) -> str | None:
    """The symbol font a run is drawn in, when its `a:latin` names one (else None)."""
    if rpr is None:
        return None
    # `a:sym` only applies to private-use characters, which map_symbol_text maps anyway.
    el = rpr.find(A_LATIN)
    if el is not None and is_symbol_font(el.get("typeface")):
        return el.get("typeface")
    return None


def _append(runs: list[Run], text: str, style: dict) -> None:
    if not text:
        return
    if runs:
        last = runs[-1]
        if (last.bold, last.italic, last.underline, last.strike, last.color, last.size_pt,
                last.link) == (style.get("bold", False), style.get("italic", False),
                               style.get("underline", False), style.get("strike", False),
                               style.get("color"), style.get("size_pt"), style.get("link")):
            last.text += text
            return
    runs.append(Run(text=text, **style))


def read_paragraph(p, resolve_link: LinkResolver | None = None) -> ParaInfo:
    runs: list[Run] = []
    for child in p:
        tag = child.tag
        if tag == A_R or tag == A_FLD:
            t = child.find(A_T)
            rpr = child.find(A_RPR)
            _append(runs, map_symbol_text(clean_text(t.text if t is not None else ""),
                                          _symbol_typeface(rpr)),
                    _run_style(rpr, resolve_link))
        elif tag == A14_M:  # an equation (PowerPoint 2010+): its text, in italics
            _append(runs, clean_text("".join(t.text or "" for t in child.iter(M_T))), {"italic": True})
        elif tag == A_BR:
            if runs:
                runs[-1].text += "\n"
            else:
                runs.append(Run(text="\n"))
    ppr = p.find(A_PPR)
    level, bullet, align = 0, None, None
    if ppr is not None:
        lvl = ppr.get("lvl")
        level = int(lvl) if lvl and lvl.isdigit() else 0
        align = _ALIGN.get(ppr.get("algn") or "")
        if ppr.find(A_BUNONE) is not None:
            bullet = "none"
        elif (bc := ppr.find(A_BUCHAR)) is not None:
            bu_font = ppr.find(A_BUFONT)
            face = bu_font.get("typeface") if bu_font is not None else None
            bullet = "char:" + (map_symbol_char(bc.get("char") or "•", face) or "•")
        elif (ba := ppr.find(A_BUAUTO)) is not None:
            bullet = f"auto:{ba.get('type') or 'arabicPeriod'}:{ba.get('startAt') or '1'}"
        elif ppr.find(A_BUBLIP) is not None:
            bullet = "char:•"
    # trim a trailing/leading break-only run
    while runs and not runs[-1].text.strip():
        runs.pop()
    while runs and not runs[0].text.strip():
        runs.pop(0)
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()
    return ParaInfo(runs=runs, level=level, bullet=bullet, align=align)


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
_CN = "〇一二三四五六七八九"


def _roman(n: int) -> str:
    out = ""
    for v, s in _ROMAN:
        while n >= v:
            out, n = out + s, n - v
    return out


def _cn(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    return str(n)


def auto_marker(scheme: str, n: int) -> str:
    """PowerPoint `buAutoNum@type` (arabicPeriod, alphaLcParenR, ea1ChsPeriod, ...) → marker."""
    if scheme.startswith("arabic"):
        core = str(n)
    elif scheme.startswith("alphaLc"):
        core = chr(ord("a") + (n - 1) % 26)
    elif scheme.startswith("alphaUc"):
        core = chr(ord("A") + (n - 1) % 26)
    elif scheme.startswith("romanLc"):
        core = _roman(n)
    elif scheme.startswith("romanUc"):
        core = _roman(n).upper()
    elif scheme.startswith(("ea1Chs", "ea1Cht", "ea1Jpn")):
        core = _cn(n)
    elif scheme.startswith("circleNum"):
        core = chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
        return core
    else:
        core = str(n)
    if scheme.endswith("ParenBoth"):
        return f"({core})"
    if scheme.endswith("ParenR"):
        return f"{core})"
    if scheme.startswith("ea1") and scheme.endswith(("Period", "Plain")):
        return core + ("、" if scheme.startswith("ea1Chs") else ".")
    if scheme.endswith("Plain"):
        return core
    return core + "."


def body_blocks(tx_body, *, default_bullets: bool,
                resolve_link: LinkResolver | None = None) -> list[Block]:
    """Paragraphs of one text body → blocks. Consecutive bulleted paragraphs form one list.

    `default_bullets` is True for body/content placeholders, whose paragraphs inherit bullets
    from the master unless they say `buNone`.
    """
    blocks: list[Block] = []
    current: BulletList | None = None
    counters: dict[int, int] = {}
    for p in tx_body.iter(A_P):
        info = read_paragraph(p, resolve_link)
        if not info.runs:
            continue
        bullet = info.bullet
        is_bullet = bullet is not None and bullet != "none" or (bullet is None and default_bullets)
        if not is_bullet:
            current = None
            counters.clear()
            blocks.append(Paragraph(runs=info.runs, level=info.level, align=info.align))
            continue
        if current is None:
            current = BulletList(items=[], ordered=False)
            blocks.append(current)
            counters.clear()
        marker = "•"
        if bullet and bullet.startswith("auto:"):
            _, scheme, start = bullet.split(":", 2)
            for deeper in [k for k in counters if k > info.level]:
                del counters[deeper]
            n = counters.get(info.level, (int(start) if start.isdigit() else 1) - 1) + 1
            counters[info.level] = n
            marker = auto_marker(scheme, n)
            current.ordered = True
        elif bullet and bullet.startswith("char:"):
            marker = bullet[5:] or "•"
        current.items.append(ListItem(runs=info.runs, level=info.level, marker=marker))
    return blocks


def body_text(tx_body) -> str:
    """Plain text of a text body: paragraphs joined by newlines (titles, table cells, notes)."""
    lines = []
    for p in tx_body.iter(A_P):
        info = read_paragraph(p)
        if info.runs:
            lines.append(info.text)
    return "\n".join(lines)
