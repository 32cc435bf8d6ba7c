// libFuzzer target: io::load_forecast_table (forecast files), then writing the table back.
// Options line (fuzz_input.hpp): delimiter, interval_s, decimal_comma=1, and a column mapping
// field=column for any of io::forecast_fields.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/io/forecast_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = wfm::fuzz::split_input(data, size);
  wfm::io::ForecastCsvOptions options;
  options.reader.delimiter = in.delimiter();
  options.interval_s = in.integer("interval_s");
  if (in.get("decimal_comma")) options.reader.decimal_mark = wfm::io::DecimalMark::comma;
  for (const auto field : wfm::io::forecast_fields) {
    if (const auto column = in.get(field)) options.reader.columns[std::string(field)] = *column;
  }
  wfm::fuzz::expect_input_errors([&] {
    std::istringstream stream{std::string(in.body)};
    const auto table = wfm::io::load_forecast_table(stream, "fuzz.csv", options);
    std::ostringstream out;
    wfm::io::write_forecast_table(out, table, options.reader.delimiter);
  });
  return 0;
}
