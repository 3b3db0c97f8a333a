"""Issue 20, defect 9: kill -9 leaves no debris that outlives the next run.

Unit tests pin the rules of `core/staging.py` (dead owner → removed, live owner → kept, a reused
PID with another start time → removed, untagged old debris → removed only where allowed). The
attack test kills a real `creator-studio convert --to screen-record` with SIGKILL twice — once while
LibreOffice renders the slides (`cs-lo-*` exists), once while the mp4 is being written in the
`.screen-record.*` staging folder — then runs it again and asserts nothing is left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from creator_studio.core import atomic, staging

ROOT = Path(__file__).parents[2]
CLI = ROOT / ".venv" / "bin" / "creator-studio"


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid  # reaped: gone (reuse within the test is astronomically unlikely)


def test_owner_tag_names_this_process():
    tag = staging.owner_tag()
    pid, token = tag[1:].split("-")
    assert int(pid) == os.getpid() and token != ""
    assert staging.owner_alive(os.getpid(), token)
    if sys.platform.startswith("linux"):
        assert token != "0"  # Linux always gives the start time


def test_sweep_removes_dead_keeps_live_and_reused(tmp_path):
    dead = _dead_pid()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live_token = staging.start_token(sleeper.pid)
        mk = lambda name: (tmp_path / name).mkdir() or (tmp_path / name / "course.mp4").write_bytes(b"x")
        mk(f".screen-record.p{dead}-{live_token}.aaaa")            # owner gone
        mk(f".screen-record.p{sleeper.pid}-{live_token}.bbbb")     # owner running
        mk(f".screen-record.p{sleeper.pid}-zzzz1.cccc")            # PID reused by someone else
        mk(f".screen-record.{staging.owner_tag()}.dddd")           # ourselves
        mk(".screen-record.legacy1")                               # untagged, fresh
        mk(".screen-record.legacy2")                               # untagged, two days old
        old = time.time() - 2 * 86400
        os.utime(tmp_path / ".screen-record.legacy2", (old, old))
        mk(f".h5.p{dead}-1.eeee")                                  # other prefix: not this sweep
        removed = {p.name for p in staging.sweep(tmp_path, ".screen-record.")}
        assert removed == {f".screen-record.p{dead}-{live_token}.aaaa",
                           f".screen-record.p{sleeper.pid}-zzzz1.cccc", ".screen-record.legacy2"}
        left = {p.name for p in tmp_path.iterdir()}
        assert f".screen-record.p{sleeper.pid}-{live_token}.bbbb" in left
        assert f".screen-record.{staging.owner_tag()}.dddd" in left
        assert ".screen-record.legacy1" in left and f".h5.p{dead}-1.eeee" in left
    finally:
        sleeper.kill()
        sleeper.wait()


def test_staged_file_never_removes_untagged_user_files(tmp_path):
    """`staged_file` writes into folders the user chose (exports): an old `.report.x` there may be
    theirs, so only owner-tagged temp files of dead processes go."""
    dead = _dead_pid()
    mine = tmp_path / ".report.notes.xlsx"
    mine.write_bytes(b"user")
    old = time.time() - 5 * 86400
    os.utime(mine, (old, old))
    debris = tmp_path / f".report.p{dead}-1.abcd.xlsx"
    debris.write_bytes(b"partial")
    with atomic.staged_file(tmp_path / "report.xlsx") as tmp:
        assert staging.owner_tag() in tmp.name
        tmp.write_bytes(b"ok")
    assert (tmp_path / "report.xlsx").read_bytes() == b"ok"
    assert mine.exists() and not debris.exists()


def test_staged_dir_and_temp_dirs_are_tagged(tmp_path, monkeypatch):
    monkeypatch.setattr(staging, "_swept", set())
    dead = _dead_pid()
    (tmp_path / f".h5.p{dead}-1.zzzz").mkdir()
    with atomic.staged_dir(tmp_path / "h5") as stage:
        assert stage.name.startswith(f".h5.{staging.owner_tag()}.")
        (stage / "index.html").write_text("ok")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h5"]
    with staging.temp_dir("cs-unit-", dir=tmp_path) as t:
        assert t.name.startswith(f"cs-unit-{staging.owner_tag()}.")
    assert not t.exists()


# ---- the attack: a real convert killed with SIGKILL ------------------------------------------

MY_PREFIXES = (".screen-record.", "cs-screen-record-", "cs-lo-", "cs-video-", "cs-slides-")


def _deck(path: Path, slides: int = 24) -> Path:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for i in range(slides):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = f"第{i + 1}讲：重疾险条款要点"
        body = s.placeholders[1].text_frame
        body.text = "如实告知义务：投保人应当如实回答保险人的询问。"
        for k in range(3):
            p = body.add_paragraph()
            p.text = f"要点 {k + 1}：等待期、免责条款与理赔资料清单。"
            p.font.size = Pt(20)
        s.notes_slide.notes_text_frame.text = ("各位伙伴好，这一页我们讲解如实告知。" * 3)
    prs.save(path)
    return path


def _debris(out: Path, tmp: Path) -> list[str]:
    found = [p.name for p in out.iterdir() if p.name.startswith(".screen-record.")] if out.exists() else []
    found += [p.name for p in tmp.iterdir() if p.name.startswith(MY_PREFIXES)]
    return sorted(found)


def _orphans(marker: str) -> list[int]:
    """Children of the killed run (ffmpeg, soffice, espeak) still running: found by our unique
    TMPDIR in their environment."""
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit() and int(d.name) != os.getpid():
            try:
                if marker.encode() in (d / "environ").read_bytes():
                    pids.append(int(d.name))
            except OSError:
                continue
    return pids


def _reap_orphans(marker: str, wait: float = 20.0) -> None:
    end = time.monotonic() + wait
    while _orphans(marker) and time.monotonic() < end:
        time.sleep(0.2)
    for pid in _orphans(marker):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _start(deck: Path, out: Path, env: dict) -> subprocess.Popen:
    exe = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "creator_studio"]
    return subprocess.Popen(exe + ["convert", str(deck), "--to", "screen-record", "--out", str(out),
                                   "--quiet"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def _kill_when(proc: subprocess.Popen, cond, timeout: float = 240.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return
        if proc.poll() is not None:
            pytest.fail(f"convert finished before the kill point (rc={proc.returncode}): "
                        f"{proc.stderr.read().decode()[-500:]}")
        time.sleep(0.02)
    proc.kill()
    pytest.fail("kill point never reached")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is used to find orphans")
def test_kill_9_during_screen_record_leaves_nothing_after_next_run(tmp_path, _isolated_home):
    import shutil

    if not shutil.which("soffice") or not shutil.which("ffmpeg"):
        pytest.fail("this test needs LibreOffice and ffmpeg (scripts/setup.sh installs them)")
    deck = _deck(tmp_path / "课程.pptx")
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()
    out = tmp_path / "out"
    env = dict(os.environ, TMPDIR=str(tmp), CREATOR_STUDIO_HOME=str(_isolated_home),
               PYTHONIOENCODING="utf-8")

    # 1. kill while LibreOffice renders the slides
    p = _start(deck, out, env)
    _kill_when(p, lambda: any(x.name.startswith("cs-lo-") for x in tmp.iterdir()))
    _reap_orphans(str(tmp))
    first = _debris(out, tmp)
    assert any(n.startswith("cs-lo-") for n in first), first  # the attack did leave debris

    # 2. kill while the mp4 is being written into the staging folder
    def partial_mp4() -> bool:
        return out.exists() and any(out.glob(".screen-record.*/**/*.mp4"))

    p = _start(deck, out, env)
    _kill_when(p, partial_mp4)
    _reap_orphans(str(tmp))
    second = _debris(out, tmp)
    assert any(n.startswith(".screen-record.") for n in second), second
    assert not any(n.startswith("cs-lo-") for n in second), second  # run 2 cleared run 1's

    # 3. a normal run: the video is made and nothing from the killed runs is left
    p = _start(deck, out, env)
    _, err = p.communicate(timeout=600)
    assert p.returncode == 0, err.decode()[-800:]
    assert (out / "screen-record" / "course.mp4").stat().st_size > 10_000
    assert _debris(out, tmp) == []
    assert [x.name for x in out.iterdir() if x.name.startswith(".")] in ([], [".assets"])
