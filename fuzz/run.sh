#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (built in BUILD_DIR by WFM_FUZZ=ON), each for SECONDS.
# Usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]   (default: every target, one after another)
# The seed corpus of each target is assembled at run time in BUILD_DIR/fuzz/seeds/TARGET from the
# committed fuzz/seeds/TARGET (hand-made seeds and past findings), the project's sample inputs,
# the test inputs of tests/cli/bad_inputs and small slices of ../shared/data (when present).
# New inputs go to BUILD_DIR/fuzz/corpus/TARGET (kept between runs), findings to
# BUILD_DIR/fuzz/artifacts/, logs to BUILD_DIR/fuzz/logs/TARGET.log. Fails (exit 1) if a target
# crashed, hung (10 s per input), leaked or ran out of memory; a summary line per target.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(csv_reader interval_csv forecast_csv staffing_csv contact_reader scenario model_file
           agent_states special_days shift_rules agents_csv handle_samples)
fi
shared="$root/../shared/data"
out="$build/fuzz"

# The files of tests/cli/bad_inputs/*.case (sections "--- name") with the given extension, of the
# cases whose name starts with the optional prefix.
case_files() {
  local ext=$1 dir=$2 prefix=${3:-}
  for c in "$root"/tests/cli/bad_inputs/"$prefix"*.case; do
    awk -v ext="$ext" -v dir="$dir" -v base="$(basename "$c" .case)" '
      /^--- / { name = $2; file = ""; if (name ~ ("\\." ext "$")) file = dir "/case-" base "-" name; next }
      file != "" { print > file }' "$c"
  done
}

# The first lines of a file (a small slice keeps the seeds fast).
slice() { [ -f "$1" ] && head -n "${3:-40}" "$1" > "$2" || true; }

seed() {
  local t=$1 dir="$out/seeds/$1"
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$root/fuzz/seeds/$t"/* "$dir"/ 2>/dev/null || true
  case $t in
    csv_reader | interval_csv)
      for f in "$root"/data/sample/*.csv; do slice "$f" "$dir/sample-$(basename "$f")"; done
      for f in "$shared"/*.csv; do slice "$f" "$dir/shared-$(basename "$f")"; done
      case_files csv "$dir"
      if [ -f "$shared/forecast_taylor_30min.csv" ]; then
        { echo "#fuzz offered=demand_mw"; head -n 40 "$shared/forecast_taylor_30min.csv"; } \
          > "$dir/shared-taylor-mapped.csv"
      fi
      if [ "$t" = csv_reader ]; then slice "$shared/anonbank_1999_01_calls.tsv" "$dir/shared-anonbank.tsv"; fi
      ;;
    forecast_csv | staffing_csv)
      slice "$root/data/sample/history.csv" "$dir/sample-history.csv"
      ;;
    contact_reader)
      case_files csv "$dir"
      if [ -f "$shared/anonbank_1999_01_calls.tsv" ]; then
        { cat "$root/data/mappings/anonbank.toml"; echo "%%"; head -n 60 "$shared/anonbank_1999_01_calls.tsv"; } \
          > "$dir/shared-anonbank.txt"
      fi
      { cat "$root/data/mappings/default.toml"; echo "%%"; cat "$root/fuzz/seeds/contact_reader/generic.csv"; } \
        > "$dir/default-mapping.txt"
      ;;
    scenario)
      cp "$root"/scenarios/*.toml "$dir"/
      case_files toml "$dir"
      ;;
    model_file | agent_states)
      ;;
    handle_samples)
      # Real talk times (ser_time, seconds) of served Anonymous Bank calls.
      if [ -f "$shared/anonbank_1999_01_calls.tsv" ]; then
        awk -F'\t' 'NR == 1 { print "call_id,handle_s"; next }
          $16 + 0 > 0 && n < 40 { print $2 "," $16; n++ }' \
          "$shared/anonbank_1999_01_calls.tsv" > "$dir/shared-anonbank-ser-time.csv"
      fi
      ;;
    special_days)
      cp "$root"/scenarios/*.csv "$dir"/
      ;;
    shift_rules)
      cp "$root/data/sample/shifts.toml" "$dir/sample-shifts.toml"
      ;;
    agents_csv)
      cp "$root/data/sample/agents.csv" "$dir/sample-agents.csv"
      case_files csv "$dir" agents_
      { cat "$root/data/sample/shifts.toml"; echo "%%"; cat "$root/data/sample/agents.csv"; } \
        > "$dir/sample-rules-agents.txt"
      ;;
  esac
}

mkdir -p "$out/logs" "$out/artifacts"
failed=()
for t in "${targets[@]}"; do
  bin="$out/${t}_fuzz"
  [ -x "$bin" ] || { echo "fuzz: $bin not built" >&2; exit 2; }
  seed "$t"
  mkdir -p "$out/corpus/$t"
  log="$out/logs/$t.log"
  status=0
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/$t-" "$out/corpus/$t" "$out/seeds/$t" > "$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  # libFuzzer's last status line: edges covered, features, corpus in memory (inputs/size).
  last=$(grep -E '^#[0-9]+[[:space:]]+[A-Z]+[[:space:]]+cov:' "$log" | tail -1 || true)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | cut -d' ' -f2 || true)
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | cut -d' ' -f2 || true)
  corpus=$(grep -oE 'corp: [0-9]+/[0-9]+[A-Za-z]*' <<<"$last" | cut -d' ' -f2 || true)
  if [ $status -eq 0 ]; then verdict=ok; else verdict="FAILED (exit $status, see $log)"; failed+=("$t"); fi
  printf 'fuzz %-15s %s: %s runs, %s exec/s, cov %s, ft %s, corpus %s\n' \
    "$t" "$verdict" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corpus:-?}"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]} (inputs in $out/artifacts/)" >&2
  exit 1
fi
