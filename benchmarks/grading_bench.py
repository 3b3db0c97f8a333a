"""Full grade evaluation of 10,000 makers with 200,000 orders, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/grading_bench.py [--makers 10000] [--orders 200000] [--pg URL]

Baseline in the same run: the bare SQL aggregate of the same figures (orders, distinct buyers,
mean stars, on-time share per maker) — the floor a database can do without applying any rule —
printed as a ratio next to our full evaluation, which also computes the Bayesian rating, shrunk
NPS, hysteresis decisions, explanations and writes one evaluation row per maker.
Target: full evaluation under 10 s on SQLite on this 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from creator_studio.core.market import grading  # noqa: E402
from creator_studio.core.store import engine as E  # noqa: E402
from creator_studio.core.store import models as M  # noqa: E402

PERIOD = "2026-10"
END = datetime(2026, 11, 1)


def populate(engine, n_makers: int, n_orders: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    t0 = END - timedelta(days=170)
    n_buyers = max(50, n_makers // 20)
    users, roles = [], []
    uid = 0
    for kind, count in (("staff", 1), ("buyer", n_buyers), ("maker", n_makers)):
        for i in range(count):
            uid += 1
            users.append({"id": uid, "login": f"{kind}{i:05d}", "display_name": f"{kind}{i}",
                          "active": True, "created_at": t0})
            roles.append({"user_id": uid, "role": kind})
    staff_id, buyer_ids = 1, list(range(2, 2 + n_buyers))
    maker_ids = list(range(2 + n_buyers, 2 + n_buyers + n_makers))
    reqs, forms, offers, orders, reviews = [], [], [], [], []
    for i in range(1, n_orders + 1):
        at = t0 + timedelta(minutes=rnd.randrange(0, 165 * 24 * 60))
        buyer, maker = rnd.choice(buyer_ids), rnd.choice(maker_ids)
        price = rnd.randrange(500_00, 5000_00)
        reqs.append({"id": i, "buyer_id": buyer, "title": "需求", "description": "", "budget_fen": price + 500_00,
                     "deadline": at, "revisions_included": 2, "auto_accept_days": 5,
                     "review_window_days": 14, "cancel_reply_hours": 48, "status": "closed",
                     "version": 2, "created_at": at})
        forms.append({"request_id": i, "form": "h5"})
        offers.append({"id": i, "request_id": i, "maker_id": maker, "price_fen": price, "days": 7,
                       "message": "", "status": "awarded", "created_at": at, "updated_at": at})
        orders.append({"id": i, "request_id": i, "offer_id": i, "buyer_id": buyer, "maker_id": maker,
                       "price_fen": price, "status": "accepted", "version": 3, "due_at": at,
                       "paused_seconds": 0, "late": rnd.random() < 0.08, "revisions_included": 2,
                       "revisions_used": 1 if rnd.random() < 0.2 else 0, "rules": {},
                       "created_at": at, "accepted_at": at})
        if rnd.random() < 0.7:
            reviews.append({"order_id": i, "author_id": buyer, "subject_id": maker,
                            "direction": "buyer_to_maker", "stars": rnd.choice((3, 4, 4, 5, 5, 5)),
                            "comment": "", "created_at": at, "revealed_at": at})
    courses = [{"id": i + 1, "external_id": f"c{i}", "title": "课", "maker_id": m, "version": 1,
                "published_at": t0} for i, m in enumerate(maker_ids)]
    nps = [{"course_id": rnd.randrange(1, n_makers + 1), "course_version": 1,
            "maker_id": 0, "learner_ref": f"l{j}", "score": rnd.randrange(0, 11),
            "responded_at": t0 + timedelta(days=rnd.randrange(0, 160))} for j in range(n_orders // 4)]
    for row in nps:
        row["maker_id"] = maker_ids[row["course_id"] - 1]
    with engine.begin() as conn:
        for table, rows in ((M.User, users), (M.UserRole, roles), (M.Request, reqs),
                            (M.RequestForm, forms), (M.Offer, offers), (M.Order, orders),
                            (M.Review, reviews), (M.PublishedCourse, courses), (M.NpsResponse, nps)):
            for k in range(0, len(rows), 20_000):
                conn.execute(insert(table), rows[k:k + 20_000])
        if engine.dialect.name == "postgresql":
            for t in ("users", "requests", "offers", "orders"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                                  f"(SELECT max(id) FROM {t}))"))
            conn.execute(text("ANALYZE"))
        else:
            conn.execute(text("ANALYZE"))
    _ = staff_id


BARE_SQL = """
SELECT o.maker_id, count(*), count(DISTINCT o.buyer_id), avg(r.stars),
       avg(CASE WHEN o.late THEN 0.0 ELSE 1.0 END)
FROM orders o LEFT JOIN reviews r ON r.order_id = o.id AND r.direction = 'buyer_to_maker'
WHERE o.status IN ('accepted', 'paid') AND o.accepted_at >= :start AND o.accepted_at < :end
GROUP BY o.maker_id
"""


def measure(engine, label: str) -> dict:
    start = END - timedelta(days=180)
    t = time.perf_counter()
    with engine.connect() as c:
        rows = c.execute(text(BARE_SQL), {"start": start, "end": END}).all()
    bare = time.perf_counter() - t
    with Session(engine) as s:
        staff = s.get(M.User, 1)
        t = time.perf_counter()
        run = grading.evaluate_period(s, staff, PERIOD, now=END)
        s.commit()
        ours = time.perf_counter() - t
        t = time.perf_counter()
        again = grading.evaluate_period(s, staff, PERIOD, now=END)
        rerun = time.perf_counter() - t
    assert again.reused and run.evaluated >= len(rows)
    print(f"{label:10} makers={run.evaluated:6d}  evaluation {ours:6.2f} s   bare aggregate "
          f"{bare:6.3f} s   ratio {ours / bare:5.1f}×   re-run {rerun * 1000:6.1f} ms   "
          f"changes {run.changes}")
    return {"ours": ours, "bare": bare}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--makers", type=int, default=10_000)
    ap.add_argument("--orders", type=int, default=200_000)
    ap.add_argument("--pg", default=os.environ.get("CREATOR_STUDIO_TEST_PG_URL"))
    args = ap.parse_args()
    print(f"grading benchmark: {args.makers} makers, {args.orders} orders (period {PERIOD})")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CREATOR_STUDIO_HOME"] = tmp
        eng = E.make_engine(f"sqlite:///{tmp}/bench.db")
        E.upgrade_to_head(eng)
        t = time.perf_counter()
        populate(eng, args.makers, args.orders)
        print(f"sqlite     populated in {time.perf_counter() - t:.1f} s")
        res = measure(eng, "sqlite")
        print(f"sqlite     target < 10 s: {'OK' if res['ours'] < 10 else 'MISSED'}")
        eng.dispose()
    if args.pg:
        from sqlalchemy import create_engine

        name = f"cs_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        eng = E.make_engine(args.pg.rsplit("/", 1)[0] + "/" + name)
        try:
            E.upgrade_to_head(eng)
            t = time.perf_counter()
            populate(eng, args.makers, args.orders)
            print(f"postgresql populated in {time.perf_counter() - t:.1f} s")
            measure(eng, "postgresql")
        finally:
            eng.dispose()
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    else:
        print("postgresql skipped (pass --pg URL or set CREATOR_STUDIO_TEST_PG_URL)")


if __name__ == "__main__":
    main()
