"""Team-server load test: 2 server processes, PostgreSQL, N simulated studio clients, 127.0.0.1.

    .venv/bin/python benchmarks/server_load.py                      # 200 clients, 60 s
    .venv/bin/python benchmarks/server_load.py --clients 50 --seconds 20 --makers 2000 --orders 40000

What it does, bounded in count and time:

1. a fresh PostgreSQL database (``CREATE DATABASE`` on ``--pg``/``CREATOR_STUDIO_TEST_PG_URL``),
   filled with the market benchmark's data set (`benchmarks/market_bench.populate`: makers,
   buyers, awarded orders, open requests with offers, reviews, NPS), plus contested requests
   and in-progress orders for the deliveries;
2. ``creator-studio serve --workers 2`` on a free port of 127.0.0.1;
3. N clients (threads spread over `--client-processes` processes, each its own
   `HttpMarketClient` and session; ¾ makers, ¼ buyers) for the given seconds, each doing one
   action then thinking `--think` seconds (3–10 by default; each starts within one pause):
   browse lists, open orders, post
   offers on contested requests, upload 5 MB deliveries; the contested requests are awarded by
   two sessions of their buyer at once;
4. checks: errors (must be 0; the losing award of a race is an expected 409, counted apart),
   every uploaded package downloads with its SHA-256, exactly one award per contested request;
5. the same list queries, one client, no load: in-process (`InProcessClient`) vs HTTP, p50/p95
   and the ratio.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from creator_studio.core.errors import StudioError  # noqa: E402
from creator_studio.core.market.client import UserInfo  # noqa: E402
from creator_studio.core.market.http_client import HttpMarketClient  # noqa: E402

PASSWORD = "load-pass-1234"
NORMS = {"id": "load-norms", "title_zh": "压测规范", "title_en": "load norms", "rules": [
    {"id": "forbidden-wording", "kind": "forbidden_words", "severity": "fail",
     "params": {"words": ["保本", "稳赚"]}, "zh": "禁用词", "en": "forbidden words"}]}


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ms: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.expected: dict[str, int] = defaultdict(int)

    def timed(self, name: str, fn, expected_codes=()):  # noqa: ANN001, ANN201
        t0 = time.perf_counter()
        try:
            out = fn()
        except StudioError as exc:
            ms = (time.perf_counter() - t0) * 1000
            with self.lock:
                if exc.code in expected_codes:
                    self.expected[name] += 1
                    self.ms[name].append(ms)
                else:
                    self.errors[name].append(f"{exc.code}: {exc.message_en}"[:200])
            return None
        except Exception as exc:  # noqa: BLE001 - a load test counts, it does not stop
            with self.lock:
                self.errors[name].append(f"{type(exc).__name__}: {exc}"[:200])
            return None
        ms = (time.perf_counter() - t0) * 1000
        with self.lock:
            self.ms[name].append(ms)
        return out


def course_package(folder: Path, blob_bytes: int, seed: int) -> Path:
    from creator_studio.core.lesson import model as m
    from creator_studio.core.lesson.serialize import dumps

    folder.mkdir(parents=True, exist_ok=True)
    lesson = m.Lesson(title="压测微课", pages=[m.Page(id="p1", title="流程", blocks=[
        m.Paragraph(runs=[m.Run("理赔流程说明，仅供内部培训使用。")])])])
    (folder / "course.json").write_text(dumps(lesson), encoding="utf-8")
    (folder / "h5").mkdir(exist_ok=True)
    (folder / "h5" / "index.html").write_text("<html>load</html>", encoding="utf-8")
    (folder / "h5" / "media.bin").write_bytes(random.Random(seed).randbytes(blob_bytes))
    (folder / "manifest.json").write_text(json.dumps({"title": "压测微课", "forms": {"h5": {
        "files": [{"path": "h5/index.html", "role": "entry"}]}}}), encoding="utf-8")
    return folder


def prepare(db_url: str, args, work: Path) -> dict:  # noqa: ANN001
    """Data set + the accounts, requests and orders the clients act on."""
    import market_bench

    from creator_studio.core.market import accounts
    from creator_studio.core.market.client import open_market
    from creator_studio.core.store.engine import make_engine, upgrade_to_head

    engine = make_engine(db_url)
    upgrade_to_head(engine)
    if not args._from_template:
        counts = market_bench.populate(engine, args.makers, args.orders, args.open_requests,
                                       args.buyers)
        print(f"populated in {counts['seconds']} s: makers={args.makers} orders={args.orders} "
              f"open requests={args.open_requests} buyers={args.buyers}", flush=True)
    pw_hash = accounts.hash_password(PASSWORD)
    with engine.begin() as c:
        staff_id = c.execute(text(
            "INSERT INTO users (login, display_name, active, created_at, password_hash) "
            "VALUES ('loadstaff', '压测运营', true, now(), :h) RETURNING id"), {"h": pw_hash}).scalar()
        c.execute(text("INSERT INTO user_roles (user_id, role) VALUES (:u, 'staff')"), {"u": staff_id})
        # makers who may take h5 work (valid certificate covering h5), buyers: the first ones
        makers = [r[0] for r in c.execute(text(
            "SELECT u.login FROM users u JOIN certificates c ON c.holder_id = u.id "
            "WHERE c.status = 'valid' AND c.forms::text LIKE '%h5%' AND u.login LIKE 'm%' "
            "ORDER BY u.id LIMIT :n"), {"n": args.clients})]
        buyers = [r[0] for r in c.execute(text(
            "SELECT login FROM users WHERE login LIKE 'b%' ORDER BY id LIMIT :n"),
            {"n": max(4, args.clients // 4)})]
        c.execute(text("UPDATE users SET password_hash = :h WHERE login = ANY(:l)"),
                  {"h": pw_hash, "l": makers + buyers})
    client = open_market(db_url)
    ids = dict(client.svc.query(lambda s: dict(s.execute(text(
        "SELECT login, id FROM users WHERE login = ANY(:l)"), {"l": makers + buyers + ["loadstaff"]}).all())))

    def info(login: str) -> UserInfo:
        return UserInfo(ids[login], login, login, frozenset(), None)

    staff = UserInfo(ids["loadstaff"], "loadstaff", "压测运营", frozenset({"staff"}), None)
    client.publish_norms(staff, NORMS, title="压测规范")
    rnd = random.Random(5)
    deadline = client.now() + timedelta(days=30)
    contested = []
    for i in range(args.contested):
        b = buyers[i % len(buyers)]
        rid = client.post_request(info(b), title=f"争抢需求 {i}", forms=["h5"], budget_fen=900_000,
                                  deadline=deadline)
        contested.append({"id": rid, "buyer": b})
    delivering = []  # (maker login, order id) — an in-progress order per uploading maker
    upload_makers = makers[: args.uploaders]
    for i, m in enumerate(upload_makers):
        b = buyers[i % len(buyers)]
        rid = client.post_request(info(b), title=f"交付需求 {i}", forms=["h5"], budget_fen=500_000,
                                  deadline=deadline)
        oid = client.make_offer(info(m), rid, 400_000, 10)
        delivering.append((m, client.award(info(b), rid, oid).order_id))
    sample_orders = client.svc.query(lambda s: [r[0] for r in s.execute(text(
        "SELECT id FROM orders WHERE buyer_id = ANY(:b) ORDER BY id LIMIT 200"),
        {"b": [ids[b] for b in buyers]})])
    client.close()
    engine.dispose()
    rnd.shuffle(makers)
    return {"makers": makers, "buyers": buyers, "contested": contested, "delivering": delivering,
            "ids": ids, "sample_orders": sample_orders}


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_url: str, work: Path, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    cfg = work / "server.toml"
    cfg.write_text("\n".join([
        "[server]", 'host = "127.0.0.1"', f"port = {port}", f"workers = {workers}",
        "[database]", f'url = "{db_url}"', "[files]", 'folder = "files"', "max_upload_mb = 64",
        "[secrets]", 'folder = "secrets"', "[timers]", "seconds = 30"]) + "\n", encoding="utf-8")
    env = dict(os.environ, CREATOR_STUDIO_HOME=str(work / "home"),
               CREATOR_STUDIO_SERVER_LOG_LEVEL="WARNING")
    proc = subprocess.Popen([sys.executable, "-m", "creator_studio", "serve", "--config", str(cfg)],
                            stdout=open(work / "server.log", "wb"), stderr=subprocess.STDOUT,
                            env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("server did not start: " + (work / "server.log").read_text()[-2000:])


def _signed_in(url: str, name: str) -> HttpMarketClient:
    """A simulated studio's own client and session."""
    c = HttpMarketClient(url, timeout=60, retries=2)
    c.login(name, PASSWORD)
    return c


