// libFuzzer target: contact records read through a mapping, as `wfm kpi` does
// (kpi::build_kpi_report, which streams the rows through kpi::ContactReader).
// Input: an optional mapping (TOML) and a line "%%", then the contact CSV; without "%%" the whole
// input is contacts read with the built-in default mapping. Options line (fuzz_input.hpp):
// by=day,queue (the grouping; default interval,queue), strict=1 (bad rows stop the report).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_input.hpp"
#include "wfm/kpi/mapping.hpp"
#include "wfm/kpi/period.hpp"
#include "wfm/kpi/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = wfm::fuzz::split_input(data, size);
  const auto parts = wfm::fuzz::split_at_separator(in.body);  // (mapping text, contacts)
  wfm::kpi::KpiOptions options;
  options.skip_bad_rows = in.get("strict") != "1";
  wfm::fuzz::for_each_item(in.get("by").value_or("interval,queue"), [&](std::string_view item) {
    if (const auto d = wfm::kpi::parse_dimension(item)) options.by.push_back(*d);
  });
  wfm::fuzz::expect_input_errors([&] {
    options.validate();
    const auto mapping = parts.first ? wfm::kpi::parse_mapping(*parts.first, "fuzz.toml")
                                     : wfm::kpi::default_mapping();
    std::istringstream stream{std::string(parts.second)};
    (void)wfm::kpi::build_kpi_report(stream, "fuzz.csv", mapping, options);
  });
  return 0;
}
