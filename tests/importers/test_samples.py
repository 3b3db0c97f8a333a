"""The bundled Chinese samples (README demo input) import with the counts the README promises."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from creator_studio.core.importers import import_source
from creator_studio.core.lesson.model import BulletList, Heading, Image, Note, Table

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "creator_studio" / "resources" / "samples"
PPTX = SAMPLES / "理赔流程培训.pptx"
DOCX = SAMPLES / "新员工入职手册.docx"


def _blocks(lesson, cls):
    return [b for p in lesson.pages for b in p.blocks if isinstance(b, cls)]


def test_docx_sample_counts(tmp_path):
    lesson = import_source(DOCX, assets_dir=tmp_path)
    assert lesson.title == "新员工入职手册"
    assert [p.title for p in lesson.pages] == ["新员工入职手册", "一、公司简介", "二、入职流程",
                                               "三、薪酬福利", "四、客户沟通情景", "五、入职测验"]
    c = lesson.counts()
    assert (c["pages"], c["tables"], c["images"], c["quiz_questions"], c["dialogue_lines"]) == \
        (6, 1, 1, 7, 9)
    (note,) = _blocks(lesson, Note)
    assert note.label == "注1" and note.text.startswith("数据截至2024年12月31日")
    markers = [[i.marker for i in b.items] for b in _blocks(lesson, BulletList)]
    assert markers == [["1.", "2.", "3.", "4."], ["一、", "二、", "三、", "四、"], ["1.", "2.", "3."]]
    assert [h.text for h in lesson.pages[2].blocks if isinstance(h, Heading)] == \
        ["（一）报到准备", "（二）入职第一周安排", "（三）试用期考核"]
    table = _blocks(lesson, Table)[0]
    assert (table.rows[0][0].row_span, table.rows[0][1].col_span) == (2, 2)
    kinds = [q.kind for q in lesson.quiz.questions]
    assert kinds == ["single", "single", "multiple", "multiple", "truefalse", "truefalse", "fill"]
    assert all(q.source_page == "p6" for q in lesson.quiz.questions)
    assert lesson.pages[5].blocks == []  # the quiz page's content went into the quiz
    cast = {ch.name: ch for ch in lesson.script.cast}
    assert set(cast) == {"旁白", "客户", "业务员"}
    assert (cast["客户"].side, cast["业务员"].side, cast["旁白"].side) == ("right", "left", "center")
    assert not lesson.all_warnings()


def test_pptx_sample_counts(tmp_path):
    lesson = import_source(PPTX, assets_dir=tmp_path)
    c = lesson.counts()
    assert c["pages"] == 12 and c["hidden_pages"] == 1
    assert c["notes"] == 10
    assert (c["tables"], c["charts"], c["images"]) == (1, 1, 1)
    assert (c["quiz_questions"], c["dialogue_lines"]) == (3, 7)
    assert [q.kind for q in lesson.quiz.questions] == ["single", "multiple", "truefalse"]
    assert lesson.pages[7].duration == pytest.approx(8.0)
    assert {ch.role for ch in lesson.script.cast} == {"客户", "理赔员"}
    img = _blocks(lesson, Image)[0]
    assert img.asset and (tmp_path / img.asset).is_file()


def test_generator_reproduces_the_same_structure(tmp_path):
    """scripts/make_samples.py still builds files that import to the committed counts."""
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.main(["make_samples", str(tmp_path / "out")]) == 0
    for name in (PPTX.name, DOCX.name):
        fresh = import_source(tmp_path / "out" / name, assets_dir=tmp_path / "a1").counts()
        committed = import_source(SAMPLES / name, assets_dir=tmp_path / "a2").counts()
        assert fresh == committed


def test_docx_sample_survives_the_json_round_trip(tmp_path):
    from creator_studio.core.lesson import serialize

    lesson = import_source(DOCX, assets_dir=tmp_path)
    again = serialize.loads(serialize.dumps(lesson))
    assert again == lesson
    assert again.script.scenes[0].lines[0].speaker == lesson.script.cast[0].id
