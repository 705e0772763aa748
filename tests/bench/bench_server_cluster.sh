#!/usr/bin/env bash
# The service's figures in four shapes, printed side by side with the HTTP yardstick (bench_hello: bare
# cpp-httplib answering a small JSON, 64 workers, TCP_NODELAY, backlog raised), all measured in this run:
#   SQLite, one instance | SQLite, one instance behind HAProxy | PostgreSQL, one instance |
#   PostgreSQL, two instances behind HAProxy (round robin)
# For each: GET /api/v1/applications/{id} under wrk with 64 connections (requests/s, p99) and issuance without
# CSR with 8 connections (issuances/s), by tests/bench/bench_server.sh against the running service. PostgreSQL
# runs on this machine (tests/support/pg-cluster.sh, fsync on). Prints figures, asserts nothing; the targets of
# docs/deployment.md: reading at >= 0.5x the yardstick with p99 <= 10 ms on SQLite, >= 0.25x on PostgreSQL.
# Usage: tests/bench/bench_server_cluster.sh path/to/certdesk-server path/to/bench_hello [seconds per run]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
server=${1:?certdesk-server}
hello=${2:?bench_hello}
seconds=${3:-10}
for tool in wrk curl jq openssl haproxy; do
  command -v "$tool" >/dev/null || { echo "bench_server_cluster: $tool is missing (scripts/deps.sh)" >&2; exit 2; }
done

work=$(mktemp -d)
pids=()
haproxy_pid=""
cleanup() {
  for p in "${pids[@]}" $haproxy_pid; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  CERTDESK_PG_DURABLE=1 bash "$root/tests/support/pg-cluster.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts certdesk-server with the given arguments; its port in $started_port. (Not through $(...): the
# process must be remembered by this shell, not by a subshell, to be stopped.)
start_instance() {
  local out="$work/instance-${#pids[@]}"
  "$server" --listen 127.0.0.1:0 --sandbox --quiet --lookup-rate-limit 0 --config "$work/server.conf" "$@" \
    >"$out.stdout" 2>"$out.stderr" &
  pids+=($!)
  for _ in $(seq 1 600); do
    grep -q '^listening on' "$out.stdout" 2>/dev/null && break
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$out.stderr" >&2; exit 1; }
    sleep 0.1
  done
  started_port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$out.stdout")
}

stop_all() {
  for p in "${pids[@]}" $haproxy_pid; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  pids=()
  haproxy_pid=""
}

# HAProxy on a free port in front of the given instance ports; its port in $started_port.
start_haproxy() {
  local port
  port=$(free_port)
  {
    printf 'global\n    maxconn 4096\ndefaults\n    mode http\n    option forwardfor\n'
    printf '    timeout connect 2s\n    timeout client 60s\n    timeout server 60s\n'
    printf 'frontend certdesk\n    bind 127.0.0.1:%s\n    default_backend instances\n' "$port"
    printf 'backend instances\n    balance roundrobin\n'
    local i=0
    for p in "$@"; do printf '    server s%d 127.0.0.1:%s\n' "$i" "$p"; i=$((i + 1)); done
  } >"$work/haproxy.cfg"
  haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
  haproxy_pid=$!
  for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
    sleep 0.1
  done
  started_port=$port
}

# Runs bench_server.sh against a URL; prints "reads p99 issuances".
measure() {
  local label=$1 url=$2
  echo "== $label" >&2
  CERTDESK_BENCH_URL="$url" bash "$root/tests/bench/bench_server.sh" - "$seconds" >"$work/run.txt" 2>&1 \
    || { cat "$work/run.txt" >&2; exit 1; }
  local reads p99 issues
  reads=$(sed -n 's/^certdesk-server: GET .*: \([0-9.]*\) requests\/s, p99 \([0-9.a-z]*\) .*/\1/p' "$work/run.txt")
  p99=$(sed -n 's/^certdesk-server: GET .*: \([0-9.]*\) requests\/s, p99 \([0-9.a-z]*\) .*/\2/p' "$work/run.txt")
  issues=$(sed -n 's/^certdesk-server: issuance without CSR: \([0-9.]*\) issuances.*/\1/p' "$work/run.txt")
  echo "$reads $p99 $issues"
}

printf '[server]\nmax_connections_per_address = 100000\ntrusted_proxies = 127.0.0.1\n' >"$work/server.conf"

# The yardstick.
hello_port=$(free_port)
"$hello" "$hello_port" >"$work/hello.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$hello_port/hello" >/dev/null 2>&1 && break; sleep 0.1; done
echo "== yardstick: bare cpp-httplib hello JSON" >&2
wrk -t2 -c64 -d"${seconds}s" --latency "http://127.0.0.1:$hello_port/hello" >"$work/hello.txt"
yard=$(awk '/^Requests\/sec:/ {print $2}' "$work/hello.txt")
yard_p99=$(awk '$1=="99%" {print $2}' "$work/hello.txt")
stop_all

declare -A result
# SQLite, one instance, straight and behind HAProxy.
start_instance --data-dir "$work/sqlite"
port=$started_port
result[sqlite1]=$(measure "SQLite, one instance" "http://127.0.0.1:$port")
start_haproxy "$port"
result[sqlite1h]=$(measure "SQLite, one instance behind HAProxy" "http://127.0.0.1:$started_port")
stop_all

# PostgreSQL on this machine, fsync on (a benchmark of the real thing, not of the tests' throwaway cluster).
CERTDESK_PG_DURABLE=1 bash "$root/tests/support/pg-cluster.sh" start "$work/pg" >/dev/null
# shellcheck disable=SC1091
. "$work/pg/pg.env"
export PGPASSWORD="$password"
"$bindir/psql" -h "$host" -U "$user" -d postgres -qc "CREATE DATABASE bench1" -c "CREATE DATABASE bench2"
start_instance --data-dir "$work/pg1" --database "postgresql://$user@localhost/bench1?host=$host"
result[pg1]=$(measure "PostgreSQL, one instance" "http://127.0.0.1:$started_port")
stop_all
start_instance --data-dir "$work/pg2" --database "postgresql://$user@localhost/bench2?host=$host"
a=$started_port
start_instance --data-dir "$work/pg2" --database "postgresql://$user@localhost/bench2?host=$host"
b=$started_port
start_haproxy "$a" "$b"
result[pg2h]=$(measure "PostgreSQL, two instances behind HAProxy" "http://127.0.0.1:$started_port")
stop_all

echo
printf '%-44s %12s %9s %8s %14s\n' "shape (GET /applications/{id}: 64 conn.)" "requests/s" "p99" "x yard" "issuances/s"
printf '%-44s %12s %9s %8s %14s\n' "yardstick: cpp-httplib hello JSON" "$yard" "$yard_p99" "1.00" "-"
for key in sqlite1 sqlite1h pg1 pg2h; do
  case "$key" in
    sqlite1) label="SQLite, one instance" ;;
    sqlite1h) label="SQLite, one instance behind HAProxy" ;;
    pg1) label="PostgreSQL, one instance" ;;
    pg2h) label="PostgreSQL, two instances behind HAProxy" ;;
  esac
  read -r reads p99 issues <<<"${result[$key]}"
  ratio=$(awk -v r="$reads" -v y="$yard" 'BEGIN {printf "%.2f", r / y}')
  printf '%-44s %12s %9s %8s %14s\n' "$label" "$reads" "$p99" "$ratio" "$issues"
done
