"""The cover banner (title, business line, maker, date) and the end card (QR code, credit)."""

from __future__ import annotations

from PIL import Image as PILImage
from PIL import ImageDraw

from creator_studio.core.media.fonts import load_font

from .boxes import Box, Canvas, Layout
from .context import Ctx, text_box
from .paint import draw_lines, pill, text_at
from .text import Line, clean_text, layout_runs, plain

RGB = tuple[int, int, int]


def banner(ctx: Ctx, layout: Layout) -> None:
    t, lesson, s = ctx.theme, ctx.lesson, ctx.s
    minimal = t.banner_style == "minimal"
    title_size = ctx.size("banner_title")
    sub_size = ctx.size("banner_sub")
    inner_x = ctx.px(56)
    inner_w = ctx.width - 2 * inner_x
    title_lh = ctx.lh(title_size, 1.35)
    title_runs = plain(lesson.title or "未命名课程", bold=True)
    title_lines = layout_runs(title_runs, title_size, inner_w, bold=True, max_lines=4)
    counts = lesson.counts()
    n_pages = len(lesson.visible_pages())
    facts = [f"共 {n_pages} 节"]
    if counts["quiz_questions"]:
        facts.append(f"{counts['quiz_questions']} 道随堂测验")
    meta_lines: list[str] = []
    if lesson.meta.business_line:
        meta_lines.append(f"业务条线　{lesson.meta.business_line}")
    if lesson.meta.maker_name:
        maker = lesson.meta.maker_name + (f"（{lesson.meta.maker_id}）" if lesson.meta.maker_id else "")
        meta_lines.append(f"课程制作　{maker}")
    meta_lines.append(f"发布日期　{ctx.opts.date}")
    meta_lines = [clean_text(m).replace("\n", " ") for m in meta_lines]
    meta_wrapped = [layout_runs(plain(m), sub_size, inner_w, max_lines=2) for m in meta_lines]
    sub_lh = ctx.lh(sub_size, 1.6)
    tag_h = ctx.px(44)
    top_pad = ctx.px(72)
    content_h = (top_pad + tag_h + ctx.px(34) + len(title_lines) * title_lh + ctx.px(30)
                 + ctx.px(6) + ctx.px(30) + sum(len(m) for m in meta_wrapped) * sub_lh + ctx.px(64))
    h = max(ctx.px(t.spacing.banner_height), content_h)

    def paint(c: Canvas, y: int) -> None:
        w = c.width
        if minimal:
            c.draw.rectangle([0, y, w, y + h], fill=t.rgb("banner_start"))
        else:
            _gradient(c, y, h, t.rgb("banner_start"), t.rgb("banner_end"),
                      solid=t.banner_style == "solid")
            _bubbles(c, y, h, s)
        yy = y + top_pad
        tag = "微课 · 长图文"
        tf = load_font(ctx.size("small"), True)
        tw = tf.getlength(tag) + ctx.px(36)
        if minimal:
            pill(c.draw, (inner_x, yy, inner_x + tw, yy + tag_h), t.rgb("background"),
                 outline=t.rgb("text"), width=max(1, ctx.px(2)))
            tag_color = t.rgb("text")
        else:
            pill(c.draw, (inner_x, yy, inner_x + tw, yy + tag_h), t.rgb("accent"))
            tag_color = (255, 255, 255)
        c.draw.text((inner_x + tw / 2, yy + tag_h / 2), tag, font=tf, fill=tag_color, anchor="mm")
        yy += tag_h + ctx.px(34)
        draw_lines(c, title_lines, inner_x, yy, title_size, title_lh, t.rgb("banner_text"))
        yy += len(title_lines) * title_lh + ctx.px(30)
        c.draw.rectangle([inner_x, yy, inner_x + ctx.px(80), yy + ctx.px(6)], fill=t.rgb("accent"))
        text_at(c, (inner_x + ctx.px(100), yy + ctx.px(3)), "  ·  ".join(facts), ctx.size("small"),
                t.rgb("banner_subtext"), anchor="lm")
        yy += ctx.px(36)
        for lines in meta_wrapped:
            draw_lines(c, lines, inner_x, yy, sub_size, sub_lh, t.rgb("banner_subtext"))
            yy += len(lines) * sub_lh

    layout.add(Box("banner", h, paint, [], False, None,
                   {"title": [ln.text for ln in title_lines], "meta": meta_lines}))


