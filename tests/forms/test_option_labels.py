"""Option labels never carry raw values (#18 item 4): the studio showed "创客水印（auto＝…）" and
"动画页（final＝…，stack＝…）" beside combo boxes that already read 自动 / 最终状态. What a value
means belongs to its choice label."""

from __future__ import annotations

import re

from creator_studio.core.forms.base import available_formats, choice_label


def _specs():
    for fid, fmt in available_formats().items():
        for spec in fmt.options():
            yield fid, spec


def test_no_label_names_a_raw_choice_value():
    leaks = []
    for fid, spec in _specs():
        raw = {str(c) for c in (spec.choices or []) if isinstance(c, str) and re.fullmatch(r"[a-z][a-z0-9+_-]*", c)}
        for label in (spec.label_zh, spec.label_en):
            words = set(re.findall(r"[A-Za-z][A-Za-z0-9+_-]*", label))
            if "＝" in label or "=" in label or (raw & words):
                leaks.append((fid, spec.name, label))
    assert leaks == []


def test_every_choice_reads_as_words_in_both_languages():
    for fid, spec in _specs():
        for c in spec.choices or []:
            zh, en = choice_label(spec, c, "zh_CN"), choice_label(spec, c, "en")
            if isinstance(c, str) and re.fullmatch(r"[a-z]+[+a-z0-9-]*", c) and c not in ("libreoffice",):
                assert zh != c and en != c, (fid, spec.name, c)
