"""Pictures scaled to the card width; those that cannot be shown are left out (maker warned)."""

from __future__ import annotations

import logging

from creator_studio.core.lesson.model import Image

from . import pictures
from .boxes import Box, Canvas
from .context import Ctx
from .text import clean_text

log = logging.getLogger(__name__)


def image_box(ctx: Ctx, block: Image) -> Box | None:
    """The picture at card width, or None (with a warning to the maker) when it cannot be shown.

    Issue 15: a buyer must never see a "cannot display" box. Vector pictures show through their
    PNG (`raster_asset`, converted at import or cropped from the slide picture); a missing or
    corrupt picture is left out and the maker is told in the artifact's warnings.
    """
    pr = pictures.probe(block, ctx.lesson)
    if not pr.ok:
        ctx.warnings.append(f"图片未显示（{pr.problem}）" + (f"：{clean_text(block.alt).strip()[:40]}"
                                                       if block.alt.strip() else ""))
        return None
    return picture_box(ctx, pr.path, pr.width, pr.height, kind="image", alt=block.alt)


def picture_box(ctx: Ctx, path, w: int, h: int, *, kind: str = "image", alt: str = "",
                x: int | None = None, width: int | None = None, max_h: int | None = None,
                enlarge: float = 2.0, frame: bool = False) -> Box:
    """A decoded-at-paint-time picture, `width` wide (default the card), aspect kept."""
    avail = ctx.cw if width is None else width
    dw = int(min(avail, w * enlarge))  # fill the width, but never enlarge more than `enlarge`×
    dh = max(1, round(h * dw / w))
    limit = max_h or min(ctx.max_box, int(ctx.cw * 2.2))
    if dh > limit:  # very tall pictures are shown narrower rather than filling many screens
        dh = limit
        dw = max(1, round(w * dh / h))
    left = (ctx.x0 if x is None else x) + (avail - dw) // 2

    def paint(c: Canvas, y: int) -> None:
        try:
            im = pictures.decode_to(path, (dw, dh), ctx.surface)
        except Exception as exc:  # noqa: BLE001 - decode failures leave the space empty
            log.info("picture %s failed at paint time: %s", path, exc)
            c.warnings.append(f"图片无法解码，未显示：{alt or path.name}")
            return
        c.image.paste(im, (left, y))
        if frame:
            c.draw.rectangle([left, y, left + dw - 1, y + dh - 1], outline=(222, 226, 232), width=1)

    return Box(kind, dh, paint, [], False, None, {"size": (dw, dh), "source": (w, h), "alt": alt})
