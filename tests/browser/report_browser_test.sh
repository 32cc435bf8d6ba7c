#!/usr/bin/env bash
# The HTML reports in a real headless browser (Debian's chromium): wfm_report_fixture writes a plan
# report, a what-if report and a schedule.html from synthetic data; each is loaded by chromium, which must exit 0,
# take a non-trivial PNG screenshot, dump a DOM with the expected sections and SVG charts, and log
# no console message (the pages have no scripts, so any console output is a fault). A deliberately
# broken page is loaded too, to prove the console check catches errors.
# Usage: bash report_browser_test.sh <path-to-wfm_report_fixture> <source-dir>
# Exit 77 (ctest skip) when chromium is missing, unless CI=true (then it fails).
# WFM_REPORT_SCREENSHOTS=DIR copies the screenshots to DIR/plan-report.png, DIR/whatif-report.png.
set -u
fixture=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

chromium=${CHROMIUM:-}
if [[ -z $chromium ]]; then
  chromium=$(command -v chromium || command -v chromium-browser || true)
fi
if [[ -z $chromium ]]; then
  if [[ ${CI:-} == true ]]; then
    echo "FAIL: chromium not installed (required when CI=true; scripts/install-deps.sh installs it)" >&2
    exit 1
  fi
  echo "SKIPPED: chromium not installed"
  exit 77
fi

# run_chromium NAME ARGS... : headless chromium with a private profile, a time limit and console
# messages logged to $tmp/NAME.err; stdout in $tmp/NAME.out. Returns chromium's exit code.
run_chromium() {
  local name=$1
  shift
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --no-first-run --no-default-browser-check --disable-extensions --hide-scrollbars \
    --user-data-dir="$tmp/profile-$name" --enable-logging=stderr --v=0 "$@" \
    >"$tmp/$name.out" 2>"$tmp/$name.err"
}

# console_errors FILE: prints the console messages and uncaught exceptions chromium logged.
console_errors() {
  grep -E ':CONSOLE[:(]|Uncaught' "$1"
}

"$fixture" "$tmp" || { echo "FAIL: wfm_report_fixture failed" >&2; exit 1; }

