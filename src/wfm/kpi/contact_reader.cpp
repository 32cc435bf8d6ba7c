#include "wfm/kpi/contact_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <functional>

#include "wfm/core/error.hpp"
#include "wfm/core/limits.hpp"
#include "wfm/io/number.hpp"

namespace wfm::kpi {
namespace {

using core::InputError;
using core::Location;

constexpr TimeMs half_day_ms = ms_per_day / 2;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool contains(const std::vector<std::string>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

std::string join(const std::vector<std::string>& items, std::size_t max_items = 12) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max_items; ++i) {
    out += (i ? ", " : "") + items[i];
  }
  if (items.size() > max_items) out += fmt::format(", ... ({} in all)", items.size());
  return out;
}

// Plain digits (the common case in exports) without from_chars; anything else through it.
std::optional<double> fast_number(std::string_view text) {
  if (!text.empty() && text.size() <= 9) {
    std::int64_t v = 0;
    bool digits = true;
    for (char ch : text) {
      if (ch < '0' || ch > '9') {
        digits = false;
        break;
      }
      v = v * 10 + (ch - '0');
    }
    if (digits) return static_cast<double>(v);
  }
  return io::parse_double(text);
}

}  // namespace

struct ContactReader::RowError {
  BadRow row;
};

std::string BadRow::describe(const std::string& file) const {
  return core::format_location(Location{file, line, column}, message);
}

std::size_t ReadStats::excluded_rows() const {
  std::size_t n = 0;
  for (const auto& [reason, count] : excluded) n += count;
  return n;
}

std::optional<double> parse_duration_cell(std::string_view text) {
  text = io::trim(text);
  if (text.find(':') == std::string_view::npos) return fast_number(text);
  // [H:]MM:SS with an optional fraction of a second.
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  double parts[3] = {0, 0, 0};
  int n = 0;
  while (true) {
    const auto colon = text.find(':');
    const auto part = text.substr(0, colon);
    if (part.empty() || n == 3) return std::nullopt;
    const bool last = colon == std::string_view::npos;
    for (char c : part) {
      if (!(std::isdigit(static_cast<unsigned char>(c)) || (last && c == '.'))) return std::nullopt;
    }
    const auto v = io::parse_double(part);
    if (!v) return std::nullopt;
    parts[n++] = *v;
    if (last) break;
    text.remove_prefix(colon + 1);
  }
  if (n < 2) return std::nullopt;
  // The last part is seconds, the one before minutes (< 60 when an hour part is given).
  const double s = parts[n - 1], m = parts[n - 2], h = n == 3 ? parts[0] : 0;
  if (s >= 60 || (n == 3 && m >= 60)) return std::nullopt;
  const double total = (h * 60 + m) * 60 + s;
  return negative ? -total : total;
}

