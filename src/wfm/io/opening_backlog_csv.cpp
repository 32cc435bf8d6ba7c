#include "wfm/io/opening_backlog_csv.hpp"

#include <fstream>

#include "wfm/core/error.hpp"
#include "wfm/core/limits.hpp"
#include "wfm/io/csv_reader.hpp"
#include "wfm/io/input_file.hpp"
#include "wfm/io/number.hpp"

namespace wfm::io {

OpeningBacklogTable read_opening_backlog(std::istream& in, const std::string& source) {
  CsvReader reader(in, source);
  const CsvHeader header = reader.read_header();
  const auto items_col = header.find("items");
  const auto age_col = header.find("age_s");
  const auto arrived_col = header.find("arrived");
  const auto queue_col = header.find("queue");
  const auto aht_col = header.find("aht_s");
  WFM_REQUIRE(items_col.has_value(), (core::Location{source, 1, "items"}),
              "missing column: the header must have items, age_s or arrived, and optionally "
              "queue and aht_s, got {}",
              header.joined());
  WFM_REQUIRE(age_col.has_value() != arrived_col.has_value(),
              (core::Location{source, 1, age_col ? "arrived" : "age_s"}),
              "expected exactly one of the columns age_s (business seconds waited) and arrived "
              "(arrival time), got {}",
              header.joined());
  OpeningBacklogTable out;
  out.source = source;
  out.has_queue = queue_col.has_value();
  out.has_aht = aht_col.has_value();
  while (reader.next()) {
    OpeningBacklogRow row;
    row.source_line = reader.line();
    const auto at = [&](const char* field) {
      return core::Location{source, row.source_line, field};
    };
    if (queue_col) row.queue = std::string(trim(reader.field(*queue_col)));
    row.items =
        parse_number(trim(reader.field(*items_col)), at("items"), NumberRange::non_negative);
    WFM_REQUIRE(row.items <= core::kMaxCallsPerInterval, at("items"),
                "expected a number of items in [0, 1e6], got {}", row.items);
    if (age_col) {
      row.age_s =
          parse_number(trim(reader.field(*age_col)), at("age_s"), NumberRange::non_negative);
    } else {
      const auto text = trim(reader.field(*arrived_col));
      row.arrived = core::parse_local_time(text);
      WFM_REQUIRE(row.arrived.has_value(), at("arrived"),
                  "expected a time YYYY-MM-DDTHH:MM[:SS], got {}", quote_for_message(text));
    }
    if (aht_col) {
      const auto text = trim(reader.field(*aht_col));
      if (!text.empty()) {
        row.aht_s = parse_number(text, at("aht_s"), NumberRange::positive);
        WFM_REQUIRE(*row.aht_s <= core::kMaxDurationS, at("aht_s"),
                    "expected a handle time in (0, 86400] s, got {}", quote_for_message(text));
      }
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

OpeningBacklogTable load_opening_backlog(const std::string& path) {
  std::ifstream in = open_input_file(path);
  return read_opening_backlog(in, path);
}

}  // namespace wfm::io
