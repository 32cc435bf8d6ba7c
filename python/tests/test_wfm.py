"""Tests of the Python module: every function against the wfm command on the same input (equal
numbers), bad input raising wfm.InputError with the command's message, DataFrame round trips and
repeated calls without growth. Run by ctest (test "python") with PYTHONPATH at the build tree's
python/ folder, WFM_BIN the command and WFM_SOURCE_DIR the checkout."""

import datetime
import json
import os
import resource
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import wfm

ROOT = Path(os.environ.get("WFM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
WFM = os.environ.get("WFM_BIN", str(ROOT / "build/release/src/cli/wfm"))
HISTORY = ROOT / "data/sample/history.csv"


def run_cli(*args, cwd=None):
    p = subprocess.run([WFM, *map(str, args)], capture_output=True, text=True, cwd=cwd)
    assert p.returncode == 0, p.stderr
    return p.stdout


def written(df):
    """`df` as a wfm CSV file holds it: numbers rounded to 9 significant digits (docs/formats.md,
    "CSV in general"; Python's "{:.9g}" rounds correctly, as the C++ writer does). The module's
    results are compared with the command's files at that precision, exactly."""
    out = df.copy()
    for name in out.columns:
        if out[name].dtype == "float64":
            out[name] = [v if pd.isna(v) else float(f"{v:.9g}") for v in out[name]]
    return out


def read(path, like):
    """The command's CSV file read by pandas, in the column types of the module's `like` (the
    values are then compared exactly with written(like))."""
    df = pd.read_csv(path, keep_default_na=False, na_values=[""], float_precision="round_trip")
    assert list(df.columns) == list(like.columns)
    return df.astype(like.dtypes.to_dict())


def test_erlang_equals_the_command():
    cases = [
        dict(cli=["--calls", 100, "--interval", "30m", "--aht", 180, "--sl", "80%",
                  "--threshold", "20s"],
             py=dict(calls=100, interval="30m", aht=180, sl="80%", threshold="20s")),
        dict(cli=["--calls", 100, "--interval", "30m", "--aht", "3m", "--patience", "2m",
                  "--sl", 0.8, "--max-abandon", "5%", "--shrinkage", 0.3],
             py=dict(calls=100, interval=pd.Timedelta(minutes=30), aht="3m", patience="2m",
                     sl=0.8, max_abandon="5%", shrinkage=0.3)),
        dict(cli=["--calls", 100, "--interval", "30m", "--aht", "3m", "--agents", 12],
             py=dict(calls=100, interval="30m", aht="3m", agents=12)),
        dict(cli=["--calls", 100, "--interval", "30m", "--aht", "3m", "--model", "erlang-b",
                  "--max-blocking", "1%"],
             py=dict(calls=100, interval="30m", aht="3m", model="erlang-b", max_blocking=0.01)),
        dict(cli=["--calls", 20000, "--interval", "30m", "--aht", 1800, "--sl", 0.8,
                  "--fractional"],
             py=dict(calls=20000, interval=1800, aht=1800, sl=0.8, fractional=True)),
        dict(cli=["--calls", 300, "--interval", "30m", "--aht", "3m", "--model", "erlang-x",
                  "--patience", "2m", "--lines", 40, "--redial-prob", 0.3, "--redial-delay", "5m",
                  "--forecast-cv", 0.1, "--sl", 0.8, "--max-blocking", "2%"],
             py=dict(calls=300, interval="30m", aht="3m", model="erlang-x", patience="2m",
                     lines=40, redial_prob="30%", redial_delay="5m", forecast_cv=0.1, sl=0.8,
                     max_blocking="2%")),
        dict(cli=["--calls", 200, "--interval", "30m", "--aht", "3m", "--model", "chat",
                  "--patience", "5m", "--concurrency", 3, "--aht-by-concurrency", "3m,3.5m,4m",
                  "--sl", 0.8, "--threshold", "60s"],
             py=dict(calls=200, interval="30m", aht="3m", model="chat", patience="5m",
                     concurrency=3, aht_by_concurrency=["3m", "3.5m", 240], sl=0.8,
                     threshold="60s")),
    ]
    for case in cases:
        expected = json.loads(run_cli("erlang", *case["cli"], "--json"))
        got = wfm.erlang(**case["py"])
        assert got == expected, case


def erlang_c_sl(load, agents, aht_s, threshold_s):
    """Erlang C service level in plain Python, an independent method: the Erlang B recurrence
    1/B(n) = 1 + n/(A B(n-1)), C = N B / (N - A (1 - B)), SL = 1 - C exp(-(N - A) T / AHT)
    (Cooper, Introduction to Queueing Theory, 2nd ed., sections 3.4 and 3.5)."""
    import math
    b = 1.0
    for n in range(1, agents + 1):
        b = load * b / (n + load * b)
    c = agents * b / (agents - load * (1 - b))
    return 1 - c * math.exp(-(agents - load) * threshold_s / aht_s)


def test_erlang_against_an_independent_formula():
    # 100 calls in 30 minutes at 180 s: 10 Erlangs. The fewest agents with SL >= 80% in 20 s.
    load = 100 * 180 / 1800
    expected = next(n for n in range(11, 40) if erlang_c_sl(load, n, 180, 20) >= 0.8)
    r = wfm.erlang(calls=100, interval="30m", aht=180, sl=0.8, threshold=20)
    assert r["offered_load_erlangs"] == pytest.approx(10.0)
    assert r["agents"] == expected
    assert r["service_level"] == pytest.approx(erlang_c_sl(load, expected, 180, 20), rel=1e-12)
    below = wfm.erlang(calls=100, interval="30m", aht=180, agents=expected - 1)
    assert below["service_level"] == pytest.approx(
        erlang_c_sl(load, expected - 1, 180, 20), rel=1e-12)
    assert below["service_level"] < 0.8


def test_staff_equals_the_command(tmp_path):
    out = tmp_path / "plan.csv"
    run_cli("staff", "--demand", HISTORY, "--sl", 0.8, "--threshold", "20s", "--shrinkage", 0.3,
            "--max-occupancy", 0.9, "--out", out)
    history = pd.read_csv(HISTORY)
    r = wfm.staff(history, sl=0.8, threshold="20s", shrinkage=0.3, max_occupancy="90%")
    pd.testing.assert_frame_equal(written(r.intervals), read(out, r.intervals), check_exact=True)
    pd.testing.assert_frame_equal(written(r.daily), read(tmp_path / "plan_daily.csv", r.daily),
                                  check_exact=True)
    assert r.totals["scheduled_agent_hours"] == pytest.approx(r.daily.loc[
        r.daily["queue"] == "*", "scheduled_agent_hours"].sum(), rel=1e-12)
    assert r.note is None


def test_staff_erlang_a_with_cost_equals_the_command(tmp_path):
    out = tmp_path / "plan.csv"
    run_cli("staff", "--demand", HISTORY, "--sl", 0.8, "--patience", "90s", "--max-abandon",
            0.05, "--fte-hours-week", 40, "--out", out)
    r = wfm.staff(pd.read_csv(HISTORY), sl=0.8, patience="90s", max_abandon=0.05,
                  fte_hours_week=40, cost_per_agent_hour=25.0)
    pd.testing.assert_frame_equal(written(r.intervals), read(out, r.intervals), check_exact=True)
    assert r.totals["cost"] == pytest.approx(25.0 * r.totals["scheduled_agent_hours"])


def test_staff_takes_datetimes_and_an_index():
    history = pd.read_csv(HISTORY)
    as_text = wfm.staff(history, sl=0.8).intervals
    dated = history.assign(interval_start=pd.to_datetime(history["interval_start"]))
    pd.testing.assert_frame_equal(wfm.staff(dated, sl=0.8).intervals, as_text)
    indexed = dated.set_index(["interval_start", "queue"])
    pd.testing.assert_frame_equal(wfm.staff(indexed, sl=0.8).intervals, as_text)


def test_staff_by_simulation_is_reproducible():
    history = pd.read_csv(HISTORY)
    day = history[history["interval_start"].str.startswith("2024-03-04")]
    a = wfm.staff(day, sl=0.8, method="sim", replications=10, seed=3)
    b = wfm.staff(day, sl=0.8, method="sim", replications=10, seed=3)
    pd.testing.assert_frame_equal(a.intervals, b.intervals, check_exact=True)
    assert "analytic_agents" in a.intervals.columns


def test_bad_dataframe_names_the_row_and_column():
    history = pd.read_csv(HISTORY).head(5)
    history.loc[1, "offered"] = -3  # the second row: line 3 (the header is line 1)
    with pytest.raises(wfm.InputError, match=r"demand_df:3: column 'offered'"):
        wfm.staff(history, sl=0.8, name="demand_df")
    with pytest.raises(ValueError):  # InputError is a ValueError
        wfm.staff(history, sl=0.8)


@pytest.mark.parametrize("kwargs, message", [
    (dict(sl=1.5), "sl"),
    (dict(sl="eighty"), "sl: expected a fraction"),
    (dict(sl=0.8, model="erlang-z"), "erlang-b, erlang-c, erlang-a, erlang-x, chat or blend"),
    (dict(sl=0.8, threshold="soon"), "threshold: expected a duration"),
    (dict(sl=0.8, max_abandon=0.05), "patience"),
    (dict(sl=0.8, shrinkage=1), "shrinkage"),
    (dict(), "target"),
])
def test_bad_targets_raise_input_error(kwargs, message):
    with pytest.raises(wfm.InputError, match=message):
        wfm.erlang(calls=100, interval="30m", aht=180, **kwargs)


def test_bad_arguments_raise_input_error():
    with pytest.raises(wfm.InputError, match="aht: required"):
        wfm.erlang(calls=100, interval="30m", sl=0.8)
    with pytest.raises(wfm.InputError, match="calls"):
        wfm.erlang(calls=-1, interval="30m", aht=180, sl=0.8)
    with pytest.raises(wfm.InputError, match="expected a pandas DataFrame"):
        wfm.staff([1, 2, 3], sl=0.8)
    with pytest.raises(wfm.InputError, match="horizon"):
        wfm.forecast(pd.read_csv(HISTORY), horizon="soon")


def test_forecast_equals_the_command(tmp_path):
    out = tmp_path / "forecast.csv"
    run_cli("forecast", "--history", HISTORY, "--horizon", "7d", "--method", "weekday-avg",
            "--level", "80,95", "--out", out)
    r = wfm.forecast(pd.read_csv(HISTORY), horizon="7d", method="weekday-avg", levels=[80, 95])
    pd.testing.assert_frame_equal(written(r.table), read(out, r.table), check_exact=True)
    assert set(r.backtest["queue"]) == {"sales", "support", "billing"}
    assert r.backtest["chosen"].all() and (r.backtest["method"] == "weekday-avg").all()
    assert (r.backtest["wape"] > 0).all()


def test_forecast_auto_reports_every_candidate():
    r = wfm.forecast(pd.read_csv(HISTORY), horizon="7d")
    per_queue = r.backtest.groupby("queue")
    assert (per_queue["chosen"].sum() == 1).all()
    best = r.backtest.loc[r.backtest.groupby("queue")["mase"].idxmin()]
    assert best["chosen"].all()


def test_plan_equals_the_command(tmp_path):
    scenario = ROOT / "scenarios/sample.toml"
    run_cli("plan", scenario, "--out", tmp_path / "out", cwd=ROOT)
    os.chdir(ROOT)  # the scenario's relative paths
    r = wfm.plan(scenario)
    pd.testing.assert_frame_equal(written(r.staffing), read(tmp_path / "out/staffing.csv", r.staffing),
                                  check_exact=True)
    pd.testing.assert_frame_equal(written(r.forecast), read(tmp_path / "out/forecast.csv", r.forecast),
                                  check_exact=True)
    pd.testing.assert_frame_equal(written(r.simulation), read(tmp_path / "out/simulation.csv", r.simulation),
                                  check_exact=True)
    summary = json.loads((tmp_path / "out/summary.json").read_text())
    assert r.summary["overall"] == summary["overall"]


def test_plan_with_an_email_queue_has_its_backlog_columns():
    os.chdir(ROOT)
    r = wfm.plan(ROOT / "scenarios/backoffice.toml", simulate=False)
    billing = r.staffing[r.staffing["queue"] == "billing"]
    voice = r.staffing[r.staffing["queue"] != "billing"]
    assert len(billing) > 0 and billing["backlog_items"].notna().all()
    assert voice["backlog_items"].isna().all()
    engines = {q["queue"]: q["engine"] for q in r.summary["queues"]}
    assert engines == {"sales": "blend", "support": "erlang-a", "billing": "backlog"}


def test_plan_from_toml_text_reports_the_key():
    with pytest.raises(wfm.InputError, match=r"mine.toml:3: targets.service_levl: unknown key"):
        wfm.plan("mine.toml", toml='name = "x"\n[targets]\nservice_levl = 0.8\n')


def test_repeated_calls_do_not_grow_memory():
    history = pd.read_csv(HISTORY).head(300)
    for _ in range(50):
        wfm.staff(history, sl=0.8)
        wfm.erlang(calls=100, interval="30m", aht=180, sl=0.8)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(500):
        wfm.staff(history, sl=0.8)
        try:
            wfm.erlang(calls=-1, interval="30m", aht=180, sl=0.8)
        except wfm.InputError:
            pass
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert after - before < 20_000  # kB: 500 calls leaking even 40 kB each would show


def test_help_reads_well():
    for f in (wfm.erlang, wfm.staff, wfm.forecast, wfm.plan):
        assert f.__doc__ and len(f.__doc__.splitlines()) > 5
    assert "erlang-a" in wfm.engine_names()
    assert "auto" in wfm.forecast_methods()


def test_dataframe_round_trip_is_exact():
    # Doubles cross as shortest round-trip text both ways: the calls staffed are the DataFrame's
    # values to the last bit, even when they have 17 significant digits.
    history = pd.read_csv(HISTORY, usecols=["interval_start", "queue", "offered", "aht_s"])
    history = history.head(60)
    history["offered"] = history["offered"] / 3.0
    r = wfm.staff(history, sl=0.8)
    got = r.intervals.set_index([r.intervals["interval_start"].dt.strftime("%Y-%m-%dT%H:%M"),
                                 "queue"])["calls"]
    want = history.set_index(["interval_start", "queue"])["offered"]
    assert (got.sort_index().values == want.sort_index().values).all()


def test_accuracy_equals_the_command(tmp_path):
    history = pd.read_csv(HISTORY)
    dates = history["interval_start"].str[:10]
    train, held_out = history[dates < "2024-03-25"], history[dates >= "2024-03-25"]
    train.to_csv(tmp_path / "train.csv", index=False)
    held_out.to_csv(tmp_path / "actuals.csv", index=False)
    fc = wfm.forecast(train, horizon="6d", method="weekday-avg")
    fc.table.assign(interval_start=fc.table["interval_start"].dt.strftime("%Y-%m-%dT%H:%M")).to_csv(
        tmp_path / "forecast.csv", index=False)
    run_cli("accuracy", "--forecast", tmp_path / "forecast.csv", "--actuals",
            tmp_path / "actuals.csv", "--history", tmp_path / "train.csv", "--by", "day,queue",
            "--out", tmp_path / "acc.csv")
    r = wfm.accuracy(fc.table, held_out, history=train, by=["day", "queue"])
    pd.testing.assert_frame_equal(written(r.table), read(tmp_path / "acc.csv", r.table), check_exact=True)
    assert r.table.iloc[0]["date"] == "all" and r.pairing["pairs"] > 0
    # The overall WAPE recomputed with pandas from the paired intervals.
    merged = fc.table.assign(interval_start=fc.table["interval_start"].dt.strftime(
        "%Y-%m-%dT%H:%M")).merge(held_out, on=["interval_start", "queue"])
    wape = (merged["calls"] - merged["offered"]).abs().sum() / merged["offered"].sum()
    assert r.table.iloc[0]["wape"] == pytest.approx(wape, rel=1e-12)
    with pytest.raises(wfm.InputError, match="by"):
        wfm.accuracy(fc.table, held_out, by="month")


def test_simulate_equals_the_command(tmp_path):
    history = pd.read_csv(HISTORY)
    days = history[history["interval_start"].str[:10].isin(["2024-03-04", "2024-03-05"])]
    days.to_csv(tmp_path / "demand.csv", index=False)
    run_cli("staff", "--demand", tmp_path / "demand.csv", "--sl", 0.8, "--out",
            tmp_path / "plan.csv")
    run_cli("simulate", "--demand", tmp_path / "demand.csv", "--staffing", tmp_path / "plan.csv",
            "--patience", "2m", "--aht-dist", "lognormal", "--aht-cv", 0.8, "--replications", 12,
            "--seed", 7, "--out", tmp_path / "sim.csv", "--daily-out", tmp_path / "daily.csv")
    staffing = wfm.staff(days, sl=0.8).intervals
    r = wfm.simulate(days, staffing, patience="2m", aht_dist="lognormal", aht_cv=0.8,
                     replications=12, seed=7)
    pd.testing.assert_frame_equal(written(r.intervals), read(tmp_path / "sim.csv", r.intervals),
                                  check_exact=True)
    pd.testing.assert_frame_equal(written(r.daily), read(tmp_path / "daily.csv", r.daily),
                                  check_exact=True)
    assert r.summary["replications"] == 12 and r.summary["queue_days"] == 6
    # Staffed with Erlang C (callers wait forever) and simulated with patience: callers who hang
    # up shorten the queue, so the simulated day meets the 80% it was staffed for.
    assert r.summary["total"]["service_level"] > 0.8


def test_simulate_lines_equals_the_command(tmp_path):
    day = pd.read_csv(HISTORY).head(48)
    day.to_csv(tmp_path / "demand.csv", index=False)
    run_cli("simulate", "--demand", tmp_path / "demand.csv", "--agents", 12, "--lines", 14,
            "--patience", "1m", "--redial-prob", 0.3, "--replications", 6, "--seed", 3,
            "--out", tmp_path / "sim.csv")
    r = wfm.simulate(day, agents=12, lines=14, patience="1m", redial_prob=0.3, replications=6,
                     seed=3)
    pd.testing.assert_frame_equal(written(r.intervals), read(tmp_path / "sim.csv", r.intervals),
                                  check_exact=True)
    assert r.intervals["blocked"].sum() > 0
    assert (wfm.simulate(day, agents=12, patience="1m", replications=6, seed=3)
            .intervals["blocked"] == 0).all()
    with pytest.raises(wfm.InputError, match="lines"):
        wfm.simulate(day, agents=12, lines=0)


def test_simulate_chat_equals_the_command(tmp_path):
    day = pd.read_csv(HISTORY).head(48)
    day.to_csv(tmp_path / "demand.csv", index=False)
    run_cli("simulate", "--demand", tmp_path / "demand.csv", "--agents", 5, "--concurrency", 3,
            "--aht-by-concurrency", "3m,3.5m,4m", "--patience", "5m", "--threshold", "1m",
            "--replications", 6, "--seed", 3, "--out", tmp_path / "sim.csv")
    r = wfm.simulate(day, agents=5, concurrency=3, aht_by_concurrency=["3m", "3.5m", "4m"],
                     patience="5m", threshold="1m", replications=6, seed=3)
    pd.testing.assert_frame_equal(written(r.intervals), read(tmp_path / "sim.csv", r.intervals),
                                  check_exact=True)
    voice = wfm.simulate(day, agents=5, patience="5m", threshold="1m", replications=6, seed=3)
    # Three chats per agent answer more than one call per agent.
    assert r.intervals["answered"].sum() > 1.5 * voice.intervals["answered"].sum()
    with pytest.raises(wfm.InputError, match="aht-by-concurrency|aht_by_concurrency"):
        wfm.simulate(day, agents=5, aht_by_concurrency=["3m", "10m"])


def test_simulate_blend_equals_the_command(tmp_path):
    day = pd.read_csv(HISTORY).head(48)
    day.to_csv(tmp_path / "demand.csv", index=False)
    run_cli("simulate", "--demand", tmp_path / "demand.csv", "--agents", 20,
            "--outbound-threshold", 2, "--outbound-aht", "10m", "--patience", "3m",
            "--replications", 6, "--seed", 3, "--out", tmp_path / "sim.csv")
    r = wfm.simulate(day, agents=20, outbound_threshold=2, outbound_aht="10m", patience="3m",
                     replications=6, seed=3)
    pd.testing.assert_frame_equal(written(r.intervals), read(tmp_path / "sim.csv", r.intervals),
                                  check_exact=True)
    assert r.intervals["outbound"].sum() > 0
    assert (r.intervals["total_occupancy"] >= r.intervals["occupancy"]).all()
    with pytest.raises(wfm.InputError, match="outbound_threshold"):
        wfm.simulate(day, agents=20, outbound_aht="10m")


def test_simulate_constant_agents_and_bad_input():
    day = pd.read_csv(HISTORY).head(30)
    r = wfm.simulate(day, agents=20, replications=5, seed=1)
    assert (r.intervals["agents"] == 20).all()
    assert r.intervals.equals(wfm.simulate(day, agents=20, replications=5, seed=1).intervals)
    with pytest.raises(wfm.InputError, match="either staffing"):
        wfm.simulate(day, replications=5)
    with pytest.raises(wfm.InputError, match="aht_dist"):
        wfm.simulate(day, agents=20, aht_dist="uniform")
    with pytest.raises(wfm.InputError, match="replications"):
        wfm.simulate(day, agents=20, replications=1)


def test_type_stubs_match_the_extension():
    import re
    stub = (Path(wfm.__file__).parent / "_wfm.pyi").read_text()
    stubbed = set(re.findall(r"^def (\w+)\(", stub, flags=re.M))
    native = {n for n in dir(wfm._wfm) if not n.startswith("_") and callable(getattr(wfm._wfm, n))}
    assert stubbed == native - {"InputError"}
    assert (Path(wfm.__file__).parent / "py.typed").exists()


def test_plan_from_a_dict_equals_the_file():
    import tomllib
    os.chdir(ROOT / "scenarios")  # the scenario's relative paths (extends, history)
    as_dict = tomllib.loads((ROOT / "scenarios/sample.toml").read_text())
    from_dict = wfm.plan(as_dict, simulate=False)
    from_file = wfm.plan(ROOT / "scenarios/sample.toml", simulate=False)
    pd.testing.assert_frame_equal(from_dict.staffing, from_file.staffing, check_exact=True)
    assert from_dict.summary["overall"] == from_file.summary["overall"]
    bad = dict(as_dict, forecast={"method": "auto", "horizon": "seven days"})
    with pytest.raises(wfm.InputError, match=r"mine:\d+: forecast.horizon"):
        wfm.plan(bad, name="mine")
    with pytest.raises(wfm.InputError, match="expected a string, number"):
        wfm.plan({"name": object()})


def test_progress_reports_and_can_stop():
    history = pd.read_csv(HISTORY)
    days = history[history["interval_start"].str[:10].isin(["2024-03-04", "2024-03-05"])]
    seen = []
    r = wfm.simulate(days, agents=20, replications=4, seed=1,
                     progress=lambda done, total: seen.append((done, total)))
    # Units of work: queue-days times replications.
    assert seen and seen[-1][0] == seen[-1][1] == r.summary["queue_days"] * 4
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    def stop(done, total):
        raise KeyboardInterrupt("enough")
    with pytest.raises(wfm.InputError, match="progress callback raised"):
        wfm.staff(days, sl=0.8, method="sim", replications=4, progress=stop)
    with pytest.raises(wfm.InputError, match="progress: expected"):
        wfm.simulate(days, agents=20, progress="yes")


def test_dataframe_columns_cross_as_the_loader_expects():
    history = pd.read_csv(HISTORY, usecols=["interval_start", "queue", "offered", "aht_s"]).head(8)
    # Integer counts, a missing AHT where nothing was offered, datetimes: all read as in a file.
    frame = history.assign(offered=history["offered"].round().astype("int64"),
                           interval_start=pd.to_datetime(history["interval_start"]))
    frame.loc[0, ["offered", "aht_s"]] = [0, float("nan")]
    r = wfm.staff(frame, sl=0.8)
    assert r.intervals.loc[0, "calls"] == 0 and r.intervals["calls"].dtype == "float64"
    assert r.intervals["interval_start"].dtype == "datetime64[ns]"
    assert r.intervals["meets_targets"].dtype == bool
    # A sub-second time is not rounded away: the loader rejects it at its line.
    late = frame.copy()
    late.loc[2, "interval_start"] += pd.Timedelta(milliseconds=500)
    with pytest.raises(wfm.InputError, match=r"DataFrame:4: column 'interval_start'"):
        wfm.staff(late, sl=0.8)
    # A missing queue name and an infinite count are errors at their lines, as in a file.
    gap = history.copy()
    gap.loc[1, "queue"] = None
    with pytest.raises(wfm.InputError, match=r"DataFrame:3: column 'queue'"):
        wfm.staff(gap, sl=0.8)
    huge = history.copy()
    huge.loc[4, "offered"] = float("inf")
    with pytest.raises(wfm.InputError, match=r"DataFrame:6: column 'offered'"):
        wfm.staff(huge, sl=0.8)


def test_synth_and_backtest_equal_the_command(tmp_path):
    run_cli("synth", "--weeks", 7, "--seed", 42, "--queues", "sales,support", "--out",
            tmp_path / "h.csv")
    history = wfm.synth(weeks=7, seed=42, queues=["sales", "support"])
    pd.testing.assert_frame_equal(written(history), read(tmp_path / "h.csv", history), check_exact=True)
    assert history["interval_start"].dtype == "datetime64[ns]"

    run_cli("backtest", "--history", tmp_path / "h.csv", "--method", "weekday-avg,snaive",
            "--origins", 3, "--horizon", "7d", "--out", tmp_path / "bt.csv")
    bt = wfm.backtest(history, method="weekday-avg,snaive", origins=3, horizon="7d")
    want = read(tmp_path / "bt.csv", bt)
    timing = ["seconds"]  # fitting time, measured
    pd.testing.assert_frame_equal(written(bt).drop(columns=timing), want.drop(columns=timing),
                                  check_exact=True)
    assert set(bt["queue"]) == {"sales", "support"} and (bt["folds"] == 3).all()
    with pytest.raises(wfm.InputError, match="unknown forecasting method 'magic'"):
        wfm.backtest(history, method="weekday-avg+magic")
    with pytest.raises(wfm.InputError, match="interval"):
        wfm.synth(interval="7m")


def ramp_requirements():
    """Two weekdays 08:00-20:00 of 15-minute requirements for the support queue: a ramp to 12
    agents at midday, 8 in the afternoon, 4 in the evening (as tests/cli/schedule_test.sh)."""
    rows = []
    for day in ["2024-03-04", "2024-03-05"]:
        for h in range(8, 20):
            for m in (0, 15, 30, 45):
                a = h - 4 if h < 10 else 12 if h < 15 else 8 if h < 17 else 4
                rows.append((f"{day}T{h:02d}:{m:02d}", "support", a))
    return pd.DataFrame(rows, columns=["interval_start", "queue", "agents"])


def test_schedule_equals_the_command(tmp_path):
    # Two weekdays 08:00-20:00: a ramp to 12 agents at midday, 4 in the evening (as
    # tests/cli/schedule_test.sh), and calls at twice the agents with 300 s handle time.
    req = ramp_requirements()
    req.to_csv(tmp_path / "req.csv", index=False)
    demand = req.rename(columns={"agents": "offered"}).assign(offered=req["agents"] * 2, aht_s=300)
    demand.to_csv(tmp_path / "demand.csv", index=False)
    rules = ROOT / "data/sample/shifts.toml"
    run_cli("schedule", "--requirements", tmp_path / "req.csv", "--rules", rules, "--out",
            tmp_path / "s.csv", "--coverage-out", tmp_path / "c.csv", "--time-limit", "10s",
            "--demand", tmp_path / "demand.csv", "--replications", 5, "--seed", 3)
    r = wfm.schedule(req, rules, time_limit="10s", demand=demand, replications=5, seed=3)
    pd.testing.assert_frame_equal(written(r.shifts), read(tmp_path / "s.csv", r.shifts), check_exact=True)
    pd.testing.assert_frame_equal(written(r.coverage), read(tmp_path / "c.csv", r.coverage),
                                  check_exact=True)
    assert len(r.days) == 2 and (r.days["under_hours"] == 0).all()
    assert (r.coverage["on_phone"] == r.coverage["on_shift"] - r.coverage["on_break"]).all()
    # Paid hours recounted from the shifts, and the cost no lower than CBC's bound.
    assert r.days["paid_hours"].sum() == pytest.approx(r.shifts["paid_hours"].sum(), rel=1e-12)
    assert (r.days["cost"] >= r.days["best_bound"] - 1e-6).all()
    with pytest.raises(wfm.InputError, match=r"mine.toml:\d+"):
        wfm.schedule(req, "mine.toml", toml="[[shift]]\nname = 3\n")


def test_backlog_equals_the_command(tmp_path):
    # The bundled email sample: staffing for 90% within 4 business hours, 08:00-18:00 weekdays,
    # equal to `wfm backlog`'s file; the projection of that staffing gives it back.
    sample = ROOT / "data/sample/email.csv"
    run_cli("backlog", "--demand", sample, "--target", "90%", "--within", "4h", "--open",
            "08:00-18:00", "--days", "mon-fri", "--out", tmp_path / "b.csv")
    demand = pd.read_csv(sample)
    r = wfm.backlog(demand, target=0.9, within="4h", open="08:00-18:00", days="mon-fri")
    pd.testing.assert_frame_equal(written(r.table), read(tmp_path / "b.csv", r.table), check_exact=True)
    assert r.overall["feasible"] and r.overall["fraction_within_target"] >= 0.9
    assert r.overall["agent_hours"] == pytest.approx(sum(q["agent_hours"] for q in r.queues))
    staffing = r.table[["interval_start", "queue", "agents"]] if "queue" in r.table else \
        r.table[["interval_start", "agents"]]
    p = wfm.backlog(demand, target=0.9, within="4h", open="08:00-18:00", days="mon-fri",
                    agents=staffing)
    pd.testing.assert_frame_equal(p.table, r.table, check_exact=True)
    with pytest.raises(wfm.InputError, match="days"):
        wfm.backlog(demand, within="4h", days="mo-fr")
    with pytest.raises(wfm.InputError, match="open"):
        wfm.backlog(demand, within="4h", open="18:00-08:00")

    # Simulated item by item: the command's file and JSON, for the same seed.
    cli = json.loads(run_cli("backlog", "--demand", sample, "--target", "90%", "--within", "4h",
                             "--open", "08:00-18:00", "--days", "mon-fri", "--out",
                             tmp_path / "s.csv", "--simulate", "--replications", 5, "--seed", 7,
                             "--json"))
    s = wfm.backlog(demand, target=0.9, within="4h", open="08:00-18:00", days="mon-fri",
                    simulate=True, replications=5, seed=7)
    assert "sim_in_target" in s.table.columns
    pd.testing.assert_frame_equal(written(s.table), read(tmp_path / "s.csv", s.table), check_exact=True)
    assert s.overall["simulated"]["fraction_within_target"] == pytest.approx(
        cli["overall"]["simulated"]["fraction_within_target"], rel=1e-12)
    for mine, theirs in zip(s.queues, cli["queues"]):
        assert mine["queue"] == theirs["queue"]
        assert mine["simulated"] == pytest.approx(theirs["simulated"], rel=1e-12)
    with pytest.raises(wfm.InputError, match="replications"):
        wfm.backlog(demand, within="4h", replications=5)


def test_backlog_opening_and_closed_equal_the_command(tmp_path):
    # An opening backlog (by age and by arrival time) and two holidays, as `wfm backlog
    # --opening-backlog --closed`: the same file and figures; the opening items apart.
    sample = ROOT / "data/sample/email.csv"
    opening = pd.DataFrame({"queue": ["orders", "returns"], "items": [340.0, 45.0],
                            "arrived": pd.to_datetime(["2024-03-01T12:00", "2024-03-01T16:30"]),
                            "aht_s": [420.0, 300.0]})
    opening.to_csv(tmp_path / "opening.csv", index=False, date_format="%Y-%m-%dT%H:%M")
    cli = json.loads(run_cli("backlog", "--demand", sample, "--target", "90%", "--within", "4h",
                             "--open", "08:00-18:00", "--days", "mon-fri", "--out",
                             tmp_path / "b.csv", "--opening-backlog", tmp_path / "opening.csv",
                             "--closed", "2024-03-06,2024-03-13", "--json"))
    demand = pd.read_csv(sample)
    r = wfm.backlog(demand, target=0.9, within="4h", open="08:00-18:00", days="mon-fri",
                    opening=opening, closed=["2024-03-06", datetime.date(2024, 3, 13)])
    pd.testing.assert_frame_equal(written(r.table), read(tmp_path / "b.csv", r.table), check_exact=True)
    assert r.overall.keys() == cli["overall"].keys()
    for key, value in cli["overall"].items():
        assert r.overall[key] == (pytest.approx(value, rel=1e-12) if isinstance(value, float) else value), key
    orders = next(q for q in r.queues if q["queue"] == "orders")
    # Friday 12:00-18:00 is 6 business hours: overdue for 4 h. Returns: 16:30-18:00, 2.5 h left.
    assert orders["opening_items"] == 340 and orders["opening_overdue_items"] == 340
    returns = next(q for q in r.queues if q["queue"] == "returns")
    assert returns["opening_overdue_items"] == 0 and returns["opening_due"] == 45
    assert r.overall["opening_items"] == 385
    wednesday = r.table[r.table["interval_start"].dt.strftime("%Y-%m-%d") == "2024-03-06"]
    assert len(wednesday) == 96 and not wednesday["open"].any() and (wednesday["agents"] == 0).all()
    with pytest.raises(wfm.InputError, match="closed"):
        wfm.backlog(demand, within="4h", closed=["2024-02-30"])
    with pytest.raises(wfm.InputError, match="closed"):
        wfm.backlog(demand, within="4h", closed="2024-03-06")
    with pytest.raises(wfm.InputError, match="opening:2: column 'items'"):
        wfm.backlog(demand, within="4h", opening=pd.DataFrame({"queue": ["orders"], "items": [-1.0],
                                                               "age_s": [0.0], "aht_s": [300.0]}))

def test_backlog_by_simulation_with_opening_and_closed_equals_the_command(tmp_path):
    # method="sim" with an opening backlog and a holiday, as `wfm backlog --method sim
    # --opening-backlog --closed`: the same file and figures; nine business days, each meeting
    # 90%; the returns' 45 opening items (not overdue) meet it too, reported apart.
    sample = ROOT / "data/sample/email.csv"
    opening = pd.DataFrame({"queue": ["orders", "returns"], "items": [340.0, 45.0],
                            "age_s": [21600.0, 3600.0], "aht_s": [420.0, 300.0]})
    opening.to_csv(tmp_path / "opening.csv", index=False)
    cli = json.loads(run_cli("backlog", "--demand", sample, "--target", "90%", "--within", "4h",
                             "--open", "08:00-18:00", "--days", "mon-fri", "--out",
                             tmp_path / "m.csv", "--method", "sim", "--replications", 4,
                             "--seed", 5, "--opening-backlog", tmp_path / "opening.csv",
                             "--closed", "2024-03-06", "--json"))
    demand = pd.read_csv(sample)
    m = wfm.backlog(demand, target=0.9, within="4h", open="08:00-18:00", days="mon-fri",
                    method="sim", replications=4, seed=5, opening=opening,
                    closed=[datetime.date(2024, 3, 6)])
    pd.testing.assert_frame_equal(written(m.table), read(tmp_path / "m.csv", m.table), check_exact=True)
    for mine, theirs in zip(m.queues, cli["queues"]):
        assert mine["by_simulation"] == theirs["by_simulation"]
        assert mine["opening_items"] == theirs["opening_items"]
        b = mine["by_simulation"]
        assert b["met"] and b["days"] == 9 and all(d["date"] != "2024-03-06" for d in b["by_day"])
    returns = next(q for q in m.queues if q["queue"] == "returns")["by_simulation"]
    assert returns["opening_target_items"] == 45 and returns["opening_met"]
    assert returns["opening_compared"] >= 0.9
    assert m.overall["opening_items"] == 385 and m.overall["by_simulation"]["met"]


def test_backlog_by_simulation_equals_the_command(tmp_path):
    # Staffing by simulation (method="sim", `wfm backlog --method sim`): the command's file and
    # JSON for the same seed; every business day meets 90% in simulation, with more agent-hours
    # than the fluid staffing, which misses.
    sample = ROOT / "data/sample/email.csv"
    cli = json.loads(run_cli("backlog", "--demand", sample, "--target", "90%", "--within", "4h",
                             "--open", "08:00-18:00", "--days", "mon-fri", "--out",
                             tmp_path / "m.csv", "--method", "sim", "--replications", 6,
                             "--seed", 5, "--json"))
    demand = pd.read_csv(sample)
    m = wfm.backlog(demand, target=0.9, within="4h", open="08:00-18:00", days="mon-fri",
                    method="sim", replications=6, seed=5)
    assert "fluid_agents" in m.table.columns and "sim_in_target" in m.table.columns
    pd.testing.assert_frame_equal(written(m.table), read(tmp_path / "m.csv", m.table), check_exact=True)
    assert (m.table["agents"] >= m.table["fluid_agents"]).all()
    for mine, theirs in zip(m.queues, cli["queues"]):
        assert mine["by_simulation"] == theirs["by_simulation"]  # same doubles, same JSON
        b = mine["by_simulation"]
        assert b["met"] and all(d["compared"] >= 0.9 for d in b["by_day"])
        assert b["agent_hours"] > b["fluid_agent_hours"]
        assert b["fluid_simulated_fraction_within_target"] < 0.9
    o = m.overall["by_simulation"]
    assert o["met"] and o["agent_hours"] > o["fluid_agent_hours"]
    with pytest.raises(wfm.InputError, match="agents"):
        wfm.backlog(demand, target=0.9, within="4h", method="sim", agents=m.table[["interval_start", "queue", "agents"]])
    with pytest.raises(wfm.InputError, match="target below 1"):
        wfm.backlog(demand, within="4h", method="sim")
    with pytest.raises(wfm.InputError, match="sim_confidence"):
        wfm.backlog(demand, target=0.9, within="4h", sim_confidence=0.95)
    with pytest.raises(wfm.InputError, match="method"):
        wfm.backlog(demand, target=0.9, within="4h", method="erlang")


def test_schedule_roster_equals_the_command(tmp_path):
    # Two weekdays of requirements (as tests/cli/roster_test.sh) given to 12 full-time and 8
    # part-time agents; the module's roster is the command's roster.csv.
    req = ramp_requirements()
    req.to_csv(tmp_path / "req.csv", index=False)
    agents = pd.DataFrame(
        [(f"F{i}", 8, 40, 5, "tue" if i % 4 == 0 else None, None, None, f"0{8 + i % 2}:00")
         for i in range(1, 13)] +
        [(f"P{i}", 4, 8, 2, None, "12:00" if i % 2 == 0 else "08:00",
          "20:00" if i % 2 == 0 else "14:00", None) for i in range(1, 9)],
        columns=["agent", "min_hours", "max_hours", "max_days", "unavailable", "available_from",
                 "available_to", "preferred_start"])
    agents.to_csv(tmp_path / "agents.csv", index=False)
    rules = ROOT / "data/sample/shifts.toml"
    run_cli("schedule", "--requirements", tmp_path / "req.csv", "--rules", rules, "--out",
            tmp_path / "s.csv", "--time-limit", "10s", "--agents", tmp_path / "agents.csv",
            "--roster-out", tmp_path / "r.csv", "--roster-time-limit", "20s")
    r = wfm.schedule(req, rules, time_limit="10s", agents=agents, roster_time_limit="20s")
    assert r.roster is not None and len(r.roster) > 0
    pd.testing.assert_frame_equal(written(r.roster), read(tmp_path / "r.csv", r.roster), check_exact=True)
    s = r.roster_summary
    assert s["assigned"] == len(r.roster) and s["assigned"] + s["unassigned"] == len(r.shifts)
    assert wfm.schedule(req, rules, time_limit="10s").roster is None
    with pytest.raises(wfm.InputError, match="agents"):
        wfm.schedule(req, rules, agents=agents.assign(min_hours=50))

    # The roster of the days before (as roster_test.sh): F1 worked Sunday until midnight (11 h
    # rest: no Monday start before 11:00), F2 the 6 days before Monday (6 in a row at most).
    prev = pd.DataFrame(
        [("F1", "2024-03-03", "2024-03-03T16:00", "2024-03-04T00:00")] +
        [("F2", d, f"{d}T08:00", f"{d}T16:00")
         for d in pd.date_range("2024-02-26", "2024-03-03").strftime("%Y-%m-%d")],
        columns=["agent", "date", "start", "end"])
    prev.to_csv(tmp_path / "prev.csv", index=False)
    run_cli("schedule", "--requirements", tmp_path / "req.csv", "--rules", rules, "--out",
            tmp_path / "s2.csv", "--time-limit", "10s", "--agents", tmp_path / "agents.csv",
            "--roster-out", tmp_path / "r2.csv", "--roster-time-limit", "20s",
            "--previous-roster", tmp_path / "prev.csv")
    p = wfm.schedule(req, rules, time_limit="10s", agents=agents, roster_time_limit="20s",
                     previous_roster=prev)
    pd.testing.assert_frame_equal(written(p.roster), read(tmp_path / "r2.csv", p.roster),
                                  check_exact=True)
    monday = p.roster[p.roster["date"].astype(str).str.startswith("2024-03-04")]
    f1 = monday[monday["agent"] == "F1"]
    assert all(pd.to_datetime(f1["start"]).dt.hour >= 11), f1
    assert (monday["agent"] == "F2").sum() == 0
    # The module's own roster reads as a previous roster (its dates and times parse), but this
    # one is of the same days: refused at its first row.
    with pytest.raises(wfm.InputError, match="must be before the first day rostered"):
        wfm.schedule(req, rules, agents=agents, previous_roster=r.roster)
    with pytest.raises(wfm.InputError, match="previous_roster"):
        wfm.schedule(req, rules, previous_roster=prev)
    with pytest.raises(wfm.InputError, match="previous_roster:2"):
        wfm.schedule(req, rules, agents=agents, previous_roster=prev.assign(end="soon"))


def test_erlang_blend_equals_the_command():
    # Inbound with outbound work taken while 2 agents stay idle: the module is the command's JSON.
    args = ["--calls", 200, "--interval", "30m", "--aht", 180, "--sl", 0.8, "--threshold", "20s",
            "--model", "blend", "--outbound-threshold", 2, "--outbound-aht", "5m",
            "--min-outbound", 20]
    cli = json.loads(run_cli("erlang", *args, "--json"))
    r = wfm.erlang(calls=200, interval="30m", aht=180, sl=0.8, threshold="20s", model="blend",
                   outbound_threshold=2, outbound_aht="5m", min_outbound=20)
    for key in ("agents", "service_level", "occupancy", "outbound_per_hour", "total_occupancy",
                "meets_targets"):
        assert r[key] == cli[key], key
    assert r["outbound_per_hour"] >= 20
    with pytest.raises(wfm.InputError, match="outbound"):
        wfm.erlang(calls=200, aht=180, sl=0.8, model="blend")
