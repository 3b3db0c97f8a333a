"""The best path through a branching script: what the video and the chat image show.

At each decision the highest-scoring option is taken (the first one on a tie). A scene is never
entered twice: if every option of a decision leads back to a visited scene, the path takes the
best option anyway but stops there, so a cycle can never make the video endless.
"""

from __future__ import annotations

from dataclasses import dataclass

from creator_studio.core.lesson.model import Choice, Scene, Script


@dataclass
class PathStep:
    scene: Scene
    choice: Choice | None = None  # the option taken at this scene's decision, if it has one
    choice_index: int | None = None  # 0-based index of that option


def resolve_start(script: Script) -> Scene | None:
    if script.start_scene:
        s = script.scene(script.start_scene)
        if s is not None:
            return s
    return script.scenes[0] if script.scenes else None


def best_path(script: Script) -> list[PathStep]:
    steps: list[PathStep] = []
    scene = resolve_start(script)
    visited: set[str] = set()
    while scene is not None and scene.id not in visited:
        visited.add(scene.id)
        step = PathStep(scene)
        steps.append(step)
        nxt: str | None
        if scene.decision is not None and scene.decision.options:
            ranked = sorted(enumerate(scene.decision.options),
                            key=lambda kv: (-kv[1].score,
                                            kv[1].next_scene in visited if kv[1].next_scene else False,
                                            kv[0]))
            idx, choice = ranked[0]
            step.choice, step.choice_index = choice, idx
            nxt = choice.next_scene
        elif scene.decision is not None:
            nxt = None
        else:
            nxt = scene.next_scene
        scene = script.scene(nxt) if nxt else None
    return steps


def max_score(script: Script) -> int:
    """The score the best path earns (what the H5 scenario reports as full marks)."""
    return sum(s.choice.score for s in best_path(script) if s.choice is not None)
