"""The request page a maker works from (#17): the brief, the forms wanted, budget and deadline,
the buyer's business line, the rules of the deal, and the buyer's source files with a download
button. After the award, one click opens the source in the studio as a new project linked to
the order (`open_in_studio(path, order_id)`, given by the window).

Everything comes through the market client (`request_brief`, `fetch_request_file`): the files
are listed only to people the server lets download them (the buyer, staff, the awarded maker).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui import file_dialogs
from creator_studio.ui.market.common import call, forms_text, message_label, status_name
from creator_studio.ui.market.lazy_model import day, yuan
from creator_studio.ui.translate import tr

SOURCE_SUFFIXES = (".pptx", ".docx", ".ppt", ".doc")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


class RequestPage(QWidget):
    def __init__(self, ctx, open_in_studio=None, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.open_in_studio = open_in_studio
        self.brief: dict | None = None
        lay = QVBoxLayout(self)
        self.title = QLabel(tr("Select a request or an order to see its brief."))
        self.title.setWordWrap(True)
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.25)
        self.title.setFont(f)
        lay.addWidget(self.title)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for key, label in (("line", tr("Business line:")), ("buyer", tr("Buyer:")),
                           ("forms", tr("Forms wanted:")), ("budget", tr("Budget:")),
                           ("deadline", tr("Deadline:")), ("rules", tr("Rules of the deal:")),
                           ("status", tr("State:"))):
            lab = QLabel("—")
            lab.setWordWrap(True)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lab.setAccessibleName(label.rstrip(":："))
            self.fields[key] = lab
            form.addRow(label, lab)
        lay.addLayout(form)
        box = QGroupBox(tr("Brief"))
        bl = QVBoxLayout(box)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description.setAccessibleName(tr("Brief"))
        bl.addWidget(self.description)
        lay.addWidget(box)
        fbox = QGroupBox(tr("Source files"))
        fl = QVBoxLayout(fbox)
        self.files = QListWidget()
        self.files.setAccessibleName(tr("Source files of the request"))
        self.files.setFixedHeight(self.files.fontMetrics().lineSpacing() * 5)
        fl.addWidget(self.files)
        self.files_note = QLabel()
        self.files_note.setWordWrap(True)
        fl.addWidget(self.files_note)
        row = QHBoxLayout()
        self.download_button = QPushButton(tr("&Download…"))
        self.download_button.setAccessibleName(tr("Download the selected source file"))
        self.download_button.clicked.connect(self.choose_download)
        self.studio_button = QPushButton(tr("Open in the &studio"))
        self.studio_button.setAccessibleName(tr("Open the source in the studio as a new project "
                                                "for this order"))
        self.studio_button.clicked.connect(self.open_source_in_studio)
        row.addWidget(self.download_button)
        row.addWidget(self.studio_button)
        row.addStretch(1)
        fl.addLayout(row)
        lay.addWidget(fbox)
        self.message = message_label()
        lay.addWidget(self.message)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        lay.addWidget(self.done_label)
        lay.addStretch(1)
        self._update_buttons()

    # -- loading ---------------------------------------------------------------------------------
    def load(self, request_id: int):
        user = self.ctx.current_user
        return call(self.ctx, self, lambda: self.ctx.market.request_brief(user, request_id),
                    self.show_brief, message=self.message, clear_message=False)

    def show_brief(self, b: dict) -> None:
        self.brief = b
        self.title.setText(f"#{b['id']} {b['title']}")
        rules = b.get("rules") or {}
        self.fields["line"].setText(b.get("business_line") or "—")
        self.fields["buyer"].setText(b.get("buyer_name") or "—")
        self.fields["forms"].setText(forms_text(b.get("forms") or []))
        self.fields["budget"].setText(yuan(b["budget_fen"]))
        self.fields["deadline"].setText(day(b["deadline"]))
        self.fields["rules"].setText(tr("{r} revision rounds; auto-accept after {a} days; "
                                        "{w} days to rate").format(
            r=rules.get("revisions_included", "—"), a=rules.get("auto_accept_days", "—"),
            w=rules.get("review_window_days", "—")))
        self.fields["status"].setText(status_name(b.get("status", "")))
        self.description.setText(b.get("description") or tr("(no description)"))
        self.files.clear()
        for f in b.get("files", []):
            it = QListWidgetItem(f"{f['name']}  ({_size(f['size'])})")
            it.setData(Qt.ItemDataRole.UserRole, f)
            self.files.addItem(it)
        if self.files.count():
            self.files.setCurrentRow(0)
        if b.get("may_download"):
            self.files_note.setText("" if b.get("files") else tr("The buyer attached no files."))
        else:
            self.files_note.setText(tr("{n} source file(s); they can be downloaded once the "
                                       "request is awarded to you.").format(n=b.get("files_count", 0)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        b = self.brief or {}
        has = self.files.count() > 0
        self.download_button.setEnabled(has)
        self.studio_button.setEnabled(has and bool(b.get("awarded_to_me")) and
                                      self.open_in_studio is not None)

    def _selected_file(self) -> dict | None:
        it = self.files.currentItem()
        return None if it is None else it.data(Qt.ItemDataRole.UserRole)

    # -- actions ---------------------------------------------------------------------------------
    def choose_download(self):
        f = self._selected_file()
        if f is None:
            return None
        folder = file_dialogs.choose_folder(self, tr("Save the source file to"), "downloads")
        return self.download(Path(folder) / f["name"]) if folder else None

    def download(self, dest: Path, file: dict | None = None):
        f = file or self._selected_file()
        if f is None:
            self.message.setText(tr("Select a file first."))
            return None
        user = self.ctx.current_user
        return call(self.ctx, self,
                    lambda: self.ctx.market.fetch_request_file(user, f["id"], Path(dest)),
                    lambda p: self.done_label.setText(tr("Saved to {p}").format(p=p)),
                    message=self.message)

    def source_folder(self) -> Path:
        b = self.brief or {}
        return self.ctx.paths.data / "orders" / f"order-{b.get('order_id')}" / "source"

    def open_source_in_studio(self):
        """Download the (first Office) source into the order's folder and import it."""
        b = self.brief or {}
        files = b.get("files") or []
        if not files or not b.get("awarded_to_me"):
            self.message.setText(tr("The source opens in the studio after the award."))
            return None
        f = self._selected_file() or files[0]
        if Path(f["name"]).suffix.lower() not in SOURCE_SUFFIXES:
            f = next((x for x in files if Path(x["name"]).suffix.lower() in SOURCE_SUFFIXES), f)
        dest = self.source_folder() / f["name"]
        user, order_id = self.ctx.current_user, b.get("order_id")

        def opened(path):
            self.done_label.setText(tr("Opened {name} in the studio for order #{id}.").format(
                name=Path(path).name, id=order_id))
            if self.open_in_studio is not None:
                self.open_in_studio(Path(path), order_id)

        return call(self.ctx, self,
                    lambda: self.ctx.market.fetch_request_file(user, f["id"], dest), opened,
                    message=self.message)
