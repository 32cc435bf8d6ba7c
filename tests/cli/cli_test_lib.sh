# Shared by the end-to-end CLI test scripts (sourced, not run: the glob takes *_test.sh only).
# Sets wfm (the binary, $1), src (the source dir, $2), tmp (removed on exit) and failures; gives
# fail, expect_exit, finish and ramp_staffing.
set -u
wfm=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# expect_exit CODE CMD...: runs CMD with stdout in $tmp/out and stderr in $tmp/err.
expect_exit() {
  local want=$1
  shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  [[ $got == "$want" ]] || fail "exit $got, expected $want: $* (stderr: $(head -c 300 "$tmp/err"))"
}

# finish MESSAGE: exit 1 with the count when something failed, else print MESSAGE.
finish() {
  if ((failures > 0)); then
    echo "$failures failure(s)" >&2
    exit 1
  fi
  echo "$1"
}

# ramp_staffing FILE: a staffing CSV of two weekdays, 08:00-20:00 in 15-minute intervals, queue
# support: a ramp to 12 agents at midday, 8 in the afternoon, 4 in the evening.
ramp_staffing() {
  {
    echo "interval_start,queue,agents"
    for day in 2024-03-04 2024-03-05; do
      for h in $(seq 8 19); do
        for m in 00 15 30 45; do
          if ((h < 10)); then a=$((h - 4)); elif ((h < 15)); then a=12; elif ((h < 17)); then a=8; else a=4; fi
          printf '%sT%02d:%s,support,%d\n' "$day" "$h" "$m" "$a"
        done
      done
    done
  } >"$1"
}
