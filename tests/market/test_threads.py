"""The order thread (#17): messages with attachments, read receipts, unread counts, inline system
events, permissions (parties only; staff read-only unless disputed), idempotent writes, audit,
the request brief and the staff dossier — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from creator_studio.core.errors import NotFound, PermissionDenied, ValidationError
from creator_studio.core.market import threads
from creator_studio.core.store.filestore import FileIntegrityError
from creator_studio.core.store.models import AuditEvent, Notification
from creator_studio.core.store.models_thread import OrderMessage


def post(svc, actor, order_id, body="", files=(), key=None, mk=None):  # noqa: ANN001, ANN201
    return svc.call(threads.post_message, actor, order_id, body=body, files=list(files),
                    key=key or mk.key("msg"), store=svc.store)


def read(svc, actor, order_id):  # noqa: ANN001, ANN201
    return svc.read_as(threads.thread, actor, order_id)


def test_messages_events_and_read_receipts(svc, world, mk, tmp_path):
    oid = mk.awarded_order()
    src = tmp_path / "报案流程补充.docx"
    src.write_bytes(b"PK\x03\x04 not really a docx but bytes are bytes" * 10)
    m1 = post(svc, world.maker, oid, "第 3 页的报案电话是哪个？", mk=mk)
    m2 = post(svc, world.buyer, oid, "95518，附件是最新流程", files=[src], mk=mk)
    assert m2["files"][0]["name"] == "报案流程补充.docx" and m2["files"][0]["size"] == src.stat().st_size
    mk.move(world.maker, oid, "request_material", reason="需要理赔流程图")
    mk.move(world.buyer, oid, "provide_material")
    mk.deliver(oid)

    items = read(svc, world.buyer, oid)
    kinds = [(i["kind"], i.get("event")) for i in items]
    assert kinds[0] == ("event", "award")  # the award starts the thread
    assert ("event", "request_material") in kinds and ("event", "deliver") in kinds
    deliver = next(i for i in items if i.get("event") == "deliver")
    assert deliver["label_zh"] == "交付 v1" and deliver["label_en"] == "Delivery v1"
    msgs = [i for i in items if i["kind"] == "message"]
    assert [m["body"] for m in msgs] == ["第 3 页的报案电话是哪个？", "95518，附件是最新流程"]
    assert msgs[0]["author_role"] == "maker" and msgs[1]["author_role"] == "buyer"
    # Posting reads the thread up to one's own message: the buyer has read m1, the maker not m2.
    assert msgs[0]["read_by"] == ["王需求"] and msgs[1]["read_by"] == []
    counts = {c["order_id"]: c["unread"] for c in svc.read_as(threads.unread_counts, world.maker)}
    assert counts == {oid: 1}
    svc.call(threads.mark_read, world.maker, oid)
    assert svc.read_as(threads.unread_counts, world.maker) == []
    msgs = [i for i in read(svc, world.buyer, oid) if i["kind"] == "message"]
    assert msgs[1]["read_by"] == ["张创客"]
    # The attachment comes back hash-checked for the maker.
    got = svc.read_as(threads.fetch_message_file, world.maker, m2["files"][0]["id"], svc.store,
                      tmp_path / "dl" / "x.docx")
    assert got.read_bytes() == src.read_bytes()
    assert m1["id"] < m2["id"]


def test_notifications_and_audit_for_every_message(svc, world, mk):
    oid = mk.awarded_order()
    post(svc, world.buyer, oid, "请先做第一页", mk=mk)
    with svc.read() as s:
        notes = s.scalars(select(Notification).where(Notification.kind == "order_message")).all()
        assert [n.user_id for n in notes] == [world.maker]
        assert "请先做第一页" in notes[0].title_zh
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "thread.message")).all()
        assert len(ev) == 1 and ev[0].actor_id == world.buyer and ev[0].entity_id == oid


def test_permissions_parties_only_staff_read_only_until_disputed(svc, world, mk, tmp_path):
    oid = mk.awarded_order()
    other = mk.awarded_order(maker=world.maker2)  # another maker's order of the same buyer
    brief = tmp_path / "brief.txt"
    brief.write_text("机密需求")
    secret = post(svc, world.buyer, other, "给赵创客的消息", files=[brief], mk=mk)
    # A maker cannot read (or write into) another order's thread.
    with pytest.raises(PermissionDenied):
        read(svc, world.maker, other)
    with pytest.raises(PermissionDenied):
        post(svc, world.maker, other, "我也想看看", mk=mk)
    with pytest.raises(PermissionDenied):
        read(svc, world.buyer2, oid)
    with pytest.raises(PermissionDenied):
        svc.read_as(threads.fetch_message_file, world.maker, secret["files"][0]["id"], svc.store,
                    tmp_path / "never")
    assert not (tmp_path / "never").exists()
    # Staff read everything but write only in a dispute.
    assert [i["body"] for i in read(svc, world.staff, other) if i["kind"] == "message"] == \
        ["给赵创客的消息"]
    with pytest.raises(PermissionDenied) as exc:
        post(svc, world.staff, oid, "平台提醒", mk=mk)
    assert "争议" in exc.value.message_zh
    mk.move(world.buyer, oid, "open_dispute", reason="迟迟不交付")
    m = post(svc, world.staff, oid, "请双方上传沟通记录", mk=mk)
    assert m["author_role"] == "staff"
    with svc.read() as s:
        to = {n.user_id for n in s.scalars(select(Notification).where(
            Notification.kind == "order_message", Notification.data["message_id"].as_integer()
            == m["id"]))}
    assert to == {world.buyer, world.maker}
    # The other maker's unread counts never include this order.
    assert all(c["order_id"] != oid for c in svc.read_as(threads.unread_counts, world.maker2))


def test_idempotent_writes_same_actor_same_params_only(svc, world, mk):
    oid = mk.awarded_order()
    a = post(svc, world.buyer, oid, "你好", key="k-hello", mk=mk)
    b = post(svc, world.buyer, oid, "你好", key="k-hello", mk=mk)
    assert a["id"] == b["id"]
    with svc.read() as s:
        assert s.scalar(select(func.count()).select_from(OrderMessage)) == 1
    with pytest.raises(ValidationError) as exc:
        post(svc, world.buyer, oid, "你好！", key="k-hello", mk=mk)  # other parameters
    assert exc.value.code == "IDEMPOTENCY_KEY_REUSED"
    with pytest.raises(ValidationError) as exc:
        post(svc, world.maker, oid, "你好", key="k-hello", mk=mk)  # another actor
    assert exc.value.code == "IDEMPOTENCY_KEY_REUSED"
    # Permission comes before the replay: an outsider learns nothing from a known key.
    with pytest.raises(PermissionDenied):
        post(svc, world.buyer2, oid, "你好", key="k-hello", mk=mk)


def test_typed_refusals_size_count_empty_control_chars(svc, world, mk, tmp_path, monkeypatch):
    oid = mk.awarded_order()
    big = tmp_path / "big.mp4"
    big.write_bytes(b"0" * 2048)
    monkeypatch.setattr(threads, "MAX_FILE_BYTES", 1024)
    with pytest.raises(ValidationError) as exc:
        post(svc, world.buyer, oid, "视频", files=[big], mk=mk)
    assert exc.value.code == "FILE_TOO_LARGE" and exc.value.details["max_bytes"] == 1024
    small = tmp_path / "a.txt"
    small.write_text("x")
    with pytest.raises(ValidationError) as exc:
        post(svc, world.buyer, oid, "多", files=[small] * (threads.MAX_FILES + 1), mk=mk)
    assert exc.value.code == "TOO_MANY_FILES"
    with pytest.raises(ValidationError) as exc:
        post(svc, world.buyer, oid, "   ", mk=mk)
    assert exc.value.code == "TEXT_REQUIRED"
    with pytest.raises(ValidationError) as exc:
        post(svc, world.buyer, oid, "坏\x00字", mk=mk)
    assert exc.value.code == "BAD_TEXT"
    with pytest.raises(ValidationError) as exc:
        post(svc, world.buyer, oid, "长" * (threads.MAX_BODY + 1), mk=mk)
    assert exc.value.code == "TEXT_TOO_LONG"
    with pytest.raises(NotFound):
        post(svc, world.buyer, oid, "x", files=[tmp_path / "missing.pptx"], mk=mk)
    with svc.read() as s:  # nothing half-written
        assert s.scalar(select(func.count()).select_from(OrderMessage)) == 0


def test_damaged_attachment_is_a_typed_error(svc, world, mk, tmp_path):
    oid = mk.awarded_order()
    f = tmp_path / "a.pdf"
    f.write_bytes(b"%PDF-1.4 hello")
    m = post(svc, world.buyer, oid, "见附件", files=[f], mk=mk)
    svc.store.path_for(m["files"][0]["sha256"]).write_bytes(b"tampered")
    with pytest.raises(FileIntegrityError):
        svc.read_as(threads.fetch_message_file, world.maker, m["files"][0]["id"], svc.store,
                    tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


def test_request_brief_files_only_for_buyer_staff_and_awarded_maker(svc, world, mk, tmp_path):
    from creator_studio.core.market import requests

    rid = mk.open_request(description="面向新入职理赔员，10 分钟以内")
    deck = tmp_path / "理赔.pptx"
    deck.write_bytes(b"deck bytes")
    svc.call(requests.attach_file, world.buyer, rid, deck, svc.store)
    brief = svc.read_as(threads.request_brief, world.maker, rid, now=svc.now())
    assert brief["description"] == "面向新入职理赔员，10 分钟以内"
    assert brief["business_line"] == "产险非车" and brief["forms"] == ["h5"]
    assert brief["files"] == [] and brief["files_count"] == 1 and not brief["may_download"]
    with pytest.raises(PermissionDenied):  # uncertified makers do not see open requests
        svc.read_as(threads.request_brief, world.uncertified, rid, now=svc.now())
    with pytest.raises(PermissionDenied):
        svc.read_as(threads.request_brief, world.buyer2, rid, now=svc.now())
    offer = mk.offer(rid)
    res = svc.call(requests.award, world.buyer, rid, offer, key=mk.key("award"))
    brief = svc.read_as(threads.request_brief, world.maker, rid, now=svc.now())
    assert brief["may_download"] and brief["files"][0]["name"] == "理赔.pptx"
    assert brief["order_id"] == res.order_id and brief["awarded_to_me"]
    # The losing side: maker2 never offered and the request is no longer open.
    with pytest.raises(PermissionDenied):
        svc.read_as(threads.request_brief, world.maker2, rid, now=svc.now() + timedelta(days=1))
    staff = svc.read_as(threads.request_brief, world.staff, rid, now=svc.now())
    assert staff["may_download"] and staff["order_id"] == res.order_id


def test_dossier_has_everything_for_a_dispute(svc, world, mk):
    from creator_studio.core.market import orders, review_comments
    from tests.market.conftest import blocking_norms

    oid = mk.awarded_order()
    post(svc, world.maker, oid, "第一版已上传", mk=mk)
    with pytest.raises(ValidationError):
        mk.deliver(oid, checker=blocking_norms)  # refused attempt, kept
    d = mk.deliver(oid)
    svc.call(review_comments.add_comment, world.buyer, oid, delivery_id=d.id, body="标题错别字",
             severity="must_fix", anchor="page", page_id="p2", x_bp=2500, y_bp=1000,
             key=mk.key("c"))
    svc.call(orders.propose_change_order, world.buyer, oid, description="增加一页案例",
             price_delta_fen=50_000, extra_days=2, key=mk.key("chg"))
    mk.move(world.maker, oid, "open_dispute", reason="需求方不断加需求")
    dos = svc.read_as(threads.order_dossier, world.staff, oid, now=svc.now())
    assert dos["order"]["status"] == "disputed" and dos["order"]["dispute_reason"] == "需求方不断加需求"
    assert dos["order"]["dispute_opened_by"] == "张创客"
    assert [x["status"] for x in dos["deliveries"]] == ["refused", "submitted"]
    assert dos["deliveries"][0]["norms"]["blocking"] and dos["deliveries"][1]["version"] == 1
    assert [c["body"] for c in dos["comments"]] == ["标题错别字"]
    assert [c["event"] for c in dos["change_orders"]] == ["propose_change"]
    assert dos["change_orders"][0]["params"]["price_delta_fen"] == 50_000
    assert [e["event"] for e in dos["timeline"]] == ["award", "deliver", "propose_change",
                                                     "open_dispute"]
    assert any(i["kind"] == "message" for i in dos["thread"])
    assert dos["brief"]["title"]
    with pytest.raises(PermissionDenied):
        svc.read_as(threads.order_dossier, world.maker2, oid, now=svc.now())


def test_orders_to_pay_lists_what_is_due_for_staff_only(svc, world, mk):
    oid = mk.awarded_order()
    mk.deliver(oid)
    mk.move(world.buyer, oid, "open_dispute", reason="质量不达标")
    from creator_studio.core.market import orders

    svc.call(orders.resolve_dispute, world.staff, oid, outcome="accept", reason="部分合格",
             payout_fen=250_000, key=mk.key("res"))
    rows = svc.read_as(threads.orders_to_pay, world.staff)
    assert [(r["id"], r["price_fen"], r["amount_due_fen"], r["dispute_outcome"]) for r in rows] == \
        [(oid, 400_000, 250_000, "accept")]
    for outsider in (world.buyer, world.maker):
        with pytest.raises(PermissionDenied):
            svc.read_as(threads.orders_to_pay, outsider)
    mk.move(world.staff, oid, "mark_paid")
    assert svc.read_as(threads.orders_to_pay, world.staff) == []
