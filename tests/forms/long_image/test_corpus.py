"""Every corpus document that imports becomes a long image; the CLI writes parts, PDF, manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image as PILImage

from creator_studio.core.errors import SourceError
from creator_studio.core.forms.long_image import LongImageFormat
from creator_studio.core.importers import import_source
from creator_studio.core.jobs import Job

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"
FILES = sorted(p for p in CORPUS.glob("*/*") if p.suffix.lower() in
               {".pptx", ".ppsx", ".pptm", ".potx", ".docx", ".docm", ".dotx"})


def test_the_corpus_is_there():
    assert len(FILES) >= 30


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_renders_if_it_imports(path, tmp_path):
    try:
        lesson = import_source(path, assets_dir=tmp_path / "assets")
    except SourceError as exc:  # refused files are the importer's business; they fail typed
        assert exc.code and exc.message_zh and exc.message_en
        return
    # every page reflowed here (fast); the LibreOffice picture path is the slow test below
    art = LongImageFormat().render(lesson, tmp_path / "out",
                                   {"image_format": "jpeg", "slide_pictures": "never"}, Job())
    assert set(art.info["visual_modes"].values()) <= {"reflow"}
    jpgs = [f for f in art.files if f.role == "image"]
    assert len(jpgs) == art.info["segment_count"] >= 1
    assert art.info["page_count"] == len(lesson.visible_pages())
    for f in jpgs:
        assert f.height <= 4000
        with PILImage.open(tmp_path / "out" / f.path) as im:
            assert im.size == (750, f.height)
    assert sum(f.height for f in jpgs) == art.info["total_height"]
    # issue 15: no placeholder box is ever drawn; charts keep their type
    assert art.info["placeholders"] == 0
    _charts_keep_their_type(lesson, art)


def _charts_keep_their_type(lesson, art):
    from creator_studio.core.forms.long_image.layout import Options, build_layout
    from creator_studio.core.lesson.model import Chart
    from creator_studio.core.media.chart_draw import can_draw, chart_kind
    from creator_studio.core.themes import load_theme

    charts = [b for p in lesson.visible_pages() for b in p.all_blocks() if isinstance(b, Chart)]
    if not charts:
        return
    lay = build_layout(lesson, load_theme(art.info["theme"]), Options(750, 4000, slide_pictures="never"))
    drawn = [b.info["chart_type"] for b in lay.boxes if b.kind == "chart"]
    assert drawn == [chart_kind(c) for c in charts if can_draw(c)]
    assert not [b for b in lay.boxes if b.kind == "chart-bars"]


PPTX = [p for p in FILES if p.suffix.lower() in (".pptx", ".ppsx", ".pptm")]


@pytest.mark.slow
@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="needs LibreOffice")
@pytest.mark.parametrize("path", PPTX, ids=[p.name for p in PPTX])
def test_corpus_deck_in_its_own_modes_with_slide_pictures(path, tmp_path):
    """`auto`: the importer's mode per page; picture pages show LibreOffice's slide picture and
    the package passes the placeholder rule."""
    from creator_studio.core.forms import render_forms
    from creator_studio.core.norms import check_package

    try:
        lesson = import_source(path, assets_dir=tmp_path / "assets")
    except SourceError:
        return
    done, failed = render_forms(lesson, tmp_path / "out", ["long-image"], {"image_format": "jpeg"})
    assert not failed, failed
    info = done["long-image"].info
    wanted = {p.id for p in lesson.visible_pages() if p.visual_mode != "reflow"}
    drawn = {k for k, v in info["visual_modes"].items() if v != "reflow"}
    if info["slide_picture_backend"] == "libreoffice" or not wanted:
        assert drawn == wanted
    report = check_package(tmp_path / "out")
    assert not [f for f in report.findings if f.rule_id == "no-placeholder-text" and f.status == "fail"]


def test_cli_convert_to_long_image(tmp_path, corpus_dir):
    from creator_studio.cli import main

    src = corpus_dir / "pptx" / "pptxtojson_test.pptx"
    out = tmp_path / "out"
    rc = main(["convert", str(src), "--to", "long-image", "--out", str(out), "--width", "1080",
               "--theme", "warm-orange", "--quiet"])
    assert rc == 0
    parts = sorted((out / "long-image").glob("part-*.png"))
    assert parts and (out / "long-image" / "course.pdf").is_file()
    with PILImage.open(parts[0]) as im:
        assert im.width == 1080
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    form = manifest["forms"]["long-image"]
    assert form["info"]["theme"] == "warm-orange" and form["info"]["width"] == 1080
    assert form["info"]["page_count"] == manifest["lesson"]["pages"] - manifest["lesson"]["hidden_pages"]
    listed = {f["path"] for f in form["files"]}
    assert {f"long-image/{p.name}" for p in parts} <= listed
