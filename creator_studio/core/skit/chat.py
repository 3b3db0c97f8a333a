"""The best path as a chat transcript: tall images split into segments (chat-01.png, chat-02.png…).

Messages are measured first, then packed greedily into segments no taller than `max_segment`
(a message is never cut in half), then each segment is drawn. Bubbles of the learner's side are on
the right, like "me" in a chat app; narrator lines and scene changes are centred system notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw

from creator_studio.core.lesson.model import Character, Lesson, Script
from creator_studio.core.media.fonts import load_font
from creator_studio.core.media.textlayout import wrap_for_font
from creator_studio.core.skit.avatars import avatar_color, hex_rgb, render_avatar
from creator_studio.core.skit.cast import resolve_sides
from creator_studio.core.skit.paths import PathStep
from creator_studio.core.skit.shots import clean_text
from creator_studio.core.themes import Theme

REFERENCE_WIDTH = 750


@dataclass
class _Item:
    height: int
    draw: Callable[[Image.Image, int], None]


def _mix(a, b, t):
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))


class ChatRenderer:
    def __init__(self, script: Script, theme: Theme, width: int = 750, lesson: Lesson | None = None,
                 max_segment: int | None = None) -> None:
        self.script, self.theme, self.w, self.lesson = script, theme, width, lesson
        self.s = width / REFERENCE_WIDTH
        self.max_segment = max_segment or int(4000 * self.s)
        self.sides = resolve_sides(script)
        self.f_text = load_font(self.px(29))
        self.f_name = load_font(self.px(21))
        self.f_sys = load_font(self.px(22))
        self.f_sys_b = load_font(self.px(22), bold=True)
        self.lh = int(self.f_text.size * 1.5)
        self.avatar = self.px(76)
        self.margin = self.px(24)
        self.bg = theme.rgb("background")
        self.me_bubble = _mix(theme.rgb("primary"), (255, 255, 255), 0.78)

    def px(self, v: float) -> int:
        return max(1, int(round(v * self.s)))

    # -- items ------------------------------------------------------------------------------
    def _header(self, title: str, subtitle: str) -> _Item:
        f_title = load_font(self.px(40), bold=True)
        lines = wrap_for_font(clean_text(title) or "情景对话", f_title, self.w - self.px(96))[:3]
        h = self.px(70) + len(lines) * int(f_title.size * 1.35) + self.px(80)

        def draw(img: Image.Image, y: int) -> None:
            d = ImageDraw.Draw(img)
            a, b = self.theme.rgb("banner_start"), self.theme.rgb("banner_end")
            for yy in range(h):
                d.line([(0, y + yy), (self.w, y + yy)], fill=_mix(a, b, yy / h))
            ty = y + self.px(56)
            for ln in lines:
                d.text((self.px(48), ty), ln, font=f_title, fill=self.theme.rgb("banner_text"))
                ty += int(f_title.size * 1.35)
            d.text((self.px(48), ty + self.px(10)), subtitle, font=self.f_sys,
                   fill=self.theme.rgb("banner_subtext"))

        return _Item(h, draw)

    def _system(self, text: str, bold: bool = False, boxed: bool = True,
                color: tuple | None = None, fill: tuple | None = None) -> _Item:
        f = self.f_sys_b if bold else self.f_sys
        maxw = int(self.w * 0.78)
        lines = wrap_for_font(clean_text(text), f, maxw - self.px(40)) or [""]
        lh = int(f.size * 1.5)
        box_h = lh * len(lines) + self.px(20)
        h = box_h + self.px(28)

        def draw(img: Image.Image, y: int) -> None:
            d = ImageDraw.Draw(img)
            tw = max(d.textlength(ln, font=f) for ln in lines)
            bw = int(tw) + self.px(40)
            x0 = (self.w - bw) // 2
            top = y + self.px(14)
            if boxed:
                d.rounded_rectangle((x0, top, x0 + bw, top + box_h), radius=self.px(10),
                                    fill=fill or _mix(self.bg, (0, 0, 0), 0.08))
            ty = top + self.px(10)
            for ln in lines:
                d.text((self.w / 2, ty), ln, font=f, anchor="ma",
                       fill=color or self.theme.rgb("text_muted"))
                ty += lh

        return _Item(h, draw)

    def _message(self, ch: Character, text: str, emotion: str = "") -> _Item:
        right = self.sides.get(ch.id) == "right"
        maxw = int((self.w - 2 * self.margin - 2 * self.avatar) * 0.86)
        pad_x, pad_y = self.px(24), self.px(18)
        lines = wrap_for_font(clean_text(text), self.f_text, maxw - 2 * pad_x) or [""]
        bubble_h = self.lh * len(lines) + 2 * pad_y - int(self.f_text.size * 0.3)
        name_h = self.px(32)
        h = max(self.avatar, name_h + bubble_h) + self.px(30)

        def draw(img: Image.Image, y: int) -> None:
            d = ImageDraw.Draw(img)
            top = y + self.px(14)
            av = render_avatar(ch, self.avatar, self.lesson)
            ax = self.w - self.margin - self.avatar if right else self.margin
            img.paste(av, (ax, top), av)
            label = clean_text(ch.name) + (f"（{clean_text(emotion)[:8]}）" if emotion else "")
            nx = ax - self.px(16) if right else ax + self.avatar + self.px(16)
            d.text((nx, top), label, font=self.f_name, fill=self.theme.rgb("text_muted"),
                   anchor="ra" if right else "la")
            tw = max(d.textlength(ln, font=self.f_text) for ln in lines)
            bw = int(tw) + 2 * pad_x
            bx0 = nx - bw if right else nx
            by0 = top + name_h
            fill = self.me_bubble if right else (255, 255, 255)
            d.rounded_rectangle((bx0, by0, bx0 + bw, by0 + bubble_h), radius=self.px(14), fill=fill)
            # small tail toward the avatar
            ty = by0 + self.px(24)
            if right:
                tail = [(bx0 + bw - 1, ty - self.px(9)), (bx0 + bw + self.px(10), ty),
                        (bx0 + bw - 1, ty + self.px(9))]
            else:
                tail = [(bx0 + 1, ty - self.px(9)), (bx0 - self.px(10), ty), (bx0 + 1, ty + self.px(9))]
            d.polygon(tail, fill=fill)
            yy = by0 + pad_y - int(self.f_text.size * 0.12)
            for ln in lines:
                d.text((bx0 + pad_x, yy), ln, font=self.f_text, fill=self.theme.rgb("text"))
                yy += self.lh

        return _Item(h, draw)

    def _decision(self, prompt: str, options: list[str], chosen: int | None) -> _Item:
        f = self.f_sys
        fb = self.f_sys_b
        x0, x1 = self.px(60), self.w - self.px(60)
        inner = x1 - x0 - self.px(48)
        lh = int(f.size * 1.5)
        p_lines = wrap_for_font(clean_text(prompt) or "请选择你的回应", fb, inner)
        o_lines = [wrap_for_font(f"{chr(65 + i)}. {clean_text(o)}", f, inner - self.px(70))
                   for i, o in enumerate(options)]
        box_h = self.px(24) + lh * len(p_lines) + sum(lh * len(o) + self.px(22) for o in o_lines) \
            + self.px(14)
        h = box_h + self.px(28)

        def draw(img: Image.Image, y: int) -> None:
            d = ImageDraw.Draw(img)
            top = y + self.px(14)
            d.rounded_rectangle((x0, top, x1, top + box_h), radius=self.px(14), fill=(255, 255, 255),
                                outline=self.theme.rgb("primary"), width=self.px(2))
            ty = top + self.px(16)
            for ln in p_lines:
                d.text((x0 + self.px(24), ty), ln, font=fb, fill=self.theme.rgb("primary_dark"))
                ty += lh
            ok = self.theme.rgb("answer_accent")
            for i, lines in enumerate(o_lines):
                oh = lh * len(lines) + self.px(12)
                sel = chosen == i
                d.rounded_rectangle((x0 + self.px(16), ty + self.px(4), x1 - self.px(16), ty + oh),
                                    radius=self.px(8),
                                    fill=self.theme.rgb("answer_bg") if sel else (246, 247, 249))
                yy = ty + self.px(10)
                for ln in lines:
                    d.text((x0 + self.px(28), yy), ln, font=f,
                           fill=self.theme.rgb("text") if sel else self.theme.rgb("text_muted"))
                    yy += lh
                if sel:
                    d.text((x1 - self.px(28), ty + oh / 2 + self.px(2)), "✓", font=fb, fill=ok,
                           anchor="rm")
                ty += oh + self.px(10)

        return _Item(h, draw)

    # -- assembly -----------------------------------------------------------------------------
    def items(self, steps: list[PathStep], title: str, score: tuple[int, int] | None) -> list[_Item]:
        n_lines = sum(len(st.scene.lines) for st in steps)
        out = [self._header(title, f"情景对话 · {len(steps)} 个场景 · {n_lines} 句台词")]
        cast = {c.id: c for c in self.script.cast}
        from creator_studio.core.skit.cast import learner

        me = learner(self.script)
        for st in steps:
            sc = st.scene
            out.append(self._system(f"场景：{sc.title or sc.id}", bold=True,
                                    color=self.theme.rgb("primary_dark"),
                                    fill=_mix(self.theme.rgb("primary"), (255, 255, 255), 0.85)))
            for line in sc.lines:
                if not (line.text or "").strip():
                    continue
                ch = cast.get(line.speaker)
                if ch is None:
                    continue
                if ch.is_narrator:
                    out.append(self._system(line.text))
                else:
                    out.append(self._message(ch, line.text, line.emotion))
            if st.choice is not None and sc.decision is not None:
                out.append(self._decision(sc.decision.prompt,
                                          [c.text for c in sc.decision.options], st.choice_index))
                if me is not None:
                    out.append(self._message(me, st.choice.text))
                if st.choice.feedback.strip():
                    out.append(self._system("点评：" + st.choice.feedback,
                                            color=self.theme.rgb("note_text"),
                                            fill=self.theme.rgb("note_bg")))
        if score is not None and score[1] > 0:
            out.append(self._system(f"最佳路径得分 {score[0]} / {score[1]}", bold=True,
                                    color=self.theme.rgb("answer_accent")))
        out.append(_Item(self.px(40), lambda img, y: None))
        return out

    def render(self, steps: list[PathStep], title: str,
               score: tuple[int, int] | None = None) -> list[Image.Image]:
        items = self.items(steps, title, score)
        segments: list[list[_Item]] = [[]]
        used = 0
        for it in items:
            if segments[-1] and used + it.height > self.max_segment:
                segments.append([])
                used = 0
            segments[-1].append(it)
            used += it.height
        images = []
        for seg in segments:
            h = sum(i.height for i in seg)
            h += h % 2
            img = Image.new("RGB", (self.w, max(h, 2)), self.bg)
            y = 0
            for it in seg:
                it.draw(img, y)
                y += it.height
            images.append(img)
        return images
