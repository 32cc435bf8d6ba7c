// libFuzzer target: io::CsvReader over arbitrary bytes, every record and field read.
// Options line (fuzz_input.hpp): delimiter, ragged=1 (no field-count check).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/io/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = wfm::fuzz::split_input(data, size);
  wfm::io::CsvOptions options;
  options.delimiter = in.delimiter();
  options.check_field_count = in.get("ragged") != "1";
  wfm::fuzz::expect_input_errors([&] {
    std::istringstream stream{std::string(in.body)};
    wfm::io::CsvReader reader(stream, "fuzz.csv", options);
    const auto header = reader.read_header();
    (void)header.find("offered");
    std::size_t total = 0;
    while (reader.next()) {
      for (const auto field : reader.fields()) total += field.size();
      total += reader.line();
    }
    (void)total;
  });
  return 0;
}
