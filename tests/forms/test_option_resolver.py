"""#18 item 3: options are resolved once from each form's OptionSpecs into a typed, checked object
shared by all forms; a bad value is a typed, bilingual error naming the option by its label."""

from __future__ import annotations

import pytest

from creator_studio.core.forms.base import OptionSpec, get_format
from creator_studio.core.forms.options import OptionError, ResolvedOptions, resolve_for, resolve_options

SPECS = [
    OptionSpec("width", "图片宽度（像素）", "Image width (px)", 750, [750, 1080], "int"),
    OptionSpec("burn", "烧录字幕", "Burn captions", False, type="bool"),
    OptionSpec("wm", "水印", "Watermark", "auto", ["auto", "on", "off"]),
    OptionSpec("image_format", "图片格式", "Image format", "both", ["png", "jpeg", "both"]),
    OptionSpec("pass_mark", "及格分", "Pass mark", None, type="int"),
    OptionSpec("size", "分辨率", "Resolution", "720p", ["720p", "1080p"], open_choices=True),
]


def test_values_are_typed_defaults_filled_and_extras_kept():
    r = resolve_options("x", SPECS, {"width": "1080", "burn": "是", "wm": True, "image_format": "JPG",
                                     "pass_mark": "", "size": "960x540", "source_path": "/a.pptx"})
    assert isinstance(r, ResolvedOptions) and r.form == "x"
    assert r.width == 1080 and r["burn"] is True and r.wm == "on" and r.image_format == "jpeg"
    assert r.pass_mark is None and r.size == "960x540" and r["source_path"] == "/a.pptx"
    d = resolve_options("x", SPECS, {})
    assert (d.width, d.burn, d.wm, d.image_format) == (750, False, "auto", "both")
    with pytest.raises(AttributeError):
        d.width = 1  # read-only: one resolution, shared, not edited along the way
    import copy
    import pickle

    for twin in (copy.deepcopy(r), pickle.loads(pickle.dumps(r))):
        assert twin == r and twin.form == "x" and twin.width == 1080


@pytest.mark.parametrize("raw, option", [
    ({"width": "abc"}, "width"), ({"width": 900}, "width"), ({"burn": "maybe"}, "burn"),
    ({"image_format": "gif"}, "image_format"), ({"width": True}, "width"), ({"wm": ["on"]}, "wm"),
])
def test_bad_values_are_typed_bilingual_errors(raw, option):
    with pytest.raises(OptionError) as e:
        resolve_options("x", SPECS, raw)
    err = e.value
    assert err.code == "BAD_OPTION" and err.details["option"] == option
    spec = next(s for s in SPECS if s.name == option)
    assert spec.label_zh in err.message_zh and spec.label_en in err.message_en


def test_choice_errors_list_the_choices_by_their_labels():
    with pytest.raises(OptionError) as e:
        resolve_options("x", SPECS, {"image_format": "gif"})
    assert "PNG 和 JPEG" in e.value.message_zh and "PNG and JPEG" in e.value.message_en


def test_render_forms_resolves_once_for_every_form(monkeypatch, tmp_path):
    """The form receives the resolved object (not the raw dict), and a refused value fails that
    form only, with the form's own error code."""
    from creator_studio.core.forms import base
    from creator_studio.core.lesson import model as m

    seen = {}

    class Probe:
        id, label_zh, label_en = "probe", "探针", "Probe"

        def options(self):
            return SPECS

        def render(self, lesson, out, opts, job):
            seen["opts"] = opts
            return base.Artifact("probe")

    real = base._load_registry
    monkeypatch.setattr(base, "_load_registry", lambda: {**real(), "probe": Probe()})
    base.available_formats(reload=True)
    try:
        lesson = m.Lesson(title="t", pages=[m.Page(id="p1", title="一")])
        done, failed = base.render_forms(lesson, tmp_path, ["probe"], {"width": "1080"})
        assert "probe" in done and isinstance(seen["opts"], ResolvedOptions)
        assert seen["opts"].width == 1080
        done, failed = base.render_forms(lesson, tmp_path, ["probe"], {"burn": "perhaps"})
        assert failed["probe"].code == "BAD_OPTION" and not done
    finally:
        monkeypatch.setattr(base, "_load_registry", real)
        base.available_formats(reload=True)


def test_builtin_forms_resolve_their_own_specs():
    skit = resolve_for(get_format("skit"), {"resolution": "360p"})
    assert skit.resolution == "360p"  # open choices: the skit takes more than it offers
    with pytest.raises(OptionError) as e:
        resolve_for(get_format("skit"), {"tts": "robot"})
    assert e.value.code == "SKIT_OPTION"
    li = resolve_for(get_format("long-image"), {"width": "1080", "watermark": "yes",
                                                "slide_pictures": "on"})
    assert li.width == 1080 and li.watermark == "on" and li.slide_pictures == "always"
    h5 = resolve_for(get_format("h5"), {"slide_pictures": False, "narration": "是"})
    assert h5.slide_pictures == "never" and h5.narration is True
