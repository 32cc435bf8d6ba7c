#!/usr/bin/env bash
# `wfm schedule` with weekly tours and a weekly paid-hours band ([tours] min/max_weekly_hours):
# every tour of schedule.csv, its paid_hours summed over its rows, lies within the band, and the
# template outside it makes no tour; a band no template meets exits 2 naming file, line and key.
# Night tours (overnight = true with [tours]) over two weeks of a 24-hour queue: checked from the
# files alone (tours of 5 days in one week with their days off in one block, night shifts ending
# 06:30 the next day, coverage recounted on real times with breaks after midnight, the second
# Monday's morning covered by the first week's Sunday nights, roster rest from real ends and each
# agent's week within 40 h and 5 days, a night counted in the week it starts; agents with
# Saturday off never get a Friday night running into Saturday).
# A headcount (max_agents) below the free week's part-time tours holds in schedule.csv; without
# [tours] the key exits 2.
# Usage: bash schedule_tours_test.sh <path-to-wfm> <source-dir>
source "$(dirname "$0")/cli_test_lib.sh"

ramp_staffing "$tmp/staffing.csv"
rules() {
  cat <<TOML
[schedule]
interval = "15m"

[tours]
days_per_week = 5
$1

[[shift]]
name = "day"
start_earliest = "08:00"
start_latest = "12:00"
start_step = "1h"
paid_length = "8h"
cost_per_paid_hour = 20

[[shift]]
name = "part"
start_earliest = "08:00"
start_latest = "16:00"
start_step = "1h"
paid_length = "4h"
cost_per_paid_hour = 15
TOML
}

# check_band SCHEDULE MIN MAX: every tour's paid hours within [MIN, MAX]; prints the templates used.
check_band() {
  python3 - "$@" <<'PY'
import csv, sys
from collections import defaultdict
lo, hi = float(sys.argv[2]), float(sys.argv[3])
hours, templates = defaultdict(float), set()
for r in csv.DictReader(open(sys.argv[1])):
    hours[r["tour"]] += float(r["paid_hours"])
    templates.add(r["template"])
assert hours, "no tours"
bad = {t: h for t, h in hours.items() if not lo - 1e-9 <= h <= hi + 1e-9}
assert not bad, f"tours outside {lo}-{hi} h: {bad}"
print(" ".join(sorted(templates)))
PY
}

# Without a band the cheaper part-time tours (20 h) appear; with 30 to 40 h only full ones (40 h).
rules "" >"$tmp/free.toml"
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$tmp/free.toml" \
  --out "$tmp/free.csv" --time-limit 10s
used=$(check_band "$tmp/free.csv" 0 168) || fail "free week: $used"
[[ $used == *part* ]] || fail "without a band, no part-time tour: $used"
rules $'min_weekly_hours = 30\nmax_weekly_hours = 40' >"$tmp/band.toml"
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$tmp/band.toml" \
  --out "$tmp/band.csv" --time-limit 10s
used=$(check_band "$tmp/band.csv" 30 40) || fail "banded week: $used"
[[ $used == day ]] || fail "with 30 to 40 h, templates used: $used"
rules $'max_weekly_hours = 25' >"$tmp/part.toml"
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$tmp/part.toml" \
  --out "$tmp/part.csv" --time-limit 10s
used=$(check_band "$tmp/part.csv" 0 25) || fail "part-time week: $used"
[[ $used == part ]] || fail "with at most 25 h, templates used: $used"

# A band no template meets: exit 2 at the key, nothing written.
rules $'min_weekly_hours = 25\nmax_weekly_hours = 35' >"$tmp/none.toml"
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$tmp/none.toml" \
  --out "$tmp/none.csv"
grep -q "none.toml:6: tours.min_weekly_hours: no template makes tours within the weekly band (25 to 35 h): 'day' 40 h, 'part' 20 h a week" "$tmp/err" ||
  fail "band no template meets: $(cat "$tmp/err")"
[[ -e "$tmp/none.csv" ]] && fail "output written on bad input"

