"""Picture or reflow, per slide: decide from the slide's layout how forms should show it.

Designed slides (infographics, diagrams, icons next to numbers, free text boxes) carry their
meaning in *where* things are; reflowing them into a column of text separates labels from their
numbers and pairs items wrongly (issue 15). Text-first slides (a title and bullets, a table, a
chart) reflow well and read better on a phone. The importer records what it saw on each slide
(`SlideLayout`) and `classify` turns that into a mode plus short 中文 reasons the studio shows,
so a maker can see *why* and override it.

The thresholds were tuned by looking at every deck of the shared corpus rendered by
LibreOffice next to its reflowed text (see tests/importers/test_visual_mode.py for the
hand-checked expectation per page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from creator_studio.core.lesson.model import (
    BulletList,
    Chart,
    Columns,
    Image,
    Page,
    Paragraph,
    Table,
)

PICTURE, REFLOW, PICTURE_TEXT = "picture", "reflow", "picture+text"

# A shape is an "icon" when it covers less than this share of the slide's width and height.
ICON_MAX = 0.16
# A picture is a "background" when it covers at least this share of the slide area.
BACKGROUND_MIN = 0.6


@dataclass
class Box:
    """A shape's slide-relative bounding box (fractions of slide width/height)."""

    x: float
    y: float
    w: float
    h: float
    # "text", "placeholder", "title", "picture", "chart", "table", "smartart", "shape",
    # "connector", "media", "ole" (an embedded object without a preview picture)
    kind: str
    chars: int = 0

    @property
    def area(self) -> float:
        return max(self.w, 0.0) * max(self.h, 0.0)

    def overlaps(self, other: Box, min_share: float = 0.2) -> bool:
        """True when the intersection covers at least `min_share` of the smaller box."""
        ix = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        iy = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        if ix <= 0 or iy <= 0:
            return False
        small = min(self.area, other.area)
        return small > 0 and ix * iy >= min_share * small


@dataclass
class SlideLayout:
    """What the importer saw on one slide (only shapes that draw something)."""

    boxes: list[Box] = field(default_factory=list)
    smartart: int = 0
    groups: int = 0
    math: int = 0  # text boxes with equations
    columns_detected: bool = False

    def of(self, *kinds: str) -> list[Box]:
        return [b for b in self.boxes if b.kind in kinds]


def classify(layout: SlideLayout, page: Page) -> tuple[str, list[str]]:
    """(mode, reasons) for one slide. Reasons are short 中文 phrases, empty for plain reflow."""
    reasons: list[str] = []
    pictures = [b for b in layout.of("picture") if b.area < BACKGROUND_MIN]
    icons = [b for b in pictures if b.w < ICON_MAX and b.h < ICON_MAX]
    free_text = layout.of("text")
    shapes = layout.of("shape")
    connectors = layout.of("connector")
    charts = layout.of("chart")
    backgrounds = [b for b in layout.of("picture") if b.area >= BACKGROUND_MIN]

    if layout.smartart:
        reasons.append("含 SmartArt 图形")
    if layout.math:
        reasons.append("含公式（只有幻灯片图片能准确显示）")
    ole = layout.of("ole")
    if ole:
        reasons.append(f"{len(ole)} 个嵌入对象或控件，只有幻灯片图片能显示")
    over = [c for c in charts if any(c.overlaps(p, 0.1) for p in layout.of("picture"))]
    if over:
        reasons.append("图表叠放在图片上")
    if len(icons) >= 3:
        reasons.append(f"{len(icons)} 个小图标")
    elif len(pictures) >= 3:
        reasons.append(f"{len(pictures)} 张图片自由排布")
    elif pictures and (free_text or shapes) and len(free_text) + len(shapes) >= 3:
        reasons.append("图片与文字框组合排版")
    positioned = len(free_text) + len(shapes)
    if connectors:
        reasons.append(f"{len(connectors)} 条连接线（流程/结构图）")
    if positioned >= 8 and not layout.columns_detected:
        reasons.append(f"{positioned} 个自由定位的形状/文字框")
    elif len(shapes) >= 4:
        reasons.append(f"{len(shapes)} 个图形元素")
    if not layout.columns_detected and _scattered(free_text):
        reasons.append("文字框不按阅读顺序排列")
    if backgrounds and free_text and not layout.of("placeholder", "title"):
        reasons.append("文字压在整页背景图上")
    if not reasons:
        return REFLOW, []
    mode = PICTURE_TEXT if page.narration.strip() else PICTURE
    return mode, reasons


def _scattered(texts: list[Box]) -> bool:
    """Text boxes laid out as a diagram (≥ 4 boxes in ≥ 3 columns or rows that overlap in y).

    Reading order is ambiguous when several text boxes sit side by side at different heights:
    a reflow must guess which label belongs to which number.
    """
    texts = [t for t in texts if t.chars > 0]
    if len(texts) < 4:
        return False
    xs = sorted({round(t.x + t.w / 2, 1) for t in texts})
    ys = sorted({round(t.y + t.h / 2, 1) for t in texts})
    return len(xs) >= 3 and len(ys) >= 2


def classify_blocks(page: Page) -> tuple[str, list[str]]:
    """Fallback from the blocks alone (old course.json files without geometry)."""
    images = [b for b in page.all_blocks() if isinstance(b, Image)]
    texty = [b for b in page.all_blocks()
             if isinstance(b, (Paragraph, BulletList, Table, Chart, Columns))]
    reasons: list[str] = []
    if len(images) >= 3:
        reasons.append(f"{len(images)} 张图片")
    paras = [b for b in page.blocks if isinstance(b, Paragraph)]
    if len(paras) >= 8 and all(len(p.text) <= 12 for p in paras):
        reasons.append(f"{len(paras)} 个短标签（图示）")
    if not reasons or (texty and len(images) < 3 and len(paras) < 8):
        return REFLOW, []
    return (PICTURE_TEXT if page.narration.strip() else PICTURE), reasons
