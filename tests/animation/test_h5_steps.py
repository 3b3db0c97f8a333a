"""Issue 16: the H5 course plays a page's animation steps — driven by Playwright in /usr/bin/chromium.

"Next" (button or arrow key) plays each click step before the page turns; steps do not count as
pages (progress stays per page); a trigger step waits for a tap on its shape; with
prefers-reduced-motion every effect lands at its end state at once; effects are opacity/transform
animations only.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from creator_studio.core.forms.h5 import H5Format
from creator_studio.core.importers import import_source
from creator_studio.core.jobs import Job

pytestmark = pytest.mark.browser

_spec = importlib.util.spec_from_file_location("anim_decks", Path(__file__).with_name("anim_decks.py"))
anim_decks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(anim_decks)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"]

SLIDES = [
    {"title": "三步讲清理赔", "shapes": [("第一步报案", 60, 250, 380, 200), ("第二步提交材料", 480, 250, 380, 200),
                                   ("第三步审核赔付", 900, 250, 380, 200)],
     "clicks": [[(0, "fade")], [(1, "fly-bottom")], [(2, "zoom"), (0, "pulse")]], "dur_ms": 400,
     "notes": "理赔分三步。[点击]先报案。[点击]再交材料。[点击]最后审核赔付。"},
    {"title": "点一点看提示", "shapes": [("点我查看提示", 100, 250, 400, 200), ("这是提示内容", 700, 250, 400, 200)],
     "triggers": [(0, [(1, "fade")])]},
    {"title": "结束页", "shapes": [("谢谢观看", 100, 250, 400, 200)]},
]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("h5anim")
    deck = anim_decks.build_deck(root / "deck.pptx", SLIDES)
    lesson = import_source(deck, assets_dir=root / "assets")
    lesson.source_path = deck
    art = H5Format().render(lesson, root / "out", {"slide_pictures": "never", "narration": True}, Job())
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
    context = browser.new_context(**ctx)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((course / "index.html").as_uri())
    page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
    return context, page, errors


def opacity(page, text: str) -> float:
    return float(page.locator("[data-block]", has_text=text).first.evaluate("n => getComputedStyle(n).opacity"))


def test_package_ships_the_step_player(course):
    assert (course / "assets" / "steps.js").is_file()
    html = (course / "index.html").read_text(encoding="utf-8")
    assert html.index("assets/steps.js") < html.index("assets/player.js")
    data = (course / "data.js").read_text(encoding="utf-8")
    assert '"steps"' in data and '"fx"' in data


def test_next_plays_each_step_before_turning_the_page(browser, course):
    context, page, errors = open_page(browser, course)
    try:
        assert page.locator(".screen-title").inner_text() == "三步讲清理赔"
        counter = page.locator(".counter").inner_text() if page.locator(".counter").count() else None
        for text in ("第一步报案", "第二步提交材料", "第三步审核赔付"):
            assert opacity(page, text) == 0.0
        assert page.locator(".nav-next").inner_text().startswith("下一步")
        page.click(".nav-next")
        page.wait_for_timeout(700)
        assert opacity(page, "第一步报案") == 1.0 and opacity(page, "第二步提交材料") == 0.0
        page.keyboard.press("ArrowRight")  # the arrow key plays the next step too
        page.wait_for_function("() => window.CS_H5.steps.played === 2")
        # mid-flight of a 0.4 s fly-in the block is moved (a transform), then lands in place
        page.wait_for_timeout(700)
        assert opacity(page, "第二步提交材料") == 1.0
        block = page.locator("[data-block]", has_text="第二步提交材料").first
        assert block.evaluate("n => getComputedStyle(n).transform") in ("none", "matrix(1, 0, 0, 1, 0, 0)")
        page.click(".nav-next")
        page.wait_for_timeout(700)
        assert opacity(page, "第三步审核赔付") == 1.0
        assert page.evaluate("window.CS_H5.steps") == {"total": 3, "played": 3, "remaining": 0, "hidden": 0}
        assert page.locator(".screen-title").inner_text() == "三步讲清理赔"  # still the same page
        if counter is not None:
            assert page.locator(".counter").inner_text() == counter  # steps are not pages
        assert not page.locator(".nav-next").inner_text().startswith("下一步")
        page.click(".nav-next")
        assert page.locator(".screen-title").inner_text() == "点一点看提示"
        assert errors == []
    finally:
        context.close()


def test_fly_in_moves_with_a_transform(browser, course):
    context, page, errors = open_page(browser, course)
    try:
        page.click(".nav-next")
        page.wait_for_timeout(600)
        page.evaluate("""() => { window.__ty = [];
            const n = [...document.querySelectorAll('[data-block]')].find(x => x.textContent.includes('第二步提交材料'));
            const t0 = performance.now();
            (function tick() { const m = new DOMMatrix(getComputedStyle(n).transform);
              window.__ty.push(m.m42); if (performance.now() - t0 < 600) requestAnimationFrame(tick); })(); }""")
        page.click(".nav-next")
        page.wait_for_timeout(900)
        ys = [y for y in page.evaluate("window.__ty") if y is not None]
        moving = [y for y in ys if y > 0.5]
        assert len(moving) >= 3, ys  # it really flew
        assert all(b <= a + 0.5 for a, b in zip(moving, moving[1:]))  # monotonically up into place
        assert errors == []
    finally:
        context.close()


def test_trigger_waits_for_a_tap_on_its_shape(browser, course):
    context, page, errors = open_page(browser, course)
    try:
        for _ in range(4):
            page.click(".nav-next")
        page.wait_for_timeout(300)
        assert page.locator(".screen-title").inner_text() == "点一点看提示"
        assert opacity(page, "这是提示内容") == 0.0
        tap = page.locator("[data-step-tap]")
        assert tap.count() == 1 and "点我查看提示" in tap.inner_text()
        assert tap.get_attribute("role") == "button"
        tap.click()
        page.wait_for_timeout(800)
        assert opacity(page, "这是提示内容") == 1.0
        assert errors == []
    finally:
        context.close()


def test_reduced_motion_lands_at_the_end_state_at_once(browser, course):
    context, page, errors = open_page(browser, course, reduced_motion="reduce")
    try:
        page.click(".nav-next")
        assert opacity(page, "第一步报案") == 1.0  # no waiting: no animation ran
        running = page.evaluate("document.getAnimations().length")
        assert running == 0
        assert errors == []
    finally:
        context.close()


def test_narration_autoplay_reaches_the_steps(browser, course):
    """Auto-play: the steps follow the narration audio (simulated clock on a real <audio>)."""
    context, page, errors = open_page(browser, course)
    try:
        if page.locator(".narration audio").count() == 0:
            pytest.fail("the animated page should carry a narration player")
        page.evaluate("""() => { const a = document.querySelector('.narration audio');
            Object.defineProperty(a, 'duration', { value: 10 });
            Object.defineProperty(a, 'currentTime', { value: 5, writable: true });
            a.dispatchEvent(new Event('timeupdate')); }""")
        page.wait_for_timeout(600)
        state = page.evaluate("window.CS_H5.steps")
        assert 1 <= state["played"] < 3  # half way through the narration: not every step yet
        assert errors == []
    finally:
        context.close()
