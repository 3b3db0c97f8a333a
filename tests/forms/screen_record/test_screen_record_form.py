"""The screen-record form in process, built-in slides: options, TTS paths, timing, cancel."""

from __future__ import annotations

import json
import threading
import time
import wave

import pytest

from creator_studio.core.errors import Cancelled, RenderError
from creator_studio.core.forms import get_format, render_forms
from creator_studio.core.forms.screen_record import ScreenRecordFormat
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.media import ffmpeg

from sr_samples import cue_times, make_lesson


def _tone(path, seconds=1.2, rate=22050):
    import math
    import struct

    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(9000 * math.sin(i / 8))) for i in range(int(seconds * rate))))
    return path


def _render(lesson, out, **opts):
    opts.setdefault("raster", "builtin")
    return ScreenRecordFormat().render(lesson, out, opts, Job())


def test_registered_with_cli_options():
    fmt = get_format("screen-record")
    assert isinstance(fmt, ScreenRecordFormat)
    assert fmt.label_zh == "录屏课"
    names = {o.name: o for o in fmt.options()}
    assert names["resolution"].choices == ["720p", "1080p"]
    assert names["tts"].choices == ["auto", "espeak", "system", "none"]
    assert names["burn_captions"].type == "bool"
    assert names["raster"].choices == ["auto", "libreoffice", "builtin"]


def test_builtin_slides_espeak_and_manifest(tmp_path):
    lesson = make_lesson(2)
    done, failed = render_forms(lesson, tmp_path, ["screen-record"], {"raster": "builtin"}, Job())
    assert failed == {}
    info = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["forms"]["screen-record"]["info"]
    assert info["raster_backend"] == "builtin" and info["tts_engine"] == "espeak-ng"
    assert info["slide_count"] == 2 and info["hidden_skipped"] == 1
    assert info["timing_rules"] == {"narration": 2}
    p = ffmpeg.probe(tmp_path / "screen-record" / "course.mp4")
    assert p["duration"] == pytest.approx(info["planned_duration"], abs=0.5)
    assert p["subtitle"]["codec_name"] == "mov_text"
    assert p["format"]["tags"]["title"] == "个人养老金入门"
    assert "不应朗读" not in (tmp_path / "screen-record" / "course.srt").read_text(encoding="utf-8")


def test_tts_none_keeps_captions_and_a_silent_track(tmp_path):
    art = _render(make_lesson(2), tmp_path, tts="none")
    assert art.info["tts_engine"] == "none"
    assert art.info["captions"] >= 2
    p = ffmpeg.probe(tmp_path / "screen-record" / "course.mp4")
    assert p["audio"]["codec_name"] == "aac"
    srt = (tmp_path / "screen-record" / "course.srt").read_text(encoding="utf-8")
    assert all(b <= p["duration"] + 1e-3 for _, b in cue_times(srt))


def test_espeak_absent_falls_back_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_ESPEAK", "none")
    art = _render(make_lesson(1), tmp_path, tts="espeak")
    assert art.info["tts_engine"] == "none"
    assert any("espeak-ng" in f for f in art.info["tts_fallbacks"])
    assert art.warnings


