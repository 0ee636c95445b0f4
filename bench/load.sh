#!/usr/bin/env bash
# Load test of `saylau serve` on loopback with wrk: the public state and results endpoints
# (served from snapshots), the main pages, and event submission on SQLite at full durability (WAL,
# synchronous=FULL: every acknowledged event is on disk). See bench/README.md.
#
# Targets (2 cores): reads at least 20,000 requests/s with p99 under 10 ms; writes at least
# 500 events/s with p99 under 250 ms. DURATION (default 10s) and CONNECTIONS (default 64 for
# reads, 16 for writes) can be changed.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
READ_CONNECTIONS=${CONNECTIONS:-64}
WRITE_CONNECTIONS=${WRITE_CONNECTIONS:-16}

if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
echo "== build"
cargo build -q --release -p saylau
SAYLAU=${CARGO_TARGET_DIR:-target}/release/saylau

dir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
db="sqlite://${dir}/journal.db"
echo 'load-test-password' | "$SAYLAU" user add loader --role admin --db "$db" >/dev/null
"$SAYLAU" serve --db "$db" --addr "127.0.0.1:${port}" 2>"${dir}/serve.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:${port}/api/health" >/dev/null 2>&1 && break
  sleep 0.1
done
base="http://127.0.0.1:${port}"

# Prints requests/s and the p50/p99 latencies from wrk's --latency report.
summary() {
  awk '/Requests\/sec/ { rps = $2 } /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
       /Non-2xx/ { bad = $NF } /not 201/ { bad = $NF }
       END { printf "   %s requests/s, p50 %s, p99 %s, failed %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}

for path in "/api/state?date=2008-03-01" "/api/elections/mazhilis-2007" \
  "/parliament?date=2008-03-01" "/parties" "/elections/mazhilis-2007?threshold=3&method=dhondt" \
  "/journal"; do
  echo "== GET ${path} (${READ_CONNECTIONS} connections, ${DURATION})"
  wrk -t2 -c"${READ_CONNECTIONS}" -d"${DURATION}" --latency "${base}${path}" | summary
done

token=$(curl -sf -X POST "${base}/api/login" -H 'content-type: application/json' \
  -d '{"name":"loader","password":"load-test-password"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
echo "== POST /api/events (${WRITE_CONNECTIONS} connections, ${DURATION}, SQLite synchronous=FULL)"
TOKEN=$token wrk -t2 -c"${WRITE_CONNECTIONS}" -d"${DURATION}" --latency -s bench/events.lua \
  "${base}/api/events" | summary
echo "== GET /journal with the journal grown by the writes (${READ_CONNECTIONS} connections, ${DURATION})"
wrk -t2 -c"${READ_CONNECTIONS}" -d"${DURATION}" --latency "${base}/journal?kind=bill_introduced" | summary
echo "== the journal afterwards"
"$SAYLAU" journal verify --db "$db" | sed 's/^/   /'
