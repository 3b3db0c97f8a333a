"""Every crash the importer fuzzer found, replayed (tests/data/fuzz/README.md lists them).

The outcome must be a typed `StudioError` (or a lesson) produced by the importer itself — not by
`import_source`'s last-resort net, which would mean the root cause came back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from creator_studio.core.errors import StudioError
from creator_studio.core.importers import import_source
from creator_studio.core.lesson.model import Lesson

CASES = sorted(p for p in (Path(__file__).parents[1] / "data" / "fuzz").iterdir()
               if p.suffix.lower() in {".pptx", ".docx", ".ppsx", ".docm", ".pptm"})


def test_there_are_cases():
    assert len(CASES) >= 3


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_fuzz_case_is_typed_at_its_root(path, tmp_path):
    try:
        result = import_source(path, assets_dir=tmp_path / "assets")
    except StudioError as exc:
        assert not exc.details.get("unexpected"), f"root cause is back: {exc.details.get('reason')}"
        assert exc.message_zh and exc.message_en and exc.code
        return
    assert isinstance(result, Lesson)


def test_last_resort_net_types_an_unforeseen_parser_error(tmp_path, monkeypatch):
    """The net itself: an exception no parser foresaw becomes SourceError(CORRUPT), logged."""
    from creator_studio.core.importers import pptx_importer

    def boom(*a, **k):
        raise KeyError("surprise")

    monkeypatch.setattr(pptx_importer, "import_pptx", boom)
    seed = Path(__file__).parents[1] / "data" / "corpus" / "pptx" / "pptxtojson_test2.pptx"
    with pytest.raises(StudioError) as ei:
        import_source(seed, assets_dir=tmp_path / "a")
    assert ei.value.code == "CORRUPT" and ei.value.details["unexpected"] is True
    assert "KeyError" in ei.value.details["reason"]
