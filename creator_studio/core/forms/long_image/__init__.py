"""The long-image form (长图文): a tall, phone-width picture of the whole lesson, in parts.

Pipeline: measure the lesson into boxes (`layout`), pack them into parts at clean boundaries
(`segments`), paint and write one part at a time (`draw`), then assemble the PDF from the written
files (`pdf`). Peak memory is one part plus one decoded picture, whatever the lesson's length.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from creator_studio.core import atomic
from creator_studio.core.errors import RenderError
from creator_studio.core.forms.base import Artifact, ArtifactFile, OptionSpec
from creator_studio.core.jobs import Job
from creator_studio.core.media import raster
from creator_studio.core.media.fonts import find_cjk_font, font_report
from creator_studio.core.themes import DEFAULT_THEME, list_themes, load_theme

from .draw import paint_segment
from .layout import Layout, Options, build_layout
from .pdf import write_pdf
from .pngwrite import write_png
from .qr import safe_url
from .text import clean_text
from .segments import JPEG_MAX, plan_segments

log = logging.getLogger(__name__)

FORM_ID = "long-image"
WIDTHS = (750, 1080)
DEFAULT_SEGMENT_HEIGHT = 4000
MIN_SEGMENT_HEIGHT = 800
IMAGE_FORMATS = ("png", "jpeg", "both")
JPEG_QUALITY = 90


@dataclass
class Settings:
    width: int
    theme: str
    segment_height: int
    image_format: str
    watermark: str
    qr_url: str
    warnings: list[str]
    slide_pictures: str = "auto"


def _tristate(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    v = str(value or "auto").strip().lower()
    return {"true": "on", "yes": "on", "1": "on", "false": "off", "no": "off", "0": "off"}.get(v, v)


def _bad_option(name: str, value: Any, allowed: str) -> RenderError:
    return RenderError(f"长图文选项 {name} 的值无效：{value!r}（允许：{allowed}）",
                       f"Invalid long-image option {name}={value!r} (allowed: {allowed})",
                       code="BAD_OPTION")


def resolve_settings(lesson, opts: dict[str, Any]) -> Settings:
    warnings: list[str] = []
    try:
        width = int(opts.get("width") or WIDTHS[0])
    except (TypeError, ValueError):
        raise _bad_option("width", opts.get("width"), "750, 1080") from None
    if not 320 <= width <= 2160:
        raise _bad_option("width", width, "750, 1080")
    try:
        seg = int(opts.get("segment_height") or DEFAULT_SEGMENT_HEIGHT)
    except (TypeError, ValueError):
        raise _bad_option("segment_height", opts.get("segment_height"), f"{MIN_SEGMENT_HEIGHT}–{JPEG_MAX}") from None
    if seg > JPEG_MAX:
        warnings.append(f"分段高度 {seg} 超过 JPEG 上限，已改为 {JPEG_MAX} 像素")
        seg = JPEG_MAX
    if seg < MIN_SEGMENT_HEIGHT:
        warnings.append(f"分段高度 {seg} 过小，已改为 {MIN_SEGMENT_HEIGHT} 像素")
        seg = MIN_SEGMENT_HEIGHT
    fmt = str(opts.get("image_format") or "both").lower().replace("jpg", "jpeg")
    if fmt not in IMAGE_FORMATS:
        raise _bad_option("image_format", fmt, ", ".join(IMAGE_FORMATS))
    theme = str(opts.get("theme") or "")
    if not theme:  # the lesson's own theme; one that no longer exists falls back, with a warning
        theme = str(getattr(lesson, "theme", "") or DEFAULT_THEME)
        if theme not in list_themes():
            warnings.append(f"课程主题 {theme} 不存在，已改用 {DEFAULT_THEME}")
            theme = DEFAULT_THEME

    meta = lesson.meta
    wm_mode = _tristate(opts.get("watermark", "auto"))
    if wm_mode not in ("auto", "on", "off"):
        raise _bad_option("watermark", opts.get("watermark"), "auto, on, off")
    # Names come from user input: clean them and keep the tile small (a 3,000-character "name"
    # would otherwise make a rotated watermark mask of hundreds of MB).
    who = " · ".join(x for x in (clean_text(meta.maker_name).strip()[:24],
                                 clean_text(meta.maker_id).strip()[:24]) if x).replace("\n", " ")
    watermark = "" if wm_mode == "off" else who
    if wm_mode == "on" and not who:
        warnings.append("课程未填写创客姓名或编号，无法添加水印")

    qr_mode = _tristate(opts.get("qr", "auto"))
    if qr_mode not in ("auto", "on", "off"):
        raise _bad_option("qr", opts.get("qr"), "auto, on, off")
    url = safe_url(meta.platform_url) if qr_mode != "off" else None
    if qr_mode != "off" and meta.platform_url and not url:
        warnings.append("课程平台链接不是 http(s) 地址，未生成二维码")
    elif qr_mode == "on" and not meta.platform_url:
        warnings.append("课程没有平台链接，未生成二维码")
    try:
        slides = raster.slide_pictures_option(opts.get("slide_pictures"))
    except Exception:
        raise _bad_option("slide_pictures", opts.get("slide_pictures"), "auto, always, never") from None
    return Settings(width, theme, seg, fmt, watermark, url or "", warnings, slides)


class LongImageFormat:
    id = FORM_ID
    label_zh = "长图文"
    label_en = "Long image"
    order = 10  # place in every list of forms (core.forms.base.form_catalogue)

    def options(self) -> list[OptionSpec]:
        return [
            OptionSpec("width", "图片宽度（像素）", "Image width (px)", 750, list(WIDTHS), "int"),
            OptionSpec("theme", "主题（默认用课程主题）", "Theme (default: the lesson's)", None,
                       list_themes(), "str"),
            OptionSpec("segment_height", "每段最大高度（像素）", "Max height of each part (px)",
                       DEFAULT_SEGMENT_HEIGHT, None, "int"),
            OptionSpec("image_format", "图片格式", "Image format", "both", list(IMAGE_FORMATS), "str"),
            OptionSpec("watermark", "创客水印", "Maker watermark", "auto", ["auto", "on", "off"], "str",
                       choice_labels={"auto": ("有创客姓名时添加", "When the maker is known")}),
            OptionSpec("qr", "课程二维码", "Course QR code", "auto", ["auto", "on", "off"], "str",
                       choice_labels={"auto": ("有平台链接时添加", "When a platform link is set")}),
            slide_pictures_spec(),
            # issue 16: animated slide pictures as the final state, or the build steps stacked
            OptionSpec("animation_steps", "动画页", "Animated slides", "final", ["final", "stack"], "str"),
        ]

    def render(self, lesson, out: Path, opts: dict[str, Any], job: Job) -> Artifact:
        job = job or Job()
        st = resolve_settings(lesson, opts)
        theme = load_theme(st.theme)
        font = find_cjk_font()  # NoCJKFontError (bilingual) before any work is done
        job.progress(0, 100, "长图文：准备幻灯片原貌图片")
        pics = raster.attach_slide_pictures(lesson, st.slide_pictures, job.sub(0, 30, 100),
                                            source_path=opts.get("source_path"))
        steps_mode = str(opts.get("animation_steps") or "final").strip().lower()
        if steps_mode not in ("final", "stack"):
            raise _bad_option("animation_steps", opts.get("animation_steps"), "final, stack")
        stack_info: dict = {"animation_steps": steps_mode}
        if steps_mode == "stack":  # issue 16: a copy of the lesson, the maker's is unchanged
            from creator_studio.core.media.anim_stack import stacked_lesson

            lesson, stack_info = stacked_lesson(lesson, opts.get("source_path"), job)
        else:  # the end state after all builds: shapes that exit are gone
            from creator_studio.core.media.anim_stack import final_lesson

            lesson, stack_info = final_lesson(lesson, opts.get("source_path"), job)
        job.progress(30, 100, "长图文：排版中")
        layout = build_layout(lesson, theme, Options(st.width, st.segment_height, st.watermark,
                                                     st.qr_url, slide_pictures=st.slide_pictures), job)
        segments = plan_segments(layout.boxes, layout.height, st.segment_height)
        out = Path(out)
        dest = out / FORM_ID
        digits = max(2, len(str(len(segments))))
        paint_warnings: list[str] = []
        written: list[tuple[str, int, int, str]] = []  # (name, w, h, role-format)
        with atomic.staged_dir(dest) as tmp:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="long-image-save") as pool:
                pending: Future | None = None
                for i, (top, bottom) in enumerate(segments, start=1):
                    job.progress(35 + 55 * (i - 1) / len(segments), 100,
                                 f"长图文：绘制第 {i}/{len(segments)} 段")
                    img = paint_segment(layout, theme, top, bottom, watermark=st.watermark,
                                        warnings=paint_warnings)
                    if pending is not None:
                        written.extend(pending.result())  # at most one part waits to be saved
                    pending = pool.submit(_save_part, img, tmp, f"part-{i:0{digits}d}",
                                          st.image_format)
                if pending is not None:
                    written.extend(pending.result())
            job.progress(92, 100, "长图文：生成 PDF")
            pdf_src = [tmp / name for name, *_ in written
                       if name.endswith(".png" if st.image_format != "jpeg" else ".jpg")]
            write_pdf(pdf_src, tmp / "course.pdf", lesson.title)
        job.progress(100, 100, "长图文：完成")
        art = self._artifact(lesson, out, dest, layout, segments, written, theme.name,
                             font.describe(), st, paint_warnings)
        art.info.update(slide_picture_info(lesson, pics, layout.pages, st.slide_pictures))
        art.info["fonts"] = fonts_info(lesson, opts, font.describe())
        art.info.update(stack_info)
        art.warnings.extend(pics.warnings)
        return art

    def _artifact(self, lesson, out: Path, dest: Path, layout: Layout, segments, written, theme,
                  font, st: Settings, paint_warnings: list[str]) -> Artifact:
        files = []
        for name, w, h, fmt in written:
            p = dest / name
            files.append(ArtifactFile(path=f"{FORM_ID}/{name}", role="image", bytes=p.stat().st_size,
                                      width=w, height=h, extra={"format": fmt,
                                                                "segment": int(name[5:].split(".")[0])}))
        pdf = dest / "course.pdf"
        files.append(ArtifactFile(path=f"{FORM_ID}/course.pdf", role="pdf", bytes=pdf.stat().st_size,
                                  width=st.width, extra={"pages": len(segments)}))
        warnings = list(st.warnings) + list(layout.warnings)
        warnings.extend(paint_warnings)
        info = {
            "page_count": len(lesson.visible_pages()),
            "segment_count": len(segments),
            "width": st.width,
            "total_height": layout.height,
            "segment_height": st.segment_height,
            "segment_heights": [b - t for t, b in segments],
            "theme": theme,
            "font": font,
            "image_format": st.image_format,
            "watermark": st.watermark,
            "qr_url": st.qr_url,
            "quiz_questions": len(lesson.quiz.questions),
            "placeholders": 0,  # kept for older readers: pictures are never drawn as boxes now
            "cover": any(b.kind == "banner" for b in layout.boxes),
        }
        return Artifact(form=FORM_ID, files=files, info=info, warnings=warnings)


def slide_pictures_spec() -> OptionSpec:
    """The one `slide_pictures` option every form that shows slide pictures declares (the CLI
    builds `--slide-pictures auto|always|never` from whichever form it meets first)."""
    return OptionSpec("slide_pictures", "幻灯片原貌图片", "Slide pictures", "auto",
                      list(raster.SLIDE_PICTURE_CHOICES), "str",
                      choice_labels={"auto": ("按每页的显示方式", "Each page's own mode"),
                                     "always": ("每页都用原貌图片", "Every page as a picture"),
                                     "never": ("从不（重排文字）", "Never (reflowed text)")})


def slide_picture_info(lesson, pics: "raster.SlidePictures", drawn: dict[str, str],
                       option: str) -> dict:
    modes = {p.id: drawn.get(p.id) or raster.effective_mode(p, option) for p in lesson.visible_pages()}
    return {"slide_pictures": option,
            "visual_modes": modes,
            "picture_pages": sum(1 for v in modes.values() if v != "reflow"),
            "slide_picture_backend": pics.backend,
            "slide_picture_reason": pics.reason,
            "slide_picture_crops": pics.crops,
            "slide_picture_seconds": round(pics.seconds, 2)}


def fonts_info(lesson, opts: dict, ours: str) -> dict:
    """Fonts the deck asked for and what this machine used instead (fc-match with our aliases)."""
    src = opts.get("source_path") or lesson.source_path
    return {"ours": ours, "deck": font_report(Path(src)) if src else []}


def _save_part(img: Image.Image, folder: Path, stem: str, fmt: str) -> list[tuple[str, int, int, str]]:
    """Encode one part (runs in the saver thread; Pillow's encoders release the GIL)."""
    out = []
    w, h = img.size
    if fmt in ("png", "both"):
        write_png(img, folder / f"{stem}.png")
        out.append((f"{stem}.png", w, h, "png"))
    if fmt in ("jpeg", "both"):
        img.save(folder / f"{stem}.jpg", "JPEG", quality=JPEG_QUALITY, subsampling=0)
        out.append((f"{stem}.jpg", w, h, "jpeg"))
    img.close()
    return out


__all__ = ["LongImageFormat", "resolve_settings", "FORM_ID"]
