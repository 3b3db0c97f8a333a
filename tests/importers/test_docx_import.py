"""DOCX importer: every corpus document, crafted documents for each construct, and failure paths.

Expected corpus counts were checked against the XML (see docs/importing-docx.md), e.g.
docling_docx_grouped_images has 6 `a:blip`s (4 inside `wpg:wgp` groups), docling_drawingml has one
picture inside a text box that exists twice (DrawingML + VML fallback) and must be read once,
sdk_zh_table_2006 has 76 `w:tc` of which 60 carry gridSpan > 1 and 5 continue a vertical merge.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from PIL import Image as PILImage

from creator_studio.core.errors import SourceError
from creator_studio.core.importers import import_source
from creator_studio.core.importers.docx import walker as walker_mod
from creator_studio.core.importers.docx.numbering import chinese_number, format_number
from creator_studio.core.lesson.model import (
    BulletList,
    Chart,
    Heading,
    Image,
    Note,
    Paragraph,
    Table,
)

DOCX = Path(__file__).resolve().parents[1] / "data" / "corpus" / "docx"

NSDECL = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:v="urn:schemas-microsoft-com:vml" '
          'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def imp(path: Path, tmp_path: Path):
    return import_source(path, assets_dir=tmp_path / "assets")


def blocks(lesson, cls):
    return [b for p in lesson.pages for b in p.blocks if isinstance(b, cls)]


def all_text(lesson) -> str:
    parts = []
    for p in lesson.pages:
        parts.append(p.title)
        parts.extend(b.plain_text() for b in p.blocks)
    return "\n".join(parts)


# --------------------------------------------------------------------------------------------
# Corpus: every file either imports with verified counts or raises the expected typed error

CORPUS_OK = {
    # file: (pages, tables, images, charts, note blocks)
    "docling_docx_grouped_images.docx": (2, 0, 6, 0, 0),
    "docling_docx_rich_cells.docx": (7, 7, 2, 0, 0),
    "docling_drawingml.docx": (1, 0, 1, 1, 0),
    "docling_equations.docx": (1, 0, 0, 0, 0),
    "docx4j_sample-docx.docx": (7, 1, 3, 0, 0),
    "pandoc_diagram.docx": (1, 0, 0, 0, 0),
    "poi_SimpleMacro.docm": (1, 0, 0, 0, 0),
    "ptools_HC004_zh_ResumeTemplate.docx": (6, 5, 0, 0, 0),
    "ptools_LIR010_ideographTraditional.docx": (19, 0, 0, 0, 0),
    "pyoffice_zh_word_table.docx": (2, 1, 1, 0, 0),
    "sdk_InvalidDocProps.docx": (1, 0, 0, 0, 0),
    "mammoth_strict-format.docx": (1, 0, 0, 0, 0),  # ISO Strict, namespaces mapped
    "sdk_zh_A4.docx": (3, 0, 0, 0, 0),
    "sdk_zh_table_2006.docx": (1, 1, 0, 0, 0),
    "tika_testWORD_various.docx": (1, 1, 0, 0, 1),
}
CORPUS_ERR = {
    "poi_fuzz_4791943399604224.docx": "CORRUPT",
    "tika_testWORD_truncated.docx": "CORRUPT",
    "tika_encrypted_passtika.docx": "ENCRYPTED",
}


def test_every_corpus_docx_is_covered():
    assert set(CORPUS_OK) | set(CORPUS_ERR) == {p.name for p in DOCX.iterdir()}


@pytest.mark.parametrize("name", sorted(CORPUS_OK))
def test_corpus_docx_counts(name, tmp_path):
    lesson = imp(DOCX / name, tmp_path)
    pages, tables, images, charts, notes = CORPUS_OK[name]
    assert len(lesson.pages) == pages
    assert len(blocks(lesson, Table)) == tables
    assert len(blocks(lesson, Image)) == images
    assert len(blocks(lesson, Chart)) == charts
    assert len(blocks(lesson, Note)) == notes
    assert lesson.source.kind == "docx" and len(lesson.source.sha256) == 64
    assert lesson.title
    for img in blocks(lesson, Image):  # every embedded picture landed in the asset folder
        assert img.asset and (tmp_path / "assets" / img.asset).is_file()


@pytest.mark.parametrize("name", sorted(CORPUS_ERR))
def test_corpus_docx_refused_with_typed_error(name, tmp_path):
    with pytest.raises(SourceError) as ei:
        imp(DOCX / name, tmp_path)
    assert ei.value.code == CORPUS_ERR[name]
    assert ei.value.message_zh and ei.value.message_en


def test_invalid_docprops_imports_with_warning(tmp_path):
    lesson = imp(DOCX / "sdk_InvalidDocProps.docx", tmp_path)
    # no core.xml, no heading → the first line (shortened), never the file name (issue 15)
    assert lesson.title.startswith("Video provides a powerful way") and len(lesson.title) <= 40
    assert any("docProps/core.xml" in w for w in lesson.all_warnings())


def test_grouped_pictures_are_all_found(tmp_path):
    lesson = imp(DOCX / "docling_docx_grouped_images.docx", tmp_path)
    imgs = blocks(lesson, Image)
    assert len(imgs) == 6 and all(i.mime == "image/png" for i in imgs)
    assert len({i.asset for i in imgs}) >= 2


def test_drawingml_textboxes_and_chart(tmp_path):
    lesson = imp(DOCX / "docling_drawingml.docx", tmp_path)
    text = "\n".join(b.plain_text() for p in lesson.pages for b in p.blocks)
    # each text box read once although the VML fallback repeats it
    assert text.count("Text 1") == 1 and text.count("Text 2") == 1
    chart = blocks(lesson, Chart)[0]
    assert chart.series and chart.categories


def test_zh_table_merges_deduplicated(tmp_path):
    lesson = imp(DOCX / "sdk_zh_table_2006.docx", tmp_path)
    table = blocks(lesson, Table)[0]
    cells = [c for row in table.rows for c in row]
    assert len(table.rows) == 17
    assert len(cells) == 76 - 5  # five vMerge continuations folded into their origins
    assert sum(c.col_span > 1 for c in cells) == 60
    assert sum(c.row_span - 1 for c in cells) == 5
    photo = next(c for c in cells if c.text.startswith("照"))
    assert photo.row_span == 5
    # every row covers the same grid once the row spans above it are counted
    widths = [sum(c.col_span for c in row) for row in table.rows]
    assert max(widths) == 37
    assert "附件五" in all_text(lesson)  # the VML text box


def test_tika_various_footnote_textbox_lists(tmp_path):
    lesson = imp(DOCX / "tika_testWORD_various.docx", tmp_path)
    note = blocks(lesson, Note)[0]
    assert note.label == "注1" and note.text == "This is a footnote."
    text = all_text(lesson)
    assert "Footnote appears here[注1]" in text
    assert "Here is a text box" in text
    lists = blocks(lesson, BulletList)
    assert [i.marker for i in lists[1].items] == ["1)", "2)", "3)"]
    assert lists[0].items[0].marker == "•" and not lists[0].ordered


def test_ideograph_traditional_numbering(tmp_path):
    lesson = imp(DOCX / "ptools_LIR010_ideographTraditional.docx", tmp_path)
    titles = [p.title for p in lesson.pages]
    assert titles[:3] == ["甲|1", "乙|2", "丙|3"]
    assert titles[9] == "癸|10" and titles[10] == "甲|11"  # ten stems, then round again


def test_equations_keep_their_text(tmp_path):
    lesson = imp(DOCX / "docling_equations.docx", tmp_path)
    text = all_text(lesson)
    assert "A=πr2" in text and "a2+b2=c2" in text


def test_tracked_changes_in_corpus(tmp_path):
    lesson = imp(DOCX / "docx4j_sample-docx.docx", tmp_path)
    text = all_text(lesson)
    assert "Here is some change tracking. An insertion Followed by." in text
    assert "A deletion" not in text
    assert "This line contains a soft return\nand here it continues" in text


def test_smart_tags_keep_their_text(tmp_path):
    lesson = imp(DOCX / "sdk_zh_A4.docx", tmp_path)
    text = all_text(lesson)
    assert "《中华人民共和国物权法》（2007年10月1日起施行" in text
    assert [p.title for p in lesson.pages][1].startswith("第一部分")


def test_smartart_text_from_diagram_part(tmp_path):
    lesson = imp(DOCX / "pandoc_diagram.docx", tmp_path)
    lst = blocks(lesson, BulletList)[0]
    assert [i.text for i in lst.items] == ["top", "middle", "bottom"]


def test_docm_reads_as_docx(tmp_path):
    lesson = imp(DOCX / "poi_SimpleMacro.docm", tmp_path)
    assert lesson.source.kind == "docx" and lesson.pages


# --------------------------------------------------------------------------------------------
# Crafted documents


def _body(doc):
    return doc.element.body


def _append(doc, xml: str):
    el = parse_xml(xml)
    body = _body(doc)
    body.insert(len(body) - 1, el)  # before sectPr
    return el


def _save(doc, tmp_path: Path, name="crafted.docx") -> Path:
    path = tmp_path / name
    doc.save(path)
    return path


def test_content_controls_insertions_smart_tags_hyperlinks(tmp_path):
    doc = Document()
    doc.add_heading("封面", 1)
    _append(doc, f'<w:sdt {NSDECL}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p>'
                 '</w:sdtContent></w:sdt>')
    _append(doc, f'<w:p {NSDECL}><w:r><w:t>前</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>'
                 '<w:del w:id="2" w:author="a"><w:r><w:delText>删掉</w:delText></w:r></w:del>'
                 '<w:smartTag w:uri="u" w:element="place"><w:r><w:t>北京</w:t></w:r></w:smartTag>'
                 '<w:customXml w:element="x"><w:r><w:t>定制</w:t></w:r></w:customXml>'
                 '<w:sdt><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt>'
                 '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>')
    p = doc.add_paragraph("访问")
    rid = doc.part.relate_to("https://example.com/a", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True)
    p._p.append(parse_xml(f'<w:hyperlink {NSDECL} r:id="{rid}"><w:r><w:t>官网</w:t></w:r></w:hyperlink>'))
    lesson = imp(_save(doc, tmp_path), tmp_path)
    paras = blocks(lesson, Paragraph)
    texts = [p.text for p in paras]
    assert "控件里的段落" in texts
    assert "前插入北京定制行内控件" in texts
    link_para = next(p for p in paras if p.text == "访问官网")
    assert link_para.runs[-1].link == "https://example.com/a"


def _textbox_run(text: str) -> str:
    return (f'<w:r {NSDECL}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:extent cx="914400" cy="457200"/><wp:docPr id="5" name="文本框 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
            '</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
            '</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
            f'<w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
            '</mc:Fallback></mc:AlternateContent></w:r>')


def test_text_boxes_read_once(tmp_path):
    doc = Document()
    p = doc.add_paragraph("正文")
    p._p.append(parse_xml(_textbox_run("文本框里的提示")))
    vml_only = doc.add_paragraph()
    vml_only._p.append(parse_xml(
        f'<w:r {NSDECL}><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>老式文本框</w:t>'
        '</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    lesson = imp(_save(doc, tmp_path), tmp_path)
    text = all_text(lesson)
    assert text.count("文本框里的提示") == 1
    assert text.count("老式文本框") == 1


def _add_numbering(doc, abstract_xml: str, nums: list[str]) -> None:
    numbering = doc.part.numbering_part.element
    first = numbering.find(f"{{{W}}}num")
    first.addprevious(parse_xml(abstract_xml))
    for n in nums:
        numbering.append(parse_xml(n))


def _numbered(doc, text: str, num_id: int, ilvl: int = 0):
    p = doc.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {NSDECL}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, legal: bool = False) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            + ("<w:isLgl/>" if legal else "") + f'<w:lvlText w:val="{text}"/></w:lvl>')


def test_numbering_formats_levels_and_restarts(tmp_path):
    doc = Document()
    _add_numbering(doc, (
        f'<w:abstractNum {NSDECL} w:abstractNumId="90">'
        + _lvl(0, "chineseCounting", "%1、") + _lvl(1, "decimal", "%1.%2", legal=True)
        + _lvl(2, "lowerLetter", "%1-(%3)")
        + '</w:abstractNum>'), [
        f'<w:num {NSDECL} w:numId="90"><w:abstractNumId w:val="90"/></w:num>',
        f'<w:num {NSDECL} w:numId="91"><w:abstractNumId w:val="90"/></w:num>',  # continues 90
        f'<w:num {NSDECL} w:numId="92"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',  # restarts
    ])
    _add_numbering(doc, (
        f'<w:abstractNum {NSDECL} w:abstractNumId="95">'
        + _lvl(0, "upperRoman", "%1.") + _lvl(1, "chineseCountingThousand", "第%2条", start=11)
        + _lvl(2, "ideographTraditional", "%3、") + _lvl(3, "upperLetter", "%4)")
        + '</w:abstractNum>'), [f'<w:num {NSDECL} w:numId="95"><w:abstractNumId w:val="95"/></w:num>'])
    _numbered(doc, "甲项", 90)
    _numbered(doc, "甲项细则", 90, 1)
    _numbered(doc, "细则的细则", 90, 2)
    _numbered(doc, "细则的细则二", 90, 2)
    _numbered(doc, "甲项细则二", 90, 1)
    doc.add_paragraph("中间的说明文字")
    _numbered(doc, "乙项（续编号）", 91)
    _numbered(doc, "乙项细则（重新从1开始）", 91, 1)
    doc.add_paragraph("另一个列表")
    _numbered(doc, "重新开始", 92)
    _numbered(doc, "罗马一", 95)
    _numbered(doc, "条款", 95, 1)
    _numbered(doc, "条款二", 95, 1)
    _numbered(doc, "天干", 95, 2)
    _numbered(doc, "字母", 95, 3)
    _numbered(doc, "罗马二", 95)
    doc.add_paragraph("默认编号样式", style="List Number")
    doc.add_paragraph("默认编号样式二", style="List Number")
    doc.add_paragraph("项目符号", style="List Bullet")
    lesson = imp(_save(doc, tmp_path), tmp_path)
    markers = [i.marker for lst in blocks(lesson, BulletList) for i in lst.items]
    # isLgl turns the parent's 一 into 1 in "%1.%2"; without it Word shows the parent's own format
    assert markers == ["一、", "1.1", "一-(a)", "一-(b)", "1.2",
                       "二、", "2.1",
                       "一、",
                       "I.", "第十一条", "第十二条", "甲、", "A)", "II.",
                       "1.", "2.", "•"]
    lists = blocks(lesson, BulletList)
    assert lists[0].items[1].level == 1 and lists[0].items[2].level == 2
    assert lists[-1].items[-1].marker == "•"


def test_number_formats_unit():
    assert [chinese_number(n) for n in (1, 10, 11, 20, 99, 100, 101, 110, 1000, 1010)] == \
        ["一", "十", "十一", "二十", "九十九", "一百", "一百零一", "一百一十", "一千", "一千零一十"]
    assert format_number(4, "lowerRoman") == "iv"
    assert format_number(28, "lowerLetter") == "bb"
    assert format_number(11, "ideographTraditional") == "甲"
    assert format_number(3, "chineseLegalSimplified") == "叁"
    assert format_number(2, "decimalEnclosedCircle") == "②"


def test_chinese_heading_heuristics_and_pages(tmp_path):
    doc = Document()
    doc.core_properties.title = ""
    doc.add_paragraph("前言内容在第一个标题之前。")
    for chap in ("一、总则", "二、服务流程"):
        doc.add_paragraph(chap)
        doc.add_paragraph("（一）适用范围")
        doc.add_paragraph("本办法适用于全体员工。")
        doc.add_paragraph().add_run("重要提醒").bold = True
        doc.add_paragraph("一、这是一句很长的正文，虽然以一、开头，但它以句号结尾，所以不是标题。")
        doc.add_paragraph().add_run("加粗但以冒号结尾的句子：").bold = True
    lesson = imp(_save(doc, tmp_path), tmp_path)
    assert [p.title for p in lesson.pages] == ["前言内容在第一个标题之前。", "一、总则", "二、服务流程"]
    heads = [b for b in lesson.pages[1].blocks if isinstance(b, Heading)]
    assert [(h.text, h.level) for h in heads] == [("（一）适用范围", 2), ("重要提醒", 3)]
    assert any(isinstance(b, Paragraph) and b.text.startswith("一、这是") for b in lesson.pages[1].blocks)
    # no title property; the intro comes before the first heading: its first line, not the file name
    assert lesson.title == "前言内容在第一个标题之前。"


def test_chapter_outranks_guessed_levels(tmp_path):
    doc = Document()
    doc.add_paragraph("第一章 总则")
    doc.add_paragraph("一、目的")
    doc.add_paragraph("正文一")
    doc.add_paragraph("第二章 流程")
    doc.add_paragraph("一、报案")
    doc.add_paragraph("正文二")
    lesson = imp(_save(doc, tmp_path), tmp_path)
    assert [p.title for p in lesson.pages] == ["第一章 总则", "第二章 流程"]
    assert [(b.text, b.level) for b in lesson.pages[0].blocks if isinstance(b, Heading)] == [("一、目的", 2)]


def test_outline_level_inherited_through_based_on(tmp_path):
    doc = Document()
    styles = doc.styles.element
    styles.append(parse_xml(
        f'<w:style {NSDECL} w:type="paragraph" w:styleId="ZhangBase"><w:name w:val="章基础"/>'
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'))
    styles.append(parse_xml(
        f'<w:style {NSDECL} w:type="paragraph" w:styleId="Zhang"><w:name w:val="章"/>'
        '<w:basedOn w:val="ZhangBase"/></w:style>'))
    doc.core_properties.title = "属性里的标题"
    for t in ("产品介绍", "销售技巧"):
        p = doc.add_paragraph(t)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {NSDECL} w:val="Zhang"/>'))
        doc.add_paragraph(f"{t}的正文")
    doc.add_heading("单个一级标题下的二级", 2)  # Heading 2 by style name
    lesson = imp(_save(doc, tmp_path), tmp_path)
    assert lesson.title == "属性里的标题"
    assert [p.title for p in lesson.pages] == ["产品介绍", "销售技巧"]
    assert isinstance(lesson.pages[1].blocks[-1], Heading)


def test_single_top_heading_splits_at_level_two(tmp_path):
    doc = Document()
    doc.add_heading("手册", 1)
    doc.add_paragraph("导语")
    for t in ("第一节内容", "第二节内容"):
        doc.add_heading(t, 2)
        doc.add_paragraph("正文")
    lesson = imp(_save(doc, tmp_path), tmp_path)
    assert [p.title for p in lesson.pages] == ["手册", "第一节内容", "第二节内容"]
    assert lesson.title == "手册"


def _emf() -> bytes:
    header = bytearray(108)
    struct.pack_into("<II", header, 0, 1, 108)
    header[40:44] = b" EMF"
    return bytes(header) + struct.pack("<IIIII", 14, 20, 0, 16, 20)


def _png(size=(30, 20)) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", size, (10, 120, 200)).save(buf, "PNG")
    return buf.getvalue()


def test_pictures_inline_emf_and_missing(tmp_path):
    doc = Document()
    doc.add_heading("图片", 1)
    doc.add_picture(io.BytesIO(_png()))
    doc.add_picture(io.BytesIO(_png((31, 21))))
    emf_shape = doc.inline_shapes[1]
    rid = emf_shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    doc.part.related_parts[rid]._blob = _emf()
    p = doc.add_paragraph()
    p._p.append(parse_xml(
        f'<w:r {NSDECL}><w:drawing><wp:inline><wp:extent cx="95250" cy="95250"/>'
        '<wp:docPr id="9" name="x" descr="丢失的图"/><a:graphic><a:graphicData uri="pic">'
        '<a:blip r:embed="rId999"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'))
    lesson = imp(_save(doc, tmp_path), tmp_path)
    imgs = blocks(lesson, Image)
    assert len(imgs) == 2  # the missing picture is left out, never a placeholder …
    assert imgs[0].mime == "image/png" and not imgs[0].needs_raster and imgs[0].width_px
    assert imgs[1].needs_raster and imgs[1].asset.endswith(".emf")
    assert any("丢失的图" in w for w in lesson.all_warnings())  # … the maker is told


def test_broken_element_degrades_to_page_warning(tmp_path, monkeypatch):
    doc = Document()
    doc.add_heading("第一节", 1)
    doc.add_paragraph("表格前")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "表格"
    doc.add_paragraph("表格后")

    def boom(self, tbl, depth):
        raise RuntimeError("坏表格")

    monkeypatch.setattr(walker_mod.Walker, "table", boom)
    lesson = imp(_save(doc, tmp_path), tmp_path)
    page = lesson.pages[0]
    assert [b.text for b in page.blocks] == ["表格前", "表格后"]
    assert any("坏表格" in w for w in page.warnings)


def test_damaged_main_part_is_a_typed_error(tmp_path):
    import zipfile

    doc = Document()
    doc.add_paragraph("x")
    good = _save(doc, tmp_path)
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(info, data)
    with pytest.raises(SourceError) as ei:
        imp(bad, tmp_path)
    assert ei.value.code == "CORRUPT"


def test_footnotes_and_endnotes_labels(tmp_path):
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    doc = Document()
    doc.add_heading("注释", 1)
    p = doc.add_paragraph("正文")
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    for kind, tag, ids in (("footnotes", "footnote", (2, 5)), ("endnotes", "endnote", (1,))):
        notes = "".join(f'<w:{tag} w:id="{i}"><w:p><w:r><w:t>{kind}{i}内容</w:t></w:r></w:p></w:{tag}>'
                        for i in ids)
        xml = (f'<w:{kind} {NSDECL}><w:{tag} w:type="separator" w:id="0"><w:p><w:r><w:separator/>'
               f'</w:r></w:p></w:{tag}>{notes}</w:{kind}>')
        part = Part(PackURI(f"/word/{kind}.xml"),
                    f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml",
                    xml.encode(), doc.part.package)
        doc.part.relate_to(part, base + kind)
        for i in ids:
            p._p.append(parse_xml(f'<w:r {NSDECL}><w:{tag}Reference w:id="{i}"/></w:r>'))
    lesson = imp(_save(doc, tmp_path), tmp_path)
    notes = blocks(lesson, Note)
    assert [(n.label, n.text) for n in notes] == [
        ("注1", "footnotes2内容"), ("注2", "footnotes5内容"), ("尾注1", "endnotes1内容")]
    assert lesson.pages[0].blocks[0].text == "正文[注1][注2][尾注1]"


def test_table_spans_nested_and_header(tmp_path):
    doc = Document()
    t = doc.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            t.cell(r, c).text = f"{r}{c}"
    t.cell(0, 0).merge(t.cell(0, 1))
    t.cell(1, 2).merge(t.cell(2, 2))
    inner = t.cell(2, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内A"
    inner.cell(0, 1).text = "内B"
    lesson = imp(_save(doc, tmp_path), tmp_path)
    (table,) = blocks(lesson, Table)
    assert [[(c.text.split("\n")[0], c.col_span, c.row_span) for c in row] for row in table.rows] == [
        [("00", 2, 1), ("02", 1, 1)],
        [("10", 1, 1), ("11", 1, 1), ("12", 1, 2)],
        [("20", 1, 1), ("21", 1, 1)],
    ]
    assert "内A | 内B" in table.rows[2][0].text
    assert table.n_cols == 3


def test_toc_is_skipped_and_guesses_nest_under_style_headings(tmp_path):
    doc = Document()
    doc.styles.element.append(parse_xml(
        f'<w:style {NSDECL} w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>'))
    _append(doc, f'<w:sdt {NSDECL}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
                 '</w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p>'
                 '<w:p><w:r><w:t>一、旧目录项 3</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    toc = doc.add_paragraph("一、目的 5")
    toc._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {NSDECL} w:val="TOC1"/>'))
    doc.add_heading("第一章 总则", 1)
    doc.add_paragraph("一、目的")
    doc.add_paragraph("正文一")
    doc.add_heading("第二章 流程", 1)
    doc.add_paragraph("一、范围")
    lesson = imp(_save(doc, tmp_path), tmp_path)
    assert [p.title for p in lesson.pages] == ["第一章 总则", "第二章 流程"]
    assert [(b.text, b.level) for b in lesson.pages[0].blocks if isinstance(b, Heading)] == [("一、目的", 2)]
    assert "目录" not in all_text(lesson) and "旧目录项" not in all_text(lesson)


def test_hostile_values_degrade_without_traceback(tmp_path):
    doc = Document()
    doc.add_heading("奇怪的值", 1)
    _append(doc, f'<w:p {NSDECL}><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="999"/></w:numPr>'
                 '</w:pPr><w:r><w:sym w:char="zz"/><w:t>编号不存在</w:t></w:r>'
                 '<w:hyperlink r:id="rIdMissing"><w:r><w:t>坏链接</w:t></w:r></w:hyperlink>'
                 '<w:r><w:footnoteReference w:id="77"/></w:r>'
                 '<w:r><w:rPr><w:sz w:val="big"/><w:color w:val="javascript:"/></w:rPr><w:t>样式</w:t></w:r></w:p>')
    _append(doc, f'<w:tbl {NSDECL}><w:tr><w:tc><w:tcPr><w:gridSpan w:val="-3"/><w:vMerge/></w:tcPr>'
                 '<w:p><w:r><w:t>单元格</w:t></w:r></w:p></w:tc></w:tr><w:tr/></w:tbl>')
    _append(doc, f'<w:p {NSDECL}><w:r><w:drawing><wp:inline><wp:extent cx="abc" cy=""/>'
                 '<wp:docPr id="1" name="x"/><a:graphic><a:graphicData uri="u"><a:blip/>'
                 '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
    nested = "<w:sdt><w:sdtContent>" * 20 + "<w:p><w:r><w:t>很深</w:t></w:r></w:p>" + \
        "</w:sdtContent></w:sdt>" * 20
    _append(doc, f'<w:customXml {NSDECL} w:element="x">{nested}</w:customXml>')
    lesson = imp(_save(doc, tmp_path), tmp_path)
    page = lesson.pages[0]
    para = next(b for b in page.blocks if isinstance(b, Paragraph))
    assert para.text == "编号不存在坏链接[注1]样式"
    assert all(r.color is None for r in para.runs)
    (table,) = blocks(lesson, Table)
    assert table.rows[0][0].text == "单元格" and table.rows[0][0].col_span == 1
    assert blocks(lesson, Image) == []  # a picture without data is left out, with a warning
    assert any("图片" in w and "略去" in w for w in page.warnings)
    assert any("注1" in w for w in page.warnings)  # footnote text missing
    assert any("嵌套过深" in w for w in page.warnings)


def _mutate(data: bytes, rng) -> bytes:
    import copy

    from lxml import etree

    root = etree.fromstring(data)
    values = ["x", "-1", "0", "99999999", "", "restart", "continue", "bullet", "%1%9%0", "rId1", "页"]
    for _ in range(rng.randint(1, 12)):
        els = list(root.iter())
        el = rng.choice(els)
        op = rng.random()
        if op < 0.35 and el.getparent() is not None:
            el.getparent().remove(el)
        elif op < 0.7:
            attrs = list(el.attrib) or [f"{{{W}}}val"]
            el.set(rng.choice(attrs), rng.choice(values))
        elif el.getparent() is not None:
            el.getparent().append(copy.deepcopy(el))
    return etree.tostring(root)


@pytest.mark.parametrize("seed", range(30))
def test_mutated_sample_imports_or_refuses_cleanly(seed, tmp_path):
    """Random deletions, duplications and junk attribute values never escape as tracebacks."""
    import random
    import zipfile

    rng = random.Random(seed)
    src = Path(__file__).resolve().parents[2] / "creator_studio" / "resources" / "samples" / "新员工入职手册.docx"
    target = rng.choice(["word/document.xml", "word/numbering.xml", "word/styles.xml",
                         "word/footnotes.xml"])
    out = tmp_path / f"mutated{seed}.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, _mutate(data, rng) if info.filename == target else data)
    try:
        lesson = imp(out, tmp_path)
    except SourceError as exc:
        assert exc.code and exc.message_zh
    else:
        assert lesson.title


def test_bold_from_paragraph_and_character_styles(tmp_path):
    doc = Document()
    doc.styles.element.append(parse_xml(
        f'<w:style {NSDECL} w:type="paragraph" w:styleId="XiaoBiaoTi"><w:name w:val="小标题"/>'
        '<w:rPr><w:b/></w:rPr></w:style>'))
    doc.add_heading("章节", 1)
    p = doc.add_paragraph("样式加粗的短行")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {NSDECL} w:val="XiaoBiaoTi"/>'))
    p2 = doc.add_paragraph()
    p2._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {NSDECL} w:val="XiaoBiaoTi"/>'))
    p2._p.append(parse_xml(f'<w:r {NSDECL}><w:rPr><w:b w:val="0"/></w:rPr><w:t>关掉加粗的短行</w:t></w:r>'))
    doc.add_paragraph().add_run("强调字符样式", style="Strong")
    lesson = imp(_save(doc, tmp_path), tmp_path)
    page = lesson.pages[0]
    assert [(b.text, b.level) for b in page.blocks if isinstance(b, Heading)] == [
        ("样式加粗的短行", 3), ("强调字符样式", 3)]
    plain = next(b for b in page.blocks if isinstance(b, Paragraph))
    assert plain.text == "关掉加粗的短行" and not plain.runs[0].bold


def test_progress_and_cancellation(tmp_path):
    from creator_studio.core.errors import Cancelled
    from creator_studio.core.jobs import Job

    doc = Document()
    for i in range(60):
        doc.add_paragraph(f"第{i}段")
    path = _save(doc, tmp_path)
    events = []
    job = Job(events.append)
    imp_lesson = import_source(path, assets_dir=tmp_path / "a", job=job)
    assert imp_lesson.pages and events and events[-1].fraction == 1.0
    assert [e.done for e in events] == sorted(e.done for e in events)

    cancelled = Job()
    cancelled.cancel()
    with pytest.raises(Cancelled):
        import_source(path, assets_dir=tmp_path / "b", job=cancelled)


def test_placeholder_controls_skipped_and_empty_numbered_paragraphs_count(tmp_path):
    doc = Document()
    doc.add_heading("表单", 1)
    _append(doc, f'<w:sdt {NSDECL}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r>'
                 '<w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    _append(doc, f'<w:p {NSDECL}><w:r><w:t>姓名：</w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>'
                 '<w:sdtContent><w:r><w:t>[您的姓名]</w:t></w:r></w:sdtContent></w:sdt></w:p>')
    doc.add_paragraph("第一项", style="List Number")
    doc.add_paragraph("", style="List Number")
    doc.add_paragraph("第三项", style="List Number")
    lesson = imp(_save(doc, tmp_path), tmp_path)
    text = all_text(lesson)
    assert "单击或点击" not in text and "[您的姓名]" not in text and "姓名：" in text
    (lst,) = blocks(lesson, BulletList)
    assert [i.marker for i in lst.items] == ["1.", "3."]


def test_bold_short_bullet_stays_a_list_item(tmp_path):
    doc = Document()
    doc.add_heading("要点", 1)
    doc.add_paragraph(style="List Bullet").add_run("加粗要点").bold = True
    doc.add_paragraph("普通要点", style="List Bullet")
    lesson = imp(_save(doc, tmp_path), tmp_path)
    (lst,) = blocks(lesson, BulletList)
    assert [i.text for i in lst.items] == ["加粗要点", "普通要点"]
    assert not blocks(lesson, Heading)


def test_dotx_template_reads_as_docx(tmp_path):
    import zipfile

    doc = Document()
    doc.add_heading("模板标题", 1)
    doc.add_paragraph("模板正文")
    src = _save(doc, tmp_path)
    dotx = tmp_path / "模板.dotx"
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    tmpl = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dotx, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(main.encode(), tmpl.encode())
            zout.writestr(info, data)
    lesson = imp(dotx, tmp_path)
    assert lesson.source.kind == "docx" and lesson.pages[0].title == "模板标题"
    assert lesson.pages[0].blocks[0].text == "模板正文"


def test_headings_inside_text_boxes_do_not_start_pages(tmp_path):
    doc = Document()
    doc.add_heading("第一节", 1)
    p = doc.add_paragraph("正文")
    p._p.append(parse_xml(_textbox_run("一、提示框标题")))
    doc.add_heading("第二节", 1)
    doc.add_paragraph("正文二")
    lesson = imp(_save(doc, tmp_path), tmp_path)
    assert [pg.title for pg in lesson.pages] == ["第一节", "第二节"]
    assert any(isinstance(b, Heading) and b.text == "一、提示框标题" for b in lesson.pages[0].blocks)


def _corrupt_member(src: Path, dst: Path, member: str) -> Path:
    """Copy `src` with the deflated bytes of `member` scrambled (CRC / inflate errors on read)."""
    import zipfile

    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo(member)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    for k in range(start + 4, start + min(info.compress_size - 2, 60)):
        data[k] ^= 0x5A
    dst.write_bytes(bytes(data))
    return dst


@pytest.mark.parametrize("member,expect", [("word/document.xml", "CORRUPT"),
                                           ("word/styles.xml", "warning"),
                                           ("word/media/image1.png", "picture")])
def test_damaged_members(member, expect, tmp_path):
    import zipfile

    doc = Document()
    doc.add_heading("章", 1)
    doc.add_paragraph("正文" * 200)
    doc.add_picture(io.BytesIO(_png((64, 64))))
    src = tmp_path / "src.docx"
    doc.save(src)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp_path / "deflated.docx", "w",
                                                       zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
    bad = _corrupt_member(tmp_path / "deflated.docx", tmp_path / "bad.docx", member)
    if expect == "CORRUPT":
        with pytest.raises(SourceError) as ei:
            imp(bad, tmp_path)
        assert ei.value.code == "CORRUPT"
        return
    lesson = imp(bad, tmp_path)
    assert lesson.pages and "正文正文" in all_text(lesson)
    if expect == "warning":
        assert any("styles.xml" in w for w in lesson.all_warnings())
    else:
        assert blocks(lesson, Image) == []
        assert any("图片文件已损坏" in w for w in lesson.all_warnings())


def test_broken_chart_part_costs_only_the_chart(tmp_path):
    import zipfile

    src = DOCX / "docling_drawingml.docx"
    bad = tmp_path / "chart_broken.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/charts/chart1.xml":
                data = data[: len(data) // 3]
            zout.writestr(info, data)
    lesson = imp(bad, tmp_path)
    assert not blocks(lesson, Chart)
    assert "Text 1" in all_text(lesson) and len(blocks(lesson, Image)) == 1
    assert any("图表无法读取" in w for w in lesson.all_warnings())
