// The effective scenario after inheritance, with where each setting came from: what
// `wfm validate-scenario --explain` (TOML with a comment per key) and `--json` print.
//
// Every setting of the Scenario is listed, defaults included; each key's source is the
// "file:line" that set it (Scenario::origins) or "default". Paths are the resolved ones.
// Tested in tests/unit/scenario/explain_test.cpp.
#pragma once

#include <string>

#include <toml++/toml.h>

#include "wfm/scenario/scenario.hpp"

namespace wfm::scenario {

// One line of text for planners: "80% within 20s (offered), abandon <= 5%, blocking <= 1%".
std::string targets_text(const staffing::ServiceTargets& targets);

// A [queues.NAME] queue's channel and engine: "chat, up to 3 chats per agent",
// "voice, Erlang X, 45 lines", "voice".
std::string queue_text(const QueueSettings& queue);
// The channel and its targets: "chat, up to 3 chats per agent; 80% within 60s (offered)";
// an email queue's target is in its channel text.
std::string queue_summary(const QueueSettings& queue);

// The scenario's settings as a TOML table (durations as strings such as "20s").
toml::table to_toml_table(const Scenario& scenario);

// TOML text: the settings, each followed by "# file:line" or "# default".
std::string effective_toml(const Scenario& scenario);

// JSON text: {"files": [...], "scenario": {...}, "sources": {"targets.service_level":
// "scenarios/base.toml:20", ...}, "shrinkage_total": 0.3}.
std::string effective_json(const Scenario& scenario);

}  // namespace wfm::scenario
