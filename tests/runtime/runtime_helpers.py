"""Shared bits of the runtime tests: a small lesson with a quiz, a static web server, a player driver."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from creator_studio.core.lesson import model as m

SCORM_AGAIN = Path(__file__).parent / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
ANSWERS = {"保险的本质是？": ("风险转移", "储蓄"), "免赔额由保险公司承担。": ("错误", "正确")}


def make_lesson(asset_root: Path) -> m.Lesson:
    asset_root.mkdir(parents=True, exist_ok=True)
    pages = [m.Page(id=f"p{i}", title=title, blocks=[m.Paragraph(runs=[m.Run(text)])])
             for i, (title, text) in enumerate([
                 ("保险基础知识", "保险是一种风险转移机制。"),
                 ("关键术语", "保费是投保人交给保险公司的钱。"),
                 ("理赔流程", "报案、提交材料、审核、赔付。")], 1)]
    quiz = m.Quiz(pass_mark=60, questions=[
        m.Question(id="a", kind="single", stem="保险的本质是？", options=["风险转移", "投资理财", "储蓄"],
                   answers=[0], explanation="保险把风险转移给保险公司。"),
        m.Question(id="c", kind="truefalse", stem="免赔额由保险公司承担。", options=["正确", "错误"],
                   answers=[1], explanation="免赔额由被保险人自行承担。")])
    lesson = m.Lesson(title="保险入门（运行时测试）", pages=pages, quiz=quiz)
    lesson.asset_root = asset_root
    return lesson


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticServer:
    """Serves a folder on 127.0.0.1 (the LMS host, or the AU's web server)."""

    def __init__(self, root: Path) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def play_through(frame, *, correct: bool = True, stop_at_question: int | None = None) -> None:
    """Next through every screen, answering each question (right or wrong)."""
    asked = 0
    for _ in range(30):
        if frame.locator(".q-stem").count():
            if stop_at_question is not None and asked == stop_at_question:
                return
            stem = frame.locator(".q-stem").inner_text()
            right, wrong = ANSWERS[stem]
            frame.locator(".opt", has_text=right if correct else wrong).click()
            frame.click(".q-submit")
            asked += 1
        if frame.locator(".nav-next").is_disabled():
            return
        frame.click(".nav-next")
