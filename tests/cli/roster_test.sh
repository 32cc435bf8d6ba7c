#!/usr/bin/env bash
# `wfm schedule --agents` end to end: a two-day staffing CSV, the sample shift rules and a small
# agents file -> roster.csv next to the schedule, checked here independently of the library (every
# row a shift of schedule.csv, each shift at most once, one shift per agent and day, days off,
# available windows, weekly hours and days per calendar week scaled for a partial week, rest,
# consecutive days); the JSON's roster object; with tours, each tour on one agent or reported;
# --previous-roster's rest and days in a row; bad input exits 2 and writes nothing.
# Usage: bash roster_test.sh <path-to-wfm> <source-dir>
source "$(dirname "$0")/cli_test_lib.sh"

# Monday and Tuesday, 08:00-20:00: a ramp to 12 agents at midday, 4 in the evening.
ramp_staffing "$tmp/staffing.csv"
{
  echo "agent,min_hours,max_hours,max_days,unavailable,available_from,available_to,preferred_start"
  for i in $(seq 1 12); do echo "F$i,8,40,5,$([[ $((i % 4)) == 0 ]] && echo tue),,,0$((8 + i % 2)):00"; done
  for i in $(seq 1 8); do echo "P$i,4,8,2,,$([[ $((i % 2)) == 0 ]] && echo 12:00 || echo 08:00),$([[ $((i % 2)) == 0 ]] && echo 20:00 || echo 14:00),"; done
  echo "LATE,0,40,5,mon,16:00,24:00,"
} >"$tmp/agents.csv"

mkdir -p "$tmp/run"
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/run/schedule.csv" --agents "$tmp/agents.csv" --time-limit 5s --roster-time-limit 10s \
  --html "$tmp/run/schedule.html"
[[ -f "$tmp/run/roster.csv" ]] || fail "no roster.csv next to --out: $(ls "$tmp/run")"
# schedule.html names each bar's agent: every agent of roster.csv appears in a tooltip.
for a in $(awk -F, 'NR > 1 { print $1 }' "$tmp/run/roster.csv" | sort -u); do
  grep -q "<g><title>$a: " "$tmp/run/schedule.html" || fail "schedule.html: no bar for $a"
done
grep -q '^roster: ' "$tmp/out" || fail "no roster line: $(cat "$tmp/out")"
head -1 "$tmp/run/roster.csv" | grep -qx 'agent,date,start,end,paid_hours,breaks,shift,template' ||
  fail "roster header: $(head -1 "$tmp/run/roster.csv")"
python3 - "$tmp/run/schedule.csv" "$tmp/run/roster.csv" "$tmp/agents.csv" >"$tmp/check" 2>&1 <<'PY' || fail "roster check: $(cat "$tmp/check")"
import csv, math, sys
from collections import defaultdict
from datetime import date, datetime, timedelta
sched = {(r["date"], r["shift"]): r for r in csv.DictReader(open(sys.argv[1]))}
first = min(date.fromisoformat(d) for d, _ in sched)
last = max(date.fromisoformat(d) for d, _ in sched)
# Open weekdays: those scheduled in a Monday-Sunday week wholly within first..last (all if none).
dated = {date.fromisoformat(d) for d, _ in sched}
open_days = {d.weekday() for d in dated
             if d - timedelta(d.weekday()) >= first and d - timedelta(d.weekday()) + timedelta(6) <= last}
open_days = open_days or set(range(7))
roster = list(csv.DictReader(open(sys.argv[2])))
agents = {r["agent"]: r for r in csv.DictReader(open(sys.argv[3]))}
days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
seen = set()
work = defaultdict(list)
for r in roster:
    key = (r["date"], r["shift"])
    s = sched[key]
    assert key not in seen, f"shift {key} given twice"
    seen.add(key)
    assert (s["start"], s["end"], s["template"]) == (r["start"], r["end"], r["template"]), (s, r)
    a = agents[r["agent"]]
    start = datetime.fromisoformat(r["start"]); end = datetime.fromisoformat(r["end"])
    assert days[start.weekday()] not in a["unavailable"].split(), f"{r['agent']} on a day off"
    if a["available_from"]:
        assert start.strftime("%H:%M") >= a["available_from"], r
    if a["available_to"] and a["available_to"] != "24:00":
        assert end.strftime("%H:%M") <= a["available_to"], r
    work[r["agent"]].append((start, end, float(r["paid_hours"])))
