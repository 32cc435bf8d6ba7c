// The wfm command line: subcommands over the library. Library code never sees CLI11; this layer
// parses flags into plain option structs, calls the library, and maps errors to exit codes:
// 0 success, 1 a check failed (e.g. a threshold breached), 2 bad input or usage, 3 internal error.
#pragma once

namespace wfm::cli {

int run(int argc, char** argv);

}  // namespace wfm::cli
