// libFuzzer target: io::load_interval_table (history and demand files), then writing the table
// back. Options line (fuzz_input.hpp): delimiter, interval_s, gap=allow|error, a column
// mapping field=column for any of io::interval_fields (offered=Calls queue=Skill ...), and
// extra=a,b: the first listed extra column summed and the others averaged by handled when the
// table is then re-binned to twice its interval length (wfm resample --sum/--mean).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/resample.hpp"

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
  std::optional<wfm::io::ExtraColumns> columns;
  if (const auto extra = in.get("extra")) {
    columns.emplace();
    wfm::fuzz::for_each_item(*extra, [&](std::string_view name) {
      (columns->sum.empty() ? columns->sum : columns->mean).emplace_back(name);
    });
  }
  wfm::fuzz::expect_input_errors([&] {
    if (columns) options.extra_columns = wfm::io::extra_columns_to_load(*columns);
    std::istringstream stream{std::string(in.body)};
    const auto table = wfm::io::load_interval_table(stream, "fuzz.csv", options);
    std::ostringstream out;
    wfm::io::write_interval_table(out, table, options.reader.delimiter);
    if (columns && table.interval_s <= 43200) {
      const auto bins = wfm::io::resample(table, 2 * table.interval_s, wfm::io::GapPolicy::allow,
                                          wfm::core::Location{}, columns);
      wfm::io::write_interval_table(out, bins.table, options.reader.delimiter);
    }
  });
  return 0;
}
