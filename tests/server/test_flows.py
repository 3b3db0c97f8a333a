"""Each role's main flow through `HttpMarketClient` against a real server process."""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from creator_studio.core.errors import StudioError
from tests.server.conftest import LENIENT_NORMS, course_package

pytestmark = pytest.mark.postgres


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def norms(team):
    staff = team.client("staff01")
    version = staff.publish_norms(staff.user, LENIENT_NORMS, title="测试规范")
    assert version >= 1
    return version


def post(buyer, tmp_path: Path, title: str = "车险理赔流程微课", attachments=()):  # noqa: ANN001, ANN201
    return buyer.post_request(buyer.user, title=title, forms=["h5"], budget_fen=500_000,
                              deadline=buyer.now() + timedelta(days=20),
                              description="把理赔流程做成 H5 微课", attachments=list(attachments))


def test_health_and_openapi_list_every_protocol_method(team):
    import httpx

    from creator_studio.core.market.client import MarketClient

    spec = httpx.get(team.url + "/openapi.json").json()
    assert httpx.get(team.url + "/api/health").json()["database"] == "postgresql"
    routed = {p.rsplit("/", 1)[-1] for p in spec["paths"] if p.startswith("/api/market/")}
    wanted = {n for n, v in vars(MarketClient).items() if callable(v) and not n.startswith("_")}
    assert wanted - routed == {"close", "login", "load_demo", "sample_accounts", "status",
                               "fetch_delivery", "fetch_request_file"}
    body = spec["components"]["schemas"]["MakeOfferBody"]
    assert body["properties"]["price_fen"]["type"] == "integer"
    assert set(body["required"]) == {"request_id", "price_fen", "days"}


def test_buyer_maker_staff_main_flow(team, norms, tmp_path):
    buyer, maker = team.client("buyer01"), team.client("maker01")
    src = tmp_path / "理赔流程.pptx"
    src.write_bytes(b"PK\x03\x04 not really a pptx but bytes to hand over " * 1000)
    rid = post(buyer, tmp_path, attachments=[src])

    # maker: sees the request, offers
    rows = maker.open_requests(maker.user, 50, 0)
    assert rid in [r.id for r in rows]
    row = next(r for r in rows if r.id == rid)
    assert row.title == "车险理赔流程微课" and hasattr(row, "deadline")
    oid = maker.make_offer(maker.user, rid, 420_000, 10, "两周内交付")
    # buyer: offers and award
    offers = buyer.offers_for(buyer.user, rid)
    assert [o["id"] for o in offers] == [oid] and offers[0]["price_fen"] == 420_000
    result = buyer.award(buyer.user, rid, oid)
    order_id = result.order_id
    # maker: downloads the buyer's source file, byte for byte
    files = maker.request_files(maker.user, rid)
    assert [f["name"] for f in files] == ["理赔流程.pptx"] and files[0]["sha256"] == sha(src)
    got = maker.fetch_request_file(maker.user, files[0]["id"], tmp_path / "dl" / "src.pptx")
    assert got.read_bytes() == src.read_bytes()
    # maker: delivers a folder (zipped and uploaded by the client, re-checked by the server)
    d1 = maker.deliver(maker.user, order_id, course_package(tmp_path / "v1"), note="第一版")
    dels = buyer.deliveries(buyer.user, order_id)
    assert [d["id"] for d in dels] == [d1] and dels[0]["status"] == "submitted"
    assert dels[0]["norms"]["blocking"] is False
    # buyer: previews, asks for a revision
    out = buyer.fetch_delivery(buyer.user, d1, tmp_path / "review1")
    assert (out / "h5" / "index.html").is_file() and (out / "manifest.json").is_file()
    buyer.order_action(buyer.user, order_id, "request_revision", reason="请补充查勘环节")
    d2 = maker.deliver(maker.user, order_id, course_package(tmp_path / "v2", title="车险理赔流程微课（修订）"))
    buyer.order_action(buyer.user, order_id, "accept")
    orders = buyer.buyer_orders(buyer.user, 50, 0)
    assert next(o for o in orders if o.id == order_id).status == "accepted"
    assert buyer.review(buyer.user, order_id, 5, "很专业") > 0
    assert maker.review(maker.user, order_id, 4, "需求清晰") > 0
    kinds = {n["kind"] for n in maker.notifications(maker.user)}
    assert {"award", "revision", "accepted"} <= kinds
    assert isinstance(maker.notifications(maker.user)[0]["created_at"], type(maker.now()))
    assert d2 != d1
    # staff: sees the market
    staff = team.client("staff01")
    dash = staff.dashboard(staff.user)
    assert sum(n for _, n in dash["status"]) >= 1
    assert staff.all_certificates(staff.user)


