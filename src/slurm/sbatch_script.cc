#include "slurm/sbatch_script.h"

#include <cstdio>

#include "slurm/command_runner.h"

namespace ghirbal::slurm {

std::string SbatchScript(const PlannedJob& job, const ScriptContext& ctx) {
  std::string s = "#!/bin/bash\n";
  s += "# ghirbal: " + job.description + "\n";
  auto directive = [&s](const std::string& option) { s += "#SBATCH " + option + "\n"; };
  directive("--job-name=" + ctx.job_name + "-" + job.step);
  // %A_%a for array elements (job id of the array, element), %j for a single job.
  const std::string log = job.array ? job.step + ".%a.job-%A.log" : job.step + ".job-%j.log";
  directive("--output=" + ctx.logs_dir + "/" + log);
  if (job.array) directive("--array=" + ArrayRange(job.indices));
  directive("--chdir=" + ctx.workdir);
  directive("--ntasks=1");
  directive("--kill-on-invalid-dep=yes");
  const JobResources& r = ctx.resources;
  if (!r.partition.empty()) directive("--partition=" + r.partition);
  if (r.cpus_per_task > 0) directive("--cpus-per-task=" + std::to_string(r.cpus_per_task));
  if (!r.mem.empty()) directive("--mem=" + r.mem);
  if (!r.time.empty()) directive("--time=" + r.time);
  for (const std::string& extra : r.extra) directive(extra);
  s += "set -eu\n";
  s += "echo \"ghirbal: $(date -u +%FT%TZ) " + job.step + (job.array ? " unit ${SLURM_ARRAY_TASK_ID}" : "") +
       " on $(hostname)\" >&2\n";

  std::vector<std::string> argv = {ctx.ghirbal, "run", ctx.pipeline_file, "--output", ctx.run_dir,
                                   "--tasks", std::to_string(ctx.tasks), "--step", job.step, "--no-progress"};
  if (r.cpus_per_task > 0) {
    argv.push_back("--threads");
    argv.push_back(std::to_string(r.cpus_per_task));
  }
  std::string line = CommandLine(argv);
  // The task always comes from the array index, never from SLURM_ARRAY_TASK_MIN arithmetic:
  // a resubmitted array such as --array=1,3 must still run tasks 1 and 3.
  if (job.array) line += " --task \"$SLURM_ARRAY_TASK_ID\"";
  s += "exec " + line + "\n";
  return s;
}

std::string ScriptFileName(size_t i, const PlannedJob& job) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02zu-", i);
  return buf + job.step + ".sbatch";
}

std::string SubmitShellScript(const std::vector<std::string>& script_paths) {
  std::string s =
      "#!/bin/bash\n"
      "# The job chain of this run, as `ghirbal slurm submit` submits it: each job starts when\n"
      "# the one before it has finished without error (afterok).\n"
      "set -eu\n"
      "dep=\n";
  for (const std::string& path : script_paths) {
    s += "id=$(sbatch --parsable ${dep:+--dependency=afterok:$dep} " + ShellQuote(path) + ")\n";
    s += "dep=${id%%;*}\n";
    s += "echo \"$dep " + ShellQuote(path) + "\"\n";
  }
  return s;
}

}  // namespace ghirbal::slurm
