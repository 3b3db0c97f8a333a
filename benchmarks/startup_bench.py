"""Start-up time of the desktop window: process launch → main window's first paint.

Compared in the same run with a bare PySide6 baseline (import QtWidgets, QApplication, one QWidget
shown, first paint). Each is launched N times as a fresh process (offscreen platform); the median
is reported. Two app cases: first launch (empty user folder: settings, database created after
the paint) and a warm start (same folder again).

    .venv/bin/python benchmarks/startup_bench.py [-n 5]

Target: the app's median under 2 s on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = r"""
import time
from PySide6.QtWidgets import QApplication, QWidget
class W(QWidget):
    done = False
    def paintEvent(self, e):
        super().paintEvent(e)
        if not W.done:
            W.done = True
            print(f"first-paint {time.time():.6f}", flush=True)
            app.quit()
app = QApplication([])
w = W(); w.resize(800, 600); w.show()
app.exec()
"""


def launch(cmd: list[str], env: dict) -> float:
    t0 = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - t0
    raise RuntimeError(f"no first-paint line from {cmd}: {out.stdout}\n{out.stderr[-2000:]}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=5)
    args = ap.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    py = sys.executable
    base, first, warm = [], [], []
    for _ in range(args.n):
        base.append(launch([py, "-c", BASELINE], env))
        with tempfile.TemporaryDirectory() as home:
            e = dict(env, CREATOR_STUDIO_HOME=home)
            first.append(launch([py, "-m", "creator_studio.ui.app", "--measure-startup"], e))
            warm.append(launch([py, "-m", "creator_studio.ui.app", "--measure-startup"], e))
    med = {k: statistics.median(v) for k, v in
           (("baseline", base), ("first_launch", first), ("warm_start", warm))}
    print(f"{'case':14} {'median s':>9} {'min s':>7} {'max s':>7} {'× baseline':>11}")
    for name, vals in (("baseline", base), ("first_launch", first), ("warm_start", warm)):
        print(f"{name:14} {statistics.median(vals):9.3f} {min(vals):7.3f} {max(vals):7.3f} "
              f"{statistics.median(vals) / med['baseline']:11.2f}")
    ok = max(med["first_launch"], med["warm_start"]) < 2.0
    print(f"target < 2 s: {'met' if ok else 'NOT met'}")
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "startup.json").write_text(json.dumps({"runs": args.n, "median_s": med,
                                                  "raw": {"baseline": base, "first_launch": first,
                                                          "warm_start": warm}}, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
