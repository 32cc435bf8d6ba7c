// The live temporary files of this process, so that Ctrl-C (SIGINT) or a kill (SIGTERM, SIGHUP)
// does not leave ".name.tmp-PID-N" files behind.
//
// AtomicFileWriter adds its temporary file when it creates it and removes the entry once the file
// is renamed or deleted. install_temp_cleanup_on_signals() (called by the application, never by
// the library on its own) installs handlers that unlink(2) every registered path and _exit(2)
// with 128 + the signal number, as a shell reports a killed command.
//
// Why process-wide state: a signal handler gets no context argument, so what it cleans must be
// reachable from a static. This registry (TempFileRegistry::process()) is the one process-wide
// object in wfm; everything else is passed explicitly. Tests construct their own registries.
//
// Async-signal-safety (POSIX 2.4.3): the handler only reads lock-free atomics and fixed char
// arrays and calls unlink and _exit. A slot's path is copied in before its state becomes Live and
// the state is set back to Free after the file is gone, so the handler never reads a half-written
// path. When every slot is taken (64 live temporaries) a temporary is simply not registered: it is
// still removed on every normal path, only not on a signal. Tested in
// tests/unit/io/temp_registry_test.cpp (including a forked process killed by SIGTERM).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <string>

namespace wfm::io {

class TempFileRegistry {
 public:
  static constexpr std::size_t kSlots = 64;
  static constexpr std::size_t kPathBytes = 4096;  // PATH_MAX on Linux, with the NUL
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // The registry the signal handlers clean (created on first use).
  static TempFileRegistry& process();

  TempFileRegistry() = default;
  TempFileRegistry(const TempFileRegistry&) = delete;
  TempFileRegistry& operator=(const TempFileRegistry&) = delete;

  // Registers `path`; returns a token for remove(), or npos when the registry is full or the path
  // is too long (the file is then not cleaned on a signal).
  std::size_t add(const std::string& path) noexcept;
  // Forgets the entry (npos is ignored). Call after the file is renamed or deleted.
  void remove(std::size_t token) noexcept;
  // How many paths are registered.
  std::size_t live() const noexcept;
  // unlink(2)s every registered path and forgets it. Async-signal-safe.
  void unlink_all() noexcept;

 private:
  enum State : int { Free = 0, Claimed = 1, Live = 2 };
  struct Slot {
    std::atomic<int> state{Free};
    std::array<char, kPathBytes> path{};
  };
  static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs lock-free state");
  std::array<Slot, kSlots> slots_{};
};

// Installs SIGINT, SIGTERM and SIGHUP handlers that unlink TempFileRegistry::process()'s paths and
// _exit(128 + signal). Idempotent. Signals whose disposition is "ignore" (nohup) stay ignored.
void install_temp_cleanup_on_signals();

}  // namespace wfm::io
