#!/usr/bin/env bash
# The 24-hour week with and without an overnight template (bench/RESULTS.md, "Overnight tours on
# a 24-hour week"): writes the week's requirements and four rule files to OUT_DIR, then runs
# `wfm schedule` on each (weekly tours with and without the overnight template; with MODE=all
# also the days solved one by one, with and without it) and prints each run's total line,
# overnight line, week bound and wall time / peak memory.
#   bash bench/overnight_week.sh BUILD_DIR OUT_DIR [TIME_LIMIT]   (default 60s, per week)
# The week: Monday 2026-12-07 to Sunday 2026-12-13, 15-minute intervals, 20 agents all day, a
# midday peak of 100 more (a triangle from 08:00 to 18:00, 100 at 13:00) and 30 more from 21:00
# to 05:00. The templates are data/sample/shifts.toml's with their starts widened to 00:00-15:30
# (full-8h) and 00:00-19:45 (part-4h); the overnight one is full-8h's shape (two breaks and an
# unpaid meal) starting 16:00-23:45 at 22/h.
set -euo pipefail
build=${1:?usage: bash bench/overnight_week.sh BUILD_DIR OUT_DIR [TIME_LIMIT]}
out=${2:?usage: bash bench/overnight_week.sh BUILD_DIR OUT_DIR [TIME_LIMIT]}
limit=${3:-60s}
wfm="$build/src/cli/wfm"
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"

python3 - "$out/week.csv" <<'PY'
import sys
from datetime import datetime, timedelta
with open(sys.argv[1], "w") as f:
    f.write("interval_start,queue,agents\n")
    t0 = datetime(2026, 12, 7)
    for i in range(7 * 96):
        t = t0 + timedelta(minutes=15 * i)
        h = t.hour + t.minute / 60
        a = 20 + max(0.0, 100 * (1 - abs(h - 13) / 5)) + (30 if h >= 21 or h < 5 else 0)
        f.write(f"{t:%Y-%m-%dT%H:%M},support,{round(a)}\n")
PY

# The sample's templates, starts widened; `night` appends the overnight template.
base=$(sed -e 's/^start_earliest = "08:00"/start_earliest = "00:00"/' \
  -e 's/^start_latest = "11:30"/start_latest = "15:30"/' \
  -e 's/^start_latest = "16:00"/start_latest = "19:45"/' "$repo/data/sample/shifts.toml")
night='
[[shift]]
name = "night"
start_earliest = "16:00"
start_latest = "23:45"
start_step = "15m"
paid_length = "8h"
cost_per_paid_hour = 22
overnight = true

[[shift.break]]
name = "break1"
duration = "15m"
window_start = "1h30m"
window_end = "2h30m"

[[shift.break]]
name = "meal"
duration = "30m"
window_start = "3h30m"
window_end = "4h30m"
paid = false

[[shift.break]]
name = "break2"
duration = "15m"
window_start = "6h"
window_end = "7h"
'
tours=$'\n[tours]\ndays_per_week = 5\nconsecutive_days_off = true\n'
printf '%s\n' "$base" >"$out/day.toml"
printf '%s\n%s' "$base" "$night" >"$out/day_night.toml"
printf '%s\n%s' "$base" "$tours" >"$out/tours.toml"
printf '%s\n%s\n%s' "$base" "$tours" "$night" >"$out/tours_night.toml"

runs=(tours tours_night)
[[ ${MODE:-} == all ]] && runs+=(day day_night)
echo "source: commit $(git -C "$repo" rev-parse --short HEAD), time limit $limit"
for r in "${runs[@]}"; do
  echo "== $r: load $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "wall %e s, peak RSS %M KB" "$wfm" schedule --requirements "$out/week.csv" \
    --rules "$out/$r.toml" --out "$out/$r.csv" --coverage-out "$out/${r}_coverage.csv" \
    --time-limit "$limit" --json >"$out/$r.json" 2>"$out/$r.err" || { cat "$out/$r.err"; exit 1; }
  tail -1 "$out/$r.err"
  python3 - "$out/$r.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
t = j["total"]
d0 = j["days"][0]
print(f"paid_hours {t['paid_hours']:.2f}, cost {t['cost']:.2f}, short {t['under_hours']:.2f} h, "
      f"bound {t['best_bound']:.2f}, gap {100 * t['gap']:.3f}%, first day's LP bound "
      f"{d0['lp_bound']:.2f}, phase 1 optimal {d0['shifts_optimal']}, timed out {t['timed_out']}")
PY
done
