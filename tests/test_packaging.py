"""The wheel carries the package data the forms need at run time (themes, player, norms...)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_resources_and_entry_points(tmp_path):
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                          "-q", "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    wheel = next(tmp_path.glob("creator_studio-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        eps = next(n for n in names if n.endswith("entry_points.txt"))
        entry_points = zf.read(eps).decode()
    assert "creator_studio/resources/norms/default.json" in names
    assert any(n.startswith("creator_studio/resources/themes/") and n.endswith(".json") for n in names)
    assert not any("/tests/" in n or n.startswith("tests/") for n in names)
    assert "[creator_studio.formats]" in entry_points and "creator-studio = " in entry_points
    assert "creator-studio-gui" in entry_points
