"""A real virtual microphone for the recording tests: PulseAudio with a null sink.

`pulse` (session scope) starts a private PulseAudio daemon (its own runtime folder and socket, so
it never touches a desktop's sound server), loads a null sink `cs_sink` and a source `cs_mic`
remapped from the sink's monitor (Qt does not list monitor sources as microphones), and points
this process at it through PULSE_SERVER. `pulse.play(wav)` plays a file into the sink with
`paplay`: whatever is played is what the "microphone" hears, in real time.

Without pulseaudio/paplay the recording tests are skipped with the reason — except in CI
(CI=true), where they FAIL: CI installs the packages (scripts/setup.sh --dev), so a missing
daemon there is a broken environment, not an optional feature.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RATE = 44100
TONE_HZ = 440.0


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"virtual audio for the recording tests is unavailable in CI: {reason}", pytrace=False)
    pytest.skip(f"virtual audio unavailable: {reason}")


class Pulse:
    def __init__(self, runtime: Path, server: str) -> None:
        self.runtime, self.server = runtime, server
        self._players: list[subprocess.Popen] = []

    def env(self) -> dict:
        return {**os.environ, "PULSE_SERVER": self.server}

    def pactl(self, *args: str) -> str:
        return subprocess.run(["pactl", *args], env=self.env(), capture_output=True, text=True,
                              timeout=20, check=True).stdout

    def play(self, wav: Path) -> subprocess.Popen:
        p = subprocess.Popen(["paplay", "--device=cs_sink", str(wav)], env=self.env(),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._players.append(p)
        return p

    def stop_players(self) -> None:
        for p in self._players:
            if p.poll() is None:
                p.terminate()
                p.wait(5)
        self._players.clear()


@pytest.fixture(scope="session")
def pulse():
    for tool in ("pulseaudio", "pactl", "paplay"):
        if not shutil.which(tool):
            _unavailable(f"{tool} is not installed (apt: pulseaudio pulseaudio-utils)")
    runtime = Path(tempfile.mkdtemp(prefix="cs-pulse-"))
    sock = runtime / "native"
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(runtime)}
    daemon = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit",
         "--use-pid-file=no", "--log-target=stderr",
         f"--load=module-native-protocol-unix socket={sock} auth-anonymous=1",
         "--load=module-null-sink sink_name=cs_sink rate=44100",
         "--load=module-remap-source master=cs_sink.monitor source_name=cs_mic "
         "source_properties=device.description=CS_Virtual_Mic"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    pulse = Pulse(runtime, f"unix:{sock}")
    deadline = time.monotonic() + 15
    while True:
        try:
            if "cs_mic" in pulse.pactl("list", "short", "sources"):
                break
        except (subprocess.SubprocessError, OSError):
            pass
        if daemon.poll() is not None or time.monotonic() > deadline:
            err = daemon.stderr.read().decode(errors="replace")[-600:] if daemon.poll() is not None else ""
            daemon.kill()
            _unavailable(f"PulseAudio did not start: {err or 'timeout'}")
        time.sleep(0.2)
    pulse.pactl("set-default-source", "cs_mic")
    pulse.pactl("set-default-sink", "cs_sink")
    old = os.environ.get("PULSE_SERVER")
    os.environ["PULSE_SERVER"] = pulse.server  # before Qt Multimedia first connects
    yield pulse
    pulse.stop_players()
    if old is None:
        os.environ.pop("PULSE_SERVER", None)
    else:
        os.environ["PULSE_SERVER"] = old
    daemon.terminate()
    try:
        daemon.wait(10)
    except subprocess.TimeoutExpired:
        daemon.kill()
    shutil.rmtree(runtime, ignore_errors=True)


def _write_wav(path: Path, x: np.ndarray) -> Path:
    import wave

    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(np.clip(x, -32768, 32767).astype("<i2").tobytes())
    return path


@pytest.fixture(scope="session")
def tone_speech_wav(tmp_path_factory) -> Path:
    """12 s: a steady 440 Hz tone at −12 dBFS with espeak-ng speech mixed in from 1 s (when
    espeak-ng exists), so the take holds a frequency FFT can find plus real speech."""
    d = tmp_path_factory.mktemp("feed")
    t = np.arange(int(12 * RATE)) / RATE
    x = 0.25 * 32767 * np.sin(2 * np.pi * TONE_HZ * t)
    esp = shutil.which("espeak-ng")
    if esp:
        from creator_studio.core.media import audio

        sp = d / "speech.wav"
        subprocess.run([esp, "-v", "cmn", "-w", str(sp), "您好，欢迎学习理赔流程。"], check=True, timeout=60)
        s, r = audio.read_wav(sp)
        s = audio.resample(s, r, RATE).astype(np.float32) * 0.4
        a = RATE
        x[a:a + len(s)] += s[: len(x) - a]
    return _write_wav(d / "tone_speech.wav", x)


def dominant_hz(samples: np.ndarray, rate: int) -> float:
    x = samples.astype(np.float64)
    x = x - x.mean()
    spec = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    spec[freqs < 50] = 0
    return float(freqs[int(np.argmax(spec))])
