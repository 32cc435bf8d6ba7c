// `wfm whatif SCENARIO --vary volume=-10%,0,+10% --vary aht=+0s,+15s ...`: the scenario's
// forecast staffed under every combination of changes (plan/whatif.hpp), compared with the base:
// a table on stdout and whatif.csv, whatif.md and whatif.html (heat map) in the output directory,
// all committed together.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "wfm/io/atomic_file.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/pipeline/outputs.hpp"
#include "wfm/plan/outputs.hpp"
#include "wfm/plan/plan.hpp"
#include "wfm/plan/whatif.hpp"
#include "wfm/report/whatif_report.hpp"
#include "wfm/scenario/load.hpp"

namespace wfm::cli {
namespace {

struct WhatifFlags {
  std::string scenario;
  std::vector<std::string> vary;
  std::string out;
  bool simulate = false;
  bool json = false;
};

report::WhatifMetrics metrics_of(const plan::Totals& t) {
  return {t.fte, t.scheduled_hours, t.cost, t.service_level, t.asa_s, t.abandon_rate, t.occupancy};
}

std::string opt(const std::optional<double>& x, int digits = 4) {
  return x ? fmt::format("{:.{}f}", *x, digits) : std::string{};
}

int run_whatif(const WhatifFlags& f) {
  const scenario::Scenario s = scenario::load_scenario(f.scenario);
  std::vector<plan::Dimension> dims;
  for (const auto& v : f.vary) dims.push_back(plan::parse_dimension(v));
  WFM_REQUIRE(!dims.empty(), core::at_flag("--vary"),
              "give at least one --vary NAME=V1,V2,... (volume, aht, sl, shrinkage, patience)");
  const auto variants = plan::grid(dims);
  const core::ForecastTable demand = plan::scenario_demand(s);
  const plan::WhatifRun run = plan::run_whatif(demand, s, variants, f.simulate);

  report::WhatifReportData data;
  data.title = "What-if comparison: " + s.name;
  data.assumptions = plan::assumptions(s, nullptr);
  data.currency = s.cost.per_agent_hour ? s.cost.currency : std::string{};
  data.sl_target = s.targets.service_level;
  for (const auto& d : dims) data.dimensions.push_back({d.name, d.labels});
  const auto base = metrics_of(run.base.overall);
  data.rows.push_back({data.base_name,
                       std::vector<std::string>(dims.size(), "base"),
                       base,
                       {},
                       run.base.overall.infeasible == 0});
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const auto& p = run.variants[i];
    data.rows.push_back({variants[i].label,
                         variants[i].values,
                         metrics_of(p.overall),
                         {},
                         p.overall.infeasible == 0});
  }

  const std::filesystem::path dir =
      f.out.empty() ? std::filesystem::path(s.outputs.dir) : std::filesystem::path(f.out);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  WFM_REQUIRE(!ec, core::at_flag("--out"), "cannot create the output directory {}: {}",
              dir.string(), ec.message());
  io::AtomicFileWriter csv(dir / "whatif.csv"), md(dir / "whatif.md"), html(dir / "whatif.html");
  io::CsvWriter w(csv.stream());
  w.field("variant");
  for (const auto& d : dims) w.field(d.name);
  const char* cols[] = {"fte",
                        "scheduled_agent_hours",
                        "cost",
                        "service_level",
                        "asa_s",
                        "abandon_rate",
                        "occupancy",
                        "simulated_service_level",
                        "infeasible_intervals",
                        "delta_fte",
                        "delta_scheduled_agent_hours",
                        "delta_cost",
                        "delta_service_level"};
  for (const char* c : cols) w.field(c);
  w.end_row();
  md.stream() << "| variant | FTE | scheduled agent-hours | cost | SL | ASA (s) | abandonment | "
                 "occupancy | "
                 "ΔFTE | Δcost |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  const auto write_row = [&](const std::string& label, const std::vector<std::string>& values,
                             const plan::Totals& t) {
    w.field(label);
    for (const auto& v : values) w.field(v);
    const auto dcost = t.cost && run.base.overall.cost
                           ? std::optional<double>(*t.cost - *run.base.overall.cost)
                           : std::nullopt;
    for (const auto& v :
         {io::format_double(t.fte), io::format_double(t.scheduled_hours),
          t.cost ? io::format_double(*t.cost) : std::string{}, io::format_double(t.service_level),
          io::format_double(t.asa_s), io::format_double(t.abandon_rate),
          io::format_double(t.occupancy),
          t.simulated_sl ? io::format_double(*t.simulated_sl) : std::string{},
          std::to_string(t.infeasible), io::format_double(t.fte - run.base.overall.fte),
          io::format_double(t.scheduled_hours - run.base.overall.scheduled_hours),
          dcost ? io::format_double(*dcost) : std::string{},
          io::format_double(t.service_level - run.base.overall.service_level)}) {
      w.field(v);
    }
    w.end_row();
    md.stream() << fmt::format(
        "| {} | {:.2f} | {:.1f} | {} | {:.3f} | {:.1f} | {:.3f} | {:.3f} | {:+.2f} | {} |\n", label,
        t.fte, t.scheduled_hours, opt(t.cost, 0), t.service_level, t.asa_s, t.abandon_rate,
        t.occupancy, t.fte - run.base.overall.fte,
        dcost ? fmt::format("{:+.0f}", *dcost) : std::string{});
  };
  write_row("base", std::vector<std::string>(dims.size(), "base"), run.base.overall);
  for (std::size_t k = 0; k < variants.size(); ++k) {
    write_row(variants[k].label, variants[k].values, run.variants[k].overall);
  }
  html.stream() << report::render_whatif_report(data);
  io::AtomicFileWriter* const files[] = {&csv, &md, &html};
  io::commit_all(files);
  if (f.json) {
    nlohmann::json j;
    j["base"] = pipeline::totals_json(run.base.overall);
    j["variants"] = nlohmann::json::array();
    for (std::size_t k = 0; k < variants.size(); ++k) {
      auto v = pipeline::totals_json(run.variants[k].overall);
      v["variant"] = variants[k].label;
      j["variants"].push_back(std::move(v));
    }
    std::cout << j.dump(2) << "\n";
  } else {
    std::ifstream in(dir / "whatif.md");
    std::cout << in.rdbuf();
    std::cout << fmt::format("\n{} variants; whatif.csv, whatif.md and whatif.html in {}\n",
                             variants.size(), dir.string());
  }
  return 0;
}

}  // namespace

void add_whatif_command(CLI::App& app, Action& action) {
  auto flags = std::make_shared<WhatifFlags>();
  auto* cmd = app.add_subcommand(
      "whatif",
      "Staff a scenario's forecast under every combination of changes and compare with the base "
      "(whatif.csv, whatif.md, whatif.html with a heat map).");
  cmd->add_option("scenario", flags->scenario, "Scenario file (TOML)")->required();
  cmd->add_option("--vary", flags->vary,
                  "NAME=V1,V2,... with NAME volume (+10%), aht (+15s), sl (90/20), shrinkage "
                  "(0.35), patience (90s); repeat for a grid")
      ->take_all();
  cmd->add_flag("--simulate", flags->simulate, "Also simulate every variant's plan");
  cmd->add_option("--out,-o", flags->out, "Output directory (default: the scenario's outputs.dir)");
  cmd->add_flag("--json", flags->json, "Print the comparison as JSON");
  cmd->callback([flags, &action] { action = [flags] { return run_whatif(*flags); }; });
}

}  // namespace wfm::cli