for ag, w in work.items():
    w.sort()
    dates = [s.date() for s, _, _ in w]
    assert len(dates) == len(set(dates)), f"{ag} works twice a day"
    weeks = defaultdict(list)
    for s, _, h in w:
        weeks[s.date().isocalendar()[:2]].append(h)
    for wk, hs in weeks.items():
        # A week partly in the schedule's period: the contract scaled by its open days in it.
        monday = date.fromisocalendar(wk[0], wk[1], 1)
        share = sum(first <= monday + timedelta(i) <= last for i in open_days) / len(open_days)
        # Days scaled and rounded up; hours by the same fraction as the days.
        contract_days = int(agents[ag]["max_days"] or 5)
        max_days = math.ceil(contract_days * share - 1e-9)
        max_hours = float(agents[ag]["max_hours"]) * max_days / contract_days if contract_days else 0
        assert sum(hs) <= max_hours + 1e-9, (ag, wk)
        assert len(hs) <= max_days, (ag, wk)
    run = 1
    for (s0, e0, _), (s1, _, _) in zip(w, w[1:]):
        assert s1 - e0 >= timedelta(hours=11), f"{ag} rests less than 11 h"
        run = run + 1 if (s1.date() - s0.date()).days == 1 else 1
        assert run <= 6, f"{ag} works more than 6 days in a row"
print(len(roster), "of", len(sched), "shifts rostered")
PY

# JSON: the roster object, an explicit --roster-out.
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/schedule2.csv" --agents "$tmp/agents.csv" --roster-out "$tmp/r2.csv" --time-limit 5s \
  --roster-time-limit 10s --json
python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))["roster"]
rows = sum(1 for _ in open(sys.argv[2])) - 1
shifts = sum(1 for _ in open(sys.argv[3])) - 1
assert j["assigned"] == rows and j["assigned"] + j["unassigned"] == shifts, (j, rows, shifts)
assert j["bound"] <= j["cost"] + 1e-6 and 0 <= j["gap"] <= 1, j
assert not (j["optimal"] and j["timed_out"]), j
assert j["status"] in ("optimal", "time limit reached", "not proven optimal"), j
assert isinstance(j["under_minimum"], list) and isinstance(j["unassigned_shifts"], list)
' "$tmp/out" "$tmp/r2.csv" "$tmp/schedule2.csv" || fail "json roster: $(head -c 600 "$tmp/out")"

# Tours (days_per_week = 5): each tour of schedule.csv goes whole to one agent, or is listed in
# the JSON's roster.tours_not_whole with its counts.
cat >"$tmp/tours.toml" <<'TOML'
[schedule]
interval = "15m"

[tours]
days_per_week = 5

[[shift]]
name = "day"
start_earliest = "08:00"
start_latest = "12:00"
start_step = "1h"
paid_length = "8h"
cost_per_paid_hour = 20
TOML
mkdir -p "$tmp/tours"
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$tmp/tours.toml" \
  --out "$tmp/tours/schedule.csv" --agents "$tmp/agents.csv" --time-limit 10s --roster-time-limit 10s --json
python3 - "$tmp/tours/schedule.csv" "$tmp/tours/roster.csv" "$tmp/out" >"$tmp/check" 2>&1 <<'PY' || fail "tours roster: $(cat "$tmp/check")"
import csv, json, sys
from collections import defaultdict
tour_of = {(r["date"], r["shift"]): r["tour"] for r in csv.DictReader(open(sys.argv[1]))}
assert tour_of and all(t for t in tour_of.values()), "schedule.csv without tours"
agents = defaultdict(list)
for r in csv.DictReader(open(sys.argv[2])):
    agents[tour_of[(r["date"], r["shift"])]].append(r["agent"])
