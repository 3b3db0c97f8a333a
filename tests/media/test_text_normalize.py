"""Chinese text normalisation before TTS: numbers, dates, units… spelled out in words."""

from __future__ import annotations

import re

import pytest

from creator_studio.core.media.text_normalize import (
    digits_to_zh,
    int_to_zh,
    normalize_for_speech,
    number_to_zh,
    strip_unspoken,
)


@pytest.mark.parametrize("n, words", [
    (0, "零"), (7, "七"), (10, "十"), (15, "十五"), (20, "二十"), (101, "一百零一"),
    (110, "一百一十"), (1001, "一千零一"), (1010, "一千零一十"), (10000, "一万"),
    (10010, "一万零一十"), (100000, "十万"), (120000, "十二万"), (1000001, "一百万零一"),
    (10001000, "一千万一千"), (100000000, "一亿"), (100010000, "一亿零一万"),
    (123456789, "一亿二千三百四十五万六千七百八十九"), (-42, "负四十二"),
])
def test_integers(n, words):
    assert int_to_zh(n) == words


@pytest.mark.parametrize("text, words", [
    ("3.14", "三点一四"), ("0.5", "零点五"), ("-2.5", "负二点五"), ("007", "零零七"),
    ("12.50", "十二点五零"),
])
def test_numbers(text, words):
    assert number_to_zh(text) == words


def test_digits_phone_style():
    assert digits_to_zh("2026") == "二零二六"
    assert digits_to_zh("110", phone=True) == "幺幺零"


@pytest.mark.parametrize("text, spoken", [
    # percentages
    ("增长25%", "增长百分之二十五"),
    ("收益率12.5%", "收益率百分之十二点五"),
    ("下降-3%", "下降百分之负三"),
    ("达到100％", "达到百分之一百"),
    ("千分之比12‰", "千分之比千分之十二"),
    # dates
    ("2026年11月28日", "二零二六年十一月二十八日"),
    ("2026-11-28开课", "二零二六年十一月二十八日开课"),
    ("截至2026/1/5", "截至二零二六年一月五日"),
    ("2025年3月", "二零二五年三月"),
    ("2024年", "二零二四年"),
    # times
    ("14:30开始", "十四点三十分开始"),
    ("9:05结束", "九点零五分结束"),
    ("8:00集合", "八点整集合"),
    ("10:20:30", "十点二十分三十秒"),
    # temperatures
    ("-3.5℃", "零下三点五摄氏度"),
    ("室温25°C", "室温二十五摄氏度"),
    # currency
    ("¥1,234.50", "一千二百三十四元五角"),
    ("￥12.05", "十二元零五分"),
    ("¥3万", "三万元"),
    ("5万元", "五万元"),
    ("$20", "二十美元"),
    ("保费1,200,000元", "保费一百二十万元"),
    # units
    ("5km", "五公里"), ("20kg", "二十千克"), ("3公里", "三公里"), ("60km/h", "六十公里每小时"),
    ("100m²", "一百平方米"), ("30min", "三十分钟"),
    # phones and long numbers: digit by digit, 1 as 幺
    ("13812345678", "幺三八幺二三四五六七八"),
    ("138-1234-5678", "幺三八幺二三四五六七八"),
    ("010-12345678", "零幺零幺二三四五六七八"),
    ("400-810-9999", "四零零八幺零九九九九"),
    ("客服热线95519", "客服热线九五五幺九"),
    ("保单号1234567890", "保单号幺二三四五六七八九零"),
    # other shapes
    ("3/4的客户", "四分之三的客户"),
    ("3-5年", "三到五年"),
    ("3~5天", "三到五天"),
    ("共2个方案", "共两个方案"),
    ("第3章", "第三章"),
    ("95500电话全年无休", "九五五零零电话全年无休"),
    ("保单号：AB-2026-0001234", "保单号:AB 二零二六 零零零幺二三四"),
    ("保费¥3,600/年", "保费三千六百元每年"),
    ("每月2次/人", "每月两次每人"),
    ("09:30-17:30", "九点三十分到十七点三十分"),
    ("3月1日-3月5日", "三月一日到三月五日"),
    ("请拨95511", "请拨九五五幺幺"),
    ("95000元", "九万五千元"),
    ("比例1:2", "比例一比二"),
    ("温度-3度", "温度负三度"),
])
def test_sentences(text, spoken):
    assert normalize_for_speech(text) == spoken


def test_no_ascii_digits_survive_in_mixed_text():
    text = ("2026年11月28日14:30，本产品年化收益3.5%，起投¥1,000，最高50万元；"
            "请拨打13912345678，或访问 https://example.com/a?b=1 了解。气温-2℃，距离5km。")
    out = normalize_for_speech(text)
    assert not re.search(r"\d", out), out
    # the address is read as people say it: host only, dots as 点, no scheme or query
    assert "http" not in out and "example 点 com" in out and "?" not in out
    assert "百分之三点五" in out and "零下二摄氏度" in out and "五公里" in out


def test_bullets_and_vertical_tabs_are_stripped_addresses_are_spoken():
    text = "• 第一点\v• 第二点\n1. 第三点\n▪ 详见 www.example.com 与 a.b@example.com"
    out = normalize_for_speech(text)
    for junk in ("•", "▪", "\v", "@", "1."):
        assert junk not in out
    assert out.startswith("第一点。第二点。第三点")
    assert "www 点 example 点 com" in out
    assert "a 点 b 艾特 example 点 com" in out


def test_split_sentences_keeps_list_items_apart():
    from creator_studio.core.media.text_normalize import split_sentences

    text = "理赔流程\n• 报案：出险后48小时内。• 提交材料\n1. 审核“通过！”然后赔付——\n——"
    assert split_sentences(text) == ["理赔流程", "报案：出险后48小时内。", "提交材料", "审核“通过！”",
                                     "然后赔付——"]


def test_strip_unspoken_keeps_words():
    assert strip_unspoken("● 重点 ★ 内容").split() == ["重点", "内容"]


def test_fullwidth_digits():
    assert normalize_for_speech("２０２６年") == "二零二六年"


def test_empty_and_plain_text_unchanged():
    assert normalize_for_speech("") == ""
    assert normalize_for_speech("大家好，欢迎学习。") == "大家好，欢迎学习。"


def test_invalid_date_left_to_number_rules():
    # 13 is not a month: not read as a date, but the numbers are still words.
    out = normalize_for_speech("2026-13-45")
    assert "年" not in out and not re.search(r"\d", out)
