#include "wfm/io/interval_csv.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
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
using core::IntervalRecord;
using core::LocalTime;
using core::Location;

constexpr long long seconds_per_day = 86400;

// Where each field is in the file, and the column's name as the file spells it.
struct Column {
  std::optional<std::size_t> index;
  std::string name;
};

struct Columns {
  Column start, queue, offered, aht, handled, abandoned;
};

using detail::queue_label;
using detail::seconds_of_day;

// Monday = 0 ... Sunday = 6.
unsigned weekday_index(LocalTime t) {
  return std::chrono::weekday{std::chrono::floor<std::chrono::days>(t)}.iso_encoding() - 1;
}

class Loader {
 public:
  Loader(std::istream& in, const std::string& name, const IntervalCsvOptions& options)
      : options_(options), reader_(in, name, CsvOptions{options.reader.delimiter, true}) {
    table_.source = name;
  }

  core::IntervalTable run() {
    validate_options();
    const CsvHeader header = reader_.read_header();
    header_line_ = reader_.line();
    resolve_columns(header);
    while (reader_.next()) read_row();
    if (rows_ == 0) {
      throw InputError(Location{file(), header_line_, {}}, "no data rows after the header");
    }
    for (std::size_t k = 0; k < ignored_.size(); ++k) {
      if (ignored_numeric_[k]) table_.numeric_ignored_columns.push_back(table_.ignored_columns[k]);
    }
    determine_interval_length();
    WFM_REQUIRE(first_date_only_line_ == 0 || table_.interval_s >= seconds_per_day,
                at(first_date_only_line_, cols_.start),
                "a date without a time is a whole day, but the file's interval length is {} s "
                "(give every row a time, or make every row a date: a daily or weekly file)",
                table_.interval_s);
    check_grid();
    check_queue_span(table_.queues, table_.interval_s, grid_source());
    if (!options_.interval_s) check_mixed_lengths();
    find_gaps();
    return std::move(table_);
  }

 private:
  const std::string& file() const { return table_.source; }

  Location at(std::size_t line, const Column& column) const {
    return Location{file(), line, column.name};
  }

  std::string mapped_name(std::string_view field) const {
    return mapped_column(options_.reader, field);
  }

  void validate_options() {
    check_column_fields(options_.reader, interval_fields);
    if (options_.interval_s) {
      const int s = *options_.interval_s;
      WFM_REQUIRE(s > 0 && seconds_per_day % s == 0, (Location{{}, 0, "interval_s"}),
                  "expected an interval length in seconds that divides a day (86400 s), got {}", s);
    }
  }

  // The column read for an unmapped field the file does not have: calls for offered (a
  // forecast), date for interval_start (a daily file).
  static std::string_view alias_of(std::string_view field) {
    if (field == "offered") return "calls";
    if (field == "interval_start") return "date";
    return {};
  }

  Column find_column(const CsvHeader& header, std::string_view field, bool required) const {
    Column column;
    column.name = mapped_name(field);
    const std::size_t count = header.count(column.name);
    WFM_REQUIRE(count <= 1, (Location{file(), header_line_, {}}),
                "column '{}' appears {} times in the header", column.name, count);
    column.index = header.find(column.name);
    if (column.index) {
      column.name = std::string(trim(header.names()[*column.index]));
    } else if (const auto alias = alias_of(field);
               !alias.empty() && !options_.reader.columns.contains(std::string(field)) &&
               header.count(alias) == 1) {
      column.index = header.find(alias);
      column.name = std::string(trim(header.names()[*column.index]));
    } else if (required) {
      throw InputError(Location{file(), header_line_, {}},
                       missing_column_message(header, field, column.name, options_.reader.delimiter,
                                              options_.reader.columns.contains(std::string(field))
                                                  ? std::string_view{}
                                                  : alias_of(field)));
    }
    return column;
  }

