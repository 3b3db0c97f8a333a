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
    art = LongImageFormat().render(lesson, tmp_path / "out", {"image_format": "jpeg"}, Job())
    jpgs = [f for f in art.files if f.role == "image"]
    assert len(jpgs) == art.info["segment_count"] >= 1
    assert art.info["page_count"] == len(lesson.visible_pages())
    for f in jpgs:
        assert f.height <= 4000
        with PILImage.open(tmp_path / "out" / f.path) as im:
            assert im.size == (750, f.height)
    assert sum(f.height for f in jpgs) == art.info["total_height"]
    # pictures the importer kept are shown or explained, never dropped
    assert art.info["placeholders"] <= lesson.counts()["images"]
    assert sum("占位" in w for w in art.warnings) == art.info["placeholders"]


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
