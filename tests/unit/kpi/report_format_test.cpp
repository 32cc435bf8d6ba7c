// Writing reports: CSV with the parameters as comment lines, JSON with nulls, Markdown, the text
// table; every format carries the definitions used.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "wfm/kpi/report_format.hpp"

using namespace wfm::kpi;

namespace {

KpiReport sample(std::vector<Dimension> by) {
  std::istringstream in(test::contacts_csv);
  KpiOptions o;
  o.by = std::move(by);
  return build_kpi_report(in, "contacts.csv", default_mapping(), o);
}

std::string write(const KpiReport& r, ReportFormat f) {
  std::ostringstream out;
  write_report(r, f, out);
  return out.str();
}

}  // namespace

TEST_CASE("CSV: parameters as comments, then every column", "[kpi][format]") {
  const auto text = write(sample({Dimension::day}), ReportFormat::csv);
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> comments, rows;
  while (std::getline(in, line)) (line.rfind("# ", 0) == 0 ? comments : rows).push_back(line);
  CHECK(comments[0] == "# contacts: contacts.csv (mapping: built-in default)");
  bool sl = false;
  for (const auto& c : comments)
    sl = sl || c.rfind("# service_level: answered within 20 s", 0) == 0;
  CHECK(sl);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].rfind("day,offered,handled,abandoned,short_abandoned,blocked,transferred,"
                      "abandon_rate,service_level,",
                      0) == 0);
  // Monday: 7 offered, 4 handled (c1 c2 c5 c7; c5 transferred), 2 abandoned, 1 blocked.
  CHECK(rows[1].rfind("2024-03-04,7,4,2,0,1,1,", 0) == 0);
  // Absent values are empty cells, never "nan".
  CHECK(text.find("nan") == std::string::npos);
  CHECK(rows[2].find(",,") != std::string::npos);
}

TEST_CASE("JSON: parameters, notes, read counts and rows with nulls", "[kpi][format]") {
  const auto j = nlohmann::json::parse(write(sample({Dimension::queue}), ReportFormat::json));
  CHECK(j["parameters"]["fcr_rate"].get<std::string>().find("within 24 h") != std::string::npos);
  CHECK(j["rows_read"]["rows"] == 10);
  CHECK(j["rows_read"]["contacts"] == 10);
  CHECK(j["rows_read"]["bad_rows_skipped"] == 0);
  REQUIRE(j["rows"].size() == 2);
  CHECK(j["rows"][0]["queue"] == "sales");
  CHECK(j["rows"][0]["offered"] == 6);
  CHECK(j["rows"][1]["offered"] == 4);
  CHECK(j["rows"][0]["occupancy"].is_null());
  CHECK(j["columns"][0] == "queue");
}

TEST_CASE("Markdown and the text table", "[kpi][format]") {
  const auto md = write(sample({Dimension::queue}), ReportFormat::markdown);
  CHECK(md.find("## wfm kpi report") == 0);
  CHECK(md.find("- **service_level**: answered within 20 s / offered") != std::string::npos);
  CHECK(md.find("| queue | offered | handled |") != std::string::npos);
  CHECK(md.find("| sales | 6 | 3 | 3 |") != std::string::npos);
  CHECK(md.find("No data: ") != std::string::npos);  // no states: occupancy etc. are named
  const auto table = write(sample({}), ReportFormat::table);
  CHECK(table.find("wfm kpi report\n") == 0);
  CHECK(table.find("service_level                       40.0%") != std::string::npos);
  CHECK(table.find("asa_s                                23.3") != std::string::npos);
  const auto wide = write(sample({Dimension::day}), ReportFormat::table);
  CHECK(wide.find("day         offered  handled") != std::string::npos);
  CHECK(parse_report_format("md") == ReportFormat::markdown);
  CHECK_FALSE(parse_report_format("xml").has_value());
}
