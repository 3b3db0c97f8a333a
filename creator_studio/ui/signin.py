"""Sign-in. On first launch it prepares the embedded database and offers the demo scenario."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui.errors import show_error, studio_message
from creator_studio.core.errors import StudioError
from creator_studio.ui.widgets.job_progress import JobProgress


from creator_studio.ui.translate import tr  # noqa: E402




class SignInPanel(QWidget):
    signed_in = Signal(object)  # UserInfo
    ready = Signal(object)  # database status dict

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.status_info = None
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMinimumWidth(card.fontMetrics().averageCharWidth() * 60)
        lay = QVBoxLayout(card)
        title = QLabel(tr("Creator Studio"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.8)
        f.setBold(True)
        title.setFont(f)
        lay.addWidget(title)
        sub = QLabel(tr("Turn PPT/Word into microcourses, deliver them through the market."))
        sub.setWordWrap(True)
        lay.addWidget(sub)

        form = QFormLayout()
        self.login_edit = QLineEdit(ctx.settings.last_user)
        self.login_edit.setAccessibleName(tr("Login name"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(tr("Password"))
        form.addRow(tr("&Login:"), self.login_edit)
        form.addRow(tr("&Password:"), self.password_edit)
        # Team mode (#12): the URL staff print with `creator-studio serve`. Empty = this computer.
        self.server_edit = QLineEdit((ctx.settings.extra or {}).get("server_url", ""))
        self.server_edit.setPlaceholderText(tr("Empty: the market on this computer"))
        self.server_edit.setAccessibleName(tr("Team server URL"))
        form.addRow(tr("Team &server:"), self.server_edit)
        lay.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828")
        self.error_label.setAccessibleName(tr("Sign-in message"))
        lay.addWidget(self.error_label)
        self.sign_in_button = QPushButton(tr("&Sign in"))
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setAccessibleName(tr("Sign in"))
        self.sign_in_button.clicked.connect(self.sign_in)
        self.password_edit.returnPressed.connect(self.sign_in)
        lay.addWidget(self.sign_in_button)

        self.status_label = QLabel(tr("Preparing the database…"))
        self.status_label.setWordWrap(True)
        lay.addWidget(self.status_label)
        self.demo_button = QPushButton(tr("Load the &demo scenario"))
        self.demo_button.setAccessibleName(tr("Load the demo scenario"))
        self.demo_button.setVisible(False)
        self.demo_button.clicked.connect(self.load_demo)
        lay.addWidget(self.demo_button)
        self.progress = JobProgress()
        lay.addWidget(self.progress)
        self.samples_box = QWidget()
        self.samples_grid = QGridLayout(self.samples_box)
        self.samples_grid.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.samples_box)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setTabOrder(self.login_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.sign_in_button)
        self.setTabOrder(self.sign_in_button, self.demo_button)
        self.prepare_handle = None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # After the first paint: opening the database imports SQLAlchemy and runs migrations,
        # which must not hold up the window appearing.
        QTimer.singleShot(0, self.prepare)

    def prepare(self):
        """Open (create, upgrade) the database in the write lane; idempotent."""
        if self.prepare_handle is None:
            ctx = self.ctx
            self.prepare_handle = ctx.runner.run(lambda job: ctx.market.status(), writes=True,
                                                 label=tr("Preparing the database"))
            self.prepare_handle.succeeded.connect(self._show_status)
            self.prepare_handle.failed.connect(self._status_failed)
        return self.prepare_handle

    def reset(self) -> None:
        self.password_edit.clear()
        self.error_label.clear()
        self.login_edit.setFocus()

    # -- database status / demo ----------------------------------------------------------------
    def _status_failed(self, exc) -> None:
        self.status_label.setText(tr("The database could not be opened."))
        show_error(self, exc, self.prepare_handle.error_details, modal=False)

    def _show_status(self, info: dict) -> None:
        self.status_info = info
        if info.get("users", 0) == 0:
            self.status_label.setText(tr("This is a new, empty database. Load the demo scenario to "
                                         "try Creator Studio as a sample maker, buyer or staff "
                                         "member."))
            self.demo_button.setVisible(True)
        else:
            self.status_label.setText(tr("Database ready: {n} accounts.").format(n=info["users"]))
            self.demo_button.setVisible(False)
        self._show_samples(info.get("samples", []))
        self.ready.emit(info)

    def _show_samples(self, samples: list[dict]) -> None:
        while self.samples_grid.count():
            w = self.samples_grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        if not samples:
            return
        self.samples_grid.addWidget(QLabel(tr("Sample accounts (demo):")), 0, 0, 1, 2)
        for i, s in enumerate(samples, start=1):
            from creator_studio.ui.main_window import role_label

            role = role_label(s["role"])
            b = QPushButton(tr("Sign in as {name} ({role})").format(name=s["name"], role=role))
            b.setAccessibleName(b.text())
            b.setObjectName(f"sample_{s['role']}")
            b.clicked.connect(lambda _c=False, s=s: self.sign_in_as(s["login"], s["password"]))
            self.samples_grid.addWidget(b, i, 0, 1, 2)

    def load_demo(self):
        self.demo_button.setEnabled(False)
        h = self.ctx.runner.run(lambda job: self.ctx.market.load_demo(job), writes=True,
                                label=tr("Loading the demo scenario"))
        self.progress.track(h)
        h.succeeded.connect(self._show_status)
        h.failed.connect(lambda exc: show_error(self, exc, h.error_details, modal=False))
        h.finished.connect(lambda: self.demo_button.setEnabled(True))
        return h

    # -- signing in ----------------------------------------------------------------------------
    def sign_in_as(self, login: str, password: str):
        self.login_edit.setText(login)
        self.password_edit.setText(password)
        return self.sign_in()

    def use_server(self, url: str) -> bool:
        """Switch the market between this computer and a team server (kept in the settings).

        Returns False (with a message) for a URL that is not http(s). The old client is closed
        once no job uses it; the next call opens the new one.
        """
        url = url.strip().rstrip("/")
        if url and not url.startswith(("http://", "https://")):
            self.error_label.setText(tr("The server URL starts with http:// or https://"))
            return False
        extra = dict(self.ctx.settings.extra or {})
        if extra.get("server_url", "") == url:
            return True
        extra["server_url"] = url
        self.ctx.settings.extra = extra
        self.ctx.settings.save()
        with self.ctx._market_lock:
            old, self.ctx._market = self.ctx._market, None
        if old is not None:
            self.ctx.runner.wait(15000)
            old.close()
        self.prepare_handle = None
        return True

    def sign_in(self):
        login, password = self.login_edit.text().strip(), self.password_edit.text()
        if not login or not password:
            self.error_label.setText(tr("Enter your login name and password."))
            return None
        if not self.use_server(self.server_edit.text()):
            return None
        self.sign_in_button.setEnabled(False)
        self.error_label.clear()
        h = self.ctx.runner.run(lambda job: self.ctx.market.login(login, password), writes=True,
                                label=tr("Signing in"))

        def failed(exc):
            if isinstance(exc, StudioError):
                self.error_label.setText(studio_message(exc, self.ctx.language))
            else:
                show_error(self, exc, h.error_details, modal=False)

        h.succeeded.connect(self.signed_in.emit)
        h.failed.connect(failed)
        h.finished.connect(lambda: self.sign_in_button.setEnabled(True))
        return h
