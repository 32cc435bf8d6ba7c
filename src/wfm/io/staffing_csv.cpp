#include "wfm/io/staffing_csv.hpp"

#include <cmath>
#include <fstream>

#include "wfm/core/error.hpp"
#include "wfm/io/csv_reader.hpp"
#include "wfm/io/interval_grid.hpp"
#include "wfm/io/number.hpp"

namespace wfm::io {

using core::Location;

int StaffingPlanCsv::agents_at(const std::string& queue, core::LocalTime start,
                               std::size_t demand_line) const {
  const auto it = agents_.find({queue, start});
  WFM_REQUIRE(it != agents_.end(), (Location{source_, 0, "agents"}),
              "no staffing for queue '{}' at {} (demand line {})", queue,
              core::format_local_time(start), demand_line);
  return it->second;
}

StaffingPlanCsv read_staffing_csv(std::istream& in, const std::string& path,
                                  const StaffingCsvOptions& options) {
  const ReaderOptions& ro = options.reader;
  check_column_fields(ro, staffing_fields);
  CsvReader reader(in, path, CsvOptions{ro.delimiter, true});
  const CsvHeader header = reader.read_header();
  const std::size_t header_line = reader.line();
  // The column of `field`, and its name as the file spells it.
  const auto column = [&](std::string_view field, bool required) {
    const std::string name = mapped_column(ro, field);
    const std::size_t count = header.count(name);
    WFM_REQUIRE(count <= 1, (Location{path, header_line, ""}),
                "column '{}' appears {} times in the header", name, count);
    const auto index = header.find(name);
    WFM_REQUIRE(index || !required, (Location{path, header_line, ""}), "{} (a wfm staff plan)",
                missing_column_message(header, field, name, ro.delimiter));
    return std::make_pair(index, index ? std::string(trim(header.names()[*index])) : name);
  };
  const auto [start_col, start_name] = column("interval_start", true);
  const auto [agents_col, agents_name] = column("agents", true);
  const auto [queue_col, queue_name] = column("queue", false);
  StaffingPlanCsv plan;
  plan.source_ = path;
  while (reader.next()) {
    const Location start_at{path, reader.line(), start_name};
    const core::LocalTime start = read_interval_start(trim(reader.field(*start_col)), ro, start_at);
    if (options.time_zone) detail::require_unique_start(*options.time_zone, start, start_at);
    const Location agents_loc{path, reader.line(), agents_name};
    const double agents = parse_number(reader.field(*agents_col), agents_loc,
                                       NumberRange::non_negative, ro.decimal_mark);
    WFM_REQUIRE(agents == std::floor(agents) && agents < 1e7, agents_loc,
                "expected a whole number of agents (the simulation staffs whole agents), got {}",
                agents);
    const std::string queue = queue_col ? std::string(reader.field(*queue_col)) : std::string();
    const auto [it, inserted] =
        plan.agents_.emplace(std::make_pair(queue, start), static_cast<int>(agents));
    WFM_REQUIRE(inserted, start_at, "duplicate interval for queue '{}'", queue);
  }
  return plan;
}

StaffingPlanCsv load_staffing_csv(const std::string& path, const StaffingCsvOptions& options) {
  std::ifstream in(path, std::ios::binary);
  WFM_REQUIRE(in.good(), (Location{path, 0, ""}), "cannot open the staffing file");
  return read_staffing_csv(in, path, options);
}

}  // namespace wfm::io
