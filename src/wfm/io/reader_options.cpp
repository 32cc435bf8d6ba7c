#include "wfm/io/reader_options.hpp"

#include <algorithm>

#include <toml++/toml.h>

#include "wfm/io/toml_util.hpp"

namespace wfm::io {

char parse_delimiter(std::string_view text, const core::Location& where) {
  if (text == "tab" || text == "\\t") return '\t';
  WFM_REQUIRE(text.size() == 1 && text[0] != '"' && text[0] != '\n' && text[0] != '\r', where,
              "expected one character such as \",\", \";\" or \"|\" (\"tab\" for a tab), got {}",
              quote_for_message(text));
  return text[0];
}

std::optional<TimeFormat> parse_interval_time_format(std::string_view text,
                                                     const core::Location& where) {
  if (trim(text) == "iso") return std::nullopt;
  const TimeFormat format = TimeFormat::parse(trim(text), where);
  WFM_REQUIRE(format.has_date() && format.has_time(), where,
              "expected a format with a date and a time of day such as \"%d/%m/%Y %H:%M\", got {}",
              quote_for_message(text));
  return format;
}

core::LocalTime read_interval_start(std::string_view text, const ReaderOptions& options,
                                    const core::Location& where) {
  if (!options.time_format) {
    const auto start = core::parse_local_time(text);
    WFM_REQUIRE(start.has_value(), where,
                "expected a local date-time like 2024-03-04T08:00 or 2024-03-04 08:00:00, got {}",
                quote_for_message(text));
    return *start;
  }
  const auto ms = options.time_format->read(text);
  WFM_REQUIRE(ms.has_value(), where, "expected {}, got {}", options.time_format->describe(),
              quote_for_message(text));
  WFM_REQUIRE(*ms % ms_per_second == 0, where, "expected a whole second, got {}",
              quote_for_message(text));
  return core::LocalTime{std::chrono::seconds{*ms / ms_per_second}};
}

std::map<std::string, std::string> parse_column_list(std::string_view text,
                                                     const core::Location& where) {
  std::map<std::string, std::string> out;
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const auto eq = item.find('=');
    WFM_REQUIRE(eq != std::string_view::npos && eq > 0 && eq + 1 < item.size(), where,
                "expected field=column pairs such as offered=CallsOffered,aht_s=AHT, got {}",
                quote_for_message(item));
    const std::string field(trim(item.substr(0, eq)));
    const bool inserted = out.emplace(field, std::string(trim(item.substr(eq + 1)))).second;
    WFM_REQUIRE(inserted, where, "field '{}' is mapped twice", field);
  }
  return out;
}

std::string delimiter_hint(char used, char other) {
  const auto shown = [](char c) {
    return c == '\t' ? std::string("tab") : quote_for_message(std::string(1, c));
  };
  return fmt::format(
      " (the file was read with delimiter {}; is it {}? give --delimiter {}, or delimiter = {} "
      "in a mapping file or scenario)",
      shown(used), shown(other), other == '\t' ? "tab" : fmt::format("'{}'", other),
      other == '\t' ? std::string("\"\\t\"") : quote_for_message(std::string(1, other)));
}

std::string join_fields(FieldList fields) {
  std::string out;
  for (auto f : fields) out += fmt::format("{}{}", out.empty() ? "" : ", ", f);
  return out;
}

void check_column_fields(const ReaderOptions& options, FieldList fields) {
  for (const auto& [field, column] : options.columns) {
    const bool known = std::find(fields.begin(), fields.end(), field) != fields.end();
    WFM_REQUIRE(known, (core::Location{{}, 0, "columns"}),
                "unknown field '{}' in the column mapping (fields: {})", field,
                join_fields(fields));
    WFM_REQUIRE(!trim(column).empty(), (core::Location{{}, 0, "columns"}),
                "empty column name for field '{}' in the column mapping", field);
  }
}

std::string mapped_column(const ReaderOptions& options, std::string_view field) {
  const auto it = options.columns.find(std::string(field));
  return it == options.columns.end() ? std::string(field) : it->second;
}

std::string missing_column_message(const CsvHeader& header, std::string_view field,
                                   std::string_view name, char used, std::string_view alias) {
  std::string what = fmt::format("missing column '{}'", name);
  if (name != field) what += fmt::format(" (field '{}' in the column mapping)", field);
  if (!alias.empty()) what += fmt::format(" (or its alias '{}')", alias);
  what += fmt::format("; columns present: {}", header.joined());
  if (header.size() == 1) {
    for (char d : std::string_view(",;\t|")) {
      if (d != used && header.names()[0].find(d) != std::string::npos) {
        what += delimiter_hint(used, d);
        break;
      }
    }
  }
  return what;
}

namespace {

ReaderOptions read_mapping(const toml::table& root, const std::string& file, FieldList fields) {
  ReaderOptions o;
  check_known_keys(root, "", {"format", "columns"}, file);
  if (const toml::node* n = root.get("format")) {
    WFM_REQUIRE(n->is_table(), toml_location(file, *n, "format"), "expected a table [format]");
    const toml::table& t = *n->as_table();
    check_known_keys(t, "format", {"delimiter", "decimal_comma", "time_format"}, file);
    if (const auto* d = t.get("delimiter")) {
      const auto at = toml_location(file, *d, "format.delimiter");
      o.delimiter = parse_delimiter(toml_string(*d, at), at);
    }
    if (const auto* d = t.get("decimal_comma")) {
      WFM_REQUIRE(d->is_boolean(), toml_location(file, *d, "format.decimal_comma"),
                  "expected true or false, got {}", toml_type_name(*d));
      o.decimal_mark = **d->as_boolean() ? DecimalMark::comma : DecimalMark::point;
    }
    if (const auto* d = t.get("time_format")) {
      const auto at = toml_location(file, *d, "format.time_format");
      o.time_format = parse_interval_time_format(toml_string(*d, at), at);
    }
  }
  if (const toml::node* n = root.get("columns")) {
    WFM_REQUIRE(n->is_table(), toml_location(file, *n, "columns"), "expected a table [columns]");
    for (const auto& [key, node] : *n->as_table()) {
      const auto at = toml_location(file, node, fmt::format("columns.{}", key.str()));
      const bool known = std::find(fields.begin(), fields.end(), key.str()) != fields.end();
      WFM_REQUIRE(known, at, "unknown field (fields: {})", join_fields(fields));
      const std::string column(trim(toml_string(node, at)));
      WFM_REQUIRE(!column.empty(), at, "expected a column name, got an empty string");
      o.columns[std::string(key.str())] = column;
    }
  }
  return o;
}

}  // namespace

ReaderOptions parse_reader_mapping(std::string_view toml_text, const std::string& display_name,
                                   FieldList fields) {
  return read_mapping(parse_toml(toml_text, display_name, "mapping file"), display_name, fields);
}

ReaderOptions load_reader_mapping(const std::string& path, FieldList fields) {
  return read_mapping(load_toml_file(path, "mapping file"), path, fields);
}

}  // namespace wfm::io
