"""Walk `w:body` with lxml into a flat stream of entries (headings, blocks, list items, notes).

python-docx's `paragraphs` misses content controls, tracked insertions, smart tags and text boxes
(FIELD-NOTES §2), so we walk the XML ourselves and descend into every wrapper that carries live
content (`w:sdt/w:sdtContent`, `w:ins`, `w:smartTag`, `w:customXml`, `w:hyperlink`, `w:fldSimple`)
while skipping the ones that carry dead content (`w:del`, `w:moveFrom`). Text boxes exist twice
(DrawingML in `mc:Choice`, VML in `mc:Fallback`): we take exactly one branch of every
`mc:AlternateContent`, so each box is read once.

Every body element is handled inside its own try/except: a broken paragraph becomes a warning
entry, the rest of the document still imports.
"""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass, field

from creator_studio.core.importers.docx.numbering import Numbering
from creator_studio.core.importers.docx.package import Package, q
from creator_studio.core.importers.docx.styles import Styles
from creator_studio.core.importers.pptx_parts.images import clean_alt, image_block
from creator_studio.core.lesson.assets import AssetStore
from creator_studio.core.lesson.model import (
    BulletList,
    Chart,
    Heading,
    Image,
    ListItem,
    Note,
    Paragraph,
    Run,
    Table,
    TableCell,
)

log = logging.getLogger(__name__)

EMU_PER_PX = 9525
MAX_DEPTH = 12  # text boxes in tables in text boxes...: a hostile file cannot recurse forever

# --------------------------------------------------------------------------------------------
# Entries


@dataclass
class Entry:
    kind: str  # "heading" | "block" | "item" | "note" | "warning" | "title"
    block: object = None
    level: int = 0
    ordered: bool = False
    text: str = ""


# --------------------------------------------------------------------------------------------
# Chinese heading heuristics

_CN_NUM = "一二三四五六七八九十百零〇两"
_H_CHAPTER = re.compile(rf"^第[{_CN_NUM}\d]+[章篇部编]")
_H_SECTION = re.compile(rf"^第[{_CN_NUM}\d]+节")
_H_LEVEL1 = re.compile(rf"^[{_CN_NUM}]+\s*[、.．]")
_H_LEVEL2 = re.compile(rf"^[（(]\s*[{_CN_NUM}]+\s*[)）]")
_END_PUNCT = tuple("。；;，,：:！!")
_TOC_STYLE = re.compile(r"^(toc\s*\d*|toc heading|目录\s*\d*)$", re.IGNORECASE)
_NOT_HEADING = re.compile(r"^(\d|[A-Ha-h][.．、]|[（(]\d|答案|【|解析)")


def heuristic_level(text: str, all_bold: bool) -> int | None:
    """Heading level for Chinese documents that fake headings with text or bold."""
    t = text.strip()
    if not t or len(t) > 40 or "\n" in t:
        return None
    numbered_end_ok = not t.rstrip("：:").endswith(_END_PUNCT)  # "一、政治方面：" is a heading
    if _H_CHAPTER.match(t) and numbered_end_ok:
        return 1
    if _H_SECTION.match(t) and numbered_end_ok:
        return 2
    if _H_LEVEL1.match(t) and len(t) <= 30 and numbered_end_ok:
        return 1
    if _H_LEVEL2.match(t) and len(t) <= 30 and numbered_end_ok:
        return 2
    if t.endswith(_END_PUNCT):
        return None
    if all_bold and len(t) <= 20 and "：" not in t and ":" not in t and not _NOT_HEADING.match(t):
        return 3
    return None


# --------------------------------------------------------------------------------------------
# Pictures

_MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
         ".bmp": "image/bmp", ".tif": "image/tiff", ".tiff": "image/tiff", ".webp": "image/webp",
         ".emf": "image/x-emf", ".wmf": "image/x-wmf", ".svg": "image/svg+xml"}


