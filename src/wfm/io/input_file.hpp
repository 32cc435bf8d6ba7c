// Opening an input file with a clear error: the path, and why (a directory, not found, no
// permission), as core::InputError, so every loader says the same thing the same way.
#pragma once

#include <fstream>
#include <string>

namespace wfm::io {

// Opens `path` for binary reading. Throws core::InputError "path: cannot open the file: <reason>"
// when the path names no file (or "...: it is a directory"), core::IoError (exit 4) when the
// system refuses to open it (permission denied, an I/O error).
std::ifstream open_input_file(const std::string& path);

}  // namespace wfm::io
