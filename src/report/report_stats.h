// ReportStats: what the run report needs to know about a run, gathered while it runs.
//
// Every part merges by addition (or by keeping the k smallest of a fixed priority), so the
// statistics of tasks run separately, on any machines, merge into exactly the statistics of
// one process over the same inputs. Every part is bounded: a sketch holds at most a few
// thousand buckets whatever the data, and the maps of keys drawn from the data (measurements,
// rules, languages) stop accepting new keys past a cap and count what they turned away.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ghirbal {

// A mergeable histogram of real values with bounded relative error (a DDSketch-like layout):
// a positive value v falls in bucket ceil(log(v) / log(kGamma)), a negative one in the mirror
// bucket, zero in its own count. Buckets are fixed up front, so two sketches merge by adding
// counts. Values are clamped to [1e-9, 1e15] in magnitude; NaN is ignored.
class ValueSketch {
 public:
  static constexpr double kGamma = 1.02;  // bucket width: 2% of the value

  // Adds `n` occurrences of `v`.
  void Add(double v, uint64_t n = 1);
  void Merge(const ValueSketch& other);

  uint64_t count() const { return count_; }
  double min() const { return min_; }  // meaningful when count() > 0
  double max() const { return max_; }
  double sum() const { return sum_; }
  double mean() const { return count_ == 0 ? 0 : sum_ / static_cast<double>(count_); }

  // Calls f(representative value, count) for every non-empty bucket, in increasing value.
  template <typename F>
  void ForEachBucket(F&& f) const {
    for (auto it = negative_.rbegin(); it != negative_.rend(); ++it) f(-BucketValue(it->first), it->second);
    if (zero_ > 0) f(0.0, zero_);
    for (const auto& [k, n] : positive_) f(BucketValue(k), n);
  }
  static double BucketValue(int32_t index);  // the value that represents bucket `index`

  void AppendJson(std::string* out) const;
  static Result<ValueSketch> FromJson(std::string_view json);

  bool operator==(const ValueSketch& o) const = default;

 private:
  std::map<int32_t, uint64_t> positive_, negative_;
  uint64_t zero_ = 0;
  uint64_t count_ = 0;
  double min_ = 0, max_ = 0, sum_ = 0;
};

// A measured value, split by the fate of the documents it was measured on.
struct Measure {
  ValueSketch kept, rejected;
  void Merge(const Measure& o) {
    kept.Merge(o.kept);
    rejected.Merge(o.rejected);
  }
  bool operator==(const Measure& o) const = default;
};

// One document shown as an example.
struct Example {
  uint64_t priority = 0;  // fixed-seed hash of the document's id: the sampling order
  std::string id, url, language;
  std::string stage, reason, value;  // the verdict, for a rejected document
  std::string snippet;                // the text's first few hundred characters, raw
  uint64_t chars = 0;                 // characters of the whole text
  bool operator==(const Example& o) const = default;
};

// A uniform sample of k examples, deterministic and mergeable: every document gets a priority
// from a seeded hash of its id, and the sample holds the k smallest (priority, id) pairs
// (bottom-k sampling: the same set whatever the task split or merge order).
class ExampleSample {
 public:
  explicit ExampleSample(size_t k = 5) : k_(k) {}
  // True when an example of this priority would enter the sample (test before building one).
  bool Wants(uint64_t priority) const;
  void Offer(Example e);
  void Merge(const ExampleSample& other);
  const std::vector<Example>& items() const { return items_; }  // by increasing priority
  size_t k() const { return k_; }
  bool operator==(const ExampleSample& o) const = default;

 private:
  size_t k_;
  std::vector<Example> items_;
};

// A duplicate cluster, as seen on the document kept for it.
struct ClusterExample {
  std::string kind;  // "minhash" (near duplicates) or "exact"
  std::string cluster, kept_id, url, snippet;
  uint64_t size = 0;
  bool operator==(const ClusterExample& o) const = default;
};

// A record that could not be read.
struct ErrorExample {
  uint64_t priority = 0;
  std::string file, reason;
  uint64_t offset = 0;
  bool operator==(const ErrorExample& o) const = default;
};

// When and where one (segment, task) ran.
struct TaskRecord {
  std::string prefix;  // "task-00003" or "task-00003.s1"
  int segment = 0;
  bool final_segment = true;
  std::string started, finished;  // UTC, ISO 8601
  double seconds = 0;
  uint64_t documents = 0;  // documents seen by this task's observer
  int threads = 0;         // worker threads; 0 when not recorded
  bool operator==(const TaskRecord& o) const = default;
};

struct LanguageCount {
  uint64_t documents = 0;
  double score_sum = 0;  // over the documents that had a score
  uint64_t scored = 0;
  bool operator==(const LanguageCount& o) const = default;
};

struct ReportLimits {
  size_t max_measures = 64;         // distinct numeric metadata fields
  size_t max_rules = 256;           // distinct (stage, reason) pairs
  size_t max_languages = 512;       // distinct languages (and scripts)
  size_t kept_examples = 8;
  size_t examples_per_rule = 5;
  size_t error_examples = 10;
  size_t largest_clusters = 10;
  size_t snippet_chars = 300;
};

struct ReportStats {
  // Documents whose fate this task decided (kept: survivors of the last segment).
  uint64_t kept = 0, rejected = 0, errors = 0;
  // Rules: "stage:reason" -> documents rejected, and the numeric values they measured.
  std::map<std::string, uint64_t> rejects;
  std::map<std::string, ValueSketch> reject_values;
  // Numeric metadata, "field" or "parent.field" (one nested level), over every document.
  std::map<std::string, Measure> measures;
  // Thresholds stages declared in metadata "<stage>_thresholds": {"<measure or reason>": x}.
  std::map<std::string, std::set<double>> declared_thresholds;
  Measure text_chars;  // text length in characters (code points)
  // Kept documents by language (with the mean of "language_score") and by script.
  std::map<std::string, LanguageCount> languages;
  std::map<std::string, uint64_t> scripts;
  // Dedup: kind ("minhash", "exact") -> cluster size -> clusters; the largest clusters.
  std::map<std::string, std::map<uint64_t, uint64_t>> cluster_sizes;
  std::vector<ClusterExample> largest_clusters;  // by size, descending
  ExampleSample kept_examples;
  std::map<std::string, ExampleSample> reject_examples;  // "stage:reason" -> sample
  std::vector<ErrorExample> error_examples;              // by priority
  // Values (or per-task entries, when merging) refused because a cap on distinct keys was
  // reached (the report says so).
  uint64_t dropped_keys = 0;
  std::vector<TaskRecord> tasks;

  void Merge(const ReportStats& other, const ReportLimits& limits = {});

  std::string ToJson() const;
  static Result<ReportStats> FromJson(std::string_view json);

  bool operator==(const ReportStats& o) const = default;
};

// Inserts `e` into the `limit` largest clusters kept in `top` (size descending, then cluster).
void OfferCluster(std::vector<ClusterExample>* top, ClusterExample e, size_t limit);
// Inserts `e` into the `limit` error examples of smallest priority kept in `sample`.
void OfferError(std::vector<ErrorExample>* sample, ErrorExample e, size_t limit);

}  // namespace ghirbal
