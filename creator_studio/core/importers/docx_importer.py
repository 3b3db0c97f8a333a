"""DOCX (and .docm/.dotx/.dotm read as DOCX) → Lesson.

The body is walked with lxml (see `docx/walker.py` for why not python-docx), then the flat
stream of headings and blocks is cut into pages: a page starts at every top-level heading
(level 1, or level 2 when the document has a single level-1 heading — usually its title), so a
document section becomes one course page. Footnotes become `Note` blocks at the end of the page
that references them. Quiz/dialogue detection runs afterwards in `detect.enrich` (called by the
dispatcher), not here.
"""

from __future__ import annotations

import logging
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from creator_studio.core.errors import SourceError
from creator_studio.core.importers.docx.numbering import Numbering
from creator_studio.core.importers.docx.package import Package, q
from creator_studio.core.importers.docx.styles import Styles
from creator_studio.core.importers.docx.walker import Entry, Walker, WalkState
from creator_studio.core.jobs import Job
from creator_studio.core.lesson.assets import AssetStore
from creator_studio.core.lesson.model import (
    BulletList,
    Heading,
    Image,
    Lesson,
    Page,
    SourceInfo,
)

log = logging.getLogger(__name__)


# what reading a damaged member raises: bad XML, a broken deflate stream, a CRC mismatch
_DAMAGED = (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError)


def _load_xml(pkg: Package, part: str | None, what: str, warnings: list[str]):
    if not part:
        return None
    try:
        return pkg.xml(part)
    except _DAMAGED as exc:
        warnings.append(f"{what}（{part}）已损坏，已忽略 / {part} is damaged and was ignored: {exc}")
        return None


