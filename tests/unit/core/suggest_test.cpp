// wfm::core::edit_distance and closest_name ("did you mean").
#include <catch2/catch.hpp>

#include "wfm/core/suggest.hpp"

using wfm::core::closest_name;
using wfm::core::edit_distance;

TEST_CASE("edit_distance counts inserts, deletes, substitutions and swaps", "[core][suggest]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("staff", "staff") == 0);
  CHECK(edit_distance("stafff", "staff") == 1);    // insert
  CHECK(edit_distance("saff", "staff") == 1);      // delete
  CHECK(edit_distance("stiff", "staff") == 1);     // substitute
  CHECK(edit_distance("satff", "staff") == 1);     // swap neighbours (OSA, not Levenshtein's 2)
  CHECK(edit_distance("kitten", "sitting") == 3);  // the textbook Levenshtein example
  CHECK(edit_distance("STAFF", "staff") == 0);     // ASCII case ignored
}

TEST_CASE("closest_name suggests only likely typos", "[core][suggest]") {
  const std::vector<std::string_view> commands = {"erlang", "staff", "simulate", "synth", "plan"};
  CHECK(closest_name("stafff", commands) == "staff");
  CHECK(closest_name("simulte", commands) == "simulate");
  CHECK(closest_name("erlnag", commands) == "erlang");
  CHECK(closest_name("pln", commands) == "plan");
  CHECK(closest_name("xyzzy", commands).empty());
  CHECK(closest_name("forecast", commands).empty());
}
