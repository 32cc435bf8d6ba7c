"""Python module benchmark (issue 14): 100,000 Erlang A staffing solves from a DataFrame.

Three ways to do the same work on the same table (offered loads log-uniform 0.1-1,000 Erlangs,
AHT 180 s, patience 120 s, 80% in 20 s and at most 5% abandonment):
  wfm.staff    one call with the whole DataFrame (the library's parallel pipeline)
  loop         a pure-Python loop calling wfm.erlang once per row
  CLI          the DataFrame written to CSV, `wfm staff` run on it, its CSV read back
The three must give the same agents (checked).

  PYTHONPATH=build/release/python /usr/bin/python3 bench/python_bench.py build/release/src/cli/wfm
Environment: ROWS (default 100000).
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import wfm


def table(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    load = np.exp(rng.uniform(np.log(0.1), np.log(1000), rows))
    aht = 180.0
    queues = 10
    per_queue = rows // queues
    start = pd.Timestamp("2024-01-01")
    times = start + pd.to_timedelta(np.arange(per_queue) * 900, unit="s")
    return pd.DataFrame({
        "interval_start": np.tile(times.strftime("%Y-%m-%dT%H:%M"), queues),
        "queue": np.repeat([f"q{i}" for i in range(queues)], per_queue),
        "offered": load[: per_queue * queues] * 900 / aht,
        "aht_s": aht,
    })


def main() -> None:
    cli = sys.argv[1] if len(sys.argv) > 1 else "build/release/src/cli/wfm"
    rows = int(os.environ.get("ROWS", "100000"))
    df = table(rows)
    targets = dict(sl=0.8, threshold=20, patience=120, max_abandon=0.05)
    print(f"machine: {os.cpu_count()} CPUs; rows: {len(df)}")

    t = time.perf_counter()
    staffed = wfm.staff(df, **targets).intervals
    t_staff = time.perf_counter() - t

    t = time.perf_counter()
    loop = [wfm.erlang(calls=c, interval=900, aht=a, **targets)["agents"]
            for c, a in zip(df["offered"], df["aht_s"])]
    t_loop = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        df.to_csv(Path(tmp) / "d.csv", index=False)
        subprocess.run([cli, "staff", "--demand", str(Path(tmp) / "d.csv"), "--sl", "0.8",
                        "--threshold", "20", "--patience", "120", "--max-abandon", "0.05",
                        "--out", str(Path(tmp) / "p.csv")], check=True, capture_output=True)
        via_cli = pd.read_csv(Path(tmp) / "p.csv")
        t_cli = time.perf_counter() - t

    by_key = staffed.set_index([staffed["interval_start"].dt.strftime("%Y-%m-%dT%H:%M"),
                                "queue"])["agents"]
    cli_key = via_cli.set_index(["interval_start", "queue"])["agents"]
    df_key = pd.Series(loop, index=pd.MultiIndex.from_arrays([df["interval_start"], df["queue"]]))
    assert (by_key.sort_index() == cli_key.sort_index()).all(), "wfm.staff != CLI"
    assert (by_key.sort_index() == df_key.sort_index()).all(), "wfm.staff != loop"

    print("| way | seconds | solves/s |")
    print("|---|---:|---:|")
    for name, s in [("wfm.staff(DataFrame)", t_staff), ("Python loop over wfm.erlang", t_loop),
                    ("CSV + `wfm staff` + CSV", t_cli)]:
        print(f"| {name} | {s:.3f} | {len(df) / s:,.0f} |")


if __name__ == "__main__":
    main()
