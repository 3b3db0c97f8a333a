"""Source documents (PPTX/DOCX and their variants) → `Lesson`.

`import_source` is the one entry point: it sniffs and checks the file (zip bombs, encryption,
legacy binaries, strict OOXML, wrong type) before any parser touches it, then dispatches to the
PPTX or DOCX importer, then runs quiz and dialogue detection over the result.
"""

from __future__ import annotations

import logging
from pathlib import Path

from creator_studio.core import staging
from creator_studio.core.errors import SourceError, StudioError
from creator_studio.core.jobs import Job
from creator_studio.core.lesson.model import Lesson

log = logging.getLogger(__name__)


def import_source(path: Path | str, *, assets_dir: Path | None = None, limits=None,
                  job: Job | None = None) -> Lesson:
    """Import a PPTX/DOCX (or .pptm/.ppsx/.potx/.docm/.dotx) into a Lesson.

    Pictures and media are written to `assets_dir` (a temp folder when None) and referenced by
    content hash. Raises `SourceError` with a code and 中文/English messages for refused files.
    """
    from creator_studio.core.importers import detect, safety

    path = Path(path)
    job = job or Job()
    info = safety.inspect(path, limits=limits)  # raises SourceError
    if assets_dir is None:
        assets_dir = staging.make_temp_dir("creator-studio-assets-")
    try:
        if info.family == "pptx":
            from creator_studio.core.importers.pptx_importer import import_pptx

            lesson = import_pptx(info, assets_dir, job)
        else:
            from creator_studio.core.importers.docx_importer import import_docx

            lesson = import_docx(info, assets_dir, job)
        detect.enrich(lesson)
    except StudioError:
        raise
    except Exception as exc:
        # Last line of defence (issue 20, fuzzing): a document the parsers did not foresee is
        # refused as damaged instead of surfacing a traceback. The traceback is logged, and
        # `details["unexpected"]` lets the fuzz harness count these so each gets a root fix.
        log.warning("importer failed unexpectedly on %s", path.name, exc_info=True)
        raise SourceError(
            f"“{path.name}”的内容结构异常，无法导入。请在 Office 中打开并另存后再试。",
            f"{path.name} has an unexpected internal structure ({type(exc).__name__}); "
            "open and re-save it in Office, then import again", code="CORRUPT",
            details={"reason": f"{type(exc).__name__}: {str(exc)[:300]}", "unexpected": True}) from None
    lesson.asset_root = Path(assets_dir)
    lesson.source_path = path
    return lesson
