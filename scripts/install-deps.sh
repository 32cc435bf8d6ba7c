#!/usr/bin/env bash
# Installs the Debian packages wfm needs to build, test and run its notebooks, only those missing.
# Usage: scripts/install-deps.sh            (build + test dependencies)
# Runs apt-get as root, or through sudo when not root. Safe to run repeatedly.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libtbb-dev libfmt-dev nlohmann-json3-dev libcli11-dev libtomlplusplus-dev
  libeigen3-dev catch2 libbenchmark-dev librandom123-dev
  coinor-libcbc-dev  # the shift-scheduling MIP solver (CBC, with Clp and Osi): src/wfm/schedule
  python3-pandas python3-matplotlib jupyter-nbconvert python3-ipykernel  # tests/notebooks
  pybind11-dev python3-dev python3-numpy python3-pytest  # the Python module and its tests
  chromium  # the HTML report test in a real headless browser (tests/browser)
)

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
