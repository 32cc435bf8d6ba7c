#!/usr/bin/env bash
# `wfm backlog` end to end on the bundled email sample: staffing (CSV, text and JSON summaries),
# the projection of its own output (identical file), a projection with too few agents and a
# --max-agents that cannot be met (warnings, exit 0), --simulate, staffing by simulation (--method
# sim), and bad input (exit 2, old file intact).
# Usage: bash backlog_test.sh <path-to-wfm> <source-dir>
source "$(dirname "$0")/cli_test_lib.sh"

sample=$src/data/sample/email.csv
common=(--demand "$sample" --target 90% --within 4h --open 08:00-18:00 --days mon-fri)

expect_exit 0 "$wfm" help backlog
grep -q -- '--within' "$tmp/out" || fail "help backlog does not mention --within"

expect_exit 0 "$wfm" backlog "${common[@]}" --out "$tmp/staff.csv"
[[ -s "$tmp/err" ]] && fail "backlog wrote to stderr: $(cat "$tmp/err")"
[[ $(wc -l <"$tmp/staff.csv") == 1345 ]] || fail "backlog CSV has $(wc -l <"$tmp/staff.csv") lines"
head -1 "$tmp/staff.csv" | grep -qx 'interval_start,queue,open,items,handle_s,agents,items_done,backlog_items,backlog_work_s,oldest_age_s,oldest_business_age_s,deadlines_met' ||
  fail "header: $(head -1 "$tmp/staff.csv")"
grep -q ',false$' "$tmp/staff.csv" && fail "the sample staffing misses deadlines"
grep -q '^backlog: ' "$tmp/out" || fail "summary: $(cat "$tmp/out")"
# Closed intervals (a Saturday, a weekday night) have no agents.
grep -q '^2024-03-09T10:00,orders,false,[^,]*,[^,]*,0,' "$tmp/staff.csv" || fail "Saturday staffed"
grep -q '^2024-03-05T20:00,orders,false,[^,]*,[^,]*,0,' "$tmp/staff.csv" || fail "night staffed"

expect_exit 0 "$wfm" backlog "${common[@]}" --out "$tmp/staff2.csv" --json
python3 - "$tmp/out" <<'PY' || fail "JSON summary: $(head -c 600 "$tmp/out")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["mode"] == "staff", j["mode"]
assert j["target"] == {"fraction": 0.9, "within_s": 14400, "deadline_intervals": 8}, j["target"]
assert j["hours"] == {"open": "08:00", "close": "18:00", "days": "mon,tue,wed,thu,fri"}, j["hours"]
assert [q["queue"] for q in j["queues"]] == ["orders", "returns"]
o = j["overall"]
assert o["feasible"] and o["infeasible_intervals"] == 0, o
assert o["fraction_within_target"] >= 0.9, o
assert o["agent_hours"] > 0 and o["items"] > 0, o
PY
cmp -s "$tmp/staff.csv" "$tmp/staff2.csv" || fail "--json changed the CSV"

# The projection of the staffing's own agents is the same file.
expect_exit 0 "$wfm" backlog "${common[@]}" --agents "$tmp/staff.csv" --out "$tmp/project.csv"
[[ -s "$tmp/err" ]] && fail "projection wrote to stderr: $(cat "$tmp/err")"
cmp -s "$tmp/staff.csv" "$tmp/project.csv" || fail "projecting the staffing changed the figures"

# Agents given for intervals that shorter hours close: they do nothing, and a note says so.
expect_exit 0 "$wfm" backlog --demand "$sample" --target 90% --within 4h --open 09:00-17:00 \
  --days mon-fri --agents "$tmp/staff.csv" --out "$tmp/shorter.csv"
grep -q 'note: 80 rows of .* give agents to closed intervals' "$tmp/err" || fail "closed: $(cat "$tmp/err")"

# One agent fewer in every staffed interval: deadlines missed, said on stderr, exit 0.
awk -F, -v OFS=, 'NR > 1 && $6 > 0 { $6 = $6 - 1 } { print }' "$tmp/staff.csv" >"$tmp/fewer.csv"
expect_exit 0 "$wfm" backlog "${common[@]}" --agents "$tmp/fewer.csv" --out "$tmp/fewer_out.csv"
grep -q 'wfm backlog: WARNING: .* the given agents miss' "$tmp/err" || fail "fewer: $(cat "$tmp/err")"
grep -q ',false$' "$tmp/fewer_out.csv" || fail "fewer agents meet every deadline"

