"""Certificates and grading from the command line.

- `creator-studio verify CODE` — is this certificate genuine and valid? (exit 0 valid, 1 not)
- `creator-studio cert pdf NUMBER --out FILE` / `cert badge NUMBER --out FILE` — exports
- `creator-studio admin evaluate --period 2026-11` — the period's grade evaluation
- `creator-studio admin pay-statements --period 2026-11 --out DIR` — CSV + XLSX statements
- `creator-studio admin cert-reminders` — expire lapsed certificates, send renewal reminders

Admin commands act as a staff account (`--as LOGIN`, default: the first staff user) so the same
permission checks apply as in the window.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from creator_studio.cli.market_cmd import acting_user, admin_group, client_for


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    v = sub.add_parser("verify", help="verify a maker certificate by its code (验证证书)")
    v.add_argument("code")
    v.add_argument("--db", help="SQLAlchemy URL (default: the local database)")
    v.add_argument("--server", help="ask this team server (it holds the secret), e.g. https://studio.example")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=run_verify)

    c = sub.add_parser("cert", help="certificate exports (证书导出)")
    csub = c.add_subparsers(dest="cert_command", required=True)
    for name, helptext in (("pdf", "printable PDF with QR code"),
                           ("badge", "signed Open Badges 3.0 credential (JSON)")):
        p = csub.add_parser(name, help=helptext)
        p.add_argument("number")
        p.add_argument("--out", type=Path, required=True)
        p.add_argument("--db")
        p.add_argument("--as", dest="as_login")
        p.set_defaults(func=run_cert_export, export=name)

    asub = admin_group(sub)
    e = asub.add_parser("evaluate", help="grade evaluation for a period (定薪定级评估)")
    e.add_argument("--period", required=True, help="YYYY-MM")
    e.add_argument("--db")
    e.add_argument("--as", dest="as_login")
    e.set_defaults(func=run_evaluate)
    p = asub.add_parser("pay-statements", help="pay statements of a period as CSV and XLSX")
    p.add_argument("--period", required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--db")
    p.add_argument("--as", dest="as_login")
    p.set_defaults(func=run_pay)
    r = asub.add_parser("cert-reminders", help="expire lapsed certificates, remind before expiry")
    r.add_argument("--db")
    r.add_argument("--as", dest="as_login")
    r.set_defaults(func=run_reminders)


def run_verify(args) -> int:  # noqa: ANN001
    client = client_for(args)
    try:
        v = client.verify_certificate(args.code)
    finally:
        client.close()
    if args.json:
        out = dict(v)
        out["expires_at"] = v["expires_at"].isoformat() if v["expires_at"] else None
        print(json.dumps(out, ensure_ascii=False))
    else:
        mark = "✓" if v["valid"] else "✗"
        print(f"{mark} {v['message_zh']} / {v['message_en']}")
    return 0 if v["valid"] else 1


def run_cert_export(args) -> int:  # noqa: ANN001
    client = client_for(args)
    try:
        user = acting_user(client, args.as_login)
        cert_id = client.certificate_id(user, args.number)
        if args.export == "pdf":
            from creator_studio.core.forms.base import form_catalogue  # names: registry only

            client.certificate_pdf(user, cert_id, args.out,
                                   {i.id: i.label_zh for i in form_catalogue()})
        else:
            client.open_badge(user, cert_id, args.out)
    finally:
        client.close()
    print(args.out)
    return 0


def run_evaluate(args) -> int:  # noqa: ANN001
    client = client_for(args)
    try:
        run = client.evaluate_period(acting_user(client, args.as_login), args.period)
    finally:
        client.close()
    state = "已评估过，结果未变 / already evaluated, unchanged" if run["reused"] else "完成 / done"
    changes = ", ".join(f"{k}={v}" for k, v in sorted(run["changes"].items())) or "-"
    print(f"{run['period']}: {run['evaluated']} makers, rules v{run['rule_version']}, {changes} "
          f"({state})")
    return 0


def run_pay(args) -> int:  # noqa: ANN001
    from creator_studio.core.market.grading_rules import fen_to_yuan

    client = client_for(args)
    try:
        user = acting_user(client, args.as_login)
        args.out.mkdir(parents=True, exist_ok=True)
        csv = client.export_statements(user, args.period, args.out / f"pay-{args.period}.csv")
        xlsx = client.export_statements(user, args.period, args.out / f"pay-{args.period}.xlsx")
    finally:
        client.close()
    total = csv["total_fen"]
    print(f"{csv['makers']} makers, total {fen_to_yuan(total)} 元 ({total} 分): {csv['path']}, "
          f"{xlsx['path']}")
    return 0


def run_reminders(args) -> int:  # noqa: ANN001
    client = client_for(args)
    try:
        res = client.cert_reminders(acting_user(client, getattr(args, "as_login", None)))
    finally:
        client.close()
    print(json.dumps(res))
    return 0
