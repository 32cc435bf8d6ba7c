#include "wfm/io/forecast_csv.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/core/limits.hpp"
#include "wfm/io/csv_reader.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/io/input_file.hpp"
#include "wfm/io/interval_grid.hpp"
#include "wfm/io/number.hpp"

namespace wfm::io {
namespace {

using core::InputError;
using core::Location;

constexpr std::string_view lo_prefix = "calls_lo_";
constexpr std::string_view hi_prefix = "calls_hi_";

struct Column {
  std::optional<std::size_t> index;
  std::string name;  // as the file spells it (trimmed)
};

// The two bound columns of one level.
struct LevelColumns {
  double level = 0;
  Column lo, hi;
};

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    if (lower(text[i]) != prefix[i]) return false;
  }
  return true;
}

class Loader {
 public:
  Loader(std::istream& in, const std::string& name, const ForecastCsvOptions& options)
      : options_(options), reader_(in, name, CsvOptions{options.reader.delimiter, true}) {
    table_.source = name;
  }

  core::ForecastTable run() {
    check_column_fields(options_.reader, forecast_fields);
    if (options_.interval_s) {
      const int s = *options_.interval_s;
      WFM_REQUIRE(s > 0 && 86400 % s == 0, (Location{{}, 0, "interval_s"}),
                  "expected an interval length in seconds that divides a day (86400 s), got {}", s);
    }
    const CsvHeader header = reader_.read_header();
    header_line_ = reader_.line();
    resolve_columns(header);
    while (reader_.next()) read_row();
    WFM_REQUIRE(rows_ > 0, (Location{file(), header_line_, {}}), "no data rows after the header");
    if (options_.interval_s) {
      table_.interval_s = *options_.interval_s;
      check_interval_grid(table_.queues, table_.interval_s, grid_);
    } else {
      const InferredLength inferred = infer_interval_length(table_.queues, grid_);
      table_.interval_s = inferred.interval_s;
      check_interval_grid(table_.queues, table_.interval_s, grid_);
      check_mixed_interval_lengths(table_.queues, table_.interval_s, inferred.line, grid_);
    }
    check_queue_span(table_.queues, table_.interval_s, grid_);
    return std::move(table_);
  }

 private:
  const std::string& file() const { return table_.source; }
  Location header_at() const { return Location{file(), header_line_, {}}; }
  Location at(std::size_t line, const Column& c) const { return Location{file(), line, c.name}; }

  // The column of `field` (by its mapped name); absent and `required` is an error.
  Column find_column(const CsvHeader& header, std::string_view field, bool required) const {
    Column column;
    column.name = mapped_column(options_.reader, field);
    const std::size_t count = header.count(column.name);
    WFM_REQUIRE(count <= 1, header_at(), "column '{}' appears {} times in the header", column.name,
                count);
    column.index = header.find(column.name);
    if (column.index) {
      column.name = std::string(trim(header.names()[*column.index]));
    } else if (required) {
      throw InputError(header_at(), missing_column_message(header, field, column.name,
                                                           options_.reader.delimiter));
    }
    return column;
  }