def sniff_ext(data: bytes, fallback: str) -> str:
    if data.startswith(b"\x89PNG"):
        return ".png"
    if data.startswith(b"\xff\xd8"):
        return ".jpg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return ".gif"
    if data.startswith(b"BM"):
        return ".bmp"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return ".tif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return ".webp"
    if len(data) > 44 and data[40:44] == b" EMF":
        return ".emf"
    if data.startswith((b"\xd7\xcd\xc6\x9a", b"\x01\x00\x09\x00", b"\x02\x00\x09\x00")):
        return ".wmf"
    if data.lstrip()[:5] in (b"<?xml", b"<svg ") or b"<svg" in data[:512]:
        return ".svg"
    return fallback.lower() or ".bin"


# --------------------------------------------------------------------------------------------


@dataclass
class WalkState:
    pkg: Package
    part: str  # the part whose rels resolve r:id (document.xml, footnotes.xml...)
    styles: Styles
    numbering: Numbering
    assets: AssetStore
    footnotes: dict[str, object] = field(default_factory=dict)  # id → w:footnote element
    endnotes: dict[str, object] = field(default_factory=dict)
    note_labels: dict[tuple[str, str], str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {"images": 0, "textboxes": 0,
                                                            "notes": 0, "equations": 0})


@dataclass
class _Inline:
    runs: list[Run] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    extra: list[Entry] = field(default_factory=list)  # text boxes, charts, diagrams, notes
    warnings: list[str] = field(default_factory=list)


def _val(el, tag: str) -> str | None:
    child = el.find(q(tag)) if el is not None else None
    return child.get(q("w:val")) if child is not None else None


def _on(el, tag: str) -> bool | None:
    child = el.find(q(tag)) if el is not None else None
    if child is None:
        return None
    return (child.get(q("w:val")) or "true") not in ("0", "false", "off", "none")


def _choose_branch(alt):
    """One branch of mc:AlternateContent: the first Choice (DrawingML), else the Fallback."""
    choice = alt.find(q("mc:Choice"))
    if choice is not None:
        return choice
    return alt.find(q("mc:Fallback"))


