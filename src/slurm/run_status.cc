#include "slurm/run_status.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <utility>

#include "pipeline/run_directory.h"
#include "slurm/scheduler_output.h"
#include "slurm/slurm_plan.h"
#include "slurm/submit.h"

namespace ghirbal::slurm {
namespace {

using JobKey = std::pair<std::string, int>;  // job id, array index (-1: whole job)

// Asks `argv` for "ID|STATE" lines; an empty map and a note when the command fails.
std::map<JobKey, std::string> QueryStates(CommandRunner* runner, const std::vector<std::string>& argv,
                                          std::string* note) {
  std::map<JobKey, std::string> states;
  Result<CommandOutput> out = runner->Run(argv);
  if (!out.ok()) {
    *note += argv[0] + ": " + out.status().message() + "; ";
    return states;
  }
  if (out->exit_code != 0) {
    // squeue refuses a list of ids it no longer knows at all: nothing is queued.
    if (argv[0] == "squeue" && out->err.find("Invalid job id") != std::string::npos) return states;
    const std::string& why = out->err.empty() ? out->out : out->err;  // sacct says it on stdout
    *note += argv[0] + " failed: " + why.substr(0, why.find('\n')) + "; ";
    return states;
  }
  for (const JobState& s : ParseJobStates(out->out)) states[{s.job_id, s.array_index}] = s.state;
  return states;
}

std::string UnitName(const PlannedJob& job, int index) {
  switch (job.kind) {
    case PlannedJob::Kind::kSegment: return "task " + std::to_string(index);
    case PlannedJob::Kind::kReduce: return "shard " + std::to_string(index);
    case PlannedJob::Kind::kFinalize: return "finalize";
  }
  return "";
}

}  // namespace

Result<RunStatus> GetRunStatus(const std::string& run_dir, CommandRunner* runner) {
  RunStatus status;
  status.run_dir = run_dir;
  Result<PipelineShape> shape = LoadRunShape(run_dir, &status.tasks);
  if (!shape.ok()) return shape.status();
  RunDirectory dir(run_dir);
  std::error_code ec;
  const bool finalized = std::filesystem::exists(dir.Path("stats.json"), ec);
  // Every step with every unit: plan as if nothing were done.
  const SlurmPlan all = PlanRun(*shape, status.tasks, [](const std::string&) { return false; }, false);

  Result<std::vector<SubmittedJob>> record = ReadJobRecord(dir.Path("slurm"));
  if (!record.ok()) return record.status();
  std::map<std::string, const SubmittedJob*> submitted;  // by step
  std::string ids;
  for (const SubmittedJob& j : *record) {
    submitted[j.step] = &j;
    if (!j.job_id.empty()) ids += (ids.empty() ? "" : ",") + j.job_id;
  }
  std::map<JobKey, std::string> queued, accounted;
  if (!ids.empty()) {
    queued = QueryStates(runner, {"squeue", "--noheader", "--array", "--format=%i|%T", "--jobs=" + ids},
                         &status.scheduler_note);
    accounted = QueryStates(runner, {"sacct", "--noheader", "--parsable2", "--allocations",
                                     "--format=JobID,State", "--jobs=" + ids},
                            &status.scheduler_note);
  } else {
    status.scheduler_note = "no jobs submitted from this directory; ";
  }

  status.complete = finalized;
  for (const PlannedJob& job : all.jobs) {
    StepStatus step;
    step.step = job.step;
    step.description = job.description;
    step.units = job.units;
    const SubmittedJob* sub = submitted.count(job.step) ? submitted[job.step] : nullptr;
    std::vector<int> sub_indices;
    if (sub != nullptr && sub->array) ParseArrayRange(sub->indices, &sub_indices);
    for (int index : job.indices) {
      const std::string marker = UnitMarker(job, index);
      if (marker.empty() ? finalized : dir.IsDone(marker)) {
        ++step.done;
        continue;
      }
      status.complete = false;
      bool covered = sub != nullptr && !sub->job_id.empty();
      if (covered && sub->array) covered = std::find(sub_indices.begin(), sub_indices.end(), index) != sub_indices.end();
      if (!covered) {
        ++step.not_submitted;
        continue;
      }
      const JobKey key{sub->job_id, sub->array ? index : -1};
      if (auto it = queued.find(key); it != queued.end() && IsActiveState(it->second)) {
        ++(it->second == "PENDING" ? step.pending : step.running);
        continue;
      }
      ++step.failed;
      auto acct = accounted.find(key);
      step.failures.push_back(UnitName(job, index) + " (job " + sub->job_id + (sub->array ? "_" + std::to_string(index) : "") +
                              "): " + (acct != accounted.end() ? acct->second : "ended without finishing"));
    }
    status.steps.push_back(std::move(step));
  }
  if (!status.scheduler_note.empty()) status.scheduler_note.resize(status.scheduler_note.size() - 2);
  return status;
}

std::string FormatRunStatus(const RunStatus& status) {
  int units = 0, done = 0;
  for (const StepStatus& s : status.steps) {
    units += s.units;
    done += s.done;
  }
  std::string out = "run " + status.run_dir + " (" + std::to_string(status.tasks) + " tasks): " + std::to_string(done) +
                    " of " + std::to_string(units) + " units done" + (status.complete ? ", complete" : "") + "\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-14s %6s %6s %8s %8s %7s %14s\n", "step", "units", "done", "running", "pending",
                "failed", "not-submitted");
  out += line;
  for (const StepStatus& s : status.steps) {
    std::snprintf(line, sizeof line, "%-14s %6d %6d %8d %8d %7d %14d  %s\n", s.step.c_str(), s.units, s.done, s.running,
                  s.pending, s.failed, s.not_submitted, s.description.c_str());
    out += line;
  }
  for (const StepStatus& s : status.steps) {
    for (const std::string& f : s.failures) out += "failed: " + s.step + " " + f + "\n";
  }
  if (!status.scheduler_note.empty()) out += "scheduler: " + status.scheduler_note + "\n";
  return out;
}

}  // namespace ghirbal::slurm
