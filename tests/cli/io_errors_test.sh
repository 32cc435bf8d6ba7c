#!/usr/bin/env bash
# I/O failures end with exit 4 and "wfm: I/O error: PATH: ..." (not 2, bad input), with no output
# and no temporary file left; multi-file outputs are all or nothing; Ctrl-C (SIGINT) and SIGTERM
# remove the temporary files of a write in progress and exit 128 + signal (issue 12, item 3).
# Usage: bash io_errors_test.sh <path-to-wfm> <source-dir>
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
temps_in() { find "$1" -name '.*.tmp-*' -o -name '.*.bak-*' | head -5; }
history="$src/data/sample/history.csv"

# A file size limit stands in for a full disk: the write fails with EFBIG ("File too large").
mkdir "$tmp/full"
(
  trap '' XFSZ
  ulimit -f 64
  "$wfm" staff --demand "$history" --sl 0.8 --out "$tmp/full/plan.csv" >"$tmp/out" 2>"$tmp/err"
  echo $? >"$tmp/code"
)
[[ $(cat "$tmp/code") == 4 ]] || fail "file size limit: exit $(cat "$tmp/code"): $(cat "$tmp/err")"
grep -q "^wfm: I/O error: $tmp/full/plan.csv: write failed" "$tmp/err" ||
  fail "file size limit message: $(cat "$tmp/err")"
[[ -z $(ls -A "$tmp/full") ]] || fail "file size limit left: $(ls -A "$tmp/full")"

# The same with --json: the error object on stdout says kind "io"; none of the plan's files is left.
(
  trap '' XFSZ
  ulimit -f 64
  "$wfm" plan "$src/scenarios/sample.toml" --no-simulation --out "$tmp/full" --json \
    >"$tmp/out" 2>"$tmp/err"
  echo $? >"$tmp/code"
)
[[ $(cat "$tmp/code") == 4 ]] || fail "plan --json: exit $(cat "$tmp/code"): $(cat "$tmp/err")"
grep -q '"kind": "io"' "$tmp/out" || fail "plan --json error object: $(cat "$tmp/out")"
[[ -z $(ls -A "$tmp/full") ]] || fail "plan left: $(ls -A "$tmp/full")"

# A plan whose last output name is taken by a directory: nothing of the set is written.
mkdir -p "$tmp/plan/report.html"
"$wfm" plan "$src/scenarios/sample.toml" --out "$tmp/plan" --no-simulation >"$tmp/out" 2>"$tmp/err"
code=$?
[[ $code == 2 ]] || fail "plan over a directory: exit $code: $(cat "$tmp/err")"
grep -q "report.html: cannot write the file: a directory has this name" "$tmp/err" ||
  fail "plan over a directory: $(cat "$tmp/err")"
[[ $(ls -A "$tmp/plan") == report.html ]] || fail "plan left: $(ls -A "$tmp/plan")"

# staff: the daily file's name taken by a directory: the plan CSV keeps its old content.
printf 'old\n' >"$tmp/p.csv"
mkdir "$tmp/p_daily.csv"
"$wfm" staff --demand "$history" --sl 0.8 --out "$tmp/p.csv" >"$tmp/out" 2>"$tmp/err"
code=$?
[[ $code == 2 ]] || fail "staff daily over a directory: exit $code: $(cat "$tmp/err")"
[[ $(cat "$tmp/p.csv") == old ]] || fail "staff replaced the plan though the daily file failed"
[[ -z $(temps_in "$tmp") ]] || fail "temporaries left: $(temps_in "$tmp")"

# SIGINT and SIGTERM while a large per-call file is being written: the temporary file goes.
# Job control on, so the background job does not start with SIGINT ignored (as `cmd &` in a
# script does; wfm leaves an ignored signal ignored, as nohup expects).
set -m
sig_ignored() { # was the signal ignored when this shell started (then no child can catch it)?
  local mask
  mask=$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status 2>/dev/null) || return 1
  [[ -n $mask ]] && (((0x$mask >> ($(kill -l "$1") - 1)) & 1))
}
for sig in INT TERM; do
  if sig_ignored "$sig"; then
    echo "note: SIG$sig is ignored in this environment: not tested" >&2
    continue
  fi
  mkdir -p "$tmp/sig$sig"
  printf 'interval_start,queue,calls,aht_s\n' >"$tmp/sig$sig/d.csv"
  for h in 08 09 10 11 12 13 14 15 16 17; do
    printf '2024-03-04T%s:00,a,600,180\n2024-03-04T%s:30,a,600,180\n' $h $h >>"$tmp/sig$sig/d.csv"
  done
  "$wfm" simulate --demand "$tmp/sig$sig/d.csv" --agents 70 --replications 2000 --seed 1 \
    --calls-out "$tmp/sig$sig/calls.csv" >/dev/null 2>"$tmp/err" &
  pid=$!
  seen=0
  for _ in $(seq 1 600); do
    if [[ -n $(temps_in "$tmp/sig$sig") ]]; then
      seen=1
      break
    fi
    sleep 0.05
  done
  if ((seen)); then
    sleep 0.2
    kill -s "$sig" "$pid"
    wait "$pid"
    code=$?
    want=$((128 + $(kill -l "$sig")))
    [[ $code == "$want" ]] || fail "SIG$sig: exit $code, expected $want"
    [[ -z $(temps_in "$tmp/sig$sig") ]] || fail "SIG$sig left $(temps_in "$tmp/sig$sig")"
    [[ -e "$tmp/sig$sig/calls.csv" ]] && fail "SIG$sig: calls.csv was committed"
  else
    wait "$pid"
    fail "SIG$sig: the temporary file never appeared (the run ended first?)"
  fi
done
set +m

if ((failures > 0)); then
  echo "$failures failure(s)" >&2
  exit 1
fi
