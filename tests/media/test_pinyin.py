"""Pronunciation: hanzi → pinyin, the insurance lexicon, Latin words, and espeak-ng's own trace.

The trace tests run the real espeak-ng (`-x`, phoneme output) on the narration of the sample
decks and the Chinese corpus decks: Mandarin must be read as Mandarin (issue 13 §2).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from creator_studio.core.errors import ValidationError
from creator_studio.core.media import page_script, pinyin, tts

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "creator_studio" / "resources" / "samples"
CORPUS = ROOT / "tests" / "data" / "corpus"
HAS_ESPEAK = bool(tts.espeak_exe())


def _rows():
    for line in (DATA / "polyphones.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sent, word, expected = line.split("\t")
            yield sent, word, expected


def test_polyphone_set_is_big_enough_and_well_formed():
    rows = list(_rows())
    assert len(rows) >= 200
    for sent, word, expected in rows:
        assert word in sent, (sent, word)
        assert len(expected.split()) == len(word), (sent, word, expected)


def test_polyphone_accuracy_at_least_98_percent():
    rows = list(_rows())
    wrong = []
    for sent, word, expected in rows:
        i = sent.index(word)
        got = [s for _, s in pinyin.to_syllables(sent)][i:i + len(word)]
        alts = [a.split("/") for a in expected.split()]
        if len(got) != len(alts) or not all(g in a for g, a in zip(got, alts)):
            wrong.append((sent, word, expected, " ".join(got)))
    accuracy = 1 - len(wrong) / len(rows)
    print(f"polyphone accuracy {accuracy:.2%} on {len(rows)} sentences; wrong: {wrong}")
    assert accuracy >= 0.98, wrong


def test_lexicon_ships_at_least_150_entries_with_the_issue_examples():
    lex = pinyin.default_lexicon()
    assert len(lex.entries) >= 150
    expect = {"趸交": "dun3 jiao1", "银行": "yin2 hang2", "重疾": "zhong4 ji2", "保单": "bao3 dan1",
              "险种": "xian3 zhong3", "核保": "he2 bao3", "单": "dan1", "还款": "huan2 kuan3",
              "行业": "hang2 ye4"}
    for word, reading in expect.items():
        assert " ".join(lex.get(word).reading) == reading, word
    # every hanzi entry has one syllable per character and only real syllables
    for e in lex.entries.values():
        if pinyin.has_hanzi(e.word):
            assert len(e.reading) == len(e.word), e


def test_lexicon_decides_where_pypinyin_alone_is_wrong():
    from pypinyin import Style, lazy_pinyin

    # pypinyin alone reads 还款 as hái kuǎn: the lexicon is what fixes it
    assert lazy_pinyin("还款", style=Style.TONE3)[0] == "hai2"
    assert [s for _, s in pinyin.to_syllables("我们还要还款")] == ["wo3", "men5", "hai2", "yao4", "huan2", "kuan3"]
    # a lexicon word must not match across a word boundary: 进行|业务, not 进|行业|务
    assert [s for _, s in pinyin.to_syllables("进行业务")] == ["jin4", "xing2", "ye4", "wu4"]
    # a single-character entry (单 dān) does not override a phrase pypinyin knows (单于 chán yú)
    assert [s for _, s in pinyin.to_syllables("单于")][0] == "chan2"


def test_reading_accepts_tone_marks_and_numbers_and_refuses_nonsense():
    assert pinyin.parse_reading("dǔn jiāo") == ["dun3", "jiao1"]
    assert pinyin.parse_reading("lü4 lv4 lu:4") == ["lv4", "lv4", "lv4"]
    assert pinyin.parse_reading("de") == ["de5"]
    for bad in ("", "xx3", "p5", "hello world", "dun9"):
        with pytest.raises(ValidationError) as e:
            pinyin.parse_reading(bad)
        assert e.value.code == "BAD_PINYIN"


def test_project_lexicon_wins_and_bad_entries_are_typed():
    lex = pinyin.lexicon_for({"重庆": "chóng qìng", "大树": "da4 shu4", "银行": "yin2 xing2"})
    assert [s for _, s in pinyin.to_syllables("银行", lex)] == ["yin2", "xing2"]
    # the shipped lexicon itself is untouched
    assert [s for _, s in pinyin.to_syllables("银行")] == ["yin2", "hang2"]
    with pytest.raises(ValidationError) as e:
        pinyin.Lexicon().add("银行", "yin2")
    assert e.value.code == "BAD_LEXICON"
    # a bad maker entry is skipped (logged), not fatal
    merged = pinyin.lexicon_for({"保单": "bao", "好": "hao3"})
    assert " ".join(merged.get("保单").reading) == "bao3 dan1" and merged.get("好").reading == ("hao3",)


def test_lexicon_tsv_round_trip():
    lex = pinyin.lexicon_for({"单于": "chán yú"})
    again = pinyin.parse_tsv(lex.to_tsv())
    assert again.get("单于").reading == ("chan2", "yu2")
    assert len(again.entries) == len(lex.entries)


def test_latin_words_acronyms_and_addresses():
    sp = pinyin.speech_pinyin("下载APP，成为VIP，IT部门发PDF，用Excel和H5。")
    assert "A P P" in sp.text and "V I P" in sp.text and "I T" in sp.text and "P D F" in sp.text
    assert "H wu3" in sp.text
    assert sp.latin_words == ["Excel"]
    from creator_studio.core.media.text_normalize import normalize_for_speech

    spoken = normalize_for_speech("邮箱 kefu@abc.com 网址 https://www.abc.com/x?y=1")
    sp = pinyin.speech_pinyin(spoken)
    assert "ai4 te4" in sp.text and "W W W" in sp.text and "dian3 abc dian3 com" in sp.text


def test_tone_sandhi_for_yi_and_bu_but_not_in_numbers():
    text = pinyin.speech_pinyin("一个人不是第一，统一，十一，一一对应，不好").text
    assert text.startswith("yi2 ge4 ren2 bu2 shi4 di4 yi1")
    assert "tong3 yi1" in text and "shi2 yi1" in text and "yi1 yi1 dui4" in text
    assert text.endswith("bu4 hao3")


def test_numbers_and_dates_keep_yi_first_tone():
    from creator_studio.core.media.text_normalize import normalize_for_speech

    def say(t):
        return pinyin.speech_pinyin(normalize_for_speech(t)).text

    assert say("1.5倍") == "yi1 dian3 wu3 bei4"          # not the phrase 一点 yìdiǎn
    assert say("一点时间").startswith("yi4 dian3")        # "a little" keeps its sandhi
    assert say("1月1日起") == "yi1 yue4 yi1 ri4 qi3"
    assert say("一日三餐").startswith("yi2 ri4") and say("一个月").startswith("yi2 ge4")


def test_no_hanzi_or_digits_reach_the_synthesiser():
    from creator_studio.core.media.text_normalize import normalize_for_speech

    s = pinyin.speech_pinyin(normalize_for_speech("2026年理赔金额¥12,500.50，3.5%，请拨95511。"))
    assert not re.search(r"[\u4e00-\u9fff]|(?<![a-z])\d", s.text), s.text
    assert "jiu3 wu3 wu3 yao1 yao1" in s.text  # a 955xx service line is read digit by digit


# ------------------------------------------------------------------------------------------
# Phoneme traces on real decks


def _deck_narrations() -> list[tuple[str, str]]:
    from creator_studio.core.importers import import_source

    decks = [SAMPLES / "理赔流程培训.pptx", SAMPLES / "新员工入职手册.docx",
             CORPUS / "pptx" / "pptxtojson_test.pptx", CORPUS / "pptx" / "sdk_AllSlidesConverterSC.pptx",
             CORPUS / "pptx" / "程序员晚枫-2.pptx", CORPUS / "docx" / "pyoffice_zh_word_table.docx"]
    out = []
    for deck in decks:
        lesson = import_source(deck)
        for page in lesson.visible_pages():
            text = page_script.narration_for(page).text
            if text.strip():
                out.append((f"{deck.name}#{page.id}", text))
    return out


@pytest.fixture(scope="module")
def deck_narrations():
    return _deck_narrations()


@pytest.mark.skipif(not HAS_ESPEAK, reason="espeak-ng not installed (the no-espeak path is tested in test_tts)")
def test_sample_decks_are_read_as_mandarin(deck_narrations):
    assert len(deck_narrations) >= 20
    en_total = all_total = 0
    for label, text in deck_narrations:
        trace = tts.phoneme_trace(text)
        en, total = tts.english_share(trace)
        en_total += en
        all_total += total
        latin = [w for s in text.split() for w in re.findall(r"[A-Za-z]{2,}", s)]
        if en:
            # English is only allowed where the text has Latin words
            assert latin, (label, text[:80], trace[:300])
    share = en_total / all_total
    print(f"English-switched phoneme characters: {share:.2%} of {all_total}")
    assert share <= 0.05


@pytest.mark.skipif(not HAS_ESPEAK, reason="espeak-ng not installed")
def test_trace_check_catches_the_old_latin_as_english_voice(deck_narrations):
    """The same measure on the old `cmn` path (no pinyin step) fails: the test can fail."""
    old = tts.VoiceSpec(pinyin=False)
    text = "\n".join(t for _, t in deck_narrations[:6])
    en, total = tts.english_share(tts.phoneme_trace(text, old))
    assert en / total > 0.30


@pytest.mark.skipif(not HAS_ESPEAK or not shutil.which("espeak-ng"), reason="espeak-ng not installed")
def test_lexicon_readings_reach_the_voice():
    # 还款 read huán: the trace of the pinyin voice shows the "huan" vowel, not "hai"
    trace = tts.phoneme_trace("还款")
    assert "ai" not in trace.split("_|")[0], trace
