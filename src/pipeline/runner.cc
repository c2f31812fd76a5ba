#include "pipeline/runner.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/json.h"
#include "io/document_writer.h"
#include "pipeline/built_pipeline.h"
#include "pipeline/input_files.h"
#include "pipeline/progress.h"
#include "pipeline/run_directory.h"
#include "pipeline/run_observer.h"
#include "pipeline/segment_executor.h"

namespace ghirbal {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

// Writes JSON Lines to stdout: the Unix-filter form of a run (`--output -`).
class StdoutWriter : public ShardWriter {
 public:
  Status Write(std::string_view lines) override {
    if (std::fwrite(lines.data(), 1, lines.size(), stdout) != lines.size()) {
      return Status::IoError("cannot write to standard output");
    }
    return Status::Ok();
  }
  Status Close() override {
    std::fflush(stdout);
    return Status::Ok();
  }
  uint64_t documents_written() const override { return 0; }
};

// What identifies a run: a rerun into the same directory must be the same run. The task count
// is not part of it (completion is per input part), nor are threads.
std::string RunIdentity(const std::vector<InputFile>& files, size_t parts, PipelineSpec spec) {
  spec.tasks = 0;
  spec.threads = 0;
  JsonBuilder b;
  b.BeginObject().Key("inputs").BeginArray();
  for (const InputFile& f : files) {
    b.BeginArray().String(f.path).Int(static_cast<int64_t>(f.size)).EndArray();
  }
  b.EndArray();
  b.Key("parts").Int(static_cast<int64_t>(parts));
  b.Key("pipeline").String(spec.ToYaml());
  b.EndObject();
  return b.Take() + "\n";
}

class Runner {
 public:
  Runner(const RunOptions& options, std::vector<InputFile> files, std::vector<InputPart> parts,
         BuiltPipeline pipeline, std::string dir, bool to_stdout)
      : options_(options), files_(std::move(files)), parts_(std::move(parts)), pipeline_(std::move(pipeline)),
        dir_(std::move(dir)), to_stdout_(to_stdout) {}

  Result<RunOutcome> Run() {
    RunOutcome outcome;
    // Progress is of the first segment's reading, over the parts this process has left to read.
    for (uint32_t p : MyParts()) {
      if (dir_.IsDone(RunDirectory::SegmentMarker(0, static_cast<int>(p)))) continue;
      progress_.bytes_total += parts_[p].bytes();
      progress_.parts_total++;
    }
    if (parts_.size() != files_.size()) progress_.unit = "parts";
    ProgressLine line(&progress_, options_.progress);
    const RunStep& step = options_.step;
    switch (step.kind) {
      case RunStep::Kind::kAll: return RunAll();
      case RunStep::Kind::kSegment: {
        if (step.segment < 0 || step.segment >= static_cast<int>(pipeline_.segments().size())) {
          return Status::InvalidArgument("no segment " + std::to_string(step.segment) + " in this pipeline");
        }
        if (step.segment > 0 && !ReduceDone(pipeline_.segments()[step.segment - 1].collect_step)) {
          return Status::InvalidArgument("segment " + std::to_string(step.segment) + " needs the reduce step before it");
        }
        GHIRBAL_RETURN_IF_ERROR(RunMyParts(step.segment, &outcome.stats));
        outcome.waiting_for = "the next step";
        return outcome;
      }
      case RunStep::Kind::kReduce: {
        if (step.segment < 0 || step.segment + 1 >= static_cast<int>(pipeline_.segments().size())) {
          return Status::InvalidArgument("segment " + std::to_string(step.segment) + " ends in no global stage");
        }
        if (int p = FirstUnfinished(step.segment); p >= 0) {
          return Status::InvalidArgument("reduce needs every part of segment " + std::to_string(step.segment) +
                                         "; part " + std::to_string(p) + " is not done");
        }
        GHIRBAL_RETURN_IF_ERROR(Reduce(pipeline_.segments()[step.segment].collect_step, step.phase, options_.task));
        outcome.waiting_for = "the next step";
        return outcome;
      }
      case RunStep::Kind::kFinalize: return Finalize();
    }
    return outcome;
  }

