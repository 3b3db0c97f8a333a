"""Measure the whole lesson into boxes without drawing a pixel.

The result is a `Layout`: boxes in reading order with absolute y positions, plus the section
cards behind them. Only measurement happens here (font advances, picture headers), so a
200-page lesson lays out in a fraction of a second and a few MB; painting happens per part.
Each kind of content has its own module: `cover`, `sections`, `text_blocks`, `tables`,
`figures`, `quiz`.
"""

from __future__ import annotations

import datetime as _dt
import logging

from creator_studio.core.errors import RenderError
from creator_studio.core.lesson.model import (
    BulletList, Chart, Columns, Heading, Image, Lesson, Media, Note, Page, Paragraph, Table,
)
from creator_studio.core.media.raster import effective_mode
from creator_studio.core.media.fonts import find_cjk_font
from creator_studio.core.themes import Theme

from .boxes import Box, Layout
from .context import Ctx, Options
from .cover import banner, end_boxes
from .figures import image_box
from .quiz import answer_boxes, question_boxes
from .sections import Section, section_header
from .slides import columns_box, narration_boxes, slide_picture_box
from .tables import chart_boxes, table_box
from .text import clean_text
from .text_blocks import heading_box, list_box, media_box, note_box, paragraph_box

log = logging.getLogger(__name__)

__all__ = ["Layout", "Options", "build_layout", "block_boxes", "MAX_PAGE_CHARS",
           "MAX_PAGE_HEIGHT", "MAX_TOTAL_HEIGHT"]

# Issue 20 defect 7: a deck with a 9 MB text run once ran 279 s and wrote 1,223 parts (2.8 GB).
# These caps refuse such input with the page named. The text cap is checked before any wrapping
# (so the refusal is immediate); the height caps after each page is measured. A 200-page lesson
# is about 291,000 px tall at 750 px, well inside the total.
MAX_PAGE_CHARS = 60_000      # ≈ 35 phone screens of CJK text on one page
MAX_PAGE_HEIGHT = 120_000    # px at 750 wide (scaled for other widths)
MAX_TOTAL_HEIGHT = 1_500_000  # px at 750 wide: about 375 parts of 4,000 px


def _page_chars(page: Page) -> int:
    return len(page.title) + sum(len(b.plain_text()) for b in page.all_blocks()) + len(page.narration)


def too_long(page: Page, number: int, what_zh: str, what_en: str) -> RenderError:
    title = (page.title or "").strip().replace("\n", " ")[:30] or f"第 {number} 页"
    return RenderError(f"第 {number} 页「{title}」太长，无法生成长图文：{what_zh}。请拆分这一页后再试",
                       f"Page {number} ({title!r}) is too long for a long image: {what_en}. "
                       f"Split the page and try again", code="LONG_IMAGE_TOO_LONG",
                       details={"page": number, "page_id": page.id})


def block_boxes(ctx: Ctx, block, page: Page) -> list[Box]:
    if isinstance(block, Heading):
        if not block.text.strip() or block.text.strip() == page.title.strip():
            return []  # the section header already shows the page title
        return [heading_box(ctx, block)]
    if isinstance(block, Paragraph):
        b = paragraph_box(ctx, block)
        return [b] if b else []
    if isinstance(block, BulletList):
        b = list_box(ctx, block)
        return [b] if b else []
    if isinstance(block, Table):
        b = table_box(ctx, block)
        return [b] if b else []
    if isinstance(block, Chart):
        return chart_boxes(ctx, block)
    if isinstance(block, Image):
        b = image_box(ctx, block)
        return [b] if b else []
    if isinstance(block, Columns):
        return columns_box(ctx, block, page, block_boxes)
    if isinstance(block, Note):
        b = note_box(ctx, block)
        return [b] if b else []
    if isinstance(block, Media):
        if block.media_type == "video" and len(page.blocks) == 1:  # a video page (screen recording)
            from .video_frames import video_frame_boxes

            frames = video_frame_boxes(ctx, block, page)
            if frames:
                return frames
        return [media_box(ctx, block)]
    log.info("unknown block %r skipped", type(block).__name__)
    return []


def build_layout(lesson: Lesson, theme: Theme, opts: Options, job=None) -> Layout:
    """Measure every block of the lesson into boxes (no pixels are drawn here)."""
    opts.date = opts.date or _dt.date.today().isoformat()
    ctx = Ctx(theme, lesson, opts)
    layout = Layout(width=opts.width, font=find_cjk_font().describe())
    banner(ctx, layout)
    layout.gap(ctx.section_gap if theme.cards else ctx.px(16))
    pages = lesson.visible_pages()
    for i, page in enumerate(pages, start=1):
        n_chars = _page_chars(page)
        if n_chars > MAX_PAGE_CHARS:
            raise too_long(page, i, f"{n_chars:,} 个字符，上限 {MAX_PAGE_CHARS:,}",
                           f"{n_chars:,} characters, the limit is {MAX_PAGE_CHARS:,}")
    page_cap = round(MAX_PAGE_HEIGHT * opts.width / 750)
    total_cap = round(MAX_TOTAL_HEIGHT * opts.width / 750)
    for i, page in enumerate(pages, start=1):
        top = layout.height
        mode = effective_mode(page, opts.slide_pictures)
        pic = slide_picture_box(ctx, page) if mode != "reflow" and page.raster else None
        sec = Section(ctx, layout, page.id)
        if pic is not None:
            layout.pages[page.id] = "picture+text" if mode == "picture+text" else "picture"
            sec.add(pic)
            if mode == "picture+text":
                for k, box in enumerate(narration_boxes(ctx, page)):
                    sec.add(box, before=ctx.px(20) if k == 0 else ctx.px(12))
        else:
            layout.pages[page.id] = "reflow"
            sec.add(section_header(ctx, f"{i:02d}", clean_text(page.title).replace("\n", " ") or
                                   f"第 {i} 节", page.id))
            for block in page.blocks:
                for k, box in enumerate(block_boxes(ctx, block, page)):
                    sec.add(box, before=ctx.px(14) if k else None)
        sec.close()
        if layout.height - top > page_cap:
            raise too_long(page, i, f"排版后高 {layout.height - top:,} 像素，上限 {page_cap:,}",
                           f"{layout.height - top:,} px tall, the limit is {page_cap:,}")
        if layout.height > total_cap:
            raise too_long(page, i, f"到这一页时长图已高 {layout.height:,} 像素，上限 {total_cap:,}",
                           f"the image reaches {layout.height:,} px here, the limit is {total_cap:,}")
        if job is not None and i % 20 == 0:
            job.raise_if_cancelled()
    questions = lesson.quiz.questions
    if questions:
        sec = Section(ctx, layout, "quiz")
        sec.add(section_header(ctx, "测", "随堂测验", "quiz"))
        for n, q in enumerate(questions, start=1):
            for k, box in enumerate(question_boxes(ctx, n, q)):
                sec.add(box, before=ctx.px(30) if k == 0 else 0)
        sec.close()
        sec = Section(ctx, layout, "answers")
        sec.add(section_header(ctx, "答", "答案与解析", "answers"))
        for n, q in enumerate(questions, start=1):
            for k, box in enumerate(answer_boxes(ctx, n, q)):
                sec.add(box, before=ctx.px(22) if k == 0 else 0)
        sec.close()
    sec = Section(ctx, layout, "end")
    for k, box in enumerate(end_boxes(ctx)):
        sec.add(box, before=ctx.px(28))
    sec.close()
    layout.warnings.extend(ctx.warnings)
    return layout
