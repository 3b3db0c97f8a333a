"""Small drawing helpers shared by the box painters (text lines, pills, shapes)."""

from __future__ import annotations

import functools

from PIL import Image, ImageDraw

from creator_studio.core.media.fonts import load_font, load_latin_font

from .boxes import Canvas
from .text import Line

RGB = tuple[int, int, int]

# Where the baseline sits below the centre of a line: the CJK ideographic box spans about
# -0.85 em .. +0.10 em around the baseline, so its centre is ~0.37 em above it.
BASELINE_FROM_CENTRE = 0.37


def baseline(top: float, lh: int, size: int) -> int:
    return round(top + lh / 2 + BASELINE_FROM_CENTRE * size)


@functools.lru_cache(maxsize=16384)
def glyph(size: int, bold: bool, ch: str, latin: bool = False) -> tuple[Image.Image | None, int, int, float]:
    """One character rendered once as an alpha mask: (mask, dx, dy from the pen, advance).

    FreeType rasterises Noto CJK's CFF outlines at ~70 µs a glyph and Pillow re-renders every
    glyph of every `draw.text` call (≈2–3 ms a line). A lesson uses a few hundred distinct
    characters, so caching masks and pasting them makes text painting about 10× faster.
    """
    font = (load_latin_font if latin else load_font)(size, bold)
    adv = font.getlength(ch)
    left, top, right, bottom = font.getbbox(ch, anchor="ls")
    if right <= left or bottom <= top:
        return None, 0, 0, adv
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), ch, font=font, fill=255, anchor="ls")
    return mask, left, top, adv


def draw_run(img: Image.Image, x: float, base: int, text: str, size: int, bold: bool,
             color: tuple[int, int, int], latin: bool = False) -> float:
    """Paste cached glyphs along a baseline; returns the advance drawn.

    The core `paste` is called directly: `Image.paste` re-validates its arguments on every call,
    which cost more than the pixel work for ~10k glyphs a lesson (measured, issue 15 bench).
    The core clips boxes that reach outside the part.
    """
    pen = x
    h = img.height
    img.load()
    img._ensure_mutable()
    core = img.im
    for ch in text:
        mask, mw, mh, dx, dy, adv = _glyph_core(size, bold, ch, latin)
        if mask is not None:
            gy = base + dy
            if gy < h and gy + mh > 0:
                gx = round(pen) + dx
                core.paste(color, (gx, gy, gx + mw, gy + mh), mask)
        pen += adv
    return pen - x


@functools.lru_cache(maxsize=16384)
def _glyph_core(size: int, bold: bool, ch: str, latin: bool = False):
    """`glyph` with the mask's core image and size looked up once (no property calls per paste)."""
    mask, dx, dy, adv = glyph(size, bold, ch, latin)
    if mask is None:
        return None, 0, 0, dx, dy, adv
    return mask.im, mask.width, mask.height, dx, dy, adv


def draw_lines(c: Canvas, lines: list[Line], x: float, y: float, size: int, lh: int, color: RGB,
               *, align: str = "left", width: float = 0, link_color: RGB | None = None) -> None:
    """Draw wrapped lines with fixed leading; spans keep their own weight and colour."""
    seg_h = c.image.height
    for i, line in enumerate(lines):
        top = y + i * lh
        if top > seg_h or top + lh < 0 or not line.spans:
            continue
        lx = x
        if align == "center":
            lx = x + (width - line.width) / 2
        elif align == "right":
            lx = x + width - line.width
        base = baseline(top, lh, size)
        for span in line.spans:
            fill = span.color or (link_color if span.underline and link_color else color)
            span_w = draw_run(c.image, lx, base, span.text, size, span.bold, fill, span.latin)
            if span.underline:
                uy = base + max(2, round(size * 0.12))
                c.draw.line([(lx, uy), (lx + span_w, uy)], fill=fill, width=max(1, round(size / 16)))
            if span.strike:
                sy = base - round(size * 0.33)
                c.draw.line([(lx, sy), (lx + span_w, sy)], fill=fill, width=max(1, round(size / 16)))
            lx += span_w


def text_at(c: Canvas, xy: tuple[float, float], text: str, size: int, color: RGB, *,
            bold: bool = False, anchor: str = "ls") -> float:
    font = load_font(size, bold)
    c.draw.text(xy, text, font=font, fill=color, anchor=anchor)
    return font.getlength(text)


def pill(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], fill: RGB,
         outline: RGB | None = None, width: int = 1) -> None:
    x0, y0, x1, y1 = box
    draw.rounded_rectangle(box, radius=max(1, int(min(x1 - x0, y1 - y0) / 2)), fill=fill,
                           outline=outline, width=width)


def blend(a: RGB, b: RGB, t: float) -> RGB:
    """Mix colour a toward b by t (0 → a, 1 → b)."""
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))  # type: ignore[return-value]
