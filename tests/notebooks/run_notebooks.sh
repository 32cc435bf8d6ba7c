#!/usr/bin/env bash
# Executes every notebook in notebooks/ with Debian's jupyter-nbconvert and python3 kernel against
# the built wfm, so the notebooks can never silently rot: a cell error, a failed check in a
# notebook's last cell or a time-out fails the test. Also checks the notebooks are stored without
# outputs. Everything (executed copies, wfm outputs, Jupyter/IPython/matplotlib state) goes to a
# temporary directory that is removed at the end.
# Usage: bash run_notebooks.sh <path-to-wfm> <source-dir> [<python-module-dir>]
# Notebooks named python_*.ipynb import the Python module from <python-module-dir> (the build's
# python/ folder, passed as WFM_PYTHON); without it (a build without the module) they are skipped.
# Exit 77 (ctest skip) when the Python packages are missing, unless CI=true (then it fails);
# scripts/install-deps.sh installs them. WFM_NOTEBOOK_OUT=DIR keeps the executed notebooks in DIR.
set -u
wfm=$(realpath "$1")
src=$(realpath "$2")
pymod=${3:+$(realpath "$3")}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Debian's python3 and jupyter first: a pyenv or virtualenv python3 on PATH has none of the packages
# (and must not become the kernel). User-level Jupyter kernels, config and pip packages are ignored.
export PATH=/usr/bin:/bin:$PATH
unset PYTHONPATH PYTHONHOME JUPYTER_PATH VIRTUAL_ENV
export PYTHONNOUSERSITE=1
export JUPYTER_DATA_DIR=$tmp/jupyter-data JUPYTER_CONFIG_DIR=$tmp/jupyter-config
export JUPYTER_RUNTIME_DIR=$tmp/jupyter-runtime IPYTHONDIR=$tmp/ipython MPLCONFIGDIR=$tmp/mpl
export PYDEVD_DISABLE_FILE_VALIDATION=1
export WFM_BIN=$wfm WFM_ROOT=$src WFM_PYTHON=$pymod
mkdir -p "$tmp/work" "$tmp/out"
export TMPDIR=$tmp/work  # the notebooks' own temporary directories

python=/usr/bin/python3
nbconvert=/usr/bin/jupyter-nbconvert
missing=()
[[ -x $nbconvert ]] || missing+=(jupyter-nbconvert)
if [[ -x $python ]]; then
  for module in pandas matplotlib nbformat nbclient ipykernel; do
    $python -c "import $module" 2>/dev/null || missing+=("python3-$module")
  done
else
  missing+=(python3)
fi
if ((${#missing[@]} > 0)); then
  if [[ ${CI:-} == true ]]; then
    echo "FAIL: missing ${missing[*]} (required when CI=true;" \
      "scripts/install-deps.sh installs them)" >&2
    exit 1
  fi
  echo "SKIPPED: missing ${missing[*]} (scripts/install-deps.sh installs them)"
  exit 77
fi

# The kernel nbconvert will start for kernel_name=python3 must be Debian's python3.
kernel=$($python -c 'from jupyter_client.kernelspec import KernelSpecManager as K
print(K().get_kernel_spec("python3").argv[0])' 2>&1)
case $kernel in
  /usr/bin/python3* | python3) ;;
  *) echo "FAIL: the python3 Jupyter kernel runs $kernel, not /usr/bin/python3" >&2; exit 1 ;;
esac

shopt -s nullglob
notebooks=("$src"/notebooks/*.ipynb)
if ((${#notebooks[@]} < 2)); then
  echo "FAIL: expected at least two notebooks in $src/notebooks, found ${#notebooks[@]}" >&2
  exit 1
fi

failures=0
ran=0
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb" .ipynb)
  if [[ $name == python_* && -z $pymod ]]; then
    echo "skipped: $name.ipynb (this build has no Python module)"
    continue
  fi
  # Stored without outputs (so diffs stay readable and nothing stale is committed).
  if ! $python - "$nb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
dirty = [i for i, c in enumerate(nb["cells"])
         if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count") is not None)]
if dirty:
    sys.exit(f"cells {dirty} have outputs or execution counts: clear them before committing")
PY
  then
    echo "FAIL: $name.ipynb is stored with outputs" >&2
    failures=$((failures + 1))
  fi

  start=$(date +%s)
  if ! timeout 300 $nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=python3 \
    --ExecutePreprocessor.timeout="${WFM_NOTEBOOK_CELL_TIMEOUT:-180}" \
    --output-dir "$tmp/out" --output "$name" "$nb" >"$tmp/$name.log" 2>&1; then
    echo "FAIL: $name.ipynb did not run (exit code of nbconvert or timeout above); its log:" >&2
    sed "s/\x1b\[[0-9;]*m//g" "$tmp/$name.log" | tail -40 >&2
    failures=$((failures + 1))
    continue
  fi
  seconds=$(($(date +%s) - start))
  # The last cell's checks ran to the end (nbconvert already failed on any error).
  if ! grep -q "checks passed" "$tmp/out/$name.ipynb"; then
    echo "FAIL: $name.ipynb ran but its final checks did not print 'checks passed'" >&2
    failures=$((failures + 1))
    continue
  fi
  echo "ok: $name.ipynb (${seconds} s)"
  ran=$((ran + 1))
done

if [[ -n ${WFM_NOTEBOOK_OUT:-} ]]; then
  mkdir -p "$WFM_NOTEBOOK_OUT" && cp "$tmp"/out/*.ipynb "$WFM_NOTEBOOK_OUT"/
fi
if ((failures > 0)); then
  echo "$failures notebook check(s) failed" >&2
  exit 1
fi
echo "$ran of ${#notebooks[@]} notebooks ran"
