"""Market list queries at scale: 10,000 makers and 200,000 orders, on SQLite and PostgreSQL.

For each query the UI (and the benchmark) uses — a maker's open requests they may take, a buyer's
order list, a maker's rating/NPS summary — the service function from
`creator_studio.core.market.queries` is timed against the same query written as bare SQL
(``text()``) in the same run, on the same connection. Prints the median ms per call and the ratio.

    .venv/bin/python benchmarks/market_bench.py                    # SQLite in a temp folder
    .venv/bin/python benchmarks/market_bench.py --pg URL           # also PostgreSQL
    (the PostgreSQL URL may also come from CREATOR_STUDIO_TEST_PG_URL; a fresh schema is used)

Targets: each query < 50 ms on SQLite, within 1.5× of its bare SQL.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from creator_studio.core.market import queries  # noqa: E402
from creator_studio.core.market.nps import NpsSummary  # noqa: E402
from creator_studio.core.market.uow import read_session  # noqa: E402
from creator_studio.core.store.engine import make_engine, upgrade_to_head  # noqa: E402
from creator_studio.core.store.models import (  # noqa: E402
    BusinessLine,
    Certificate,
    NpsResponse,
    Offer,
    Order,
    PublishedCourse,
    Request,
    RequestForm,
    Review,
    User,
    UserRole,
)

FORMS = ["long-image", "screen-record", "h5", "skit"]
NOW = datetime(2026, 11, 28, 9, 0, 0)
BATCH = 20_000


def _chunks(rows: list[dict], n: int = BATCH):
    for i in range(0, len(rows), n):
        yield rows[i:i + n]


def populate(engine, makers: int, orders: int, open_requests: int, buyers: int, seed: int = 42) -> dict:
    rnd = random.Random(seed)
    t0 = time.perf_counter()
    counts: dict[str, int] = {}

    def put(conn, model, rows):  # noqa: ANN001
        for chunk in _chunks(rows):
            conn.execute(insert(model), chunk)
        counts[model.__tablename__] = counts.get(model.__tablename__, 0) + len(rows)

    with engine.begin() as conn:
        put(conn, BusinessLine, [{"id": i + 1, "code": c, "name": n, "active": True} for i, (c, n) in
                                 enumerate([("PNC", "产险非车"), ("PCL", "产险理赔"), ("LMK", "寿险营销"),
                                            ("HLT", "健康险"), ("BNK", "银保"), ("AUT", "车险"),
                                            ("TRN", "培训部"), ("CMP", "合规部")])])
        users, roles = [], []
        uid = 0
        maker_ids, buyer_ids = [], []
        for i in range(makers):
            uid += 1
            maker_ids.append(uid)
            users.append({"id": uid, "login": f"m{i:05d}", "display_name": f"创客{i:05d}",
                          "active": True, "created_at": NOW, "business_line_id": rnd.randint(1, 8)})
            roles.append({"user_id": uid, "role": "maker"})
        for i in range(buyers):
            uid += 1
            buyer_ids.append(uid)
            users.append({"id": uid, "login": f"b{i:04d}", "display_name": f"需求方{i:04d}",
                          "active": True, "created_at": NOW, "business_line_id": rnd.randint(1, 8)})
            roles.append({"user_id": uid, "role": "buyer"})
        put(conn, User, users)
        put(conn, UserRole, roles)
        certs = []
        for n, m in enumerate(maker_ids):
            forms = rnd.sample(FORMS, rnd.choice([1, 1, 2, 2, 3, 4]))
            certs.append({"id": n + 1, "number": f"CS-{n:06d}", "holder_id": m, "forms": forms,
                          "status": "valid" if rnd.random() < 0.92 else "revoked",
                          "issued_at": NOW - timedelta(days=200),
                          "expires_at": NOW + timedelta(days=500),
                          "verification_code": uuid.UUID(int=rnd.getrandbits(128)).hex})
        put(conn, Certificate, certs)

        reqs, rforms, offers, ords, reviews = [], [], [], [], []
        offer_id = 0
        for i in range(orders):
            rid = i + 1
            buyer = rnd.choice(buyer_ids)
            maker = rnd.choice(maker_ids)
            created = NOW - timedelta(days=rnd.randint(1, 700), minutes=rnd.randint(0, 1440))
            budget = rnd.randint(20, 300) * 1000
            status = rnd.choices(["paid", "accepted", "in_progress", "delivered", "cancelled"],
                                 [70, 10, 8, 7, 5])[0]
            reqs.append({"id": rid, "buyer_id": buyer, "business_line_id": rnd.randint(1, 8),
                         "title": f"微课需求 {rid}", "description": "", "budget_fen": budget,
                         "deadline": created + timedelta(days=30), "revisions_included": 2,
                         "auto_accept_days": 5, "review_window_days": 14,
                         "cancel_reply_hours": 48,
                         "status": "closed" if status in ("paid", "cancelled") else "awarded",
                         "version": 3, "created_at": created, "opened_at": created})
            rforms.append({"request_id": rid, "form": rnd.choice(FORMS)})
            offer_id += 1
            price = budget - rnd.randint(0, budget // 4)
            offers.append({"id": offer_id, "request_id": rid, "maker_id": maker, "price_fen": price,
                           "days": 10, "message": "", "status": "awarded", "created_at": created,
                           "updated_at": created})
            late = rnd.random() < 0.1
            ords.append({"id": rid, "request_id": rid, "offer_id": offer_id, "buyer_id": buyer,
                         "maker_id": maker, "price_fen": price, "status": status, "version": 4,
                         "due_at": created + timedelta(days=10), "paused_seconds": 0, "late": late,
                         "revisions_included": 2, "revisions_used": rnd.randint(0, 2),
                         "rules": {"auto_accept_days": 5}, "created_at": created})
            if status in ("paid", "accepted") and rnd.random() < 0.8:
                revealed = created + timedelta(days=20)
                reviews.append({"order_id": rid, "author_id": buyer, "subject_id": maker,
                                "direction": "buyer_to_maker", "stars": rnd.choice([3, 4, 4, 5, 5, 5]),
                                "comment": "", "created_at": revealed, "revealed_at": revealed})
        for j in range(open_requests):
            rid = orders + j + 1
            created = NOW - timedelta(days=rnd.randint(0, 10))
            reqs.append({"id": rid, "buyer_id": rnd.choice(buyer_ids),
                         "business_line_id": rnd.randint(1, 8), "title": f"开放需求 {rid}",
                         "description": "", "budget_fen": rnd.randint(20, 300) * 1000,
                         "deadline": NOW + timedelta(days=rnd.randint(1, 60), minutes=j),
                         "revisions_included": 2, "auto_accept_days": 5, "review_window_days": 14,
                         "cancel_reply_hours": 48, "status": "open", "version": 2,
                         "created_at": created, "opened_at": created})
            for f in rnd.sample(FORMS, rnd.choice([1, 1, 2])):
                rforms.append({"request_id": rid, "form": f})
            for m in rnd.sample(maker_ids, rnd.randint(0, 8)):
                offer_id += 1
                offers.append({"id": offer_id, "request_id": rid, "maker_id": m, "price_fen": 10_000,
                               "days": 7, "message": "", "status": "active", "created_at": created,
                               "updated_at": created})
        put(conn, Request, reqs)
        put(conn, RequestForm, rforms)
        put(conn, Offer, offers)
        put(conn, Order, ords)
        put(conn, Review, reviews)
        courses, responses = [], []
        cid = 0
        for m in maker_ids:
            for _ in range(2):
                cid += 1
                courses.append({"id": cid, "external_id": f"LMS-{cid:06d}", "title": f"课程{cid}",
                                "maker_id": m, "version": 1, "published_at": NOW})
                for k in range(rnd.randint(0, 20)):
                    responses.append({"course_id": cid, "course_version": 1, "maker_id": m,
                                      "learner_ref": f"L{k:05d}", "score": rnd.randint(0, 10),
                                      "responded_at": NOW})
        put(conn, PublishedCourse, courses)
        put(conn, NpsResponse, responses)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            for table in ("requests", "orders", "reviews", "offers", "request_forms",
                          "certificates", "nps_responses", "users"):
                conn.execute(text(f"ANALYZE {table}"))
            conn.execute(text("SELECT setval(pg_get_serial_sequence(t, 'id'), 10000000) FROM "
                              "unnest(ARRAY['users','requests','offers','orders','reviews']) t"))
        else:
            conn.exec_driver_sql("ANALYZE")
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    counts["maker_ids"] = maker_ids  # type: ignore[assignment]
    counts["buyer_ids"] = buyer_ids  # type: ignore[assignment]
    return counts


# --- the same queries as bare SQL ------------------------------------------------------------

SQL_CERTS = text("SELECT forms FROM certificates WHERE holder_id = :m AND status = 'valid' "
                 "AND expires_at > :now")
SQL_OPEN = text("""
SELECT r.id, r.title, bl.name, u.display_name, r.budget_fen, r.deadline, r.revisions_included
FROM requests r
JOIN users u ON u.id = r.buyer_id
LEFT JOIN business_lines bl ON bl.id = r.business_line_id
WHERE r.status = 'open' AND r.deadline > :now AND r.buyer_id != :m
  AND NOT EXISTS (SELECT 1 FROM request_forms rf WHERE rf.request_id = r.id
                  AND rf.form NOT IN :forms)
  AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.request_id = r.id AND o.maker_id = :m)
