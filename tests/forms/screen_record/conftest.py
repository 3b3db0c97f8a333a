"""Fixtures for the screen-record form: one real LibreOffice + espeak-ng run through the CLI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[2] / "media"))  # media_helpers (process scans)

from sr_samples import make_deck  # noqa: E402


@pytest.fixture(scope="session")
def cli_run(tmp_path_factory):
    """`creator-studio convert deck.pptx --to screen-record --out DIR` once per test session."""
    from creator_studio.cli import main

    d = tmp_path_factory.mktemp("sr-cli")
    deck = make_deck(d / "培训课件.pptx")
    out = d / "out"
    with pytest.MonkeyPatch.context() as mp:  # session scope: the per-test home fixture is not active yet
        mp.setenv("CREATOR_STUDIO_HOME", str(d / "home"))
        rc = main(["convert", str(deck), "--to", "screen-record", "--out", str(out), "--quiet",
                   "--resolution", "720p"])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {"rc": rc, "out": out, "dir": out / "screen-record", "manifest": manifest, "deck": deck}
