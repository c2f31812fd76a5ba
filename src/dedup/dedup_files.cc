#include "dedup/dedup_files.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace ghirbal::dedup {
namespace {

constexpr size_t kIoBuffer = 1 << 20;
constexpr uint32_t kMaxString = 1 << 20;

std::string ErrnoText() { return std::strerror(errno); }

}  // namespace

Result<DocKey> KeyOf(const Origin& origin) {
  if (origin.part >= (1u << (64 - kOrdinalBits)) || origin.ordinal >= (uint64_t{1} << kOrdinalBits)) {
    return Status::InvalidArgument("dedup: document origin " + std::to_string(origin.part) + ":" +
                                   std::to_string(origin.ordinal) + " is out of range");
  }
  return (static_cast<DocKey>(origin.part) << kOrdinalBits) | origin.ordinal;
}

std::string KeyToString(DocKey key) { return std::to_string(FileIndexOf(key)) + ":" + std::to_string(OrdinalOf(key)); }

std::string TaskPath(const std::string& work_dir, std::string_view name, int task) {
  char digits[16];
  std::snprintf(digits, sizeof(digits), "%05d", task);
  return work_dir + "/" + std::string(name) + "-" + digits + ".bin";
}

BinaryWriter::~BinaryWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove((path_ + ".tmp").c_str());
  }
}

Status BinaryWriter::Open(std::string path) {
  path_ = std::move(path);
  failed_ = false;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
  file_ = std::fopen((path_ + ".tmp").c_str(), "wb");
  if (file_ == nullptr) return Status::IoError("cannot create " + path_ + ".tmp: " + ErrnoText());
  std::setvbuf(file_, nullptr, _IOFBF, kIoBuffer);
  return Status::Ok();
}

void BinaryWriter::Write(const void* data, size_t n) {
  if (n == 0 || failed_) return;
  if (std::fwrite(data, 1, n, file_) != n) failed_ = true;
}

void BinaryWriter::WriteString(std::string_view s) {
  uint32_t n = static_cast<uint32_t>(std::min<size_t>(s.size(), kMaxString));
  WritePod(n);
  Write(s.data(), n);
}

Status BinaryWriter::Commit() {
  if (file_ == nullptr) return Status::IoError("commit of unopened file " + path_);
  bool ok = !failed_ && std::fflush(file_) == 0;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  const std::string tmp = path_ + ".tmp";
  if (!ok) {
    std::remove(tmp.c_str());
    return Status::IoError("cannot write " + tmp + ": " + ErrnoText());
  }
  if (std::rename(tmp.c_str(), path_.c_str()) != 0) return Status::IoError("cannot rename " + tmp + ": " + ErrnoText());
  return Status::Ok();
}

BinaryReader::~BinaryReader() {
  if (file_ != nullptr) std::fclose(file_);
}

Status BinaryReader::Open(std::string path) {
  path_ = std::move(path);
  file_ = std::fopen(path_.c_str(), "rb");
  if (file_ == nullptr) return Status::NotFound("cannot open " + path_ + ": " + ErrnoText());
  std::setvbuf(file_, nullptr, _IOFBF, kIoBuffer);
  return Status::Ok();
}

bool BinaryReader::Read(void* data, size_t n) {
  if (corrupt_ || file_ == nullptr) return false;
  size_t got = std::fread(data, 1, n, file_);
  if (got == n) return true;
  if (got != 0 || std::ferror(file_)) corrupt_ = true;
  return false;
}

bool BinaryReader::ReadString(std::string* s) {
  uint32_t n = 0;
  if (!ReadPod(&n)) return false;
  if (n > kMaxString) {
    corrupt_ = true;
    return false;
  }
  s->resize(n);
  if (n == 0) return true;
  if (!Read(s->data(), n)) {
    corrupt_ = true;
    return false;
  }
  return true;
}

Status BinaryReader::status() const {
  if (corrupt_) return Status::Corruption(path_ + ": truncated or corrupt record");
  return Status::Ok();
}

Status TaskLog::Open(const std::string& work_dir, int task) {
  work_dir_ = work_dir;
  task_ = task;
  return ids_.Open(TaskPath(work_dir, "ids", task));
}

Result<DocKey> TaskLog::Add(const Document& doc) {
  Result<DocKey> key = KeyOf(doc.origin);
  if (!key.ok()) return key;
  if (files_.empty() || files_.back() != doc.origin.part) files_.push_back(doc.origin.part);
  ids_.WritePod(*key);
  ids_.WriteString(doc.id);
  return key;
}

Status TaskLog::Finish(uint32_t runs) {
  GHIRBAL_RETURN_IF_ERROR(ids_.Commit());
  std::sort(files_.begin(), files_.end());
  files_.erase(std::unique(files_.begin(), files_.end()), files_.end());
  BinaryWriter done;
  GHIRBAL_RETURN_IF_ERROR(done.Open(TaskPath(work_dir_, "done", task_)));
  done.WritePod(runs);
  done.WritePod(static_cast<uint64_t>(files_.size()));
  done.Write(files_.data(), files_.size() * sizeof(uint32_t));
  return done.Commit();
}

int TaskManifests::TaskOf(DocKey key) const {
  auto it = task_of_file.find(FileIndexOf(key));
  return it == task_of_file.end() ? -1 : it->second;
}

void PreparedCollector::Prepare(Batch& batch) const {
  batch.prepared.assign(batch.documents.size(), {});
  PrepareDocuments(batch.documents, &batch.prepared);
}

