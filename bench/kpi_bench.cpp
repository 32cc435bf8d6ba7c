// KPI reporting throughput and memory: streams a contact-record CSV through wfm::kpi (the same
// code as `wfm kpi` / `wfm aggregate`) and reports records/s, MB/s and peak RSS (VmHWM).
//
//   wfm_kpi_bench --generate 10000000 --out contacts.csv [--seed 1] [--customers 2000000]
//                 [--days 30]
//   wfm_kpi_bench --file contacts.csv [--mode kpi|aggregate|read] [--by day,queue]
//                 [--fcr-window 86400] [--fcr-method both|repeat|flag] [--reorder-slack 14400]
//
// The generator writes the generic format (docs/formats.md, "Contact records") in arrival order:
// about 105 bytes a row, 4 queues, 400 agents, --days days from 2024-03-04 (07:00-21:00), 85%
// answered (10% of those transferred, 20% with a survey), 12% abandoned, 3% blocked; customers
// drawn uniformly from --customers ids (at 10 M rows in 30 days about 15% of handled contacts are
// repeated within 24 h). Memory depends on the contacts per FCR window, not on the file's length:
// compare 1 M rows in 30 days with 10 M rows in 300 days. Mode
// `read` only splits the CSV (the floor any reader pays); `kpi` builds the full report (every
// KPI, repeat tracking included); `aggregate` builds the 15-minute history.
// Output: key: value lines (bench/RESULTS.md records them).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "wfm/io/csv_reader.hpp"
#include "wfm/kpi/aggregate.hpp"
#include "wfm/kpi/report.hpp"

namespace {

using wfm::kpi::TimeMs;

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// "2024-03-04T08:05:09" into buf (19 chars and a NUL; buf holds 32).
void write_time(char* buf, TimeMs t) {
  const std::int64_t s = t / 1000;
  const std::int64_t days = s / 86400;
  const int sod = static_cast<int>(s % 86400);
  // civil_from_days (Howard Hinnant).
  const std::int64_t z = days + 719468;
  const std::int64_t era = z / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2 ? 1 : 0);
  const auto put = [](char* p, unsigned v, int width) {
    for (int k = width - 1; k >= 0; --k, v /= 10) p[k] = static_cast<char>('0' + v % 10);
  };
  put(buf, static_cast<unsigned>(y), 4);
  buf[4] = '-';
  put(buf + 5, m, 2);
  buf[7] = '-';
  put(buf + 8, d, 2);
  buf[10] = 'T';
  put(buf + 11, static_cast<unsigned>(sod / 3600), 2);
  buf[13] = ':';
  put(buf + 14, static_cast<unsigned>(sod / 60 % 60), 2);
  buf[16] = ':';
  put(buf + 17, static_cast<unsigned>(sod % 60), 2);
  buf[19] = '\0';
}

