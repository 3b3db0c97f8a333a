"""Progress messages in both languages (#18: English mode showed "长图文：排版中").

Core code reports progress with a short Chinese phrase (`job.progress(..., "长图文：排版中")`) or
an already bilingual "中文 / English" one. This is the one catalogue that gives each phrase its
English words; the window shows `localise(message, language)`. A test scans core for every
literal progress phrase and fails if one has no English here.
"""

from __future__ import annotations

import re

EN: dict[str, str] = {
    "H5课程完成": "H5 course done",
    "写入H5课程包": "Writing the H5 package",
    "整理H5课程内容": "Preparing the H5 course",
    "合成讲解语音": "Synthesising the narration",
    "合成配音": "Synthesising the voices",
    "绘制画面": "Drawing the pictures",
    "情景剧完成": "Skit done",
    "生成分支互动H5": "Building the branching H5",
    "生成情景对话长图": "Drawing the dialogue long image",
    "读取 Word 文档": "Reading the Word document",
    "读取幻灯片": "Reading the slides",
    "转换矢量图（EMF/WMF）": "Converting vector pictures (EMF/WMF)",
    "长图文：准备幻灯片原貌图片": "Long image: preparing slide pictures",
    "长图文：完成": "Long image: done",
    "长图文：排版中": "Long image: laying out",
    "长图文：生成 PDF": "Long image: writing the PDF",
}

PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^第 (\d+)/(\d+) 张幻灯片$"), "Slide {0} of {1}"),
    (re.compile(r"^长图文：绘制第 (\d+)/(\d+) 段$"), "Long image: drawing part {0} of {1}"),
    (re.compile(r"^生成旁白 (\d+)/(\d+) / narration$"), "Narration {0} of {1}"),
]
_ZH_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^生成旁白 (\d+)/(\d+) / narration$"), "生成旁白 {0}/{1}"),
]
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def localise(message: str, language: str) -> str:
    """`message` in `language` ("zh…" → Chinese, else English). Unknown phrases pass unchanged."""
    if not message:
        return message
    zh = language.startswith("zh")
    for rx, text in (_ZH_PATTERNS if zh else PATTERNS):
        m = rx.match(message)
        if m:
            return text.format(*m.groups())
    if " / " in message:  # "中文 / English"
        left, right = message.split(" / ", 1)
        if _CJK.search(left) and not _CJK.search(right):
            return left if zh else right
    if zh:
        return message
    return EN.get(message, message)


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))
