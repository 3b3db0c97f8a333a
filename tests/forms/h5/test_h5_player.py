"""The H5 course in real Chromium from file://: navigation, quiz scoring, interactions, safety, phone."""

from __future__ import annotations

import pytest
from h5_samples import make_hostile_lesson, make_lesson

from creator_studio.core.forms.h5 import H5Format
from creator_studio.core.jobs import Job

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("h5course")
    lesson = make_lesson(root / "assets")
    H5Format().render(lesson, root / "out", {}, Job())
    return (root / "out" / "h5" / "index.html").as_uri()


def open_course(browser, url, **ctx):
    context = browser.new_context(**ctx)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(url)
    page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
    return context, page, errors


def title(page) -> str:
    return page.locator(".screen-title").inner_text()


def go_to_screen(page, name: str) -> None:
    page.click(".toc-btn")
    page.locator(".toc-item", has_text=name).first.click()


def answer_quiz(page, correct: bool) -> None:
    go_to_screen(page, "测验 第1题")
    page.locator(".opt", has_text="风险转移" if correct else "投资理财").click()
    page.click(".q-submit")
    page.click(".nav-next")
    for text in (["保单", "身份证"] if correct else ["菜谱"]):
        page.locator(".opt", has_text=text).click()
    page.click(".q-submit")
    page.click(".nav-next")
    page.locator(".opt", has_text="错误" if correct else "正确").click()
    page.click(".q-submit")
    page.click(".nav-next")
    page.fill(".fill-input", "保险费" if correct else "利息")
    page.press(".fill-input", "Enter")
    page.click(".nav-next")


def test_navigation_keys_buttons_toc_progress(browser, course):
    context, page, errors = open_course(browser, course)
    assert title(page) == "保险基础知识"
    assert page.locator(".counter").inner_text() == "1 / 10"
    assert page.locator(".nav-prev").is_disabled()
    page.keyboard.press("ArrowRight")
    assert title(page) == "关键术语"
    page.click(".nav-next")
    assert title(page) == "关键术语卡片"
    page.keyboard.press("ArrowLeft")
    assert title(page) == "关键术语"
    width = page.evaluate("parseFloat(document.querySelector('.progress-bar').style.width)")
    assert width == pytest.approx(2 / 10 * 100, abs=1)
    # table of contents: opens, jumps, closes; Escape closes too
    page.click(".toc-btn")
    assert page.locator("#cs-toc").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#cs-toc").is_visible()
    page.click(".toc-btn")
    page.click(".toc-close")
    assert not page.locator("#cs-toc").is_visible()
    go_to_screen(page, "理赔流程")
    assert title(page) == "理赔流程" and not page.locator("#cs-toc").is_visible()
    # chart drawn as a picture keeping its type (issue 15), its data as a table for readers
    go_to_screen(page, "关键术语")
    assert page.locator(".blk-chart figcaption").inner_text() == "季度保费"
    assert page.evaluate("document.querySelector('.blk-chart img').naturalWidth") == 1000
    assert page.locator("table.chart-table caption").text_content() == "图表：季度保费"
    assert page.locator("table.chart-table td").first.text_content() == "120"
    go_to_screen(page, "保险基础知识")
    link = page.locator(".page-body a")
    assert link.get_attribute("href") == "https://example.com/a" and link.get_attribute("rel") == "noopener noreferrer"
    assert page.locator(".blk-img img").get_attribute("alt") == "保险示意图"
    assert page.evaluate("document.querySelector('.blk-img img').naturalWidth") == 64
    # swipe left (touch) moves forward
    page.evaluate("""() => {
      const m = document.getElementById('cs-main');
      const t = (x) => new Touch({identifier: 1, target: m, clientX: x, clientY: 200});
      m.dispatchEvent(new TouchEvent('touchstart', {changedTouches: [t(300)], bubbles: true}));
      m.dispatchEvent(new TouchEvent('touchend', {changedTouches: [t(100)], bubbles: true}));
    }""")
    assert title(page) == "关键术语"
    assert errors == []
    context.close()


def test_quiz_all_right_passes(browser, course):
    context, page, errors = open_course(browser, course)
    answer_quiz(page, correct=True)
    assert title(page) == "测验结果"
    assert page.locator(".score-num").inner_text() == "100"
    assert "通过" in page.locator(".result-msg").inner_text()
    assert errors == []
    context.close()


