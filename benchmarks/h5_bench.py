"""H5 package speed: build time and size for a 60-page lesson, and time-to-first-page in Chromium.

Targets (issue 5): build < 1 s of our code (media already encoded: the pictures are ready-made
PNGs, no TTS) and first page shown < 1 s in headless Chromium from file://.

Baselines measured in the same run, so the ratios mean something on any machine:
- build: the raw cost of writing the same bytes (copy the finished folder + zip it with `zipfile`)
  — our ratio says how much the course logic, templating and escaping add on top of plain I/O;
- first page: a trivial file:// page that loads one external script and marks itself — the
  browser's own floor for "open a local page and run a script".

    .venv/bin/python benchmarks/h5_bench.py [--pages 60] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from PIL import Image as PILImage

from creator_studio.core.forms.h5 import CMI5_ZIP, SCORM_ZIP, H5Format
from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def make_lesson(root: Path, n_pages: int) -> m.Lesson:
    root.mkdir(parents=True, exist_ok=True)
    pics = []
    for i in range(10):  # ten distinct slide-sized pictures, reused across pages
        buf = io.BytesIO()
        PILImage.new("RGB", (960, 540), (30 + i * 20, 90, 200 - i * 10)).save(buf, "PNG")
        name = f"pic{i}.png"
        (root / name).write_bytes(buf.getvalue())
        pics.append(name)
    pages = []
    for i in range(n_pages):
        blocks: list[m.Block] = [
            m.Heading(text=f"第{i + 1}节 要点", level=2),
            m.Paragraph(runs=[m.Run("保险合同中，"), m.Run("如实告知义务", bold=True),
                              m.Run("要求投保人对保险人的询问如实回答，否则可能影响理赔。" * 3)]),
            m.BulletList(items=[m.ListItem([m.Run(f"要点{k + 1}：核对保单信息与客户身份")]) for k in range(5)]),
        ]
        if i % 3 == 0:
            blocks.append(m.Table(rows=[[m.TableCell("项目"), m.TableCell("说明")]] +
                                  [[m.TableCell(f"术语{k}"), m.TableCell("这是该术语的释义，供学员记忆。")]
                                   for k in range(6)]))
        if i % 4 == 0:
            blocks.append(m.BulletList(ordered=True, items=[m.ListItem([m.Run(s)]) for s in
                                                            ("报案", "查勘", "定损", "核赔", "支付")]))
        if i % 2 == 0:
            blocks.append(m.Image(asset=pics[i % len(pics)], alt=f"第{i + 1}页示意图", width_px=960, height_px=540))
        if i % 5 == 0:
            blocks.append(m.Chart(title="季度数据", categories=["Q1", "Q2", "Q3", "Q4"],
                                  series=[m.ChartSeries("保费", [1.0, 2.0, 3.0, 4.0])]))
        pages.append(m.Page(id=f"p{i}", title=f"第{i + 1}页：理赔服务规范", blocks=blocks,
                            narration="本页讲解理赔服务规范。请注意时效要求！"))
    questions = [m.Question(id=f"q{k}", kind=("single", "multiple", "truefalse", "fill")[k % 4],
                            stem=f"第{k + 1}题：以下说法是否正确？", options=["甲", "乙", "丙", "丁"]
                            if k % 4 in (0, 1) else ["正确", "错误"], answers=[0] if k % 4 != 1 else [0, 2],
                            accepted=["保费"], explanation="依据条款。") for k in range(10)]
    lesson = m.Lesson(title="理赔服务规范（基准）", pages=pages, quiz=m.Quiz(questions=questions, pass_mark=80))
    lesson.asset_root = root
    return lesson


def bench_build(lesson: m.Lesson, work: Path, runs: int) -> tuple[float, float, dict]:
    ours, base = [], []
    art = None
    for r in range(runs):
        out = work / f"out{r}"
        t0 = time.perf_counter()
        art = H5Format().render(lesson, out, {}, Job())
        ours.append(time.perf_counter() - t0)
        # baseline: the same bytes written plainly (copy the folder, zip it twice)
        t0 = time.perf_counter()
        dst = work / f"copy{r}"
        shutil.copytree(out / "h5", dst, ignore=shutil.ignore_patterns("*.zip"))
        for name in ("a.zip", "b.zip"):
            with zipfile.ZipFile(work / f"{r}{name}", "w", zipfile.ZIP_DEFLATED) as zf:
                for p in sorted(dst.rglob("*")):
                    if p.is_file():
                        zf.write(p, p.relative_to(dst).as_posix())
        base.append(time.perf_counter() - t0)
    sizes = {"scorm12": (out / "h5" / SCORM_ZIP).stat().st_size, "cmi5": (out / "h5" / CMI5_ZIP).stat().st_size,
             "folder": sum(p.stat().st_size for p in (out / "h5").rglob("*") if p.is_file() and p.suffix != ".zip"),
             "data_js": (out / "h5" / "data.js").stat().st_size, "screens": None, "info": art.info}
    return statistics.median(ours), statistics.median(base), sizes


def bench_first_page(index: Path, work: Path, runs: int) -> tuple[float, float, int]:
    from playwright.sync_api import sync_playwright

    trivial = work / "trivial"
    trivial.mkdir(exist_ok=True)
    (trivial / "t.js").write_text("performance.mark('cs-h5-first-page');document.body.textContent='ok';")
    (trivial / "index.html").write_text("<!DOCTYPE html><html><body><script src='t.js'></script></body></html>")
    ours, base = [], []
    screens = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(runs + 1):  # first run warms the browser's disk cache; dropped below
            for url, sink in ((index.as_uri(), ours), ((trivial / "index.html").as_uri(), base)):
                ctx = browser.new_context(viewport={"width": 375, "height": 667})
                page = ctx.new_page()
                page.goto(url)
                page.wait_for_function("() => performance.getEntriesByName('cs-h5-first-page').length > 0")
                sink.append(page.evaluate("performance.getEntriesByName('cs-h5-first-page')[0].startTime") / 1000)
                if sink is ours:
                    screens = page.evaluate("CS_H5.player.screens.length")
                ctx.close()
        browser.close()
    return statistics.median(ours[1:]), statistics.median(base[1:]), screens


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="h5bench-") as tmp:
        work = Path(tmp)
        lesson = make_lesson(work / "assets", args.pages)
        build, build_base, sizes = bench_build(lesson, work, args.runs)
        index = work / "out0" / "h5" / "index.html"
        ttfp, ttfp_base, screens = bench_first_page(index, work, args.runs)
    info = sizes["info"]
    print(f"H5 benchmark: {args.pages} pages, {info['question_count']} questions, "
          f"{info['interactions']['flip_cards']} card decks, {info['interactions']['ordering']} ordering; "
          f"{screens} screens")
    print(f"build (our code, median of {args.runs}):     {build * 1000:8.1f} ms   target < 1000 ms  "
          f"{'OK' if build < 1 else 'SLOW'}")
    print(f"  baseline plain copy + 2 zips:         {build_base * 1000:8.1f} ms   ratio {build / build_base:5.2f}x")
    print(f"package sizes: SCORM zip {sizes['scorm12'] / 1024:.1f} KiB, cmi5 zip {sizes['cmi5'] / 1024:.1f} KiB, "
          f"folder {sizes['folder'] / 1024:.1f} KiB (data.js {sizes['data_js'] / 1024:.1f} KiB)")
    print(f"time to first page (Chromium, file://): {ttfp * 1000:8.1f} ms   target < 1000 ms  "
          f"{'OK' if ttfp < 1 else 'SLOW'}")
    print(f"  baseline trivial page + 1 script:     {ttfp_base * 1000:8.1f} ms   ratio {ttfp / ttfp_base:5.2f}x")
    return 0 if build < 1 and ttfp < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
