"""The buyer's offer list reads every maker's figures in grouped queries: the same figures as
the one-maker summary, for each maker, and the offers list shows them."""

from __future__ import annotations

from sqlalchemy import event, update

from creator_studio.core.market import queries
from creator_studio.core.market.client import InProcessClient, UserInfo
from creator_studio.core.store.models import Order, Review


def test_grouped_summaries_equal_the_one_maker_summary(svc, world, mk):
    a, b = mk.awarded_order(maker=world.maker), mk.awarded_order(maker=world.maker)
    c = mk.awarded_order(maker=world.maker2)
    now = svc.now()
    with svc.write() as s:
        s.execute(update(Order).where(Order.id.in_([a, b])).values(status="accepted", accepted_at=now))
        s.execute(update(Order).where(Order.id == b).values(late=True))
        s.execute(update(Order).where(Order.id == c).values(status="paid", accepted_at=now))
        for order_id, maker, stars, revealed in ((a, world.maker, 4, True), (b, world.maker, 5, False),
                                                 (c, world.maker2, 2, True)):
            s.add(Review(order_id=order_id, author_id=world.buyer, subject_id=maker,
                         direction="buyer_to_maker", stars=stars, comment="",
                         created_at=now, revealed_at=now if revealed else None))
    makers = [world.maker, world.maker2, world.uncertified]
    with svc.read() as s:
        grouped = queries.maker_summaries(s, makers + [world.maker])
        one_by_one = {m: queries.maker_summary(s, m) for m in makers}
    assert grouped == one_by_one
    assert (grouped[world.maker].rating_count, grouped[world.maker].rating_pending) == (1, 1)
    assert (grouped[world.maker].orders_done, grouped[world.maker].orders_late) == (2, 1)
    assert grouped[world.uncertified].rating_avg is None


def test_offers_list_uses_a_fixed_number_of_queries(svc, world, mk):
    client = InProcessClient(svc)
    rid = mk.open_request()
    mk.offer(rid, world.maker)
    statements = []
    event.listen(svc.engine, "before_cursor_execute",
                 lambda *a: statements.append(1))  # noqa: ARG005
    buyer = UserInfo(world.buyer, "buyer01", "buyer", frozenset({"buyer"}), None)
    one = client.offers_for(buyer, rid)
    n_one = len(statements)
    mk.offer(rid, world.maker2)
    mk.offer(rid, world.both)
    statements.clear()
    three = client.offers_for(buyer, rid)
    assert len(one) == 1 and len(three) == 3
    assert len(statements) == n_one  # grouped: more offers, not more queries
    assert {o["maker_id"] for o in three} == {world.maker, world.maker2, world.both}
    assert all(o["level"] for o in three)  # every maker has a level (the base one at least)


def test_grouped_levels_follow_the_newest_evaluation_and_its_override(svc, world):
    from datetime import timedelta

    from creator_studio.core.market import grading
    from creator_studio.core.store.models_cert import GradeEvaluation

    now = svc.now()
    with svc.write() as s:
        rules = grading.current_rules(s)
        base, up, top = rules.levels[0].code, rules.levels[1].code, rules.levels[-1].code
        for maker, days_ago, after, override, period in (
                (world.maker, 60, up, None, "2026-01"), (world.maker, 10, up, top, "2026-02"),
                (world.maker2, 5, up, None, "2026-02"), (world.maker2, -5, top, None, "2026-03")):
            s.add(GradeEvaluation(period=period[:7], maker_id=maker, rule_version=1, level_before=base,
                                  level_after=after, override_level=override, change="promoted",
                                  metrics={}, reasons=[], gap=[], effective_at=now - timedelta(days=days_ago),
                                  created_at=now))
    with svc.read() as s:
        levels = grading.levels_at(s, [world.maker, world.maker2, world.uncertified], now)
        singles = {m: grading.level_at(s, m, now)[0]
                   for m in (world.maker, world.maker2, world.uncertified)}
    assert levels == singles == {world.maker: top, world.maker2: up, world.uncertified: base}
