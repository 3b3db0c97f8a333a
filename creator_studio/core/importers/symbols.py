"""Symbol-font characters → the Unicode characters the author saw.

Office decks name a bullet as a *character in a symbol font*: `<a:buFont typeface="Wingdings"/>
<a:buChar char="l"/>` draws a filled circle, not the letter "l". Without the font (and we never
ship or use it) the letter prints literally (issue 15: "Wingdings bullets print as a literal l").
Word and older PowerPoint also store them as private-use code points U+F000+code. Only the
glyphs that commonly appear as bullets and check marks are mapped; anything else falls back
to a plain bullet rather than a meaningless letter.
"""

from __future__ import annotations

_WINGDINGS = {
    0x6C: "●", 0x6E: "■", 0x6F: "□", 0x70: "◻", 0x71: "❑", 0x72: "❒", 0x73: "◆", 0x74: "◆",
    0x75: "◆", 0x76: "❖", 0x77: "◆", 0x9F: "•", 0xA1: "○", 0xA7: "▪", 0xA8: "◻", 0x9E: "·",
    0xD8: "➢", 0xDF: "⇦", 0xE0: "⇨", 0xE8: "➔", 0xD5: "⌫", 0xEF: "⇦", 0xF0: "⇨",
    0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑", 0x46: "☞", 0x4A: "☺", 0x4B: "😐", 0x4C: "☹",
    0x22: "✂", 0x3F: "✍", 0xAB: "★", 0xB2: "✧", 0x6D: "❍", 0xAA: "✦", 0x51: "✈",
}
_WINGDINGS_2 = {0x97: "●", 0xA2: "■", 0x50: "✓", 0x4F: "✗", 0x98: "◆", 0xF0: "❖"}
_WINGDINGS_3 = {0x7D: "▶", 0x75: "▶", 0x71: "➤", 0xC6: "➢", 0x67: "▲", 0x68: "▼", 0x84: "▶"}
_SYMBOL = {
    0xB7: "•", 0xA7: "♣", 0xA8: "♦", 0xA9: "♥", 0xAA: "♠", 0xAE: "→", 0xDE: "⇒", 0xDB: "⇔",
    0xE0: "◊", 0xD8: "¬", 0xB0: "°", 0xBE: "—", 0x2D: "−", 0x2A: "∗", 0x6F: "ο", 0xB4: "×",
}
_WEBDINGS = {0x61: "✓", 0x34: "▶", 0x33: "◀", 0x3D: "■", 0x6E: "■", 0x63: "☐", 0x67: "■",
             0x3C: "▶", 0x38: "▶", 0x6C: "●", 0x71: "✓", 0x72: "✗"}

_FONTS = {"wingdings": _WINGDINGS, "wingdings 2": _WINGDINGS_2, "wingdings 3": _WINGDINGS_3,
          "symbol": _SYMBOL, "webdings": _WEBDINGS}


def is_symbol_font(typeface: str | None) -> bool:
    return bool(typeface) and typeface.strip().lower() in _FONTS


def map_symbol_char(ch: str, typeface: str | None) -> str:
    """One bullet character in `typeface` → a visible Unicode character.

    Private-use code points (U+F020–U+F0FF) are symbol-font codes whatever font is named.
    Characters of ordinary fonts come back unchanged.
    """
    if not ch:
        return ch
    code = ord(ch[0])
    font = (typeface or "").strip().lower()
    if 0xF020 <= code <= 0xF0FF:
        code -= 0xF000
        table = _FONTS.get(font)
        if table is None:  # PUA in a normal font: Symbol's bullet/arrows, else Wingdings' glyphs
            table = _SYMBOL if code in (0xB7, 0xAE, 0xDE) else _WINGDINGS
        return table.get(code, "•")
    table = _FONTS.get(font)
    if table is None:
        return ch
    return table.get(code, "•")


def map_symbol_text(text: str, typeface: str | None) -> str:
    """A run of text in a symbol font (or with private-use characters) → visible characters."""
    font = (typeface or "").strip().lower()
    if font in _FONTS:
        return "".join(map_symbol_char(c, font) if not c.isspace() else c for c in text)
    if any(0xF020 <= ord(c) <= 0xF0FF for c in text):
        return "".join(map_symbol_char(c, font) if 0xF020 <= ord(c) <= 0xF0FF else c for c in text)
    return text
