"""The `h5` Format: Lesson → DIR/h5/ (index.html + assets) and its two LMS zips."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from creator_studio.core import staging
from creator_studio.core.errors import RenderError, StudioError
from creator_studio.core.forms.base import Artifact, ArtifactFile, OptionSpec
from creator_studio.core.forms.long_image import slide_pictures_spec  # the one slide_pictures option
from creator_studio.core.forms.h5.course_data import lesson_course_data
from creator_studio.core.forms.h5.narration import synthesize_missing_narration
from creator_studio.core.forms.h5.package import CMI5_ZIP, SCORM_ZIP, PackageResult, build_package
from creator_studio.core.jobs import Job
from creator_studio.core.media import raster
from creator_studio.core.media.fonts import font_report

log = logging.getLogger(__name__)


def _role(rel: str) -> str:
    if rel.endswith(".zip"):
        return "package"
    if rel == "index.html":
        return "html"
    if rel.startswith("media/"):
        return "media"
    return "asset"


def artifact_files(result: PackageResult, base: Path) -> list[ArtifactFile]:
    """ArtifactFile rows (paths relative to the output DIR) for a built package."""
    rows = []
    first = {"index.html": 0, SCORM_ZIP: 1, CMI5_ZIP: 2}
    for p in sorted(result.files, key=lambda f: first.get(f.relative_to(result.folder).as_posix(), 3)):
        rel_pkg = p.relative_to(result.folder).as_posix()
        rows.append(ArtifactFile(path=p.relative_to(base).as_posix(), role=_role(rel_pkg),
                                 bytes=p.stat().st_size))
    return rows


def _as_bool(v: Any, default: bool) -> bool:
    if v is None:
        return default
    if isinstance(v, str):
        return v.strip().lower() in ("1", "true", "yes", "on", "是")
    return bool(v)


class H5Format:
    id = "h5"
    label_zh = "H5互动课程"
    label_en = "H5 interactive course"
    order = 30  # place in every list of forms (core.forms.base.form_catalogue)

    def options(self) -> list[OptionSpec]:
        return [
            OptionSpec("pass_mark", "及格分（百分制）", "Pass mark (percent)", None, type="int"),
            # auto: each page's own mode (designed slides as pictures, text slides reflowed).
            slide_pictures_spec(),
            OptionSpec("narration", "为无录音的页面合成讲解语音", "Synthesize narration for pages without a recording",
                       False, type="bool"),
            OptionSpec("lrs_origin", "cmi5 学习记录库地址（可选）", "cmi5 LRS origin allowed by the CSP (optional)",
                       "", type="str"),
        ]

    def render(self, lesson, out: Path, opts: dict[str, Any], job: Job) -> Artifact:
        out = Path(out)
        job = job or Job()
        job.progress(0, 3, "整理H5课程内容")
        pass_mark = opts.get("pass_mark")
        if pass_mark is not None:
            try:
                pass_mark = int(pass_mark)
            except (TypeError, ValueError):
                raise RenderError(f"及格分必须是0–100的整数：{pass_mark}",
                                  f"Pass mark must be an integer 0-100: {pass_mark}", code="H5_OPTION")
            if not 0 <= pass_mark <= 100:
                raise RenderError(f"及格分必须在0–100之间：{pass_mark}",
                                  f"Pass mark must be between 0 and 100: {pass_mark}", code="H5_OPTION")
        if not lesson.visible_pages():
            raise RenderError("课程没有可显示的页面，无法生成H5课程",
                              "The lesson has no visible page; cannot build an H5 course", code="H5_EMPTY")
        warnings: list[str] = []
        with staging.temp_dir("cs-h5-") as tmp:
            synth: dict = {}
            loudness: dict = {}
            if _as_bool(opts.get("narration"), False):
                synth, note = synthesize_missing_narration(lesson, Path(tmp), job.sub(0, 1, 3),
                                                           report=loudness)
                if note:
                    warnings.append(note)
            try:
                slides = raster.slide_pictures_option(opts.get("slide_pictures"))
            except StudioError as exc:
                raise RenderError(exc.message_zh, exc.message_en, code="H5_OPTION") from None
            pics = raster.attach_slide_pictures(lesson, slides, job.sub(0, 1, 3),
                                                source_path=opts.get("source_path"))
            warnings.extend(pics.warnings)
            data, media, w = lesson_course_data(lesson, pass_mark=pass_mark, slide_pictures=slides,
                                                narration_audio=synth, work_dir=Path(tmp) / "charts")
            warnings.extend(w)
            # issue 16: picture pages with steps play them on LibreOffice shape layers
            from creator_studio.core.forms.h5.anim_steps import add_picture_stages

            stage_info = add_picture_stages(lesson, data, media, opts.get("source_path") or lesson.source_path,
                                            Path(tmp) / "anim", pics.backend, job)
            job.progress(1, 3, "写入H5课程包")
            origins = [o.strip() for o in str(opts.get("lrs_origin") or "").split(",") if o.strip()]
            result = build_package(out / "h5", data, title=data["title"], kind="lesson",
                                   pass_mark=data["pass_mark"], media=media, lrs_origins=origins, job=job)
        warnings.extend(result.warnings)
        job.progress(3, 3, "H5课程完成")
        files = artifact_files(result, out)
        info = {
            "page_count": len(data["pages"]),
            "question_count": len(data["quiz"]),
            "interactions": {"quiz": len(data["quiz"]),
                             "flip_cards": sum(1 for e in data["extras"] if e["type"] == "cards"),
                             "ordering": sum(1 for e in data["extras"] if e["type"] == "order")},
            "pass_mark": data["pass_mark"],
            "narrated_pages": sum(1 for p in data["pages"] if p.get("audio")),
            # issue 16: pages whose steps the player plays (reflowed pages on their blocks, picture
            # pages on shape layers over the slide picture), and steps there
            "animated_pages": sum(1 for p in data["pages"] if p.get("steps") and (not p.get("raster") or p.get("stage"))),
            "animation_steps": sum(len(p.get("steps") or []) for p in data["pages"]
                                   if not p.get("raster") or p.get("stage")),
            **stage_info,
            "synthesized_pages": len(synth),
            "narration_loudness": loudness,  # per synthesized page (AAC, −16 LUFS, ≤ −1 dBTP)
            "course_id": result.course_id,
            "package_bytes": {"scorm12": result.scorm_zip.stat().st_size,
                              "cmi5": result.cmi5_zip.stat().st_size},
            "entry": "h5/index.html",
            "scorm_zip": f"h5/{SCORM_ZIP}",
            "cmi5_zip": f"h5/{CMI5_ZIP}",
            "slide_pictures": slides,
            "visual_modes": {p.id: d["mode"] for p, d in zip(lesson.visible_pages(), data["pages"])},
            "picture_pages": sum(1 for d in data["pages"] if d["mode"] != "reflow"),
            "slide_picture_backend": pics.backend,
            "slide_picture_reason": pics.reason,
            "fonts": {"deck": font_report(opts.get("source_path") or lesson.source_path)},
        }
        return Artifact(form=self.id, files=files, info=info, warnings=warnings)