def test_quiz_wrong_answers_fail_with_feedback(browser, course):
    context, page, errors = open_course(browser, course)
    go_to_screen(page, "测验 第1题")
    page.click(".q-submit")
    assert "请先选择" in page.locator(".feedback").inner_text()
    page.locator(".opt", has_text="投资理财").click()
    page.click(".q-submit")
    fb = page.locator(".feedback")
    assert "回答错误" in fb.inner_text() and "正确答案：A" in fb.inner_text()
    assert "保险把风险转移给保险公司" in fb.inner_text()
    assert fb.get_attribute("aria-live") == "polite"
    assert page.locator(".opt.is-answer").count() == 1 and page.locator(".opt.is-wrong").count() == 1
    assert page.locator(".q-body input").first.is_disabled()
    # the rest wrong too, except the fill-in (full-width / spacing tolerant)
    page.click(".nav-next")
    page.locator(".opt", has_text="菜谱").click()
    page.click(".q-submit")
    page.click(".nav-next")
    page.locator(".opt", has_text="正确").click()
    page.click(".q-submit")
    page.click(".nav-next")
    page.fill(".fill-input", " 保 费 ")
    page.click(".q-submit")
    assert "回答正确" in page.locator(".feedback").inner_text()
    page.click(".nav-next")
    assert page.locator(".score-num").inner_text() == "25"
    assert "未达到及格分" in page.locator(".result-msg").inner_text()
    # retake from the result screen
    page.click(".retry")
    assert title(page) == "测验 第1题" and not page.locator(".q-body input").first.is_disabled()
    assert errors == []
    context.close()


def test_result_waits_for_unanswered(browser, course):
    context, page, _ = open_course(browser, course)
    go_to_screen(page, "测验结果")
    assert "4 道题未作答" in page.locator(".result-msg").inner_text()
    page.locator(".todo-list button").nth(2).click()
    assert title(page) == "测验 第3题"
    context.close()


def test_flip_cards_and_ordering_by_keyboard(browser, course):
    context, page, errors = open_course(browser, course)
    go_to_screen(page, "关键术语卡片")
    card = page.locator(".flip-card").first
    assert card.get_attribute("aria-pressed") == "false"
    card.focus()
    page.keyboard.press("Enter")
    assert card.get_attribute("aria-pressed") == "true"
    assert "投保人交给保险公司的钱" in card.locator(".flip-back").inner_text()
    go_to_screen(page, "排序练习")
    page.click(".order-check")
    assert "位置不对" in page.locator(".screen .feedback").inner_text()
    # bubble-sort with the ↑ buttons, keyboard only (focus follows the moved item)
    want = ["报案", "提交材料", "审核", "赔付"]
    for _ in range(10):
        texts = page.locator(".order-text").all_inner_texts()
        if texts == want:
            break
        i = next(k for k in range(1, 4) if want.index(texts[k]) < want.index(texts[k - 1]))
        page.locator(".order-up").nth(i).focus()
        page.keyboard.press("Enter")
    assert page.locator(".order-text").all_inner_texts() == want
    page.click(".order-check")
    assert "顺序正确" in page.locator(".screen .feedback").inner_text()
    assert errors == []
    context.close()


def test_drag_to_order_with_pointer(browser, course):
    context, page, _ = open_course(browser, course)
    go_to_screen(page, "排序练习")
    before = page.locator(".order-text").all_inner_texts()
    src = page.locator(".drag-handle").nth(0).bounding_box()
    dst = page.locator(".order-item").nth(2).bounding_box()
    page.mouse.move(src["x"] + 4, src["y"] + 4)
    page.mouse.down()
    page.mouse.move(dst["x"] + 40, dst["y"] + dst["height"] / 2, steps=6)
    page.mouse.up()
    after = page.locator(".order-text").all_inner_texts()
    assert after != before and sorted(after) == sorted(before)
    assert after[2] == before[0]
    context.close()


def test_narration_needs_a_tap_and_shows_captions(browser, course):
    context, page, errors = open_course(browser, course)
    state = page.evaluate("(() => { const a = document.querySelector('.narration audio');"
                          " return [a.autoplay, a.paused, a.preload]; })()")
    assert state == [False, True, "none"]
    assert page.locator(".caption").inner_text() == "欢迎学习本课。"
    page.click(".narration-play")
    page.wait_for_function("!document.querySelector('.narration audio').paused || "
                           "document.querySelector('.narration audio').ended")
    page.click(".caption-toggle")
    assert not page.locator(".caption").is_visible()
    assert errors == []
    context.close()


def test_standalone_progress_resumes_from_local_storage(browser, course):
    context, page, _ = open_course(browser, course)
    assert page.evaluate("CS_H5.mode") == "local"
    go_to_screen(page, "测验 第1题")
    page.locator(".opt", has_text="风险转移").click()
    page.click(".q-submit")
    page.reload()
    page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
    assert title(page) == "测验 第1题"
    assert "回答正确" in page.locator(".feedback").inner_text()
    assert page.locator(".toc-item.visited").count() >= 2
    context.close()


