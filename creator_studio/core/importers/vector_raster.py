"""EMF/WMF pictures → PNG at import, with LibreOffice when it is installed.

Pillow cannot draw EMF/WMF on Linux, and a browser cannot show them at all, so a vector
picture left as is ends up as a placeholder box in every form (issue 15). LibreOffice's
`--convert-to png` draws them faithfully. All pictures of one import go through one soffice run
(its start-up costs ~1–2 s; one run per picture would multiply that). It runs with the same
safety as the slide renderer (`core/media/raster.py`, used read-only): a private profile, its
own process group killed on timeout or cancel, no proxy variables and, where the kernel allows,
an empty network namespace.

Without LibreOffice (or when it fails for a picture) the picture keeps `needs_raster=True` and
its slide `bbox`, and the forms crop that region from the slide picture instead.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from creator_studio.core.errors import Cancelled, StudioError
from creator_studio.core.jobs import Job
from creator_studio.core.lesson.assets import AssetStore
from creator_studio.core.lesson.model import Image

log = logging.getLogger(__name__)

TIMEOUT_S = 120.0


def convert_vectors(images: list[Image], store: AssetStore, job: Job | None = None) -> int:
    """Give each EMF/WMF `Image` a PNG `raster_asset`. Returns how many were converted."""
    todo = [im for im in images if im.needs_raster and im.asset and not im.raster_asset
            and im.asset.lower().endswith((".emf", ".wmf"))]
    if not todo:
        return 0
    from creator_studio.core.media import ffmpeg, raster

    exe = raster.soffice_exe()
    if not exe:
        return 0
    converted = 0
    work = Path(tempfile.mkdtemp(prefix="cs-lo-vec-"))
    try:
        names = sorted({im.asset for im in todo})
        inputs = []
        for name in names:
            src = store.root / name
            if src.is_file():
                dst = work / name
                shutil.copyfile(src, dst)
                inputs.append(dst)
        if not inputs:
            return 0
        out, home = work / "out", work / "home"
        out.mkdir()
        home.mkdir()
        cmd = [*raster._netns_prefix(), exe, "--headless", "--norestore", "--nolockcheck",
               "--nodefault", "--nologo",
               f"-env:UserInstallation={(work / 'lo-profile').resolve().as_uri()}",
               "--convert-to", "png", "--outdir", str(out), *map(str, inputs)]
        timeout = float(os.environ.get("CREATOR_STUDIO_SOFFICE_TIMEOUT", TIMEOUT_S))
        try:
            ffmpeg.run(cmd, job=job, timeout=timeout, cwd=work, env=raster._clean_env(home),
                       what="LibreOffice")
        except Cancelled:
            raise
        except StudioError as exc:
            log.info("EMF/WMF conversion failed: %s", exc.message_en)
            return 0
        made: dict[str, str] = {}
        for name in names:
            png = out / (Path(name).stem + ".png")
            if png.is_file() and png.stat().st_size > 0 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n":
                made[name] = store.put(png.read_bytes(), ".png")
        for im in todo:
            if im.asset in made:
                im.raster_asset = made[im.asset]
                converted += 1
        return converted
    finally:
        shutil.rmtree(work, ignore_errors=True)
