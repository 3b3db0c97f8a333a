"""The branching scenario played in real Chromium: wrong choice → feedback, right → next scene."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _open(chromium, rendered):
    out, _, _ = rendered
    page = chromium.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((out / "skit" / "h5" / "index.html").as_uri())
    page.wait_for_function("window.CS_H5 && window.CS_H5.ready")
    return page, errors


def _advance_to_decision(page):
    while page.locator(".choice").count() == 0:
        page.locator(".chat-next").click()


def test_wrong_then_right_choice_and_final_score(chromium, rendered):
    page, errors = _open(chromium, rendered)
    assert page.locator(".scene-divider").first.inner_text() == "初次拜访"
    _advance_to_decision(page)
    assert "你会怎么回答" in page.locator(".decision-prompt").inner_text()
    # wrong answer: negative feedback, then the consequence scene, then a failing debrief
    page.locator(".choice", has_text="肯定靠谱").click()
    fb = page.locator(".chat-actions .feedback")
    assert "bad" in fb.get_attribute("class") and "空口保证没有说服力" in fb.inner_text()
    page.locator(".chat-next").click()
    assert page.locator(".scene-divider").last.inner_text() == "客户犹豫"
    page.locator(".chat-next").click()
    assert page.locator(".debrief .score-num").inner_text() == "0"
    assert "未通过" in page.locator(".debrief").inner_text()
    # again, the right answer leads to the next scene and full marks
    page.locator(".restart").click()
    _advance_to_decision(page)
    page.locator(".choice", has_text="理赔数据").click()
    fb = page.locator(".chat-actions .feedback")
    assert "ok" in fb.get_attribute("class") and "+10" in fb.inner_text()
    assert page.locator(".score-chip").inner_text() == "得分 10 / 10"
    page.locator(".chat-next").click()
    assert page.locator(".scene-divider").last.inner_text() == "讲解条款"
    while page.locator(".debrief").count() == 0:
        page.locator(".chat-next").click()
    assert page.locator(".debrief .score-num").inner_text() == "100"
    assert "通过" in page.locator(".debrief .result-msg").inner_text()
    assert "用事实说话" in page.locator(".debrief-list").inner_text()
    # the learner's role shows on the right with our generated avatar picture
    assert page.locator(".msg-right .avatar img").count() >= 1
    # voiced lines: each bubble has a play button whose audio file is in the package
    assert page.locator(".line-play").count() >= 3
    src = page.locator(".bubble audio").first.get_attribute("src")
    assert src and src.endswith(".m4a")
    out, _, _ = rendered
    assert (out / "skit" / "h5" / src).is_file()
    assert errors == []
    page.close()
