"""The answers typed last for #12, checked live: each call below goes to a real server that runs
with ``CREATOR_STUDIO_SERVER_CHECK_RESPONSES=1``, so an answer that does not match the model
derived from its `shapes` TypedDict is a server error here (and the raw answers are validated
again by the test). Covers the calls the other server tests do not make: review comments,
certification status and evidence, norms and grade rules, evaluations, contest teams and the
contest's staff views."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from creator_studio.core.market import wire
from tests.server.conftest import LENIENT_NORMS, course_package

pytestmark = pytest.mark.postgres

BANK = [{"id": f"q{i}", "stem": f"题{i}", "options": ["对", "错"], "answers": [i % 2]}
        for i in range(4)]
RUBRIC = [{"id": "accuracy", "name": "内容准确", "weight": 70},
          {"id": "design", "name": "教学设计", "weight": 30}]


def raw(team, client, method: str, **params) -> dict:  # noqa: ANN001, ANN003
    """The answer as the server sent it, checked against the route's model by the test too."""
    from creator_studio.server import schemas

    answer = httpx.post(f"{team.url}/api/market/{method}", json=wire.encode(params),
                        headers={"Authorization": f"Bearer {client.token}"}, timeout=30).json()
    schemas.result_model(method).model_validate(answer)
    return answer["result"]


def test_review_comments_and_the_thread_match_their_models(team, tmp_path):
    staff, buyer, maker = team.client("staff01"), team.client("buyer01"), team.client("maker03")
    staff.publish_norms(staff.user, LENIENT_NORMS, title="测试规范")
    rid = buyer.post_request(buyer.user, title="批注类型测试课", forms=["h5"], budget_fen=300_000,
                             deadline=buyer.now() + timedelta(days=9))
    order_id = buyer.award(buyer.user, rid, maker.make_offer(maker.user, rid, 200_000, 5)).order_id
    d1 = maker.deliver(maker.user, order_id, course_package(tmp_path / "v1"))
    c = buyer.add_review_comment(buyer.user, order_id, d1, "封面标题太长", anchor="page",
                                 page_id="p1", page_label="封面", x_bp=5000, y_bp=1200)
    assert c["status"] == "open" and c["anchor_zh"] and "history" not in c
    buyer.add_review_comment(buyer.user, order_id, d1, "整体节奏可以再快些",
                             severity="suggestion", anchor="general")
    done = maker.set_comment_status(maker.user, c["id"], "done", "已改短")
    assert done["status"] == "done"
    listed = buyer.review_comments(buyer.user, order_id)
    assert [e["to"] for e in listed[0]["history"]] == ["done"]
    back = buyer.set_comment_status(buyer.user, c["id"], "reopen", "还是太长")
    assert back["status"] == "reopened"
    asked = buyer.request_revision_with_comments(buyer.user, order_id, "请按批注修改")
    assert asked["revision_round"] == 1 and len(asked["comment_ids"]) == 2
    msg = maker.post_message(maker.user, order_id, "收到，今天改好")
    assert msg["kind"] == "message" and msg["read_by"] == []
    thread = maker.order_thread(maker.user, order_id)
    assert {"event", "message"} <= {t["kind"] for t in thread}
    dossier = raw(team, buyer, "order_dossier", order_id=order_id)
    assert len(dossier["comments"]) == 2 and dossier["timeline"]
    raw(team, buyer, "review_comments", order_id=order_id, version=None)
    raw(team, maker, "order_thread", order_id=order_id)


