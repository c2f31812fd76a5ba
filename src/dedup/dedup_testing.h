// Test helper: runs a GlobalStage's phases back to back over in-memory documents, the way the
// pipeline executor does (collect per task over batches -> every reduce phase and shard ->
// apply per task over the same batches), without the executor.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/batch.h"
#include "core/stage.h"
#include "core/status.h"

namespace ghirbal::dedup::testing {

// An empty directory under the test temp dir (or /tmp), for one test's work files.
inline std::string FreshDir(const std::string& name) {
  const char* base = std::getenv("TEST_TMPDIR");
  std::string dir = std::string(base != nullptr ? base : "/tmp") + "/ghirbal_dedup_" + name;
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir, ec);
  return dir;
}

struct DriverOptions {
  int tasks = 1;
  size_t batch_size = 7;
};

// The task of input file `file_index`: files are split into `tasks` contiguous ranges, the way
// the pipeline splits its sorted input list.
inline int TaskOfFile(uint32_t file_index, uint32_t files, int tasks) {
  return static_cast<int>(uint64_t{file_index} * tasks / std::max<uint32_t>(files, 1));
}

inline std::vector<Batch> TaskBatches(const std::vector<Document>& docs, int task, const DriverOptions& o) {
  uint32_t files = 0;
  for (const Document& d : docs) files = std::max(files, d.origin.part + 1);
  std::vector<Batch> batches;
  for (const Document& d : docs) {
    if (TaskOfFile(d.origin.part, files, o.tasks) != task) continue;
    if (batches.empty() || batches.back().documents.size() >= o.batch_size) {
      batches.emplace_back();
      batches.back().sequence = batches.size() - 1;
    }
    batches.back().documents.push_back(d);
  }
  return batches;
}

inline Status Collect(const GlobalStage& stage, const std::vector<Document>& docs, const std::string& work_dir,
                      const DriverOptions& o) {
  for (int t = 0; t < o.tasks; ++t) {
    auto c = stage.NewCollector({work_dir, t, o.tasks});
    if (!c.ok()) return c.status();
    for (Batch& b : TaskBatches(docs, t, o)) {
      (*c)->Prepare(b);  // as the executor does, on a worker thread
      GHIRBAL_RETURN_IF_ERROR((*c)->Collect(b));
    }
    GHIRBAL_RETURN_IF_ERROR((*c)->Finish());
  }
  return Status::Ok();
}

inline Status ReduceAll(const GlobalStage& stage, const std::string& work_dir, const DriverOptions& o) {
  for (int p = 0; p < stage.NumReducePhases(); ++p) {
    for (int s = 0; s < stage.ReduceShards(p); ++s) GHIRBAL_RETURN_IF_ERROR(stage.Reduce(p, s, {work_dir, 0, o.tasks}));
  }
  return Status::Ok();
}

// Applies to `docs` in place (documents must be in input order).
inline Status Apply(const GlobalStage& stage, std::vector<Document>* docs, const std::string& work_dir,
                    const DriverOptions& o) {
  std::vector<Document> out;
  for (int t = 0; t < o.tasks; ++t) {
    auto a = stage.NewApplier({work_dir, t, o.tasks});
    if (!a.ok()) return a.status();
    for (Batch& b : TaskBatches(*docs, t, o)) {
      (*a)->Apply(b);
      for (Document& d : b.documents) out.push_back(std::move(d));
    }
  }
  std::sort(out.begin(), out.end(), [](const Document& x, const Document& y) {
    return x.origin.part != y.origin.part ? x.origin.part < y.origin.part
                                                      : x.origin.ordinal < y.origin.ordinal;
  });
  *docs = std::move(out);
  return Status::Ok();
}

// All three phases.
inline Status Run(const GlobalStage& stage, std::vector<Document>* docs, const std::string& work_dir,
                  const DriverOptions& o = {}) {
  GHIRBAL_RETURN_IF_ERROR(Collect(stage, *docs, work_dir, o));
  GHIRBAL_RETURN_IF_ERROR(ReduceAll(stage, work_dir, o));
  return Apply(stage, docs, work_dir, o);
}

// Documents with the given texts, `per_file` per input file, ids "d<index>".
inline std::vector<Document> MakeDocs(const std::vector<std::string>& texts, size_t per_file = 10) {
  std::vector<Document> docs(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    docs[i].id = "d" + std::to_string(i);
    docs[i].text = texts[i];
    docs[i].origin.part = static_cast<uint32_t>(i / per_file);
    docs[i].origin.ordinal = i % per_file;
  }
  return docs;
}

}  // namespace ghirbal::dedup::testing