ORDER BY r.deadline, r.id LIMIT 50
""").bindparams(bindparam("forms", expanding=True))
SQL_FORMS = text("SELECT request_id, form FROM request_forms WHERE request_id IN :ids"
                 ).bindparams(bindparam("ids", expanding=True))
SQL_BUYER = text("""
SELECT o.id, o.request_id, r.title, u.display_name, o.price_fen, o.status, o.due_at, o.late,
       o.created_at
FROM orders o JOIN requests r ON r.id = o.request_id JOIN users u ON u.id = o.maker_id
WHERE o.buyer_id = :b ORDER BY o.created_at DESC, o.id DESC LIMIT 50
""")
SQL_RATING = text("SELECT count(*), coalesce(sum(stars), 0) FROM reviews WHERE subject_id = :m "
                  "AND direction = 'buyer_to_maker' AND revealed_at IS NOT NULL")
SQL_DONE = text("SELECT count(*), coalesce(sum(CASE WHEN late THEN 1 ELSE 0 END), 0) FROM orders "
                "WHERE maker_id = :m AND status IN ('accepted', 'paid')")
SQL_NPS = text("SELECT count(*), coalesce(sum(CASE WHEN score >= 9 THEN 1 ELSE 0 END), 0), "
               "coalesce(sum(CASE WHEN score <= 6 THEN 1 ELSE 0 END), 0) "
               "FROM nps_responses WHERE maker_id = :m")


def bare_open(session, m: int):  # noqa: ANN001, ANN201
    conn = session.connection()
    forms: set[str] = set()
    for (f,) in conn.execute(SQL_CERTS, {"m": m, "now": NOW}):
        forms.update(json.loads(f) if isinstance(f, str) else f)
    if not forms:
        return []
    rows = conn.execute(SQL_OPEN, {"m": m, "now": NOW, "forms": sorted(forms)}).all()
    by: dict[int, list[str]] = {}
    if rows:
        for rid, form in conn.execute(SQL_FORMS, {"ids": [r[0] for r in rows]}):
            by.setdefault(rid, []).append(form)
    return [(*r, tuple(sorted(by.get(r[0], ())))) for r in rows]


def bare_buyer(session, b: int):  # noqa: ANN001, ANN201
    return session.connection().execute(SQL_BUYER, {"b": b}).all()


def bare_summary(session, m: int):  # noqa: ANN001, ANN201
    conn = session.connection()
    cnt, total = conn.execute(SQL_RATING, {"m": m}).one()
    done, late = conn.execute(SQL_DONE, {"m": m}).one()
    n, p, d = conn.execute(SQL_NPS, {"m": m}).one()
    return cnt, total, done, late, NpsSummary(int(n), int(p), int(n) - int(p) - int(d), int(d))


def _median_ms(fn, args_list) -> float:  # noqa: ANN001
    times = []
    for a in args_list:
        t = time.perf_counter()
        fn(a)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def measure(engine, counts: dict, samples: int, seed: int = 7) -> list[tuple[str, float, float]]:
    rnd = random.Random(seed)
    makers = rnd.sample(counts["maker_ids"], samples)
    buyers = rnd.sample(counts["buyer_ids"], min(samples, len(counts["buyer_ids"])))
    out = []
    with read_session(engine) as s:
        # warm caches (statement cache, page cache) with the same calls first, then interleave
        for m in makers[:5]:
            queries.open_requests_for_maker(s, m, NOW)
            bare_open(s, m)
        checks = [
            ("maker: open requests they may take",
             lambda m: queries.open_requests_for_maker(s, m, NOW), lambda m: bare_open(s, m), makers),
            ("buyer: order list (50 newest)",
             lambda b: queries.buyer_orders(s, b), lambda b: bare_buyer(s, b), buyers),
            ("maker: rating/NPS summary",
             lambda m: queries.maker_summary(s, m), lambda m: bare_summary(s, m), makers),
        ]
        for name, svc_fn, sql_fn, ids in checks:
            # same answers first: the comparison is only fair if both do the same work
            for i in ids[:10]:
                a, b = svc_fn(i), sql_fn(i)
                assert len(a) == len(b) if isinstance(a, list) else True, name
            svc_ms, sql_ms = [], []
            for _ in range(3):  # alternate to share any drift fairly
                svc_ms.append(_median_ms(svc_fn, ids))
                sql_ms.append(_median_ms(sql_fn, ids))
            out.append((name, min(svc_ms), min(sql_ms)))
    return out


def run_backend(label: str, engine, args) -> list[tuple[str, float, float]]:  # noqa: ANN001
    upgrade_to_head(engine)
    counts = populate(engine, args.makers, args.orders, args.open_requests, args.buyers)
    print(f"\n[{label}] populated in {counts['seconds']} s: "
          + ", ".join(f"{k}={v}" for k, v in counts.items()
                      if k not in ("seconds", "maker_ids", "buyer_ids")))
    res = measure(engine, counts, args.samples)
    print(f"{'query':40} {'service ms':>11} {'bare SQL ms':>12} {'ratio':>6}")
    for name, a, b in res:
        print(f"{name:40} {a:11.2f} {b:12.2f} {a / b:6.2f}")
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--makers", type=int, default=10_000)
    ap.add_argument("--orders", type=int, default=200_000)
    ap.add_argument("--buyers", type=int, default=500)
    ap.add_argument("--open-requests", type=int, default=3_000)
    ap.add_argument("--samples", type=int, default=60)
    ap.add_argument("--pg", default=os.environ.get("CREATOR_STUDIO_TEST_PG_URL"),
                    help="PostgreSQL URL (default: $CREATOR_STUDIO_TEST_PG_URL)")
    ap.add_argument("--no-sqlite", action="store_true")
    args = ap.parse_args(argv)

    results = {}
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="cs-bench-") as tmp:
            engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
            results["sqlite"] = run_backend("SQLite", engine, args)
            engine.dispose()
    if args.pg:
        schema = f"cs_bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(args.pg)
        with admin.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            engine = make_engine(args.pg, connect_args={"options": f"-csearch_path={schema}"})
            results["postgresql"] = run_backend("PostgreSQL", engine, args)
            engine.dispose()
        finally:
            with admin.begin() as c:
                c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    else:
        print("\n[PostgreSQL] skipped: pass --pg URL or set CREATOR_STUDIO_TEST_PG_URL")

    ok = True
    for backend, res in results.items():
        for name, a, b in res:
            if a / b > 1.5 or (backend == "sqlite" and a > 50):
                ok = False
                print(f"TARGET MISSED [{backend}] {name}: {a:.2f} ms, ratio {a / b:.2f}")
    print("\nall targets met" if ok else "\nsome targets missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
