"""Script tables (model Table and .xlsx), validation messages, best path, avatars, voices."""

from __future__ import annotations

import pytest

from creator_studio.core.errors import SourceError, ValidationError
from creator_studio.core.lesson import model as m
from creator_studio.core.skit import best_path, check_script, validate_script
from creator_studio.core.skit.avatars import avatar_color, avatar_initial, render_avatar
from creator_studio.core.skit.cast import resolve_sides
from creator_studio.core.skit.paths import max_score
from creator_studio.core.skit.source import NoDialogueError, ensure_script
from creator_studio.core.skit.table import (
    header_map,
    is_script_table,
    script_from_table,
    script_from_xlsx,
)
from creator_studio.core.skit.voices import assign_voices

from .conftest import branching_script, script_lesson, table_of


# -- tables ---------------------------------------------------------------------------------

def test_chinese_table_becomes_branching_script(skit_rows):
    s = script_from_table(table_of(skit_rows))
    assert [c.name for c in s.cast] == ["旁白", "客户 王女士", "业务员小李"]
    assert s.cast[0].is_narrator and s.cast[1].role == "客户" and s.cast[2].role == "业务员"
    assert [sc.title for sc in s.scenes] == ["初次拜访", "认真解释"]
    first, second = s.scenes
    assert [ln.text for ln in first.lines] == ["周一上午，业务员小李拜访客户王女士。", "保险都是骗人的吧？"]
    assert first.lines[1].emotion == "怀疑"
    a, b = first.decision.options
    # option cells are labels ("A"), so the line cell is the option text
    assert a.text == "您说得对，那我先走了。" and a.next_scene is None and a.score == 0
    assert b.next_scene == second.id and b.score == 10 and b.feedback == "先共情，再讲事实。"
    assert second.next_scene is None and second.lines[0].emotion == "诚恳"
    assert validate_script(s) == []


def test_english_headers_scene_column_and_numbered_jumps():
    rows = [["Scene", "Speaker", "Line", "Option", "Next", "Score"],
            ["Lobby", "Customer", "Is it safe?", "", "", ""],
            ["Lobby", "Agent", "", "Trust me.", "3", "-5"],
            ["Lobby", "Agent", "", "Let me show you the data.", "scene 2", "+10分"],
            ["Data", "Agent", "Here are the claims numbers.", "", "", ""],
            ["Bad end", "Customer", "No thanks.", "", "end", ""]]
    t = table_of(rows)
    assert is_script_table(t)
    s = script_from_table(t)
    assert [sc.title for sc in s.scenes] == ["Lobby", "Data", "Bad end"]
    opts = s.scenes[0].decision.options
    assert [o.text for o in opts] == ["Trust me.", "Let me show you the data."]
    assert [o.score for o in opts] == [-5, 10]
    assert [o.next_scene for o in opts] == ["s3", "s2"]
    # a line row's next on the consequence scene... here "end" sits on the last scene's line
    assert s.scenes[2].next_scene is None
    assert s.scenes[1].next_scene == "s3"  # blank next = following scene


def test_header_mapping_prefers_specific_columns():
    assert header_map(["说话人", "台词内容", "跳转场景", "分值"]) == {
        "speaker": 0, "line": 1, "next": 2, "score": 3}
    assert not is_script_table(table_of([["术语", "释义"], ["保费", "钱"]]))


def test_unknown_jump_is_kept_and_reported(skit_rows):
    skit_rows[5][4] = "不存在的场景"
    s = script_from_table(table_of(skit_rows))
    f = [x for x in validate_script(s) if x.code == "UNKNOWN_NEXT"]
    assert len(f) == 1 and f[0].scene == "s1" and f[0].option == 2
    assert "不存在的场景" in f[0].message_zh and "option 2" in f[0].message_en


def test_xlsx_script(tmp_path, skit_rows):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["这张表是说明，不是剧本"])
    ws = wb.create_sheet("剧本")
    for r in skit_rows:
        ws.append([int(c) if c.isdigit() else (c or None) for c in r])
    path = tmp_path / "剧本.xlsx"
    wb.save(path)
    s = script_from_xlsx(path)
    assert s.title == "剧本" and s.line_count == 4
    assert [o.score for o in s.scenes[0].decision.options] == [0, 10]


def test_xlsx_without_script_and_broken_xlsx(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "部门"])
    wb.active.append(["张三", "销售"])
    p = tmp_path / "x.xlsx"
    wb.save(p)
    with pytest.raises(SourceError) as e:
        script_from_xlsx(p)
    assert e.value.code == "NO_DIALOGUE" and "角色" in e.value.message_zh
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SourceError) as e2:
        script_from_xlsx(bad)
    assert e2.value.code == "XLSX_UNREADABLE" and e2.value.message_en


def test_ensure_script_from_lesson_table_and_no_dialogue():
    lesson = script_lesson()
    assert lesson.script is None
    s = ensure_script(lesson)
    assert lesson.script is s and s.line_count == 4
    plain = m.Lesson(title="无对话", pages=[m.Page("p1", blocks=[m.Paragraph([m.Run("正文")])])])
    with pytest.raises(NoDialogueError) as e:
        ensure_script(plain)
    assert e.value.code == "NO_DIALOGUE" and "对话" in e.value.message_zh and "dialogue" in e.value.message_en


# -- validation -----------------------------------------------------------------------------

def _codes(script):
    return {f.code: f for f in validate_script(script)}


def test_valid_branching_script_has_no_findings():
    assert validate_script(branching_script()) == []


