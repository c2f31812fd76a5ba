// The sbatch batch scripts of a run: one per planned job, plus submit.sh, the same chain of
// sbatch calls as a shell script (what `--dry-run` leaves for a person to read or run).
#pragma once

#include <string>
#include <vector>

#include "slurm/slurm_plan.h"

namespace ghirbal::slurm {

// What the scheduler is asked for, per job (each array element is one job). Empty strings and
// zeros leave the cluster's defaults.
struct JobResources {
  std::string partition;      // --partition
  int cpus_per_task = 0;      // --cpus-per-task; also the --threads of each ghirbal process
  std::string mem;            // --mem, e.g. "8G"
  std::string time;           // --time, e.g. "2:00:00"
  std::vector<std::string> extra;  // further sbatch options, verbatim (e.g. "--account=x")
};

struct ScriptContext {
  std::string ghirbal;        // absolute path of the ghirbal binary the jobs run
  std::string pipeline_file;  // the resolved pipeline (DIR/slurm/pipeline.yaml)
  std::string run_dir;        // as given (relative to workdir or absolute)
  std::string workdir;        // absolute working directory of every job (relative paths)
  std::string logs_dir;       // absolute; per-task logs go here
  std::string job_name;       // prefix of every job's name, e.g. "ghirbal-out"
  int tasks = 1;
  JobResources resources;
};

// The batch script of `job`: #SBATCH header (name, log, array, resources, working directory,
// --kill-on-invalid-dep so dependents of a failed job are cancelled instead of pending
// forever), then one `ghirbal run --step` line. Dependencies are not in the script: they are
// given to sbatch when the chain is submitted.
std::string SbatchScript(const PlannedJob& job, const ScriptContext& ctx);

// File name of job `i` of a plan: "00-segment-0.sbatch".
std::string ScriptFileName(size_t i, const PlannedJob& job);

// submit.sh: `sbatch --parsable` of each script in order, each depending (afterok) on the id
// the one before printed.
std::string SubmitShellScript(const std::vector<std::string>& script_paths);

}  // namespace ghirbal::slurm