class Walker:
    def __init__(self, state: WalkState) -> None:
        self.s = state

    # --- block level ----------------------------------------------------------------------

    def blocks(self, container, depth: int = 0) -> list[Entry]:
        out: list[Entry] = []
        if depth > MAX_DEPTH:
            out.append(Entry("warning", text="内容嵌套过深，已截断 / content nested too deeply, cut"))
            return out
        for child in container:
            tag = child.tag if isinstance(child.tag, str) else ""
            try:
                if tag == q("w:p"):
                    out.extend(self.paragraph(child, depth))
                elif tag == q("w:tbl"):
                    out.extend(self.table(child, depth))
                elif tag == q("w:sdt"):
                    content = child.find(q("w:sdtContent"))
                    gallery = child.find(f'{q("w:sdtPr")}/{q("w:docPartObj")}/{q("w:docPartGallery")}')
                    if gallery is not None and "table of contents" in (gallery.get(q("w:val")) or "").lower():
                        continue  # the TOC content control (目录)
                    if _placeholder(child):
                        continue
                    if content is not None:
                        out.extend(self.blocks(content, depth + 1))
                elif tag in (q("w:customXml"), q("w:ins"), q("w:moveTo"), q("w:smartTag")):
                    out.extend(self.blocks(child, depth + 1))
                elif tag == q("mc:AlternateContent"):
                    branch = _choose_branch(child)
                    if branch is not None:
                        out.extend(self.blocks(branch, depth + 1))
                elif tag == q("w:altChunk"):
                    out.append(Entry("warning", text="文档中嵌入的外部内容（altChunk）未导入 / "
                                                     "an embedded altChunk was not imported"))
            except Exception as exc:  # one broken element degrades, not the file
                log.exception("docx element failed")
                local = tag.rsplit("}", 1)[-1] or "?"
                out.append(Entry("warning", text=f"有一处内容（{local}）无法读取，已跳过 / "
                                                 f"a {local} element could not be read: {exc}"))
        return out

    # --- paragraphs -----------------------------------------------------------------------

    def paragraph(self, p, depth: int) -> list[Entry]:
        ppr = p.find(q("w:pPr"))
        style_id = _val(ppr, "w:pStyle") or self.s.styles.default_para
        if _TOC_STYLE.match(self.s.styles.name(style_id).strip()):
            return []  # a table of contents with page numbers means nothing in a course
        inl = _Inline()
        # bold inherited from the paragraph style counts, unless a run switches it off
        self.inline(p, inl, depth, link=None, fmt={"bold": self.s.styles.bold(style_id)})
        runs = _merge_runs(inl.runs)
        text = "".join(r.text for r in runs).strip()
        out: list[Entry] = [Entry("warning", text=w) for w in inl.warnings]

        # numbering: direct numPr wins (numId 0 switches the style's numbering off)
        num_id, ilvl = None, 0
        numpr = ppr.find(q("w:numPr")) if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr, "w:numId")
            lv = _val(numpr, "w:ilvl")
            ilvl = int(lv) if lv and lv.isdigit() else 0
            if num_id is not None and lv is None:
                _, ilvl = self.s.styles.numbering(style_id)
        if num_id is None:
            num_id, ilvl = self.s.styles.numbering(style_id)
        marker = None
        if num_id and num_id != "0":
            # an empty numbered paragraph still takes a number in Word, so it advances the count
            marker = self.s.numbering.next_marker(num_id, ilvl)

        level = self.s.styles.heading_level(style_id)
        direct_ol = _val(ppr, "w:outlineLvl")
        if direct_ol is not None and direct_ol.isdigit():
            level = int(direct_ol) + 1 if int(direct_ol) < 9 else None
        all_bold = bool(text) and all(r.bold or not r.text.strip() for r in runs)
        ordered = bool(marker and marker[1])
        marker_text = marker[0] if marker else ""
        full = f"{marker_text}{text}" if marker_text and ordered else text
        if text and self.s.styles.is_title(style_id):
            out.append(Entry("title", text=text))
        elif text and level is not None:
            out.append(Entry("heading", Heading(text=full, level=level), level=level, text="style"))
        elif (text and (not marker or (ordered and all_bold))
              and heuristic_level(full, all_bold) is not None):  # a bold bullet stays a bullet
            lvl = heuristic_level(full, all_bold)
            kind = "chapter" if _H_CHAPTER.match(full.strip()) else "guess"
            out.append(Entry("heading", Heading(text=full, level=lvl), level=lvl, text=kind))
        elif text and marker:
            out.append(Entry("item", ListItem(runs=runs, level=ilvl, marker=marker_text),
                             level=ilvl, ordered=ordered))
        elif text:
            align = {"center": "center", "right": "right", "end": "right", "both": "justify",
                     "distribute": "justify"}.get(_val(ppr, "w:jc") or "")
            out.append(Entry("block", Paragraph(runs=runs, align=align)))
        for img in inl.images:
            # A missing or broken picture is left out with a warning, never a placeholder.
            for note in getattr(img, "notes", []):
                out.append(Entry("warning", text=note))
            if img.problem:
                what = img.alt or "未命名"
                text = img.problem if "略去" in img.problem else f"图片“{what}”{img.problem}，已略去。"
                out.append(Entry("warning", text=text))
                continue
            out.append(Entry("block", img))
        out.extend(inl.extra)
        return out

    def inline(self, el, inl: _Inline, depth: int, link: str | None, fmt: dict) -> None:
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == q("w:r"):
                self.run(child, inl, depth, link, fmt)
            elif tag == q("w:hyperlink"):
                href = None
                rid = child.get(q("r:id"))
                if rid:
                    rel = self.s.pkg.rels(self.s.part).get(rid)
                    if rel and rel[2]:
                        href = rel[1]
                elif child.get(q("w:anchor")):
                    href = "#" + child.get(q("w:anchor"))
                self.inline(child, inl, depth, href or link, fmt)
            elif tag in (q("w:ins"), q("w:smartTag"), q("w:customXml"), q("w:fldSimple"),
                         q("w:moveTo"), q("w:dir"), q("w:bdo")):
                self.inline(child, inl, depth, link, fmt)
            elif tag == q("w:sdt"):
                content = child.find(q("w:sdtContent"))
                if content is not None and not _placeholder(child):
                    self.inline(content, inl, depth, link, fmt)
            elif tag == q("mc:AlternateContent"):
                branch = _choose_branch(child)
                if branch is not None:
                    self.inline(branch, inl, depth, link, fmt)
            elif tag in (q("m:oMath"), q("m:oMathPara")):
                self.s.counts["equations"] += 1
                math = "".join(t.text or "" for t in child.iter(q("m:t")))
                if math:
                    inl.runs.append(Run(math, italic=True))
            # w:del, w:moveFrom, w:pPr, bookmarks, proofErr: nothing to read

    def run(self, r, inl: _Inline, depth: int, link: str | None, fmt: dict | None = None) -> None:
        rpr = r.find(q("w:rPr"))
        bold = _on(rpr, "w:b")
        if bold is None:
            char_style = _val(rpr, "w:rStyle")
            bold = self.s.styles.bold(char_style) if char_style else bool((fmt or {}).get("bold"))
        if _on(rpr, "w:vanish") or _on(rpr, "w:webHidden"):
            return
        u = _val(rpr, "w:u")
        color = _val(rpr, "w:color")
        size = _val(rpr, "w:sz")
        style = dict(
            bold=bool(bold),
            italic=bool(_on(rpr, "w:i")),
            underline=bool(u and u != "none"),
            strike=bool(_on(rpr, "w:strike") or _on(rpr, "w:dstrike")),
            color=color.upper() if color and re.fullmatch(r"[0-9A-Fa-f]{6}", color) else None,
            size_pt=int(size) / 2 if size and size.isdigit() else None,
            link=link,
        )
        buf: list[str] = []

        def flush() -> None:
            if buf:
                inl.runs.append(Run("".join(buf), **style))
                buf.clear()

        for child in r:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == q("w:t"):
                buf.append(child.text or "")
            elif tag in (q("w:tab"), q("w:ptab")):
                buf.append(" ")
            elif tag == q("w:br"):
                if child.get(q("w:type")) not in ("page", "column"):
                    buf.append("\n")
            elif tag == q("w:cr"):
                buf.append("\n")
            elif tag == q("w:noBreakHyphen"):
                buf.append("-")
            elif tag == q("w:sym"):
                code = child.get(q("w:char")) or ""
                try:
                    ch = chr(int(code, 16))
                    if not 0xF000 <= ord(ch) <= 0xF0FF:
                        buf.append(ch)
                except ValueError:
                    pass
            elif tag == q("w:drawing"):
                flush()
                self.drawing(child, inl, depth)
            elif tag in (q("w:pict"), q("w:object")):
                flush()
                self.vml(child, inl, depth)
            elif tag == q("mc:AlternateContent"):
                flush()
                branch = _choose_branch(child)
                if branch is not None:
                    fake = branch  # branch children are run content (w:drawing / w:pict)
                    for sub in fake:
                        st = sub.tag if isinstance(sub.tag, str) else ""
                        if st == q("w:drawing"):
                            self.drawing(sub, inl, depth)
                        elif st in (q("w:pict"), q("w:object")):
                            self.vml(sub, inl, depth)
                        elif st == q("w:t"):
                            inl.runs.append(Run(sub.text or "", **style))
            elif tag in (q("w:footnoteReference"), q("w:endnoteReference")):
                flush()
                self.note_ref(child, tag == q("w:footnoteReference"), inl, depth)
            elif tag == q("w:ruby"):
                base = child.find(q("w:rubyBase"))
                if base is not None:
                    buf.append("".join(t.text or "" for t in base.iter(q("w:t"))))
        flush()

    # --- notes ----------------------------------------------------------------------------

    def note_ref(self, el, is_foot: bool, inl: _Inline, depth: int) -> None:
        nid = el.get(q("w:id")) or ""
        table = self.s.footnotes if is_foot else self.s.endnotes
        note = table.get(nid)
        key = ("f" if is_foot else "e", nid)
        if key not in self.s.note_labels:
            n = sum(1 for k in self.s.note_labels if k[0] == key[0]) + 1
            self.s.note_labels[key] = f"注{n}" if is_foot else f"尾注{n}"
        label = self.s.note_labels[key]
        inl.runs.append(Run(f"[{label}]"))
        if note is None:
            inl.warnings.append(f"{label} 的内容缺失 / the text of {label} is missing")
            return
        part = self.s.part
        self.s.part = self.s.pkg.part_by_type(self.s.pkg.main_part,
                                              "footnotes" if is_foot else "endnotes") or part
        try:
            entries = self.blocks(note, depth + 1)
        finally:
            self.s.part = part
        text = "\n".join(_entry_text(e) for e in entries if _entry_text(e)).strip()
        self.s.counts["notes"] += 1
        inl.extra.append(Entry("note", Note(text=text, label=label)))
        inl.extra.extend(e for e in entries if e.kind == "block" and isinstance(e.block, Image))

    # --- drawings -------------------------------------------------------------------------

    def drawing(self, d, inl: _Inline, depth: int) -> None:
        holders = [h for h in d.iter(q("wp:inline"), q("wp:anchor")) if not _inside_textbox(h, d)]
        for holder in holders:  # pictures inside a text box are read with the text box
            docpr = holder.find(q("wp:docPr"))
            alt = ""
            if docpr is not None:
                alt = (docpr.get("descr") or docpr.get("title") or "").strip()
            ext = holder.find(q("wp:extent"))
            size = None
            if ext is not None:
                try:
                    size = (round(int(ext.get("cx")) / EMU_PER_PX),
                            round(int(ext.get("cy")) / EMU_PER_PX))
                except (TypeError, ValueError):
                    size = None
            blips = [b for b in holder.iter(q("a:blip")) if not _inside_textbox(b, holder)]
            for b in blips:
                rid = b.get(q("r:embed"))
                linked = b.get(q("r:link"))
                img = self.image(rid, alt, size if len(blips) == 1 else None, linked=linked)
                inl.images.append(img)
            for box in _top_textboxes(holder):
                self.s.counts["textboxes"] += 1
                inl.extra.extend(self.textbox(box, depth))
            for chart in holder.iter(q("c:chart")):
                try:
                    c = self.chart(chart.get(q("r:id")), alt)
                except Exception as exc:  # a broken chart part costs the chart only
                    inl.warnings.append(f"图表无法读取，已跳过 / a chart could not be read: {exc}")
                    continue
                if c is not None:
                    inl.extra.append(Entry("block", c))
            for rel_ids in holder.iter(q("dgm:relIds")):
                try:
                    items = self.diagram(rel_ids.get(q("r:dm")))
                except Exception as exc:
                    inl.warnings.append(f"SmartArt 无法读取，已跳过 / a SmartArt diagram could not be read: {exc}")
                    continue
                if items:
                    inl.extra.append(Entry("block", BulletList(items=items)))

    def vml(self, el, inl: _Inline, depth: int) -> None:
        for imgdata in el.iter(q("v:imagedata")):
            rid = imgdata.get(q("r:id"))
            if rid:
                alt = imgdata.get("{urn:schemas-microsoft-com:office:office}title") or ""
                inl.images.append(self.image(rid, alt, None))
        for box in el.iter(q("w:txbxContent")):
            if _has_ancestor(box, q("w:txbxContent"), el):
                continue
            self.s.counts["textboxes"] += 1
            inl.extra.extend(self.textbox(box, depth))

    def textbox(self, box, depth: int) -> list[Entry]:
        """A text box's content; its headings are callout titles and never start a page."""
        entries = self.blocks(box, depth + 1)
        for e in entries:
            if e.kind == "heading":
                e.text = "textbox"
        return entries

    def image(self, rid: str | None, alt: str, size, linked: str | None = None) -> Image:
        self.s.counts["images"] += 1
        img = Image(alt=clean_alt(alt))
        if size:
            img.width_px, img.height_px = size
        if not rid:
            img.problem = "图片是外部链接，未嵌入文档" if linked else "图片引用缺失"
            return img
        rel = self.s.pkg.rels(self.s.part).get(rid)
        if rel is None:
            img.problem = "图片引用缺失"
            return img
        _typ, target, external = rel
        if external:
            img.problem = "图片是外部链接，未嵌入文档"
            return img
        try:
            data = self.s.pkg.read(target)
        except Exception as exc:  # a damaged member (CRC, deflate) costs this picture only
            log.warning("picture %s unreadable: %s", target, exc)
            img.problem = "图片文件已损坏"
            return img
        if data is None:
            img.problem = "图片文件缺失"
            return img
        ext = sniff_ext(data, posixpath.splitext(target)[1])
        img.mime = _MIME.get(ext)
        if ext in (".emf", ".wmf", ".svg"):
            img.asset = self.s.assets.put(data, ext)
            img.needs_raster = True
            return img
        # Raster pictures go through the one pixel budget (issue 20 defect 6): downscaled once
        # above 4096 px, refused above the hard cap, verified, never decoded here otherwise.
        notes: list[str] = []
        stored = image_block(self.s.assets, data, alt, warn=notes.append)
        if stored is None:
            img.problem = notes[-1] if notes else "图片无法识别"
            return img
        img.asset, img.mime = stored.asset, stored.mime
        if notes:
            img.notes = notes  # runtime only: turned into warnings by the caller
        if not size:
            img.width_px, img.height_px = stored.width_px, stored.height_px
        return img

    def chart(self, rid: str | None, alt: str) -> Chart | None:
        rel = self.s.pkg.rels(self.s.part).get(rid or "")
        if rel is None or rel[2]:
            return None
        root = self.s.pkg.xml(rel[1])
        if root is None:
            return None
        from creator_studio.core.importers.pptx_parts.charts import read_chart

        ch = read_chart(root)
        ch.title = ch.title or alt
        return ch

    def diagram(self, rid: str | None) -> list[ListItem]:
        rel = self.s.pkg.rels(self.s.part).get(rid or "")
        if rel is None or rel[2]:
            return []
        root = self.s.pkg.xml(rel[1])
        if root is None:
            return []
        items = []
        for pt in root.iter(q("dgm:pt")):
            if pt.get("type") not in (None, "node"):
                continue
            text = "".join(t.text or "" for t in pt.iter(q("a:t"))).strip()
            if text:
                items.append(ListItem(runs=[Run(text)], marker="•"))
        return items

    # --- tables ---------------------------------------------------------------------------

    def table(self, tbl, depth: int) -> list[Entry]:
        rows: list[list[TableCell]] = []
        extras: list[Entry] = []
        origin: dict[int, TableCell] = {}  # grid column → cell a vertical merge continues
        header_rows = 0
        counting_header = True
        for tr in _rows(tbl):
            trpr = tr.find(q("w:trPr"))
            if trpr is not None and trpr.find(q("w:del")) is not None:
                continue
            is_header = trpr is not None and _on(trpr, "w:tblHeader")
            if counting_header and is_header:
                header_rows += 1
            else:
                counting_header = False
            col = int(_val(trpr, "w:gridBefore") or 0) if trpr is not None and \
                (_val(trpr, "w:gridBefore") or "0").isdigit() else 0
            row: list[TableCell] = []
            for tc in _cells(tr):
                tcpr = tc.find(q("w:tcPr"))
                span_s = _val(tcpr, "w:gridSpan") or "1"
                span = max(1, int(span_s)) if span_s.isdigit() else 1
                vm = tcpr.find(q("w:vMerge")) if tcpr is not None else None
                vm_val = vm.get(q("w:val")) if vm is not None else None
                if vm is not None and vm_val in (None, "continue") and col in origin:
                    origin[col].row_span += 1
                    col += span
                    continue
                entries = self.blocks(tc, depth + 1)
                lines = [_entry_text(e) for e in entries if _entry_text(e)]
                texts = [e for e in entries if e.kind in ("heading", "item", "block")
                         and not isinstance(e.block, (Image, Chart))]
                bold = bool(texts) and all(_entry_bold(e) for e in texts)
                cell = TableCell(text="\n".join(lines).strip(), col_span=span, bold=bold)
                extras.extend(e for e in entries if e.kind == "block" and isinstance(e.block, (Image, Chart)))
                extras.extend(e for e in entries if e.kind in ("note", "warning"))
                for c in range(col, col + span):
                    origin.pop(c, None)
                if vm is not None and vm_val == "restart":
                    origin[col] = cell
                row.append(cell)
                col += span
            rows.append(row)
        while rows and not rows[-1]:
            rows.pop()
        if not rows:
            return extras
        if header_rows == 0:
            header_rows = 1 if len(rows) > 1 else 0
        return [Entry("block", Table(rows=rows, header_rows=header_rows))] + extras


