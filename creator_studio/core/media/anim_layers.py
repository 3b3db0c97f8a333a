"""Each animated shape as its own picture layer, drawn by LibreOffice.

Animating a slide needs the slide *without* its animated shapes (the background our pipeline
composites over) and each animated shape *alone* on a transparent page (its layer). Both come
from one LibreOffice run over a derived deck whose slides are edited copies of the animated
slides:

- ``full``: the slide as it is, timing removed (the end state and the reference picture);
- ``bg``: every animated shape removed (paragraph targets: those paragraphs made transparent);
- one ``layer`` per target: only that shape (and the groups around it) kept, slide background
  set to no fill and master/layout shapes hidden (`showMasterSp="0"`). For a by-paragraph
  target the other paragraphs are made transparent (so the wrap and position stay exact) and
  the shape's own fill and outline are removed (they stay in the background).

pypdfium2 renders the layer pages onto a transparent bitmap, so the layer keeps LibreOffice's own
anti-aliasing as alpha. Every picture uses the same scale and letterbox offset as
`raster._pdf_pictures`, so layers land exactly where the shape is on the full slide.
"""

from __future__ import annotations

import logging
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from lxml import etree

from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m

log = logging.getLogger(__name__)

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
SLIDE_CT = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
SLIDE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
SHAPE_TAGS = {f"{{{NS_P}}}{t}" for t in ("sp", "grpSp", "graphicFrame", "pic", "cxnSp", "contentPart")}
MC_ALT = f"{{{NS_MC}}}AlternateContent"


def _p(tag: str) -> str:
    return f"{{{NS_P}}}{tag}"


def _a(tag: str) -> str:
    return f"{{{NS_A}}}{tag}"


@dataclass
class Layer:
    """A shape's pixels: RGBA (float32, 0–1, premultiplied) placed at (x, y) in the frame."""

    key: str
    x: int
    y: int
    rgba: np.ndarray

    @property
    def size(self) -> tuple[int, int]:
        return self.rgba.shape[1], self.rgba.shape[0]

    @property
    def empty(self) -> bool:
        return self.rgba.shape[0] == 0 or self.rgba.shape[1] == 0


@dataclass
class SlideLayers:
    full: np.ndarray | None            # H×W×3 uint8: the slide as it is (only with `with_full`)
    background: np.ndarray             # H×W×3 uint8: without the animated targets
    layers: dict[str, Layer] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # z-order (document order) of the targets


@dataclass(frozen=True)
class Target:
    """A layer to draw: a shape id, optionally a paragraph range of it."""

    shape_id: str
    paragraphs: tuple[int, int] | None = None

    @property
    def key(self) -> str:
        if self.paragraphs:
            return f"{self.shape_id}:p{self.paragraphs[0]}-{self.paragraphs[1]}"
        return self.shape_id


def targets_of(page: m.Page) -> list[Target]:
    """Distinct layer targets of a page's drawable effects, first appearance first."""
    seen: dict[str, Target] = {}
    for step in page.steps:
        for e in step.effects:
            if not e.shape_id or e.render_as == "none":
                continue
            t = Target(e.shape_id, tuple(e.paragraph_range) if e.paragraph_range else None)
            seen.setdefault(t.key, t)
    return list(seen.values())


# ------------------------------------------------------------------------------------------
# Slide XML edits


def _shape_id(el) -> str | None:
    for c in el.iter(_p("cNvPr")):
        return c.get("id")
    return None


def _own_id(el) -> str | None:
    """The id of this shape element itself (its first nv*Pr/cNvPr), not a descendant's."""
    if not len(el):
        return None
    nv = el[0]
    c = nv.find(_p("cNvPr"))
    return c.get("id") if c is not None else None


def _find_shape(tree, sid: str):
    for c in tree.iter(_p("cNvPr")):
        if c.get("id") == sid:
            nv = c.getparent()
            return nv.getparent() if nv is not None else None
    return None


def _strip_timing(root) -> None:
    for el in list(root):
        if el.tag in (_p("timing"), _p("transition")):
            root.remove(el)
        elif el.tag == MC_ALT and any(x.tag == _p("transition") for x in el.iter()):
            root.remove(el)


