"""PySide6 6.12 on CPython 3.11 drops a reference to None per void Qt call (and to True per
signal emit); the ui package's import-time guard keeps long sessions alive."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import creator_studio.ui
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
class Emitter(QObject):
    changed = Signal(int)
app = QApplication([])
label = QLabel()
emitter = Emitter()
for i in range(300_000):
    label.setText("理赔")       # void: drops a reference to None
    emitter.changed.emit(i)    # drops a reference to True
print("alive")
"""


def test_many_void_qt_calls_do_not_kill_the_process():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "alive" in out.stdout and "none_dealloc" not in out.stderr
