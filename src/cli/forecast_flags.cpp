#include "cli/forecast_flags.hpp"

#include <cmath>

#include <fmt/format.h>

#include "cli/contact_flags.hpp"
#include "cli/result_format.hpp"
#include "cli/staffing_flags.hpp"
#include "cli/timezone_flag.hpp"
#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/forecast_csv.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"

namespace wfm::cli {

void add_history_flags(CLI::App& cmd, HistoryFlags& f) {
  cmd.add_option("--history", f.history,
                 "Interval history CSV (interval_start, queue, offered, aht_s; docs/formats.md)");
  add_reader_flags(cmd, f.reader, "the history");
  cmd.add_option("--interval-length", f.interval_length,
                 "History interval length when it cannot be inferred, e.g. 15m");
  cmd.add_option("--gaps", f.gaps,
                 "Missing intervals in the history: allow (reported and left out of fitting; "
                 "default) or error");
  add_timezone_flag(cmd, f.timezone, "the history's interval starts");
}

bool history_options_given(const HistoryFlags& f) {
  return !f.history.empty() || reader_flags_given(f.reader) || !f.interval_length.empty() ||
         f.gaps != "allow" || !f.timezone.empty();
}

core::IntervalTable load_history(const HistoryFlags& f, std::vector<std::string> extra_columns) {
  WFM_REQUIRE(!f.history.empty(), core::at_flag("--history"), "required: the interval history CSV");
  io::IntervalCsvOptions csv;
  csv.extra_columns = std::move(extra_columns);
  csv.reader = reader_options(f.reader);
  if (!f.interval_length.empty())
    csv.interval_s = interval_flag_s(f.interval_length, "--interval-length");
  const auto gaps = io::parse_gap_policy(f.gaps);
  WFM_REQUIRE(gaps.has_value(), core::at_flag("--gaps"), "expected allow or error, got {}",
              io::quote_for_message(f.gaps));
  csv.gap_policy = *gaps;
  csv.time_zone = parse_timezone_flag(f.timezone);
  return io::load_interval_table(f.history, csv);
}

int parse_days_flag(const std::string& text, const char* flag) {
  const auto s = core::parse_duration_s(text);
  WFM_REQUIRE(s && *s > 0 && std::fmod(*s, 86400.0) == 0 && *s / 86400 <= 3660, core::at_flag(flag),
              "expected a whole number of days such as 7d or 14d (or weeks: 13w), got {}",
              io::quote_for_message(text));
  return static_cast<int>(*s / 86400);
}

std::vector<double> parse_levels_flag(const std::string& text) {
  std::vector<double> out;
  for (const auto& item : split_list(text)) {
    const auto v = io::parse_double(item);
    WFM_REQUIRE(v && std::isfinite(*v), core::at_flag("--level"),
                "expected levels in percent such as 80,95, got {}", io::quote_for_message(item));
    out.push_back(*v);
  }
  WFM_REQUIRE(!out.empty(), core::at_flag("--level"),
              "expected at least one level in percent such as 80,95");
  return out;
}

bool parse_outliers_flag(const std::string& text) {
  WFM_REQUIRE(text == "off" || text == "downweight", core::at_flag("--outliers"),
              "expected off or downweight, got {}", io::quote_for_message(text));
  return text == "downweight";
}

int parse_int_flag(const std::string& text, const char* flag, int lo, int hi) {
  const auto v = io::parse_double(io::trim(text));
  WFM_REQUIRE(v && *v == std::floor(*v) && *v >= lo && *v <= hi, core::at_flag(flag),
              "expected a whole number from {} to {}, got {}", lo, hi, io::quote_for_message(text));
  return static_cast<int>(*v);
}

forecast::SpecialDays load_special_days_flag(const std::string& path) {
  if (path.empty()) return {};
  return forecast::load_special_days(path);
}

std::string format_dates(std::span<const forecast::Date> dates, std::size_t max) {
  if (dates.empty()) return "none";
  std::string out;
  for (std::size_t i = 0; i < dates.size() && i < max; ++i) {
    out += (i ? ", " : "") + core::format_local_date(dates[i]);
  }
  if (dates.size() > max) out += fmt::format(", ... (+{} more)", dates.size() - max);
  return out;
}

std::string fmt_percent(const std::optional<double>& v, bool sign) {
  if (!v) return "-";
  return sign ? fmt::format("{:+.1f}%", *v * 100) : fmt::format("{:.1f}%", *v * 100);
}

std::string fmt_fixed(const std::optional<double>& v, int decimals) {
  if (!v) return "-";
  return fmt::format("{:.{}f}", *v, decimals);
}

nlohmann::json json_opt(const std::optional<double>& v) {
  return v ? json_number(*v) : nlohmann::json(nullptr);
}

std::string level_text(double level) {
  return io::format_level(level);
}

nlohmann::json scores_json(const metrics::Scores& s, std::span<const double> levels,
                           bool with_coverage) {
  nlohmann::json j{{"n", s.n},
                   {"mae", json_opt(s.mae)},
                   {"rmse", json_opt(s.rmse)},
                   {"wape", json_opt(s.wape)},
                   {"smape", json_opt(s.smape)},
                   {"smape_skipped", s.smape_skipped},
                   {"mape", json_opt(s.mape)},
                   {"mape_skipped", s.mape_skipped},
                   {"bias", json_opt(s.bias)},
                   {"mase", json_opt(s.mase)}};
  if (with_coverage) {
    nlohmann::json cov = nlohmann::json::object();
    for (std::size_t l = 0; l < levels.size(); ++l) {
      cov[level_text(levels[l])] =
          l < s.coverage.size() ? json_opt(s.coverage[l]) : nlohmann::json(nullptr);
    }
    j["coverage"] = std::move(cov);
  }
  return j;
}

}  // namespace wfm::cli
