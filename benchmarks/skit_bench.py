"""Skit video speed: a 40-line skit must render in under 1/3 of its own duration.

Prints the ratio render time / video length and the split (TTS, stills, encode). The baseline is
the video's own length measured in the same run (ffprobe), so the ratio is machine-independent
in meaning: < 0.33 means "three times faster than real time".

    .venv/bin/python benchmarks/skit_bench.py [--resolution 720p|1080p] [--tts espeak|none]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from creator_studio.core.forms.skit import SkitFormat
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m
from creator_studio.core.media import ffmpeg

CUSTOMER = ["这款重疾险到底保哪些病？", "我朋友买了保险，生病了却没赔，你怎么解释？",
            "保费每年八千多，是不是太贵了？", "如果我中途不想交了怎么办？",
            "等待期是什么意思？", "理赔要准备哪些材料？"]
AGENT = ["您好，我先给您看一下合同里约定的一百二十种重大疾病。",
         "每份合同都有疾病定义和免责条款，我们可以一起逐条核对。",
         "我们可以根据您的预算调整保额，先保住最重要的风险。",
         "合同有宽限期和减额交清的安排，不会让您白交保费。",
         "等待期是合同生效后的一段观察期，一般是九十天。",
         "一般需要身份证、病历和诊断证明，我们会全程协助。"]


def build_script(n_lines: int = 40) -> m.Script:
    cast = [m.Character("c1", "客户 王女士", role="客户"), m.Character("c2", "业务员小李", role="业务员"),
            m.Character("c3", "旁白", role="旁白", side="center")]
    scenes: list[m.Scene] = []
    per_scene = 10
    for k in range(n_lines // per_scene):
        lines = [m.Line("c3", f"第{k + 1}次沟通开始，客户提出新的疑问。")]
        for i in range(per_scene - 1):
            if i % 2 == 0:
                lines.append(m.Line("c1", CUSTOMER[(k + i) % len(CUSTOMER)], emotion="疑惑"))
            else:
                lines.append(m.Line("c2", AGENT[(k + i) % len(AGENT)]))
        sid = f"s{k + 1}"
        nxt = f"s{k + 2}" if k + 1 < n_lines // per_scene else None
        decision = m.Decision("你会怎么回应？", [
            m.Choice("这个您放心，肯定没问题。", "空口保证无法建立信任。", 0, nxt),
            m.Choice("我们一起看看条款原文，再结合您的情况分析。", "用事实和条款说话。", 10, nxt)])
        scenes.append(m.Scene(sid, f"第{k + 1}幕", lines=lines, decision=decision))
    return m.Script(cast=cast, scenes=scenes, start_scene="s1", title="重疾险异议处理")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--resolution", default="720p")
    ap.add_argument("--tts", default="espeak")
    ap.add_argument("--lines", type=int, default=40)
    args = ap.parse_args(argv)
    script = build_script(args.lines)
    lesson = m.Lesson(title=script.title, pages=[m.Page("p1", "剧本")], script=script)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        art = SkitFormat().render(lesson, Path(tmp), {"resolution": args.resolution,
                                                      "tts": args.tts}, Job())
        total = time.perf_counter() - t0
        length = ffmpeg.probe(Path(tmp) / "skit" / "skit.mp4")["duration"]
    t = art.info["timings"]
    other = total - sum(t.values())
    ratio = total / length
    print(f"skit: {script.line_count} lines, {args.resolution}, tts={art.info['tts_engine']}")
    print(f"video length        {length:8.2f} s")
    print(f"render total        {total:8.2f} s   ratio render/length = {ratio:.3f} "
          f"({'OK' if ratio < 1 / 3 else 'SLOW'}: target < 0.333)")
    print(f"  tts               {t['tts']:8.2f} s")
    print(f"  stills            {t['stills']:8.2f} s")
    print(f"  encode (aac+h264) {t['encode']:8.2f} s")
    print(f"  chat + h5 + rest  {other:8.2f} s")
    return 0 if ratio < 1 / 3 else 1


if __name__ == "__main__":
    sys.exit(main())
