#!/usr/bin/env bash
# --timezone and duplicate contact ids end to end (issue 12, items 4 and 5): a wait across the
# Europe/Paris spring change (01:59:50 CET to 03:00:10 CEST is 20 s, the wall clock says 3,620 s),
# duplicate contact ids warned about and in the JSON, --drop-duplicates, a demand file across the
# spring change staffed with the zone, and a scenario's timezone key.
# Usage: bash timezone_test.sh <path-to-wfm> <source-dir>
source "$(dirname "$0")/cli_test_lib.sh"

json_get() {  # json_get FILE EXPR: prints the Python expression EXPR of the JSON object j
  python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($2)" "$1"
}

cat >"$tmp/c.csv" <<'CSV'
contact_id,arrival,answer,end,outcome,talk_s
c1,2024-03-31T01:59:50,2024-03-31T03:00:10,,answered,60
CSV
expect_exit 0 "$wfm" kpi --contacts "$tmp/c.csv" --format json
asa=$(json_get "$tmp/out" "j['rows'][0]['asa_s']")
[[ $asa == 3620* ]] || fail "without a zone the wait is wall-clock (3620 s), got $asa"
expect_exit 0 "$wfm" kpi --contacts "$tmp/c.csv" --format json --timezone Europe/Paris
asa=$(json_get "$tmp/out" "j['rows'][0]['asa_s']")
[[ $asa == 20* ]] || fail "with Europe/Paris the wait is 20 s, got $asa"
# The same zone from the mapping file.
printf '[format]\ntimezone = "Europe/Paris"\n' >"$tmp/m.toml"
expect_exit 0 "$wfm" kpi --contacts "$tmp/c.csv" --mapping "$tmp/m.toml" --format json
asa=$(json_get "$tmp/out" "j['rows'][0]['asa_s']")
[[ $asa == 20* ]] || fail "format.timezone: the wait is 20 s, got $asa"
# aggregate: the interval history's wait uses the zone too (and says nothing about duplicates).
expect_exit 0 "$wfm" aggregate --contacts "$tmp/c.csv" --timezone Europe/Paris --out "$tmp/h.csv"
grep -q WARNING "$tmp/err" && fail "aggregate warned without duplicates: $(cat "$tmp/err")"

# Duplicate contact ids: one identical row, one conflict.
cat >"$tmp/d.csv" <<'CSV'
contact_id,arrival,answer,end,outcome,talk_s
c1,2024-03-04T08:00:00,2024-03-04T08:00:10,,answered,60
c2,2024-03-04T08:01:00,2024-03-04T08:01:20,,answered,60
c1,2024-03-04T08:00:00,2024-03-04T08:00:10,,answered,60
c2,2024-03-04T08:01:00,2024-03-04T08:01:20,,answered,90
CSV
expect_exit 0 "$wfm" kpi --contacts "$tmp/d.csv" --format json
grep -q "wfm kpi: WARNING: 2 contact rows repeat an earlier contact id (1 identical, 1 with other content)" "$tmp/err" ||
  fail "duplicate warning: $(cat "$tmp/err")"
grep -q 'line 5: contact id "c2" conflicts with line 3' "$tmp/err" || fail "conflict line: $(cat "$tmp/err")"
[[ $(json_get "$tmp/out" "j['rows'][0]['offered']") == 4* ]] || fail "kept: offered 4"
[[ $(json_get "$tmp/out" "j['rows_read']['duplicate_ids']['identical_rows']") == 1 ]] || fail "JSON identical_rows"
[[ $(json_get "$tmp/out" "j['rows_read']['duplicate_ids']['conflicting_rows']") == 1 ]] || fail "JSON conflicting_rows"
[[ $(json_get "$tmp/out" "j['rows_read']['duplicate_ids']['first'][0]['line']") == 4 ]] || fail "JSON first line"
expect_exit 0 "$wfm" kpi --contacts "$tmp/d.csv" --format json --drop-duplicates
[[ $(json_get "$tmp/out" "j['rows'][0]['offered']") == 2* ]] || fail "dropped: offered 2"
[[ $(json_get "$tmp/out" "j['rows_read']['duplicate_ids']['dropped']") == 2 ]] || fail "JSON dropped"
expect_exit 0 "$wfm" aggregate --contacts "$tmp/d.csv" --drop-duplicates --out "$tmp/h2.csv"
grep -q "wfm aggregate: WARNING: 2 contact rows" "$tmp/err" || fail "aggregate duplicate warning: $(cat "$tmp/err")"
grep -q "^2024-03-04T08:00,2," "$tmp/h2.csv" || fail "aggregate --drop-duplicates: $(cat "$tmp/h2.csv")"

# A 24-hour demand file across the spring change, without the skipped 02:00 row: staffed with
# the zone, and the skipped hour is not reported as a gap.
{
  echo "interval_start,offered,aht_s"
  for d in 30 31; do
    for h in $(seq -w 0 23); do
      [[ $d == 31 && $h == 02 ]] && continue
      echo "2024-03-${d}T${h}:00,10,300"
    done
  done
} >"$tmp/demand.csv"
expect_exit 0 "$wfm" staff --demand "$tmp/demand.csv" --sl 0.8 --threshold 20s --gaps error \
  --timezone Europe/Paris --out "$tmp/plan.csv"
expect_exit 2 "$wfm" staff --demand "$tmp/demand.csv" --sl 0.8 --threshold 20s --gaps error \
  --out "$tmp/plan2.csv"
grep -q "1 missing interval before this row (2024-03-31T02:00)" "$tmp/err" ||
  fail "without a zone the skipped hour is a gap: $(cat "$tmp/err")"

# A scenario's timezone key is accepted.
cp "$tmp/demand.csv" "$tmp/d2.csv"
printf 'name = "t"\ntimezone = "Europe/Paris"\n[demand]\nfile = "d2.csv"\n[targets]\nservice_level = 0.8\nthreshold = "20s"\n' >"$tmp/s.toml"
expect_exit 0 "$wfm" validate-scenario "$tmp/s.toml"
# ... and wfm plan reads the demand with it: a start in the skipped hour is an error.
sed 's/^2024-03-31T03:00/2024-03-31T02:00/' "$tmp/demand.csv" >"$tmp/d3.csv"
sed 's/d2.csv/d3.csv/' "$tmp/s.toml" >"$tmp/s3.toml"
expect_exit 2 "$wfm" plan "$tmp/s3.toml" --out "$tmp/plan_out"
grep -q "d3.csv:.*2024-03-31T02:00 does not exist in Europe/Paris" "$tmp/err" ||
  fail "plan with the scenario's timezone: $(cat "$tmp/err")"

finish "timezone tests passed"
