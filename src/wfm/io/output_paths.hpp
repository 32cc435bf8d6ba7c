// Refusing an output that would overwrite an input or another output of the same run.
//
// `wfm staff --demand h.csv --out h.csv` used to replace the history with the plan, and
// `--out x --daily-out x` the plan with the daily totals. Paths are compared after resolving
// ".", "..", symbolic links and the current directory (std::filesystem::weakly_canonical), so
// "./h.csv" and "data/../h.csv" are the same file; a path that does not exist yet is compared by
// its resolved parent and name. Checked before anything is read or written.
#pragma once

#include <string>
#include <vector>

namespace wfm::io {

struct NamedPath {
  std::string path;  // as given; empty: not given (ignored)
  std::string name;  // the flag or key that gave it, for messages: "--out"
};

// Throws core::InputError at the output's name when an output is the same file as an input
// ("--out is the same file as --demand (h.csv): choose another output") or as an earlier output.
void require_distinct_outputs(const std::vector<NamedPath>& inputs,
                              const std::vector<NamedPath>& outputs);

}  // namespace wfm::io
