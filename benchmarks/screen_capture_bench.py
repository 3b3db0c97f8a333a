"""Screen recording: does the studio's recorder keep up in real time? (issue 14)

Starts its own Xvfb (1280×720×24 unless --size), shows a window whose content changes every
frame (a moving bar and a counter, so the encoder always has work), and records it for
--seconds (default 60) at --fps (default 30) twice in this run:

- studio: `ui/studio/record_screen.ScreenRecorder` (QScreenCapture → QMediaRecorder, Qt's FFmpeg
  back end, MPEG-4 Part 2 video because Qt's LGPL FFmpeg has no H.264 encoder here);
- baseline: the ffmpeg command line grabbing the same display (`x11grab`, mpeg4, same fps).

Reported per run: frames written vs expected (dropped = expected − written), the output's
duration, and the CPU share (user+sys CPU seconds of the recording process / wall seconds; 100 %
= one core). The ratio line compares the studio's CPU share with the baseline's.

    python benchmarks/screen_capture_bench.py [--seconds 60] [--fps 30] [--size 1280x720]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QPainter, QColor, QFont
app = QApplication([])
from creator_studio.ui.studio.record_screen import ScreenRecorder
seconds, fps, w, h = float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])

class Moving(QWidget):
    n = 0
    def paintEvent(self, _e):
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#1d3557"))
        x = (self.n * 12) % self.width()
        p.fillRect(x, 0, 80, self.height(), QColor("#e63946"))
        p.setPen(QColor("white")); f = QFont(); f.setPointSize(48); p.setFont(f)
        p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, f"帧 {self.n}")
        p.end()
    def tick(self):
        self.n += 1; self.update()

win = Moving(); win.setGeometry(0, 0, w, h); win.show()
t = QTimer(); t.timeout.connect(win.tick); t.start(int(1000 / fps))
rec = ScreenRecorder()
rec.failed.connect(lambda s: print("FAILED", s, file=sys.stderr))
rec.finished.connect(lambda p: app.quit())
QTimer.singleShot(500, lambda: rec.start(Path(sys.argv[1]), frame_rate=fps))
QTimer.singleShot(int(500 + seconds * 1000), rec.stop)
QTimer.singleShot(int((seconds + 60) * 1000), app.quit)
app.exec()
"""


def _count_frames(mp4: Path) -> tuple[int, float]:
    res = subprocess.run(["ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0",
                          "-show_entries", "stream=nb_read_packets:format=duration", "-of", "json", str(mp4)],
                         capture_output=True, text=True, timeout=300)
    data = json.loads(res.stdout or "{}")
    frames = int(data.get("streams", [{}])[0].get("nb_read_packets", 0))
    return frames, float(data.get("format", {}).get("duration", 0.0))


def _distinct_frames(mp4: Path) -> int:
    """Frames that differ from the one before (ffmpeg `mpdecimate`): a recorder that repeats
    frames to keep a constant rate writes many frames but few distinct ones."""
    res = subprocess.run(["ffmpeg", "-v", "info", "-i", str(mp4), "-vf", "mpdecimate,showinfo", "-f", "null", "-"],
                         capture_output=True, text=True, timeout=600)
    return sum(1 for line in res.stderr.splitlines() if "Parsed_showinfo" in line and " n:" in line)


def _run(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--fps", type=int, default=30)
    ap.add_argument("--size", default="1280x720")
    args = ap.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    if not shutil.which("Xvfb"):
        print("Xvfb not installed (apt install xvfb)")
        return 2
    disp = ":%d" % (150 + os.getpid() % 50)
    xvfb = subprocess.Popen(["Xvfb", disp, "-screen", "0", f"{w}x{h}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    env = {**os.environ, "DISPLAY": disp, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    env.pop("WAYLAND_DISPLAY", None)
    tmp = Path(tempfile.mkdtemp(prefix="cs-screen-bench-"))
    try:
        expected = int(round(args.seconds * args.fps))
        results = {}
        studio = tmp / "studio.mp4"
        wall, cpu = _run([sys.executable, "-c", CHILD, str(studio), str(args.seconds), str(args.fps),
                          str(w), str(h)], env)
        frames, dur = _count_frames(studio)
        results["studio"] = (frames, dur, cpu / max(wall, 1e-9), wall, _distinct_frames(studio))

        # Baseline: the same display grabbed by the ffmpeg CLI while the same window animates.
        base = tmp / "ffmpeg.mp4"
        anim = subprocess.Popen([sys.executable, "-c", CHILD.replace(
            "QTimer.singleShot(500, lambda: rec.start(Path(sys.argv[1]), frame_rate=fps))", ""),
            str(tmp / "unused.mp4"), str(args.seconds + 5), str(args.fps), str(w), str(h)], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)
        wall_b, cpu_b = _run(["ffmpeg", "-v", "error", "-y", "-f", "x11grab", "-framerate", str(args.fps),
                              "-video_size", f"{w}x{h}", "-i", disp, "-t", str(args.seconds),
                              "-c:v", "mpeg4", "-q:v", "5", str(base)], env)
        anim.terminate()
        anim.wait(10)
        frames_b, dur_b = _count_frames(base)
        results["ffmpeg x11grab"] = (frames_b, dur_b, cpu_b / max(wall_b, 1e-9), wall_b, _distinct_frames(base))

        print(f"screen capture {w}x{h} @ {args.fps} fps for {args.seconds:.0f} s "
              f"(expected {expected} frames), {os.cpu_count()} cores")
        for name, (fr, d, share, wl, distinct) in results.items():
            print(f"  {name:15s} frames {fr:5d}  dropped {max(0, expected - fr):5d}  distinct {distinct:5d}  "
                  f"duration {d:6.2f} s  CPU {share * 100:5.1f} % of one core  (wall {wl:.1f} s)")
        s, b = results["studio"][2], results["ffmpeg x11grab"][2]
        print(f"  ratio studio/baseline CPU share: {s / max(b, 1e-9):.2f}×")
    finally:
        xvfb.terminate()
        xvfb.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