  void resolve_columns(const CsvHeader& header) {
    start_ = find_column(header, "interval_start", true);
    queue_ = find_column(header, "queue", false);
    calls_ = find_column(header, "calls", true);
    aht_ = find_column(header, "aht_s", false);
    table_.has_aht = aht_.index.has_value();
    grid_ = GridSource{file(), start_.name, options_.time_zone ? &*options_.time_zone : nullptr};

    // Bound columns, in header order; levels must first appear in increasing order.
    for (std::size_t i = 0; i < header.size(); ++i) {
      const std::string name(trim(header.names()[i]));
      const bool lo = starts_with_ci(name, lo_prefix);
      if (!lo && !starts_with_ci(name, hi_prefix)) continue;
      const auto level = parse_double(std::string_view(name).substr(lo_prefix.size()));
      WFM_REQUIRE(level && *level > 0 && *level < 100, header_at(),
                  "column '{}': expected a prediction-interval level between 0 and 100 after "
                  "'{}' (as in {}80), got {}",
                  name, lo ? lo_prefix : hi_prefix, lo ? lo_prefix : hi_prefix,
                  quote_for_message(std::string_view(name).substr(lo_prefix.size())));
      auto it = std::find_if(levels_.begin(), levels_.end(),
                             [&](const LevelColumns& l) { return l.level == *level; });
      if (it == levels_.end()) {
        if (!levels_.empty() && *level < levels_.back().level) {
          throw InputError(
              header_at(),
              fmt::format("level columns out of order: '{}' comes after the columns of level {}; "
                          "levels must be in increasing order",
                          name, format_level(levels_.back().level)));
        }
        levels_.push_back(LevelColumns{*level, {}, {}});
        it = levels_.end() - 1;
      }
      Column& slot = lo ? it->lo : it->hi;
      WFM_REQUIRE(!slot.index, header_at(), "columns '{}' and '{}' are the same level's {} bound",
                  slot.name, name, lo ? "lower" : "upper");
      slot = Column{i, name};
    }
    for (const auto& l : levels_) {
      WFM_REQUIRE(l.lo.index && l.hi.index, header_at(),
                  "column '{}' has no matching '{}': each level needs both bounds",
                  l.lo.index ? l.lo.name : l.hi.name,
                  l.lo.index ? hi_column(l.level) : lo_column(l.level));
      table_.levels.push_back(l.level);
    }
  }

  std::string_view cell(const Column& c) const { return trim(reader_.field(*c.index)); }

  DecimalMark mark() const { return options_.reader.decimal_mark; }

  void read_row() {
    const std::size_t line = reader_.line();
    ++rows_;
    core::ForecastInterval row;
    row.source_line = line;
    const auto start_text = cell(start_);
    row.start = read_interval_start(start_text, options_.reader, at(line, start_));
    std::string queue;
    if (queue_.index) {
      queue = std::string(cell(queue_));
      WFM_REQUIRE(!queue.empty(), at(line, queue_), "expected a queue name, got {}",
                  quote_for_message(queue));
    }
    row.calls = parse_number(cell(calls_), at(line, calls_), NumberRange::non_negative, mark());
    WFM_REQUIRE(row.calls <= core::kMaxCallsPerInterval, at(line, calls_),
                "expected at most {:g} calls in one interval (docs/formats.md, limits), got {}",
                core::kMaxCallsPerInterval, quote_for_message(cell(calls_)));

    row.bounds.reserve(levels_.size());
    for (std::size_t k = 0; k < levels_.size(); ++k) {
      const auto& l = levels_[k];
      const auto lo_text = cell(l.lo);
      const auto hi_text = cell(l.hi);
      const double lo = parse_number(lo_text, at(line, l.lo), NumberRange::non_negative, mark());
      const double hi = parse_number(hi_text, at(line, l.hi), NumberRange::non_negative, mark());
      WFM_REQUIRE(lo <= row.calls, at(line, l.lo), "expected at most calls ({}), got {}",
                  format_double(row.calls), quote_for_message(lo_text));
      WFM_REQUIRE(hi >= row.calls, at(line, l.hi), "expected at least calls ({}), got {}",
                  format_double(row.calls), quote_for_message(hi_text));
      if (k > 0) {
        const auto& inner = levels_[k - 1];
        const core::Bounds& b = row.bounds.back();
        WFM_REQUIRE(lo <= b.lo, at(line, l.lo),
                    "expected at most {} ({}): bounds must widen with the level, got {}",
                    inner.lo.name, format_double(b.lo), quote_for_message(lo_text));
        WFM_REQUIRE(hi >= b.hi, at(line, l.hi),
                    "expected at least {} ({}): bounds must widen with the level, got {}",
                    inner.hi.name, format_double(b.hi), quote_for_message(hi_text));
      }
      row.bounds.push_back(core::Bounds{lo, hi});
    }

    if (aht_.index) {
      // As load_interval_table: > 0 when calls > 0; empty or 0 (no AHT) allowed with no calls.
      const auto text = cell(aht_);
      if (row.calls > 0) {
        const auto aht = parse_double(text, mark());
        WFM_REQUIRE(aht && *aht > 0, at(line, aht_),
                    "expected a number > 0{} (calls is {}), got {}",
                    mark() == DecimalMark::comma ? " with a decimal comma" : "",
                    format_double(row.calls), quote_for_message(text));
        WFM_REQUIRE(*aht <= core::kMaxDurationS, at(line, aht_),
                    "expected a handle time of at most {:g} s (a day), got {}", core::kMaxDurationS,
                    quote_for_message(text));
        row.aht_s = *aht;
      } else if (!text.empty()) {
        const double aht = parse_number(text, at(line, aht_), NumberRange::non_negative, mark());
        if (aht > 0) row.aht_s = aht;
      }
    }

    auto& intervals = queue_for(queue).intervals;
    check_next_start(intervals, row.start, line, queue, grid_);
    intervals.push_back(std::move(row));
  }

