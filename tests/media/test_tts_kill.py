"""kill -9 of `creator-studio convert` during synthesis leaves no espeak-ng and no temp audio
(issue 20 #5: espeak-ng kept running with parent PID 1 and writing a 3 GB WAV)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from creator_studio.core.media import ffmpeg, tts

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and PR_SET_PDEATHSIG")]
CLI = Path(sys.executable).parent / "creator-studio"


def _deck(path: Path) -> Path:
    """Pages whose notes are one very long sentence each: each espeak-ng call runs ~1 s."""
    from pptx import Presentation

    prs = Presentation()
    for i in range(6):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = f"第{i + 1}页 理赔须知"
        s.notes_slide.notes_text_frame.text = "客户出险以后应当尽快联系保险公司报案并且准备好保单身份证明以及医院出具的诊断证明材料" * 30
    prs.save(path)
    return path


def _espeak_children(parent: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1: stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        if comm.startswith("espeak") and ppid == parent:
            out.append(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not tts.espeak_exe(), reason="needs espeak-ng")
def test_kill_9_mid_synthesis_leaves_no_espeak_and_no_temp_folder(tmp_path):
    deck = _deck(tmp_path / "长旁白.pptx")
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp), CREATOR_STUDIO_HOME=str(tmp_path / "home"),
               PYTHONIOENCODING="utf-8")
    exe = [str(CLI)] if CLI.exists() else [sys.executable, "-m", "creator_studio"]
    cmd = exe + ["convert", str(deck), "--to", "screen-record", "--out", str(tmp_path / "out"),
                 "--quiet", "--raster", "builtin"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: list[int] = []
    end = time.monotonic() + 180
    while time.monotonic() < end and proc.poll() is None:
        seen = _espeak_children(proc.pid)
        if seen:
            break
        time.sleep(0.002)
    if not seen:
        proc.kill()
        pytest.fail(f"no espeak-ng child seen (rc={proc.poll()}): {proc.stderr.read().decode()[-400:]}")
    dead_pid = proc.pid
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(0.3)  # an espeak-ng call on these sentences runs ~1 s: without the parent-death
    #                  signal it would still be alive here (and reparented to PID 1)
    survivors = [p for p in seen if _alive(p)]
    for p in survivors:
        os.kill(p, signal.SIGKILL)
    assert survivors == [], "espeak-ng outlived its parent"
    debris = [p.name for p in tmp.iterdir() if f"p{dead_pid}-" in p.name]
    assert debris, "the kill left no work folder: the test did not hit synthesis"

    # the next run (any convert) removes the dead run's temp folders
    small = tmp_path / "small.pptx"
    from pptx import Presentation

    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = "下一次运行"
    prs.save(small)
    res = subprocess.run(exe + ["convert", str(small), "--to", "screen-record", "--out",
                                str(tmp_path / "out2"), "--quiet", "--raster", "builtin"],
                         env=env, capture_output=True, timeout=300)
    assert res.returncode == 0, res.stderr.decode()[-800:]
    left = [p.name for p in tmp.iterdir() if f"p{dead_pid}-" in p.name]
    assert left == []
    assert not any(p.suffix == ".wav" for p in tmp.rglob("*"))


def test_children_get_a_parent_death_signal():
    """The runner arms PR_SET_PDEATHSIG in every child (field PDeathSig is not in /proc, so we
    ask the child itself through prctl(PR_GET_PDEATHSIG))."""
    code = ("import ctypes, sys; l = ctypes.CDLL(None); v = ctypes.c_int(); "
            "l.prctl(2, ctypes.byref(v), 0, 0, 0); print(v.value)")
    res = ffmpeg.run([sys.executable, "-c", code], timeout=30)
    assert res.stdout.strip() == str(int(signal.SIGKILL))
