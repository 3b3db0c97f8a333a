"""Captions of a narrated page follow the maker's own voice: the page script is placed on the
recording's speech segments (issue 14). The "maker" here is espeak-ng reading four sentences with
pauses of different lengths, and clause pauses inside a sentence almost as long as the pauses
between sentences — what a person reading a script does."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import numpy as np
import pytest

from creator_studio.core.media import align, audio, ffmpeg, tts
from creator_studio.core.media.captions import clause_ends

SENTENCES = ["今天我们学习如何提交理赔申请。",
             "首先，打开系统，登录你的账号，然后进入理赔页面。",
             "好的。",
             "最后检查填写的内容，确认无误以后点击提交按钮。"]
# What is spoken, piece by piece, and the silence after each piece. Sentence 2 is read in four
# clauses with 0.3–0.4 s pauses; the pauses between sentences are 0.45–1.2 s.
PIECES = [(0, "今天我们学习如何提交理赔申请。", 1.2),
          (1, "首先", 0.35), (1, "打开系统", 0.3), (1, "登录你的账号", 0.4), (1, "然后进入理赔页面", 0.45),
          (2, "好的。", 0.6),
          (3, "最后检查填写的内容，确认无误以后点击提交按钮。", 0.8)]
LEAD = 0.7


def _espeak(text: str, path) -> tuple[np.ndarray, int]:
    if not shutil.which("espeak-ng"):
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("espeak-ng is missing in CI", pytrace=False)
        pytest.skip("espeak-ng not installed")
    subprocess.run(["espeak-ng", "-v", "cmn", "-w", str(path), text], check=True, timeout=60)
    s, r = audio.read_wav(path)
    return audio.trim_silence(s), r


@pytest.fixture(scope="module")
def take(tmp_path_factory):
    """(samples, rate, truth) — truth[i] = (start, end) of sentence i, noise at −55 dBFS."""
    d = tmp_path_factory.mktemp("take")
    parts, truth, rate = [], {}, 22050
    for k, (idx, text, gap) in enumerate(PIECES):
        s, rate = _espeak(text, d / f"p{k}.wav")
        if not parts:
            parts.append(np.zeros(int(LEAD * rate), np.int16))
        start = sum(len(p) for p in parts) / rate
        parts += [s, np.zeros(int(gap * rate), np.int16)]
        a, _ = truth.get(idx, (start, 0))
        truth[idx] = (a, start + len(s) / rate)
    y = np.concatenate(parts).astype(np.float32)
    y += np.random.default_rng(7).normal(0, 32768 * 10 ** (-55 / 20), len(y))
    y = np.clip(y, -32768, 32767).astype(np.int16)
    return y, rate, [truth[i] for i in range(len(SENTENCES))]


def _weights():
    return [max(1.0, tts.estimate_seconds(t)) for t in SENTENCES]


def test_sentences_land_on_the_voice(take):
    y, rate, truth = take
    found = align.align(y, rate, _weights(), [len(clause_ends(t)) for t in SENTENCES])
    assert found is not None and found.method == "pauses"
    assert found.segments >= 7  # the clause pauses of sentence 2 are seen as segment breaks …
    for (a, b), (ta, tb) in zip(found.spans, truth):  # … but not taken for sentence breaks
        assert a == pytest.approx(ta, abs=0.1)
        assert b == pytest.approx(tb, abs=0.1)
    # sentence 2 has three clause marks: three pauses found inside it, at the real pauses
    p = found.pauses[1]
    assert len(p) == 3 and all(truth[1][0] < x < truth[1][1] for x in p)
    # spreading by length over the whole take (what the studio did before) is far off
    total = len(y) / rate
    w = _weights()
    prop_starts = [total * sum(w[:i]) / sum(w) for i in range(len(w))]
    prop_err = max(abs(a - ta) for a, (ta, _) in zip(prop_starts, truth))
    our_err = max(abs(a - ta) for (a, _), (ta, _) in zip(found.spans, truth))
    assert prop_err > 0.6 and prop_err > 5 * our_err, (prop_err, our_err)


def test_fewer_pauses_than_sentences_spreads_over_the_speech_only():
    rate = 22050
    t = np.arange(int(4 * rate)) / rate
    tone = (0.3 * 32767 * np.sin(2 * np.pi * 220 * t)).astype(np.int16)  # 4 s without a pause
    y = np.concatenate([np.zeros(rate, np.int16), tone, np.zeros(2 * rate, np.int16)])
    found = align.align(y, rate, [1.0, 1.0, 2.0])
    assert found.method == "proportional"
    assert found.spans[0][0] == pytest.approx(1.0, abs=0.05)   # not 0: the lead silence is skipped
    assert found.spans[-1][1] == pytest.approx(5.0, abs=0.05)  # not 7: the tail silence too
    assert found.spans[1] == pytest.approx((2.0, 3.0), abs=0.05)
    assert align.align(np.zeros(rate, np.int16), rate, [1.0]) is None  # silence: no speech at all
    # a take without any pause (a steady sound from start to end) is all speech, not none
    found = align.align(tone, rate, [1.0, 1.0])
    assert found is not None and found.spans[0][0] == 0.0 and found.spans[-1][1] == pytest.approx(4.0, abs=0.03)
    # hiss alone (−60 dBFS) is no speech
    hiss = (np.random.default_rng(3).normal(0, 32768 * 10 ** (-60 / 20), 2 * rate)).astype(np.int16)
    assert align.align(hiss, rate, [1.0]) is None


def _m4a(tmp_path, y, rate):
    wav = audio.write_wav(tmp_path / "take.wav", y, rate)
    out = tmp_path / "take.m4a"
    subprocess.run([ffmpeg.ffmpeg_exe(), "-v", "error", "-y", "-i", str(wav), "-c:a", "aac", "-b:a", "128k",
                    str(out)], check=True, timeout=60)
    return out


def test_recorded_narration_sentences_follow_the_recording(take, tmp_path):
    """Through the TTS entry point the render uses: an AAC recording (codec delay and all)."""
    y, rate, truth = take
    rec = _m4a(tmp_path, y, rate)
    n = tts.synthesize("".join(SENTENCES), tmp_path / "n.wav", tts.VoiceSpec(engine="none", recorded=rec))
    assert n.engine == "recorded" and n.caption_timing == "pauses"
    assert [s.text for s in n.sentences] == SENTENCES
    for s, (ta, tb) in zip(n.sentences, truth):
        assert s.start == pytest.approx(ta, abs=0.12)
        assert s.end == pytest.approx(tb, abs=0.12)
    # a silent "recording": nothing to align to, the old spread over its duration is kept
    (tmp_path / "q").mkdir()
    quiet = _m4a(tmp_path / "q", np.zeros(3 * rate, np.int16), rate)
    n2 = tts.synthesize("".join(SENTENCES), tmp_path / "n2.wav", tts.VoiceSpec(engine="none", recorded=quiet))
    assert n2.caption_timing == "proportional" and n2.sentences[0].start == 0.0


def _srt_starts(text: str) -> list[tuple[float, str]]:
    out = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        m = re.match(r"(\d+):(\d+):(\d+),(\d+) -->", lines[1])
        h, mi, s, ms = (int(x) for x in m.groups())
        out.append((h * 3600 + mi * 60 + s + ms / 1000, "".join(lines[2:])))
    return out


@pytest.mark.slow
def test_course_captions_follow_the_recorded_voice(take, tmp_path):
    """End to end: a page narrated with the recording → the screen-record SRT's cues start where
    each sentence is heard in the course MP4's audio."""
    from creator_studio.core.forms.screen_record import ScreenRecordFormat
    from creator_studio.core.jobs import Job
    from creator_studio.core.lesson import model as m
    from creator_studio.core.lesson.assets import AssetStore

    y, rate, truth = take
    root = tmp_path / "assets"
    name = AssetStore(root).put_file(_m4a(tmp_path, y, rate), ".m4a")
    lesson = m.Lesson(title="理赔", pages=[m.Page(id="p1", title="提交理赔", narration="".join(SENTENCES),
                                                narration_audio=name)])
    lesson.asset_root = root
    out = tmp_path / "out"
    art = ScreenRecordFormat().render(lesson, out, {"tts": "none", "raster": "builtin", "resolution": "720p"}, Job())
    assert art.info["tts_engine"] == "recorded"
    assert art.info["recorded_caption_timing"] == {"pauses": 1}
    cues = _srt_starts((out / "screen-record" / "course.srt").read_text(encoding="utf-8"))
    firsts = [next(t for t, txt in cues if txt.startswith(s[:2])) for s in SENTENCES]
    # where the recording starts in the course: find sentence 1's onset in the MP4's own audio
    wav = tmp_path / "course.wav"
    ffmpeg.to_wav(out / "screen-record" / "course.mp4", wav, rate=22050)
    a, r = audio.read_wav(wav)
    segs = align.speech_segments(a, r)
    offset = segs[0][0] - truth[0][0]
    for t, (ta, _) in zip(firsts, truth):
        assert t == pytest.approx(ta + offset, abs=0.15)
