"""Fixtures for the skit form: script tables, branching scripts, a rendered skit shared per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from creator_studio.core.lesson import model as m

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"

# A branching role-play as a maker would type it into Word/Excel.
SCRIPT_ROWS = [
    ["角色", "台词", "情绪", "选项", "跳转", "得分", "反馈"],
    ["场景：初次拜访", "", "", "", "", "", ""],
    ["旁白", "周一上午，业务员小李拜访客户王女士。", "", "", "", "", ""],
    ["客户 王女士", "保险都是骗人的吧？", "怀疑", "", "", "", ""],
    ["业务员小李", "您说得对，那我先走了。", "", "A", "结束", "0", "放弃沟通，客户流失。"],
    ["业务员小李", "我理解您的顾虑，我们一起看看条款。", "", "B", "认真解释", "10", "先共情，再讲事实。"],
    ["场景：认真解释", "", "", "", "", "", ""],
    ["业务员小李", "重疾险赔付看合同约定的疾病定义。", "诚恳", "", "", "", ""],
    ["客户 王女士", "好吧，你说说看。", "", "", "", "", ""],
]


def table_of(rows: list[list[str]]) -> m.Table:
    return m.Table(rows=[[m.TableCell(str(c)) for c in r] for r in rows], header_rows=1)


def script_lesson(rows=None, title: str = "异议处理") -> m.Lesson:
    return m.Lesson(title=title, pages=[m.Page(id="p1", title="剧本",
                                               blocks=[table_of(rows or SCRIPT_ROWS)])])


def branching_script() -> m.Script:
    """s1 → decision (wrong: retry s1's decision scene / ends; right: s2) → s2 → end."""
    cast = [m.Character("c1", "客户 王女士", role="客户"),
            m.Character("c2", "业务员小李", role="业务员"),
            m.Character("c3", "旁白", role="旁白", side="center")]
    s1 = m.Scene("s1", "初次拜访", lines=[m.Line("c3", "客户来到门店。"),
                                          m.Line("c1", "这个保险靠谱吗？")],
                 decision=m.Decision("你会怎么回答？", [
                     m.Choice("肯定靠谱，您放心买。", "空口保证没有说服力。", 0, "s3"),
                     m.Choice("我们一起看看条款和理赔数据。", "用事实说话。", 10, "s2")]))
    s2 = m.Scene("s2", "讲解条款", lines=[m.Line("c2", "这是理赔数据。"),
                                          m.Line("c1", "明白了，谢谢。")])
    s3 = m.Scene("s3", "客户犹豫", lines=[m.Line("c1", "我再想想吧。")])
    return m.Script(cast=cast, scenes=[s1, s2, s3], start_scene="s1", title="门店接待")


@pytest.fixture
def skit_rows():
    return [list(r) for r in SCRIPT_ROWS]


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def out_dir(tmp_path) -> Path:
    return tmp_path / "out"


def skit_lesson_of(script: m.Script, title: str = "门店接待") -> m.Lesson:
    return m.Lesson(title=title, pages=[m.Page(id="p1", title="说明")], script=script)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """The branching script rendered once (360p, espeak-ng) through `render_forms`."""
    from creator_studio.core.forms import render_forms

    out = tmp_path_factory.mktemp("skit") / "out"
    lesson = skit_lesson_of(branching_script())
    done, failed = render_forms(lesson, out, ["skit"], {"resolution": "360p", "tts": "espeak"})
    assert not failed, {k: v.one_line() for k, v in failed.items()}
    return out, done["skit"], lesson
