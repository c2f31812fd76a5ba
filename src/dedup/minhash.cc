#include "dedup/minhash.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/json.h"
#include "core/stage_registry.h"
#include "dedup/dedup_files.h"
#include "dedup/external_sort.h"

namespace ghirbal::dedup {
namespace {

struct BandRecord {
  uint64_t hash;
  DocKey key;
  friend bool operator<(const BandRecord& a, const BandRecord& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.key < b.key;
  }
};

struct Pair {
  DocKey first;
  DocKey second;
};

std::string BandName(std::string_view what, int band) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%s-%02d", std::string(what).c_str(), band);
  return buf;
}

class MinHashCollector : public PreparedCollector {
 public:
  MinHashCollector(const MinHasher& hasher, bool write_signatures) : hasher_(hasher), write_signatures_(write_signatures) {}

  Status Open(const TaskContext& ctx) {
    GHIRBAL_RETURN_IF_ERROR(log_.Open(ctx.work_dir, ctx.task));
    bands_.resize(hasher_.params().bands);
    for (size_t b = 0; b < bands_.size(); ++b) {
      bands_[b] = std::make_unique<BinaryWriter>();
      GHIRBAL_RETURN_IF_ERROR(bands_[b]->Open(TaskPath(ctx.work_dir, BandName("band", static_cast<int>(b)), ctx.task)));
    }
    if (write_signatures_) GHIRBAL_RETURN_IF_ERROR(signatures_.Open(TaskPath(ctx.work_dir, "sig", ctx.task)));
    return Status::Ok();
  }

  Status Finish() override {
    for (auto& w : bands_) GHIRBAL_RETURN_IF_ERROR(w->Commit());
    if (write_signatures_) GHIRBAL_RETURN_IF_ERROR(signatures_.Commit());
    return log_.Finish();
  }

 private:
  // Per surviving document with words: its band hashes, then (with `verify`) its signature.
  void PrepareDocuments(const std::vector<Document>& documents, std::vector<std::string>* prepared) const override {
    MinHasher::Scratch scratch;
    std::vector<uint32_t> signature;
    const int bands = hasher_.params().bands;
    for (size_t i = 0; i < documents.size(); ++i) {
      const Document& doc = documents[i];
      if (doc.rejected() || !hasher_.Signature(doc.text, &scratch, &signature)) continue;  // no words
      std::string& out = (*prepared)[i];
      out.resize(bands * sizeof(uint64_t) + (write_signatures_ ? signature.size() * sizeof(uint32_t) : 0));
      for (int b = 0; b < bands; ++b) {
        const uint64_t hash = hasher_.BandHash(signature.data(), b);
        std::memcpy(out.data() + b * sizeof(uint64_t), &hash, sizeof(hash));
      }
      if (write_signatures_) {
        std::memcpy(out.data() + bands * sizeof(uint64_t), signature.data(), signature.size() * sizeof(uint32_t));
      }
    }
  }

  Status CollectDocument(DocKey key, std::string_view prepared) override {
    if (prepared.empty()) return Status::Ok();  // no words
    for (size_t b = 0; b < bands_.size(); ++b) {
      uint64_t hash;
      std::memcpy(&hash, prepared.data() + b * sizeof(uint64_t), sizeof(hash));
      bands_[b]->WritePod(BandRecord{hash, key});
    }
    if (write_signatures_) {
      signatures_.WritePod(key);
      signatures_.Write(prepared.data() + bands_.size() * sizeof(uint64_t), prepared.size() - bands_.size() * sizeof(uint64_t));
    }
    return Status::Ok();
  }

  const MinHasher& hasher_;
  bool write_signatures_;
  std::vector<std::unique_ptr<BinaryWriter>> bands_;
  BinaryWriter signatures_;
};

// Union-find whose root is always the smallest key of its set (the document kept).
// Iterative with path halving: no recursion, whatever the chain length.
class UnionFind {
 public:
  uint32_t Node(DocKey key) {
    auto [it, inserted] = index_.try_emplace(key, static_cast<uint32_t>(keys_.size()));
    if (inserted) {
      keys_.push_back(key);
      parent_.push_back(it->second);
    }
    return it->second;
  }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (keys_[b] < keys_[a]) std::swap(a, b);
    parent_[b] = a;
  }
  size_t size() const { return keys_.size(); }
  DocKey key(uint32_t x) const { return keys_[x]; }
  const std::unordered_map<DocKey, uint32_t>& index() const { return index_; }