ContactReader::ContactReader(std::istream& in, std::string display_name,
                             const ContactMapping& mapping, bool drop_duplicates)
    : reader_(in, std::move(display_name), io::CsvOptions{mapping.delimiter, false}),
      mapping_(mapping),
      drop_duplicates_(drop_duplicates) {
  tolerance_ms_ = static_cast<TimeMs>(std::llround(mapping.clock_tolerance_s * 1000));
  const io::CsvHeader header = reader_.read_header();
  const std::size_t header_line = reader_.line();
  header_fields_ = header.size();
  for (const auto& n : header.names()) names_.emplace_back(io::trim(n));
  const Location at_header{reader_.display_name(), header_line, {}};
  auto describe_missing = [&](const std::string& column) {
    std::string what = fmt::format("missing column '{}'", column);
    what += fmt::format("; columns present: {}", header.joined());
    if (header.size() == 1) {
      for (char d : std::string_view(",;\t|")) {
        if (d != mapping.delimiter && header.names()[0].find(d) != std::string::npos) {
          what += fmt::format(
              " (the file was read with delimiter {}; is it {}? set "
              "format.delimiter in a mapping file)",
              io::quote_for_message(std::string(1, mapping.delimiter)),
              io::quote_for_message(std::string(1, d)));
          break;
        }
      }
    }
    return what;
  };
  auto find = [&](const std::string& column) -> std::optional<std::size_t> {
    const std::size_t count = header.count(column);
    WFM_REQUIRE(count <= 1, at_header, "column '{}' appears {} times in the header", column, count);
    return header.find(column);
  };
  for (std::size_t i = 0; i < field_count; ++i) {
    const auto f = static_cast<Field>(i);
    const bool mapped = mapping.mapped(f);
    for (const auto& column : mapping.column_names(f)) {
      const auto index = find(column);
      if (index) {
        columns_[i].push_back(*index);
      } else if (mapped) {
        throw InputError(at_header,
                         describe_missing(column) + fmt::format(" (mapped to field '{}' in {})",
                                                                field_name(f), mapping.source));
      }
    }
    const bool required = f == Field::arrival || f == Field::outcome;
    if (required && columns_[i].empty()) {
      throw InputError(at_header, describe_missing(std::string(field_name(f))) +
                                      fmt::format(" (required field '{}'; map the export's "
                                                  "column with a mapping file)",
                                                  field_name(f)));
    }
  }
  if (!mapping.date_column.empty()) {
    date_index_ = find(mapping.date_column);
    WFM_REQUIRE(date_index_.has_value(), at_header, "{} (format.date_column in {})",
                describe_missing(mapping.date_column), mapping.source);
  }
  if (!mapping.day_anchor.empty()) {
    anchor_index_ = find(mapping.day_anchor);
    WFM_REQUIRE(anchor_index_.has_value(), at_header, "{} (format.day_anchor in {})",
                describe_missing(mapping.day_anchor), mapping.source);
  }
}

const std::string& ContactReader::column_name(Field f, std::size_t candidate) const {
  return names_[columns_[static_cast<std::size_t>(f)][candidate]];
}

std::string_view ContactReader::cell(Field f, std::size_t candidate) const {
  return io::trim(reader_.field(columns_[static_cast<std::size_t>(f)][candidate]));
}

// The first candidate column whose cell is not empty and not an "absent" value.
std::optional<std::string_view> ContactReader::present(Field f, std::size_t* which) const {
  const auto& cols = columns_[static_cast<std::size_t>(f)];
  const auto& absent = mapping_.absent[static_cast<std::size_t>(f)];
  if (cols.size() == 1 && absent.empty()) {  // the common case
    const auto v = io::trim(reader_.field(cols[0]));
    if (v.empty()) return std::nullopt;
    if (which) *which = 0;
    return v;
  }
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const auto v = io::trim(reader_.field(cols[k]));
    if (v.empty() || contains(absent, v)) continue;
    if (which) *which = k;
    return v;
  }
  return std::nullopt;
}

void ContactReader::fail(Field f, std::size_t candidate, std::string reason,
                         std::string message) const {
  throw RowError{
      BadRow{reader_.line(), column_name(f, candidate), std::move(message), std::move(reason)}};
}

void ContactReader::fail_row(std::string reason, std::string message) const {
  throw RowError{BadRow{reader_.line(), {}, std::move(message), std::move(reason)}};
}

std::optional<TimeMs> ContactReader::read_time(Field f, std::int64_t day, TimeMs anchor_tod) {
  std::size_t which = 0;
  const auto text = present(f, &which);
  if (!text) return std::nullopt;
  const auto t = mapping_.time_format.read(*text, time_cache_);
  if (!t) {
    fail(f, which, "malformed time",
         fmt::format("expected {}, got {}", mapping_.time_format.describe(),
                     io::quote_for_message(*text)));
  }
  if (!date_index_) return *t;
  // A time of day: on the row's date, or the next day when it is more than 12 h before the
  // anchor's time of day (a contact crossing midnight).
  TimeMs tod = *t;
  if (anchor_tod >= 0 && tod + half_day_ms < anchor_tod) tod += ms_per_day;
  return day * ms_per_day + tod;
}

