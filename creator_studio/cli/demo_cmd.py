"""`creator-studio demo`: the README's main job on the bundled Chinese samples.

For each sample (a claims-process training deck and an onboarding handbook): import it, print
the outline, render every installed course form, run the norms check; then make sure the local
market database exists with the demo scenario and show what a maker, a buyer and staff would see.
"""

from __future__ import annotations

import argparse
import sys
import time
from importlib import resources
from pathlib import Path

SAMPLES = ("理赔流程培训.pptx", "新员工入职手册.docx")
DEMO_META = {"business_line": "产险理赔", "maker_name": "王小明", "maker_id": "E1001",
             "platform_url": "https://learn.university.internal/courses/demo"}


def sample_paths() -> list[Path]:
    root = resources.files("creator_studio.resources").joinpath("samples")
    return [Path(str(root.joinpath(name))) for name in SAMPLES]


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    p = sub.add_parser("demo", help="run the whole job on the bundled Chinese samples")
    p.add_argument("--out", type=Path, default=Path("out/demo"), help="output folder")
    p.add_argument("--forms", default="all", help="comma separated form ids, or all")
    p.add_argument("--no-market", action="store_true", help="skip the market database part")
    p.set_defaults(func=run)


def _say(text: str = "") -> None:
    print(text, flush=True)


def _render_sample(path: Path, out: Path, forms: list[str] | str) -> bool:
    from creator_studio.cli.import_cmd import outline
    from creator_studio.core.forms import available_formats, render_forms
    from creator_studio.core.importers import import_source
    from creator_studio.core.jobs import Job
    from creator_studio.core.norms import check_package

    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    lesson = import_source(path, assets_dir=out / ".assets")
    for key, value in DEMO_META.items():
        setattr(lesson.meta, key, value)
    _say(f"== {path.name}  (导入 import {time.perf_counter() - t0:.2f}s)")
    _say(outline(lesson).rstrip())
    wanted = sorted(available_formats()) if forms == "all" else list(forms)

    def progress(ev) -> None:
        if sys.stderr.isatty():
            print(f"\r  [{int(ev.fraction * 100):3d}%] {ev.message[:50]:<50}", end="", file=sys.stderr)

    t1 = time.perf_counter()
    done, failed = render_forms(lesson, out, wanted, {}, Job(progress))
    if sys.stderr.isatty():
        print(file=sys.stderr)
    _say(f"-- 渲染 rendered in {time.perf_counter() - t1:.1f}s → {out}")
    for form, art in done.items():
        first = art.files[0].path if art.files else "-"
        _say(f"   ✓ {form:14} {len(art.files):3d} files, e.g. {first}")
    for form, err in failed.items():
        _say(f"   ✗ {form:14} {err.one_line()}")
    report = check_package(out)
    _say("-- " + report.render_text(problems_only=True).replace("\n", "\n   "))
    return not failed


def _market_demo() -> None:
    from creator_studio.core.market.client import open_market

    client = open_market()
    try:
        if not client.status()["users"]:
            client.fill_demo()
        counts = client.market_counts()
        url = client.location
    finally:
        client.close()
    _say(f"== 市场 Market: {url}")
    _say(f"   {counts['users']} users, {counts['requests']} requests, orders: "
         + ", ".join(f"{k}={v}" for k, v in sorted(counts["orders"].items())))
    _say("   登录 Sign in with maker01 / buyer01 / staff01, password demo1234 (creator-studio)")


def run(args: argparse.Namespace) -> int:
    forms = "all" if args.forms == "all" else [f.strip() for f in args.forms.split(",") if f.strip()]
    ok = True
    for path in sample_paths():
        ok &= _render_sample(path, args.out / path.stem, forms)
        _say()
    if not args.no_market:
        _market_demo()
    return 0 if ok else 1
