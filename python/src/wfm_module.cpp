// _wfm: the native half of the Python module (python/wfm/__init__.py is the API users call).
//
// Tables going in: the package hands over a DataFrame's columns as numpy arrays (numbers, times as
// seconds) or lists of text; csv_from_columns writes them as CSV text with the library's writer
// (doubles in a form that reads back exactly) and the library's own loaders read that, so
// validation and messages are those of the CLI, with the DataFrame standing for the file and rows
// counted as lines (header = line 1). Tables coming out: the library's own table writers fill an
// io::ColumnTable, whose typed columns become numpy arrays (times as datetime64[s]) or lists of
// text. One schema, one set of checks, and numbers equal to the CLI's by construction. Scalars
// (one Erlang interval) are plain dicts. The GIL is released while the library works.
// core::InputError becomes wfm.InputError (a ValueError) with the same text.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/forecast/backtest_methods.hpp"
#include "wfm/forecast/intervals.hpp"
#include "wfm/forecast/pipeline.hpp"
#include "wfm/forecast/registry.hpp"
#include "wfm/io/column_table.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/io/date_list.hpp"
#include "wfm/io/forecast_csv.hpp"
#include "wfm/io/handle_samples.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/opening_backlog_csv.hpp"
#include "wfm/io/staffing_csv.hpp"
#include "wfm/metrics/scoring.hpp"
#include "wfm/pipeline/backlog.hpp"
#include "wfm/pipeline/outputs.hpp"
#include "wfm/pipeline/simulation_run.hpp"
#include "wfm/pipeline/staff.hpp"
#include "wfm/pipeline/totals.hpp"
#include "wfm/plan/outputs.hpp"
#include "wfm/plan/plan.hpp"
#include "wfm/scenario/load.hpp"
#include "wfm/schedule/agents_csv.hpp"
#include "wfm/schedule/outputs.hpp"
#include "wfm/schedule/previous_roster_csv.hpp"
#include "wfm/schedule/roster.hpp"
#include "wfm/schedule/rules.hpp"
#include "wfm/schedule/service_loop.hpp"
#include "wfm/staffing/backlog.hpp"
#include "wfm/staffing/registry.hpp"
#include "wfm/staffing/solver.hpp"
#include "wfm/synth/history.hpp"

namespace py = pybind11;
using namespace wfm;

namespace {

// A DataFrame's columns as CSV text: `columns` is a list of (name, kind, data) with kind "number"
// (float64 array, NaN = empty), "time" (int64 seconds since 1970-01-01 of a local time, the
// minimum int64 = empty) or "text" (a list of str, None = empty).
std::string csv_from_columns(const py::list& columns) {
  struct In {
    std::string kind;
    py::array_t<double, py::array::c_style | py::array::forcecast> numbers;
    py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> times;
    std::vector<std::optional<std::string>> texts;
  };
  std::vector<In> in;
  std::ostringstream out;
  io::CsvWriter w(out, ',', io::CsvNumbers::exact);  // the DataFrame's values, not rounded
  std::size_t rows = 0;
  for (const auto& item : columns) {
    const auto t = item.cast<py::tuple>();
    w.field(t[0].cast<std::string>());
    In c;
    c.kind = t[1].cast<std::string>();
    std::size_t n = 0;
    if (c.kind == "number") {
      c.numbers = t[2].cast<decltype(c.numbers)>();
      n = static_cast<std::size_t>(c.numbers.size());
    } else if (c.kind == "time") {
      c.times = t[2].cast<decltype(c.times)>();
      n = static_cast<std::size_t>(c.times.size());
    } else {
      for (const auto& v : t[2].cast<py::list>()) {
        c.texts.push_back(v.is_none() ? std::nullopt
                                      : std::optional<std::string>(py::str(v).cast<std::string>()));
      }
      n = c.texts.size();
    }
    WFM_ENSURE(in.empty() || n == rows, "columns of {} and {} rows", rows, n);
    rows = n;
    in.push_back(std::move(c));
  }
  w.end_row();
  std::vector<const double*> numbers(in.size());
  std::vector<const std::int64_t*> times(in.size());
  for (std::size_t k = 0; k < in.size(); ++k) {
    if (in[k].kind == "number") numbers[k] = in[k].numbers.data();
    if (in[k].kind == "time") times[k] = in[k].times.data();
  }
  {
    py::gil_scoped_release release;
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t k = 0; k < in.size(); ++k) {
        if (numbers[k]) {
          const double x = numbers[k][r];
          if (std::isnan(x)) {
            w.empty_field();
          } else if (std::isinf(x)) {
            w.field(x < 0 ? "-inf" : "inf");  // the loaders reject it with line and column
          } else {
            w.field(x);
          }
        } else if (times[k]) {
          const std::int64_t s = times[k][r];
          if (s == io::kMissingTime) {
            w.empty_field();
          } else {
            w.time_field(core::LocalTime{std::chrono::seconds{s}});
          }
        } else if (in[k].texts[r]) {
          w.field(*in[k].texts[r]);
        } else {
          w.empty_field();
        }
      }
      w.end_row();
    }
  }
  return out.str();
}

