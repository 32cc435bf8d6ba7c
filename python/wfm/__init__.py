"""wfm: contact-center forecasting and staffing, from Python.

The same engines as the ``wfm`` command (Erlang B/C/A, the staffing solver, the one staffing
pipeline, forecasting, scenario plans), at C++ speed, with pandas DataFrames in and out. Column
names are those of the CSV formats in docs/formats.md, and the numbers equal the command's on
the same input: tables cross into the library as CSV text read by the library's own loaders, so
a bad DataFrame gets the command's message, with the DataFrame's name standing for the file and
rows counted as lines (the header is line 1, the first row line 2).

Units: durations are seconds, or text with a unit ("20s", "1.5m", "1h"), or a
``pandas.Timedelta``; fractions are numbers (0.8) or text with a percent sign ("80%").

Bad input raises :class:`InputError`, a ``ValueError``. Long work releases the GIL.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _wfm

__all__ = [
    "InputError",
    "erlang",
    "staff",
    "StaffingResult",
    "forecast",
    "ForecastResult",
    "accuracy",
    "AccuracyResult",
    "backtest",
    "synth",
    "schedule",
    "ScheduleResult",
    "backlog",
    "BacklogResult",
    "simulate",
    "SimulationResult",
    "plan",
    "PlanResult",
    "engine_names",
    "forecast_methods",
]

InputError = _wfm.InputError
InputError.__module__ = "wfm"
InputError.__doc__ = (
    "Bad input: the message names the table (or file) and line, the field and what was "
    "expected. A subclass of ValueError."
)

Duration = Union[float, int, str, "pd.Timedelta"]
Fraction = Union[float, int, str]


def engine_names() -> list[str]:
    """The staffing engines ``model=`` accepts (erlang-b, erlang-c, ..., chat, blend)."""
    return list(_wfm.engine_names())


def forecast_methods() -> list[str]:
    """The forecasting methods ``method=`` accepts ("auto" first)."""
    return list(_wfm.forecast_methods())


def _seconds(value: Optional[Duration], name: str) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, pd.Timedelta):
        return value.total_seconds()
    if isinstance(value, bool):
        raise InputError(f"{name}: expected a duration such as 20, 20s, 1.5m or 1h, got {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        s = _wfm.parse_duration(value)
        if s is not None:
            return s
    raise InputError(f"{name}: expected a duration such as 20, 20s, 1.5m or 1h, got {value!r}")


def _fraction(value: Optional[Fraction], name: str) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool):
        raise InputError(f"{name}: expected a fraction such as 0.8 or '80%', got {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        t = value.strip()
        scale = 1.0
        if t.endswith("%"):
            t, scale = t[:-1], 0.01
        try:
            return float(t) * scale
        except ValueError:
            pass
    raise InputError(f"{name}: expected a fraction such as 0.8 or '80%', got {value!r}")


def _number(value: Any, name: str) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{name}: expected a number, got {value!r}")
    return float(value)


def _targets(
    *,
    model: Optional[str],
    patience: Optional[Duration],
    sl: Optional[Fraction],
    threshold: Duration,
    sl_definition: str,
    max_asa: Optional[Duration],
    max_abandon: Optional[Fraction],
    max_occupancy: Optional[Fraction],
    max_blocking: Optional[Fraction],
    shrinkage: Fraction,
    fractional: bool,
    min_agents: Optional[float],
    max_agents: Optional[float],
    lines: Optional[int] = None,
    redial_prob: Optional[Fraction] = None,
    redial_delay: Optional[Duration] = None,
    forecast_cv: Optional[float] = None,
    concurrency: Optional[int] = None,
    aht_by_concurrency: Optional[Iterable[Duration]] = None,
    outbound_threshold: Optional[int] = None,
    outbound_aht: Optional[Duration] = None,
    min_outbound: Optional[float] = None,
) -> dict:
    return {
        "outbound_threshold": _number(outbound_threshold, "outbound_threshold"),
        "outbound_aht": _seconds(outbound_aht, "outbound_aht"),
        "min_outbound": _number(min_outbound, "min_outbound"),
        "lines": _number(lines, "lines"),
        "redial_prob": _fraction(redial_prob, "redial_prob"),
        "redial_delay": _seconds(redial_delay, "redial_delay"),
        "forecast_cv": _number(forecast_cv, "forecast_cv"),
        "concurrency": _number(concurrency, "concurrency"),
        "aht_by_concurrency": None if aht_by_concurrency is None else [
            _seconds(a, "aht_by_concurrency") for a in aht_by_concurrency],
        "model": model,
        "patience": _seconds(patience, "patience"),
        "sl": _fraction(sl, "sl"),
        "threshold": _seconds(threshold, "threshold"),
        "sl_definition": sl_definition,
        "max_asa": _seconds(max_asa, "max_asa"),
        "max_abandon": _fraction(max_abandon, "max_abandon"),
        "max_occupancy": _fraction(max_occupancy, "max_occupancy"),
        "max_blocking": _fraction(max_blocking, "max_blocking"),
        "shrinkage": _fraction(shrinkage, "shrinkage"),
        "fractional": bool(fractional),
        "min_agents": _number(min_agents, "min_agents"),
        "max_agents": _number(max_agents, "max_agents"),
    }


def erlang(
    calls: float,
    interval: Duration = "30m",
    aht: Duration = None,
    *,
    agents: Optional[float] = None,
    model: Optional[str] = None,
    patience: Optional[Duration] = None,
    sl: Optional[Fraction] = None,
    threshold: Duration = "20s",
    sl_definition: str = "offered",
    max_asa: Optional[Duration] = None,
    max_abandon: Optional[Fraction] = None,
    max_occupancy: Optional[Fraction] = None,
    max_blocking: Optional[Fraction] = None,
    shrinkage: Fraction = 0,
    fractional: bool = False,
    min_agents: Optional[float] = None,
    max_agents: Optional[float] = None,
    lines: Optional[int] = None,
    redial_prob: Optional[Fraction] = None,
    redial_delay: Optional[Duration] = None,
    forecast_cv: Optional[float] = None,
    concurrency: Optional[int] = None,
    aht_by_concurrency: Optional[Iterable[Duration]] = None,
    outbound_threshold: Optional[int] = None,
    outbound_aht: Optional[Duration] = None,
    min_outbound: Optional[float] = None,
) -> dict:
    """One interval, as ``wfm erlang --json``: the fewest agents meeting every target, or (with
    ``agents=``) what that many agents deliver.

    calls       calls offered in the interval
    interval    interval length (default 30 minutes)
    aht         average handle time: talk + hold + after-call work (required)
    model       "erlang-c" (default), "erlang-a" (the default when ``patience`` is given) or
                "erlang-b" (lines, blocking)
    patience    Erlang A: mean caller patience (exponential)
    sl          target service level, answered within ``threshold``; ``sl_definition`` is one of
                offered, answered, offered-less-short-abandons, abandons-within-t-met
    max_asa, max_abandon, max_occupancy, max_blocking   further targets, all met at once
    shrinkage   share of paid time off the phones: scheduled = ceil(agents / (1 - shrinkage))
    fractional  continuous agents (the engines' continuous extension)
    min_agents, max_agents   floor and cap of the search (above the cap: meets_targets False)
    model="erlang-x"   lines (trunks; more callers are blocked), redial_prob and redial_delay
                (blocked or abandoning callers try again), forecast_cv (the arrival rate itself
                uncertain, gamma with this coefficient of variation); with ``patience``
    model="chat"       concurrency (chats one agent handles at once) and aht_by_concurrency
                (handle time at 1, 2, ... chats, e.g. ["3m", "3.5m", "4m"]); with ``patience``
    model="blend"      outbound_threshold (an agent starts outbound work only if that many
                agents stay idle; required), outbound_aht (default: aht), min_outbound (a target:
                outbound jobs completed per hour, at least); the result adds outbound_per_hour
                and total_occupancy (occupancy is inbound only)

    Returns a dict with the keys of ``wfm erlang --json``: model, offered_load_erlangs, agents,
    scheduled_agents, service_level, p_wait, asa_s (seconds), occupancy, abandon_rate,
    blocking, mean_queue_length, stable, meets_targets, ... (None where undefined).

    >>> wfm.erlang(calls=100, interval="30m", aht=180, sl=0.8, threshold="20s")["agents"]
    14.0
    """
    if aht is None:
        raise InputError("aht: required: average handle time, e.g. 180 or '3m'")
    options = _targets(
        model=model, patience=patience, sl=sl, threshold=threshold, sl_definition=sl_definition,
        max_asa=max_asa, max_abandon=max_abandon, max_occupancy=max_occupancy,
        max_blocking=max_blocking, shrinkage=shrinkage, fractional=fractional,
        min_agents=min_agents, max_agents=max_agents, lines=lines, redial_prob=redial_prob, redial_delay=redial_delay,
        forecast_cv=forecast_cv, concurrency=concurrency, aht_by_concurrency=aht_by_concurrency,
        outbound_threshold=outbound_threshold, outbound_aht=outbound_aht,
        min_outbound=min_outbound)
    return json.loads(_wfm.erlang(
        _number(calls, "calls"), _seconds(interval, "interval"), _seconds(aht, "aht"),
        _number(agents, "agents"), options))


ProgressArg = Union[bool, None, Callable[[int, int], Any]]


def _progress(progress: ProgressArg, what: str) -> Optional[Callable[[int, int], Any]]:
    """None/False: silent; True: a line on stderr that counts up; a callable: called as
    progress(done, total) (raise in it to stop the work)."""
    if progress is None or progress is False:
        return None
    if progress is True:
        def show(done: int, total: int) -> None:
            end = "\n" if done == total else ""
            print(f"\rwfm.{what}: {done} / {total} done", end=end, file=sys.stderr,
                  flush=True)
        return show
    if callable(progress):
        return progress
    raise InputError(f"progress: expected True, False or a callable (done, total), "
                     f"got {progress!r}")


_NO_TIME = np.iinfo(np.int64).min  # NaT, and the library's missing time


def _to_csv(df: pd.DataFrame, name: str) -> str:
    """The DataFrame (its index too, unless a RangeIndex) as CSV text for the library's loaders:
    numbers as float64, naive datetimes as whole seconds, everything else as text."""
    if not isinstance(df, pd.DataFrame):
        raise InputError(f"{name}: expected a pandas DataFrame, got {type(df).__name__}")
    table = df.reset_index(drop=True) if isinstance(df.index, pd.RangeIndex) else df.reset_index()
    columns = []
    for label in table.columns:
        s = table[label]
        kind, data = "text", None
        if pd.api.types.is_datetime64_dtype(s.dtype):  # naive: local times
            ns = s.to_numpy(dtype="datetime64[ns]").view(np.int64)
            missing = s.isna().to_numpy()
            if not (ns[~missing] % 1_000_000_000).any():
                kind, data = "time", np.where(missing, _NO_TIME, ns // 1_000_000_000)
            else:  # fractions of a second are written out: the loader says which line
                text = s.dt.strftime("%Y-%m-%dT%H:%M:%S")
                fraction = (ns % 1_000_000_000 != 0) & ~missing
                text[fraction] = s[fraction].dt.strftime("%Y-%m-%dT%H:%M:%S.%f")
                data = text.where(~missing, None).tolist()
        elif pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
            kind, data = "number", s.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            data = s.astype(object).where(s.notna(), None).tolist()
        columns.append((str(label), kind, data))
    return _wfm.csv_from_columns(columns)


def _frame(columns: list) -> pd.DataFrame:
    """A table from the library, as (name, array or list) pairs, as a DataFrame."""
    return pd.DataFrame({name: data for name, data in columns})


class StaffingResult:
    """What :func:`staff` returns.

    intervals   DataFrame, one row per queue and interval (the staffing CSV of docs/formats.md:
                interval_start, queue, calls, aht_s, offered_load_erlangs, agents,
                scheduled_agents, service_level, p_wait, asa_s, occupancy, abandon_rate, ...,
                meets_targets)
    daily       DataFrame of daily totals per queue and for all queues (queue "*"):
                required_agent_hours, scheduled_agent_hours, fte, peaks, weighted SL/ASA, ...
    totals      dict of the totals over everything (the daily table's names)
    note        a sentence when the engine and the simulation model callers differently, else None
    """

    def __init__(self, intervals: pd.DataFrame, daily: pd.DataFrame, totals: dict,
                 note: Optional[str]):
        self.intervals = intervals
        self.daily = daily
        self.totals = totals
        self.note = note

    def __repr__(self) -> str:
        t = self.totals
        return (f"StaffingResult({len(self.intervals)} intervals, "
                f"scheduled_agent_hours={t.get('scheduled_agent_hours')}, fte={t.get('fte')}, "
                f"service_level={t.get('service_level')})")


def staff(
    demand: pd.DataFrame,
    *,
    sl: Optional[Fraction] = None,
    threshold: Duration = "20s",
    sl_definition: str = "offered",
    max_asa: Optional[Duration] = None,
    max_abandon: Optional[Fraction] = None,
    max_occupancy: Optional[Fraction] = None,
    max_blocking: Optional[Fraction] = None,
    model: Optional[str] = None,
    patience: Optional[Duration] = None,
    shrinkage: Fraction = 0,
    fractional: bool = False,
    min_agents: Optional[float] = None,
    max_agents: Optional[float] = None,
    aht: Optional[Duration] = None,
    method: str = "erlang",
    replications: int = 30,
    seed: int = 1,
    confidence: float = 0.5,
    fte_hours_week: float = 37.5,
    cost_per_agent_hour: Optional[float] = None,
    lines: Optional[int] = None,
    redial_prob: Optional[Fraction] = None,
    redial_delay: Optional[Duration] = None,
    forecast_cv: Optional[float] = None,
    concurrency: Optional[int] = None,
    aht_by_concurrency: Optional[Iterable[Duration]] = None,
    outbound_threshold: Optional[int] = None,
    outbound_aht: Optional[Duration] = None,
    min_outbound: Optional[float] = None,
    name: str = "DataFrame",
    progress: ProgressArg = None,
) -> StaffingResult:
    """Staffs every interval of ``demand``, as ``wfm staff`` does.

    demand      DataFrame in the interval format: interval_start (text or datetime64), optional
                queue, offered (or calls), optional aht_s (seconds); other columns are ignored
    targets     sl (with threshold and sl_definition), max_asa, max_abandon, max_occupancy,
                max_blocking: every target given is met at once
    model, patience, shrinkage, fractional, min_agents, max_agents   as in :func:`erlang`, and
                the erlang-x, chat and blend options (lines, redial_prob, redial_delay,
                forecast_cv, concurrency, aht_by_concurrency, outbound_threshold, outbound_aht,
                min_outbound)
    aht         handle time for intervals without aht_s
    method      "erlang" (each interval on its own, analytic) or "sim" (each day re-staffed
                interval by interval by simulation, queues carried over; ``replications``,
                ``seed`` and ``confidence`` apply)
    fte_hours_week   paid hours of one FTE per week (FTE = scheduled agent-hours per week / it)
    cost_per_agent_hour   adds the cost to the totals
    name        what messages call the table
    progress    method "sim": True prints the queue-days done on stderr; a callable is called as
                progress(done, total) from the library's threads (raise in it to stop)

    Returns a :class:`StaffingResult` (intervals, daily, totals, note).
    """
    options = _targets(
        model=model, patience=patience, sl=sl, threshold=threshold, sl_definition=sl_definition,
        max_asa=max_asa, max_abandon=max_abandon, max_occupancy=max_occupancy,
        max_blocking=max_blocking, shrinkage=shrinkage, fractional=fractional,
        min_agents=min_agents, max_agents=max_agents, lines=lines, redial_prob=redial_prob, redial_delay=redial_delay,
        forecast_cv=forecast_cv, concurrency=concurrency, aht_by_concurrency=aht_by_concurrency,
        outbound_threshold=outbound_threshold, outbound_aht=outbound_aht,
        min_outbound=min_outbound)
    options.update({
        "aht": _seconds(aht, "aht"),
        "method": method,
        "replications": _number(replications, "replications"),
        "seed": _number(seed, "seed"),
        "confidence": _number(confidence, "confidence"),
        "fte_hours_week": _number(fte_hours_week, "fte_hours_week"),
        "cost_per_agent_hour": _number(cost_per_agent_hour, "cost_per_agent_hour"),
    })
    intervals, daily, totals, note = _wfm.staff(_to_csv(demand, name), name, options,
                                                _progress(progress, "staff"))
    return StaffingResult(_frame(intervals), _frame(daily), json.loads(totals), note)


class ForecastResult:
    """What :func:`forecast` returns.

    table       DataFrame in the forecast format: interval_start, queue, calls, aht_s and the
                prediction bounds calls_lo_<level>, calls_hi_<level>
    backtest    DataFrame, one row per queue and candidate method of the rolling-origin
                backtest: queue, method, chosen, mase, wape, bias, smape, rmse, folds,
                horizon_days
    """

    def __init__(self, table: pd.DataFrame, backtest: pd.DataFrame):
        self.table = table
        self.backtest = backtest

    def __repr__(self) -> str:
        chosen = self.backtest[self.backtest["chosen"]] if len(self.backtest) else self.backtest
        methods = dict(zip(chosen.get("queue", []), chosen.get("method", [])))
        return f"ForecastResult({len(self.table)} intervals, methods={methods})"


def _days(value: Union[int, str, "pd.Timedelta"], name: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    seconds = None
    if isinstance(value, str) and value.strip().endswith("d"):
        try:
            return int(value.strip()[:-1])
        except ValueError:
            pass
    elif isinstance(value, str) and value.strip().endswith("w"):
        try:
            return 7 * int(value.strip()[:-1])
        except ValueError:
            pass
    elif isinstance(value, pd.Timedelta):
        seconds = value.total_seconds()
    if seconds is not None and seconds > 0 and seconds % 86400 == 0:
        return int(seconds // 86400)
    raise InputError(f"{name}: expected whole days such as 14, '14d' or '2w', got {value!r}")


def forecast(
    history: pd.DataFrame,
    horizon: Union[int, str, "pd.Timedelta"] = "14d",
    *,
    method: str = "auto",
    levels: Iterable[float] = (80, 95),
    name: str = "DataFrame",
) -> ForecastResult:
    """Forecasts the days after ``history``, as ``wfm forecast`` does.

    history     DataFrame in the interval format (interval_start, queue, offered, aht_s, ...)
    horizon     calendar days: 14, "14d", "2w" or a Timedelta of whole days
    method      "auto" (the lowest MASE in a rolling-origin backtest) or one of
                :func:`forecast_methods`
    levels      prediction-interval levels in percent, increasing

    Returns a :class:`ForecastResult` (table, backtest).
    """
    table, backtest = _wfm.forecast(_to_csv(history, name), name, method,
                                    _days(horizon, "horizon"), [float(x) for x in levels])
    rows = json.loads(backtest)
    columns = ["queue", "method", "chosen", "mase", "wape", "bias", "smape", "rmse", "folds",
               "horizon_days"]
    return ForecastResult(_frame(table),
                          pd.DataFrame(rows, columns=columns))


def backtest(
    history: pd.DataFrame,
    *,
    method: Union[str, Iterable[str]] = "auto",
    origins: int = 4,
    horizon: Union[int, str, "pd.Timedelta"] = "14d",
    step: Union[int, str, "pd.Timedelta"] = "7d",
    levels: Iterable[float] = (80, 95),
    name: str = "DataFrame",
) -> pd.DataFrame:
    """Compares forecasting methods by rolling-origin backtest, as ``wfm backtest --out``.

    history     DataFrame in the interval format
    method      "auto" (every method and auto's combinations, its choice marked in ``chosen``),
                "all", or a list of :func:`forecast_methods` names and "a+b" combinations
    origins     forecast origins (1-100), ``step`` apart, each forecasting ``horizon`` days
    levels      prediction-interval levels whose coverage is cross-validated over the folds

    Returns a DataFrame, one row per queue and method: queue, method, chosen, folds,
    first_origin, last_origin, n, mae, rmse, wape, smape, smape_skipped, mape, mape_skipped,
    bias, mase, coverage_<level>, seconds.
    """
    methods = [m.strip() for m in method.split(",")] if isinstance(method, str) else list(method)
    return _frame(_wfm.backtest(_to_csv(history, name), name, methods,
                                int(_number(origins, "origins")), _days(horizon, "horizon"),
                                _days(step, "step"), [float(x) for x in levels]))


def synth(
    start: str = "2024-03-04",
    *,
    weeks: Optional[int] = 4,
    days: Optional[int] = None,
    interval: Duration = "15m",
    queues: Iterable[str] = ("sales", "support", "billing"),
    seed: int = 42,
    scale: float = 1.0,
    trend: float = 0.005,
    overdispersion: float = 0.01,
) -> pd.DataFrame:
    """A synthetic interval history, as ``wfm synth`` (docs/synth.md): per queue an intraday
    profile, weekday factors, trend, overdispersed counts and a time-of-day AHT cycle, open
    weekdays 08:00-20:00 and Saturdays 09:00-14:00. The same arguments give the same table;
    ``wfm synth --seed 42`` and ``wfm.synth(seed=42)`` give the same numbers.

    start       first day (a date, text)
    weeks, days length (``days`` wins when given)
    interval    5m, 10m, 15m, 30m or 60m
    queues      queue names (each gets the built-in profile of that name, or a generic one)
    scale       multiplies every queue's volume; trend: growth per week (0.005 = +0.5%/week)

    Returns a DataFrame in the interval format: interval_start, queue, offered, aht_s, handled,
    abandoned.
    """
    n_days = days if days is not None else 7 * int(_number(weeks, "weeks"))
    if isinstance(queues, str):
        queues = [q.strip() for q in queues.split(",")]
    seed = _number(seed, "seed")
    if seed is None or seed < 0 or seed != int(seed):
        raise InputError(f"seed: expected a whole number >= 0, got {seed!r}")
    return _frame(_wfm.synth(str(start), int(_number(n_days, "days")),
                             _seconds(interval, "interval"), list(queues), int(seed),
                             _number(scale, "scale"), _number(trend, "trend"),
                             _number(overdispersion, "overdispersion")))


class ScheduleResult:
    """What :func:`schedule` returns.

    shifts      DataFrame, one row per shift (an agent to roster): date, shift, template, start,
                end, paid_hours, cost, breaks (schedule.csv of docs/scheduling.md)
    coverage    DataFrame per interval: interval_start, required, on_shift, on_break, on_phone,
                over, under; with a demand also calls, erlang_sl, simulated_sl, simulated_sl_hw
    days        DataFrame per day: shifts, paid and required hours, efficiency, cost, the LP
                bound, CBC's bound, the gap, the time limit and whether it was hit, ...
    rounds      list of dicts, one per round of the re-solve loop (empty without ``rounds``)
    roster      with ``agents``: DataFrame, roster.csv (agent, date, start, end, paid_hours,
                breaks, shift, template); None without
    roster_summary   with ``agents``: dict as ``wfm schedule --json``'s "roster" (assigned,
                unassigned, agents_under_minimum, cost, bounds, gap, status, unassigned_shifts,
                under_minimum); None without
    """

    def __init__(self, shifts: pd.DataFrame, coverage: pd.DataFrame, days: pd.DataFrame,
                 rounds: list, roster: Optional[pd.DataFrame] = None,
                 roster_summary: Optional[dict] = None):
        self.shifts = shifts
        self.coverage = coverage
        self.days = days
        self.rounds = rounds
        self.roster = roster
        self.roster_summary = roster_summary

    def __repr__(self) -> str:
        d = self.days
        return (f"ScheduleResult({len(self.shifts)} shifts over {len(d)} days, "
                f"paid_hours={d['paid_hours'].sum() if len(d) else 0:.2f}, "
                f"cost={d['cost'].sum() if len(d) else 0:.2f})")


def _roster_csv(roster: pd.DataFrame) -> str:
    """A roster DataFrame as roster.csv text: its ``date`` column as dates (a
    ``ScheduleResult.roster`` holds them as midnight timestamps)."""
    if "date" in roster.columns and pd.api.types.is_datetime64_any_dtype(roster["date"]):
        roster = roster.assign(date=roster["date"].dt.strftime("%Y-%m-%d"))
    return _to_csv(roster, "previous_roster")


def schedule(
    requirements: pd.DataFrame,
    rules: Union[str, os.PathLike],
    *,
    toml: Optional[str] = None,
    queue: str = "",
    time_limit: Duration = "60s",
    gap: Fraction = 1e-4,
    demand: Optional[pd.DataFrame] = None,
    threshold: Duration = "20s",
    sl_definition: str = "offered",
    patience: Optional[Duration] = None,
    replications: int = 30,
    seed: int = 1,
    sl_target: Optional[Fraction] = None,
    rounds: int = 0,
    agents: Optional[pd.DataFrame] = None,
    roster_time_limit: Duration = "60s",
    previous_roster: Optional[pd.DataFrame] = None,
    name: str = "DataFrame",
) -> ScheduleResult:
    """Shifts with breaks covering the required agents, as ``wfm schedule`` (CBC; see
    docs/scheduling.md): set covering with soft coverage, solved day by day.

    requirements  DataFrame in the staffing format (``wfm.staff(...).intervals``: interval_start,
                queue, agents)
    rules       path of the shift rules (TOML); with ``toml=`` given, the name messages use
    queue       the queue to schedule when there are several, "*" for all summed
    time_limit  solver time per day (the best schedule found is kept); gap: stop within this
                fraction of the bound
    demand      DataFrame in the interval format: simulate the schedule's on-phone agents against
                it (queue carried over; ``threshold``, ``sl_definition``, ``replications``,
                ``seed``) and report the service level it delivers next to Erlang C's; with
                ``patience`` (mean, exponential) callers hang up and the figure is Erlang A's
    sl_target, rounds   with a demand: re-solve up to ``rounds`` times, one agent more wherever
                the simulated SL misses ``sl_target``
    agents      DataFrame in the agents format (docs/formats.md, "Agents CSV": agent, min_hours,
                max_hours, max_days, unavailable, available_from, available_to,
                preferred_start): give the shifts to these named agents (the ``[roster]`` rules;
                ``roster_time_limit`` for the assignment MIP)
    previous_roster  with ``agents``: the roster of the days before (a ``ScheduleResult.roster``
                or a roster.csv read back: agent, date, start, end), as ``--previous-roster``:
                its last shifts' rest and working days in a row carry into this roster

    Returns a :class:`ScheduleResult` (shifts, coverage, days, rounds).
    """
    options = {
        "time_limit": _seconds(time_limit, "time_limit"),
        "gap": _fraction(gap, "gap"),
        "threshold": _seconds(threshold, "threshold"),
        "sl_definition": sl_definition,
        "patience": _seconds(patience, "patience"),
        "replications": _number(replications, "replications"),
        "seed": _number(seed, "seed"),
        "sl_target": _fraction(sl_target, "sl_target"),
        "rounds": _number(rounds, "rounds"),
        "roster_time_limit": _seconds(roster_time_limit, "roster_time_limit"),
    }
    if toml is not None:
        rules_arg, is_text = toml, True
    else:
        rules_arg, is_text = os.fspath(rules), False
    out = _wfm.schedule(_to_csv(requirements, name), name, rules_arg, is_text, os.fspath(rules),
                        queue, options, None if demand is None else _to_csv(demand, "demand"),
                        "demand", None if agents is None else _to_csv(agents, "agents"), "agents",
                        None if previous_roster is None else _roster_csv(previous_roster),
                        "previous_roster")
    roster = _frame(out["roster"]) if "roster" in out else None
    return ScheduleResult(_frame(out["shifts"]), _frame(out["coverage"]), _frame(out["days"]),
                          list(out["rounds"]), roster, out.get("roster_summary"))


class BacklogResult:
    """What :func:`backlog` returns.

    table       DataFrame, the ``wfm backlog --out`` CSV (docs/formats.md, "Backlog CSV"): per
                interval (and queue) open, items, handle_s, agents, items_done, backlog_items,
                backlog_work_s, oldest_age_s, oldest_business_age_s, deadlines_met
    queues      list of dicts, one per queue: items, items_due, items_within_target,
                fraction_within_target, agent_hours, peak_agents, final_backlog_items, oldest
                ages (s), infeasible_intervals, feasible, queue
    overall     dict: the same figures over every queue (no peak)
    """

    def __init__(self, table: pd.DataFrame, queues: list, overall: dict):
        self.table = table
        self.queues = queues
        self.overall = overall

    def __repr__(self) -> str:
        o = self.overall
        return (f"BacklogResult({len(self.table)} rows, {o['agent_hours']:.1f} agent-hours, "
                f"{100 * o['fraction_within_target']:.2f}% within target)")


def backlog(
    demand: pd.DataFrame,
    *,
    target: Fraction = 1.0,
    within: Duration,
    open: str = "00:00-24:00",
    days: str = "mon-sun",
    min_agents: int = 0,
    max_agents: Optional[int] = None,
    aht: Optional[Duration] = None,
    agents: Optional[pd.DataFrame] = None,
    simulate: bool = False,
    replications: Optional[int] = None,
    seed: Optional[int] = None,
    opening: Optional[pd.DataFrame] = None,
    closed: Optional[Iterable[Any]] = None,
    method: str = "fluid",
    sim_confidence: Optional[float] = None,
    name: str = "DataFrame",
) -> BacklogResult:
    """Email / backlog work, as ``wfm backlog`` (docs/backlog.md): the agents per open interval
    that answer ``target`` of every interval's items within ``within`` business hours, the
    backlog carried between intervals, and the backlog's projection.

    demand      DataFrame in the interval format (interval_start, [queue], offered = items
                arriving, aht_s = work per item in seconds; ``aht`` when it has no aht_s)
    target, within   e.g. 0.9 and "4h": 90% answered within 4 business hours (at least two
                intervals)
    open, days  business hours, "08:00-18:00" and "mon-fri"; the clock stops while closed
    min_agents, max_agents   per open interval; a cap may leave deadlines missed (flagged)
    agents      DataFrame in the staffing format (interval_start, [queue], agents): project this
                staffing instead of computing one
    simulate    as ``--simulate``: also simulate the staffing item by item (random arrivals and
                work; docs/sim.md, "Deferred work"): the table gains in_target and the sim_*
                columns, each queue and ``overall`` a ``simulated`` dict; ``replications``
                (default 30) and ``seed`` (default 1) only with it or method="sim"
    method      "fluid" (default) or "sim", as ``--method sim``: the fluid staffing raised until
                every business day's simulated share within ``within`` meets ``target`` (below
                1; docs/backlog.md, "Staffing by simulation"); implies ``simulate``, and adds the
                table's fluid_agents column and each queue's and ``overall``'s ``by_simulation``
                dict (fluid vs simulation agent-hours, per-day shares in ``by_day``)
    sim_confidence   method="sim": 0.5 (default) compares the simulated means with the target,
                0.95 their one-sided 95% confidence bounds
    opening     DataFrame of the items waiting at the start, as ``--opening-backlog``
                (docs/formats.md, "Opening backlog CSV"): items, age_s (business seconds) or
                arrived (a time), [queue], [aht_s]; reported apart as opening_* in the figures
    closed      closed dates (holidays), as ``--closed``: "2026-12-25" strings or
                ``datetime.date`` values; no work and no business time on them

    Returns a :class:`BacklogResult` (table, queues, overall).
    """
    closed_text = ""
    if closed is not None:
        if isinstance(closed, str):
            raise InputError("closed: expected a list of dates, got a string")
        closed_text = ",".join(
            d.isoformat() if hasattr(d, "isoformat") else str(d) for d in closed)
    options = {
        "target": _fraction(target, "target"),
        "within": _seconds(within, "within"),
        "min_agents": _number(min_agents, "min_agents"),
        "max_agents": _number(max_agents, "max_agents"),
        "aht": _seconds(aht, "aht"),
        "simulate": 1 if simulate else 0,
        "replications": _number(replications, "replications"),
        "seed": _number(seed, "seed"),
        "method": method,
        "sim_confidence": _number(sim_confidence, "sim_confidence"),
    }
    out = _wfm.backlog(_to_csv(demand, name), name, open, days, options,
                       None if agents is None else _to_csv(agents, "agents"), "agents",
                       None if opening is None else _to_csv(opening, "opening"), "opening",
                       closed_text)
    return BacklogResult(_frame(out["table"]), list(out["queues"]), dict(out["overall"]))


class AccuracyResult:
    """What :func:`accuracy` returns.

    table       DataFrame: one column per ``by`` dimension (time_of_day, date, week_start, queue;
                "all" on the overall row, which comes first), then n, mae, rmse, wape, smape, mape,
                mape_skipped, bias, mase and coverage_<level> (the ``wfm accuracy --out`` CSV;
                fractions, not percent; NaN where a score is undefined)
    pairing     dict: pairs scored, forecast_unmatched, actual_unmatched, actual_outside,
                forecast_only_queues, actual_only_queues, resolution_s, notes
    """

    def __init__(self, table: pd.DataFrame, pairing: dict):
        self.table = table
        self.pairing = pairing

    def __repr__(self) -> str:
        overall = self.table.iloc[0].to_dict() if len(self.table) else {}
        return (f"AccuracyResult({self.pairing.get('pairs')} pairs, wape={overall.get('wape')}, "
                f"bias={overall.get('bias')}, mase={overall.get('mase')})")


def accuracy(
    forecast: pd.DataFrame,
    actuals: pd.DataFrame,
    *,
    history: Optional[pd.DataFrame] = None,
    by: Union[str, Sequence[str], None] = None,
    resolution: Optional[Duration] = None,
    season: str = "day",
) -> AccuracyResult:
    """Scores a forecast against actuals, as ``wfm accuracy`` (definitions: docs/accuracy.md).

    forecast    DataFrame in the forecast format (interval_start, queue, calls, bounds...), e.g.
                ``wfm.forecast(...).table``
    actuals     DataFrame in the interval format (interval_start, queue, offered, ...)
    history     interval history before the forecast, for MASE (seasonal naive scale)
    by          dimensions of the rows: "day", "week", "queue", "interval", or a list of them
                (default: per queue when the forecast names its queues)
    resolution  score at a coarser bucket (e.g. "1h", "1d") instead of the native interval
    season      MASE's seasonal lag: "day" or "week"

    Returns an :class:`AccuracyResult` (table, pairing).
    """
    dims = [by] if isinstance(by, str) else list(by or [])
    table, pairing = _wfm.accuracy(
        _to_csv(forecast, "forecast"), _to_csv(actuals, "actuals"),
        None if history is None else _to_csv(history, "history"), dims,
        _seconds(resolution, "resolution"), season)
    return AccuracyResult(_frame(table), json.loads(pairing))


class SimulationResult:
    """What :func:`simulate` returns.

    intervals   DataFrame, one row per interval of the demand: interval_start, queue, calls,
                agents, then each simulated measure with its 95% confidence half-width x_hw:
                offered, answered, abandoned, unfinished, service_level, p_wait, asa_s,
                abandon_rate, occupancy, queue_length, blocked, blocking (NaN where undefined)
    daily       DataFrame, one row per queue and day: date, queue, the same measures
    summary     dict: replications, seed, threshold_s, sl_definition, queue_days, total, days
    """

    def __init__(self, intervals: pd.DataFrame, daily: pd.DataFrame, summary: dict):
        self.intervals = intervals
        self.daily = daily
        self.summary = summary

    def __repr__(self) -> str:
        sl = self.summary.get("total", {}).get("service_level")
        return (f"SimulationResult({len(self.intervals)} intervals, "
                f"{self.summary.get('replications')} replications, service_level={sl})")


def simulate(
    demand: pd.DataFrame,
    staffing: Optional[pd.DataFrame] = None,
    *,
    agents: Optional[int] = None,
    aht: Optional[Duration] = None,
    aht_dist: str = "exponential",
    aht_cv: float = 1.0,
    aht_samples: Optional[Iterable[float]] = None,
    patience: Optional[Duration] = None,
    patience_dist: Optional[str] = None,
    patience_shape: float = 1.0,
    patience_cv: float = 1.0,
    redial_prob: Fraction = 0,
    redial_delay: Duration = "5m",
    rate_cv: float = 0,
    rate_noise: str = "per-day",
    lines: Optional[int] = None,
    concurrency: Optional[int] = None,
    aht_by_concurrency: Optional[Iterable[Duration]] = None,
    outbound_threshold: Optional[int] = None,
    outbound_aht: Optional[Duration] = None,
    threshold: Duration = "20s",
    sl_definition: str = "offered",
    replications: int = 30,
    seed: int = 1,
    name: str = "DataFrame",
    progress: ProgressArg = None,
) -> SimulationResult:
    """Simulates ``demand`` with a staffing, as ``wfm simulate`` does: each queue-day a
    discrete-event simulation with the queue carried across intervals, ``replications`` times;
    the same ``seed`` gives the same numbers whatever the thread count.

    demand      DataFrame in the interval format (interval_start, queue, offered, aht_s)
    staffing    DataFrame with interval_start, queue and agents (e.g. ``wfm.staff(...).intervals``)
                -- or give ``agents=`` (the same number in every interval)
    aht_dist    "exponential", "lognormal" or "gamma" (with ``aht_cv``) or "empirical" (with
                ``aht_samples``, observed handle times in seconds, rescaled to each interval's AHT)
    patience    mean caller patience; ``patience_dist`` "exponential" (default with a patience),
                "weibull" (``patience_shape``), "lognormal" (``patience_cv``) or "none"
    redial_prob, redial_delay   an abandoning (or blocked) caller calls again
    rate_cv, rate_noise   overdispersed arrivals ("per-day" or "per-interval" gamma noise)
    lines       trunk lines: a call finding this many calls in the system is blocked
    concurrency, aht_by_concurrency   chat: an agent holds up to ``concurrency`` chats, with the
                handle time at 1..k chats (scaled to each interval's AHT, a chat alone)
    outbound_threshold, outbound_aht   blending: agents with no call waiting work outbound while
                this many stay idle; outbound jobs of mean ``outbound_aht`` (default: the AHT)
    threshold, sl_definition   the service level measured
    progress    True prints the work done on stderr; a callable is called as
                progress(done, total), counting queue-day replications, from the library's
                threads (raise in it to stop)

    Returns a :class:`SimulationResult` (intervals, daily, summary).
    """
    options = {
        "aht": _seconds(aht, "aht"),
        "aht_dist": aht_dist,
        "aht_cv": _number(aht_cv, "aht_cv"),
        "aht_samples": None if aht_samples is None else [float(x) for x in aht_samples],
        "patience": _seconds(patience, "patience"),
        "patience_dist": patience_dist,
        "patience_shape": _number(patience_shape, "patience_shape"),
        "patience_cv": _number(patience_cv, "patience_cv"),
        "redial_prob": _fraction(redial_prob, "redial_prob"),
        "redial_delay": _seconds(redial_delay, "redial_delay"),
        "rate_cv": _number(rate_cv, "rate_cv"),
        "rate_noise": rate_noise,
        "lines": _number(lines, "lines"),
        "concurrency": _number(concurrency, "concurrency"),
        "aht_by_concurrency": None if aht_by_concurrency is None else [
            _seconds(a, "aht_by_concurrency") for a in aht_by_concurrency],
        "outbound_threshold": _number(outbound_threshold, "outbound_threshold"),
        "outbound_aht": _seconds(outbound_aht, "outbound_aht"),
        "threshold": _seconds(threshold, "threshold"),
        "sl_definition": sl_definition,
        "replications": _number(replications, "replications"),
        "seed": _number(seed, "seed"),
        "staffing_name": "staffing",
    }
    intervals, daily, summary = _wfm.simulate(
        _to_csv(demand, name), name, None if staffing is None else _to_csv(staffing, "staffing"),
        _number(agents, "agents"), options, _progress(progress, "simulate"))
    return SimulationResult(_frame(intervals), _frame(daily), json.loads(summary))


class PlanResult:
    """What :func:`plan` returns: the tables ``wfm plan`` writes.

    forecast    DataFrame (forecast.csv)
    staffing    DataFrame (staffing.csv)
    simulation  DataFrame (simulation.csv) or None without the simulation check
    summary     dict (summary.json)
    """

    def __init__(self, forecast: pd.DataFrame, staffing: pd.DataFrame,
                 simulation: Optional[pd.DataFrame], summary: dict):
        self.forecast = forecast
        self.staffing = staffing
        self.simulation = simulation
        self.summary = summary

    def __repr__(self) -> str:
        o = self.summary.get("overall", {})
        return (f"PlanResult({self.summary.get('scenario')!r}, fte={o.get('fte')}, "
                f"service_level={o.get('service_level')})")


def _toml_value(value: Any, key: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, int) or value == value else "nan"
    if isinstance(value, (str, os.PathLike)):
        return json.dumps(os.fspath(value))  # a JSON string is a TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v, key) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v, f'{key}.{k}')}"
                               for k, v in value.items()) + "}"
    raise InputError(f"{key}: expected a string, number, bool, list or dict, got "
                     f"{type(value).__name__}")


def _toml_of(scenario: Mapping) -> str:
    """A scenario dict as TOML text: top-level values first, then one [table] per dict."""
    lines, tables = [], []
    for key, value in scenario.items():
        if isinstance(value, Mapping):
            tables.append((key, value))
        else:
            lines.append(f"{json.dumps(str(key))} = {_toml_value(value, str(key))}")
    for key, table in tables:
        lines.append(f"[{json.dumps(str(key))}]")
        lines.extend(f"{json.dumps(str(k))} = {_toml_value(v, f'{key}.{k}')}"
                     for k, v in table.items())
    return "\n".join(lines) + "\n"


def plan(scenario: Union[str, os.PathLike, Mapping], *, toml: Optional[str] = None,
         simulate: bool = True, name: Optional[str] = None,
         progress: ProgressArg = None) -> PlanResult:
    """Runs a scenario end to end, as ``wfm plan``: history -> forecast -> staffing ->
    simulation check.

    scenario    path of a scenario file (TOML, scenarios/README.md), or the scenario as a dict
                with the file's keys and tables, e.g. {"name": "x", "history": {"path": ...},
                "targets": {"service_level": 0.8}} (relative paths in text or a dict are taken
                from the current directory)
    toml        the scenario as TOML text instead (``scenario`` then names it in messages)
    simulate    False skips the simulation check (as --no-simulation)
    name        what messages call a dict scenario (default "scenario")
    progress    True prints the simulation check's work done on stderr; a callable is called
                as progress(done, total), counting queue-day replications, from the library's
                threads (raise in it to stop)

    Returns a :class:`PlanResult` (forecast, staffing, simulation, summary).
    """
    report = _progress(progress, "plan")
    if isinstance(scenario, Mapping):
        if toml is not None:
            raise InputError("toml: give the scenario as a dict or as TOML text, not both")
        files = _wfm.plan(_toml_of(scenario), True, name or "scenario", bool(simulate), report)
    elif toml is not None:
        files = _wfm.plan(toml, True, os.fspath(scenario), bool(simulate), report)
    else:
        files = _wfm.plan(os.fspath(scenario), False, os.fspath(scenario), bool(simulate), report)
    simulation = files["simulation"]
    return PlanResult(_frame(files["forecast"]), _frame(files["staffing"]),
                      None if simulation is None else _frame(simulation),
                      json.loads(files["summary"]))
