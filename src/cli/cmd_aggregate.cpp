// `wfm aggregate`: contact records -> the interval history (interval_start, queue, offered,
// aht_s, handled, abandoned, ...) that wfm forecast and wfm staff read, so a planner goes from an
// ACD export to a staffing plan in two commands:
//   wfm aggregate --contacts export.tsv --mapping data/mappings/anonbank.toml --out history.csv
//   wfm staff --demand history.csv --sl 80% --threshold 20s --out plan.csv
// The table is built in memory (per queue and interval) and written atomically.
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/contact_flags.hpp"
#include "cli/staffing_flags.hpp"
#include "cli/timezone_flag.hpp"
#include "wfm/core/error.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/number.hpp"
#include "wfm/kpi/aggregate.hpp"
#include "wfm/kpi/report.hpp"

namespace wfm::cli {

namespace {

struct AggregateFlags {
  std::string contacts;
  std::string mapping;
  std::string interval = "15m";
  std::string aht_parts = "talk,hold,acw";
  std::string empty_intervals = "zero";
  std::string out;
  std::string timezone;
  bool skip_bad_rows = false;
  bool drop_duplicates = false;
};

int run_aggregate(const AggregateFlags& f) {
  WFM_REQUIRE(!f.out.empty(), core::at_flag("--out"), "required: the interval history to write");
  kpi::AggregateOptions o;
  o.interval_s = interval_flag_s(f.interval, "--interval");
  o.aht = parse_aht_parts(f.aht_parts, "--aht-parts");
  WFM_REQUIRE(f.empty_intervals == "zero" || f.empty_intervals == "omit",
              core::at_flag("--empty-intervals"), "expected zero or omit, got {}",
              io::quote_for_message(f.empty_intervals));
  o.fill_empty_intervals = f.empty_intervals == "zero";
  o.skip_bad_rows = f.skip_bad_rows;
  o.drop_duplicates = f.drop_duplicates;
  kpi::ContactMapping mapping = load_contact_mapping(f.mapping);
  if (auto zone = parse_timezone_flag(f.timezone)) mapping.time_zone = std::move(zone);
  std::ifstream in = open_input(f.contacts, "--contacts");
  io::AtomicFileWriter file(f.out);
  const auto summary = kpi::aggregate_contacts(in, f.contacts, mapping, o, file.stream());
  file.commit();
  const auto& st = summary.read;
  std::cout << "wfm aggregate: " << st.rows << " rows of " << f.contacts << ": " << st.contacts
            << " contacts";
  if (st.excluded_rows() > 0) {
    std::cout << ", " << st.excluded_rows() << " excluded by the mapping (";
    bool first = true;
    for (const auto& [reason, n] : st.excluded) {
      std::cout << (first ? "" : "; ") << reason << ": " << n;
      first = false;
    }
    std::cout << ")";
  }
  if (st.bad_rows > 0) std::cout << ", " << st.bad_rows << " bad rows skipped";
  std::cout << "\n";
  std::cout << "wrote " << summary.rows << " intervals (" << summary.queues << " queues, "
            << summary.first_interval << " to " << summary.last_interval << ") to " << f.out
            << "\n";
  if (summary.aht_filled > 0) {
    std::cout << "note: " << summary.aht_filled
              << " intervals had contacts but no handle time of their own; their aht_s is the "
                 "queue's mean (aht_filled = 1)\n";
  }
  if (const auto d = kpi::describe_duplicates(st); !d.empty()) {
    std::cerr << "wfm aggregate: WARNING: " << d << "\n";
  }
  if (st.bad_rows > 0) {
    std::cerr << "wfm aggregate: warning: skipped " << st.bad_rows << " bad rows:\n"
              << kpi::describe_bad_rows(st, f.contacts) << "\n";
  }
  return 0;
}

}  // namespace

void add_aggregate_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<AggregateFlags>();
  auto* cmd = app.add_subcommand(
      "aggregate",
      "Contact records -> interval history (interval_start, queue, offered, aht_s, handled, "
      "abandoned, ...) for wfm staff and wfm forecast.");
  cmd->add_option("--contacts", flags->contacts, "Contact records CSV (required)");
  cmd->add_option("--mapping", flags->mapping,
                  "Mapping file (TOML) for the export's columns, times and codes");
  cmd->add_option("--interval", flags->interval, "Interval length (default 15m)");
  cmd->add_option("--aht-parts", flags->aht_parts,
                  "What aht_s includes: a list of talk, hold, acw (default all three)");
  cmd->add_option("--empty-intervals", flags->empty_intervals,
                  "zero (default: intervals without contacts are written as 0 over each queue's "
                  "days) or omit");
  cmd->add_option("--out,-o", flags->out, "Interval history CSV to write (required; atomically)");
  add_timezone_flag(*cmd, flags->timezone,
                    "the contact times, for waits across daylight-saving changes (overrides the "
                    "mapping's format.timezone)");
  cmd->add_flag("--drop-duplicates", flags->drop_duplicates,
                "Count only the first row of each contact id (duplicates are reported either way)");
  cmd->add_flag("--skip-bad-rows", flags->skip_bad_rows,
                "Aggregate without rows that cannot be read (counted and listed)");
  cmd->callback([flags, &action] { action = [flags] { return run_aggregate(*flags); }; });
}

}  // namespace wfm::cli
