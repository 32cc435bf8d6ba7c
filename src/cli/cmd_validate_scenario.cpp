// `wfm validate-scenario FILE`: checks a scenario file (and its bases) without running it, and
// that the files it names exist and can be opened (without reading them). Prints a short summary
// of the effective settings (exit 0); `--explain` prints every setting after inheritance with the
// file and line it came from, `--json` the same as JSON. Any error: exit 2 with the message naming
// file, line and key (core::InputError from scenario::load_scenario / check_files).
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "wfm/core/time.hpp"
#include "wfm/scenario/explain.hpp"
#include "wfm/scenario/load.hpp"

namespace wfm::cli {
namespace {

struct ValidateScenarioFlags {
  std::string file;
  bool json = false;
  bool explain = false;
};

std::string percent(double fraction) {
  return fmt::format("{:g}%", fraction * 100);
}

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& i : items) out += fmt::format("{}{}", out.empty() ? "" : sep, i);
  return out;
}

std::string hours_text(const scenario::DayHours& h) {
  if (!h.is_open()) return "closed";
  return fmt::format("{:02}:{:02}-{:02}:{:02}", h.open_min / 60, h.open_min % 60, h.close_min / 60,
                     h.close_min % 60);
}

// "Mon-Fri 08:00-20:00, Sat 09:00-14:00, Sun closed": runs of days with the same hours.
std::string week_text(const scenario::WeekHours& w) {
  static constexpr std::array<std::string_view, 7> abbrev = {"Mon", "Tue", "Wed", "Thu",
                                                             "Fri", "Sat", "Sun"};
  std::vector<std::string> parts;
  std::size_t d = 0;
  while (d < 7) {
    std::size_t e = d;
    while (e + 1 < 7 && hours_text(w.days[e + 1]) == hours_text(w.days[d])) ++e;
    const std::string days =
        e == d ? std::string(abbrev[d]) : fmt::format("{}-{}", abbrev[d], abbrev[e]);
    parts.push_back(fmt::format("{} {}", days, hours_text(w.days[d])));
    d = e + 1;
  }
  return join(parts);
}

std::string summary(const scenario::Scenario& s) {
  std::string out;
  const auto line = [&](std::string_view label, const std::string& text) {
    out += fmt::format("  {:<12} {}\n", label, text);
  };
  std::vector<std::string> bases(s.files.begin(), s.files.end() - 1);
  out += fmt::format("{}: ok{}\n", s.source,
                     bases.empty() ? "" : fmt::format(" (extends {})", join(bases, " <- ")));
  line("name", s.description.empty() ? s.name : fmt::format("{}: {}", s.name, s.description));
  const auto& src = s.uses_demand() ? s.demand : s.history;
  line(s.uses_demand() ? "demand" : "history",
       fmt::format("{} (queues: {}; gaps: {})", src.file,
                   src.queues.empty() ? std::string("all") : join(src.queues),
                   src.gaps == io::GapPolicy::allow ? "allow" : "error"));
  if (!s.uses_demand()) {
    std::vector<std::string> levels;
    for (double l : s.forecast.levels) levels.push_back(fmt::format("{:g}%", l));
    line("forecast", fmt::format("{}, {} day{} from {}, intervals {}{}{}", s.forecast.method,
                                 s.forecast.horizon_days, s.forecast.horizon_days == 1 ? "" : "s",
                                 s.forecast.start ? core::format_local_date(*s.forecast.start)
                                                  : std::string("the day after the history"),
                                 join(levels),
                                 s.forecast.special_days.empty()
                                     ? std::string()
                                     : fmt::format(", special days {}", s.forecast.special_days),
                                 s.forecast.outliers == scenario::OutlierPolicy::downweight
                                     ? ", outliers downweighted"
                                     : ""));
  }
  line("hours", s.hours ? week_text(*s.hours) : std::string("every interval with demand"));
  line("targets", scenario::targets_text(s.targets));
  for (const auto& [name, q] : s.queues) {
    line("queue", fmt::format("{}: {}", name, scenario::queue_summary(q)));
  }
  const auto& a = s.assumptions;
  std::vector<std::string> assumptions;
  assumptions.push_back(a.aht_s ? fmt::format("AHT {:g}s", *a.aht_s)
                                : std::string("AHT from the data"));
  if (a.aht_adjust_s != 0) assumptions.push_back(fmt::format("AHT {:+g}s", a.aht_adjust_s));
  if (a.volume_factor != 1) assumptions.push_back(fmt::format("volume x{:g}", a.volume_factor));
  if (a.patience_s) assumptions.push_back(fmt::format("patience {:g}s", *a.patience_s));
  line("assumptions", join(assumptions));
  line("staffing",
       fmt::format("{}, plan for {}, shrinkage {}{}", scenario::to_string(s.staffing.method),
                   s.staffing.plan_for_upper
                       ? fmt::format("the upper {:g}% bound", *s.staffing.plan_for_upper)
                       : std::string("the mean"),
                   percent(s.shrinkage.total()),
                   s.shrinkage.total_given ? "" : " (sum of categories)"));
  line("simulation", s.simulation.check ? fmt::format("check the plan, {} replications, seed {}",
                                                      s.simulation.replications, s.simulation.seed)
                                        : std::string("no check"));
  line("cost", s.cost.per_agent_hour
                   ? fmt::format("{:g} {} per agent-hour", *s.cost.per_agent_hour, s.cost.currency)
                   : std::string("not given"));
  const auto& c = s.capacity;
  line("capacity",
       fmt::format("{} weeks, {:g} h per FTE-week, attrition {}/year, growth {}/year", c.weeks,
                   c.hours_per_fte_week, percent(c.attrition_annual), percent(c.growth_annual)));
  line("outputs",
       fmt::format("{}{}", s.outputs.dir, s.outputs.report ? " (with report.html)" : ""));
  return out;
}

int run_validate_scenario(const ValidateScenarioFlags& flags) {
  const auto s = scenario::load_scenario(flags.file);
  scenario::check_files(s);
  if (flags.json) {
    std::cout << scenario::effective_json(s) << "\n";
  } else if (flags.explain) {
    std::cout << scenario::effective_toml(s);
  } else {
    std::cout << summary(s);
  }
  return 0;
}

}  // namespace

void add_validate_scenario_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<ValidateScenarioFlags>();
  auto* cmd = app.add_subcommand(
      "validate-scenario",
      "Check a scenario file (and the files it extends) without running it: every key, type and "
      "range, and that the files it names exist. Format: scenarios/README.md.");
  cmd->add_option("file", flags->file, "Scenario file (TOML)")->type_name("FILE")->required();
  auto* json = cmd->add_flag("--json", flags->json,
                             "Print the effective settings and where each came from as JSON");
  cmd->add_flag("--explain", flags->explain,
                "Print every effective setting (after extends) with the file and line it came "
                "from, as TOML")
      ->excludes(json);
  cmd->callback([&action, flags] { action = [flags] { return run_validate_scenario(*flags); }; });
}

}  // namespace wfm::cli
