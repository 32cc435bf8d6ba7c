#include "cli/reader_flags.hpp"

#include "wfm/core/error.hpp"

namespace wfm::cli {

void add_reader_flags(CLI::App& cmd, ReaderFlags& f, const std::string& what,
                      const std::string& prefix, io::FieldList fields) {
  f.prefix = prefix;
  f.fields = fields;
  const std::string p = "--" + prefix;
  cmd.add_option(p + "mapping", f.mapping,
                 "Mapping file (TOML) for " + what +
                     ": delimiter, decimal comma, time format and column names "
                     "(docs/formats.md, \"Reader options\"); " +
                     (prefix.empty() ? std::string("the flags below") : "the " + p + "* flags") +
                     " override it");
  cmd.add_option(p + "delimiter", f.delimiter,
                 "Field delimiter of " + what + " (default ','; 'tab' for tab)");
  cmd.add_flag(p + "decimal-comma", f.decimal_comma,
               "Numbers in " + what + " use a decimal comma (12,5); a point is then an error");
  cmd.add_option(p + "time-format", f.time_format,
                 "interval_start format of " + what +
                     ", e.g. \"%d/%m/%Y %H:%M\" (default iso: 2024-03-04T08:00)");
  cmd.add_option(
      p + "columns", f.columns,
      "Map fields to the column names of " + what +
          " as field=Column,... (e.g. interval_start=Datum); fields: " + io::join_fields(fields));
}

bool reader_flags_given(const ReaderFlags& f) {
  return !f.mapping.empty() || !f.delimiter.empty() || f.decimal_comma || !f.time_format.empty() ||
         !f.columns.empty();
}

io::ReaderOptions reader_options(const ReaderFlags& f) {
  const auto flag = [&](const char* name) { return core::at_flag("--" + f.prefix + name); };
  io::ReaderOptions o;
  if (!f.mapping.empty()) o = io::load_reader_mapping(f.mapping, f.fields);
  if (!f.delimiter.empty()) o.delimiter = io::parse_delimiter(f.delimiter, flag("delimiter"));
  if (f.decimal_comma) o.decimal_mark = io::DecimalMark::comma;
  if (!f.time_format.empty()) {
    o.time_format = io::parse_interval_time_format(f.time_format, flag("time-format"));
  }
  if (!f.columns.empty()) {
    for (auto& [field, column] : io::parse_column_list(f.columns, flag("columns"))) {
      o.columns[field] = column;
    }
  }
  return o;
}

std::string name_reader_flags(const ReaderFlags& f, std::string message) {
  if (f.prefix.empty()) return message;
  for (const char* name : {"delimiter", "decimal-comma", "time-format", "columns", "mapping"}) {
    const std::string plain = std::string("--") + name;
    const std::string prefixed = "--" + f.prefix + name;
    for (auto at = message.find(plain); at != std::string::npos;
         at = message.find(plain, at + prefixed.size())) {
      message.replace(at, plain.size(), prefixed);
    }
  }
  return message;
}

io::StaffingPlanCsv load_staffing_plan(const std::string& path, const ReaderFlags& flags,
                                       const std::optional<core::TimeZone>& time_zone) {
  io::StaffingCsvOptions options;
  options.reader = reader_options(flags);
  options.time_zone = time_zone;
  return read_with_reader_flags(flags, [&] { return io::load_staffing_csv(path, options); });
}

}  // namespace wfm::cli
