// `exact`: drops documents whose normalized text (dedup_text.h) was seen earlier in the run.
//
// Collect (per task) writes a 128-bit XXH3 hash of each surviving document's normalized text
// with its key; the reduce (one phase, one shard) sorts all hashes of the run (externally,
// within `sort_memory_mb`) and keeps, for every hash seen more than once, the first document
// in input order; apply rejects the others with reason `exact_duplicate`, value and metadata
// `duplicate_of` = the kept document's id. The kept copy gets metadata `exact_copies` (the
// number of documents with its text, itself included). The verdict does not depend on the
// thread count or on how the input is split into tasks.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/stage.h"

namespace ghirbal::dedup {

struct ExactOptions {
  uint64_t sort_memory_bytes = 512ull << 20;  // reduce: records sorted in memory before spilling
};

class ExactDedup : public GlobalStage {
 public:
  explicit ExactDedup(ExactOptions options) : options_(options) {}
  std::string_view Name() const override { return "exact"; }
  Result<std::unique_ptr<Collector>> NewCollector(const TaskContext& ctx) const override;
  Status Reduce(int phase, int shard, const TaskContext& ctx) const override;
  Result<std::unique_ptr<Applier>> NewApplier(const TaskContext& ctx) const override;

 private:
  ExactOptions options_;
};

}  // namespace ghirbal::dedup
