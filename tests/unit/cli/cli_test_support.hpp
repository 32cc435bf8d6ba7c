// Helpers shared by the tests of the wfm commands in tests/unit/cli (header-only): running
// `wfm args...` through wfm::cli::run with std::cout and std::cerr captured, `--json` runs, file
// reading and writing, a per-process temporary directory, and a plain CSV reader.
#pragma once

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/app.hpp"
#include "support/temp_dir.hpp"
#include "wfm/io/number.hpp"

namespace wfm::cli::test {

struct RunResult {
  int code;
  std::string out;
  std::string err;
};

// Runs `wfm args...` capturing std::cout and std::cerr.
inline RunResult run_wfm(std::vector<std::string> args) {
  args.insert(args.begin(), "wfm");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::ostringstream out, err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  int code = 0;
  try {
    code = wfm::cli::run(static_cast<int>(argv.size()), argv.data());
  } catch (...) {
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    throw;
  }
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return RunResult{code, out.str(), err.str()};
}

// Runs `wfm args... --json` and parses stdout; requires exit code 0 and nothing on stderr.
inline nlohmann::json run_json(std::vector<std::string> args) {
  args.push_back("--json");
  const auto r = run_wfm(args);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.err.empty());
  return nlohmann::json::parse(r.out);
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

using wfm::test::TempDir;

// A CSV as header -> column index and rows of fields (simple: no quoting needed in these files).
struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t col(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    FAIL("no column " << name);
    return 0;
  }
  double num(std::size_t row, const std::string& name) const {
    const auto v = wfm::io::parse_double(rows.at(row).at(col(name)));
    REQUIRE(v.has_value());
    return *v;
  }
  const std::string& text(std::size_t row, const std::string& name) const {
    return rows.at(row).at(col(name));
  }
};

// Reads a CSV file; every row must have as many fields as the header.
inline Csv read_csv(const std::filesystem::path& p) {
  Csv csv;
  std::istringstream in(slurp(p));
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream ls(line);
    while (std::getline(ls, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    if (first) {
      csv.header = fields;
      first = false;
    } else {
      REQUIRE(fields.size() == csv.header.size());
      csv.rows.push_back(fields);
    }
  }
  return csv;
}

}  // namespace wfm::cli::test
