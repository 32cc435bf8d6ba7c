#include "wfm/kpi/aggregate.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

#include "wfm/core/error.hpp"
#include "wfm/io/csv_writer.hpp"
#include "wfm/kpi/period.hpp"
#include "wfm/kpi/report.hpp"

namespace wfm::kpi {
namespace {

struct Cell {
  std::uint64_t offered = 0, handled = 0, abandoned = 0, blocked = 0, transferred = 0;
  double work_s = 0, talk_s = 0, hold_s = 0, acw_s = 0, wait_s = 0;
};

struct QueueData {
  std::map<TimeMs, Cell> cells;  // by interval start
  Cell* last_cell = nullptr;     // the latest interval's cell (std::map nodes do not move)
  TimeMs last_start = 0;
  std::uint64_t handled = 0;
  std::uint64_t offered = 0;
  double work_s = 0;
};

}  // namespace

AggregateSummary aggregate_contacts(std::istream& in, const std::string& name,
                                    const ContactMapping& mapping, const AggregateOptions& o,
                                    std::ostream& out) {
  WFM_REQUIRE(o.interval_s > 0 && 86400 % o.interval_s == 0, core::at_flag("--interval"),
              "expected a whole number of seconds that divides a day, got {}", o.interval_s);
  ContactReader reader(in, name, mapping, o.drop_duplicates);
  std::map<std::string, QueueData, std::less<>> queues;
  QueueData* last = nullptr;
  std::string last_name;
  const TimeMs len = static_cast<TimeMs>(o.interval_s) * ms_per_second;
  Contact c;
  while (reader.next(c)) {
    if (!last || c.queue != last_name) {
      auto it = queues.find(c.queue);
      if (it == queues.end()) it = queues.emplace(std::string(c.queue), QueueData{}).first;
      last = &it->second;
      last_name.assign(c.queue);
    }
    const TimeMs start = period_start(c.arrival_ms, Dimension::interval, o.interval_s);
    if (!last->last_cell || start != last->last_start) {
      last->last_cell = &last->cells[start];
      last->last_start = start;
    }
    Cell& cell = *last->last_cell;
    ++cell.offered;
    ++last->offered;
    switch (c.outcome) {
      case Outcome::transferred:
        ++cell.transferred;
        [[fallthrough]];
      case Outcome::answered: {
        ++cell.handled;
        const double work =
            (o.aht.talk ? c.talk_s : 0) + (o.aht.hold ? c.hold_s : 0) + (o.aht.acw ? c.acw_s : 0);
        cell.work_s += work;
        cell.talk_s += c.talk_s;
        cell.hold_s += c.hold_s;
        cell.acw_s += c.acw_s;
        cell.wait_s += c.wait_s();
        ++last->handled;
        last->work_s += work;
        break;
      }
      case Outcome::abandoned:
        ++cell.abandoned;
        break;
      case Outcome::blocked:
        ++cell.blocked;
        break;
    }
  }
  AggregateSummary summary;
  summary.read = reader.stats();
  if (summary.read.bad_rows > 0 && !o.skip_bad_rows) {
    throw core::InputError(core::Location{name, 0, {}},
                           describe_bad_rows(summary.read, name) +
                               "\nnothing was written; fix the rows, adjust the mapping, or give "
                               "--skip-bad-rows to aggregate without them");
  }
  WFM_REQUIRE(!queues.empty(), (core::Location{name, 0, {}}),
              "no contacts to aggregate ({} rows read)", summary.read.rows);
  for (const auto& [queue, data] : queues) {
    WFM_REQUIRE(data.handled > 0 && data.work_s > 0, (core::Location{name, 0, {}}),
                "queue '{}' has {} contacts but none handled with a handle time > 0: there is no "
                "handle time to write as aht_s (wfm staff needs one for every interval with "
                "contacts)",
                queue, data.offered);
  }
  summary.queues = queues.size();

  // Fill each queue's days with empty intervals, then write in time order.
  if (o.fill_empty_intervals) {
    for (auto& [queue, data] : queues) {
      const TimeMs first = period_start(data.cells.begin()->first, Dimension::day, 0);
      const TimeMs end = period_start(data.cells.rbegin()->first, Dimension::day, 0) + ms_per_day;
      for (TimeMs t = first; t < end; t += len) data.cells.try_emplace(t);
    }
  }
  std::map<TimeMs, std::vector<std::pair<const std::string*, const Cell*>>> by_time;
  for (const auto& [queue, data] : queues) {
    for (const auto& [start, cell] : data.cells) by_time[start].emplace_back(&queue, &cell);
  }
  const bool named = !(queues.size() == 1 && queues.begin()->first.empty());
  io::CsvWriter w(out);
  w.field("interval_start");
  if (named) w.field("queue");
  for (const char* h : {"offered", "aht_s", "handled", "abandoned", "blocked", "transferred",
                        "asa_s", "talk_s", "hold_s", "acw_s", "aht_filled"}) {
    w.field(h);
  }
  w.end_row();
  for (const auto& [start, cells] : by_time) {
    for (const auto& [queue, cell] : cells) {
      const auto& data = queues.find(*queue)->second;
      w.field(core::format_local_time(to_local_seconds(start)));
      if (named) w.field(*queue);
      w.field(static_cast<std::int64_t>(cell->offered));
      bool filled = false;
      if (cell->handled > 0 && cell->work_s > 0) {
        w.field(cell->work_s / static_cast<double>(cell->handled));
      } else if (cell->offered > 0) {
        w.field(data.work_s / static_cast<double>(data.handled));
        filled = true;
      } else {
        w.empty_field();
      }
      w.field(static_cast<std::int64_t>(cell->handled));
      w.field(static_cast<std::int64_t>(cell->abandoned));
      w.field(static_cast<std::int64_t>(cell->blocked));
      w.field(static_cast<std::int64_t>(cell->transferred));
      if (cell->handled > 0) {
        const double h = static_cast<double>(cell->handled);
        w.field(cell->wait_s / h)
            .field(cell->talk_s / h)
            .field(cell->hold_s / h)
            .field(cell->acw_s / h);
      } else {
        w.empty_field().empty_field().empty_field().empty_field();
      }
      w.field(filled ? 1 : 0);
      w.end_row();
      ++summary.rows;
      if (filled) ++summary.aht_filled;
    }
  }
  summary.first_interval = core::format_local_time(to_local_seconds(by_time.begin()->first));
  summary.last_interval = core::format_local_time(to_local_seconds(by_time.rbegin()->first));
  return summary;
}

}  // namespace wfm::kpi
