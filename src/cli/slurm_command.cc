// ghirbal slurm submit|status: runs a pipeline as Slurm job arrays (see docs/cluster.md).
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.h"
#include "cli/run_flags.h"
#include "slurm/run_status.h"
#include "slurm/submit.h"

namespace ghirbal::cli {
namespace {

// The absolute path of this very binary: the jobs run the same build that submitted them.
std::string SelfPath() {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

void AddSubmit(CLI::App* slurm, int* exit_code) {
  struct State {
    std::string pipeline_file;
    std::vector<std::string> inputs;
    std::string output, format, split_bytes, ghirbal;
    int tasks = 0;
    slurm::JobResources resources;
    bool dry_run = false;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = slurm->add_subcommand(
      "submit", "Write the sbatch scripts of a run into its directory and submit them as a chain of job arrays");
  cmd->add_option("pipeline", state->pipeline_file, "Pipeline file (YAML); without one, the default web recipe");
  cmd->add_option("-i,--input", state->inputs, "Input files, globs, directories (repeatable; overrides the file)");
  cmd->add_option("-o,--output", state->output, "Run directory (overrides the file); scripts go to DIR/slurm, logs to DIR/logs");
  cmd->add_option("-f,--format", state->format, "Input format: auto, warc, wet, jsonl, text, html");
  cmd->add_option("--tasks", state->tasks, "Tasks of the per-shard job arrays (default: the file's tasks, else 1)");
  cmd->add_option("--partition", state->resources.partition, "sbatch --partition of every job");
  cmd->add_option("--cpus-per-task", state->resources.cpus_per_task, "sbatch --cpus-per-task, also each job's --threads");
  cmd->add_option("--mem", state->resources.mem, "sbatch --mem of every job, e.g. 16G");
  cmd->add_option("--time", state->resources.time, "sbatch --time of every job, e.g. 4:00:00");
  cmd->add_option("--sbatch-arg", state->resources.extra, "Further #SBATCH option, verbatim, e.g. --account=lab (repeatable)");
  cmd->add_option("--ghirbal-binary", state->ghirbal, "ghirbal binary the jobs run (default: this one)");
  cmd->add_option("--split-bytes", state->split_bytes, "Make input parts of about SIZE (e.g. 256M): cut larger WARC/WET and JSON Lines files into ranges, so that few large files feed many tasks, and group smaller files");
  cmd->add_flag("--dry-run", state->dry_run, "Only write the scripts (DIR/slurm/*.sbatch and submit.sh)");
  cmd->footer(
      "Jobs: one array per segment (a task per array element), the reduce phases of each dedup\n"
      "stage between them, then finalize; each starts after the one before succeeded (afterok).\n"
      "Submitting again into the same directory submits only unfinished tasks and phases, with the\n"
      "same or another --tasks: completion is recorded per input part (file or byte range).\n"
      "Example:\n"
      "  ghirbal slurm submit pipeline.yaml --tasks 64 --partition cpu --cpus-per-task 8 --mem 16G -o runs/cc-2024");
  cmd->callback([state, exit_code] {
    PipelineSpec spec;
    if (!state->pipeline_file.empty()) {
      Result<PipelineSpec> loaded = LoadPipelineFile(state->pipeline_file);
      if (!loaded.ok()) {
        *exit_code = ReportError(loaded.status());
        return;
      }
      spec = std::move(loaded).value();
    }
    if (!state->inputs.empty()) spec.inputs = state->inputs;
    if (!state->output.empty()) spec.output = state->output;
    if (!state->format.empty()) {
      Result<InputFormat> f = ParseInputFormat(state->format);
      if (!f.ok()) {
        *exit_code = ReportError(f.status());
        return;
      }
      spec.reader.format = *f;
    }
    if (!state->split_bytes.empty()) {
      Result<uint64_t> size = ParseByteSize(state->split_bytes);
      if (!size.ok()) {
        *exit_code = ReportError(Status::InvalidArgument("--split-bytes: " + size.status().message()));
        return;
      }
      spec.split_bytes = *size;
    }
    if (spec.inputs.empty()) {
      *exit_code = ReportError(Status::InvalidArgument("no input given (use --input or the pipeline file)"));
      return;
    }
    slurm::SubmitRequest request;
    request.tasks = state->tasks > 0 ? state->tasks : (spec.tasks > 0 ? spec.tasks : 1);
    request.spec = std::move(spec);
    request.resources = state->resources;
    request.ghirbal_binary = state->ghirbal.empty() ? SelfPath() : std::filesystem::absolute(state->ghirbal).string();
    request.dry_run = state->dry_run;
    slurm::SubprocessRunner runner;
    Result<slurm::SubmitReport> report = slurm::SubmitRun(request, &runner);
    if (!report.ok()) {
      *exit_code = ReportError(report.status());
      return;
    }
    const std::string& dir = report->run_dir;
    if (report->jobs.empty()) {
      std::printf("%s: the run is complete (%d of %d units done); nothing to submit\n", dir.c_str(), report->units_done,
                  report->units_total);
      return;
    }
    if (report->units_done > 0) {
      std::printf("%s: %d of %d units already done; submitting the rest\n", dir.c_str(), report->units_done,
                  report->units_total);
    }
    for (const slurm::SubmittedJob& j : report->jobs) {
      std::printf("%-8s %-12s %s\n", j.job_id.empty() ? "-" : j.job_id.c_str(), j.step.c_str(),
                  j.array ? ("array " + j.indices).c_str() : "single job");
    }
    if (request.dry_run) {
      std::printf("dry run: wrote %zu scripts to %s; submit them with: bash %s/submit.sh\n", report->jobs.size(),
                  report->slurm_dir.c_str(), report->slurm_dir.c_str());
    } else {
      std::printf("submitted %zu jobs; logs in %s/logs; follow with: ghirbal slurm status %s\n", report->jobs.size(),
                  dir.c_str(), dir.c_str());
    }
  });
}

void AddStatus(CLI::App* slurm, int* exit_code) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = slurm->add_subcommand("status", "Show the tasks and phases of a run: done, running, pending, failed");
  cmd->add_option("dir", *dir, "Run directory")->required();
  cmd->callback([dir, exit_code] {
    slurm::SubprocessRunner runner;
    Result<slurm::RunStatus> status = slurm::GetRunStatus(*dir, &runner);
    if (!status.ok()) {
      *exit_code = ReportError(status.status());
      return;
    }
    std::fputs(slurm::FormatRunStatus(*status).c_str(), stdout);
  });
}

}  // namespace

void AddSlurmCommand(CLI::App* app, int* exit_code) {
  CLI::App* slurm = app->add_subcommand("slurm", "Run a pipeline on a Slurm cluster as job arrays");
  slurm->require_subcommand(1);
  AddSubmit(slurm, exit_code);
  AddStatus(slurm, exit_code);
}

}  // namespace ghirbal::cli
