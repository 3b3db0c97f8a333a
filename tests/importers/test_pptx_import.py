"""PPTX import: every corpus presentation, plus a generated deck with the hard cases.

Expected counts were checked independently against the files (slide XML `<p:pic>`, `<a:tbl>`,
`<c:chart>` counts, notes pages with text) — see docs/importing.md.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from creator_studio.core.errors import Cancelled, SourceError
from creator_studio.core.importers import import_source, safety
from creator_studio.core.importers.pptx_importer import import_pptx
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import loads
from creator_studio.core.lesson.model import (
    BulletList,
    Chart,
    Image,
    Media,
    Paragraph,
    Table,
)
from creator_studio.core.lesson.serialize import dumps

CORPUS = Path(__file__).parents[1] / "data" / "corpus" / "pptx"

# file → (pages, notes, tables, charts, images, media) or the expected error code
EXPECTED: dict[str, tuple[int, int, int, int, int, int] | str] = {
    "docling_powerpoint_sample.pptx": (3, 2, 1, 0, 0, 0),
    "docling_pptx_chart.pptx": (2, 0, 0, 2, 0, 0),
    "markitdown_test.pptx": (6, 0, 1, 1, 2, 0),
    "poi_EmbeddedAudio.pptx": (1, 0, 0, 0, 0, 1),
    "poi_fuzz_5463285576892416.pptx": "CORRUPT",
    "poi_smartart-simple.pptx": (1, 0, 0, 0, 0, 0),
    "poi_testPPT.ppsx": (3, 0, 0, 0, 0, 0),
    "pptxjs_Sample_12.pptx": (11, 0, 2, 3, 11, 0),
    "pptxtojson_test.pptx": (19, 0, 3, 8, 3, 0),
    "pptxtojson_test2.pptx": (1, 0, 0, 0, 0, 0),
    "ptools_Empty.pptx": (0, 0, 0, 0, 0, 0),
    "pythonpptx_cht-chart-type.pptx": (8, 0, 0, 31, 0, 0),
    "sdk_AllSlidesConverterSC.pptx": (5, 0, 0, 0, 0, 0),
    "sdk_Of16-02_chartex.pptx": (1, 0, 0, 1, 0, 0),
    "sdk_strict_autonum_ea.pptx": (1, 0, 0, 0, 0, 0),  # ISO Strict, namespaces mapped
    "tika_encrypted_passtika.pptx": "ENCRYPTED",
    "unstructured_group-shapes-nested.pptx": (1, 0, 0, 0, 0, 0),
    "程序员晚枫-2.pptx": (2, 0, 0, 0, 0, 0),
    # designed and animated decks added for issue 15 (tests/data/corpus/MANIFEST-issue15.md)
    "anim_aspose_AnimationRewind.pptx": (1, 0, 0, 0, 1, 0),
    "anim_aspose_SimpleAnimations.pptx": (4, 0, 0, 0, 0, 0),
    "anim_poi_keyframes_transitions.pptx": (28, 0, 0, 0, 0, 0),
    "anim_ppl_CreateTrigger.pptx": (21, 0, 0, 0, 1, 0),
    "anim_ppl_HighlightPoints.pptx": (33, 0, 0, 0, 1, 0),
    "anim_sdk_SmartArt_OrgChart_by_level.pptx": (1, 1, 0, 0, 0, 0),
    "anim_sdk_o09_Performance_typical.pptx": (11, 4, 1, 2, 19, 0),  # 2 MS Graph OLE charts
    "anim_shapecrawler_p14_reveal_chart.pptx": (1, 0, 0, 2, 0, 0),
    "zh_designed_aisys_L3_Framework.pptx": (48, 0, 1, 0, 53, 0),
    "zh_designed_aisys_L7_Platform.pptx": (46, 21, 1, 0, 36, 0),
    "zh_designed_aisys_ch13_figs.pptx": (3, 1, 6, 0, 1, 0),
}


def test_every_corpus_presentation_is_listed():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_imports_or_refuses(name, tmp_path):
    want = EXPECTED[name]
    if isinstance(want, str):
        with pytest.raises(SourceError) as ei:
            import_source(CORPUS / name, assets_dir=tmp_path)
        assert ei.value.code == want
        assert ei.value.message_zh and ei.value.message_en
        return
    lesson = import_source(CORPUS / name, assets_dir=tmp_path)
    c = lesson.counts()
    got = (c["pages"], c["notes"], c["tables"], c["charts"], c["images"], c["media"])
    assert got == want
    assert lesson.source.kind == "pptx" and len(lesson.source.sha256) == 64
    assert lesson.title
    # Every stored asset exists, and the model survives a JSON round trip.
    for page in lesson.pages:
        for b in page.blocks:
            if isinstance(b, (Image, Media)) and b.asset:
                assert (tmp_path / b.asset).is_file()
    assert loads(dumps(lesson)) == lesson


def _lesson(name: str, tmp_path):
    return import_source(CORPUS / name, assets_dir=tmp_path)


def test_smartart_text_comes_from_diagram_parts(tmp_path):
    page = _lesson("poi_smartart-simple.pptx", tmp_path).pages[0]
    lists = [b for b in page.blocks if isinstance(b, BulletList)]
    assert [i.text for i in lists[0].items] == ["abc", "def", "ghi"]


def test_3d_charts_read_from_xml(tmp_path):
    lesson = _lesson("docling_pptx_chart.pptx", tmp_path)
    charts = [b for p in lesson.pages for b in p.blocks if isinstance(b, Chart)]
    assert [(c.chart_type, c.is_3d) for c in charts] == [("column", False), ("column", True)]
    assert charts[0].title == "Wild Duck Observations by Year"
    assert charts[1].categories == ["Q1", "Q2", "Q3"]
    assert charts[1].series[0].values == [10.0, 20.0, 30.0]
    many = [b for p in _lesson("pythonpptx_cht-chart-type.pptx", tmp_path).pages
            for b in p.blocks if isinstance(b, Chart)]
    types = {b.chart_type for b in many}
    assert {"area", "scatter", "radar", "pie", "column", "bar", "line"} <= types
    area3d = next(b for b in many if b.chart_type == "area" and b.is_3d)
    assert area3d.categories[:2] == ["2002-01-05", "2002-01-06"]  # date axis from serials
    assert [s.name for s in area3d.series] == ["Series 1", "Series 2"]
    pie = [b for p in _lesson("pptxtojson_test.pptx", tmp_path).pages for b in p.blocks
           if isinstance(b, Chart) and b.chart_type == "pie" and b.is_3d][0]
    assert pie.categories == ["第一季", "第二季", "第三季", "第四季"]
    assert pie.series[0].name == "銷售" and pie.series[0].values[:3] == [8.2, 3.2, 1.4]


def test_chartex_is_an_unsupported_chart_with_its_fallback_picture(tmp_path):
    page = _lesson("sdk_Of16-02_chartex.pptx", tmp_path).pages[0]
    assert [b.kind for b in page.blocks] == ["chart"]
    chart = page.blocks[0]
    assert chart.chart_type == "unsupported" and chart.needs_raster
    assert chart.raster_asset and (tmp_path / chart.raster_asset).read_bytes()[:4] == b"\x89PNG"
    assert chart.bbox == pytest.approx([0.16667, 0.10494, 0.66667, 0.79012], abs=1e-4)
    assert [s.name for s in chart.series] == ["Series1", "Series2", "Series3"]
    assert chart.categories[:2] == ["Category 1", "Category 1"] and len(chart.series[0].values) == 22


def test_embedded_audio_extracted_as_asset(tmp_path):
    page = _lesson("poi_EmbeddedAudio.pptx", tmp_path).pages[0]
    media = page.blocks[0]
    assert isinstance(media, Media) and media.media_type == "audio"
    assert media.mime == "audio/mpeg" and media.asset.endswith(".mp3")
    with zipfile.ZipFile(CORPUS / "poi_EmbeddedAudio.pptx") as z:
        assert (tmp_path / media.asset).read_bytes() == z.read("ppt/media/media1.mp3")
    assert media.poster_asset and media.is_narration is False


def test_powerpoint_narration_is_marked(tmp_path, tools):
    src = CORPUS / "poi_EmbeddedAudio.pptx"
    with zipfile.ZipFile(src) as z:
        xml = z.read("ppt/slides/slide1.xml")
    assert xml.count(b"<p:audio>") == 1
    deck = tools.rewrite_zip(src, tmp_path / "narrated.pptx", replace={
        "ppt/slides/slide1.xml": xml.replace(b"<p:audio>", b'<p:audio isNarration="1">')})
    media = import_source(deck, assets_dir=tmp_path / "a").pages[0].blocks[0]
    assert isinstance(media, Media) and media.is_narration


def test_nested_groups_reading_order_and_warnings_free(tmp_path):
    page = _lesson("unstructured_group-shapes-nested.pptx", tmp_path).pages[0]
    assert [b.plain_text() for b in page.blocks] == list("ABCDEFGHIJ")
    assert page.warnings == []


def test_numbered_list_and_notes(tmp_path):
    lesson = _lesson("docling_powerpoint_sample.pptx", tmp_path)
    assert sum(p.narration != "" for p in lesson.pages) == 2
    tables = [b for p in lesson.pages for b in p.blocks if isinstance(b, Table)]
    assert tables[0].rows and tables[0].n_cols >= 2


def test_ppsx_variant_read_as_presentation(tmp_path):
    info = safety.inspect(CORPUS / "poi_testPPT.ppsx")
    assert (info.family, info.variant) == ("pptx", ".ppsx")
    lesson = import_pptx(info, tmp_path, Job())
    assert len(lesson.pages) == 3 and lesson.title == "Attachment Test"


# --- the generated feature deck ------------------------------------------------------------


@pytest.fixture(scope="module")
def feature_lesson(feature_deck, tmp_path_factory):
    assets = tmp_path_factory.mktemp("assets")
    old = os.environ.get("CREATOR_STUDIO_SOFFICE")
    os.environ["CREATOR_STUDIO_SOFFICE"] = "none"  # module fixture: runs before the autouse one
    try:
        return import_source(feature_deck, assets_dir=assets), assets
    finally:
        if old is None:
            os.environ.pop("CREATOR_STUDIO_SOFFICE", None)
        else:
            os.environ["CREATOR_STUDIO_SOFFICE"] = old


def test_titles_runs_breaks_levels_notes_timing(feature_lesson):
    lesson, _ = feature_lesson
    assert lesson.title == "第一章 保险基础"
    p1 = lesson.pages[0]
    assert p1.title == "第一章 保险基础" and p1.duration == 5.0 and not p1.hidden
    assert p1.narration == "大家好\n今天讲保险基础。"  # "\v" normalised
    body = p1.blocks[0]
    assert isinstance(body, BulletList)
    assert [i.text for i in body.items] == ["要点一\n第二行", "加粗红字链接", "二级要点"]
    assert [i.level for i in body.items] == [0, 0, 1]
    bold, link = body.items[1].runs
    assert bold.bold and bold.color == "C000" + "00" and bold.size_pt == 24.0
    assert link.link == "https://example.com/保险" and not link.bold
    assert "\x0b" not in dumps(lesson)


def test_group_transform_hidden_slide_and_alternatecontent_timing(feature_lesson):
    p2 = feature_lesson[0].pages[1]
    assert p2.hidden and p2.duration == 3.0
    assert [b.plain_text() for b in p2.blocks] == ["最上面", "中间的文字", "组内第一", "嵌套组内"]


def test_table_merges_chart_pictures_and_fallback_shape(feature_lesson):
    lesson, assets = feature_lesson
    p3 = lesson.pages[2]
    table = next(b for b in p3.blocks if isinstance(b, Table))
    assert [[(c.text, c.row_span, c.col_span) for c in row] for row in table.rows] == [
        [("险种与保费", 1, 2), ("备注", 1, 1)],
        [("寿险", 1, 1), ("100", 1, 1), ("含分红", 2, 1)],
        [("车险", 1, 1), ("80", 1, 1)],
    ]
    chart = next(b for b in p3.blocks if isinstance(b, Chart))
    assert chart.categories == ["一季度", "二季度", "三季度"]
    assert [(s.name, s.values) for s in chart.series] == [("保费收入", [10.5, 20.0, 30.0]),
                                                          ("赔付", [5.0, None, 12.0])]
    images = [b for b in p3.blocks if isinstance(b, Image)]
    png, emf = images  # the linked picture is left out, with a warning (never a placeholder)
    assert png.mime == "image/png" and (png.width_px, png.height_px) == (40, 30)
    assert (assets / png.asset).read_bytes()[:4] == b"\x89PNG"
    assert emf.mime == "image/emf" and emf.needs_raster and emf.asset.endswith(".emf")
    assert png.bbox and emf.bbox and all(0 <= v <= 1 for v in png.bbox)
    assert any("外部链接" in w for w in p3.warnings)
    texts = [b.plain_text() for b in p3.blocks if isinstance(b, Paragraph)]
    assert "公式的备用文本" in texts and "只有新版才显示的公式" not in texts


def test_empty_placeholders_give_nothing_and_broken_picture_degrades(feature_lesson, feature_deck):
    lesson, _ = feature_lesson
    p4, p5 = lesson.pages[3], lesson.pages[4]
    assert p4.blocks == [] and p4.title == "" and p4.narration == ""
    assert p5.title == "坏图片"
    assert p5.blocks == []  # a missing picture is left out …
    assert any("缺失" in w for w in p5.warnings)  # … and the page says what was lost
    assert any("不存在" in w for w in lesson.warnings)  # the dangling relationship
    c = lesson.counts()
    assert (c["pages"], c["hidden_pages"], c["notes"], c["tables"], c["charts"], c["images"]) == \
        (5, 1, 1, 1, 1, 2)


def test_notes_slides_are_never_created(feature_deck, small_deck, tmp_path):
    before = zipfile.ZipFile(small_deck).namelist()
    import_source(small_deck, assets_dir=tmp_path)
    assert zipfile.ZipFile(small_deck).namelist() == before
    assert not any("notesSlide" in n for n in before)


def test_one_broken_shape_degrades_that_shape(small_deck, tmp_path, tools):
    with zipfile.ZipFile(small_deck) as z:
        xml = z.read("ppt/slides/slide1.xml")
    broken = (
        b'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="90" name="\xe5\x9d\x8f\xe5\x9b\xbe\xe8\xa1\xa8"/>'
        b'<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/>'
        b'<a:ext cx="10" cy="10"/></p:xfrm><a:graphic><a:graphicData '
        b'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart '
        b'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId99"/>'
        b'</a:graphicData></a:graphic></p:graphicFrame>')
    assert xml.count(b"</p:spTree>") == 1
    deck = tools.rewrite_zip(small_deck, tmp_path / "broken-shape.pptx", replace={
        "ppt/slides/slide1.xml": xml.replace(b"</p:spTree>", broken + b"</p:spTree>")})
    page = import_source(deck, assets_dir=tmp_path / "a").pages[0]
    assert page.title == "小测试" and [b.plain_text() for b in page.blocks] == ["内容"]
    assert any("坏图表" in w and "KeyError" in w for w in page.warnings)


def test_progress_and_cancel(feature_deck, tmp_path):
    events = []
    job = Job(events.append)
    import_source(feature_deck, assets_dir=tmp_path / "a", job=job)
    assert events[-1].done == 5 and events[-1].total == 5
    job2 = Job()

    def cancel_after_first(ev):
        if ev.done >= 1:
            job2.cancel()

    job2.subscribe(cancel_after_first)
    with pytest.raises(Cancelled):
        import_source(feature_deck, assets_dir=tmp_path / "b", job=job2)


def test_json_of_the_model_is_plain(feature_lesson):
    doc = json.loads(dumps(feature_lesson[0]))
    assert doc["source"]["slide_width_emu"] == 12191695  # Inches(13.333)
    assert doc["pages"][1]["hidden"] is True


def test_import_asset_store_names_match_asset_store(tmp_path):
    from creator_studio.core.lesson.assets import AssetStore

    data = b"\x89PNG\r\n\x1a\n" + bytes(range(200))
    fast, slow = AssetStore(tmp_path / "f", durable=False), AssetStore(tmp_path / "s")
    assert fast.put(data, ".PNG") == slow.put(data, ".PNG")
    name = fast.put(data, ".png")
    assert (tmp_path / "f" / name).read_bytes() == data
    assert sorted(p.name for p in (tmp_path / "f").iterdir()) == [name]  # no temp files left


def test_malformed_slide_xml_costs_that_slide_only(tmp_path, tools):
    from pptx import Presentation

    prs = Presentation()
    for t in ("一", "二", "三"):
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = t
    src = tmp_path / "three.pptx"
    prs.save(src)
    with zipfile.ZipFile(src) as z:
        xml = z.read("ppt/slides/slide2.xml")
    bad = tools.rewrite_zip(src, tmp_path / "bad-slide.pptx",
                            replace={"ppt/slides/slide2.xml": xml[: len(xml) // 2]})
    lesson = import_source(bad, assets_dir=tmp_path / "a")
    assert [p.title for p in lesson.pages] == ["一", "三"]
    assert any("slide2.xml" in w and "损坏" in w for w in lesson.warnings)
    with zipfile.ZipFile(src) as z:
        main = z.read("ppt/presentation.xml")
    worse = tools.rewrite_zip(src, tmp_path / "bad-main.pptx",
                              replace={"ppt/presentation.xml": main[:-40]})
    with pytest.raises(SourceError) as ei:
        import_source(worse, assets_dir=tmp_path / "b")
    assert ei.value.code == "CORRUPT"


def test_mutated_corpus_never_crashes(tmp_path, tools):
    """Seeded mutations of XML members: every result is a Lesson or a typed SourceError."""
    import random

    rng = random.Random(20261128)
    decks = [CORPUS / n for n in ("pptxtojson_test.pptx", "markitdown_test.pptx",
                                  "poi_EmbeddedAudio.pptx", "poi_smartart-simple.pptx",
                                  "docling_pptx_chart.pptx", "unstructured_group-shapes-nested.pptx")]
    outcomes = {"ok": 0, "refused": 0}
    for i in range(60):
        src = rng.choice(decks)
        with zipfile.ZipFile(src) as z:
            names = [n for n in z.namelist() if n.endswith((".xml", ".rels"))]
            target = rng.choice(names)
            data = bytearray(z.read(target))
        mode = rng.choice(["flip", "truncate", "attrs"])
        if mode == "flip":
            for _ in range(rng.randint(1, 6)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif mode == "truncate":
            data = data[: rng.randrange(len(data))]
        else:
            text = data.decode("utf-8", "replace")
            for attr in ('r:embed="', 'r:id="', 'Target="', 'x="', 'cx="', 'gridSpan="', 'advTm="'):
                text = text.replace(attr, attr + "X", rng.randint(0, 2))
            data = bytearray(text.encode())
        f = tools.rewrite_zip(src, tmp_path / f"m{i}.pptx", replace={target: bytes(data)})
        try:
            import_source(f, assets_dir=tmp_path / "assets")
            outcomes["ok"] += 1
        except SourceError as e:
            assert e.code in {"CORRUPT", "MISSING_PART", "NOT_OFFICE", "WRONG_TYPE"}
            outcomes["refused"] += 1
    assert outcomes["ok"] > 30  # most damage is local and degrades, not refuses


def test_picture_bombs_and_unknown_bytes_degrade(tmp_path, small_deck, tools):
    import struct
    import zlib as _z

    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation(small_deck)
    slide = prs.slides[0]
    slide.shapes.add_picture(io.BytesIO(tools.png_bytes()), Inches(1), Inches(5))
    slide.shapes.add_picture(io.BytesIO(tools.png_bytes((1, 2, 3))), Inches(3), Inches(5))
    src = tmp_path / "pics.pptx"
    prs.save(src)
    ihdr = struct.pack(">IIBBBBB", 40000, 40000, 8, 2, 0, 0, 0)
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", _z.crc32(kind + data))

    # 40000 x 40000 declared in the header; only a few bytes of pixel data follow.
    huge = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", _z.compress(bytes(64)))
            + chunk(b"IEND", b""))
    with zipfile.ZipFile(src) as z:
        media = sorted(n for n in z.namelist() if n.startswith("ppt/media/"))
    assert len(media) == 2
    deck = tools.rewrite_zip(src, tmp_path / "bombs.pptx",
                             replace={media[0]: huge, media[1]: b"not a picture at all"})
    page = import_source(deck, assets_dir=tmp_path / "a").pages[0]
    images = [b for b in page.blocks if isinstance(b, Image)]
    assert images == []  # both left out, never drawn as placeholders
    assert len(page.warnings) == 2
    assert sorted("像素" in w for w in page.warnings) == [False, True]
    assert not (tmp_path / "a").exists() or not any((tmp_path / "a").iterdir())


def test_linked_media_is_kept_as_a_warning(tmp_path, tools):
    src = CORPUS / "poi_EmbeddedAudio.pptx"
    with zipfile.ZipFile(src) as z:
        rels = z.read("ppt/slides/_rels/slide1.xml.rels").decode()
    for target in ('Target="../media/media1.mp3"',):
        assert rels.count(target) == 2
        rels = rels.replace(target, 'Target="https://example.com/讲解.mp3" TargetMode="External"')
    deck = tools.rewrite_zip(src, tmp_path / "linked-audio.pptx",
                             replace={"ppt/slides/_rels/slide1.xml.rels": rels.encode()},
                             drop={"ppt/media/media1.mp3"})
    page = import_source(deck, assets_dir=tmp_path / "a").pages[0]
    media = page.blocks[0]
    assert isinstance(media, Media) and media.asset is None and media.poster_asset
    assert any("外部链接" in w for w in page.warnings)


def test_absurdly_deep_groups_are_cut_off_with_a_warning(tmp_path, small_deck, tools):
    with zipfile.ZipFile(small_deck) as z:
        xml = z.read("ppt/slides/slide1.xml").decode()
    leaf = ('<p:sp><p:nvSpPr><p:cNvPr id="500" name="深处"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></a:xfrm></p:spPr>'
            '<p:txBody><a:bodyPr/><a:p><a:r><a:t>{}</a:t></a:r></a:p></p:txBody></p:sp>')
    group_open = ('<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{}" name="g"/><p:cNvGrpSpPr/><p:nvPr/>'
                  '</p:nvGrpSpPr><p:grpSpPr/>')
    shallow = group_open.format(400) * 3 + leaf.format("三层") + "</p:grpSp>" * 3
    deep = "".join(group_open.format(600 + i) for i in range(200)) + leaf.format("太深") + \
        "</p:grpSp>" * 200
    deck = tools.rewrite_zip(small_deck, tmp_path / "deep.pptx", replace={
        "ppt/slides/slide1.xml": xml.replace("</p:spTree>", shallow + deep + "</p:spTree>").encode()})
    page = import_source(deck, assets_dir=tmp_path / "a").pages[0]
    texts = [b.plain_text() for b in page.blocks]
    assert "三层" in texts and "太深" not in texts
    assert any("嵌套过深" in w for w in page.warnings)
