"""Compile the window's translations (`.ts` → `.qm`) with pyside6-lrelease; run at setup time.

    python -m creator_studio.ui.i18n_build            # compile every .ts in creator_studio/ui/i18n
    python -m creator_studio.ui.i18n_build --update   # re-scan the sources with pyside6-lupdate first

The `.qm` files are build products (gitignored). Source strings are English; zh_CN is the default
language of the window, and English is a complete catalogue of its own, so switching language is
the same code path both ways.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

I18N_DIR = Path(__file__).parent / "i18n"
UI_DIR = Path(__file__).parent
LANGS = ("zh_CN", "en")


def ts_path(lang: str) -> Path:
    return I18N_DIR / f"creator_studio_{lang}.ts"


def qm_path(lang: str) -> Path:
    return I18N_DIR / f"creator_studio_{lang}.qm"


def _tool(name: str) -> str:
    here = Path(sys.executable).with_name(name)
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it ships with PySide6)")
    return found


def sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "i18n" not in p.parts)


def update() -> None:
    """Re-extract source strings into each .ts (existing translations are kept)."""
    files = [str(p) for p in sources()]
    for lang in LANGS:
        subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *files,
                        "-ts", str(ts_path(lang))], check=True, capture_output=True)


def compile_all() -> list[Path]:
    out = []
    for lang in LANGS:
        ts = ts_path(lang)
        if not ts.exists():
            continue
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm_path(lang))],
                       check=True, capture_output=True)
        out.append(qm_path(lang))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--update", action="store_true", help="run pyside6-lupdate first")
    args = ap.parse_args(argv)
    if args.update:
        update()
    for p in compile_all():
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
