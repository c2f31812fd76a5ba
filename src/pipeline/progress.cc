#include "pipeline/progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace ghirbal {

ProgressLine::ProgressLine(const ProgressCounters* counters, bool enabled) : counters_(counters) {
  if (enabled && isatty(STDERR_FILENO)) thread_ = std::thread([this] { Loop(); });
}

ProgressLine::~ProgressLine() {
  if (!thread_.joinable()) return;
  stop_ = true;
  thread_.join();
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

void ProgressLine::Loop() {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  while (!stop_) {
    for (int i = 0; i < 5 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    double secs = std::chrono::duration<double>(Clock::now() - start).count();
    if (secs <= 0) continue;
    uint64_t docs = counters_->documents.load();
    uint64_t bytes = counters_->bytes.load();
    double mbps = bytes / 1e6 / secs;
    char eta[32] = "?";
    if (bytes > 0 && counters_->bytes_total > bytes) {
      double left = (counters_->bytes_total - bytes) / (bytes / secs);
      std::snprintf(eta, sizeof eta, "%.0fs", left);
    } else if (counters_->bytes_total > 0 && bytes >= counters_->bytes_total) {
      std::snprintf(eta, sizeof eta, "0s");
    }
    std::fprintf(stderr, "\r\033[K%s %llu/%llu  docs %llu (kept %llu)  %.1f MB/s  %.0f docs/s  ETA %s",
                 counters_->unit, static_cast<unsigned long long>(counters_->parts_done.load()),
                 static_cast<unsigned long long>(counters_->parts_total),
                 static_cast<unsigned long long>(docs),
                 static_cast<unsigned long long>(counters_->kept.load()), mbps, docs / secs, eta);
    std::fflush(stderr);
  }
}

}  // namespace ghirbal