def test_norms_are_rechecked_on_the_server(team, norms, tmp_path):
    buyer, maker = team.client("buyer01"), team.client("maker02")
    rid = post(buyer, tmp_path, title="稳健理财课程需求")
    oid = maker.make_offer(maker.user, rid, 300_000, 7)
    order_id = buyer.award(buyer.user, rid, oid).order_id
    bad = course_package(tmp_path / "bad", text="本产品保本保息，零风险。")
    with pytest.raises(StudioError) as e:
        maker.deliver(maker.user, order_id, bad)
    assert e.value.code == "NORMS_BLOCKED" and "保本" in e.value.message_zh
    assert e.value.details["findings"][0]["rule_id"] == "forbidden-wording"
    assert [d["status"] for d in buyer.deliveries(buyer.user, order_id)] == ["refused"]


def test_same_error_code_and_messages_as_in_process(team, tmp_path):
    maker = team.client("maker01")
    with pytest.raises(StudioError) as e:
        maker.make_offer(maker.user, 999_999, 1000, 3)
    assert e.value.code == "NOT_FOUND" and e.value.message_zh and e.value.message_en


def test_idempotent_retry_returns_the_same_offer(team, tmp_path):
    buyer, maker = team.client("buyer02"), team.client("maker03")
    rid = post(buyer, tmp_path, title="健康险新品培训")
    first = maker.make_offer(maker.user, rid, 200_000, 5, key="offer-once-1")
    again = maker.make_offer(maker.user, rid, 200_000, 5, key="offer-once-1")
    assert first == again
    with pytest.raises(StudioError) as e:
        maker.make_offer(maker.user, rid, 210_000, 5, key="offer-once-1")
    assert e.value.code == "IDEMPOTENCY_KEY_REUSED"