def _transparent_paragraph(p_el) -> None:
    """Text of this paragraph (and its bullet) drawn fully transparent: layout unchanged."""
    for tag in ("r", "fld"):
        for r in p_el.findall(_a(tag)):
            rpr = r.find(_a("rPr"))
            if rpr is None:
                rpr = etree.SubElement(r, _a("rPr"))
                r.remove(rpr)
                r.insert(0, rpr)
            _set_fill_alpha0(rpr)
    end = p_el.find(_a("endParaRPr"))
    if end is not None:
        _set_fill_alpha0(end)
    ppr = p_el.find(_a("pPr"))
    if ppr is None:
        ppr = etree.Element(_a("pPr"))
        p_el.insert(0, ppr)
    # the bullet's place stays and its glyph goes: a space in the bullet's own font and size, so
    # the line keeps its height (an autofit box shrinks its text by the whole layout: dropping the
    # bullets re-wrapped the visible paragraphs — corpus L7 slide 25). A paragraph without a
    # bullet of its own (nor an inherited one we can see) keeps buNone.
    marks = [c for c in ppr if c.tag in (_a("buChar"), _a("buAutoNum"), _a("buBlip"), _a("buNone"))]
    if any(c.tag == _a("buNone") for c in marks):
        return
    for c in marks:
        ppr.remove(c)
    order = ("lnSpc", "spcBef", "spcAft", "buClrTx", "buClr", "buSzTx", "buSzPct", "buSzPts", "buFontTx", "buFont")
    pos = sum(1 for c in ppr if etree.QName(c).localname in order)
    ppr.insert(pos, etree.Element(_a("buChar"), char="\u00a0"))


_FILL_TAGS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")


def _set_fill_alpha0(rpr) -> None:
    for old in list(rpr):
        if etree.QName(old).localname in _FILL_TAGS:
            rpr.remove(old)
    fill = etree.Element(_a("solidFill"))
    clr = etree.SubElement(fill, _a("srgbClr"), val="FFFFFF")
    etree.SubElement(clr, _a("alpha"), val="0")
    idx = 1 if len(rpr) and rpr[0].tag == _a("ln") else 0
    rpr.insert(idx, fill)


def _paragraphs(shape) -> list:
    tx = shape.find(_p("txBody"))
    return tx.findall(_a("p")) if tx is not None else []


def _strip_shape_box(shape) -> None:
    """No fill and no outline: only the shape's text remains (a paragraph layer)."""
    sppr = shape.find(_p("spPr"))
    if sppr is None:
        return
    for old in list(sppr):
        if etree.QName(old).localname in _FILL_TAGS or old.tag in (_a("ln"), _a("effectLst")):
            sppr.remove(old)
    # spPr order: xfrm, geometry, fill, ln, effect…
    pos = sum(1 for c in sppr if etree.QName(c).localname in ("xfrm", "custGeom", "prstGeom"))
    sppr.insert(pos, etree.Element(_a("noFill")))
    ln = etree.Element(_a("ln"))
    etree.SubElement(ln, _a("noFill"))
    sppr.insert(pos + 1, ln)
    sppr.insert(pos + 2, etree.Element(_a("effectLst")))


def background_variant(root, targets: list[Target]) -> None:
    tree = root.find(f"{_p('cSld')}/{_p('spTree')}")
    if tree is None:
        return
    for t in targets:
        shape = _find_shape(tree, t.shape_id)
        if shape is None:
            continue
        if t.paragraphs is None:
            parent = shape.getparent()
            # a shape wrapped in mc:Choice/Fallback goes with its AlternateContent
            while parent is not None and parent.tag != _p("spTree") and parent.tag not in SHAPE_TAGS:
                shape, parent = parent, parent.getparent()
            if parent is not None:
                parent.remove(shape)
        else:
            paras = _paragraphs(shape)
            for i in range(t.paragraphs[0], min(t.paragraphs[1] + 1, len(paras))):
                _transparent_paragraph(paras[i])


