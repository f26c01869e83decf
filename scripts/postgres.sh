#!/usr/bin/env bash
# A throw-away PostgreSQL server for marsad's tests and benchmarks, under its own data folder.
#
#   scripts/postgres.sh start [DIR]   initdb DIR (default: .pgdata) if new, start the server on 127.0.0.1
#                                     on a free port (unix socket inside DIR), print its URL on stdout
#   scripts/postgres.sh stop [DIR]    stop that server (fast shutdown)
#   scripts/postgres.sh url [DIR]     print the URL of the running server
#
# Debian keeps the binaries in /usr/lib/postgresql/*/bin (not on PATH): the newest is used unless
# PG_BIN is set. PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' user
# (Debian's package creates it) and DIR is given to that user.
set -euo pipefail
action=${1:-}
dir=${2:-.pgdata}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

if [ -z "${PG_BIN:-}" ]; then
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$PG_BIN" ] || PG_BIN=$(dirname "$(command -v pg_ctl || echo /nonexistent/pg_ctl)")
fi
[ -x "$PG_BIN/pg_ctl" ] || { echo "postgres.sh: no PostgreSQL binaries found (install Debian's postgresql)" >&2; exit 1; }

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

url() {
    port=$(cat "$dir/port")
    echo "postgresql://marsad@127.0.0.1:$port/marsad"
}

case "$action" in
start)
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        chown postgres "$dir"
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_owner "$PG_BIN/initdb" -D "$dir/data" -U marsad --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        url
        exit 0
    fi
    port=$(free_port)
    echo "$port" >"$dir/port"
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $dir/data -c fsync=on -c max_connections=50" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U marsad -d postgres -qAt \
        -c "SELECT 1 FROM pg_database WHERE datname = 'marsad'" | grep -q 1 \
        || as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U marsad marsad
    url
    ;;
stop)
    if [ -f "$dir/data/PG_VERSION" ]; then
        as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
url)
    url
    ;;
*)
    echo "usage: scripts/postgres.sh start|stop|url [DIR]" >&2
    exit 2
    ;;
esac
