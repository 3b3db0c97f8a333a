"""Review comments pinned to a delivered version (#17): pins (page + position, video time, skit
line), severity, who may move them (a buyer cannot withdraw the maker's "done" mark; a maker
cannot resolve), revision requests bundling the open comments, carry-over with "addressed in vN",
idempotency, notifications and audit, CSV/XLSX export — on SQLite and PostgreSQL."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import select

from creator_studio.core.errors import InvalidTransition, PermissionDenied, ValidationError
from creator_studio.core.market import review_comments as rc
from creator_studio.core.store.models import AuditEvent, Notification, OrderTransition


def add(svc, mk, actor, oid, delivery_id, body="请修改", **kw):  # noqa: ANN001, ANN003, ANN201
    kw.setdefault("anchor", "page")
    if kw["anchor"] == "page":
        kw.setdefault("page_id", "p1")
    return svc.call(rc.add_comment, actor, oid, delivery_id=delivery_id, body=body,
                    key=kw.pop("key", None) or mk.key("c"), **kw)


def move(svc, mk, actor, cid, action, key=None, note=""):  # noqa: ANN001, ANN201
    return svc.call(rc.set_status, actor, cid, action, note=note, key=key or mk.key(action))


@pytest.fixture
def delivered(svc, world, mk):  # noqa: ANN201
    oid = mk.awarded_order()
    d = mk.deliver(oid)
    return oid, d.id


def test_pins_on_a_page_a_video_time_and_a_skit_line(svc, world, mk, delivered):
    oid, did = delivered
    a = add(svc, mk, world.buyer, oid, did, "报案电话写错了", form="h5", page_id="p2",
            page_label="报案受理三步走", x_bp=3000, y_bp=4500)
    b = add(svc, mk, world.buyer, oid, did, "这里语速太快", form="screen-record", anchor="time",
            time_ms=83_400, severity="suggestion")
    c = add(svc, mk, world.buyer, oid, did, "客户称呼不礼貌", form="skit", anchor="line",
            line_id="scene-1/3")
    assert a["anchor_zh"] == "页 p2「报案受理三步走」 (30%, 45%)"
    assert b["anchor_zh"] == "视频 01:23.4" and b["anchor_en"] == "video 01:23.4"
    assert c["anchor_zh"] == "台词 scene-1/3"
    assert (a["version"], a["status"], a["severity"], b["severity"]) == (1, "open", "must_fix",
                                                                      "suggestion")
    rows = svc.read_as(rc.list_comments, world.maker, oid)
    assert [r["id"] for r in rows] == [a["id"], b["id"], c["id"]]
    with svc.read() as s:
        notes = s.scalars(select(Notification).where(Notification.kind == "review_comment")).all()
        assert {n.user_id for n in notes} == {world.maker} and len(notes) == 3
        assert s.scalars(select(AuditEvent).where(
            AuditEvent.action == "review_comment.create")).all().__len__() == 3


def test_bad_pins_are_typed_refusals(svc, world, mk, delivered):
    oid, did = delivered
    cases = [dict(anchor="page", page_id=None), dict(anchor="time"), dict(anchor="line"),
             dict(x_bp=12000, y_bp=5), dict(x_bp=10), dict(anchor="nowhere"),
             dict(severity="urgent"), dict(time_ms=-1, anchor="time"), dict(form="pdf")]
    for kw in cases:
        with pytest.raises(ValidationError):
            add(svc, mk, world.buyer, oid, did, **kw)
    with pytest.raises(ValidationError):
        add(svc, mk, world.buyer, oid, did, body="  ")
    assert svc.read_as(rc.list_comments, world.buyer, oid) == []


def test_only_the_buyer_comments_and_refused_deliveries_cannot_be_reviewed(svc, world, mk):
    from tests.market.conftest import blocking_norms

    oid = mk.awarded_order()
    with pytest.raises(ValidationError):
        mk.deliver(oid, checker=blocking_norms)
    with svc.read() as s:
        from creator_studio.core.store.models import Delivery

        refused = s.scalar(select(Delivery.id).where(Delivery.order_id == oid))
    with pytest.raises(ValidationError) as exc:
        add(svc, mk, world.buyer, oid, refused)
    assert exc.value.code == "NOT_DELIVERED"
    d = mk.deliver(oid)
    for outsider in (world.maker, world.maker2, world.buyer2, world.staff):
        with pytest.raises(PermissionDenied):
            add(svc, mk, outsider, oid, d.id)


def test_who_moves_a_comment(svc, world, mk, delivered):
    oid, did = delivered
    c = add(svc, mk, world.buyer, oid, did, "封面换成公司模板")
    # The maker cannot resolve or reopen the buyer's comment; the buyer cannot mark it done.
    for action in ("resolve", "reopen"):
        with pytest.raises(PermissionDenied):
            move(svc, mk, world.maker, c["id"], action)
    with pytest.raises(PermissionDenied):
        move(svc, mk, world.buyer, c["id"], "done")
    done = move(svc, mk, world.maker, c["id"], "done", note="已换模板")
    assert done["status"] == "done" and done["done_at"] is not None
    # A buyer cannot withdraw the maker's "done" mark — only the maker can.
    with pytest.raises(PermissionDenied):
        move(svc, mk, world.buyer, c["id"], "undo_done")
    # Nor can another maker, nor staff (read-only on comments).
    for outsider in (world.maker2, world.staff):
        with pytest.raises(PermissionDenied):
            move(svc, mk, outsider, c["id"], "undo_done")
    with pytest.raises(InvalidTransition):
        move(svc, mk, world.maker, c["id"], "done")  # already done
    # The buyer answers the mark: reopen ("not fixed"), the maker marks done again, buyer resolves.
    assert move(svc, mk, world.buyer, c["id"], "reopen", note="颜色还是旧的")["status"] == "reopened"
    move(svc, mk, world.maker, c["id"], "done")
    assert move(svc, mk, world.buyer, c["id"], "resolve")["status"] == "resolved"
    rows = svc.read_as(rc.list_comments, world.staff, oid)
    assert [h["action"] for h in rows[0]["history"]] == ["done", "reopen", "done", "resolve"]
    assert rows[0]["history"][1]["note"] == "颜色还是旧的"
    with svc.read() as s:
        acts = [a for (a,) in s.execute(select(AuditEvent.action).where(
            AuditEvent.entity == "review_comment").order_by(AuditEvent.id))]
    assert acts == ["review_comment.create", "review_comment.done", "review_comment.reopen",
                    "review_comment.done", "review_comment.resolve"]


def test_status_changes_are_idempotent_per_actor_and_params(svc, world, mk, delivered):
    oid, did = delivered
    c = add(svc, mk, world.buyer, oid, did, key="c-1")
    assert add(svc, mk, world.buyer, oid, did, key="c-1")["id"] == c["id"]
    with pytest.raises(ValidationError) as exc:
        add(svc, mk, world.buyer, oid, did, body="别的内容", key="c-1")
    assert exc.value.code == "IDEMPOTENCY_KEY_REUSED"
    move(svc, mk, world.maker, c["id"], "done", key="d-1")
    again = move(svc, mk, world.maker, c["id"], "done", key="d-1")  # a double click: no error
    assert again["status"] == "done" and again["addressed_in_version"] is None
    rows = svc.read_as(rc.list_comments, world.maker, oid)
    assert len(rows[0]["history"]) == 1
    with pytest.raises(ValidationError) as exc:
        move(svc, mk, world.maker, c["id"], "done", key="d-1", note="different")
    assert exc.value.code == "IDEMPOTENCY_KEY_REUSED"


def test_revision_bundles_open_comments_and_they_carry_over(svc, world, mk, delivered, clock):
    oid, did = delivered
    a = add(svc, mk, world.buyer, oid, did, "第二页补充报案电话", page_id="p2", severity="suggestion")
    b = add(svc, mk, world.buyer, oid, did, "片尾时间轴错位", anchor="time", time_ms=61_000,
            form="screen-record")
    c = add(svc, mk, world.buyer, oid, did, "已经不需要了", page_id="p3")
    move(svc, mk, world.buyer, c["id"], "resolve")
    res = svc.call(rc.request_revision_with_comments, world.buyer, oid, note="整体不错，两处要改",
                   key="rev-1")
    assert res["comment_ids"] == [a["id"], b["id"]] and res["revision_round"] == 1
    # must-fix first, then suggestions; each with where it is pinned.
    assert res["reason"].splitlines() == [
        "整体不错，两处要改",
        f"1. [必改] 视频 01:01.0：片尾时间轴错位（批注 #{b['id']}）",
        f"2. [建议] 页 p2：第二页补充报案电话（批注 #{a['id']}）"]
    with svc.read() as s:
        t = s.scalar(select(OrderTransition).where(OrderTransition.idempotency_key == "rev-1"))
        assert t.action == "request_revision" and t.reason == res["reason"]
        assert t.params["comments"] == f"{a['id']},{b['id']}"
        n = s.scalars(select(Notification).where(Notification.kind == "revision")).one()
        assert n.user_id == world.maker and n.data["note"] == res["reason"]
    # Replaying the same revision request does nothing twice.
    again = svc.call(rc.request_revision_with_comments, world.buyer, oid, note="整体不错，两处要改",
                     key="rev-1")
    assert again["replayed"] and mk.order(oid).revisions_used == 1
    # The maker fixes one of them and delivers v2: it shows "addressed in v2"; the other is carried.
    clock.advance(hours=2)
    move(svc, mk, world.maker, b["id"], "done")
    clock.advance(hours=1)
    mk.deliver(oid)
    rows = {r["id"]: r for r in svc.read_as(rc.list_comments, world.buyer, oid)}
    assert rows[b["id"]]["addressed_in_version"] == 2 and rows[b["id"]]["latest_version"] == 2
    assert rows[a["id"]]["status"] == "open" and rows[a["id"]]["addressed_in_version"] is None
    assert rows[a["id"]]["revision_round"] == 1 and rows[c["id"]]["revision_round"] is None
    # Comments made on v2 are not shown when looking at v1.
    assert len(svc.read_as(rc.list_comments, world.buyer, oid, version=1)) == 3
    # The buyer can't bundle a revision without comments or a note (the state machine's rule).
    move(svc, mk, world.buyer, a["id"], "resolve")
    with pytest.raises(ValidationError) as exc:
        svc.call(rc.request_revision_with_comments, world.buyer, oid, key="rev-2")
    assert exc.value.code == "REASON_REQUIRED"
    # Only the buyer of the order may ask.
    with pytest.raises(PermissionDenied):
        svc.call(rc.request_revision_with_comments, world.maker, oid, note="x", key="rev-3")


def test_export_csv_and_xlsx(svc, world, mk, delivered, tmp_path):
    from openpyxl import load_workbook

    oid, did = delivered
    add(svc, mk, world.buyer, oid, did, "标题用「车险理赔」", page_id="p1", page_label="封面",
        x_bp=5000, y_bp=1200)
    add(svc, mk, world.buyer, oid, did, "字幕有错字", anchor="time", time_ms=5_000,
        severity="suggestion")
    rows = svc.read_as(rc.list_comments, world.buyer, oid)
    out = rc.export_review(rows, tmp_path / "review.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with BOM as Chinese text
    table = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert table[0][0] == "批注编号 / #" and len(table) == 3
    assert table[1][3] == "页 p1「封面」 (50%, 12%) / page p1「封面」 (50%, 12%)"
    assert table[1][4] == "必改 / must fix" and table[2][9] == "字幕有错字"
    x = rc.export_review(rows, tmp_path / "review.xlsx")
    ws = load_workbook(x).active
    assert ws["A1"].value == "批注编号 / #" and ws["J2"].value == "标题用「车险理赔」"
    assert ws.max_row == 3 and ws["B3"].value == "v1"
