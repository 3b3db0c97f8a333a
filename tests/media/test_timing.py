"""Slide durations: narration + padding, the deck's advTm, or a reading time; never 0."""

from __future__ import annotations

import pytest

from creator_studio.core.media import timing
from creator_studio.core.media.timing import TimingInput


def test_narration_plus_padding():
    d, rule = timing.slide_duration(TimingInput(speech=5.0))
    assert rule == "narration"
    assert d == pytest.approx(5.0 + timing.LEAD_IN + timing.TAIL)


def test_longer_advtm_wins_over_narration():
    d, rule = timing.slide_duration(TimingInput(speech=2.0, advance=10.0))
    assert (d, rule) == (10.0, "advTm")


def test_shorter_advtm_does_not_cut_narration():
    d, rule = timing.slide_duration(TimingInput(speech=8.0, advance=3.0))
    assert rule == "narration" and d > 8.0


def test_advtm_without_narration():
    assert timing.slide_duration(TimingInput(advance=4.5)) == (4.5, "advTm")


def test_tiny_advtm_is_floored():
    d, _ = timing.slide_duration(TimingInput(advance=0.01))
    assert d >= timing.MIN_SLIDE


@pytest.mark.parametrize("chars", [0, 1, 40, 10_000])
def test_reading_time_default_is_bounded_and_positive(chars):
    d, rule = timing.slide_duration(TimingInput(visible_chars=chars))
    assert rule == "text"
    assert timing.READ_MIN <= d <= timing.READ_MAX


def test_reading_time_grows_with_text():
    short = timing.slide_duration(TimingInput(visible_chars=10))[0]
    long = timing.slide_duration(TimingInput(visible_chars=60))[0]
    assert long > short


def test_zero_and_negative_inputs_never_give_zero():
    for item in (TimingInput(), TimingInput(speech=0, advance=0), TimingInput(advance=-3),
                 TimingInput(fixed=0)):
        assert timing.slide_duration(item)[0] > 0


def test_plan_is_contiguous_and_speech_inside_slides():
    items = [TimingInput(fixed=3), TimingInput(speech=4.2), TimingInput(advance=6),
             TimingInput(visible_chars=30), TimingInput(speech=1.0, advance=9), TimingInput(fixed=2)]
    plan = timing.plan(items)
    assert plan[0].start == 0
    for a, b in zip(plan, plan[1:]):
        assert b.start == pytest.approx(a.end)
    for t in plan:
        assert t.duration > 0
        assert t.start <= t.speech_start <= t.speech_end <= t.end + 1e-9
    assert [t.rule for t in plan] == ["fixed", "narration", "advTm", "text", "advTm", "fixed"]
    assert timing.total(plan) == pytest.approx(sum(t.duration for t in plan))
