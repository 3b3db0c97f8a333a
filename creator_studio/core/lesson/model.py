"""The course model every form renders from.

Importers fill it, makers edit it, formats read it. It never holds python-pptx/python-docx
objects: only plain data, so it serialises to `course.json` and survives a round trip exactly.
Binary things (pictures, audio, video, slide rasters) are referenced by asset name: a content hash
plus extension, resolved against the project's `assets/` folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal

# Animation steps and transitions live in their own module; imported here so `serialize.py`
# resolves `Page.steps` / `Page.transition` type hints through this module's namespace.
from creator_studio.core.lesson.animation import Effect, Step, Transition  # noqa: F401

SCHEMA_VERSION = 1

# --------------------------------------------------------------------------------------------
# Text


@dataclass
class Run:
    """A span of text with basic style. `link` is kept as found; renderers allow-list schemes."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    color: str | None = None  # "RRGGBB"
    size_pt: float | None = None
    link: str | None = None


def runs_text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)


# --------------------------------------------------------------------------------------------
# Blocks. Each has a `kind` used as the JSON discriminator.


@dataclass
class Block:
    kind: ClassVar[str] = "block"

    def plain_text(self) -> str:
        return ""


@dataclass
class Heading(Block):
    kind: ClassVar[str] = "heading"
    text: str = ""
    level: int = 1

    def plain_text(self) -> str:
        return self.text


@dataclass
class Paragraph(Block):
    kind: ClassVar[str] = "paragraph"
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    align: Literal["left", "center", "right", "justify"] | None = None

    @property
    def text(self) -> str:
        return runs_text(self.runs)

    def plain_text(self) -> str:
        return self.text


@dataclass
class ListItem:
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    marker: str = ""  # the rendered number/bullet as the author saw it: "1.", "一、", "(a)", "•"

    @property
    def text(self) -> str:
        return runs_text(self.runs)


@dataclass
class BulletList(Block):
    kind: ClassVar[str] = "list"
    items: list[ListItem] = field(default_factory=list)
    ordered: bool = False

    def plain_text(self) -> str:
        return "\n".join(i.text for i in self.items)


@dataclass
class Image(Block):
    """A picture. `asset` is None when the source held no usable bytes (linked, broken).

    `needs_raster` marks vector formats (EMF/WMF) Pillow cannot draw on Linux. The importer
    converts them to PNG (`raster_asset`) when LibreOffice is present; otherwise renderers crop
    the region `bbox` from the slide picture. A renderer never draws a placeholder box.
    """

    kind: ClassVar[str] = "image"
    asset: str | None = None
    alt: str = ""
    width_px: int | None = None
    height_px: int | None = None
    mime: str | None = None
    needs_raster: bool = False
    raster_asset: str | None = None
    problem: str | None = None  # why it cannot be shown, in 中文 (older files; importers now omit)
    # Where the picture sits on its slide, as fractions of the slide [x, y, w, h] (None when the
    # source has no slide geometry, e.g. Word). Renderers crop the LibreOffice slide picture
    # with it when `needs_raster` is set and no `raster_asset` exists.
    bbox: list[float] | None = None

    def plain_text(self) -> str:
        return self.alt


@dataclass
class TableCell:
    text: str = ""
    row_span: int = 1
    col_span: int = 1
    bold: bool = False


@dataclass
class Table(Block):
    """Rows of cells; a merged cell appears once (at its origin) with its spans."""

    kind: ClassVar[str] = "table"
    rows: list[list[TableCell]] = field(default_factory=list)
    header_rows: int = 1
    caption: str = ""

    def plain_text(self) -> str:
        return "\n".join(" | ".join(c.text for c in row) for row in self.rows)

    @property
    def n_cols(self) -> int:
        return max((sum(c.col_span for c in row) for row in self.rows), default=0)


@dataclass
class ChartSeries:
    name: str = ""
    values: list[float | None] = field(default_factory=list)
    # Scatter charts: the x value of each point (categories then hold their labels).
    x_values: list[float | None] | None = None
    # Combo charts: this series' own type ("column", "line", …); None = the chart's type.
    chart_type: str | None = None


CHART_TYPES = ("column", "bar", "line", "pie", "doughnut", "area", "scatter", "radar", "combo",
               "unsupported")


@dataclass
class Chart(Block):
    """A chart kept as its data and its look, read from the chart part's cached values.

    `chart_type` is one of CHART_TYPES (3-D variants are `is_3d` and drawn flat); "combo" when
    plot types are mixed, each series then says its own. `grouping` is "clustered", "stacked"
    or "percent" for column/bar/line/area. A chart we cannot redraw (legacy OLE / MS Graph,
    chartex) is `chart_type="unsupported"`, `needs_raster=True` with its slide `bbox`, so the
    renderer crops the LibreOffice slide picture instead of dropping it.
    """

    kind: ClassVar[str] = "chart"
    title: str = ""
    chart_type: str = ""
    categories: list[str] = field(default_factory=list)
    series: list[ChartSeries] = field(default_factory=list)
    grouping: str = "clustered"
    legend_visible: bool = False
    legend_position: str | None = None  # "r", "l", "t", "b", "tr" (OOXML c:legendPos)
    data_labels: bool = False
    x_axis_title: str = ""
    y_axis_title: str = ""
    is_3d: bool = False
    needs_raster: bool = False
    raster_asset: str | None = None
    bbox: list[float] | None = None  # [x, y, w, h] as fractions of the slide

    def to_table(self) -> Table:
        header = [TableCell(self.title or "")] + [TableCell(s.name) for s in self.series]
        rows = [header]
        for i, cat in enumerate(self.categories):
            row = [TableCell(str(cat))]
            for s in self.series:
                v = s.values[i] if i < len(s.values) else None
                row.append(TableCell("" if v is None else _fmt_num(v)))
            rows.append(row)
        return Table(rows=rows, header_rows=1, caption=self.title)

    def plain_text(self) -> str:
        return self.title


