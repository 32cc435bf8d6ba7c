#include "wfm/scenario/explain.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <limits>
#include <sstream>

#include "wfm/core/time.hpp"
#include "wfm/staffing/backlog.hpp"

namespace wfm::scenario {
namespace {

std::string seconds(double s) {
  return fmt::format("{:g}s", s);
}

toml::array string_array(const std::vector<std::string>& items) {
  toml::array a;
  for (const auto& i : items) a.push_back(i);
  return a;
}

toml::table source_table(const DataSource& src) {
  toml::table t;
  t.insert("file", src.file);
  if (!src.mapping.empty()) t.insert("mapping", src.mapping);
  if (!src.delimiter.empty()) t.insert("delimiter", src.delimiter);
  if (src.decimal_comma) t.insert("decimal_comma", *src.decimal_comma);
  if (!src.time_format.empty()) t.insert("time_format", src.time_format);
  if (!src.columns.empty()) {
    toml::table c;
    for (const auto& [field, column] : src.columns) c.insert(field, column);
    c.is_inline(true);
    t.insert("columns", std::move(c));
  }
  t.insert("gaps", src.gaps == io::GapPolicy::allow ? "allow" : "error");
  t.insert("queues", string_array(src.queues));
  return t;
}

std::string hours_text(const DayHours& h) {
  if (!h.is_open()) return "closed";
  return fmt::format("{:02}:{:02}-{:02}:{:02}", h.open_min / 60, h.open_min % 60, h.close_min / 60,
                     h.close_min % 60);
}

std::string source_of(const Scenario& s, const std::string& key) {
  const auto it = s.origins.find(key);
  if (it == s.origins.end()) return "default";
  return it->second.line > 0 ? fmt::format("{}:{}", it->second.file, it->second.line)
                             : it->second.file;
}

// A string in double quotes with JSON escapes (also valid as a TOML basic string).
std::string quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// A value as TOML (json = false) or JSON text; numbers in their shortest exact form.
std::string format_value(const toml::node& n, bool json) {
  if (const auto* v = n.as_string()) return quote(**v);
  if (const auto* v = n.as_integer()) return fmt::format("{}", **v);
  if (const auto* v = n.as_floating_point()) return fmt::format("{}", **v);
  if (const auto* v = n.as_boolean()) return **v ? "true" : "false";
  if (const auto* v = n.as_date()) {
    const auto d = fmt::format("{:04}-{:02}-{:02}", (**v).year, (**v).month, (**v).day);
    return json ? quote(d) : d;
  }
  if (const auto* a = n.as_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < a->size(); ++i) {
      out += (i ? ", " : "") + format_value(*a->get(i), json);
    }
    return out + "]";
  }
  if (const auto* t = n.as_table()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [k, v] : *t) {
      out +=
          fmt::format("{}{}{}{}", first ? " " : ", ", json ? quote(k.str()) : std::string(k.str()),
                      json ? ": " : " = ", format_value(v, json));
      first = false;
    }
    return out + (first ? "}" : " }");
  }
  return json ? "null" : "\"\"";
}

// A TOML key as written in a header: bare when it can be, else quoted.
std::string bare_key(std::string_view k) {
  const bool bare = !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
  return bare ? std::string(k) : quote(k);
}

}  // namespace

std::string targets_text(const staffing::ServiceTargets& t) {
  const auto percent = [](double f) { return fmt::format("{:g}%", f * 100); };
  std::string out;
  const auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (t.service_level) {
    add(fmt::format("{} within {:g}s ({})", percent(*t.service_level), t.measure.threshold_s,
                    staffing::to_string(t.measure.definition)));
  }
  if (t.max_asa_s) add(fmt::format("ASA <= {:g}s", *t.max_asa_s));
  if (t.max_abandon_rate) add(fmt::format("abandon <= {}", percent(*t.max_abandon_rate)));
  if (t.max_occupancy) add(fmt::format("occupancy <= {}", percent(*t.max_occupancy)));
  if (t.max_blocking) add(fmt::format("blocking <= {}", percent(*t.max_blocking)));
  return out;
}

