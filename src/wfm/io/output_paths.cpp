#include "wfm/io/output_paths.hpp"

#include <filesystem>
#include <system_error>

#include "wfm/core/error.hpp"

namespace wfm::io {

namespace {

std::filesystem::path resolved(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return ec ? std::filesystem::absolute(path).lexically_normal() : p;
}

}  // namespace

void require_distinct_outputs(const std::vector<NamedPath>& inputs,
                              const std::vector<NamedPath>& outputs) {
  std::vector<std::pair<std::filesystem::path, const NamedPath*>> seen;
  for (const auto& in : inputs) {
    if (!in.path.empty()) seen.emplace_back(resolved(in.path), &in);
  }
  const std::size_t input_count = seen.size();
  for (const auto& out : outputs) {
    if (out.path.empty()) continue;
    const auto p = resolved(out.path);
    for (std::size_t k = 0; k < seen.size(); ++k) {
      WFM_REQUIRE(p != seen[k].first, core::at_flag(out.name),
                  "{} is the same file as {} ({}): choose another {}", out.path,
                  k < input_count ? "the input " + seen[k].second->name
                                  : "the output " + seen[k].second->name,
                  seen[k].second->path, k < input_count ? "output" : "name for one of them");
    }
    seen.emplace_back(p, &out);
  }
}

}  // namespace wfm::io
