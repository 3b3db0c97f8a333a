"""随堂测验 questions with their options, and the 答案与解析 entries folded to the end."""

from __future__ import annotations

from creator_studio.core.lesson.model import Question, Run
from creator_studio.core.media.fonts import load_font

from .boxes import Box, Canvas, shifted
from .context import Ctx, text_box
from .paint import baseline, blend, draw_lines, pill, text_at
from .text import clean_text, layout_runs, plain

KIND_ZH = {"single": "单选题", "multiple": "多选题", "truefalse": "判断题", "fill": "填空题"}


def question_boxes(ctx: Ctx, n: int, q: Question) -> list[Box]:
    t = ctx.theme
    size = ctx.size("body")
    lh = ctx.lh(size, 1.6)
    tag = KIND_ZH.get(q.kind, "题目")
    small = ctx.size("small")
    tag_font = load_font(small, True)
    tag_w = tag_font.getlength(tag) + ctx.px(20)
    num = f"{n}."
    num_w = load_font(size, True).getlength(num) + ctx.px(10)
    stem = clean_text(q.stem) or "（题干缺失）"
    if q.kind == "fill" and "_" not in stem and "（" not in stem:
        stem += "（＿＿＿＿）"
    first_indent = num_w + tag_w + ctx.px(12)
    # Wrap the stem with room for number and tag on the first line: prefix with a spacer.
    stem_lines = layout_runs(plain(stem), size, ctx.cw - first_indent)
    if len(stem_lines) > 1:  # re-wrap the rest at full width (minus the number hang)
        first = stem_lines[0].text
        rest = stem[len(first):].lstrip() if stem.startswith(first) else stem
        stem_lines = [stem_lines[0]] + layout_runs(plain(rest), size, ctx.cw - num_w)
    boxes: list[Box] = []
    sh = len(stem_lines) * lh

    def paint_stem(c: Canvas, y: int) -> None:
        x = ctx.x0
        text_at(c, (x, baseline(y, lh, size)), num, size, t.rgb("primary"), bold=True)
        th = round(small * 1.5)
        ty = y + (lh - th) / 2
        pill(c.draw, (x + num_w, ty, x + num_w + tag_w, ty + th), t.rgb("primary"))
        c.draw.text((x + num_w + tag_w / 2, ty + th / 2), tag, font=tag_font, fill=t.rgb("surface"),
                    anchor="mm")
        draw_lines(c, stem_lines[:1], x + first_indent, y, size, lh, t.rgb("text"))
        draw_lines(c, stem_lines[1:], x + num_w, y + lh, size, lh, t.rgb("text"))

    boxes.append(Box("question", sh, paint_stem, [], True, None,
                     {"stem": [ln.text for ln in stem_lines], "kind": q.kind}))
    options = q.options if q.kind != "truefalse" or q.options else ["正确", "错误"]
    if q.kind == "fill":
        options = []
    osize = ctx.size("body") - ctx.px(2)
    olh = ctx.lh(osize, 1.5)
    opad = ctx.px(12)
    for i, opt in enumerate(options[:26]):
        letter = chr(ord("A") + i)
        lines = layout_runs(plain(opt), osize, ctx.cw - num_w - ctx.px(76))
        oh = len(lines) * olh + 2 * opad

        def paint_opt(c: Canvas, y: int, letter=letter, lines=lines, oh=oh) -> None:
            x = ctx.x0 + num_w
            c.draw.rounded_rectangle([x, y, ctx.x0 + ctx.cw, y + oh], radius=ctx.px(10),
                                     fill=t.rgb("quiz_bg"), outline=blend(t.rgb("quiz_bg"),
                                                                         t.rgb("primary"), 0.25))
            r = ctx.px(17)
            cx, cy = x + ctx.px(30), y + opad + olh / 2
            c.draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=t.rgb("primary"),
                           width=max(1, ctx.px(2)), fill=t.rgb("surface"))
            c.draw.text((cx, cy), letter, font=load_font(ctx.size("small"), True),
                        fill=t.rgb("primary"), anchor="mm")
            draw_lines(c, lines, x + ctx.px(62), y + opad, osize, olh, t.rgb("text"))

        boxes.append(shifted(Box("option", oh, paint_opt, [], i < len(options) - 1, None,
                                 {"letter": letter, "text": [ln.text for ln in lines]}), ctx.px(12)))
    return boxes


def answer_boxes(ctx: Ctx, n: int, q: Question) -> list[Box]:
    t = ctx.theme
    size = ctx.size("body") - ctx.px(2)
    lh = ctx.lh(size, 1.6)
    answer = clean_text(q.answer_label()) or "（未提供答案）"
    head = layout_runs([Run(f"{n}. 正确答案：", bold=True), Run(answer, bold=True)], size, ctx.cw)
    for ln in head:
        for sp in ln.spans:
            sp.color = t.rgb("answer_accent")
    boxes = [text_box(ctx, "answer", head, size, lh, ctx.x0, t.rgb("answer_accent"),
                      keep_with_next=bool(q.explanation.strip()), info={"answer": answer})]
    if q.explanation.strip():
        lines = layout_runs([Run("解析：", bold=True), Run(q.explanation)], size,
                            ctx.cw - ctx.px(30))
        boxes.append(shifted(text_box(ctx, "explanation", lines, size, lh, ctx.x0 + ctx.px(30),
                                      t.rgb("text_muted"), width=ctx.cw - ctx.px(30)), ctx.px(4)))
    return boxes
