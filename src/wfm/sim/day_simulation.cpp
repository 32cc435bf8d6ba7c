#include "wfm/sim/day_simulation.hpp"

#include <algorithm>
#include <limits>
#include <iterator>
#include <tuple>

#include "wfm/core/error.hpp"

namespace wfm::sim {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A chat's completion event names its slot and the version of its schedule.
std::uint64_t chat_event(int slot, std::uint32_t version) {
  return (static_cast<std::uint64_t>(slot) << 32) | version;
}

}  // namespace

bool Event::operator>(const Event& o) const {
  return std::tie(t, kind, seq) > std::tie(o.t, o.kind, o.seq);
}

DaySimulation::DaySimulation(const QueueDay& day, const SimSettings& settings,
                             std::uint64_t replication, std::uint64_t stream_id,
                             const CallRecorder* recorder)
    : day_(&day),
      settings_(&settings),
      recorder_(recorder),
      draws_(settings, replication, stream_id),
      len_s_(day.interval_s),
      day_end_s_(day.interval_s * static_cast<double>(day.intervals.size())),
      day_multiplier_(settings.arrivals.noise == RateNoise::kPerDay ? draws_.rate_multiplier()
                                                                    : 1.0) {
  if (!settings.chat.handle_s.empty()) {
    const auto& h = settings.chat.handle_s;
    concurrency_ = static_cast<int>(h.size());
    speed_.assign(h.size() + 1, 0.0);
    for (std::size_t c = 1; c <= h.size(); ++c) speed_[c] = h.front() / h[c - 1];
  }
  push(0.0, kBoundary, 0);
}

void DaySimulation::set_agents(int interval, int agents) {
  WFM_REQUIRE(agents >= 0, core::at_flag("agents"), "queue '{}': expected agents >= 0, got {}",
              day_->queue, agents);
  WFM_ENSURE(!drained_ && interval >= next_boundary_ && interval < intervals(),
             "agents of interval {} set after its boundary (next boundary {}, {} intervals{})",
             interval, next_boundary_, intervals(), drained_ ? ", drained" : "");
  for (auto& [i, n] : agents_set_) {
    if (i == interval) {
      n = agents;
      return;
    }
  }
  agents_set_.emplace_back(interval, agents);
}

int DaySimulation::agents_of(int interval) {
  for (auto it = agents_set_.begin(); it != agents_set_.end(); ++it) {
    if (it->first == interval) {
      const int n = it->second;
      agents_set_.erase(it);
      return n;
    }
  }
  return day_->intervals[static_cast<std::size_t>(interval)].agents;
}

void DaySimulation::run_to(double t_s) {
  WFM_ENSURE(!drained_, "run_to after drain");
  WFM_ENSURE(t_s >= position_s_ && t_s <= day_end_s_,
             "run_to({}) outside [position {}, day end {}]", t_s, position_s_, day_end_s_);
  while (!heap_.empty() && heap_.front().t < t_s) {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    const Event e = heap_.back();
    heap_.pop_back();
    process(e);
  }
  position_s_ = t_s;
}

void DaySimulation::run_interval(int interval) {
  WFM_ENSURE(interval >= 0 && interval < intervals(), "interval {} of {}", interval, intervals());
  run_to(len_s_ * (interval + 1));
}

void DaySimulation::drain() {
  WFM_ENSURE(!drained_, "drained twice");
  advance(position_s_);
  drained_ = true;
  day_end_s_ = position_s_;
  // No arrival after this point, and staffing stays: drop pending arrivals and boundaries.
  std::erase_if(heap_, [](const Event& e) { return e.kind == kArrival || e.kind == kBoundary; });
  std::make_heap(heap_.begin(), heap_.end(), std::greater<>{});
  serve_queue();
  while (live_ > 0 && !heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    const Event e = heap_.back();
    heap_.pop_back();
    process(e);
  }
  // Callers still waiting: no agent and no patience left them there.
  for (std::size_t k = head_; k < waiting_.size(); ++k) {
    const Waiting& w = waiting_[k];
    if (w.gone) continue;
    tally_at(w.interval).unfinished += 1;
    record(w.call, w.interval, w.arrival_s, now_s_ - w.arrival_s, 0, CallOutcome::kUnfinished,
           w.redial);
  }
}

const IntervalTally& DaySimulation::tally(int interval) const {
  WFM_ENSURE(
      interval >= first_tally_ && interval < first_tally_ + static_cast<int>(tallies_.size()),
      "no tally for interval {} (kept: {} to {})", interval, first_tally_,
      first_tally_ + static_cast<int>(tallies_.size()) - 1);
  return tallies_[static_cast<std::size_t>(interval - first_tally_)];
}

void DaySimulation::discard_closed_tallies() {
  int keep_from = cur_;
  for (std::size_t k = head_; k < waiting_.size(); ++k) {
    if (!waiting_[k].gone) {  // callers wait in arrival order: the first is the earliest
      keep_from = std::min(keep_from, waiting_[k].interval);
      break;
    }
  }
  const int drop = keep_from - first_tally_;
  if (drop <= 0) return;
  tallies_.erase(tallies_.begin(), tallies_.begin() + drop);
  first_tally_ = keep_from;
}