// The UTC offset of a time of field `f` in the mapping's zone. A time in the repeated hour is the
// first pass unless that instant is before `not_before` (the contact's previous time, an instant),
// then the second; a time in the skipped hour is a bad row.
std::int32_t ContactReader::utc_offset_s(Field f, TimeMs local, std::optional<TimeMs> not_before) {
  const core::LocalTime t = to_local_seconds(local);
  if (!zone_span_valid_ || t < zone_span_.span_begin || t >= zone_span_.span_end) {
    core::LocalTimeInfo info = mapping_.time_zone->info(t);
    if (info.kind == core::LocalTimeKind::nonexistent) {
      fail(f, 0, "time skipped by daylight saving",
           mapping_.time_zone->explain(t, info) +
               "; no contact time can be in the skipped hour (check the time zone)");
    }
    if (info.kind == core::LocalTimeKind::repeated) {
      const auto first = static_cast<std::int32_t>(info.first_offset.count());
      const auto second = static_cast<std::int32_t>(info.second_offset.count());
      const bool first_fits = !not_before || local - first * ms_per_second >= *not_before;
      return first_fits ? first : second;
    }
    zone_span_ = std::move(info);
    zone_span_valid_ = true;
  }
  return static_cast<std::int32_t>(zone_span_.first_offset.count());
}

double ContactReader::read_duration(Field f) {
  if (!has(f)) return 0;
  const auto text = present(f);
  if (!text) return 0;
  const auto v = parse_duration_cell(*text);
  if (!v) {
    fail(f, 0, "malformed duration",
         fmt::format("expected a duration in seconds (182, 12.5) or [H:]MM:SS, got {}",
                     io::quote_for_message(*text)));
  }
  if (*v < 0) {
    fail(f, 0, "negative duration",
         fmt::format("expected a duration >= 0, got {}", io::quote_for_message(*text)));
  }
  if (*v > core::kMaxDurationS) {
    fail(f, 0, "duration above the limit",
         fmt::format("expected a duration of at most {:g} s (one day; docs/formats.md, limits), "
                     "got {}",
                     core::kMaxDurationS, io::quote_for_message(*text)));
  }
  return *v;
}

std::optional<int> ContactReader::read_score(Field f, int low, int high) {
  if (!has(f)) return std::nullopt;
  const auto text = present(f);
  if (!text) return std::nullopt;
  const auto v = fast_number(*text);
  if (!v || *v != std::floor(*v) || *v < low || *v > high) {
    fail(f, 0, fmt::format("{} score off its scale", field_name(f)),
         fmt::format("expected a whole score from {} to {}, got {}", low, high,
                     io::quote_for_message(*text)));
  }
  return static_cast<int>(*v);
}

bool ContactReader::next(Contact& c) {
  while (reader_.next()) {
    ++stats_.rows;
    try {
      if (read_row(c) == RowResult::contact) {
        if (!c.id.empty() && is_duplicate(c) && drop_duplicates_) {
          ++stats_.dropped_duplicates;
          continue;
        }
        ++stats_.contacts;
        return true;
      }
    } catch (RowError& e) {
      ++stats_.bad_rows;
      ++stats_.bad_by_reason[e.row.reason];
      if (stats_.bad.size() < max_bad_details) stats_.bad.push_back(std::move(e.row));
    }
  }
  return false;
}

namespace detail {

const IdTable::Entry* IdTable::find(std::uint64_t id_hash) const {
  if (slots_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = id_hash & mask;; i = (i + 1) & mask) {
    if (slots_[i].id_hash == id_hash) return &slots_[i];
    if (slots_[i].id_hash == 0) return nullptr;
  }
}

void IdTable::insert(const Entry& e) {
  if (2 * (used_ + 1) > slots_.size()) {  // keep the load at most 1/2
    std::vector<Entry> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(1024, 2 * old.size()), Entry{});
    used_ = 0;
    for (const auto& o : old) {
      if (o.id_hash != 0) insert(o);
    }
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = e.id_hash & mask;
  while (slots_[i].id_hash != 0) i = (i + 1) & mask;
  slots_[i] = e;
  ++used_;
}

void IdTable::clear() {
  std::fill(slots_.begin(), slots_.end(), Entry{});
  used_ = 0;
}

}  // namespace detail

