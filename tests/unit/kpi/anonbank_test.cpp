// The public Anonymous Bank January 1999 call data through the shipped mapping
// (data/mappings/anonbank.toml), checked against an independent count: a plain tab-split of the
// file applying the mapping's documented rules, written here without the kpi module, and the
// figures the same rules gave in awk (recorded below). Skipped, with a warning, when
// ../shared/data is absent (a user's clone).
#include <catch2/catch.hpp>

#include "support/shared_data.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "wfm/io/interval_csv.hpp"
#include "wfm/kpi/aggregate.hpp"
#include "wfm/kpi/report.hpp"

using namespace wfm::kpi;

namespace {

const std::string data_file = std::string(WFM_SHARED_DATA_DIR) + "/anonbank_1999_01_calls.tsv";
const std::string mapping_file = std::string(WFM_SOURCE_DIR) + "/data/mappings/anonbank.toml";

bool have_data() {
  return wfm::test::shared_data_present(data_file);
}

// The independent count.
struct Count {
  long rows = 0, phantom = 0, no_arrival = 0, bad = 0, handled = 0, abandoned = 0, within20 = 0;
  long clamped = 0;
  double wait_sum = 0, talk_sum = 0, abandon_wait_sum = 0;
  std::map<std::string, long> offered_by_queue;
  std::set<long> bad_lines;
  // (customer, arrival, handled) for the repeat check.
  std::vector<std::tuple<std::string, long, bool, long>> customers;
  long last_arrival = 0;
};

long seconds(const std::string& t) {  // H:MM:SS
  const auto a = t.find(':'), b = t.rfind(':');
  return std::stol(t.substr(0, a)) * 3600 + std::stol(t.substr(a + 1, b - a - 1)) * 60 +
         std::stol(t.substr(b + 1));
}

long day_of(const std::string& yymmdd) {  // days since 1999-01-01 (all of January 1999)
  return std::stol(yymmdd.substr(4, 2)) - 1;
}

Count count_independently() {
  Count c;
  std::ifstream in(data_file);
  std::string line;
  std::getline(in, line);
  long line_no = 1;
  const std::set<std::string> queues = {"PS", "PE", "IN", "NE", "NW", "TT"};
  const std::string zero = "0:00:00";
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '\t')) f.push_back(cell);
    REQUIRE(f.size() >= 16);
    if (f.size() == 16) f.emplace_back();
    ++c.rows;
    const auto& outcome = f[12];
    if (outcome == "PHANTOM") {
      ++c.phantom;
      continue;
    }
    if (!queues.count(f[4])) {
      ++c.bad;
      c.bad_lines.insert(line_no);
      continue;
    }
    const long base = day_of(f[5]) * 86400, anchor = seconds(f[6]);
    auto abs_t = [&](const std::string& t) {
      const long x = seconds(t);
      return base + x + (x + 43200 < anchor ? 86400 : 0);
    };
    if (f[9] == zero && f[13] == zero) {
      ++c.no_arrival;
      continue;
    }
    const long arrival = abs_t(f[9] != zero ? f[9] : f[13]);
    bool handled = false;
    if (outcome == "AGENT") {
      if (f[13] == zero) {
        ++c.bad;
        c.bad_lines.insert(line_no);
        continue;
      }
      long answer = abs_t(f[13]);
      if (answer < arrival) {
        if (arrival - answer > 2) {
          ++c.bad;
          c.bad_lines.insert(line_no);
          continue;
        }
        answer = arrival;
        ++c.clamped;
      }
      if (f[14] != zero && abs_t(f[14]) < answer) {
        ++c.bad;
        c.bad_lines.insert(line_no);
        continue;
      }
      ++c.handled;
      handled = true;
      c.wait_sum += static_cast<double>(answer - arrival);
      if (answer - arrival <= 20) ++c.within20;
      c.talk_sum += std::stod(f[15]);
    } else {
      REQUIRE(outcome == "HANG");
      if (f[13] != zero) {
        ++c.bad;
        c.bad_lines.insert(line_no);
        continue;
      }
      const std::string end = f[14] != zero ? f[14] : f[10];
      if (end == zero || abs_t(end) < arrival) {
        ++c.bad;
        c.bad_lines.insert(line_no);
        continue;
      }
      ++c.abandoned;
      c.abandon_wait_sum += static_cast<double>(abs_t(end) - arrival);
    }
    ++c.offered_by_queue[f[4]];
    c.last_arrival = std::max(c.last_arrival, arrival);
    if (f[2] != "0") c.customers.emplace_back(f[2], arrival, handled, line_no);
  }
  return c;
}

KpiReport anonbank_report(KpiOptions o) {
  std::ifstream in(data_file, std::ios::binary);
  return build_kpi_report(in, data_file, load_mapping(mapping_file), o);
}

double num(const KpiReport& r, std::size_t row, std::string_view column) {
  const auto v = r.rows.at(row).values[r.column(column)];
  INFO(column);
  REQUIRE(v.has_value());
  return *v;
}

}  // namespace

TEST_CASE("anonbank: bad rows stop the run by default, with their lines", "[kpi][anonbank]") {
  if (!have_data()) return;
  try {
    anonbank_report(KpiOptions{});
    FAIL("the bad rows did not stop the run");
  } catch (const wfm::core::InputError& e) {
    const std::string m = e.what();
    CHECK(m.find("112 bad rows (abandoned with an answer time: 83; answer before arrival: 4; "
                 "answered without answer time: 23; queue not allowed: 2)") != std::string::npos);
    // The malformed rows of the source (service type "AA").
    CHECK(m.find("21553") != std::string::npos);
    CHECK(m.find("29008") != std::string::npos);
  }
}

