#include "dedup/line_dedup.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/json.h"
#include "core/stage_registry.h"
#include "dedup/dedup_files.h"
#include "dedup/dedup_text.h"
#include "dedup/external_sort.h"

namespace ghirbal::dedup {
namespace {

// Where a unit is: document, then unit index within it; ordered as the input.
struct Position {
  DocKey key;
  uint64_t unit;
  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position&, const Position&) = default;
};

struct CountRecord {  // a collect run: counts of one task, sorted by hash
  uint64_t hash;
  uint64_t count;
  Position first;
  friend bool operator<(const CountRecord& a, const CountRecord& b) { return a.hash < b.hash; }
};

struct TaskCount {  // the reduce's merge: counts of every task
  uint64_t hash;
  uint64_t task;
  uint64_t count;
  Position first;
  friend bool operator<(const TaskCount& a, const TaskCount& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.task < b.task;
  }
};

struct Repeated {  // the reduce's output: a repeated unit present in a task
  uint64_t task;
  uint64_t hash;
  Position first;
  friend bool operator<(const Repeated& a, const Repeated& b) {
    return a.task != b.task ? a.task < b.task : a.hash < b.hash;
  }
};

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Calls fn(index, unit) for every unit of `text`, in order.
template <typename Fn>
void ForEachUnit(std::string_view text, bool paragraphs, Fn&& fn) {
  uint64_t index = 0;
  size_t pos = 0;
  if (!paragraphs) {
    while (pos <= text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      fn(index++, text.substr(pos, end - pos));
      pos = end + 1;
    }
    return;
  }
  auto blank = [](std::string_view line) {
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
  };
  size_t start = std::string_view::npos;  // start of the current paragraph
  size_t last_end = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (blank(text.substr(pos, end - pos))) {
      if (start != std::string_view::npos) fn(index++, text.substr(start, last_end - start));
      start = std::string_view::npos;
    } else {
      if (start == std::string_view::npos) start = pos;
      last_end = end;
    }
    pos = end + 1;
  }
  if (start != std::string_view::npos) fn(index++, text.substr(start, last_end - start));
}

class LineCollector : public PreparedCollector {
 public:
  LineCollector(const LineDedupOptions& o, const TaskContext& ctx) : options_(o), ctx_(ctx) {}
  Status Open() { return log_.Open(ctx_.work_dir, ctx_.task); }

  Status Finish() override {
    GHIRBAL_RETURN_IF_ERROR(Spill());
    return log_.Finish(runs_);
  }

 private:
  // Per surviving document: (unit index, hash of the normalized unit) of each unit long
  // enough to count.
  void PrepareDocuments(const std::vector<Document>& documents, std::vector<std::string>* prepared) const override {
    std::string normalized;
    for (size_t i = 0; i < documents.size(); ++i) {
      if (documents[i].rejected()) continue;
      std::string& out = (*prepared)[i];
      ForEachUnit(documents[i].text, options_.paragraphs, [&](uint64_t index, std::string_view unit) {
        NormalizeForDedup(unit, &normalized);
        if (CodePoints(normalized) < static_cast<size_t>(options_.min_length)) return;
        const UnitHash u{index, HashText64(normalized)};
        out.append(reinterpret_cast<const char*>(&u), sizeof(u));
      });
    }
  }

  Status CollectDocument(DocKey key, std::string_view prepared) override {
    for (size_t at = 0; at + sizeof(UnitHash) <= prepared.size(); at += sizeof(UnitHash)) {
      UnitHash u;
      std::memcpy(&u, prepared.data() + at, sizeof(u));
      const Position here{key, u.index};
      auto [it, inserted] = counts_.try_emplace(u.hash, Entry{0, here});
      ++it->second.count;
      it->second.first = std::min(it->second.first, here);  // whatever the arrival order
    }
    // ~64 bytes per entry with the hash table's own overhead.
    if (counts_.size() * 64 > options_.collect_memory_bytes) return Spill();
    return Status::Ok();
  }

  struct Entry {
    uint64_t count;
    Position first;
  };
  struct UnitHash {
    uint64_t index;
    uint64_t hash;
  };

  Status Spill() {
    std::vector<CountRecord> records;
    records.reserve(counts_.size());
    for (const auto& [hash, e] : counts_) records.push_back({hash, e.count, e.first});
    std::sort(records.begin(), records.end());
    BinaryWriter w;
    GHIRBAL_RETURN_IF_ERROR(w.Open(TaskPath(ctx_.work_dir, "lines-" + std::to_string(runs_), ctx_.task)));
    w.Write(records.data(), records.size() * sizeof(CountRecord));
    GHIRBAL_RETURN_IF_ERROR(w.Commit());
    ++runs_;
    counts_.clear();
    return Status::Ok();
  }

