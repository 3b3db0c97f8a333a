"""Fixtures for the importer tests: hostile files and a feature deck built in the test itself.

The deck is made with python-pptx and then edited with lxml / by rewriting zip members, to get
the things python-pptx cannot write (hidden slides, advTm inside mc:AlternateContent, shapes
inside mc:AlternateContent, group offsets, EMF bytes, linked and broken pictures).
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import struct
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image as PILImage
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.util import Inches, Pt

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"


def png_bytes(color=(200, 30, 30), size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def emf_bytes() -> bytes:
    """A minimal EMF: an EMR_HEADER (type 1, " EMF" signature at 40) followed by EMR_EOF."""
    header = bytearray(108)
    struct.pack_into("<II", header, 0, 1, 108)  # type, size
    struct.pack_into("<iiii", header, 8, 0, 0, 99, 99)  # bounds
    struct.pack_into("<iiii", header, 24, 0, 0, 2540, 2540)  # frame (0.01 mm)
    header[40:44] = b" EMF"
    struct.pack_into("<IIIHH", header, 44, 0x10000, 108 + 20, 2, 0, 0)
    struct.pack_into("<ii", header, 72, 1920, 1080)  # device px
    struct.pack_into("<ii", header, 80, 320, 180)  # device mm
    eof = struct.pack("<IIIII", 14, 20, 0, 16, 20)
    return bytes(header) + eof


def _insert_after_clrmap(sld, xml: str) -> None:
    el = parse_xml(xml)
    clr = sld.find(f"{{{NS_P}}}clrMapOvr")
    if clr is not None:
        clr.addnext(el)
    else:
        sld.find(f"{{{NS_P}}}cSld").addnext(el)


def build_feature_deck(path: Path) -> Path:
    """Five slides that exercise what the importer must read. Expected values live in the tests."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)

    # 1 — title + content placeholders, run styles, line break, hyperlink, notes, advTm
    s1 = prs.slides.add_slide(prs.slide_layouts[1])
    s1.shapes.title.text = "第一章 保险基础"
    tf = s1.placeholders[1].text_frame
    tf.text = "要点一\v第二行"
    p2 = tf.add_paragraph()
    r = p2.add_run()
    r.text = "加粗红字"
    r.font.bold, r.font.size = True, Pt(24)
    r.font.color.rgb = __import__("pptx.dml.color", fromlist=["RGBColor"]).RGBColor(0xC0, 0, 0)
    r2 = p2.add_run()
    r2.text = "链接"
    r2.hyperlink.address = "https://example.com/保险"
    p3 = tf.add_paragraph()
    p3.text = "二级要点"
    p3.level = 1
    s1.notes_slide.notes_text_frame.text = "大家好\v今天讲保险基础。"
    _insert_after_clrmap(s1._element, f'<p:transition xmlns:p="{NS_P}" advTm="5000"/>')

    # 2 — nested groups with offsets; a loose text box between them in reading order; hidden
    s2 = prs.slides.add_slide(prs.slide_layouts[6])
    s2.shapes.add_textbox(Inches(1), Inches(3), Inches(3), Inches(1)).text_frame.text = "中间的文字"
    outer = s2.shapes.add_group_shape()
    outer.shapes.add_textbox(Inches(1), Inches(0), Inches(3), Inches(1)).text_frame.text = "组内第一"
    inner = outer.shapes.add_group_shape()
    inner.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1)).text_frame.text = "嵌套组内"
    # Move the outer group down to y=5in: its children keep child coordinates (chOff y=0).
    xfrm = outer._element.grpSpPr.find(f"{{{NS_A}}}xfrm")
    xfrm.find(f"{{{NS_A}}}off").set("y", str(Inches(5)))
    s2.shapes.add_textbox(Inches(1), Inches(0.5), Inches(3), Inches(1)).text_frame.text = "最上面"
    s2._element.set("show", "0")
    _insert_after_clrmap(s2._element, (
        f'<mc:AlternateContent xmlns:mc="{NS_MC}" xmlns:p="{NS_P}" xmlns:p14="{NS_P14}">'
        f'<mc:Choice Requires="p14"><p:transition spd="slow" p14:dur="2000" advTm="3000">'
        f'<p14:prism/></p:transition></mc:Choice>'
        f'<mc:Fallback><p:transition spd="slow" advTm="3000"><p:fade/></p:transition></mc:Fallback>'
        f'</mc:AlternateContent>'))

    # 3 — merged table, chart, pictures (png, EMF, linked), a shape in mc:AlternateContent
    s3 = prs.slides.add_slide(prs.slide_layouts[5])
    s3.shapes.title.text = "数据与图片"
    tbl = s3.shapes.add_table(3, 3, Inches(0.5), Inches(1.5), Inches(6), Inches(2)).table
    for ri, row in enumerate([["险种", "保费", "备注"], ["寿险", "100", "含分红"], ["车险", "80", ""]]):
        for ci, text in enumerate(row):
            tbl.cell(ri, ci).text = text
    tbl.cell(1, 2).merge(tbl.cell(2, 2))  # vertical merge
    tbl.cell(0, 0).merge(tbl.cell(0, 1))  # horizontal merge
    tbl.cell(0, 0).text = "险种与保费"
    cd = CategoryChartData()
    cd.categories = ["一季度", "二季度", "三季度"]
    cd.add_series("保费收入", (10.5, 20, 30))
    cd.add_series("赔付", (5, None, 12))
    s3.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(7), Inches(1.5), Inches(5),
                        Inches(3), cd)
    s3.shapes.add_picture(io.BytesIO(png_bytes()), Inches(0.5), Inches(4.5)).name = "照片"
    emf_pic = s3.shapes.add_picture(io.BytesIO(png_bytes((0, 0, 200))), Inches(3), Inches(4.5))
    emf_rid = emf_pic._element.blipFill.find(f"{{{NS_A}}}blip").get(f"{{{NS_R}}}embed")
    s3.part.related_part(emf_rid)._blob = emf_bytes()  # EMF bytes behind a .png part name
    linked = s3.shapes.add_picture(io.BytesIO(png_bytes((0, 200, 0))), Inches(6), Inches(4.5))
    blip = linked._element.blipFill.find(f"{{{NS_A}}}blip")
    ext_rid = s3.part.relate_to("https://example.com/外部图片.png", RT.IMAGE, is_external=True)
    del blip.attrib[f"{{{NS_R}}}embed"]
    blip.set(f"{{{NS_R}}}link", ext_rid)
    box = s3.shapes.add_textbox(Inches(9), Inches(6.5), Inches(3), Inches(0.5))
    box.text_frame.text = "公式的备用文本"
    sp = box._element
    tree = sp.getparent()
    alt = parse_xml(f'<mc:AlternateContent xmlns:mc="{NS_MC}" xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main">'
                    f'<mc:Choice Requires="a14"/><mc:Fallback/></mc:AlternateContent>')
    choice_sp = copy.deepcopy(sp)
    for t in choice_sp.iter(f"{{{NS_A}}}t"):
        t.text = "只有新版才显示的公式"
    alt[0].append(choice_sp)
    tree.replace(sp, alt)
    alt[1].append(sp)

    # 4 — empty placeholders only: gives nothing, no title; notes slide that is empty
    s4 = prs.slides.add_slide(prs.slide_layouts[1])
    s4.notes_slide  # creates an (empty) notes slide

    # 5 — a picture whose relationship target will be missing from the zip (broken rel)
    s5 = prs.slides.add_slide(prs.slide_layouts[5])
    s5.shapes.title.text = "坏图片"
    s5.shapes.add_picture(io.BytesIO(png_bytes((9, 9, 9), (11, 13))), Inches(1), Inches(2))
    prs.save(path)
    return path


