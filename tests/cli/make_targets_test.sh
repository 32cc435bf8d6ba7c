#!/usr/bin/env bash
# The README's two commands (issue 12, item 9): `make run` installs only the packages the wfm binary
# needs and builds only the `wfm` target with tests, benchmarks and the Python module left
# unconfigured; `make test` still installs and builds everything. Checked with `make -n` (nothing
# is run), scripts/install-deps.sh --print, and a real CMake configure of the run-only build.
# Usage: bash make_targets_test.sh <path-to-wfm> <source-dir>
set -u
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

run_pkgs=$(bash "$src/scripts/install-deps.sh" run --print) || fail "install-deps.sh run --print failed"
test_pkgs=$(bash "$src/scripts/install-deps.sh" --print) || fail "install-deps.sh --print failed"
for p in chromium jupyter-nbconvert python3-ipykernel python3-pytest python3-pandas pybind11-dev \
  catch2 libbenchmark-dev clang-14 libclang-rt-14-dev; do
  grep -qx -- "$p" <<<"$run_pkgs" && fail "make run would install $p"
  grep -qx -- "$p" <<<"$test_pkgs" || fail "make test would not install $p"
done
for p in cmake ninja-build libboost-dev libtbb-dev libfmt-dev libcli11-dev libtomlplusplus-dev \
  libeigen3-dev librandom123-dev nlohmann-json3-dev libhowardhinnant-date-dev libdate-tz3 tzdata; do
  grep -qx -- "$p" <<<"$run_pkgs" || fail "make run would not install $p"
done
bash "$src/scripts/install-deps.sh" bogus --print >/dev/null 2>&1 && fail "install-deps.sh accepted 'bogus'"

run_plan=$(make -n -C "$src" run 2>&1) || fail "make -n run failed: $run_plan"
grep -q 'install-deps.sh run' <<<"$run_plan" || fail "make run does not install run-only deps: $run_plan"
grep -q -- '--target wfm' <<<"$run_plan" || fail "make run builds more than wfm: $run_plan"
grep -q -- '-DWFM_BUILD_TESTS=OFF' <<<"$run_plan" || fail "make run configures the tests"
grep -q -- '-DWFM_BUILD_PYTHON=OFF' <<<"$run_plan" || fail "make run configures the Python module"
grep -q 'wfm plan scenarios/sample.toml --out out/sample' <<<"$run_plan" || fail "make run: $run_plan"

test_plan=$(make -n -C "$src" test 2>&1) || fail "make -n test failed: $test_plan"
grep -q 'install-deps.sh test' <<<"$test_plan" || fail "make test does not install test deps"
grep -Eq -- '--target wfm( |$)' <<<"$test_plan" && fail "make test builds only wfm"
grep -q -- '-DWFM_BUILD_TESTS=ON' <<<"$test_plan" || fail "make test does not turn the tests on"
grep -q 'ctest' <<<"$test_plan" || fail "make test runs no ctest"
# make test ends with the fuzz smoke run: a clang build of the fuzz targets, 30 s each.
grep -q -- '-DWFM_FUZZ=ON' <<<"$test_plan" || fail "make test does not configure the fuzz build"
grep -q -- '--target wfm_fuzzers' <<<"$test_plan" || fail "make test does not build the fuzzers"
grep -q 'fuzz/run.sh build/fuzz 30' <<<"$test_plan" || fail "make test has no 30 s fuzz run"

# The run-only configuration really configures, and has no test, benchmark or Python targets.
if cmake -S "$src" -B "$tmp/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWFM_BUILD_TESTS=OFF \
  -DWFM_BUILD_BENCH=OFF -DWFM_BUILD_PYTHON=OFF >"$tmp/cfg.log" 2>&1; then
  targets=$(cmake --build "$tmp/build" --target help 2>/dev/null)
  grep -q '^wfm:' <<<"$targets" || fail "no wfm target in the run-only build"
  grep -Eq '^(wfm_[a-z]+_tests|wfm_bench[a-z_]*|_wfm[a-z_]*):' <<<"$targets" &&
    fail "run-only build has test/bench/python targets: $(grep -E '_tests:|bench|_wfm' <<<"$targets" | head -3)"
else
  fail "run-only configure failed: $(tail -5 "$tmp/cfg.log")"
fi

if ((failures > 0)); then
  echo "$failures failure(s)" >&2
  exit 1
fi
