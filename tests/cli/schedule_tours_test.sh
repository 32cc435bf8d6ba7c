#!/usr/bin/env bash
# `wfm schedule` with weekly tours and a weekly paid-hours band ([tours] min/max_weekly_hours):
# every tour of schedule.csv, its paid_hours summed over its rows, lies within the band, and the
# template outside it makes no tour; a band no template meets exits 2 naming file, line and key.
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

finish "schedule tours: weekly paid hours and headcount ok"
