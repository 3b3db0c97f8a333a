"""Building and laying out the cast: ids, roles guessed from names, who stands on which side.

Sides matter for the shots (two characters facing each other) and the chat image (left/right
bubbles). The learner's own role — the one who speaks at decisions — goes on the right, like
"me" in a chat app; the narrator is centred.
"""

from __future__ import annotations

import re

from creator_studio.core.lesson.model import Character, Script

NARRATOR_NAMES = {"旁白", "画外音", "解说", "narrator", "旁白员"}

_ROLE_HINTS: list[tuple[str, tuple[str, ...]]] = [
    ("客户", ("客户", "顾客", "投保人", "被保险人", "客人", "customer", "client")),
    ("业务员", ("业务员", "代理人", "销售", "理财经理", "客户经理", "营销员", "agent", "sales")),
    ("理赔员", ("理赔", "查勘", "adjuster")),
    ("客服", ("客服", "坐席", "service")),
    ("主管", ("主管", "经理", "组长", "manager")),
]


def is_narrator_name(name: str) -> bool:
    return name.strip().lower() in NARRATOR_NAMES


def guess_role(name: str) -> str:
    if is_narrator_name(name):
        return "旁白"
    low = name.lower()
    for role, hints in _ROLE_HINTS:
        if any(h in low for h in hints):
            return role
    return ""


def strip_role_prefix(name: str) -> str:
    """"业务员小李" → "小李", "客户 王女士" → "王女士" (the person, for initials)."""
    for _role, hints in _ROLE_HINTS:
        for h in hints:
            if name.startswith(h) and len(name) > len(h):
                rest = name[len(h):].strip(" \u3000：:·-—")
                if rest:
                    return rest
    return name


def clean_name(name: str) -> str:
    """Collapse inner whitespace (full-width too) so "客户  王女士" and "客户　王女士" match."""
    return re.sub(r"[\s\u3000]+", " ", name).strip()


class CastBuilder:
    """Assigns stable ids (c1, c2, …) to speaker names in order of first appearance."""

    def __init__(self) -> None:
        self.cast: list[Character] = []
        self._by_name: dict[str, Character] = {}

    def get(self, name: str) -> Character:
        key = clean_name(name)
        ch = self._by_name.get(key)
        if ch is None:
            role = guess_role(key)
            ch = Character(id=f"c{len(self.cast) + 1}", name=key, role=role,
                           side="center" if role == "旁白" else "left")
            self.cast.append(ch)
            self._by_name[key] = ch
        return ch


def player_character(script: Script, decision_speakers: set[str] | None = None) -> Character | None:
    """The role the learner plays: who answers at decisions (right side), else the second speaker."""
    speakers = [c for c in script.cast if not c.is_narrator]
    if not speakers:
        return None
    if decision_speakers:
        for c in speakers:
            if c.id in decision_speakers:
                return c
    right = [c for c in speakers if c.side == "right"]
    if right:
        return right[0]
    agentish = [c for c in speakers if c.role in ("业务员", "理赔员", "客服")]
    if agentish:
        return agentish[0]
    return speakers[1] if len(speakers) > 1 else speakers[0]


def decision_speakers(script: Script) -> set[str]:
    """Characters who speak the line just before a decision are usually not the one answering;
    those who speak right after a choice (in the next scene's first line) often are. We keep it
    simple: the speaker of the last line of a decision scene is the *asker*."""
    askers: set[str] = set()
    for s in script.scenes:
        if s.decision is not None and s.lines:
            askers.add(s.lines[-1].speaker)
    return askers


def resolve_sides(script: Script) -> dict[str, str]:
    """Side per character id. Explicit "right"/"center" sides are kept; when everybody is on the
    default "left", the learner's role moves right and the others alternate from left."""
    sides = {c.id: ("center" if c.is_narrator else c.side) for c in script.cast}
    speakers = [c for c in script.cast if not c.is_narrator]
    if any(c.side == "right" for c in speakers) or len(speakers) < 2:
        return sides
    askers = decision_speakers(script)
    player = None
    if askers:
        candidates = [c for c in speakers if c.id not in askers]
        player = candidates[0] if candidates else None
    if player is None:
        player = player_character(script)
    sides[player.id] = "right"
    flip = "left"
    for c in speakers:
        if c.id == player.id:
            continue
        sides[c.id] = flip
        flip = "right" if flip == "left" else "left"
        if flip == "right" and len(speakers) <= 3:
            flip = "left"  # with two or three people, everyone but the learner faces them
    return sides


def learner(script: Script) -> Character | None:
    sides = resolve_sides(script)
    for c in script.cast:
        if sides.get(c.id) == "right" and not c.is_narrator:
            return c
    return player_character(script)