# A cap that cannot be met: flagged, not an error.
expect_exit 0 "$wfm" backlog "${common[@]}" --max-agents 1 --out "$tmp/capped.csv"
grep -q 'WARNING: .* cannot be met within --max-agents' "$tmp/err" || fail "cap: $(cat "$tmp/err")"

# --simulate: the simulated columns next to the model's, the same for the same seed, the model's
# columns unchanged; JSON gains each queue's simulated totals.
expect_exit 0 "$wfm" backlog "${common[@]}" --simulate --replications 5 --seed 9 --out "$tmp/sim.csv"
head -1 "$tmp/sim.csv" | grep -q ',deadlines_met,in_target,sim_items,sim_items_done,sim_backlog_items,sim_in_target,sim_in_target_hw$' ||
  fail "simulated header: $(head -1 "$tmp/sim.csv")"
grep -q 'sim_in_target' "$tmp/out" && grep -q '5 replications (seed 9)' "$tmp/out" ||
  fail "simulated summary: $(cat "$tmp/out")"
cut -d, -f1-12 "$tmp/sim.csv" | cmp -s - "$tmp/staff.csv" || fail "--simulate changed the model's columns"
expect_exit 0 "$wfm" backlog "${common[@]}" --simulate --replications 5 --seed 9 --out "$tmp/sim2.csv"
cmp -s "$tmp/sim.csv" "$tmp/sim2.csv" || fail "the same seed gave another simulation"
expect_exit 0 "$wfm" backlog "${common[@]}" --simulate --replications 5 --seed 10 --out "$tmp/sim3.csv"
cmp -s "$tmp/sim.csv" "$tmp/sim3.csv" && fail "another seed gave the same simulation"
expect_exit 0 "$wfm" backlog "${common[@]}" --simulate --replications 4 --json --out "$tmp/sim4.csv"
python3 - "$tmp/out" <<'PY' || fail "simulated JSON: $(head -c 800 "$tmp/out")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["simulation"] == {"replications": 4, "seed": 1}, j["simulation"]
for q in j["queues"]:
    s = q["simulated"]
    assert s["replications"] == 4, s
    assert 0 <= s["fraction_within_target"] <= 1, s
    assert abs(s["items"] - q["items"]) < 0.1 * q["items"], (s["items"], q["items"])
    assert s["items_within_target"] <= s["items_due"] <= s["items"], s
assert 0 <= j["overall"]["simulated"]["fraction_within_target"] <= 1, j["overall"]
PY

# An opening backlog: 340 orders waiting 6 business hours (overdue for 4 h) and 45 returns of
# 1 h (due 3 business hours into Monday), reported apart from the arrivals; the arrivals' figures
# are those of the run without it, and clearing it costs agent-hours.
printf 'queue,items,age_s,aht_s\norders,340,21600,420\nreturns,45,3600,\n' >"$tmp/opening.csv"
expect_exit 0 "$wfm" backlog "${common[@]}" --opening-backlog "$tmp/opening.csv" --aht 300 --json \
  --out "$tmp/opening_out.csv"
cp "$tmp/out" "$tmp/opening.json"
python3 - "$tmp/opening.json" "$tmp/staff2.csv" "$tmp/opening_out.csv" <<'PY' || fail "opening backlog: $(head -c 900 "$tmp/opening.json")"
import csv, json, sys
j = json.load(open(sys.argv[1]))
q = {x["queue"]: x for x in j["queues"]}
assert q["orders"]["opening_items"] == 340 and q["orders"]["opening_overdue_items"] == 340, q["orders"]
assert q["orders"]["opening_within_target"] == 0, q["orders"]
assert q["returns"]["opening_items"] == 45 and q["returns"]["opening_overdue_items"] == 0, q["returns"]
assert q["returns"]["opening_due"] == 45, q["returns"]
assert q["returns"]["opening_fraction_within_target"] >= 0.9, q["returns"]
o = j["overall"]
assert o["opening_items"] == 385 and o["feasible"], o
assert o["opening_fraction_within_target"] == o["opening_within_target"] / 385, o
plain = list(csv.DictReader(open(sys.argv[2])))
rows = list(csv.DictReader(open(sys.argv[3])))
assert len(rows) == len(plain)
items = lambda rs, name: sum(float(r["items"]) for r in rs if r["queue"] == name)
assert items(rows, "orders") == items(plain, "orders")
agents = lambda rs: sum(float(r["agents"]) for r in rs)
assert agents(rows) > agents(plain), (agents(rows), agents(plain))
# Monday 00:00 (closed): the orders' backlog holds the 340 waiting items; the oldest is 6 h old
# in business time before anything opens.
first = [r for r in rows if r["queue"] == "orders"][0]
assert float(first["backlog_items"]) == 340 + float(first["items"]), first
assert float(first["oldest_business_age_s"]) == 21600, first
PY
expect_exit 0 "$wfm" backlog "${common[@]}" --opening-backlog "$tmp/opening.csv" --aht 300 \
  --out "$tmp/opening_out2.csv"
