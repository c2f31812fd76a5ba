// `ghirbal slurm status DIR`: how far a run is, from its completion markers (DIR/done/) and,
// for what is not done, from the scheduler (squeue for queued and running jobs, sacct for how
// finished ones ended, when accounting is enabled).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "slurm/command_runner.h"

namespace ghirbal::slurm {

struct StepStatus {
  std::string step;           // segment-0, reduce-0.1, finalize
  std::string description;
  int units = 0;              // tasks, shards, or 1
  int done = 0;
  int running = 0;
  int pending = 0;
  int failed = 0;             // submitted, not done, no longer queued or running
  int not_submitted = 0;      // neither done nor part of the last submission
  std::vector<std::string> failures;  // "task 2: CANCELLED" for each failed unit
};

struct RunStatus {
  std::string run_dir;
  int tasks = 1;
  std::vector<StepStatus> steps;
  bool complete = false;      // every unit done and stats.json written
  std::string scheduler_note;  // why the scheduler's view is missing or partial, if it is
};

// Reads the run in `run_dir` and asks the scheduler (through `runner`) about the jobs of its
// last submission. A scheduler that cannot be reached is not an error: the markers still tell
// what is done, and scheduler_note says what is missing.
Result<RunStatus> GetRunStatus(const std::string& run_dir, CommandRunner* runner);

// A table, one line per step, and the failures, for the terminal.
std::string FormatRunStatus(const RunStatus& status);

}  // namespace ghirbal::slurm
