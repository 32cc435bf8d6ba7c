#include "wfm/forecast/special_days.hpp"

#include <algorithm>
#include <fstream>
#include <limits>

#include "wfm/core/error.hpp"
#include "wfm/core/limits.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/csv_reader.hpp"
#include "wfm/io/input_file.hpp"
#include "wfm/io/number.hpp"

namespace wfm::forecast {

std::string_view to_string(SpecialDay::Kind kind) {
  switch (kind) {
    case SpecialDay::Kind::closed:
      return "closed";
    case SpecialDay::Kind::holiday:
      return "holiday";
    case SpecialDay::Kind::event:
      return "event";
  }
  return "event";
}

const SpecialDay* SpecialDays::find(Date d) const {
  auto it = std::lower_bound(days.begin(), days.end(), d,
                             [](const SpecialDay& s, Date x) { return s.date < x; });
  return it != days.end() && it->date == d ? &*it : nullptr;
}

std::vector<Date> SpecialDays::closed_dates() const {
  std::vector<Date> out;
  for (const auto& d : days) {
    if (d.kind == SpecialDay::Kind::closed) out.push_back(d.date);
  }
  return out;
}

SpecialDays load_special_days(const std::string& path) {
  std::ifstream in = io::open_input_file(path);
  return load_special_days(in, path);
}

SpecialDays load_special_days(std::istream& in, const std::string& display_name) {
  io::CsvReader reader(in, display_name);
  const io::CsvHeader header = reader.read_header();
  const auto column = [&](std::string_view name, bool required) {
    const auto i = header.find(name);
    WFM_REQUIRE(i || !required, (core::Location{display_name, 1, std::string(name)}),
                "missing column: the header must have date, name, kind and optionally "
                "multiplier, got {}",
                header.joined());
    return i;
  };
  const auto date_col = *column("date", true);
  const auto name_col = *column("name", true);
  const auto kind_col = *column("kind", true);
  const auto mult_col = column("multiplier", false);
  SpecialDays out;
  out.source = display_name;
  while (reader.next()) {
    const std::size_t line = reader.line();
    SpecialDay s;
    s.source_line = line;
    const auto date_text = io::trim(reader.field(date_col));
    const auto date = core::parse_local_date(date_text);
    WFM_REQUIRE(date.has_value(), (core::Location{display_name, line, "date"}),
                "expected a date YYYY-MM-DD, got {}", io::quote_for_message(date_text));
    s.date = *date;
    s.name = std::string(io::trim(reader.field(name_col)));
    const auto kind = io::trim(reader.field(kind_col));
    if (kind == "closed") {
      s.kind = SpecialDay::Kind::closed;
    } else if (kind == "holiday") {
      s.kind = SpecialDay::Kind::holiday;
    } else if (kind == "event") {
      s.kind = SpecialDay::Kind::event;
    } else {
      throw core::InputError(
          core::Location{display_name, line, "kind"},
          fmt::format("expected closed, holiday or event, got {}", io::quote_for_message(kind)));
    }
    if (mult_col && !io::trim(reader.field(*mult_col)).empty()) {
      WFM_REQUIRE(s.kind != SpecialDay::Kind::closed,
                  (core::Location{display_name, line, "multiplier"}),
                  "a closed day takes no multiplier (nothing is forecast on it)");
      s.multiplier = io::parse_number(io::trim(reader.field(*mult_col)),
                                      core::Location{display_name, line, "multiplier"},
                                      io::NumberRange::positive);
      WFM_REQUIRE(s.multiplier <= core::kMaxSpecialDayMultiplier,
                  (core::Location{display_name, line, "multiplier"}),
                  "expected a multiplier of at most {:g}, got {}", core::kMaxSpecialDayMultiplier,
                  io::quote_for_message(io::trim(reader.field(*mult_col))));
    }
    out.days.push_back(std::move(s));
  }
  std::stable_sort(out.days.begin(), out.days.end(),
                   [](const SpecialDay& a, const SpecialDay& b) { return a.date < b.date; });
  for (std::size_t i = 1; i < out.days.size(); ++i) {
    WFM_REQUIRE(
        out.days[i].date != out.days[i - 1].date,
        (core::Location{display_name,
                        std::max(out.days[i].source_line, out.days[i - 1].source_line), "date"}),
        "date {} is listed twice (also on line {})", core::format_local_date(out.days[i].date),
        std::min(out.days[i].source_line, out.days[i - 1].source_line));
  }
  return out;
}

std::vector<Date> exclude_special_days(DayGrid& history, const SpecialDays& special) {
  std::vector<Date> excluded;
  for (const auto& s : special.days) {
    const auto row = history.row_of(s.date);
    if (row < 0) continue;
    history.calls.row(row).setConstant(std::numeric_limits<double>::quiet_NaN());
    history.aht_s.row(row).setConstant(std::numeric_limits<double>::quiet_NaN());
    excluded.push_back(s.date);
  }
  return excluded;
}

}  // namespace wfm::forecast