# Night tours: two weeks from Monday 2024-03-04, 2 agents from 22:00 to 06:30 and 1 by day.
{
  echo "interval_start,queue,agents"
  for d in $(seq 4 17); do
    for h in $(seq 0 23); do
      for m in 00 15 30 45; do
        if ((h >= 22 || h < 6 || (h == 6 && m < 30))); then a=2; else a=1; fi
        printf '2024-03-%02dT%02d:%s,support,%d\n' "$d" "$h" "$m" "$a"
      done
    done
  done
} >"$tmp/nights.csv"
cat >"$tmp/nights.toml" <<'TOML'
[schedule]
interval = "15m"

[roster]
min_rest = "11h"

[tours]
days_per_week = 5

[[shift]]
name = "day"
start_earliest = "00:00"
start_latest = "14:00"
start_step = "30m"
paid_length = "8h"
cost_per_paid_hour = 20

[[shift]]
name = "night"
start_earliest = "22:00"
paid_length = "8h"
cost_per_paid_hour = 22
overnight = true

[[shift.break]]
name = "meal"
duration = "30m"
window_start = "3h"
window_end = "4h"
paid = false
TOML
{
  echo "agent,min_hours,max_hours,max_days,unavailable,available_from,available_to,preferred_start"
  for i in $(seq 1 30); do echo "A$i,0,40,5,$( ((i <= 10)) && echo sat),,,"; done
} >"$tmp/nagents.csv"
grep -q '^A10,0,40,5,sat,,,$' "$tmp/nagents.csv" || fail "nagents.csv: no Saturday off"
mkdir -p "$tmp/night"
expect_exit 0 "$wfm" schedule --requirements "$tmp/nights.csv" --rules "$tmp/nights.toml" \
  --out "$tmp/night/schedule.csv" --coverage-out "$tmp/night/coverage.csv" \
  --agents "$tmp/nagents.csv" --time-limit 10s --roster-time-limit 10s
python3 - "$tmp/night/schedule.csv" "$tmp/night/coverage.csv" "$tmp/night/roster.csv" >"$tmp/check" 2>&1 <<'PY' || fail "night tours: $(cat "$tmp/check")"
import csv, sys
from collections import defaultdict
from datetime import date, datetime, timedelta
shifts, tours = [], defaultdict(list)
for r in csv.DictReader(open(sys.argv[1])):
    start, end = datetime.fromisoformat(r["start"]), datetime.fromisoformat(r["end"])
    assert start.date() == date.fromisoformat(r["date"]), r
    brk = []
    for part in filter(None, r["breaks"].split("; ")):
        a, b = part.split(" ")[1].split("-")
        bs = datetime.combine(start.date(), datetime.strptime(a, "%H:%M").time())
        if bs < start:
            bs += timedelta(days=1)  # after midnight
        brk.append((bs, bs + timedelta(minutes=30)))
    if r["template"] == "night":
        assert (start.hour, start.minute) == (22, 0) and end == start + timedelta(hours=8, minutes=30), r
    shifts.append((start, end, brk))
    tours[r["tour"]].append((start.date(), r["template"], start.time()))
nights = [s for s in shifts if s[1].date() > s[0].date()]
assert nights, "no night shift"
assert any(b[0].date() > s.date() for s, _, br in nights for b in br), "no meal after midnight"
for t, rows in tours.items():
    days = sorted(d for d, _, _ in rows)
    assert len(days) == 5 and len(set(days)) == 5, (t, days)
    monday = days[0] - timedelta(days=days[0].weekday())
    assert all(monday <= d < monday + timedelta(days=7) for d in days), (t, days)
    assert len({tp for _, tp, _ in rows}) == 1 and len({st for _, _, st in rows}) == 1, (t, rows)
    works = [monday + timedelta(days=i) in days for i in range(7)]
    assert sum(not works[i] and works[i - 1] for i in range(7)) == 1, f"days off not one block: {t} {days}"
cov = list(csv.DictReader(open(sys.argv[2])))
assert len(cov) >= 14 * 96, len(cov)
for c in cov:
    t = datetime.fromisoformat(c["interval_start"])
    on_shift = sum(s <= t < e for s, e, _ in shifts)
    on_break = sum(bs <= t < be for _, _, br in shifts for bs, be in br)
    assert (int(c["on_shift"]), int(c["on_break"])) == (on_shift, on_break), (c, on_shift, on_break)