def _clients_process(url: str, who: list[tuple[str, str, int]], plan: dict, seconds: int,
                     work: Path, ready, go, out, think: tuple[float, float]) -> None:  # noqa: ANN001
    """One load-generator process: a thread per simulated studio (maker or buyer)."""
    rec = Recorder()
    delivering = dict(plan["delivering"])
    contested = plan["contested"]
    uploads: list[tuple[int, str]] = []  # (delivery id, sha256 of the zip sent)
    offered: set[tuple[str, int]] = set()
    lock = threading.Lock()
    signed_in = threading.Barrier(len(who) + 1)
    started = threading.Event()
    stop_at = [0.0]

    def maker_loop(name: str, seed: int) -> None:
        rnd = random.Random(seed)
        c = _signed_in(url, name)
        signed_in.wait()
        me = c.user
        started.wait()
        # People do not all click in the same millisecond: each starts within one pause.
        time.sleep(rnd.uniform(0, think[1]))
        order_id = delivering.get(name)
        delivered = False
        while time.time() < stop_at[0]:
            roll = rnd.random()
            if order_id and not delivered and roll < 0.15:
                pkg = course_package(work / "pkgs" / name, 5 * 1024 * 1024, seed)
                from creator_studio.core.market.http_client import zip_folder

                z = zip_folder(pkg, work / "pkgs" / f"{name}.zip")
                digest = hashlib.sha256(z.read_bytes()).hexdigest()
                did = rec.timed("deliver (5 MB upload + norms)", lambda: c.deliver(me, order_id, z))
                if did:
                    delivered = True
                    with lock:
                        uploads.append((did, digest))
            elif roll < 0.55:
                rec.timed("open_requests", lambda: c.open_requests(me, 50, 0))
            elif roll < 0.75:
                rows = rec.timed("maker_orders", lambda: c.maker_orders(me, 50, 0)) or []
                if rows:
                    o = rnd.choice(rows)
                    rec.timed("deliveries (open an order)", lambda: c.deliveries(me, o.id))
            elif roll < 0.85:
                rec.timed("maker_summary", lambda: c.maker_summary(me))
            else:
                req = rnd.choice(contested)
                if (name, req["id"]) in offered:
                    continue
                offered.add((name, req["id"]))
                rec.timed("make_offer", lambda: c.make_offer(me, req["id"], 300_000 + seed, 7),
                          expected_codes=("REQUEST_NOT_OPEN",))
            time.sleep(rnd.uniform(*think))
        c.close()

    def buyer_loop(name: str, seed: int) -> None:
        rnd = random.Random(seed)
        c = _signed_in(url, name)
        signed_in.wait()
        me = c.user
        started.wait()
        # People do not all click in the same millisecond: each starts within one pause.
        time.sleep(rnd.uniform(0, think[1]))
        mine = [r for r in contested if r["buyer"] == name]
        while time.time() < stop_at[0]:
            roll = rnd.random()
            if roll < 0.45:
                rec.timed("buyer_orders", lambda: c.buyer_orders(me, 50, 0))
            elif roll < 0.75:
                rec.timed("buyer_requests", lambda: c.buyer_requests(me, 50, 0))
            elif mine:
                r = rnd.choice(mine)
                rec.timed("offers_for", lambda: c.offers_for(me, r["id"]))
            time.sleep(rnd.uniform(*think))
        c.close()

    stop_at[0] = time.time() + 10 ** 6
    threads = [threading.Thread(target=maker_loop if role == "maker" else buyer_loop,
                                args=(name, seed), daemon=True) for role, name, seed in who]
    for t in threads:
        t.start()
    signed_in.wait()
    # One call per process before timing starts: the studio client's first answer of a kind
    # imports its row types (a one-off cost per program, not per request).
    role, name, _ = who[0]
    warm = _signed_in(url, name)
    try:
        if role == "maker":
            warm.open_requests(warm.user, 5, 0)
            warm.maker_orders(warm.user, 5, 0)
        else:
            warm.buyer_orders(warm.user, 5, 0)
            warm.buyer_requests(warm.user, 5, 0)
    finally:
        warm.close()
    ready.wait()  # every process has signed its clients in
    go.wait()
    stop_at[0] = time.time() + seconds
    started.set()
    for t in threads:
        t.join(seconds + 120)
    out.put({"ms": dict(rec.ms), "errors": dict(rec.errors), "expected": dict(rec.expected),
             "uploads": uploads})


