// Runner: executes a pipeline over its inputs into a run directory, task by task and phase by
// phase, skipping what earlier attempts finished.
#pragma once

#include <string>

#include "core/status.h"
#include "pipeline/pipeline_spec.h"
#include "pipeline/run_stats.h"

namespace ghirbal {

// Which part of a run to execute. kAll does everything this process may do; the others are
// the single steps a scheduler runs as separate jobs (see docs/pipeline.md):
//   segment S       segment S for the selected task(s)
//   reduce S[.P]    the reduce phase(s) of the global stage ending segment S; with a task
//                   selection, only that shard
//   finalize        merge every task's stats and errors into stats.json and errors.jsonl
struct RunStep {
  enum class Kind { kAll, kSegment, kReduce, kFinalize };
  Kind kind = Kind::kAll;
  int segment = 0;
  int phase = -1;  // -1: all phases
};
// Parses "all", "segment-S", "reduce-S", "reduce-S.P", "finalize".
Result<RunStep> ParseRunStep(const std::string& text);

struct RunOptions {
  PipelineSpec spec;  // spec.output is the run directory, or "-" for JSON Lines on stdout
  int task = -1;      // -1: every task in this process; else only this task's share
  int tasks = 1;
  int threads = 0;    // 0: all cores
  bool progress = true;  // live line on stderr when it is a terminal
  RunStep step;
};

struct RunOutcome {
  RunStats stats;      // the whole run's stats when `complete`, else this process's share
  bool complete = false;  // every task and phase finished; stats.json and errors.jsonl written
  std::string waiting_for;  // when not complete: what must run first (other tasks)
};

// Validates everything that can be checked before work starts (inputs exist, output is
// writable, stages and options are valid), then runs. Errors are one-line Status messages.
Result<RunOutcome> ExecuteRun(const RunOptions& options);

// Merges the per-task stats and errors of a finished run into stats.json and errors.jsonl.
Result<RunStats> FinalizeRun(const std::string& run_dir);

}  // namespace ghirbal
