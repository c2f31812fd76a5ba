#include "slurm/submit.h"

#include <filesystem>
#include <sstream>

#include "pipeline/built_pipeline.h"
#include "pipeline/input_files.h"
#include "pipeline/run_directory.h"
#include "pipeline/run_stats.h"
#include "slurm/scheduler_output.h"

namespace ghirbal::slurm {
namespace fs = std::filesystem;
namespace {

constexpr char kJobRecord[] = "jobs.tsv";

// The pipeline exactly as the jobs will run it: stages resolved (the default recipe written
// out), the task count fixed, threads left to each job.
PipelineSpec Resolve(PipelineSpec spec, int tasks) {
  if (!spec.stages_given) spec.stages = DefaultRecipe();
  spec.stages_given = true;
  spec.tasks = tasks;
  spec.threads = 0;
  return spec;
}

std::string JoinIds(const std::vector<SubmittedJob>& jobs) {
  std::string ids;
  for (const SubmittedJob& j : jobs) {
    if (j.job_id.empty()) continue;
    if (!ids.empty()) ids += ',';
    ids += j.job_id;
  }
  return ids;
}

std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "(no message)" : line;
}

Status WriteJobRecord(const std::string& slurm_dir, const std::vector<SubmittedJob>& jobs) {
  std::string text = "# step\tjob_id\tarray\tscript\n";
  for (const SubmittedJob& j : jobs) {
    text += j.step + "\t" + j.job_id + "\t" + (j.array ? j.indices : "-") + "\t" + j.script + "\n";
  }
  return WriteFileAtomically(slurm_dir + "/" + kJobRecord, text);
}

// Jobs of an earlier submission that the scheduler still holds (queued or running).
Result<std::vector<JobState>> ActiveJobs(const std::vector<SubmittedJob>& jobs, CommandRunner* runner) {
  std::vector<JobState> active;
  const std::string ids = JoinIds(jobs);
  if (ids.empty()) return active;
  Result<CommandOutput> out = runner->Run({"squeue", "--noheader", "--array", "--format=%i|%T", "--jobs=" + ids});
  if (!out.ok()) return out.status();
  if (out->exit_code != 0) {
    // squeue refuses a list of ids it no longer knows at all: they are long finished.
    if (out->err.find("Invalid job id") != std::string::npos) return active;
    return Status::IoError("squeue failed: " + FirstLine(out->err));
  }
  for (JobState& s : ParseJobStates(out->out)) {
    if (IsActiveState(s.state)) active.push_back(std::move(s));
  }
  return active;
}

void CancelJobs(const std::vector<SubmittedJob>& jobs, CommandRunner* runner) {
  std::vector<std::string> argv = {"scancel"};
  for (const SubmittedJob& j : jobs) {
    if (!j.job_id.empty()) argv.push_back(j.job_id);
  }
  if (argv.size() > 1) (void)runner->Run(argv);
}

}  // namespace

Result<std::vector<SubmittedJob>> ReadJobRecord(const std::string& slurm_dir) {
  std::vector<SubmittedJob> jobs;
  const std::string path = slurm_dir + "/" + kJobRecord;
  std::error_code ec;
  if (!fs::exists(path, ec)) return jobs;
  Result<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  std::stringstream lines(*text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream parts(line);
    for (std::string f; std::getline(parts, f, '\t');) fields.push_back(f);
    if (fields.size() != 4) return Status::Corruption(path + ": malformed line '" + line + "'");
    SubmittedJob j;
    j.step = fields[0];
    j.job_id = fields[1];
    j.array = fields[2] != "-";
    if (j.array) j.indices = fields[2];
    j.script = fields[3];
    jobs.push_back(std::move(j));
  }
  return jobs;
}

Result<PipelineShape> LoadRunShape(const std::string& run_dir, int* tasks) {
  RunDirectory dir(run_dir);
  std::string file = dir.Path("slurm/pipeline.yaml");
  std::error_code ec;
  if (!fs::exists(file, ec)) file = dir.Path("pipeline.yaml");
  if (!fs::exists(file, ec)) return Status::NotFound(run_dir + " holds no run (no pipeline.yaml)");
  Result<PipelineSpec> spec = LoadPipelineFile(file);
  if (!spec.ok()) return spec.status();
  Result<BuiltPipeline> pipeline = BuiltPipeline::Build(spec->stages_given ? spec->stages : DefaultRecipe());
  if (!pipeline.ok()) return pipeline.status();
  *tasks = spec->tasks > 0 ? spec->tasks : 1;
  return ShapeOf(*pipeline);
}