std::string queue_text(const QueueSettings& q) {
  if (q.channel == Channel::chat) {
    return fmt::format("chat, up to {} chats per agent",
                       q.concurrency.value_or(static_cast<int>(q.aht_by_concurrency_s.size())));
  }
  if (q.channel == Channel::email) {
    return fmt::format("email, {:g}% within {:g} business hours", q.target * 100,
                       q.within_s.value_or(0) / 3600);
  }
  if (q.blend()) {
    return fmt::format("voice, blended with outbound work while {} agents are idle",
                       q.outbound_threshold.value_or(0));
  }
  if (q.erlang_x()) {
    return q.lines ? fmt::format("voice, Erlang X, {:g} lines", *q.lines)
                   : std::string("voice, Erlang X");
  }
  return "voice";
}

std::string queue_summary(const QueueSettings& q) {
  if (q.channel == Channel::email) return queue_text(q);
  return fmt::format("{}; {}", queue_text(q), targets_text(q.targets));
}

toml::table to_toml_table(const Scenario& s) {
  toml::table root;
  root.insert("name", s.name);
  root.insert("description", s.description);
  if (s.history.time_zone) root.insert("timezone", s.history.time_zone->name());
  if (s.uses_demand()) {
    root.insert("demand", source_table(s.demand));
  } else {
    root.insert("history", source_table(s.history));
  }

  toml::table f;
  f.insert("method", s.forecast.method);
  f.insert("horizon", fmt::format("{}d", s.forecast.horizon_days));
  if (s.forecast.start) {
    const std::chrono::year_month_day ymd{*s.forecast.start};
    f.insert("start", toml::date{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                                 static_cast<unsigned>(ymd.day())});
  }
  toml::array levels;
  for (double l : s.forecast.levels) levels.push_back(l);
  f.insert("levels", std::move(levels));
  if (!s.forecast.special_days.empty()) f.insert("special_days", s.forecast.special_days);
  f.insert("outliers", s.forecast.outliers == OutlierPolicy::off ? "off" : "downweight");
  root.insert("forecast", std::move(f));

  if (s.hours) {
    toml::table h;
    for (std::size_t d = 0; d < 7; ++d) h.insert(weekdays[d], hours_text(s.hours->days[d]));
    root.insert("hours", std::move(h));
  }

  const auto targets_table = [&](const staffing::ServiceTargets& tg) {
    toml::table t;
    if (tg.service_level) t.insert("service_level", *tg.service_level);
    t.insert("threshold", seconds(tg.measure.threshold_s));
    t.insert("sl_definition", staffing::to_string(tg.measure.definition));
    if (tg.max_asa_s) t.insert("max_asa", seconds(*tg.max_asa_s));
    if (tg.max_abandon_rate) t.insert("max_abandon", *tg.max_abandon_rate);
    if (tg.max_occupancy) t.insert("max_occupancy", *tg.max_occupancy);
    if (tg.max_blocking) t.insert("max_blocking", *tg.max_blocking);
    if (tg.min_outbound_per_hour) t.insert("min_outbound", *tg.min_outbound_per_hour);
    if (tg.confidence != 0.5) t.insert("sim_confidence", tg.confidence);
    return t;
  };
  root.insert("targets", targets_table(s.targets));

  if (!s.queues.empty()) {
    toml::table qs;
    for (const auto& [name, q] : s.queues) {
      toml::table t;
      t.insert("channel", to_string(q.channel));
      if (q.patience_s) t.insert("patience", seconds(*q.patience_s));
      if (q.concurrency) t.insert("concurrency", *q.concurrency);
      if (!q.aht_by_concurrency_s.empty()) {
        toml::array a;
        for (double h : q.aht_by_concurrency_s) a.push_back(seconds(h));
        t.insert("aht_by_concurrency", std::move(a));
      }
      if (q.lines) t.insert("lines", *q.lines);
      if (q.redial_prob) t.insert("redial_prob", *q.redial_prob);
      if (q.redial_delay_s) t.insert("redial_delay", seconds(*q.redial_delay_s));
      if (q.forecast_cv) t.insert("forecast_cv", *q.forecast_cv);
      if (q.outbound_threshold) t.insert("outbound_threshold", *q.outbound_threshold);
      if (q.outbound_aht_s) t.insert("outbound_aht", seconds(*q.outbound_aht_s));
      if (q.channel == Channel::email) {
        t.insert("within", seconds(q.within_s.value_or(0)));
        t.insert("target", q.target);
        if (q.email_hours) {
          // Uniform hours (read_email_hours): one day's hours and the open days.
          std::array<bool, 7> days{};  // c_encoding order, Sunday first
          std::string open;
          for (std::size_t d = 0; d < 7; ++d) {
            const DayHours& h = q.email_hours->days[d];
            days[(d + 1) % 7] = h.is_open();
            if (h.is_open()) open = hours_text(h);
          }
          t.insert("open", open.empty() ? std::string("closed") : open);
          t.insert("days", staffing::format_open_days(days));
        }
        if (!q.closed_dates.empty()) {
          toml::array closed;
          for (const auto d : q.closed_dates) closed.push_back(core::format_local_date(d));
          t.insert("closed", std::move(closed));
        }
        if (!q.opening_backlog.empty()) t.insert("opening_backlog", q.opening_backlog);
      } else {
        t.insert("targets", targets_table(q.targets));
      }
      qs.insert(name, std::move(t));
    }
    root.insert("queues", std::move(qs));
  }

  toml::table a;
  if (s.assumptions.aht_s) a.insert("aht_s", *s.assumptions.aht_s);
  a.insert("aht_adjust_s", s.assumptions.aht_adjust_s);
  a.insert("volume_factor", s.assumptions.volume_factor);
  if (s.assumptions.patience_s) a.insert("patience", seconds(*s.assumptions.patience_s));
  root.insert("assumptions", std::move(a));

  toml::table sh;
  if (s.shrinkage.total_given) {
    sh.insert("total", *s.shrinkage.total_given);
  } else {
    for (std::size_t i = 0; i < shrinkage_categories.size(); ++i) {
      sh.insert(shrinkage_categories[i], s.shrinkage.categories[i]);
    }
  }
  root.insert("shrinkage", std::move(sh));

  toml::table st;
  st.insert("method", to_string(s.staffing.method));
  st.insert("plan_for", s.staffing.plan_for_upper
                            ? fmt::format("upper-{:g}", *s.staffing.plan_for_upper)
                            : std::string("mean"));
  st.insert("min_agents", s.staffing.min_agents);
  if (s.staffing.max_agents) st.insert("max_agents", *s.staffing.max_agents);
  st.insert("fractional", s.staffing.fractional);
  root.insert("staffing", std::move(st));

  toml::table sim;
  sim.insert("check", s.simulation.check);
  if (s.simulation.seed <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    sim.insert("seed", static_cast<std::int64_t>(s.simulation.seed));
  } else {
    sim.insert("seed", std::to_string(s.simulation.seed));
  }
  sim.insert("replications", s.simulation.replications);
  root.insert("simulation", std::move(sim));

  toml::table c;
  if (s.cost.per_agent_hour) c.insert("per_agent_hour", *s.cost.per_agent_hour);
  c.insert("currency", s.cost.currency);
  root.insert("cost", std::move(c));

  const auto& cp = s.capacity;
  toml::table cap;
  cap.insert("weeks", cp.weeks);
  cap.insert("hours_per_fte_week", cp.hours_per_fte_week);
  if (cp.starting_headcount) cap.insert("starting_headcount", *cp.starting_headcount);
  cap.insert("attrition_annual", cp.attrition_annual);
  cap.insert("hiring_lead_weeks", cp.hiring_lead_weeks);
  cap.insert("training_weeks", cp.training_weeks);
  cap.insert("growth_annual", cp.growth_annual);
  if (cp.max_hires_per_week) cap.insert("max_hires_per_week", *cp.max_hires_per_week);
  root.insert("capacity", std::move(cap));

  toml::table o;
  o.insert("dir", s.outputs.dir);
  o.insert("report", s.outputs.report);
  o.insert("simulation", s.outputs.simulation);
  root.insert("outputs", std::move(o));
  return root;
}

