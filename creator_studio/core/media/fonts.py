"""Find a CJK font that draws Simplified Chinese with the right glyph shapes.

Noto Sans CJK ships as a .ttc whose faces are JP, KR, SC, TC, HK in some order: index 0 is JP,
so loading the file without the right index gives Japanese-shaped 骨/直/门. We pick the face by
its family name, never by a fixed index. On Windows 微软雅黑 (msyh.ttc) or 等线 (Deng.ttf) serve.
"""

from __future__ import annotations

import functools
import logging
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from creator_studio.core.errors import RenderError

log = logging.getLogger(__name__)

_CANDIDATES: dict[str, list[str]] = {
    "regular": [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
        "C:/Windows/Fonts/msyh.ttc",
        "C:/Windows/Fonts/Deng.ttf",
        "C:/Windows/Fonts/simhei.ttf",
        "/System/Library/Fonts/PingFang.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    ],
    "bold": [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf",
        "C:/Windows/Fonts/msyhbd.ttc",
        "C:/Windows/Fonts/Dengb.ttf",
    ],
}

# Family names that mean "Simplified Chinese face" inside a collection.
_SC_MARKERS = (" SC", "CN", "Microsoft YaHei", "DengXian", "SimHei", "PingFang SC", "WenQuanYi")


@dataclass(frozen=True)
class FontSpec:
    path: str
    index: int
    family: str

    def describe(self) -> str:
        return f"{self.family} ({Path(self.path).name}#{self.index})"


class NoCJKFontError(RenderError):
    code = "NO_CJK_FONT"

    def __init__(self) -> None:
        super().__init__(
            "找不到中文字体。请安装 Noto Sans CJK（Debian/Ubuntu：apt-get install fonts-noto-cjk），"
            "或在 Windows 上确认已有微软雅黑",
            "No Chinese font found. Install Noto Sans CJK (Debian/Ubuntu: apt-get install "
            "fonts-noto-cjk) or make sure Microsoft YaHei is present on Windows",
        )


def _sc_face(path: str) -> FontSpec | None:
    """Return the Simplified Chinese face of a font file, or None if it has none."""
    fallback: FontSpec | None = None
    for index in range(0, 16):
        try:
            font = ImageFont.truetype(path, 20, index=index)
        except OSError:
            break
        family, _style = font.getname()
        spec = FontSpec(path, index, family or "")
        if any(marker in (family or "") for marker in _SC_MARKERS):
            return spec
        if fallback is None and font.getbbox("中")[2] > 0:
            fallback = spec
        if not path.lower().endswith((".ttc", ".otc")):
            break
    # A single-face font that draws 中 is acceptable when nothing better exists.
    if fallback and not path.lower().endswith((".ttc", ".otc")):
        return fallback
    return None


def _fc_list() -> list[str]:
    try:
        out = subprocess.run(["fc-list", ":lang=zh-cn", "file"], capture_output=True, text=True,
                             timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})


@functools.lru_cache(maxsize=4)
def find_cjk_font(weight: str = "regular") -> FontSpec:
    """The CJK font to use; `CREATOR_STUDIO_FONT` (path[#index]) overrides the search."""
    env = os.environ.get("CREATOR_STUDIO_FONT" if weight == "regular" else "CREATOR_STUDIO_FONT_BOLD")
    if env:
        path, _, idx = env.partition("#")
        if Path(path).is_file():
            if idx:
                return FontSpec(path, int(idx), "custom")
            spec = _sc_face(path)
            if spec:
                return spec
    if os.environ.get("CREATOR_STUDIO_NO_SYSTEM_FONTS") == "1":
        raise NoCJKFontError()  # used by tests of the "no font installed" path
    candidates = list(_CANDIDATES.get(weight, []))
    if weight != "regular":
        candidates += _CANDIDATES["regular"]
    for path in candidates + _fc_list():
        if Path(path).is_file():
            spec = _sc_face(path)
            if spec:
                log.debug("CJK font (%s): %s", weight, spec.describe())
                return spec
    raise NoCJKFontError()


@functools.lru_cache(maxsize=64)
def load_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    spec = find_cjk_font("bold" if bold else "regular")
    return ImageFont.truetype(spec.path, int(size), index=spec.index)
