"""The main window: a thin shell. Sign-in first, then one tab per thing the user's roles allow."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from creator_studio.ui.signin import SignInPanel

log = logging.getLogger(__name__)


from creator_studio.ui.translate import tr  # noqa: E402
from creator_studio.ui.forms_meta import list_separator  # noqa: E402 ("、" only in 中文)


def role_label(role: str) -> str:
    return {"maker": tr("Maker"), "buyer": tr("Buyer"), "staff": tr("Staff")}.get(role, role)


class MainWindow(QMainWindow):
    first_painted = Signal()
    signed_in = Signal(object)

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        from creator_studio.ui.widgets import wheel_guard

        wheel_guard.install()  # #18: the wheel scrolls pages, not unfocused combo boxes
        self.ctx = ctx
        self._painted = False
        self.studio = None
        self.views: dict[str, object] = {}
        self.setWindowTitle(tr("Creator Studio"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.signin = SignInPanel(ctx)
        self.signin.signed_in.connect(self.show_workspace)
        self.stack.addWidget(self.signin)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Workspaces"))
        # #18: a left navigation rail per role instead of tabs inside tabs. `tabs` stays the
        # stack of role views (its bar hidden); the rail lists every page and switches both.
        from creator_studio.ui.widgets.nav_rail import NavRail

        self.tabs.tabBar().hide()
        self.tabs.setDocumentMode(True)
        self.rail = NavRail(self.tabs)
        self.rail.setAccessibleName(tr("Navigation"))
        self.workspace = QWidget()
        wl = QHBoxLayout(self.workspace)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.setSpacing(0)
        wl.addWidget(self.rail)
        wl.addWidget(self.tabs, 1)
        self.stack.addWidget(self.workspace)
        from creator_studio.ui.widgets.render_queue import RenderQueue  # #18: one indicator

        self.render_queue = RenderQueue(ctx.runner)
        self.statusBar().addPermanentWidget(self.render_queue)
        self.user_label = QLabel()
        self.statusBar().addPermanentWidget(self.user_label)
        self._build_menus()
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 160, fm.height() * 48)
        if ctx.settings.geometry:
            try:
                self.restoreGeometry(QByteArray.fromHex(ctx.settings.geometry.encode()))
            except Exception:
                log.debug("could not restore geometry", exc_info=True)

    # -- menus ---------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu(tr("&File"))
        self.edit_menu = mb.addMenu(tr("&Edit"))
        settings = mb.addMenu(tr("&Settings"))
        lang_menu = settings.addMenu(tr("&Language"))
        group = QActionGroup(self)
        for code, label in (("zh_CN", "简体中文"), ("en", "English")):
            a = QAction(label, self, checkable=True)
            a.setChecked(self.ctx.settings.language == code)
            a.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            group.addAction(a)
            lang_menu.addAction(a)
        self.account_menu = mb.addMenu(tr("&Account"))
        self.sign_out_action = QAction(tr("Sign &out"), self)
        self.sign_out_action.triggered.connect(self.sign_out)
        self.sign_out_action.setEnabled(False)
        self.account_menu.addAction(self.sign_out_action)
        quit_action = QAction(tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)
        self._quit_action = quit_action
        help_menu = mb.addMenu(tr("&Help"))
        about = QAction(tr("&About Creator Studio"), self)
        about.triggered.connect(lambda: QMessageBox.about(
            self, tr("About Creator Studio"),
            tr("Creator Studio turns PPT/Word into microcourses and runs the knowledge-IP market.")))
        help_menu.addAction(about)

    def set_language(self, code: str) -> None:
        self.ctx.settings.language = code
        self.ctx.settings.save()
        self.statusBar().showMessage(tr("The language changes the next time Creator Studio "
                                        "starts."), 10000)

    # -- signing in and out --------------------------------------------------------------------
    def show_workspace(self, user) -> None:
        from creator_studio.ui.market.views import build_role_views
        from creator_studio.ui.studio.workspace import MakerStudio

        self.ctx.current_user = user
        self.views = {}
        if "maker" in user.roles:
            self.studio = MakerStudio(self.ctx)
            self.tabs.addTab(self.studio, tr("Studio"))
            for a in (self.studio.import_action, self.studio.open_action, self.studio.save_action):
                self.file_menu.insertAction(self._quit_action, a)
            self.edit_menu.addAction(self.studio.undo_action)
            self.edit_menu.addAction(self.studio.redo_action)
        for title, view in build_role_views(self.ctx, user, self):
            self.tabs.addTab(view, title)
            self.views[title] = view
        if self.studio is not None:
            from creator_studio.ui.market.maker_views import DeliverPanel

            self.studio.add_deliver_panel(DeliverPanel(self.ctx, self.studio))
            from creator_studio.ui.market.review_pins import install_in_studio  # #17

            install_in_studio(self.ctx, self.studio, self.views.values())
        from creator_studio.ui.market.live import attach_live  # #12: lists update by themselves

        self.live = attach_live(self)
        from creator_studio.ui.widgets.cards import install_cards  # #18: orders as cards

        install_cards(self.views.values())
        from creator_studio.ui.market.maker_home import install_home  # #18: the maker's home

        for view in self.views.values():
            if type(view).__name__ == "MakerMarketView":
                install_home(view, self.ctx)
        self._build_rail(user)
        self.stack.setCurrentWidget(self.workspace)
        self.sign_out_action.setEnabled(True)
        roles = list_separator().join(role_label(r) for r in sorted(user.roles))
        self.user_label.setText(tr("Signed in as {name} ({roles})").format(
            name=user.display_name, roles=roles))
        self.ctx.settings.last_user = user.login
        self.ctx.settings.save()
        if self.studio is not None:
            self.studio.offer_recovery()
        self.signed_in.emit(user)

    def _build_rail(self, user) -> None:
        """The rail's entries for what this person may do, with their unread badges."""
        rail = self.rail
        rail.clear_entries()
        headings = {"MakerMarketView": role_label("maker"), "BuyerView": role_label("buyer"),
                    "StaffView": role_label("staff")}  # the rail's sections are the roles
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            rail.add_view(w, headings.get(type(w).__name__, self.tabs.tabText(i)))
        for view in self.tabs.findChildren(QWidget):
            conv = getattr(view, "conversation", None)
            if conv is not None and hasattr(conv, "unread_changed") and \
                    not conv.property("rail_badge"):
                conv.setProperty("rail_badge", True)
                conv.unread_changed.connect(lambda n, c=conv: rail.set_badge(c, n))
        for view in self.views.values():
            if hasattr(view, "unread") and hasattr(view, "model"):  # notifications
                view.model.modelReset.connect(
                    lambda v=view: rail.set_badge(v, v.unread()))
                rail.set_badge(view, view.unread())
            requests = getattr(view, "requests", None)
            if requests is not None and hasattr(requests, "req_model"):  # buyer: offers waiting
                m = requests.req_model
                m.modelReset.connect(lambda m=m, r=requests: rail.set_badge(r, sum(
                    1 for row in m.rows if row.get("status") == "open" and row.get("offers"))))
        rail.setMinimumWidth(rail.sizeHintForColumn(0) + rail.frameWidth() * 2 + 4)
        rail.setMaximumWidth(rail.minimumWidth() + self.fontMetrics().averageCharWidth() * 4)
        rail.sync()

    def sign_out(self) -> bool:
        if self.studio is not None and not self.studio.maybe_close_project():
            return False
        if self.studio is not None:
            for a in (self.studio.import_action, self.studio.open_action, self.studio.save_action,
                      self.studio.undo_action, self.studio.redo_action):
                self.file_menu.removeAction(a)
                self.edit_menu.removeAction(a)
        # Stop renders/imports (they honour cancel; market writes are short transactions), let
        # every job report to the view it belongs to, then drop the views for good.
        if getattr(self, "live", None) is not None:
            self.live.stop()
            self.live = None
        self.ctx.runner.cancel_all()
        self.ctx.runner.wait(15000)
        QApplication.processEvents()
        while self.tabs.count():
            w = self.tabs.widget(0)
            self.tabs.removeTab(0)
            w.deleteLater()
        self.rail.clear_entries()
        self.studio = None
        self.views = {}
        self.ctx.current_user = None
        self.sign_out_action.setEnabled(False)
        self.user_label.clear()
        self.stack.setCurrentWidget(self.signin)
        self.signin.reset()
        return True

    # -- window events -------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event) -> None:
        if self.studio is not None and not self.studio.maybe_close_project():
            event.ignore()
            return
        if getattr(self, "live", None) is not None:
            self.live.stop()
            self.live = None
        self.ctx.settings.geometry = bytes(self.saveGeometry().toHex()).decode()
        try:
            self.ctx.settings.save()
        except OSError:
            log.warning("could not save settings", exc_info=True)
        event.accept()
