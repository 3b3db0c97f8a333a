"""Sentence-timed synthesis: one espeak-ng call per page cut at SSML breaks, or one call per
sentence as the fallback — both give the same sentence times; short tool runs die with us."""

from __future__ import annotations

import signal
import sys
import threading
import time

import pytest

from creator_studio.core.errors import Cancelled
from creator_studio.core.jobs import Job
from creator_studio.core.media import tts

TEXT = ("各位同事大家好。今天我们学习理赔流程！客户出险后，应在48小时内报案，并提交保单、身份证和"
        "医院诊断证明。好。下载APP也可以报案？")
HAS_ESPEAK = bool(tts.espeak_exe())


def _check_spans(n):
    assert [s.text for s in n.sentences] == ["各位同事大家好。", "今天我们学习理赔流程！",
                                             "客户出险后，应在48小时内报案，并提交保单、身份证和医院诊断证明。",
                                             "好。", "下载APP也可以报案？"]
    prev = -1.0
    for s in n.sentences:
        assert s.start > prev and s.end > s.start and s.end <= n.duration + 1e-6
        prev = s.end
    return [round(s.end - s.start, 2) for s in n.sentences]


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_batched_and_one_by_one_give_the_same_sentence_times(tmp_path, monkeypatch):
    batched = tts.synthesize(TEXT, tmp_path / "a.wav")
    a = _check_spans(batched)
    calls = []
    real = tts._split_at_breaks
    monkeypatch.setattr(tts, "_split_at_breaks", lambda s, n: calls.append(n) or None)
    single = tts.synthesize(TEXT, tmp_path / "b.wav")
    b = _check_spans(single)
    assert calls == [5]  # the fallback really ran
    assert all(abs(x - y) <= 0.08 for x, y in zip(a, b)), (a, b)
    assert real is not None
    # a short sentence keeps a slot of at least MIN_SENTENCE_SLOT before the next one
    ok = batched.sentences
    assert ok[4].start - ok[3].start >= tts.MIN_SENTENCE_SLOT + tts.SENTENCE_GAP - 1e-6


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_split_refuses_audio_without_clear_breaks(tmp_path):
    import numpy as np

    n = tts.synthesize("这一句话没有停顿一直读下去直到结束为止。", tmp_path / "c.wav")
    from creator_studio.core.media import audio

    data, _ = audio.read_wav(n.wav_path)
    assert tts._split_at_breaks(data, 3) is None
    assert tts._split_at_breaks(np.zeros(0, dtype=np.int16), 2) is None


_PRCTL = ("import ctypes, sys; l = ctypes.CDLL(None); v = ctypes.c_int(); "
          "l.prctl(2, ctypes.byref(v), 0, 0, 0); sys.stderr.write(str(v.value))")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
@pytest.mark.parametrize("with_setpriv", [True, False])
def test_short_runs_get_the_parent_death_signal(monkeypatch, with_setpriv):
    if not with_setpriv:
        monkeypatch.setattr(tts, "_pdeathsig_prefix", lambda: ())
    elif not tts._pdeathsig_prefix():
        pytest.fail("setpriv (util-linux) is part of every Debian install")
    rc, err = tts.run_short([sys.executable, "-c", _PRCTL], "", job=None, timeout=30, what="probe")
    assert rc == 0 and err.strip() == str(int(signal.SIGKILL))


def test_cancel_kills_a_short_run_at_once():
    job = Job()
    threading.Timer(0.3, job.cancel).start()
    t0 = time.monotonic()
    with pytest.raises(Cancelled):
        tts.run_short([sys.executable, "-c", "import time; time.sleep(30)"], "", job=job, timeout=60,
                      what="sleeper")
    assert time.monotonic() - t0 < 3


def test_stale_tts_temp_folders_of_dead_processes_are_removed(tmp_path, monkeypatch):
    import subprocess
    import tempfile

    from creator_studio.core import staging

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"{tts.TEMP_PREFIX}p{dead.pid}-{staging.start_token(dead.pid)}.abc"
    stale.mkdir()
    (stale / "listen-p1.wav").write_bytes(b"RIFF")
    mine = tts.temp_dir()
    assert mine.parent == tmp_path and mine.name.startswith(tts.TEMP_PREFIX + staging.owner_tag())
    assert not stale.exists()


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_without_the_pinyin_voice_hanzi_go_to_cmn_and_still_speak(tmp_path, monkeypatch):
    assert tts.pinyin_voice_available()  # espeak-ng 1.51 here ships cmn-latn-pinyin
    assert tts.espeak_voice_name(tts.VoiceSpec(espeak_voice="cmn+f3")) == "cmn-latn-pinyin+f3"
    monkeypatch.setattr(tts, "_espeak_has_pinyin_voice", lambda exe: False)
    assert tts.espeak_voice_name(tts.VoiceSpec(espeak_voice="cmn+f3")) == "cmn+f3"
    n = tts.synthesize("今天学习理赔流程。", tmp_path / "old.wav")
    assert n.engine == "espeak-ng" and n.duration > 0.5
    assert "理赔" in n.spoken_input  # hanzi, not pinyin, for the old voice


@pytest.mark.skipif(not HAS_ESPEAK, reason="needs espeak-ng")
def test_clause_pauses_are_measured_in_the_audio(tmp_path):
    n = tts.synthesize("客户出险后，应在48小时内报案，并提交保单、身份证和医院诊断证明。好。", tmp_path / "p.wav")
    first, second = n.sentences
    assert len(first.pauses) == 3 and second.pauses == ()
    assert first.start < first.pauses[0] < first.pauses[1] < first.pauses[2] < first.end
    from creator_studio.core.media import audio

    data, rate = audio.read_wav(n.wav_path)
    for p in first.pauses:  # the audio really is quiet there
        seg = data[int((p - 0.02) * rate): int((p + 0.02) * rate)]
        assert abs(seg.astype(int)).max() <= 200
