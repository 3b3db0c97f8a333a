"""The skit video as a list of beats: one still, optionally one spoken text, one caption each.

Planning is pure (no TTS, no drawing), so tests can check what the video will show and say.
A long line is split over several beats at sentence ends so each bubble stays ≤ 4 lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from creator_studio.core.lesson.model import Character, Script
from creator_studio.core.media.textlayout import wrap_for_font
from creator_studio.core.skit.cast import learner, resolve_sides
from creator_studio.core.skit.paths import PathStep
from creator_studio.core.skit.shots import Shot, ShotPainter, clean_text

TITLE_SECONDS = 2.2
SCENE_CARD_SECONDS = 1.5
CHOICE_SECONDS = 2.8
GAP_SECONDS = 0.35


@dataclass
class Beat:
    shot: Shot
    speaker: Character | None = None  # whose voice speaks `speech` (None: silent beat)
    speech: str = ""
    caption: str = ""
    hold: float = 0.0  # minimum seconds on screen (silent beats rely on it)
    scene_id: str = ""
    line_index: int | None = None
    recording: str | None = None         # the line's own recording (asset name), instead of TTS
    part: tuple[int, int] = (1, 1)       # this beat's chunk of its line (a recording is shared)
    chunks: tuple[str, ...] = ()         # all chunks of the line (to place them on the recording)


_SENT_END = re.compile(r"(?<=[。！？!?；;…])")


def split_for_bubble(text: str, painter: ShotPainter) -> list[str]:
    """Chunks of `text` that each fit the bubble, cut at sentence ends (or at line ends)."""
    font, maxw = painter.bubble_font_and_width()
    limit = painter.MAX_BUBBLE_LINES
    if len(wrap_for_font(text, font, maxw)) <= limit:
        return [text]
    chunks: list[str] = []
    cur = ""
    for sent in [s for s in _SENT_END.split(text) if s]:
        trial = cur + sent
        if cur and len(wrap_for_font(trial, font, maxw)) > limit:
            chunks.append(cur)
            cur = sent
        else:
            cur = trial
        while len(wrap_for_font(cur, font, maxw)) > limit:  # one very long sentence
            lines = wrap_for_font(cur, font, maxw)
            chunks.append("".join(lines[:limit]))
            cur = "".join(lines[limit:])
    if cur:
        chunks.append(cur)
    return chunks


def plan_beats(script: Script, steps: list[PathStep], painter: ShotPainter,
               title: str = "", scene_cards: bool = True) -> list[Beat]:
    cast = {c.id: c for c in script.cast}
    sides = resolve_sides(script)
    me = learner(script)
    beats: list[Beat] = []
    heading = clean_text(title or script.title) or "情景剧"
    # Cards are read by the narrator (speaker None → the narrator's voice), so a skit is not
    # silent for seconds at a time (issue 13: norms block narrated videos > 30 % silent).
    beats.append(Beat(Shot("title", text=heading, subtitle="情景剧 · 情景对话"), speech=heading,
                      hold=TITLE_SECONDS))
    for n, st in enumerate(steps, 1):
        sc = st.scene
        # who stands left and right in this scene: first speakers of each side
        left = right = None
        speakers = [cast[ln.speaker] for ln in sc.lines if ln.speaker in cast]
        if st.choice is not None and me is not None:
            speakers.append(me)
        for ch in speakers:
            if ch.is_narrator:
                continue
            if sides.get(ch.id) == "right":
                right = right or ch
            else:
                left = left or ch
        if right is None and me is not None and me is not left and len(script.cast) > 1:
            right = me
        if scene_cards and len(steps) > 1:
            beats.append(Beat(Shot("title", text=sc.title or f"场景{n}", subtitle=f"场景 {n}"),
                              speech=clean_text(sc.title or f"场景{n}"),
                              hold=SCENE_CARD_SECONDS, scene_id=sc.id))
        base = dict(scene_title=sc.title, scene_background=sc.background)
        for i, line in enumerate(sc.lines):
            text = clean_text(line.text)
            ch = cast.get(line.speaker)
            if not text or ch is None:
                continue
            # the speaker takes their side's slot for this line (a third person replaces the first)
            if not ch.is_narrator:
                if sides.get(ch.id) == "right":
                    right = ch
                else:
                    left = ch
            chunks = [text] if ch.is_narrator else split_for_bubble(text, painter)
            for k, chunk in enumerate(chunks, 1):
                kind = "narration" if ch.is_narrator else "line"
                shot = Shot(kind, text=chunk, speaker=ch, emotion=line.emotion, left=left,
                            right=right, subtitle=ch.name if ch.is_narrator else "",
                            part=(k, len(chunks)), **base)
                cap = chunk if ch.is_narrator else f"{ch.name}：{chunk}"
                beats.append(Beat(shot, speaker=ch, speech=chunk, caption=cap, scene_id=sc.id,
                                  line_index=i, recording=line.audio or None, part=(k, len(chunks)),
                                  chunks=tuple(chunks)))
        if st.choice is not None and sc.decision is not None:
            opts = [c.text for c in sc.decision.options]
            beats.append(Beat(Shot("choice", text=sc.decision.prompt or "你会怎么回答？",
                                   options=opts, chosen=st.choice_index, left=left, right=right,
                                   **base),
                              caption=f"选择：{sc.decision.prompt or '你会怎么回答？'}",
                              speech=clean_text(sc.decision.prompt or "你会怎么回答？"),
                              hold=CHOICE_SECONDS, scene_id=sc.id))
            if me is not None and st.choice.text.strip():
                for k, chunk in enumerate(split_for_bubble(clean_text(st.choice.text), painter), 1):
                    beats.append(Beat(Shot("line", text=chunk, speaker=me, left=left, right=right,
                                           **base),
                                      speaker=me, speech=chunk, caption=f"{me.name}：{chunk}",
                                      scene_id=sc.id))
            if st.choice.feedback.strip():
                fb = clean_text(st.choice.feedback)
                narrator = next((c for c in script.cast if c.is_narrator), None)
                beats.append(Beat(Shot("narration", text=fb, subtitle="点评", left=left,
                                       right=right, **base),
                                  speaker=narrator, speech=fb, caption=f"点评：{fb}",
                                  scene_id=sc.id))
    n = len(beats)
    for i, b in enumerate(beats):
        if b.shot.kind != "title":
            b.shot.heading = heading
            b.shot.progress = (i + 1) / n
    return beats
