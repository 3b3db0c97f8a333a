"""Issue 15: long image of a 30-page designed deck, picture mode (LibreOffice included) vs reflow.

The deck is the first 30 slides of the corpus's designed Chinese deck
`zh_designed_aisys_L7_Platform.pptx` (CC-BY-4.0, Microsoft AI-System course), cut with
python-pptx. Each measurement runs in a fresh interpreter; the deck is imported first (timed
separately), then:

    picture:  LongImageFormat.render(slide_pictures="always") — soffice → PDF → pypdfium2 slide
              pictures (1600 px) → long image at 750 px, PNG parts + PDF off (PNG only)
    reflow:   LongImageFormat.render(slide_pictures="never") — our own text layout
    chromium: the same reflowed lesson as HTML (the template of long_image_bench.py), opened by
              Playwright on /usr/bin/chromium, full-page screenshot (PNG)

CPU includes child processes (soffice, Chromium). The machine is shared: compare ratios from the
same run, not absolute times across runs.

Run:  .venv/bin/python benchmarks/fidelity_bench.py [--repeat 3] [--slides 30]
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
DECK = Path("/work/shared/corpus/pptx/zh_designed_aisys_L7_Platform.pptx")
if not DECK.is_file():
    DECK = ROOT / "tests" / "data" / "corpus" / "pptx" / "zh_designed_aisys_ch13_figs.pptx"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _cpu(who=resource.RUSAGE_SELF) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cut_deck(src: Path, dst: Path, keep: int) -> int:
    """Copy `src` keeping its first `keep` slides (relationships of the dropped ones removed)."""
    from pptx import Presentation

    prs = Presentation(str(src))
    ids = prs.slides._sldIdLst  # noqa: SLF001 - python-pptx has no public slide deletion
    for sld in list(ids)[keep:]:
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)
    prs.save(str(dst))
    return len(prs.slides)


def work(kind: str, deck: Path, tmp: Path) -> dict:
    from creator_studio.core.forms.long_image import LongImageFormat
    from creator_studio.core.importers import import_source
    from creator_studio.core.jobs import Job
    from creator_studio.core.media.fonts import load_font

    load_font(28)
    t0 = time.perf_counter()
    lesson = import_source(deck, assets_dir=tmp / "assets")
    t_import = time.perf_counter() - t0
    c0, cc0 = _cpu(), _cpu(resource.RUSAGE_CHILDREN)
    t1 = time.perf_counter()
    if kind == "chromium":
        return _chromium(lesson, tmp, t_import)
    art = LongImageFormat().render(lesson, tmp / "out", {
        "image_format": "png", "slide_pictures": "always" if kind == "picture" else "never"}, Job())
    dt = time.perf_counter() - t1
    return {"import_s": t_import, "seconds": dt, "cpu": _cpu() - c0 + _cpu(resource.RUSAGE_CHILDREN) - cc0,
            "peak_mb": _peak_mb(), "parts": art.info["segment_count"], "height": art.info["total_height"],
            "lo_seconds": art.info.get("slide_picture_seconds"), "pages": art.info["page_count"],
            "picture_pages": art.info.get("picture_pages"), "bytes": sum(f.bytes for f in art.files)}


def _chromium(lesson, tmp: Path, t_import: float) -> dict:
    from jinja2 import Environment
    from playwright.sync_api import sync_playwright

    from long_image_bench import CHROMIUM, CHROMIUM_ARGS, HTML

    c0, cc0 = _cpu(), _cpu(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    html = Environment(autoescape=True).from_string(HTML).render(
        lesson=lesson, pages=lesson.visible_pages(), quiz=lesson.quiz.questions,
        assets=(tmp / "assets").as_uri())
    page_file = tmp / "course.html"
    page_file.write_text(html, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 750, "height": 1334}, device_scale_factor=1)
        page.goto(page_file.as_uri(), wait_until="load")
        height = page.evaluate("document.documentElement.scrollHeight")
        page.screenshot(path=str(tmp / "shot.png"), full_page=True)
        browser.close()
    dt = time.perf_counter() - t0
    return {"import_s": t_import, "seconds": dt, "cpu": _cpu() - c0 + _cpu(resource.RUSAGE_CHILDREN) - cc0,
            "peak_mb": _peak_mb(), "height": height}


def run_child(kind: str, deck: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="fid-bench-") as tmp:
        res = subprocess.run([sys.executable, __file__, "--child", kind, "--deck", str(deck), "--work", tmp],
                             capture_output=True, text=True, timeout=1200)
        if res.returncode != 0:
            return {"error": (res.stderr.strip().splitlines() or ["failed"])[-1]}
        return json.loads(res.stdout.strip().splitlines()[-1])


def best_of(n: int, kind: str, deck: Path) -> dict:
    runs = [run_child(kind, deck) for _ in range(n)]
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    best = min(ok, key=lambda r: r["seconds"])
    best["peak_mb"] = max(r["peak_mb"] for r in ok)
    return best


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--deck")
    ap.add_argument("--work")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--slides", type=int, default=30)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(work(args.child, Path(args.deck), Path(args.work))))
        return 0
    with tempfile.TemporaryDirectory(prefix="fid-deck-") as tmp:
        deck = Path(tmp) / f"designed-{args.slides}.pptx"
        n = cut_deck(DECK, deck, args.slides)
        print(f"fidelity benchmark: {DECK.name}, first {n} slides, 750 px, best of {args.repeat}")
        res = {k: best_of(args.repeat, k, deck) for k in ("picture", "reflow", "chromium")}
    for k, r in res.items():
        if "error" in r:
            print(f"  {k:8s}: ERROR {r['error']}")
            continue
        extra = (f", LibreOffice + pictures {r['lo_seconds']:.2f} s, {r['picture_pages']}/{r['pages']} picture pages,"
                 f" {r['parts']} parts, {r['height']} px, {r['bytes'] / 1e6:.1f} MB") if k != "chromium" else \
            f", page {r['height']} px"
        print(f"  {k:8s}: {r['seconds']:6.2f} s wall, {r['cpu']:6.2f} s CPU (with children), peak RSS "
              f"{r['peak_mb']:.0f} MB, import {r['import_s']:.2f} s{extra}")
    p, rf, c = res["picture"], res["reflow"], res["chromium"]
    if not any("error" in r for r in (p, rf, c)):
        print(f"  picture / reflow: wall {p['seconds'] / rf['seconds']:.1f}×, CPU {p['cpu'] / rf['cpu']:.1f}×")
        print(f"  chromium / reflow: wall {c['seconds'] / rf['seconds']:.1f}×, CPU {c['cpu'] / rf['cpu']:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