bool ContactReader::is_duplicate(const Contact& c) {
  // The row's content: every field as read (trimmed), so that a re-export with other spacing
  // is still identical.
  std::uint64_t hash = 1469598103934665603ull;
  for (std::size_t i = 0; i < reader_.size(); ++i) {
    hash = (hash ^ std::hash<std::string_view>{}(io::trim(reader_.field(i)))) * 1099511628211ull;
  }
  // A new generation once an arrival is a window past the current one's first: the previous
  // generation (all of whose arrivals are at least a window old) is forgotten.
  const TimeMs arrival = c.arrival_instant_ms();
  if (!generation_start_ms_) {
    generation_start_ms_ = arrival;
  } else if (arrival >= *generation_start_ms_ + duplicate_window_ms) {
    std::swap(ids_previous_, ids_current_);
    ids_current_.clear();
    generation_start_ms_ = arrival;
  }
  std::uint64_t id_hash = std::hash<std::string_view>{}(c.id);
  id_hash += id_hash == 0;  // 0 marks an empty slot
  const detail::IdTable::Entry* first = ids_current_.find(id_hash);
  if (!first) first = ids_previous_.find(id_hash);
  if (!first) {
    ids_current_.insert(detail::IdTable::Entry{id_hash, hash, c.line});
    return false;
  }
  const bool identical = first->row_hash == hash;
  ++(identical ? stats_.duplicate_rows : stats_.conflicting_rows);
  if (stats_.duplicates.size() < max_duplicate_details) {
    stats_.duplicates.push_back(DuplicateRow{std::string(c.id), c.line, first->line, identical});
  }
  return true;
}

std::string describe_duplicates(const ReadStats& st, std::size_t max_lines) {
  const std::size_t n = st.duplicate_rows + st.conflicting_rows;
  if (n == 0) return {};
  std::string out = fmt::format(
      "{} contact row{} repeat{} an earlier contact id ({} identical, {} with other content); {}",
      n, n == 1 ? "" : "s", n == 1 ? "s" : "", st.duplicate_rows, st.conflicting_rows,
      st.dropped_duplicates > 0 ? "only the first row of each id was counted (--drop-duplicates)"
                                : "each was counted (--drop-duplicates counts only the first)");
  for (std::size_t i = 0; i < st.duplicates.size() && i < max_lines; ++i) {
    const auto& d = st.duplicates[i];
    out += fmt::format("\n  line {}: contact id {} {} line {}", d.line, io::quote_for_message(d.id),
                       d.identical ? "repeats" : "conflicts with", d.first_line);
  }
  if (n > max_lines) out += fmt::format("\n  ... {} more", n - std::min(n, max_lines));
  return out;
}

