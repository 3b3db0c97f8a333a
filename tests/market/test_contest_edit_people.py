"""微课大赛 (#19): staff edit a draft contest (checked like a new one, audited; published
contests frozen), and the people picker (judges, team members) by name, login or employee
number — through the market client, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from creator_studio.core.errors import InvalidTransition, PermissionDenied, ValidationError
from creator_studio.core.market import accounts
from creator_studio.core.market.client import InProcessClient, UserInfo
from creator_studio.core.store.models import AuditEvent, User


def _ui(svc, uid: int) -> UserInfo:
    with svc.read() as s:
        u = s.get(User, uid)
        return UserInfo(u.id, u.login, u.display_name, u.roles,
                        u.business_line.code if u.business_line else None)


def _contest(client, staff, judges, now):
    return client.create_contest(
        staff, title="阳光好课", forms=["h5"], entries_open_at=now + timedelta(days=1),
        entries_close_at=now + timedelta(days=10), judging_close_at=now + timedelta(days=20),
        results_at=now + timedelta(days=21), rubric=[{"id": "a", "name": "内容", "weight": 100}],
        judges=judges, key="edit-1")


def test_edit_a_draft_contest(svc, world):
    client = InProcessClient(svc)
    staff, maker = _ui(svc, world.staff), _ui(svc, world.maker)
    now = svc.now()
    c = _contest(client, staff, [world.buyer], now)
    rubric = [{"id": "a", "name": "内容准确", "weight": 60, "description": "条款无误"},
              {"id": "b", "name": "教学设计", "weight": 40}]
    out = client.update_contest(staff, c["id"], title="阳光好课 2027", rubric=rubric,
                                judges=[world.buyer, world.buyer2], forms=["h5", "skit"],
                                results_at=now + timedelta(days=30))
    assert out["title"] == "阳光好课 2027" and out["forms"] == ["h5", "skit"]
    assert [r["weight"] for r in out["rubric"]] == [60, 40]
    assert out["judges"] == sorted([world.buyer, world.buyer2])
    assert out["normalisation"] == "zscore" and out["description"] == c["description"]  # untouched
    assert client.get_contest(staff, c["id"]) == out
    with svc.read() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action == "contest.update")).all()
    assert len(rows) == 1
    assert rows[0].before["title"] == "阳光好课" and rows[0].after["title"] == "阳光好课 2027"
    assert rows[0].after["judges"] == sorted([world.buyer, world.buyer2])
    assert "normalisation" not in rows[0].after  # only what changed
    client.update_contest(staff, c["id"], title="阳光好课 2027")  # no change: nothing audited
    with svc.read() as s:
        assert len(s.scalars(select(AuditEvent).where(AuditEvent.action == "contest.update")).all()) == 1

    # the create rules apply to the edited whole: bad dates, bad weights, bad judges, bad fields
    bad = [dict(entries_close_at=now), dict(rubric=[{"id": "a", "name": "x", "weight": 90}]),
           dict(judges=[999_999]), dict(team_max=3)]
    for change in bad:
        with pytest.raises(ValidationError):
            client.update_contest(staff, c["id"], **change)
    assert client.get_contest(staff, c["id"])["title"] == "阳光好课 2027"  # nothing half-applied
    with pytest.raises(PermissionDenied):
        client.update_contest(maker, c["id"], title="x")

    client.publish_contest(staff, c["id"])
    with pytest.raises(InvalidTransition) as e:
        client.update_contest(staff, c["id"], title="发布后再改")
    assert e.value.code == "CONTEST_NOT_DRAFT"


def test_people_picker(svc, world):
    client = InProcessClient(svc)
    now = svc.now()
    with svc.write() as s:
        staff = s.get(User, world.staff)
        life = accounts.create_business_line(s, staff, "LIFE", "寿险营销", now=now)
        u = accounts.create_user(s, staff, "zhangsan", "张三丰", ["buyer"],
                                 business_line_code=life.code, now=now)
        u.employee_no = "E7788"
        gone = accounts.create_user(s, staff, "zhangold", "张离职", ["maker"], now=now)
        gone.active = False
    maker = _ui(svc, world.maker)
    found = client.list_people(maker, "张")
    names = [p["name"] for p in found]
    assert "张三丰" in names and "张创客" in names and "张离职" not in names
    p = next(p for p in found if p["name"] == "张三丰")
    assert p == {"id": u.id, "name": "张三丰", "login": "zhangsan", "business_line": "寿险营销",
                 "business_line_code": "LIFE", "roles": ["buyer"]}
    assert [x["name"] for x in client.list_people(maker, "E77")] == ["张三丰"]  # employee no.
    assert [x["name"] for x in client.list_people(maker, "ZHANGSAN")] == ["张三丰"]  # any case
    assert client.list_people(maker, "  ") == [] and client.list_people(maker, "%") == []
    assert len(client.list_people(maker, "创客", limit=1)) == 1
