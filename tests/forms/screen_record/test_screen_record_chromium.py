"""The MP4 plays in Debian's Chromium (H.264 + AAC decode, seeking, the WebVTT track)."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from pathlib import Path

import pytest

from sr_samples import cue_times

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--autoplay-policy=no-user-gesture-required"]

PAGE = """<!doctype html><meta charset="utf-8"><title>录屏课</title>
<video id="v" src="course.mp4" muted preload="auto" playsinline>
  <track id="t" kind="subtitles" srclang="zh" label="中文" src="course.vtt" default>
</video>"""


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Byte ranges, as any real web server does (Chromium needs them to seek in a video)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        rng = self.headers.get("Range", "")
        path = Path(self.translate_path(self.path))
        if not rng.startswith("bytes=") or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        a, _, b = rng[6:].partition("-")
        start = int(a) if a else max(0, size - int(b))
        end = int(b) if a and b else size - 1
        with open(path, "rb") as fh:
            fh.seek(start)
            body = fh.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="module")
def server(cli_run):
    folder = cli_run["dir"]
    (folder / "play.html").write_text(PAGE, encoding="utf-8")
    handler = functools.partial(RangeHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    (folder / "play.html").unlink()


@pytest.mark.browser
def test_plays_in_chromium(server, cli_run):
    from playwright.sync_api import sync_playwright

    planned = cli_run["manifest"]["forms"]["screen-record"]["info"]["planned_duration"]
    n_cues = len(cue_times((cli_run["dir"] / "course.vtt").read_text(encoding="utf-8")))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{server}/play.html")
            support = page.evaluate("""() => document.createElement('video')
                .canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"')""")
            assert support == "probably"  # Debian's chromium ships the H.264/AAC decoders
            page.wait_for_function("document.getElementById('v').readyState >= 2", timeout=15000)
            state = page.evaluate("""() => { const v = document.getElementById('v');
                return {err: v.error && v.error.code, dur: v.duration, w: v.videoWidth, h: v.videoHeight}; }""")
            assert state["err"] is None
            assert state["dur"] == pytest.approx(planned, abs=0.5)
            assert (state["w"], state["h"]) == (1280, 720)
            # Seeking lands (keyframes every 2 s) and playback advances.
            page.evaluate("""() => new Promise(ok => { const v = document.getElementById('v');
                v.addEventListener('seeked', ok, {once: true}); v.currentTime = 5; })""")
            t = page.evaluate("""async () => { const v = document.getElementById('v'); await v.play();
                await new Promise(r => setTimeout(r, 600)); v.pause(); return v.currentTime; }""")
            assert t > 5.1
            page.wait_for_function("document.getElementById('t').track.cues && "
                                   "document.getElementById('t').track.cues.length > 0", timeout=10000)
            cues = page.evaluate("document.getElementById('t').track.cues.length")
            assert cues == n_cues
            assert errors == []
        finally:
            browser.close()
