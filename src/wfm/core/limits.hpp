// The largest values wfm accepts (docs/formats.md, "Limits"). Each is far beyond any contact
// center and keeps every engine exact and every run finite: a count of 1e308 calls would make a
// simulation run forever and overflow a forecast's sums, a load of 1e13 Erlangs is outside what
// the Erlang engines are tested for. Loaders and commands reject larger values as bad input
// (core::InputError naming the file, line and column), never clamp them.
#pragma once

namespace wfm::core {

// Calls offered (or handled, abandoned, forecast) in one interval: 1,000,000.
inline constexpr double kMaxCallsPerInterval = 1e6;

// Mean handle time or patience: one day, in seconds.
inline constexpr double kMaxDurationS = 86400;

// Offered load of one interval (calls x AHT / interval length), the Erlang engines' domain:
// 1,000,000 Erlangs (tested against the Erlang B recurrence in long double at that size).
inline constexpr double kMaxOfferedLoadErlangs = 1e6;

// The intervals one queue spans, first to last with closed ones included (10,000,000: 285 years
// of 15-minute intervals, 95 years of 5-minute ones): the interval and forecast loaders (a
// mistyped year made the gap search walk a thousand years) and backlog staffing's grid.
inline constexpr double kMaxSpanIntervals = 1e7;

// One row of an agent state log or schedule (wfm kpi --states, --schedule): 31 days. A row is
// spread over every KPI period it overlaps; a mistyped year made one row millions of periods.
inline constexpr double kMaxTimelineRowS = 31.0 * 86400;

// A special day's multiplier of its weekday's forecast: 100. A multiplier of 1e308 made the
// forecast infinite.
inline constexpr double kMaxSpecialDayMultiplier = 100;

// Backlog (email) staffing: the longest response time (366 days).
inline constexpr double kMaxBacklogResponseS = 366.0 * 86400;

}  // namespace wfm::core
