// Submitting a pipeline run to Slurm: `ghirbal slurm submit`.
//
// SubmitRun writes the run directory's slurm/ folder:
//   DIR/slurm/pipeline.yaml     the resolved pipeline every job runs (stages, tasks, inputs)
//   DIR/slurm/NN-STEP.sbatch    one batch script per planned job
//   DIR/slurm/submit.sh         the same chain as sbatch calls, for reading or running by hand
//   DIR/slurm/jobs.tsv          what was submitted: step, job id, array range (not on dry runs)
// and DIR/logs/, where each job or array element writes STEP.K.job-ID.log. On a directory that
// already holds (part of) the run, only the unfinished tasks and phases are planned, and it
// refuses to submit while jobs of the previous submission are still queued or running.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/pipeline_spec.h"
#include "slurm/command_runner.h"
#include "slurm/sbatch_script.h"
#include "slurm/slurm_plan.h"

namespace ghirbal::slurm {

struct SubmitRequest {
  PipelineSpec spec;          // the pipeline with command-line overrides; spec.output = DIR
  int tasks = 0;              // array size of the per-task segments (>= 1)
  JobResources resources;
  std::string ghirbal_binary;  // absolute path of the binary the jobs run
  bool dry_run = false;       // write the scripts, submit nothing
};

struct SubmittedJob {
  std::string step;           // segment-0, reduce-0.1, finalize
  std::string job_id;         // empty on a dry run
  bool array = false;
  std::string indices;        // the --array range, or "" for a single job
  std::string script;         // path of the batch script
};

struct SubmitReport {
  std::string run_dir;
  std::string slurm_dir;      // DIR/slurm
  std::vector<SubmittedJob> jobs;  // empty when the run is already complete
  int units_total = 0;        // tasks, shards and finalize of the whole run
  int units_done = 0;         // of which already done before this submission
};

// Jobs run in the current directory, so relative inputs and DIR mean the same to them.
// Validates the request (inputs exist, stages build, DIR is writable and holds no other run),
// plans the unfinished work from DIR/done/, writes the scripts and, unless dry_run, submits
// them through `runner` with `sbatch --parsable --dependency=afterok:ID`. If a submission
// fails midway, the jobs already submitted are cancelled (scancel) before the error returns.
Result<SubmitReport> SubmitRun(const SubmitRequest& request, CommandRunner* runner);

// The jobs of the last submission into `slurm_dir` (empty if none was made).
Result<std::vector<SubmittedJob>> ReadJobRecord(const std::string& slurm_dir);

// The pipeline of a run directory as the scheduler sees it, from DIR/slurm/pipeline.yaml (or
// DIR/pipeline.yaml for a run started without Slurm); `*tasks` receives its task count.
Result<PipelineShape> LoadRunShape(const std::string& run_dir, int* tasks);

}  // namespace ghirbal::slurm