# --------------------------------------------------------------------------------------------
# helpers


def _placeholder(sdt) -> bool:
    """A content control still showing its prompt ("单击或点击此处输入文字。") has no content."""
    pr = sdt.find(q("w:sdtPr"))
    return pr is not None and pr.find(q("w:showingPlcHdr")) is not None


def _rows(tbl):
    for child in tbl:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == q("w:tr"):
            yield child
        elif tag == q("w:sdt"):
            content = child.find(q("w:sdtContent"))
            if content is not None:
                yield from _rows(content)
        elif tag in (q("w:customXml"), q("w:ins"), q("w:moveTo")):
            yield from _rows(child)


def _cells(tr):
    for child in tr:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == q("w:tc"):
            yield child
        elif tag == q("w:sdt"):
            content = child.find(q("w:sdtContent"))
            if content is not None:
                yield from _cells(content)
        elif tag in (q("w:customXml"), q("w:ins"), q("w:moveTo")):
            yield from _cells(child)


def _has_ancestor(el, tag: str, stop) -> bool:
    p = el.getparent()
    while p is not None and p is not stop:
        if p.tag == tag:
            return True
        p = p.getparent()
    return False


def _inside_textbox(el, stop) -> bool:
    return _has_ancestor(el, q("w:txbxContent"), stop)


