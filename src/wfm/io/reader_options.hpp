// How to read an interval file as an export writes it: the delimiter, the decimal mark, the
// timestamp format and the export's column names. One set of options for every interval reader
// (history, demand, actuals), given as command flags (--delimiter, --decimal-comma,
// --time-format, --columns), as scenario keys ([history] delimiter, ...), or in one mapping file
// (TOML, the shape of the contact records' mapping files: [format] and [columns]):
//   [format]
//   delimiter = ";"
//   decimal_comma = true
//   time_format = "%d/%m/%Y %H:%M"
//   [columns]
//   interval_start = "Datum"
//   offered = "Angeboten"
// The same options read forecast files (load_forecast_table) and staffing plans
// (load_staffing_csv), each with its own fields under [columns] (forecast_fields,
// staffing_fields below). Every value is checked where it is given: a bad one is a
// core::InputError naming the flag, or the mapping file, its line and the key. Keys and rules:
// docs/formats.md ("Reader options").
// Tested in tests/unit/io/reader_options_test.cpp.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/csv_reader.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/time_format.hpp"

namespace wfm::io {

// The fields a column mapping may name, per kind of file. Interval files, in the order
// write_interval_table writes them (interval_csv.hpp):
inline constexpr std::array<std::string_view, 6> interval_fields = {
    "interval_start", "queue", "offered", "aht_s", "handled", "abandoned"};
// Forecast files (forecast_csv.hpp; the calls_lo_*/calls_hi_* bound columns are found by their
// names and are not mapped):
inline constexpr std::array<std::string_view, 4> forecast_fields = {"interval_start", "queue",
                                                                    "calls", "aht_s"};
// Staffing plans (staffing_csv.hpp):
inline constexpr std::array<std::string_view, 3> staffing_fields = {"interval_start", "queue",
                                                                    "agents"};
using FieldList = std::span<const std::string_view>;

struct ReaderOptions {
  char delimiter = ',';
  DecimalMark decimal_mark = DecimalMark::point;
  // The interval_start format (a date and a time of day); absent: ISO 8601 local times
  // (core::parse_local_time).
  std::optional<TimeFormat> time_format;
  // Field -> the file's column name, e.g. {"offered", "CallsOffered"}; the reader checks the
  // fields against its own list (check_column_fields).
  std::map<std::string, std::string> columns;
};

// ";" -> ';'. One character other than a quote or a line break; "tab" or "\t" for a tab. Throws
// at `where` otherwise.
char parse_delimiter(std::string_view text, const core::Location& where);

// A timestamp format for interval_start: "iso" or a TimeFormat pattern with a date and a time of
// day ("%d/%m/%Y %H:%M"). "iso" gives nullopt (the default). Throws at `where` otherwise.
std::optional<TimeFormat> parse_interval_time_format(std::string_view text,
                                                     const core::Location& where);

// Reads an interval_start cell with options.time_format (ISO when absent); throws at `where`
// naming the expected form. Fractions of a second are rejected.
core::LocalTime read_interval_start(std::string_view text, const ReaderOptions& options,
                                    const core::Location& where);

// "offered=CallsOffered, aht_s=AHT" -> {field: column}. Throws at `where` for an item that is not
// field=column or a field given twice (the fields themselves are checked by the reader).
std::map<std::string, std::string> parse_column_list(std::string_view text,
                                                     const core::Location& where);

// Every key of options.columns must be one of `fields` and map to a non-empty name; throws a
// core::InputError at "columns" naming the field and the list otherwise.
void check_column_fields(const ReaderOptions& options, FieldList fields);
// The column the file names `field` by: its mapping, or the field's own name.
std::string mapped_column(const ReaderOptions& options, std::string_view field);
// "interval_start, queue, offered" (for messages).
std::string join_fields(FieldList fields);

// Reads a mapping file (keys above); its [columns] keys must be `fields`. Throws
// core::InputError.
ReaderOptions load_reader_mapping(const std::string& path, FieldList fields = interval_fields);
// The same from text; `display_name` stands for the file in messages.
ReaderOptions parse_reader_mapping(std::string_view toml_text, const std::string& display_name,
                                   FieldList fields = interval_fields);

// "missing column 'Agenten' (field 'agents' in the column mapping) (or its alias 'x'); columns
// present: ...", with delimiter_hint when the header reads as one column holding another
// delimiter than `used`. `name` is the column looked for (the field's, or its mapping).
std::string missing_column_message(const CsvHeader& header, std::string_view field,
                                   std::string_view name, char used, std::string_view alias = {});

// The hint appended to "missing column" errors when the header reads as one column holding
// `other` (a delimiter the file was not read with): names the option to give.
std::string delimiter_hint(char used, char other);

}  // namespace wfm::io
