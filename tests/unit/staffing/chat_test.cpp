// Chat with concurrency (chat.hpp): against a dense CTMC whose service rates are built here from
// an explicit even assignment of chats to agents (not the engine's formula) and a tagged chat by
// uniformization (ctmc.hpp); concurrency 1 equals Erlang A; a handle time that does not depend
// on concurrency equals Erlang A with agents x concurrency servers; the engine and the solver.
#include "wfm/staffing/chat.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "ctmc.hpp"
#include "wfm/staffing/erlang_a.hpp"
#include "wfm/staffing/registry.hpp"
#include "wfm/staffing/solver.hpp"

using namespace wfm::staffing;
namespace t = wfm::staffing::test;

namespace {

bool close(double got, double want, double rel, double abs = 1e-13) {
  return std::fabs(got - want) <= rel * std::fabs(want) + abs;
}

// Total completion rate of n chats dealt one at a time to the least busy of s agents.
double dealt_rate(long n, int s, const std::vector<double>& h) {
  std::vector<int> held(static_cast<std::size_t>(s), 0);
  for (long c = 0; c < n; ++c) ++*std::min_element(held.begin(), held.end());
  double rate = 0;
  for (int c : held) rate += c > 0 ? c / h[static_cast<std::size_t>(c) - 1] : 0.0;
  return rate;
}

void check_against_ctmc(int s, const std::vector<double>& h, double calls, double patience_s,
                        double t_s) {
  const int k = static_cast<int>(h.size());
  const double lambda = calls / 1800, theta = 1 / patience_s;
  const long slots = static_cast<long>(s) * k;
  const double full = dealt_rate(slots, s, h);
  const long n_max = slots + static_cast<long>(std::max(0.0, (lambda - full) / theta) +
                                               12 * std::sqrt(lambda / theta + 1) + 40);
  t::Generator g(static_cast<std::size_t>(n_max) + 1);
  for (long n = 0; n <= n_max; ++n) {
    const auto i = static_cast<std::size_t>(n);
    if (n < n_max) g.add(i, i + 1, lambda);
    if (n > 0)
      g.add(i, i - 1,
            n <= slots ? dealt_rate(n, s, h) : full + static_cast<double>(n - slots) * theta);
  }
  const auto pi = t::stationary(g);
  double p_wait = 0, answered = 0, within = 0, abandon_within = 0, wait = 0, queue = 0, busy = 0;
  for (long n = 0; n <= n_max; ++n) {
    const double p = static_cast<double>(pi[static_cast<std::size_t>(n)]);
    busy += p * static_cast<double>(std::min(n, slots));
    if (n < slots) {
      answered += p;
      within += p;
      continue;
    }
    queue += p * static_cast<double>(n - slots);
    const auto c = t::tagged_caller(n - slots, full, theta, t_s);
    p_wait += p;
    answered += p * static_cast<double>(c.served);
    within += p * static_cast<double>(c.served_within);
    abandon_within += p * static_cast<double>(1 - c.served_within - c.still_waiting);
    wait += p * static_cast<double>(c.wait_if_served);
  }
  ChatParams params{h, patience_s};
  const ChatValues v = chat_values(s, lambda, params, t_s);
  INFO("s=" << s << " k=" << k << " calls=" << calls << " patience=" << patience_s);
  CHECK(close(v.p_wait, p_wait, 1e-9, 1e-14));
  CHECK(close(v.p_answered, answered, 1e-9));
  CHECK(close(v.p_answered_within, within, 1e-9));
  CHECK(close(v.p_abandon_within, abandon_within, 1e-8, 1e-13));
  CHECK(close(v.asa_s, wait / answered, 1e-9, 1e-10));
  CHECK(close(v.mean_queue_length, queue, 1e-9, 1e-12));
  CHECK(close(v.occupancy, busy / static_cast<double>(slots), 1e-9));
}

EngineSpec chat_spec(std::optional<double> patience_s, std::optional<int> k,
                     std::vector<double> handle_s = {}, std::string model = "chat") {
  EngineSpec spec;
  spec.model = std::move(model);
  spec.patience_s = patience_s;
  spec.concurrency = k;
  spec.aht_by_concurrency_s = std::move(handle_s);
  return spec;
}

}  // namespace

TEST_CASE("chat: equals a dense CTMC with chats dealt to the least busy agent",
          "[staffing][chat]") {
  check_against_ctmc(4, {180, 210, 240}, 150, 300, 60);
  check_against_ctmc(7, {180, 210, 240}, 250, 300, 30);
  check_against_ctmc(3, {120, 150}, 200, 120, 20);
  check_against_ctmc(5, {300, 330, 360, 420}, 100, 600, 120);
  check_against_ctmc(2, {180, 200, 240}, 300, 90, 20);  // overloaded
  check_against_ctmc(6, {180, 210, 240}, 60, 300, 0);   // T = 0
}

