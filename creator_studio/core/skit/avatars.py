"""Generated avatars: a coloured disc with the character's initial.

The colour comes from a hash of the name (not Python's salted `hash`), so the same character
looks the same in every run, every form and on every machine. An explicit `Character.color` or
`Character.avatar` picture wins.
"""

from __future__ import annotations

import functools
import hashlib
import re

from PIL import Image, ImageDraw, ImageOps

from creator_studio.core.lesson.model import Character
from creator_studio.core.media.fonts import load_font

# Mid-tone colours that keep white text readable (contrast ≥ 4.5 against white).
PALETTE = [
    "1F6FB2", "C0392B", "16815A", "8E44AD", "B8590F", "2C3E8F",
    "A2336B", "0F7A8A", "6D5D1E", "4D5BD6", "B03A48", "3A7D2C",
]
NARRATOR_COLOR = "5B6770"


def avatar_color(ch: Character | str) -> str:
    if isinstance(ch, Character):
        if ch.color and re.fullmatch(r"[0-9A-Fa-f]{6}", ch.color):
            return ch.color.upper()
        if ch.is_narrator:
            return NARRATOR_COLOR
        name = ch.name
    else:
        name = ch
    digest = hashlib.sha1(name.strip().encode("utf-8")).digest()
    return PALETTE[int.from_bytes(digest[:4], "big") % len(PALETTE)]


def avatar_initial(name: str) -> str:
    """"客户 王女士" → 王, "李经理" → 李, "Anna Lee" → A, "旁白" → 旁."""
    name = "".join(ch for ch in name if not 0x1F000 <= ord(ch) <= 0x1FFFF and ch not in "\ufe0f\u200d")
    name = re.sub(r"[（(【\[].*?[）)】\]]", "", name).strip() or name.strip()
    from creator_studio.core.skit.cast import strip_role_prefix

    name = strip_role_prefix(name)
    parts = [p for p in re.split(r"[\s\u3000·・]+", name) if p]
    if len(parts) > 1 and any("\u4e00" <= ch <= "\u9fff" for ch in parts[-1]):
        word = parts[-1]
    else:
        word = parts[0] if parts else "?"
    if len(word) > 1 and word[0] in "小老阿" and "\u4e00" <= word[1] <= "\u9fff":
        return word[1]  # 小李 → 李, 老王 → 王
    return word[0].upper()


def hex_rgb(h: str) -> tuple[int, int, int]:
    h = h.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@functools.lru_cache(maxsize=128)
def _generated(name: str, color: str, size: int) -> Image.Image:
    scale = 3  # draw large and downsample: smooth circle edges without antialiasing support
    big = size * scale
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((0, 0, big - 1, big - 1), fill=hex_rgb(color) + (255,))
    font = load_font(int(big * 0.48), bold=True)
    ini = avatar_initial(name)
    box = d.textbbox((0, 0), ini, font=font)
    w, h = box[2] - box[0], box[3] - box[1]
    d.text(((big - w) / 2 - box[0], (big - h) / 2 - box[1]), ini, font=font, fill="white")
    return img.resize((size, size), Image.LANCZOS)


def _from_picture(path, size: int) -> Image.Image | None:
    try:
        with Image.open(path) as src:
            src.load()
            pic = ImageOps.fit(src.convert("RGBA"), (size * 3, size * 3), Image.LANCZOS)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    mask = Image.new("L", pic.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, pic.size[0] - 1, pic.size[1] - 1), fill=255)
    pic.putalpha(mask)
    return pic.resize((size, size), Image.LANCZOS)


def render_avatar(ch: Character, size: int, lesson=None) -> Image.Image:
    """RGBA disc of `size` px: the character's picture if it has a usable one, else generated."""
    if ch.avatar and lesson is not None:
        path = lesson.asset_path(ch.avatar)
        if path is not None:
            pic = _from_picture(path, size)
            if pic is not None:
                return pic
    return _generated(ch.name, avatar_color(ch), int(size)).copy()


def avatar_png(ch: Character, size: int = 128, lesson=None) -> bytes:
    import io

    buf = io.BytesIO()
    render_avatar(ch, size, lesson).save(buf, "PNG")
    return buf.getvalue()
