#!/usr/bin/env bash
# Benchmark of certdesk-server: prints figures, asserts nothing.
#   1. GET /api/v1/applications/{id} under wrk with 64 connections: requests/s and p99 latency
#      (target >= 5000 requests/s, p99 <= 20 ms).
#   2. Issuance without CSR (2 key pairs, 2 certificates, 2 envelopes, DB writes): issuances/s (target >= 150).
#      Measured by re-issuing for 16 approved applications (each re-issuance also revokes the previous
#      unconfirmed pair, so it is slightly more work than a first issuance). Two issuances of one application
#      at the same moment are refused (409, the second waits for nothing): only the 201s are counted.
# Usage: tests/bench/bench_server.sh [path/to/certdesk-server] [seconds per run]
#        CERTDESK_BENCH_URL=http://host:port tests/bench/bench_server.sh - [seconds]   (a service already running,
#        in the sandbox: tests/bench/bench_server_cluster.sh)
# Needs wrk, curl, jq, openssl (scripts/deps.sh installs them). Use a Release build for meaningful numbers.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
server=${1:-${CERTDESK_SERVER:-}}
if [ -z "$server" ]; then
  server=$(ls -t "$here"/build/*/server/certdesk-server 2>/dev/null | head -n1 || true)
fi
[ -n "${CERTDESK_BENCH_URL:-}" ] || [ -x "$server" ] \
  || { echo "bench_server: certdesk-server not found (pass its path)" >&2; exit 2; }
seconds=${2:-10}
for tool in wrk curl jq openssl; do
  command -v "$tool" >/dev/null || { echo "bench_server: $tool is missing (scripts/deps.sh)" >&2; exit 2; }
done

work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${CERTDESK_BENCH_URL:-}" ]; then
  origin=${CERTDESK_BENCH_URL%/}
else
  # wrk's 64 connections come from one address: above the default per-address maximum (16) they would be
  # answered 429 and counted as requests.
  printf '[server]\nmax_connections_per_address = 100000\n' >"$work/server.conf"
  "$server" --listen 127.0.0.1:0 --data-dir "$work/data" --sandbox --quiet --lookup-rate-limit 0 \
    --config "$work/server.conf" >"$work/stdout" 2>"$work/stderr" &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q '^listening on' "$work/stdout" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/stderr" >&2; exit 1; }
    sleep 0.1
  done
  port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/stdout")
  [ -n "$port" ] || { echo "bench_server: the server did not start" >&2; cat "$work/stderr" >&2; exit 1; }
  origin="http://127.0.0.1:$port"
fi
B="$origin/api/v1"
json=(-H 'Content-Type: application/json')

echo iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg== \
  | base64 -d >"$work/scan.png"
# The applicant is the old certificate's holder (another name would need the reviewer's accept_holder_change).
legacy=$(curl -sf "$B/sandbox/legacy-certificates" | jq -c '[.[] | select(.category=="natural_person" and .renewable)][0]')
serial=$(jq -r .serial <<<"$legacy")
holder=$(jq -r .holder <<<"$legacy")
holder_id=$(jq -r .credential_number <<<"$legacy")
# Looked up first, as a client does: the telecom real-name check answers only under a lookup by this address.
curl -sf -o /dev/null "${json[@]}" -d "{\"serial\":\"$serial\"}" "$B/certificates/lookup"
reviewer=$(curl -sf "${json[@]}" -d '{"username":"reviewer","password":"sandbox-reviewer"}' "$B/staff/sessions" | jq -r .token)
counter=$(curl -sf "${json[@]}" -d '{"username":"counter","password":"sandbox-counter"}' "$B/staff/sessions" | jq -r .token)

# An approved natural-person application: create, documents, liveness, payment, approval.
approved_application() {
  local body created id token session payment
  body=$(jq -n --arg s "$serial" --arg n "$holder" --arg i "$holder_id" '{serial:$s, category:"natural_person", years:1,
    acknowledgements:{agreement:true, old_certificate_revocation:true},
    applicant:{name:$n, id_number:$i, mobile:"13800138000", email:"zw@example.com"},
    mailing:{province_code:"440000", city_code:"440300", county_code:"440305", address:"8 Keyuan Road"},
    invoice:{kind:"none"}}')
  created=$(curl -sf "${json[@]}" -d "$body" "$B/applications")
  id=$(jq -r .id <<<"$created"); token=$(jq -r .access_token <<<"$created")
  for kind in application_form e_seal_form id_card; do
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: image/png' \
      --data-binary @"$work/scan.png" "$B/applications/$id/documents/$kind"
  done
  session=$(curl -sf -X POST -H "Authorization: Bearer $token" "$B/applications/$id/liveness" | jq -r .session_id)
  curl -sf -o /dev/null "${json[@]}" \
    -d "$(jq -nc --arg n "$holder" --arg i "$holder_id" '{name:$n, id_number:$i, outcome:"pass"}')" \
    "$B/sandbox/liveness/$session"
  payment=$(curl -sf "${json[@]}" -H "Authorization: Bearer $token" -d '{"method":"wechat"}' \
    "$B/applications/$id/payments" | jq -r .payment_id)
  curl -sf -o /dev/null -X POST "$B/sandbox/payments/$payment/complete"
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $reviewer" "$B/staff/applications/$id/approve"
  echo "$id $token"
}

read -r app token < <(approved_application)

# A warm-up first: the service opens its database connections as the workers first need them.
wrk -t2 -c64 -d2s -H "Authorization: Bearer $token" "$B/applications/$app" >/dev/null
echo "== GET /api/v1/applications/{id}: wrk, 64 connections, ${seconds}s"
wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$B/applications/$app" | tee "$work/get.txt"
# Only the 200s: anything else (a 429 of a limit, a 5xx) is not a read and makes the figure void.
get_rps=$(awk -v s="$seconds" '/requests in/ {n=$1} /Non-2xx/ {f=$5} END {printf "%.0f", (n-f)/s}' "$work/get.txt")
if grep -q Non-2xx "$work/get.txt"; then
  echo "bench_server: some reads were not answered 200 (see above): the figure counts only the 200s" >&2
fi
get_p99=$(awk '$1=="99%" {print $2}' "$work/get.txt")

echo "== POST /api/v1/staff/applications/{id}/issuance without CSR: wrk, 8 connections, ${seconds}s"
openssl genpkey -algorithm SM2 -out "$work/transport.pem" 2>/dev/null
transport=$(openssl pkey -in "$work/transport.pem" -pubout -outform DER | base64 -w0)
apps=()
for _ in $(seq 1 16); do read -r id _ < <(approved_application); apps+=("\"$id\""); done
cat >"$work/issue.lua" <<LUA
local apps = { $(IFS=,; echo "${apps[*]}") }
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $counter"
wrk.body = '{"transport_public_key":"$transport","csr":null}'
request = function()
  counter = counter + 1
  return wrk.format(nil, "/api/v1/staff/applications/" .. apps[(counter % 16) + 1] .. "/issuance")
end
LUA
wrk -t2 -c8 -d"${seconds}s" --latency -s "$work/issue.lua" "$origin" | tee "$work/issue.txt"
# Only the 201s: a request that met another issuance of the same application in flight got 409.
issue_rps=$(awk -v s="$seconds" '/requests in/ {n=$1} /Non-2xx/ {f=$5} END {printf "%.1f", (n-f)/s}' "$work/issue.txt")

echo
echo "certdesk-server: GET /applications/{id}: ${get_rps} requests/s, p99 ${get_p99} (targets >= 5000/s, <= 20ms)"
echo "certdesk-server: issuance without CSR: ${issue_rps} issuances/s (target >= 150)"