def _top_textboxes(holder):
    for box in holder.iter(q("w:txbxContent")):
        if not _has_ancestor(box, q("w:txbxContent"), holder):
            yield box


def _merge_runs(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        if out and _same_style(out[-1], r):
            out[-1] = Run(out[-1].text + r.text, out[-1].bold, out[-1].italic, out[-1].underline,
                          out[-1].strike, out[-1].color, out[-1].size_pt, out[-1].link)
        else:
            out.append(r)
    # trim outer whitespace so paragraph text is clean
    if out:
        out[0] = Run(out[0].text.lstrip(), out[0].bold, out[0].italic, out[0].underline,
                     out[0].strike, out[0].color, out[0].size_pt, out[0].link)
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic, out[-1].underline,
                      out[-1].strike, out[-1].color, out[-1].size_pt, out[-1].link)
    return [r for r in out if r.text]


def _same_style(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.underline, a.strike, a.color, a.size_pt, a.link) == \
        (b.bold, b.italic, b.underline, b.strike, b.color, b.size_pt, b.link)


def _entry_text(e: Entry) -> str:
    if e.kind in ("heading", "title"):
        return e.block.text if e.block is not None else e.text
    if e.kind == "item":
        item = e.block
        return f"{item.marker}{item.text}" if e.ordered else item.text
    if e.kind == "note":
        return f"{e.block.label}：{e.block.text}"
    if e.kind == "block":
        b = e.block
        if isinstance(b, Table):
            return "\n".join(" | ".join(c.text.replace("\n", " ") for c in row) for row in b.rows)
        if isinstance(b, (Paragraph, BulletList)):
            return b.plain_text()
    return ""


def _entry_bold(e: Entry) -> bool:
    b = e.block
    if isinstance(b, Heading):
        return True
    runs = b.runs if isinstance(b, (Paragraph, ListItem)) else []
    return bool(runs) and all(r.bold for r in runs if r.text.strip())
