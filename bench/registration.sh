#!/usr/bin/env bash
# Benchmark of `saylau registration check` on a national-scale synthetic register, checked
# against the same verification written as one DuckDB query. See bench/README.md.
#
# Sizes: PEOPLE (register, default 16,000,000), MEMBERS (member list, 610,000, 5% defective),
# OTHERS (other parties' members, 1,000,000). Data is generated once under BENCH_DIR
# (default /var/tmp/saylau-bench) and reused; FORCE=1 regenerates it.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PEOPLE=${PEOPLE:-16000000}
MEMBERS=${MEMBERS:-610000}
OTHERS=${OTHERS:-1000000}
BENCH_DIR=${BENCH_DIR:-/var/tmp/saylau-bench}
DATE=2009-07-15
COMMITTEE=2009-03-02
SAYLAU=${CARGO_TARGET_DIR:-$ROOT/target}/release/saylau

echo "== build"
cargo build --release -p saylau

if [ ! -x /usr/bin/time ]; then
    echo "== installing GNU time"
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

mkdir -p "$BENCH_DIR"
REGISTER=$BENCH_DIR/register-$PEOPLE-s1.csv
MEMBER_LIST=$BENCH_DIR/members-$MEMBERS-of-$PEOPLE-s2-d0.05.csv
OTHER_LIST=$BENCH_DIR/others-$OTHERS-of-$PEOPLE-s3.csv

# Runs "$@" (a generator writing CSV to stdout) into $1 unless it exists, timing it.
generate() {
    local target=$1
    shift
    if [ -s "$target" ] && [ "${FORCE:-0}" != 1 ]; then
        echo "   cached: $target"
        return
    fi
    local start end
    start=$(date +%s.%N)
    "$@" >"$target.tmp"
    end=$(date +%s.%N)
    mv "$target.tmp" "$target"
    awk -v n="$(basename "$target")" -v s="$start" -v e="$end" -v b="$(stat -c %s "$target")" \
        'BEGIN { printf "   %s: %.1f s, %d bytes\n", n, e - s, b }'
}

echo "== synthetic data in $BENCH_DIR"
generate "$REGISTER" "$SAYLAU" synth register --people "$PEOPLE" --seed 1
generate "$MEMBER_LIST" "$SAYLAU" synth members --register "$REGISTER" --members "$MEMBERS" \
    --seed 2 --defects 0.05
generate "$OTHER_LIST" "$SAYLAU" synth members --register "$REGISTER" --members "$OTHERS" \
    --seed 3 --party other

# Prints wall time and peak RSS from a /usr/bin/time -v report.
report() {
    grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$1" | sed 's/^[[:space:]]*/   /'
}

SAYLAU_JSON=$BENCH_DIR/saylau.json
DUCKDB_JSON=$BENCH_DIR/duckdb.json
rm -f "$SAYLAU_JSON" "$DUCKDB_JSON"

echo "== saylau registration check"
set +e
/usr/bin/time -v -o "$BENCH_DIR/saylau.time" "$SAYLAU" registration check --date "$DATE" \
    --members "$MEMBER_LIST" --register "$REGISTER" --other-members "$OTHER_LIST" \
    --founders 1000 --committee-registered "$COMMITTEE" --format json >"$SAYLAU_JSON"
rc=$?
set -e
echo "   exit code $rc"
report "$BENCH_DIR/saylau.time"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("   decision:", d.get("decision"), " valid_members:", d.get("valid_members"))' "$SAYLAU_JSON" || true

echo "== DuckDB"
if ! python3 -c 'import duckdb' 2>/dev/null; then
    pip install duckdb
fi
/usr/bin/time -v -o "$BENCH_DIR/duckdb.time" python3 "$ROOT/bench/registration_duckdb.py" \
    --members "$MEMBER_LIST" --register "$REGISTER" --other-members "$OTHER_LIST" \
    --date "$DATE" --committee-registered "$COMMITTEE" --out "$DUCKDB_JSON" >/dev/null
report "$BENCH_DIR/duckdb.time"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("   valid_members:", d["valid_members"]); print("   rejected:", d["rejected"])' "$DUCKDB_JSON"

echo "== comparison"
if [ -s "$SAYLAU_JSON" ]; then
    python3 - "$SAYLAU_JSON" "$DUCKDB_JSON" <<'PY'
import json, sys
saylau, duck = (json.load(open(p)) for p in sys.argv[1:3])
diffs = []
if saylau.get("valid_members") != duck["valid_members"]:
    diffs.append(f"valid_members: saylau {saylau.get('valid_members')}, duckdb {duck['valid_members']}")
for part in ("by_unit", "rejected"):
    s, d = saylau.get(part) or {}, duck[part]
    for key in sorted(set(s) | set(d)):
        if s.get(key, 0) != d.get(key, 0):
            diffs.append(f"{part}.{key}: saylau {s.get(key, 0)}, duckdb {d.get(key, 0)}")
if diffs:
    print("   DISAGREE:")
    for line in diffs:
        print("    ", line)
    sys.exit(1)
print("   saylau and DuckDB agree on valid_members, by_unit and rejected")
PY
else
    echo "   nothing to compare (no saylau result)"
fi
