"""DOCX import speed: `import_source` vs. a bare python-docx open-and-walk, same run, same file.

The input is generated here: a Chinese handbook of N sections (Heading 1 + numbered paragraphs
+ a 6×5 table + a picture each, plus a quiz section and a dialogue), so the ratio covers the
whole pipeline: safety checks, lxml walk, numbering, tables, asset writes, quiz/dialogue detection.

    bare: docx.Document(path); every paragraph's text; every table cell's text; every image blob.

Run:  .venv/bin/python benchmarks/docx_import_bench.py [--sections 40] [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path


def build(path: Path, sections: int) -> Path:
    from docx import Document
    from PIL import Image

    doc = Document()
    doc.core_properties.title = "基准手册"
    buf = io.BytesIO()
    Image.new("RGB", (320, 200), (30, 90, 160)).save(buf, "PNG")
    for s in range(sections):
        doc.add_heading(f"第{s + 1}章 业务规范", 1)
        for i in range(40):
            doc.add_paragraph(f"第{i + 1}条：理赔人员应在48小时内联系客户并记录出险经过，确保材料齐全。",
                              style="List Number" if i % 4 == 0 else None)
        table = doc.add_table(rows=6, cols=5)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"项目{r}-{c}"
        doc.add_picture(io.BytesIO(buf.getvalue()))
    doc.add_heading("测验", 1)
    for k in range(20):
        for line in (f"{k + 1}. 报案时限是（ ）", "A. 24小时  B. 48小时  C. 72小时", "答案：B", "解析：见条款。"):
            doc.add_paragraph(line)
    doc.add_heading("情景对话", 1)
    for k in range(20):
        doc.add_paragraph(("客户：" if k % 2 == 0 else "理赔员：") + "我们来确认一下理赔材料。")
    doc.save(path)
    return path


def bare_walk(path: Path) -> int:
    import docx

    d = docx.Document(path)
    n = sum(len(p.text) for p in d.paragraphs)
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                n += len(cell.text)
    for rel in d.part.rels.values():
        if "image" in rel.reltype:
            n += len(rel.target_part.blob)
    return n


def ours(path: Path, assets: Path):
    from creator_studio.core.importers import import_source

    return import_source(path, assets_dir=assets)


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sections", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = build(tmp / "handbook.docx", args.sections)
        lesson = ours(path, tmp / "warm")  # warm imports and caches once
        bare_walk(path)
        counter = iter(range(10_000))
        t_ours = best_of(lambda: ours(path, tmp / f"a{next(counter)}"), args.repeat)
        t_bare = best_of(lambda: bare_walk(path), args.repeat)
        c = lesson.counts()
        print(f"file: {path.stat().st_size / 1024:.0f} KB, {args.sections} sections → "
              f"{c['pages']} pages, {c['tables']} tables, {c['images']} pictures, "
              f"{c['quiz_questions']} questions, {c['dialogue_lines']} dialogue lines")
        print(f"ours  (import_source, best of {args.repeat}): {t_ours * 1000:8.1f} ms")
        print(f"bare  (python-docx walk, best of {args.repeat}): {t_bare * 1000:8.1f} ms")
        print(f"ratio ours/bare: {t_ours / t_bare:.2f}")


if __name__ == "__main__":
    main()