def test_unknown_speaker_points_at_scene_and_line():
    s = branching_script()
    s.scenes[1].lines[1].speaker = "c9"
    f = _codes(s)["UNKNOWN_SPEAKER"]
    assert f.is_error and f.scene == "s2" and f.line == 2
    assert "「讲解条款」第 2 句" in f.message_zh and "line 2" in f.message_en and "c9" in f.message_en


def test_unreachable_scene_is_a_warning():
    s = branching_script()
    s.scenes.append(m.Scene("s4", "孤岛", lines=[m.Line("c1", "没人来这里")]))
    f = _codes(s)["UNREACHABLE_SCENE"]
    assert not f.is_error and f.scene == "s4" and "孤岛" in f.message_zh
    check_script(s)  # warnings do not block


def test_cycle_without_exit():
    s = branching_script()
    s.scenes[1].next_scene = "s3"
    s.scenes[2].next_scene = "s2"  # s2 ↔ s3, and s1's options only lead there
    f = _codes(s)["CYCLE_NO_EXIT"]
    assert f.is_error and "循环" in f.message_zh and "cycle" in f.message_en
    assert "讲解条款" in f.message_zh and "客户犹豫" in f.message_zh
    # a cycle with an exit is fine
    s.scenes[2].decision = m.Decision("?", [m.Choice("回去", next_scene="s2", score=0),
                                            m.Choice("结束", next_scene=None, score=1)])
    assert "CYCLE_NO_EXIT" not in _codes(s)


def test_decision_without_options_missing_start_empty_line():
    s = branching_script()
    s.scenes[0].decision.options = []
    s.start_scene = "nowhere"
    s.scenes[1].lines[0].text = "   "
    found = _codes(s)
    assert found["EMPTY_DECISION"].scene == "s1" and "没有任何选项" in found["EMPTY_DECISION"].message_zh
    assert "nowhere" in found["MISSING_START"].message_en
    assert found["EMPTY_LINE"].line == 1 and not found["EMPTY_LINE"].is_error
    with pytest.raises(ValidationError) as e:
        check_script(s)
    assert e.value.code == "SCRIPT_INVALID"
    codes = {d["code"] for d in e.value.details["findings"]}
    assert {"EMPTY_DECISION", "MISSING_START", "EMPTY_LINE"} <= codes
    assert "另有" in e.value.message_zh and "more" in e.value.message_en


def test_no_scenes():
    assert _codes(m.Script())["NO_SCENES"].is_error


# -- best path ------------------------------------------------------------------------------

def test_best_path_follows_highest_score():
    s = branching_script()
    steps = best_path(s)
    assert [st.scene.id for st in steps] == ["s1", "s2"]
    assert steps[0].choice_index == 1 and steps[0].choice.score == 10
    assert max_score(s) == 10


def test_best_path_guards_cycles_and_ties():
    s = branching_script()
    s.scenes[1].next_scene = "s1"  # s2 loops back to s1
    assert [st.scene.id for st in best_path(s)] == ["s1", "s2"]
    # a tie prefers the option that does not revisit a scene
    s.scenes[0].decision.options[0].score = 10
    s.scenes[0].decision.options[0].next_scene = "s1"
    assert best_path(s)[0].choice_index == 1


# -- cast, avatars, voices ------------------------------------------------------------------

def test_sides_put_the_answering_role_right():
    s = branching_script()
    sides = resolve_sides(s)
    assert sides == {"c1": "left", "c2": "right", "c3": "center"}


def test_avatars_are_consistent_and_distinct():
    assert avatar_color("客户 王女士") == avatar_color("客户 王女士")
    assert avatar_initial("客户 王女士") == "王" and avatar_initial("业务员小李") == "李"
    assert avatar_initial("Anna Lee") == "A" and avatar_initial("旁白") == "旁"
    ch = m.Character("c1", "客户 王女士")
    a, b = render_avatar(ch, 64), render_avatar(ch, 64)
    assert a.size == (64, 64) and a.tobytes() == b.tobytes()
    centre = a.getpixel((8, 32))
    assert centre[:3] == tuple(int(avatar_color(ch)[i:i + 2], 16) for i in (0, 2, 4))
    assert a.getpixel((0, 0))[3] == 0  # round, transparent corners
    names = ["王女士", "张先生", "李经理", "赵阿姨", "孙主管", "周同学"]
    assert len({avatar_color(n) for n in names}) >= 4
    explicit = m.Character("c2", "x", color="123456")
    assert avatar_color(explicit) == "123456"


def test_voices_distinct_stable_and_gendered():
    s = branching_script()
    s.cast.insert(2, m.Character("c4", "张先生"))
    v1, v2 = assign_voices(s), assign_voices(s)
    assert v1 == v2
    speaking = [v1[c.id] for c in s.cast if not c.is_narrator]
    assert len({(v.espeak_voice, v.pitch, v.speed) for v in speaking}) == len(speaking)
    assert v1["c1"].espeak_voice.endswith(("f3", "f2", "f4", "f1", "f5"))  # 女士
    assert "+m" in v1["c4"].espeak_voice  # 先生
    hinted = m.Character("c5", "路人", voice="m7")
    s.cast.append(hinted)
    assert assign_voices(s)["c5"].espeak_voice == "cmn+m7"


def test_merged_scene_row_and_half_width_scene_marker(skit_rows):
    t = table_of(skit_rows)
    t.rows[1] = [m.TableCell("场景：初次拜访", col_span=7)]  # a merged row as Word keeps it
    t.rows[6] = [m.TableCell("Scene: 认真解释", col_span=7)]
    s = script_from_table(t)
    assert [sc.title for sc in s.scenes] == ["初次拜访", "认真解释"]
    assert s.scenes[0].decision.options[1].next_scene == s.scenes[1].id
