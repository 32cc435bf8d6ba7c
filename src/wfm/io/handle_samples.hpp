// Observed handle times for the empirical handle-time distribution of `wfm simulate --aht-dist
// empirical`: a CSV with a column handle_s (seconds, > 0; other columns ignored), one sample a
// row, at most core::kMaxDurationS (a day) like an interval AHT. The simulation rescales the
// samples to each interval's AHT, so only their shape matters. Errors name file, line and column; a
// file without samples is an error. Tested in tests/unit/io/handle_samples_test.cpp.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace wfm::io {

// Reads the samples from `in`; `source` names it in messages.
std::vector<double> read_handle_samples(std::istream& in, const std::string& source);
// Opens `path` with io::open_input_file (its errors: not found, a directory, no permission) and
// reads it.
std::vector<double> load_handle_samples(const std::string& path);

}  // namespace wfm::io
