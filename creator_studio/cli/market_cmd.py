"""Market administration and look-ups from the command line.

- `creator-studio admin db-upgrade [--db URL]` — bring the database schema to the newest version
- `creator-studio admin demo-data [--db URL]` — fill an empty database with the demo scenario
- `creator-studio admin import-users FILE.csv [--as LOGIN]` — HR CSV import (bad rows listed)
- `creator-studio admin run-timers` — fire due timers (auto-accept, cancellation silence, expiry…)
- `creator-studio admin publish-norms FILE.json [--title T]` — publish a new norm set version
- `creator-studio market list-requests --as LOGIN` — open requests a maker may take
- `creator-studio market orders --as LOGIN` — a buyer's (or maker's) orders

Commands go through the one market client (`core.market.client`), never the database: they act
as a named account (`--as`; admin default on the embedded database: the first staff account) so
the same permission checks apply as in the window. `--db` takes any SQLAlchemy URL; the default is the
embedded SQLite file in the user data folder (also `CREATOR_STUDIO_DB_URL`).
"""

from __future__ import annotations

import argparse
import os
import json
from pathlib import Path


def _subparsers_of(parser: argparse.ArgumentParser, dest: str) -> argparse._SubParsersAction:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest=dest)


def admin_group(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The shared `admin` sub-command group (other areas add their own admin commands to it)."""
    admin = sub.choices.get("admin") or sub.add_parser("admin", help="platform administration (平台管理)")
    return _subparsers_of(admin, "admin_command")


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    asub = admin_group(sub)
    p = asub.add_parser("db-upgrade", help="upgrade the database schema to the newest version")
    p.add_argument("--db", help="SQLAlchemy URL (default: the local database)")
    p.set_defaults(func=run_db_upgrade)
    p = asub.add_parser("demo-data", help="fill an empty database with demo data (示例数据)")
    p.add_argument("--db")
    p.set_defaults(func=run_demo)
    p = asub.add_parser("import-users", help="import accounts from an HR CSV export")
    p.add_argument("file", type=Path)
    p.add_argument("--db")
    p.add_argument("--as", dest="as_login")
    p.set_defaults(func=run_import_users)
    p = asub.add_parser("run-timers", help="fire due timers (auto-accept, expiry, reveals…)")
    p.add_argument("--db")
    p.add_argument("--as", dest="as_login")
    p.set_defaults(func=run_timers)
    p = asub.add_parser("publish-norms", help="publish a norm set (JSON) as the next version")
    p.add_argument("file", type=Path)
    p.add_argument("--title", default="")
    p.add_argument("--db")
    p.add_argument("--as", dest="as_login")
    p.set_defaults(func=run_publish_norms)

    m = sub.add_parser("market", help="market look-ups (需求市场)")
    msub = m.add_subparsers(dest="market_command", required=True)
    p = msub.add_parser("list-requests", help="open requests the maker may take")
    p.add_argument("--as", dest="as_login", required=True)
    p.add_argument("--db")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_list_requests)
    p = msub.add_parser("orders", help="the account's orders (as buyer and as maker)")
    p.add_argument("--as", dest="as_login", required=True)
    p.add_argument("--db")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_orders)


def client_for(args):  # noqa: ANN001, ANN201
    """The market client a command talks to: the embedded database (`--db`, else
    ``CREATOR_STUDIO_DB_URL``, else the local SQLite file), opened the one way (`open_market`)."""
    from creator_studio.core.market.client import open_market

    server = getattr(args, "server", None) or os.environ.get("CREATOR_STUDIO_SERVER_URL")
    if server:  # team mode: the kept `server login` session (see cli/serve_cmd.py)
        from creator_studio.cli.serve_cmd import server_client

        return server_client(server)
    return open_market(getattr(args, "db", None))


def acting_user(client, login: str | None, role: str = "staff"):  # noqa: ANN001, ANN201
    """The account a command acts as (`--as LOGIN`; admin default: the first staff account —
    embedded mode only, where the local user owns the database file)."""
    return client.act_as(login, role)


def run_db_upgrade(args) -> int:  # noqa: ANN001
    from creator_studio.core.market.client import upgrade_database

    res = upgrade_database(args.db)
    print(f"database: {res['url']}")
    print(f"schema: {res['before'] or '(empty)'} → {res['after']}")
    return 0


def run_demo(args) -> int:  # noqa: ANN001
    client = client_for(args)
    try:
        r = client.fill_demo()
    finally:
        client.close()
    print(f"示例数据已写入 / demo data written: {r['users']} 个账号, {r['requests']} 个需求, "
          f"{r['reviews']} 条评价, {r['nps_responses']} 份学员 NPS")
    print("订单状态 / orders: " + ", ".join(f"{k}={v}" for k, v in sorted(r["orders"].items())))
    print(f"登录 / logins: staff01, buyer01…buyer08, maker01…maker24 — 密码 / password: "
          f"{r['password']}")
    return 0


def run_import_users(args) -> int:  # noqa: ANN001
    client = client_for(args)
    try:
        report = client.import_users(acting_user(client, args.as_login), args.file)
    finally:
        client.close()
    n = len(report["created"])
    print(f"导入 {n} 个账号 / imported {n} accounts")
    for e in report["errors"]:
        print(f"第 {e['row']} 行：{e['zh']} / row {e['row']}: {e['en']}")
    return 0 if not report["errors"] else 1


def run_timers(args) -> int:  # noqa: ANN001
    client = client_for(args)
    try:
        run = client.run_timers(acting_user(client, getattr(args, "as_login", None)))
    finally:
        client.close()
    print(f"fired {len(run['fired'])}, stale {run['stale']}, errors {run['errors']}")
    for kind, entity in run["fired"]:
        print(f"  {kind} #{entity}")
    return 0 if not run["errors"] else 1


def run_publish_norms(args) -> int:  # noqa: ANN001
    from creator_studio.core.errors import ValidationError

    try:
        rules = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(f"无法读取规范文件：{args.file}", f"Cannot read {args.file}: {exc}",
                              code="NORMS_INVALID") from None
    client = client_for(args)
    try:
        version = client.publish_norms(acting_user(client, args.as_login), rules,
                                       title=args.title)
    finally:
        client.close()
    print(f"已发布规范第 {version} 版 / published norm set version {version}")
    return 0


def _fen(v: int) -> str:
    return f"{v // 100}.{v % 100:02d}"


def run_list_requests(args) -> int:  # noqa: ANN001
    client = client_for(args)
    try:
        rows = client.open_requests(acting_user(client, args.as_login), 50, 0)
    finally:
        client.close()
    if args.json:
        print(json.dumps([{"id": r.id, "title": r.title, "business_line": r.business_line,
                           "buyer": r.buyer_name, "budget_fen": r.budget_fen,
                           "deadline": r.deadline.isoformat(), "forms": list(r.forms)}
                          for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("没有可接的需求（或尚无有效证书） / no open requests you may take")
    for r in rows:
        print(f"#{r.id:<5} {r.title}  [{'、'.join(r.forms)}]  预算 ¥{_fen(r.budget_fen)}  "
              f"截止 {r.deadline:%Y-%m-%d}  {r.business_line or ''} {r.buyer_name}")
    return 0


def run_orders(args) -> int:  # noqa: ANN001
    from creator_studio.core.market.orders import STATUS_LABELS

    client = client_for(args)
    try:
        user = acting_user(client, args.as_login)
        rows = client.buyer_orders(user, 50, 0) + client.maker_orders(user, 50, 0)
    finally:
        client.close()
    if args.json:
        print(json.dumps([{"id": r.id, "title": r.title, "maker": r.maker_name,
                           "price_fen": r.price_fen, "status": r.status, "late": r.late}
                          for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        late = " 逾期" if r.late else ""
        print(f"#{r.id:<5} {STATUS_LABELS.get(r.status, (r.status,))[0]:8} ¥{_fen(r.price_fen):>10}  "
              f"{r.title}  （创客：{r.maker_name}）{late}")
    return 0
