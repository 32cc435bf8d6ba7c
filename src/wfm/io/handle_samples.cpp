#include "wfm/io/handle_samples.hpp"

#include <fstream>

#include "wfm/core/error.hpp"
#include "wfm/io/csv_reader.hpp"
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
    v.push_back(parse_number(reader.field(*col), Location{path, reader.line(), "handle_s"},
                             NumberRange::positive));
  }
  WFM_REQUIRE(!v.empty(), (Location{path, 0, ""}), "no handle times in the file");
  return v;
}

std::vector<double> load_handle_samples(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  WFM_REQUIRE(in.good(), (Location{path, 0, ""}), "cannot open the handle time samples");
  return read_handle_samples(in, path);
}

}  // namespace wfm::io
