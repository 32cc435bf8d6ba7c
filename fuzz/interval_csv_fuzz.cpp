// libFuzzer target: io::load_interval_table (history and demand files), then writing the table
// back. Options line (fuzz_input.hpp): delimiter, interval_s, gap=allow|error, and a column
// mapping field=column for any of io::interval_fields (offered=Calls queue=Skill ...).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/io/interval_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = wfm::fuzz::split_input(data, size);
  wfm::io::IntervalCsvOptions options;
  options.reader.delimiter = in.delimiter();
  options.interval_s = in.integer("interval_s");
  if (const auto gap = in.get("gap")) {
    if (const auto policy = wfm::io::parse_gap_policy(*gap)) options.gap_policy = *policy;
  }
  for (const auto field : wfm::io::interval_fields) {
    if (const auto column = in.get(field)) options.reader.columns[std::string(field)] = *column;
  }
  wfm::fuzz::expect_input_errors([&] {
    std::istringstream stream{std::string(in.body)};
    const auto table = wfm::io::load_interval_table(stream, "fuzz.csv", options);
    std::ostringstream out;
    wfm::io::write_interval_table(out, table, options.reader.delimiter);
  });
  return 0;
}
