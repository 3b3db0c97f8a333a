"""The architectural rules: core never imports Qt (nor the UI package); the window and the CLI
never touch the store or SQL (they use the market client); the market never imports the forms."""

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


PACKAGE = Path(creator_studio.__file__).parent
NO_STORE = ("creator_studio.core.store", "sqlalchemy")


def test_ui_and_cli_sources_never_import_the_store_or_sqlalchemy():
    """The AST half of the import-linter contract (it also catches imports inside functions)."""
    offenders = []
    for pkg in ("ui", "cli"):
        for py in (PACKAGE / pkg).rglob("*.py"):
            for name in _imports(py):
                if any(name == f or name.startswith(f + ".") for f in NO_STORE):
                    offenders.append(f"{py.relative_to(PACKAGE)}: {name}")
    assert not offenders, offenders


def test_market_sources_never_import_the_forms():
    offenders = [f"{py.name}: {name}" for py in (CORE / "market").rglob("*.py")
                 for name in _imports(py)
                 if name == "creator_studio.core.forms" or name.startswith("creator_studio.core.forms.")]
    assert not offenders, offenders


def test_the_layer_contracts_are_declared():
    import tomllib

    data = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["name"]: c for c in data["tool"]["importlinter"]["contracts"]}
    ui_cli = contracts["ui and cli never touch the store or SQL"]
    assert set(ui_cli["source_modules"]) == {"creator_studio.ui", "creator_studio.cli"}
    assert set(ui_cli["forbidden_modules"]) == set(NO_STORE)
    market = contracts["market services never import the course forms"]
    assert market["forbidden_modules"] == ["creator_studio.core.forms"]