Result<SubmitReport> SubmitRun(const SubmitRequest& request, CommandRunner* runner) {
  const PipelineSpec& given = request.spec;
  if (given.output.empty() || given.output == "-") {
    return Status::InvalidArgument("a Slurm run needs a run directory (use --output DIR)");
  }
  if (request.tasks < 1) return Status::InvalidArgument("--tasks must be at least 1");
  if (request.ghirbal_binary.empty() || !fs::path(request.ghirbal_binary).is_absolute()) {
    return Status::InvalidArgument("the path of the ghirbal binary for the jobs must be absolute");
  }
  Result<std::vector<InputFile>> files = ExpandInputs(given.inputs);
  if (!files.ok()) return files.status();
  const PipelineSpec spec = Resolve(given, request.tasks);
  Result<BuiltPipeline> pipeline = BuiltPipeline::Build(spec.stages);
  if (!pipeline.ok()) return pipeline.status();

  RunDirectory dir(spec.output);
  GHIRBAL_RETURN_IF_ERROR(dir.Prepare());
  SubmitReport report;
  report.run_dir = spec.output;
  report.slurm_dir = dir.Path("slurm");
  std::error_code ec;
  for (const std::string& sub : {report.slurm_dir, dir.Path("logs")}) {
    fs::create_directories(sub, ec);
    if (ec) return Status::IoError("cannot create " + sub + ": " + ec.message());
  }
  const std::string yaml = spec.ToYaml();
  const std::string pipeline_file = report.slurm_dir + "/pipeline.yaml";
  if (fs::exists(pipeline_file, ec)) {
    // The task count may change between submissions (completion is recorded per input part);
    // anything else makes it another run.
    Result<PipelineSpec> old = LoadPipelineFile(pipeline_file);
    if (!old.ok()) return old.status();
    old->tasks = spec.tasks;
    if (old->ToYaml() != yaml) {
      return Status::InvalidArgument(spec.output + " holds a different run (other inputs or pipeline than " +
                                     pipeline_file + "); use a new --output directory");
    }
  }

  Result<std::vector<SubmittedJob>> previous = ReadJobRecord(report.slurm_dir);
  if (!previous.ok()) return previous.status();
  if (!request.dry_run) {
    Result<std::vector<JobState>> active = ActiveJobs(*previous, runner);
    if (!active.ok()) return active.status();
    if (!active->empty()) {
      return Status::InvalidArgument(std::to_string(active->size()) + " job(s) of the previous submission (" +
                                     JoinIds(*previous) + ") are still queued or running; wait for them (ghirbal slurm status " +
                                     spec.output + ") or cancel them (scancel) before resubmitting");
    }
  }

  const SlurmPlan plan = PlanRun(ShapeOf(*pipeline), request.tasks,
                                 [&dir](const std::string& marker) { return dir.IsDone(marker); },
                                 fs::exists(dir.Path("stats.json"), ec));
  report.units_total = plan.units_total;
  report.units_done = plan.units_done;
  if (plan.jobs.empty()) return report;

  GHIRBAL_RETURN_IF_ERROR(WriteFileAtomically(pipeline_file, yaml));
  // Scripts of an earlier submission would be confusing beside the new ones.
  for (const std::string& old : dir.ListFiles(report.slurm_dir)) {
    if (old.ends_with(".sbatch")) fs::remove(old, ec);
  }
  ScriptContext ctx;
  ctx.ghirbal = request.ghirbal_binary;
  ctx.pipeline_file = fs::absolute(pipeline_file).lexically_normal().string();
  ctx.run_dir = spec.output;
  ctx.workdir = fs::current_path().string();
  ctx.logs_dir = fs::absolute(dir.Path("logs")).lexically_normal().string();
  std::string name = fs::absolute(spec.output).lexically_normal().filename().string();
  if (name.empty()) name = fs::absolute(spec.output).lexically_normal().parent_path().filename().string();
  ctx.job_name = "ghirbal-" + name;
  ctx.tasks = request.tasks;
  ctx.resources = request.resources;

  std::vector<std::string> scripts;
  for (size_t i = 0; i < plan.jobs.size(); ++i) {
    const PlannedJob& job = plan.jobs[i];
    std::string path = fs::absolute(report.slurm_dir + "/" + ScriptFileName(i, job)).lexically_normal().string();
    GHIRBAL_RETURN_IF_ERROR(WriteFileAtomically(path, SbatchScript(job, ctx)));
    scripts.push_back(path);
    SubmittedJob record;
    record.step = job.step;
    record.array = job.array;
    if (job.array) record.indices = ArrayRange(job.indices);
    record.script = path;
    report.jobs.push_back(std::move(record));
  }
  GHIRBAL_RETURN_IF_ERROR(WriteFileAtomically(report.slurm_dir + "/submit.sh", SubmitShellScript(scripts)));
  if (request.dry_run) return report;

  std::string dependency;
  for (size_t i = 0; i < report.jobs.size(); ++i) {
    std::vector<std::string> argv = {"sbatch", "--parsable"};
    if (!dependency.empty()) argv.push_back("--dependency=afterok:" + dependency);
    argv.push_back(report.jobs[i].script);
    Result<CommandOutput> out = runner->Run(argv);
    Status failure;
    if (!out.ok()) {
      failure = out.status();
    } else if (out->exit_code != 0) {
      failure = Status::IoError("sbatch failed for " + report.jobs[i].step + ": " + FirstLine(out->err));
    } else if (Result<std::string> id = ParseSbatchJobId(out->out); !id.ok()) {
      failure = id.status();
    } else {
      report.jobs[i].job_id = *id;
      dependency = *id;
    }
    if (!failure.ok()) {
      CancelJobs(report.jobs, runner);
      return Status::IoError(failure.message() + (i > 0 ? " (the jobs submitted before it were cancelled)" : ""));
    }
  }
  GHIRBAL_RETURN_IF_ERROR(WriteJobRecord(report.slurm_dir, report.jobs));
  return report;
}

}  // namespace ghirbal::slurm
