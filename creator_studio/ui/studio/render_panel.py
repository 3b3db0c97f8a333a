"""Pick forms and their options (generated from each Format's `options()`), render, preview.

The format registry is loaded on a worker thread the first time the panel is built: loading the
entry points imports the renderers (Pillow, Jinja2, and for video forms moviepy), which must not
delay the window. Rendering runs in the read/render lane on a deep copy of the lesson, so the
maker can keep editing while it runs.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QDoubleValidator, QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from creator_studio.ui.errors import show_error, studio_message
from creator_studio.ui.widgets.job_progress import JobProgress

log = logging.getLogger(__name__)


from creator_studio.ui.translate import tr  # noqa: E402


def render_selected(lesson, out: Path, selection: dict[str, dict[str, Any]], job):
    """Worker-thread body: each form with its own options; one failing form spares the others."""
    from creator_studio.core.forms import render_forms

    done, failed = {}, {}
    n = max(1, len(selection))
    for i, (form, opts) in enumerate(selection.items()):
        d, f = render_forms(lesson, out, [form], opts, job.sub(i, 1, n))
        done.update(d)
        failed.update(f)
    return done, failed


def render_and_record(lesson, out: Path, selection: dict[str, dict[str, Any]], job):
    """`render_selected`, then each rendered form's files hashed for the project's studio.json
    (#18 defect 6), still on the worker thread."""
    from creator_studio.core.lesson.studio_state import record_render

    done, failed = render_selected(lesson, out, selection, job)
    records = {f: r for f in done if (r := record_render(out, f, selection.get(f, {}))) is not None}
    return done, failed, records


def check_records(records: dict) -> dict[str, str]:
    """Worker-thread body: "ok" / "missing" / "changed" per recorded form (hashes re-read)."""
    return {form: rec.check() for form, rec in records.items()}


class OptionWidgets:
    """Widgets for one Format's OptionSpecs, and the dict of values they hold."""

    def __init__(self, specs, lang: str) -> None:
        self.specs = specs
        self.widgets: dict[str, QWidget] = {}
        self.lang = lang

    def build(self, form: QFormLayout) -> None:
        for spec in self.specs:
            label = spec.label_zh if self.lang.startswith("zh") else spec.label_en
            if spec.choices:
                w = QComboBox()
                from creator_studio.core.forms.base import choice_label  # #18: no raw values

                for c in spec.choices:
                    w.addItem(choice_label(spec, c, self.lang), c)
                if spec.default in spec.choices:
                    w.setCurrentIndex(spec.choices.index(spec.default))
            elif spec.type == "bool":
                w = QCheckBox()
                w.setChecked(bool(spec.default))
            else:
                w = QLineEdit("" if spec.default is None else str(spec.default))
                if spec.type == "int":
                    w.setValidator(QIntValidator(w))
                elif spec.type == "float":
                    w.setValidator(QDoubleValidator(w))
            w.setAccessibleName(label)
            w.setObjectName(f"opt_{spec.name}")
            form.addRow(label, w)
            self.widgets[spec.name] = w

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in self.specs:
            w = self.widgets[spec.name]
            if isinstance(w, QComboBox):
                out[spec.name] = w.currentData()
            elif isinstance(w, QCheckBox):
                out[spec.name] = w.isChecked()
            else:
                text = w.text().strip()
                if text == "":
                    continue
                # typed by core.forms.options (the one resolver), not re-parsed here (#18)
                out[spec.name] = text
        return out


    def set_values(self, values: dict[str, Any]) -> None:
        """Show a project's saved values (studio.json); options it has none for show their
        defaults (not the previous project's values); unknown values are skipped."""
        for spec in self.specs:
            if spec.name not in self.widgets:
                continue
            v, w = values.get(spec.name, spec.default), self.widgets[spec.name]
            if isinstance(w, QComboBox):
                i = w.findData(v)
                if i >= 0:
                    w.setCurrentIndex(i)
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(v))
            else:
                w.setText("" if v is None else str(v))


