#include "wfm/io/temp_registry.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstring>

namespace wfm::io {

TempFileRegistry& TempFileRegistry::process() {
  static TempFileRegistry registry;
  return registry;
}

std::size_t TempFileRegistry::add(const std::string& path) noexcept {
  if (path.empty() || path.size() >= kPathBytes) return npos;
  for (std::size_t i = 0; i < kSlots; ++i) {
    int expected = Free;
    if (slots_[i].state.compare_exchange_strong(expected, Claimed, std::memory_order_acquire)) {
      std::memcpy(slots_[i].path.data(), path.c_str(), path.size() + 1);
      slots_[i].state.store(Live, std::memory_order_release);
      return i;
    }
  }
  return npos;
}

void TempFileRegistry::remove(std::size_t token) noexcept {
  if (token >= kSlots) return;
  slots_[token].state.store(Free, std::memory_order_release);
}

std::size_t TempFileRegistry::live() const noexcept {
  std::size_t n = 0;
  for (const auto& slot : slots_) n += slot.state.load(std::memory_order_acquire) == Live ? 1 : 0;
  return n;
}

void TempFileRegistry::unlink_all() noexcept {
  for (auto& slot : slots_) {
    int expected = Live;
    if (slot.state.compare_exchange_strong(expected, Claimed, std::memory_order_acquire)) {
      ::unlink(slot.path.data());
      slot.state.store(Free, std::memory_order_release);
    }
  }
}

namespace {

extern "C" void cleanup_and_exit(int signal_number) {
  TempFileRegistry::process().unlink_all();
  ::_exit(128 + signal_number);
}

}  // namespace

void install_temp_cleanup_on_signals() {
  (void)TempFileRegistry::process();  // constructed now, not inside the handler
  for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    struct sigaction action {};
    action.sa_handler = cleanup_and_exit;
    sigemptyset(&action.sa_mask);
    sigaddset(&action.sa_mask, SIGINT);
    sigaddset(&action.sa_mask, SIGTERM);
    sigaddset(&action.sa_mask, SIGHUP);
    action.sa_flags = 0;
    ::sigaction(sig, &action, nullptr);
  }
}

}  // namespace wfm::io
