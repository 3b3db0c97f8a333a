"""The animated picture sequence is streamed to ffmpeg as raw frames (issue 16): timestamps come
from a `setpts` expression, frames are drawn only when ffmpeg takes them, and a failure on
either side ends both with a typed error and no process left."""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest
from PIL import Image

from creator_studio.core.errors import Cancelled
from creator_studio.core.jobs import Job
from creator_studio.core.media import animate, ffmpeg, video

PRESET = video.PRESETS["360p"]
W, H = PRESET.size


def _frame_at(mp4, t: float, tmp) -> np.ndarray:
    png = tmp / f"at-{t:.2f}.png"
    ffmpeg.run_ffmpeg(["-ss", f"{t:.3f}", "-i", str(mp4), "-frames:v", "1", str(png)])
    return np.asarray(Image.open(png).convert("RGB")).astype(int)


def _grey(level: int) -> np.ndarray:
    return np.full((H, W, 3), level, np.uint8)


def test_many_runs_in_one_chunk_keep_their_times(tmp_path):
    """400 runs (a still, then two motion frames, over and over) in one chunk: deeper than
    ffmpeg's expression nesting limit as a flat sum; every still shows at its planned time."""
    seq = animate.Sequence(seg_dir=tmp_path / "segs", preset=PRESET, budget=10**12, piece=10.0)
    seq.MAX_RUNS = 10**6  # one chunk, whatever its size
    plan = []
    t = 0.0
    for k in range(200):
        level = 20 + (k % 10) * 20
        plan.append((t, level))
        seq.add_still(seq.picture(_grey(level)), 0.13)
        seq.add_frame(_grey(255), 1 / animate.FPS)
        seq.add_frame(lambda: _grey(250), 1 / animate.FPS)
        t += 0.13 + 2 / animate.FPS
    try:
        seq.finish(tmp_path / "out.mp4", audio=None, srt=None, burn_subtitles=False)
    finally:
        seq.cleanup()
    assert not seq.segments
    assert ffmpeg.probe(tmp_path / "out.mp4")["duration"] == pytest.approx(t, abs=0.25)
    for start, level in (plan[3], plan[77], plan[150], plan[199]):
        # `-ss` gives the first frame starting at or after the time: ask for the still's start
        f = _frame_at(tmp_path / "out.mp4", start, tmp_path)
        assert abs(f.mean() - level) < 6, (start, level, f.mean())


def test_pts_expression_is_a_shallow_tree():
    expr = animate._pts_expression([0.05] * 3 + [1.0] + [0.05] * 2 + [2.5] * 4)
    # runs start at frames 0, 3, 4, 6 and the repeated last picture at 10 (end time 1.25 + 10)
    assert expr.count("if(") == 4 and "11.250000" in expr
    deep = animate._pts_expression([0.05, 1.0] * 500)  # 1000 runs
    depth = most = 0
    for ch in deep:
        depth += ch == "("
        depth -= ch == ")"
        most = max(most, depth)
    assert most < 40


def test_drawing_fails_then_ffmpeg_is_stopped(tmp_path):
    seq = animate.Sequence(seg_dir=tmp_path / "segs", preset=PRESET)
    seq.add_still(seq.picture(_grey(200)), 1.0)

    def broken():
        raise RuntimeError("a layer could not be drawn")

    seq.add_frame(broken, 0.05)
    before = {pid for pid, _ in _children()}
    with pytest.raises(RuntimeError, match="could not be drawn"):
        seq.finish(tmp_path / "out.mp4", audio=None, srt=None, burn_subtitles=False)
    seq.cleanup()
    assert not (tmp_path / "out.mp4").exists()
    assert {pid for pid, name in _children() if "ffmpeg" in name} - before == set()


def test_cancel_while_streaming(tmp_path):
    job = Job()
    seq = animate.Sequence(seg_dir=tmp_path / "segs", preset=PRESET, job=job)
    drawn = []

    def frame():
        drawn.append(1)
        if len(drawn) == 30:
            threading.Timer(0.05, job.cancel).start()
        return _grey(len(drawn) % 250)

    for _ in range(2000):
        seq.add_frame(frame, 1 / animate.FPS)
    with pytest.raises(Cancelled):
        seq.finish(tmp_path / "out.mp4", audio=None, srt=None, burn_subtitles=False)
    seq.cleanup()
    assert len(drawn) < 2000 and not (tmp_path / "out.mp4").exists()


def test_ffmpeg_failing_mid_stream_is_a_typed_error(tmp_path, monkeypatch):
    """ffmpeg refusing its settings exits before reading a frame: the caller gets MediaToolError
    with ffmpeg's words, not a broken pipe."""
    monkeypatch.setattr(animate, "_video_args",
                        lambda preset, vf, kf: ["-vf", ",".join(vf), "-c:v", "no-such-encoder"])
    seq = animate.Sequence(seg_dir=tmp_path / "segs", preset=PRESET)
    for _ in range(50):
        seq.add_frame(lambda: _grey(90), 1 / animate.FPS)
    with pytest.raises(ffmpeg.MediaToolError) as err:
        seq.finish(tmp_path / "out.mp4", audio=None, srt=None, burn_subtitles=False)
    seq.cleanup()
    assert "no-such-encoder" in str(err.value)


def _children() -> list[tuple[int, str]]:
    out = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().split()
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                name = fh.read().split(b"\0")[0].decode(errors="replace")
        except OSError:
            continue
        if int(fields[3]) == os.getpid() or int(fields[4]) == os.getpid():
            out.append((int(pid), name))
    return out