ContactReader::RowResult ContactReader::read_row(Contact& c) {
  if (reader_.size() != header_fields_) {
    fail_row("wrong number of fields", fmt::format("expected {} fields (as in the header), got {}",
                                                   header_fields_, reader_.size()));
  }
  c = Contact{};
  c.line = reader_.line();

  // Outcome first: rows that are not contacts are excluded before anything else is checked.
  const auto outcome_text = cell(Field::outcome);
  if (mapping_.outcomes.empty()) {
    const auto o = parse_outcome(outcome_text);
    if (!o) {
      fail(Field::outcome, 0, "unknown outcome code",
           fmt::format("expected answered, abandoned, blocked or transferred, got {}",
                       io::quote_for_message(outcome_text)));
    }
    c.outcome = *o;
  } else {
    const auto it = std::find_if(mapping_.outcomes.begin(), mapping_.outcomes.end(),
                                 [&](const OutcomeCode& oc) { return oc.code == outcome_text; });
    if (it == mapping_.outcomes.end()) {
      std::vector<std::string> codes;
      for (const auto& oc : mapping_.outcomes) codes.push_back(oc.code);
      fail(Field::outcome, 0, "unknown outcome code",
           fmt::format("expected an outcome code of {} ({}), got {}", mapping_.source, join(codes),
                       io::quote_for_message(outcome_text)));
    }
    if (!it->outcome) {
      ++stats_.excluded[fmt::format("outcome {}", it->code)];
      return RowResult::excluded;
    }
    c.outcome = *it->outcome;
  }

  // The date of times of day, and the anchor for contacts crossing midnight.
  std::int64_t day = 0;
  TimeMs anchor_tod = -1;
  if (date_index_) {
    const auto text = io::trim(reader_.field(*date_index_));
    if (text != last_date_text_ || last_date_text_.empty()) {
      const auto d = mapping_.date_format.read(text);
      if (!d) {
        throw RowError{BadRow{reader_.line(), names_[*date_index_],
                              fmt::format("expected {}, got {}", mapping_.date_format.describe(),
                                          io::quote_for_message(text)),
                              "malformed date"}};
      }
      last_date_text_ = std::string(text);
      last_date_days_ = *d / ms_per_day;
    }
    day = last_date_days_;
    if (anchor_index_) {
      const auto text_a = io::trim(reader_.field(*anchor_index_));
      const auto a = mapping_.time_format.read(text_a);
      if (!a) {
        throw RowError{BadRow{reader_.line(), names_[*anchor_index_],
                              fmt::format("expected {}, got {}", mapping_.time_format.describe(),
                                          io::quote_for_message(text_a)),
                              "malformed time"}};
      }
      anchor_tod = *a;
    }
  }

  // The queue is checked before a row is excluded for not reaching it: a malformed queue is a
  // bad row whatever else the row says.
  if (has(Field::queue)) {
    c.queue = cell(Field::queue);
    if (c.queue.empty())
      fail(Field::queue, 0, "empty queue", "expected a queue name, got an empty field");
    if (!mapping_.queues.empty() && !contains(mapping_.queues, c.queue)) {
      fail(Field::queue, 0, "queue not allowed",
           fmt::format("expected one of {} ([queues] allowed in {}), got {}", join(mapping_.queues),
                       mapping_.source, io::quote_for_message(c.queue)));
    }
  }
  const auto arrival = read_time(Field::arrival, day, anchor_tod);
  if (!arrival) {
    if (mapping_.missing_arrival == MissingArrival::exclude) {
      ++stats_.excluded[fmt::format("no arrival time (outcome {})", outcome_text)];
      return RowResult::excluded;
    }
    fail(Field::arrival, 0, "no arrival time",
         fmt::format("expected {}, got {}", mapping_.time_format.describe(),
                     io::quote_for_message(cell(Field::arrival))));
  }
  c.arrival_ms = *arrival;
  if (mapping_.time_zone) c.arrival_offset_s = utc_offset_s(Field::arrival, c.arrival_ms, {});
  if (date_index_ && anchor_tod < 0) anchor_tod = *arrival - day * ms_per_day;

  if (has(Field::id)) c.id = present(Field::id).value_or(std::string_view{});
  if (has(Field::customer)) c.customer = present(Field::customer).value_or(std::string_view{});
  if (has(Field::agent)) c.agent = present(Field::agent).value_or(std::string_view{});

  if (has(Field::answer)) c.answer_ms = read_time(Field::answer, day, anchor_tod);
  if (has(Field::end)) c.end_ms = read_time(Field::end, day, anchor_tod);
  if (mapping_.time_zone) {
    if (c.answer_ms) {
      c.answer_offset_s = utc_offset_s(Field::answer, *c.answer_ms, c.arrival_instant_ms());
    }
    if (c.end_ms) {
      c.end_offset_s = utc_offset_s(Field::end, *c.end_ms,
                                    c.answer_ms ? c.answer_instant_ms() : c.arrival_instant_ms());
    }
  }

  if (c.handled()) {
    if (!c.answer_ms) {
      if (!has(Field::answer)) {
        fail(Field::outcome, 0, "answered without answer time",
             fmt::format("outcome {} is a handled contact, but the file has no answer column "
                         "(map field 'answer')",
                         io::quote_for_message(outcome_text)));
      }
      fail(Field::answer, 0, "answered without answer time",
           fmt::format("outcome {} is a handled contact: expected an answer time, got {}",
                       io::quote_for_message(outcome_text),
                       io::quote_for_message(cell(Field::answer))));
    }
    if (c.answer_instant_ms() < c.arrival_instant_ms()) {
      if (c.arrival_instant_ms() - c.answer_instant_ms() <= tolerance_ms_) {
        c.answer_ms = c.arrival_ms;
        c.answer_offset_s = c.arrival_offset_s;
        ++stats_.clamped_answers;
      } else {
        fail(Field::answer, 0, "answer before arrival",
             fmt::format("answer time {} is before the arrival {}", format_time_ms(*c.answer_ms),
                         format_time_ms(c.arrival_ms)));
      }
    }
    if (c.end_ms && c.end_instant_ms() < c.answer_instant_ms()) {
      fail(Field::end, 0, "end before answer",
           fmt::format("end time {} is before the answer {}", format_time_ms(*c.end_ms),
                       format_time_ms(*c.answer_ms)));
    }
    c.hold_s = read_duration(Field::hold);
    c.acw_s = read_duration(Field::acw);
    const bool talk_given = has(Field::talk) && present(Field::talk).has_value();
    if (talk_given) {
      c.talk_s = read_duration(Field::talk);
    } else if (c.end_ms) {
      // Talk from the times: answer to end, less hold (hold happens between them).
      const double answer_to_end_s =
          static_cast<double>(c.end_instant_ms() - c.answer_instant_ms()) / 1000.0;
      c.talk_s = answer_to_end_s - c.hold_s;
      if (c.talk_s < 0) {
        fail(Field::hold, 0, "hold longer than the contact",
             fmt::format("hold of {} s is longer than answer to end ({} s)", c.hold_s,
                         answer_to_end_s));
      }
    } else {
      fail_row("no talk time",
               "a handled contact needs a talk time (talk_s) or an end time to derive it from");
    }
  } else {
    if (c.answer_ms) {
      fail(Field::answer, 0, fmt::format("{} with an answer time", to_string(c.outcome)),
           fmt::format("outcome {} ({}) cannot have an answer time, got {}",
                       io::quote_for_message(outcome_text), to_string(c.outcome),
                       format_time_ms(*c.answer_ms)));
    }
    if (c.outcome == Outcome::abandoned) {
      if (!c.end_ms) {
        if (!has(Field::end)) {
          fail(Field::outcome, 0, "abandoned without end time",
               "an abandoned contact needs an end time (when the caller gave up), but the file "
               "has no end column (map field 'end')");
        }
        fail(Field::end, 0, "abandoned without end time",
             fmt::format("an abandoned contact needs an end time (when the caller gave up), got {}",
                         io::quote_for_message(cell(Field::end))));
      }
      if (c.end_instant_ms() < c.arrival_instant_ms()) {
        fail(Field::end, 0, "end before arrival",
             fmt::format("end time {} is before the arrival {}", format_time_ms(*c.end_ms),
                         format_time_ms(c.arrival_ms)));
      }
    }
  }

  c.csat = read_score(Field::csat, 1, mapping_.csat_scale);
  c.nps = read_score(Field::nps, 0, 10);
  c.ces = read_score(Field::ces, 1, mapping_.ces_scale);
  if (has(Field::resolved)) {
    if (const auto v = present(Field::resolved)) {
      const auto match = [&](const std::vector<std::string>& values) {
        return std::any_of(values.begin(), values.end(),
                           [&](const std::string& s) { return iequals(s, *v); });
      };
      if (match(mapping_.resolved_yes)) {
        c.resolved = true;
      } else if (match(mapping_.resolved_no)) {
        c.resolved = false;
      } else if (!mapping_.resolved_other_absent) {
        fail(Field::resolved, 0, "unknown resolved value",
             fmt::format("expected one of {} (resolved) or {} (not resolved), got {}",
                         join(mapping_.resolved_yes), join(mapping_.resolved_no),
                         io::quote_for_message(*v)));
      }
    }
  }
  return RowResult::contact;
}

}  // namespace wfm::kpi
