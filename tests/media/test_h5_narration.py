"""H5 narration ships as loudness-normalised AAC (.m4a), and the H5 player plays it in Chromium
(issue 13 §5: two minutes of WAV were 8 MB)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from creator_studio.core.forms.h5 import H5Format
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.media import audio, ffmpeg, tts

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tts.espeak_exe(), reason="needs espeak-ng")]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--autoplay-policy=no-user-gesture-required"]


def _lesson() -> m.Lesson:
    return m.Lesson(title="理赔须知（仅供内部培训使用）", pages=[
        m.Page(id="p1", title="报案", narration="出险后请在48小时内拨打95500报案。趸交保单也要及时报案。",
               blocks=[m.Paragraph(runs=[m.Run("报案时限")])]),
        m.Page(id="p2", title="材料", narration="这一页不读。", narration_mode="silent",
               blocks=[m.Paragraph(runs=[m.Run("理赔材料清单")])]),
    ])


@pytest.fixture(scope="module")
def h5_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("h5narr")
    art = H5Format().render(_lesson(), out, {"narration": True}, Job())
    return out, art


def test_synthesized_narration_is_normalised_aac_not_wav(h5_out):
    out, art = h5_out
    assert art.info["synthesized_pages"] == 1  # the "silent" page is not voiced
    media = [f for f in art.files if "/media/" in f.path or f.path.startswith("h5/media")]
    audio_files = [f for f in media if f.path.endswith((".m4a", ".wav", ".ogg", ".webm", ".mp3"))]
    assert [Path(f.path).suffix for f in audio_files] == [".m4a"]
    path = out / audio_files[0].path
    info = ffmpeg.probe(path)
    assert info["audio"]["codec_name"] == "aac"
    seconds = info["duration"]
    assert path.stat().st_size / seconds < 9_000  # ≈ 48 kb/s; 44.1 kHz WAV would be 88 kB/s
    loud = audio.measure_loudness(path)
    assert -17.0 <= loud.integrated <= -15.0 and loud.true_peak <= -1.0
    assert art.info["narration_loudness"]["p1"]["integrated_lufs"] == pytest.approx(loud.integrated, abs=0.3)


@pytest.mark.browser
def test_h5_player_plays_the_aac_narration_in_chromium(h5_out):
    from playwright.sync_api import sync_playwright

    out, _ = h5_out
    url = (out / "h5" / "index.html").as_uri()
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = b.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url)
            page.wait_for_function("() => window.CS_H5 && window.CS_H5.ready")
            src = page.evaluate("document.querySelector('.narration audio').currentSrc || "
                                "document.querySelector('.narration audio source, .narration audio').src")
            assert src.endswith(".m4a"), src
            page.click(".narration-play")
            page.wait_for_function("() => { const a = document.querySelector('.narration audio');"
                                   " return a.error || a.currentTime > 0.5 || a.ended; }", timeout=20_000)
            state = page.evaluate("(() => { const a = document.querySelector('.narration audio');"
                                  " return [a.error && a.error.code, a.duration]; })()")
            assert state[0] is None and state[1] > 2.0, state
            assert errors == []
        finally:
            b.close()
