"""A searchable people picker (#19: judges, team members): type part of a name, login or
employee number; the matches show with their business line (部门/条线); pick one or several.
It reads through the market client (`list_people`), so it works embedded and on a team server."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui.market.common import call
from creator_studio.ui.translate import tr

ID_ROLE = Qt.ItemDataRole.UserRole


def person_text(p: dict) -> str:
    line = p.get("business_line") or tr("no business line")
    return f"{p['name']} · {line} ({p['login']})"


class PeoplePicker(QWidget):
    """`multi=True`: a chosen list (add/remove) whose ids are `ids()`; `multi=False`: the
    highlighted match is `selected_id()`."""

    changed = Signal()

    def __init__(self, ctx, *, multi: bool = True, label: str = "", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.multi = multi
        self.handle = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search by name, login or employee no."))
        self.search.setAccessibleName(label or tr("Search people"))
        row.addWidget(self.search, 1)
        self.find_button = QPushButton(tr("Search"))
        row.addWidget(self.find_button)
        lay.addLayout(row)
        self.results = QListWidget()
        self.results.setAccessibleName(tr("Matching people"))
        self.results.setMaximumHeight(self.fontMetrics().height() * 6)
        lay.addWidget(self.results)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.chosen = QListWidget()
        self.chosen.setAccessibleName(label or tr("Chosen people"))
        self.chosen.setMaximumHeight(self.fontMetrics().height() * 5)
        if multi:
            buttons = QHBoxLayout()
            self.add_button = QPushButton(tr("Add"))
            self.remove_button = QPushButton(tr("Remove"))
            buttons.addWidget(self.add_button)
            buttons.addWidget(self.remove_button)
            buttons.addStretch(1)
            lay.addLayout(buttons)
            lay.addWidget(self.chosen)
            self.add_button.clicked.connect(self.add_selected)
            self.remove_button.clicked.connect(self.remove_selected)
            self.results.itemDoubleClicked.connect(lambda _i: self.add_selected())
        else:
            self.chosen.hide()
            self.results.currentItemChanged.connect(lambda *_a: self.changed.emit())
        from PySide6.QtWidgets import QSizePolicy

        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)  # a pause in typing, not every key, asks the market
        self._timer.timeout.connect(self.search_now)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.search_now)
        self.find_button.clicked.connect(self.search_now)

    def search_now(self):
        self._timer.stop()
        text = self.search.text().strip()
        if not text:
            self.results.clear()
            self.hint.clear()
            return None
        user = self.ctx.current_user

        def shown(people: list[dict]) -> None:
            self.results.clear()
            for p in people:
                item = QListWidgetItem(person_text(p))
                item.setData(ID_ROLE, p["id"])
                self.results.addItem(item)
            if people:
                self.results.setCurrentRow(0)
            self.hint.setText("" if people else tr("Nobody matches “{text}”.").format(text=text))
        self.handle = call(self.ctx, self, lambda: self.ctx.market.list_people(user, text), shown,
                           message=self.hint)
        return self.handle

    # -- one person ------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        item = self.results.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    # -- several people ------------------------------------------------------------------------
    def ids(self) -> list[int]:
        return [int(self.chosen.item(i).data(ID_ROLE)) for i in range(self.chosen.count())]

    def add_selected(self) -> None:
        item = self.results.currentItem()
        if item is None:
            self.hint.setText(tr("Search, then choose a person in the list first."))
            return
        pid = int(item.data(ID_ROLE))
        if pid not in self.ids():
            new = QListWidgetItem(item.text())
            new.setData(ID_ROLE, pid)
            self.chosen.addItem(new)
            self.changed.emit()

    def remove_selected(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)
            self.changed.emit()

    def set_people(self, people: list[dict]) -> None:
        self.chosen.clear()
        for p in people:
            item = QListWidgetItem(person_text(p))
            item.setData(ID_ROLE, p["id"])
            self.chosen.addItem(item)
        self.changed.emit()