grep -q '^opening backlog: 385 items (340 already overdue)' "$tmp/out" || fail "opening summary: $(cat "$tmp/out")"
expect_exit 0 "$wfm" backlog "${common[@]}" --opening-backlog "$tmp/opening.csv" --aht 300 \
  --simulate --replications 3 --json --out "$tmp/opening_sim.csv"
python3 - "$tmp/out" <<'PY' || fail "simulated opening: $(head -c 900 "$tmp/out")"
import json, sys
j = json.load(open(sys.argv[1]))
for q in j["queues"]:
    s = q["simulated"]["opening"]
    assert s["items"] == q["opening_items"], (s, q["opening_items"])
    assert s["items_within_target"] <= s["items_due"] <= s["items"], s
assert j["queues"][0]["simulated"]["opening"]["items_within_target"] == 0  # all overdue
PY

# Closed dates: Wednesday 2024-03-06 closed, inline or from a file (the same output); no agents,
# no work, and more agent-hours on Thursday than without the holiday.
expect_exit 0 "$wfm" backlog "${common[@]}" --closed 2024-03-06 --out "$tmp/closed.csv"
grep -q '^2024-03-06T10:00,orders,true' "$tmp/closed.csv" && fail "the holiday is open"
grep -q '^2024-03-06T10:00,orders,false,[^,]*,[^,]*,0,' "$tmp/closed.csv" || fail "the holiday is staffed"
grep -q '^2024-03-06T[0-9:]*,[a-z]*,true' "$tmp/closed.csv" && fail "an interval of the holiday is open"
grep -q ', 1 closed dates$' "$tmp/out" || fail "closed summary: $(head -1 "$tmp/out")"
printf '# holidays\n2024-03-06\n\n2024-12-25\n' >"$tmp/closed.txt"
expect_exit 0 "$wfm" backlog "${common[@]}" --closed-file "$tmp/closed.txt" --out "$tmp/closed2.csv"
cmp -s "$tmp/closed.csv" "$tmp/closed2.csv" || fail "--closed-file and --closed differ"
python3 - "$tmp/staff.csv" "$tmp/closed.csv" <<'PY' || fail "holiday agents"
import csv, sys
day = lambda path, d: sum(float(r["agents"]) for r in csv.DictReader(open(path))
                          if r["interval_start"].startswith(d))
assert day(sys.argv[2], "2024-03-06") == 0
assert day(sys.argv[2], "2024-03-07") > day(sys.argv[1], "2024-03-07"), "Thursday carries Wednesday"
PY

# --method sim: the fluid staffing raised until every business day meets 90% in simulation; the
# model's columns, fluid_agents (never above agents) and the simulated columns; the same for the
# same seed; JSON with each queue's by_simulation (fluid vs simulation agent-hours, per day).
expect_exit 0 "$wfm" backlog "${common[@]}" --method sim --replications 10 --seed 3 --out "$tmp/bysim.csv"
head -1 "$tmp/bysim.csv" | grep -q ',deadlines_met,fluid_agents,in_target,sim_items,sim_items_done,sim_backlog_items,sim_in_target,sim_in_target_hw$' ||
  fail "--method sim header: $(head -1 "$tmp/bysim.csv")"
grep -q '^by simulation orders: fluid .* agent-hours .* -> .* agent-hours' "$tmp/out" ||
  fail "--method sim summary: $(cat "$tmp/out")"
awk -F, 'NR > 1 && $6 < $13 { bad = 1 } END { exit bad }' "$tmp/bysim.csv" ||
  fail "--method sim staffed below the fluid staffing"
awk -F, 'NR > 1 && $6 > $13 { more = 1 } END { exit !more }' "$tmp/bysim.csv" ||
  fail "--method sim added no agent"
