"""`creator-studio convert FILE --to FORM[,FORM…] --out DIR [form options]`.

Each form declares its options (`Format.options()`); they become flags here, so a plugin's
options appear without touching this file. FILE is a PPTX/DOCX or a saved project folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from creator_studio.core.forms import available_formats, render_forms
from creator_studio.core.jobs import Job


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    p = sub.add_parser("convert", help="render course forms from a PPTX/DOCX or project folder")
    p.add_argument("file", type=Path, help="source .pptx/.docx (or variants) or a project folder")
    p.add_argument("--to", required=True,
                   help="form id(s), comma separated, or 'all' (long-image, screen-record, h5, skit, …)")
    p.add_argument("--out", required=True, type=Path, help="output folder")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=run)
    if command != "convert":
        return  # form options need every plugin loaded: only pay for that when converting
    seen: set[str] = set()
    for fmt in available_formats().values():
        for opt in fmt.options():
            if opt.name in seen:
                continue
            seen.add(opt.name)
            kwargs: dict = {"dest": f"opt_{opt.name}", "default": None,
                            "help": f"{opt.label_zh} / {opt.label_en} [{fmt.id}]"}
            if opt.type == "bool":
                kwargs["action"] = "store_true"
            else:
                kwargs["type"] = {"int": int, "float": float}.get(opt.type, str)
                if opt.choices:
                    kwargs["choices"] = opt.choices
            p.add_argument(_flag(opt.name), **kwargs)


def load_lesson(path: Path, assets_dir: Path | None = None, job: Job | None = None):
    """A project folder loads as saved; a document is imported afresh."""
    from creator_studio.core.importers import import_source
    from creator_studio.core.lesson import load_project

    if path.is_dir():
        return load_project(path)
    return import_source(path, assets_dir=assets_dir, job=job)


def _progress_printer(quiet: bool):
    last = {"pct": -1}

    def show(ev) -> None:
        if quiet:
            return
        pct = int(ev.fraction * 100)
        if pct != last["pct"]:
            last["pct"] = pct
            print(f"\r[{pct:3d}%] {ev.message[:60]:<60}", end="", file=sys.stderr, flush=True)

    return show


def run(args: argparse.Namespace) -> int:
    formats = available_formats()
    forms = sorted(formats) if args.to == "all" else [f.strip() for f in args.to.split(",") if f.strip()]
    opts = {k[4:]: v for k, v in vars(args).items() if k.startswith("opt_") and v is not None}
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    job = Job(_progress_printer(args.quiet))
    lesson = load_lesson(args.file, assets_dir=out / ".assets", job=job)
    done, failed = render_forms(lesson, out, forms, opts, job)
    if not args.quiet:
        print(file=sys.stderr)
    for form, art in done.items():
        files = ", ".join(f.path for f in art.files[:4]) + (" …" if len(art.files) > 4 else "")
        print(f"{form}: {files}")
    for form, err in failed.items():
        print(f"{form}: {err.one_line()}", file=sys.stderr)
    print(f"manifest: {out / 'manifest.json'}")
    return 1 if failed else 0
