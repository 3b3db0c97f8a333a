"""Long-image speed and memory, against HTML + headless Chromium full-page screenshots.

Each measurement runs in a fresh interpreter, so its peak RSS (`ru_maxrss`) is its own. Both
pipelines get the same lesson (built from the course model: headings, rich paragraphs, lists,
tables, charts, a picture, notes, media badges, a quiz) at 750 px:

    ours:     LongImageFormat.render → parts (PNG and/or JPEG 4:4:4) + one PDF
    chromium: the same content as HTML (Jinja2, autoescaped, same fonts and colours), opened by
              Playwright driving Debian's /usr/bin/chromium, captured with a full-page screenshot
              (PNG). Timed with and without the browser launch.

Targets (issue 3): 30 pages at 750 px < 2 s and ≥ 2× faster than Chromium; 200 pages < 400 MB.

Run:  .venv/bin/python benchmarks/long_image_bench.py [--repeat 3] [--pages 30,200]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _cpu(who=resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


# --- workers (fresh interpreter each) -------------------------------------------------------


def work_ours(pages: int, fmt: str, work: Path) -> dict:
    from creator_studio.core.forms.long_image import LongImageFormat
    from creator_studio.core.forms.long_image.demo import demo_lesson
    from creator_studio.core.jobs import Job
    from creator_studio.core.media.fonts import load_font

    lesson = demo_lesson(pages, work / "assets")
    load_font(28)  # font discovery (fc-list) is a one-off per process, not part of a render
    base = _peak_mb()
    c0 = _cpu()
    t0 = time.perf_counter()
    art = LongImageFormat().render(lesson, work / "out", {"image_format": fmt}, Job())
    dt = time.perf_counter() - t0
    return {"seconds": dt, "cpu": _cpu() - c0, "peak_mb": _peak_mb(), "before_mb": base,
            "parts": art.info["segment_count"], "height": art.info["total_height"],
            "bytes": sum(f.bytes for f in art.files)}


HTML = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
body{margin:0;background:#EEF3F9;font-family:'Noto Sans CJK SC',sans-serif;color:#1F2937;
 width:750px;font-size:28px;line-height:1.72}
.banner{background:linear-gradient(135deg,#0F3A7D,#2F7DE1);color:#fff;padding:72px 56px 64px}
.banner h1{font-size:50px;line-height:1.35;margin:34px 0 30px}.tag{background:#F5A623;
 border-radius:22px;padding:6px 18px;font-size:22px;font-weight:bold}.meta{color:#D6E4FA;font-size:26px}
.card{background:#fff;border-radius:18px;margin:0 28px 32px;padding:36px}
.card h2{font-size:36px;color:#123E82;border-left:8px solid #1E5BB8;padding-left:14px;margin:0 0 20px}
h3{font-size:31px;margin:20px 0 10px}p{margin:0 0 26px}b{font-weight:bold}
ul,ol{padding-left:36px;margin:0 0 26px}li::marker{color:#1E5BB8}
table{border-collapse:collapse;width:100%;font-size:24px;line-height:1.45;margin-bottom:26px}
th{background:#1E5BB8;color:#fff}td,th{border:1.5px solid #D3DDEB;padding:12px 14px}
tr:nth-child(odd) td{background:#F5F8FD}caption{text-align:left;color:#6B7280;font-size:22px}
img{width:100%;display:block;margin-bottom:26px}.note{background:#FFF7E6;border-left:6px solid #F5A623;
 padding:18px 24px;font-size:24px;margin-bottom:26px}.badge{border:2px solid #1E5BB8;border-radius:26px;
 display:inline-block;padding:4px 24px;color:#1E5BB8;font-size:22px;margin-bottom:26px}
.bar{height:28px;background:#1E5BB8;border-radius:4px;margin:4px 0}
.opt{background:#F0F6FF;border-radius:10px;padding:12px 20px;margin:12px 0}
</style></head><body>
<div class="banner"><span class="tag">微课 · 长图文</span><h1>{{ lesson.title }}</h1>
<div class="meta">业务条线　{{ lesson.meta.business_line }}<br>课程制作　{{ lesson.meta.maker_name }}</div></div>
{% for page in pages %}<div class="card"><h2>{{ '%02d' % loop.index }} {{ page.title }}</h2>
{% for b in page.blocks %}{% set k = b.kind %}
{% if k == 'heading' %}<h3>{{ b.text }}</h3>
{% elif k == 'paragraph' %}<p>{% for r in b.runs %}{% if r.bold %}<b>{{ r.text }}</b>{% elif r.color %}<span style="color:#{{ r.color }}">{{ r.text }}</span>{% else %}{{ r.text }}{% endif %}{% endfor %}</p>
{% elif k == 'list' %}<{{ 'ol' if b.ordered else 'ul' }}>{% for it in b.items %}<li>{{ it.text }}</li>{% endfor %}</{{ 'ol' if b.ordered else 'ul' }}>
{% elif k == 'table' %}<table><caption>{{ b.caption }}</caption>{% for row in b.rows %}<tr>{% for c in row %}{% if loop.first and false %}{% endif %}<{{ 'th' if loop.revindex0 >= 0 and row is sameas b.rows[0] else 'td' }} colspan="{{ c.col_span }}" rowspan="{{ c.row_span }}">{{ c.text }}</{{ 'th' if row is sameas b.rows[0] else 'td' }}>{% endfor %}</tr>{% endfor %}</table>
{% elif k == 'chart' %}<h3>图表：{{ b.title }}</h3>{% for s in b.series %}{% for v in s.values %}<div class="bar" style="width:{{ (v / 700 * 100)|round(1) }}%"></div>{% endfor %}{% endfor %}
{% elif k == 'image' %}{% if b.asset %}<img src="{{ assets }}/{{ b.asset }}" alt="{{ b.alt }}">{% else %}<div class="note">图片无法显示：{{ b.alt }}</div>{% endif %}
{% elif k == 'note' %}<div class="note"><b>{{ b.label }}</b><br>{{ b.text }}</div>
{% elif k == 'media' %}<div class="badge">视频 · 请在学习平台播放</div>{% endif %}
{% endfor %}</div>{% endfor %}
<div class="card"><h2>随堂测验</h2>{% for q in quiz %}<p>{{ loop.index }}. {{ q.stem }}</p>
{% for o in q.options %}<div class="opt">{{ 'ABCDEFG'[loop.index0] }}　{{ o }}</div>{% endfor %}{% endfor %}</div>
<div class="card"><h2>答案与解析</h2>{% for q in quiz %}<p><b>{{ loop.index }}. 正确答案：{{ q.answer_label() }}</b><br>解析：{{ q.explanation }}</p>{% endfor %}</div>
</body></html>"""