expect_exit 0 "$wfm" backlog "${common[@]}" --method sim --replications 10 --seed 3 --out "$tmp/bysim2.csv" --json
cmp -s "$tmp/bysim.csv" "$tmp/bysim2.csv" || fail "--method sim: the same seed gave another staffing"
python3 - "$tmp/out" <<'PY' || fail "--method sim JSON: $(head -c 1200 "$tmp/out")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["mode"] == "staff-sim", j["mode"]
assert j["simulation"] == {"replications": 10, "seed": 3, "confidence": 0.5}, j["simulation"]
for q in j["queues"]:
    b = q["by_simulation"]
    assert b["met"] and b["days_missed"] == 0, b
    assert b["agent_hours"] == q["agent_hours"] > b["fluid_agent_hours"], b
    assert b["fluid_simulated_fraction_within_target"] < 0.9 <= b["fraction_within_target"], b
    assert abs(q["simulated"]["fraction_within_target"] - b["fraction_within_target"]) < 1e-9
    assert len(b["by_day"]) == b["days"] == 10, b["days"]
    assert all(d["met"] and d["compared"] >= 0.9 for d in b["by_day"]), b["by_day"]
o = j["overall"]["by_simulation"]
assert o["met"] and o["agent_hours"] > o["fluid_agent_hours"], o
PY
# A cap that makes the simulated target impossible: flagged on stderr, not an error.
expect_exit 0 "$wfm" backlog "${common[@]}" --method sim --replications 5 --max-agents 6 --out "$tmp/bysim_capped.csv"
grep -q 'WARNING: [0-9]* business days miss 90% in simulation' "$tmp/err" ||
  fail "--method sim cap: $(cat "$tmp/err")"

# --method sim with an opening backlog and a closed date: nine business days (Wednesday closed,
# no agents), each meeting 90% in simulation; the returns' 45 opening items (not overdue) meet
# 90% too, the orders' 340 are all overdue (no target of their own), all reported apart.
expect_exit 0 "$wfm" backlog "${common[@]}" --method sim --replications 6 --seed 3 \
  --opening-backlog "$tmp/opening.csv" --aht 300 --closed 2024-03-06 --json --out "$tmp/bysim_opening.csv"
python3 - "$tmp/out" "$tmp/bysim_opening.csv" <<'PY' || fail "--method sim with opening and closed: $(head -c 1500 "$tmp/out")"
import csv, json, sys
j = json.load(open(sys.argv[1]))
assert j["closed_dates"] == ["2024-03-06"], j["closed_dates"]
q = {x["queue"]: x for x in j["queues"]}
assert q["orders"]["opening_items"] == 340 and q["orders"]["opening_overdue_items"] == 340, q["orders"]
assert q["orders"]["by_simulation"]["opening_target_items"] == 0, q["orders"]["by_simulation"]
assert q["orders"]["simulated"]["opening"]["items"] == 340, q["orders"]["simulated"]
r = q["returns"]["by_simulation"]
assert r["opening_target_items"] == 45 and r["opening_met"], r
assert r["opening_compared"] >= 0.9 and r["opening_fraction_within_target"] >= 0.9, r
for x in q.values():
    b = x["by_simulation"]
    assert b["met"] and b["days"] == 9 and b["days_missed"] == 0, b
    assert all(d["date"] != "2024-03-06" and d["compared"] >= 0.9 for d in b["by_day"]), b["by_day"]
assert j["overall"]["opening_items"] == 385 and j["overall"]["by_simulation"]["met"], j["overall"]
rows = [r for r in csv.DictReader(open(sys.argv[2])) if r["interval_start"].startswith("2024-03-06")]
assert rows and all(r["open"] == "false" and float(r["agents"]) == 0 for r in rows)
PY

# Bad input: exit 2 naming file, line and column; the existing output is left as it was.
cp "$tmp/staff.csv" "$tmp/before.csv"
printf 'interval_start,queue,offered,aht_s\n2024-03-04T08:00,a,3,300\n2024-03-04T08:30,a,-3,300\n' >"$tmp/bad.csv"
expect_exit 2 "$wfm" backlog --demand "$tmp/bad.csv" --within 4h --out "$tmp/staff.csv"
grep -q "bad.csv:3: column 'offered': " "$tmp/err" || fail "bad input: $(cat "$tmp/err")"
cmp -s "$tmp/staff.csv" "$tmp/before.csv" || fail "a failed run changed the existing file"
expect_exit 2 "$wfm" backlog --demand "$sample" --out "$tmp/x.csv"
grep -q -- '--within: required' "$tmp/err" || fail "no --within: $(cat "$tmp/err")"

finish "backlog CLI: ok"
