"""Python module benchmark (issue 14): 100,000 Erlang A staffing solves from a DataFrame.

Three ways to do the same work on the same table (offered loads log-uniform 0.1-1,000 Erlangs,
AHT 180 s, patience 120 s, 80% in 20 s and at most 5% abandonment):
  wfm.staff    one call with the whole DataFrame (the library's parallel pipeline)
  loop         a Python loop calling wfm.erlang once per row
  CLI          the DataFrame written to CSV, `wfm staff` run on it, its CSV read back
The three must give the same agents (checked). Then Erlang C (no patience, 80% in 20 s), which a
pure-Python loop can do without wfm (the Erlang B recurrence, as pyworkforce-style code does):
wfm.staff against that loop, again checked equal.

  PYTHONPATH=build/release/python /usr/bin/python3 bench/python_bench.py build/release/src/cli/wfm
Environment: ROWS (default 100000).
"""

import math
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


def erlang_c_agents(load: float, aht: float, sl: float, threshold: float) -> int:
    """Pure Python: the fewest agents with Erlang C service level >= sl (B recurrence from 0)."""
    if load == 0:
        return 0
    b, n = 1.0, 0
    while True:
        n += 1
        b = load * b / (n + load * b)
        if n > load:
            c = n * b / (n - load * (1 - b))
            if 1 - c * math.exp(-(n - load) * threshold / aht) >= sl:
                return n


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

    t = time.perf_counter()
    staffed_c = wfm.staff(df, sl=0.8, threshold=20).intervals
    t_staff_c = time.perf_counter() - t
    t = time.perf_counter()
    pure = [erlang_c_agents(c * a / 900, a, 0.8, 20) for c, a in zip(df["offered"], df["aht_s"])]
    t_pure = time.perf_counter() - t
    c_key = staffed_c.set_index([staffed_c["interval_start"].dt.strftime("%Y-%m-%dT%H:%M"),
                                 "queue"])["agents"]
    pure_key = pd.Series(pure, index=df_key.index)
    assert (c_key.sort_index() == pure_key.sort_index()).all(), "wfm.staff != pure Python"

    print("| model | way | seconds | solves/s |")
    print("|---|---|---:|---:|")
    for model, name, s in [("erlang-a", "wfm.staff(DataFrame)", t_staff),
                           ("erlang-a", "Python loop over wfm.erlang", t_loop),
                           ("erlang-a", "CSV + `wfm staff` + CSV", t_cli),
                           ("erlang-c", "wfm.staff(DataFrame)", t_staff_c),
                           ("erlang-c", "pure-Python loop (Erlang B recurrence)", t_pure)]:
        print(f"| {model} | {name} | {s:.3f} | {len(df) / s:,.0f} |")


if __name__ == "__main__":
    main()
