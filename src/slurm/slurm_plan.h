// SlurmPlan: what is left to run of a pipeline, as a chain of scheduler jobs.
//
// A pipeline with global (dedup) stages runs as segments separated by reductions:
//   segment-0 (one array task per run task) -> reduce-0.0 -> reduce-0.1 -> ... -> segment-1
//   -> ... -> segment-L (the last segment writes kept/) -> finalize
// Each step needs every unit of the one before it, so the plan is a linear chain in which job
// i depends (afterok) on job i-1. Only unfinished units are planned: a resubmission into a
// run directory picks up where the completion markers in DIR/done/ say the run stopped.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/built_pipeline.h"

namespace ghirbal::slurm {

// The shape of a pipeline as a scheduler sees it: its segments and, for the global stage that
// ends each segment but the last, the shard count of each reduce phase.
struct PipelineShape {
  struct Reduction {
    int step = 0;               // index of the global step in the pipeline (for its markers)
    std::string name;           // the stage's name ("minhash")
    std::vector<int> shards;    // shards[p]: independent shards of reduce phase p
  };
  int segments = 1;
  std::vector<Reduction> reductions;  // reductions[s] ends segment s; size segments - 1
};
PipelineShape ShapeOf(const BuiltPipeline& pipeline);

struct PlannedJob {
  enum class Kind { kSegment, kReduce, kFinalize };
  Kind kind = Kind::kSegment;
  std::string step;          // the `ghirbal run --step` value: segment-S, reduce-S.P, finalize
  std::string description;   // for people: "minhash reduce phase 0 (20 shards)"
  // Array jobs run one unit per element with `--task $SLURM_ARRAY_TASK_ID`: the units still to
  // do (tasks of a segment, shards of a reduce phase). A single job (array == false) runs every
  // unfinished unit of its step in one process.
  bool array = false;
  std::vector<int> indices;
  int units = 1;             // units of the step in all (tasks or shards), done or not
  int segment = 0;           // the segment this step runs or follows
  int phase = -1;            // reduce phase, or -1
  int global_step = -1;      // pipeline step index of the reduced global stage, or -1
};

// The completion marker (in DIR/done/) of unit `index` of `job`'s step; "" for finalize,
// whose completion is DIR/stats.json.
std::string UnitMarker(const PlannedJob& job, int index);

struct SlurmPlan {
  std::vector<PlannedJob> jobs;  // in order; each depends on the one before
  int units_total = 0;           // units of every step of the run (finalize counts one)
  int units_done = 0;
};

// Plans the unfinished part of a run of `tasks` tasks. `is_done(marker)` says whether a
// completion marker (RunDirectory::TaskMarker / ReduceMarker names) exists; `finalized`
// whether the run's stats.json is written. A reduce phase of several shards becomes an array
// of one element per shard (`--step reduce-S.P --task SHARD`), whatever the task count.
SlurmPlan PlanRun(const PipelineShape& shape, int tasks, const std::function<bool(const std::string&)>& is_done,
                  bool finalized);

// "0-3,5,7-8": sorted distinct indices in Slurm's --array syntax.
std::string ArrayRange(const std::vector<int>& indices);

}  // namespace ghirbal::slurm
