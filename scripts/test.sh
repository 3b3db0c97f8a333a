#!/usr/bin/env bash
# Set up everything the tests need, start a throwaway PostgreSQL, and run the whole suite.
# The same command is in the README and in .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
export QT_QPA_PLATFORM=offscreen
export CREATOR_STUDIO_CHROMIUM=${CREATOR_STUDIO_CHROMIUM:-/usr/bin/chromium}
# A private PostgreSQL for the market tests (team mode); the suite also runs every such test on SQLite.
if [ -z "${CREATOR_STUDIO_TEST_PG_URL:-}" ]; then
  if url=$(bash scripts/pg_start.sh); then
    export CREATOR_STUDIO_TEST_PG_URL="$url"
    trap 'bash scripts/pg_stop.sh || true' EXIT
  else
    echo "test: PostgreSQL could not be started; PostgreSQL runs are reported as skipped" >&2
  fi
fi
.venv/bin/python -m pytest "$@"
