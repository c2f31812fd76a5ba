// Runner: executes a pipeline over its inputs into a run directory, task by task and phase by
// phase, skipping what earlier attempts finished.
#pragma once

#include <string>

#include "core/status.h"
#include "pipeline/pipeline_spec.h"
#include "pipeline/run_stats.h"

namespace ghirbal {

struct RunOptions {
  PipelineSpec spec;  // spec.output is the run directory, or "-" for JSON Lines on stdout
  int task = -1;      // -1: every task in this process; else only this task's share
  int tasks = 1;
  int threads = 0;    // 0: all cores
  bool progress = true;  // live line on stderr when it is a terminal
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