// A ColumnTable as a list of (name, data): numpy arrays for numbers, integers, bools and times
// (datetime64[s]; dates are midnight), lists of str for text.
py::list to_python(io::ColumnTable& table) {
  py::list out;
  for (auto& c : table.take()) {
    py::object data;
    const auto n = static_cast<py::ssize_t>(c.size());
    switch (c.type) {
      case io::Column::Type::kNumber:
        data = py::array_t<double>(n, c.numbers.data());
        break;
      case io::Column::Type::kInteger:
        data = py::array_t<std::int64_t>(n, c.integers.data());
        break;
      case io::Column::Type::kTime:
      case io::Column::Type::kDate:
        data = py::array_t<std::int64_t>(n, c.integers.data()).attr("view")("datetime64[s]");
        break;
      case io::Column::Type::kText:
        data = py::cast(c.texts);
        break;
      case io::Column::Type::kBool:
        data = py::array_t<std::uint8_t>(n, c.bools.data()).attr("astype")("bool");
        break;
    }
    out.append(py::make_tuple(c.name, data));
  }
  return out;
}

// A Python callable progress(done, total) as the library's progress function. The library calls it
// from worker threads with the GIL released: calls are serialized and take the GIL. When the
// callable raises, the work stops with wfm.InputError carrying its message (so a callback can
// cancel long work).
std::function<void(std::size_t, std::size_t)> progress_of(const py::object& callback) {
  if (callback.is_none()) return {};
  auto mutex = std::make_shared<std::mutex>();
  return [callback, mutex](std::size_t done, std::size_t total) {
    std::lock_guard lock(*mutex);
    py::gil_scoped_acquire gil;
    try {
      callback(done, total);
    } catch (py::error_already_set& e) {
      throw core::InputError(core::at_flag("progress"),
                             fmt::format("the progress callback raised {}", e.what()));
    }
  };
}

// The staffing keywords shared by erlang() and staff(), already converted to numbers by the
// Python side (durations in seconds, fractions as fractions). Keys absent or None: not set.
struct Staffing {
  std::unique_ptr<staffing::StaffingEngine> engine;
  staffing::EngineSpec engine_spec;
  staffing::ServiceTargets targets;
  staffing::SolveOptions solve;
  double shrinkage = 0;
};

std::optional<double> number(const py::dict& d, const char* key) {
  if (!d.contains(key) || d[key].is_none()) return std::nullopt;
  const double v = d[key].cast<double>();
  WFM_REQUIRE(std::isfinite(v), core::at_flag(key), "expected a finite number, got {}", v);
  return v;
}

std::string text(const py::dict& d, const char* key, std::string fallback) {
  if (!d.contains(key) || d[key].is_none()) return fallback;
  return d[key].cast<std::string>();
}

// threshold= (seconds, default 20) and sl_definition= (default "offered").
staffing::ServiceMeasure measure_of(const py::dict& kw) {
  staffing::ServiceMeasure m;
  m.threshold_s = number(kw, "threshold").value_or(20);
  WFM_REQUIRE(m.threshold_s >= 0, core::at_flag("threshold"), "expected a duration >= 0, got {}",
              m.threshold_s);
  const std::string definition = text(kw, "sl_definition", "offered");
  const auto def = staffing::parse_sl_definition(definition);
  WFM_REQUIRE(def.has_value(), core::at_flag("sl_definition"),
              "expected offered, answered, offered-less-short-abandons or abandons-within-t-met, "
              "got \"{}\"",
              definition);
  m.definition = *def;
  return m;
}

// replications= (default 30) and seed= (default 1) of the simulating functions.
int replications_of(const py::dict& kw) {
  const double reps = number(kw, "replications").value_or(30);
  WFM_REQUIRE(reps == std::floor(reps) && reps >= 2 && reps <= 1e6, core::at_flag("replications"),
              "expected a whole number from 2 to 1000000, got {}", reps);
  return static_cast<int>(reps);
}

std::uint64_t seed_of(const py::dict& kw) {
  const double seed = number(kw, "seed").value_or(1);
  WFM_REQUIRE(seed >= 0 && seed == std::floor(seed) && seed < 9.007e15, core::at_flag("seed"),
              "expected a whole number >= 0, got {}", seed);
  return static_cast<std::uint64_t>(seed);
}

// concurrency= and aht_by_concurrency= into spec's chat options (checked by the library).
void chat_options_of(const py::dict& kw, staffing::EngineSpec& spec) {
  if (const auto k = number(kw, "concurrency")) {
    WFM_REQUIRE(*k >= 1 && *k <= 20 && *k == std::floor(*k), core::at_flag("concurrency"),
                "expected a whole number of chats from 1 to 20, got {}", *k);
    spec.concurrency = static_cast<int>(*k);
  }
  if (kw.contains("aht_by_concurrency") && !kw["aht_by_concurrency"].is_none()) {
    spec.aht_by_concurrency_s = kw["aht_by_concurrency"].cast<std::vector<double>>();
  }
}

// outbound_threshold= and outbound_aht= into spec's blend options.
void blend_options_of(const py::dict& kw, staffing::EngineSpec& spec) {
  if (const auto k = number(kw, "outbound_threshold")) {
    WFM_REQUIRE(*k >= 0 && *k <= 1e6 && *k == std::floor(*k), core::at_flag("outbound_threshold"),
                "expected a whole number of idle agents from 0 to 1000000, got {}", *k);
    spec.outbound_threshold = static_cast<int>(*k);
  }
  spec.outbound_aht_s = number(kw, "outbound_aht");
  if (spec.outbound_aht_s) {
    WFM_REQUIRE(*spec.outbound_aht_s > 0, core::at_flag("outbound_aht"),
                "expected a duration > 0, got {}", *spec.outbound_aht_s);
  }
}

