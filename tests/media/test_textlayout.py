"""Kinsoku (禁则) line breaking on crafted strings, with a fixed-width measurer and a real font."""

from __future__ import annotations

import pytest

from creator_studio.core.media.fonts import load_font
from creator_studio.core.media.textlayout import (
    NO_END, NO_START, check_kinsoku, tokenize, wrap, wrap_for_font,
)


def cells(tok: str) -> float:
    """Each CJK character is 2 units, everything else 1 (a monospace model of a CJK font)."""
    return float(sum(2 if ord(c) > 0x2E7F else 1 for c in tok))


def joined(lines: list[str]) -> str:
    return "".join(lines)


@pytest.mark.parametrize("punct", list("，。！？；：、）》」』】…"))
def test_closing_punctuation_never_starts_a_line(punct):
    # 5 CJK chars fill a 10-unit line exactly; the punctuation must not open line 2.
    text = "一二三四五" + punct + "六七八九十"
    lines = wrap(text, cells, 10)
    assert check_kinsoku(lines) == []
    assert all(not ln or ln[0] not in NO_START for ln in lines[1:]), lines
    assert joined(lines) == text


@pytest.mark.parametrize("opener", list("（《「『【“"))
def test_opening_brackets_never_end_a_line(opener):
    text = "一二三四" + opener + "五六七八九十"
    lines = wrap(text, cells, 10)
    assert all(not ln or ln[-1] not in NO_END for ln in lines[:-1]), lines
    assert check_kinsoku(lines) == []
    assert joined(lines) == text


def test_push_out_carries_the_previous_char_down_with_the_punctuation():
    lines = wrap("一二三四五。六七", cells, 10)
    # "五。" travel together: 。 would otherwise start line 2.
    assert lines[0] == "一二三四"
    assert lines[1].startswith("五。")


def test_runs_of_closing_punctuation_are_pushed_out_together():
    text = "一二三四五」。六七八"
    lines = wrap(text, cells, 10)
    assert check_kinsoku(lines) == []
    assert joined(lines) == text


@pytest.mark.parametrize("token", ["——", "……"])
def test_double_dashes_and_ellipses_are_never_split(token):
    for prefix in ("一二三", "一二三四", "一二三四五"):  # place the pair at every column
        text = prefix + token + "六七八九"
        lines = wrap(text, cells, 10)
        assert not any(ln.endswith(token[0]) and nxt.startswith(token[0])
                       for ln, nxt in zip(lines, lines[1:])), (prefix, lines)
        assert token in "\n".join(lines).replace("\n", "|") or any(token in ln for ln in lines)
        assert check_kinsoku(lines) == []


@pytest.mark.parametrize("word", ["https://example.com/a/b?c=1", "PowerPoint", "95500", "18.6%",
                                  "3,800.50", "user@example.com"])
def test_latin_words_numbers_and_urls_stay_whole(word):
    text = "请访问" + word + "了解详情，谢谢"
    width = cells(word) + 4  # room for the word but not for the word plus its neighbours
    lines = wrap(text, cells, width)
    assert any(word in ln for ln in lines), lines
    assert joined(lines) == text


def test_tokenize_keeps_urls_words_and_dash_runs():
    toks = tokenize("见https://a.cn/x——Word 2026年……好")
    assert "https://a.cn/x" in toks
    assert "——" in toks and "……" in toks
    assert "Word" in toks and "2026" in toks


def test_an_over_long_token_is_hard_split_to_fit():
    url = "https://example.com/" + "x" * 60
    lines = wrap(url, cells, 20)
    assert len(lines) >= 4
    assert all(cells(ln) <= 20 for ln in lines)
    assert joined(lines) == url


def test_explicit_newlines_and_vertical_tabs_break_lines():
    lines = wrap("第一行\n第二行\v第三行\r\n第四行\u2028第五行", cells, 100)
    assert lines == ["第一行", "第二行", "第三行", "第四行", "第五行"]


def test_empty_paragraphs_are_kept_as_empty_lines():
    assert wrap("甲\n\n乙", cells, 100) == ["甲", "", "乙"]


def test_spaces_do_not_lead_a_wrapped_line():
    lines = wrap("alpha beta gamma delta", cells, 11)
    assert all(not ln.startswith(" ") and not ln.endswith(" ") for ln in lines)
    assert " ".join(lines) == "alpha beta gamma delta"


def test_a_space_before_an_ellipsis_is_not_a_break_opportunity():
    # "word ……": breaking at the space would open the next line with ……
    for width in range(8, 20):
        lines = wrap("一二三 abcd ……五六七八", cells, width)
        assert check_kinsoku(lines) == [], (width, lines)


def test_check_kinsoku_reports_violations():
    assert check_kinsoku(["一二", "。三"]) == ["line 2 starts with '。'"]
    assert check_kinsoku(["一（", "二"]) == ["line 1 ends with '（'"]
    assert check_kinsoku(["一—", "—二"])


def test_real_font_wrapping_fits_the_width_and_obeys_the_rules():
    font = load_font(28)
    text = ("根据《保险法》第十六条，订立保险合同时，保险人就保险标的或者被保险人的有关情况提出询问的，"
            "投保人应当如实告知——详见 https://example.com/policy/16 ……以及“双录”要求（含 PowerPoint 课件）。") * 3
    for width in (300, 420, 622):
        lines = wrap_for_font(text, font, width)
        assert check_kinsoku(lines) == []
        # Only hanging closing punctuation (nothing left to push out) may pass the edge.
        assert all(font.getlength(ln.rstrip("".join(NO_START))) <= width + 0.5 for ln in lines), width
        assert joined(lines).replace(" ", "") == text.replace(" ", "")
        if font.getlength("https://example.com/policy/16") <= width:
            assert any("https://example.com/policy/16" in ln for ln in lines)
        else:  # wider than the line: hard-split, nothing lost
            assert "https://example.com/policy/16" in joined(lines)


def test_mixed_cjk_and_latin_measure_with_the_font():
    font = load_font(28)
    wide = font.getlength("中")
    assert font.getlength("中文ABC") > 2 * wide  # Latin has its own (narrower) advances
    assert font.getlength("i") < wide / 2