  const LineDedupOptions& options_;
  TaskContext ctx_;
  std::unordered_map<uint64_t, Entry> counts_;
  uint32_t runs_ = 0;
};

class LineApplier : public GlobalStage::Applier {
 public:
  LineApplier(const LineDedupOptions& o, std::vector<Repeated> repeated) : options_(o), repeated_(std::move(repeated)) {}

  void Apply(Batch& batch) const override {
    std::string normalized;  // scratch, per call: batches are applied concurrently
    for (Document& doc : batch.documents) {
      if (!doc.rejected()) ApplyDocument(doc, &normalized);
    }
  }

 private:
  void ApplyDocument(Document& doc, std::string* normalized) const {
    Result<DocKey> key = KeyOf(doc.origin);
    if (!key.ok() || repeated_.empty()) return;
    const std::string_view separator = options_.paragraphs ? "\n\n" : "\n";
    std::string kept;
    uint64_t removed = 0;
    size_t chars = 0, removed_chars = 0;  // code points of normalized units
    size_t kept_chars = 0, kept_nonempty = 0;
    bool first_kept = true;
    ForEachUnit(doc.text, options_.paragraphs, [&](uint64_t index, std::string_view unit) {
      NormalizeForDedup(unit, normalized);
      const size_t unit_chars = CodePoints(*normalized);
      chars += unit_chars;
      if (IsRemoved(*normalized, unit_chars, {*key, index})) {
        ++removed;
        removed_chars += unit_chars;
        return;
      }
      if (!first_kept) kept += separator;
      kept += unit;
      first_kept = false;
      kept_chars += unit_chars;
      kept_nonempty += unit_chars > 0;
    });
    if (removed == 0) return;
    doc.metadata.SetInt("line_dedup_removed", static_cast<int64_t>(removed));
    // The kept text's normalized length without normalizing it again: the separators are white
    // space, which normalization turns into one space between non-empty units, and a line
    // break blocks composition across it, so units normalize independently.
    const size_t left = kept_chars + (kept_nonempty > 0 ? kept_nonempty - 1 : 0);
    if (left < static_cast<size_t>(options_.min_remaining_chars)) {
      doc.Reject("line_dedup", "line_dedup_too_short", std::to_string(left));
      return;
    }
    const double fraction = static_cast<double>(removed_chars) / static_cast<double>(chars);
    if (fraction > options_.max_removed_fraction) {
      std::string value;
      AppendJsonNumber(&value, std::round(fraction * 10000) / 10000);
      doc.Reject("line_dedup", "line_dedup_mostly_repeated", value);
      return;
    }
    doc.text = std::move(kept);
  }

  // Whether the unit whose normalized text is `normalized` (`chars` code points) goes.
  bool IsRemoved(std::string_view normalized, size_t chars, const Position& here) const {
    if (chars < static_cast<size_t>(options_.min_length)) return false;
    const uint64_t hash = HashText64(normalized);
    auto it = std::lower_bound(repeated_.begin(), repeated_.end(), hash,
                               [](const Repeated& r, uint64_t h) { return r.hash < h; });
    if (it == repeated_.end() || it->hash != hash) return false;
    return !(options_.keep_first && it->first == here);
  }

  const LineDedupOptions& options_;
  std::vector<Repeated> repeated_;  // this task's, sorted by hash
};

}  // namespace

Result<std::unique_ptr<GlobalStage::Collector>> LineDedup::NewCollector(const TaskContext& ctx) const {
  auto c = std::make_unique<LineCollector>(options_, ctx);
  GHIRBAL_RETURN_IF_ERROR(c->Open());
  return std::unique_ptr<Collector>(std::move(c));
}

