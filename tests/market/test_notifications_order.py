"""Notifications list newest first by their time, not by row id (#18: the demo's history,
written in one go with earlier times, read out of order)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from creator_studio.core.market import notifications
from creator_studio.core.store.models import User


def test_newest_first_by_time(svc, world):
    now = svc.now()
    with svc.write() as s:
        for days_ago, word in ((1, "yesterday"), (5, "five days ago"), (0, "today"), (3, "three days ago")):
            notifications.notify(s, world.maker, "note", word, word, now - timedelta(days=days_ago))
    with svc.read() as s:
        me = s.scalar(select(User).where(User.id == world.maker))
        got = [n.title_en for n in notifications.list_for(s, me) if n.kind == "note"]
    assert got == ["today", "yesterday", "three days ago", "five days ago"]
