"""Text-like blocks: headings, paragraphs, bullet and numbered lists, notes, media badges."""

from __future__ import annotations

from creator_studio.core.lesson.model import BulletList, Heading, Media, Note, Paragraph
from creator_studio.core.media.fonts import load_font

from .boxes import Box, Canvas
from .context import Ctx, text_box
from .paint import baseline, blend, draw_lines, pill, text_at
from .text import Line, clean_text, layout_runs, plain

# Bullet glyphs drawn as dots instead (Wingdings bullets arrive as private-use "•" after cleaning).
BULLET_CHARS = set("•●○◦▪■□◆◇►▸▹‣⁃-–—*·✓✔➢➤Ø§vüq")


def heading_box(ctx: Ctx, block: Heading) -> Box:
    level = max(1, min(3, block.level or 1))
    size = ctx.size(f"h{level}")
    color = ctx.c("primary") if level == 1 else ctx.c("text")
    lines = layout_runs(plain(block.text, bold=True), size, ctx.cw, bold=True)
    return text_box(ctx, "heading", lines, size, ctx.lh(size, 1.45), ctx.x0, color,
                    keep_with_next=True, info={"level": level})


def paragraph_box(ctx: Ctx, block: Paragraph) -> Box | None:
    if not block.text.strip():
        return None
    size = ctx.size("body")
    indent = min(max(block.level, 0), 4) * round(size * 1.5)
    lines = layout_runs(block.runs, size, ctx.cw - indent, surface=ctx.surface)
    align = block.align if block.align in ("center", "right") else "left"
    return text_box(ctx, "paragraph", lines, size, ctx.lh(size), ctx.x0 + indent, ctx.c("text"),
                    width=ctx.cw - indent, align=align)


def _marker(item_marker: str, ordered: bool, number: int) -> str | None:
    """The marker text to draw, or None for a drawn bullet dot."""
    m = clean_text(item_marker).strip()
    if m and not (len(m) == 1 and (m in BULLET_CHARS or not m.isalnum())):
        return m
    if ordered and not m:
        return f"{number}."
    return None


def list_box(ctx: Ctx, block: BulletList) -> Box | None:
    size = ctx.size("body")
    lh = ctx.lh(size, 1.62)
    item_gap = ctx.px(8)
    font = load_font(size)
    rows: list[tuple[int, str | None, list[Line], int]] = []  # (indent, marker, lines, level)
    counters: dict[int, int] = {}
    markers = []
    for item in block.items:
        if not item.text.strip():
            continue
        lvl = max(0, min(item.level, 4))
        counters[lvl] = counters.get(lvl, 0) + 1
        for deeper in [k for k in counters if k > lvl]:
            counters.pop(deeper)
        markers.append((item, lvl, _marker(item.marker, block.ordered, counters[lvl])))
    if not markers:
        return None
    marker_w = max([font.getlength(m) for _i, _l, m in markers if m] + [size * 0.9])
    marker_w = min(marker_w, size * 3.2) + size * 0.4
    for item, lvl, m in markers:
        indent = lvl * round(size * 1.4)
        lines = layout_runs(item.runs, size, ctx.cw - indent - marker_w, surface=ctx.surface)
        rows.append((indent, m, lines, lvl))
    offsets, y = [], 0
    for _ind, _m, lines, _l in rows:
        offsets.append(y)
        y += len(lines) * lh + item_gap
    h = y - item_gap

    def paint(c: Canvas, top: int) -> None:
        for (indent, m, lines, lvl), off in zip(rows, offsets):
            x = ctx.x0 + indent
            ly = top + off
            if m is None:
                r = size * (0.16 if lvl == 0 else 0.13)
                cx, cy = x + size * 0.3, ly + lh / 2
                if lvl == 0:
                    c.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=ctx.c("primary"))
                else:
                    c.draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=ctx.c("primary"),
                                   width=max(1, ctx.px(2)))
            else:
                c.draw.text((x, baseline(ly, lh, size)), m, font=font, fill=ctx.c("primary"),
                            anchor="ls")
            draw_lines(c, lines, x + marker_w, ly, size, lh, ctx.c("text"),
                       link_color=ctx.c("primary"))

    cuts = offsets[1:]
    return Box("list", h, paint, cuts, False, None,
               {"markers": [m for _i, _l, m in markers], "items": len(rows),
                "levels": [lvl for _i, lvl, _m in markers],
                "lines": [ln.text for _ind, _m, lines, _l in rows for ln in lines]})


def note_box(ctx: Ctx, block: Note) -> Box | None:
    if not block.text.strip():
        return None
    t = ctx.theme
    size = ctx.size("small") + ctx.px(2)
    lh = ctx.lh(size, 1.65)
    inset = ctx.px(24)
    bar = ctx.px(6)
    label = clean_text(block.label).strip() or "提示"
    label_size = ctx.size("small")
    label_h = ctx.lh(label_size, 1.5)
    lines = layout_runs(plain(block.text), size, ctx.cw - 2 * inset - bar, surface=t.rgb("note_bg"))
    pad = ctx.px(18)
    h = pad + label_h + len(lines) * lh + pad

    def paint(c: Canvas, y: int) -> None:
        x = ctx.x0
        c.draw.rounded_rectangle([x, y, x + ctx.cw, y + h], radius=ctx.px(10), fill=t.rgb("note_bg"))
        c.draw.rectangle([x, y, x + bar, y + h], fill=t.rgb("note_border"))
        text_at(c, (x + bar + inset, baseline(y + pad, label_h, label_size)), label, label_size,
                t.rgb("note_border"), bold=True)
        draw_lines(c, lines, x + bar + inset, y + pad + label_h, size, lh, t.rgb("note_text"))

    n = len(lines)
    cuts = [pad + label_h + k * lh for k in range(2, n - 1)] if n >= 4 else []
    return Box("note", h, paint, cuts, False, None, {"label": label, "lines": [ln.text for ln in lines]})


def media_box(ctx: Ctx, block: Media) -> Box:
    t = ctx.theme
    size = ctx.size("small")
    video = block.media_type == "video"
    label = ("视频" if video else ("旁白音频" if block.is_narration else "音频")) + \
        " · 请在学习平台播放"
    font = load_font(size, True)
    bh = ctx.px(52)
    bw = font.getlength(label) + ctx.px(84)

    def paint(c: Canvas, y: int) -> None:
        x = ctx.x0
        pill(c.draw, (x, y, x + bw, y + bh), blend(t.rgb("primary"), t.rgb("surface"), 0.88),
             outline=t.rgb("primary"), width=max(1, ctx.px(2)))
        cx, cy, r = x + ctx.px(34), y + bh / 2, ctx.px(14)
        c.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=t.rgb("primary"))
        if video:
            c.draw.polygon([(cx - r * 0.35, cy - r * 0.5), (cx - r * 0.35, cy + r * 0.5),
                            (cx + r * 0.55, cy)], fill=t.rgb("surface"))
        else:
            c.draw.rectangle([cx - r * 0.45, cy - r * 0.2, cx - r * 0.1, cy + r * 0.2],
                             fill=t.rgb("surface"))
            c.draw.polygon([(cx - r * 0.1, cy - r * 0.2), (cx + r * 0.4, cy - r * 0.55),
                            (cx + r * 0.4, cy + r * 0.55), (cx - r * 0.1, cy + r * 0.2)],
                           fill=t.rgb("surface"))
        c.draw.text((x + ctx.px(60), cy), label, font=font, fill=t.rgb("primary"), anchor="lm")

    return Box("media", bh, paint, [], False, None, {"label": label, "media_type": block.media_type})
