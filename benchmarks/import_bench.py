"""Import speed and memory: `import_source` vs. a bare python-pptx / python-docx open-and-walk.

For every corpus file, a generated 60-slide Chinese deck (text, tables, charts, pictures, notes)
and a generated zip bomb, each measurement runs in a fresh subprocess (so peak RSS is that
measurement's own), repeating the work N times and keeping the best time. The baseline is
measured in the same run on the same file:

    bare pptx: Presentation(path); every slide → every shape (groups recursed) → text frame
               text, table cell text, picture blob, chart categories/values; notes text.
    bare docx: Document(path); paragraph text, table cell text, every image part blob.

Run:  .venv/bin/python benchmarks/import_bench.py [--repeat 5] [--only NAME]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"
SAMPLES = ROOT / "creator_studio" / "resources" / "samples"


# --- workers (run in a fresh interpreter) ---------------------------------------------------


def _bare_pptx(path: Path) -> int:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    n = 0
    prs = Presentation(path)

    def walk(shapes):
        nonlocal n
        for shape in shapes:
            try:
                if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                    walk(shape.shapes)
                    continue
                if shape.has_text_frame:
                    n += len(shape.text_frame.text)
                if getattr(shape, "has_table", False) and shape.has_table:
                    for row in shape.table.rows:
                        for cell in row.cells:
                            n += len(cell.text)
                if getattr(shape, "has_chart", False) and shape.has_chart:
                    plot = shape.chart.plots[0]
                    n += len(list(plot.categories))
                    for s in plot.series:
                        n += len(list(s.values))
                if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                    n += len(shape.image.blob)
            except Exception:  # noqa: BLE001 — the bare walk dies on 3-D charts etc.; skip
                n += 1

    for slide in prs.slides:
        walk(slide.shapes)
        if slide.has_notes_slide:
            tf = slide.notes_slide.notes_text_frame
            if tf is not None:
                n += len(tf.text)
    return n


def _bare_docx(path: Path) -> int:
    import docx

    d = docx.Document(path)
    n = sum(len(p.text) for p in d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                n += len(cell.text)
    for rel in d.part.rels.values():
        if not rel.is_external and "image" in rel.reltype:
            n += len(rel.target_part.blob)
    return n


def _ours(path: Path, assets_dir: Path) -> int:
    from creator_studio.core.importers import import_source

    return len(import_source(path, assets_dir=assets_dir).pages)


def _preload() -> None:
    import docx  # noqa: F401 — import cost is not part of any measurement
    import pptx  # noqa: F401

    from creator_studio.core.importers import detect, pptx_importer, safety  # noqa: F401

    try:
        from creator_studio.core.importers import docx_importer  # noqa: F401
    except ImportError:
        pass


def _run_once(fn, path: Path) -> tuple[float, str]:
    """Time one call. Our import writes assets into a fresh folder made (and removed) outside
    the timed region: folder set-up is harness work, the asset writes themselves are timed."""
    from creator_studio.core.errors import SourceError

    with tempfile.TemporaryDirectory() as tmp:
        call = (lambda: fn(path, Path(tmp))) if fn is _ours else (lambda: fn(path))
        t = time.perf_counter()
        try:
            call()
            result = "ok"
        except SourceError as e:
            result = f"refused {e.code}"
        except Exception as e:  # noqa: BLE001 — a bare library failing is a data point
            result = f"fails {type(e).__name__}"
        return time.perf_counter() - t, result


MODES = {"ours": _ours, "bare-pptx": _bare_pptx, "bare-docx": _bare_docx}


def worker_time(bare_mode: str, path: Path, repeat: int) -> dict:
    """Ours and the bare walk alternate in one process, so machine load hits both alike."""
    _preload()
    best = {"ours": float("inf"), "bare": float("inf")}
    results = {}
    for _ in range(repeat):
        for key, fn in (("ours", _ours), ("bare", MODES[bare_mode])):
            dt, results[key] = _run_once(fn, path)
            best[key] = min(best[key], dt)
    return {"ours_s": best["ours"], "bare_s": best["bare"], "ours": results["ours"],
            "bare": results["bare"]}


def worker_memory(mode: str, path: Path) -> dict:
    """Peak RSS of one run in a fresh process (ru_maxrss), and how much the run added."""
    import resource

    _preload()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _dt, result = _run_once(MODES[mode], path)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"peak_mb": peak / 1024, "grew_mb": (peak - base) / 1024, "result": result}


def _sub(args: list[str]) -> dict:
    r = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                       timeout=900, cwd=ROOT)
    if r.returncode != 0:
        raise RuntimeError((r.stderr.strip().splitlines() or ["?"])[-1])
    return json.loads(r.stdout.strip().splitlines()[-1])


# --- generated inputs -----------------------------------------------------------------------


def make_chinese_deck(path: Path, slides: int = 60) -> Path:
    """A realistic training deck: every slide has a title, bullets and notes; every 5th a
    table, every 10th a chart, every 3rd a distinct photo-like JPEG (~30 KB)."""
    from PIL import Image, ImageDraw
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for i in range(1, slides + 1):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = f"第{i}讲 保险销售合规要点"
        tf = s.placeholders[1].text_frame
        tf.text = f"要点{i}：了解客户需求，如实告知产品责任与免责条款。"
        for j in range(4):
            p = tf.add_paragraph()
            p.text = f"细则{j + 1}：犹豫期内可全额退保，销售过程需双录并留存记录。"
            p.level = j % 2
        s.notes_slide.notes_text_frame.text = (f"各位同事好，这是第{i}页。" * 6)
        if i % 5 == 0:
            t = s.shapes.add_table(4, 3, Inches(7), Inches(1.5), Inches(5), Inches(2)).table
            for r in range(4):
                for c in range(3):
                    t.cell(r, c).text = f"险种{r}-{c}"
        if i % 10 == 0:
            cd = CategoryChartData()
            cd.categories = ["一季度", "二季度", "三季度", "四季度"]
            cd.add_series("保费", (10, 20, 30, 40))
            s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(7), Inches(4),
                               Inches(5), Inches(3), cd)
        if i % 3 == 0:
            im = Image.new("RGB", (640, 400), (i * 4 % 256, 80, 160))
            d = ImageDraw.Draw(im)
            for k in range(0, 640, 8):
                d.line([(k, 0), (640 - k, 400)], fill=((k * 7 + i) % 256, k % 256, 90))
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=85)
            buf.seek(0)
            s.shapes.add_picture(buf, Inches(0.5), Inches(5), Inches(3))
    prs.save(path)
    return path


def make_zip_bomb(src: Path, dst: Path, zero_mb: int = 600) -> Path:
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info))
        with zout.open("ppt/media/padding.bin", "w", force_zip64=True) as fh:
            chunk = bytes(1 << 20)
            for _ in range(zero_mb):
                fh.write(chunk)
    return dst


# --- main -----------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only", default="")
    ap.add_argument("--time-worker", nargs=3, metavar=("BARE_MODE", "PATH", "N"))
    ap.add_argument("--mem-worker", nargs=2, metavar=("MODE", "PATH"))
    args = ap.parse_args()
    if args.time_worker:
        mode, path, n = args.time_worker
        print(json.dumps(worker_time(mode, Path(path), int(n))))
        return
    if args.mem_worker:
        mode, path = args.mem_worker
        print(json.dumps(worker_memory(mode, Path(path))))
        return

    tmp = Path(tempfile.mkdtemp(prefix="import-bench-"))
    deck = make_chinese_deck(tmp / "中文培训_60页.pptx")
    bomb = make_zip_bomb(CORPUS / "pptx" / "程序员晚枫-2.pptx", tmp / "zip_bomb_600MB.pptx")
    files = sorted((CORPUS / "pptx").iterdir()) + sorted((CORPUS / "docx").iterdir())
    files += sorted(p for p in SAMPLES.glob("*") if p.suffix in (".pptx", ".docx"))
    files += [deck, bomb]
    if args.only:
        files = [f for f in files if args.only in f.name]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; time = best of {args.repeat} "
          "(ours and bare alternating in one process); peak RSS = one run in a fresh process (MB)\n")
    hdr = (f"{'file':42} {'KB':>6} {'ours ms':>8} {'bare ms':>8} {'ratio':>6} "
           f"{'ours MB':>8} {'bare MB':>8}  ours / bare result")
    print(hdr)
    print("-" * len(hdr))
    for f in files:
        family = "pptx" if f.suffix in (".pptx", ".ppsx", ".pptm", ".potx") else "docx"
        repeat = 1 if f == bomb else args.repeat
        t = _sub(["--time-worker", f"bare-{family}", str(f), str(repeat)])
        m_ours = _sub(["--mem-worker", "ours", str(f)])
        m_bare = _sub(["--mem-worker", f"bare-{family}", str(f)])
        both_ok = t["ours"] == "ok" and t["bare"] == "ok"
        ratio = f"{t['ours_s'] / t['bare_s']:6.2f}" if both_ok else f"{'-':>6}"
        print(f"{f.name[:42]:42} {f.stat().st_size / 1024:6.0f} {t['ours_s'] * 1000:8.1f} "
              f"{t['bare_s'] * 1000:8.1f} {ratio} {m_ours['peak_mb']:8.0f} {m_bare['peak_mb']:8.0f}"
              f"  {t['ours']} / {t['bare']}", flush=True)


if __name__ == "__main__":
    main()