int generate(std::size_t n, const std::string& out_path, std::uint64_t seed, std::size_t customers,
             int days) {
  std::ofstream out(out_path, std::ios::binary);
  if (!out) {
    std::cerr << "cannot write " << out_path << "\n";
    return 2;
  }
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::uniform_int_distribution<std::size_t> customer(1, customers);
  std::uniform_int_distribution<int> agent(1, 400);
  const char* queues[] = {"sales", "support", "billing", "retention"};
  const double day0 = 19786.0;  // 2024-03-04
  const double open_s = 14 * 3600.0;
  const double per_day = static_cast<double>(n) / days;
  std::string buf;
  buf.reserve(1 << 20);
  buf +=
      "contact_id,queue,customer_id,arrival,answer,end,outcome,talk_s,hold_s,acw_s,agent,csat,"
      "nps,resolved\n";
  char a[32], b[32], c[32];
  std::exponential_distribution<double> gap(per_day / open_s);
  std::exponential_distribution<double> talk(1.0 / 240), wait(1.0 / 25), patience(1.0 / 60);
  double t_in_day = 0;
  int day = 0;
  for (std::size_t i = 0; i < n; ++i) {
    t_in_day += gap(rng);
    while (t_in_day >= open_s && day < days - 1) {
      t_in_day -= open_s;
      ++day;
    }
    const TimeMs arrival = static_cast<TimeMs>(
        ((day0 + day) * 86400.0 + 7 * 3600.0 + std::min(t_in_day, open_s - 1)) * 1000.0);
    write_time(a, arrival);
    const double r = u(rng);
    const char* q = queues[i % 7 == 0 ? 3 : i % 5 == 0 ? 2 : i % 2];
    fmt::format_to(std::back_inserter(buf), "{},{},C{},{},", i + 1, q, customer(rng), a);
    if (r < 0.85) {
      const TimeMs w = static_cast<TimeMs>(wait(rng) * 1000);
      const double tk = std::floor(talk(rng)) + 10, hold = r < 0.3 ? 30 : 0,
                   acw = std::floor(u(rng) * 60);
      write_time(b, arrival + w);
      write_time(c, arrival + w + static_cast<TimeMs>((tk + hold) * 1000));
      const bool transferred = r < 0.085;
      fmt::format_to(std::back_inserter(buf), "{},{},{},{},{},{},A{},", b, c,
                     transferred ? "transferred" : "answered", tk, hold, acw, agent(rng));
      if (u(rng) < 0.2) {
        fmt::format_to(std::back_inserter(buf), "{},{},{}\n", 1 + static_cast<int>(u(rng) * 5),
                       static_cast<int>(u(rng) * 11), u(rng) < 0.7 ? "yes" : "no");
      } else {
        buf += ",,\n";
      }
    } else if (r < 0.97) {
      write_time(c, arrival + static_cast<TimeMs>(patience(rng) * 1000));
      fmt::format_to(std::back_inserter(buf), ",{},abandoned,,,,,,,\n", c);
    } else {
      buf += ",,blocked,,,,,,,\n";
    }
    if (buf.size() > (1 << 20) - 256) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  out.close();
  if (!out) {
    std::cerr << "write error on " << out_path << "\n";
    return 2;
  }
  std::cout << "generated: " << n << " rows to " << out_path << "\n";
  return 0;
}

int run(const std::string& path, const std::string& mode, const std::string& by,
        double fcr_window_s, const std::string& fcr_method, double slack_s) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << path << "\n";
    return 2;
  }
  in.seekg(0, std::ios::end);
  const double bytes = static_cast<double>(in.tellg());
  in.seekg(0);
  const auto start = std::chrono::steady_clock::now();
  std::size_t records = 0, rows_out = 0, fcr_held = 0;
  bool buffered = false;
  double checksum = 0;
  if (mode == "read") {
    wfm::io::CsvReader reader(in, path);
    reader.read_header();
    while (reader.next()) {
      ++records;
      checksum += static_cast<double>(reader.field(0).size());
    }
  } else if (mode == "aggregate") {
    std::ostringstream out;
    const auto s = wfm::kpi::aggregate_contacts(in, path, wfm::kpi::default_mapping(), {}, out);
    records = s.read.rows;
    rows_out = s.rows;
    checksum = static_cast<double>(out.str().size());
  } else {
    wfm::kpi::KpiOptions o;
    o.fcr_window_s = fcr_window_s;
    const auto method = wfm::kpi::parse_fcr_method(fcr_method);
    if (!method) {
      std::cerr << "unknown --fcr-method " << fcr_method << "\n";
      return 2;
    }
    o.fcr_method = *method;
    o.reorder_slack_s = slack_s;
    std::size_t pos = 0;
    while (pos <= by.size() && !by.empty()) {
      const auto comma = by.find(',', pos);
      const auto item =
          by.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      const auto d = wfm::kpi::parse_dimension(item);
      if (!d) {
        std::cerr << "unknown --by " << item << "\n";
        return 2;
      }
      o.by.push_back(*d);
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
    const auto report = wfm::kpi::build_kpi_report(in, path, wfm::kpi::default_mapping(), o);
    records = report.read.rows;
    rows_out = report.rows.size();
    fcr_held = report.fcr_peak_held;
    buffered = report.fcr_buffered;
    const auto col = report.column("offered");
    for (const auto& row : report.rows) checksum += row.values[col].value_or(0);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format(
      "mode: {}\nrecords: {}\nbytes: {:.0f}\nseconds: {:.3f}\nrecords_per_s: {:.0f}\n"
      "mb_per_s: {:.1f}\nreport_rows: {}\nfcr_peak_held: {}\nfcr_buffered: {}\nchecksum: {}\n"
      "peak_rss_kib: {}\n",
      mode, records, bytes, seconds, static_cast<double>(records) / seconds, bytes / 1e6 / seconds,
      rows_out, fcr_held, buffered ? "yes" : "no", checksum, peak_rss_kib());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string file, out, mode = "kpi", by = "day,queue", fcr_method = "both";
  std::size_t generate_n = 0, customers = 2'000'000;
  int days = 30;
  std::uint64_t seed = 1;
  double fcr_window_s = 86400, slack_s = 4 * 3600;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--generate")
      generate_n = std::stoull(value());
    else if (a == "--out")
      out = value();
    else if (a == "--seed")
      seed = std::stoull(value());
    else if (a == "--customers")
      customers = std::stoull(value());
    else if (a == "--days")
      days = std::stoi(value());
    else if (a == "--file")
      file = value();
    else if (a == "--mode")
      mode = value();
    else if (a == "--by")
      by = value();
    else if (a == "--fcr-window")
      fcr_window_s = std::stod(value());
    else if (a == "--fcr-method")
      fcr_method = value();
    else if (a == "--reorder-slack")
      slack_s = std::stod(value());
    else {
      std::cerr << "unknown argument " << a << "\n";
      return 2;
    }
  }
  try {
    if (generate_n > 0) return generate(generate_n, out, seed, customers, days);
    if (file.empty()) {
      std::cerr
          << "usage: wfm_kpi_bench --generate N --out F | --file F [--mode kpi|aggregate|read]\n";
      return 2;
    }
    return run(file, mode, by, fcr_window_s, fcr_method, slack_s);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 3;
  }
}