def _gradient(c: Canvas, y: int, h: int, a: RGB, b: RGB, solid: bool = False) -> None:
    w = c.width
    if solid:
        c.draw.rectangle([0, y, w, y + h], fill=a)
        return
    # A diagonal gradient: a horizontal ramp plus a vertical ramp, averaged, as a mask.
    ramp = PILImage.linear_gradient("L").rotate(90).resize((w, h))
    vramp = PILImage.linear_gradient("L").resize((w, h))
    mask = PILImage.blend(ramp, vramp, 0.5)
    start = PILImage.new("RGB", (w, h), a)
    end = PILImage.new("RGB", (w, h), b)
    c.image.paste(PILImage.composite(start, end, mask), (0, y))


def _bubbles(c: Canvas, y: int, h: int, s: float) -> None:
    """Soft translucent circles in the banner corner: cheap, and keeps it from looking flat."""
    w = c.width
    overlay = PILImage.new("L", (w, h), 0)
    d = ImageDraw.Draw(overlay)
    for cx, cy, r, alpha in ((0.92, 0.18, 0.34, 40), (0.78, 0.95, 0.22, 28), (1.02, 0.70, 0.18, 34)):
        R = r * w
        d.ellipse([cx * w - R, cy * h - R, cx * w + R, cy * h + R], fill=alpha)
    white = PILImage.new("RGB", (w, h), (255, 255, 255))
    region = c.image.crop((0, y, w, y + h))
    region.paste(white, (0, 0), overlay)
    c.image.paste(region, (0, y))


def end_boxes(ctx: Ctx) -> list[Box]:
    t, lesson = ctx.theme, ctx.lesson
    boxes: list[Box] = []
    url = ctx.opts.qr_url
    if url:
        from .qr import qr_image

        qsize = ctx.px(240)
        small = ctx.size("small")
        url_lines = layout_runs(plain(url), small, ctx.cw, max_lines=3)
        cap = layout_runs(plain("扫码进入课程，完成学习与测验", bold=True), ctx.size("body"), ctx.cw,
                          bold=True)
        blh, slh = ctx.lh(ctx.size("body"), 1.5), ctx.lh(small, 1.5)
        h = qsize + ctx.px(16) + len(cap) * blh + len(url_lines) * slh

        def paint_qr(c: Canvas, y: int) -> None:
            img = qr_image(url, qsize, t.rgb("text"), t.rgb("surface"))
            c.image.paste(img, (ctx.x0 + (ctx.cw - qsize) // 2, y))
            yy = y + qsize + ctx.px(16)
            draw_lines(c, cap, ctx.x0, yy, ctx.size("body"), blh, t.rgb("text"), align="center",
                       width=ctx.cw)
            yy += len(cap) * blh
            draw_lines(c, url_lines, ctx.x0, yy, small, slh, t.rgb("text_muted"), align="center",
                       width=ctx.cw)

        boxes.append(Box("qr", h, paint_qr, [], False, None, {"url": url}))
    credit = []
    if lesson.meta.maker_name:
        credit.append("课程制作：" + lesson.meta.maker_name +
                      (f"（创客编号 {lesson.meta.maker_id}）" if lesson.meta.maker_id else ""))
    if lesson.meta.business_line:
        credit.append("适用条线：" + lesson.meta.business_line)
    credit.append(f"创客工作室生成 · {ctx.opts.date} · 版权归课程创作者所有")
    small = ctx.size("small")
    lines: list[Line] = []
    for cr in credit:
        lines += layout_runs(plain(clean_text(cr).replace("\n", " ")), small, ctx.cw)
    boxes.append(text_box(ctx, "credit", lines, small, ctx.lh(small, 1.6), ctx.x0,
                          t.rgb("footer_text"), align="center", info={"credit": credit}))
    return boxes