Staffing staffing_of(const py::dict& kw, bool require_targets) {
  Staffing s;
  s.engine_spec.model = text(kw, "model", "");
  s.engine_spec.patience_s = number(kw, "patience");
  if (s.engine_spec.patience_s) {
    WFM_REQUIRE(*s.engine_spec.patience_s > 0, core::at_flag("patience"),
                "expected a mean patience > 0, got {}", *s.engine_spec.patience_s);
  }
  s.engine_spec.lines = number(kw, "lines");
  s.engine_spec.redial_prob = number(kw, "redial_prob");
  s.engine_spec.redial_delay_s = number(kw, "redial_delay");
  s.engine_spec.forecast_cv = number(kw, "forecast_cv");
  chat_options_of(kw, s.engine_spec);
  blend_options_of(kw, s.engine_spec);
  s.engine =
      staffing::make_engine(s.engine_spec, core::at_flag("model"), core::at_flag("patience"));
  auto& t = s.targets;
  t.measure = measure_of(kw);
  t.service_level = number(kw, "sl");
  t.max_asa_s = number(kw, "max_asa");
  t.max_abandon_rate = number(kw, "max_abandon");
  t.max_occupancy = number(kw, "max_occupancy");
  t.max_blocking = number(kw, "max_blocking");
  t.min_outbound_per_hour = number(kw, "min_outbound");
  if (auto c = number(kw, "confidence")) t.confidence = *c;
  s.shrinkage = number(kw, "shrinkage").value_or(0);
  WFM_REQUIRE(s.shrinkage >= 0 && s.shrinkage < 1, core::at_flag("shrinkage"),
              "expected a fraction in [0, 1), got {}", s.shrinkage);
  s.solve.fractional = kw.contains("fractional") && kw["fractional"].cast<bool>();
  s.solve.min_agents = number(kw, "min_agents").value_or(0);
  s.solve.max_agents = number(kw, "max_agents");
  if (require_targets || !t.empty()) staffing::validate_targets(*s.engine, t, s.solve);
  return s;
}

// One interval: solve (no `agents`) or evaluate `agents`: `wfm erlang --json`'s object, as text.
std::string py_erlang(double calls, double interval_s, double aht_s, std::optional<double> agents,
                      const py::dict& kw) {
  WFM_REQUIRE(std::isfinite(calls) && calls >= 0, core::at_flag("calls"),
              "expected a number >= 0, got {}", calls);
  WFM_REQUIRE(std::isfinite(interval_s) && interval_s > 0, core::at_flag("interval"),
              "expected a duration > 0, got {}", interval_s);
  WFM_REQUIRE(std::isfinite(aht_s) && aht_s > 0, core::at_flag("aht"),
              "expected a duration > 0, got {}", aht_s);
  const Staffing s = staffing_of(kw, !agents.has_value());
  const staffing::IntervalLoad load{calls, interval_s, aht_s};
  staffing::require_supported_load(load, core::at_flag("calls"));
  staffing::StaffingResult r;
  if (agents) {
    WFM_REQUIRE(std::isfinite(*agents) && *agents >= 0 &&
                    (s.engine->supports_fractional() || *agents == std::floor(*agents)),
                core::at_flag("agents"), "expected a number of agents >= 0, got {}", *agents);
    r = s.engine->evaluate(load, *agents, s.targets.measure);
    r.feasible = !s.targets.empty() && staffing::meets_targets(r, s.targets);
  } else {
    r = staffing::solve(*s.engine, load, s.targets, s.solve);
  }
  return pipeline::interval_json(
             load, r, s.targets, s.engine_spec.patience_s, s.shrinkage,
             staffing::scheduled_agents(r.agents, s.shrinkage, s.solve.fractional))
      .dump();
}

// wfm staff on an interval CSV text: (staffing table, daily table, totals JSON, model note).
py::tuple py_staff(const std::string& csv, const std::string& source, const py::dict& kw,
                   const py::object& progress) {
  const pipeline::Progress report = progress_of(progress);
  Staffing s = staffing_of(kw, true);
  pipeline::StaffingSpec spec;
  spec.engine = s.engine_spec;
  spec.targets = s.targets;
  spec.solve = s.solve;
  spec.shrinkage = s.shrinkage;
  const std::string method = text(kw, "method", "erlang");
  WFM_REQUIRE(method == "erlang" || method == "sim", core::at_flag("method"),
              "expected \"erlang\" or \"sim\", got \"{}\"", method);
  if (method == "sim") {
    spec.method = pipeline::Method::kSimulation;
    spec.simulation = pipeline::simulation_like_engine(spec, replications_of(kw), seed_of(kw));
  }
  const std::optional<double> default_aht = number(kw, "aht");
  WFM_REQUIRE(!default_aht || *default_aht > 0, core::at_flag("aht"),
              "expected a duration > 0, got {}", default_aht.value_or(0));
  pipeline::TotalsBasis basis;
  basis.paid_hours_per_fte_week = number(kw, "fte_hours_week").value_or(37.5);
  basis.cost_per_agent_hour = number(kw, "cost_per_agent_hour");

  io::ColumnTable intervals, daily;
  std::string totals;
  std::optional<std::string> note;
  {
    py::gil_scoped_release release;
    std::istringstream in(csv);
    const core::IntervalTable table = io::load_interval_table(in, source);
    WFM_REQUIRE(table.has_aht || default_aht, (core::Location{source, 0, "aht_s"}),
                "the table has no aht_s column: add one or give aht=");
    const pipeline::Demand demand = pipeline::demand_from_table(table, default_aht);
    pipeline::StaffingPlan plan = pipeline::staff(demand, spec, report);
    pipeline::compute_totals(plan, basis);
    pipeline::write_staffing_table(intervals, plan);
    pipeline::write_daily_table(daily, plan);
    totals = pipeline::totals_json(plan.overall).dump();
    note = plan.model_note;
  }
  return py::make_tuple(to_python(intervals), to_python(daily), totals, note);
}