 private:
  // The parts this process runs: those of its task, or all.
  std::vector<uint32_t> MyParts() const {
    if (options_.task >= 0) return PartsOfTask(parts_.size(), options_.task, options_.tasks);
    return PartsOfTask(parts_.size(), 0, 1);
  }

  // Runs segment `s` on this process's parts; a task that finished them says so with its marker.
  Status RunMyParts(int s, RunStats* total) {
    for (uint32_t p : MyParts()) GHIRBAL_RETURN_IF_ERROR(RunPartSegment(s, static_cast<int>(p), total));
    if (options_.task >= 0) return dir_.MarkDone(RunDirectory::TaskMarker(s, options_.task, options_.tasks));
    return Status::Ok();
  }

  // The first part whose segment `s` is not done, or -1.
  int FirstUnfinished(int s) const {
    for (size_t p = 0; p < parts_.size(); ++p) {
      if (!dir_.IsDone(RunDirectory::SegmentMarker(s, static_cast<int>(p)))) return static_cast<int>(p);
    }
    return -1;
  }

  bool ReduceDone(int step) const {
    const GlobalStage& g = *pipeline_.steps()[step].global;
    for (int phase = 0; phase < g.NumReducePhases(); ++phase) {
      for (int shard = 0; shard < g.ReduceShards(phase); ++shard) {
        if (!dir_.IsDone(RunDirectory::ReduceMarker(step, phase, shard))) return false;
      }
    }
    return true;
  }

  // Everything this process may do: all segments of its tasks, and, when it runs every task,
  // the reductions between them. A process running one task of many never reduces (another
  // task may be doing it); it says what it waits for.
  Result<RunOutcome> RunAll() {
    RunOutcome outcome;
    const auto& segments = pipeline_.segments();
    const bool one_task = options_.task >= 0;
    for (int s = 0; s < static_cast<int>(segments.size()); ++s) {
      GHIRBAL_RETURN_IF_ERROR(RunMyParts(s, &outcome.stats));
      if (segments[s].collect_step < 0) continue;
      if (ReduceDone(segments[s].collect_step)) continue;
      if (int p = FirstUnfinished(s); p >= 0) {
        outcome.waiting_for = "part " + std::to_string(p) + " of segment " + std::to_string(s);
        return outcome;
      }
      if (one_task) {
        outcome.waiting_for = "the reduce step of '" + pipeline_.steps()[segments[s].collect_step].name +
                              "' (run without --task to do it)";
        return outcome;
      }
      GHIRBAL_RETURN_IF_ERROR(Reduce(segments[s].collect_step, -1, -1));
    }
    return Finalize(std::move(outcome));
  }

  Result<RunOutcome> Finalize(RunOutcome outcome = {}) {
    const int last = static_cast<int>(pipeline_.segments().size()) - 1;
    if (int p = FirstUnfinished(last); p >= 0) {
      if (options_.step.kind == RunStep::Kind::kFinalize) {
        return Status::InvalidArgument("cannot finalize: part " + std::to_string(p) + " is not done");
      }
      outcome.waiting_for = "part " + std::to_string(p);
      return outcome;
    }
    Result<RunStats> merged = FinalizeRun(dir_.root());
    if (!merged.ok()) return merged.status();
    outcome.stats = std::move(merged).value();
    outcome.complete = true;
    return outcome;
  }

