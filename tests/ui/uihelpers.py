"""Helpers shared by the UI tests (imported by name; tests/ui is put on sys.path by conftest)."""

from __future__ import annotations

import threading


def leaked_workers(before: set[int]) -> list[str]:
    """Describe runner pools still busy and Python threads started since `before`."""
    from creator_studio.ui.runner import running_pools

    out = [f"QThreadPool {id(p):#x}: {p.activeThreadCount()} active" for p in running_pools()]
    out += [f"thread {t.name!r}" for t in threading.enumerate()
            if t.ident not in before and t.is_alive() and not t.daemon
            and not isinstance(t, threading._DummyThread)]
    return out


def wait_job(qtbot, handle, timeout=60000):
    """Wait for a runner job to end (success, failure or cancel) and return it."""
    if handle is not None and not handle.done:
        with qtbot.waitSignal(handle.finished, timeout=timeout):
            pass
    return handle


def make_deck(path, *, with_dialogue: bool = False):
    from pptx import Presentation

    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = "车险理赔服务规范"
    s.placeholders[1].text = "理赔专员培训 · 2026"
    s.notes_slide.notes_text_frame.text = "欢迎参加本次培训，我们来学习理赔服务规范。"
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "报案受理三步走"
    tf = s.placeholders[1].text_frame
    tf.text = "第一步：核实保单信息"
    tf.add_paragraph().text = "第二步：记录出险经过"
    tf.add_paragraph().text = "第三步：告知后续流程"
    s.notes_slide.notes_text_frame.text = "受理报案时要耐心倾听客户描述。"
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "随堂测验"
    tf = s.placeholders[1].text_frame
    tf.text = "1. 报案受理的第一步是什么？"
    tf.add_paragraph().text = "A. 核实保单信息"
    tf.add_paragraph().text = "B. 现场查勘"
    tf.add_paragraph().text = "答案：A"
    if with_dialogue:
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = "情景对话"
        tf = s.placeholders[1].text_frame
        tf.text = "客户：我的车被撞了，怎么报案？"
        tf.add_paragraph().text = "理赔员：您好，请先确认人员安全，我来帮您登记。"
    prs.save(path)
    return path