void DaySimulation::push(double t, int kind, std::uint64_t data) {
  heap_.push_back(Event{t, kind, event_seq_++, data});
  std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
}

IntervalTally& DaySimulation::tally_at(int interval) {
  return tallies_[static_cast<std::size_t>(interval - first_tally_)];
}

void DaySimulation::advance(double t) {
  if (!drained_ && cur_ >= 0 && cur_ < intervals() && t > now_s_) {
    const double dt = t - now_s_;
    IntervalTally& tally = tally_at(cur_);
    tally.busy_s += busy_ * dt;
    tally.outbound_s += outbound_ * dt;
    tally.available_s += std::max(staffed_ * concurrency_, busy_ + outbound_) * dt;
    tally.queue_s += live_ * dt;
  }
  now_s_ = t;
}

void DaySimulation::record(std::uint64_t call, int interval, double arrival_s, double wait_s,
                           double handle_s, CallOutcome outcome, bool redial) {
  if (recorder_)
    (*recorder_)(CallRecord{call, interval, arrival_s, wait_s, handle_s, outcome, redial});
}

void DaySimulation::start_service(std::uint64_t call, int interval, double arrival_s, bool redial) {
  const double wait = now_s_ - arrival_s;
  IntervalTally& tally = tally_at(interval);
  tally.answered += 1;
  tally.wait_answered_s += wait;
  if (wait <= settings_->measure.threshold_s) tally.answered_within += 1;
  const double handle = draws_.handle(day_->intervals[static_cast<std::size_t>(interval)].aht_s);
  ++busy_;
  if (speed_.empty()) {
    push(now_s_ + handle, kDeparture, 0);
  } else {
    const int agent = std::next(present_.begin(), winding_)->second;  // has_room()
    auto& mine = agent_chats_[static_cast<std::size_t>(agent)];
    settle(agent);
    int slot;
    if (free_chats_.empty()) {
      slot = static_cast<int>(chats_.size());
      chats_.push_back(Chat{0, 0, 0, 0});
    } else {
      slot = free_chats_.back();
      free_chats_.pop_back();
    }
    Chat& c = chats_[static_cast<std::size_t>(slot)];  // its version goes on counting
    c.work_s = handle;
    c.since_s = now_s_;
    c.agent = agent;
    mine.push_back(slot);
    reschedule(agent, static_cast<int>(mine.size()) - 1);
  }
  record(call, interval, arrival_s, wait, handle, CallOutcome::kAnswered, redial);
}

void DaySimulation::settle(int agent) {
  const auto& mine = agent_chats_[static_cast<std::size_t>(agent)];
  const double v = speed_[mine.size()];
  for (int slot : mine) {
    Chat& c = chats_[static_cast<std::size_t>(slot)];
    c.work_s -= v * (now_s_ - c.since_s);
    c.since_s = now_s_;
  }
}

void DaySimulation::reschedule(int agent, int chats_before) {
  const auto& mine = agent_chats_[static_cast<std::size_t>(agent)];
  const int n = static_cast<int>(mine.size());
  if (n > 0) {
    const double v = speed_[static_cast<std::size_t>(n)];
    for (int slot : mine) {
      Chat& c = chats_[static_cast<std::size_t>(slot)];
      ++c.version;
      push(now_s_ + std::max(c.work_s, 0.0) / v, kDeparture, chat_event(slot, c.version));
    }
  }
  present_.erase({chats_before, agent});
  present_.insert({n, agent});
  release_idle();
}

void DaySimulation::release_idle() {
  while (winding_ > 0 && !present_.empty() && present_.begin()->first == 0) {
    free_agents_.push_back(present_.begin()->second);
    present_.erase(present_.begin());
    --winding_;
  }
}

void DaySimulation::set_staffed(int agents) {
  if (!speed_.empty()) {
    if (agents > staffed_) {
      // Winding-down agents stay first, then new ones come.
      const int stay = std::min(winding_, agents - staffed_);
      winding_ -= stay;
      for (int k = staffed_ + stay; k < agents; ++k) {
        int a;
        if (free_agents_.empty()) {
          a = static_cast<int>(agent_chats_.size());
          agent_chats_.emplace_back();
        } else {
          a = free_agents_.back();
          free_agents_.pop_back();
        }
        present_.insert({0, a});
      }
    } else {
      winding_ += staffed_ - agents;
      release_idle();
    }
  }
  staffed_ = agents;
}

bool DaySimulation::has_room() const {
  if (speed_.empty()) return busy_ + outbound_ < staffed_;
  return static_cast<int>(present_.size()) > winding_ &&
         std::next(present_.begin(), winding_)->first < concurrency_;
}