  // Runs segment `s` on input part `part`, unless an earlier attempt finished it.
  Status RunPartSegment(int s, int part, RunStats* total) {
    const std::string marker = RunDirectory::SegmentMarker(s, part);
    if (dir_.IsDone(marker)) return Status::Ok();
    const Segment& segment = pipeline_.segments()[s];
    const bool last = s + 1 == static_cast<int>(pipeline_.segments().size());
    const std::string prefix = RunDirectory::PartPrefix(part, s);
    const std::string next_dir = last ? dir_.Path("kept") : dir_.SegmentInputDir(s + 1);
    // Whatever an interrupted attempt left of this part is removed first: no duplicates.
    const std::string out_prefix = last ? RunDirectory::PartPrefix(part, 0) : prefix;
    for (const auto& [d, p] : {std::pair{next_dir, out_prefix}, {dir_.Path("rejected"), prefix},
                               {dir_.Path("errors"), prefix}, {dir_.Path("stats"), prefix},
                               {dir_.Path("report"), prefix}}) {
      GHIRBAL_RETURN_IF_ERROR(dir_.RemoveTaskFiles(d, p));
    }
    std::error_code ec;
    fs::create_directories(next_dir, ec);

    SegmentJob job;
    job.pipeline = &pipeline_;
    job.segment = s;
    job.reader = options_.spec.reader;
    job.threads = options_.threads;
    job.progress = s == 0 ? &progress_ : nullptr;
    if (s == 0) {
      for (const InputRange& r : parts_[part].ranges) {
        job.inputs.push_back({static_cast<uint32_t>(part), files_[r.file].path, r.bytes, r.begin, r.end});
      }
    } else {
      job.reader = ReaderOptions();
      job.reader.format = InputFormat::kJsonl;
      job.reader.max_record_bytes = ~0ull;
      job.inputs_carry_origin = true;
      for (const std::string& path : dir_.TaskFiles(dir_.SegmentInputDir(s), RunDirectory::PartPrefix(part, s - 1))) {
        job.inputs.push_back({0, path, 0});
      }
    }

    auto make_writer = [&](const std::string& dir, const std::string& p, Compression c, int level,
                           uint64_t cap) -> Result<std::unique_ptr<ShardWriter>> {
      ShardWriter::Options o;
      o.dir = dir;
      o.prefix = p;
      o.compression = c;
      o.level = level;
      o.max_shard_bytes = cap;
      return ShardWriter::Create(o);
    };
    const PipelineSpec& spec = options_.spec;
    std::unique_ptr<ShardWriter> kept;
    if (last && to_stdout_) {
      kept = std::make_unique<StdoutWriter>();
    } else {
      // Files between phases are read back once: fast zstd. Outputs are as configured.
      auto w = last ? make_writer(next_dir, out_prefix, spec.compression, spec.compression_level,
                                  spec.max_shard_bytes)
                    : make_writer(next_dir, out_prefix, Compression::kZstd, 1, spec.max_shard_bytes);
      if (!w.ok()) return w.status();
      kept = std::move(w).value();
    }
    auto rejected = make_writer(dir_.Path("rejected"), prefix, spec.compression,
                                spec.compression_level, spec.max_shard_bytes);
    if (!rejected.ok()) return rejected.status();
    auto errors = make_writer(dir_.Path("errors"), prefix, Compression::kNone, 0, ~0ull);
    if (!errors.ok()) return errors.status();

    std::unique_ptr<GlobalStage::Applier> applier;
    std::unique_ptr<GlobalStage::Collector> collector;
    if (segment.apply_step >= 0) {
      auto a = pipeline_.steps()[segment.apply_step].global->NewApplier(Context(segment.apply_step, part));
      if (!a.ok()) return a.status();
      applier = std::move(a).value();
    }
    if (segment.collect_step >= 0) {
      TaskContext ctx = Context(segment.collect_step, part);
      fs::create_directories(ctx.work_dir, ec);
      auto c = pipeline_.steps()[segment.collect_step].global->NewCollector(ctx);
      if (!c.ok()) return c.status();
      collector = std::move(c).value();
    }
    job.applier = applier.get();
    job.collector = collector.get();
    job.kept = kept.get();
    job.kept_with_origin = !last;
    job.final_output = last;
    job.rejected = rejected->get();
    // On stdout the run directory is temporary: errors go to stderr instead.
    job.errors = to_stdout_ ? nullptr : errors->get();

    ObserverContext octx{dir_.root(), prefix, s, last, options_.threads};
    std::vector<std::unique_ptr<RunObserver>> observers = MakeRunObservers(octx);
    for (auto& o : observers) job.observers.push_back(o.get());

    RunStats stats;
    auto start = Clock::now();
    GHIRBAL_RETURN_IF_ERROR(RunSegment(job, &stats));
    for (auto& o : observers) GHIRBAL_RETURN_IF_ERROR(o->Finish());
    GHIRBAL_RETURN_IF_ERROR(kept->Close());
    GHIRBAL_RETURN_IF_ERROR((*rejected)->Close());
    GHIRBAL_RETURN_IF_ERROR((*errors)->Close());
    stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    GHIRBAL_RETURN_IF_ERROR(WriteFileAtomically(dir_.Path("stats/" + prefix + "-stats.json"), stats.ToJson()));
    GHIRBAL_RETURN_IF_ERROR(dir_.MarkDone(marker));
    total->Merge(stats);
    return Status::Ok();
  }

