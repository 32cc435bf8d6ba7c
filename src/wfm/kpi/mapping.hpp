// How an export's columns, time formats and codes map onto Contact fields.
//
// A real ACD or CRM export is read as it is: a mapping file (TOML) names the export's column for
// each field (or several, the first non-empty one wins: "arrival = [\"q_start\", \"ser_start\"]"),
// the time format (full date-times, or times of day plus a date column), the values meaning
// "none" (a customer id of 0, a time of 0:00:00), the outcome codes (and which rows are not
// contacts at all), the survey scales and the resolved flag's values. Without a mapping file the
// built-in default reads the documented generic format (docs/formats.md, "Contact records"),
// which data/mappings/default.toml spells out. Every key is checked: an unknown key, a wrong type
// or an impossible value is a core::InputError naming the mapping file, its line and the key.
// Tested in tests/unit/kpi/mapping_test.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wfm/core/time_zone.hpp"
#include "wfm/io/time_format.hpp"
#include "wfm/kpi/contact.hpp"

namespace wfm::kpi {

enum class Field : std::size_t {
  id,
  queue,
  customer,
  arrival,
  answer,
  end,
  outcome,
  talk,
  hold,
  acw,
  agent,
  csat,
  nps,
  ces,
  resolved
};
inline constexpr std::size_t field_count = 15;

// The field's name in mappings and in the generic format: "contact_id", "arrival", "talk_s" ...
std::string_view field_name(Field f);
std::optional<Field> parse_field(std::string_view name);

// An outcome code of the export: what it means, or nullopt: the row is not a contact (a test
// call, a PHANTOM) and is excluded, counted by code.
struct OutcomeCode {
  std::string code;
  std::optional<Outcome> outcome;
};

enum class MissingArrival {
  error,    // a row without an arrival time is a bad row
  exclude,  // ... is not a contact of the agent queue (e.g. it ended in the IVR): excluded, counted
};

struct ContactMapping {
  std::string source = "built-in default";  // the mapping file, for messages
  char delimiter = ',';
  // Candidate column names per field; empty: the field's own name (field_name), optional.
  std::array<std::vector<std::string>, field_count> columns;
  // Format of the arrival, answer and end columns (and of day_anchor).
  io::TimeFormat time_format;
  // When time_format is a time of day: the column holding the date, and its format.
  std::string date_column;
  io::TimeFormat date_format;
  // With a date column: a time of day more than 12 h before this column's time of day (default:
  // the arrival's) is on the next day, so contacts crossing midnight read right.
  std::string day_anchor;
  // The zone of the times (format.timezone, or wfm kpi --timezone): durations are then measured
  // across daylight-saving changes, a time in the skipped hour is a bad row, and a time in the
  // repeated hour is placed as docs/formats.md says. Without one: wall-clock arithmetic.
  std::optional<core::TimeZone> time_zone;
  // Cell values that mean "none", per field (compared after trimming spaces); "" always does.
  std::array<std::vector<std::string>, field_count> absent;
  // Outcome codes, compared exactly; empty: the names answered/abandoned/blocked/transferred in
  // any case.
  std::vector<OutcomeCode> outcomes;
  // Allowed queue names; empty: any non-empty name.
  std::vector<std::string> queues;
  MissingArrival missing_arrival = MissingArrival::error;
  // An answer at most this much before the arrival is read as answered on arrival (wait 0) and
  // counted; more is a bad row. Exports' clocks are often a second apart.
  double clock_tolerance_s = 0;
  int csat_scale = 5;  // 5 (1-5, top two boxes 4-5) or 10 (1-10, top two boxes 9-10)
  int ces_scale = 7;   // 5 or 7 (1..scale)
  // Resolved flag values (or reason codes), compared ignoring ASCII case.
  std::vector<std::string> resolved_yes = {"1", "true", "yes", "y"};
  std::vector<std::string> resolved_no = {"0", "false", "no", "n"};
  // Other values: a bad row (false) or no flag (true).
  bool resolved_other_absent = false;

  // The column names that may hold the field (the mapped ones, or the field's own name).
  std::vector<std::string> column_names(Field f) const;
  bool mapped(Field f) const { return !columns[static_cast<std::size_t>(f)].empty(); }
};

// The built-in mapping of the generic format.
ContactMapping default_mapping();

// Reads a mapping file (TOML; keys documented in docs/formats.md). Throws core::InputError.
ContactMapping load_mapping(const std::string& path);
// The same from text; `display_name` stands for the file in messages.
ContactMapping parse_mapping(std::string_view toml_text, const std::string& display_name);

}  // namespace wfm::kpi
