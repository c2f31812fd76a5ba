// `minhash`: MinHash-LSH near-duplicate removal (FineWeb / datatrove style).
//
// Phases (each one's output is files in the stage's work directory, so every phase can run
// as a separate job and a rerun after a crash starts that phase over):
//   collect (per task)   signatures of the surviving documents (minhash_signature.h); writes,
//                        per band b, records (band hash, doc key) to `band-bb-T.bin`, and with
//                        `verify` the full signatures to `sig-T.bin`;
//   reduce 0 (per band)  sorts the band's records of every task (externally, within
//                        `sort_memory_bytes`) and writes `pairs-bb.bin`: for each run of equal
//                        band hashes, the pairs (first doc, other doc);
//   reduce 1 (1 shard)   union-find over every band's pairs (optionally dropping pairs whose
//                        signatures agree on fewer than `verify_threshold` of their values);
//                        a cluster's kept document is its first in input order; writes per
//                        task the verdicts of its clustered documents (`verdicts-T.bin`);
//   apply (per task)     rejects every clustered document but the kept one with reason
//                        `near_duplicate`, value {"cluster","kept"} and metadata
//                        `duplicate_of` (kept id) and `minhash_cluster` ("file:ordinal" of
//                        the kept document); the kept one gets `minhash_cluster` and
//                        `minhash_cluster_size`.
// Memory: collect and apply hold one document's signature (apply: the task's verdicts);
// reduce 0 holds at most the sort budget; reduce 1 holds the documents that are in candidate
// pairs, i.e. it grows with the duplicates, not with the corpus.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/stage.h"
#include "dedup/minhash_signature.h"

namespace ghirbal::dedup {

struct MinHashOptions {
  MinHashParams params;
  bool verify = false;            // check candidate pairs by estimated Jaccard before merging
  double verify_threshold = 0.7;  // minimum fraction of equal signature values when verifying
  uint64_t sort_memory_bytes = 512ull << 20;
};

class MinHashDedup : public GlobalStage {
 public:
  explicit MinHashDedup(const MinHashOptions& options) : options_(options), hasher_(options.params) {}
  std::string_view Name() const override { return "minhash"; }
  Result<std::unique_ptr<Collector>> NewCollector(const TaskContext& ctx) const override;
  int NumReducePhases() const override { return 2; }
  int ReduceShards(int phase) const override { return phase == 0 ? options_.params.bands : 1; }
  Status Reduce(int phase, int shard, const TaskContext& ctx) const override;
  Result<std::unique_ptr<Applier>> NewApplier(const TaskContext& ctx) const override;

  const MinHasher& hasher() const { return hasher_; }

 private:
  Status ReduceBand(int band, const TaskContext& ctx) const;
  Status ReduceClusters(const TaskContext& ctx) const;

  MinHashOptions options_;
  MinHasher hasher_;
};

}  // namespace ghirbal::dedup