std::string effective_toml(const Scenario& s) {
  const toml::table root = to_toml_table(s);
  std::ostringstream os;
  os << fmt::format("# effective scenario '{}' ({}), after inheritance\n", s.name, s.source);
  if (s.files.size() > 1) {
    os << "# files, base first:";
    for (const auto& f : s.files) os << ' ' << f;
    os << '\n';
  }
  const auto line = [&](const std::string& key, const std::string& name, const toml::node& v) {
    os << fmt::format("{} = {}  # {}\n", name, format_value(v, false), source_of(s, key));
  };
  for (const auto& [k, v] : root) {
    if (!v.is_table()) line(std::string(k.str()), std::string(k.str()), v);
  }
  // [queues.NAME] and [queues.NAME.targets] get sections of their own; other nested tables
  // (history.columns) stay inline.
  const std::function<void(const std::string&, const std::string&, const toml::table&)> section =
      [&](const std::string& key, const std::string& header, const toml::table& t) {
        const bool nested = key.starts_with("queues");
        if (key != "queues") {
          os << fmt::format("\n[{}]\n", header);
          if (key == "shrinkage") {
            os << fmt::format("# total shrinkage {:g}\n", s.shrinkage.total());
          }
          for (const auto& [kk, vv] : t) {
            if (!(nested && vv.is_table())) {
              line(fmt::format("{}.{}", key, kk.str()), std::string(kk.str()), vv);
            }
          }
        }
        for (const auto& [kk, vv] : t) {
          if (nested && vv.is_table()) {
            section(fmt::format("{}.{}", key, kk.str()),
                    fmt::format("{}.{}", header, bare_key(kk.str())), *vv.as_table());
          }
        }
      };
  for (const auto& [k, v] : root) {
    if (v.is_table()) section(std::string(k.str()), std::string(k.str()), *v.as_table());
  }
  return os.str();
}

