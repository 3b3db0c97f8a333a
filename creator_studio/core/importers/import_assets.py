"""The asset folder an import writes into: atomic, content-addressed, but without fsync.

`AssetStore.put` fsyncs every file. During an import that was the single largest cost — about
0.7–4 ms per picture on this machine's shared disk, i.e. as much as python-pptx's whole
open-and-walk for a 60-slide deck with 20 pictures (benchmarks/import_bench.py). Imported assets
are derived data: the source document can always re-create them, and `save_project` copies them
into the project. So here each file is still written atomically (temp file + `os.replace`, never
half a file under its final name) but not forced to disk. Names are identical to AssetStore's.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile

from creator_studio.core.lesson.assets import AssetStore, safe_ext


class ImportAssetStore(AssetStore):
    def put(self, data: bytes, ext: str) -> str:
        name = hashlib.sha256(data).hexdigest()[:32] + safe_ext(ext)
        path = self.root / name
        if path.exists():
            return name
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.root)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        return name
