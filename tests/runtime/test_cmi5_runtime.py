"""The cmi5 zip against a real xAPI LRS started by the test (FastAPI + uvicorn, xapi_lrs.py).

The LRS plays the LMS's part of a launch (LaunchData state document, one-time fetch URL, Basic
token) and enforces what real LRSs enforce (auth, version header, JSON statements, a state body
labelled `application/json` must be JSON). Issue 20 #11:
* relaunching a finished registration sends no second `completed`/`passed`;
* the AU's state document is JSON sent as `application/json`;
* an unreadable `LMS.LaunchData` is reported (console + role=alert) and learning goes on locally;
* an LRS that refuses statements is reported too, not swallowed.
"""

from __future__ import annotations

import json
import zipfile

import pytest
from runtime_helpers import StaticServer, play_through
from xapi_lrs import XapiLRS

from creator_studio.core.forms.h5 import CMI5_ZIP

pytestmark = pytest.mark.browser

ACTOR = {"objectType": "Agent", "account": {"homePage": "https://lms.example", "name": "u-42"}, "name": "学员"}
ACTIVITY = "https://lms.example/courses/insurance/au/1"


@pytest.fixture(scope="module")
def au(h5_out, tmp_path_factory):
    root = tmp_path_factory.mktemp("au")
    with zipfile.ZipFile(h5_out / CMI5_ZIP) as zf:
        zf.extractall(root)
    with StaticServer(root) as srv:
        yield srv.url + "/index.html"


def wait_for(page, cond, what: str, timeout_ms: int = 8000) -> None:
    for _ in range(timeout_ms // 50):
        if cond():
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {what}")


def open_au(browser, url):
    context = browser.new_context()
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.goto(url)
    page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
    return context, page, console


def test_relaunch_of_a_finished_registration_sends_no_second_completion(browser, au):
    reg = "0b3c2f6e-8a6d-4b8c-9f3e-1d2c3b4a5f60"
    with XapiLRS() as lrs:
        # launch 1: the learner passes and leaves
        url, s1 = lrs.launch(au, actor=ACTOR, registration=reg, activity_id=ACTIVITY, mastery=0.6)
        context, page, console = open_au(browser, url)
        assert page.evaluate("CS_H5.mode") == "cmi5"
        play_through(page, correct=True)
        page.click(".finish")
        wait_for(page, lambda: "terminated" in lrs.verbs(session=s1), "terminated #1")
        context.close()
        first = [v for v in lrs.verbs(session=s1) if v != "answered"]
        assert first == ["initialized", "completed", "passed", "terminated"]

        # launch 2 of the same registration (the LMS writes a new LaunchData + session id)
        url, s2 = lrs.launch(au, actor=ACTOR, registration=reg, activity_id=ACTIVITY, mastery=0.6)
        context, page, console2 = open_au(browser, url)
        assert page.evaluate("CS_H5.mode") == "cmi5"
        wait_for(page, lambda: "initialized" in lrs.verbs(session=s2), "initialized #2")
        # the learner goes through the course again and finishes it again
        if page.locator(".retry").count():
            page.click(".retry")
        play_through(page, correct=True)
        page.click(".finish")
        wait_for(page, lambda: "terminated" in lrs.verbs(session=s2), "terminated #2")
        context.close()
        second = [v for v in lrs.verbs(session=s2) if v != "answered"]
        all_verbs = lrs.verbs(registration=reg)
        writes = list(lrs.data.state_writes)
        rejected = list(lrs.data.rejected)
    assert second == ["initialized", "terminated"], second
    assert all_verbs.count("completed") == 1 and all_verbs.count("passed") == 1
    assert rejected == []
    # the AU's own state document: JSON, labelled as JSON, carrying the sent flags
    ours = [w for w in writes if w["stateId"] != "LMS.LaunchData"]
    assert ours and {w["content_type"] for w in ours} == {"application/json"}
    last = json.loads(ours[-1]["body"])
    assert last["v"] == 2 and last["sent"] == {"completed": True, "passed": True, "failed": False}
    assert isinstance(last["suspend"], str) and last["suspend"]
    # nothing went wrong from the AU's point of view (a 404 for the not-yet-written state document
    # and the favicon are normal browser console noise)
    assert not [c for c in console + console2 if "H5 tracking" in c], console + console2


def test_unreadable_launch_data_is_reported_and_learning_goes_on(browser, au):
    with XapiLRS() as lrs:
        # an LMS that forgot to write LMS.LaunchData: the GET answers 404 every time
        url, _ = lrs.launch(au, actor=ACTOR, registration="1e3c2f6e-8a6d-4b8c-9f3e-1d2c3b4a5f61",
                            activity_id=ACTIVITY, write_launch_data=False)
        context, page, console = open_au(browser, url)
        banner = page.locator("#cs-tracking-error[role=alert]")
        banner.wait_for(state="visible")
        text = banner.inner_text()
        assert "LMS.LaunchData" in text and "进度只保存在本机" in text
        assert any(c.startswith("error") and "LMS.LaunchData" in c for c in console), console
        assert page.evaluate("CS_H5.mode") == "local"
        # learning continues, and progress is kept on this device
        page.click(".nav-next")
        page.click(".nav-next")
        saved = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('cs-h5:'))")
        context.close()
        statements = list(lrs.data.statements)
        launch_reads = [r for r in lrs.data.rejected if r["status"] == 401]
    assert statements == []  # cmi5: no statement before LaunchData was read
    assert saved, "progress not kept locally"
    assert launch_reads == []  # it did authenticate; only the document was missing


