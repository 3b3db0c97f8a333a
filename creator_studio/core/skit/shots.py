"""Skit shots flattened to one still each with Pillow (FIELD-NOTES §3: compositing layers per frame
is ~25× slower than encoding pre-flattened stills).

A shot is a plain description (`Shot`); `ShotPainter.paint(shot)` turns it into an RGB image of
the video size. Everything is laid out in a 1280×720 design space and scaled, so 480p test renders
and 1080p deliveries look alike. All text is drawn as text with the CJK font and kinsoku wrapping:
hostile strings (HTML, control characters) are only ever pixels here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from creator_studio.core.lesson.model import Character, Lesson
from creator_studio.core.media.fonts import load_font
from creator_studio.core.media.textlayout import wrap_for_font
from creator_studio.core.skit.avatars import avatar_color, hex_rgb, render_avatar
from creator_studio.core.themes import Theme

_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Emoji have no glyph in the CJK font (they would be .notdef boxes, FIELD-NOTES §4): dropped.
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\U0001FC00-\U0001FFFF\uFE0E\uFE0F\u200D\u20E3]")


def clean_text(text: str) -> str:
    return _EMOJI.sub("", _CTRL.sub("", text or "")).strip()


@dataclass
class Shot:
    kind: str  # "title" | "line" | "narration" | "choice"
    scene_title: str = ""
    scene_background: str | None = None
    text: str = ""
    speaker: Character | None = None
    emotion: str = ""
    left: Character | None = None
    right: Character | None = None
    subtitle: str = ""
    options: list[str] = field(default_factory=list)
    chosen: int | None = None
    part: tuple[int, int] = (1, 1)  # (n, of) when a long line is split over several shots
    heading: str = ""  # the skit's title, shown small in the corner
    progress: float | None = None  # 0..1 position in the video, drawn as a thin bar


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))  # type: ignore[return-value]


class ShotPainter:
    BASE_W, BASE_H = 1280, 720

    def __init__(self, width: int, height: int, theme: Theme, lesson: Lesson | None = None) -> None:
        self.w, self.h = width, height
        self.s = min(width / self.BASE_W, height / self.BASE_H)
        self.theme = theme
        self.lesson = lesson
        self._bg_cache: dict[str | None, Image.Image] = {}

    # -- helpers --------------------------------------------------------------------------
    def px(self, v: float) -> int:
        return max(1, int(round(v * self.s)))

    def font(self, size: float, bold: bool = False):
        return load_font(self.px(size), bold)

    def _background(self, spec: str | None) -> Image.Image:
        if spec in self._bg_cache:
            return self._bg_cache[spec].copy()
        img = None
        if spec and not spec.startswith("#") and self.lesson is not None:
            path = self.lesson.asset_path(spec)
            if path is not None:
                try:
                    with Image.open(path) as src:
                        src.load()
                        img = ImageOps.fit(src.convert("RGB"), (self.w, self.h), Image.LANCZOS)
                    # soften and lighten a photo so characters and bubbles stay readable
                    img = img.filter(ImageFilter.GaussianBlur(self.px(6)))
                    img = Image.blend(img, Image.new("RGB", img.size, (255, 255, 255)), 0.35)
                except (OSError, ValueError, Image.DecompressionBombError):
                    img = None
        if img is None:
            if spec and re.fullmatch(r"#[0-9A-Fa-f]{6}", spec):
                base = hex_rgb(spec)
                top, bottom = _mix(base, (255, 255, 255), 0.55), base
            else:
                top, bottom = self.theme.rgb("section_bg"), self.theme.rgb("background")
            img = Image.new("RGB", (self.w, self.h))
            d = ImageDraw.Draw(img)
            floor = int(self.h * 0.78)
            for y in range(self.h):
                t = y / max(1, floor)
                c = _mix(top, bottom, min(1.0, t)) if y < floor else _mix(bottom, (200, 208, 220), 0.25)
                d.line([(0, y), (self.w, y)], fill=c)
            d.line([(0, floor), (self.w, floor)], fill=_mix(bottom, (120, 130, 150), 0.3),
                   width=self.px(2))
        self._bg_cache[spec] = img
        return img.copy()

    # -- painting -------------------------------------------------------------------------
    def paint(self, shot: Shot) -> Image.Image:
        if shot.kind == "title":
            return self._title(shot)
        img = self._background(shot.scene_background)
        d = ImageDraw.Draw(img)
        self._scene_chip(d, shot.scene_title)
        if shot.kind == "line":
            self._stage(img, shot.left, shot.right, shot.speaker, shot.emotion)
            self._bubble(img, shot)
        elif shot.kind == "narration":
            self._stage(img, shot.left, shot.right, None, "")
            self._caption_card(img, shot.text, shot.subtitle or "旁白")
        elif shot.kind == "choice":
            self._stage(img, shot.left, shot.right, None, "")
            self._choice(img, shot)
        self._chrome(img, shot)
        return img

    def _chrome(self, img: Image.Image, shot: Shot) -> None:
        d = ImageDraw.Draw(img)
        if shot.heading:
            f = self.font(20)
            text = clean_text(shot.heading)[:30]
            d.text((self.w - self.px(28), self.px(47)), text, font=f,
                   fill=self.theme.rgb("text_muted"), anchor="rm")
        if shot.progress is not None:
            y0 = self.h - self.px(6)
            d.rectangle((0, y0, self.w, self.h), fill=_mix(self.theme.rgb("background"),
                                                           (0, 0, 0), 0.08))
            d.rectangle((0, y0, int(self.w * max(0.0, min(1.0, shot.progress))), self.h),
                        fill=self.theme.rgb("primary"))

    def _title(self, shot: Shot) -> Image.Image:
        img = Image.new("RGB", (self.w, self.h))
        d = ImageDraw.Draw(img)
        a, b = self.theme.rgb("banner_start"), self.theme.rgb("banner_end")
        for y in range(self.h):
            d.line([(0, y), (self.w, y)], fill=_mix(a, b, y / self.h))
        big = self.font(60, True)
        lines = wrap_for_font(clean_text(shot.text), big, self.w - self.px(200))[:3]
        lh = int(big.size * 1.4)
        total = lh * len(lines)
        y = (self.h - total) // 2
        if shot.subtitle:
            small = self.font(28)
            sw = d.textlength(shot.subtitle, font=small)
            d.text(((self.w - sw) / 2, y - self.px(64)), shot.subtitle, font=small,
                   fill=self.theme.rgb("banner_subtext"))
        for ln in lines:
            tw = d.textlength(ln, font=big)
            d.text(((self.w - tw) / 2, y), ln, font=big, fill=self.theme.rgb("banner_text"))
            y += lh
        accent = self.theme.rgb("accent")
        d.rounded_rectangle((self.w / 2 - self.px(40), y + self.px(18), self.w / 2 + self.px(40),
                             y + self.px(24)), radius=self.px(3), fill=accent)
        return img

    def _scene_chip(self, d: ImageDraw.ImageDraw, title: str) -> None:
        title = clean_text(title)
        if not title:
            return
        f = self.font(24, True)
        title = title if d.textlength(title, font=f) < self.w * 0.6 else title[:24] + "…"
        tw = d.textlength(title, font=f)
        x, y = self.px(28), self.px(24)
        d.rounded_rectangle((x, y, x + tw + self.px(36), y + self.px(46)), radius=self.px(23),
                            fill=self.theme.rgb("primary"))
        d.text((x + self.px(18), y + self.px(23)), title, font=f, fill=(255, 255, 255), anchor="lm")

    def _slot_x(self, side: str) -> int:
        return int(self.w * (0.15 if side == "left" else 0.85))

    def _stage(self, img: Image.Image, left: Character | None, right: Character | None,
               speaker: Character | None, emotion: str) -> None:
        for ch, side in ((left, "left"), (right, "right")):
            if ch is None:
                continue
            active = speaker is not None and ch.id == speaker.id
            self._figure(img, ch, self._slot_x(side), active, speaker is None,
                         emotion if active else "")

    def _figure(self, img: Image.Image, ch: Character, cx: int, active: bool, neutral: bool,
                emotion: str) -> None:
        size = self.px(190 if active else 160)
        cy = int(self.h * 0.66)
        av = render_avatar(ch, size, self.lesson)
        if not active and not neutral:  # dim the listener: grey, faded
            grey = ImageOps.grayscale(av.convert("RGB")).convert("RGBA")
            grey.putalpha(av.getchannel("A").point(lambda a: int(a * 0.55)))
            av = grey
        d = ImageDraw.Draw(img)
        if active:
            ring = self.px(8)
            d.ellipse((cx - size / 2 - ring, cy - size / 2 - ring, cx + size / 2 + ring,
                       cy + size / 2 + ring), fill=self.theme.rgb("accent"))
        img.paste(av, (cx - size // 2, cy - size // 2), av)
        # name tag
        f = self.font(26, True)
        name = clean_text(ch.name)
        name = name if len(name) <= 10 else name[:9] + "…"
        tw = d.textlength(name, font=f)
        ty = cy + size // 2 + self.px(14)
        color = hex_rgb(avatar_color(ch))
        if not active and not neutral:
            color = _mix(color, (190, 195, 205), 0.6)
        d.rounded_rectangle((cx - tw / 2 - self.px(16), ty, cx + tw / 2 + self.px(16),
                             ty + self.px(44)), radius=self.px(10), fill=color)
        d.text((cx, ty + self.px(22)), name, font=f, fill=(255, 255, 255), anchor="mm")
        if emotion:
            ef = self.font(22)
            label = f"（{clean_text(emotion)[:8]}）"
            d.text((cx, ty + self.px(66)), label, font=ef,
                   fill=self.theme.rgb("text_muted"), anchor="mm")

    # bubble text fitting: shared with the form so long lines split into several shots
    def bubble_font_and_width(self):
        return self.font(38), self.w - self.px(2 * 90) - self.px(2 * 40)

    MAX_BUBBLE_LINES = 4

    def _bubble(self, img: Image.Image, shot: Shot) -> None:
        d = ImageDraw.Draw(img)
        f, maxw = self.bubble_font_and_width()
        lines = wrap_for_font(clean_text(shot.text), f, maxw)[: self.MAX_BUBBLE_LINES + 1]
        if len(lines) > self.MAX_BUBBLE_LINES:
            lines = lines[: self.MAX_BUBBLE_LINES]
            lines[-1] = lines[-1][:-1] + "…"
        lh = int(f.size * 1.5)
        pad = self.px(32)
        text_w = max((d.textlength(ln, font=f) for ln in lines), default=0)
        bw = max(self.px(560), int(text_w) + 2 * pad)
        bh = lh * len(lines) + 2 * pad - int(f.size * 0.3)
        bottom = int(self.h * 0.43)
        side = "left"
        if shot.speaker is not None and shot.right is not None and shot.speaker.id == shot.right.id:
            side = "right"
        sx = self._slot_x(side)
        x0 = self.px(90) if side == "left" else self.w - self.px(90) - bw
        top = bottom - bh
        shadow = (0, 0, 0)
        overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
        od = ImageDraw.Draw(overlay)
        od.rounded_rectangle((x0 + self.px(4), top + self.px(6), x0 + bw + self.px(4),
                              bottom + self.px(6)), radius=self.px(28), fill=shadow + (40,))
        img.paste(overlay, (0, 0), overlay)
        border = hex_rgb(avatar_color(shot.speaker)) if shot.speaker else self.theme.rgb("primary")
        d.rounded_rectangle((x0, top, x0 + bw, bottom), radius=self.px(28), fill=(255, 255, 255),
                            outline=border, width=self.px(3))
        # tail towards the speaker's avatar
        tx = min(max(sx, x0 + self.px(60)), x0 + bw - self.px(60))
        tail = [(tx - self.px(22), bottom - self.px(2)), (tx + self.px(22), bottom - self.px(2)),
                (sx, int(self.h * 0.66) - self.px(110))]
        d.polygon(tail, fill=(255, 255, 255))
        d.line([tail[0], tail[2], tail[1]], fill=border, width=self.px(3))
        y = top + pad - int(f.size * 0.12)
        for ln in lines:
            d.text((x0 + pad, y), ln, font=f, fill=self.theme.rgb("text"))
            y += lh
        if shot.part[1] > 1:
            pf = self.font(18)
            d.text((x0 + bw - pad, bottom - self.px(14)), f"{shot.part[0]}/{shot.part[1]}", font=pf,
                   fill=self.theme.rgb("text_muted"), anchor="rs")

    def _caption_card(self, img: Image.Image, text: str, label: str) -> None:
        f = self.font(34)
        maxw = self.w - self.px(300)
        lines = wrap_for_font(clean_text(text), f, maxw)[:5]
        lh = int(f.size * 1.55)
        band_h = lh * len(lines) + self.px(110)
        top = int(self.h * 0.38) - band_h // 2
        overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
        od = ImageDraw.Draw(overlay)
        od.rectangle((0, top, self.w, top + band_h), fill=(15, 23, 42, 200))
        img.paste(overlay, (0, 0), overlay)
        d = ImageDraw.Draw(img)
        lf = self.font(22, True)
        d.text((self.w / 2, top + self.px(34)), f"— {clean_text(label)} —", font=lf,
               fill=self.theme.rgb("accent"), anchor="mm")
        y = top + self.px(66)
        for ln in lines:
            d.text((self.w / 2, y), ln, font=f, fill=(255, 255, 255), anchor="ma")
            y += lh

    def _choice(self, img: Image.Image, shot: Shot) -> None:
        d = ImageDraw.Draw(img)
        pf = self.font(30, True)
        of = self.font(28)
        x0, x1 = self.px(300), self.w - self.px(300)
        inner = x1 - x0 - self.px(2 * 30)
        prompt = wrap_for_font(clean_text(shot.text) or "你会怎么回答？", pf, inner)[:2]
        opts = []
        for i, o in enumerate(shot.options[:5]):
            full = wrap_for_font(f"{chr(65 + i)}. {clean_text(o)}", of, inner - self.px(90))
            lines = full[:2]
            if len(full) > 2:
                lines[-1] = lines[-1][:-1] + "…"
            opts.append(lines)
        lh = int(of.size * 1.45)
        h = self.px(28) + len(prompt) * int(pf.size * 1.5) + self.px(10)
        h += sum(len(o) * lh + self.px(16) + self.px(12) for o in opts) + self.px(14)
        top = max(self.px(84), min(int(self.h * 0.42) - h // 2, int(self.h * 0.5) - h))
        d.rounded_rectangle((x0, top, x1, top + h), radius=self.px(24), fill=(255, 255, 255),
                            outline=self.theme.rgb("primary"), width=self.px(3))
        y = top + self.px(28)
        for ln in prompt:
            d.text((x0 + self.px(30), y), ln, font=pf, fill=self.theme.rgb("primary_dark"))
            y += int(pf.size * 1.5)
        y += self.px(10)
        ok = self.theme.rgb("answer_accent")
        for i, lines in enumerate(opts):
            oh = len(lines) * lh + self.px(16)
            chosen = shot.chosen == i
            d.rounded_rectangle((x0 + self.px(24), y, x1 - self.px(24), y + oh), radius=self.px(12),
                                fill=self.theme.rgb("answer_bg") if chosen else (246, 247, 249),
                                outline=ok if chosen else (220, 224, 230), width=self.px(2))
            ty = y + self.px(8)
            for ln in lines:
                d.text((x0 + self.px(42), ty), ln, font=of,
                       fill=self.theme.rgb("text") if chosen else self.theme.rgb("text_muted"))
                ty += lh
            if chosen:
                tf = self.font(20, True)
                d.text((x1 - self.px(40), y + oh / 2), "✓ 最佳", font=tf, fill=ok, anchor="rm")
            y += oh + self.px(12)