size = defaultdict(int)
for t in tour_of.values():
    size[t] += 1
j = json.load(open(sys.argv[3]))["roster"]
split = {str(t["tour"]): t for t in j["tours_not_whole"]}
whole = 0
for t, n in size.items():
    a = agents.get(t, [])
    if len(a) == n and len(set(a)) == 1:
        whole += 1
        assert t not in split, f"tour {t} is whole but listed"
    else:
        assert t in split, f"tour {t} is split but not listed"
        assert split[t]["shifts"] == n and split[t]["assigned"] == len(a), (t, split[t], a)
assert j["tours"] == len(size) and j["tours_whole"] == whole, (j["tours"], j["tours_whole"], whole)
assert whole > 0, "no tour kept whole"
print(whole, "of", len(size), "tours whole")
PY

# --previous-roster: F1 worked Sunday until midnight (11 h rest: no Monday start before 11:00),
# F2 worked the 6 days before Monday (6 in a row at most: off on Monday). Agents not in the
# agents file are ignored.
{
  echo "agent,date,start,end,paid_hours,breaks,shift,template"
  echo "F1,2024-03-03,2024-03-03T16:00,2024-03-04T00:00,8,,1,full-8h"
  for d in 26 27 28 29; do echo "F2,2024-02-$d,2024-02-${d}T08:00,2024-02-${d}T16:00,8,,1,full-8h"; done
  for d in 01 02 03; do echo "F2,2024-03-$d,2024-03-${d}T08:00,2024-03-${d}T16:00,8,,1,full-8h"; done
  echo "GONE,2024-03-03,2024-03-03T08:00,2024-03-03T16:00,8,,1,full-8h"
} >"$tmp/previous.csv"
mkdir -p "$tmp/prev"
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/prev/schedule.csv" --agents "$tmp/agents.csv" --previous-roster "$tmp/previous.csv" \
  --time-limit 5s --roster-time-limit 10s
awk -F, '$1 == "F1" && $2 == "2024-03-04" && substr($3, 12) < "11:00" { bad = 1 } END { exit bad }' \
  "$tmp/prev/roster.csv" || fail "F1 starts before 11:00 on Monday: $(grep '^F1,' "$tmp/prev/roster.csv")"
grep -q '^F2,2024-03-04,' "$tmp/prev/roster.csv" && fail "F2 works a 7th day in a row: $(grep '^F2,' "$tmp/prev/roster.csv")"

# Bad input: exit 2, nothing written.
mkdir -p "$tmp/bad"
printf 'agent,min_hours,max_hours\nA1,10,40\nA1,0,20\n' >"$tmp/dup.csv"
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/bad/schedule.csv" --agents "$tmp/dup.csv"
grep -q "dup.csv:3: column 'agent': agent 'A1' is listed twice" "$tmp/err" || fail "duplicate agent: $(cat "$tmp/err")"
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/bad/schedule.csv" --roster-out "$tmp/bad/r.csv"
grep -q -- "--roster-out" "$tmp/err" || fail "roster-out without agents: $(cat "$tmp/err")"
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/bad/schedule.csv" --agents "$tmp/agents.csv" --roster-out "$tmp/agents.csv"
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$src/data/sample/shifts.toml" \
  --out "$tmp/bad/schedule.csv" --previous-roster "$tmp/previous.csv"
grep -q -- "--previous-roster: a previous roster is for rostering" "$tmp/err" || fail "previous roster without agents: $(cat "$tmp/err")"
[[ -z $(ls -A "$tmp/bad") ]] || fail "output written on bad input: $(ls -A "$tmp/bad")"

finish "roster CLI: ok"
