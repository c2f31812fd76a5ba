// Stage: one step of a pipeline, a small class behind one interface.
//
// A stage is built once from its options, is immutable while the pipeline runs and is called
// from many threads at once; anything mutable lives in the per-worker StageState it creates.
// A stage never erases a document: it rejects it (Document::Reject) and the rejected document
// flows on to the rejected/ sink. The pipeline does not know what stages do.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/batch.h"
#include "core/status.h"

namespace ghirbal {

// Per-worker scratch of a stage (buffers, model state). One per thread, never shared.
class StageState {
 public:
  virtual ~StageState() = default;
};

class Stage {
 public:
  virtual ~Stage() = default;
  // The stage's type name as used in pipeline files ("extract", "filter", ...).
  virtual std::string_view Name() const = 0;
  virtual std::unique_ptr<StageState> NewState() const { return nullptr; }
  // Processes the documents of `batch` that are not rejected yet. `state` is this worker's
  // state from NewState() (nullptr if it returned none).
  virtual void Process(Batch& batch, StageState* state) const = 0;
};

// Convenience base for stages that look at one document at a time.
class DocumentStage : public Stage {
 public:
  void Process(Batch& batch, StageState* state) const final {
    for (Document& doc : batch.documents) {
      if (!doc.rejected()) ProcessDocument(doc, state);
    }
  }
  virtual void ProcessDocument(Document& doc, StageState* state) const = 0;
};

// Where a global stage keeps its files, and which unit of work is running. The runner's unit
// is an input part (a file or a byte range of one; pipeline/input_files.h), so `task` is the
// part's index and `tasks` the run's part count, whatever the number of processes.
struct TaskContext {
  std::string work_dir;  // private directory of this stage in the run directory
  int task = 0;          // this unit's index, 0..tasks-1
  int tasks = 1;
};

// A stage that must see every document of the run before it can decide about any
// (deduplication). It runs in three phases, each of which can be a separate job:
//   1. collect, per task: sees the task's surviving documents in input order and writes what
//      the reduction needs into ctx.work_dir (file names should include the task index);
//   2. reduce, once per run after every task collected: NumReducePhases() phases, phase p
//      split into ReduceShards(p) independent shards (e.g. one per MinHash band);
//   3. apply, per task: sees the same documents again, in the same order, and rejects or
//      edits them using what the reduction wrote.
// Documents carry their Origin through all phases, so (part, ordinal) identifies them.
class GlobalStage {
 public:
  virtual ~GlobalStage() = default;
  virtual std::string_view Name() const = 0;

  class Collector {
   public:
    virtual ~Collector() = default;
    // Called on the worker threads, concurrently for different batches, after the segment's
    // stages and before Collect sees the batch: the place for per-document work (hashes,
    // signatures), written to batch.prepared, so that Collect, which runs in input order on
    // one thread, only records it. Must only read the collector's own immutable state, and
    // Collect must do the same without it (when batch.prepared does not match the batch).
    virtual void Prepare(Batch& batch) const {}
    // Sees every batch of the task in input order, after Prepare.
    virtual Status Collect(const Batch& batch) = 0;
    virtual Status Finish() = 0;  // flush files; after this the task's collect is complete
  };
  class Applier {
   public:
    virtual ~Applier() = default;
    // Called on the worker threads, concurrently for different batches and in no set order,
    // before the segment's stages: a decision per document from what the reduction wrote.
    // Must only read the applier's own immutable state.
    virtual void Apply(Batch& batch) const = 0;
  };

  virtual Result<std::unique_ptr<Collector>> NewCollector(const TaskContext& ctx) const = 0;
  virtual int NumReducePhases() const { return 1; }
  virtual int ReduceShards(int phase) const { return 1; }
  virtual Status Reduce(int phase, int shard, const TaskContext& ctx) const = 0;
  virtual Result<std::unique_ptr<Applier>> NewApplier(const TaskContext& ctx) const = 0;
};

}  // namespace ghirbal