def test_lrs_refusing_statements_is_visible(browser, au):
    with XapiLRS() as lrs:
        lrs.data.fail_statements = True
        url, _ = lrs.launch(au, actor=ACTOR, registration="2e3c2f6e-8a6d-4b8c-9f3e-1d2c3b4a5f62",
                            activity_id=ACTIVITY)
        context, page, console = open_au(browser, url)
        banner = page.locator("#cs-tracking-error[role=alert]")
        banner.wait_for(state="visible")
        assert "未能上报" in banner.inner_text() and "HTTP 503" in banner.inner_text()
        assert page.evaluate("CSTracking.errors.length") == 1  # reported once, not per statement
        context.close()


def test_relaunch_after_a_fail_can_still_pass_once(browser, au):
    """The flags restore exactly: after a failed first session, the relaunch may send `passed`
    (cmi5 allows passed after failed) but neither a second `completed` nor a second `failed`."""
    reg = "3e3c2f6e-8a6d-4b8c-9f3e-1d2c3b4a5f63"
    with XapiLRS() as lrs:
        url, s1 = lrs.launch(au, actor=ACTOR, registration=reg, activity_id=ACTIVITY, mastery=0.6)
        context, page, _ = open_au(browser, url)
        play_through(page, correct=False)
        page.click(".finish")
        wait_for(page, lambda: "terminated" in lrs.verbs(session=s1), "terminated #1")
        context.close()
        url, s2 = lrs.launch(au, actor=ACTOR, registration=reg, activity_id=ACTIVITY, mastery=0.6)
        context, page, _ = open_au(browser, url)
        wait_for(page, lambda: "initialized" in lrs.verbs(session=s2), "initialized #2")
        if page.locator(".retry").count():
            page.click(".retry")
        play_through(page, correct=True)
        page.click(".finish")
        wait_for(page, lambda: "terminated" in lrs.verbs(session=s2), "terminated #2")
        context.close()
        first = [v for v in lrs.verbs(session=s1) if v != "answered"]
        second = [v for v in lrs.verbs(session=s2) if v != "answered"]
    assert first == ["initialized", "completed", "failed", "terminated"]
    assert second == ["initialized", "passed", "terminated"]
