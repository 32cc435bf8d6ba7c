#!/usr/bin/env bash
# Runs the staffing benchmark matrix and prints a markdown table, then the forecast-accuracy,
# what-if, scheduling and backlog benchmarks (figures for bench/RESULTS.md).
#   bash bench/run.sh BUILD_DIR        (make bench: BUILD_DIR = build/release)
# Environment: INTERVALS (default 3504000 = 35,040 intervals x 100 queues), A_INTERVALS for the
# Erlang A rows (default: INTERVALS), PATIENCE (Erlang A mean patience, default 120 s),
# REPEAT (runs per Erlang B/C row, best time reported; default 3), A_REPEAT (Erlang A rows,
# default 1: one full Erlang A run takes tens of seconds).
set -euo pipefail

build_dir=${1:?usage: bash bench/run.sh BUILD_DIR}
bench="$build_dir/bench/wfm_staffing_bench"
if [[ ! -x "$bench" ]]; then
  echo "error: $bench not found; build it with: cmake --build $build_dir --target wfm_staffing_bench" >&2
  exit 1
fi
intervals=${INTERVALS:-3504000}
a_intervals=${A_INTERVALS:-$intervals}
patience=${PATIENCE:-120}
repeat=${REPEAT:-3}
a_repeat=${A_REPEAT:-1}

echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
repo=$(cd "$(dirname "$0")/.." && pwd)
if rev=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null); then
  # The benchmark links src/wfm/staffing and src/wfm/core only.
  if [[ -n "$(git -C "$repo" status --porcelain -- src/wfm/staffing src/wfm/core 2>/dev/null)" ]]; then
    rev="$rev (src/wfm/staffing or core modified)"
  else
    rev="$rev (src/wfm/staffing and core clean)"
  fi
  echo "source: commit $rev"
fi
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo

rows=(
  "erlang-b-recurrence 1 $intervals $repeat"
  "erlang-c 1 $intervals $repeat"
  "erlang-c 2 $intervals $repeat"
  "erlang-a 1 $a_intervals $a_repeat"
  "erlang-a 2 $a_intervals $a_repeat"
  "erlang-x 1 $a_intervals $a_repeat"
  "chat 1 $a_intervals $a_repeat"
)

echo "| model | threads | intervals | runs (best of) | seconds | solves/s | solves/s per thread | CPU s | solves per CPU-s | checksum (sum of agents) | check mismatches | peak RSS (MiB) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
status=0
for row in "${rows[@]}"; do
  read -r model threads n reps <<<"$row"
  out=$("$bench" --model "$model" --threads "$threads" --intervals "$n" --patience "$patience" \
          --repeat "$reps") || status=1
  field() { awk -v k="$1:" '$1 == k { print $2 }' <<<"$out"; }
  rss_mib=$(awk -v kib="$(field peak_rss_kib)" 'BEGIN { printf "%.1f", kib / 1024 }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
    "$model" "$threads" "$(field intervals)" "$reps" "$(field seconds)" "$(field solves_per_s)" \
    "$(field solves_per_s_per_thread)" "$(field cpu_seconds)" "$(field solves_per_cpu_s)" \
    "$(field checksum_agents)" "$(field check_mismatches)" \
    "$rss_mib"
done
echo
echo "load after: $(uptime | sed 's/.*load average/load average/')"

# Forecast accuracy and speed on the public series (issue 4), when ../shared/data is present.
if [[ -x "$build_dir/bench/wfm_forecast_bench" && -d "$repo/../shared/data" ]]; then
  echo
  "$build_dir/bench/wfm_forecast_bench" "$repo/../shared/data" || status=1
fi
# What-if grid of 100 variants on the sample scenario (issue 5); the simulation part takes minutes.
if [[ -x "$build_dir/bench/wfm_whatif_bench" ]]; then
  echo
  whatif_bench=$(cd "$build_dir" && pwd)/bench/wfm_whatif_bench
  (cd "$repo" && "$whatif_bench" scenarios/sample.toml) || status=1
fi
# Shift scheduling on a realistic day (issue 11): time limits of 10 s and 120 s per day.
if [[ -x "$build_dir/bench/wfm_schedule_bench" ]]; then
  for limit in 10 120; do
    echo
    "$build_dir/bench/wfm_schedule_bench" "$limit" || status=1
  done
fi
# Email / backlog staffing (issue 13): 100 queues x a year of 15-minute intervals, target < 10 s.
if [[ -x "$build_dir/bench/wfm_backlog_bench" ]]; then
  echo
  "$build_dir/bench/wfm_backlog_bench" || status=1
fi
# Rostering 500 agents over a week (issue 11), a 20 s limit for the LP and branch and bound.
if [[ -x "$build_dir/bench/wfm_roster_bench" ]]; then
  echo
  "$build_dir/bench/wfm_roster_bench" 500 20 || status=1
fi
exit $status
