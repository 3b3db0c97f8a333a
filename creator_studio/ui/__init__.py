"""The desktop window (PySide6). Only this package imports Qt.

Importing it first applies `_pin_singletons()`, a guard against a PySide6 bug on CPython 3.11
(below).
"""

from __future__ import annotations

import sys

_PINNED = 1 << 40


def _pin_singletons() -> None:
    """Make None, True and False effectively immortal, as CPython 3.12+ does by itself.

    Measured on this machine (PySide6 6.12.0, CPython 3.11.7): every call of a Qt method that
    returns void drops one reference to None — 1,000 `QLabel.setText()` calls lower
    `sys.getrefcount(None)` by 1,000 — and every `SignalInstance.emit()` drops one to True. A
    long session (or a test run, or a script with a few thousand Qt calls) then dies with
    "Fatal Python error: none_dealloc: deallocating None" (or bool_dealloc). CPython 3.12 made
    these objects immortal, which hides the bug there; on 3.11 we raise their reference counts
    far out of reach of any session instead.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for obj in (None, True, False):
        if sys.getrefcount(obj) < _PINNED // 2:
            ctypes.c_ssize_t.from_address(id(obj)).value += _PINNED


_pin_singletons()