void DaySimulation::start_outbound() {
  if (!settings_->blend || drained_ || live_ > 0 || cur_ < 0 || cur_ >= intervals()) return;
  const double mean = settings_->blend->outbound_aht_s > 0
                          ? settings_->blend->outbound_aht_s
                          : day_->intervals[static_cast<std::size_t>(cur_)].aht_s;
  if (!(mean > 0)) return;
  while (staffed_ - busy_ - outbound_ - 1 >= settings_->blend->threshold) {
    ++outbound_;
    push(now_s_ + draws_.handle(mean), kDeparture, 1);
  }
}

void DaySimulation::pop_front() {
  ++head_;
  ++front_number_;
  if (head_ == waiting_.size()) {
    waiting_.clear();
    head_ = 0;
  } else if (head_ >= 32 && 2 * head_ >= waiting_.size()) {
    waiting_.erase(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
}

void DaySimulation::drop_gone_front() {
  while (!queue_empty() && waiting_[head_].gone) pop_front();
}

void DaySimulation::serve_queue() {
  while (has_room() && live_ > 0) {
    drop_gone_front();
    const Waiting w = waiting_[head_];
    pop_front();
    --live_;
    start_service(w.call, w.interval, w.arrival_s, w.redial);
  }
}

void DaySimulation::boundary(int interval) {
  cur_ = interval;
  next_boundary_ = interval + 1;
  if (cur_ < intervals()) {
    tallies_.emplace_back();
    const SimInterval& iv = day_->intervals[static_cast<std::size_t>(cur_)];
    set_staffed(agents_of(cur_));
    const double mult = settings_->arrivals.noise == RateNoise::kPerInterval
                            ? draws_.rate_multiplier()
                            : day_multiplier_;
    rate_ = iv.calls * mult / len_s_;
    const double first = draws_.next_arrival(now_s_, rate_);
    if (first < len_s_ * (cur_ + 1)) push(first, kArrival, 0);
    push(len_s_ * (cur_ + 1), kBoundary, static_cast<std::uint64_t>(cur_ + 1));
  }
  serve_queue();
  start_outbound();
}

void DaySimulation::process(const Event& e) {
  advance(e.t);
  switch (e.kind) {
    case kBoundary:
      boundary(static_cast<int>(e.data));
      break;
    case kDeparture: {
      if (!speed_.empty()) {
        const auto slot = static_cast<int>(e.data >> 32);
        Chat& c = chats_[static_cast<std::size_t>(slot)];
        if (c.version != static_cast<std::uint32_t>(e.data)) break;  // rescheduled since
        const int agent = c.agent;
        auto& mine = agent_chats_[static_cast<std::size_t>(agent)];
        settle(agent);
        std::erase(mine, slot);
        ++c.version;
        free_chats_.push_back(slot);
        reschedule(agent, static_cast<int>(mine.size()) + 1);
      }
      if (settings_->blend && e.data == 1) {
        --outbound_;
        if (!drained_ && cur_ < intervals()) tally_at(cur_).outbound_done += 1;
      } else {
        --busy_;
      }
      serve_queue();
      start_outbound();
      break;
    }
    case kAbandon: {
      if (e.data < front_number_) break;  // served already: a stale timer
      Waiting& w = waiting_[head_ + static_cast<std::size_t>(e.data - front_number_)];
      if (w.gone) break;
      w.gone = true;
      --live_;
      const double wait = now_s_ - w.arrival_s;
      IntervalTally& tally = tally_at(w.interval);
      tally.abandoned += 1;
      tally.wait_abandoned_s += wait;
      if (wait <= settings_->measure.threshold_s) tally.abandoned_within += 1;
      record(w.call, w.interval, w.arrival_s, wait, 0, CallOutcome::kAbandoned, w.redial);
      if (const auto delay = draws_.redial_delay()) {
        if (now_s_ + *delay < day_end_s_) push(now_s_ + *delay, kArrival, 1);
      }
      drop_gone_front();
      break;
    }
    case kArrival: {
      const bool redial = e.data == 1;
      const int interval = std::min(cur_, intervals() - 1);
      tally_at(interval).offered += 1;
      const std::uint64_t call = next_call_++;
      const double patience = draws_.patience();
      if (settings_->lines && busy_ + live_ >= *settings_->lines) {
        tally_at(interval).blocked += 1;
        record(call, interval, now_s_, 0, 0, CallOutcome::kBlocked, redial);
        if (const auto delay = draws_.redial_delay()) {
          if (now_s_ + *delay < day_end_s_) push(now_s_ + *delay, kArrival, 1);
        }
      } else if (has_room() && live_ == 0) {
        start_service(call, interval, now_s_, redial);
      } else {
        tally_at(interval).delayed += 1;
        waiting_.push_back(Waiting{now_s_, call, interval, redial, false});
        ++live_;
        if (patience < kInf) {
          push(now_s_ + patience, kAbandon, front_number_ + (waiting_.size() - head_) - 1);
        }
      }
      if (!redial) {
        const double next = draws_.next_arrival(now_s_, rate_);
        if (next < len_s_ * (cur_ + 1)) push(next, kArrival, 0);
      }
      break;
    }
  }
}

}  // namespace wfm::sim
