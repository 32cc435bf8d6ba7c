// libFuzzer target: io::read_staffing_csv (the staffing plans simulate and schedule read), and a
// look-up of every entry as simulate does. Options line (fuzz_input.hpp): delimiter,
// decimal_comma=1, and a column mapping field=column for any of io::staffing_fields.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/io/staffing_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = wfm::fuzz::split_input(data, size);
  wfm::io::StaffingCsvOptions options;
  options.reader.delimiter = in.delimiter();
  if (in.get("decimal_comma")) options.reader.decimal_mark = wfm::io::DecimalMark::comma;
  for (const auto field : wfm::io::staffing_fields) {
    if (const auto column = in.get(field)) options.reader.columns[std::string(field)] = *column;
  }
  wfm::fuzz::expect_input_errors([&] {
    std::istringstream stream{std::string(in.body)};
    const auto plan = wfm::io::read_staffing_csv(stream, "fuzz.csv", options);
    for (const auto& [key, agents] : plan.entries()) {
      if (plan.agents_at(key.first, key.second, 1) != agents) __builtin_trap();
    }
  });
  return 0;
}