def rewrite_zip(src: Path, dst: Path, *, drop: set[str] = frozenset(),
                replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> Path:
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def make_zip_bomb(src: Path, dst: Path, zero_mb: int) -> Path:
    """A valid deck plus an unreferenced member of `zero_mb` MiB of zeros (compresses ~1000:1)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        with zout.open("ppt/media/padding.bin", "w", force_zip64=True) as fh:
            chunk = bytes(1 << 20)
            for _ in range(zero_mb):
                fh.write(chunk)
    return dst


def make_cfb(streams: list[str]) -> bytes:
    """A minimal but well-formed Compound File (v3, 512-byte sectors) naming `streams`.

    Sector 0 holds the FAT, sector 1 the directory (root + up to 3 entries); stream contents are
    empty (size 0), which is all the importer's sniffing looks at.
    """
    assert len(streams) <= 3
    ssz = 512
    hdr = bytearray(ssz)
    hdr[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", hdr, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", hdr, 0x2C, 1)  # number of FAT sectors
    struct.pack_into("<I", hdr, 0x30, 1)  # first directory sector
    struct.pack_into("<I", hdr, 0x38, 4096)
    struct.pack_into("<I", hdr, 0x3C, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", hdr, 0x44, 0xFFFFFFFE)  # no DIFAT sectors
    difat = [0] + [0xFFFFFFFF] * 108
    struct.pack_into("<109I", hdr, 0x4C, *difat)
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [0xFFFFFFFF] * (ssz // 4 - 2)
    fat_sec = struct.pack(f"<{ssz // 4}I", *fat)

    def entry(name: str, typ: int, child=0xFFFFFFFF, right=0xFFFFFFFF) -> bytes:
        e = bytearray(128)
        raw = name.encode("utf-16-le") + b"\x00\x00"
        e[:len(raw)] = raw
        struct.pack_into("<HBB", e, 0x40, len(raw), typ, 1)
        struct.pack_into("<III", e, 0x44, 0xFFFFFFFF, right, child)
        struct.pack_into("<I", e, 0x74, 0xFFFFFFFE)
        return bytes(e)

    entries = [entry("Root Entry", 5, child=1 if streams else 0xFFFFFFFF)]
    for i, name in enumerate(streams):
        right = i + 2 if i + 1 < len(streams) else 0xFFFFFFFF
        entries.append(entry(name, 2, right=right))
    dir_sec = b"".join(entries).ljust(ssz, b"\x00")
    return bytes(hdr) + fat_sec + dir_sec


@contextlib.contextmanager
def no_libreoffice():
    """Import without LibreOffice (EMF/WMF keep `needs_raster` + `bbox`): the path a machine
    without it takes, and fast. Tests of the LibreOffice path are marked `slow`."""
    old = os.environ.get("CREATOR_STUDIO_SOFFICE")
    os.environ["CREATOR_STUDIO_SOFFICE"] = "none"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("CREATOR_STUDIO_SOFFICE", None)
        else:
            os.environ["CREATOR_STUDIO_SOFFICE"] = old


@pytest.fixture(autouse=True)
def _libreoffice_only_for_slow_tests(request, monkeypatch):
    if request.node.get_closest_marker("slow") is None:
        monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", "none")


@pytest.fixture(scope="session")
def feature_deck(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("decks")
    good = build_feature_deck(d / "good.pptx")
    # Break slide 5's picture: drop its media part so the relationship dangles.
    with zipfile.ZipFile(good) as z:
        rels = z.read("ppt/slides/_rels/slide5.xml.rels")
    root = etree.fromstring(rels)
    target = next(r.get("Target") for r in root if r.get("Type") == RT.IMAGE)
    media = "ppt/" + target.replace("../", "")
    return rewrite_zip(good, d / "功能演示.pptx", drop={media})


@pytest.fixture(scope="session")
def small_deck(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("small")
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "小测试"
    s.placeholders[1].text_frame.text = "内容"
    prs.save(d / "small.pptx")
    return d / "small.pptx"


class _Tools:
    """The builders above, as a fixture (test modules cannot import conftest under importlib)."""

    png_bytes = staticmethod(png_bytes)
    no_libreoffice = staticmethod(no_libreoffice)
    emf_bytes = staticmethod(emf_bytes)
    rewrite_zip = staticmethod(rewrite_zip)
    make_zip_bomb = staticmethod(make_zip_bomb)
    make_cfb = staticmethod(make_cfb)


@pytest.fixture
def tools() -> type[_Tools]:
    return _Tools
