// ReportCollector: gathers ReportStats from the batches a task writes.
//
// The runner calls a RunObserver per (segment, task) on its writer thread, in input order; this
// module registers one (see report_collector.cc) that feeds a ReportCollector and, at the end
// of the task, writes DIR/report/<task_prefix>-report.json. Each document is counted once: when
// a segment rejects it, or when it survives the last segment (earlier segments' survivors are
// intermediate and are seen again by the next segment).
//
// The cost per document is a pass over its metadata entries, a hash of its id, and a count of
// its text's characters; examples are copied only when they enter a sample.
//
// Not thread-safe: one collector per task, fed from one thread.
#pragma once

#include <cstdint>
#include <string>

#include "core/batch.h"
#include "report/report_stats.h"

namespace ghirbal {

struct CollectorOptions {
  bool final_segment = true;  // survivors of this segment are kept documents
  uint64_t seed = 0x6768697262616cull;  // the examples' sampling seed ("ghirbal")
  ReportLimits limits;
};

class ReportCollector {
 public:
  explicit ReportCollector(CollectorOptions options = {});

  void Observe(const Batch& batch);
  const ReportStats& stats() const { return stats_; }
  ReportStats& mutable_stats() { return stats_; }

 private:
  void ObserveDocument(const Document& doc);
  void AddMeasures(const Document& doc, bool kept);
  void AddMeasure(const std::string& key, double value, bool kept);
  Example MakeExample(const Document& doc, uint64_t priority) const;

  CollectorOptions options_;
  ReportStats stats_;
};

// The current time, UTC, ISO 8601 ("2026-11-27T04:30:00Z").
std::string UtcTimestampNow();

// Number of Unicode code points in UTF-8 text (ill-formed bytes count one each).
uint64_t CountCharacters(std::string_view text);
// The first `max_chars` characters of `text` (never a split sequence), made valid UTF-8.
std::string Snippet(std::string_view text, size_t max_chars);

}  // namespace ghirbal