TEST_CASE("anonbank: totals match an independent count", "[kpi][anonbank]") {
  if (!have_data()) return;
  const Count c = count_independently();
  // The same rules in awk gave (awk -f count.awk anonbank_1999_01_calls.tsv, rules as above):
  // rows 31599 phantom 240 no-arrival 19 AGENT + 1196 HANG, bad 112, handled 27014, abandoned
  // 3018, within 20 s 16548, wait sum 930715 s, talk sum 4963513 s, abandon wait 182093 s,
  // 19 answers clamped.
  CHECK(c.rows == 31599);
  CHECK(c.phantom == 240);
  CHECK(c.no_arrival == 19 + 1196);
  CHECK(c.bad == 112);
  CHECK(c.handled == 27014);
  CHECK(c.abandoned == 3018);
  CHECK(c.within20 == 16548);
  CHECK(c.wait_sum == 930715);
  CHECK(c.talk_sum == 4963513);
  CHECK(c.abandon_wait_sum == 182093);
  CHECK(c.clamped == 19);

  KpiOptions o;
  o.skip_bad_rows = true;
  o.fcr_method = FcrMethod::repeat;
  const auto r = anonbank_report(o);
  CHECK(r.read.rows == static_cast<std::size_t>(c.rows));
  CHECK(r.read.bad_rows == static_cast<std::size_t>(c.bad));
  std::set<long> lines;
  for (const auto& b : r.read.bad) lines.insert(static_cast<long>(b.line));
  CHECK(lines == c.bad_lines);
  CHECK(r.read.excluded.at("outcome PHANTOM") == static_cast<std::size_t>(c.phantom));
  CHECK(r.read.excluded_rows() == static_cast<std::size_t>(c.phantom + c.no_arrival));
  CHECK(r.read.clamped_answers == static_cast<std::size_t>(c.clamped));
  CHECK(num(r, 0, "offered") == double(c.handled + c.abandoned));
  CHECK(num(r, 0, "handled") == double(c.handled));
  CHECK(num(r, 0, "abandoned") == double(c.abandoned));
  CHECK(num(r, 0, "answered_within_threshold") == double(c.within20));
  CHECK(num(r, 0, "service_level") == Approx(double(c.within20) / double(c.handled + c.abandoned)));
  CHECK(num(r, 0, "asa_s") == Approx(c.wait_sum / double(c.handled)));
  CHECK(num(r, 0, "aht_s") == Approx(c.talk_sum / double(c.handled)));
  CHECK(num(r, 0, "avg_abandon_wait_s") == Approx(c.abandon_wait_sum / double(c.abandoned)));
  CHECK_FALSE(r.rows[0].values[r.column("hold_s")].has_value());  // no hold in the source
  CHECK_FALSE(r.rows[0].values[r.column("transfer_rate")].has_value());
  CHECK_FALSE(r.rows[0].values[r.column("csat")].has_value());

  // Repeat contacts within 24 h, by brute force over the identified customers.
  auto calls = c.customers;
  std::sort(calls.begin(), calls.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
    if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a) < std::get<1>(b);
    return std::get<3>(a) < std::get<3>(b);
  });
  long eligible = 0, repeated = 0;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    if (!std::get<2>(calls[i])) continue;
    ++eligible;
    if (i + 1 < calls.size() && std::get<0>(calls[i + 1]) == std::get<0>(calls[i]) &&
        std::get<1>(calls[i + 1]) - std::get<1>(calls[i]) <= 86400) {
      ++repeated;
    }
  }
  CHECK(num(r, 0, "fcr_contacts") == double(eligible));
  CHECK(num(r, 0, "repeat_rate") == Approx(double(repeated) / double(eligible)));
  CHECK(r.fcr_buffered);  // the file is ordered by line and call id, not by time

  // By queue.
  o.by = {Dimension::queue};
  const auto q = anonbank_report(o);
  REQUIRE(q.rows.size() == c.offered_by_queue.size());
  for (std::size_t i = 0; i < q.rows.size(); ++i) {
    INFO(q.rows[i].keys[0]);
    CHECK(num(q, i, "offered") == double(c.offered_by_queue.at(q.rows[i].keys[0])));
  }
}

TEST_CASE("anonbank: aggregate -> a history wfm staff loads", "[kpi][anonbank]") {
  if (!have_data()) return;
  const Count c = count_independently();
  std::ifstream in(data_file, std::ios::binary);
  std::ostringstream out;
  AggregateOptions o;
  o.interval_s = 1800;
  o.skip_bad_rows = true;
  const auto summary = aggregate_contacts(in, data_file, load_mapping(mapping_file), o, out);
  CHECK(summary.read.contacts == static_cast<std::size_t>(c.handled + c.abandoned));
  std::istringstream history(out.str());
  const auto t = wfm::io::load_interval_table(history, "history.csv");
  CHECK(t.interval_s == 1800);
  REQUIRE(t.queues.size() == c.offered_by_queue.size());
  double offered = 0, handled = 0;
  for (const auto& q : t.queues) {
    double queue_offered = 0;
    for (const auto& iv : q.intervals) {
      queue_offered += iv.offered;
      handled += *iv.handled;
    }
    CHECK(queue_offered == double(c.offered_by_queue.at(q.queue)));
    offered += queue_offered;
    CHECK(q.intervals.size() == 31 * 48);  // every half hour of January
  }
  CHECK(offered == double(c.handled + c.abandoned));
  CHECK(handled == double(c.handled));
}
