#!/usr/bin/env bash
# The built wfm executable end to end: --version, help, an unknown command, `wfm erlang`, and the
# main staffing job on the bundled sample (exit codes, stdout/stderr, output files).
# Usage: bash erlang_staff_test.sh <path-to-wfm> <source-dir>
source "$(dirname "$0")/cli_test_lib.sh"

expect_exit 0 "$wfm" --version
grep -Eq '^wfm [0-9]+\.[0-9]+' "$tmp/out" || fail "--version printed: $(cat "$tmp/out")"

expect_exit 0 "$wfm" help staff
grep -q -- '--demand' "$tmp/out" || fail "help staff does not mention --demand"

expect_exit 2 "$wfm" bogus
grep -q '^wfm: error: ' "$tmp/err" || fail "wfm bogus: stderr: $(cat "$tmp/err")"

expect_exit 0 "$wfm" erlang --calls 100 --interval 30m --aht 180 --sl 0.8 --threshold 20
grep -Eq '^required agents +14$' "$tmp/out" || fail "erlang: $(cat "$tmp/out")"

# Blending: 30 Erlangs with 5-minute outbound jobs taken while 2 agents stay idle.
expect_exit 0 "$wfm" erlang --model blend --outbound-threshold 2 --outbound-aht 5m --calls 300 \
  --aht 180 --sl 0.8 --threshold 20
grep -Eq '^required agents +45$' "$tmp/out" && grep -Eq '^outbound per hour +172\.169 jobs$' "$tmp/out" ||
  fail "erlang --model blend: $(cat "$tmp/out")"
expect_exit 0 "$wfm" erlang --model blend --outbound-threshold 0 --calls 300 --aht 180 --agents 35 --json
grep -Eq '"outbound_per_hour": [0-9]' "$tmp/out" && grep -Eq '"total_occupancy": ' "$tmp/out" ||
  fail "erlang --model blend --json: $(cat "$tmp/out")"
expect_exit 2 "$wfm" erlang --model blend --calls 300 --aht 180 --sl 0.8
grep -q '^wfm: error: --outbound-threshold: ' "$tmp/err" || fail "blend without K: $(cat "$tmp/err")"

# Blending staffed by simulation: the inbound target and at least 20 outbound jobs an hour.
printf 'interval_start,queue,offered,aht_s\n2024-03-04T08:00,sales,20,180\n2024-03-04T08:30,sales,30,180\n' \
  >"$tmp/blend.csv"
expect_exit 0 "$wfm" staff --demand "$tmp/blend.csv" --model blend --outbound-threshold 1 \
  --outbound-aht 10m --min-outbound 20 --sl 0.8 --method sim --replications 20 --out "$tmp/blend_plan.csv"
python3 - "$tmp/blend_plan.csv" <<'PY' || fail "staff --model blend --method sim: $(cat "$tmp/blend_plan.csv")"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 2 and all(float(r["outbound_per_hour"]) >= 20 for r in rows), rows
assert all(r["analytic_agents"] != "" for r in rows), rows
PY

expect_exit 2 "$wfm" erlang --calls 100 --aht 180 --sl 1.2
grep -q '^wfm: error: --sl: ' "$tmp/err" || fail "erlang --sl 1.2: $(cat "$tmp/err")"

# The main job: a staffing plan for the bundled sample history.
expect_exit 0 "$wfm" staff --demand "$src/data/sample/history.csv" --sl 0.8 --threshold 20s \
  --shrinkage 0.3 --out "$tmp/plan.csv"
[[ -s "$tmp/err" ]] && fail "staff wrote to stderr: $(cat "$tmp/err")"
[[ $(wc -l <"$tmp/plan.csv") == 3121 ]] || fail "plan has $(wc -l <"$tmp/plan.csv") lines"
[[ -f "$tmp/plan_daily.csv" ]] || fail "no daily file"
grep -q '^plan: ' "$tmp/out" || fail "staff summary: $(cat "$tmp/out")"
if grep -q ',no$' "$tmp/plan.csv"; then fail "sample plan has infeasible intervals"; fi

# Bad input: exit 2, and the existing plan is left as it was.
cp "$tmp/plan.csv" "$tmp/before.csv"
printf 'interval_start,queue,offered,aht_s\n2024-03-04T08:00,a,-3,300\n' >"$tmp/bad.csv"
expect_exit 2 "$wfm" staff --demand "$tmp/bad.csv" --sl 0.8 --out "$tmp/plan.csv"
grep -q "bad.csv:2: column 'offered': " "$tmp/err" || fail "bad input: $(cat "$tmp/err")"
cmp -s "$tmp/plan.csv" "$tmp/before.csv" || fail "a failed run changed the existing plan"

finish "ok"