# The second Monday's early hours: covered, and by the first week's Sunday nights.
sunday = [s for s in nights if s[0].date() == date(2024, 3, 10)]
assert sunday, "no night shift on the first Sunday"
for c in cov:
    t = datetime.fromisoformat(c["interval_start"])
    if t.date() == date(2024, 3, 11) and t.hour < 6:
        assert float(c["under"]) == 0, f"the second Monday's morning is short: {c}"
work, week = defaultdict(list), defaultdict(lambda: [0.0, 0])
for r in csv.DictReader(open(sys.argv[3])):
    s, e = datetime.fromisoformat(r["start"]), datetime.fromisoformat(r["end"])
    work[r["agent"]].append((s, e))
    # A1-A10 have Saturday off: no shift on Saturday, nor a Friday night running into it.
    if int(r["agent"][1:]) <= 10:
        assert s.weekday() != 5 and not (e.weekday() == 5 and e.time() > datetime.min.time()), \
            f"{r['agent']} (Saturday off) works {s} to {e}"
    # A night's hours count in the week of its start, Sunday's included.
    w = week[(r["agent"], s.date().isocalendar()[:2])]
    w[0] += float(r["paid_hours"])
    w[1] += 1
assert work, "empty roster"
assert any(s.weekday() == 4 for s, _, _ in nights), "no Friday night shift to refuse"
for ag, w in work.items():
    w.sort()
    for (s0, e0), (s1, _) in zip(w, w[1:]):
        assert s1 - e0 >= timedelta(hours=11), f"{ag} rests less than 11 h: {e0} to {s1}"
for key, (hours, n) in week.items():
    assert hours <= 40 + 1e-9 and n <= 5, f"{key}: {hours} h on {n} days"
print("ok")
PY
grep -q '^total: .*(the bounds of the weeks solved in sequence, not of the period)' "$tmp/out" ||
  fail "night tours total line: $(grep '^total' "$tmp/out")"
grep -q '^overnight: 2024-03-04 00:00-06:30: no night before it is scheduled' "$tmp/out" ||
  fail "night tours: no overnight line: $(cat "$tmp/out")"

# Headcount: max_agents on the part-time template, one below the free week's part-time tours:
# schedule.csv has at most that many part-time tours (distinct tour ids).
count_tours() {  # SCHEDULE TEMPLATE: the distinct tours of TEMPLATE
  python3 - "$1" "$2" <<'PY'
import csv, sys
print(len({r["tour"] for r in csv.DictReader(open(sys.argv[1])) if r["template"] == sys.argv[2]}))
PY
}
free_part=$(count_tours "$tmp/free.csv" part)
((free_part >= 1)) || fail "free week: $free_part part-time tours"
limit=$((free_part - 1))
rules "" | sed "/^name = \"part\"\$/a max_agents = $limit" >"$tmp/head.toml"
grep -q "^max_agents = $limit\$" "$tmp/head.toml" || fail "head.toml: no max_agents line"
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$tmp/head.toml" \
  --out "$tmp/head.csv" --time-limit 10s
head_part=$(count_tours "$tmp/head.csv" part)
((head_part <= limit)) || fail "max_agents = $limit: $head_part part-time tours"

# A headcount without [tours]: exit 2 at the key, nothing written.
rules "" | sed -e '/^\[tours\]$/d' -e '/^days_per_week/d' -e '/^name = "day"$/a max_agents = 3' \
  >"$tmp/daily.toml"
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$tmp/daily.toml" \
  --out "$tmp/daily.csv"
grep -q "daily.toml:[0-9]*: shift.max_agents: a headcount (tours of the template in a week) needs a \[tours\] table" "$tmp/err" ||
  fail "headcount without tours: $(cat "$tmp/err")"
[[ -e "$tmp/daily.csv" ]] && fail "output written on bad input"

finish "schedule tours: weekly paid hours, night tours and headcount ok"