// wfm forecast on a history CSV text: (forecast table, backtest rows as JSON).
py::tuple py_forecast(const std::string& csv, const std::string& source, const std::string& method,
                      int horizon_days, const std::vector<double>& levels) {
  forecast::ForecastOptions o;
  o.method = method;
  o.horizon_days = horizon_days;
  o.levels = levels;
  io::ColumnTable out;
  nlohmann::json backtest = nlohmann::json::array();
  {
    py::gil_scoped_release release;
    std::istringstream in(csv);
    const core::IntervalTable history = io::load_interval_table(in, source);
    const forecast::ForecastRun run = forecast::run_forecast(history, o);
    io::write_forecast_table(out, run.table);
    for (const auto& r : run.reports) {
      for (const auto& c : r.candidates) {
        const auto opt = [](const std::optional<double>& x) {
          return x && std::isfinite(*x) ? nlohmann::json(*x) : nlohmann::json();
        };
        nlohmann::json row = {{"queue", r.queue},
                              {"method", c.method},
                              {"chosen", c.method == r.method},
                              {"mase", opt(c.scores.mase)},
                              {"wape", opt(c.scores.wape)},
                              {"bias", opt(c.scores.bias)},
                              {"smape", opt(c.scores.smape)},
                              {"rmse", opt(c.scores.rmse)},
                              {"folds", c.folds.size()},
                              {"horizon_days", r.backtest_horizon_days}};
        backtest.push_back(std::move(row));
      }
    }
  }
  return py::make_tuple(to_python(out), backtest.dump());
}

// wfm accuracy on forecast and actuals (and optionally history) CSV texts: (report table, summary
// JSON with the pairing counts, notes and whether every threshold passed).
py::tuple py_accuracy(const std::string& forecast_csv, const std::string& actuals_csv,
                      std::optional<std::string> history_csv, const std::vector<std::string>& by,
                      std::optional<double> resolution_s, const std::string& season) {
  metrics::ScoringOptions options;
  const auto lag = metrics::parse_seasonal_lag(season);
  WFM_REQUIRE(lag.has_value(), core::at_flag("season"), "expected day or week, got \"{}\"", season);
  options.season = *lag;
  if (!by.empty()) {
    std::vector<metrics::GroupBy> dims;
    for (const auto& item : by) {
      const auto d = metrics::parse_group_by(item);
      WFM_REQUIRE(d.has_value(), core::at_flag("by"),
                  "expected a list of interval, day, week, queue, got \"{}\"", item);
      WFM_REQUIRE(std::find(dims.begin(), dims.end(), *d) == dims.end(), core::at_flag("by"),
                  "{} is listed twice", item);
      dims.push_back(*d);
    }
    options.by = std::move(dims);
  }
  if (resolution_s) {
    WFM_REQUIRE(*resolution_s >= 1 && *resolution_s == std::floor(*resolution_s),
                core::at_flag("resolution"), "expected whole seconds, got {}", *resolution_s);
    options.resolution_s = static_cast<int>(*resolution_s);
  }
  io::ColumnTable table;
  nlohmann::json summary;
  {
    py::gil_scoped_release release;
    std::istringstream f(forecast_csv), a(actuals_csv);
    const core::ForecastTable forecast = io::load_forecast_table(f, "forecast");
    const core::IntervalTable actuals = io::load_interval_table(a, "actuals");
    std::optional<core::IntervalTable> history;
    if (history_csv) {
      std::istringstream h(*history_csv);
      history = io::load_interval_table(h, "history");
    }
    const metrics::AccuracyReport report =
        metrics::score_forecast(forecast, actuals, history ? &*history : nullptr, options);
    metrics::write_accuracy_table(table, report);
    const auto& p = report.pairing;
    summary = {{"resolution_s", report.resolution_s},
               {"pairs", p.pairs},
               {"forecast_unmatched", p.forecast_unmatched},
               {"actual_unmatched", p.actual_unmatched},
               {"actual_outside", p.actual_outside},
               {"forecast_only_queues", p.forecast_only_queues},
               {"actual_only_queues", p.actual_only_queues},
               {"notes", report.notes}};
  }
  return py::make_tuple(to_python(table), summary.dump());
}

