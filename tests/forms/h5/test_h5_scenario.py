"""Scenario (branching chat) mode of the H5 player — the skit form's H5 output — in Chromium."""

from __future__ import annotations

import zipfile

import pytest
from h5_samples import HOSTILE, HOSTILE_IMG, make_script
from h5_servers import FRAME_PAGE, LMS_PAGE, StaticServer

from creator_studio.core.forms.h5 import build_package, scenario_course_data
from creator_studio.core.lesson import model as m

pytestmark = pytest.mark.browser


def build(tmp_path, script, pass_mark=60):
    data, media, _ = scenario_course_data(script, pass_mark=pass_mark)
    res = build_package(tmp_path / "skit" / "h5", data, title=script.title, kind="scenario",
                        pass_mark=pass_mark, media=media)
    return res


def open_page(browser, url, **ctx):
    context = browser.new_context(**ctx)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog " + d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
    return context, page, errors


def advance_to_decision(page) -> None:
    for _ in range(20):
        if page.locator(".decision").count():
            return
        page.click(".chat-next")
    raise AssertionError("no decision reached")


def test_wrong_then_right_then_debrief(browser, tmp_path):
    res = build(tmp_path, make_script(), pass_mark=80)
    context, page, errors = open_page(browser, res.folder.joinpath("index.html").as_uri())
    # lines are revealed one at a time
    assert page.locator(".msg").count() == 1
    assert page.locator(".msg-narrator .msg-text").inner_text() == "周末，王女士来到营业厅。"
    page.keyboard.press("Enter")  # the focused "继续" button
    assert page.locator(".msg").count() == 2
    customer = page.locator(".msg").nth(1)
    assert "msg-left" in customer.get_attribute("class")
    assert customer.locator(".avatar").inner_text() == "王"
    assert customer.locator(".avatar").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert customer.locator(".msg-emotion").inner_text() == "〔犹豫〕"
    advance_to_decision(page)
    assert "msg-right" in page.locator(".msg").nth(2).get_attribute("class")  # the agent
    assert page.locator(".decision-prompt").inner_text() == "你会怎么回应？"
    # wrong choice → feedback, a retry, no new scene
    page.locator(".choice", has_text="慢慢考虑").click()
    fb = page.locator(".chat-actions .feedback")
    assert "还可以更好" in fb.inner_text() and "放弃了沟通机会" in fb.inner_text()
    assert fb.get_attribute("role") == "status"
    assert page.locator(".chat-next").inner_text().startswith("再试一次")
    page.click(".chat-next")
    assert page.locator(".scene-divider").count() == 1
    # right choice → positive feedback → next scene
    page.locator(".choice", has_text="算一笔账").click()
    assert "很好的回应" in page.locator(".chat-actions .feedback").inner_text()
    assert page.locator(".score-chip").inner_text() == "得分 10 / 20"
    page.click(".chat-next")
    assert page.locator(".scene-divider").nth(1).inner_text() == "第二幕：促成"
    assert page.locator(".msg").last.locator(".msg-text").inner_text() == "每天不到五块钱？那还可以。"
    advance_to_decision(page)
    page.locator(".choice", has_text="趁热打铁").click()
    page.click(".chat-next")
    # debrief: 20 of 20 → 100, passed, every choice listed (the wrong one too)
    assert page.locator(".debrief .score-num").inner_text() == "100"
    assert "通过" in page.locator(".debrief .result-msg").inner_text()
    items = page.locator(".debrief-list li")
    assert items.count() == 3
    assert "✗ 那您回去慢慢考虑吧。" in items.nth(0).inner_text()
    # restart resets
    page.click(".restart")
    assert page.locator(".score-chip").inner_text() == "得分 0 / 20"
    assert page.locator(".msg").count() == 1
    assert errors == []
    context.close()


def test_wrong_path_fails_and_choices_reach_scorm(browser, tmp_path):
    res = build(tmp_path, make_script(), pass_mark=80)
    lms = tmp_path / "lms"
    (lms / "course").mkdir(parents=True)
    with zipfile.ZipFile(res.scorm_zip) as zf:
        zf.extractall(lms / "course")
    (lms / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    (lms / "frame.html").write_text(FRAME_PAGE, encoding="utf-8")
    with StaticServer(lms) as srv:
        context = browser.new_context()
        page = context.new_page()
        page.goto(srv.url + "/lms.html")
        page.wait_for_function("window.frames.length > 0")
        frame = None
        for _ in range(100):
            frame = next((f for f in page.frames if f.url.endswith("course/index.html")), None)
            if frame:
                break
            page.wait_for_timeout(50)
        frame.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
        advance_to_decision(frame)
        frame.locator(".choice", has_text="算一笔账").click()
        frame.click(".chat-next")
        advance_to_decision(frame)
        frame.locator(".choice", has_text="您再想想也行").click()
        frame.click(".chat-next")
        assert frame.locator(".debrief .score-num").inner_text() == "50"
        assert "未通过" in frame.locator(".debrief .result-msg").inner_text()
        frame.click(".debrief ~ .btn.finish, .chat-actions .finish")
        calls = page.evaluate("calls")
        context.close()
    s = dict((c[1], c[2]) for c in calls if c[0] == "LMSSetValue")
    assert s["cmi.interactions.0.id"] == "scene_s1" and s["cmi.interactions.0.result"] == "correct"
    assert s["cmi.interactions.1.id"] == "scene_s2" and s["cmi.interactions.1.result"] == "wrong"
    assert s["cmi.interactions.1.student_response"] == "b"
    keys = [c[1] for c in calls if c[0] == "LMSSetValue"]
    assert keys.index("cmi.core.score.raw") < len(keys) - 1 - keys[::-1].index("cmi.core.lesson_status")
    assert s["cmi.core.score.raw"] == "50" and s["cmi.core.lesson_status"] == "failed"
    assert calls[-1] == ["LMSFinish", ""]


def test_hostile_script_text_is_inert(browser, tmp_path):
    cast = [m.Character(id="a", name=HOSTILE, role=HOSTILE_IMG, side="left"),
            m.Character(id="b", name="<b>业务员</b>", side="right", color="\"red;x")]
    scenes = [m.Scene(id="s\"><img>", title=HOSTILE, background="javascript:alert(1)",
                      lines=[m.Line("a", HOSTILE_IMG, emotion=HOSTILE), m.Line("b", "<a href=javascript:alert(1)>x</a>")],
                      decision=m.Decision(prompt=HOSTILE_IMG, options=[
                          m.Choice(HOSTILE_IMG, feedback=HOSTILE, score=5, next_scene=None)]))]
    res = build(tmp_path, m.Script(cast=cast, scenes=scenes, title=HOSTILE))
    context, page, errors = open_page(browser, res.folder.joinpath("index.html").as_uri())
    advance_to_decision(page)
    assert page.locator(".msg-text").first.inner_text() == HOSTILE_IMG
    assert page.locator(".decision-prompt").inner_text() == HOSTILE_IMG
    page.locator(".choice").first.click()
    page.click(".chat-next")
    assert page.locator(".chat a, .chat script, [onerror], [onload]").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert errors == []
    context.close()


def test_scenario_phone_layout(browser, tmp_path):
    res = build(tmp_path, make_script())
    context, page, _ = open_page(browser, res.folder.joinpath("index.html").as_uri(),
                                 viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    advance_to_decision(page)
    sw, iw = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert sw <= iw
    page.screenshot(path=str(tmp_path / "chat.png"))
    assert (tmp_path / "chat.png").stat().st_size > 5000
    context.close()