Status PreparedCollector::Collect(const Batch& batch) {
  std::vector<std::string> computed;
  const std::vector<std::string>* prepared = &batch.prepared;
  if (prepared->size() != batch.documents.size()) {
    computed.assign(batch.documents.size(), {});
    PrepareDocuments(batch.documents, &computed);
    prepared = &computed;
  }
  for (size_t i = 0; i < batch.documents.size(); ++i) {
    const Document& doc = batch.documents[i];
    if (doc.rejected()) continue;
    Result<DocKey> key = log_.Add(doc);
    if (!key.ok()) return key.status();
    GHIRBAL_RETURN_IF_ERROR(CollectDocument(*key, (*prepared)[i]));
  }
  return Status::Ok();
}

Result<TaskManifests> ReadManifests(const std::string& work_dir, int tasks) {
  TaskManifests m;
  for (int t = 0; t < tasks; ++t) {
    BinaryReader r;
    Status st = r.Open(TaskPath(work_dir, "done", t));
    if (!st.ok()) return Status::NotFound("dedup: task " + std::to_string(t) + " has not finished collecting (" + st.message() + ")");
    uint32_t runs = 0;
    uint64_t n = 0;
    if (!r.ReadPod(&runs) || !r.ReadPod(&n)) return Status::Corruption("dedup: bad manifest of task " + std::to_string(t));
    m.runs.push_back(runs);
    for (uint64_t i = 0; i < n; ++i) {
      uint32_t file = 0;
      if (!r.ReadPod(&file)) return Status::Corruption("dedup: bad manifest of task " + std::to_string(t));
      m.task_of_file[file] = t;
    }
  }
  return m;
}

Status LookUpIds(const std::string& work_dir, int tasks, std::unordered_map<DocKey, std::string>* wanted) {
  if (wanted->empty()) return Status::Ok();
  for (int t = 0; t < tasks; ++t) {
    BinaryReader r;
    GHIRBAL_RETURN_IF_ERROR(r.Open(TaskPath(work_dir, "ids", t)));
    DocKey key;
    std::string id;
    while (r.ReadPod(&key) && r.ReadString(&id)) {
      auto it = wanted->find(key);
      if (it != wanted->end()) it->second = id;
    }
    GHIRBAL_RETURN_IF_ERROR(r.status());
  }
  return Status::Ok();
}

Status WriteVerdicts(const std::string& work_dir, const TaskManifests& manifests, int tasks,
                     std::vector<DedupVerdict> verdicts) {
  std::vector<std::pair<int, size_t>> order;  // (task, index), sorted by task then key
  order.reserve(verdicts.size());
  for (size_t i = 0; i < verdicts.size(); ++i) {
    int task = manifests.TaskOf(verdicts[i].key);
    if (task < 0) return Status::Corruption("dedup: document " + KeyToString(verdicts[i].key) + " belongs to no task");
    order.emplace_back(task, i);
  }
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : verdicts[a.second].key < verdicts[b.second].key;
  });
  size_t next = 0;
  for (int t = 0; t < tasks; ++t) {
    BinaryWriter w;
    GHIRBAL_RETURN_IF_ERROR(w.Open(TaskPath(work_dir, "verdicts", t)));
    for (; next < order.size() && order[next].first == t; ++next) {
      const DedupVerdict& v = verdicts[order[next].second];
      w.WritePod(v.key);
      w.WritePod(v.kept);
      w.WritePod(v.group_size);
      w.WriteString(v.kept_id);
    }
    GHIRBAL_RETURN_IF_ERROR(w.Commit());
  }
  return Status::Ok();
}

Result<std::unordered_map<DocKey, DedupVerdict>> ReadVerdicts(const std::string& work_dir, int task) {
  BinaryReader r;
  GHIRBAL_RETURN_IF_ERROR(r.Open(TaskPath(work_dir, "verdicts", task)));
  std::unordered_map<DocKey, DedupVerdict> out;
  DedupVerdict v;
  while (r.ReadPod(&v.key) && r.ReadPod(&v.kept) && r.ReadPod(&v.group_size) && r.ReadString(&v.kept_id)) {
    out[v.key] = v;
  }
  GHIRBAL_RETURN_IF_ERROR(r.status());
  return out;
}

namespace {

class VerdictApplier : public GlobalStage::Applier {
 public:
  VerdictApplier(std::unordered_map<DocKey, DedupVerdict> verdicts, VerdictAction act)
      : verdicts_(std::move(verdicts)), act_(std::move(act)) {}
  void Apply(Batch& batch) const override {
    for (Document& doc : batch.documents) {
      if (doc.rejected()) continue;
      Result<DocKey> key = KeyOf(doc.origin);
      if (!key.ok()) continue;  // never collected: Collect failed the run on it
      auto it = verdicts_.find(*key);
      if (it != verdicts_.end()) act_(doc, it->second);
    }
  }

 private:
  std::unordered_map<DocKey, DedupVerdict> verdicts_;
  VerdictAction act_;
};

}  // namespace

Result<std::unique_ptr<GlobalStage::Applier>> NewVerdictApplier(const TaskContext& ctx, VerdictAction act) {
  auto verdicts = ReadVerdicts(ctx.work_dir, ctx.task);
  if (!verdicts.ok()) return verdicts.status();
  return std::unique_ptr<GlobalStage::Applier>(
      std::make_unique<VerdictApplier>(std::move(verdicts).value(), std::move(act)));
}

}  // namespace ghirbal::dedup
