#!/bin/bash
# A throwaway PostgreSQL cluster for tests and benchmarks (Debian's postgresql package).
#
#   pg-cluster.sh start STATE_DIR   initdb + start; writes STATE_DIR/pg.env (host, port, user, password, base)
#   pg-cluster.sh stop STATE_DIR    stops it and deletes it
#
# The cluster lives in a directory of its own under ${TMPDIR:-/tmp} (STATE_DIR may be inside a directory only
# root may enter, and initdb refuses to run as root): as root it is owned by and run as `nobody`. It listens on
# a Unix socket in that directory only (no TCP port to collide with), and asks for a password (SCRAM): the
# service gets it from PGPASSWORD, as a deployment would. fsync is off: these clusters hold test data, and
# the tests kill the service, never the database (CERTDESK_PG_DURABLE=1 keeps PostgreSQL's defaults, for
# benchmarks).
# Exit code 77 (ctest's SKIP_RETURN_CODE) when PostgreSQL is not installed.
set -euo pipefail

command=${1:-}
state=${2:-}
if [ -z "$command" ] || [ -z "$state" ]; then
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
fi

find_bin() {
    local name=$1
    if command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
        return
    fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$found" ] && echo "$found"
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
    else
        "$@"
    fi
}

case "$command" in
start)
    initdb=$(find_bin initdb || true)
    pg_ctl=$(find_bin pg_ctl || true)
    if [ -z "$initdb" ] || [ -z "$pg_ctl" ]; then
        echo "PostgreSQL (initdb, pg_ctl) is not installed: apt-get install postgresql" >&2
        exit 77
    fi
    mkdir -p "$state"
    # A cluster this state directory already has: kept when it runs (`ctest --repeat` repeats each test, the
    # fixture's start too, before the one stop that reads pg.env), else cleared away, so that no start leaves a
    # cluster that no stop knows of.
    if [ -f "$state/pg.env" ]; then
        previous=$(sed -n 's/^base=//p' "$state/pg.env")
        if [ -n "$previous" ] && as_owner "$pg_ctl" -D "$previous/data" status >/dev/null 2>&1; then
            echo "PostgreSQL test cluster at $previous (socket), already running, state in $state/pg.env"
            exit 0
        fi
        bash "$0" stop "$state"
    fi
    base=$(mktemp -d "${TMPDIR:-/tmp}/certdesk-pg.XXXXXX")
    chmod 0755 "$base"
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf '%s\n' "$password" >"$base/pwfile"
    if [ "$(id -u)" -eq 0 ]; then
        chown nobody:nogroup "$base" "$base/pwfile"
    fi
    chmod 0600 "$base/pwfile"
    as_owner "$initdb" -D "$base/data" -U certdesk --pwfile="$base/pwfile" --auth=scram-sha-256 -E UTF8 \
        --locale=C.UTF-8 >"$base/initdb.log" 2>&1 || { cat "$base/initdb.log" >&2; exit 1; }
    rm -f "$base/pwfile"
    settings="-c listen_addresses='' -c unix_socket_directories='$base' -c port=5432 -c max_connections=200"
    if [ "${CERTDESK_PG_DURABLE:-0}" = 0 ]; then
        settings="$settings -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    # -w: pg_ctl returns once the server accepts connections.
    as_owner "$pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 -o "$settings" start >/dev/null \
        || { cat "$base/server.log" >&2; exit 1; }
    umask 077
    cat >"$state/pg.env" <<EOF
base=$base
host=$base
port=5432
user=certdesk
password=$password
bindir=$(dirname "$(readlink -f "$initdb")")
EOF
    echo "PostgreSQL test cluster at $base (socket), state in $state/pg.env"
    ;;
stop)
    [ -f "$state/pg.env" ] || exit 0
    base=$(sed -n 's/^base=//p' "$state/pg.env")
    pg_ctl=$(find_bin pg_ctl || true)
    if [ -n "$base" ] && [ -d "$base/data" ] && [ -n "$pg_ctl" ]; then
        as_owner "$pg_ctl" -D "$base/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "$base" in
    */certdesk-pg.*) rm -rf "$base" ;;
    esac
    rm -f "$state/pg.env"
    ;;
*)
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