def layer_variant(root, target: Target, backdrop: str = "FFFFFF", part: str | None = None) -> bool:
    """Keep only the target (and its enclosing groups) on a plain backdrop (removed again from
    the PDF page, `_strip_backdrop`). False if absent.

    `part="box"` keeps the shape without its text, `part="text"` its text without the shape
    (morph moves the two separately: the box resizes, the text keeps its size)."""
    tree = root.find(f"{_p('cSld')}/{_p('spTree')}")
    if tree is None:
        return False
    shape = _find_shape(tree, target.shape_id)
    if shape is None:
        return False
    keep = set()
    node = shape
    while node is not None and node is not tree:
        keep.add(node)
        node = node.getparent()
    for el in list(tree.iter()):
        if el in keep or el is tree:
            continue
        parent = el.getparent()
        # siblings along the path to the target go; the target's own children (a group's
        # shapes) stay — an earlier version emptied group targets this way
        if (parent in keep and parent is not shape) or parent is tree:
            if el.tag in SHAPE_TAGS or el.tag == MC_ALT:
                # drop siblings; keep the group's own properties (nvGrpSpPr, grpSpPr)
                if parent is not None and el.getparent() is parent:
                    parent.remove(el)
    if target.paragraphs is not None:
        paras = _paragraphs(shape)
        for i, p_el in enumerate(paras):
            if not (target.paragraphs[0] <= i <= target.paragraphs[1]):
                _transparent_paragraph(p_el)
        _strip_shape_box(shape)
    if part == "box":
        for p_el in _paragraphs(shape):
            _transparent_paragraph(p_el)
    elif part == "text":
        _strip_shape_box(shape)
    csld = root.find(_p("cSld"))
    bg = csld.find(_p("bg"))
    if bg is not None:
        csld.remove(bg)
    bg = etree.Element(_p("bg"))
    bgpr = etree.SubElement(bg, _p("bgPr"))
    fill = etree.SubElement(bgpr, _a("solidFill"))
    etree.SubElement(fill, _a("srgbClr"), val=backdrop)
    etree.SubElement(bgpr, _a("effectLst"))
    csld.insert(0, bg)
    root.set("showMasterSp", "0")
    return True


def z_order(root, targets: list[Target]) -> list[str]:
    """Target keys in document (drawing) order."""
    tree = root.find(f"{_p('cSld')}/{_p('spTree')}")
    order: dict[str, int] = {}
    if tree is not None:
        for i, c in enumerate(tree.iter(_p("cNvPr"))):
            order.setdefault(c.get("id"), i)
    return [t.key for t in sorted(targets, key=lambda t: (order.get(t.shape_id, 1 << 30),
                                                          t.paragraphs or (0, 0)))]


# ------------------------------------------------------------------------------------------
# The derived deck


@dataclass
class _Variant:
    slide_index: int  # 0-based, in presentation order
    kind: str         # full | bg | layer (the target alone on a white backdrop, removed in the PDF)
    target: Target | None = None
    hide: list[Target] | None = None  # bg only: these instead of all the slide's targets
    part: str | None = None  # layers: None = the whole shape, "box" = without its text, "text" = text only


