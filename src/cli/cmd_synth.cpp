// `wfm synth`: writes a synthetic interval history CSV (the format of load_interval_table), for
// demos, tests and benchmarks. A thin layer: flags -> synth::SynthOptions -> generate_history ->
// io::write_interval_table through an AtomicFileWriter (no partial file on failure). Every flag
// value is checked here with a message naming the flag (exit 2 via core::InputError); the model is
// documented in docs/synth.md.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "wfm/core/error.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/interval_csv.hpp"
#include "wfm/io/number.hpp"
#include "wfm/synth/history.hpp"

namespace wfm::cli {
namespace {

using core::InputError;
using core::Location;

struct SynthFlags {
  std::string start = "2024-03-04";
  std::string weeks = "4";
  std::string days;
  std::string interval = "15m";
  std::vector<std::string> queues = {"sales", "support", "billing"};
  std::string seed = "42";
  std::string scale = "1";
  std::string trend = "0.005";
  std::string overdispersion = "0.01";
  std::string weekday_hours = "08:00-20:00";
  std::string saturday_hours = "09:00-14:00";
  std::string sunday_hours = "closed";
  std::string out;
};

Location flag(const char* name) {
  return Location{{}, 0, name};
}

long long parse_whole(const std::string& text, const char* name, long long lo, long long hi) {
  const auto t = io::trim(text);
  long long value = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  const bool ok =
      !t.empty() && ec == std::errc{} && ptr == t.data() + t.size() && value >= lo && value <= hi;
  WFM_REQUIRE(ok, flag(name), "expected a whole number from {} to {}, got {}", lo, hi,
              io::quote_for_message(t));
  return value;
}

std::uint64_t parse_seed(const std::string& text) {
  const auto t = io::trim(text);
  std::uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  WFM_REQUIRE(!t.empty() && ec == std::errc{} && ptr == t.data() + t.size(), flag("--seed"),
              "expected a whole number from 0 to 18446744073709551615, got {}",
              io::quote_for_message(t));
  return value;
}

// "HH:MM" with 00 <= HH <= 24 ("24:00" closes at midnight); minutes after midnight.
std::optional<int> parse_clock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  int hh = 0, mm = 0;
  const auto h = std::from_chars(text.data(), text.data() + 2, hh);
  const auto m = std::from_chars(text.data() + 3, text.data() + 5, mm);
  if (h.ptr != text.data() + 2 || m.ptr != text.data() + 5 || hh < 0 || mm < 0 || mm > 59 ||
      hh > 24 || (hh == 24 && mm != 0)) {
    return std::nullopt;
  }
  return hh * 60 + mm;
}

// "08:00-20:00" or "closed", on the interval grid.
synth::DayHours parse_hours(const std::string& text, const char* name, int interval_s) {
  const auto t = io::trim(text);
  if (t == "closed") return synth::DayHours{};
  const auto dash = t.find('-');
  const auto open = dash == std::string_view::npos ? std::nullopt : parse_clock(t.substr(0, dash));
  const auto close =
      dash == std::string_view::npos ? std::nullopt : parse_clock(t.substr(dash + 1));
  WFM_REQUIRE(open && close && *open < *close, flag(name),
              "expected opening hours like 08:00-20:00 (open before close) or 'closed', got {}",
              io::quote_for_message(t));
  const int grid = interval_s / 60;
  WFM_REQUIRE(*open % grid == 0 && *close % grid == 0, flag(name),
              "opening hours {} are not on the {}-minute interval grid", io::quote_for_message(t),
              grid);
  return synth::DayHours{*open, *close};
}

synth::SynthOptions to_options(const SynthFlags& f) {
  synth::SynthOptions o;
  const auto start = core::parse_local_date(io::trim(f.start));
  WFM_REQUIRE(start.has_value(), flag("--start"), "expected a date like 2024-03-04, got {}",
              io::quote_for_message(io::trim(f.start)));
  o.start = *start;
  o.days = f.days.empty() ? static_cast<int>(parse_whole(f.weeks, "--weeks", 1, 520) * 7)
                          : static_cast<int>(parse_whole(f.days, "--days", 1, 3640));

  const auto interval = core::parse_duration_s(f.interval);
  const bool standard =
      interval && *interval < 86400 &&
      std::find(io::standard_interval_lengths_s.begin(), io::standard_interval_lengths_s.end(),
                *interval) != io::standard_interval_lengths_s.end();
  WFM_REQUIRE(standard, flag("--interval"), "expected one of 5m, 10m, 15m, 30m, 60m, got {}",
              io::quote_for_message(io::trim(f.interval)));
  o.interval_s = static_cast<int>(*interval);

  o.queues.clear();
  for (const auto& name : f.queues) {
    const auto trimmed = std::string(io::trim(name));
    WFM_REQUIRE(!trimmed.empty(), flag("--queues"), "expected queue names, got an empty name");
    for (const auto& q : o.queues) {
      WFM_REQUIRE(q.name != trimmed, flag("--queues"), "queue '{}' is listed twice", trimmed);
    }
    o.queues.push_back(synth::default_profile(trimmed));
  }
  WFM_REQUIRE(!o.queues.empty(), flag("--queues"), "expected at least one queue name");

  o.seed = parse_seed(f.seed);
  o.scale = io::parse_number(f.scale, flag("--scale"), io::NumberRange::positive);
  WFM_REQUIRE(o.scale <= 1000, flag("--scale"), "expected a number > 0 and <= 1000, got {}",
              io::quote_for_message(io::trim(f.scale)));
  o.trend_per_week = io::parse_number(f.trend, flag("--trend"));
  WFM_REQUIRE(o.trend_per_week > -0.5 && o.trend_per_week <= 1, flag("--trend"),
              "expected a weekly growth rate > -0.5 and <= 1 (0.005 = +0.5 %/week), got {}",
              io::quote_for_message(io::trim(f.trend)));
  o.overdispersion =
      io::parse_number(f.overdispersion, flag("--overdispersion"), io::NumberRange::non_negative);
  WFM_REQUIRE(o.overdispersion <= 1, flag("--overdispersion"),
              "expected a number >= 0 and <= 1, got {}",
              io::quote_for_message(io::trim(f.overdispersion)));

  const auto weekday = parse_hours(f.weekday_hours, "--weekday-hours", o.interval_s);
  for (std::size_t d = 0; d < 5; ++d) o.hours[d] = weekday;
  o.hours[5] = parse_hours(f.saturday_hours, "--saturday-hours", o.interval_s);
  o.hours[6] = parse_hours(f.sunday_hours, "--sunday-hours", o.interval_s);
  bool any_open = false;
  for (const auto& h : o.hours) any_open = any_open || h.is_open();
  WFM_REQUIRE(any_open, flag("--weekday-hours"), "every day is closed: nothing to generate");
  return o;
}

int run_synth(const SynthFlags& flags) {
  WFM_REQUIRE(!flags.out.empty(), flag("--out"), "expected an output file name (or - for stdout)");
  const auto options = to_options(flags);
  const auto table = synth::generate_history(options);
  if (flags.out == "-") {
    io::write_interval_table(std::cout, table);
    std::cout.flush();
  } else {
    io::AtomicFileWriter writer(flags.out);
    io::write_interval_table(writer.stream(), table);
    writer.commit();
  }
  std::cerr << fmt::format(
      "wfm synth: wrote {} intervals ({} queue{}, {} days from {}, {}-minute intervals, seed {}) "
      "to {}\n",
      table.interval_count(), table.queues.size(), table.queues.size() == 1 ? "" : "s",
      options.days, core::format_local_date(options.start), options.interval_s / 60, options.seed,
      flags.out == "-" ? "stdout" : flags.out);
  return 0;
}

}  // namespace