  // Runs the reduce phases of global step `step` (all, or only `only_phase`), and of each phase
  // all shards (or only `only_shard`), skipping finished ones.
  Status Reduce(int step, int only_phase, int only_shard) {
    const GlobalStage& g = *pipeline_.steps()[step].global;
    TaskContext ctx = Context(step, 0);
    for (int phase = 0; phase < g.NumReducePhases(); ++phase) {
      if (only_phase >= 0 && phase != only_phase) continue;
      for (int p = 0; p < phase; ++p) {
        for (int shard = 0; shard < g.ReduceShards(p); ++shard) {
          if (!dir_.IsDone(RunDirectory::ReduceMarker(step, p, shard))) {
            return Status::InvalidArgument("reduce phase " + std::to_string(phase) + " needs phase " +
                                           std::to_string(p) + " shard " + std::to_string(shard));
          }
        }
      }
      if (only_shard >= g.ReduceShards(phase)) {
        return Status::InvalidArgument("reduce phase " + std::to_string(phase) + " of '" + pipeline_.steps()[step].name +
                                       "' has " + std::to_string(g.ReduceShards(phase)) + " shard(s); there is no shard " +
                                       std::to_string(only_shard));
      }
      for (int shard = 0; shard < g.ReduceShards(phase); ++shard) {
        if (only_shard >= 0 && shard != only_shard) continue;
        const std::string marker = RunDirectory::ReduceMarker(step, phase, shard);
        if (dir_.IsDone(marker)) continue;
        GHIRBAL_RETURN_IF_ERROR(g.Reduce(phase, shard, ctx));
        GHIRBAL_RETURN_IF_ERROR(dir_.MarkDone(marker));
      }
    }
    return Status::Ok();
  }

  // Global stages see input parts as their "tasks": they collect and apply per part.
  TaskContext Context(int step, int part) const {
    TaskContext ctx;
    ctx.work_dir = dir_.StageWorkDir(step, pipeline_.steps()[step].name);
    ctx.task = part;
    ctx.tasks = static_cast<int>(parts_.size());
    return ctx;
  }

  const RunOptions& options_;
  std::vector<InputFile> files_;
  std::vector<InputPart> parts_;
  BuiltPipeline pipeline_;
  RunDirectory dir_;
  bool to_stdout_;
  ProgressCounters progress_;
};

}  // namespace

Result<RunStep> ParseRunStep(const std::string& text) {
  RunStep step;
  auto number = [](const std::string& s, int* out) {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return false;
    *out = std::stoi(s);
    return true;
  };
  const Status bad = Status::InvalidArgument("--step must be all, segment-S, reduce-S, reduce-S.P or finalize, not '" + text + "'");
  if (text == "all") return step;
  if (text == "finalize") {
    step.kind = RunStep::Kind::kFinalize;
    return step;
  }
  if (text.rfind("segment-", 0) == 0) {
    step.kind = RunStep::Kind::kSegment;
    if (!number(text.substr(8), &step.segment)) return bad;
    return step;
  }
  if (text.rfind("reduce-", 0) == 0) {
    step.kind = RunStep::Kind::kReduce;
    std::string rest = text.substr(7);
    size_t dot = rest.find('.');
    if (!number(rest.substr(0, dot), &step.segment)) return bad;
    if (dot != std::string::npos && !number(rest.substr(dot + 1), &step.phase)) return bad;
    return step;
  }
  return bad;
}

