"""Issue 16: steps play on H5 picture pages (the slide shown as its picture) — Playwright-driven.

The picture is the slide without its animated shapes; each animated shape is a transparent
picture over it (LibreOffice layers, as in the video). "Next" plays the steps, a colour change
fades in the shape's recoloured copy, a trigger waits for a tap on its shape's zone.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from creator_studio.core.forms.h5 import H5Format
from creator_studio.core.importers import import_source
from creator_studio.core.jobs import Job
from creator_studio.core.media import raster

pytestmark = [pytest.mark.browser, pytest.mark.skipif(raster.soffice_exe() is None,
                                                      reason="LibreOffice not installed")]

_spec = importlib.util.spec_from_file_location("anim_decks", Path(__file__).with_name("anim_decks.py"))
anim_decks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(anim_decks)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"]
BLUE, ORANGE, GREEN = (np.array(c) for c in anim_decks.COLOURS[:3])
RED = np.array([0xC0, 0x00, 0x00])

SLIDES = [
    {"title": "图片页的动画", "shapes": [("先出现", 60, 250, 380, 200), ("再飞入", 480, 250, 380, 200),
                                   ("一直在", 900, 250, 380, 200)],
     "clicks": [[(0, "fade")], [(1, "fly-bottom")], [(0, "fill-to-red")]], "dur_ms": 600},
    {"title": "点一点", "shapes": [("点我", 100, 250, 400, 200), ("提示", 700, 250, 400, 200)],
     "triggers": [(0, [(1, "fade")])]},
]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("h5pic")
    deck = anim_decks.build_deck(root / "deck.pptx", SLIDES)
    lesson = import_source(deck, assets_dir=root / "assets")
    lesson.source_path = deck
    for p in lesson.pages:
        p.visual_mode = "picture"
    art = H5Format().render(lesson, root / "out", {"slide_pictures": "always"}, Job())
    assert art.info["picture_animated_pages"] == 2 and art.info["picture_animation_reason"] is None
    assert art.info["animated_pages"] == 2 and art.info["animation_steps"] == 4
    return root / "out" / "h5"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser, course: Path, **ctx):
    context = browser.new_context(viewport={"width": 900, "height": 900}, **ctx)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((course / "index.html").as_uri())
    page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
    return context, page, errors


def stage_pixels(page) -> np.ndarray:
    png = page.locator(".anim-stage").first.screenshot(animations="allow")
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def share(pic: np.ndarray, colour) -> float:
    return float((np.abs(pic - colour).max(axis=2) < 28).mean())


def layer_opacity(page, i: int) -> float:
    return float(page.locator(f'[data-layer="{i}"]').evaluate("n => getComputedStyle(n).opacity"))


def test_picture_page_builds_its_steps_on_shape_layers(browser, course):
    context, page, errors = open_page(browser, course)
    try:
        assert page.locator(".anim-stage [data-layer]").count() == 2  # the two animated shapes
        pic = stage_pixels(page)
        # at first only the shape without animation is on the picture
        assert share(pic, GREEN) > 0.02 and share(pic, BLUE) < 0.001 and share(pic, ORANGE) < 0.001
        assert page.locator(".nav-next").inner_text().startswith("下一步")
        page.click(".nav-next")
        page.wait_for_function("() => window.CS_H5.steps.played === 1")
        page.wait_for_timeout(900)
        pic = stage_pixels(page)
        assert share(pic, BLUE) > 0.02 and share(pic, ORANGE) < 0.001
        # the fly-in moves up into place (a transform on the layer), monotonically
        page.evaluate("""() => { window.__ty = []; const n = document.querySelector('[data-layer="1"]');
            const t0 = performance.now();
            (function tick() { window.__ty.push(new DOMMatrix(getComputedStyle(n).transform).m42);
              if (performance.now() - t0 < 900) requestAnimationFrame(tick); })(); }""")
        page.click(".nav-next")
        page.wait_for_timeout(1200)
        ys = [y for y in page.evaluate("window.__ty") if y is not None and y > 0.5]
        assert len(ys) >= 3 and all(b <= a + 0.5 for a, b in zip(ys, ys[1:]))
        pic = stage_pixels(page)
        assert share(pic, ORANGE) > 0.02
        # the colour change: half-way the fill is between blue and red, then red
        page.click(".nav-next")
        page.wait_for_timeout(300)
        mid = page.locator('[data-layer="0"] [data-colour="0"]').evaluate("n => getComputedStyle(n).opacity")
        assert 0.05 < float(mid) < 0.95
        page.wait_for_timeout(900)
        pic = stage_pixels(page)
        assert share(pic, RED) > 0.02 and share(pic, BLUE) < 0.001
        assert page.evaluate("window.CS_H5.steps")["remaining"] == 0
        assert page.locator(".screen-title").inner_text() == "图片页的动画"  # steps are not pages
        assert errors == []
    finally:
        context.close()


def test_trigger_on_a_picture_page_waits_for_a_tap_on_its_shape(browser, course):
    context, page, errors = open_page(browser, course)
    try:
        for _ in range(4):
            page.click(".nav-next")
        page.wait_for_function("() => document.querySelector('.screen-title').innerText === '点一点'")
        assert layer_opacity(page, 0) == 0.0
        page.click(".nav-next", trial=True)
        zone = page.locator("[data-tapzone]")
        assert zone.count() == 1
        zone.click()
        page.wait_for_timeout(900)
        assert layer_opacity(page, 0) == 1.0
        assert not page.locator(".slide-picture").first.evaluate("n => n.classList.contains('zoomed')")
        assert errors == []
    finally:
        context.close()


def test_reduced_motion_lands_picture_steps_at_once(browser, course):
    context, page, errors = open_page(browser, course, reduced_motion="reduce")
    try:
        for _ in range(3):
            page.click(".nav-next")
        assert page.evaluate("document.getAnimations().length") == 0
        pic = stage_pixels(page)
        assert share(pic, RED) > 0.02 and share(pic, ORANGE) > 0.02
        assert errors == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def reflowed_colour_course(tmp_path_factory):
    root = tmp_path_factory.mktemp("h5colour")
    deck = anim_decks.build_deck(root / "deck.pptx", [
        {"title": "文字变色", "shapes": [("重点文字会变黄", 100, 250, 600, 200)],
         "clicks": [[(0, "text-to-yellow")]], "dur_ms": 800}])
    lesson = import_source(deck, assets_dir=root / "assets")
    lesson.source_path = deck
    H5Format().render(lesson, root / "out", {"slide_pictures": "never"}, Job())
    return root / "out" / "h5"


def test_text_colour_change_on_a_reflowed_block(browser, reflowed_colour_course):
    """A font colour emphasis on a reflowed page: a yellow copy of the block fades in over it
    (opacity only; the copy is aria-hidden), then the block itself is yellow and the copy goes."""
    context, page, errors = open_page(browser, reflowed_colour_course)
    try:
        block = page.locator("[data-block]", has_text="重点文字会变黄").first
        assert block.locator("[data-colour-copy]").count() == 0
        page.evaluate("""() => { window.__op = []; window.__hidden = [];
            const t0 = performance.now();
            (function tick() { const c = document.querySelector('[data-colour-copy]');
              if (c) { window.__op.push(+getComputedStyle(c).opacity); window.__hidden.push(c.getAttribute('aria-hidden')); }
              if (performance.now() - t0 < 2500) requestAnimationFrame(tick); })(); }""")
        page.click(".nav-next")
        page.wait_for_timeout(2600)
        ops = page.evaluate("window.__op")
        assert any(0.05 < o < 0.95 for o in ops), ops  # it fades in through the colours between
        assert all(b >= a - 1e-3 for a, b in zip(ops, ops[1:]))  # monotonically
        assert set(page.evaluate("window.__hidden")) == {"true"}
        # landed: the block itself has the colour, the copy is gone
        assert block.locator("[data-colour-copy]").count() == 0
        assert block.evaluate("n => getComputedStyle(n).color") == "rgb(255, 255, 0)"
        png = block.screenshot()
        pic = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
        assert ((pic[:, :, 0] > 200) & (pic[:, :, 1] > 200) & (pic[:, :, 2] < 90)).sum() > 30
        assert page.locator("[data-block]", has_text="重点文字会变黄").count() == 1
        assert errors == []
    finally:
        context.close()
