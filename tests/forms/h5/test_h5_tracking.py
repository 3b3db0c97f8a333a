"""SCORM 1.2 against a recording test LMS, cmi5 against a local recording LRS — in real Chromium."""

from __future__ import annotations

import json
import re
import zipfile
from urllib.parse import quote

import pytest
from h5_samples import make_lesson
from h5_servers import FRAME_PAGE, LMS_PAGE, LRS, SESSION, TOKEN, StaticServer

from creator_studio.core.forms.h5 import CMI5_ZIP, SCORM_ZIP, H5Format
from creator_studio.core.jobs import Job

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    root = tmp_path_factory.mktemp("h5track")
    lesson = make_lesson(root / "assets")
    H5Format().render(lesson, root / "out", {"lrs_origin": "http://127.0.0.1:*"}, Job())
    lms = root / "lms"
    (lms / "course").mkdir(parents=True)
    with zipfile.ZipFile(root / "out" / "h5" / SCORM_ZIP) as zf:
        zf.extractall(lms / "course")
    (lms / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    (lms / "frame.html").write_text(FRAME_PAGE, encoding="utf-8")
    au = root / "au"
    with zipfile.ZipFile(root / "out" / "h5" / CMI5_ZIP) as zf:
        zf.extractall(au)
    return {"lms": lms, "au": au}


def course_frame(page):
    page.wait_for_function("window.frames.length > 0")
    for _ in range(100):
        frame = next((f for f in page.frames if f.url.endswith("course/index.html")), None)
        if frame is not None:
            frame.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
            return frame
        page.wait_for_timeout(50)
    raise AssertionError("course frame not found")


def play_through(frame, *, correct: bool = True) -> None:
    """Page through every screen with the Next button, answering each question."""
    picks = {"保险的本质是？": ["风险转移"] if correct else ["储蓄"],
             "以下哪些属于理赔材料？": ["保单", "身份证"] if correct else ["菜谱"],
             "免赔额由保险公司承担。": ["错误"] if correct else ["正确"]}
    for _ in range(30):
        if frame.locator(".q-stem").count():
            stem = frame.locator(".q-stem").inner_text()
            if stem in picks:
                for text in picks[stem]:
                    frame.locator(".opt", has_text=text).click()
            else:
                frame.fill(".fill-input", "保费" if correct else "不知道")
            frame.click(".q-submit")
        if frame.locator(".nav-next").is_disabled():
            return
        frame.click(".nav-next")


def sets(calls):
    return [(c[1], c[2]) for c in calls if c[0] == "LMSSetValue"]


def idx(calls, *match):
    for i, c in enumerate(calls):
        if tuple(c[:len(match)]) == match:
            return i
    raise AssertionError(f"{match} not called")


def test_scorm12_call_sequence(browser, packages):
    with StaticServer(packages["lms"]) as srv:
        context = browser.new_context()
        page = context.new_page()
        page.goto(srv.url + "/lms.html")
        frame = course_frame(page)
        assert frame.evaluate("CS_H5.mode") == "scorm12"  # found two frames up
        play_through(frame, correct=True)
        assert frame.locator(".score-num").inner_text() == "100"
        frame.click(".finish")
        calls = page.evaluate("calls")
        context.close()
    assert calls[0] == ["LMSInitialize", ""]
    assert calls[-1] == ["LMSFinish", ""]
    assert calls.count(["LMSFinish", ""]) == 1 and calls.count(["LMSInitialize", ""]) == 1
    assert idx(calls, "LMSGetValue", "cmi.core.lesson_status") < idx(calls, "LMSSetValue", "cmi.core.lesson_status")
    assert sets(calls)[0] == ("cmi.core.lesson_status", "incomplete")
    # progress saved and committed during play
    assert idx(calls, "LMSSetValue", "cmi.suspend_data") < idx(calls, "LMSCommit")
    # per-question interactions
    s = dict(sets(calls))
    assert s["cmi.interactions.0.id"] == "q1" and s["cmi.interactions.0.type"] == "choice"
    assert s["cmi.interactions.0.student_response"] == "a"
    assert s["cmi.interactions.1.student_response"] == "a,b" and s["cmi.interactions.1.result"] == "correct" and s["cmi.interactions.0.result"] == "correct"
    assert s["cmi.interactions.2.type"] == "true-false" and s["cmi.interactions.2.student_response"] == "f"
    assert s["cmi.interactions.3.type"] == "fill-in" and s["cmi.interactions.3.student_response"] == "保费"
    # the end: score min/max/raw, THEN status, then time, exit, commit, finish
    i_min = idx(calls, "LMSSetValue", "cmi.core.score.min")
    i_max = idx(calls, "LMSSetValue", "cmi.core.score.max")
    i_raw = idx(calls, "LMSSetValue", "cmi.core.score.raw", "100")
    i_status = idx(calls, "LMSSetValue", "cmi.core.lesson_status", "passed")
    i_time = idx(calls, "LMSSetValue", "cmi.core.session_time")
    i_exit = idx(calls, "LMSSetValue", "cmi.core.exit")
    assert i_min < i_max < i_raw < i_status < i_time < i_exit < len(calls) - 2
    assert calls[i_exit][2] == "logout"  # finished: no resume needed
    assert calls[-2] == ["LMSCommit", ""]
    assert re.fullmatch(r"\d{4}:\d{2}:\d{2}\.\d{2}", calls[i_time][2])
    assert all(len(v) < 4096 for k, v in sets(calls) if k == "cmi.suspend_data")


def test_scorm12_failed_and_resume_from_suspend_data(browser, packages):
    with StaticServer(packages["lms"]) as srv:
        # session 1: answer the first question, stop on question 2, leave (frame unloads)
        context = browser.new_context()
        page = context.new_page()
        page.goto(srv.url + "/lms.html")
        frame = course_frame(page)
        frame.click(".toc-btn")
        frame.locator(".toc-item", has_text="测验 第1题").click()
        frame.locator(".opt", has_text="风险转移").click()
        frame.click(".q-submit")
        frame.click(".nav-next")
        page.evaluate("document.getElementById('wrap').remove()")
        page.wait_for_function("calls.some(c => c[0] === 'LMSFinish')")
        calls = page.evaluate("calls")
        data = page.evaluate("lmsData")
        context.close()
        s = dict(sets(calls))
        assert s["cmi.core.exit"] == "suspend" and "cmi.core.score.raw" not in s
        assert data["cmi.core.lesson_status"] == "incomplete"
        suspend = data["cmi.suspend_data"]
        assert 0 < len(suspend) < 4096 and data["cmi.core.lesson_location"]
        # session 2: the LMS hands the state back; the course opens where the learner left off
        preset = {"cmi.core.entry": "resume", "cmi.core.lesson_status": "incomplete",
                  "cmi.suspend_data": suspend, "cmi.core.lesson_location": data["cmi.core.lesson_location"],
                  "cmi.interactions._count": "1", "cmi.student_data.mastery_score": "80"}
        context = browser.new_context()
        page = context.new_page()
        page.goto(srv.url + "/lms.html#" + quote(json.dumps(preset)))
        frame = course_frame(page)
        assert frame.locator(".screen-title").inner_text() == "测验 第2题"
        calls2 = page.evaluate("calls")
        assert ["LMSGetValue", "cmi.suspend_data"] in calls2
        assert not any(c[:2] == ["LMSSetValue", "cmi.core.lesson_status"] for c in calls2)  # already incomplete
        frame.click(".nav-prev")
        assert "回答正确" in frame.locator(".feedback").inner_text()  # answer restored
        # finish with the remaining three wrong: 1 of 4 right, LMS mastery 80 → failed
        frame.click(".nav-next")
        play_through(frame, correct=False)
        assert frame.locator(".score-num").inner_text() == "25"
        assert "及格分 80" in frame.locator(".score-detail").inner_text()
        frame.click(".finish")
        calls2 = page.evaluate("calls")
        context.close()
    s2 = dict(sets(calls2))
    assert s2["cmi.core.score.raw"] == "25" and s2["cmi.core.lesson_status"] == "failed"
    assert "cmi.interactions.1.id" in s2 and "cmi.interactions.0.id" not in s2  # appended after the LMS count
    assert calls2[-1] == ["LMSFinish", ""]


def test_scorm12_refused_session_falls_back_to_local(browser, packages):
    with StaticServer(packages["lms"]) as srv:
        context = browser.new_context()
        page = context.new_page()
        page.goto(srv.url + "/lms.html#" + quote(json.dumps({"__init": "false"})))
        frame = course_frame(page)
        assert frame.evaluate("CS_H5.mode") == "local"
        frame.click(".nav-next")
        frame.click(".finish") if frame.locator(".finish").count() else None
        calls = page.evaluate("calls")
        context.close()
    assert calls == [["LMSInitialize", ""]]  # nothing else is sent to an LMS that said no


@pytest.mark.parametrize("correct", [True, False])
def test_cmi5_statement_flow(browser, packages, correct):
    with LRS(mastery=0.6) as lrs:
        actor = {"objectType": "Agent", "account": {"homePage": "https://lms.example", "name": "u-42"}, "name": "学员"}
        reg = "0b3c2f6e-8a6d-4b8c-9f3e-1d2c3b4a5f60"
        act = "https://lms.example/au/1"
        params = {"endpoint": lrs.url + "/xapi/", "fetch": lrs.url + "/fetch", "actor": json.dumps(actor),
                  "registration": reg, "activityId": act}
        url = (packages["au"] / "index.html").as_uri() + "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
        context = browser.new_context()
        page = context.new_page()
        csp_errors: list[str] = []
        page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(url)
        page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
        assert page.evaluate("CS_H5.mode") == "cmi5"
        play_through(page, correct=correct)
        page.click(".finish")
        for _ in range(60):
            if "terminated" in lrs.verbs():
                break
            page.wait_for_timeout(50)
        context.close()
        statements, verbs, auth = list(lrs.statements), lrs.verbs(), list(lrs.auth)
    assert csp_errors == []
    result_verb = "passed" if correct else "failed"
    assert verbs[0] == "initialized" and verbs[-1] == "terminated"
    core = [v for v in verbs if v != "answered"]
    assert core == ["initialized", "completed", result_verb, "terminated"]
    assert verbs.count("answered") == 4
    assert set(auth) == {f"Basic {TOKEN}"}
    by = {s["verb"]["id"].rsplit("/", 1)[-1]: s for s in statements}
    cmi5_cat = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
    moveon = "https://w3id.org/xapi/cmi5/context/categories/moveon"
    for v in ("initialized", "completed", result_verb, "terminated"):
        st = by[v]
        assert st["actor"] == actor and st["object"]["id"] == act
        assert st["context"]["registration"] == reg
        assert st["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/sessionid"] == SESSION
        assert st["context"]["contextActivities"]["grouping"][0]["id"] == "urn:test:course"
        cats = [c["id"] for c in st["context"]["contextActivities"]["category"]]
        assert cmi5_cat in cats
        assert (moveon in cats) == (v in ("completed", result_verb))
        assert re.fullmatch(r"[0-9a-f-]{36}", st["id"])
    assert by["completed"]["result"]["completion"] is True
    res = by[result_verb]["result"]
    assert res["success"] is correct
    assert res["score"]["scaled"] == (1.0 if correct else 0.0)
    assert (res["score"]["scaled"] >= 0.6) is correct
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?[\d.]+S", by["terminated"]["result"]["duration"])
    ans = [s for s in statements if s["verb"]["id"].endswith("/answered")]
    assert all(cmi5_cat not in [c["id"] for c in s["context"].get("contextActivities", {}).get("category", [])]
               for s in ans)
    assert ans[0]["object"]["id"].startswith(act + "/interaction/")
    if correct:
        assert [a["result"]["response"] for a in ans[:2]] == ["a", "a[,]b"]


def test_cmi5_browse_mode_sends_no_completion(browser, packages):
    with LRS(launch_mode="Browse") as lrs:
        actor = {"objectType": "Agent", "mbox": "mailto:learner@example.com"}
        params = {"endpoint": lrs.url + "/xapi", "fetch": lrs.url + "/fetch", "actor": json.dumps(actor),
                  "registration": "5e3c2f6e-8a6d-4b8c-9f3e-1d2c3b4a5f61", "activityId": "https://lms.example/au/2"}
        url = (packages["au"] / "index.html").as_uri() + "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
        play_through(page, correct=True)
        page.click(".finish")
        for _ in range(60):
            if "terminated" in lrs.verbs():
                break
            page.wait_for_timeout(50)
        context.close()
        verbs = [v for v in lrs.verbs() if v != "answered"]
    assert verbs == ["initialized", "terminated"]


def test_cmi5_retake_after_fail_sends_passed(browser, packages):
    with LRS(mastery=0.6) as lrs:
        actor = {"objectType": "Agent", "mbox": "mailto:learner@example.com"}
        params = {"endpoint": lrs.url + "/xapi/", "fetch": lrs.url + "/fetch", "actor": json.dumps(actor),
                  "registration": "7e3c2f6e-8a6d-4b8c-9f3e-1d2c3b4a5f62", "activityId": "https://lms.example/au/3"}
        url = (packages["au"] / "index.html").as_uri() + "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
        play_through(page, correct=False)
        page.click(".retry")
        play_through(page, correct=True)
        assert page.locator(".score-num").inner_text() == "100"
        page.click(".finish")
        for _ in range(60):
            if "terminated" in lrs.verbs():
                break
            page.wait_for_timeout(50)
        context.close()
        verbs = [v for v in lrs.verbs() if v != "answered"]
    assert verbs == ["initialized", "completed", "failed", "passed", "terminated"]
