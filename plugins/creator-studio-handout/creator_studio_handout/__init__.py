"""A Markdown handout (讲义): outline, narration script and quiz key, for presenters."""

from __future__ import annotations

from pathlib import Path

from creator_studio.core import atomic
from creator_studio.core.forms.base import Artifact, ArtifactFile, OptionSpec
from creator_studio.core.lesson import model as m


def _md_escape(text: str) -> str:
    """Document text must not turn into Markdown/HTML structure when the handout is rendered."""
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


class HandoutFormat:
    id = "handout"
    label_zh = "讲义"
    label_en = "Handout"

    def options(self) -> list[OptionSpec]:
        return [OptionSpec("handout_narration", "包含讲稿", "Include the narration script",
                           default=True, type="bool")]

    def render(self, lesson: m.Lesson, out: Path, opts: dict, job) -> Artifact:
        with_script = opts.get("handout_narration", True) is not False
        lines = [f"# {_md_escape(lesson.title)}", ""]
        pages = lesson.visible_pages()
        for i, page in enumerate(pages, 1):
            job.progress(i, len(pages) + 1, page.title)
            lines.append(f"## {i}. {_md_escape(page.title or '（无标题）')}")
            for block in page.blocks:
                text = block.plain_text().strip()
                if not text:
                    continue
                if isinstance(block, m.BulletList):
                    lines.extend(f"{'  ' * it.level}- {_md_escape(it.text)}" for it in block.items)
                elif isinstance(block, m.Heading):
                    lines.append(f"### {_md_escape(text)}")
                else:
                    lines.append(_md_escape(text))
            if with_script and page.narration.strip():
                lines += ["", f"> 讲稿：{_md_escape(page.narration.strip())}"]
            lines.append("")
        if lesson.quiz.questions:
            lines += ["## 随堂测验答案", ""]
            for n, q in enumerate(lesson.quiz.questions, 1):
                lines.append(f"{n}. {_md_escape(q.stem)} —— 答案：{_md_escape(q.answer_label())}")
        target = Path(out) / "handout" / "handout.md"
        atomic.write_text(target, "\n".join(lines) + "\n")
        job.progress(1, 1, "done")
        return Artifact(self.id, [ArtifactFile("handout/handout.md", "document",
                                               bytes=target.stat().st_size)],
                        info={"page_count": len(pages), "question_count": len(lesson.quiz)})
