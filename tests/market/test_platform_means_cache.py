"""The live level explanation reuses the platform means for a while (they scan every review)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from creator_studio.core.market import grading
from creator_studio.core.store.engine import make_engine, upgrade_to_head


def test_means_are_reused_within_the_hour_and_recomputed_after(tmp_path, monkeypatch):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade_to_head(engine)
    other = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    upgrade_to_head(other)
    calls = []

    def fake_means(session, start, end):  # noqa: ANN001, ANN202
        calls.append((start, end))
        return (float(len(calls)), 4.0)

    monkeypatch.setattr(grading, "platform_means", fake_means)
    grading.clear_platform_means_cache()
    end = datetime(2026, 12, 2, 10, 5)
    start = end - timedelta(days=180)
    with Session(engine) as s:
        first = grading.platform_means_cached(s, start, end)
        again = grading.platform_means_cached(s, start + timedelta(minutes=20),
                                              end + timedelta(minutes=20))
        assert again == first and len(calls) == 1  # same hour, same database: reused
        later = grading.platform_means_cached(s, start + timedelta(hours=1), end + timedelta(hours=1))
        assert later != first and len(calls) == 2  # the window's end moved to another hour
        expired = grading.platform_means_cached(s, start, end, ttl=0.0)
        assert len(calls) == 3 and expired[0] == 3.0  # past its time: computed again
    with Session(other) as s:
        grading.platform_means_cached(s, start, end)
        assert len(calls) == 4  # another database never shares the value
    grading.clear_platform_means_cache()
    engine.dispose()
    other.dispose()
