"""A distinct, stable TTS voice per character.

espeak-ng gives few Mandarin timbres, so a character's voice is a combination of variant
(``cmn+f3``, ``cmn+m3`` …), pitch and speed. Assignment depends only on the script (cast order,
names, explicit `Character.voice` hints), never on randomness, so re-rendering a skit keeps every
voice. Female/male variants follow the name when it says so (王女士, 张先生), otherwise alternate
so two people talking sound as different as possible.
"""

from __future__ import annotations

import re

from creator_studio.core.lesson.model import Character, Script
from creator_studio.core.media.tts import VoiceSpec

FEMALE_VARIANTS = ["f3", "f2", "f4", "f1", "f5"]
MALE_VARIANTS = ["m3", "m1", "m2", "m4", "m6", "m7"]
# (pitch, speed) steps; combined with variants they keep even a large cast apart.
_PITCH_SPEED = [(55, 170), (40, 160), (65, 180), (48, 150), (72, 165), (35, 175)]
# The tonal cmn-latn-pinyin voice (issue 13) floors base pitches below ≈ 45 at ≈ 82 Hz, where the
# male variants sit; at -p 90 the narrator is ≈ 140 Hz, apart from both men (≤ 117) and women (≈ 180).
NARRATOR = VoiceSpec(espeak_voice="cmn", pitch=90, speed=150)

_FEMALE = re.compile(r"女士|小姐|阿姨|大姐|姐姐|妈妈|太太|奶奶|婆婆|女儿|妹|她|女|Ms\.?|Mrs\.?|Miss", re.I)
_MALE = re.compile(r"先生|大哥|哥哥|叔|爸爸|爷爷|师傅|儿子|弟|男|Mr\.?", re.I)


def gender_hint(name: str) -> str | None:
    if _FEMALE.search(name):
        return "f"
    if _MALE.search(name):
        return "m"
    return None


def _from_hint(hint: str) -> str | None:
    h = hint.strip().lower()
    if re.fullmatch(r"[fm]\d", h):
        return f"cmn+{h}"
    if re.fullmatch(r"cmn(\+[a-z0-9_-]+)?", h):
        return h
    return None


def assign_voices(script: Script, engine: str = "auto") -> dict[str, VoiceSpec]:
    """VoiceSpec per character id; no two speaking characters share (variant, pitch, speed)."""
    out: dict[str, VoiceSpec] = {}
    used_variants: set[str] = set()
    pools = {"f": list(FEMALE_VARIANTS), "m": list(MALE_VARIANTS)}
    flip = "f"
    k = 0
    used_gender = {"f": 0, "m": 0}
    for ch in script.cast:
        if ch.is_narrator:
            out[ch.id] = VoiceSpec(engine=engine, espeak_voice=NARRATOR.espeak_voice,
                                   pitch=NARRATOR.pitch, speed=NARRATOR.speed)
            continue
        variant = _from_hint(ch.voice) if ch.voice else None
        if variant is None:
            g = gender_hint(ch.name)
            if g is None:
                if used_gender["f"] != used_gender["m"]:
                    g = "m" if used_gender["f"] > used_gender["m"] else "f"
                else:
                    g, flip = flip, ("m" if flip == "f" else "f")
            used_gender[g] += 1
            pool = [v for v in pools[g] if f"cmn+{v}" not in used_variants] or pools[g]
            variant = f"cmn+{pool[0]}"
        used_variants.add(variant)
        pitch, speed = _PITCH_SPEED[k % len(_PITCH_SPEED)]
        k += 1
        out[ch.id] = VoiceSpec(engine=engine, espeak_voice=variant, pitch=pitch, speed=speed)
    return out


def describe(voice: VoiceSpec) -> str:
    return f"{voice.espeak_voice} p{voice.pitch} s{voice.speed}"


def voice_table(script: Script, voices: dict[str, VoiceSpec]) -> dict[str, str]:
    """Character name → voice description, for the artifact info."""
    names = {c.id: c.name for c in script.cast}
    return {names[cid]: describe(v) for cid, v in voices.items() if cid in names}


def character_voice(ch: Character, voices: dict[str, VoiceSpec]) -> VoiceSpec:
    return voices.get(ch.id, NARRATOR)
