#include "wfm/plan/whatif.hpp"

#include "wfm/core/error.hpp"
#include "wfm/core/parallel.hpp"
#include "wfm/core/time.hpp"
#include "wfm/io/number.hpp"

namespace wfm::plan {

namespace {

const core::Location kWhere = core::at_flag("--vary");

// "+15s" / "-10s" / "0": signed duration in seconds.
double signed_duration(std::string_view v) {
  double sign = 1;
  if (!v.empty() && (v.front() == '+' || v.front() == '-')) {
    sign = v.front() == '-' ? -1 : 1;
    v.remove_prefix(1);
  }
  const auto d = core::parse_duration_s(v);
  WFM_REQUIRE(d.has_value(), kWhere, "expected a signed duration like +15s or -10s, got '{}'", v);
  return sign * *d;
}

// "30%" -> 0.3, "0.3" -> 0.3; `percent_only` for volume changes ("+10%").
double fraction(std::string_view v, bool percent) {
  const bool pct = !v.empty() && v.back() == '%';
  if (pct) v.remove_suffix(1);
  if (!v.empty() && v.front() == '+') v.remove_prefix(1);
  const auto x = io::parse_double(v);
  WFM_REQUIRE(x.has_value(), kWhere, "expected a number{}, got '{}'", percent ? " or percent" : "",
              v);
  return pct || percent ? *x / 100 : *x;
}

}  // namespace

Dimension parse_dimension(std::string_view text) {
  const auto eq = text.find('=');
  WFM_REQUIRE(eq != std::string_view::npos && eq > 0 && eq + 1 < text.size(), kWhere,
              "expected NAME=V1,V2,... (e.g. volume=-10%,0,+10%), got '{}'", text);
  Dimension d;
  d.name = std::string(io::trim(text.substr(0, eq)));
  std::string_view rest = text.substr(eq + 1);
  while (true) {
    const auto comma = rest.find(',');
    const auto v = io::trim(rest.substr(0, comma));
    WFM_REQUIRE(!v.empty(), kWhere, "empty value in '{}'", text);
    Variant c;
    if (d.name == "volume") {
      c.volume_factor = 1 + fraction(v, true);
      WFM_REQUIRE(c.volume_factor > 0, kWhere, "volume change {} leaves no calls", v);
    } else if (d.name == "aht") {
      c.aht_delta_s = signed_duration(v);
    } else if (d.name == "sl") {
      const auto slash = v.find('/');
      WFM_REQUIRE(slash != std::string_view::npos, kWhere,
                  "expected a target X/T like 80/20 (80% in 20 s), got '{}'", v);
      double x = fraction(v.substr(0, slash), false);
      if (x > 1) x /= 100;  // "80/20" means 80%
      const auto t = core::parse_duration_s(v.substr(slash + 1));
      WFM_REQUIRE(x > 0 && x < 1 && t.has_value(), kWhere,
                  "expected a target X/T like 80/20 (80% in 20 s), got '{}'", v);
      c.service_level = x;
      c.threshold_s = *t;
    } else if (d.name == "shrinkage") {
      const double s = fraction(v, false);
      WFM_REQUIRE(s >= 0 && s < 1, kWhere, "expected a shrinkage in [0, 1), got '{}'", v);
      c.shrinkage = s;
    } else if (d.name == "patience") {
      const auto p = core::parse_duration_s(v);
      WFM_REQUIRE(p.has_value() && *p > 0, kWhere, "expected a patience like 90s, got '{}'", v);
      c.patience_s = *p;
    } else {
      throw core::InputError(kWhere, "unknown dimension '" + d.name +
                                         "': expected volume, aht, sl, shrinkage or patience");
    }
    d.labels.emplace_back(v);
    d.changes.push_back(c);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return d;
}

std::vector<Variant> grid(const std::vector<Dimension>& dims) {
  std::vector<Variant> out{Variant{}};
  out.front().label.clear();
  for (const auto& d : dims) {
    std::vector<Variant> next;
    for (const auto& v : out) {
      for (std::size_t i = 0; i < d.changes.size(); ++i) {
        Variant n = v;
        const Variant& c = d.changes[i];
        n.volume_factor *= c.volume_factor;
        n.aht_delta_s += c.aht_delta_s;
        if (c.service_level) n.service_level = c.service_level;
        if (c.threshold_s) n.threshold_s = c.threshold_s;
        if (c.shrinkage) n.shrinkage = c.shrinkage;
        if (c.patience_s) n.patience_s = c.patience_s;
        n.label += (n.label.empty() ? "" : " ") + d.name + "=" + d.labels[i];
        n.values.push_back(d.labels[i]);
        next.push_back(std::move(n));
      }
    }
    out = std::move(next);
  }
  return out;
}

WhatifRun run_whatif(const core::ForecastTable& demand, const scenario::Scenario& s,
                     const std::vector<Variant>& variants, bool simulate) {
  WhatifRun r;
  r.variants.resize(variants.size());
  std::vector<Variant> all = variants;
  all.push_back(Variant{});  // the base, last
  std::vector<PlanResult> results(all.size());
  core::parallel_for(0, all.size(), [&](std::size_t i) {
    results[i] = staff_plan(demand, s, all[i]);
    if (simulate) simulate_plan(results[i], s, all[i]);
  });
  r.base = std::move(results.back());
  results.pop_back();
  r.variants = std::move(results);
  return r;
}

}  // namespace wfm::plan
