#include "dedup/exact.h"

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

struct ExactRecord {
  Hash128 hash;
  DocKey key;
  friend bool operator<(const ExactRecord& a, const ExactRecord& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.key < b.key;
  }
};

class ExactCollector : public PreparedCollector {
 public:
  Status Open(const TaskContext& ctx) {
    GHIRBAL_RETURN_IF_ERROR(log_.Open(ctx.work_dir, ctx.task));
    return hashes_.Open(TaskPath(ctx.work_dir, "exact", ctx.task));
  }
  Status Finish() override {
    GHIRBAL_RETURN_IF_ERROR(hashes_.Commit());
    return log_.Finish();
  }

 private:
  // The hash of each surviving document's normalized text.
  void PrepareDocuments(const std::vector<Document>& documents, std::vector<std::string>* prepared) const override {
    std::string normalized;
    for (size_t i = 0; i < documents.size(); ++i) {
      if (documents[i].rejected()) continue;
      NormalizeForDedup(documents[i].text, &normalized);
      const Hash128 hash = HashText128(normalized);
      (*prepared)[i].assign(reinterpret_cast<const char*>(&hash), sizeof(hash));
    }
  }
  Status CollectDocument(DocKey key, std::string_view prepared) override {
    ExactRecord record{{}, key};
    std::memcpy(&record.hash, prepared.data(), sizeof(record.hash));
    hashes_.WritePod(record);
    return Status::Ok();
  }

  BinaryWriter hashes_;
};

}  // namespace

Result<std::unique_ptr<GlobalStage::Collector>> ExactDedup::NewCollector(const TaskContext& ctx) const {
  auto c = std::make_unique<ExactCollector>();
  GHIRBAL_RETURN_IF_ERROR(c->Open(ctx));
  return std::unique_ptr<Collector>(std::move(c));
}

Status ExactDedup::Reduce(int phase, int shard, const TaskContext& ctx) const {
  Result<TaskManifests> manifests = ReadManifests(ctx.work_dir, ctx.tasks);
  if (!manifests.ok()) return manifests.status();
  ExternalSorter<ExactRecord> sorter(ctx.work_dir, "exact-sort", options_.sort_memory_bytes);
  for (int t = 0; t < ctx.tasks; ++t) {
    BinaryReader r;
    GHIRBAL_RETURN_IF_ERROR(r.Open(TaskPath(ctx.work_dir, "exact", t)));
    ExactRecord rec;
    while (r.ReadPod(&rec)) GHIRBAL_RETURN_IF_ERROR(sorter.Add(rec));
    GHIRBAL_RETURN_IF_ERROR(r.status());
  }
  // Groups of equal hashes arrive together, smallest key (first in input order) first.
  std::vector<DedupVerdict> verdicts;
  std::unordered_map<DocKey, std::string> kept_ids;
  size_t group_start = 0;
  Hash128 group_hash;
  auto close_group = [&] {
    const uint64_t size = verdicts.size() - group_start;
    if (size == 1) {
      verdicts.pop_back();
      return;
    }
    for (size_t i = group_start; i < verdicts.size(); ++i) verdicts[i].group_size = size;
    kept_ids[verdicts[group_start].kept];
  };
  GHIRBAL_RETURN_IF_ERROR(sorter.ForEachSorted([&](const ExactRecord& rec) {
    if (verdicts.size() == group_start || rec.hash != group_hash) {
      if (verdicts.size() > group_start) close_group();
      group_start = verdicts.size();
      group_hash = rec.hash;
      verdicts.push_back({rec.key, rec.key, 0, {}});
    } else {
      verdicts.push_back({rec.key, verdicts[group_start].kept, 0, {}});
    }
  }));
  if (verdicts.size() > group_start) close_group();
  GHIRBAL_RETURN_IF_ERROR(LookUpIds(ctx.work_dir, ctx.tasks, &kept_ids));
  for (DedupVerdict& v : verdicts) v.kept_id = kept_ids[v.kept];
  return WriteVerdicts(ctx.work_dir, *manifests, ctx.tasks, std::move(verdicts));
}

Result<std::unique_ptr<GlobalStage::Applier>> ExactDedup::NewApplier(const TaskContext& ctx) const {
  return NewVerdictApplier(ctx, [](Document& doc, const DedupVerdict& v) {
    if (v.kept == v.key) {
      doc.metadata.SetInt("exact_copies", static_cast<int64_t>(v.group_size));
    } else {
      doc.metadata.SetString("duplicate_of", v.kept_id);
      doc.Reject("exact", "exact_duplicate", JsonString(v.kept_id));
    }
  });
}

namespace {

Result<BuiltStage> MakeExact(StageOptions& options) {
  ExactOptions o;
  int64_t mb = options.GetInt("sort_memory_mb", static_cast<int64_t>(o.sort_memory_bytes >> 20));
  if (mb < 1) return Status::InvalidArgument("exact: sort_memory_mb must be >= 1");
  o.sort_memory_bytes = static_cast<uint64_t>(mb) << 20;
  BuiltStage built;
  built.global = std::make_unique<ExactDedup>(o);
  return built;
}

}  // namespace

GHIRBAL_REGISTER_STAGE("exact", "Drop documents whose normalized text appeared earlier in the run", MakeExact);

}  // namespace ghirbal::dedup