def _fmt_num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


@dataclass
class Column:
    """One column of a two-column / comparison layout: an optional heading and its blocks."""

    heading: str = ""
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Columns(Block):
    """Side-by-side text (do/don't, before/after, left/right text boxes) kept as columns.

    The importer detects it from text-box geometry; narrow screens may stack the columns, but
    never merge them into one list.
    """

    kind: ClassVar[str] = "columns"
    columns: list[Column] = field(default_factory=list)

    def plain_text(self) -> str:
        parts = []
        for c in self.columns:
            parts.append(c.heading)
            parts.extend(b.plain_text() for b in c.blocks)
        return "\n".join(p for p in parts if p)


@dataclass
class Note(Block):
    """A callout, footnote or aside. `label` is e.g. "注1" for footnotes."""

    kind: ClassVar[str] = "note"
    text: str = ""
    label: str = ""

    def plain_text(self) -> str:
        return self.text


@dataclass
class Media(Block):
    """Embedded audio or video extracted from the source."""

    kind: ClassVar[str] = "media"
    asset: str | None = None
    media_type: Literal["audio", "video"] = "audio"
    mime: str | None = None
    is_narration: bool = False
    poster_asset: str | None = None
    # In/out points (seconds) of a video page's recording, non-destructive: the asset keeps
    # every frame, the forms play only [trim_in, trim_out] (None: to the end). Issue 14.
    trim_in: float = 0.0
    trim_out: float | None = None

    def plain_text(self) -> str:
        return ""


BLOCK_TYPES: dict[str, type[Block]] = {
    cls.kind: cls
    for cls in (Heading, Paragraph, BulletList, Image, Table, Chart, Note, Media, Columns)
}

# --------------------------------------------------------------------------------------------
# Pages


@dataclass
class Page:
    """One slide or one document section.

    `duration` is seconds the source asked for (PowerPoint `advTm`), None when it did not say;
    `narration` is what a narrator reads (speaker notes); `raster` a faithful picture of the
    original slide when a rasteriser produced one.
    """

    id: str
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    narration: str = ""
    narration_audio: str | None = None  # the maker's own recording (asset)
    # "auto": notes, else the recording, else a script read from the page's own text (issue 13);
    # "silent": the maker chose music only / no voice for this page (norms do not flag it).
    narration_mode: Literal["auto", "silent"] = "auto"
    raster: str | None = None
    duration: float | None = None
    hidden: bool = False
    source_index: int | None = None  # 1-based slide number / section number in the source
    warnings: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)  # PowerPoint animation steps (animation.py)
    transition: Transition | None = None  # how the slide appears (PowerPoint p:transition)
    # How forms show the page: "picture" (the faithful slide picture), "reflow" (our text
    # layout) or "picture+text" (slide picture, then the narration/notes as text). The importer
    # sets `visual_mode_auto` and `visual_reasons` (short 中文 reasons the studio shows); a
    # maker's override is simply a different `visual_mode`.
    visual_mode: str = "reflow"
    visual_mode_auto: str = "reflow"
    visual_reasons: list[str] = field(default_factory=list)

    def plain_text(self) -> str:
        parts = [self.title] + [b.plain_text() for b in self.blocks]
        return "\n".join(p for p in parts if p)

    def blocks_of(self, cls: type[Block]) -> list[Block]:
        return [b for b in self.blocks if isinstance(b, cls)]

    def all_blocks(self) -> list[Block]:
        """Blocks including those inside `Columns`, in reading order."""
        out: list[Block] = []
        for b in self.blocks:
            out.append(b)
            if isinstance(b, Columns):
                out.extend(x for c in b.columns for x in c.blocks)
        return out


VISUAL_MODES = ("picture", "reflow", "picture+text")


# --------------------------------------------------------------------------------------------
# Quiz

QuestionKind = Literal["single", "multiple", "truefalse", "fill"]


@dataclass
class Question:
    """One quiz question.

    Choice kinds keep `options` (without their "A." labels) and `answers` as 0-based indexes;
    true/false uses options ["正确", "错误"]; fill-in keeps accepted strings in `accepted`.
    """

    id: str
    kind: QuestionKind = "single"
    stem: str = ""
    options: list[str] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    explanation: str = ""
    source_page: str | None = None
    points: int = 1

    def answer_label(self) -> str:
        if self.kind == "fill":
            return " / ".join(self.accepted)
        if self.kind == "truefalse":
            return "正确" if self.answers == [0] else "错误"
        return "".join(chr(ord("A") + i) for i in self.answers)