Status LineDedup::Reduce(int phase, int shard, const TaskContext& ctx) const {
  Result<TaskManifests> manifests = ReadManifests(ctx.work_dir, ctx.tasks);
  if (!manifests.ok()) return manifests.status();
  ExternalSorter<TaskCount> counts(ctx.work_dir, "lines-sort", options_.sort_memory_bytes);
  for (int t = 0; t < ctx.tasks; ++t) {
    for (uint32_t run = 0; run < manifests->runs[t]; ++run) {
      BinaryReader r;
      GHIRBAL_RETURN_IF_ERROR(r.Open(TaskPath(ctx.work_dir, "lines-" + std::to_string(run), t)));
      CountRecord rec;
      while (r.ReadPod(&rec)) {
        GHIRBAL_RETURN_IF_ERROR(counts.Add({rec.hash, static_cast<uint64_t>(t), rec.count, rec.first}));
      }
      GHIRBAL_RETURN_IF_ERROR(r.status());
    }
  }
  ExternalSorter<Repeated> repeated(ctx.work_dir, "repeated-sort", options_.sort_memory_bytes);
  std::vector<TaskCount> group;  // records of one hash
  Status status;
  auto close_group = [&] {
    uint64_t total = 0;
    Position first = group[0].first;
    for (const TaskCount& c : group) {
      total += c.count;
      first = std::min(first, c.first);
    }
    if (total > options_.max_occurrences) {
      uint64_t last_task = ~0ull;
      for (const TaskCount& c : group) {
        if (c.task == last_task) continue;
        last_task = c.task;
        if (status.ok()) status = repeated.Add({c.task, c.hash, first});
      }
    }
    group.clear();
  };
  GHIRBAL_RETURN_IF_ERROR(counts.ForEachSorted([&](const TaskCount& c) {
    if (!group.empty() && group[0].hash != c.hash) close_group();
    group.push_back(c);
  }));
  if (!group.empty()) close_group();
  GHIRBAL_RETURN_IF_ERROR(status);

  std::vector<std::unique_ptr<BinaryWriter>> writers;  // opened in task order as records come
  auto open_until = [&](uint64_t task) -> Status {
    while (writers.size() <= task) {
      if (!writers.empty()) GHIRBAL_RETURN_IF_ERROR(writers.back()->Commit());
      writers.push_back(std::make_unique<BinaryWriter>());
      GHIRBAL_RETURN_IF_ERROR(writers.back()->Open(TaskPath(ctx.work_dir, "repeated", static_cast<int>(writers.size() - 1))));
    }
    return Status::Ok();
  };
  GHIRBAL_RETURN_IF_ERROR(repeated.ForEachSorted([&](const Repeated& r) {
    if (!status.ok()) return;
    status = open_until(r.task);
    if (status.ok()) writers.back()->WritePod(r);
  }));
  GHIRBAL_RETURN_IF_ERROR(status);
  GHIRBAL_RETURN_IF_ERROR(open_until(static_cast<uint64_t>(ctx.tasks)));  // the remaining, empty
  return Status::Ok();
}

Result<std::unique_ptr<GlobalStage::Applier>> LineDedup::NewApplier(const TaskContext& ctx) const {
  std::vector<Repeated> repeated;
  GHIRBAL_RETURN_IF_ERROR(ReadRecords(TaskPath(ctx.work_dir, "repeated", ctx.task), &repeated));
  return std::unique_ptr<Applier>(std::make_unique<LineApplier>(options_, std::move(repeated)));
}

namespace {

Result<BuiltStage> MakeLineDedup(StageOptions& options) {
  LineDedupOptions o;
  const std::string unit = options.GetString("unit", "line");
  if (unit != "line" && unit != "paragraph") return Status::InvalidArgument("line_dedup: unit must be line or paragraph");
  o.paragraphs = unit == "paragraph";
  o.min_length = static_cast<int>(options.GetInt("min_length", o.min_length));
  const int64_t max_occurrences = options.GetInt("max_occurrences", static_cast<int64_t>(o.max_occurrences));
  o.keep_first = options.GetBool("keep_first", o.keep_first);
  o.min_remaining_chars = static_cast<int>(options.GetInt("min_remaining_chars", o.min_remaining_chars));
  o.max_removed_fraction = options.GetDouble("max_removed_fraction", o.max_removed_fraction);
  const int64_t collect_mb = options.GetInt("collect_memory_mb", static_cast<int64_t>(o.collect_memory_bytes >> 20));
  const int64_t sort_mb = options.GetInt("sort_memory_mb", static_cast<int64_t>(o.sort_memory_bytes >> 20));
  if (o.min_length < 0 || o.min_remaining_chars < 0) {
    return Status::InvalidArgument("line_dedup: min_length and min_remaining_chars must be >= 0");
  }
  if (!(o.max_removed_fraction >= 0 && o.max_removed_fraction <= 1)) {
    return Status::InvalidArgument("line_dedup: max_removed_fraction must be between 0 and 1");
  }
  if (max_occurrences < 1) return Status::InvalidArgument("line_dedup: max_occurrences must be >= 1");
  if (collect_mb < 1 || sort_mb < 1) return Status::InvalidArgument("line_dedup: memory budgets must be >= 1 MiB");
  o.max_occurrences = static_cast<uint64_t>(max_occurrences);
  o.collect_memory_bytes = static_cast<uint64_t>(collect_mb) << 20;
  o.sort_memory_bytes = static_cast<uint64_t>(sort_mb) << 20;
  BuiltStage built;
  built.global = std::make_unique<LineDedup>(o);
  return built;
}

}  // namespace

GHIRBAL_REGISTER_STAGE("line_dedup", "Remove lines or paragraphs repeated across the run (keeps the first occurrence)",
                       MakeLineDedup);

}  // namespace ghirbal::dedup