 private:
  std::unordered_map<DocKey, uint32_t> index_;
  std::vector<DocKey> keys_;
  std::vector<uint32_t> parent_;
};

template <typename Fn>
Status ForEachPair(const std::string& work_dir, int bands, Fn&& fn) {
  for (int b = 0; b < bands; ++b) {
    BinaryReader r;
    GHIRBAL_RETURN_IF_ERROR(r.Open(work_dir + "/" + BandName("pairs", b) + ".bin"));
    Pair p;
    while (r.ReadPod(&p)) fn(p);
    GHIRBAL_RETURN_IF_ERROR(r.status());
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<GlobalStage::Collector>> MinHashDedup::NewCollector(const TaskContext& ctx) const {
  auto c = std::make_unique<MinHashCollector>(hasher_, options_.verify);
  GHIRBAL_RETURN_IF_ERROR(c->Open(ctx));
  return std::unique_ptr<Collector>(std::move(c));
}

Status MinHashDedup::Reduce(int phase, int shard, const TaskContext& ctx) const {
  if (phase == 0 && shard >= 0 && shard < options_.params.bands) return ReduceBand(shard, ctx);
  if (phase == 1 && shard == 0) return ReduceClusters(ctx);
  return Status::InvalidArgument("minhash: no reduce phase " + std::to_string(phase) + " shard " + std::to_string(shard));
}

Status MinHashDedup::ReduceBand(int band, const TaskContext& ctx) const {
  GHIRBAL_RETURN_IF_ERROR(ReadManifests(ctx.work_dir, ctx.tasks).status());
  ExternalSorter<BandRecord> sorter(ctx.work_dir, BandName("band-sort", band), options_.sort_memory_bytes);
  for (int t = 0; t < ctx.tasks; ++t) {
    BinaryReader r;
    GHIRBAL_RETURN_IF_ERROR(r.Open(TaskPath(ctx.work_dir, BandName("band", band), t)));
    BandRecord rec;
    while (r.ReadPod(&rec)) GHIRBAL_RETURN_IF_ERROR(sorter.Add(rec));
    GHIRBAL_RETURN_IF_ERROR(r.status());
  }
  BinaryWriter out;
  GHIRBAL_RETURN_IF_ERROR(out.Open(ctx.work_dir + "/" + BandName("pairs", band) + ".bin"));
  bool have = false;
  BandRecord first{};
  GHIRBAL_RETURN_IF_ERROR(sorter.ForEachSorted([&](const BandRecord& rec) {
    if (have && rec.hash == first.hash) {
      out.WritePod(Pair{first.key, rec.key});
    } else {
      first = rec;
      have = true;
    }
  }));
  return out.Commit();
}

Status MinHashDedup::ReduceClusters(const TaskContext& ctx) const {
  Result<TaskManifests> manifests = ReadManifests(ctx.work_dir, ctx.tasks);
  if (!manifests.ok()) return manifests.status();
  const int bands = options_.params.bands;
  UnionFind uf;
  if (!options_.verify) {
    GHIRBAL_RETURN_IF_ERROR(ForEachPair(ctx.work_dir, bands, [&](const Pair& p) { uf.Union(uf.Node(p.first), uf.Node(p.second)); }));
  } else {
    // Signatures of the documents in candidate pairs only.
    GHIRBAL_RETURN_IF_ERROR(ForEachPair(ctx.work_dir, bands, [&](const Pair& p) {
      uf.Node(p.first);
      uf.Node(p.second);
    }));
    const size_t k = options_.params.signature_size();
    std::vector<uint32_t> signatures(uf.size() * k);
    std::vector<uint32_t> sig(k);
    for (int t = 0; t < ctx.tasks; ++t) {
      BinaryReader r;
      GHIRBAL_RETURN_IF_ERROR(r.Open(TaskPath(ctx.work_dir, "sig", t)));
      DocKey key;
      while (r.ReadPod(&key) && r.Read(sig.data(), k * sizeof(uint32_t))) {
        auto it = uf.index().find(key);
        if (it != uf.index().end()) std::copy(sig.begin(), sig.end(), signatures.begin() + it->second * k);
      }
      GHIRBAL_RETURN_IF_ERROR(r.status());
    }
    const size_t needed = static_cast<size_t>(options_.verify_threshold * k + 0.999999);
    GHIRBAL_RETURN_IF_ERROR(ForEachPair(ctx.work_dir, bands, [&](const Pair& p) {
      uint32_t a = uf.Node(p.first), b = uf.Node(p.second);
      const uint32_t* sa = &signatures[a * k];
      const uint32_t* sb = &signatures[b * k];
      size_t equal = 0;
      for (size_t i = 0; i < k; ++i) equal += sa[i] == sb[i];
      if (equal >= needed) uf.Union(a, b);
    }));
  }
  std::vector<uint64_t> sizes(uf.size(), 0);
  for (uint32_t x = 0; x < uf.size(); ++x) ++sizes[uf.Find(x)];
  std::unordered_map<DocKey, std::string> kept_ids;
  std::vector<DedupVerdict> verdicts;
  for (uint32_t x = 0; x < uf.size(); ++x) {
    uint32_t root = uf.Find(x);
    if (sizes[root] < 2) continue;  // verification split it off
    verdicts.push_back({uf.key(x), uf.key(root), sizes[root], {}});
    kept_ids[uf.key(root)];
  }
  GHIRBAL_RETURN_IF_ERROR(LookUpIds(ctx.work_dir, ctx.tasks, &kept_ids));
  for (DedupVerdict& v : verdicts) v.kept_id = kept_ids[v.kept];
  return WriteVerdicts(ctx.work_dir, *manifests, ctx.tasks, std::move(verdicts));
}

Result<std::unique_ptr<GlobalStage::Applier>> MinHashDedup::NewApplier(const TaskContext& ctx) const {
  return NewVerdictApplier(ctx, [](Document& doc, const DedupVerdict& v) {
    // Named by its kept document's id: input positions depend on how the input was cut into
    // parts (--split-bytes), ids do not.
    const std::string& cluster = v.kept_id;
    doc.metadata.SetString("minhash_cluster", cluster);
    if (v.kept == v.key) {
      doc.metadata.SetInt("minhash_cluster_size", static_cast<int64_t>(v.group_size));
      return;
    }
    doc.metadata.SetString("duplicate_of", v.kept_id);
    std::string value = "{\"cluster\":";
    AppendJsonString(&value, cluster);
    value += ",\"kept\":";
    AppendJsonString(&value, v.kept_id);
    value += "}";
    doc.Reject("minhash", "near_duplicate", std::move(value));
  });
}

namespace {

Result<BuiltStage> MakeMinHash(StageOptions& options) {
  MinHashOptions o;
  MinHashParams& p = o.params;
  p.n_grams = static_cast<int>(options.GetInt("n_grams", p.n_grams));
  if (options.Has("num_buckets") && options.Has("bands")) {
    return Status::InvalidArgument("minhash: give num_buckets or its alias bands, not both");
  }
  p.bands = static_cast<int>(options.GetInt("num_buckets", options.GetInt("bands", p.bands)));
  p.rows = static_cast<int>(options.GetInt("hashes_per_bucket", p.rows));
  p.seed = static_cast<uint64_t>(options.GetInt("seed", static_cast<int64_t>(p.seed)));
  o.verify = options.GetBool("verify", o.verify);
  o.verify_threshold = options.GetDouble("verify_threshold", o.verify_threshold);
  int64_t mb = options.GetInt("sort_memory_mb", static_cast<int64_t>(o.sort_memory_bytes >> 20));
  if (p.n_grams < 1 || p.n_grams > 64) return Status::InvalidArgument("minhash: n_grams must be in 1..64");
  if (p.bands < 1 || p.bands > 99) return Status::InvalidArgument("minhash: num_buckets must be in 1..99");
  if (p.rows < 1 || p.rows > 64) return Status::InvalidArgument("minhash: hashes_per_bucket must be in 1..64");
  if (o.verify_threshold < 0 || o.verify_threshold > 1) return Status::InvalidArgument("minhash: verify_threshold must be in 0..1");
  if (mb < 1) return Status::InvalidArgument("minhash: sort_memory_mb must be >= 1");
  o.sort_memory_bytes = static_cast<uint64_t>(mb) << 20;
  BuiltStage built;
  built.global = std::make_unique<MinHashDedup>(o);
  return built;
}

}  // namespace

GHIRBAL_REGISTER_STAGE("minhash", "MinHash-LSH near-duplicate removal (keeps the first document of each cluster)",
                       MakeMinHash);

}  // namespace ghirbal::dedup
