"""微课大赛 (#19) in team mode: the same client calls over a real uvicorn server on PostgreSQL —
create, enter (package uploaded and checked on the server), blind copy download, scoring,
awards, the award PDF and `verify`. Dates are seconds apart because the server's clock is real."""

from __future__ import annotations

import time
import zipfile
from datetime import timedelta

import pytest

from creator_studio.core.errors import PermissionDenied, StudioError
from tests.server.conftest import LENIENT_NORMS, course_package

RUBRIC = [{"id": "accuracy", "name": "内容准确", "weight": 60},
          {"id": "design", "name": "教学设计", "weight": 40}]


def _wait_until(client, when) -> None:  # noqa: ANN001
    while client.now() < when:
        time.sleep(0.2)


def test_contest_over_the_team_server(team, tmp_path):
    staff = team.client("staff01")
    staff.publish_norms(staff.user, LENIENT_NORMS, title="测试规范")
    maker1, maker2, judge = team.client("maker01"), team.client("maker02"), team.client("buyer01")
    now = staff.now()
    close = now + timedelta(seconds=25)
    c = staff.create_contest(staff.user, title="阳光好课", forms=["h5"], entries_open_at=now,
                             entries_close_at=close, judging_close_at=close + timedelta(seconds=8),
                             results_at=close + timedelta(seconds=9), rubric=RUBRIC,
                             judges=[team.ids["buyer01"]], key="team-contest-1")
    with pytest.raises(PermissionDenied):
        maker1.create_contest(maker1.user, title="x", forms=["h5"], entries_open_at=now,
                              entries_close_at=close, judging_close_at=close, results_at=close,
                              rubric=RUBRIC, judges=[team.ids["buyer01"]])
    staff.publish_contest(staff.user, c["id"])
    e1 = maker1.submit_contest_entry(maker1.user, c["id"],
                                     course_package(tmp_path / "p1", title="理赔三步走"), "理赔三步走")
    e2 = maker2.submit_contest_entry(maker2.user, c["id"],
                                     course_package(tmp_path / "p2", title="续保话术"), "续保话术")
    assert {e1["version"], e2["version"]} == {1}
    assert len(maker1.list_my_contest_entries(maker1.user)) == 1
    _wait_until(staff, close)
    with pytest.raises(StudioError) as exc:
        maker1.submit_contest_entry(maker1.user, c["id"], course_package(tmp_path / "p3"), "迟到")
    assert exc.value.code == "CONTEST_CLOSED"
    queue = judge.get_judge_queue(judge.user, c["id"])
    assert {q["id"] for q in queue} == {e1["id"], e2["id"]}
    blind = judge.fetch_blind_entry(judge.user, e1["id"], tmp_path / "blind.zip")
    with zipfile.ZipFile(blind) as zf:
        blob = b"".join(zf.read(n) for n in zf.namelist())
    assert "理赔三步走".encode() in blob and "张创客".encode() not in blob and b"maker01" not in blob
    judge.score_contest_entry(judge.user, e1["id"], {"accuracy": 90, "design": 80},
                              {"accuracy": "准确"})
    judge.score_contest_entry(judge.user, e2["id"], {"accuracy": 70, "design": 85})
    assert staff.get_judging_progress(staff.user, c["id"])[0]["done"] == 2
    _wait_until(staff, close + timedelta(seconds=8))
    res = staff.get_contest_results(staff.user, c["id"])
    assert [r["id"] for r in res["ranking"]] == [e1["id"], e2["id"]]
    out = staff.publish_contest_awards(staff.user, c["id"], [{"entry_id": e1["id"], "award": "first"}],
                                       key="team-awards-1")
    assert len(out["credentials"]) == 1
    mine = maker1.list_my_awards(maker1.user)
    assert mine[0]["award_name"] == "一等奖"
    pdf = maker1.award_pdf(maker1.user, mine[0]["id"], tmp_path / "award.pdf")
    assert pdf.read_bytes()[:4] == b"%PDF"
    assert maker2.verify_certificate(mine[0]["verification_code"])["valid"]
    png = staff.export_contest_results_image(staff.user, c["id"], tmp_path / "results.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_draft_edit_and_people_picker_over_http(team):
    """The two #19 calls added for the window (draft edit, people picker) work over HTTP: the
    datetimes and lists of the edit survive the trip, the picker returns names and lines."""
    staff, maker = team.client("staff01"), team.client("maker01")
    now = staff.now().replace(microsecond=0)
    c = staff.create_contest(staff.user, title="草稿大赛", forms=["h5"],
                             entries_open_at=now + timedelta(days=1),
                             entries_close_at=now + timedelta(days=5),
                             judging_close_at=now + timedelta(days=6),
                             results_at=now + timedelta(days=7), rubric=RUBRIC,
                             judges=[team.ids["buyer01"]])
    later = now + timedelta(days=9)
    out = staff.update_contest(staff.user, c["id"], title="草稿大赛（改）", results_at=later,
                               judges=[team.ids["buyer01"], team.ids["buyer02"]])
    assert out["title"] == "草稿大赛（改）" and out["results_at"] == later
    assert out["judges"] == sorted([team.ids["buyer01"], team.ids["buyer02"]])
    with pytest.raises(StudioError) as exc:
        staff.update_contest(staff.user, c["id"], entries_close_at=now)  # before it opens
    assert exc.value.code == "BAD_DATES"
    with pytest.raises(PermissionDenied):
        maker.update_contest(maker.user, c["id"], title="x")
    people = maker.list_people(maker.user, "需求")
    assert {p["name"] for p in people} >= {"王需求", "李需求"}
    assert all(p["business_line"] == "产险非车" for p in people)