void add_synth_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<SynthFlags>();
  auto* cmd = app.add_subcommand(
      "synth",
      "Generate a synthetic contact-center interval history as CSV (interval_start, queue, "
      "offered, aht_s, handled, abandoned), deterministic for a seed. Model: docs/synth.md.");
  cmd->add_option("--out,-o", flags->out,
                  "Output CSV file, written atomically (no partial file on failure); - for stdout")
      ->type_name("FILE")
      ->required();
  cmd->add_option("--start", flags->start, "First day")->type_name("DATE")->capture_default_str();
  auto* weeks = cmd->add_option("--weeks", flags->weeks, "Number of weeks to generate (1-520)")
                    ->type_name("N")
                    ->capture_default_str();
  cmd->add_option("--days", flags->days, "Number of days, instead of --weeks (1-3640)")
      ->type_name("N")
      ->excludes(weeks);
  cmd->add_option("--interval", flags->interval,
                  "Interval length: 5m, 10m, 15m, 30m or 60m (or in seconds: 900)")
      ->type_name("DURATION")
      ->capture_default_str();
  cmd->add_option("--queues", flags->queues,
                  "Comma-separated queue names; sales, support and billing have built-in profiles, "
                  "other names a generic one (1000 calls/day, AHT 360 s)")
      ->type_name("LIST")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--seed", flags->seed, "Random seed; the same seed gives the same file")
      ->type_name("N")
      ->capture_default_str();
  cmd->add_option("--scale", flags->scale, "Multiplies every queue's call volume (0-1000]")
      ->type_name("X")
      ->capture_default_str();
  cmd->add_option("--trend", flags->trend, "Volume growth per week (0.005 = +0.5 %/week)")
      ->type_name("X")
      ->capture_default_str();
  cmd->add_option("--overdispersion", flags->overdispersion,
                  "Extra interval noise: variance = mean + PHI * mean^2 (0 = Poisson, max 1)")
      ->type_name("PHI")
      ->capture_default_str();
  cmd->add_option("--weekday-hours", flags->weekday_hours,
                  "Monday-Friday opening hours, HH:MM-HH:MM (on the interval grid) or closed")
      ->type_name("HOURS")
      ->capture_default_str();
  cmd->add_option("--saturday-hours", flags->saturday_hours,
                  "Saturday opening hours, HH:MM-HH:MM or closed")
      ->type_name("HOURS")
      ->capture_default_str();
  cmd->add_option("--sunday-hours", flags->sunday_hours,
                  "Sunday opening hours, HH:MM-HH:MM or closed")
      ->type_name("HOURS")
      ->capture_default_str();
  cmd->callback([&action, flags] { action = [flags] { return run_synth(*flags); }; });
}

}  // namespace wfm::cli
