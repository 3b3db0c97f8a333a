"""Reviews (double-blind, reply once, nobody rates their own order) and learner NPS."""

from __future__ import annotations

from fractions import Fraction

import pytest
from sqlalchemy import select

from creator_studio.core.errors import InvalidTransition, PermissionDenied, ValidationError
from creator_studio.core.market import accounts, nps, offers, queries, reviews
from creator_studio.core.market.timers import run_due_timers
from creator_studio.core.store.models import Notification, NpsResponse


def _accepted(mk):
    oid = mk.awarded_order()
    mk.deliver(oid)
    mk.move(mk.w.buyer, oid, "accept")
    return oid


def _visible(svc, user_id, oid):
    with svc.read() as s:
        return reviews.visible_reviews(s, accounts.get_user(s, user_id), oid)


def test_reviews_only_after_acceptance(svc, world, mk):
    oid = mk.awarded_order()
    with pytest.raises(InvalidTransition):
        svc.call(reviews.submit_review, world.buyer, oid, stars=5)


def test_double_blind_until_window_closes(svc, world, mk, clock):
    oid = _accepted(mk)
    svc.call(reviews.submit_review, world.buyer, oid, stars=2, comment="排版粗糙")
    assert _visible(svc, world.maker, oid) == []
    assert [r.stars for r in _visible(svc, world.buyer, oid)] == [2]  # own review only
    assert svc.query(queries.maker_summary, world.maker).rating_count == 0  # hidden from stats
    with svc.read() as s:
        assert not list(s.scalars(select(Notification).where(Notification.kind == "rating")))
    clock.advance(days=14, minutes=1)
    with svc.write() as s:
        run = run_due_timers(s, clock.now())
    assert ("review_reveal", oid) in run.fired
    assert [r.stars for r in _visible(svc, world.maker, oid)] == [2]
    assert svc.query(queries.maker_summary, world.maker).rating_count == 1
    with pytest.raises(InvalidTransition) as e:  # window closed: the maker can no longer rate
        svc.call(reviews.submit_review, world.maker, oid, stars=1)
    assert e.value.code == "REVIEW_WINDOW_CLOSED"


def test_once_per_order_reply_once_and_validation(svc, world, mk):
    oid = _accepted(mk)
    with pytest.raises(ValidationError):
        svc.call(reviews.submit_review, world.buyer, oid, stars=6)
    with pytest.raises(ValidationError):
        svc.call(reviews.submit_review, world.buyer, oid, stars=4.5)
    r = svc.call(reviews.submit_review, world.buyer, oid, stars=4, comment="不错")
    with pytest.raises(ValidationError):
        svc.call(reviews.submit_review, world.buyer, oid, stars=5)
    with pytest.raises(InvalidTransition):  # not revealed yet
        svc.call(reviews.reply, world.maker, r.id, "谢谢")
    m = svc.call(reviews.submit_review, world.maker, oid, stars=5, comment="需求清楚")
    assert m.direction == "maker_to_buyer" and m.subject_id == world.buyer
    svc.call(reviews.reply, world.maker, r.id, "谢谢")
    with pytest.raises(ValidationError):
        svc.call(reviews.reply, world.maker, r.id, "再谢")
    with pytest.raises(PermissionDenied):  # the buyer cannot answer a review of the maker
        svc.call(reviews.reply, world.buyer, r.id, "x")
    with svc.read() as s:
        kinds = [n.kind for n in s.scalars(select(Notification).where(
            Notification.user_id == world.maker))]
    assert "rating" in kinds


def test_nobody_rates_their_own_order(svc, world, mk):
    # a person holding buyer and maker roles cannot offer on their own request…
    rid = mk.open_request(buyer=world.both)
    with pytest.raises(PermissionDenied):
        svc.call(offers.make_offer, world.both, rid, price_fen=1000, days=3)
    # …and an outsider (staff included) cannot rate someone else's order
    oid = _accepted(mk)
    for outsider in (world.maker2, world.buyer2, world.staff):
        with pytest.raises(PermissionDenied):
            svc.call(reviews.submit_review, outsider, oid, stars=5)


def test_nps_maths():
    s = nps.summary_from_scores([10, 9, 8, 7, 6, 0, 10, 10, 9, 5, 3])
    assert (s.count, s.promoters, s.passives, s.detractors) == (11, 5, 2, 4)
    assert s.exact == Fraction(100, 11) and s.nps == 9
    assert nps.summary_from_scores([10] * 9).nps is None  # below the minimum count: hidden
    assert not nps.summary_from_scores([10] * 9).shown
    assert nps.summary_from_scores([10] * 10).nps == 100
    assert nps.summary_from_scores([0] * 10).nps == -100
    assert nps.summary_from_scores([9] * 5 + [6] * 5).nps == 0
    assert nps.summary_from_scores([]).exact is None
    # 1 promoter, 7 passives, 0 detractors of 8 with min 8 → 12.5 → rounds half-even to 12
    assert nps.summary_from_scores([9] + [7] * 7, min_count=8).nps == 12
    assert "收集中" in nps.summary_from_scores([9] * 3).label_zh()


def _course(svc, mk, ext="LMS-9"):
    oid = _accepted(mk)
    return svc.call(nps.register_course, mk.w.maker, external_id=ext, title="理赔时效",
                    maker_id=mk.w.maker, order_id=oid)


def test_nps_responses_and_uniqueness(svc, world, mk):
    c = _course(svc, mk)
    svc.call(nps.record_response, world.staff, c.id, "E001", 10)
    with pytest.raises(ValidationError):
        svc.call(nps.record_response, world.staff, c.id, "E001", 3)  # once per learner+version
    svc.call(nps.record_response, world.staff, c.id, "E001", 3, course_version=2)
    with pytest.raises(ValidationError):
        svc.call(nps.record_response, world.staff, c.id, "E002", 11)
    s = svc.query(queries.maker_summary, world.maker).nps
    assert (s.count, s.nps) == (2, None)


def test_nps_csv_import_reports_bad_rows_and_notifies(svc, world, mk):
    c = _course(svc, mk, "LMS-77")
    lines = ["课程编号,学员编号,推荐度,提交时间"]
    lines += [f"LMS-77,E{i:03d},{s},2026-11-20 10:00" for i, s in enumerate([10, 9, 9, 10, 8, 7, 6, 2, 10, 9, 9])]
    lines += ["LMS-77,E001,9,2026-11-20",  # duplicate learner
              "LMS-00,E100,9,",            # unknown course
              "LMS-77,E101,十,",            # not a number
              "LMS-77,E102,12,",           # out of range
              "LMS-77,,9,"]                # no learner
    data = ("\n".join(lines) + "\n").encode("gb18030")  # the platform exports GBK
    report = svc.call(nps.import_csv, world.staff, data)
    assert report.imported == 11
    assert [e.row for e in report.errors] == [13, 14, 15, 16, 17]
    assert report.makers_notified == [world.maker]
    s = svc.query(queries.maker_summary, world.maker).nps
    assert (s.count, s.promoters, s.detractors, s.nps) == (11, 7, 2, 45)
    with svc.read() as sess:
        notes = list(sess.scalars(select(Notification).where(
            Notification.user_id == world.maker, Notification.kind == "nps_summary")))
        assert notes and "NPS +45" in notes[-1].title_zh
        assert sess.scalar(select(NpsResponse.responded_at).limit(1)).day == 20
    with pytest.raises(ValidationError):
        svc.call(nps.import_csv, world.staff, "a,b\n1,2\n")
