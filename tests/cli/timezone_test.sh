#!/usr/bin/env bash
# --timezone and duplicate contact ids end to end (issue 12, items 4 and 5): a wait across the
# Europe/Paris spring change (01:59:50 CET to 03:00:10 CEST is 20 s, the wall clock says 3,620 s),
# duplicate contact ids warned about and in the JSON, --drop-duplicates, a demand file across the
# spring change staffed with the zone, a scenario's timezone key, a forecast that leaves out the
# skipped hour (with a note), wfm backlog closing it, and kpi agent states in elapsed time.
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

# wfm forecast: four weeks around the clock up to Saturday 2024-03-30; forecasting Sunday with the
# zone leaves out 02:00 (it does not exist) and says so; without it 02:00 is forecast.
{
  echo "interval_start,offered"
  for d in $(seq 2 30); do
    for h in $(seq -w 0 23); do echo "2024-03-$(printf %02d "$d")T${h}:00,$((10 + 10#$h))"; done
  done
} >"$tmp/hist.csv"
expect_exit 0 "$wfm" forecast --history "$tmp/hist.csv" --method snaive --horizon 1d --out "$tmp/f0.csv"
grep -q '^2024-03-31T02:00,' "$tmp/f0.csv" || fail "without a zone 02:00 is forecast"
expect_exit 0 "$wfm" forecast --history "$tmp/hist.csv" --method snaive --horizon 1d --out "$tmp/f1.csv" \
  --timezone Europe/Paris
grep -q '^2024-03-31T02:00,' "$tmp/f1.csv" && fail "with the zone 2024-03-31T02:00 is forecast"
[[ $(($(wc -l <"$tmp/f1.csv") - 1)) == 23 ]] || fail "forecast rows with the zone: $(wc -l <"$tmp/f1.csv")"
grep -q "note: 2024-03-31T02:00 does not exist in Europe/Paris.*1 interval from 2024-03-31T02:00 to 2024-03-31T03:00 is not forecast" "$tmp/out" ||
  fail "forecast note: $(cat "$tmp/out")"
# ... and the forecast reads back with the zone.
expect_exit 0 "$wfm" staff --demand "$tmp/f1.csv" --aht 300 --sl 0.8 --threshold 20s --timezone Europe/Paris \
  --out "$tmp/fplan.csv"

# wfm backlog --timezone: items at a skipped time are exit 2 naming the row; around the clock, the
# skipped hour is closed (open 0, no agents).
printf 'interval_start,offered,aht_s\n2024-03-31T00:00,10,720\n2024-03-31T01:00,0,0\n2024-03-31T02:00,1,60\n2024-03-31T03:00,0,0\n2024-03-31T05:00,0,0\n' >"$tmp/items.csv"
expect_exit 2 "$wfm" backlog --demand "$tmp/items.csv" --within 3h --timezone Europe/Paris --out "$tmp/none.csv"
grep -q "items.csv:4: column 'interval_start': 2024-03-31T02:00 does not exist in Europe/Paris" "$tmp/err" ||
  fail "backlog --timezone: $(cat "$tmp/err")"
[[ -e "$tmp/none.csv" ]] && fail "backlog wrote output on bad input"
sed '4d' "$tmp/items.csv" >"$tmp/items2.csv"
expect_exit 0 "$wfm" backlog --demand "$tmp/items2.csv" --within 3h --out "$tmp/b0.csv"
grep -q '^2024-03-31T02:00,true,' "$tmp/b0.csv" || fail "without a zone 02:00 is open: $(cat "$tmp/b0.csv")"
expect_exit 0 "$wfm" backlog --demand "$tmp/items2.csv" --within 3h --timezone Europe/Paris --out "$tmp/b1.csv"
grep -q '^2024-03-31T02:00,false,0,0,0,' "$tmp/b1.csv" || fail "with the zone 02:00 is closed: $(cat "$tmp/b1.csv")"

# wfm kpi --states with the zone: a state row in the skipped hour is exit 2 naming the row.
printf 'agent,state,start,end\nann,available,2024-03-31T01:00,2024-03-31T02:30\n' >"$tmp/states.csv"
expect_exit 2 "$wfm" kpi --contacts "$tmp/c.csv" --states "$tmp/states.csv" --timezone Europe/Paris
grep -q "states.csv:2: column 'end': 2024-03-31T02:30 does not exist in Europe/Paris" "$tmp/err" ||
  fail "kpi --states --timezone: $(cat "$tmp/err")"
printf 'agent,state,start,end\nann,available,2024-03-31T01:00,2024-03-31T04:00\n' >"$tmp/states2.csv"
expect_exit 0 "$wfm" kpi --contacts "$tmp/c.csv" --states "$tmp/states2.csv" --timezone Europe/Paris --format json
[[ $(json_get "$tmp/out" "j['rows'][0]['logged_in_hours']") == 2* ]] || fail "kpi --states: 2 elapsed hours"

finish "timezone tests passed"
