"""The screen-record video makes no slide picture the animation layers replace (issue 16 speed):
a deck that animates every slide needs one LibreOffice run, not two; a page the layer run then
fails to draw still gets its picture."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from creator_studio.core.forms.screen_record import ScreenRecordFormat
from creator_studio.core.importers import import_source
from creator_studio.core.jobs import Job
from creator_studio.core.media import anim_layers, raster

_spec = importlib.util.spec_from_file_location("anim_decks", Path(__file__).with_name("anim_decks.py"))
anim_decks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(anim_decks)

needs_lo = pytest.mark.skipif(raster.soffice_exe() is None, reason="LibreOffice not installed")
SLIDES = [
    {"title": "第一页", "shapes": [("淡入", 100, 250, 400, 250)], "clicks": [[(0, "fade")]]},
    {"title": "静态页", "shapes": [("不动", 100, 250, 400, 250)]},
    {"title": "第三页", "shapes": [("飞入", 700, 250, 400, 250)], "clicks": [[(0, "fly-bottom")]],
     "transition": "fade"},
]


@pytest.fixture
def lesson(tmp_path):
    deck = anim_decks.build_deck(tmp_path / "d.pptx", SLIDES)
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    lesson.source_path = deck
    return lesson


def _spy(monkeypatch):
    calls = []
    real = raster.rasterize

    def rasterize(*a, **k):
        calls.append([p.id for p in k["pages"]])
        return real(*a, **k)

    monkeypatch.setattr(raster, "rasterize", rasterize)
    return calls


@needs_lo
def test_only_the_static_page_gets_a_slide_picture(lesson, tmp_path, monkeypatch):
    calls = _spy(monkeypatch)
    art = ScreenRecordFormat().render(lesson, tmp_path / "out", {"tts": "none", "resolution": "720p"}, Job())
    static = lesson.pages[1].id
    assert calls == [[static]]
    assert art.info["animated_pages"] == 2 and art.info["raster_backend"] == "libreoffice"
    assert art.info["animation_fallback_reason"] is None


@needs_lo
def test_every_slide_animated_means_one_libreoffice_run(lesson, tmp_path, monkeypatch):
    lesson.pages.pop(1)
    calls = _spy(monkeypatch)
    runs = []
    real = raster.convert_to_pdf
    monkeypatch.setattr(raster, "convert_to_pdf", lambda deck, *a, **k: runs.append(deck) or real(deck, *a, **k))
    art = ScreenRecordFormat().render(lesson, tmp_path / "out", {"tts": "none", "resolution": "720p"}, Job())
    assert calls == [] and len(runs) == 1  # the layer run only
    assert art.info["animated_pages"] == 2


@needs_lo
def test_layers_failing_the_pages_get_their_pictures_late(lesson, tmp_path, monkeypatch):
    calls = _spy(monkeypatch)

    def broken(*_a, **_k):
        raise RuntimeError("PDF has 3 pages for 4 slides")

    monkeypatch.setattr(anim_layers, "render_slide_layers", broken)
    art = ScreenRecordFormat().render(lesson, tmp_path / "out", {"tts": "none", "resolution": "720p"}, Job())
    first, static, third = (p.id for p in lesson.pages)
    assert calls == [[static], [first, third]]  # the animated pages, once the layers failed
    assert art.info["animated_pages"] == 0 and "PDF has 3 pages" in art.info["animation_fallback_reason"]
    # 1 s into the first page (after the 3 s title): its slide at the end state — the box that
    # would have faded in is there, in its colour
    from PIL import Image

    from creator_studio.core.media import ffmpeg

    png = tmp_path / "f.png"
    ffmpeg.run_ffmpeg(["-ss", "4.0", "-i", str(tmp_path / "out" / "screen-record" / "course.mp4"),
                       "-frames:v", "1", str(png)])
    frame = np.asarray(Image.open(png).convert("RGB")).astype(int)
    box = frame[int(300 / 750 * 720):int(450 / 750 * 720), int(150 / 1333 * 1280):int(450 / 1333 * 1280)]
    assert np.abs(box.mean(axis=(0, 1)) - np.array(anim_decks.COLOURS[0])).max() < 30