@dataclass
class Quiz:
    questions: list[Question] = field(default_factory=list)
    pass_mark: int = 60  # percent

    def __len__(self) -> int:
        return len(self.questions)


# --------------------------------------------------------------------------------------------
# Skit script


@dataclass
class Character:
    id: str
    name: str
    role: str = ""  # 客户 / 业务员 / 旁白 ...
    avatar: str | None = None  # asset; None → generated (initial + colour)
    voice: str | None = None  # TTS voice hint, e.g. "f1", "m2"
    side: Literal["left", "right", "center"] = "left"
    color: str | None = None  # "RRGGBB", for generated avatars and name tags

    @property
    def is_narrator(self) -> bool:
        return self.role == "旁白" or self.name in {"旁白", "Narrator"}


@dataclass
class Line:
    speaker: str  # Character.id
    text: str
    emotion: str = ""
    source_page: str | None = None
    audio: str | None = None  # the maker's own recording of this line (an asset), instead of TTS


@dataclass
class Choice:
    text: str
    feedback: str = ""
    score: int = 0
    next_scene: str | None = None  # None → end of the scenario


@dataclass
class Decision:
    prompt: str = ""
    options: list[Choice] = field(default_factory=list)


@dataclass
class Scene:
    id: str
    title: str = ""
    background: str | None = None  # asset or "#RRGGBB"
    lines: list[Line] = field(default_factory=list)
    decision: Decision | None = None
    next_scene: str | None = None  # where to go after the lines when there is no decision


@dataclass
class Script:
    cast: list[Character] = field(default_factory=list)
    scenes: list[Scene] = field(default_factory=list)
    start_scene: str | None = None
    title: str = ""

    def character(self, cid: str) -> Character | None:
        return next((c for c in self.cast if c.id == cid), None)

    def scene(self, sid: str) -> Scene | None:
        return next((s for s in self.scenes if s.id == sid), None)

    @property
    def line_count(self) -> int:
        return sum(len(s.lines) for s in self.scenes)


# --------------------------------------------------------------------------------------------
# Lesson


@dataclass
class SourceInfo:
    filename: str = ""
    kind: Literal["pptx", "docx", "script", "none"] = "none"
    sha256: str = ""
    slide_width_emu: int | None = None
    slide_height_emu: int | None = None


@dataclass
class LessonMeta:
    business_line: str = ""
    maker_name: str = ""
    maker_id: str = ""
    platform_url: str = ""
    tags: list[str] = field(default_factory=list)
    language: str = "zh-CN"
    # The maker's pronunciation fixes, word → pinyin ("单于": "chán yú"); they win over the
    # shipped insurance lexicon (core/media/pinyin.py).
    lexicon: dict[str, str] = field(default_factory=dict)


@dataclass
class Lesson:
    title: str = ""
    pages: list[Page] = field(default_factory=list)
    quiz: Quiz = field(default_factory=Quiz)
    script: Script | None = None
    source: SourceInfo = field(default_factory=SourceInfo)
    meta: LessonMeta = field(default_factory=LessonMeta)
    theme: str = "corporate-blue"
    warnings: list[str] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION
    # Where asset names resolve; runtime only, never serialised.
    asset_root: Path | None = field(default=None, compare=False, repr=False)
    # The document it was imported from (LibreOffice slide rendering); runtime only, never serialised.
    source_path: Path | None = field(default=None, compare=False, repr=False)

    def asset_path(self, name: str | None) -> Path | None:
        """The file behind an asset name, None when missing. A name that escapes the assets
        folder (`../x`, `/etc/passwd`, a symlink out) raises `ASSET_OUTSIDE_PROJECT`: a form
        must never ship a file from elsewhere on this machine (issue 20, defect 4)."""
        if not name or self.asset_root is None:
            return None
        from creator_studio.core.lesson.assets import resolve_asset

        p = resolve_asset(self.asset_root, name)
        return p if p.is_file() else None

    def visible_pages(self) -> list[Page]:
        return [p for p in self.pages if not p.hidden]

    def all_warnings(self) -> list[str]:
        out = list(self.warnings)
        for p in self.pages:
            out.extend(f"[{p.id}] {w}" for w in p.warnings)
        return out

    def counts(self) -> dict[str, int]:
        """Figures tests, the CLI outline and the norms check all use."""
        blocks = [b for p in self.pages for b in p.all_blocks()]
        return {
            "pages": len(self.pages),
            "hidden_pages": sum(p.hidden for p in self.pages),
            "notes": sum(1 for p in self.pages if p.narration.strip()),
            "tables": sum(isinstance(b, Table) for b in blocks),
            "charts": sum(isinstance(b, Chart) for b in blocks),
            "images": sum(isinstance(b, Image) for b in blocks),
            "media": sum(isinstance(b, Media) for b in blocks),
            "quiz_questions": len(self.quiz.questions),
            "dialogue_lines": self.script.line_count if self.script else 0,
        }
