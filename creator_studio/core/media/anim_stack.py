"""Build steps of an animated slide stacked into one tall picture (long image option, issue 16).

By default (`final`) the long image shows each slide at its end state after all builds: shapes
that entered are there, shapes whose last effect is an exit are not (`final_lesson`: one
LibreOffice run over edited copies of the slides that have exits; LibreOffice alone draws every
shape, exited ones included). With `animation_steps="stack"` a slide picture page with two or more
click steps shows the slide after each click, one below the other with a "第 k 步" label, so a
diagram that builds up can be read step by step on a phone. The pictures come from one
LibreOffice run over edited copies of those slides (`anim_layers.render_states`): shapes that have
not entered yet, or have already left, are removed.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path

from PIL import Image, ImageDraw

from creator_studio.core.jobs import Job
from creator_studio.core.lesson import model as m

log = logging.getLogger(__name__)

CHOICES = ("final", "stack")
LABEL_H = 44


def hidden_after_each_click(page: m.Page) -> list[list]:
    """Targets removed from the slide after click 1, 2, … (auto steps join the first click)."""
    from creator_studio.core.media.anim_layers import Target

    hidden: dict[str, Target] = {}
    seen: set[str] = set()
    for s in page.steps:
        for e in s.effects:
            if e.render_as == "none" or not e.shape_id or e.target_key in seen:
                continue
            seen.add(e.target_key)
            if e.kind == "entrance":
                hidden[e.target_key] = Target(e.shape_id, tuple(e.paragraph_range) if e.paragraph_range else None)
    states: list[list] = []
    for k, s in enumerate(page.steps):
        if s.trigger == "shape":
            continue
        for e in s.effects:
            t = Target(e.shape_id, tuple(e.paragraph_range) if e.paragraph_range else None)
            if e.kind == "entrance":
                hidden.pop(t.key, None)
            elif e.kind == "exit":
                hidden[t.key] = t
        nxt = page.steps[k + 1] if k + 1 < len(page.steps) else None
        if s.trigger == "auto" and nxt is not None and nxt.trigger == "click":
            continue  # shown together with the first click
        states.append(list(hidden.values()))
    return states


def hidden_at_end(page: m.Page) -> list:
    """Targets absent once every build has played: those whose last entrance/exit is an exit
    (trigger steps count as played — the long image shows what the slide holds at the end)."""
    from creator_studio.core.media.anim_layers import Target

    last: dict[str, tuple[str, Target]] = {}
    for s in page.steps:
        for e in sorted(s.effects, key=lambda e: e.delay + e.duration):
            if e.render_as == "none" or not e.shape_id or e.kind not in ("entrance", "exit"):
                continue
            t = Target(e.shape_id, tuple(e.paragraph_range) if e.paragraph_range else None)
            last[t.key] = (e.kind, t)
    return [t for kind, t in last.values() if kind == "exit"]


def final_lesson(lesson: m.Lesson, source_path: Path | None, job: Job | None = None,
                 width: int = 1280) -> tuple[m.Lesson, dict]:
    """A copy of the lesson whose picture pages with exiting shapes show the slide's end state.

    One LibreOffice run for all such slides; the maker's lesson is not changed. Returns (lesson
    to render, info for the manifest). Without LibreOffice or the source deck the pictures stay
    as they are (every shape drawn) and the reason is reported.
    """
    from creator_studio.core import staging
    from creator_studio.core.lesson.assets import AssetStore
    from creator_studio.core.media import anim_layers, raster

    info: dict = {"animation_steps": "final", "end_state_pages": 0, "end_state_reason": None}
    plan = [(p, h) for p in lesson.visible_pages() if p.raster and p.source_index and p.steps
            and (h := hidden_at_end(p))]
    if not plan:
        return lesson, info
    src = Path(source_path or lesson.source_path) if (source_path or lesson.source_path) else None
    if src is None or not src.is_file() or src.suffix.lower() not in raster.PRESENTATION_SUFFIXES \
            or not raster.soffice_exe() or not lesson.asset_root:
        info["end_state_reason"] = ("需要原始演示文稿和 LibreOffice，退出的形状仍然显示 / needs the source "
                                    "deck and LibreOffice; exited shapes are still shown")
        return lesson, info
    sw = lesson.source.slide_width_emu or 16
    sh = lesson.source.slide_height_emu or 9
    size = (width, int(round(width * sh / sw)) // 2 * 2)
    work = staging.make_temp_dir("cs-anim-final-")
    try:
        try:
            pics = anim_layers.render_slide_states(src, [(p.source_index - 1, h) for p, h in plan], size,
                                                   work, job)
        except Exception as exc:  # noqa: BLE001 — keep LibreOffice's full pictures
            if type(exc).__name__ == "Cancelled":
                raise
            log.warning("end-state pictures failed: %r", exc)
            info["end_state_reason"] = f"{type(exc).__name__}: {exc}"[:200]
            return lesson, info
        out = copy.copy(lesson)
        out.pages = [copy.copy(p) for p in lesson.pages]
        by_id = {p.id: p for p in out.pages}
        store = AssetStore(lesson.asset_root, durable=False)
        for (page, _h), arr in zip(plan, pics):
            tmp = work / f"{page.id}-final.png"
            Image.fromarray(arr).save(tmp, compress_level=3)
            by_id[page.id].raster = store.put(tmp.read_bytes(), ".png")
            info["end_state_pages"] += 1
        return out, info
    finally:
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def _stack(pictures: list, width: int) -> Image.Image:
    from creator_studio.core.media import fonts

    h = sum(p.shape[0] for p in pictures) + LABEL_H * len(pictures)
    out = Image.new("RGB", (width, h), (255, 255, 255))
    draw = ImageDraw.Draw(out)
    font = fonts.load_font(26, bold=True)
    y = 0
    for k, arr in enumerate(pictures, start=1):
        draw.rectangle((0, y, width, y + LABEL_H - 1), fill=(238, 243, 250))
        draw.text((16, y + 8), f"第 {k} 步 / step {k}", font=font, fill=(31, 95, 168))
        y += LABEL_H
        out.paste(Image.fromarray(arr), (0, y))
        y += arr.shape[0]
    return out


def stacked_lesson(lesson: m.Lesson, source_path: Path | None, job: Job | None = None,
                   width: int = 1280) -> tuple[m.Lesson, dict]:
    """A copy of the lesson whose animated picture pages carry a stacked picture.

    The maker's lesson is not changed. Returns (lesson to render, info for the manifest).
    """
    from creator_studio.core.lesson.assets import AssetStore
    from creator_studio.core import staging
    from creator_studio.core.media import anim_layers, raster

    src = Path(source_path or lesson.source_path) if (source_path or lesson.source_path) else None
    pages = [p for p in lesson.visible_pages()
             if p.raster and p.source_index and sum(1 for s in p.steps if s.trigger == "click") >= 2]
    info = {"animation_steps": "stack", "stacked_pages": 0, "stack_reason": None}
    if not pages:
        return lesson, info
    if src is None or not src.is_file() or src.suffix.lower() not in raster.PRESENTATION_SUFFIXES \
            or not raster.soffice_exe():
        info["stack_reason"] = "需要原始演示文稿和 LibreOffice / needs the source deck and LibreOffice"
        return lesson, info
    sw = lesson.source.slide_width_emu or 16
    sh = lesson.source.slide_height_emu or 9
    size = (width, int(round(width * sh / sw)) // 2 * 2)
    out = copy.copy(lesson)
    out.pages = [copy.copy(p) for p in lesson.pages]
    by_id = {p.id: p for p in out.pages}
    store = AssetStore(lesson.asset_root, durable=False) if lesson.asset_root else None
    work = staging.make_temp_dir("cs-anim-stack-")
    try:
        for page in pages:
            if job is not None:
                job.raise_if_cancelled()
            states = hidden_after_each_click(page)
            try:
                pics = anim_layers.render_states(src, page.source_index - 1, states, size, work / page.id, job)
            except Exception as exc:  # noqa: BLE001 — keep the final-state picture for this page
                if type(exc).__name__ == "Cancelled":
                    raise
                log.warning("stacked steps failed for %s: %r", page.id, exc)
                info["stack_reason"] = f"{type(exc).__name__}: {exc}"[:200]
                continue
            tall = _stack(pics, size[0])
            tmp = work / f"{page.id}-stack.png"
            tall.save(tmp, compress_level=3)
            if store is None:
                continue
            by_id[page.id].raster = store.put(tmp.read_bytes(), ".png")
            info["stacked_pages"] += 1
    finally:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return out, info