// wfm simulate on a demand CSV text with a staffing CSV text (wfm staff's) or constant agents:
// (intervals table, daily table, JSON summary).
py::tuple py_simulate(const std::string& demand_csv, const std::string& demand_name,
                      std::optional<std::string> staffing_csv, std::optional<double> agents,
                      const py::dict& kw, const py::object& progress) {
  const sim::ProgressFn report = progress_of(progress);
  WFM_REQUIRE(staffing_csv.has_value() != agents.has_value(), core::at_flag("staffing"),
              "give either staffing= (a DataFrame like wfm.staff's intervals) or agents=");
  std::optional<int> constant;
  if (agents) {
    WFM_REQUIRE(*agents >= 0 && *agents == std::floor(*agents) && *agents < 1e7,
                core::at_flag("agents"), "expected a whole number of agents >= 0, got {}", *agents);
    constant = static_cast<int>(*agents);
  }
  sim::SimSettings s;
  s.replications = replications_of(kw);
  s.seed = seed_of(kw);
  s.measure = measure_of(kw);
  const std::string aht_dist = text(kw, "aht_dist", "exponential");
  const auto handle = sim::parse_handle_dist(aht_dist);
  WFM_REQUIRE(handle.has_value(), core::at_flag("aht_dist"),
              "expected exponential, lognormal, gamma or empirical, got \"{}\"", aht_dist);
  s.handle.dist = *handle;
  s.handle.cv = number(kw, "aht_cv").value_or(1.0);
  if (kw.contains("aht_samples") && !kw["aht_samples"].is_none()) {
    s.handle.empirical = kw["aht_samples"].cast<std::vector<double>>();
  }
  const std::optional<double> patience = number(kw, "patience");
  const std::string pdist = text(kw, "patience_dist", patience ? "exponential" : "none");
  const auto pd = sim::parse_patience_dist(pdist);
  WFM_REQUIRE(pd.has_value(), core::at_flag("patience_dist"),
              "expected none, exponential, weibull or lognormal, got \"{}\"", pdist);
  s.patience.dist = *pd;
  if (s.patience.dist != sim::PatienceDist::kNone) {
    WFM_REQUIRE(patience.has_value(), core::at_flag("patience"),
                "required: the mean patience, e.g. 120 or '2m'");
    s.patience.mean_s = *patience;
  }
  s.patience.shape = number(kw, "patience_shape").value_or(1.0);
  s.patience.cv = number(kw, "patience_cv").value_or(1.0);
  s.redial.probability = number(kw, "redial_prob").value_or(0);
  s.redial.delay_s = number(kw, "redial_delay").value_or(300);
  if (const auto lines = number(kw, "lines")) {
    WFM_REQUIRE(*lines >= 1 && *lines <= 1e9 && *lines == std::floor(*lines),
                core::at_flag("lines"), "expected a whole number of lines >= 1, got {}", *lines);
    s.lines = static_cast<int>(*lines);
  }
  staffing::EngineSpec channel;
  chat_options_of(kw, channel);
  blend_options_of(kw, channel);
  WFM_REQUIRE(channel.outbound_threshold || !channel.outbound_aht_s,
              core::at_flag("outbound_threshold"),
              "blending needs the idle agents kept for inbound calls, e.g. 2");
  sim::set_channel_options(s, channel);
  s.arrivals.cv = number(kw, "rate_cv").value_or(0);
  if (s.arrivals.cv > 0) {
    const std::string noise_name = text(kw, "rate_noise", "per-day");
    const auto noise = sim::parse_rate_noise(noise_name);
    WFM_REQUIRE(noise.has_value(), core::at_flag("rate_noise"),
                "expected per-day or per-interval, got \"{}\"", noise_name);
    s.arrivals.noise = *noise;
  }
  const std::optional<double> default_aht = number(kw, "aht");
  const std::string staffing_name = text(kw, "staffing_name", "staffing");

  io::ColumnTable intervals, daily;
  std::string summary;
  {
    py::gil_scoped_release release;
    std::istringstream in(demand_csv);
    const core::IntervalTable table = io::load_interval_table(in, demand_name);
    WFM_REQUIRE(table.has_aht || default_aht, (core::Location{demand_name, 0, "aht_s"}),
                "the table has no aht_s column: add one or give aht=");
    std::optional<io::StaffingPlanCsv> plan;
    if (staffing_csv) {
      std::istringstream st(*staffing_csv);
      plan = io::read_staffing_csv(st, staffing_name);
    }
    const sim::AgentsFor agents_for = [&](const core::QueueSeries& q,
                                          const core::IntervalRecord& iv) {
      if (!plan) return constant.value_or(0);
      return plan->agents_at(q.queue, iv.start, iv.source_line);
    };
    const pipeline::SimulationRun run =
        pipeline::simulate_table(table, agents_for, default_aht.value_or(0.0), s, report);
    pipeline::write_simulation_table(intervals, run);
    pipeline::write_simulation_daily_table(daily, run);
    summary = pipeline::simulation_json(run).dump();
  }
  return py::make_tuple(to_python(intervals), to_python(daily), summary);
}

// wfm plan on a scenario (a path, or TOML text with a display name): its tables.
py::dict py_plan(const std::string& path_or_text, bool is_text, const std::string& display_name,
                 bool simulate, const py::object& progress) {
  const sim::ProgressFn report = progress_of(progress);
  io::ColumnTable forecast_table, staffing_table, simulation_table;
  bool simulated = false;
  std::string summary;
  {
    py::gil_scoped_release release;
    const scenario::Scenario s = is_text ? scenario::parse_scenario(path_or_text, display_name)
                                         : scenario::load_scenario(path_or_text);
    forecast::ForecastRun run;
    const core::ForecastTable demand = plan::scenario_demand(s, &run);
    plan::PlanResult result = plan::staff_plan(demand, s);
    if (simulate && s.simulation.check) plan::simulate_plan(result, s, {}, report);
    io::write_forecast_table(forecast_table, demand);
    pipeline::write_staffing_table(staffing_table, result);
    simulated = result.simulated;
    if (simulated) pipeline::write_simulation_table(simulation_table, result);
    summary = plan::summary_json(result, s, s.uses_demand() ? nullptr : &run).dump();
  }
  py::dict d;
  d["forecast"] = to_python(forecast_table);
  d["staffing"] = to_python(staffing_table);
  d["simulation"] = simulated ? py::object(to_python(simulation_table)) : py::object(py::none());
  d["summary"] = summary;
  return d;
}