def test_recorded_narration_per_page(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    _tone(assets / "rec1.wav", 1.2)
    src = _tone(tmp_path / "src.wav", 2.0, 44100)
    ffmpeg.run_ffmpeg(["-i", str(src), "-c:a", "libmp3lame", str(assets / "rec2.mp3")])
    lesson = make_lesson(3, asset_root=assets)
    lesson.pages[0].narration_audio = "rec1.wav"
    lesson.pages[1].blocks.append(m.Media(asset="rec2.mp3", media_type="audio", is_narration=True))
    art = _render(lesson, tmp_path / "out")
    assert art.info["tts_engines"] == {"recorded": 2, "espeak-ng": 1}
    assert art.info["tts_engine"] == "espeak-ng+recorded"


def test_advtm_and_silent_pages_are_timed(tmp_path):
    lesson = make_lesson(2, narration=False, advance=4.0)
    lesson.pages[1].duration = None
    for p in lesson.pages:  # music only / silent, chosen by the maker (issue 13 §3 (c))
        p.narration_mode = "silent"
    art = _render(lesson, tmp_path, tts="none")
    assert art.info["timing_rules"] == {"advTm": 1, "text": 1}
    assert art.info["narration_sources"] == {"silent": 2}
    assert art.info["captions"] == 0
    assert art.info["planned_duration"] > 3 + 4 + 3
    assert ffmpeg.probe(tmp_path / "screen-record" / "course.mp4")["subtitle"] is None


def test_burn_captions_1080p(tmp_path):
    art = _render(make_lesson(1), tmp_path, burn_captions=True, resolution="1080p", tts="none")
    assert art.info["burn_captions"] is True
    p = ffmpeg.probe(tmp_path / "screen-record" / "course.mp4")
    assert (p["video"]["width"], p["video"]["height"]) == (1920, 1080)
    assert p["video"]["pix_fmt"] == "yuv420p"


def test_bad_options_and_empty_lessons_are_typed_errors(tmp_path):
    with pytest.raises(RenderError) as err:
        _render(make_lesson(1), tmp_path, resolution="4k")
    assert err.value.code == "BAD_OPTION"
    with pytest.raises(RenderError) as err:
        _render(make_lesson(1), tmp_path, tts="robot")
    assert err.value.code == "BAD_OPTION"
    with pytest.raises(RenderError) as err:
        _render(make_lesson(1), tmp_path, voice="--help; rm")
    assert err.value.code == "BAD_OPTION"
    only_hidden = m.Lesson(title="x", pages=[m.Page(id="h", hidden=True)])
    with pytest.raises(RenderError) as err:
        _render(only_hidden, tmp_path)
    assert err.value.code == "NO_PAGES"
    assert not (tmp_path / "screen-record").exists()


def test_cancel_leaves_nothing_and_no_processes(tmp_path):
    from media_helpers import child_processes  # tests/media is put on sys.path by conftest

    lesson = make_lesson(3, narration=False, advance=90.0)
    job = Job()
    fmt = ScreenRecordFormat()
    before = {pid for pid, _ in child_processes()}
    threading.Timer(1.2, job.cancel).start()
    t0 = time.perf_counter()
    with pytest.raises(Cancelled):
        fmt.render(lesson, tmp_path, {"raster": "builtin", "tts": "none", "resolution": "1080p"}, job)
    assert time.perf_counter() - t0 < 1.2 + 1.0
    assert not (tmp_path / "screen-record").exists()
    assert [p.name for p in tmp_path.iterdir()] == []
    time.sleep(0.1)
    assert [(pid, n) for pid, n in child_processes() if pid not in before] == []


@pytest.mark.parametrize("name", ["docx/sdk_zh_table_2006.docx", "docx/pyoffice_zh_word_table.docx"])
def test_real_documents_render_with_builtin_slides(corpus_dir, tmp_path, name):
    from creator_studio.core.importers import import_source

    lesson = import_source(corpus_dir / name, assets_dir=tmp_path / "assets")
    art = _render(lesson, tmp_path / "out", tts="none", raster="auto")
    assert art.info["raster_backend"] == "builtin"  # a Word file has no slides for LibreOffice
    assert ".docx" in art.info["raster_fallback_reason"]
    p = ffmpeg.probe(tmp_path / "out" / "screen-record" / "course.mp4")
    assert p["duration"] == pytest.approx(art.info["planned_duration"], abs=0.5)


def test_theme_option(tmp_path):
    with pytest.raises(RenderError) as err:
        _render(make_lesson(1), tmp_path, theme="no-such-theme")
    assert err.value.code == "UNKNOWN_THEME"
    art = _render(make_lesson(1), tmp_path, theme="warm-orange", tts="none")
    png = tmp_path / "title.png"
    ffmpeg.run_ffmpeg(["-ss", "1", "-i", str(tmp_path / "screen-record" / "course.mp4"), "-frames:v", "1", str(png)])
    from PIL import Image

    with Image.open(png) as im:
        r, g, b = im.convert("RGB").getpixel((10, 10))
    assert r > b  # warm title card, not the default blue
    assert art.info["slide_count"] == 1
