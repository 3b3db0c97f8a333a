"""#18 item 3 in the window: a plugin form is shown by its registry label (render panel,
certificate), never its raw id; an option value the form cannot take is a typed error before any
rendering starts."""

from __future__ import annotations

import pytest

from uihelpers import make_market_world, sign_in, wait_job


class _PluginFormat:
    """A third-party form with one typed option (no `order`: it goes last)."""

    id = "flash-cards"
    label_zh = "闪卡练习"
    label_en = "Flash cards"

    def options(self):
        from creator_studio.core.forms.base import OptionSpec

        return [OptionSpec("cards", "卡片张数", "Number of cards", 10, type="int")]

    def render(self, lesson, out, opts, job):
        raise AssertionError("not rendered in these tests")


@pytest.fixture
def with_plugin(monkeypatch):
    from creator_studio.core.forms import base
    from creator_studio.ui import forms_meta

    real = base._load_registry
    monkeypatch.setattr(base, "_load_registry", lambda: {**real(), "flash-cards": _PluginFormat()})
    base.available_formats(reload=True)
    forms_meta.form_infos(reload=True)
    yield
    monkeypatch.setattr(base, "_load_registry", real)
    base.available_formats(reload=True)
    forms_meta.form_infos(reload=True)


def test_render_panel_labels_the_plugin_and_refuses_a_bad_value(qtbot, ctx, tiny_deck, with_plugin):
    from creator_studio.ui.studio.workspace import MakerStudio

    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    wait_job(qtbot, studio.import_file(tiny_deck))
    panel = studio.render_panel
    wait_job(qtbot, panel.load_handle)
    check = panel.checks["flash-cards"]
    assert check.text() == "闪卡练习" and "flash-cards" not in check.text()
    order = list(panel.checks)  # the registry's order: built-ins first, plugins after
    assert order[:4] == ["long-image", "screen-record", "h5", "skit"] and "flash-cards" in order[4:]
    panel.select("flash-cards")
    panel.options["flash-cards"].widgets["cards"].setText("12x")  # what a paste can leave
    assert panel.render() is None  # refused before any job starts
    assert "卡片张数" in panel.status.text() or "Number of cards" in panel.status.text()
    assert panel.progress.handle is None


def test_certificate_pdf_gets_the_registry_names(qtbot, ctx, with_plugin, monkeypatch, tmp_path):
    from creator_studio.ui.market.cert_views import MakerCertification

    ids = make_market_world(ctx.market)
    from creator_studio.core.store.models import Certificate

    with ctx.market.svc.write() as s:  # the plugin form is on the maker's certificate
        c = s.query(Certificate).filter_by(holder_id=ids["maker01"]).one()
        c.forms = ["long-image", "flash-cards"]
    seen = {}
    real = ctx.market.certificate_pdf

    def spy(user, cert_id, out, form_names=None):
        seen["names"] = form_names
        return real(user, cert_id, out, form_names)

    monkeypatch.setattr(ctx.market, "certificate_pdf", spy)
    sign_in(qtbot, ctx, "maker01")
    view = MakerCertification(ctx)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.certificate() is not None, timeout=10000)
    h = view.export_pdf(tmp_path / "证书.pdf")
    wait_job(qtbot, h)
    assert h.error is None, h.error
    assert seen["names"]["flash-cards"] == "闪卡练习" and seen["names"]["long-image"] == "长图文"
    assert (tmp_path / "证书.pdf").read_bytes()[:5] == b"%PDF-"
    ctx.runner.wait()


def test_certificate_module_keeps_no_copy_of_form_names():
    import creator_studio.core.market.certificate_pdf as pdf

    assert not hasattr(pdf, "FORM_NAMES")


def test_render_status_names_forms_and_option_words(qtbot, ctx, tiny_deck, tmp_path):
    """"Rendered: long-image" and the raw choice "final" showed in the render panel."""
    from creator_studio.core.errors import RenderError
    from creator_studio.ui.forms_meta import form_label
    from creator_studio.ui.studio.workspace import MakerStudio

    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    wait_job(qtbot, studio.import_file(tiny_deck))
    panel = studio.render_panel
    wait_job(qtbot, panel.load_handle)
    panel._done(({"long-image": object()}, {"h5": RenderError("坏了", "broken")}, {}), tmp_path)
    text = panel.status.text()
    assert form_label("long-image") in text and form_label("h5") in text
    assert "long-image" not in text and "h5 failed" not in text
    steps = panel.options["long-image"].widgets["animation_steps"]
    assert {steps.itemText(i) for i in range(steps.count())} <= {"最终状态", "逐步叠放", "Final state",
                                                                "Build steps stacked"}