def work_chromium(pages: int, work: Path) -> dict:
    from jinja2 import Environment
    from playwright.sync_api import sync_playwright

    from creator_studio.core.forms.long_image.demo import demo_lesson

    lesson = demo_lesson(pages, work / "assets")
    c0 = _cpu()
    t0 = time.perf_counter()
    env = Environment(autoescape=True)
    html = env.from_string(HTML).render(lesson=lesson, pages=lesson.visible_pages(),
                                        quiz=lesson.quiz.questions,
                                        assets=(work / "assets").as_uri())
    page_file = work / "course.html"
    page_file.write_text(html, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        t1 = time.perf_counter()
        page = browser.new_page(viewport={"width": 750, "height": 1334}, device_scale_factor=1)
        page.goto(page_file.as_uri(), wait_until="load")
        height = page.evaluate("document.documentElement.scrollHeight")
        page.screenshot(path=str(work / "shot.png"), full_page=True)
        t2 = time.perf_counter()
        browser.close()
    # CPU of this process plus every browser process (the driver waits for Chromium, we wait
    # for the driver, so RUSAGE_CHILDREN covers the whole browser).
    cpu = _cpu() - c0 + _cpu(resource.RUSAGE_CHILDREN)
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None  # our own screenshot, trusted
    with Image.open(work / "shot.png") as im:
        size = im.size
    return {"seconds": t2 - t0, "capture_seconds": t2 - t1, "cpu": cpu, "peak_mb": _peak_mb(),
            "chromium_largest_process_mb": _child_peak_mb(), "height": height,
            "shot_size": list(size), "bytes": (work / "shot.png").stat().st_size}


# --- driver ---------------------------------------------------------------------------------


def run_child(kind: str, pages: int, fmt: str = "both") -> dict:
    with tempfile.TemporaryDirectory(prefix="li-bench-") as tmp:
        cmd = [sys.executable, __file__, "--child", kind, "--pages", str(pages), "--fmt", fmt,
               "--work", tmp]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        if res.returncode != 0:
            return {"error": res.stderr.strip().splitlines()[-1:] or ["failed"]}
        return json.loads(res.stdout.strip().splitlines()[-1])


def best_of(n: int, kind: str, pages: int, fmt: str = "both") -> dict:
    runs = [run_child(kind, pages, fmt) for _ in range(n)]
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    best = min(ok, key=lambda r: r["seconds"])
    best["peak_mb"] = max(r["peak_mb"] for r in ok)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--pages", default="30,200")
    ap.add_argument("--fmt", default="both")
    ap.add_argument("--work")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-chromium", action="store_true")
    args = ap.parse_args()
    if args.child:
        work = Path(args.work)
        fn = work_ours if args.child == "ours" else work_chromium
        res = fn(int(args.pages), args.fmt, work) if args.child == "ours" else fn(int(args.pages), work)
        print(json.dumps(res))
        return 0

    print("long-image benchmark (best of %d, fresh process each, 750 px)" % args.repeat)
    for pages in [int(p) for p in args.pages.split(",")]:
        for fmt in ("both", "png", "jpeg"):
            r = best_of(args.repeat if pages <= 30 else 1, "ours", pages, fmt)
            if "error" in r:
                print(f"  ours  {pages:4d} pages {fmt:5s}: ERROR {r['error']}")
                continue
            print(f"  ours  {pages:4d} pages {fmt:5s}: {r['seconds']:6.2f} s wall, {r['cpu']:5.2f} s CPU,"
                  f" peak RSS {r['peak_mb']:6.1f} MB (before render {r['before_mb']:.0f} MB)"
                  f"  ({r['parts']} parts, {r['height']} px tall, {r['bytes'] / 1e6:.1f} MB written)")
            if fmt == "png":
                ours_png = r
        if pages <= 30 and not args.no_chromium:
            c = best_of(args.repeat, "chromium", pages)
            if "error" in c:
                print(f"  chromium {pages} pages: ERROR {c['error']}")
                continue
            print(f"  chromium {pages:4d} pages png  : {c['seconds']:6.2f} s wall, {c['cpu']:5.2f} s CPU "
                  f"(capture only {c['capture_seconds']:.2f} s wall)  python peak {c['peak_mb']:.0f} MB, largest "
                  f"Chromium process {c['chromium_largest_process_mb']:.0f} MB, screenshot "
                  f"{c['shot_size'][0]}×{c['shot_size'][1]}")
            print(f"  ratio chromium/ours (PNG vs PNG): wall {c['seconds'] / ours_png['seconds']:.1f}×, "
                  f"capture-only wall {c['capture_seconds'] / ours_png['seconds']:.1f}×, "
                  f"CPU {c['cpu'] / ours_png['cpu']:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
