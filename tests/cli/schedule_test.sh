#!/usr/bin/env bash
# `wfm schedule` end to end: a two-day staffing CSV and the sample shift rules -> schedule.csv and
# coverage.csv; the coverage recounted from schedule.csv; bad input exits 2 and writes nothing.
# Usage: bash schedule_test.sh <path-to-wfm> <source-dir>
source "$(dirname "$0")/cli_test_lib.sh"

# Two weekdays, 08:00-20:00: a ramp to 12 agents at midday, 4 in the evening.
ramp_staffing "$tmp/staffing.csv"

expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/schedule.csv" --coverage-out "$tmp/coverage.csv" --html "$tmp/schedule.html" --time-limit 5s
grep -q '^total: ' "$tmp/out" || fail "no total line: $(cat "$tmp/out")"
# schedule.html: one Gantt bar (a <g><title>) per shift of schedule.csv, each day's heading.
[[ $(grep -o '<g><title>' "$tmp/schedule.html" | wc -l) == $(($(wc -l <"$tmp/schedule.csv") - 1)) ]] ||
  fail "schedule.html bars: $(grep -o '<g><title>' "$tmp/schedule.html" | wc -l) for $(wc -l <"$tmp/schedule.csv") rows"
grep -q '2024-03-05: [0-9]* shifts' "$tmp/schedule.html" || fail "schedule.html: no day heading"
head -1 "$tmp/schedule.csv" | grep -qx 'date,shift,template,start,end,paid_hours,cost,breaks' ||
  fail "schedule header: $(head -1 "$tmp/schedule.csv")"
[[ $(wc -l <"$tmp/coverage.csv") == 193 ]] || fail "coverage rows: $(wc -l <"$tmp/coverage.csv")"
# Every interval covered (no shortage) and on_phone = on_shift - on_break.
awk -F, 'NR > 1 && ($7 != 0 || $5 != $3 - $4) { bad = 1 } END { exit bad }' "$tmp/coverage.csv" ||
  fail "coverage: shortage or inconsistent counts"
# Recount the on-shift agents of 2024-03-04T12:00 from schedule.csv.
want=$(awk -F, '$1 == "2024-03-04T12:00" { print $3 }' "$tmp/coverage.csv")
got=$(awk -F, 'NR > 1 && $4 <= "2024-03-04T12:00" && $5 > "2024-03-04T12:00"' "$tmp/schedule.csv" | wc -l)
[[ "$want" == "$got" ]] || fail "on shift at 12:00: coverage says $want, schedule has $got"

# The same requirements as a spreadsheet exports them (';', decimal commas, dd/mm/yyyy, its own
# column names) through the --requirements-* reader flags, or a mapping file: the same schedule.
awk -F, 'BEGIN { OFS = ";" } NR == 1 { print "Beginn", "Warteschlange", "Agenten"; next }
  { print substr($1, 9, 2) "/" substr($1, 6, 2) "/" substr($1, 1, 4) " " substr($1, 12, 5), $2, $3 ",0" }' \
  "$tmp/staffing.csv" >"$tmp/staffing_export.csv"
grep -q '^04/03/2024 12:00;support;12,0$' "$tmp/staffing_export.csv" || fail "export: $(sed -n 2p "$tmp/staffing_export.csv")"
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing_export.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/schedule_export.csv" --coverage-out "$tmp/coverage_export.csv" --time-limit 5s \
  --requirements-delimiter ';' --requirements-decimal-comma --requirements-time-format '%d/%m/%Y %H:%M' \
  --requirements-columns 'interval_start=Beginn,queue=Warteschlange,agents=Agenten'
