"""Pictures scaled to the card width, and labelled placeholders for those that cannot be shown."""

from __future__ import annotations

import logging

from creator_studio.core.lesson.model import Image

from . import pictures
from .boxes import Box, Canvas
from .context import Ctx
from .paint import draw_lines
from .text import clean_text, layout_runs, plain

log = logging.getLogger(__name__)


def image_box(ctx: Ctx, block: Image) -> Box:
    pr = pictures.probe(block, ctx.lesson)
    if pr.ok:
        w, h = pr.width, pr.height
        dw = int(min(ctx.cw, w * 2))  # fill the width, but never enlarge more than 2×
        dh = max(1, round(h * dw / w))
        limit = min(ctx.max_box, int(ctx.cw * 2.2))
        if dh > limit:  # very tall pictures are shown narrower rather than filling many screens
            dh = limit
            dw = max(1, round(w * dh / h))
        x = ctx.x0 + (ctx.cw - dw) // 2
        path = pr.path

        def paint(c: Canvas, y: int) -> None:
            try:
                im = pictures.decode_to(path, (dw, dh), ctx.surface)
            except Exception as exc:  # noqa: BLE001 - decode failures become a placeholder
                log.info("picture %s failed at paint time: %s", path, exc)
                c.warnings.append(f"图片无法解码：{block.alt or path.name}")
                _placeholder_paint(ctx, c, y, dw, dh, x, block.alt, "图片无法解码（文件损坏）")
                return
            c.image.paste(im, (x, y))

        return Box("image", dh, paint, [], False, None, {"size": (dw, dh), "source": (w, h)})
    return placeholder_box(ctx, block, pr.problem or "图片无法显示")


def placeholder_box(ctx: Ctx, block: Image, problem: str) -> Box:
    dw = ctx.cw
    if block.width_px and block.height_px and block.width_px > 0:
        dh = int(min(max(dw * block.height_px / block.width_px, ctx.px(220)), ctx.px(420)))
    else:
        dh = ctx.px(240)
    alt = clean_text(block.alt).strip()

    def paint(c: Canvas, y: int) -> None:
        _placeholder_paint(ctx, c, y, dw, dh, ctx.x0, alt, problem)

    return Box("placeholder", dh, paint, [], False, None, {"alt": alt, "problem": problem})


def _placeholder_paint(ctx: Ctx, c: Canvas, y: int, w: int, h: int, x: int, alt: str,
                       problem: str) -> None:
    t = ctx.theme
    c.draw.rounded_rectangle([x, y, x + w, y + h], radius=ctx.px(12), fill=t.rgb("placeholder_bg"),
                             outline=t.rgb("placeholder_border"), width=max(1, ctx.px(2)))
    # a simple "picture" pictogram: frame, sun, mountain
    icon = ctx.px(56)
    ix, iy = x + (w - icon) / 2, y + h * 0.22
    col = t.rgb("placeholder_border")
    c.draw.rectangle([ix, iy, ix + icon, iy + icon * 0.78], outline=col, width=max(1, ctx.px(3)))
    c.draw.ellipse([ix + icon * 0.62, iy + icon * 0.14, ix + icon * 0.8, iy + icon * 0.32], fill=col)
    c.draw.polygon([(ix + icon * 0.1, iy + icon * 0.7), (ix + icon * 0.38, iy + icon * 0.35),
                    (ix + icon * 0.62, iy + icon * 0.7)], fill=col)
    size = ctx.size("small")
    lines = layout_runs(plain(problem, bold=True), size, w - ctx.px(40), bold=True, max_lines=2)
    if alt:
        lines += layout_runs(plain(f"图片说明：{alt}"), size, w - ctx.px(40), max_lines=2)
    lh = ctx.lh(size, 1.45)
    draw_lines(c, lines, x + ctx.px(20), iy + icon * 0.78 + ctx.px(16), size, lh,
               t.rgb("text_muted"), align="center", width=w - ctx.px(40))