  void resolve_columns(const CsvHeader& header) {
    cols_.start = find_column(header, "interval_start", true);
    cols_.queue = find_column(header, "queue", false);
    cols_.offered = find_column(header, "offered", true);
    cols_.aht = find_column(header, "aht_s", false);
    cols_.handled = find_column(header, "handled", false);
    cols_.abandoned = find_column(header, "abandoned", false);
    table_.has_aht = cols_.aht.index.has_value();
    table_.has_handled = cols_.handled.index.has_value();
    table_.has_abandoned = cols_.abandoned.index.has_value();
    grid_ =
        GridSource{file(), cols_.start.name, options_.time_zone ? &*options_.time_zone : nullptr};
    header_names_ = header.joined();
    const auto is_field = [&](std::size_t i) {
      return i == cols_.start.index || i == cols_.queue.index || i == cols_.offered.index ||
             i == cols_.aht.index || i == cols_.handled.index || i == cols_.abandoned.index;
    };
    for (const auto& name : options_.extra_columns) {
      const Location where{file(), header_line_, {}};
      WFM_REQUIRE(header.count(name) <= 1, where, "column '{}' appears {} times in the header",
                  name, header.count(name));
      const auto index = header.find(name);
      WFM_REQUIRE(index.has_value(), where, "expected a column '{}' (columns present: {})", name,
                  header_names_);
      WFM_REQUIRE(!is_field(*index), where,
                  "column '{}' is read as a field of the interval file, not as an extra column",
                  name);
      if (std::find(extras_.begin(), extras_.end(), *index) != extras_.end()) continue;
      extras_.push_back(*index);
      table_.extra_columns.emplace_back(trim(header.names()[*index]));
    }
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (is_field(i) || std::find(extras_.begin(), extras_.end(), i) != extras_.end()) continue;
      table_.ignored_columns.emplace_back(trim(header.names()[i]));
      ignored_.push_back(i);
    }
    ignored_numeric_.assign(ignored_.size(), 1);
  }

  std::string_view cell(const Column& column) const { return trim(reader_.field(*column.index)); }

  // handled / abandoned: >= 0 and at most offered; empty only when offered == 0 (reads as 0).
  std::optional<double> read_count(const Column& column, double offered, std::size_t line) {
    if (!column.index) return std::nullopt;
    const auto text = cell(column);
    if (text.empty() && offered == 0) return 0.0;
    const double value = parse_number(text, at(line, column), NumberRange::non_negative, mark());
    WFM_REQUIRE(value <= offered, at(line, column),
                "expected at most the calls offered ({}), got {}", offered,
                quote_for_message(text));
    return value;
  }

  void read_row() {
    const std::size_t line = reader_.line();
    ++rows_;

    IntervalRecord record;
    record.source_line = line;
    const auto start_text = cell(cols_.start);
    std::optional<LocalTime> start;
    if (options_.reader.time_format) {
      start = read_interval_start(start_text, options_.reader, at(line, cols_.start));
    } else {
      start = core::parse_local_time(start_text);
      // A date alone is the whole day from midnight (a daily file; checked against the length).
      if (!start) {
        if (const auto day = core::parse_local_date(start_text)) {
          start = LocalTime{*day};
          if (first_date_only_line_ == 0) first_date_only_line_ = line;
        }
      }
      WFM_REQUIRE(start.has_value(), at(line, cols_.start),
                  "expected a local date-time like 2024-03-04T08:00 or 2024-03-04 08:00:00, got {}",
                  quote_for_message(start_text));
    }
    record.start = *start;

    std::string queue;
    if (cols_.queue.index) {
      queue = std::string(cell(cols_.queue));
      WFM_REQUIRE(!queue.empty(), at(line, cols_.queue), "expected a queue name, got {}",
                  quote_for_message(queue));
    }

    record.offered = parse_number(cell(cols_.offered), at(line, cols_.offered),
                                  NumberRange::non_negative, mark());
    WFM_REQUIRE(record.offered <= core::kMaxCallsPerInterval, at(line, cols_.offered),
                "expected at most {:g} calls in one interval (docs/formats.md, limits), got {}",
                core::kMaxCallsPerInterval, quote_for_message(cell(cols_.offered)));
    if (cols_.aht.index) {
      const auto text = cell(cols_.aht);
      if (record.offered > 0) {
        const auto aht = parse_double(text, mark());
        WFM_REQUIRE(aht && *aht > 0, at(line, cols_.aht),
                    "expected a number > 0{} (offered is {}), got {}",
                    mark() == DecimalMark::comma ? " with a decimal comma" : "", record.offered,
                    quote_for_message(text));
        WFM_REQUIRE(*aht <= core::kMaxDurationS, at(line, cols_.aht),
                    "expected a handle time of at most {:g} s (a day), got {}", core::kMaxDurationS,
                    quote_for_message(text));
        record.aht_s = *aht;
      } else if (!text.empty()) {
        const double aht =
            parse_number(text, at(line, cols_.aht), NumberRange::non_negative, mark());
        if (aht > 0) record.aht_s = aht;
      }
    }
    record.handled = read_count(cols_.handled, record.offered, line);
    record.abandoned = read_count(cols_.abandoned, record.offered, line);
    for (std::size_t k = 0; k < extras_.size(); ++k) {
      const Column column{extras_[k], table_.extra_columns[k]};
      const auto text = cell(column);
      if (text.empty() && record.offered == 0) {
        record.extra.emplace_back();
      } else {
        record.extra.emplace_back(
            parse_number(text, at(line, column), NumberRange::non_negative, mark()));
      }
    }
    for (std::size_t k = 0; k < ignored_.size(); ++k) {
      if (!ignored_numeric_[k]) continue;
      const auto text = trim(reader_.field(ignored_[k]));
      if (!text.empty() && !parse_double(text, mark())) ignored_numeric_[k] = 0;
    }

    auto& series = series_for(queue);
    auto& intervals = series.intervals;
    if (!cols_.queue.index) check_queue_column_missing(intervals, record.start, line);
    check_next_start(intervals, record.start, line, queue, grid_source());
    intervals.push_back(record);
  }

  DecimalMark mark() const { return options_.reader.decimal_mark; }

  // Without a queue column, an interval repeated right after itself usually means the file holds
  // several queues (every interval comes once per queue).
  void check_queue_column_missing(const std::vector<IntervalRecord>& intervals,
                                  core::LocalTime start, std::size_t line) const {
    if (intervals.empty() || start != intervals.back().start) return;
    const auto it = std::prev(intervals.end());
    throw InputError(
        at(line, cols_.start),
        fmt::format("duplicate interval {} (first on line {}), and the file has no column '{}': if "
                    "it holds several queues, map the column naming the queue (--columns "
                    "queue=COLUMN, or queue = \"COLUMN\" under [columns] in a mapping file or "
                    "columns in a scenario); columns present: {}",
                    core::format_local_time(start), it->source_line, cols_.queue.name,
                    header_names_));
  }

  core::QueueSeries& series_for(const std::string& queue) {
    const auto [it, inserted] = queue_index_.try_emplace(queue, table_.queues.size());
    if (inserted) table_.queues.push_back(core::QueueSeries{queue, {}});
    return table_.queues[it->second];
  }

  const GridSource& grid_source() const { return grid_; }

  void determine_interval_length() {
    if (options_.interval_s) {
      table_.interval_s = *options_.interval_s;
      return;
    }
    const InferredLength inferred = infer_interval_length(table_.queues, grid_source());
    table_.interval_s = inferred.interval_s;
    inferred_from_line_ = inferred.line;
  }

  void check_grid() const { check_interval_grid(table_.queues, table_.interval_s, grid_source()); }

  void check_mixed_lengths() const {
    check_mixed_interval_lengths(table_.queues, table_.interval_s, inferred_from_line_,
                                 grid_source());
  }

  // A missing interval is a gap when its time of day lies within the queue's usual opening span for
  // that weekday: from the earliest to the latest interval start the file has on any day of that
  // weekday. Nights outside the span and weekdays without any data (closed Sundays) are closures.
  // Consecutive missing intervals form one Gap; closed times break a run (a missing Friday and the
  // missing Monday after a closed weekend are two gaps), midnight does not (24-hour queues). With
  // a time zone, the hour it skips in spring is not missing.
  void find_gaps() {
    const long long interval = table_.interval_s;
    for (const auto& q : table_.queues) {
      std::array<long long, 7> first_s, last_s;
      first_s.fill(seconds_per_day);
      last_s.fill(-1);
      for (const auto& r : q.intervals) {
        const auto wd = weekday_index(r.start);
        first_s[wd] = std::min(first_s[wd], seconds_of_day(r.start));
        last_s[wd] = std::max(last_s[wd], seconds_of_day(r.start));
      }
      for (std::size_t i = 1; i < q.intervals.size(); ++i) {
        const auto& prev = q.intervals[i - 1];
        const auto& next = q.intervals[i];
        const long long steps = (next.start - prev.start).count() / interval;
        std::optional<core::Gap> run;
        for (long long k = 1; k < steps; ++k) {
          const LocalTime t = prev.start + std::chrono::seconds{k * interval};
          const auto wd = weekday_index(t);
          const long long tod = seconds_of_day(t);
          if (tod < first_s[wd] || tod > last_s[wd]) continue;
          if (grid_.zone && grid_.zone->info(t).kind == core::LocalTimeKind::nonexistent) continue;
          const bool extends =
              run && run->first_missing +
                             std::chrono::seconds{static_cast<long long>(run->missing_intervals) *
                                                  interval} ==
                         t;
          if (extends) {
            ++run->missing_intervals;
          } else {
            if (run) table_.gaps.push_back(*run);
            run = core::Gap{q.queue, t, 1, next.source_line};
          }
        }
        if (run) table_.gaps.push_back(*run);
      }
    }
    if (options_.gap_policy == GapPolicy::error && !table_.gaps.empty()) {
      const auto first = std::min_element(
          table_.gaps.begin(), table_.gaps.end(),
          [](const core::Gap& a, const core::Gap& b) { return a.line_after < b.line_after; });
      const LocalTime last =
          first->first_missing +
          std::chrono::seconds{static_cast<long long>(first->missing_intervals - 1) * interval};
      const std::string span =
          first->missing_intervals == 1
              ? core::format_local_time(first->first_missing)
              : fmt::format("{} to {}", core::format_local_time(first->first_missing),
                            core::format_local_time(last));
      throw InputError(
          Location{file(), first->line_after, {}},
          fmt::format("{} missing interval{}{} before this row ({}); gaps are errors "
                      "with gap policy 'error'",
                      first->missing_intervals, first->missing_intervals == 1 ? "" : "s",
                      queue_label(first->queue), span));
    }
  }

  const IntervalCsvOptions& options_;
  CsvReader reader_;
  core::IntervalTable table_;
  Columns cols_;
  GridSource grid_;
  std::unordered_map<std::string, std::size_t> queue_index_;
  std::string header_names_;
  std::size_t header_line_ = 0;
  std::size_t rows_ = 0;
  std::size_t inferred_from_line_ = 0;
  std::size_t first_date_only_line_ = 0;  // the first interval_start that is a date alone
  std::vector<std::size_t> extras_;       // header indexes of options_.extra_columns
  std::vector<std::size_t> ignored_;      // header indexes of table_.ignored_columns
  std::vector<char> ignored_numeric_;     // whether every non-empty cell so far is a number
};

}  // namespace

