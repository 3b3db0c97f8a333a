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

from creator_studio.core.lesson.model import (
    BulletList, Chart, Heading, Image, Lesson, Media, Note, Page, Paragraph, Table,
)
from creator_studio.core.media.fonts import find_cjk_font
from creator_studio.core.themes import Theme

from .boxes import Box, Layout
from .context import Ctx, Options
from .cover import banner, end_boxes
from .figures import image_box
from .quiz import answer_boxes, question_boxes
from .sections import Section, section_header
from .tables import chart_boxes, table_box
from .text import clean_text
from .text_blocks import heading_box, list_box, media_box, note_box, paragraph_box

log = logging.getLogger(__name__)

__all__ = ["Layout", "Options", "build_layout", "block_boxes"]


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
        return [image_box(ctx, block)]
    if isinstance(block, Note):
        b = note_box(ctx, block)
        return [b] if b else []
    if isinstance(block, Media):
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
        sec = Section(ctx, layout, page.id)
        sec.add(section_header(ctx, f"{i:02d}", clean_text(page.title).replace("\n", " ") or
                               f"第 {i} 节", page.id))
        for block in page.blocks:
            for k, box in enumerate(block_boxes(ctx, block, page)):
                sec.add(box, before=ctx.px(14) if k else None)
        sec.close()
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
    return layout
