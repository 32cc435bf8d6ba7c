// `wfm capacity SCENARIO [--weeks 52]`: a long-range plan, plan::capacity_plan
// (src/wfm/plan/capacity.hpp): week 0's required FTE from the scenario's staffing plan, grown by
// capacity.growth_annual, turned by the capacity planner into the weekly headcount, gap, hiring
// plan and cost. This command writes the weekly CSV (atomic) or prints a table; --json the totals.
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/result_format.hpp"
#include "wfm/capacity/planner.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/plan/capacity.hpp"
#include "wfm/scenario/load.hpp"

namespace wfm::cli {
namespace {

struct CapacityFlags {
  std::string scenario;
  int weeks = -1;  // -1: capacity.weeks
  std::string out;
  bool json = false;
};

void write_csv(std::ostream& out, const capacity::CapacityPlan& p) {
  io::CsvWriter w(out);
  for (const char* h : {"week", "start_date", "required_fte", "productive_start", "attrition",
                        "graduates", "productive_end", "in_training", "hires_decided",
                        "hires_starting_class", "gap", "shortfall", "cost", "cumulative_cost"}) {
    w.field(h);
  }
  w.end_row();
  for (const auto& wk : p.weeks) {
    w.field(std::to_string(wk.week));
    w.field(wk.start_date ? core::format_local_date(*wk.start_date) : std::string{});
    for (double x :
         {wk.required_fte, wk.productive_start, wk.attrition, wk.graduates, wk.productive_end,
          wk.in_training, wk.hires_decided, wk.hires_starting_class, wk.gap}) {
      w.field(io::format_double(x));
    }
    w.field(capacity::to_string(wk.shortfall));
    w.field(io::format_double(wk.cost));
    w.field(io::format_double(wk.cumulative_cost));
    w.end_row();
  }
}

int run_capacity(const CapacityFlags& f) {
  const scenario::Scenario s = scenario::load_scenario(f.scenario);
  const plan::CapacityRun run =
      plan::capacity_plan(s, f.weeks == -1 ? std::nullopt : std::optional<int>(f.weeks));
  const capacity::CapacityPlan& p = run.plan;
  const int weeks = run.weeks;
  const auto& proj = run.projection;
  const auto& required = run.required_fte;
  const auto& params = run.params;
  if (!f.out.empty()) {
    io::AtomicFileWriter file(f.out);
    write_csv(file.stream(), p);
    file.commit();
  }
  const auto& t = p.totals;
  if (f.json) {
    nlohmann::json j{
        {"weeks", weeks},
        {"base_week_fte", proj.base_week_fte},
        {"final_required_fte", required.back()},
        {"starting_headcount", params.starting_headcount},
        {"total_hires", t.hires},
        {"total_attrition", t.attrition},
        {"total_cost", t.cost},
        {"weeks_short", t.weeks_short},
        {"weeks_unavoidable", t.weeks_unavoidable},
        {"weeks_capped", t.weeks_capped},
        {"worst_shortfall", t.worst_shortfall},
        {"worst_week", t.worst_week ? nlohmann::json(*t.worst_week) : nlohmann::json()}};
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  if (f.out.empty()) {
    write_csv(std::cout, p);
    return 0;
  }
  std::cout << format_table(
      {{"scenario", s.name},
       {"weeks", std::to_string(weeks)},
       {"required FTE, week 0", human(proj.base_week_fte, 4)},
       {"required FTE, last week", human(required.back(), 4)},
       {"starting headcount", human(params.starting_headcount, 4)},
       {"hires", human(t.hires, 4)},
       {"weeks short", fmt::format("{} ({} unavoidable, {} capped)", t.weeks_short,
                                   t.weeks_unavoidable, t.weeks_capped)},
       {"worst shortfall (FTE)", human(t.worst_shortfall, 4)},
       {"cost (" + s.cost.currency + ")", human(t.cost)},
       {"plan", f.out}});
  return 0;
}

}  // namespace

void add_capacity_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<CapacityFlags>();
  auto* cmd = app.add_subcommand(
      "capacity",
      "Long-range plan: weekly required FTE (from the scenario's staffing plan, with growth), "
      "headcount after attrition, hiring plan with lead and training time, gap and cost.");
  cmd->add_option("scenario", flags->scenario, "Scenario file (TOML) with a [capacity] table")
      ->required();
  cmd->add_option("--weeks", flags->weeks, "Weeks to plan (default: capacity.weeks)");
  cmd->add_option("--out,-o", flags->out, "Weekly plan CSV (atomic; default: CSV on stdout)");
  cmd->add_flag("--json", flags->json, "Print the totals as JSON");
  cmd->callback([flags, &action] { action = [flags] { return run_capacity(*flags); }; });
}

}  // namespace wfm::cli
