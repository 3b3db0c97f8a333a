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

from sqlalchemy import select
from sqlalchemy.orm import Session

from creator_studio.cli.market_cmd import admin_group
from creator_studio.core.errors import NotFound


def _session(args) -> Session:
    from creator_studio.core.store.engine import make_engine, upgrade_to_head

    engine = make_engine(getattr(args, "db", None))
    upgrade_to_head(engine)
    return Session(engine, expire_on_commit=False)


def _staff(session: Session, login: str | None):
    from creator_studio.core.store.models import User, UserRole

    if login:
        user = session.scalar(select(User).where(User.login == login))
    else:
        user = session.scalar(select(User).join(UserRole, UserRole.user_id == User.id)
                              .where(UserRole.role == "staff").order_by(User.id).limit(1))
    if user is None:
        raise NotFound("找不到平台运营账号（可先运行 admin demo-data）",
                       "No staff account found (try `admin demo-data` first)")
    return user


def _certificate(session: Session, number: str):
    from creator_studio.core.store.models import Certificate

    c = session.scalar(select(Certificate).where(Certificate.number == number))
    if c is None:
        raise NotFound(f"证书 {number} 不存在", f"No certificate {number}")
    return c


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    v = sub.add_parser("verify", help="verify a maker certificate by its code (验证证书)")
    v.add_argument("code")
    v.add_argument("--db", help="SQLAlchemy URL (default: the local database)")
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
    r.set_defaults(func=run_reminders)


def run_verify(args) -> int:
    from creator_studio.core.market.certification import verify

    with _session(args) as s:
        v = verify(s, args.code)
    if args.json:
        print(json.dumps({"valid": v.valid, "status": v.status, "number": v.number, "holder": v.holder,
                          "forms": v.forms, "expires_at": v.expires_at.isoformat() if v.expires_at else None,
                          "message_zh": v.message_zh, "message_en": v.message_en}, ensure_ascii=False))
    else:
        mark = "✓" if v.valid else "✗"
        print(f"{mark} {v.message_zh} / {v.message_en}")
    return 0 if v.valid else 1


def run_cert_export(args) -> int:
    from creator_studio.core.market import certification

    with _session(args) as s:
        actor = _staff(s, args.as_login)
        c = _certificate(s, args.number)
        if args.export == "pdf":
            certification.certificate_pdf(s, actor, c.id, args.out)
        else:
            from creator_studio.core import atomic

            atomic.write_json(args.out, certification.open_badge(s, actor, c.id))
    print(args.out)
    return 0


def run_evaluate(args) -> int:
    from creator_studio.core.market import grading

    with _session(args) as s:
        actor = _staff(s, args.as_login)
        run = grading.evaluate_period(s, actor, args.period)
        s.commit()
    state = "已评估过，结果未变 / already evaluated, unchanged" if run.reused else "完成 / done"
    changes = ", ".join(f"{k}={v}" for k, v in sorted(run.changes.items())) or "-"
    print(f"{run.period}: {run.evaluated} makers, rules v{run.rule_version}, {changes} ({state})")
    return 0


def run_pay(args) -> int:
    from creator_studio.core.market import grading
    from creator_studio.core.market.grading_rules import fen_to_yuan

    with _session(args) as s:
        actor = _staff(s, args.as_login)
        grading.draw_statements(s, actor, args.period)
        s.commit()
        sts = grading.statements(s, actor, args.period)
        args.out.mkdir(parents=True, exist_ok=True)
        csv_path = grading.export_csv(sts, args.out / f"pay-{args.period}.csv")
        xlsx_path = grading.export_xlsx(sts, args.out / f"pay-{args.period}.xlsx")
    total = sum(st.total_fen for st in sts)
    print(f"{len(sts)} makers, total {fen_to_yuan(total)} 元 ({total} 分): {csv_path}, {xlsx_path}")
    return 0


def run_reminders(args) -> int:
    from creator_studio.core.market.certification import expire_and_remind

    with _session(args) as s:
        res = expire_and_remind(s)
        s.commit()
    print(json.dumps(res))
    return 0

