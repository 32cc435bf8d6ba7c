// `wfm resample`: an interval history / demand file re-binned to a coarser interval (5-minute ->
// 30-minute, hour, day), so files of different interval lengths can be compared or a daily
// history made for capacity plans.
//
// The re-binning (bins, sums, weighted AHT, partial bins, refusals) is io::resample
// (src/wfm/io/resample.hpp); this command parses the flags, loads the file, writes the result
// atomically and prints what was dropped. Nothing is written unless the whole file re-binned.
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/contact_flags.hpp"
#include "cli/forecast_flags.hpp"
#include "cli/reader_flags.hpp"
#include "cli/timezone_flag.hpp"
#include "wfm/core/error.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/io/output_paths.hpp"
#include "wfm/io/resample.hpp"

namespace wfm::cli {
namespace {

struct ResampleFlags {
  std::string history;
  ReaderFlags reader;
  std::string interval_length;
  std::string timezone;
  std::string interval;
  std::string gaps = "error";
  std::string sum, mean, drop;
  std::string out;
};

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

int run_resample(const ResampleFlags& f) {
  WFM_REQUIRE(!f.interval.empty(), core::at_flag("--interval"),
              "required: the interval to re-bin to, e.g. 30m, 1h or 1d");
  const int to_s = interval_flag_s(f.interval, "--interval");
  const auto policy = io::parse_gap_policy(f.gaps);
  WFM_REQUIRE(policy.has_value(), core::at_flag("--gaps"), "expected error or allow, got {}",
              io::quote_for_message(f.gaps));
  io::require_distinct_outputs({{f.history, "--history"}}, {{f.out, "--out"}});

  io::ExtraColumns columns;
  if (!f.sum.empty()) columns.sum = split_list(f.sum);
  if (!f.mean.empty()) columns.mean = split_list(f.mean);
  if (!f.drop.empty()) columns.drop = split_list(f.drop);

  // The file's own gaps are recorded (policy allow); --gaps decides about the bins they cut.
  const HistoryFlags load{f.history, f.reader, f.interval_length, "allow", f.timezone};
  const core::IntervalTable table = load_history(load, io::extra_columns_to_load(columns));
  const io::ResampleResult result =
      io::resample(table, to_s, *policy, core::at_flag("--interval"), columns);

  std::ostringstream report;
  report << fmt::format("wfm resample: {} ({} intervals, {} rows, {} queue{}) -> {}: {} rows",
                        f.history, io::interval_text(table.interval_s), table.interval_count(),
                        table.queues.size(), table.queues.size() == 1 ? "" : "s",
                        io::interval_text(to_s), result.table.interval_count());
  report << (f.out.empty() ? "\n" : fmt::format(" written to {}\n", f.out));
  if (!columns.sum.empty()) report << "note: summed (--sum): " << join_names(columns.sum) << "\n";
  if (!columns.mean.empty()) {
    report << "note: mean weighted by handled (--mean): " << join_names(columns.mean) << "\n";
  }
  if (!result.dropped_columns.empty()) {
    report << "note: columns not re-binned (text, or --drop), dropped: "
           << join_names(result.dropped_columns) << "\n";
  }
  if (!result.dropped_bins.empty()) {
    const auto& first = result.dropped_bins.front();
    report << fmt::format(
        "note: {} partial bin{} left out (a gap of the file inside; --gaps allow), the first {}{} "
        "(line {}): {} of {} intervals present\n",
        result.dropped_bins.size(), result.dropped_bins.size() == 1 ? "" : "s",
        core::format_local_time(first.start),
        first.queue.empty() ? "" : fmt::format(" of queue '{}'", first.queue), first.line,
        first.present, first.expected);
  }

  if (f.out.empty()) {
    io::write_interval_table(std::cout, result.table);
    std::cerr << report.str();
  } else {
    io::AtomicFileWriter file(f.out);
    io::write_interval_table(file.stream(), result.table);
    file.commit();
    std::cout << report.str();
  }
  return 0;
}

}  // namespace

void add_resample_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<ResampleFlags>();
  auto* cmd = app.add_subcommand(
      "resample",
      "Re-bin an interval history or demand file to a coarser interval (5m -> 30m, 1h, 1d): "
      "offered, handled and abandoned summed, aht_s weighted by offered, other columns as "
      "--sum, --mean or --drop say (docs/formats.md)");
  cmd->add_option("--history", flags->history,
                  "Interval history / demand CSV to re-bin (required; docs/formats.md)");
  cmd->add_option("--interval", flags->interval,
                  "The interval to re-bin to (required): a whole multiple of the file's that "
                  "divides a day, e.g. 30m, 1h, 1d");
  add_reader_flags(*cmd, flags->reader, "--history");
  add_timezone_flag(*cmd, flags->timezone, "the file's interval starts");
  cmd->add_option("--interval-length", flags->interval_length,
                  "The file's interval length when it cannot be inferred, e.g. 15m");
  cmd->add_option("--gaps", flags->gaps,
                  "A bin with a gap of the file inside (a missing interval while open): error "
                  "(default) or allow (the bin is left out, and counted)");
  cmd->add_option("--sum", flags->sum,
                  "Other columns to re-bin as counts (summed), comma-separated, e.g. "
                  "answered_in_sl");
  cmd->add_option("--mean", flags->mean,
                  "Other columns to re-bin as times per handled call (mean weighted by handled), "
                  "comma-separated, e.g. asa_s,talk_s");
  cmd->add_option("--drop", flags->drop,
                  "Other columns of numbers to leave out, comma-separated (a column of numbers "
                  "given none of --sum, --mean, --drop is an error; text columns are dropped)");
  cmd->add_option("--out,-o", flags->out,
                  "Interval CSV to write (atomically); default stdout, with the report on stderr");
  cmd->callback([flags, &action] { action = [flags] { return run_resample(*flags); }; });
}

}  // namespace wfm::cli
