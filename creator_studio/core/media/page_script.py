"""What a page says aloud: the maker's notes, or a script read from the page itself.

WHY: a deck without speaker notes used to give a completely silent 57-second "narrated" video
that `check` passed (issue 13). Now each page picks one of:

- (a) default: its notes; without notes, a script built from its own text in reading order —
  the title, then headings, paragraphs and every list item as its own sentence (never glued
  together: "标题。第一条。第二条。"). The studio shows this script and the maker may edit it
  (the edit becomes the page's notes);
- (b) the maker's recording (`Page.narration_audio`), which wins over any text;
- (c) `Page.narration_mode == "silent"`: music only / no voice, by the maker's explicit choice.

Tables, charts and picture descriptions are not read out: a narrator summarises them, and the
script is only a starting point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from creator_studio.core.lesson import model as m

Source = Literal["notes", "page_text", "recording", "silent", "empty"]
_END = "。！？!?；;…"
_SOFT_END = "，、：:,"


_FOOTNOTE_RE = re.compile(r"\[(?:注|note)?\s*\d{1,3}\]|\[\^?\d{1,3}\]", re.I)


def _sentence(text: str) -> str:
    text = _FOOTNOTE_RE.sub("", text or "")
    text = re.sub(r"\s+", " ", text.replace("\v", " ")).strip()
    if not text:
        return ""
    text = text.rstrip(_SOFT_END).strip()
    if text and text[-1] not in _END:
        text += "。"
    return text


def _block_sentences(block: m.Block) -> list[str]:
    if isinstance(block, m.Heading):
        return [_sentence(block.text)]
    if isinstance(block, m.Paragraph):
        return [_sentence(ln) for ln in block.text.split("\n")]
    if isinstance(block, m.BulletList):
        return [_sentence(item.text) for item in block.items]
    if isinstance(block, m.Note):
        return [_sentence(block.plain_text())]
    columns = getattr(m, "Columns", None)
    if columns is not None and isinstance(block, columns):
        out: list[str] = []
        for col in block.columns:
            out.append(_sentence(col.heading))
            for b in col.blocks:
                out.extend(_block_sentences(b))
        return out
    return []


def script_from_page(page: m.Page) -> str:
    """The page's own text as a narration script, one sentence per line."""
    lines = [_sentence(page.title)]
    for block in page.blocks:
        lines.extend(_block_sentences(block))
    seen: set[str] = set()
    out = []
    for ln in lines:
        if ln and ln not in seen:  # a title repeated as the first heading is read once
            seen.add(ln)
            out.append(ln)
    return "\n".join(out)


@dataclass(frozen=True)
class PageNarration:
    text: str      # what is spoken and captioned ("" when silent or nothing to say)
    source: Source


def narration_for(page: m.Page, *, has_recording: bool = False) -> PageNarration:
    """What this page narrates, and why (for the manifest and the studio's label)."""
    if getattr(page, "narration_mode", "auto") == "silent":
        return PageNarration("", "silent")
    notes = (page.narration or "").strip()
    if has_recording:
        return PageNarration(notes, "recording")
    if notes:
        return PageNarration(page.narration, "notes")
    script = script_from_page(page)
    return PageNarration(script, "page_text" if script else "empty")