// wfm backtest on a history CSV text: the backtest table (its CSV's columns).
py::list py_backtest(const std::string& csv, const std::string& source,
                     const std::vector<std::string>& methods, int origins, int horizon_days,
                     int step_days, const std::vector<double>& levels) {
  forecast::MethodsOptions o;
  o.methods = forecast::parse_method_list(methods, core::at_flag("method"));
  WFM_REQUIRE(origins >= 1 && origins <= 100, core::at_flag("origins"),
              "expected a whole number from 1 to 100, got {}", origins);
  o.backtest.origins = origins;
  o.backtest.horizon_days = horizon_days;
  o.backtest.step_days = step_days;
  o.levels = levels;
  forecast::check_levels(o.levels);
  io::ColumnTable table;
  {
    py::gil_scoped_release release;
    std::istringstream in(csv);
    const core::IntervalTable history = io::load_interval_table(in, source);
    forecast::write_backtest_table(table, forecast::backtest_methods(history, o), o.levels);
  }
  return to_python(table);
}

// wfm synth: a synthetic interval history (the interval format's columns).
py::list py_synth(const std::string& start, int days, double interval_s,
                  const std::vector<std::string>& queues, std::uint64_t seed, double scale,
                  double trend, double overdispersion) {
  synth::SynthOptions o;
  const auto first = core::parse_local_date(start);
  WFM_REQUIRE(first.has_value(), core::at_flag("start"),
              "expected a date like 2024-03-04, got \"{}\"", start);
  o.start = *first;
  o.days = days;
  WFM_REQUIRE(interval_s == std::floor(interval_s) && interval_s > 0 && interval_s <= 86400,
              core::at_flag("interval"), "expected one of 5m, 10m, 15m, 30m, 60m, got {} s",
              interval_s);
  o.interval_s = static_cast<int>(interval_s);
  o.queues.clear();
  for (const auto& q : queues) o.queues.push_back(synth::default_profile(q));
  o.seed = seed;
  o.scale = scale;
  o.trend_per_week = trend;
  o.overdispersion = overdispersion;
  io::ColumnTable table;
  {
    py::gil_scoped_release release;
    io::write_interval_table(table, synth::generate_history(o));
  }
  return to_python(table);
}

