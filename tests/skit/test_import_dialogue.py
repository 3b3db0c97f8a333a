"""From a real DOCX/PPTX through `import_source` to the script the skit form plays."""

from __future__ import annotations

from pathlib import Path

import docx
from pptx import Presentation
from pptx.util import Inches

from creator_studio.core.importers import import_source
from creator_studio.core.skit import best_path, validate_script
from creator_studio.core.skit.source import ensure_script

from .conftest import SCRIPT_ROWS

DIALOGUE = [
    "旁白：周一上午，门店刚开门。",
    "客户 王女士：你们的重疾险到底赔不赔？",  # speaker with a space, full-width colon
    "业务员小李: 我们先看看合同怎么约定的。",  # half-width colon and a space after it
    "客户 王女士：那你说说看。",
    "业务员小李：好的，第一条是疾病定义。",
]


def _docx(path: Path, table_rows=None) -> Path:
    d = docx.Document()
    d.add_heading("异议处理情景", level=1)
    d.add_paragraph("本节演示客户异议的处理方法。")
    if table_rows is None:
        for line in DIALOGUE:
            d.add_paragraph(line)
    else:
        t = d.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
    d.save(path)
    return path


def _pptx(path: Path) -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "门店接待"
    body = slide.placeholders[1].text_frame
    body.text = DIALOGUE[0]
    for line in DIALOGUE[1:]:
        body.add_paragraph().text = line
    prs.save(path)
    return path


def _check_dialogue(script):
    names = [c.name for c in script.cast]
    assert "客户 王女士" in names and "业务员小李" in names and "旁白" in names
    narrator = next(c for c in script.cast if c.name == "旁白")
    assert narrator.is_narrator
    lines = [ln for sc in script.scenes for ln in sc.lines]
    assert len(lines) == 5
    by_id = {c.id: c.name for c in script.cast}
    assert by_id[lines[2].speaker] == "业务员小李"
    assert lines[2].text == "我们先看看合同怎么约定的。"  # half-width colon split, space trimmed
    assert by_id[lines[1].speaker] == "客户 王女士"
    assert [e for e in validate_script(script) if e.is_error] == []
    assert best_path(script)


def test_docx_dialogue(tmp_path):
    lesson = import_source(_docx(tmp_path / "d.docx"), assets_dir=tmp_path / "a")
    _check_dialogue(ensure_script(lesson))


def test_pptx_dialogue(tmp_path):
    lesson = import_source(_pptx(tmp_path / "d.pptx"), assets_dir=tmp_path / "a")
    _check_dialogue(ensure_script(lesson))


def test_docx_script_table(tmp_path):
    lesson = import_source(_docx(tmp_path / "t.docx", SCRIPT_ROWS), assets_dir=tmp_path / "a")
    script = ensure_script(lesson)
    assert lesson.script is script
    assert [sc.title for sc in script.scenes] == ["初次拜访", "认真解释"]
    assert [o.score for o in script.scenes[0].decision.options] == [0, 10]
    assert [st.scene.title for st in best_path(script)] == ["初次拜访", "认真解释"]


def test_cli_convert_to_skit(tmp_path, capsys):
    import json

    from creator_studio.cli import main

    src = _docx(tmp_path / "对话.docx")
    out = tmp_path / "out"
    rc = main(["convert", str(src), "--to", "skit", "--out", str(out), "--tts", "none", "--quiet"])
    assert rc == 0
    for name in ("skit.mp4", "skit.srt", "skit.vtt", "chat-01.png", "h5/index.html",
                 "h5/course-scorm12.zip", "h5/course-cmi5.zip"):
        assert (out / "skit" / name).is_file(), name
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["forms"]["skit"]["info"]["line_count"] == 5
    assert manifest["lesson"]["dialogue_lines"] == 5


def test_cli_no_dialogue_message(tmp_path, capsys):
    from creator_studio.cli import main

    d = docx.Document()
    d.add_paragraph("这是一份没有对话的文档。")
    d.save(tmp_path / "plain.docx")
    rc = main(["convert", str(tmp_path / "plain.docx"), "--to", "skit", "--out",
               str(tmp_path / "o"), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 1 and "error[NO_DIALOGUE]" in err and "没有对话" in err
