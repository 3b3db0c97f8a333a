"""The one architectural rule: creator_studio.core never imports Qt (nor the UI package)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import creator_studio

CORE = Path(creator_studio.__file__).parent / "core"
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "creator_studio.ui")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_sources_never_import_qt():
    offenders = []
    for py in CORE.rglob("*.py"):
        for name in _imports(py):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                offenders.append(f"{py.relative_to(CORE.parent)}: {name}")
    assert not offenders, offenders


def test_importing_all_of_core_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys\n"
        "import creator_studio.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'creator_studio.core.'):\n"
        "    if '.migrations' in m.name: continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6','PyQt5','PyQt6','shiboken6')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_import_linter_contract_holds():
    exe = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(exe)], capture_output=True, text=True, timeout=300,
                         cwd=Path(creator_studio.__file__).parent.parent)
    assert out.returncode == 0, out.stdout + out.stderr
