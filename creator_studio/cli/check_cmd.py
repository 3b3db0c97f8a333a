"""`creator-studio check DIR [--norms FILE] [--json]`: the norms preflight of a rendered package.

Exit 1 when a blocking rule fails (the package would be refused at delivery), 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from creator_studio.core.norms import check_package, default_normset, load_normset


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    p = sub.add_parser("check", help="check a rendered package against the upload norms (上传规范)")
    p.add_argument("dir", type=Path, help="output folder of `creator-studio convert`")
    p.add_argument("--norms", type=Path, help="norm set JSON (default: the platform's default)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    normset = load_normset(args.norms) if args.norms else default_normset()
    report = check_package(args.dir, normset)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.render_text())
    return 1 if report.blocking else 0
