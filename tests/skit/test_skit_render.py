"""The skit form end to end: video streams, captions, voices, chat image, errors, fallbacks."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from PIL import Image

from creator_studio.core.forms import render_forms
from creator_studio.core.forms.skit import SkitFormat
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.media import audio, ffmpeg
from creator_studio.core.media.tts import synthesize
from creator_studio.core.skit.voices import assign_voices

from .conftest import HOSTILE, branching_script, skit_lesson_of

pytestmark = pytest.mark.slow


def _srt_times(text: str) -> list[tuple[float, float]]:
    def sec(s):
        h, mi, rest = s.split(":")
        return int(h) * 3600 + int(mi) * 60 + float(rest.replace(",", "."))
    return [(sec(a), sec(b)) for a, b in re.findall(r"(\S+) --> (\S+)", text)]


def test_video_streams_and_timeline(rendered):
    out, art, _ = rendered
    mp4 = out / "skit" / "skit.mp4"
    info = ffmpeg.probe(mp4)
    v, a, s = info["video"], info["audio"], info["subtitle"]
    assert v["codec_name"] == "h264" and v["pix_fmt"] == "yuv420p"
    assert (v["width"], v["height"]) == (640, 360)
    assert a["codec_name"] == "aac" and s is not None and s["codec_name"] == "mov_text"
    planned = art.info["duration"]
    assert abs(info["duration"] - planned) < 0.5
    assert planned > 8  # five spoken lines plus title and choice cards
    # faststart: the moov atom comes before mdat
    head = mp4.read_bytes()[:200_000]
    assert 0 <= head.find(b"moov") < head.find(b"mdat") or head.find(b"mdat") == -1


def test_captions_follow_the_spoken_path(rendered):
    out, art, _ = rendered
    srt = (out / "skit" / "skit.srt").read_text(encoding="utf-8")
    vtt = (out / "skit" / "skit.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT")
    times = _srt_times(srt)
    assert times and all(b > a for a, b in times)
    assert all(times[i][1] <= times[i + 1][0] + 1e-6 for i in range(len(times) - 1))
    assert times[-1][1] <= art.info["duration"] + 1e-6
    flat = srt.replace("\n", "")
    assert "客户 王女士：这个保险靠谱吗" in flat
    # best option spoken by the learner role (19 characters: two caption lines of ≤ 16, issue 13)
    assert "业务员小李" in flat and "我们一起看看条款和理赔数据" in flat
    assert "我再想想吧" not in srt  # the wrong branch is not on the best path


def test_artifact_info_and_manifest(rendered):
    out, art, _ = rendered
    info = art.info
    assert info["line_count"] == 5 and info["scene_count"] == 3
    assert info["path_scenes"] == ["s1", "s2"]
    assert info["tts_engine"] == "espeak-ng"
    assert len(set(info["voices"].values())) == 3
    assert info["best_score"] == info["max_score"] == 10
    assert info["h5_voiced_lines"] == 5  # every line of every scene, not only the best path
    media = list((out / "skit" / "h5" / "media").glob("*.m4a"))
    assert len(media) == 5 and all(ffmpeg.probe(p)["audio"]["codec_name"] == "aac" for p in media[:1])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["forms"]["skit"]["info"]["duration"] == info["duration"]
    paths = {f["path"] for f in manifest["forms"]["skit"]["files"]}
    assert {"skit/skit.mp4", "skit/skit.srt", "skit/skit.vtt", "skit/chat-01.png",
            "skit/h5/index.html", "skit/h5/course-scorm12.zip", "skit/h5/course-cmi5.zip"} <= paths


def test_chat_image(rendered):
    out, art, _ = rendered
    chats = sorted((out / "skit").glob("chat-*.png"))
    assert chats and art.info["chat_segments"] == len(chats)
    img = Image.open(chats[0]).convert("RGB")
    assert img.width == 750 and img.height > 600
    # right-hand bubbles exist: the learner's replies tint the right half somewhere
    arr = np.asarray(img)
    right = arr[:, 400:700]
    bubble = np.all(np.abs(right.astype(int) - np.array(_me_bubble())) < 6, axis=-1)
    assert bubble.sum() > 2000


def _me_bubble():
    from creator_studio.core.themes import load_theme
    from creator_studio.core.skit.chat import _mix

    t = load_theme()
    return _mix(t.rgb("primary"), (255, 255, 255), 0.78)


def test_speaker_highlighted_in_a_frame(rendered, tmp_path):
    """Grab a frame while the customer speaks: her avatar is in colour, the listener is grey."""
    out, art, _ = rendered
    srt = (out / "skit" / "skit.srt").read_text(encoding="utf-8")
    blocks = srt.strip().split("\n\n")
    cue = next(b for b in blocks if "这个保险靠谱吗" in b)
    a, b = _srt_times(cue)[0]
    frame = tmp_path / "f.png"
    ffmpeg.run_ffmpeg(["-ss", f"{(a + b) / 2:.2f}", "-i", str(out / "skit" / "skit.mp4"),
                       "-frames:v", "1", str(frame)])
    img = np.asarray(Image.open(frame).convert("RGB")).astype(int)
    h, w = img.shape[:2]
    cy = int(h * 0.66)

    def saturation(x):
        patch = img[cy - 5:cy + 5, x - 5:x + 5]
        return float((patch.max(axis=-1) - patch.min(axis=-1)).mean())

    # the left avatar belongs to the speaker (resolve_sides puts the customer left)
    assert saturation(int(w * 0.15) - 30) > 60
    assert saturation(int(w * 0.85) - 30) < 25


def test_each_speaker_voice_differs(tmp_path):
    script = branching_script()
    voices = assign_voices(script, "espeak")

    def f0(path):
        x, r = audio.read_wav(path)
        x = x.astype(np.float32)
        fr = int(0.04 * r)
        vals = []
        for i in range(0, len(x) - fr, fr):
            seg = x[i:i + fr]
            if np.abs(seg).mean() < 500:
                continue
            seg = seg - seg.mean()
            ac = np.correlate(seg, seg, "full")[fr - 1:]
            lo, hi = int(r / 400), int(r / 70)
            vals.append(r / (lo + int(np.argmax(ac[lo:hi]))))
        return float(np.median(vals))

    text = "我们先一起看看保险条款。"
    stats = {}
    for cid, v in voices.items():
        n = synthesize(text, tmp_path / f"{cid}.wav", v)
        assert n.engine == "espeak-ng"
        stats[cid] = (n.wav_path.read_bytes(), f0(n.wav_path))
    ids = list(stats)
    for i in range(len(ids)):
        for j in range(i + 1, len(ids)):
            bi, fi = stats[ids[i]]
            bj, fj = stats[ids[j]]
            assert bi != bj
            assert abs(fi - fj) / max(fi, fj) > 0.05, (ids[i], fi, ids[j], fj)


def test_without_espeak_the_skit_still_renders(tmp_path, monkeypatch):
    monkeypatch.setenv("CREATOR_STUDIO_ESPEAK", "none")
    script = m.Script(cast=[m.Character("c1", "客户"), m.Character("c2", "业务员")],
                      scenes=[m.Scene("s1", "短场景", lines=[m.Line("c1", "你好。"),
                                                            m.Line("c2", "您好，请坐。")])])
    art = SkitFormat().render(skit_lesson_of(script), tmp_path, {"resolution": "360p"}, Job())
    assert art.info["tts_engine"] == "none"
    assert art.info["h5_voiced_lines"] == 0  # silence is never shipped as "audio"
    assert any("espeak" in w for w in art.warnings)
    info = ffmpeg.probe(tmp_path / "skit" / "skit.mp4")
    assert info["audio"]["codec_name"] == "aac"
    assert abs(info["duration"] - art.info["duration"]) < 0.5


def test_no_dialogue_error_while_other_forms_render(tmp_path):
    lesson = m.Lesson(title="普通课程", pages=[m.Page("p1", "第一页", blocks=[
        m.Paragraph([m.Run("保险是一种风险转移机制。")])])])
    done, failed = render_forms(lesson, tmp_path, ["skit", "long-image"], {})
    assert "long-image" in done
    err = failed["skit"]
    assert err.code == "NO_DIALOGUE" and "对话" in err.message_zh and "dialogue" in err.message_en
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["errors"]["skit"]["code"] == "NO_DIALOGUE"
    assert "long-image" in manifest["forms"]
    assert not (tmp_path / "skit").exists()


def test_invalid_script_blocks_with_pointed_message(tmp_path):
    script = branching_script()
    script.scenes[1].lines[0].speaker = "ghost"
    done, failed = render_forms(skit_lesson_of(script), tmp_path, ["skit"], {"tts": "none"})
    err = failed["skit"]
    assert err.code == "SCRIPT_INVALID"
    assert "「讲解条款」第 1 句" in err.message_zh and "ghost" in err.message_en


def test_bad_options_are_typed_errors(tmp_path):
    lesson = skit_lesson_of(branching_script())
    for opts, code in (({"resolution": "8k"}, "SKIT_OPTION"), ({"tts": "robot"}, "SKIT_OPTION"),
                       ({"theme": "nope"}, "UNKNOWN_THEME")):
        done, failed = render_forms(lesson, tmp_path, ["skit"], opts)
        assert failed["skit"].code == code


def test_hostile_text_is_drawn_and_escaped(tmp_path, chromium):
    script = branching_script()
    script.cast[0].name = "客户<b>X</b>"
    script.scenes[0].lines[1].text = "靠谱吗？" + HOSTILE
    script.scenes[0].decision.options[1].text = "看条款" + HOSTILE
    script.scenes[0].title = "场景</title><script>window.__pwned=3</script>"
    art = SkitFormat().render(skit_lesson_of(script, title=HOSTILE), tmp_path,
                              {"resolution": "360p", "tts": "none"}, Job())
    assert art.files
    vtt = (tmp_path / "skit" / "skit.vtt").read_text(encoding="utf-8")
    assert "<script>" not in vtt and "&lt;script&gt;" in vtt
    data = (tmp_path / "skit" / "h5" / "data.js").read_text(encoding="utf-8")
    assert "<script" not in data.lower() and "</title" not in data.lower()
    page = chromium.new_page()
    page.goto((tmp_path / "skit" / "h5" / "index.html").as_uri())
    page.wait_for_function("window.CS_H5 && window.CS_H5.ready")
    page.locator(".chat-next").click()
    assert page.evaluate("window.__pwned") is None
    assert HOSTILE in page.locator(".chat").inner_text()
    assert page.locator(".chat script").count() == 0 and page.locator(".chat img[src=x]").count() == 0
    page.close()


def test_shots_cross_dissolve_without_moving_the_timeline(rendered, tmp_path):
    """At a cue's start the picture is between the two shots; a moment later it has settled."""
    out, art, _ = rendered
    assert art.info["transitions"] == "dissolve"
    cues = _srt_times((out / "skit" / "skit.srt").read_text(encoding="utf-8"))
    start = cues[2][0]  # a line after the first one: the shot changes here

    def grab(t, name):
        f = tmp_path / name
        ffmpeg.run_ffmpeg(["-ss", f"{t:.2f}", "-i", str(out / "skit" / "skit.mp4"),
                           "-frames:v", "1", str(f)])
        return np.asarray(Image.open(f).convert("RGB")).astype(int)

    before, mid, settled = grab(start - 0.3, "a.png"), grab(start + 0.1, "b.png"), grab(start + 0.7, "c.png")
    changed = np.abs(before - settled).sum(axis=-1) > 60  # pixels the shot change touches
    assert changed.mean() > 0.01
    # mid-dissolve pixels sit strictly between the old and the new shot
    d_old = np.abs(mid - before).sum(axis=-1)[changed].mean()
    d_new = np.abs(mid - settled).sum(axis=-1)[changed].mean()
    full = np.abs(before - settled).sum(axis=-1)[changed].mean()
    assert 0.1 * full < d_old < 0.9 * full and 0.1 * full < d_new < 0.9 * full