def _notes(root, tag: str) -> dict[str, object]:
    out = {}
    if root is None:
        return out
    for n in root.findall(q(tag)):
        if n.get(q("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        nid = n.get(q("w:id"))
        if nid is not None:
            out[nid] = n
    return out


def import_docx(info, assets_dir: Path, job: Job | None = None) -> Lesson:
    """Read the document `info` (from `safety.inspect`) into a Lesson; pictures go to assets_dir."""
    job = job or Job()
    path = Path(info.path)
    lesson = Lesson(source=SourceInfo(filename=path.name, kind="docx",
                                      sha256=getattr(info, "sha256", "")))
    lesson.warnings.extend(getattr(info, "warnings", []) or [])
    data = info.read_bytes() if hasattr(info, "read_bytes") else path.read_bytes()
    main_part = getattr(info, "main_part", None) or "word/document.xml"
    try:
        pkg = Package(data, main_part)
    except Exception as exc:  # safety.inspect normally catches this first
        raise SourceError(f"“{path.name}”已损坏，无法读取。", f"{path.name} is damaged: {exc}",
                          code="CORRUPT") from None
    try:
        return _import(pkg, lesson, path, Path(assets_dir), job)
    finally:
        pkg.close()


def _import(pkg: Package, lesson: Lesson, path: Path, assets_dir: Path, job: Job) -> Lesson:
    warnings = lesson.warnings
    try:
        doc = pkg.xml(pkg.main_part)
    except _DAMAGED as exc:
        raise SourceError(f"“{path.name}”的正文（{pkg.main_part}）已损坏，无法读取。请在 Word 中打开修复并另存后再导入。",
                          f"{path.name}: the main document part is damaged ({exc})",
                          code="CORRUPT") from None
    if doc is None:
        raise SourceError(f"“{path.name}”缺少正文部分，无法读取。", f"{path.name} has no main document part",
                          code="MISSING_PART")
    body = doc.find(q("w:body"))
    if body is None:
        raise SourceError(f"“{path.name}”不是 Word 文档正文（没有 w:body）。",
                          f"{path.name} has no Word body (w:body)", code="WRONG_TYPE")

    try:
        styles = Styles(_load_xml(pkg, pkg.part_by_type(pkg.main_part, "styles"), "样式表", warnings))
    except Exception as exc:  # odd values in styles.xml cost the styles, not the document
        warnings.append(f"样式表无法解析，标题按文字推断 / styles could not be read: {exc}")
        styles = Styles(None)
    try:
        numbering = Numbering(_load_xml(pkg, pkg.part_by_type(pkg.main_part, "numbering"),
                                        "编号定义", warnings), styles)
    except Exception as exc:
        warnings.append(f"列表编号定义无法解析，列表不显示编号 / numbering could not be read: {exc}")
        numbering = Numbering(None, styles)
    foot = _notes(_load_xml(pkg, pkg.part_by_type(pkg.main_part, "footnotes"), "脚注", warnings),
                  "w:footnote")
    end = _notes(_load_xml(pkg, pkg.part_by_type(pkg.main_part, "endnotes"), "尾注", warnings),
                 "w:endnote")
    title, core_ok = "", True
    try:
        title, core_ok = pkg.core_title()
    except Exception:
        core_ok = False
    if not core_ok:
        warnings.append("文档属性（docProps/core.xml）缺失或损坏，已按文件名等推断标题 / "
                        "document properties are missing; the title was inferred")

    state = WalkState(pkg=pkg, part=pkg.main_part, styles=styles, numbering=numbering,
                      assets=AssetStore(assets_dir, durable=False), footnotes=foot, endnotes=end)
    walker = Walker(state)
    children = list(body)
    entries: list[Entry] = []
    total = len(children)
    for i, child in enumerate(children):
        if i % 25 == 0:
            job.progress(i, total, "读取 Word 文档")
        entries.extend(walker.blocks([child]))
    job.progress(total, total, "读取 Word 文档")

    title_candidates = [e.text for e in entries if e.kind == "title" and e.text]
    # the first heading names the lesson only when nothing comes before it (else it is a section)
    first = next((e for e in entries if e.kind in ("heading", "item")
                  or (e.kind == "block" and not isinstance(e.block, Image))), None)
    first_heading = (first.block.text if first is not None and first.kind == "heading"
                     and first.text != "textbox" else "")
    # Never the file name (issue 15): else the document's first line.
    lesson.title = (title or (title_candidates[0] if title_candidates else "") or first_heading
                    or _first_line(entries) or "未命名课程").strip()[:200]
    lesson.pages = paginate(entries, lesson.title)
    vectors = [b for p in lesson.pages for b in p.all_blocks() if isinstance(b, Image) and b.needs_raster]
    if vectors:  # EMF/WMF → PNG with LibreOffice when it is installed (Word has no slide picture)
        from creator_studio.core.importers.vector_raster import convert_vectors

        convert_vectors(vectors, AssetStore(assets_dir, durable=False), job)
    if not lesson.pages:
        warnings.append("文档中没有可导入的正文内容 / the document has no importable content")
    log.info("docx %s: %d pages, counts %s", path.name, len(lesson.pages), state.counts)
    return lesson


def split_levels(levels: list[int]) -> set[int]:
    """Heading levels that start a page: the top level, plus the next one if the top is alone."""
    if not levels:
        return set()
    top = min(levels)
    out = {top}
    if levels.count(top) == 1 and top + 1 in levels:
        out.add(top + 1)
    return out


def _relative_guesses(entries: list[Entry]) -> None:
    """Place guessed headings (text patterns, bold lines) relative to real ones.

    With heading styles in the document, a guess sits below the style heading it follows
    (Heading 1 "第一章" then typed "一、目的" → level 2). Without any, "第一章" outranks "一、",
    which outranks "（一）".
    """
    heads = [e for e in entries if e.kind == "heading" and e.text != "textbox"]
    if any(e.text == "style" for e in heads):
        current = 0
        for e in heads:
            if e.text == "style":
                current = e.level
            elif current and e.level <= current:
                e.level = current + 1
                e.block.level = e.level
        return
    if not any(e.text == "chapter" for e in heads):
        return
    for e in heads:
        if e.text == "guess":
            e.level += 1
            e.block.level = e.level


def paginate(entries: list[Entry], lesson_title: str) -> list[Page]:
    _relative_guesses(entries)
    heading_levels = [e.level for e in entries if e.kind == "heading" and e.text != "textbox"]
    starts = split_levels(heading_levels)
    base = max(starts) if starts else 1
    pages: list[Page] = []
    page: Page | None = None
    notes: list = []
    pending_list: BulletList | None = None

    def new_page(title: str) -> Page:
        nonlocal page, pending_list
        close_page()
        page = Page(id=f"p{len(pages) + 1}", title=title, source_index=len(pages) + 1)
        pages.append(page)
        pending_list = None
        return page

    def close_page() -> None:
        nonlocal notes
        if page is not None and notes:
            page.blocks.extend(notes)
        notes = []

    def current() -> Page:
        return page if page is not None else new_page(lesson_title)

    for e in entries:
        if e.kind == "heading" and e.level in starts and e.text != "textbox":
            new_page(e.block.text)
            continue
        if e.kind == "title":
            continue
        if e.kind == "warning":
            current().warnings.append(e.text)
            continue
        if e.kind == "note":
            current()
            notes.append(e.block)
            continue
        p = current()
        if e.kind == "item":
            if pending_list is None or not p.blocks or p.blocks[-1] is not pending_list:
                pending_list = BulletList(ordered=e.ordered)
                p.blocks.append(pending_list)
            pending_list.items.append(e.block)
            pending_list.ordered = pending_list.ordered or e.ordered
            continue
        if e.kind == "heading":
            h: Heading = e.block
            h.level = min(6, max(2, h.level - base + 1))
            p.blocks.append(h)
            continue
        p.blocks.append(e.block)
    close_page()
    for i, pg in enumerate(pages, start=1):
        pg.id, pg.source_index = f"p{i}", i
    return pages


def _first_line(entries: list[Entry]) -> str:
    """The first line of text in the document, when it is short enough to be a title."""
    for e in entries:
        if e.kind != "block" or isinstance(e.block, Image):
            continue
        text = e.block.plain_text().strip() if hasattr(e.block, "plain_text") else ""
        if text:
            line = text.splitlines()[0].strip()
            return line if len(line) <= 40 else line[:38].rstrip() + "…"
    return ""