def test_hostile_document_runs_no_script(browser, tmp_path):
    lesson = make_hostile_lesson(tmp_path / "a")
    H5Format().render(lesson, tmp_path / "out", {}, Job())
    url = (tmp_path / "out" / "h5" / "index.html").as_uri()
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(url)
    page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
    # document text is shown as text
    assert page.title().startswith("<script>window.__pwned=1")
    assert page.locator(".course-title").inner_text().startswith("<script>")
    assert page.locator(".screen-title").inner_text().startswith("<script>")
    assert page.locator("thead th").first.inner_text().startswith("<img src=x onerror=")
    assert page.locator("tbody td").nth(1).inner_text() == "<!--"
    assert page.locator(".blk-img img").get_attribute("alt").startswith("<img src=x")
    assert page.locator(".page-body script, .page-body img[onerror], [onload], [onerror]").count() == 0
    # only the https link became a link; the rest are plain text
    hrefs = page.eval_on_selector_all(".page-body a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs == ["https://example.com/ok"]
    assert page.locator(".page-body span", has_text="点我").count() == 1
    # click everything clickable on every screen; answer the quiz with the hostile option
    for _ in range(6):
        for b in page.locator(".screen a, .screen .flip-card").all():
            b.click(modifiers=["Alt"], no_wait_after=True) if b.evaluate("e => e.tagName") == "A" else b.click()
        if page.locator(".opt").count():
            page.locator(".opt").first.click()
            page.click(".q-submit")
            assert "<img src=x" in page.locator(".feedback").inner_text()
        if page.locator(".nav-next").is_disabled():
            break
        page.click(".nav-next")
    page.wait_for_timeout(150)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert violations == [], violations
    # and the CSP is really in force: an injected inline script does not run
    ran = page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__inline = 1'; document.body.appendChild(s); return window.__inline; }""")
    assert ran is None
    context.close()


def test_phone_viewport_no_overflow(browser, course, tmp_path):
    from pathlib import Path

    context, page, _ = open_course(browser, course, viewport={"width": 375, "height": 667},
                                   device_scale_factor=2, is_mobile=True, has_touch=True)
    for _ in range(12):
        sw, iw = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert sw <= iw, f"horizontal overflow on {title(page)}: {sw} > {iw}"
        if page.locator(".nav-next").is_disabled():
            break
        page.click(".nav-next")
    go_to_screen(page, "保险基础知识")
    shot = tmp_path / "phone.png"
    page.screenshot(path=str(shot))
    from PIL import Image

    with Image.open(shot) as im:
        assert im.size == (750, 1334)
        colours = im.convert("RGB").resize((30, 50)).getcolors(2000)
        assert len(colours) > 8  # not a blank page
    assert Path(shot).stat().st_size > 10_000
    context.close()


def test_suspend_data_stays_under_scorm12_limit(browser, tmp_path):
    from creator_studio.core.lesson import model as m

    lesson = make_lesson(tmp_path / "a", n_pages=120)
    lesson.quiz.questions = [m.Question(id=f"f{i}", kind="fill", stem=f"第{i}题", accepted=["答案"])
                             for i in range(150)]
    H5Format().render(lesson, tmp_path / "out", {}, Job())
    context, page, errors = open_course(browser, (tmp_path / "out" / "h5" / "index.html").as_uri())
    state = page.evaluate("""() => { const p = CS_H5.player;
        p.quiz.forEach((q, i) => { p.answers[i] = {resp: '很长的回答'.repeat(30), correct: i % 2 === 0}; });
        p.visited = p.visited.map(() => true); p.cur = p.screens.length - 1;
        return p.serialise(); }""")
    assert len(state) <= 4000
    # and it still round-trips the position and the answered questions
    restored = page.evaluate("""(s) => { const p = CS_H5.player; p.answers = {}; p.cur = 0;
        p.restore(s); return [p.cur, Object.keys(p.answers).length, p.answers[0].correct, p.answers[1].correct]; }""", state)
    assert restored[0] == page.evaluate("CS_H5.player.screens.length") - 1 and restored[1:] == [150, True, False]
    assert errors == []
    context.close()


def test_slide_picture_with_text_version(browser, tmp_path):
    lesson = make_lesson(tmp_path / "a")
    lesson.pages[1].raster = "pic.png"
    H5Format().render(lesson, tmp_path / "out", {"slide_pictures": True}, Job())
    context, page, errors = open_course(browser, (tmp_path / "out" / "h5" / "index.html").as_uri())
    page.click(".nav-next")
    img = page.locator(".slide-picture img")
    assert img.get_attribute("alt") == "关键术语（幻灯片原貌）"
    assert page.evaluate("document.querySelector('.slide-picture img').naturalWidth") == 64
    # issue 15: the text stays in the page (search, screen readers) but is visually hidden
    assert page.locator(".text-version table").count() >= 1
    assert page.evaluate("document.querySelector('.text-version').getBoundingClientRect().width") <= 1
    page.click(".text-toggle")
    assert page.locator(".text-version table").first.is_visible()
    assert errors == []
    context.close()