cmp -s "$tmp/schedule.csv" "$tmp/schedule_export.csv" || fail "the exported requirements give another schedule"
cmp -s "$tmp/coverage.csv" "$tmp/coverage_export.csv" || fail "the exported requirements give another coverage"
printf '[format]\ndelimiter = ";"\ndecimal_comma = true\ntime_format = "%%d/%%m/%%Y %%H:%%M"\n[columns]\ninterval_start = "Beginn"\nqueue = "Warteschlange"\nagents = "Agenten"\n' >"$tmp/req.toml"
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing_export.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/schedule_mapped.csv" --time-limit 5s --requirements-mapping "$tmp/req.toml"
cmp -s "$tmp/schedule.csv" "$tmp/schedule_mapped.csv" || fail "--requirements-mapping gives another schedule"
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing_export.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/none.csv"
grep -q "staffing_export.csv:1: missing column 'interval_start'.*give --requirements-delimiter ';'" "$tmp/err" ||
  fail "export without options: $(cat "$tmp/err")"
# --timezone: a requirement in the hour Europe/Paris skips is exit 2 naming the file and line.
printf 'interval_start,queue,agents\n2024-03-31T01:45,support,2\n2024-03-31T02:00,support,2\n' >"$tmp/dst.csv"
expect_exit 2 "$wfm" schedule --requirements "$tmp/dst.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/none.csv" --timezone Europe/Paris
grep -q "dst.csv:3: column 'interval_start': 2024-03-31T02:00 does not exist in Europe/Paris" "$tmp/err" ||
  fail "schedule --timezone: $(cat "$tmp/err")"
[[ -e "$tmp/none.csv" ]] && fail "output written on bad input"

expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/schedule2.csv" --time-limit 5s --json
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert len(j["days"]) == 2; assert j["total"]["under_hours"] == 0; assert 0 <= j["total"]["gap"] < 0.05, j["total"]["gap"]' "$tmp/out" ||
  fail "json: $(head -c 400 "$tmp/out")"

# Simulating the schedule against the calls: coverage gains calls, erlang_sl, simulated_sl(_hw).
{
  echo "interval_start,queue,offered,aht_s"
  awk -F, 'NR > 1 { printf "%s,%s,%d,300\n", $1, $2, $3 * 2 }' "$tmp/staffing.csv"
} >"$tmp/demand.csv"
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/schedule3.csv" --coverage-out "$tmp/coverage3.csv" --time-limit 5s \
  --demand "$tmp/demand.csv" --replications 5 --seed 3
head -1 "$tmp/coverage3.csv" | grep -q ',calls,erlang_sl,simulated_sl,simulated_sl_hw$' ||
  fail "coverage with simulation: $(head -1 "$tmp/coverage3.csv")"
grep -q '^2024-03-04T12:00,12,[0-9]*,[0-9]*,[0-9]*,[0-9.]*,0,24,0\.[0-9]*,[0-9.]*,[0-9.]*$' "$tmp/coverage3.csv" ||
  fail "simulated row: $(grep 2024-03-04T12:00 "$tmp/coverage3.csv")"
grep -q 'sim_sl' "$tmp/out" || fail "no simulated SL column: $(cat "$tmp/out")"
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/none.csv" --queue '*' --demand "$tmp/demand.csv"
# Re-solving from the simulated service: each round reported (the cost need not rise strictly:
# the two phases are a heuristic for the whole problem, so only the shape is checked here).
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/schedule4.csv" --time-limit 5s --demand "$tmp/demand.csv" --replications 5 \
  --sl-target 90% --rounds 2 --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["rounds"]; assert 1 <= len(r) <= 3; assert all(0 <= x["simulated_sl"] <= 1 and x["paid_hours"] > 0 for x in r), r' "$tmp/out" ||
  fail "rounds: $(head -c 600 "$tmp/out")"
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/none.csv" --rounds 2

