// Flags and presentation shared by `wfm forecast` and `wfm backtest`: the interval history and
// how to read it, the horizon in whole days, levels, outliers, and scores as text and JSON. Each
// problem is a core::InputError naming the flag.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/reader_flags.hpp"
#include "wfm/core/series.hpp"
#include "wfm/forecast/day_grid.hpp"
#include "wfm/forecast/special_days.hpp"
#include "wfm/metrics/accuracy.hpp"

namespace wfm::cli {

struct HistoryFlags {
  std::string history;
  ReaderFlags reader;
  std::string interval_length;
  std::string gaps = "allow";
  std::string timezone;
};

void add_history_flags(CLI::App& cmd, HistoryFlags& flags);
bool history_options_given(const HistoryFlags& flags);
// Loads --history (required).
// `extra_columns`: io::IntervalCsvOptions::extra_columns (wfm resample's --sum and --mean).
core::IntervalTable load_history(const HistoryFlags& flags,
                                 std::vector<std::string> extra_columns = {});

// "14d" -> 14: a duration (core::parse_duration_s) that is a positive whole number of days.
int parse_days_flag(const std::string& text, const char* flag);
// "80,95" -> {80, 95} (percent).
std::vector<double> parse_levels_flag(const std::string& text);
// off | downweight.
bool parse_outliers_flag(const std::string& text);
// A whole number in [lo, hi].
int parse_int_flag(const std::string& text, const char* flag, int lo, int hi);
// The special-days file, or an empty calendar for an empty path.
forecast::SpecialDays load_special_days_flag(const std::string& path);

// "2024-03-05, 2024-03-12, ... (+3 more)"; "none" when empty.
std::string format_dates(std::span<const forecast::Date> dates, std::size_t max = 5);
// Optional metrics for tables: "-" when undefined.
std::string fmt_percent(const std::optional<double>& v, bool sign = false);
std::string fmt_fixed(const std::optional<double>& v, int decimals);
nlohmann::json json_opt(const std::optional<double>& v);
// {"n", "mae", "rmse", "wape", "smape", "smape_skipped", "mape", "mape_skipped", "bias", "mase",
//  "coverage": {"80": x, ...} (only when `with_coverage`)}.
nlohmann::json scores_json(const metrics::Scores& s, std::span<const double> levels,
                           bool with_coverage);
// The level as in column names: "80", "97.5".
std::string level_text(double level);

}  // namespace wfm::cli
