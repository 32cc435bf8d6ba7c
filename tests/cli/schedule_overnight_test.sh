#!/usr/bin/env bash
# `wfm schedule` with an overnight template on a 24-hour queue: three days needing 3 agents from
# 22:00 to 06:00 and 1 by day. Checked here independently of the library: night shifts dated by
# their start and ending the next day; coverage.csv's on_shift and on_break recounted from
# schedule.csv on real times (breaks after midnight on the next day); the mornings after a night
# covered by it; the last night's hours past the plan's last day in coverage.csv (required
# empty) and on stdout, recounted; roster.csv's rest between an agent's shifts counted from the
# real ends.
# Usage: bash schedule_overnight_test.sh <path-to-wfm> <source-dir>
source "$(dirname "$0")/cli_test_lib.sh"

{
  echo "interval_start,queue,agents"
  for day in 2024-03-04 2024-03-05 2024-03-06; do
    for h in $(seq 0 23); do
      for m in 00 15 30 45; do
        if ((h < 6 || h >= 22)); then a=3; else a=1; fi
        printf '%sT%02d:%s,support,%d\n' "$day" "$h" "$m" "$a"
      done
    done
  done
} >"$tmp/staffing.csv"
cat >"$tmp/rules.toml" <<'TOML'
[schedule]
interval = "15m"

[roster]
min_rest = "11h"

[[shift]]
name = "day"
start_earliest = "00:00"
start_latest = "14:00"
start_step = "1h"
paid_length = "8h"
cost_per_paid_hour = 20

[[shift]]
name = "night"
start_earliest = "21:00"
start_latest = "23:00"
start_step = "1h"
paid_length = "8h"
cost_per_paid_hour = 22
overnight = true

[[shift.break]]
name = "break"
duration = "15m"
window_start = "3h"
window_end = "5h"
TOML
{
  echo "agent,min_hours,max_hours,max_days,unavailable,available_from,available_to,preferred_start"
  for i in $(seq 1 14); do echo "A$i,0,40,5,,,,"; done
} >"$tmp/agents.csv"

mkdir -p "$tmp/run"
expect_exit 0 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$tmp/rules.toml" \
  --out "$tmp/run/schedule.csv" --coverage-out "$tmp/run/coverage.csv" --agents "$tmp/agents.csv" \
  --html "$tmp/run/schedule.html" --time-limit 10s --roster-time-limit 10s
python3 - "$tmp/run/schedule.csv" "$tmp/run/coverage.csv" "$tmp/run/roster.csv" >"$tmp/check" 2>&1 <<'PY' || fail "overnight check: $(cat "$tmp/check")"
import csv, sys
from collections import defaultdict
from datetime import date, datetime, timedelta
sched = list(csv.DictReader(open(sys.argv[1])))
nights = defaultdict(int)
shifts = []  # (start, end, [(break start, break end)])
for r in sched:
    start, end = datetime.fromisoformat(r["start"]), datetime.fromisoformat(r["end"])
    assert start.date() == date.fromisoformat(r["date"]), r
    assert end - start == timedelta(hours=8), r
    if r["template"] == "night":
        nights[r["date"]] += 1
        assert end.date() == start.date() + timedelta(days=1), f"night shift not ending the next day: {r}"
    brk = []
    for part in filter(None, r["breaks"].split("; ")):
        a, b = part.split(" ")[1].split("-")
        bs = datetime.combine(start.date(), datetime.strptime(a, "%H:%M").time())
        if bs < start:
            bs += timedelta(days=1)  # after midnight
        brk.append((bs, bs + timedelta(minutes=15)))
        assert start + timedelta(hours=3) <= bs <= start + timedelta(hours=5), r
    shifts.append((start, end, brk))
assert sorted(nights) == ["2024-03-04", "2024-03-05", "2024-03-06"], dict(nights)
assert any(b[0].date() > s.date() for s, _, br in shifts for b in br), "no break after midnight"
cov = list(csv.DictReader(open(sys.argv[2])))
past = [c for c in cov if datetime.fromisoformat(c["interval_start"]).date() > date(2024, 3, 6)]
assert len(cov) - len(past) == 3 * 96, len(cov)
# Past the plan: the last nights run into 2024-03-07, its rows up to the last quarter on shift,
# with nothing known to be required there.
last_end = max(e for _, e, _ in shifts)
assert last_end.date() == date(2024, 3, 7), last_end
assert past and datetime.fromisoformat(past[-1]["interval_start"]) + timedelta(minutes=15) == last_end, past[-1:]
assert [c["interval_start"] for c in cov[3 * 96:]] == [c["interval_start"] for c in past]
for c in cov:
    t = datetime.fromisoformat(c["interval_start"])
    on_shift = sum(s <= t < e for s, e, _ in shifts)
    on_break = sum(bs <= t < be for _, _, br in shifts for bs, be in br)
    assert (int(c["on_shift"]), int(c["on_break"])) == (on_shift, on_break), (c, on_shift, on_break)
    if c in past:
        assert c["required"] == c["over"] == c["under"] == "", c
        continue
    if t.date() > date(2024, 3, 4) and t.hour < 6:
        assert float(c["under"]) == 0, f"the morning after a night is short: {c}"
work = defaultdict(list)
for r in csv.DictReader(open(sys.argv[3])):
    work[r["agent"]].append((datetime.fromisoformat(r["start"]), datetime.fromisoformat(r["end"])))
assert work, "empty roster"
for ag, w in work.items():
    w.sort()
    for (s0, e0), (s1, _) in zip(w, w[1:]):
        assert s1 - e0 >= timedelta(hours=11), f"{ag} rests less than 11 h: {e0} to {s1}"
print("ok")
print("%.2f agent-hours on shift (%.2f on the phones)" % (
    sum(int(c["on_shift"]) for c in past) / 4, sum(int(c["on_phone"]) for c in past) / 4))
PY
past_hours=$(sed -n 2p "$tmp/check")
grep -qF "past the plan: $past_hours on dates without requirements" "$tmp/out" ||
  fail "past the plan line: want '$past_hours', got $(grep 'past the plan' "$tmp/out")"
grep -q '+1' "$tmp/run/schedule.html" || fail "schedule.html: no end past midnight (+1)"
grep -q '^total: .*above the bound (the bounds of the days solved in sequence, not of the period)' "$tmp/out" ||
  fail "total line: $(grep '^total' "$tmp/out")"

# The same template without overnight = true: an error at the key, nothing written.
sed '/^overnight = true$/d' "$tmp/rules.toml" >"$tmp/day_only.toml"
expect_exit 2 "$wfm" schedule --requirements "$tmp/staffing.csv" --rules "$tmp/day_only.toml" \
  --out "$tmp/none.csv"
grep -q "day_only.toml:[0-9]*: shift.start_latest: a shift starting at the latest start ends after midnight (set overnight = true" "$tmp/err" ||
  fail "not overnight: $(cat "$tmp/err")"
[[ -e "$tmp/none.csv" ]] && fail "output written on bad input"

finish "schedule overnight ok"