def test_certification_norms_grades_and_evaluations_match_their_models(team, tmp_path):
    staff = team.client("staff01")
    staff.publish_norms(staff.user, LENIENT_NORMS, title="测试规范")
    norms = staff.current_norms()
    assert norms is not None and norms["version"] >= 1 and isinstance(norms["rules"], dict)
    rules = staff.grade_rules()  # the default table when staff never published one
    assert rules["levels"] and all(type(lv["multiplier"]) is str for lv in rules["levels"])
    assert raw(team, staff, "grade_rules")["levels"]
    csv = tmp_path / "hr.csv"
    csv.write_text("工号,登录名,姓名,邮箱,角色,业务条线,初始密码\n"
                   "E171,maker71,郑类型,,maker,PNC,welcome-2026\n", encoding="utf-8-sig")
    staff.import_users(staff.user, csv)
    program = staff.cert_program()
    saved = staff.save_program(staff.user, program["id"] if program else None, {
        "title": "创客认证", "forms": ["long-image", "h5", "screen-record", "skit"],
        "modules": [{"id": "m1", "title": "微课设计", "url": "https://learn/m1"}],
        "question_bank": BANK, "exam_size": 2, "pass_mark": 50})
    assert saved["question_bank"] and saved["exam_size"] == 2
    assert staff.cert_program()["id"] == saved["id"]
    maker = team.client()
    maker.login("maker71", "welcome-2026")
    before = maker.cert_status(maker.user)
    assert before["application"] is None and before["program"]["question_bank"] == []
    app_id = maker.cert_apply(maker.user, ["h5"])
    maker.cert_complete_module(maker.user, app_id, "m1")
    exam = maker.cert_start_exam(maker.user, app_id)
    key = {q["id"]: q["answers"] for q in BANK}
    result = maker.cert_submit_exam(maker.user, app_id, exam["attempt_id"],
                                    {q["id"]: key[q["id"]] for q in exam["paper"]})
    assert result["passed"] is True and result["pass_mark"] == 50
    status = maker.cert_status(maker.user)
    assert status["application"]["id"] == app_id and status["application"]["last_passed"] is True
    maker.cert_submit_practical(maker.user, app_id, course_package(tmp_path / "practical"))
    evidence = staff.cert_evidence(staff.user, app_id)
    assert evidence["maker_login"] == "maker71" and evidence["best_score"] == 100
    assert [t["module_id"] for t in evidence["training"]] == ["m1"]
    assert set(staff.cert_reminders(staff.user)) == {"expired", "reminded"}
    period = (staff.now() - timedelta(days=31)).strftime("%Y-%m")
    run = staff.evaluate_period(staff.user, period)
    assert run["period"] == period and run["evaluated"] >= 1
    table = staff.evaluation_table(staff.user, period)
    assert table and all(type(r["before_names"]) is tuple for r in table)
    raw(team, staff, "evaluation_table", period=period)
    assert staff.export_statements(staff.user, period, tmp_path / "pay.csv")["path"]


def test_contest_teams_and_staff_views_match_their_models(team):
    staff, captain, mate = team.client("staff01"), team.client("maker01"), team.client("maker02")
    now = staff.now()
    c = staff.create_contest(staff.user, title="团队类型赛", forms=["h5"], entry_mode="team",
                             team_max=3, entries_open_at=now,
                             entries_close_at=now + timedelta(days=5),
                             judging_close_at=now + timedelta(days=6),
                             results_at=now + timedelta(days=7), rubric=RUBRIC,
                             judges=[team.ids["buyer02"]], award_bonus={"first": 10})
    assert c["judge_people"][0]["id"] == team.ids["buyer02"] and c["award_bonus"]["first"] == 10
    staff.publish_contest(staff.user, c["id"])
    seen = captain.get_contest(captain.user, c["id"])
    assert "judge_people" not in seen and seen["rubric"][0]["weight"] == 70
    assert c["id"] in [x["id"] for x in captain.list_contests(captain.user)]
    raw(team, captain, "get_contest", contest_id=c["id"])
    t = captain.create_contest_team(captain.user, c["id"], "类型先锋队")
    t = captain.invite_to_team(captain.user, t["id"], team.ids["maker02"])
    assert [m["status"] for m in t["members"] if m["user_id"] == team.ids["maker02"]] == ["invited"]
    t = mate.respond_to_invite(mate.user, t["id"], True)
    assert {m["user_id"] for m in t["members"]} == {team.ids["maker01"], team.ids["maker02"]}
    assert staff.list_contest_entries(staff.user, c["id"]) == []
    board = staff.get_contest_dashboard(staff.user, c["id"])
    assert board["entries"] == 0 and [x["id"] for x in board["criteria"]] == ["accuracy", "design"]
    assert board["progress"][0]["judge_id"] == team.ids["buyer02"]
    raw(team, staff, "get_contest_dashboard", contest_id=c["id"])
