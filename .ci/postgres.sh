#!/usr/bin/env bash
# CI: run the database and service tests (tests/db, tests/services) against a real PostgreSQL
# server: Debian packages (installed when missing), a throwaway cluster in a temporary folder on
# a free port, stopped and removed at the end even when the tests fail.
#
# Usage: .ci/postgres.sh [extra pytest arguments]   (from .ci/run, or by hand)
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin() {
    # The newest /usr/lib/postgresql/<major>/bin holding initdb and pg_ctl.
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

if ! PG_BIN=$(pg_bin); then
    echo "postgres.sh: PostgreSQL not found, installing the Debian packages" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q postgresql
    PG_BIN=$(pg_bin)
fi
echo "postgres.sh: using $PG_BIN"

# The driver comes from the "postgres" extra (skipped when the venv already has it, so a
# developer's venv in use is not reinstalled under running programs).
[ -x .venv/bin/python ] || python3 -m venv .venv
if ! .venv/bin/python -c "import psycopg, pytest, app" >/dev/null 2>&1; then
    .venv/bin/pip install -q -e ".[test,postgres]"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tdkt-pg.XXXXXX")
chmod 755 "$WORK"
# PostgreSQL refuses to run as root: when we are root, the server runs as an ordinary user.
AS=()
if [ "$(id -u)" -eq 0 ]; then
    if id postgres >/dev/null 2>&1; then
        PG_USER=postgres
    else
        PG_USER=nobody
    fi
    AS=(runuser -u "$PG_USER" --)
    chown "$PG_USER" "$WORK"
fi

PORT=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
DATA="$WORK/data"
STARTED=0

cleanup() {
    local rc=$?
    if [ "$STARTED" -eq 1 ]; then
        "${AS[@]}" "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || {
            echo "postgres.sh: server did not stop cleanly; log:" >&2
            cat "$WORK/server.log" >&2 || true
        }
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${AS[@]}" "$PG_BIN/initdb" -D "$DATA" -U tdkt --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# A throwaway cluster: no durability needed, so the tests run faster (fsync off).
STARTED=1
if ! "${AS[@]}" "$PG_BIN/pg_ctl" -D "$DATA" -l "$WORK/server.log" -w -t 60 start \
    -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; then
    echo "postgres.sh: the server did not start; log:" >&2
    cat "$WORK/server.log" >&2
    exit 1
fi
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U tdkt tdkt_test

export TDKT_TEST_DB_URL="postgresql+psycopg://tdkt@127.0.0.1:$PORT/tdkt_test"
echo "postgres.sh: running tests/db and tests/services on $TDKT_TEST_DB_URL"
.venv/bin/python -m pytest -q tests/db tests/services "$@"