def test_sessions_expire_on_logout_and_bad_tokens_are_refused(team):
    import httpx

    c = team.client("buyer02")
    token = c.token
    assert httpx.get(team.url + "/api/session", headers={"Authorization": f"Bearer {token}"}).json()["login"] == "buyer02"
    c.logout()
    r = httpx.post(team.url + "/api/market/now", json={}, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "SESSION_INVALID"
    r = httpx.post(team.url + "/api/market/now", json={})
    assert r.status_code == 401
    r = httpx.post(team.url + "/api/market/now", json={}, headers={"Authorization": "Bearer forged"})
    assert r.status_code == 401


def test_the_token_is_stored_hashed(team):
    from sqlalchemy import text

    c = team.client("buyer01")
    eng = team.engine()
    with eng.connect() as conn:
        stored = [r[0] for r in conn.execute(text("SELECT token_sha256 FROM server_sessions"))]
    eng.dispose()
    assert c.token not in stored
    assert hashlib.sha256(c.token.encode()).hexdigest() in stored


def test_failed_logins_are_throttled_per_account_and_unknown_accounts_take_as_long(team):
    from creator_studio.core.market.http_client import HttpMarketClient

    c = HttpMarketClient(team.url, retries=0)

    def timed(login: str) -> float:
        t0 = time.perf_counter()
        with pytest.raises(StudioError) as e:
            c.login(login, "wrong-password")
        assert e.value.code == "LOGIN_FAILED"
        return time.perf_counter() - t0

    known = sorted(timed("maker04") for _ in range(3))[1]
    unknown = sorted(timed(f"ghost{i}") for i in range(3))[1]
    # argon2 dominates both: an unknown login is not answered measurably faster
    assert unknown > 0.5 * known, (known, unknown)
    for _ in range(8):
        try:
            c.login("maker04", "wrong-password")
        except StudioError as e:
            if e.code == "LOGIN_THROTTLED":
                break
    with pytest.raises(StudioError) as e:
        c.login("maker04", "wrong-password")
    assert e.value.code == "LOGIN_THROTTLED" and "分钟" in e.value.message_zh
    # even the right password waits out the window (a guesser cannot tell it was right)
    with pytest.raises(StudioError) as e:
        c.login("maker04", "test-pass-1234")
    assert e.value.code == "LOGIN_THROTTLED"
    # other accounts are not affected
    assert c.login("maker02", "test-pass-1234").login == "maker02"


def test_live_events_reach_the_maker_within_seconds(team, norms, tmp_path):
    from creator_studio.core.market.http_client import EventStream

    buyer, maker = team.client("buyer02"), team.client("maker02")
    got: list[dict] = []
    stream = EventStream()
    online = threading.Event()

    def listen() -> None:
        for ev in maker.events(stream=stream):
            if ev["kind"] == "_online":
                online.set()
            got.append(ev)
            if ev["kind"] == "award":
                return

    t = threading.Thread(target=listen, daemon=True)
    t.start()
    assert online.wait(10)
    rid = post(buyer, tmp_path, title="银保渠道话术课")
    oid = maker.make_offer(maker.user, rid, 100_000, 3)
    t0 = time.time()
    buyer.award(buyer.user, rid, oid)
    t.join(15)
    stream.close()
    award = [e for e in got if e["kind"] == "award"]
    assert award, got
    assert time.time() - t0 < 10
    assert award[0]["data"]["request_id"] == rid and award[0]["zh"]


def test_badges_verify_against_the_servers_published_key(team):
    import httpx

    from creator_studio.core.market import credentials

    maker = team.client("maker01")
    cert = maker.certificates(maker.user)[0]
    out = maker.open_badge(maker.user, cert["id"], Path(__file__).parent / ".." / ".." / ".tmp-badge.json")
    try:
        import json

        badge = json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)
    did = httpx.get(team.url + "/.well-known/did.json").json()
    assert did["id"].startswith("did:web:127.0.0.1%3A")
    claims = credentials.verify_against_did_document(badge["jwt"], did)
    assert claims["iss"] == did["id"]
    jwks = httpx.get(team.url + "/.well-known/jwks.json").json()["keys"]
    assert jwks[0]["x"] == did["verificationMethod"][0]["publicKeyJwk"]["x"]
    # a badge signed by any other key does not verify against this issuer
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    forged = credentials.sign_credential(badge["credential"], Ed25519PrivateKey.generate())
    with pytest.raises(StudioError):
        credentials.verify_against_did_document(forged, did)


