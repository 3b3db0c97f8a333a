"""Frames reach ffmpeg as I420 planes (issue 16): converted only where a picture changed, and
transitions composed on the planes. The planes must be what ffmpeg itself would have made of
the RGB picture, and the partial conversion exactly what a whole one gives."""

from __future__ import annotations

import numpy as np
import pytest

from creator_studio.core.media import animate, ffmpeg, yuv420

H, W = 180, 320


def _picture(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    pic = np.full((H, W, 3), 235, np.uint8)
    pic[20:160, 30:290] = rng.integers(0, 256, (140, 260, 3), dtype=np.uint8)
    pic[100:140, 40:120] = (200, 30, 40)  # a flat red box, like a shape on a slide
    return pic


def _ffmpeg_planes(rgb: np.ndarray, tmp_path) -> yuv420.Planes:
    src, dst = tmp_path / "in.rgb", tmp_path / "out.yuv"
    src.write_bytes(rgb.tobytes())
    ffmpeg.run_ffmpeg(["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{W}x{H}", "-i", str(src),
                       "-pix_fmt", "yuv420p", "-f", "rawvideo", str(dst)])
    raw = np.frombuffer(dst.read_bytes(), np.uint8)
    y = raw[:H * W].reshape(H, W)
    u = raw[H * W:H * W + H * W // 4].reshape(H // 2, W // 2)
    v = raw[H * W + H * W // 4:].reshape(H // 2, W // 2)
    return yuv420.Planes(y, u, v)


def test_conversion_is_what_ffmpeg_makes_of_rgb(tmp_path):
    pic = _picture()
    ours, theirs = yuv420.convert(pic), _ffmpeg_planes(pic, tmp_path)
    # luma is the same matrix (rounding apart); chroma differs only by ffmpeg's smoother
    # vertical filter on the random noise, so compare it on the flat shape and on average
    assert np.abs(ours.y.astype(int) - theirs.y).max() <= 1
    for a, b in ((ours.u, theirs.u), (ours.v, theirs.v)):
        assert np.abs(a[52:68, 22:58].astype(int) - b[52:68, 22:58]).max() <= 1  # inside the red box
        assert np.abs(a.astype(int) - b).mean() < 6
    # the flat white margin: Y 16 + 219·235/255, chroma neutral
    assert ours.y[5, 5] == 218 and ours.u[2, 2] == 128 and ours.v[2, 2] == 128


def test_back_to_rgb_is_close():
    pic = _picture()
    back = yuv420.convert(pic).to_rgb().astype(int)
    assert np.abs(back[100:140, 40:120] - pic[100:140, 40:120]).max() <= 3


@pytest.mark.parametrize("box", [(0, 1, 0, 1), (37, 41, 101, 103), (100, 180, 250, 320), (0, 180, 0, 320)])
def test_partial_conversion_equals_whole(box):
    a = _picture(1)
    b = a.copy()
    y0, y1, x0, x1 = box
    b[y0:y1, x0:x1] = 255 - b[y0:y1, x0:x1]
    conv = yuv420.Converter()
    conv.planes(a)
    part = conv.planes(b)
    whole = yuv420.convert(b)
    for p, q in zip(part, whole):
        assert np.array_equal(p, q)
    assert conv.full == 1 and conv.partial == 1
    # an even-aligned box around what changed, never less
    found = yuv420.changed_box(a, b)
    assert found[0] <= y0 and found[1] >= y1 and found[2] <= x0 and found[3] >= x1
    assert all(v % 2 == 0 for v in found)


def test_changed_box_of_one_pixel_is_small_and_equal_pictures_have_none():
    a = _picture()
    b = a.copy()
    b[77, 131] = (1, 2, 3) if tuple(a[77, 131]) != (1, 2, 3) else (4, 5, 6)
    y0, y1, x0, x1 = yuv420.changed_box(a, b)
    assert (y0, y1) == (76, 78) and x0 <= 131 < x1 and x1 - x0 <= 6
    assert yuv420.changed_box(a, a.copy()) is None


def test_an_unchanged_picture_shares_its_planes_and_a_reused_array_is_compared_by_content():
    a = _picture()
    conv = yuv420.Converter()
    first = conv.planes(a)
    assert conv.planes(a.copy()) is first
    a2 = a.copy()
    a2[:10] = 0  # a different picture in a fresh array
    assert not np.array_equal(conv.planes(a2).y, first.y)


def test_odd_sizes_and_wrong_types_are_refused():
    with pytest.raises(ValueError):
        yuv420.convert(np.zeros((H + 1, W, 3), np.uint8))
    with pytest.raises(ValueError):
        yuv420.convert(np.zeros((H, W, 4), np.uint8))


TRANSITIONS = [
    ("fade", None), ("fade", "through-black"), ("push", "l"), ("push", "u"), ("cover", "r"),
    ("uncover", "d"), ("wipe", "l"), ("wipe", "u"), ("split", "vert-out"), ("split", "horz-in"),
    ("zoom", None), ("circle", None), ("diamond", None), ("wheel", None), ("random-bars", None),
]


def _slide(seed: int) -> np.ndarray:
    """A slide-like picture: a soft gradient, a title bar, text strokes and a photo-like patch."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    grad = np.linspace(200, 250, W, dtype=np.float32)[None, :, None].repeat(H, 0).repeat(3, 2)
    im = Image.fromarray(grad.astype(np.uint8))
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, W, 28), fill=(int(rng.integers(0, 120)), 60, 140))
    for k in range(6):
        d.text((30, 45 + 18 * k), f"第{k + 1}点 Key point {seed}-{k}", fill=(30, 30, 30))
    d.ellipse((220, 60, 300, 140), fill=tuple(int(v) for v in rng.integers(0, 256, 3)))
    return np.asarray(im).copy()


@pytest.mark.parametrize("kind,direction", [t for t in TRANSITIONS if t[0] != "zoom"])
def test_transitions_on_planes_match_the_rgb_ones(kind, direction):
    """On the planes, a transition is the RGB one moved in whole 2-pixel steps (so chroma moves
    with luma): identical to converting that frame, apart from rounding and edges inside a 2×2
    chroma block — even on noise, where any misplaced pixel would show. (Zoom resizes each
    plane, and noise resized at half size is other noise: it is compared on slides below.)"""
    a, b = _picture(2), _picture(3)
    b[100:140, 40:120] = (30, 60, 200)
    conv = yuv420.Converter()
    for p in (0.0, 0.3, 0.5, 0.8, 1.0):
        on_planes = animate.TransitionPicture(kind, direction, a, b, p).planes(conv)
        of_rgb = yuv420.convert(animate._transition(kind, direction, a, b, p, 0, 1, 2))
        for got, want in zip(on_planes, of_rgb):
            d = np.abs(got.astype(int) - want)
            assert d.mean() < 1.5, (kind, direction, p, d.mean())
            assert np.percentile(d, 95) <= 2, (kind, direction, p)


@pytest.mark.parametrize("kind,direction", TRANSITIONS)
def test_transitions_on_planes_look_like_the_rgb_ones_on_slides(kind, direction):
    """Against the plain RGB transition, on slide-like pictures, decoded back to RGB: what a
    viewer compares. A moving slide may stand one pixel off (2-pixel steps); a zooming one
    may be a pixel smaller or larger as well, which resamples its text at another phase (a
    looser bound against the 1-pixel-step frame, the tight one against the 2-pixel-step one)."""
    reach = (-2, -1, 0, 1, 2) if kind == "zoom" else (-1, 0, 1)
    a, b = _slide(1), _slide(2)
    conv = yuv420.Converter()
    for p in (0.25, 0.5, 0.75):
        got = animate.TransitionPicture(kind, direction, a, b, p).planes(conv).to_rgb().astype(int)
        for want, bound in ((animate.transition_frame(kind, direction, a, b, p), 4.0 if kind == "zoom" else 2.0),
                            (animate._transition(kind, direction, a, b, p, 0, 1, 2), 2.0)):
            want = yuv420.convert(want).to_rgb().astype(int)
            best = min(np.abs(got[2:-2, 2:-2] - np.roll(want, (dy, dx), (0, 1))[2:-2, 2:-2]).mean()
                       for dy in reach for dx in reach)
            assert best < bound, (kind, direction, p, best)


def test_fade_through_black_reaches_video_black():
    a, b = _picture(2), _picture(3)
    mid = animate.TransitionPicture("fade", "through-black", a, b, 0.5).planes(yuv420.Converter())
    assert mid.y.max() == 16 and mid.u.min() == mid.u.max() == 128
