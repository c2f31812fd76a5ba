// ghirbal run [PIPELINE.yaml] [flags]: runs a declared pipeline, or the default web recipe.
#include <memory>

#include "cli/commands.h"
#include "cli/run_flags.h"

namespace ghirbal::cli {

void AddRunCommand(CLI::App* app, int* exit_code) {
  struct State {
    std::string pipeline_file;
    RunFlags flags;
  };
  auto state = std::make_shared<State>();
  CLI::App* cmd = app->add_subcommand(
      "run", "Run a pipeline from a YAML file, or the built-in default web recipe when none is given");
  cmd->add_option("pipeline", state->pipeline_file, "Pipeline file (YAML); flags override its settings");
  state->flags.Add(cmd);
  cmd->footer(
      "Examples:\n"
      "  ghirbal run --input 'crawl/*.warc.gz' --output out/\n"
      "  ghirbal run pipeline.yaml --threads 8\n"
      "  zstdcat docs.jsonl.zst | ghirbal run --input - --format jsonl --output - > clean.jsonl\n"
      "Default recipe: extract, normalize, langid, clean_lines, filter, pii, exact, line_dedup, minhash\n"
      "(the stages this build has; see `ghirbal stages`).");
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
    Result<RunOptions> options = state->flags.Resolve(std::move(spec));
    if (!options.ok()) {
      *exit_code = ReportError(options.status());
      return;
    }
    *exit_code = RunAndReport(*options, state->flags.quiet, !state->flags.no_report);
  });
}

}  // namespace ghirbal::cli
