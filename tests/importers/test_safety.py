"""`safety.inspect`: every refusal is a typed, bilingual SourceError, decided before parsing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from pptx import Presentation

from creator_studio.core.errors import SourceError
from creator_studio.core.importers import import_source, safety
from creator_studio.core.importers.safety import ZipLimits

CORPUS = Path(__file__).parents[1] / "data" / "corpus"

# Every corpus file: (family, variant) when accepted, else the error code.
EXPECTED = {
    "docx/docling_docx_grouped_images.docx": ("docx", ".docx"),
    "docx/docling_docx_rich_cells.docx": ("docx", ".docx"),
    "docx/docling_drawingml.docx": ("docx", ".docx"),
    "docx/docling_equations.docx": ("docx", ".docx"),
    "docx/docx4j_sample-docx.docx": ("docx", ".docx"),
    "docx/mammoth_strict-format.docx": ("docx", ".docx"),  # Strict, read through the mapping
    "docx/pandoc_diagram.docx": ("docx", ".docx"),
    "docx/poi_SimpleMacro.docm": ("docx", ".docm"),
    "docx/poi_fuzz_4791943399604224.docx": "CORRUPT",
    "docx/ptools_HC004_zh_ResumeTemplate.docx": ("docx", ".docx"),
    "docx/ptools_LIR010_ideographTraditional.docx": ("docx", ".docx"),
    "docx/pyoffice_zh_word_table.docx": ("docx", ".docx"),
    "docx/sdk_InvalidDocProps.docx": ("docx", ".docx"),
    "docx/sdk_zh_A4.docx": ("docx", ".docx"),
    "docx/sdk_zh_table_2006.docx": ("docx", ".docx"),
    "docx/tika_encrypted_passtika.docx": "ENCRYPTED",
    "docx/tika_testWORD_truncated.docx": "CORRUPT",
    "docx/tika_testWORD_various.docx": ("docx", ".docx"),
    "pptx/docling_powerpoint_sample.pptx": ("pptx", ".pptx"),
    "pptx/docling_pptx_chart.pptx": ("pptx", ".pptx"),
    "pptx/markitdown_test.pptx": ("pptx", ".pptx"),
    "pptx/poi_EmbeddedAudio.pptx": ("pptx", ".pptx"),
    "pptx/poi_fuzz_5463285576892416.pptx": "CORRUPT",
    "pptx/poi_smartart-simple.pptx": ("pptx", ".pptx"),
    "pptx/poi_testPPT.ppsx": ("pptx", ".ppsx"),
    "pptx/pptxjs_Sample_12.pptx": ("pptx", ".pptx"),
    "pptx/pptxtojson_test.pptx": ("pptx", ".pptx"),
    "pptx/pptxtojson_test2.pptx": ("pptx", ".pptx"),
    "pptx/ptools_Empty.pptx": ("pptx", ".pptx"),
    "pptx/pythonpptx_cht-chart-type.pptx": ("pptx", ".pptx"),
    "pptx/sdk_AllSlidesConverterSC.pptx": ("pptx", ".pptx"),
    "pptx/sdk_Of16-02_chartex.pptx": ("pptx", ".pptx"),
    "pptx/sdk_strict_autonum_ea.pptx": ("pptx", ".pptx"),  # Strict, read through the mapping
    "pptx/tika_encrypted_passtika.pptx": "ENCRYPTED",
    "pptx/unstructured_group-shapes-nested.pptx": ("pptx", ".pptx"),
    "pptx/程序员晚枫-2.pptx": ("pptx", ".pptx"),
    **{f"pptx/{n}.pptx": ("pptx", ".pptx") for n in (
        "anim_aspose_AnimationRewind", "anim_aspose_SimpleAnimations",
        "anim_ppl_CreateTrigger", "anim_ppl_HighlightPoints",
        "anim_sdk_SmartArt_OrgChart_by_level", "anim_sdk_o09_Performance_typical",
        "anim_shapecrawler_p14_reveal_chart", "zh_designed_aisys_L3_Framework",
        "zh_designed_aisys_L7_Platform", "zh_designed_aisys_ch13_figs")},
    "pptx/anim_poi_keyframes_transitions.pptx": ("pptx", ".pptm"),  # macro-enabled inside
}


def test_every_corpus_file_is_listed():
    found = sorted(f"{p.parent.name}/{p.name}" for sub in ("pptx", "docx")
                   for p in (CORPUS / sub).iterdir())
    assert found == sorted(EXPECTED)


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_corpus_inspect(rel):
    want = EXPECTED[rel]
    if isinstance(want, str):
        with pytest.raises(SourceError) as ei:
            safety.inspect(CORPUS / rel)
        err = ei.value
        assert err.code == want
        assert err.one_line().startswith(f"error[{want}]: ")
        assert "\n" not in err.one_line() and any("\u4e00" <= ch <= "\u9fff" for ch in err.message_zh)
        return
    info = safety.inspect(CORPUS / rel)
    assert (info.family, info.variant) == want
    assert info.sha256 == __import__("hashlib").sha256((CORPUS / rel).read_bytes()).hexdigest()
    # Whatever the variant, the stream opens in the base-type library.
    stream = info.open_stream()
    if info.family == "pptx":
        Presentation(stream)
    else:
        docx.Document(stream)


def test_docm_and_invalid_docprops_need_a_rewrite_that_opens():
    docm = safety.inspect(CORPUS / "docx/poi_SimpleMacro.docm")
    assert docm.needs_rewrite
    with pytest.raises(ValueError):
        docx.Document(str(CORPUS / "docx/poi_SimpleMacro.docm"))  # what we protect against
    assert docx.Document(docm.open_stream()).paragraphs is not None
    props = safety.inspect(CORPUS / "docx/sdk_InvalidDocProps.docx")
    assert {t for _r, _i, t in props.dangling_rels} == {"docProps/core.xml", "docProps/app.xml"}
    assert any("docProps/core.xml" in w for w in props.warnings)


# --- generated hostile files ---------------------------------------------------------------


def _code(path: Path, **kw) -> str:
    with pytest.raises(SourceError) as ei:
        safety.inspect(path, **kw)
    return ei.value.code


def test_missing_empty_directory_random(tmp_path):
    assert _code(tmp_path / "nope.pptx") == "FILE_NOT_FOUND"
    assert _code(tmp_path) == "FILE_NOT_FOUND"
    (tmp_path / "empty.pptx").write_bytes(b"")
    assert _code(tmp_path / "empty.pptx") == "EMPTY_FILE"
    (tmp_path / "noise.pptx").write_bytes(os.urandom(4096))
    assert _code(tmp_path / "noise.pptx") == "NOT_OFFICE"
    (tmp_path / "doc.pdf.pptx").write_bytes(b"%PDF-1.7\n" + os.urandom(100))
    with pytest.raises(SourceError) as ei:
        safety.inspect(tmp_path / "doc.pdf.pptx")
    assert ei.value.code == "NOT_OFFICE" and "PDF" in ei.value.message_zh


def test_file_size_cap(tmp_path, small_deck):
    with pytest.raises(SourceError) as ei:
        safety.inspect(small_deck, limits=ZipLimits(max_file_size=1000))
    assert ei.value.code == "FILE_TOO_LARGE"


@pytest.mark.parametrize("streams,code", [
    (["EncryptionInfo", "EncryptedPackage"], "ENCRYPTED"),
    (["PowerPoint Document", "Current User"], "LEGACY_BINARY"),
    (["WordDocument", "1Table"], "LEGACY_BINARY"),
    (["Workbook"], "WRONG_TYPE"),
    (["__substg1.0_0037001F"], "NOT_OFFICE"),
])
def test_ole2_containers(tmp_path, tools, streams, code):
    data = tools.make_cfb(streams)
    assert safety.cfb_stream_names(data) == ["Root Entry"] + streams
    f = tmp_path / "x.pptx"
    f.write_bytes(data)
    assert _code(f) == code


def test_ole2_with_broken_directory_falls_back_to_name_scan(tmp_path):
    f = tmp_path / "broken.docx"
    junk = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    junk[0x1E] = 0x77  # impossible sector shift
    f.write_bytes(bytes(junk) + "EncryptionInfo".encode("utf-16-le"))
    assert _code(f) == "ENCRYPTED"


def test_legacy_message_says_what_to_do(tmp_path, tools):
    f = tmp_path / "old.ppt"
    f.write_bytes(tools.make_cfb(["PowerPoint Document"]))
    with pytest.raises(SourceError) as ei:
        safety.inspect(f)
    assert "另存为" in ei.value.message_zh and ".pptx" in ei.value.message_en


def test_zip_bomb_refused_fast_without_inflating(tmp_path, tools, small_deck):
    bomb = tools.make_zip_bomb(small_deck, tmp_path / "bomb.pptx", zero_mb=300)
    assert bomb.stat().st_size < 2_000_000
    script = (
        "import resource, sys, time\n"
        "from creator_studio.core.importers import safety\n"
        "from creator_studio.core.errors import SourceError\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter()\n"
        "try:\n"
        "    safety.inspect(sys.argv[1]); code = 'ACCEPTED'\n"
        "except SourceError as e:\n"
        "    code = e.code\n"
        "dt = time.perf_counter() - t\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(code, dt, (after - before) / 1024)\n")
    out = subprocess.run([sys.executable, "-c", script, str(bomb)], capture_output=True,
                         text=True, timeout=60, check=True).stdout.split()
    code, seconds, grew_mb = out[0], float(out[1]), float(out[2])
    assert code == "ZIP_BOMB"
    assert seconds < 1.0
    assert grew_mb < 40  # the 300 MB member was never inflated


def test_zip_limits_are_configurable(tmp_path, small_deck, tools):
    assert safety.inspect(small_deck).member_count > 10
    assert _code(small_deck, limits=ZipLimits(max_members=10)) == "ZIP_BOMB"
    assert _code(small_deck, limits=ZipLimits(max_total_size=10_000)) == "ZIP_BOMB"
    assert _code(small_deck, limits=ZipLimits(max_member_size=1000)) == "ZIP_BOMB"
    bomb = tools.make_zip_bomb(small_deck, tmp_path / "padded.pptx", zero_mb=3)
    assert _code(bomb) == "ZIP_BOMB"  # 3 MiB at ~1000:1 breaks the ratio limit
    assert safety.inspect(bomb, limits=ZipLimits(max_ratio=10_000)).family == "pptx"


def test_truncated_and_corrupt_members(tmp_path, small_deck):
    data = small_deck.read_bytes()
    cut = tmp_path / "cut.pptx"
    cut.write_bytes(data[: len(data) // 2])
    assert _code(cut) == "CORRUPT"
    # A member whose bytes are damaged but the directory is intact.
    flipped = bytearray(data)
    with zipfile.ZipFile(small_deck) as z:
        info = z.getinfo("[Content_Types].xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start, start + min(info.compress_size, 200)):
        flipped[i] ^= 0x5A
    bad = tmp_path / "flipped.pptx"
    bad.write_bytes(bytes(flipped))
    assert _code(bad) == "CORRUPT"


def test_missing_main_part_and_plain_zip_and_odf(tmp_path, small_deck, tools):
    nomain = tools.rewrite_zip(small_deck, tmp_path / "nomain.pptx", drop={"ppt/presentation.xml"})
    assert _code(nomain) == "MISSING_PART"
    plain = tmp_path / "plain.pptx"
    with zipfile.ZipFile(plain, "w") as z:
        z.writestr("readme.txt", "hello")
    assert _code(plain) == "NOT_OFFICE"
    odp = tmp_path / "slides.pptx"
    with zipfile.ZipFile(odp, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        z.writestr("content.xml", "<x/>")
    assert _code(odp) == "WRONG_TYPE"


def test_xlsx_is_wrong_type(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "保费"
    f = tmp_path / "book.pptx"
    wb.save(f)
    with pytest.raises(SourceError) as ei:
        safety.inspect(f)
    assert ei.value.code == "WRONG_TYPE" and "Excel" in ei.value.message_zh


def test_docx_renamed_pptx_is_read_as_what_it_is(tmp_path):
    d = docx.Document()
    d.add_heading("改了扩展名的文档", 1)
    d.add_paragraph("正文")
    f = tmp_path / "renamed.pptx"
    d.save(f)
    info = safety.inspect(f)
    assert (info.family, info.variant, info.extension_mismatch) == ("docx", ".docx", True)
    assert any(".pptx" in w and "Word" in w for w in info.warnings)
    lesson = import_source(f, assets_dir=tmp_path / "a")
    assert lesson.source.kind == "docx"
    assert "正文" in "\n".join(p.plain_text() for p in lesson.pages)


@pytest.mark.parametrize("ct,variant", [
    ("application/vnd.openxmlformats-officedocument.presentationml.template.main+xml", ".potx"),
    ("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml", ".pptm"),
    ("application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml", ".ppsm"),
])
def test_presentation_variants(tmp_path, small_deck, tools, ct, variant):
    with zipfile.ZipFile(small_deck) as z:
        types = z.read("[Content_Types].xml").decode()
    types = types.replace(safety.CT_PRESENTATION, ct)
    f = tools.rewrite_zip(small_deck, tmp_path / f"deck{variant}",
                          replace={"[Content_Types].xml": types.encode()})
    info = safety.inspect(f)
    assert (info.family, info.variant) == ("pptx", variant)
    assert import_source(f, assets_dir=tmp_path / "a").pages[0].title == "小测试"


def test_dotx_variant(tmp_path, tools):
    d = docx.Document()
    d.add_paragraph("模板正文")
    src = tmp_path / "t.docx"
    d.save(src)
    with zipfile.ZipFile(src) as z:
        types = z.read("[Content_Types].xml").decode()
    types = types.replace(safety.CT_DOCUMENT, "application/vnd.openxmlformats-officedocument."
                                              "wordprocessingml.template.main+xml")
    f = tools.rewrite_zip(src, tmp_path / "t.dotx", replace={"[Content_Types].xml": types.encode()})
    info = safety.inspect(f)
    assert (info.family, info.variant) == ("docx", ".dotx")
    assert docx.Document(info.open_stream()).paragraphs[0].text == "模板正文"


def test_dangling_slide_reference_is_dropped(tmp_path, tools):
    prs = Presentation()
    for t in ("一", "二", "三"):
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = t
    src = tmp_path / "three.pptx"
    prs.save(src)
    f = tools.rewrite_zip(src, tmp_path / "two.pptx", drop={"ppt/slides/slide2.xml"})
    info = safety.inspect(f)
    assert [t for _r, _i, t in info.dangling_rels] == ["ppt/slides/slide2.xml"]
    lesson = import_source(f, assets_dir=tmp_path / "a")
    assert [p.title for p in lesson.pages] == ["一", "三"]
    assert any("slide2.xml" in w for w in lesson.warnings)


def test_entities_are_not_expanded(tmp_path, small_deck, tools):
    with zipfile.ZipFile(small_deck) as z:
        rels = z.read("_rels/.rels").decode()
    evil = rels.replace("<Relationships", '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        "<Relationships", 1) if rels.startswith("<Relationships") else \
        rels.replace("?>", '?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    f = tools.rewrite_zip(small_deck, tmp_path / "xxe.pptx", replace={"_rels/.rels": evil.encode()})
    assert safety.inspect(f).family == "pptx"  # parsed, entity neither fetched nor fatal


def test_inspected_file_stream_is_independent(small_deck):
    info = safety.inspect(small_deck)
    a, b = info.open_stream(), info.open_stream()
    a.read()
    assert isinstance(b, io.BytesIO) and b.tell() == 0
    assert json.dumps(info.warnings) == "[]"


def test_member_count_refused_from_the_end_record(tmp_path, small_deck):
    import struct

    data = bytearray(small_deck.read_bytes())
    pos = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, pos + 8, 65000, 65000)  # forged entry counts
    f = tmp_path / "many.pptx"
    f.write_bytes(bytes(data))
    assert safety._declared_member_count(bytes(data)) == 65000
    assert _code(f) == "ZIP_BOMB"
    many = tmp_path / "many-real.pptx"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(6000):
            z.writestr(f"x/{i}", b"")
    assert safety._declared_member_count(many.read_bytes()) == 6000
    assert _code(many) == "ZIP_BOMB"
