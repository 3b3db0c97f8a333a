"""Visual themes as data: colours, type sizes, spacing and banner style for every form.

Themes live as JSON files in `creator_studio/resources/themes/` (plus, optionally, the user's
`config/themes/` folder), so a business line can add its own look without code. Sizes are in
*design pixels* for a 750 px wide canvas; a renderer at another size multiplies by `scale_for()`.
Every field has a default, so a theme file only needs to say what differs.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from creator_studio.core.errors import RenderError

log = logging.getLogger(__name__)

THEMES_DIR = Path(__file__).resolve().parent.parent / "resources" / "themes"
DEFAULT_THEME = "corporate-blue"
REFERENCE_WIDTH = 750  # sizes in theme files are for this canvas width

_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")

RGB = tuple[int, int, int]


def hex_to_rgb(value: str) -> RGB:
    m = _HEX.match(value.strip())
    if not m:
        raise ValueError(f"not a #RRGGBB colour: {value!r}")
    h = m.group(1)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@dataclass
class ThemeColors:
    background: str = "#F3F6FA"      # page behind the content cards
    surface: str = "#FFFFFF"         # content card
    text: str = "#1F2937"
    text_muted: str = "#6B7280"
    primary: str = "#1E5BB8"         # headings, section bars, links
    primary_dark: str = "#123E82"
    accent: str = "#F5A623"          # badges, highlights
    banner_start: str = "#123E82"    # banner gradient (or solid = start)
    banner_end: str = "#2F7DE1"
    banner_text: str = "#FFFFFF"
    banner_subtext: str = "#D6E4FA"
    section_bg: str = "#E8F0FC"      # behind a page's section header
    section_text: str = "#123E82"
    table_header_bg: str = "#1E5BB8"
    table_header_text: str = "#FFFFFF"
    table_stripe: str = "#F5F8FD"
    table_border: str = "#D3DDEB"
    note_bg: str = "#FFF7E6"
    note_border: str = "#F5A623"
    note_text: str = "#5C4300"
    quiz_bg: str = "#F0F6FF"
    answer_bg: str = "#EEF8F0"
    answer_accent: str = "#2E8B57"
    placeholder_bg: str = "#F2F2F2"
    placeholder_border: str = "#B0B0B0"
    watermark: str = "#9AA5B1"
    footer_text: str = "#9AA5B1"


@dataclass
class ThemeSizes:
    """Font sizes in design px at 750 px width."""

    banner_title: int = 50
    banner_sub: int = 26
    section: int = 36
    h1: int = 34
    h2: int = 31
    h3: int = 29
    body: int = 28
    table: int = 24
    small: int = 22
    footer: int = 20


@dataclass
class ThemeSpacing:
    margin: int = 32         # canvas edge to card
    padding: int = 36        # card edge to text
    block_gap: int = 26      # between blocks
    section_gap: int = 36    # between page sections
    leading: float = 1.72    # line height as a multiple of the font size
    radius: int = 16         # card corner radius
    banner_height: int = 460


@dataclass
class Theme:
    name: str = DEFAULT_THEME
    label_zh: str = "企业蓝"
    label_en: str = "Corporate blue"
    banner_style: str = "gradient"   # gradient | solid | minimal
    section_style: str = "bar"       # bar | badge | rule
    cards: bool = True               # draw content on white cards over the background
    colors: ThemeColors = field(default_factory=ThemeColors)
    sizes: ThemeSizes = field(default_factory=ThemeSizes)
    spacing: ThemeSpacing = field(default_factory=ThemeSpacing)

    def rgb(self, color_name: str) -> RGB:
        """A named theme colour as an (r, g, b) tuple."""
        return hex_to_rgb(getattr(self.colors, color_name))

    @staticmethod
    def scale_for(width: int) -> float:
        return width / REFERENCE_WIDTH


def _fill(cls, data: dict, where: str):
    """Build a section dataclass from a dict, ignoring (and logging) unknown keys."""
    known = {f.name: f for f in fields(cls)}
    kwargs = {}
    for key, value in (data or {}).items():
        if key not in known:
            log.warning("theme %s: unknown key %r ignored", where, key)
            continue
        kwargs[key] = value
    obj = cls(**kwargs)
    return obj


def theme_from_dict(data: dict) -> Theme:
    """Validate and build a Theme; bad colours raise ValueError with the field name."""
    theme = Theme(
        name=str(data.get("name", DEFAULT_THEME)),
        label_zh=str(data.get("label_zh", data.get("name", ""))),
        label_en=str(data.get("label_en", data.get("name", ""))),
        banner_style=str(data.get("banner_style", "gradient")),
        section_style=str(data.get("section_style", "bar")),
        cards=bool(data.get("cards", True)),
        colors=_fill(ThemeColors, data.get("colors", {}), "colors"),
        sizes=_fill(ThemeSizes, data.get("sizes", {}), "sizes"),
        spacing=_fill(ThemeSpacing, data.get("spacing", {}), "spacing"),
    )
    for f in fields(ThemeColors):
        value = getattr(theme.colors, f.name)
        try:
            hex_to_rgb(value)
        except (ValueError, AttributeError) as exc:
            raise ValueError(f"colors.{f.name}: {exc}") from None
    return theme


def _search_dirs() -> list[Path]:
    dirs = [THEMES_DIR]
    try:
        from creator_studio.core.paths import config_dir

        user = config_dir() / "themes"
        if user.is_dir():
            dirs.append(user)
    except OSError:
        pass
    return dirs


def _theme_files() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for d in _search_dirs():
        for p in sorted(d.glob("*.json")):
            found[p.stem] = p  # a user theme of the same name overrides the built-in one
    return found


def list_themes() -> list[str]:
    """Theme names available (built-in first, then the user's), for option choices."""
    return sorted(_theme_files())


@functools.lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> Theme:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    data.setdefault("name", Path(path).stem)
    return theme_from_dict(data)


def load_theme(name: str | None = None) -> Theme:
    """The named theme; `UNKNOWN_THEME` or `BAD_THEME` RenderError when it cannot be used."""
    name = name or DEFAULT_THEME
    files = _theme_files()
    path = files.get(name)
    if path is None:
        raise RenderError(f"未知的主题：{name}（可用：{'、'.join(sorted(files))}）",
                          f"Unknown theme {name!r} (available: {', '.join(sorted(files))})",
                          code="UNKNOWN_THEME")
    try:
        return _load_cached(str(path), path.stat().st_mtime)
    except (OSError, ValueError, TypeError) as exc:  # JSONDecodeError is a ValueError
        raise RenderError(f"主题文件 {path.name} 无法使用：{exc}",
                          f"Theme file {path.name} is unusable: {exc}", code="BAD_THEME") from None
