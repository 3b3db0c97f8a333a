"""Contest costs (issue 19), each against a baseline measured in the same run.

1. Blind judging copy of a rendered package (H5 with its SCORM/cmi5 zips + long image, maker
   name in the metadata) vs a plain ``shutil.copytree`` of the same folder: the anonymising
   rewrite plus the full byte scan (inside zips too) is what a submission pays on top; then the
   OCR pass over the copy's pixels (tesseract chi_sim), which a submission pays when OCR is here.
2. Ranking with per-judge z-scores and the per-criterion breakdown for 500 entries × 8 judges
   (each judge scores 250 entries) vs a plain mean of the weighted totals.

    python benchmarks/contest_bench.py [--runs 3]
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
import tempfile
import time
from pathlib import Path

from PIL import Image, PngImagePlugin


def _package(root: Path) -> Path:
    from creator_studio.core.forms import render_forms
    from creator_studio.core.lesson import model as m

    assets = root / "assets"
    assets.mkdir()
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "张创客")
    Image.new("RGB", (1280, 720), (30, 91, 184)).save(assets / "pic.png", pnginfo=info)
    pages = [m.Page(id=f"p{i}", title=f"第{i}节", blocks=[
        m.Paragraph(runs=[m.Run("出险后第一时间报案，说明时间、地点和经过。" * 4)]),
        m.Image(asset="pic.png", alt="示意", width_px=1280, height_px=720)]) for i in range(8)]
    lesson = m.Lesson(title="车险理赔三步走", pages=pages,
                      meta=m.LessonMeta(maker_name="张创客", maker_id="E1001"))
    lesson.asset_root = assets
    plain = copy.deepcopy(lesson)
    plain.meta.maker_name = plain.meta.maker_id = ""
    plain.asset_root = assets
    out = root / "package"
    render_forms(plain, out, ["long-image"], {"watermark": "off"})
    render_forms(lesson, out, ["h5"], {})
    return out


def _best(fn, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from creator_studio.core.market import contest_blind, contest_scoring

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pkg = _package(root)
        size = sum(p.stat().st_size for p in pkg.rglob("*") if p.is_file())
        n = 0

        def plain():
            nonlocal n
            n += 1
            shutil.copytree(pkg, root / f"copy{n}")

        def blind():
            nonlocal n
            n += 1
            rep = contest_blind.make_blind_copy(pkg, root / f"blind{n}", ["张创客", "E1001", "maker01"],
                                                pixels=False)
            assert rep.clean, rep.leaks

        base, cost = _best(plain, args.runs), _best(blind, args.runs)
        print(f"blind copy: package {size / 1e6:.1f} MB, {sum(1 for p in pkg.rglob('*') if p.is_file())} files")
        print(f"  copytree {base * 1000:.0f} ms | blind copy + check {cost * 1000:.0f} ms | ratio {cost / base:.1f}×")
        # 1b. the OCR pass over the copy's pixels (pictures, inside zips once), when tesseract is here
        if contest_blind.tesseract() is None:
            print("  OCR pixel check: tesseract (chi_sim) not installed — skipped, entries warn instead")
        else:
            found: dict = {}

            def pixels():
                found.update(contest_blind.pixel_check(root / f"blind{n}", ["张创客", "E1001", "maker01"]))

            ocr = _best(pixels, args.runs)
            print(f"  OCR pixel check {ocr * 1000:.0f} ms for {len(found['checked'])} distinct pictures "
                  f"({len(found['unchecked'])} unread, {len(found['hits'])} names found) | "
                  f"{ocr / cost:.1f}× the byte-level copy + check")

    rng = random.Random(19)
    rubric = [contest_scoring.Criterion(c, w) for c, w in (("a", 30), ("b", 25), ("c", 25), ("d", 20))]
    scores = {}
    for e in range(500):
        for j in rng.sample(range(8), 4):
            scores[(e, j)] = {c.id: rng.randint(40, 100) for c in rubric}

    def plain_mean():
        tot: dict[int, list[float]] = {}
        for (e, _), v in scores.items():
            tot.setdefault(e, []).append(contest_scoring.weighted_total(v, rubric))
        return sorted(tot, key=lambda e: -sum(tot[e]) / len(tot[e]))

    base = _best(plain_mean, args.runs)
    cost = _best(lambda: contest_scoring.rank(scores, rubric, "zscore"), args.runs)
    print("ranking: 500 entries × 4 of 8 judges, 4 criteria")
    print(f"  plain mean {base * 1000:.1f} ms | z-score + breakdown + tie-break {cost * 1000:.1f} ms | "
          f"ratio {cost / base:.1f}×")


if __name__ == "__main__":
    main()
