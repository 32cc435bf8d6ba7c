#!/usr/bin/env bash
# The bad-input catalogue (issue 12): every file in tests/cli/bad_inputs/*.case is one bad input.
# For each, the run must end with the expected exit code, stderr must contain the expected message
# fragment, stderr must hold only printable text, and no output or temporary file may be left (the
# output directory stays empty, the input directory holds only the inputs).
#
# A .case file:
#   # what: one line saying what is wrong
#   # args: staff --demand INPUT --sl 0.8 --out OUT/plan.csv
#   # exit: 2
#   # message: INPUT:2: column 'offered': expected a number >= 0
#   --- input.csv
#   interval_start,queue,offered,aht_s
#   ...
#   --- other.toml        (more files when a case needs them)
# In args and message, INPUT is the path of the first file, DIR the directory of the inputs, OUT
# an empty output directory and SRC the source tree. A file section can be left out (no inputs).
# Usage: bash bad_inputs_test.sh <path-to-wfm> <source-dir>
set -u
wfm=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
cases=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

for case_file in "$src"/tests/cli/bad_inputs/*.case; do
  name=$(basename "$case_file" .case)
  cases=$((cases + 1))
  dir="$tmp/$name/in"
  out="$tmp/$name/out"
  mkdir -p "$dir" "$out"
  args=$(sed -n 's/^# args: //p' "$case_file" | head -1)
  want_exit=$(sed -n 's/^# exit: //p' "$case_file" | head -1)
  want_msg=$(sed -n 's/^# message: //p' "$case_file" | head -1)
  [[ -n $args && -n $want_exit && -n $want_msg ]] || {
    fail "$name: the case needs # args, # exit and # message"
    continue
  }
  # Split the file sections (byte-exact, binary content allowed).
  python3 - "$case_file" "$dir" >"$tmp/$name/first" <<'PY' || { fail "$name: bad case file"; continue; }
import os, sys
data = open(sys.argv[1], "rb").read()
first = None
current = None
for line in data.split(b"\n")[:-1] if data.endswith(b"\n") else data.split(b"\n"):
    if line.startswith(b"--- "):
        name = line[4:].decode()
        current = open(os.path.join(sys.argv[2], name), "wb")
        first = first or name
    elif current is not None:
        current.write(line + b"\n")
print(first or "")
PY
  first=$(cat "$tmp/$name/first")
  input="$dir/$first"
  subst() {
    local s=$1
    s=${s//INPUT/$input}
    s=${s//DIR/$dir}
    s=${s//OUT/$out}
    s=${s//SRC/$src}
    printf '%s' "$s"
  }
  args=$(subst "$args")
  want_msg=$(subst "$want_msg")
  inputs_before=$(cd "$dir" && ls -A | sort)
  eval "set -- $args"
  "$wfm" "$@" >"$tmp/$name/stdout" 2>"$tmp/$name/stderr"
  code=$?
  err=$(cat "$tmp/$name/stderr")
  [[ $code == "$want_exit" ]] || fail "$name: exit $code, expected $want_exit (stderr: ${err:0:300})"
  grep -qF -- "$want_msg" "$tmp/$name/stderr" || fail "$name: stderr lacks '$want_msg': ${err:0:300}"
  LC_ALL=C grep -q '[^[:print:][:space:]]' "$tmp/$name/stderr" &&
    fail "$name: stderr holds non-printable bytes"
  [[ -z $(ls -A "$out") ]] || fail "$name: left in the output directory: $(ls -A "$out")"
  inputs_after=$(cd "$dir" && ls -A | sort)
  [[ $inputs_before == "$inputs_after" ]] || fail "$name: the input directory changed: $inputs_after"
done

((cases >= 20)) || fail "only $cases cases in tests/cli/bad_inputs"
if ((failures > 0)); then
  echo "$failures failure(s) in $cases cases" >&2
  exit 1
fi
echo "$cases bad-input cases pass"
