// `wfm aggregate`: contact records -> the interval history that wfm forecast and wfm staff read
// (docs/formats.md, "Interval history / demand CSV"), so an ACD export becomes a staffing plan in
// two commands.
//
// Each contact counts in the interval of its arrival (so handled and abandoned never exceed
// offered). aht_s is the mean handle time of the interval's handled contacts (talk + hold + acw by
// default). An interval with contacts but none handled (or only handled in 0 s) has no AHT of its
// own, yet the loader needs one > 0 on every row with offered > 0: it gets the queue's mean AHT
// over the whole file, and its aht_filled column says 1. Intervals without contacts are written as
// 0 from the first to the last day of each queue (a complete export: no contact means none
// offered), unless fill is off. Extra columns (blocked, transferred, asa_s, talk_s, hold_s, acw_s,
// aht_filled) are ignored by io::load_interval_table. The whole table is built in memory (one entry
// per queue and interval, not per contact) and written only when every row was read (or bad rows
// are skipped). Tested in tests/unit/kpi/aggregate_test.cpp.
#pragma once

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

#include "wfm/kpi/contact_reader.hpp"
#include "wfm/kpi/mapping.hpp"
#include "wfm/kpi/options.hpp"

namespace wfm::kpi {

struct AggregateOptions {
  int interval_s = 900;  // divides a day
  AhtParts aht;          // what aht_s includes
  bool fill_empty_intervals = true;
  bool skip_bad_rows = false;
  bool drop_duplicates = false;  // count only the first contact row of each contact id
};

struct AggregateSummary {
  ReadStats read;
  std::size_t queues = 0;
  std::size_t rows = 0;        // rows written
  std::size_t aht_filled = 0;  // rows whose aht_s is the queue's mean
  std::string first_interval;  // "2024-03-04T00:00"
  std::string last_interval;
};

// Reads the contacts and writes the interval history CSV to `out`. Throws core::InputError (bad
// rows without skip_bad_rows, a queue with offered contacts but none handled) before writing
// anything.
AggregateSummary aggregate_contacts(std::istream& contacts, const std::string& display_name,
                                    const ContactMapping& mapping, const AggregateOptions& options,
                                    std::ostream& out);

}  // namespace wfm::kpi
