#include "cli/reader_flags.hpp"

#include "wfm/core/error.hpp"

namespace wfm::cli {

void add_reader_flags(CLI::App& cmd, ReaderFlags& f, const std::string& what) {
  cmd.add_option("--mapping", f.mapping,
                 "Mapping file (TOML) for " + what +
                     ": delimiter, decimal comma, time format and column names "
                     "(docs/formats.md, \"Reader options\"); the flags below override it");
  cmd.add_option("--delimiter", f.delimiter,
                 "Field delimiter of " + what + " (default ','; 'tab' for tab)");
  cmd.add_flag("--decimal-comma", f.decimal_comma,
               "Numbers in " + what + " use a decimal comma (12,5); a point is then an error");
  cmd.add_option("--time-format", f.time_format,
                 "interval_start format of " + what +
                     ", e.g. \"%d/%m/%Y %H:%M\" (default iso: 2024-03-04T08:00)");
  cmd.add_option("--columns", f.columns,
                 "Map fields to the column names of " + what +
                     ": offered=CallsOffered,aht_s=AHT,queue=Skill,...");
}

bool reader_flags_given(const ReaderFlags& f) {
  return !f.mapping.empty() || !f.delimiter.empty() || f.decimal_comma || !f.time_format.empty() ||
         !f.columns.empty();
}

io::ReaderOptions reader_options(const ReaderFlags& f) {
  io::ReaderOptions o;
  if (!f.mapping.empty()) o = io::load_reader_mapping(f.mapping);
  if (!f.delimiter.empty())
    o.delimiter = io::parse_delimiter(f.delimiter, core::at_flag("--delimiter"));
  if (f.decimal_comma) o.decimal_mark = io::DecimalMark::comma;
  if (!f.time_format.empty()) {
    o.time_format = io::parse_interval_time_format(f.time_format, core::at_flag("--time-format"));
  }
  if (!f.columns.empty()) {
    for (auto& [field, column] : io::parse_column_list(f.columns, core::at_flag("--columns"))) {
      o.columns[field] = column;
    }
  }
  return o;
}

}  // namespace wfm::cli