class RenderPanel(QWidget):
    rendered = Signal(str)  # output folder
    restored = Signal(str)  # a reopened project's render folder, its files checked unchanged

    def __init__(self, ctx, get_project, before_render, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.get_project = get_project
        self.before_render = before_render
        self.formats: dict[str, Any] = {}
        self.checks: dict[str, QCheckBox] = {}
        self.options: dict[str, OptionWidgets] = {}
        self.last_result = None
        self.last_failed: dict = {}
        self.restore_handle = None
        self._applying = False
        self._state_timer = QTimer(self)
        self._state_timer.setSingleShot(True)
        self._state_timer.setInterval(400)
        self._state_timer.timeout.connect(self._write_state)

        lay = QVBoxLayout(self)
        self.status = QLabel(tr("Loading course forms…"))
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.forms_host = QWidget()
        self.forms_layout = QVBoxLayout(self.forms_host)
        self.forms_layout.addStretch(1)
        scroll.setWidget(self.forms_host)
        lay.addWidget(scroll, 1)
        row = QHBoxLayout()
        self.render_button = QPushButton(tr("&Render selected forms"))
        from creator_studio.ui.icons import decorate

        decorate(self.render_button, "play-circle-outline")
        self.render_button.setAccessibleName(tr("Render selected forms"))
        self.render_button.setEnabled(False)
        self.render_button.clicked.connect(self.render)
        row.addWidget(self.render_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.progress = JobProgress()
        lay.addWidget(self.progress)
        self.load_handle = ctx.runner.run(lambda job: self._load_formats(), label="formats")
        self.load_handle.succeeded.connect(self._formats_loaded)
        self.load_handle.failed.connect(lambda exc: self.status.setText(str(exc)))

    @staticmethod
    def _load_formats():
        from creator_studio.core.forms import available_formats

        fmts = available_formats()
        return {k: (f, f.options()) for k, f in fmts.items()}

    def _formats_loaded(self, fmts) -> None:
        lang = self.ctx.language
        from creator_studio.ui.forms_meta import form_infos  # #18: order and labels from the registry

        infos = {i.id: i for i in form_infos()}
        ids = [fid for fid in infos if fid in fmts] + sorted(set(fmts) - set(infos))
        for form_id in ids:
            fmt, specs = fmts[form_id]
            self.formats[form_id] = fmt
            label = infos[form_id].label(lang) if form_id in infos else form_id
            box = QGroupBox()
            bl = QVBoxLayout(box)
            check = QCheckBox(label)
            check.setAccessibleName(label)
            check.setObjectName(f"form_{form_id}")
            bl.addWidget(check)
            form = QFormLayout()
            ow = OptionWidgets(specs, lang)
            ow.build(form)
            opts_host = QWidget()
            opts_host.setLayout(form)
            opts_host.setEnabled(False)
            check.toggled.connect(opts_host.setEnabled)
            bl.addWidget(opts_host)
            self.forms_layout.insertWidget(self.forms_layout.count() - 1, box)
            self.checks[form_id] = check
            self.options[form_id] = ow
            # every change goes into the project's studio state at once, so an autosave (and a
            # recovery after a crash) keeps it too (#18 defect 6)
            check.toggled.connect(self._changed)
            for w in ow.widgets.values():
                if isinstance(w, QComboBox):
                    w.currentIndexChanged.connect(self._changed)
                elif isinstance(w, QCheckBox):
                    w.toggled.connect(self._changed)
                else:
                    w.textChanged.connect(self._changed)
        self.status.setText(tr("Choose the forms to produce and their options."))
        self.apply_state()
        self.update_enabled()

    # -- project state (#18 defect 6) -------------------------------------------------------------
    def apply_state(self) -> None:
        """Show the open project's saved form options and selection (once the forms are known)."""
        proj = self.get_project()
        if proj is None or not self.options:
            return
        state = proj.studio_state
        self._applying = True
        try:
            for fid, ow in self.options.items():
                ow.set_values(state.form_options.get(fid, {}))
            self.select(*state.selected_forms)
        finally:
            self._applying = False

    def _changed(self, *_a) -> None:
        if not self._applying:
            self.sync_state()
            self._state_timer.start()  # written to the working copy shortly after (debounced)

    def _write_state(self) -> None:
        proj = self.get_project()
        if proj is None:
            return
        from creator_studio.core.lesson.studio_state import save_state

        try:
            save_state(proj.work_dir, proj.studio_state)
        except OSError as exc:
            log.warning("studio.json not written: %s", exc)

    def sync_state(self) -> None:
        """Copy the option widgets into the project's studio state (before a save)."""
        proj = self.get_project()
        if proj is None or not self.options:
            return
        proj.studio_state.form_options = {fid: ow.values() for fid, ow in self.options.items()}
        proj.studio_state.selected_forms = [f for f, c in self.checks.items() if c.isChecked()]

    def restore_previews(self):
        """Check the recorded render files (hashes, on a worker); emit `restored` when usable."""
        proj = self.get_project()
        if proj is None or not proj.studio_state.renders:
            return None
        records = dict(proj.studio_state.renders)
        handle = self.ctx.runner.run(lambda job: check_records(records), label="render-check")
        handle.succeeded.connect(lambda res: self._checked(proj, records, res))
        self.restore_handle = handle
        return handle

    def _checked(self, proj, records, result: dict[str, str]) -> None:
        if proj is not self.get_project():
            return
        ok = [f for f, v in result.items() if v == "ok"]
        stale = [f for f, v in result.items() if v != "ok"]
        if stale:
            from creator_studio.ui.forms_meta import forms_text

            self.status.setText(tr("The saved render of {forms} is missing or was changed; "
                                   "render again.").format(forms=forms_text(stale)))
        if ok:
            newest = max((records[f] for f in ok), key=lambda r: r.rendered_at)
            self.restored.emit(newest.out_dir)

    def update_enabled(self) -> None:
        self.render_button.setEnabled(bool(self.formats) and self.get_project() is not None
                                      and self.progress.handle is None)

    def select(self, *form_ids: str) -> None:
        for fid, check in self.checks.items():
            check.setChecked(fid in form_ids)

    def selection(self) -> dict[str, dict[str, Any]]:
        return {fid: self.options[fid].values() for fid, c in self.checks.items() if c.isChecked()}

    def out_dir(self) -> Path | None:
        """The project's render folder: the one its saved renders are in (so a reopened project
        keeps using it), else a new one under the renders area."""
        proj = self.get_project()
        if proj is None:
            return None
        for d in proj.studio_state.render_dirs():
            if Path(d).is_dir():
                return Path(d)
        return self.ctx.paths.renders / proj.id

    def render(self):
        proj = self.get_project()
        sel = self.selection()
        if proj is None:
            return None
        if not sel:
            self.status.setText(tr("Select at least one form."))
            return None
        from creator_studio.core.forms.options import OptionError, resolve_for

        try:  # #18: the same resolver the render uses: a bad value is said before any work
            for fid, raw in sel.items():
                resolve_for(self.formats[fid], raw)
        except OptionError as exc:
            show_error(self, exc, modal=False)
            self.status.setText(studio_message(exc))
            return None
        self.before_render()
        lesson = copy.deepcopy(proj.lesson)
        out = self.out_dir()
        state = proj.studio_state  # the options used are kept with the project (#18 defect 6)
        state.form_options = {fid: ow.values() for fid, ow in self.options.items()}
        state.selected_forms = list(sel)
        handle = self.ctx.runner.run(lambda job: render_and_record(lesson, out, sel, job),
                                     label=tr("Rendering"))
        self.progress.track(handle, tr("Rendering"))
        self.render_button.setEnabled(False)
        handle.succeeded.connect(lambda res: self._done(res, out, proj))
        handle.failed.connect(lambda exc: show_error(self, exc, handle.error_details, modal=False))
        handle.cancelled.connect(lambda: self.status.setText(tr("Rendering was cancelled.")))
        handle.finished.connect(self.update_enabled)
        return handle

    def _done(self, result, out: Path, proj=None) -> None:
        done, failed, records = result
        self.last_result = done
        self.last_failed = failed
        if proj is not None:
            proj.studio_state.renders.update(records)
            try:
                proj.store_studio_state()
            except OSError as exc:  # the render itself succeeded; say why it was not remembered
                log.warning("studio.json not written: %s", exc)
        from creator_studio.ui.forms_meta import form_label, forms_text  # names, never ids (#18)

        lines = [tr("Rendered: {forms}").format(forms=forms_text(list(done)) or "—")]
        for form, exc in failed.items():
            lines.append(tr("{form} failed: {message}").format(form=form_label(form),
                                                              message=studio_message(exc)))
        self.status.setText("\n".join(lines))
        self.rendered.emit(str(out))
