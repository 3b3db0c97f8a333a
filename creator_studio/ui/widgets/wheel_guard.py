"""The mouse wheel scrolls the page, not the combo box or spin box it happens to pass over.

#18 defect 7: scrolling the render panel's options changed the theme by accident. Inside a
scroll area, a combo box or spin box takes wheel turns only when it has the keyboard focus
(clicked or tabbed into); otherwise the turn goes to the scroll area. One application-wide
event filter does it, so every view — present and future — behaves the same.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox

GUARDED = (QComboBox, QAbstractSpinBox)


def _scroll_area(w) -> QAbstractScrollArea | None:
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QAbstractScrollArea) and not isinstance(p, GUARDED):
            return p
        p = p.parentWidget()
    return None


class WheelGuard(QObject):
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        t = event.type()
        if t == QEvent.Type.Polish and isinstance(obj, GUARDED):
            _no_wheel_focus(obj)
        elif t == QEvent.Type.Wheel and isinstance(obj, GUARDED) and not obj.hasFocus():
            area = _scroll_area(obj)
            if area is not None:
                QCoreApplication.sendEvent(area.viewport(), event)
                return True
        return False


def _no_wheel_focus(w) -> None:
    """A wheel turn must not give the widget focus (Qt's WheelFocus would, then change it)."""
    if w.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def install(app: QApplication | None = None) -> WheelGuard:
    """Install once per application (idempotent); also fixes widgets that already exist."""
    app = app or QApplication.instance()
    guard = getattr(app, "_cs_wheel_guard", None)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        app._cs_wheel_guard = guard
        for top in app.allWidgets():
            if isinstance(top, GUARDED):
                _no_wheel_focus(top)
    return guard
