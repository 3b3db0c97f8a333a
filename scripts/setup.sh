#!/usr/bin/env bash
# Set up Creator Studio on a Debian/Ubuntu machine: system packages, a virtualenv in .venv and the
# package itself (editable). Idempotent and quick when everything is already there.
#   bash scripts/setup.sh          # what the app needs
#   bash scripts/setup.sh --dev    # plus what the test suite needs (chromium, PostgreSQL, pytest...)
set -euo pipefail
cd "$(dirname "$0")/.."

DEV=0
[ "${1:-}" = "--dev" ] && DEV=1

APT_PKGS=(
  python3-venv
  fonts-noto-cjk            # Chinese typography in images, video and the Qt window
  fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2  # metric-compatible Calibri/Cambria/Arial/Times for LibreOffice
  fonts-wqy-zenhei fonts-wqy-microhei fonts-arphic-ukai fonts-arphic-uming  # look-alikes for 黑体/幼圆/楷体/宋体 besides Noto
  espeak-ng                 # offline Mandarin narration (the app falls back to captions only without it)
  libreoffice-impress       # faithful slide pictures (the built-in renderer is used without it)
  libreoffice-writer
  ffmpeg                    # ffprobe for checking videos; the encoder itself ships with imageio-ffmpeg
  tesseract-ocr tesseract-ocr-chi-sim  # contests: names drawn into pictures/video frames of a blind copy (optional: warned without)
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libpulse0
  libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libasound2
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xinerama0 libxcb-shape0
)
if [ "$DEV" = 1 ]; then
  APT_PKGS+=(nodejs       # tests/runtime: scorm-again hosts the SCORM package (issue 20)
            chromium postgresql
            xvfb pulseaudio pulseaudio-utils)  # tests/recording: a virtual screen and microphone (issue 14)
fi

missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing system packages: ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "setup: please install these system packages: ${missing[*]}" >&2
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
EXTRA=""
[ "$DEV" = 1 ] && EXTRA="[dev]"
STAMP=".venv/.installed${EXTRA:+-dev}"
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ] \
   || [ plugins/creator-studio-handout/pyproject.toml -nt "$STAMP" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${EXTRA}"
  # The example format plugin, installed like any third-party form would be.
  .venv/bin/python -m pip install -q --no-deps -e plugins/creator-studio-handout
  touch "$STAMP"
fi
# Test-only runtimes (tests/runtime): scorm-again from npm, pinned in tests/runtime/package-lock.json.
# (npm comes with NodeSource's nodejs; Debian's own nodejs needs the separate npm package.)
if [ "$DEV" = 1 ] && ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm || true
fi
if [ "$DEV" = 1 ] && command -v npm >/dev/null 2>&1; then
  NPM_STAMP=tests/runtime/node_modules/.cs-installed
  if [ ! -f "$NPM_STAMP" ] || [ tests/runtime/package-lock.json -nt "$NPM_STAMP" ]; then
    (cd tests/runtime && npm ci --no-audit --no-fund --loglevel=error) && touch "$NPM_STAMP"
  fi
fi
# Translations (.ts -> .qm) are compiled at setup time so the window starts in 简体中文 or English.
.venv/bin/python -m creator_studio.ui.i18n_build >/dev/null 2>&1 || true
