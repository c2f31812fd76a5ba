#include "cli/run_flags.h"

#include "pipeline/input_files.h"
#include "report/run_report.h"

#include <cstdio>

namespace ghirbal::cli {

void RunFlags::Add(CLI::App* app) {
  app->add_option("-i,--input", inputs, "Input files, globs, directories; '-' for stdin (repeatable)");
  app->add_option("-o,--output", output, "Run directory for kept/, rejected/, errors.jsonl, stats.json; '-' writes kept JSON Lines to stdout");
  app->add_option("-f,--format", format, "Input format: auto (by extension), warc, wet, jsonl, text, html");
  app->add_option("-t,--threads", threads, "Worker threads (default: all cores)");
  app->add_option("--tasks", tasks, "Split the input parts over N tasks (default: 1, or SLURM_ARRAY_TASK_COUNT); a run may be resumed with another N");
  app->add_option("--split-bytes", split_bytes, "Make input parts of about SIZE (e.g. 256M): cut larger WARC/WET (plain or .warc.gz) and JSON Lines (plain, .gz, .zst) files into ranges, group smaller files");
  app->add_option("--task", task, "Run only task K of --tasks (default: all; or SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX)");
  app->add_option("--compression", compression, "Output shard compression: zstd (default), gzip, none");
  app->add_option("--compression-level", compression_level, "Output compression level: 0 = default (3); zstd -7..19, negative levels are zstd's fast ones (faster, larger files); gzip 1..9");
  app->add_option("--max-shard-mb", max_shard_mb, "Start a new output shard past this many MB of JSON (default 1024)");
  app->add_option("--id-field", id_field, "JSON Lines field holding the document id (default: id)");
  app->add_option("--text-field", text_field, "JSON Lines field holding the text (default: text)");
  app->add_option("--html-field", html_field, "JSON Lines field holding raw HTML to extract");
  app->add_option("--max-record-mb", max_record_mb, "Records larger than this are reported as errors (default 64)");
  app->add_option("--step", step, "Run one step of the run, for schedulers: segment-S, reduce-S[.P], finalize (default: all)");
  app->add_flag("--no-progress", no_progress, "Do not draw the progress line");
  app->add_flag("--no-report", no_report, "Do not write DIR/report.html at the end of the run");
  app->add_flag("-q,--quiet", quiet, "Print nothing but errors");
}

Result<RunOptions> RunFlags::Resolve(PipelineSpec spec) const {
  if (!inputs.empty()) spec.inputs = inputs;
  if (!output.empty()) spec.output = output;
  if (!format.empty()) {
    Result<InputFormat> f = ParseInputFormat(format);
    if (!f.ok()) return f.status();
    spec.reader.format = *f;
  }
  if (!compression.empty()) {
    Result<Compression> c = ParseCompression(compression);
    if (!c.ok()) return c.status();
    spec.compression = *c;
  }
  if (compression_level) spec.compression_level = *compression_level;
  if (Status st = CheckCompressionLevel(spec.compression, spec.compression_level); !st.ok()) {
    return Status::InvalidArgument("compression_level: " + st.message());
  }
  if (max_shard_mb > 0) spec.max_shard_bytes = static_cast<uint64_t>(max_shard_mb) << 20;
  if (!split_bytes.empty()) {
    Result<uint64_t> size = ParseByteSize(split_bytes);
    if (!size.ok()) return Status::InvalidArgument("--split-bytes: " + size.status().message());
    spec.split_bytes = *size;
  }
  if (!id_field.empty()) spec.reader.id_field = id_field;
  if (!text_field.empty()) spec.reader.text_field = text_field;
  if (!html_field.empty()) spec.reader.html_field = html_field;
  if (max_record_mb > 0) spec.reader.max_record_bytes = static_cast<uint64_t>(max_record_mb) << 20;
  if (threads >= 0) spec.threads = threads;
  if (tasks > 0) spec.tasks = tasks;
  if (spec.inputs.empty()) return Status::InvalidArgument("no input given (use --input)");
  if (spec.output.empty()) return Status::InvalidArgument("no output given (use --output DIR, or - for stdout)");

  RunOptions options;
  if (!step.empty()) {
    Result<RunStep> parsed = ParseRunStep(step);
    if (!parsed.ok()) return parsed.status();
    options.step = *parsed;
  }
  Result<TaskSelection> sel = ResolveTaskSelection(task, spec.tasks, options.step.kind == RunStep::Kind::kReduce);
  if (!sel.ok()) return sel.status();
  options.tasks = sel->tasks;
  options.task = sel->task;
  spec.tasks = sel->tasks;
  options.threads = spec.threads;
  options.progress = !no_progress && !quiet;
  options.spec = std::move(spec);
  return options;
}

int ReportError(const Status& status) {
  std::fprintf(stderr, "ghirbal: error: %s\n", status.message().c_str());
  return status.code() == Status::Code::kInvalidArgument ? 2 : 1;
}

int RunAndReport(const RunOptions& options, bool quiet, bool write_report) {
  Result<RunOutcome> outcome = ExecuteRun(options);
  if (!outcome.ok()) return ReportError(outcome.status());
  const RunStats& s = outcome->stats;
  const bool to_stdout = options.spec.output == "-";
  if (outcome->complete && write_report && !to_stdout) {
    // The report is a view of the run: failing to write it is reported, not fatal.
    Status st = WriteRunReport(options.spec.output, "");
    if (!st.ok()) std::fprintf(stderr, "ghirbal: warning: no report: %s\n", st.message().c_str());
  }
  if (quiet) return 0;
  if (!outcome->complete) {
    std::fprintf(stderr, "ghirbal: task %d done (%llu documents read); the run completes when %s has finished\n",
                 options.task, static_cast<unsigned long long>(s.documents_read), outcome->waiting_for.c_str());
    return 0;
  }
  std::fprintf(stderr, "ghirbal: read %llu documents: kept %llu, rejected %llu, errors %llu (read = kept + rejected + errors: %s) in %.1fs\n",
               static_cast<unsigned long long>(s.documents_read), static_cast<unsigned long long>(s.kept),
               static_cast<unsigned long long>(s.rejected), static_cast<unsigned long long>(s.errors),
               s.Balanced() ? "holds" : "BROKEN", s.seconds);
  if (!to_stdout) {
    const std::string& d = options.spec.output;
    std::fprintf(stderr, "ghirbal: output in %s: kept/ rejected/ errors.jsonl stats.json%s (see: ghirbal stats %s)\n",
                 d.c_str(), write_report ? " report.html" : "", d.c_str());
  }
  return s.Balanced() ? 0 : 3;
}

}  // namespace ghirbal::cli
