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


def fill(lang: str, mapping: dict[str, str] | None = None) -> int:
    """Write translations into a .ts: `mapping` for zh_CN, the source itself for English.

    Returns how many messages are still unfinished afterwards (0 means complete).
    """
    import xml.etree.ElementTree as ET

    path = ts_path(lang)
    tree = ET.parse(path)
    missing = 0
    for msg in tree.iter("message"):
        src = msg.findtext("source") or ""
        tr_el = msg.find("translation")
        if tr_el is None:
            tr_el = ET.SubElement(msg, "translation")
        text = src if lang == "en" else (mapping or {}).get(src)
        if text is None and not (tr_el.text or "").strip():
            tr_el.set("type", "unfinished")
            missing += 1
            continue
        if text is not None:
            tr_el.text = text
        tr_el.attrib.pop("type", None)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")
    return missing


def unfinished(lang: str) -> list[str]:
    """Source strings without a translation (the i18n test requires none)."""
    import xml.etree.ElementTree as ET

    out = []
    for msg in ET.parse(ts_path(lang)).iter("message"):
        t = msg.find("translation")
        if t is None or t.get("type") == "unfinished" or not (t.text or "").strip():
            out.append(msg.findtext("source") or "")
    return out


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
