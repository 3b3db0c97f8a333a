"""Paint one part of the long image: background, cards, the boxes that overlap it, watermark.

Only boxes overlapping [top, bottom) are painted, at `box.y - top`; anything falling outside the
part is clipped by Pillow, and since parts end at clean boundaries no text is ever cut.
"""

from __future__ import annotations

import bisect
import functools
import math

from PIL import Image, ImageDraw

from creator_studio.core.media.fonts import load_font
from creator_studio.core.themes import Theme

from .boxes import Canvas, Layout

WATERMARK_STEP = (360, 300)  # design px between watermark tiles (x, y)
WATERMARK_ALPHA = 22  # out of 255: visible on inspection, never in the way of reading


def paint_segment(layout: Layout, theme: Theme, top: int, bottom: int, *,
                  watermark: str = "", warnings: list[str] | None = None) -> Image.Image:
    w, h = layout.width, bottom - top
    scale = theme.scale_for(w)
    img = Image.new("RGB", (w, h), theme.rgb("background"))
    draw = ImageDraw.Draw(img)
    canvas = Canvas(img, draw, theme, scale, w, top)
    margin = round(theme.spacing.margin * scale)
    radius = round(theme.spacing.radius * scale)
    if theme.cards:
        for card in layout.cards:
            if card.bottom <= top or card.top >= bottom:
                continue
            draw.rounded_rectangle([margin, card.top - top, w - margin, card.bottom - top],
                                   radius=radius, fill=theme.rgb(card.fill))
    starts = [b.y for b in layout.boxes]
    i = max(0, bisect.bisect_right(starts, top) - 1)
    while i < len(layout.boxes) and layout.boxes[i].y < bottom:
        box = layout.boxes[i]
        if box.bottom > top and box.paint is not None:
            box.paint(canvas, box.y - top)
        i += 1
    if watermark:
        _watermark(img, watermark, theme, scale, top)
    if warnings is not None:
        warnings.extend(canvas.warnings)
    return img


@functools.lru_cache(maxsize=8)
def _watermark_tile(text: str, size: int, angle: float) -> Image.Image:
    """The watermark text rotated, as an 'L' alpha mask (cached: same for every part)."""
    font = load_font(size)
    tw = int(font.getlength(text)) + 4
    th = int(size * 1.5)
    mask = Image.new("L", (tw, th), 0)
    ImageDraw.Draw(mask).text((2, th / 2), text, font=font, fill=255, anchor="lm")
    mask = mask.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    return mask.point(lambda v: v * WATERMARK_ALPHA // 255)


def _watermark(img: Image.Image, text: str, theme: Theme, scale: float, top: int) -> None:
    """Tile the maker's name diagonally on a grid anchored to the whole image (seamless parts)."""
    tile = _watermark_tile(text, max(12, round(22 * scale)), 28.0)
    sx, sy = round(WATERMARK_STEP[0] * scale), round(WATERMARK_STEP[1] * scale)
    color = Image.new("RGB", tile.size, theme.rgb("watermark"))
    w, h = img.size
    first_row = math.floor((top - tile.height) / sy)
    row = first_row
    while row * sy - top < h:
        y = row * sy - top
        offset = (row % 2) * sx // 2 - sx // 3
        x = offset
        while x < w:
            img.paste(color, (x, y), tile)
            x += sx
        row += 1
