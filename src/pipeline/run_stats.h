// RunStats: the accounting of a run, written to stats.json.
//
// The invariant every run keeps: documents read = kept + rejected + errors. Per stage, the
// documents that entered, left and were dropped (by reason), their bytes and the time spent.
// Stats of tasks and phases merge by addition, so a run split across tasks or machines adds up
// to the same numbers as one process.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "io/document_reader.h"

namespace ghirbal {

struct StageStats {
  std::string name;
  uint64_t documents_in = 0;
  uint64_t documents_out = 0;
  std::map<std::string, uint64_t> dropped;  // reason -> count
  uint64_t bytes_in = 0;   // text + raw bytes of the documents that entered
  uint64_t bytes_out = 0;  // of the documents that left
  double seconds = 0;      // summed over threads
  void Merge(const StageStats& other);
  uint64_t dropped_total() const;
};

struct RunStats {
  uint64_t files = 0;
  uint64_t documents_read = 0;  // documents produced by readers + read errors
  uint64_t kept = 0;
  uint64_t rejected = 0;
  uint64_t errors = 0;
  InputCounters input;
  std::vector<StageStats> stages;  // in pipeline order
  double seconds = 0;              // wall time

  // Adds `other`; stages are matched by position (both come from the same pipeline).
  void Merge(const RunStats& other);
  bool Balanced() const { return documents_read == kept + rejected + errors; }

  std::string ToJson() const;
  static Result<RunStats> FromJson(std::string_view json);
};

Status WriteFileAtomically(const std::string& path, std::string_view contents);
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace ghirbal
