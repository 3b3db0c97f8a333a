"""#18 defect 10: progress text follows the window's language. Every progress phrase core reports
has English words (a new Chinese-only phrase fails here), and the progress bar shows them."""

from __future__ import annotations

import re
from pathlib import Path

import creator_studio
from creator_studio.core.progress_text import has_chinese, localise

CORE = Path(creator_studio.__file__).parent / "core"
CALL = re.compile(r"progress\(.*?,\s*(f?)\"([^\"]+)\"\s*\)", re.S)


def _phrases() -> list[str]:
    out = []
    for path in CORE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for is_f, literal in CALL.findall(text):
            # an f-string's fields become numbers, as they are at run time
            out.append(re.sub(r"\{[^}]*\}", "3", literal) if is_f else literal)
    return out


def test_every_core_progress_phrase_has_english_words():
    phrases = _phrases()
    assert len(phrases) >= 20  # the scan sees the calls (a broken regex must not pass quietly)
    missing = [p for p in phrases if has_chinese(p) and has_chinese(localise(p, "en"))]
    assert missing == []
    assert all(not has_chinese(localise(p, "en")) for p in phrases)
    assert localise("长图文：绘制第 2/5 段", "en") == "Long image: drawing part 2 of 5"
    assert localise("编码视频 / encoding video", "zh_CN") == "编码视频"
    assert localise("生成旁白 1/4 / narration", "zh_CN") == "生成旁白 1/4"


def test_progress_bar_speaks_the_window_language(qtbot):
    from PySide6.QtCore import QLocale, QObject, Signal

    from creator_studio.ui.widgets.job_progress import JobProgress

    class Handle(QObject):
        progressed = Signal(float, str)
        finished = Signal()
        label = "x"

    before = QLocale()
    w = JobProgress()
    qtbot.addWidget(w)
    h = Handle()
    w.track(h)
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English))
        h.progressed.emit(0.3, "长图文：排版中")
        assert w.bar.format().endswith("Long image: laying out")
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        h.progressed.emit(0.5, "编码视频 / encoding video")
        assert w.bar.format().endswith("编码视频")
    finally:
        QLocale.setDefault(before)


def test_render_queue_speaks_the_window_language(qtbot, ctx):
    from PySide6.QtCore import QLocale

    from creator_studio.ui.widgets.render_queue import RenderQueue

    before = QLocale()
    q = RenderQueue(ctx.runner)
    qtbot.addWidget(q)
    q.fractions[1] = 0.0
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English))
        q._progress(1, 0.4, "长图文：排版中")
        assert q.messages[1] == "Long image: laying out"
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        q._progress(1, 0.6, "合成音轨 / audio track")
        assert q.messages[1] == "合成音轨"
    finally:
        QLocale.setDefault(before)