// wfm schedule on a staffing CSV text and shift rules (a path, or TOML text with a display name):
// {"shifts", "coverage", "days": tables, "rounds": list of dicts}.
py::dict py_schedule(const std::string& requirements_csv, const std::string& requirements_name,
                     const std::string& rules_path_or_text, bool rules_is_text,
                     const std::string& rules_name, const std::string& queue, const py::dict& kw,
                     std::optional<std::string> demand_csv, const std::string& demand_name,
                     std::optional<std::string> agents_csv, const std::string& agents_name,
                     std::optional<std::string> previous_csv, const std::string& previous_name) {
  WFM_REQUIRE(!previous_csv || agents_csv, core::at_flag("previous_roster"),
              "a previous roster is for rostering: add agents=");
  schedule::SolveOptions solve;
  solve.time_limit_s = number(kw, "time_limit").value_or(60);
  WFM_REQUIRE(solve.time_limit_s > 0 && solve.time_limit_s <= 86400, core::at_flag("time_limit"),
              "expected a duration from 1s to 1d, got {}", solve.time_limit_s);
  solve.relative_gap = number(kw, "gap").value_or(1e-4);
  WFM_REQUIRE(solve.relative_gap >= 0 && solve.relative_gap < 1, core::at_flag("gap"),
              "expected a fraction from 0 to 1, got {}", solve.relative_gap);
  schedule::ServiceOptions service;
  const staffing::ServiceMeasure measure = measure_of(kw);
  service.threshold_s = measure.threshold_s;
  service.definition = measure.definition;
  service.patience_s = number(kw, "patience");
  WFM_REQUIRE(!service.patience_s || *service.patience_s > 0, core::at_flag("patience"),
              "expected a mean patience > 0, got {}", service.patience_s.value_or(0));
  service.replications = replications_of(kw);
  service.seed = seed_of(kw);
  const std::optional<double> target = number(kw, "sl_target");
  const double rounds = number(kw, "rounds").value_or(0);
  WFM_REQUIRE(rounds == std::floor(rounds), core::at_flag("rounds"),
              "expected a whole number from 0 to 20, got {}", rounds);
  schedule::RosterOptions roster_options;
  roster_options.time_limit_s = number(kw, "roster_time_limit").value_or(60);
  WFM_REQUIRE(roster_options.time_limit_s > 0 && roster_options.time_limit_s <= 86400,
              core::at_flag("roster_time_limit"), "expected a duration from 1s to 1d, got {}",
              roster_options.time_limit_s);
  io::ColumnTable shifts, coverage, days, roster_table;
  std::vector<schedule::LoopRound> loop_rounds;
  std::string roster_summary;
  {
    py::gil_scoped_release release;
    const schedule::ShiftRules rules =
        rules_is_text ? schedule::parse_shift_rules(rules_path_or_text, rules_name)
                      : schedule::load_shift_rules(rules_path_or_text);
    std::vector<schedule::Agent> agents;
    if (agents_csv) {
      std::istringstream a(*agents_csv);
      agents = schedule::read_agents_csv(a, agents_name);
      schedule::validate_agents(rules, agents, agents_name);
    }
    schedule::PreviousRoster previous;
    if (previous_csv) {
      std::istringstream p(*previous_csv);
      previous = schedule::read_previous_roster_csv(p, previous_name);
    }
    std::istringstream in(requirements_csv);
    const io::StaffingPlanCsv plan = io::read_staffing_csv(in, requirements_name);
    std::optional<core::IntervalTable> demand;
    if (demand_csv) {
      std::istringstream d(*demand_csv);
      demand = io::load_interval_table(d, demand_name);
    }
    const schedule::ScheduleRun run = schedule::run_schedule(
        rules, plan, queue, solve, demand ? &*demand : nullptr, service, target,
        static_cast<int>(rounds), core::at_flag("demand"), core::at_flag("rounds"));
    const auto* sim = run.service ? &*run.service : nullptr;
    schedule::write_schedule_table(shifts, rules, run.days);
    schedule::write_coverage_table(coverage, rules, run.days, sim);
    schedule::write_days_table(days, run.days, sim);
    loop_rounds = run.rounds;
    if (agents_csv) {
      const schedule::RosterResult roster =
          schedule::assign_roster(rules, schedule::roster_days(run.days), agents, roster_options,
                                  previous);
      schedule::write_roster_table(roster_table, rules, run.days, agents, roster);
      nlohmann::json summary = schedule::roster_json(roster, run.days, agents, "");
      summary.erase("file");
      roster_summary = summary.dump();
    }
  }
  py::list rounds_out;
  for (const auto& r : loop_rounds) {
    py::dict d;
    d["paid_hours"] = r.paid_hours;
    d["cost"] = r.cost;
    d["erlang_sl"] = r.erlang_sl;
    d["simulated_sl"] = r.simulated_sl;
    d["intervals_below"] = r.intervals_below;
    rounds_out.append(d);
  }
  py::dict out;
  out["shifts"] = to_python(shifts);
  out["coverage"] = to_python(coverage);
  out["days"] = to_python(days);
  out["rounds"] = rounds_out;
  if (agents_csv) {
    out["roster"] = to_python(roster_table);
    out["roster_summary"] = py::module_::import("json").attr("loads")(roster_summary);
  }
  return out;
}

std::optional<double> parse_duration(const std::string& t) {
  return core::parse_duration_s(t);
}

}  // namespace

py::dict py_backlog(const std::string& demand_csv, const std::string& demand_name,
                    const std::string& open, const std::string& days, const py::dict& kw,
                    std::optional<std::string> agents_csv, const std::string& agents_name,
                    std::optional<std::string> opening_csv, const std::string& opening_name,
                    const std::string& closed) {
  staffing::BacklogOptions options;
  options.target.fraction = number(kw, "target").value_or(1.0);
  options.target.within_s = number(kw, "within").value_or(0);
  const auto hours = staffing::parse_open_hours(open);
  WFM_REQUIRE(hours.has_value(), core::at_flag("open"),
              "expected opening hours HH:MM-HH:MM with opening before closing, e.g. 08:00-18:00, "
              "got {}",
              io::quote_for_message(open));
  const auto open_days = staffing::parse_open_days(days);
  WFM_REQUIRE(open_days.has_value(), core::at_flag("days"),
              "expected days like mon-fri or mon,wed,fri, got {}", io::quote_for_message(days));
  options.hours = staffing::BusinessHours{*open_days, hours->first, hours->second}.week();
  const double min_agents = number(kw, "min_agents").value_or(0);
  WFM_REQUIRE(min_agents >= 0 && min_agents == std::floor(min_agents) && min_agents <= 1e7,
              core::at_flag("min_agents"), "expected a whole number of agents, got {}", min_agents);
  options.min_agents = static_cast<int>(min_agents);
  if (const auto max_agents = number(kw, "max_agents")) {
    WFM_REQUIRE(*max_agents >= 1 && *max_agents >= min_agents &&
                    *max_agents == std::floor(*max_agents) && *max_agents <= 1e7,
                core::at_flag("max_agents"),
                "expected a whole number >= 1 and >= min_agents, got {}", *max_agents);
    options.max_agents = static_cast<int>(*max_agents);
  }
  const std::optional<double> aht = number(kw, "aht");
  if (!closed.empty()) options.closed_dates = io::parse_date_list(closed, core::at_flag("closed"));
  const std::string method = text(kw, "method", "fluid");
  WFM_REQUIRE(method == "fluid" || method == "sim", core::at_flag("method"),
              "expected \"fluid\" or \"sim\", got {}", io::quote_for_message(method));
  const bool by_simulation = method == "sim";
  WFM_REQUIRE(!by_simulation || !agents_csv, core::at_flag("method"),
              "method=\"sim\" staffs the demand; agents= projects a given staffing: use one of "
              "them");
  WFM_REQUIRE(!by_simulation || options.target.fraction < 1, core::at_flag("target"),
              "method=\"sim\" needs a target below 1, e.g. 0.9, got {}", options.target.fraction);
  WFM_REQUIRE(by_simulation || !number(kw, "sim_confidence"), core::at_flag("sim_confidence"),
              "only with method=\"sim\"");
  sim::BacklogSimStaffingOptions sim_options;
  sim_options.confidence = number(kw, "sim_confidence").value_or(0.5);
  const bool simulate = number(kw, "simulate").value_or(0) != 0 || by_simulation;
  WFM_REQUIRE(simulate || !number(kw, "replications"), core::at_flag("replications"),
              "only with simulate=True or method=\"sim\"");
  WFM_REQUIRE(simulate || !number(kw, "seed"), core::at_flag("seed"),
              "only with simulate=True or method=\"sim\"");
  sim::SimSettings sim_settings;  // deferred work: exponential work per item, no abandonment
  if (simulate) {
    sim_settings.replications = replications_of(kw);
    sim_settings.seed = seed_of(kw);
  }
  io::ColumnTable table;
  py::list queues;
  py::dict overall;
  {
    nlohmann::json per_queue, all;
    {
      py::gil_scoped_release release;
      std::istringstream in(demand_csv);
      const core::IntervalTable demand = io::load_interval_table(in, demand_name);
      std::optional<io::StaffingPlanCsv> plan;
      if (agents_csv) {
        std::istringstream a(*agents_csv);
        plan = io::read_staffing_csv(a, agents_name);
      }
      std::optional<io::OpeningBacklogTable> opening;
      if (opening_csv) {
        std::istringstream o(*opening_csv);
        opening = io::read_opening_backlog(o, opening_name);
      }
      const io::OpeningBacklogTable* opening_table = opening ? &*opening : nullptr;
      pipeline::BacklogRun run =
          by_simulation
              ? pipeline::run_backlog_by_simulation(demand, options, aht, sim_settings, sim_options,
                                                    {}, opening_table)
              : pipeline::run_backlog(demand, options, aht, plan ? &*plan : nullptr, opening_table);
      if (simulate && !by_simulation) pipeline::simulate_backlog_run(run, sim_settings);
      pipeline::write_backlog_table(table, run);
      per_queue = pipeline::backlog_queues_json(run);
      all = pipeline::backlog_overall_json(run);
    }
    py::module_ json = py::module_::import("json");
    queues = json.attr("loads")(per_queue.dump());
    overall = json.attr("loads")(all.dump());
  }
  py::dict out;
  out["table"] = to_python(table);
  out["queues"] = queues;
  out["overall"] = overall;
  return out;
}

