#include "wfm/io/staffing_csv.hpp"

#include <cmath>
#include <fstream>

#include "wfm/core/error.hpp"
#include "wfm/io/csv_reader.hpp"
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

StaffingPlanCsv read_staffing_csv(std::istream& in, const std::string& path) {
  CsvReader reader(in, path);
  const CsvHeader header = reader.read_header();
  const auto start_col = header.find("interval_start");
  const auto agents_col = header.find("agents");
  const auto queue_col = header.find("queue");
  WFM_REQUIRE(start_col && agents_col, (Location{path, 1, ""}),
              "expected columns interval_start and agents (a wfm staff plan), found {}",
              header.joined());
  StaffingPlanCsv plan;
  plan.source_ = path;
  while (reader.next()) {
    const auto text = reader.field(*start_col);
    const auto start = core::parse_local_time(trim(text));
    WFM_REQUIRE(start.has_value(), (Location{path, reader.line(), "interval_start"}),
                "expected a time like 2024-03-04T08:00, got {}", quote_for_message(text));
    const double agents =
        parse_number(reader.field(*agents_col), Location{path, reader.line(), "agents"},
                     NumberRange::non_negative);
    WFM_REQUIRE(
        agents == std::floor(agents) && agents < 1e7, (Location{path, reader.line(), "agents"}),
        "expected a whole number of agents (the simulation staffs whole agents), got {}", agents);
    const std::string queue = queue_col ? std::string(reader.field(*queue_col)) : std::string();
    const auto [it, inserted] =
        plan.agents_.emplace(std::make_pair(queue, *start), static_cast<int>(agents));
    WFM_REQUIRE(inserted, (Location{path, reader.line(), "interval_start"}),
                "duplicate interval for queue '{}'", queue);
  }
  return plan;
}

StaffingPlanCsv load_staffing_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  WFM_REQUIRE(in.good(), (Location{path, 0, ""}), "cannot open the staffing file");
  return read_staffing_csv(in, path);
}

}  // namespace wfm::io
