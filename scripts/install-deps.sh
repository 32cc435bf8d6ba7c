#!/usr/bin/env bash
# Installs the Debian packages wfm needs, only those missing.
# Usage: scripts/install-deps.sh [run|test] [--print]
#   run    what `make run` needs: the compiler, CMake, Ninja and the libraries the wfm binary links
#   test   (the default) run's packages plus everything `make test` and `make bench` use: Catch2,
#          Google Benchmark, pybind11 and pytest (the Python module), pandas/matplotlib/jupyter
#          (the notebooks), Chromium (the HTML report in a real browser) and clang with libFuzzer
#          (fuzz/)
#   --print  list the packages of the mode, one a line, and install nothing
# Runs apt-get as root, or through sudo when not root. Safe to run repeatedly.
set -euo pipefail

mode=test
print=0
for arg in "$@"; do
  case "$arg" in
    run | test) mode=$arg ;;
    --print) print=1 ;;
    *) echo "install-deps: unknown argument '$arg' (expected run, test or --print)" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libtbb-dev libfmt-dev nlohmann-json3-dev libcli11-dev libtomlplusplus-dev
  libeigen3-dev librandom123-dev
  coinor-libcbc-dev  # the shift-scheduling MIP solver (CBC, with Clp and Osi): src/wfm/schedule
  libhowardhinnant-date-dev libdate-tz3 tzdata  # --timezone: src/wfm/core/time_zone (tzdata in /usr/share/zoneinfo)
)
if [ "$mode" = test ]; then
  packages+=(
    catch2 libbenchmark-dev  # the unit tests and the benchmarks
    python3-pandas python3-matplotlib jupyter-nbconvert python3-ipykernel  # tests/notebooks
    pybind11-dev python3-dev python3-numpy python3-pytest  # the Python module and its tests
    chromium  # the HTML report test in a real headless browser (tests/browser)
    clang-14 libclang-rt-14-dev  # the libFuzzer targets (fuzz/, make test-fuzz)
  )
fi

if [ "$print" -eq 1 ]; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
