// The files deduplication stages keep in their work directory, and the small binary I/O they
// are made of.
//
// Every phase of a dedup stage (collect per task, reduce per shard, apply per task) reads the
// files of the phases before it and writes its own under temporary names, renamed into place
// when complete, so a phase that crashed can simply run again: it never reads its own partial
// output and overwrites it whole. Files are plain little-endian binary records (they never
// leave the machine that wrote the run; the run directory is not portable across endianness).
//
// Documents are identified by a DocKey: their Origin (part, ordinal) packed into 64 bits
// so that key order is input order.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/stage.h"
#include "core/status.h"

namespace ghirbal::dedup {

// (part, ordinal) in 24 + 40 bits: up to 16.7 million input parts of up to 10^12 records.
using DocKey = uint64_t;
inline constexpr int kOrdinalBits = 40;
// The key of `origin`, or an error when it does not fit.
Result<DocKey> KeyOf(const Origin& origin);
inline uint32_t FileIndexOf(DocKey key) { return static_cast<uint32_t>(key >> kOrdinalBits); }
inline uint64_t OrdinalOf(DocKey key) { return key & ((uint64_t{1} << kOrdinalBits) - 1); }
// "part:ordinal", how keys appear in metadata (cluster ids).
std::string KeyToString(DocKey key);

// `<work_dir>/<name>-<task, 5 digits>.bin`.
std::string TaskPath(const std::string& work_dir, std::string_view name, int task);

// Buffered writer of a binary file published atomically: bytes go to `<path>.tmp`, Commit()
// renames it to `path`. Destroying an uncommitted writer deletes the temporary file.
class BinaryWriter {
 public:
  BinaryWriter() = default;
  ~BinaryWriter();
  BinaryWriter(const BinaryWriter&) = delete;
  BinaryWriter& operator=(const BinaryWriter&) = delete;

  Status Open(std::string path);
  // Appends `n` bytes; errors are remembered and reported by Commit().
  void Write(const void* data, size_t n);
  template <typename T>
  void WritePod(const T& value) {
    Write(&value, sizeof(T));
  }
  void WriteString(std::string_view s);  // u32 length + bytes
  Status Commit();
  const std::string& path() const { return path_; }

 private:
  std::FILE* file_ = nullptr;
  std::string path_;
  bool failed_ = false;
};

// Buffered sequential reader of a binary file.
class BinaryReader {
 public:
  BinaryReader() = default;
  ~BinaryReader();
  BinaryReader(const BinaryReader&) = delete;
  BinaryReader& operator=(const BinaryReader&) = delete;

  Status Open(std::string path);
  // Reads exactly `n` bytes. Returns false at a clean end of file (no byte left); a file that
  // ends inside the read sets corrupt() and returns false too.
  bool Read(void* data, size_t n);
  template <typename T>
  bool ReadPod(T* value) {
    return Read(value, sizeof(T));
  }
  bool ReadString(std::string* s);  // u32 length + bytes; lengths above 1 MiB are corrupt
  // Non-ok when the file ended inside a record.
  Status status() const;

 private:
  std::FILE* file_ = nullptr;
  std::string path_;
  bool corrupt_ = false;
};

// Reads a whole file of fixed-size records.
template <typename T>
Status ReadRecords(const std::string& path, std::vector<T>* out) {
  BinaryReader reader;
  GHIRBAL_RETURN_IF_ERROR(reader.Open(path));
  T record;
  while (reader.ReadPod(&record)) out->push_back(record);
  return reader.status();
}

// What every collecting task of a dedup stage records besides its stage-specific files:
// the ids of its documents (`ids-T.bin`: key, id) and, written last as the proof that the
// task's collect completed, its manifest (`done-T.bin`: the input files the task saw and the
// number of stage-specific runs it wrote).
class TaskLog {
 public:
  Status Open(const std::string& work_dir, int task);
  // Records `doc` and returns its key.
  Result<DocKey> Add(const Document& doc);
  // Publishes the ids and, last, the manifest.
  Status Finish(uint32_t runs = 0);

 private:
  std::string work_dir_;
  int task_ = 0;
  BinaryWriter ids_;
  std::vector<uint32_t> files_;
};

// The collector every document-level dedup stage shares: the per-document work (hashes,
// signatures) runs in Prepare on the worker threads, one string per document; Collect then
// logs each surviving document in input order and hands its string to CollectDocument.
class PreparedCollector : public GlobalStage::Collector {
 public:
  void Prepare(Batch& batch) const final;
  // Computes the strings itself for a batch that was not prepared (a caller that skipped
  // Prepare), so the result is the same either way.
  Status Collect(const Batch& batch) final;

 protected:
  // `prepared` has one empty string per document; fill those of surviving documents.
  virtual void PrepareDocuments(const std::vector<Document>& documents, std::vector<std::string>* prepared) const = 0;
  virtual Status CollectDocument(DocKey key, std::string_view prepared) = 0;

  TaskLog log_;
};

// What the reduce phases learn from the task manifests.
struct TaskManifests {
  std::vector<uint32_t> runs;                      // per task
  std::unordered_map<uint32_t, int> task_of_file;  // input file index -> task
  // The task that collected document `key`, or -1 when none did.
  int TaskOf(DocKey key) const;
};
// Reads the manifests of tasks 0..tasks-1; a missing one means that task never finished
// collecting, which is an error (the reduce must not run on part of the corpus).
Result<TaskManifests> ReadManifests(const std::string& work_dir, int tasks);

// Fills the values of `wanted` (key -> id, keys preset) from the tasks' id files.
Status LookUpIds(const std::string& work_dir, int tasks, std::unordered_map<DocKey, std::string>* wanted);

// The decision of a reduction about one document: it belongs to a group of `group_size`
// documents (exact copies or a near-duplicate cluster) whose first in input order is `kept`.
// The document is rejected when key != kept.
struct DedupVerdict {
  DocKey key = 0;
  DocKey kept = 0;
  uint64_t group_size = 0;
  std::string kept_id;
};

// Writes `verdicts` (any order) into one file per task, `verdicts-T.bin`, sorted by key;
// every task gets a file, empty when none of its documents is in a group.
Status WriteVerdicts(const std::string& work_dir, const TaskManifests& manifests, int tasks,
                     std::vector<DedupVerdict> verdicts);
// Reads task `task`'s verdicts, keyed by document.
Result<std::unordered_map<DocKey, DedupVerdict>> ReadVerdicts(const std::string& work_dir, int task);

// The apply phase every document-level dedup shares: reads task ctx.task's verdicts and calls
// `act(doc, verdict)` for each surviving document that has one.
using VerdictAction = std::function<void(Document& doc, const DedupVerdict& verdict)>;
Result<std::unique_ptr<GlobalStage::Applier>> NewVerdictApplier(const TaskContext& ctx, VerdictAction act);

}  // namespace ghirbal::dedup