def test_secret_files_are_private_to_the_server(team):
    import stat

    folder = team.folder / "secrets"
    names = sorted(p.name for p in folder.iterdir() if p.name != ".lock")
    assert names == ["issuer-ed25519.pem", "platform-secret.key"]
    for p in folder.iterdir():
        if p.name != ".lock":
            assert stat.S_IMODE(p.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_an_unreachable_server_is_a_typed_error_after_retries():
    from creator_studio.core.market.http_client import HttpMarketClient
    from tests.server.conftest import free_port

    c = HttpMarketClient(f"http://127.0.0.1:{free_port()}", retries=2, backoff=0.05)
    t0 = time.perf_counter()
    with pytest.raises(StudioError) as e:
        c.login("buyer01", "x")
    assert e.value.code == "SERVER_UNREACHABLE"
    assert "无法连接团队服务器" in e.value.message_zh and "Nothing you typed is lost" in e.value.message_en
    assert time.perf_counter() - t0 >= 0.1  # it did back off between attempts


def test_staff_imports_users_and_exports_files_through_the_server(team, tmp_path):
    """File parameters in both directions: an HR CSV goes up, a PDF and a statement come back."""
    staff = team.client("staff01")
    csv = tmp_path / "hr.csv"
    csv.write_text("工号,登录名,姓名,邮箱,角色,业务条线,初始密码\n"
                   "E101,maker51,周创客,,maker,PNC,welcome-2026\n", encoding="utf-8-sig")
    res = staff.import_users(staff.user, csv)
    assert res and not res.get("errors"), res
    newcomer = team.client()
    assert newcomer.login("maker51", "welcome-2026").display_name == "周创客"
    cert = staff.all_certificates(staff.user)[0]
    pdf = staff.certificate_pdf(staff.user, cert["id"], tmp_path / "out" / "证书.pdf")
    assert pdf == tmp_path / "out" / "证书.pdf" and pdf.read_bytes()[:5] == b"%PDF-"
    out = staff.export_statements(staff.user, "2026-11", tmp_path / "out" / "pay.xlsx")
    assert out["path"] == str(tmp_path / "out" / "pay.xlsx")
    assert (tmp_path / "out" / "pay.xlsx").read_bytes()[:2] == b"PK"


def test_order_thread_messages_with_attachments_over_http(team, tmp_path):
    """Order-thread methods (added to the protocol by another area) work over HTTP as they are:
    a list-of-files parameter goes up, a file comes back to the caller's path."""
    buyer, maker, other = team.client("buyer02"), team.client("maker02"), team.client("maker01")
    rid = post(buyer, tmp_path, title="会话附件测试课")
    order_id = buyer.award(buyer.user, rid, maker.make_offer(maker.user, rid, 200_000, 6)).order_id
    note = tmp_path / "补充材料.txt"
    note.write_text("报案电话：95500", encoding="utf-8")
    buyer.post_message(buyer.user, order_id, "补充材料见附件", attachments=[note])
    msgs = [m for m in maker.order_thread(maker.user, order_id) if m.get("kind") == "message"]
    assert msgs[-1]["body"] == "补充材料见附件" and msgs[-1]["files"][0]["name"] == "补充材料.txt"
    got = maker.fetch_message_file(maker.user, msgs[-1]["files"][0]["id"], tmp_path / "got.txt")
    assert got.read_text(encoding="utf-8") == "报案电话：95500"
    with pytest.raises(StudioError) as e:
        other.fetch_message_file(other.user, msgs[-1]["files"][0]["id"], tmp_path / "stolen.txt")
    assert e.value.code in ("PERMISSION_DENIED", "NOT_FOUND")
    assert not (tmp_path / "stolen.txt").exists()


BANK = [{"id": f"q{i}", "stem": f"上传规范题{i}", "options": ["对", "错"], "answers": [i % 2]}
        for i in range(6)]


def test_certification_through_the_server_issues_a_code_only_the_server_vouches_for(team, norms,
                                                                                     tmp_path):
    staff = team.client("staff01")
    csv = tmp_path / "hr.csv"
    csv.write_text("工号,登录名,姓名,邮箱,角色,业务条线,初始密码\n"
                   "E161,maker61,吴新人,,maker,PNC,welcome-2026\n", encoding="utf-8-sig")
    staff.import_users(staff.user, csv)
    staff.save_program(staff.user, None, {
        "title": "创客认证", "forms": ["long-image", "h5", "screen-record", "skit"],
        "modules": [{"id": "m1", "title": "微课设计", "url": "https://learn/m1"}],
        "question_bank": BANK, "exam_size": 3, "pass_mark": 60})
    maker = team.client()
    maker.login("maker61", "welcome-2026")
    app_id = maker.cert_apply(maker.user, ["h5"])
    maker.cert_complete_module(maker.user, app_id, "m1")
    exam = maker.cert_start_exam(maker.user, app_id)
    paper = exam["paper"]
    assert paper and all("answers" not in q for q in paper)  # the key stays on the server
    key = {q["id"]: q["answers"] for q in BANK}
    result = maker.cert_submit_exam(maker.user, app_id, exam["attempt_id"],
                                    {q["id"]: key[q["id"]] for q in paper})
    assert result["passed"] is True
    # the practical is a folder: zipped by the client, unpacked and norms-checked on the server
    status = maker.cert_submit_practical(maker.user, app_id, course_package(tmp_path / "practical"))
    assert status == "practical_submitted"
    assert app_id in [a["id"] for a in staff.cert_queue(staff.user)]
    staff.review_practical(staff.user, app_id, True, "合格")
    certs = maker.certificates(maker.user)
    assert len(certs) == 1 and certs[0]["status"] == "valid"
    verdict = maker.verify_certificate(certs[0]["code"])
    assert verdict["valid"] is True and verdict["holder"] == "吴新人"