def run_load(url: str, plan: dict, args, work: Path) -> dict:  # noqa: ANN001
    """N simulated studios spread over `--client-processes` processes (a thread each).

    One Python process holding 200 client threads measured its own GIL queue as much as the
    server: a finished answer waited for the interpreter before its time was taken. Separate
    processes keep the timing about the server; they still share this machine's two cores
    with the server and PostgreSQL, which the report says.
    """
    import multiprocessing as mp

    n_makers = args.clients - args.clients // 4
    buyers = plan["buyers"]
    who = [("maker", m, i) for i, m in enumerate(plan["makers"][:n_makers])]
    who += [("buyer", buyers[i % len(buyers)], 10_000 + i) for i in range(args.clients - n_makers)]
    random.Random(9).shuffle(who)
    procs_n = max(1, min(args.client_processes, len(who)))
    groups = [who[i::procs_n] for i in range(procs_n)]
    ctx = mp.get_context("fork")
    ready = ctx.Barrier(procs_n + 1)
    go = ctx.Event()
    out = ctx.Queue()
    t_login = time.perf_counter()
    procs = [ctx.Process(target=_clients_process,
                         args=(url, g, plan, args.seconds, work, ready, go, out, args.think),
                         daemon=True)
             for g in groups]
    for p in procs:
        p.start()
    ready.wait()
    print(f"{len(who)} clients in {procs_n} processes signed in, thinking "
          f"{args.think[0]}–{args.think[1]} s between actions "
          f"({time.perf_counter() - t_login:.1f} s); running {args.seconds} s…", flush=True)
    go.set()
    rec = Recorder()
    time.sleep(args.seconds * 0.6)

    def award_race(req: dict) -> None:
        """Two sessions of the buyer award two different offers at the same moment."""
        a, b = _signed_in(url, req["buyer"]), _signed_in(url, req["buyer"])
        offers = [o for o in a.offers_for(a.user, req["id"]) if o["status"] == "active"]
        if len(offers) < 2:
            return
        gate = threading.Barrier(2)

        def race(c: HttpMarketClient, oid: int) -> None:
            gate.wait()
            rec.timed("award (contested)", lambda: c.award(c.user, req["id"], oid),
                      expected_codes=("CONFLICT", "INVALID_TRANSITION", "REQUEST_NOT_OPEN",
                                      "OFFER_NOT_ACTIVE"))

        ts = [threading.Thread(target=race, args=(a, offers[0]["id"])),
              threading.Thread(target=race, args=(b, offers[1]["id"]))]
        for t in ts:
            t.start()
        for t in ts:
            t.join()

    racers = [threading.Thread(target=award_race, args=(r,)) for r in plan["contested"]]
    for t in racers:
        t.start()
    for t in racers:
        t.join()
    uploads: list[tuple[int, str]] = []
    for _ in procs:
        part = out.get(timeout=args.seconds + 300)
        for k, v in part["ms"].items():
            rec.ms[k].extend(v)
        for k, v in part["errors"].items():
            rec.errors[k].extend(v)
        for k, v in part["expected"].items():
            rec.expected[k] += v
        uploads.extend(part["uploads"])
    for p in procs:
        p.join(30)
    return {"rec": rec, "uploads": uploads}


