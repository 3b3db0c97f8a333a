"""The maker's studio: pages on the left, editors, render, previews, norms check and delivery."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui import file_dialogs
from creator_studio.ui.errors import show_error
from creator_studio.ui.formatting import fmt_date_time
from creator_studio.ui.studio.animation_report import AnimationReportPanel
from creator_studio.ui.studio.norms_panel import NormsPanel
from creator_studio.ui.studio.page_editor import PageEditor
from creator_studio.ui.studio.page_list import THUMB, PageListModel
from creator_studio.ui.studio.previews import PreviewTabs
from creator_studio.ui.studio.project import StudioProject, find_recoverable
from creator_studio.ui.studio.quiz_editor import QuizEditor
from creator_studio.ui.studio.render_panel import RenderPanel
from creator_studio.ui.studio.script_editor import ScriptEditor
from creator_studio.ui.widgets.job_progress import JobProgress

log = logging.getLogger(__name__)

SOURCE_SUFFIXES = (".pptx", ".pptm", ".ppsx", ".potx", ".docx", ".docm", ".dotx")


from creator_studio.ui.translate import plural, tr  # noqa: E402


def ask(parent, title: str, text: str, buttons, default):
    """One place for yes/no questions, so tests can answer them without a modal loop."""
    return QMessageBox.question(parent, title, text, buttons, default)


class MakerStudio(QWidget):
    project_changed = Signal(object)
    imported = Signal(object)  # StudioProject

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        from creator_studio.ui.widgets import wheel_guard

        wheel_guard.install()  # #18: the wheel scrolls the options, never changes a theme
        self.ctx = ctx
        self.project: StudioProject | None = None
        self.ask = ask
        self.deliver_panel = None
        self.setAcceptDrops(True)
        self.undo_group = QUndoGroup(self)

        # Actions (the main window puts them in its menus too).
        self.import_action = QAction(tr("&Import PPT/Word…"), self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self.choose_import)
        self.open_action = QAction(tr("Open &project…"), self)
        self.open_action.triggered.connect(self.choose_open)
        self.save_action = QAction(tr("&Save project"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save)
        self.undo_action = self.undo_group.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, tr("&Redo"))
        # #18: Ctrl+Y too (what Office users press); Linux's standard Redo is only Ctrl+Shift+Z.
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcuts(redo_keys + [k for k in (QKeySequence("Ctrl+Y"),)
                                                   if k not in redo_keys])
        for a in (self.import_action, self.open_action, self.save_action, self.undo_action,
                  self.redo_action):
            self.addAction(a)

        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.import_button = QPushButton(tr("&Import PPT/Word…"))
        self.import_button.setAccessibleName(tr("Import a PowerPoint or Word file"))
        self.import_button.clicked.connect(self.choose_import)
        self.open_button = QPushButton(tr("Open project…"))
        self.open_button.clicked.connect(self.choose_open)
        self.save_button = QPushButton(tr("Save"))
        self.save_button.clicked.connect(self.save)
        self.undo_button = QPushButton(tr("Undo"))
        self.undo_button.clicked.connect(self.undo_group.undo)
        self.redo_button = QPushButton(tr("Redo"))
        self.redo_button.clicked.connect(self.undo_group.redo)
        self.undo_group.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_group.canRedoChanged.connect(self.redo_button.setEnabled)
        from creator_studio.ui.icons import decorate  # #18: icons on the main buttons

        for b, name in ((self.import_button, "file-import-outline"),
                        (self.open_button, "folder-open-outline"),
                        (self.save_button, "content-save-outline"), (self.undo_button, "undo"),
                        (self.redo_button, "redo")):
            decorate(b, name)
        for b in (self.import_button, self.open_button, self.save_button, self.undo_button,
                  self.redo_button):
            if not b.accessibleName():
                b.setAccessibleName(b.text().replace("&", "").rstrip("…"))
            bar.addWidget(b)
        self.title_label = QLabel(tr("No course open — import a PPT/Word file or drop it here."))
        self.title_label.setWordWrap(True)
        bar.addWidget(self.title_label, 1)
        lay.addLayout(bar)
        self.import_progress = JobProgress()
        lay.addWidget(self.import_progress)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.page_view = QListView()
        self.page_view.setAccessibleName(tr("Pages"))
        self.page_view.setViewMode(QListView.ViewMode.IconMode)
        self.page_view.setFlow(QListView.Flow.TopToBottom)
        self.page_view.setWrapping(False)
        self.page_view.setMovement(QListView.Movement.Static)
        self.page_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.page_view.setIconSize(THUMB)
        self.page_view.setSpacing(6)
        self.page_view.setWordWrap(True)
        self.page_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.page_view.setMinimumWidth(THUMB.width() + self.fontMetrics().averageCharWidth() * 6)
        self.page_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_model = None
        # issue 16: the selected page's animation report under the page list (read-only)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.page_view)
        self.animation_report = AnimationReportPanel()
        left.addWidget(self.animation_report)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        split.addWidget(left)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Studio sections"))
        self.page_editor_host = self._host()
        self.quiz_host = self._host()
        self.script_host = self._host()
        self.render_panel = RenderPanel(ctx, lambda: self.project, self.commit_edits)
        self.previews = PreviewTabs(ctx.language)
        self.norms = NormsPanel(ctx, self.render_panel.out_dir, self.commit_edits)
        self.tabs.addTab(self.page_editor_host, tr("Page"))
        self.tabs.addTab(self.quiz_host, tr("Quiz"))
        self.tabs.addTab(self.script_host, tr("Skit script"))
        self.tabs.addTab(self.render_panel, tr("Forms && render"))
        self.tabs.addTab(self.previews, tr("Preview"))
        self.tabs.addTab(self.norms, tr("Norms check"))
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([THUMB.width() + self.fontMetrics().averageCharWidth() * 8, 900])
        lay.addWidget(split, 1)
        self.page_editor = None
        self._settled_index = None  # (project, undo index) the import question settled
        self.quiz_editor = None
        self.script_editor = None
        self.render_panel.rendered.connect(self._after_render)
        self.render_panel.restored.connect(lambda out: self.previews.load(Path(out)))
        self.norms.page_requested.connect(self.select_page)
        self.norms.model.page_label = self._page_label  # "Page 3", not the page's id (#18)
        self._update_enabled()

    @staticmethod
    def _host() -> QWidget:
        w = QWidget()
        QVBoxLayout(w).setContentsMargins(0, 0, 0, 0)
        return w

    @staticmethod
    def _put(host: QWidget, widget: QWidget) -> None:
        lay = host.layout()
        while lay.count():
            old = lay.takeAt(0).widget()
            if old is not None:
                old.deleteLater()
        lay.addWidget(widget)

    def start_thumbnails(self):
        import os

        if self.project is None or self.page_model is None or \
                os.environ.get("CREATOR_STUDIO_THUMBNAILS", "1") == "0":
            return None
        if getattr(self, "thumbnails", None) is None:
            from creator_studio.ui.studio.thumbnails import SlideThumbnails

            self.thumbnails = SlideThumbnails(self.ctx.runner, self)
        return self.thumbnails.start(self.project.lesson, self.page_model)

    def add_deliver_panel(self, panel: QWidget) -> None:
        self.deliver_panel = panel
        self.tabs.addTab(panel, tr("Deliver"))

    # -- project lifecycle ----------------------------------------------------------------------
    def set_project(self, project: StudioProject | None) -> None:
        old = self.project
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.timer.stop()
        self.project = project
        if project is None:
            self.page_view.setModel(None)
            self.page_model = None
            self.title_label.setText(tr("No course open — import a PPT/Word file or drop it here."))
            self._update_enabled()
            self.project_changed.emit(None)
            return
        self.undo_group.addStack(project.undo_stack)
        self.undo_group.setActiveStack(project.undo_stack)
        self.page_model = PageListModel(project.lesson, self.devicePixelRatioF())
        self.page_view.setModel(self.page_model)
        self.page_view.selectionModel().currentChanged.connect(self._page_selected)
        project.page_changed.connect(self.page_model.page_changed)
        self.start_thumbnails()  # #18: real slide thumbnails, made in the background
        project.pages_reset.connect(self.start_thumbnails)
        project.dirty_changed.connect(self._update_title)
        self.page_editor = PageEditor(project)
        self.animation_report.set_project(project)  # issue 16: step narration edits (undoable)
        self._put(self.page_editor_host, self.page_editor)
        self.quiz_editor = QuizEditor(project, self._inline_error)
        self._put(self.quiz_host, self.quiz_editor)
        self.script_editor = ScriptEditor(project, self._inline_error)
        self._put(self.script_host, self.script_editor)
        project.start_autosave(self.ctx.settings.autosave_seconds)
        self._update_title()
        self._update_enabled()
        self.render_panel.apply_state()  # saved form options and selection (#18 defect 6)
        self.previews.show_placeholder()
        if project.studio_state.renders:  # saved renders: shown once their hashes check out
            self.render_panel.restore_previews()
        else:
            out = self.render_panel.out_dir()
            if out is not None and (out / "manifest.json").exists():
                self.previews.load(out)
        if project.lesson.pages:
            self.select_page(project.lesson.pages[0].id)
        self.project_changed.emit(project)

    def _update_title(self, *_args) -> None:
        p = self.project
        if p is None:
            return
        mark = " *" if p.dirty else ""
        where = str(p.saved_to) if p.saved_to else tr("not saved yet")
        self.title_label.setText(plural(len(p.lesson.pages), tr("{title}{mark} — 1 page ({where})"),
                                        tr("{title}{mark} — {n} pages ({where})")).format(
            title=p.lesson.title or tr("Untitled"), mark=mark, n=len(p.lesson.pages), where=where))

    def _update_enabled(self) -> None:
        has = self.project is not None
        for w in (self.save_button, self.save_action):
            w.setEnabled(has)
        self.undo_button.setEnabled(self.undo_group.canUndo())
        self.redo_button.setEnabled(self.undo_group.canRedo())
        self.render_panel.update_enabled()

    def _inline_error(self, exc) -> None:
        show_error(self, exc, modal=False)

    def needs_save(self) -> bool:
        p = self.project
        return p is not None and (p.dirty or p.saved_to is None)

    def maybe_close_project(self) -> bool:
        """Ask about unsaved work; True when it is fine to close (saved or discarded)."""
        p = self.project
        if p is None:
            return True
        self.commit_edits()
        if self.needs_save():
            B = QMessageBox.StandardButton
            answer = self.ask(self, tr("Unsaved changes"),
                              tr("“{title}” has changes that are not saved. Save them?").format(
                                  title=p.lesson.title or tr("Untitled")),
                              B.Save | B.Discard | B.Cancel, B.Save)
            if answer == B.Cancel:
                return False
            if answer == B.Save and not self.save():
                return False
        p.close_clean()
        self.set_project(None)
        return True

    def commit_edits(self) -> None:
        if self.page_editor is not None:
            self.page_editor.commit_all()

    # -- import ----------------------------------------------------------------------------------
    def choose_import(self) -> None:
        # #18 defect 3: the save question comes BEFORE the file is picked (and only for edits).
        if self.import_progress.handle is not None or not self.settle_before_import():
            return
        path, _ = file_dialogs.open_file(
            self, tr("Import a PowerPoint or Word file"), "import",
            tr("Office documents (*.pptx *.pptm *.ppsx *.potx *.docx *.docm *.dotx)"))
        if path:
            self.import_file(Path(path), settled=True)

    def settle_before_import(self) -> bool:
        """Ask Save / Discard / Cancel when the open project was edited; True to go on.

        The open project stays loaded: it is replaced only when the new import succeeds, so a
        failed or cancelled import loses nothing. An unedited project (a fresh import, or one
        just saved) is not asked about — its source or its folder still holds everything.
        """
        p = self.project
        self._settled_index = None
        if p is None:
            return True
        self.commit_edits()
        if p.dirty:
            B = QMessageBox.StandardButton
            answer = self.ask(self, tr("Unsaved changes"),
                              tr("“{title}” has changes that are not saved. Save them?").format(
                                  title=p.lesson.title or tr("Untitled")),
                              B.Save | B.Discard | B.Cancel, B.Save)
            if answer == B.Cancel:
                return False
            if answer == B.Save and not self.save():
                return False
        self._settled_index = (p, p.undo_stack.index())
        return True

    def _replace_after_import(self) -> bool:
        """The import succeeded: close the old project, asking again only if it changed since."""
        old = self.project
        if old is None:
            return True
        settled = self._settled_index
        if settled == (old, old.undo_stack.index()):
            old.close_clean()
            self.set_project(None)
            return True
        return self.maybe_close_project()

    def import_file(self, path: Path, *, settled: bool = False):
        if self.import_progress.handle is not None:
            return None
        if not settled and not self.settle_before_import():
            return None
        work = StudioProject.new_work_dir(self.ctx.paths.autosave)

        def work_fn(job):
            from creator_studio.core.importers import import_source

            return import_source(path, assets_dir=work / "assets", job=job)

        h = self.ctx.runner.run(work_fn, label=tr("Importing {name}").format(name=path.name))
        self.import_progress.track(h)
        self.import_button.setEnabled(False)

        def ok(lesson):
            if not self._replace_after_import():  # edited meanwhile and the person cancelled
                shutil.rmtree(work, ignore_errors=True)
                return
            proj = StudioProject(lesson, work, parent=self)
            proj.autosave()
            self.set_project(proj)
            self.imported.emit(proj)

        def failed(exc):
            shutil.rmtree(work, ignore_errors=True)
            show_error(self, exc, h.error_details, modal=False)

        h.succeeded.connect(ok)
        h.failed.connect(failed)
        h.cancelled.connect(lambda: shutil.rmtree(work, ignore_errors=True))
        h.finished.connect(lambda: self.import_button.setEnabled(True))
        return h

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() and u.toLocalFile().lower().endswith(SOURCE_SUFFIXES) for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        for u in event.mimeData().urls():
            if u.isLocalFile() and u.toLocalFile().lower().endswith(SOURCE_SUFFIXES):
                event.acceptProposedAction()
                self.import_file(Path(u.toLocalFile()))
                return
        event.ignore()

    # -- open / save / recover -------------------------------------------------------------------
    def choose_open(self) -> None:
        folder = file_dialogs.choose_folder(self, tr("Open a course project folder"), "project")
        if folder and self.maybe_close_project():
            self.open_project(Path(folder))

    def open_project(self, folder: Path) -> StudioProject | None:
        try:
            proj = StudioProject.open_folder(folder, self.ctx.paths.autosave, parent=self)
        except Exception as exc:  # StudioError → message; anything else → logged report
            show_error(self, exc, modal=False)
            return None
        self.set_project(proj)
        return proj

    def save(self, folder: Path | None = None) -> bool:
        p = self.project
        if p is None:
            return False
        self.commit_edits()
        target = folder or p.saved_to
        if target is None:
            chosen = file_dialogs.choose_folder(self, tr("Choose a folder for the project"),
                                                "project")
            if not chosen:
                return False
            target = Path(chosen)
        try:
            self.render_panel.sync_state()  # form options are saved with the project (#18)
            p.save_to(Path(target))
        except Exception as exc:
            show_error(self, exc, modal=False)
            return False
        self._update_title()
        return True

    def offer_recovery(self) -> StudioProject | None:
        found = find_recoverable(self.ctx.paths.autosave)
        if not found or self.project is not None:
            return None
        rec = found[0]
        when = fmt_date_time(rec.updated, utc=False)  # autosave times are local (time.strftime)
        B = QMessageBox.StandardButton
        answer = self.ask(self, tr("Recover your work?"),
                          tr("Creator Studio did not close properly. Recover “{title}” "
                             "(autosaved {when})?").format(title=rec.title or tr("Untitled"),
                                                            when=when),
                          B.Yes | B.No, B.Yes)
        if answer != B.Yes:
            for r in found:
                shutil.rmtree(r.folder, ignore_errors=True)
            return None
        try:
            proj = StudioProject.recover(rec, parent=self)
        except Exception as exc:
            show_error(self, exc, modal=False)
            return None
        self.set_project(proj)
        return proj

    # -- pages ----------------------------------------------------------------------------------
    def select_page(self, page_id: str) -> None:
        if self.page_model is None:
            return
        row = self.page_model.row_of(page_id)
        if row >= 0:
            ix = self.page_model.index(row)
            self.page_view.setCurrentIndex(ix)
            self.page_view.scrollTo(ix)
            if self.page_editor and (self.page_editor.page is None
                                     or self.page_editor.page.id != page_id):
                self.page_editor.show_page(self.project.lesson.pages[row])
            self.tabs.setCurrentWidget(self.page_editor_host)

    def _page_selected(self, current, _previous) -> None:
        if current.isValid() and self.project is not None and self.page_editor is not None:
            self.page_editor.show_page(self.project.lesson.pages[current.row()])
        if current.isValid() and self.project is not None:
            self.animation_report.show_page(self.project.lesson.pages[current.row()])

    def _page_label(self, page_id: str) -> str:
        pages = self.project.lesson.pages if self.project is not None else []
        n = next((i for i, p in enumerate(pages, 1) if p.id == page_id), None)
        return tr("Page {n}").format(n=n) if n is not None else ""

    def _after_render(self, out: str) -> None:
        self.previews.load(Path(out))
        self.tabs.setCurrentWidget(self.previews)