# Bad rules: exit 2 naming file:line and key, no output written.
sed 's/^max_count = 40/max_count = -1/' "$src/data/sample/shifts.toml" >"$tmp/bad.toml"
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$tmp/bad.toml" --out "$tmp/none.csv"
grep -q "bad.toml:[0-9]*: shift.max_count: " "$tmp/err" || fail "bad rules: $(cat "$tmp/err")"
[[ -e "$tmp/none.csv" ]] && fail "output written on bad input"
# Requirements on 30-minute intervals against 15-minute rules.
printf 'interval_start,agents\n2024-03-04T08:00,3\n2024-03-04T08:30,3\n' >"$tmp/half.csv"
expect_exit 2 "$wfm" schedule --requirements "$tmp/half.csv" --rules "$src/data/sample/shifts.toml" --out "$tmp/none.csv"
grep -q "intervals are 1800 s long" "$tmp/err" || fail "30-minute plan: $(cat "$tmp/err")"
# An output that is an input.
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" --out "$tmp/staffing.csv"

# A day that is not worth covering fully: 30 agents at 19:45; a penalty of 100 per agent-interval
# is less than a full-time shift (160) and part-time shifts (88) are capped at 2. The schedule is
# written with 2 part-timers and the shortage, a warning, exit 0.
sed -e 's/^max_count = 40/max_count = 2/' -e 's/^under_coverage_penalty = 200/under_coverage_penalty = 100/' \
  "$src/data/sample/shifts.toml" >"$tmp/capped.toml"
printf 'interval_start,agents\n2024-03-04T19:45,30\n' >"$tmp/late.csv"
expect_exit 0 "$wfm" schedule --requirements "$tmp/late.csv" --rules "$tmp/capped.toml" \
  --out "$tmp/late_schedule.csv" --coverage-out "$tmp/late_cov.csv" --time-limit 5s
grep -q "agent-hours short" "$tmp/err" || fail "no shortage warning: $(cat "$tmp/err")"
[[ $(($(wc -l <"$tmp/late_schedule.csv") - 1)) == 2 ]] || fail "capped schedule: $(cat "$tmp/late_schedule.csv")"
grep -q "^2024-03-04T19:45,30,2,0,2,0,28$" "$tmp/late_cov.csv" || fail "late coverage: $(grep 19:45 "$tmp/late_cov.csv")"

# `wfm plan` with a [schedule] (scenarios/schedule.toml): schedule.csv and coverage.csv next to
# the plan, summary.json's "schedule", the report's coverage chart; the schedule covers the plan's
# whole requirement for the support queue (recounted from staffing.csv and coverage.csv); the
# sample week has 6 open days (Sunday closed).
expect_exit 0 "$wfm" plan "$src/scenarios/schedule.toml" --out "$tmp/plan"
for f in forecast.csv staffing.csv schedule.csv coverage.csv summary.json report.html; do
  [[ -s "$tmp/plan/$f" ]] || fail "plan with [schedule]: no $f"
done
grep -q "service level of the schedule (simulated)" "$tmp/out" || fail "plan table: $(cat "$tmp/out")"
python3 - "$tmp/plan" <<'PY' || fail "plan schedule outputs disagree"
import csv, json, math, sys
d = sys.argv[1]
s = json.load(open(f"{d}/summary.json"))["schedule"]
assert s["queue"] == "support", s["queue"]
assert len(s["days"]) == 6 and s["total"]["shifts"] > 0, s["total"]
assert 0 <= s["total"]["gap"] < 0.05, s["total"]["gap"]
want = {r["interval_start"]: math.ceil(float(r["agents"]) - 1e-9)
        for r in csv.DictReader(open(f"{d}/staffing.csv")) if r["queue"] == "support"}
cov = {r["interval_start"]: r for r in csv.DictReader(open(f"{d}/coverage.csv"))}
for t, a in want.items():
    assert int(cov[t]["required"]) == a, (t, a, cov[t])
shifts = sum(1 for _ in csv.DictReader(open(f"{d}/schedule.csv")))
assert shifts == s["total"]["shifts"], (shifts, s["total"])
html = open(f"{d}/report.html").read()
assert 'id="schedule"' in html and "On the phones" in html
PY

finish "schedule CLI: ok"
