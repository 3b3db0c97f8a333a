"""Issue 15: slide pictures attached to pages (`page.raster`), cropped regions, the video's use of
them, and the fonts report — with LibreOffice (slow) and without it (both paths)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image as PILImage

from creator_studio.core.importers import import_source
from creator_studio.core.lesson import model as m
from creator_studio.core.media import fonts, raster

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "pptx"
DESIGNED = CORPUS / "zh_designed_aisys_ch13_figs.pptx"
needs_lo = pytest.mark.skipif(raster.soffice_exe() is None, reason="needs LibreOffice")


def test_option_values_and_effective_modes():
    assert raster.slide_pictures_option(None) == "auto"
    assert raster.slide_pictures_option(True) == "always" and raster.slide_pictures_option("off") == "never"
    with pytest.raises(Exception) as exc:
        raster.slide_pictures_option("sometimes")
    assert getattr(exc.value, "code", "") == "BAD_OPTION"
    p = m.Page(id="p", visual_mode="picture+text")
    assert raster.effective_mode(p, "auto") == "picture+text"
    assert raster.effective_mode(p, "never") == "reflow"
    assert raster.effective_mode(m.Page(id="q"), "always") == "picture"
    assert raster.effective_mode(m.Page(id="q", visual_mode="junk"), "auto") == "reflow"


def test_without_libreoffice_pages_stay_reflowed_with_a_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_SOFFICE", "none")
    lesson = import_source(DESIGNED, assets_dir=tmp_path / "a")
    res = raster.attach_slide_pictures(lesson, "always")
    assert res.pages == set() and "LibreOffice" in (res.reason or "")
    assert res.warnings and all(p.raster is None for p in lesson.pages)


def test_no_source_deck_is_a_reason_not_a_crash(tmp_path):
    lesson = m.Lesson(title="t", pages=[m.Page(id="p", visual_mode="picture")])
    res = raster.attach_slide_pictures(lesson, "auto")
    assert res.pages == set() and "source" in res.reason


def test_stored_pictures_are_reused_and_regions_cropped(tmp_path):
    root = tmp_path / "assets"
    root.mkdir()
    im = PILImage.new("RGB", (1600, 900), "white")
    im.paste((200, 30, 30), (800, 450, 1600, 900))  # bottom-right quarter is red
    im.save(root / "s.png")
    chart = m.Chart(title="旧式图表", chart_type="unsupported", needs_raster=True, bbox=[0.5, 0.5, 0.5, 0.5])
    emf = m.Image(asset="x.emf", needs_raster=True, bbox=[0.0, 0.0, 0.25, 0.25])
    lesson = m.Lesson(title="t", pages=[m.Page(id="p", raster="s.png", visual_mode="picture",
                                               blocks=[chart, emf])], asset_root=root)
    res = raster.attach_slide_pictures(lesson, "auto")
    assert res.backend == "stored" and res.pages == {"p"} and res.crops == 2
    with PILImage.open(lesson.asset_path(chart.raster_asset)) as c:
        assert c.size == (800, 450) and c.convert("RGB").getpixel((400, 225)) == (200, 30, 30)
    with PILImage.open(lesson.asset_path(emf.raster_asset)) as e:
        assert e.size == (400, 225) and e.convert("RGB").getpixel((10, 10)) == (255, 255, 255)


def test_video_uses_stored_pictures_and_never_means_builtin(tmp_path):
    root = tmp_path / "assets"
    root.mkdir()
    PILImage.new("RGB", (1600, 900), (10, 200, 10)).save(root / "s.png")
    pages = [m.Page(id="a", title="甲", raster="s.png", visual_mode="picture"),
             m.Page(id="b", title="乙", blocks=[m.Paragraph(runs=[m.Run("文字页")])])]
    lesson = m.Lesson(title="t", pages=pages, asset_root=root)
    res = raster.rasterize(lesson, None, (640, 360), out_dir=tmp_path / "o")
    assert res.backend == "stored+builtin" and len(res.images) == 2
    with PILImage.open(res.images[0]) as a:
        assert a.size == (640, 360) and a.getpixel((320, 180)) == (10, 200, 10)
    res = raster.rasterize(lesson, None, (640, 360), out_dir=tmp_path / "n", slide_pictures="never")
    assert res.backend == "builtin"
    with PILImage.open(res.images[0]) as a:
        assert a.getpixel((320, 180)) != (10, 200, 10)


def test_fontconfig_aliases_map_chinese_office_fonts_not_to_dejavu():
    if not shutil.which("fc-match"):
        pytest.skip("fc-match not installed")
    for asked in ("微软雅黑", "宋体", "黑体", "楷体", "Calibri", "Arial", "Times New Roman"):
        got = fonts.fc_match(asked)
        assert got and "DejaVu" not in got, (asked, got)
    assert fonts.fc_match("宋体") != fonts.fc_match("黑体")  # serif vs sans stays distinct
    report = fonts.font_report(DESIGNED)
    asked = {r["asked"]: r["used"] for r in report}
    assert asked["Microsoft YaHei"] == "Noto Sans CJK SC" and asked["Calibri"] == "Carlito"
    assert fonts.font_report(None) == []
    assert fonts.deck_fonts(Path("/nonexistent.pptx")) == []


def test_fontconfig_file_is_private_and_includes_the_system_config(tmp_path):
    conf = fonts.private_fontconfig(tmp_path / "fc")
    text = conf.read_text()
    assert "creator-studio-aliases.conf" in text and "<cachedir>" in text
    assert "微软雅黑" in (tmp_path / "fc" / "creator-studio-aliases.conf").read_text()
    env = raster._clean_env(tmp_path)
    assert env.get("FONTCONFIG_FILE", "").endswith("fonts.conf")


@pytest.mark.slow
@needs_lo
def test_libreoffice_sets_page_raster_once_and_reuses_it(tmp_path):
    lesson = import_source(DESIGNED, assets_dir=tmp_path / "a")
    lesson.source_path = DESIGNED
    res = raster.attach_slide_pictures(lesson, "always")
    assert res.backend == "libreoffice" and res.pages == {p.id for p in lesson.visible_pages()}
    for p in lesson.visible_pages():
        path = lesson.asset_path(p.raster)
        with PILImage.open(path) as im:
            assert im.width == raster.SLIDE_PICTURE_WIDTH and 0.5 < im.height / im.width < 0.8
    again = raster.attach_slide_pictures(lesson, "always")
    assert again.backend == "stored" and again.seconds < 2


def test_every_form_declares_the_same_slide_pictures_option_and_the_cli_uses_it():
    import argparse

    from creator_studio.cli import convert_cmd
    from creator_studio.core.forms import available_formats

    specs = {f.id: {o.name: o for o in f.options()}.get("slide_pictures")
             for f in available_formats().values()}
    declared = {k: v for k, v in specs.items() if v is not None}
    assert {"long-image", "h5", "screen-record"} <= set(declared)
    assert {(v.type, tuple(v.choices), v.default) for v in declared.values()} == \
        {("str", ("auto", "always", "never"), "auto")}
    parser = argparse.ArgumentParser()
    convert_cmd.register(parser.add_subparsers(), "convert")
    args = parser.parse_args(["convert", "x.pptx", "--to", "h5", "--out", "o", "--slide-pictures", "never"])
    assert args.opt_slide_pictures == "never"
    with pytest.raises(SystemExit):
        parser.parse_args(["convert", "x.pptx", "--to", "h5", "--out", "o", "--slide-pictures", "maybe"])
