// The flags every pipeline-running command shares (--input, --output, --threads, --tasks, ...),
// parsed raw by CLI11 and then validated into RunOptions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/status.h"
#include "pipeline/runner.h"

namespace ghirbal::cli {

struct RunFlags {
  std::vector<std::string> inputs;
  std::string output;
  std::string format;
  int threads = -1;  // -1: not given
  int tasks = 0;
  int task = -1;
  std::string compression;
  std::optional<int> compression_level;
  int max_shard_mb = 0;
  std::string split_bytes;  // a size such as 256M; empty: the pipeline file's (default none)
  std::string id_field, text_field, html_field;
  int max_record_mb = 0;
  std::string step;
  bool no_progress = false;
  bool no_report = false;
  bool quiet = false;

  // Registers the flags on `app`. `with_output_required`: --output must be given.
  void Add(CLI::App* app);
  // Applies the flags over `spec` (flags win over the pipeline file) and resolves the task
  // selection from flags or environment.
  Result<RunOptions> Resolve(PipelineSpec spec) const;
};

// Runs `options`, prints the summary (or where it waits), writes DIR/report.html when the run
// is complete (unless `write_report` is false), returns the process exit code.
int RunAndReport(const RunOptions& options, bool quiet, bool write_report = true);

// Prints a Status as the one-line error of the CLI and returns the exit code for it.
int ReportError(const Status& status);

}  // namespace ghirbal::cli
