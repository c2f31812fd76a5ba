// Progress: counters the executor bumps as it goes, and the live line drawn from them on a
// terminal. Nothing is printed when stderr is not a terminal.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace ghirbal {

struct ProgressCounters {
  std::atomic<uint64_t> parts_done{0};
  std::atomic<uint64_t> documents{0};
  std::atomic<uint64_t> kept{0};
  std::atomic<uint64_t> bytes{0};  // input bytes of finished parts
  uint64_t parts_total = 0;
  uint64_t bytes_total = 0;
  const char* unit = "files";  // what a part is: "files", or "parts" when files are cut
};

class ProgressLine {
 public:
  // Starts drawing on stderr every half second if `enabled` and stderr is a terminal.
  ProgressLine(const ProgressCounters* counters, bool enabled);
  ~ProgressLine();  // stops and clears the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  void Loop();
  const ProgressCounters* counters_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace ghirbal
