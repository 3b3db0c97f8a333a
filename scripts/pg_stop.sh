#!/usr/bin/env bash
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
DIR=${CREATOR_STUDIO_PG_DIR:-/tmp/creator-studio-pg}
RUNAS=""
[ "$(id -u)" = 0 ] && RUNAS="runuser -u postgres --"
$RUNAS "$PGBIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