Result<RunStats> FinalizeRun(const std::string& run_dir) {
  RunDirectory dir(run_dir);
  RunStats total;
  double wall = 0;
  for (const std::string& path : dir.ListFiles(dir.Path("stats"))) {
    Result<std::string> text = ReadWholeFile(path);
    if (!text.ok()) return text.status();
    Result<RunStats> s = RunStats::FromJson(*text);
    if (!s.ok()) return Status::Corruption(path + ": " + s.status().message());
    wall += s->seconds;
    total.Merge(*s);
  }
  total.seconds = wall;
  GHIRBAL_RETURN_IF_ERROR(WriteFileAtomically(dir.Path("stats.json"), total.ToJson()));
  std::string errors;
  for (const std::string& path : dir.ListFiles(dir.Path("errors"))) {
    Result<std::string> text = ReadWholeFile(path);
    if (!text.ok()) return text.status();
    errors += *text;
  }
  GHIRBAL_RETURN_IF_ERROR(WriteFileAtomically(dir.Path("errors.jsonl"), errors));
  // Files between phases (intermediate documents, signatures, counts) are only needed to
  // finish the run; once it is finished they would double its disk footprint.
  std::error_code ec;
  fs::remove_all(dir.Path("work"), ec);
  return total;
}

Result<RunOutcome> ExecuteRun(const RunOptions& options) {
  const PipelineSpec& spec = options.spec;
  if (spec.output.empty()) return Status::InvalidArgument("no output directory given (use --output DIR)");
  if (options.tasks < 1) return Status::InvalidArgument("--tasks must be at least 1");
  Result<std::vector<InputFile>> files = ExpandInputs(spec.inputs);
  if (!files.ok()) return files.status();
  Result<std::vector<InputPart>> parts = PlanParts(*files, spec.split_bytes, spec.reader);
  if (!parts.ok()) return parts.status();
  std::vector<StageSpec> stages = spec.stages_given ? spec.stages : DefaultRecipe();
  Result<BuiltPipeline> pipeline = BuiltPipeline::Build(stages);
  if (!pipeline.ok()) return pipeline.status();

  const bool to_stdout = spec.output == "-";
  std::string dir = spec.output;
  if (to_stdout) {
    char tmpl[] = "/tmp/ghirbal-run-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return Status::IoError("cannot create a temporary run directory");
    dir = tmpl;
  }
  RunDirectory run_dir(dir);
  GHIRBAL_RETURN_IF_ERROR(run_dir.Prepare());

  PipelineSpec resolved = spec;
  resolved.stages = stages;
  resolved.stages_given = true;
  resolved.tasks = options.tasks;
  resolved.threads = 0;  // not part of what a run is: any thread count gives the same bytes
  const std::string identity = RunIdentity(*files, parts->size(), resolved);
  const std::string identity_path = run_dir.Path("run.json");
  if (fs::exists(identity_path)) {
    Result<std::string> old = ReadWholeFile(identity_path);
    if (!old.ok()) return old.status();
    if (*old != identity) {
      return Status::InvalidArgument(dir + " holds a different run (other inputs, input sizes or pipeline); use a new --output directory");
    }
  } else {
    GHIRBAL_RETURN_IF_ERROR(WriteFileAtomically(run_dir.Path("pipeline.yaml"), resolved.ToYaml()));
    GHIRBAL_RETURN_IF_ERROR(WriteFileAtomically(identity_path, identity));
  }

  RunOptions effective = options;
  if (effective.threads <= 0) effective.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Runner runner(effective, std::move(files).value(), std::move(parts).value(), std::move(pipeline).value(), dir,
                to_stdout);
  Result<RunOutcome> outcome = runner.Run();
  if (to_stdout) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return outcome;
}

}  // namespace ghirbal