def verify(url: str, plan: dict, result: dict, db_url: str, work: Path) -> dict:
    out = {"downloads_ok": 0, "downloads_bad": []}
    buyers = {}
    for did, digest in result["uploads"]:
        # the buyer of that order downloads it (client checks the SHA-256 too)
        eng = create_engine(db_url)
        with eng.connect() as c:
            login = c.execute(text("SELECT u.login FROM deliveries d JOIN orders o ON o.id = d.order_id "
                                   "JOIN users u ON u.id = o.buyer_id WHERE d.id = :d"), {"d": did}).scalar()
        eng.dispose()
        if login not in buyers:
            buyers[login] = HttpMarketClient(url)
            buyers[login].login(login, PASSWORD)
        try:
            z = buyers[login].download_delivery(did, work / "dl" / f"{did}.zip")
            ok = hashlib.sha256(z.read_bytes()).hexdigest() == digest
        except StudioError as exc:
            ok = False
            out["downloads_bad"].append(f"{did}: {exc.code}")
        if ok:
            out["downloads_ok"] += 1
        elif not out["downloads_bad"] or not out["downloads_bad"][-1].startswith(f"{did}:"):
            out["downloads_bad"].append(f"{did}: hash differs")
    eng = create_engine(db_url)
    with eng.connect() as c:
        ids = [r["id"] for r in plan["contested"]]
        rows = c.execute(text("SELECT r.id, r.status, (SELECT count(*) FROM orders o WHERE o.request_id = r.id), "
                              "(SELECT count(*) FROM offers f WHERE f.request_id = r.id AND f.status = 'awarded') "
                              "FROM requests r WHERE r.id = ANY(:ids)"), {"ids": ids}).all()
    eng.dispose()
    out["contested"] = len(rows)
    out["contested_awarded"] = sum(1 for r in rows if r[1] == "awarded")
    out["contested_bad"] = [r[0] for r in rows if r[2] > 1 or r[3] > 1 or (r[1] == "awarded") != (r[2] == 1)]
    return out


