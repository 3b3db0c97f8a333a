"""Issue 16: the long image shows animated slides at their final state, or their build steps stacked."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from creator_studio.core.errors import StudioError
from creator_studio.core.forms.long_image import LongImageFormat
from creator_studio.core.importers import import_source
from creator_studio.core.jobs import Job
from creator_studio.core.media import anim_stack, raster

pytestmark = pytest.mark.slow

_spec = importlib.util.spec_from_file_location("anim_decks", Path(__file__).with_name("anim_decks.py"))
anim_decks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(anim_decks)

SLIDES = [{"title": "三步构建的图", "shapes": [("一", 60, 250, 380, 200), ("二", 480, 250, 380, 200),
                                         ("三", 900, 250, 380, 200)],
           "clicks": [[(0, "fade")], [(1, "fly-left")], [(2, "zoom")]]}]


def test_hidden_sets_follow_entrances_and_exits(tmp_path):
    deck = anim_decks.build_deck(tmp_path / "d.pptx", [
        {"title": "t", "shapes": [("甲", 60, 250, 300, 200), ("乙", 480, 250, 300, 200)],
         "clicks": [[(0, "fade")], [(1, "fade")], [(0, "fade-out")]]}])
    lesson = import_source(deck, assets_dir=tmp_path / "a")
    page = lesson.pages[0]
    a, b = (page.steps[0].effects[0].shape_id, page.steps[1].effects[0].shape_id)
    states = [[t.shape_id for t in h] for h in anim_stack.hidden_after_each_click(page)]
    assert states == [[b], [], [a]]


@pytest.mark.skipif(raster.soffice_exe() is None, reason="LibreOffice not installed")
def test_stack_option_stacks_the_build_steps(tmp_path):
    deck = anim_decks.build_deck(tmp_path / "d.pptx", SLIDES)
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    lesson.source_path = deck
    lesson.pages[0].visual_mode = "picture"  # a diagram slide shown as its picture
    final = LongImageFormat().render(lesson, tmp_path / "final", {"slide_pictures": "always"}, Job())
    stacked = LongImageFormat().render(lesson, tmp_path / "stack", {"slide_pictures": "always",
                                                                   "animation_steps": "stack"}, Job())
    assert final.info["animation_steps"] == "final"
    assert stacked.info["animation_steps"] == "stack" and stacked.info["stacked_pages"] == 1
    assert stacked.info["total_height"] > final.info["total_height"] + 400
    # the stacked picture: 3 states, the first with one box, the last with all three
    src = lesson.pages[0]
    assert src.raster and "stack" not in str(src.raster)  # the maker's lesson keeps its picture
    with pytest.raises(StudioError):
        LongImageFormat().render(lesson, tmp_path / "bad", {"animation_steps": "sideways"}, Job())


@pytest.mark.skipif(raster.soffice_exe() is None, reason="LibreOffice not installed")
def test_stacked_picture_shows_each_step(tmp_path):
    deck = anim_decks.build_deck(tmp_path / "d.pptx", SLIDES)
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    lesson.source_path = deck
    lesson.pages[0].raster = "placeholder.png"
    (tmp_path / "assets" / "placeholder.png").write_bytes(b"")
    out, info = anim_stack.stacked_lesson(lesson, deck, width=640)
    assert info["stacked_pages"] == 1
    pic = np.asarray(Image.open(out.asset_path(out.pages[0].raster)).convert("RGB")).astype(int)
    h = (pic.shape[0]) // 3
    colours = [np.array(c) for c in anim_decks.COLOURS[:3]]

    def boxes(part):
        return [int((np.abs(part - c).max(axis=2) < 30).sum() > 500) for c in colours]

    assert [boxes(pic[k * h:(k + 1) * h]) for k in range(3)] == [[1, 0, 0], [1, 1, 0], [1, 1, 1]]


EXIT_SLIDES = [{"title": "先出现后退出", "shapes": [("留下", 60, 250, 380, 200), ("离开", 480, 250, 380, 200),
                                           ("后来", 900, 250, 380, 200)],
                "clicks": [[(0, "fade")], [(1, "fade-out")], [(2, "zoom")]]}]


def test_end_state_leaves_out_shapes_whose_last_effect_is_an_exit(tmp_path):
    deck = anim_decks.build_deck(tmp_path / "d.pptx", EXIT_SLIDES + [
        {"title": "再回来", "shapes": [("回来", 60, 250, 380, 200)],
         "clicks": [[(0, "fade-out")], [(0, "fade")]]}])
    lesson = import_source(deck, assets_dir=tmp_path / "a")
    gone = anim_stack.hidden_at_end(lesson.pages[0])
    assert [t.shape_id for t in gone] == [lesson.pages[0].steps[1].effects[0].shape_id]
    assert anim_stack.hidden_at_end(lesson.pages[1]) == []  # left, then came back


def _part_pixels(art_dir: Path) -> np.ndarray:
    parts = sorted((art_dir / "long-image").glob("part-*.png"))
    assert parts
    return np.concatenate([np.asarray(Image.open(p).convert("RGB")).astype(int) for p in parts], axis=0)


def _has(pic: np.ndarray, colour) -> bool:
    return int((np.abs(pic - np.array(colour)).max(axis=2) < 30).sum()) > 800


@pytest.mark.skipif(raster.soffice_exe() is None, reason="LibreOffice not installed")
def test_long_image_default_shows_the_end_state(tmp_path):
    deck = anim_decks.build_deck(tmp_path / "d.pptx", EXIT_SLIDES)
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    lesson.source_path = deck
    lesson.pages[0].visual_mode = "picture"
    art = LongImageFormat().render(lesson, tmp_path / "out", {"slide_pictures": "always"}, Job())
    assert art.info["animation_steps"] == "final" and art.info["end_state_pages"] == 1
    pic = _part_pixels(tmp_path / "out")
    stay, leave, later = anim_decks.COLOURS[:3]
    assert _has(pic, stay) and _has(pic, later)  # entered shapes are there
    assert not _has(pic, leave)  # the shape that exits is not
    # the maker's picture (LibreOffice's, every shape drawn) is kept
    own = np.asarray(Image.open(lesson.asset_path(lesson.pages[0].raster)).convert("RGB")).astype(int)
    assert _has(own, leave)


def test_long_image_end_state_without_libreoffice_is_reported(tmp_path, monkeypatch):
    deck = anim_decks.build_deck(tmp_path / "d.pptx", EXIT_SLIDES)
    lesson = import_source(deck, assets_dir=tmp_path / "assets")
    lesson.source_path = deck
    lesson.pages[0].raster = "placeholder.png"
    (tmp_path / "assets" / "placeholder.png").write_bytes(b"")
    monkeypatch.setattr(raster, "soffice_exe", lambda: None)
    out, info = anim_stack.final_lesson(lesson, deck)
    assert out is lesson and info["end_state_pages"] == 0 and "LibreOffice" in info["end_state_reason"]