PYBIND11_MODULE(_wfm, m) {
  m.doc() = "wfm's native extension; use the `wfm` package.";
  py::register_exception<core::InputError>(m, "InputError", PyExc_ValueError);
  m.def("erlang", &py_erlang, py::arg("calls"), py::arg("interval_s"), py::arg("aht_s"),
        py::arg("agents"), py::arg("options"));
  m.def("staff", &py_staff, py::arg("csv"), py::arg("source"), py::arg("options"),
        py::arg("progress"));
  m.def("forecast", &py_forecast, py::arg("csv"), py::arg("source"), py::arg("method"),
        py::arg("horizon_days"), py::arg("levels"));
  m.def("accuracy", &py_accuracy, py::arg("forecast"), py::arg("actuals"), py::arg("history"),
        py::arg("by"), py::arg("resolution_s"), py::arg("season"));
  m.def("simulate", &py_simulate, py::arg("demand"), py::arg("demand_name"), py::arg("staffing"),
        py::arg("agents"), py::arg("options"), py::arg("progress"));
  m.def("plan", &py_plan, py::arg("scenario"), py::arg("is_text"), py::arg("display_name"),
        py::arg("simulate"), py::arg("progress"));
  m.def("csv_from_columns", &csv_from_columns, py::arg("columns"));
  m.def("backtest", &py_backtest, py::arg("csv"), py::arg("source"), py::arg("methods"),
        py::arg("origins"), py::arg("horizon_days"), py::arg("step_days"), py::arg("levels"));
  m.def("schedule", &py_schedule, py::arg("requirements"), py::arg("requirements_name"),
        py::arg("rules"), py::arg("rules_is_text"), py::arg("rules_name"), py::arg("queue"),
        py::arg("options"), py::arg("demand"), py::arg("demand_name"), py::arg("agents"),
        py::arg("agents_name"), py::arg("previous_roster"), py::arg("previous_roster_name"));
  m.def("backlog", &py_backlog, py::arg("demand"), py::arg("demand_name"), py::arg("open"),
        py::arg("days"), py::arg("options"), py::arg("agents"), py::arg("agents_name"),
        py::arg("opening") = py::none(), py::arg("opening_name") = "opening",
        py::arg("closed") = "");
  m.def("synth", &py_synth, py::arg("start"), py::arg("days"), py::arg("interval_s"),
        py::arg("queues"), py::arg("seed"), py::arg("scale"), py::arg("trend"),
        py::arg("overdispersion"));
  m.def("parse_duration", &parse_duration, py::arg("text"),
        "Seconds of a duration such as 20, 20s, 1.5m or 1h; None when it is not one.");
  m.def("engine_names", &staffing::engine_names);
  m.def("forecast_methods", [] {
    std::vector<std::string> names{"auto"};
    for (auto& n : forecast::method_names()) names.push_back(n);
    return names;
  });
}
