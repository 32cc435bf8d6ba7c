// The what-if comparison report (`wfm whatif`): one self-contained HTML page comparing a grid of
// scenario variants against the base, from plain data the caller has computed.
//
// Page: title, warnings, the base assumptions, a heat map of one metric (FTE or cost) and the full
// comparison table (every metric with its delta against the base; service levels below the target
// in red). The heat map puts the first varied dimension down the rows and the second across the
// columns, one map per combination of any further dimensions (all maps share one color scale);
// with one dimension it is a single colored column; with none it is left out. All text is escaped;
// missing or non-finite numbers show as an en dash. Tested in
// tests/unit/report/whatif_report_test.cpp and in a real browser by
// tests/browser/report_browser_test.sh.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wfm::report {

// The varied dimension and its values in grid order, e.g. {"volume", {"-10%", "0", "+10%"}}.
struct WhatifDimension {
  std::string name;
  std::vector<std::string> values;
};

// Results of one variant (or the change against the base). Rates are fractions.
struct WhatifMetrics {
  double fte = 0;
  double agent_hours = 0;
  std::optional<double> cost;
  std::optional<double> sl;
  std::optional<double> asa_s;
  std::optional<double> abandonment;
  std::optional<double> occupancy;
};

struct WhatifRow {
  std::string label;                // e.g. "volume=+10% aht=+15s"
  std::vector<std::string> values;  // one per WhatifReportData::dimensions, same order
  WhatifMetrics metrics;
  std::optional<WhatifMetrics> delta;  // vs base; nullopt: computed from the base row
  bool feasible = true;                // false: some interval could not meet the targets
};

enum class HeatMetric { fte, cost };

struct WhatifReportData {
  std::string title = "What-if comparison";
  std::string generated_at;
  std::string base_name = "base";  // the label of the base row in `rows`
  std::vector<std::pair<std::string, std::string>> assumptions;  // of the base scenario
  std::vector<std::string> warnings;
  std::string currency;             // prefix for costs; empty: none
  std::optional<double> sl_target;  // fraction; SL below it is flagged
  std::vector<WhatifDimension> dimensions;
  std::vector<WhatifRow> rows;               // in grid order; the base row among them
  HeatMetric heat_metric = HeatMetric::fte;  // cost falls back to FTE when no row has a cost
};

std::string render_whatif_report(const WhatifReportData& data);

// The heat map(s) alone (empty string when there is no dimension or no row).
std::string render_whatif_heat_map(const WhatifReportData& data);

}  // namespace wfm::report
