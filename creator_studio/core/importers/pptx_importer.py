"""PowerPoint (.pptx and variants) → `Lesson`.

python-pptx opens the package and resolves relationships; the slide content itself is walked
with lxml over each slide's shape tree, because python-pptx silently skips shapes inside
`mc:AlternateContent`, has no API for SmartArt, audio, timings or hidden slides, and raises on
3-D charts and on shapes written by other tools (FIELD-NOTES §1). Every shape is read inside its
own try/except: a broken shape or picture becomes a page warning (中文), never a failed import.

Shapes are emitted in reading order (top-to-bottom, then left-to-right) using slide-space
coordinates: children of group shapes are mapped through each group's `chOff/chExt → off/ext`
transform, and placeholders without their own position take the layout's (then master's).
Two-column slides become a `Columns` block (`pptx_parts/arrange.py`). Every drawn shape's box is
also recorded for the picture-or-reflow decision (`pptx_parts/visual_mode.py`), and pictures and
charts keep their slide-relative box so forms can crop the slide picture (issue 15).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from pptx import Presentation

from creator_studio.core.errors import SourceError
from creator_studio.core.importers.pptx_parts.arrange import Placed, arrange
from creator_studio.core.importers.pptx_parts.charts import read_chart, read_chartex
from creator_studio.core.importers.pptx_parts.images import clean_alt, image_block, media_ext, sniff_image
from creator_studio.core.importers.pptx_parts.ns import (
    R_EMBED,
    R_ID,
    R_LINK,
    URI_CHART,
    URI_CHARTEX,
    URI_DIAGRAM,
    URI_TABLE,
    local,
    q,
)
from creator_studio.core.importers.pptx_parts.smartart import read_smartart
from creator_studio.core.importers.pptx_parts.text import body_blocks, body_text
from creator_studio.core.importers.pptx_parts.timing import read_page_animation
from creator_studio.core.importers.pptx_parts.visual_mode import Box, SlideLayout, classify
from creator_studio.core.importers.safety import InspectedFile
from creator_studio.core.jobs import Job
from creator_studio.core.lesson.assets import AssetStore
from creator_studio.core.lesson.model import (
    Block,
    BulletList,
    Chart,
    Heading,
    Image,
    Lesson,
    Media,
    Page,
    Paragraph,
    SourceInfo,
    Table,
    TableCell,
)

log = logging.getLogger(__name__)

P_SP, P_GRPSP, P_GF, P_PIC, P_CXN = q("p:sp"), q("p:grpSp"), q("p:graphicFrame"), q("p:pic"), q("p:cxnSp")
P_CSLD, P_SPTREE, P_NVPR, P_PH = q("p:cSld"), q("p:spTree"), q("p:nvPr"), q("p:ph")
P_TXBODY, P_SPPR, P_GRPSPPR, P_XFRM = q("p:txBody"), q("p:spPr"), q("p:grpSpPr"), q("p:xfrm")
P_BLIPFILL, P_TRANSITION, P_AUDIO, P_SPTGT = q("p:blipFill"), q("p:transition"), q("p:audio"), q("p:spTgt")
P_CNVPR, P_CONTROL = q("p:cNvPr"), q("p:control")
MC_ALT, MC_CHOICE, MC_FALLBACK = q("mc:AlternateContent"), q("mc:Choice"), q("mc:Fallback")
A_XFRM, A_OFF, A_EXT, A_CHOFF, A_CHEXT = q("a:xfrm"), q("a:off"), q("a:ext"), q("a:chOff"), q("a:chExt")
A_GRAPHIC, A_GRAPHICDATA, A_TBL, A_TR, A_TC = q("a:graphic"), q("a:graphicData"), q("a:tbl"), q("a:tr"), q("a:tc")
A_TXBODY, A_TBLPR, A_BLIP, A_RPR = q("a:txBody"), q("a:tblPr"), q("a:blip"), q("a:rPr")
A_VIDEO, A_AUDIO, A_QT, A_WAV = q("a:videoFile"), q("a:audioFile"), q("a:quickTimeFile"), q("a:wavAudioFile")
C_CHART = q("c:chart")
A14_M = q("a14:m")
P14_MEDIA = q("p14:media")

NO_TEXT_PLACEHOLDERS = {"dt", "sldNum", "ftr", "hdr", "sldImg"}
TITLE_TYPES = {"title", "ctrTitle"}
BULLET_TYPES = {"body", "obj"}
MAX_GROUP_DEPTH = 32


@dataclass(frozen=True)
class Xform:
    """slide = (ox + sx·x, oy + sy·y): maps a group's child coordinates to slide space."""

    ox: float = 0.0
    oy: float = 0.0
    sx: float = 1.0
    sy: float = 1.0

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return self.ox + self.sx * x, self.oy + self.sy * y

    def apply_box(self, box: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
        x, y = self.apply(box[0], box[1])
        return x, y, abs(self.sx * box[2]), abs(self.sy * box[3])

    def child(self, xfrm) -> Xform:
        if xfrm is None:
            return self
        off, ext = _pair(xfrm.find(A_OFF), "x", "y"), _pair(xfrm.find(A_EXT), "cx", "cy")
        choff, chext = _pair(xfrm.find(A_CHOFF), "x", "y"), _pair(xfrm.find(A_CHEXT), "cx", "cy")
        if off is None:
            return self
        ext = ext or (0, 0)
        choff = choff or (0, 0)
        chext = chext or ext
        kx = ext[0] / chext[0] if chext[0] else 1.0
        ky = ext[1] / chext[1] if chext[1] else 1.0
        return Xform(self.ox + self.sx * (off[0] - choff[0] * kx),
                     self.oy + self.sy * (off[1] - choff[1] * ky),
                     self.sx * kx, self.sy * ky)


def _pair(el, a: str, b: str) -> tuple[int, int] | None:
    if el is None:
        return None
    try:
        return int(el.get(a, "0")), int(el.get(b, "0"))
    except ValueError:
        return None


INF = float("inf")
Rect = tuple[float, float, float, float]  # x, y, w, h in slide EMU


@dataclass
class _SlideCtx:
    number: int
    part: object  # SlidePart
    page: Page
    store: AssetStore
    layout_pos: dict
    narration_ids: set[str]
    slide_w: float = 9144000.0
    slide_h: float = 6858000.0
    items: list[Placed] = field(default_factory=list)
    order: int = 0
    links: dict[str, str | None] = field(default_factory=dict)
    layout: SlideLayout = field(default_factory=SlideLayout)
    vectors: list = field(default_factory=list)  # EMF/WMF Images to convert after the walk
    previews: list = field(default_factory=list)  # (Chart, Image): OLE chart with a vector preview

    def warn(self, msg: str) -> None:
        self.page.warnings.append(msg)

    def link(self, rid: str) -> str | None:
        if rid not in self.links:
            target = None
            try:
                rel = self.part.rels[rid]
                if rel.is_external:
                    target = rel.target_ref
            except KeyError:
                pass
            self.links[rid] = target
        return self.links[rid]

    def fraction(self, rect: Rect | None) -> list[float] | None:
        """A slide-space rectangle as [x, y, w, h] fractions of the slide (renderers crop with it)."""
        if rect is None:
            return None
        return [round(rect[0] / self.slide_w, 5), round(rect[1] / self.slide_h, 5),
                round(rect[2] / self.slide_w, 5), round(rect[3] / self.slide_h, 5)]

    def record(self, rect: Rect | None, kind: str, chars: int = 0) -> None:
        """Note a drawn shape for the picture-or-reflow classifier."""
        f = self.fraction(rect)
        if f is not None:
            self.layout.boxes.append(Box(*f, kind=kind, chars=chars))

    def add(self, rect: Rect | None, blocks: list[Block], kind: str = "text") -> None:
        self.order += 1
        if not blocks:
            return
        x, y, w, h = rect if rect is not None else (INF, INF, 0.0, 0.0)
        chars = sum(len(b.plain_text()) for b in blocks)
        self.items.append(Placed(x=x, y=y, w=w, h=h, order=self.order, blocks=blocks, kind=kind,
                                 chars=chars))


# --------------------------------------------------------------------------------------------


def import_pptx(info: InspectedFile, assets_dir, job: Job) -> Lesson:
    """Read a checked presentation (see `safety.inspect`) into a Lesson; assets go to assets_dir."""
    try:
        prs = _open(info)
        if prs.part._element.tag != q("p:presentation"):  # e.g. a slide's XML in presentation.xml (fuzzing, issue 20)
            raise ValueError(f"main part is <{prs.part._element.tag}>, not <p:presentation>")
    except SourceError:
        raise
    except Exception as exc:  # python-pptx raises KeyError/ValueError/... on broken packages
        log.info("python-pptx could not open %s: %r", info.path, exc)
        raise SourceError(
            f"“{info.path.name}”的内部结构已损坏，无法打开。请在 PowerPoint 中打开修复并另存后再导入。",
            f"{info.path.name} has a broken internal structure ({type(exc).__name__}); "
            "repair and re-save it in PowerPoint", code="CORRUPT",
            details={"reason": f"{type(exc).__name__}: {exc}"}) from None
    store = AssetStore(assets_dir, durable=False)
    width, height = _slide_size(prs.part._element)
    lesson = Lesson(source=SourceInfo(filename=info.path.name, kind="pptx", sha256=info.sha256,
                                      slide_width_emu=int(width), slide_height_emu=int(height)))
    lesson.warnings.extend(info.warnings)
    pres_part = prs.part
    lst = pres_part._element.sldIdLst
    sld_ids = list(lst.sldId_lst) if lst is not None else []
    total = len(sld_ids)
    layout_cache: dict = {}
    vectors: list = []
    previews: list = []
    sizes: dict[str, tuple[float, float, int]] = {}
    job.progress(0, max(total, 1), "读取幻灯片")
    for n, sld_id in enumerate(sld_ids, start=1):
        job.raise_if_cancelled()
        page = Page(id=f"p{n}", source_index=n)
        try:
            slide = pres_part.related_slide(sld_id.rId)
        except Exception as exc:  # noqa: BLE001 — a dangling slide reference
            log.info("slide %d unreadable: %r", n, exc)
            page.warnings.append(f"第 {n} 张幻灯片无法读取（文件内部引用损坏），已留空。")
            lesson.pages.append(page)
            continue
        try:
            _read_slide(slide, page, store, layout_cache, (float(width), float(height)), vectors,
                        previews, sizes if n == 1 else None)
        except Exception as exc:  # noqa: BLE001 — never lose the file for one slide
            log.warning("slide %d failed: %r", n, exc, exc_info=True)
            page.warnings.append(f"第 {n} 张幻灯片读取不完整（{type(exc).__name__}），部分内容可能缺失。")
        lesson.pages.append(page)
        job.progress(n, total, f"第 {n}/{total} 张幻灯片")
    if vectors:
        job.progress(total, max(total, 1), "转换矢量图（EMF/WMF）")
        from creator_studio.core.importers.vector_raster import convert_vectors

        convert_vectors(vectors, store, job)
        for chart, img in previews:
            chart.raster_asset = img.raster_asset
    lesson.title = _lesson_title(lesson, sizes)
    return lesson


def _lesson_title(lesson: Lesson, first_page_sizes: dict[str, tuple[float, float, int]]) -> str:
    """The first slide's title; else the largest text on the first slide; else any slide title.

    Never the file name (issue 15: decks without a title got it, broken mid-word, on the cover).
    """
    first = lesson.pages[0] if lesson.pages else None
    if first is not None and first.title.strip():
        return first.title.strip()
    if first_page_sizes:
        best = max(first_page_sizes.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
        if best.strip():
            return best.strip()
    for p in lesson.pages:
        if p.title.strip():
            return p.title.strip()
    for p in lesson.pages:
        text = next((line.strip() for line in p.plain_text().splitlines() if line.strip()), "")
        if text:
            return text[:40]
    return "未命名课程"


def _open(info: InspectedFile):
    """Open with python-pptx; if that fails, retry once without the malformed XML parts."""
    try:
        return Presentation(info.open_stream())
    except Exception as first:  # noqa: BLE001
        fixed = info.without_unparsable_parts()
        if fixed is None:
            raise first from None
        prs = Presentation(fixed.open_stream())
        info.warnings[:] = fixed.warnings
        return prs


def _slide_size(pres_el) -> tuple[int, int]:
    """`p:sldSz` read leniently (python-pptx's `slide_width` raises on a malformed value)."""
    size = _pair(pres_el.find(q("p:sldSz")), "cx", "cy")
    if not size or size[0] <= 0 or size[1] <= 0:
        return 9144000, 6858000  # PowerPoint's 4:3 default
    return size


def _read_slide(slide, page: Page, store: AssetStore, layout_cache: dict,
                size: tuple[float, float], vectors: list, previews: list,
                title_sizes: dict[str, tuple[float, float, int]] | None) -> None:
    el = slide._element
    part = slide.part
    page.hidden = el.get("show") in ("0", "false")
    page.duration = _advance_time(el)
    ctx = _SlideCtx(number=page.source_index or 0, part=part, page=page, store=store,
                    layout_pos=_layout_positions(slide, layout_cache),
                    narration_ids=_narration_ids(el), slide_w=size[0], slide_h=size[1])
    csld = el.find(P_CSLD)
    tree = csld.find(P_SPTREE) if csld is not None else None
    if tree is not None:
        _walk(tree, Xform(), ctx, 0)
    for _control in el.iter(P_CONTROL):  # ActiveX (video players, Flash): only LibreOffice shows them
        ctx.layout.boxes.append(Box(0.0, 0.0, 0.0, 0.0, kind="ole"))
    if title_sizes is not None:
        _collect_title_candidates(ctx, title_sizes)
    page.blocks, ctx.layout.columns_detected = arrange(ctx.items, ctx.slide_w, ctx.slide_h)
    vectors.extend(ctx.vectors)
    previews.extend(ctx.previews)
    page.narration = _notes_text(slide, page)
    read_page_animation(el, page, slide)  # issue 16: animation steps + transition (pptx_parts/timing.py)
    mode, reasons = classify(ctx.layout, page)
    page.visual_mode = page.visual_mode_auto = mode
    page.visual_reasons = reasons


def _collect_title_candidates(ctx: _SlideCtx, out: dict[str, tuple[float, float, int]]) -> None:
    """First-slide text lines with their font size (largest first), for the lesson title."""
    for it in ctx.items:
        for b in it.blocks:
            runs_list = [b.runs] if isinstance(b, Paragraph) else \
                [i.runs for i in b.items] if isinstance(b, BulletList) else []
            if isinstance(b, Heading):
                out.setdefault(b.text.strip()[:60], (30.0, -it.y, -len(out)))
            for runs in runs_list:
                text = "".join(r.text for r in runs).strip().split("\n")[0].strip()
                if not text or len(text) > 60:
                    continue
                size = max((r.size_pt or 0.0 for r in runs), default=0.0) or 18.0
                prev = out.get(text)
                cand = (size, -it.y if it.y != INF else -1e12, -len(out))
                if prev is None or cand > prev:
                    out[text] = cand


def _advance_time(sld) -> float | None:
    """`p:transition/@advTm` in ms, also inside mc:AlternateContent (p14 transitions)."""
    for tr in sld.iter(P_TRANSITION):
        v = tr.get("advTm")
        if v and v.isdigit():
            return int(v) / 1000.0
    return None


def _narration_ids(sld) -> set[str]:
    ids: set[str] = set()
    for audio in sld.iter(P_AUDIO):
        if audio.get("isNarration") in ("1", "true"):
            ids.update(t.get("spid") for t in audio.iter(P_SPTGT) if t.get("spid"))
    return ids


def _notes_text(slide, page: Page) -> str:
    if not slide.has_notes_slide:  # reading notes_slide would create one
        return ""
    try:
        notes = slide.notes_slide._element
    except Exception as exc:  # noqa: BLE001
        page.warnings.append(f"演讲者备注无法读取（{type(exc).__name__}）。")
        return ""
    texts = []
    for sp in notes.iter(P_SP):
        ph = _placeholder(sp)
        if ph is not None and ph[0] == "body":
            tx = sp.find(P_TXBODY)
            if tx is not None:
                t = body_text(tx).strip()
                if t:
                    texts.append(t)
    return "\n".join(texts)


# --- placeholders and positions -------------------------------------------------------------


def _placeholder(sp) -> tuple[str, str | None] | None:
    """(type, idx) of a placeholder shape, None for an ordinary shape. Default type is "obj"."""
    nv = sp[0] if len(sp) else None
    if nv is None:
        return None
    nvpr = nv.find(P_NVPR)
    ph = nvpr.find(P_PH) if nvpr is not None else None
    if ph is None:
        return None
    return ph.get("type") or "obj", ph.get("idx")


def _xfrm_box(shape_el) -> tuple[int, int, int, int] | None:
    """(x, y, cx, cy) of a shape's own `a:xfrm` (graphic frames: `p:xfrm`), None without one."""
    sppr = shape_el.find(P_SPPR)
    if sppr is None:
        sppr = shape_el.find(P_GRPSPPR)
    xfrm = sppr.find(A_XFRM) if sppr is not None else shape_el.find(P_XFRM)
    if xfrm is None and shape_el.tag == P_GF:
        xfrm = shape_el.find(P_XFRM)
    if xfrm is None:
        return None
    off = _pair(xfrm.find(A_OFF), "x", "y")
    if off is None:
        return None
    ext = _pair(xfrm.find(A_EXT), "cx", "cy") or (0, 0)
    return off[0], off[1], max(ext[0], 0), max(ext[1], 0)


def _layout_positions(slide, cache: dict) -> dict:
    """Placeholder offsets of the slide's layout (falling back to its master), cached per layout."""
    try:
        layout = slide.slide_layout
    except Exception:  # noqa: BLE001
        return {}
    key = layout.part.partname
    if key in cache:
        return cache[key]
    pos: dict = {}
    sources = [layout]
    try:
        sources.append(layout.slide_master)
    except Exception:  # noqa: BLE001
        pass
    for src in reversed(sources):  # master first, layout overrides
        for sp in src._element.iter(P_SP):
            ph = _placeholder(sp)
            off = _xfrm_box(sp)
            if ph is None or off is None:
                continue
            typ, idx = ph
            pos[("type", typ)] = off
            if idx is not None and src is layout:
                pos[("idx", idx)] = off
    cache[key] = pos
    return pos


def _position(el, xf: Xform, ctx: _SlideCtx) -> Rect | None:
    """The shape's rectangle in slide space (layout/master position for bare placeholders)."""
    off = _xfrm_box(el)
    if off is None and el.tag == P_SP:
        ph = _placeholder(el)
        if ph is not None:
            typ, idx = ph
            off = (ctx.layout_pos.get(("idx", idx)) if idx is not None else None) \
                or ctx.layout_pos.get(("type", typ)) \
                or ctx.layout_pos.get(("type", "title" if typ == "ctrTitle" else "body"))
    return xf.apply_box(off) if off is not None else None


def _name(el) -> str:
    nv = el[0] if len(el) else None
    c = nv.find(P_CNVPR) if nv is not None else None
    return (c.get("name") or "") if c is not None else ""


def _descr(el) -> str:
    nv = el[0] if len(el) else None
    c = nv.find(P_CNVPR) if nv is not None else None
    if c is None:
        return ""
    return (c.get("descr") or c.get("title") or "").strip()


# --- the walk -------------------------------------------------------------------------------


def _walk(container, xf: Xform, ctx: _SlideCtx, depth: int) -> None:
    for child in container:
        tag = child.tag
        if not isinstance(tag, str) or local(child) in ("nvGrpSpPr", "grpSpPr", "extLst"):
            continue
        try:
            if tag == P_CXN:
                ctx.record(_position(child, xf, ctx), "connector")
            elif tag == P_SP:
                _shape(child, xf, ctx)
            elif tag == P_GRPSP:
                if depth >= MAX_GROUP_DEPTH:
                    ctx.warn("组合形状嵌套过深，已忽略更深层的内容。")
                    continue
                ctx.layout.groups += 1
                sppr = child.find(P_GRPSPPR)
                _walk(child, xf.child(sppr.find(A_XFRM) if sppr is not None else None), ctx, depth + 1)
            elif tag == P_GF:
                _graphic_frame(child, xf, ctx)
            elif tag == P_PIC:
                _picture(child, xf, ctx)
            elif tag == MC_ALT:
                _alternate(child, xf, ctx, depth)
        except Exception as exc:  # noqa: BLE001 — one broken shape degrades that shape only
            log.info("slide %d shape %r failed: %r", ctx.number, _name(child), exc, exc_info=True)
            ctx.warn(f"形状“{_name(child) or local(child)}”无法读取，已跳过（{type(exc).__name__}）。")


def _alternate(el, xf: Xform, ctx: _SlideCtx, depth: int) -> None:
    """Use the Fallback branch (what older readers show).

    A chartex chart (waterfall, treemap, sunburst, …) in a Choice becomes a `Chart` of type
    "unsupported" with its data read from the chartex part where possible, and the Fallback's
    picture (PowerPoint's own rendering of it) as `raster_asset` — never dropped.
    """
    choices = el.findall(MC_CHOICE)
    chartex = None
    for ch in choices:
        for gf in ch.iter(P_GF):
            gd = next(gf.iter(A_GRAPHICDATA), None)
            if gd is not None and gd.get("uri") == URI_CHARTEX:
                chartex = gf
                break
    fallback = el.find(MC_FALLBACK)
    branch = fallback if fallback is not None and len(fallback) else (choices[0] if choices else None)
    math = next((ch for ch in choices if next(ch.iter(A14_M), None) is not None), None)
    if math is not None:
        # Text with equations: the Fallback is a picture of the text box with an empty body,
        # so the text would be lost. Read the Choice (the text and the equations' text); only
        # the slide picture shows the equations faithfully.
        ctx.layout.math += 1
        branch = math
    if chartex is not None:
        start, boxes = len(ctx.items), len(ctx.layout.boxes)
        if fallback is not None and len(fallback):
            _walk(fallback, xf, ctx, depth + 1)
        pictures = [b for it in ctx.items[start:] for b in it.blocks if isinstance(b, Image)]
        del ctx.items[start:]
        del ctx.layout.boxes[boxes:]  # the fallback picture *is* the chart
        _chartex_frame(chartex, xf, ctx, pictures[0] if pictures else None)
        return
    if branch is not None:
        _walk(branch, xf, ctx, depth + 1)


def _chartex_frame(gf, xf: Xform, ctx: _SlideCtx, picture: Image | None) -> None:
    rect = _position(gf, xf, ctx)
    chart = _read_chartex(gf, ctx)
    chart.bbox = ctx.fraction(rect)
    if picture is not None and picture.asset and not picture.needs_raster:
        chart.raster_asset = picture.asset
    if not chart.title:
        chart.title = _descr(gf)
    ctx.record(rect, "chart")
    ctx.add(rect, [chart], kind="chart")


def _read_chartex(gf, ctx: _SlideCtx) -> Chart:
    for el in gf.iter():
        rid = el.get(R_ID)
        if rid and local(el) == "chart":
            try:
                part = ctx.part.related_part(rid)
                from pptx.oxml import parse_xml

                return read_chartex(parse_xml(part.blob))
            except Exception as exc:  # noqa: BLE001 — data unreadable: the picture still shows it
                log.info("chartex part unreadable: %r", exc)
                break
    return Chart(chart_type="unsupported", needs_raster=True)


def _shape(sp, xf: Xform, ctx: _SlideCtx) -> None:
    ph = _placeholder(sp)
    if ph is not None and ph[0] in NO_TEXT_PLACEHOLDERS:
        return
    tx = sp.find(P_TXBODY)
    pos = _position(sp, xf, ctx)
    if tx is None:
        if ph is None:
            _decoration(sp, pos, ctx)
        return
    if ph is not None and ph[0] in TITLE_TYPES:
        title = " ".join(body_text(tx).split("\n")).strip()
        if not title:
            return
        ctx.record(pos, "title", len(title))
        if not ctx.page.title:
            ctx.page.title = title
        else:
            ctx.add(pos, [Heading(text=title, level=2)], kind="heading")
        return
    default_bullets = ph is not None and ph[0] in BULLET_TYPES
    blocks = body_blocks(tx, default_bullets=default_bullets, resolve_link=ctx.link)
    if not blocks:
        if ph is None:
            _decoration(sp, pos, ctx)
        return
    kind = "placeholder" if ph is not None else "text"
    chars = sum(len(b.plain_text()) for b in blocks)
    ctx.record(pos, kind, chars)
    ctx.add(pos, blocks, kind=kind)


def _decoration(sp, pos: Rect | None, ctx: _SlideCtx) -> None:
    """A shape without text (arrow, icon, line, panel): counts for the classifier only.

    Panels covering most of the slide are backgrounds and do not make a slide "designed".
    """
    if pos is None or pos[2] <= 0 and pos[3] <= 0:
        return
    sppr = sp.find(P_SPPR)
    geom = sppr.find(q("a:prstGeom")) if sppr is not None else None
    prst = geom.get("prst") if geom is not None else ""
    if prst in ("line", "straightConnector1", "bentConnector2", "bentConnector3",
                "curvedConnector3") or (pos[2] == 0 or pos[3] == 0):
        ctx.record(pos, "connector")
        return
    if pos[2] * pos[3] >= 0.5 * ctx.slide_w * ctx.slide_h:
        return
    ctx.record(pos, "shape")


def _graphic_frame(gf, xf: Xform, ctx: _SlideCtx) -> None:
    graphic = gf.find(A_GRAPHIC)
    gd = graphic.find(A_GRAPHICDATA) if graphic is not None else None
    if gd is None:
        return
    uri = gd.get("uri")
    pos = _position(gf, xf, ctx)
    if uri == URI_TABLE:
        tbl = gd.find(A_TBL)
        if tbl is not None:
            table = _table(tbl)
            ctx.record(pos, "table", len(table.plain_text()))
            ctx.add(pos, [table], kind="table")
    elif uri == URI_CHART:
        c = gd.find(C_CHART)
        rid = c.get(R_ID) if c is not None else None
        if not rid:
            return
        part = ctx.part.related_part(rid)
        el = getattr(part, "_element", None)
        if el is None:
            from pptx.oxml import parse_xml

            el = parse_xml(part.blob)
        chart = read_chart(el)
        if not chart.title:
            chart.title = _descr(gf)
        chart.bbox = ctx.fraction(pos)
        ctx.record(pos, "chart")
        ctx.add(pos, [chart], kind="chart")
    elif uri == URI_DIAGRAM:
        lst = read_smartart(gd, ctx.part)
        ctx.layout.smartart += 1
        ctx.record(pos, "smartart")
        if lst is not None:
            ctx.add(pos, [lst], kind="smartart")
    elif uri == URI_CHARTEX:
        _chartex_frame(gf, xf, ctx, None)
    else:
        _ole_object(gd, gf, pos, ctx)


# OLE programme ids of charts we cannot redraw (MS Graph, embedded Excel charts).
_OLE_CHART_PROGIDS = ("MSGraph.Chart", "Excel.Chart", "MSGraph", "Graph.Chart")


def _ole_object(gd, gf, pos: Rect | None, ctx: _SlideCtx) -> None:
    """OLE objects: a chart (MS Graph / Excel chart) becomes an "unsupported" `Chart` whose
    picture is the object's preview or the slide picture's region; others keep their preview."""
    prog = ""
    for el in gd.iter():
        if local(el) == "oleObj":
            prog = el.get("progId") or ""
            break
    alt = clean_alt(_descr(gf))
    rid = next((b.get(R_EMBED) for b in gd.iter(A_BLIP) if b.get(R_EMBED)), None)
    if any(prog.startswith(p) for p in _OLE_CHART_PROGIDS):
        chart = Chart(chart_type="unsupported", needs_raster=True,
                      title=_descr(gf), bbox=ctx.fraction(pos))
        if rid:
            img = _image_from_rel(rid, alt, ctx)
            if img is not None and not img.needs_raster:
                chart.raster_asset = img.asset
            elif img is not None:  # EMF/WMF preview: its PNG, once converted, is the chart
                ctx.vectors.append(img)
                ctx.previews.append((chart, img))
        ctx.record(pos, "chart")
        ctx.add(pos, [chart], kind="chart")
        return
    img = _image_from_rel(rid, alt, ctx) if rid else None
    if img is not None:
        img.bbox = ctx.fraction(pos)
        ctx.record(pos, "picture")
        ctx.add(pos, [img], kind="picture")
    else:  # an embedded object (equation, document, …) only the slide picture shows
        ctx.record(pos, "ole")


def _table(tbl) -> Table:
    rows: list[list[TableCell]] = []
    for tr in tbl.iter(A_TR):
        row: list[TableCell] = []
        for tc in tr.findall(A_TC):
            if tc.get("hMerge") in ("1", "true") or tc.get("vMerge") in ("1", "true"):
                continue  # covered by a merge origin: one cell per merge
            txb = tc.find(A_TXBODY)
            text = body_text(txb) if txb is not None else ""
            bold = txb is not None and any(r.get("b") in ("1", "true") for r in txb.iter(A_RPR))
            row.append(TableCell(text=text, row_span=_span(tc.get("rowSpan")),
                                 col_span=_span(tc.get("gridSpan")), bold=bold))
        rows.append(row)
    tblpr = tbl.find(A_TBLPR)
    first_row = tblpr is not None and tblpr.get("firstRow") in ("1", "true")
    return Table(rows=rows, header_rows=1 if first_row else 0)


def _span(v: str | None) -> int:
    return int(v) if v and v.isdigit() and int(v) > 0 else 1


# --- pictures and media ---------------------------------------------------------------------


def _image_from_rel(rid: str, alt: str, ctx: _SlideCtx) -> Image | None:
    """The picture behind a relationship, or None (left out, with a page warning) when its
    data is missing, unrecognised, corrupt or over the pixel cap. Never a placeholder."""
    label = alt or "未命名"
    try:
        part = ctx.part.related_part(rid)
        blob = part.blob
    except (KeyError, AttributeError, ValueError) as exc:
        ctx.warn(f"图片“{label}”的数据缺失，已略去（{type(exc).__name__}）。")
        return None
    img = image_block(ctx.store, blob, alt, warn=ctx.warn)
    if img is not None and img.needs_raster:
        ctx.vectors.append(img)
    return img


def _picture(pic, xf: Xform, ctx: _SlideCtx) -> None:
    pos = _position(pic, xf, ctx)
    nv = pic[0] if len(pic) else None
    nvpr = nv.find(P_NVPR) if nv is not None else None
    if nvpr is not None:
        media = _media(pic, nvpr, ctx)
        if media is not None:
            ctx.record(pos, "media")
            ctx.add(pos, [media], kind="media")
            return
    alt = clean_alt(_descr(pic))
    label = alt or _name(pic) or "未命名"
    fill = pic.find(P_BLIPFILL)
    blip = fill.find(A_BLIP) if fill is not None else None
    rid = blip.get(R_EMBED) if blip is not None else None
    if not rid:
        if blip is not None and blip.get(R_LINK):
            ctx.warn(f"图片“{label}”是外部链接，文件中没有嵌入图像，已略去。")
        else:
            ctx.warn(f"图片“{label}”没有图像数据，已略去。")
        return
    img = _image_from_rel(rid, alt, ctx)
    if img is None:
        return
    img.bbox = ctx.fraction(pos)
    ctx.record(pos, "picture")
    ctx.add(pos, [img], kind="picture")


def _media(pic, nvpr, ctx: _SlideCtx) -> Media | None:
    """Audio/video on a picture shape: `p14:media/@r:embed` or `a:videoFile|audioFile/@r:link`."""
    video = nvpr.find(A_VIDEO) if nvpr.find(A_VIDEO) is not None else nvpr.find(A_QT)
    audio = nvpr.find(A_AUDIO) if nvpr.find(A_AUDIO) is not None else nvpr.find(A_WAV)
    p14 = next(iter(nvpr.iter(P14_MEDIA)), None)
    if video is None and audio is None and p14 is None:
        return None
    kind = "video" if video is not None else "audio"
    rids = []
    if p14 is not None and p14.get(R_EMBED):
        rids.append(p14.get(R_EMBED))
    for el in (video, audio):
        if el is not None:
            rids += [r for r in (el.get(R_LINK), el.get(R_EMBED)) if r]
    label = _descr(pic) or _name(pic)
    cnvpr = pic[0].find(P_CNVPR)
    shape_id = cnvpr.get("id") if cnvpr is not None else None
    media = Media(media_type=kind, is_narration=shape_id in ctx.narration_ids)
    for rid in rids:
        try:
            rel = ctx.part.rels[rid]
        except KeyError:
            continue
        if rel.is_external:
            continue
        try:
            part = rel.target_part
            blob = part.blob
        except (KeyError, AttributeError, ValueError):
            continue
        ct = getattr(part, "content_type", "") or ""
        if ct.startswith("video/"):
            media.media_type = "video"
        elif ct.startswith("audio/"):
            media.media_type = "audio"
        media.mime = ct or None
        media.asset = ctx.store.put(blob, media_ext(ct, str(part.partname)))
        break
    if media.asset is None:
        what = "视频" if kind == "video" else "音频"
        ctx.warn(f"{what}“{label}”是外部链接或已丢失，文件中没有嵌入数据。")
    fill = pic.find(P_BLIPFILL)
    blip = fill.find(A_BLIP) if fill is not None else None
    if blip is not None and blip.get(R_EMBED):
        try:
            blob = ctx.part.related_part(blip.get(R_EMBED)).blob
            if sniff_image(blob):
                poster = image_block(ctx.store, blob)
                media.poster_asset = poster.asset if poster is not None else None
        except (KeyError, AttributeError, ValueError):
            pass
    return media
