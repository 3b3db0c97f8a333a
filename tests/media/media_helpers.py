"""Helpers shared by media and screen-record tests (tests/media is put on sys.path by conftest)."""

from __future__ import annotations

import math
import os
import struct
import wave
from pathlib import Path

from PIL import Image, ImageDraw

from creator_studio.core.media import ffmpeg
from creator_studio.core.media.fonts import load_font


def write_tone(path: Path, seconds: float = 1.0, rate: int = 16000, channels: int = 2,
               freq: float = 440.0) -> Path:
    n = int(seconds * rate)
    frames = bytearray()
    for i in range(n):
        v = int(12000 * math.sin(2 * math.pi * freq * i / rate))
        frames += struct.pack("<h", v) * channels
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    return path



def make_stills(folder: Path, n: int, size=(640, 360), durations=None) -> list:
    from creator_studio.core.media.video import Still

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    font = load_font(int(size[1] / 8))
    for i in range(n):
        im = Image.new("RGB", size, (255, 255, 255))
        d = ImageDraw.Draw(im)
        d.rectangle((0, 0, size[0], size[1] // 6), fill=(30, 91, 184))
        d.text((size[0] // 10, size[1] // 3), f"第{i + 1}页 测试画面", font=font, fill=(0, 0, 0))
        p = folder / f"still-{i}.png"
        im.save(p)
        out.append(Still(p, (durations or [1.5] * n)[i]))
    return out


def child_processes(root_pid: int | None = None) -> list[tuple[int, str]]:
    """Live (non-zombie) descendants of this process, from /proc (no psutil)."""
    root_pid = root_pid or os.getpid()
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        rpar = stat.rindex(")")
        fields = stat[rpar + 2:].split()
        state, ppid = fields[0], int(fields[1])
        if state == "Z":
            names[int(entry)] = "<zombie>"
        else:
            names[int(entry)] = stat[stat.index("(") + 1:rpar]
        parents[int(entry)] = ppid
    out, frontier = [], {root_pid}
    while frontier:
        nxt = {pid for pid, pp in parents.items() if pp in frontier}
        out += [(pid, names[pid]) for pid in nxt]
        frontier = nxt
    return out


def processes_matching(marker: str) -> list[int]:
    """Any process on the machine whose command line contains `marker` (orphans included)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if marker in cmd:
            found.append(int(entry))
    return found