# check_report NAME WINDOW-HEIGHT EXPECTED-DOM-STRINGS...
check_report() {
  local name=$1 height=$2
  shift 2
  local page="$tmp/$name.html"
  [[ -s $page ]] || { fail "$name.html was not written"; return; }
  if grep -Eq 'https?://|<script|<link|<img|@import|url\(http' "$page"; then
    fail "$name.html is not self-contained: $(grep -Eo 'https?://[^" ]*|<script[^>]*|<link[^>]*|<img[^>]*' "$page" | head -3)"
  fi

  run_chromium "$name-shot" --window-size="1400,$height" --screenshot="$tmp/$name.png" "file://$page"
  local rc=$?
  [[ $rc == 0 ]] || fail "$name: chromium --screenshot exited $rc: $(tail -3 "$tmp/$name-shot.err")"
  if [[ ! -f $tmp/$name.png ]]; then
    fail "$name: no screenshot"
  else
    local size
    size=$(stat -c %s "$tmp/$name.png")
    ((size > 30000)) || fail "$name: screenshot is only $size bytes"
    [[ $(head -c 8 "$tmp/$name.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
      fail "$name: screenshot is not a PNG"
  fi

  run_chromium "$name-dom" --dump-dom "file://$page"
  rc=$?
  [[ $rc == 0 ]] || fail "$name: chromium --dump-dom exited $rc: $(tail -3 "$tmp/$name-dom.err")"
  local dom="$tmp/$name-dom.out"
  for want in "$@"; do
    grep -qF -- "$want" "$dom" || fail "$name: the DOM has no $want"
  done
  local svgs
  svgs=$(grep -o '<svg' "$dom" | wc -l)
  echo "$name: $(stat -c %s "$page") bytes of HTML, $svgs SVG charts, DOM $(stat -c %s "$dom") bytes"
  for f in "$tmp/$name-shot.err" "$tmp/$name-dom.err"; do
    if console_errors "$f" >/dev/null; then
      fail "$name: console messages: $(console_errors "$f" | head -5)"
    fi
  done
}

check_report plan 3000 '<h1>Staffing plan: sample scenario</h1>' 'class="warnings"' 'id="summary"' \
  'id="assumptions"' 'id="q0"' 'id="q2"' 'id="q0-calls"' 'id="q0-agents"' 'id="q0-sl"' \
  'id="q0-occupancy"' '<path d="M' '<caption>Daily totals</caption>' \
  'Queue Billing &lt;EU&gt; &amp; "VIP"' '<title>' 'data-series="80% prediction interval"' \
  'data-series="Simulated 95% CI"' 'data-series="Infeasible"' \
  'Generated 2024-03-01 09:00 by wfm_report_fixture' 'id="headline"' '>FTE<' \
  'vs last plan' '(plans/week-05)' 'class="axis-break"' 'no data from Mon 4 Mar 2024 21:00' \
  'class="day"' '>Mon 4 Mar<' 'class="note sl-note"' 'intervals are below the 80% target' \
  '>abandon rate<'
if grep -qi '<eu>' "$tmp/plan-dom.out"; then fail "plan: a queue name became an element"; fi
[[ $(grep -o '<svg' "$tmp/plan-dom.out" | wc -l) == 12 ]] || fail "plan: expected 12 SVG charts"

check_report whatif 1500 '<h1>What-if: volume, AHT and target</h1>' 'id="heatmap"' 'id="comparison"' \
  'id="assumptions"' 'class="heat"' 'FTE — sl 80/20' 'FTE — sl 90/20' 'class="num base"' \
  'infeasible intervals'

check_report schedule 2400 '<h1>Schedule of plan.csv</h1>' 'id="schedule"' \
  'id="schedule-coverage"' 'id="schedule-sl"' 'Schedule: support &lt;EU&gt;' \
  '2024-03-04: 40 shifts' '2024-03-05: 0 shifts' 'A&lt;7&gt; &amp; co: part-4h' \
  'unassigned: ' 'Erlang A, each interval alone' 'class="axis-break"' '>Mon 4 Mar<'
if grep -qi '<eu>' "$tmp/schedule-dom.out"; then fail "schedule: a queue name became an element"; fi
# Coverage, service and one Gantt chart (the empty day has none).
[[ $(grep -o '<svg' "$tmp/schedule-dom.out" | wc -l) == 3 ]] || fail "schedule: expected 3 SVG charts"

# The console check must catch a broken page (a thrown error and a console.error).
cat >"$tmp/broken.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>broken</title></head>
<body><p>deliberately broken</p><script>console.error("wfm-console-error");
throw new Error("wfm-broken-page");</script></body></html>
HTML
run_chromium broken --dump-dom "file://$tmp/broken.html"
console_errors "$tmp/broken.err" | grep -q 'wfm-broken-page' ||
  fail "the console check did not catch the uncaught error of a broken page"
console_errors "$tmp/broken.err" | grep -q 'wfm-console-error' ||
  fail "the console check did not catch console.error on a broken page"

if [[ -n ${WFM_REPORT_SCREENSHOTS:-} && $failures == 0 ]]; then
  mkdir -p "$WFM_REPORT_SCREENSHOTS"
  cp "$tmp/plan.png" "$WFM_REPORT_SCREENSHOTS/plan-report.png"
  cp "$tmp/whatif.png" "$WFM_REPORT_SCREENSHOTS/whatif-report.png"
  cp "$tmp/schedule.png" "$WFM_REPORT_SCREENSHOTS/schedule-report.png"
fi

if ((failures > 0)); then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "OK: reports render in $("$chromium" --version 2>/dev/null | head -1)"
