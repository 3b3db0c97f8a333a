"""`creator-studio import FILE [--json] [--assets DIR]`: what the studio reads from a document.

Prints an outline (title, one line per page with its block summary, notes/hidden markers, quiz
and dialogue counts, warnings) or the whole course model as JSON on stdout. A refused file is a
`SourceError`, which the CLI main turns into exit 2 and one `error[CODE]: 中文 / English` line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from creator_studio.core import staging
from creator_studio.core.lesson.model import Lesson

BLOCK_LABELS = {
    "heading": "标题", "paragraph": "段落", "list": "列表", "image": "图片", "table": "表格",
    "chart": "图表", "note": "注释", "media": "音视频", "columns": "分栏",
}
# How forms show a page (issue 15); reflow is the default and is not marked.
MODE_LABELS = {"picture": "[整页图片 picture]", "picture+text": "[图片+文字 picture+text]"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import a PPTX/DOCX and print its outline (or --json)")
    p.add_argument("file", type=Path, help=".pptx/.docx (or .pptm/.ppsx/.potx/.docm/.dotx)")
    p.add_argument("--json", action="store_true", help="print the full course model as JSON")
    p.add_argument("--assets", type=Path, default=None,
                   help="keep extracted pictures/media in this folder (default: discarded)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from creator_studio.core.importers import import_source

    if args.assets is not None:
        lesson = import_source(args.file, assets_dir=args.assets)
        _print(lesson, args.json)
        return 0
    with staging.temp_dir("creator-studio-import-") as tmp:
        lesson = import_source(args.file, assets_dir=Path(tmp))
        _print(lesson, args.json)
    return 0


def _print(lesson: Lesson, as_json: bool) -> None:
    if as_json:
        from creator_studio.core.lesson import lesson_to_dict

        doc = lesson_to_dict(lesson)
        doc["counts"] = lesson.counts()
        doc["all_warnings"] = lesson.all_warnings()
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
        return
    sys.stdout.write(outline(lesson))


def block_summary(blocks) -> str:
    counts = Counter(b.kind for b in blocks)
    return "、".join(f"{BLOCK_LABELS.get(k, k)}×{n}" for k, n in counts.items()) or "（空）"


def outline(lesson: Lesson) -> str:
    c = lesson.counts()
    src = lesson.source
    lines = [f"标题 Title: {lesson.title}",
             f"来源 Source: {src.filename} ({src.kind}), {c['pages']} 页 pages, "
             f"备注 notes {c['notes']}, 隐藏 hidden {c['hidden_pages']}, 表格 tables {c['tables']}, "
             f"图表 charts {c['charts']}, 图片 images {c['images']}, 音视频 media {c['media']}"]
    for i, page in enumerate(lesson.pages, start=1):
        marks = []
        if page.narration.strip():
            marks.append("[备注 notes]")
        if page.hidden:
            marks.append("[隐藏 hidden]")
        if page.duration is not None:
            marks.append(f"[{page.duration:g}s]")
        if page.visual_mode in MODE_LABELS:
            marks.append(MODE_LABELS[page.visual_mode])
        if page.warnings:
            marks.append(f"[警告 {len(page.warnings)}]")
        title = page.title or "（无标题）"
        lines.append(f"  {i:>3}. {title} — {block_summary(page.blocks)} {' '.join(marks)}".rstrip())
    lines.append(f"测验题 Quiz questions: {c['quiz_questions']}")
    cast = len(lesson.script.cast) if lesson.script else 0
    lines.append(f"对话台词 Dialogue lines: {c['dialogue_lines']} (角色 cast {cast})")
    warnings = lesson.all_warnings()
    lines.append(f"警告 Warnings: {len(warnings)}")
    lines.extend(f"  - {w}" for w in warnings)
    return "\n".join(lines) + "\n"