def compare_in_process(url: str, db_url: str, plan: dict, samples: int) -> list[tuple]:
    """The same list queries, one client, no other load: in-process vs over HTTP."""
    from creator_studio.core.market.client import open_market

    inproc = open_market(db_url)
    rnd = random.Random(3)
    makers = rnd.sample(plan["makers"], min(samples, len(plan["makers"])))
    buyers = plan["buyers"]
    http = {n: HttpMarketClient(url) for n in makers[:5] + buyers[:5]}
    for n, c in http.items():
        c.login(n, PASSWORD)
    ids = plan["ids"]

    def u(n: str) -> UserInfo:
        return UserInfo(ids[n], n, n, frozenset(), None)

    checks = [
        ("open_requests", lambda c, n: c.open_requests(u(n), 50, 0), makers[:5]),
        ("maker_orders", lambda c, n: c.maker_orders(u(n), 50, 0), makers[:5]),
        ("maker_summary", lambda c, n: c.maker_summary(u(n)), makers[:5]),
        ("buyer_orders", lambda c, n: c.buyer_orders(u(n), 50, 0), buyers[:5]),
        ("buyer_requests", lambda c, n: c.buyer_requests(u(n), 50, 0), buyers[:5]),
    ]
    out = []
    for name, fn, who in checks:
        for n in who:  # warm both paths
            fn(inproc, n)
            fn(http[n], n)
        a, b = [], []
        for _ in range(samples // len(who) + 1):
            for n in who:
                t = time.perf_counter()
                fn(inproc, n)
                a.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                fn(http[n], n)
                b.append((time.perf_counter() - t) * 1000)
        out.append((name, pct(a, 50), pct(a, 95), pct(b, 50), pct(b, 95)))
    inproc.close()
    return out


def data_template(admin, args) -> str:  # noqa: ANN001
    """A database holding only the generated data set, filled once and copied per run.

    Populating 10k makers / 200k orders takes minutes; ``CREATE DATABASE … TEMPLATE`` copies it
    in seconds. The name carries the data-set size and the migration files, so a schema change
    or another size makes a new template rather than reusing a stale one.
    """
    import hashlib as _h

    import market_bench

    from creator_studio.core.store.engine import MIGRATIONS_DIR, make_engine, upgrade_to_head

    mig = _h.sha256("".join(sorted(p.name + p.read_text(encoding="utf-8")
                                   for p in MIGRATIONS_DIR.rglob("*.py"))).encode()).hexdigest()[:8]
    bench = _h.sha256((ROOT / "benchmarks" / "market_bench.py").read_bytes()).hexdigest()[:6]
    tpl = (f"cs_load_tpl_{args.makers}_{args.orders}_{args.open_requests}_{args.buyers}"
           f"_{mig}_{bench}")
    with admin.connect() as c:
        if c.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": tpl}).first():
            return tpl
        c.execute(text(f'CREATE DATABASE "{tpl}"'))
    url = make_url(args.pg).set(database=tpl).render_as_string(hide_password=False)
    engine = make_engine(url)
    try:
        upgrade_to_head(engine)
        counts = market_bench.populate(engine, args.makers, args.orders, args.open_requests,
                                       args.buyers)
        print(f"template {tpl} populated in {counts['seconds']} s", flush=True)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE"))
    except BaseException:
        engine.dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{tpl}"'))
        raise
    engine.dispose()
    return tpl


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pg", default=os.environ.get("CREATOR_STUDIO_TEST_PG_URL"))
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--makers", type=int, default=10_000)
    ap.add_argument("--orders", type=int, default=200_000)
    ap.add_argument("--buyers", type=int, default=500)
    ap.add_argument("--open-requests", type=int, default=3_000)
    ap.add_argument("--contested", type=int, default=20)
    ap.add_argument("--uploaders", type=int, default=40)
    ap.add_argument("--samples", type=int, default=100)
    # A person reads a list or an order before the next click: 3–10 s. 0.5–1.5 s (five times
    # that pace, ~160 calls/s for 200 clients) is the stress setting in docs/server.md.
    ap.add_argument("--think", default="3-10",
                    help="seconds a simulated person waits between actions, MIN-MAX (uniform)")
    ap.add_argument("--client-processes", type=int, default=4,
                    help="load-generator processes the simulated clients are spread over")
    ap.add_argument("--keep", action="store_true", help="keep the database and folder")
    ap.add_argument("--reuse-data", action="store_true",
                    help="fill the data set once into a template database and copy it per run")
    args = ap.parse_args(argv)
    if not args.pg:
        raise SystemExit("needs PostgreSQL: --pg URL or CREATOR_STUDIO_TEST_PG_URL")
    lo, _, hi = args.think.partition("-")
    args.think = (float(lo), float(hi or lo))
    args.clients = min(args.clients, 500)
    args.seconds = min(args.seconds, 600)
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="cs-load-"))
    name = f"cs_load_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
    args._from_template = False
    if args.reuse_data:
        args._from_template = data_template(admin, args)
    with admin.connect() as c:
        if args._from_template:
            c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{args._from_template}"'))
            print(f"data set copied from template database {args._from_template}", flush=True)
        else:
            c.execute(text(f'CREATE DATABASE "{name}"'))
    db_url = make_url(args.pg).set(database=name).render_as_string(hide_password=False)
    proc = None
    try:
        plan = prepare(db_url, args, work)
        proc, url = start_server(db_url, work, args.workers)
        print(f"server: {url} ({args.workers} processes)", flush=True)
        result = run_load(url, plan, args, work)
        checks = verify(url, plan, result, db_url, work)
        rec = result["rec"]
        total = sum(len(v) for v in rec.ms.values())
        print(f"\n{'endpoint':34} {'calls':>6} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
        for ep in sorted(rec.ms):
            v = rec.ms[ep]
            print(f"{ep:34} {len(v):6d} {pct(v, 50):8.1f} {pct(v, 95):8.1f} {len(rec.errors.get(ep, [])):6d}")
        errors = sum(len(v) for v in rec.errors.values())
        print(f"\ncalls {total} in {args.seconds} s ({total / args.seconds:.0f}/s), errors {errors}, "
              f"expected race losers {dict(rec.expected)}")
        for ep, errs in rec.errors.items():
            print(f"  {ep}: {errs[:3]}")
        print(f"uploads: {len(result['uploads'])}, downloaded with matching SHA-256: "
              f"{checks['downloads_ok']}, bad: {checks['downloads_bad']}")
        print(f"contested requests: {checks['contested']}, awarded once: {checks['contested_awarded']}, "
              f"more than one winner: {checks['contested_bad']}")
        print("\nsame queries, one client, no load (in-process vs HTTP):")
        print(f"{'query':18} {'in-proc p50':>11} {'p95':>7} {'HTTP p50':>9} {'p95':>7} {'ratio p50':>9}")
        for q, a50, a95, b50, b95 in compare_in_process(url, db_url, plan, args.samples):
            print(f"{q:18} {a50:11.2f} {a95:7.2f} {b50:9.2f} {b95:7.2f} {b50 / a50:9.2f}")
        ok = errors == 0 and not checks["downloads_bad"] and not checks["contested_bad"] \
            and checks["downloads_ok"] == len(result["uploads"])
        print("\nRESULT:", "OK" if ok else "PROBLEMS (see above)")
        return 0 if ok else 1
    finally:
        if proc is not None:
            import signal

            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        if not args.keep:
            with admin.connect() as c:
                c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = :n AND pid <> pg_backend_pid()"), {"n": name})
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            import shutil

            shutil.rmtree(work, ignore_errors=True)
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
