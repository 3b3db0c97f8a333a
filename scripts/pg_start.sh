#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on a private port and print its SQLAlchemy URL.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || exit 1
DIR=${CREATOR_STUDIO_PG_DIR:-/tmp/creator-studio-pg}
PORT=${CREATOR_STUDIO_PG_PORT:-54329}
RUNAS=""
if [ "$(id -u)" = 0 ]; then
  RUNAS="runuser -u postgres --"
fi
if [ ! -f "$DIR/PG_VERSION" ]; then
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ -n "$RUNAS" ] && chown postgres "$DIR"
  $RUNAS "$PGBIN/initdb" -D "$DIR" -U postgres -A trust -E UTF8 >/dev/null
fi
if ! $RUNAS "$PGBIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  $RUNAS "$PGBIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
fi
psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='creator_test'" | grep -q 1 \
  || psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE creator_test" >/dev/null
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/creator_test"
