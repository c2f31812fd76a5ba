// `line_dedup`: removes lines (or paragraphs) repeated across the run, cc_net style, so site
// templates, navigation and repeated disclaimers vanish from the documents that carry them.
//
// A unit is a line (split at '\n') or, with `unit: paragraph`, a run of non-blank lines
// (split at blank lines). Units whose normalized text (dedup_text.h) is shorter than
// `min_length` code points are never touched. A unit is repeated when its normalized text
// (64-bit XXH3) occurs more than `max_occurrences` times in the run; every occurrence of a
// repeated unit is removed except, with `keep_first`, the first in input order.
//   collect (per task)  counts units per hash with the position of the first occurrence,
//                       spilling sorted runs (`lines-R-T.bin`) when the counts outgrow
//                       `collect_memory_bytes`;
//   reduce (1 shard)    merges every task's counts (externally sorted within
//                       `sort_memory_bytes`) and writes, per task, the repeated hashes that
//                       task contains with their first position (`repeated-T.bin`);
//   apply (per task)    removes the repeated units, joins the rest with the separator ('\n',
//                       or "\n\n" for paragraphs) and records metadata `line_dedup_removed`
//                       (units removed). A document that had units removed and has fewer than
//                       `min_remaining_chars` code points of normalized text left is rejected
//                       with reason `line_dedup_too_short` (value: what is left); one that lost
//                       more than `max_removed_fraction` of its normalized code points is
//                       rejected with reason `line_dedup_mostly_repeated` (value: the fraction):
//                       most of it is kept elsewhere, as with a syndicated article under another
//                       site's header and footer, whose remnant minhash could not recognize.
//                       Rejected documents keep their original text for the rejected output.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/stage.h"

namespace ghirbal::dedup {

struct LineDedupOptions {
  bool paragraphs = false;
  int min_length = 20;
  uint64_t max_occurrences = 1;
  bool keep_first = true;
  int min_remaining_chars = 50;
  double max_removed_fraction = 0.8;  // 1 = never reject for what was removed
  uint64_t collect_memory_bytes = 256ull << 20;
  uint64_t sort_memory_bytes = 512ull << 20;
};

class LineDedup : public GlobalStage {
 public:
  explicit LineDedup(const LineDedupOptions& options) : options_(options) {}
  std::string_view Name() const override { return "line_dedup"; }
  Result<std::unique_ptr<Collector>> NewCollector(const TaskContext& ctx) const override;
  Status Reduce(int phase, int shard, const TaskContext& ctx) const override;
  Result<std::unique_ptr<Applier>> NewApplier(const TaskContext& ctx) const override;

 private:
  LineDedupOptions options_;
};

}  // namespace ghirbal::dedup
