"""Five clickable stars instead of a "4 ★" spin box (#18).

Same small API as the spin box it replaces — `value()`, `setValue()`, `valueChanged` — so the
views and tests keep their calls. Keyboard: Left/Down and Right/Up change by one, 1–5 pick.
Painted with text glyphs in the widget's font, so it follows the system font size and DPI.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

FILLED, EMPTY = "★", "☆"


class StarRating(QWidget):
    valueChanged = Signal(int)  # noqa: N815 - Qt's spelling, as QSpinBox

    def __init__(self, maximum: int = 5, value: int = 5, parent=None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._max = maximum
        self._value = 0
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.buttons: list[QToolButton] = []
        f = self.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        # a style sheet's font-size beats setFont, so the size rides along with the colour
        self._size = f"font-size: {f.pointSizeF():.1f}pt"
        for i in range(1, maximum + 1):
            b = QToolButton()
            b.setAutoRaise(True)
            b.setFont(f)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setAccessibleName(f"{i}/{maximum}")
            b.clicked.connect(lambda _c=False, n=i: self.setValue(n))
            lay.addWidget(b)
            self.buttons.append(b)
        lay.addStretch(1)
        self.setValue(value)

    def value(self) -> int:
        return self._value

    def setValue(self, value: int) -> None:  # noqa: N802 - Qt's name
        value = max(1, min(self._max, int(value)))
        changed = value != self._value
        self._value = value
        for i, b in enumerate(self.buttons, start=1):
            b.setText(FILLED if i <= value else EMPTY)
            b.setStyleSheet(("color: #f5a623; " if i <= value else "color: #9e9e9e; ") + self._size)
        self.setAccessibleDescription(f"{value}/{self._max}")
        if changed:
            self.valueChanged.emit(value)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        k = event.key()
        if k in (Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Minus):
            self.setValue(self._value - 1)
        elif k in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Plus):
            self.setValue(self._value + 1)
        elif Qt.Key.Key_1 <= k <= Qt.Key.Key_9 and k - Qt.Key.Key_0 <= self._max:
            self.setValue(k - Qt.Key.Key_0)
        else:
            super().keyPressEvent(event)