std::string effective_json(const Scenario& s) {
  const toml::table scenario = to_toml_table(s);
  std::string sources;
  for (const auto& [k, v] : scenario) {
    const auto add = [&](const std::string& key) {
      sources += fmt::format("{}\n    {}: {}", sources.empty() ? "" : ",", quote(key),
                             quote(source_of(s, key)));
    };
    if (!v.is_table()) {
      add(std::string(k.str()));
      continue;
    }
    for (const auto& [kk, vv] : *v.as_table()) {
      if (k.str() != "queues") {
        add(fmt::format("{}.{}", k.str(), kk.str()));
        continue;
      }
      for (const auto& [qk, qv] : *vv.as_table()) {  // queues.NAME.key, queues.NAME.targets.key
        const std::string key = fmt::format("queues.{}.{}", kk.str(), qk.str());
        if (!qv.is_table()) {
          add(key);
          continue;
        }
        for (const auto& [tk, tv] : *qv.as_table()) add(fmt::format("{}.{}", key, tk.str()));
      }
    }
  }
  std::string body;
  for (const auto& [k, v] : scenario) {
    body += fmt::format("{}\n    {}: {}", body.empty() ? "" : ",", quote(k.str()),
                        format_value(v, true));
  }
  toml::array files;
  for (const auto& f : s.files) files.push_back(f);
  return fmt::format(
      "{{\n  \"files\": {},\n  \"scenario\": {{{}\n  }},\n  \"shrinkage_total\": {},\n"
      "  \"sources\": {{{}\n  }}\n}}\n",
      format_value(files, true), body, s.shrinkage.total(), sources);
}

}  // namespace wfm::scenario
