#include "wfm/io/handle_samples.hpp"

#include <fstream>

#include "wfm/core/error.hpp"
#include "wfm/core/limits.hpp"
#include "wfm/io/csv_reader.hpp"
#include "wfm/io/input_file.hpp"
#include "wfm/io/number.hpp"

namespace wfm::io {

using core::Location;

std::vector<double> read_handle_samples(std::istream& in, const std::string& path) {
  CsvReader reader(in, path);
  const CsvHeader header = reader.read_header();
  const auto col = header.find("handle_s");
  WFM_REQUIRE(col.has_value(), (Location{path, 1, ""}), "expected a column handle_s, found {}",
              header.joined());
  std::vector<double> v;
  while (reader.next()) {
    const Location where{path, reader.line(), "handle_s"};
    const double s = parse_number(reader.field(*col), where, NumberRange::positive);
    // Bounded like an interval's aht_s: the simulation averages the samples, and huge ones
    // (1e308) overflowed that mean to infinity.
    WFM_REQUIRE(s <= core::kMaxDurationS, where,
                "expected a handle time of at most {:g} s (a day), got {}", core::kMaxDurationS,
                quote_for_message(reader.field(*col)));
    v.push_back(s);
  }
  WFM_REQUIRE(!v.empty(), (Location{path, 0, ""}), "no handle times in the file");
  return v;
}

std::vector<double> load_handle_samples(const std::string& path) {
  std::ifstream in = open_input_file(path);
  return read_handle_samples(in, path);
}

}  // namespace wfm::io