TEST_CASE("chat: concurrency 1 is Erlang A", "[staffing][chat]") {
  for (double a : {0.3, 8.0, 95.0, 1500.0}) {
    for (double n : {std::floor(a * 0.7), std::floor(a) + 1, std::ceil(a + 2 * std::sqrt(a))}) {
      if (n < 1) continue;
      const double aht = 200, patience = 150, t_s = 30;
      const ChatValues v = chat_values(static_cast<int>(n), a / aht, {{aht}, patience}, t_s);
      const ErlangAValues e = erlang_a(n, a, aht, patience, t_s);
      INFO("A=" << a << " N=" << n);
      CHECK(close(v.p_wait, e.p_wait, 1e-9, 1e-14));
      CHECK(close(v.p_abandon, e.p_abandon, 1e-8, 1e-14));
      CHECK(close(v.p_answered_within, e.p_answered_within, 1e-9, 1e-14));
      CHECK(close(v.asa_s, e.asa_s, 1e-8, 1e-10));
      CHECK(close(v.occupancy, e.occupancy, 1e-9));
    }
  }
}

TEST_CASE("chat: a handle time that ignores concurrency is Erlang A with s x k servers",
          "[staffing][chat]") {
  const double a = 60, aht = 240, patience = 200, t_s = 20;
  for (int k : {2, 3}) {
    for (int s : {18, 22, 30}) {
      const std::vector<double> h(static_cast<std::size_t>(k), aht);
      const ChatValues v = chat_values(s, a / aht, {h, patience}, t_s);
      const ErlangAValues e = erlang_a(s * k, a, aht, patience, t_s);
      INFO("k=" << k << " s=" << s);
      CHECK(close(v.p_wait, e.p_wait, 1e-9, 1e-14));
      CHECK(close(v.p_answered_within, e.p_answered_within, 1e-9, 1e-14));
      CHECK(close(v.occupancy, e.occupancy, 1e-9));
    }
  }
}

TEST_CASE("chat engine: profile scaled by the interval's AHT, monotone, solver",
          "[staffing][chat]") {
  const auto engine = make_engine(chat_spec(300.0, 3, {180, 210, 240}));
  CHECK(engine->name() == "chat");
  const IntervalLoad load{.calls = 600, .interval_s = 1800, .aht_s = 180};
  const ServiceMeasure m{60, SlDefinition::kOffered};
  // The engine's result is chat_values with the profile as given (AHT = its first entry) ...
  const auto r = engine->evaluate(load, 30, m);
  const auto v = chat_values(30, 600.0 / 1800, {{180, 210, 240}, 300}, 60);
  CHECK(close(r.service_level, v.p_answered_within, 1e-12));
  CHECK(close(r.abandon_rate, v.p_abandon, 1e-12));
  // ... and scaled when the interval's AHT differs.
  const auto r2 = engine->evaluate({600, 1800, 360}, 30, m);
  const auto v2 = chat_values(30, 600.0 / 1800, {{360, 420, 480}, 300}, 60);
  CHECK(close(r2.service_level, v2.p_answered_within, 1e-12));
  double previous = -1;
  for (int n = 0; n <= 80; ++n) {
    const auto e = engine->evaluate(load, n, m);
    CHECK(e.service_level >= previous - 1e-12);
    previous = e.service_level;
  }
  ServiceTargets targets;
  targets.measure = m;
  targets.service_level = 0.8;
  targets.max_abandon_rate = 0.03;
  const auto s = solve(*engine, load, targets);
  CHECK(s.feasible);
  CHECK(meets_targets(s, targets));
  CHECK_FALSE(meets_targets(engine->evaluate(load, s.agents - 1, m), targets));
  // Concurrency 3 needs fewer agents than one chat at a time.
  const auto one = make_engine(chat_spec(300.0, 1));
  CHECK(solve(*one, load, targets).agents > s.agents);
}

TEST_CASE("chat: inputs are checked with the flag named", "[staffing][chat]") {
  CHECK_THROWS_WITH(make_engine(chat_spec(std::nullopt, 2)),
                    Catch::StartsWith("chat needs the mean patience"));
  CHECK_THROWS_WITH(make_engine(chat_spec(60.0, std::nullopt)),
                    Catch::StartsWith("--concurrency: chat needs"));
  CHECK_THROWS_WITH(make_engine(chat_spec(60.0, 3, {180, 200})),
                    Catch::StartsWith("--aht-by-concurrency: expected 3 handle times"));
  CHECK_THROWS_WITH(make_engine(chat_spec(60.0, std::nullopt, {180, 400})),
                    Catch::StartsWith("--aht-by-concurrency: an agent with 2 chats"));
  CHECK_THROWS_WITH(make_engine(chat_spec(60.0, 2, {}, "erlang-a")),
                    Catch::StartsWith("--concurrency: only chat"));
}
