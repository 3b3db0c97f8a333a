"""What a maker with the studio installed tries against the server — all refused, nothing changed.

Each attack is made over HTTP from a maker's own session (the only thing a maker workstation
has in team mode), either through `HttpMarketClient` or as a raw request that lies about who is
asking. After each one the tables that matter are compared with a snapshot taken before.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from creator_studio.core.errors import StudioError
from tests.server.conftest import LENIENT_NORMS, course_package

pytestmark = pytest.mark.postgres

GUARDED = ("users", "user_roles", "certificates", "maker_grades", "grade_evaluations",
           "audit_events", "order_timers", "order_transitions", "deliveries", "server_sessions")


def snapshot(team) -> dict:
    eng = team.engine()
    out = {}
    with eng.connect() as c:
        for t in GUARDED:
            rows = c.execute(text(f'SELECT * FROM "{t}" ORDER BY 1')).all()
            out[t] = hashlib.sha256(repr(rows).encode()).hexdigest()
    eng.dispose()
    return out


@pytest.fixture(scope="module")
def scene(team, tmp_path_factory):
    """An order between buyer01 and maker01 with a delivery and a source file; maker02 attacks."""
    tmp = tmp_path_factory.mktemp("attack")
    staff = team.client("staff01")
    staff.publish_norms(staff.user, LENIENT_NORMS, title="测试规范")
    buyer, maker = team.client("buyer01"), team.client("maker01")
    src = tmp / "source.docx"
    src.write_bytes(b"secret source of buyer01 " * 100)
    rid = buyer.post_request(buyer.user, title="寿险营销新人培训课", forms=["h5"], budget_fen=300_000,
                             deadline=buyer.now() + timedelta(days=20), attachments=[src])
    order_id = buyer.award(buyer.user, rid, maker.make_offer(maker.user, rid, 250_000, 9)).order_id
    delivery_id = maker.deliver(maker.user, order_id, course_package(tmp / "pkg"))
    file_id = maker.request_files(maker.user, rid)[0]["id"]
    # the attacker's own order (to try system keys on), and an open request not awarded to them
    attacker = team.client("maker02")
    rid2 = buyer.post_request(buyer.user, title="银保渠道合规课", forms=["h5"], budget_fen=300_000,
                              deadline=buyer.now() + timedelta(days=20))
    own_order = buyer.award(buyer.user, rid2,
                            attacker.make_offer(attacker.user, rid2, 200_000, 9)).order_id
    rid3 = buyer.post_request(buyer.user, title="健康险核保要点课", forms=["h5"], budget_fen=300_000,
                              deadline=buyer.now() + timedelta(days=20), attachments=[src])
    return {"rid": rid, "rid3": rid3, "order_id": order_id, "delivery_id": delivery_id,
            "file_id": file_id, "attacker": attacker, "maker": maker, "buyer": buyer,
            "staff": staff, "tmp": tmp, "own_order": own_order}


def refused(call, codes=("PERMISSION_DENIED",)) -> StudioError:  # noqa: ANN001
    with pytest.raises(StudioError) as e:
        call()
    assert e.value.code in codes, (e.value.code, e.value.message_en)
    return e.value


def test_staff_creation_is_refused(team, scene):
    a = scene["attacker"]
    csv = scene["tmp"] / "hr.csv"
    csv.write_text("工号,登录名,姓名,邮箱,角色,业务条线,初始密码\n"
                   "E900,evil01,冒名运营,,staff,PNC,evil-pass-123\n", encoding="utf-8")
    before = snapshot(team)
    refused(lambda: a.import_users(a.user, csv))
    # the same call naming the staff account as `user` in a raw body changes nothing either
    r = httpx.post(team.url + "/api/market/all_certificates",
                   json={"user": {"id": team.ids["staff01"], "roles": ["staff"]}},
                   headers={"Authorization": f"Bearer {a.token}"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "PERMISSION_DENIED"
    # demo data (known passwords, staff accounts) is not reachable over HTTP at all
    assert httpx.post(team.url + "/api/market/load_demo", json={},
                      headers={"Authorization": f"Bearer {a.token}"}).status_code in (404, 405)
    assert snapshot(team) == before


def test_level_change_is_refused(team, scene):
    a = scene["attacker"]
    before = snapshot(team)
    refused(lambda: a.override_level(a.user, a.user.id, "2026-11", "L4", "我觉得我值"))
    refused(lambda: a.evaluate(a.user, "2026-11"))
    refused(lambda: a.publish_grade_rules(a.user, {"levels": []}))
    assert snapshot(team) == before


def test_reading_another_makers_orders_and_earnings_is_refused(team, scene):
    a = scene["attacker"]
    before = snapshot(team)
    refused(lambda: a.deliveries(a.user, scene["order_id"]))
    refused(lambda: a.order_action(a.user, scene["order_id"], "request_material", reason="x"))
    # "user" in the body is ignored: the answer is the attacker's own (empty) data
    r = httpx.post(team.url + "/api/market/maker_orders",
                   json={"user": {"id": team.ids["maker01"]}, "limit": 50, "offset": 0},
                   headers={"Authorization": f"Bearer {a.token}"})
    assert r.status_code == 200
    from creator_studio.core.market import wire

    # (other test files share this server and give these makers orders too: compare with each
    # one's own list rather than with a fixed one)
    own = [o.id for o in a.maker_orders(a.user, 50, 0)]
    assert [o.id for o in wire.decode(r.json()["result"])] == own
    assert scene["own_order"] in own and scene["order_id"] not in own
    r = httpx.post(team.url + "/api/market/earnings", json={"user": {"id": team.ids["maker01"]}},
                   headers={"Authorization": f"Bearer {a.token}"})
    assert r.status_code == 200 and wire.decode(r.json()["result"]) == a.earnings(a.user)
    victim = scene["maker"]
    assert scene["order_id"] in [o.id for o in victim.maker_orders(victim.user, 50, 0)]
    assert snapshot(team) == before


def test_certificate_insertion_is_refused(team, scene):
    a = scene["attacker"]
    before = snapshot(team)
    mine = a.certificates(a.user)[0]
    refused(lambda: a.set_certificate_status(a.user, mine["id"], "valid", "reinstate myself"))
    fields = {"title": "假认证", "forms": ["h5"], "modules": [], "question_bank": [],
              "exam_size": 0}
    refused(lambda: a.save_program(a.user, None, fields))
    refused(lambda: a.cert_program())  # the question bank with its answer key
    refused(lambda: a.review_practical(a.user, 1, True, "approve myself"),
            codes=("PERMISSION_DENIED", "NOT_FOUND"))
    assert snapshot(team) == before


def test_timer_squatting_is_refused(team, scene):
    a = scene["attacker"]
    before = snapshot(team)
    refused(lambda: a.run_timers(a.user))
    # a user key cannot take the system namespace the order's deadline timer will use
    eng = team.engine()
    with eng.connect() as c:
        timer_ids = [r[0] for r in c.execute(text(
            "SELECT id FROM order_timers WHERE order_id = :o"), {"o": scene["own_order"]})]
    eng.dispose()
    assert timer_ids
    refused(lambda: a.make_offer(a.user, scene["rid3"], 100_000, 5, key=f"sys:timer:{timer_ids[0]}"),
            codes=("BAD_IDEMPOTENCY_KEY",))
    for tid in timer_ids:
        refused(lambda tid=tid: a.order_action(a.user, scene["own_order"], "request_material",
                                               reason="squat", key=f"sys:timer:{tid}"),
                codes=("BAD_IDEMPOTENCY_KEY",))
    assert snapshot(team) == before


def test_downloading_files_of_orders_not_the_callers_is_refused(team, scene):
    a = scene["attacker"]
    tmp = scene["tmp"]
    refused(lambda: a.fetch_delivery(a.user, scene["delivery_id"], tmp / "stolen"))
    refused(lambda: a.download_delivery(scene["delivery_id"], tmp / "stolen.zip"))
    refused(lambda: a.fetch_request_file(a.user, scene["file_id"], tmp / "stolen.docx"))
    assert not (tmp / "stolen").exists() and not (tmp / "stolen.zip").exists()
    # source files of a request nobody awarded to the attacker
    own = scene["buyer"].request_files(scene["buyer"].user, scene["rid3"])[0]["id"]
    refused(lambda: a.fetch_request_file(a.user, own, tmp / "stolen2.docx"))
    # the real maker and buyer do get them, byte-exact
    m = scene["maker"]
    got = m.fetch_request_file(m.user, scene["file_id"], tmp / "ok.docx")
    assert got.read_bytes() == (tmp / "source.docx").read_bytes()


def test_someone_elses_upload_cannot_be_used(team, scene):
    m, a = scene["maker"], scene["attacker"]
    f = scene["tmp"] / "x.bin"
    f.write_bytes(b"maker01's bytes")
    upload_id = m.upload(f)
    r = httpx.get(f"{team.url}/api/uploads/{upload_id}", headers={"Authorization": f"Bearer {a.token}"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "UPLOAD_UNKNOWN"
    r = httpx.put(f"{team.url}/api/uploads/{upload_id}", params={"offset": 0}, content=b"evil",
                  headers={"Authorization": f"Bearer {a.token}"})
    assert r.status_code == 404
    body = {"title": "借用上传", "forms": ["h5"], "budget_fen": 1000,
            "deadline": (m.now() + timedelta(days=3)).isoformat(),
            "attachments": [{"upload_id": upload_id}]}
    r = httpx.post(team.url + "/api/market/post_request", json=body,
                   headers={"Authorization": f"Bearer {a.token}"})
    assert r.status_code in (403, 404)


def test_size_limits_are_a_typed_refusal(team, scene):
    a = scene["attacker"]
    r = httpx.post(team.url + "/api/uploads", json={"name": "huge.zip", "size": 10 ** 12,
                                                    "sha256": "0" * 64},
                   headers={"Authorization": f"Bearer {a.token}"})
    assert r.status_code == 413
    err = r.json()["error"]
    assert err["code"] == "FILE_TOO_LARGE" and "MB" in err["message_zh"]
    # more bytes than declared are refused while they arrive
    start = httpx.post(team.url + "/api/uploads", json={"name": "s.bin", "size": 4,
                                                        "sha256": hashlib.sha256(b"abcd").hexdigest()},
                       headers={"Authorization": f"Bearer {a.token}"}).json()
    r = httpx.put(f"{team.url}/api/uploads/{start['upload_id']}", params={"offset": 0},
                  content=b"abcdefgh", headers={"Authorization": f"Bearer {a.token}"})
    assert r.status_code == 413


def test_tampered_upload_is_refused_at_completion(team, scene):
    a = scene["attacker"]
    h = {"Authorization": f"Bearer {a.token}"}
    start = httpx.post(team.url + "/api/uploads", json={"name": "t.bin", "size": 4,
                                                        "sha256": hashlib.sha256(b"abcd").hexdigest()},
                       headers=h).json()
    httpx.put(f"{team.url}/api/uploads/{start['upload_id']}", params={"offset": 0}, content=b"abce",
              headers=h)
    r = httpx.post(f"{team.url}/api/uploads/{start['upload_id']}/complete", headers=h)
    assert r.status_code == 400 and r.json()["error"]["code"] == "FILE_INTEGRITY"
