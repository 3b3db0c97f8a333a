"""Order threads at scale (#17): unread counts for the order list and one long thread.

Setup (SQLite in a temp folder; ``--pg URL`` also runs PostgreSQL in a fresh schema): one buyer
with ``--orders`` orders (default 500) to 5 makers, ``--messages`` messages per order (default
20) from both sides, read receipts on half the orders, 3 review comments per order, and one order
with ``--long`` messages (default 2,000). The rows are bulk-inserted (setup only); what is timed
are the service functions the window calls:

- ``threads.unread_counts(buyer)`` — the number in the order list and the tab title, against the
  bare grouped count of messages (no receipts, no permission) as the baseline;
- ``threads.thread(order)`` of the long order — messages + inline events + receipts — against a
  bare ``SELECT`` of the same messages.

Prints the median ms of 7 calls and the ratio to its baseline, measured in the same run.

    .venv/bin/python benchmarks/thread_bench.py [--pg URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from creator_studio.core.market import accounts, threads  # noqa: E402
from creator_studio.core.market.clock import FrozenClock  # noqa: E402
from creator_studio.core.market.uow import MarketService  # noqa: E402
from creator_studio.core.store.engine import make_engine, upgrade_to_head  # noqa: E402
from creator_studio.core.store.models import (  # noqa: E402
    Delivery,
    Offer,
    Order,
    Request,
    RequestForm,
)
from creator_studio.core.store.models_thread import (  # noqa: E402
    OrderMessage,
    ReviewComment,
    ThreadRead,
)

T0 = datetime(2026, 11, 2, 9, 0)


def median_ms(fn, n: int = 7) -> float:  # noqa: ANN001
    fn()  # warm caches and compiled statements
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def fill(engine, n_orders: int, per_order: int, long_n: int) -> dict:  # noqa: ANN001
    svc = MarketService(engine, clock=FrozenClock(T0))
    with svc.write() as s:
        staff = accounts.bootstrap_staff(s, "staff01", "平台", "bench12345", now=T0)
        buyer = accounts.create_user(s, staff, "buyer01", "王需求", ["buyer"], password="bench12345",
                                     now=T0)
        makers = [accounts.create_user(s, staff, f"maker{i:02d}", f"创客{i}", ["maker"],
                                       password="bench12345", now=T0) for i in range(5)]
        ids = {"buyer": buyer.id, "makers": [m.id for m in makers], "staff": staff.id}
    with engine.begin() as c:
        reqs, forms, offers, orders, dels = [], [], [], [], []
        for i in range(1, n_orders + 1):
            maker = ids["makers"][i % 5]
            reqs.append(dict(id=i, buyer_id=ids["buyer"], title=f"课程 {i}", description="",
                             budget_fen=100_000, deadline=T0 + timedelta(days=30),
                             revisions_included=2, auto_accept_days=5, review_window_days=14,
                             cancel_reply_hours=48, status="awarded", version=2, created_at=T0))
            forms.append(dict(request_id=i, form="h5"))
            offers.append(dict(id=i, request_id=i, maker_id=maker, price_fen=90_000, days=7,
                               message="", status="awarded", created_at=T0, updated_at=T0))
            orders.append(dict(id=i, request_id=i, offer_id=i, buyer_id=ids["buyer"],
                               maker_id=maker, price_fen=90_000, status="delivered", version=3,
                               due_at=T0 + timedelta(days=7), paused_seconds=0, late=False,
                               revisions_included=2, revisions_used=0, rules={},
                               created_at=T0))
            dels.append(dict(id=i, order_id=i, attempt=1, version=1, status="submitted",
                             package_sha256="0" * 64, package_size=1, manifest={},
                             norms_report={}, norms_blocking=False, note="", created_by=maker,
                             created_at=T0 + timedelta(hours=1)))
        c.execute(insert(Request), reqs)
        c.execute(insert(RequestForm), forms)
        c.execute(insert(Offer), offers)
        c.execute(insert(Order), orders)
        c.execute(insert(Delivery), dels)
        msgs, comments, reads = [], [], []
        mid = 0
        for i in range(1, n_orders + 1):
            count = long_n if i == 1 else per_order
            for k in range(count):
                mid += 1
                author = ids["buyer"] if k % 2 else ids["makers"][i % 5]
                msgs.append(dict(id=mid, order_id=i, author_id=author,
                                 author_role="buyer" if k % 2 else "maker", body=f"消息 {k}",
                                 idempotency_key=uuid.uuid4().hex, params_hash="0" * 64,
                                 created_at=T0 + timedelta(minutes=k)))
            for k in range(3):
                comments.append(dict(order_id=i, delivery_id=i, version=1, author_id=ids["buyer"],
                                     anchor="page", page_id=f"p{k + 1}", page_label="",
                                     x_bp=5000, y_bp=5000, severity="must_fix", body="改",
                                     status="open", idempotency_key=uuid.uuid4().hex,
                                     params_hash="0" * 64, created_at=T0 + timedelta(hours=2)))
            if i % 2 == 0:
                reads.append(dict(order_id=i, user_id=ids["buyer"], last_message_id=mid - 5,
                                  read_at=T0 + timedelta(hours=3)))
        for start in range(0, len(msgs), 5000):
            c.execute(insert(OrderMessage), msgs[start:start + 5000])
        c.execute(insert(ReviewComment), comments)
        c.execute(insert(ThreadRead), reads)
    ids["messages"] = len(msgs)
    return ids


def run(engine, label: str, args) -> None:  # noqa: ANN001
    upgrade_to_head(engine)
    ids = fill(engine, args.orders, args.messages, args.long)
    svc = MarketService(engine, clock=FrozenClock(T0 + timedelta(days=1)))
    buyer = ids["buyer"]
    counts = svc.read_as(threads.unread_counts, buyer)
    base_sql = text("SELECT order_id, count(*) FROM order_messages WHERE author_id <> :u "
                    "GROUP BY order_id")
    long_sql = text("SELECT id, author_id, body, created_at FROM order_messages "
                    "WHERE order_id = 1 ORDER BY id")

    def bare(sql, **p):  # noqa: ANN001, ANN003, ANN202
        def go():
            with engine.connect() as c:
                return c.execute(sql, p).all()
        return go

    rows = [
        ("unread_counts (buyer, %d orders)" % args.orders,
         median_ms(lambda: svc.read_as(threads.unread_counts, buyer)),
         median_ms(bare(base_sql, u=buyer))),
        ("thread of one order (%d messages)" % args.long,
         median_ms(lambda: svc.read_as(threads.thread, buyer, 1)),
         median_ms(bare(long_sql))),
    ]
    print(f"\n{label}: {ids['messages']:,} messages, {len(counts)} orders with unread items")
    print(f"{'query':45} {'service ms':>11} {'bare SQL ms':>12} {'ratio':>7}")
    for name, svc_ms, base_ms in rows:
        print(f"{name:45} {svc_ms:11.1f} {base_ms:12.1f} {svc_ms / base_ms:6.1f}×")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=500)
    ap.add_argument("--messages", type=int, default=20)
    ap.add_argument("--long", type=int, default=2000)
    ap.add_argument("--pg", default=os.environ.get("CREATOR_STUDIO_TEST_PG_URL"))
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        run(engine, "SQLite", args)
        engine.dispose()
    if args.pg:
        schema = f"cs_bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(args.pg)
        with admin.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = make_engine(args.pg, connect_args={"options": f"-csearch_path={schema}"})
        try:
            run(engine, "PostgreSQL", args)
        finally:
            engine.dispose()
            with admin.begin() as c:
                c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
