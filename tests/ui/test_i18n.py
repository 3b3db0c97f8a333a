"""Translations: complete catalogues, up to date with the sources, and applied at run time."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication

from creator_studio.ui import i18n_build
from creator_studio.ui.i18n import install_translator, remove_translator
from creator_studio.ui.studio.workspace import MakerStudio
from creator_studio.ui.translate import tr


def _sources(ts) -> set[str]:
    return {m.findtext("source") for m in ET.parse(ts).iter("message")}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_catalogue_is_complete(lang):
    assert i18n_build.unfinished(lang) == []


def test_catalogue_matches_the_sources(tmp_path, monkeypatch):
    """Re-extracting the strings finds nothing that the committed catalogue lacks."""
    for lang in i18n_build.LANGS:
        shutil.copy(i18n_build.ts_path(lang), tmp_path / i18n_build.ts_path(lang).name)
    monkeypatch.setattr(i18n_build, "I18N_DIR", tmp_path)
    before = _sources(tmp_path / "creator_studio_zh_CN.ts")
    i18n_build.update()
    after = _sources(tmp_path / "creator_studio_zh_CN.ts")
    assert after - before == set(), "new strings need translations: run i18n_build --update"
    assert i18n_build.unfinished("zh_CN") == []


def test_compile_and_switch_language(qtbot, qapp, ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(i18n_build, "I18N_DIR", tmp_path)
    for lang in i18n_build.LANGS:
        shutil.copy(_orig_ts(lang), tmp_path / f"creator_studio_{lang}.ts")
    built = i18n_build.compile_all()
    assert {p.name for p in built} == {"creator_studio_zh_CN.qm", "creator_studio_en.qm"}
    t = install_translator(qapp, "zh_CN")
    try:
        assert t is not None
        assert tr("Quiz") == "测验"
        studio = MakerStudio(ctx)
        qtbot.addWidget(studio)
        tabs = [studio.tabs.tabText(i) for i in range(studio.tabs.count())]
        assert tabs[:3] == ["页面", "测验", "情景剧脚本"]
        assert studio.import_button.text() == "导入 PPT/Word(&I)…"
        # Qt's own buttons (message boxes) are Chinese too.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        ctx.runner.wait()
        qtbot.wait(1)
    finally:
        remove_translator(qapp, t)
    t = install_translator(qapp, "en")
    try:
        assert tr("Quiz") == "Quiz"
        assert QCoreApplication.translate("", "Skit script") == "Skit script"
    finally:
        remove_translator(qapp, t)


_ORIG = i18n_build.I18N_DIR


def _orig_ts(lang):
    return _ORIG / f"creator_studio_{lang}.ts"
