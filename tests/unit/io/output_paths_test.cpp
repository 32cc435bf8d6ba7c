// require_distinct_outputs: an output may not be an input or another output, however spelled.
#include "wfm/io/output_paths.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "support/temp_dir.hpp"
#include "wfm/core/error.hpp"

using wfm::io::NamedPath;
using wfm::io::require_distinct_outputs;

TEST_CASE("require_distinct_outputs refuses an output that is an input or another output",
          "[io][output_paths]") {
  wfm::test::TempDir dir("paths");
  const auto history = dir.file("h.csv");
  std::ofstream(history) << "x\n";
  const std::string same_spelled_otherwise = (dir.path / "sub" / ".." / "h.csv").string();
  std::filesystem::create_directories(dir.path / "sub");

  CHECK_NOTHROW(require_distinct_outputs({{history, "--demand"}},
                                         {{dir.file("plan.csv"), "--out"},
                                          {dir.file("plan_daily.csv"), "--daily-out"},
                                          {"", "--calls-out"}}));
  CHECK_THROWS_WITH(
      require_distinct_outputs({{history, "--demand"}}, {{history, "--out"}}),
      Catch::Contains("--out") && Catch::Contains("the same file as the input --demand"));
  CHECK_THROWS_WITH(
      require_distinct_outputs({{history, "--demand"}}, {{same_spelled_otherwise, "--out"}}),
      Catch::Contains("the same file as the input --demand"));
  CHECK_THROWS_WITH(
      require_distinct_outputs({{history, "--demand"}},
                               {{dir.file("x.csv"), "--out"}, {dir.file("x.csv"), "--daily-out"}}),
      Catch::Contains("--daily-out") && Catch::Contains("the same file as the output --out"));
  CHECK_THROWS_AS(require_distinct_outputs({{history, "--demand"}}, {{history, "--out"}}),
                  wfm::core::InputError);
}