def _slide_parts(z: zipfile.ZipFile) -> list[str]:
    pres = etree.fromstring(z.read("ppt/presentation.xml"))
    rels = etree.fromstring(z.read("ppt/_rels/presentation.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out = []
    for s in pres.iter(_p("sldId")):
        t = targets.get(s.get(f"{{{NS_R}}}id"), "")
        out.append(("ppt/" + t).replace("ppt//ppt/", "ppt/") if not t.startswith("/") else t.lstrip("/"))
    return out


def build_variant_deck(src: Path, dst: Path, variants: list[_Variant],
                       targets: dict[int, list[Target]]) -> list[_Variant]:
    """Write a deck whose slides are exactly `variants` (edited copies). Returns the variants kept."""
    with zipfile.ZipFile(src) as z:
        parts = _slide_parts(z)
        names = set(z.namelist())
        xml_cache: dict[int, bytes] = {}
        kept: list[_Variant] = []
        new_parts: dict[str, bytes] = {}
        for k, v in enumerate(variants):
            part = parts[v.slide_index]
            if v.slide_index not in xml_cache:
                xml_cache[v.slide_index] = z.read(part)
            root = etree.fromstring(xml_cache[v.slide_index])
            _strip_timing(root)
            root.attrib.pop("show", None)
            if v.kind == "bg":
                background_variant(root, v.hide if v.hide is not None else targets[v.slide_index])
            elif v.kind == "layer":
                if not layer_variant(root, v.target, part=v.part):
                    continue
            name = f"ppt/slides/animvar{len(kept) + 1}.xml"
            new_parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            rels_src = part.rsplit("/", 1)[0] + "/_rels/" + part.rsplit("/", 1)[1] + ".rels"
            if rels_src in names:
                rels = etree.fromstring(z.read(rels_src))
                for r in list(rels):
                    if (r.get("Type") or "").endswith("/notesSlide"):
                        rels.remove(r)  # a notes page belongs to one slide only
                new_parts[f"ppt/slides/_rels/animvar{len(kept) + 1}.xml.rels"] = etree.tostring(
                    rels, xml_declaration=True, encoding="UTF-8", standalone=True)
            kept.append(v)
        # presentation.xml: the variants are the only slides
        pres = etree.fromstring(z.read("ppt/presentation.xml"))
        prels = etree.fromstring(z.read("ppt/_rels/presentation.xml.rels"))
        for r in list(prels):
            if r.get("Type") == SLIDE_REL:
                prels.remove(r)
        lst = pres.find(_p("sldIdLst"))
        if lst is None:
            lst = etree.SubElement(pres, _p("sldIdLst"))
        for c in list(lst):
            lst.remove(c)
        for i in range(len(kept)):
            rid = f"rIdAnimVar{i + 1}"
            etree.SubElement(prels, f"{{{NS_REL}}}Relationship", Id=rid, Type=SLIDE_REL,
                             Target=f"slides/animvar{i + 1}.xml")
            etree.SubElement(lst, _p("sldId"), id=str(256 + i), **{f"{{{NS_R}}}id": rid})
        # custom shows and sections would point at removed slides
        for tag in ("custShowLst",):
            el = pres.find(_p(tag))
            if el is not None:
                pres.remove(el)
        ct = etree.fromstring(z.read("[Content_Types].xml"))
        for i in range(len(kept)):
            etree.SubElement(ct, f"{{{NS_CT}}}Override", PartName=f"/ppt/slides/animvar{i + 1}.xml",
                             ContentType=SLIDE_CT)
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
            for info in z.infolist():
                if info.filename in ("ppt/presentation.xml", "ppt/_rels/presentation.xml.rels",
                                     "[Content_Types].xml"):
                    continue
                if info.filename.startswith("ppt/slides/") or info.filename.startswith("ppt/notesSlides/"):
                    continue  # original slides and their notes are not part of the derived deck
                out.writestr(info, z.read(info.filename))
            out.writestr("ppt/presentation.xml", etree.tostring(pres, xml_declaration=True,
                                                                encoding="UTF-8", standalone=True))
            out.writestr("ppt/_rels/presentation.xml.rels", etree.tostring(
                prels, xml_declaration=True, encoding="UTF-8", standalone=True))
            out.writestr("[Content_Types].xml", etree.tostring(ct, xml_declaration=True,
                                                               encoding="UTF-8", standalone=True))
            for name, data in new_parts.items():
                out.writestr(name, data)
    return kept


def _drop_dangling_overrides(deck: Path) -> None:
    """Content-type overrides for parts we left out would make LibreOffice look for them."""
    tmp = deck.with_suffix(".tmp.pptx")
    with zipfile.ZipFile(deck) as z, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        names = {"/" + n for n in z.namelist()}
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "[Content_Types].xml":
                ct = etree.fromstring(data)
                for o in list(ct):
                    if o.get("PartName") and o.get("PartName") not in names:
                        ct.remove(o)
                data = etree.tostring(ct, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.writestr(info, data)
    tmp.replace(deck)


# ------------------------------------------------------------------------------------------
# Rendering


def _render_pages(pdf: Path, kept: list[_Variant], size: tuple[int, int], job: Job | None):
    """Yield (variant, RGB array, frame offset); layer pages come as (white, yellow) pairs cropped
    to the shape's bounding box (found on 1/8-scale renders of both pages)."""
    import pypdfium2 as pdfium

    from creator_studio.core.media.pdfium_lock import PDFIUM

    W, H = size
    with PDFIUM:
        doc = pdfium.PdfDocument(str(pdf))
        n_pages = len(doc)
    try:
        if n_pages != len(kept):
            raise RuntimeError(f"PDF has {n_pages} pages for {len(kept)} slides")
        k = 0
        while k < len(kept):
            if job is not None:
                job.raise_if_cancelled()
            v = kept[k]
            with PDFIUM:  # one page's PDFium work at a time, never held across the yield
                page = doc[k]
                w_pt, h_pt = page.get_size()
                scale = min(W / w_pt, H / h_pt)
                off = ((W - int(round(w_pt * scale))) // 2, (H - int(round(h_pt * scale))) // 2)
                if v.kind == "layer":
                    out = _cut_out(page, scale, w_pt, h_pt)
                    step = 1
                else:
                    bitmap = page.render(scale=scale, fill_color=(255, 255, 255, 255), rev_byteorder=True)
                    out = bitmap.to_numpy()[:, :, :3].copy()  # our own pixels, before the bitmap is freed
                    bitmap.close()
                    step = 1
                page.close()
            yield v, out, off
            k += step
    finally:
        with PDFIUM:
            doc.close()


def _strip_backdrop(page, w_pt: float, h_pt: float) -> int:
    """Remove the white backdrop LibreOffice paints under a layer page; returns how many objects.

    LibreOffice draws a page's background as leading full-page paths (two on every corpus layer
    page: page and slide background), even when the slide has no fill. They are white because
    the layer variant sets a white background — which also makes LibreOffice choose dark
    "automatic" text colours, as on the real slide. Only leading, full-page, opaque white paths
    go: a full-slide target shape comes after them.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    removed = 0
    for obj in list(page.get_objects()):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            break
        left, bottom, right, top = obj.get_bounds()
        if left > 1 or bottom > 1 or right < w_pt - 1 or top < h_pt - 1:
            break
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if not pdfium_c.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a) \
                or (r.value, g.value, b.value, a.value) != (255, 255, 255, 255):
            break
        page.remove_obj(obj)
        obj.close()
        removed += 1
    # no gen_content(): PDFium renders from the page's object list, so the removal shows at once;
    # regenerating the content stream only matters for saving and cost ~5 ms a page (checked:
    # the 80 layer pages of the benchmark deck render identically with and without it)
    return removed


def _cut_out(page, scale: float, w_pt: float, h_pt: float):
    """(x0, y0, RGBA float premultiplied): the shape alone, its backdrop removed, drawn by PDFium
    onto a transparent bitmap, so LibreOffice's own anti-aliasing becomes the alpha.

    One page per layer. Until issue 16's speed work each layer was drawn twice by LibreOffice, on
    white and on yellow, and alpha was solved from the difference; this gives the same layers
    (mean difference ≤ 0.22/255 over the 398 layers of the animated corpus decks) from 40 % fewer
    LibreOffice pages. A page whose backdrop is not found keeps a hard-edged matte (anything not
    white is opaque) and is logged.
    """
    if _strip_backdrop(page, w_pt, h_pt) == 0:
        log.warning("layer page without the expected backdrop: hard matte")
        arr = page.render(scale=scale, fill_color=(255, 255, 255, 255), rev_byteorder=True).to_numpy()
        rgba = np.zeros(arr.shape[:2] + (4,), np.float32)
        drawn = arr[:, :, :3].min(axis=2) < 255
        rgba[drawn, :3] = arr[drawn, :3] / 255.0
        rgba[drawn, 3] = 1.0
        return _trimmed(0, 0, rgba)
    small = 0.125 * scale
    probe = page.render(scale=small, fill_color=(0, 0, 0, 0), rev_byteorder=True).to_numpy()
    ys, xs = np.nonzero(probe[:, :, 3] > 0)
    if len(ys) == 0:
        return 0, 0, np.zeros((0, 0, 4), np.float32)
    # bounding box snapped to whole output pixels (so the layer lands on the full render's grid),
    # one small pixel of margin; then in points for pdfium's crop (PDF origin bottom-left)
    full_w, full_h = int(round(w_pt * scale)), int(round(h_pt * scale))
    px0 = max(0, int((xs.min() - 1) / 0.125))
    px1 = min(full_w, int((xs.max() + 2) / 0.125))
    py0 = max(0, int((ys.min() - 1) / 0.125))
    py1 = min(full_h, int((ys.max() + 2) / 0.125))
    # pypdfium2 turns crop margins into pixels with ceil(): px0/scale*scale can land a hair above
    # px0 and shift the layer by a pixel (seen at 640×360 on the corpus) — aim a quarter pixel low
    x0, x1, y0, y1 = (px0 - 0.25) / scale, (px1 + 0.25) / scale, (py0 - 0.25) / scale, (py1 + 0.25) / scale
    crop = (max(0.0, x0), max(0.0, h_pt - y1), max(0.0, w_pt - x1), max(0.0, y0))  # left, bottom, right, top
    cut = page.render(scale=scale, crop=crop, fill_color=(0, 0, 0, 0), rev_byteorder=True).to_numpy()
    rgba = cut.astype(np.float32) / 255.0  # straight alpha from PDFium → premultiplied below
    rgba[:, :, :3] *= rgba[:, :, 3:4]
    return px0, py0, rgba


def _trimmed(x0: int, y0: int, rgba: np.ndarray):
    ys, xs = np.nonzero(rgba[:, :, 3] > 0)
    if len(ys) == 0:
        return 0, 0, np.zeros((0, 0, 4), np.float32)
    return x0 + int(xs.min()), y0 + int(ys.min()), np.ascontiguousarray(
        rgba[ys.min():ys.max() + 1, xs.min():xs.max() + 1])


def _frame(arr: np.ndarray, off: tuple[int, int], size: tuple[int, int]) -> np.ndarray:
    W, H = size
    out = np.full((H, W, 3), 255, np.uint8)
    h, w = min(arr.shape[0], H - off[1]), min(arr.shape[1], W - off[0])
    out[off[1]:off[1] + h, off[0]:off[0] + w] = arr[:h, :w, :3]
    return out


def _layer(key: str, matted, off: tuple[int, int]) -> Layer:
    x0, y0, rgba = matted
    if rgba.size:
        ys, xs = np.nonzero(rgba[:, :, 3] > 0.004)
        if len(ys) == 0:
            rgba = np.zeros((0, 0, 4), np.float32)
        else:
            a, b, c, d = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
            rgba = np.ascontiguousarray(rgba[a:b, c:d])
            x0, y0 = x0 + int(c), y0 + int(a)
    return Layer(key, int(off[0] + x0), int(off[1] + y0), rgba)


def render_slide_layers(deck: Path, pages: list[tuple[m.Page, int]], size: tuple[int, int],
                        work: Path, job: Job | None = None, with_full: bool = False) -> dict[int, SlideLayers]:
    """LibreOffice layers for each (page, 0-based slide index); keyed by slide index.

    Raises RuntimeError (with the reason) when LibreOffice cannot give one page per variant;
    callers then show those slides at their end state.
    """
    from creator_studio.core.media import raster

    variants: list[_Variant] = []
    targets: dict[int, list[Target]] = {}
    for page, idx in pages:
        ts = targets_of(page)
        if not ts:
            continue
        targets[idx] = ts
        if with_full:  # the untouched slide, for checks; the video uses the raster picture
            variants.append(_Variant(idx, "full"))
        variants.append(_Variant(idx, "bg"))
        for t in ts:  # one page per layer: its backdrop is removed in the PDF (see _cut_out)
            variants.append(_Variant(idx, "layer", t))
    if not variants:
        return {}
    work.mkdir(parents=True, exist_ok=True)
    out: dict[int, SlideLayers] = {}
    orders: dict[int, list[str]] = {}
    with zipfile.ZipFile(deck) as z:
        parts = _slide_parts(z)
        for idx, ts in targets.items():
            orders[idx] = z_order(etree.fromstring(z.read(parts[idx])), ts)
    for v, arr, off in _converted(deck, variants, targets, size, work, job):
        sl = out.get(v.slide_index)
        if v.kind == "full":
            out[v.slide_index] = SlideLayers(full=_frame(arr, off, size), background=None,
                                             order=orders[v.slide_index])
        elif v.kind == "bg":
            if sl is None:
                sl = out[v.slide_index] = SlideLayers(full=None, background=None, order=orders[v.slide_index])
            sl.background = _frame(arr, off, size)
        else:
            sl.layers[v.target.key] = _layer(v.target.key, arr, off)
    for sl in out.values():  # a target LibreOffice dropped still needs an (empty) layer
        for key in sl.order:
            sl.layers.setdefault(key, Layer(key, 0, 0, np.zeros((0, 0, 4), np.float32)))
    return out


def _converted(deck: Path, variants: list[_Variant], targets: dict, size: tuple[int, int], work: Path,
               job: Job | None):
    """(variant, picture, offset) for every variant LibreOffice drew, from one run.

    Two runs side by side (each half of the slides) were tried: alone 2.8 vs 3.5 s and 5.7 vs
    5.8 s for the benchmark's 140 pages, but inside the video render — beside the slide pictures'
    run on two cores — no faster (12.7 s vs 11.0 s), so one run it is."""
    from creator_studio.core.media import raster

    derived = work / "anim-variants.pptx"
    kept = build_variant_deck(deck, derived, variants, targets)
    _drop_dangling_overrides(derived)
    (work / "lo").mkdir(exist_ok=True)
    pdf = raster.convert_to_pdf(derived, work / "lo", job=job)
    yield from _render_pages(pdf, kept, size, job)


def cleanup(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)



def render_states(deck: Path, slide_index: int, hidden: list[list[Target]], size: tuple[int, int],
                  work: Path, job: Job | None = None) -> list[np.ndarray]:
    """LibreOffice pictures of one slide with the given targets removed (one per list) — what the
    slide looks like after each step, to check our composites against."""
    return render_slide_states(deck, [(slide_index, h) for h in hidden], size, work, job)


def render_slide_states(deck: Path, states: list[tuple[int, list[Target]]], size: tuple[int, int],
                        work: Path, job: Job | None = None) -> list[np.ndarray]:
    """One LibreOffice run: for each (slide index, targets to remove) the slide's picture."""
    from creator_studio.core.media import raster

    work.mkdir(parents=True, exist_ok=True)
    variants = [_Variant(idx, "bg", hide=h) for idx, h in states]
    derived = work / "states.pptx"
    kept = build_variant_deck(deck, derived, variants, {})
    _drop_dangling_overrides(derived)
    (work / "lo").mkdir(exist_ok=True)
    pdf = raster.convert_to_pdf(derived, work / "lo", job=job)
    return [_frame(arr, off, size) for _v, arr, off in _render_pages(pdf, kept, size, job)]


# ------------------------------------------------------------------------------------------
# Morph: shapes with the same name on two slides


@dataclass
class MorphLayers:
    """Two slides split into (background without the matched shapes, matched shape layers)."""

    names: list[str]
    bg_a: np.ndarray
    bg_b: np.ndarray
    a: dict[str, Layer] = field(default_factory=dict)
    b: dict[str, Layer] = field(default_factory=dict)
    # shapes with text on both slides: `a`/`b` hold the box without its text, these the text
    text_a: dict[str, Layer] = field(default_factory=dict)
    text_b: dict[str, Layer] = field(default_factory=dict)
    # matched shapes whose outline (preset geometry) or text differs: those crossfade, PowerPoint
    # would morph them
    differ: list[str] = field(default_factory=list)
    # named the same but different things (not "!!"-named): left in the crossfading backgrounds
    unmatched: list[str] = field(default_factory=list)


def named_shapes(sld_root) -> dict[str, str]:
    """Top-level shape name → id, for names that occur once (PowerPoint morph matches by name)."""
    tree = sld_root.find(f"{_p('cSld')}/{_p('spTree')}")
    seen: dict[str, list[str]] = {}
    if tree is None:
        return {}
    for el in tree:
        if el.tag not in SHAPE_TAGS:
            continue
        sid, name = _own_id(el), None
        c = el[0].find(_p("cNvPr")) if len(el) else None
        if c is not None:
            name = (c.get("name") or "").strip()
        if sid and name:
            seen.setdefault(name, []).append(sid)
    return {n: ids[0] for n, ids in seen.items() if len(ids) == 1}


def morph_matches(deck: Path, a: int, b: int) -> list[tuple[str, str, str]]:
    """(name, id on slide a, id on slide b) for shapes named the same on both slides."""
    with zipfile.ZipFile(deck) as z:
        parts = _slide_parts(z)
        na = named_shapes(etree.fromstring(z.read(parts[a])))
        nb = named_shapes(etree.fromstring(z.read(parts[b])))
    return [(n, na[n], nb[n]) for n in na if n in nb]


def _has_text(sld_root, sid: str) -> bool:
    """A plain shape (p:sp) with visible text: morph moves its box and its text separately."""
    tree = sld_root.find(f"{_p('cSld')}/{_p('spTree')}")
    shape = _find_shape(tree, sid) if tree is not None else None
    if shape is None or shape.tag != _p("sp"):
        return False
    return any((t.text or "").strip() for t in shape.iter(_a("t")))


def _look(sld_root, sid: str) -> tuple[str, str]:
    """(outline, text) of a shape: preset geometry name (or "custom") and its whole text."""
    tree = sld_root.find(f"{_p('cSld')}/{_p('spTree')}")
    shape = _find_shape(tree, sid) if tree is not None else None
    if shape is None:
        return "", ""
    geom = next((g.get("prst") or "" for g in shape.iter(_a("prstGeom"))), None)
    if geom is None:
        geom = "custom" if next(shape.iter(_a("custGeom")), None) is not None else etree.QName(shape).localname
    text = "".join((t.text or "") for t in shape.iter(_a("t")))
    return geom, "".join(text.split())


def render_morph(deck: Path, pairs: list[tuple[int, int]], size: tuple[int, int], work: Path,
                 job: Job | None = None) -> dict[tuple[int, int], MorphLayers]:
    """One LibreOffice run for every morph pair that has shapes to match."""
    from creator_studio.core.media import raster

    variants: list[_Variant] = []
    plan: dict[tuple[int, int], tuple[list, _Variant, _Variant, dict]] = {}
    with zipfile.ZipFile(deck) as z:
        parts = _slide_parts(z)
        roots = {i: etree.fromstring(z.read(parts[i])) for pair in pairs for i in pair}
    skipped: dict[tuple[int, int], list[str]] = {}
    for a, b in pairs:
        matches = []
        for n, ia, ib in morph_matches(deck, a, b):
            (ga, ta), (gb, tb) = _look(roots[a], ia), _look(roots[b], ib)
            text_shape = _has_text(roots[a], ia) and _has_text(roots[b], ib)
            # a default name ("Group 2") on two unrelated shapes is no match: PowerPoint pairs
            # shapes that are the same thing (or named "!!…" on purpose). A text shape with the
            # same outline is matched even when its text changes: the box moves, the text fades.
            if n.startswith("!!") or (ga == gb and (ta == tb or text_shape)):
                matches.append((n, ia, ib))
            else:
                skipped.setdefault((a, b), []).append(n)
        if not matches:
            continue
        split = [(n, ia, ib, _has_text(roots[a], ia) and _has_text(roots[b], ib)) for n, ia, ib in matches]
        bga = _Variant(a, "bg", hide=[Target(ia) for _n, ia, _ib in matches])
        bgb = _Variant(b, "bg", hide=[Target(ib) for _n, _ia, ib in matches])
        variants += [bga, bgb]
        mine: dict = {}  # (name, side, part) → its layer variant
        for n, ia, ib, text in split:
            for part in (("box", "text") if text else (None,)):
                for side, idx, sid in (("a", a, ia), ("b", b, ib)):
                    w = _Variant(idx, "layer", Target(sid), part=part)
                    variants.append(w)
                    mine[(n, side, part)] = w
        plan[(a, b)] = (split, bga, bgb, mine)
    if not variants:
        return {}
    work.mkdir(parents=True, exist_ok=True)
    derived = work / "morph.pptx"
    kept = build_variant_deck(deck, derived, variants, {})
    _drop_dangling_overrides(derived)
    (work / "lo").mkdir(exist_ok=True)
    pdf = raster.convert_to_pdf(derived, work / "lo", job=job)
    rendered = {id(v): (arr, off) for v, arr, off in _render_pages(pdf, kept, size, job)}
    empty = Layer("", 0, 0, np.zeros((0, 0, 4), np.float32))
    out: dict[tuple[int, int], MorphLayers] = {}
    for (a, b), (split, bga, bgb, mine) in plan.items():
        ra, rb = rendered.get(id(bga)), rendered.get(id(bgb))
        if ra is None or rb is None:
            continue
        ml = MorphLayers([n for n, *_ in split], _frame(ra[0], ra[1], size), _frame(rb[0], rb[1], size))
        ml.differ = [n for n, ia, ib, _t in split if _look(roots[a], ia) != _look(roots[b], ib)]
        ml.unmatched = list(skipped.get((a, b), []))

        def layer(n: str, side: str, part: str | None) -> Layer:
            got = rendered.get(id(mine[(n, side, part)]))
            return _layer(n, got[0], got[1]) if got is not None else empty

        for n, _ia, _ib, text in split:
            if text:
                ml.a[n], ml.b[n] = layer(n, "a", "box"), layer(n, "b", "box")
                ml.text_a[n], ml.text_b[n] = layer(n, "a", "text"), layer(n, "b", "text")
            else:
                ml.a[n], ml.b[n] = layer(n, "a", None), layer(n, "b", None)
        out[(a, b)] = ml
    return out