  core::QueueForecast& queue_for(const std::string& queue) {
    const auto [it, inserted] = queue_index_.try_emplace(queue, table_.queues.size());
    if (inserted) table_.queues.push_back(core::QueueForecast{queue, {}});
    return table_.queues[it->second];
  }

  const ForecastCsvOptions& options_;
  CsvReader reader_;
  core::ForecastTable table_;
  Column start_, queue_, calls_, aht_;
  std::vector<LevelColumns> levels_;
  GridSource grid_;
  std::unordered_map<std::string, std::size_t> queue_index_;
  std::size_t header_line_ = 0;
  std::size_t rows_ = 0;
};

}  // namespace

std::string format_level(double level) {
  return format_double(level);
}
std::string lo_column(double level) {
  return std::string(lo_prefix) + format_level(level);
}
std::string hi_column(double level) {
  return std::string(hi_prefix) + format_level(level);
}

core::ForecastTable load_forecast_table(std::istream& in, const std::string& display_name,
                                        const ForecastCsvOptions& options) {
  return Loader(in, display_name, options).run();
}

core::ForecastTable load_forecast_table(const std::string& path,
                                        const ForecastCsvOptions& options) {
  std::ifstream in = open_input_file(path);
  return load_forecast_table(in, path, options);
}

void write_forecast_table(std::ostream& out, const core::ForecastTable& table, char delimiter) {
  CsvWriter csv(out, delimiter);
  write_forecast_table(csv, table);
}

void write_forecast_table(TableWriter& csv, const core::ForecastTable& table) {
  const bool with_queue =
      std::any_of(table.queues.begin(), table.queues.end(),
                  [](const core::QueueForecast& q) { return !q.queue.empty(); });
  csv.field("interval_start");
  if (with_queue) csv.field("queue");
  csv.field("calls");
  for (const double level : table.levels) csv.field(lo_column(level)).field(hi_column(level));
  if (table.has_aht) csv.field("aht_s");
  csv.end_row();

  struct Row {
    core::LocalTime start;
    std::size_t queue;
    const core::ForecastInterval* interval;
  };
  std::vector<Row> rows;
  for (std::size_t q = 0; q < table.queues.size(); ++q) {
    for (const auto& iv : table.queues[q].intervals) rows.push_back(Row{iv.start, q, &iv});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.start != b.start ? a.start < b.start : a.queue < b.queue;
  });
  for (const auto& row : rows) {
    const auto& iv = *row.interval;
    WFM_ENSURE(iv.bounds.size() == table.levels.size(),
               "forecast interval {} has {} bounds for {} levels",
               core::format_local_time(iv.start), iv.bounds.size(), table.levels.size());
    csv.time_field(iv.start);
    if (with_queue) csv.field(table.queues[row.queue].queue);
    csv.field(iv.calls);
    for (const auto& b : iv.bounds) csv.field(b.lo).field(b.hi);
    if (table.has_aht) csv.field(iv.aht_s);
    csv.end_row();
  }
}

}  // namespace wfm::io
