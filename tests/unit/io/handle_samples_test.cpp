// wfm::io handle time samples: the handle_s column read in file order (other columns ignored),
// and every bad input with its file:line: column message.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "wfm/core/error.hpp"
#include "wfm/io/handle_samples.hpp"

using wfm::core::InputError;
using wfm::io::read_handle_samples;

namespace {

std::vector<double> read(const std::string& text) {
  std::istringstream in(text);
  return read_handle_samples(in, "samples.csv");
}

std::string error_of(const std::string& text) {
  try {
    read(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("handle samples: the handle_s column in file order", "[io][handle_samples]") {
  CHECK(read("handle_s\n100\n200\n300\n") == std::vector<double>{100, 200, 300});
  CHECK(read("call,handle_s,agent\nc1,95.5,ann\nc2,240,bob\n") == std::vector<double>{95.5, 240});
}

TEST_CASE("handle samples: bad input names file, line and column", "[io][handle_samples]") {
  CHECK(error_of("seconds\n100\n") == "samples.csv:1: expected a column handle_s, found seconds");
  CHECK(error_of("handle_s\n100\n0\n") ==
        "samples.csv:3: column 'handle_s': expected a number > 0, got \"0\"");
  CHECK(error_of("handle_s\n100\nlong\n") ==
        "samples.csv:3: column 'handle_s': expected a number > 0, got \"long\"");
  CHECK(error_of("handle_s\n") == "samples.csv: no handle times in the file");
  try {
    wfm::io::load_handle_samples("/nonexistent/samples.csv");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).starts_with("/nonexistent/samples.csv: cannot open the file"));
  }
}

TEST_CASE("handle samples: a sample above a day is refused (fuzz regression)",
          "[io][handle_samples]") {
  // Two samples of 1e308 overflowed the simulation's sample mean to infinity.
  CHECK(error_of("handle_s\n1e308\n1e308\n") ==
        "samples.csv:2: column 'handle_s': expected a handle time of at most 86400 s (a day), got "
        "\"1e308\"");
  CHECK(read("handle_s\n86400\n") == std::vector<double>{86400});
  // The fuzz target's first finding without the bound (fuzz/seeds/handle_samples/).
  CHECK(error_of("handle_s\n1300200\n300\n") ==
        "samples.csv:2: column 'handle_s': expected a handle time of at most 86400 s (a day), got "
        "\"1300200\"");
}