std::optional<GapPolicy> parse_gap_policy(std::string_view text) {
  if (text == "allow") return GapPolicy::allow;
  if (text == "error") return GapPolicy::error;
  return std::nullopt;
}

core::IntervalTable load_interval_table(std::istream& in, const std::string& display_name,
                                        const IntervalCsvOptions& options) {
  return Loader(in, display_name, options).run();
}

core::IntervalTable load_interval_table(const std::string& path,
                                        const IntervalCsvOptions& options) {
  std::ifstream in = open_input_file(path);
  return load_interval_table(in, path, options);
}

void write_interval_table(std::ostream& out, const core::IntervalTable& table, char delimiter) {
  CsvWriter csv(out, delimiter);
  write_interval_table(csv, table);
}

void write_interval_table(TableWriter& csv, const core::IntervalTable& table) {
  const bool with_queue =
      table.queues.size() > 1 || (table.queues.size() == 1 && !table.queues[0].queue.empty());
  csv.field("interval_start");
  if (with_queue) csv.field("queue");
  csv.field("offered");
  if (table.has_aht) csv.field("aht_s");
  if (table.has_handled) csv.field("handled");
  if (table.has_abandoned) csv.field("abandoned");
  for (const auto& name : table.extra_columns) csv.field(name);
  csv.end_row();

  struct Row {
    LocalTime start;
    std::size_t queue;
    const IntervalRecord* record;
  };
  std::vector<Row> rows;
  rows.reserve(table.interval_count());
  for (std::size_t q = 0; q < table.queues.size(); ++q) {
    for (const auto& r : table.queues[q].intervals) rows.push_back(Row{r.start, q, &r});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.start != b.start ? a.start < b.start : a.queue < b.queue;
  });
  for (const auto& row : rows) {
    csv.time_field(row.start);
    if (with_queue) csv.field(table.queues[row.queue].queue);
    csv.field(row.record->offered);
    if (table.has_aht) csv.field(row.record->aht_s);
    if (table.has_handled) csv.field(row.record->handled);
    if (table.has_abandoned) csv.field(row.record->abandoned);
    for (std::size_t k = 0; k < table.extra_columns.size(); ++k)
      csv.field(k < row.record->extra.size() ? row.record->extra[k] : std::nullopt);
    csv.end_row();
  }
}

}  // namespace wfm::io
