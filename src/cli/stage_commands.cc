// Single-purpose commands, each a one-stage (or few-stage) pipeline with the run flags:
// extract, langid, filter, dedup.
#include <memory>

#include "cli/commands.h"
#include "cli/run_flags.h"

namespace ghirbal::cli {
namespace {

// Adds a command that runs `stage_names` with options built by `options` from its flags.
template <typename Extra>
void AddPipelineCommand(CLI::App* app, int* exit_code, const std::string& name, const std::string& help,
                        std::shared_ptr<Extra> extra,
                        std::function<std::vector<StageSpec>(const Extra&)> stages) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* cmd = app->add_subcommand(name, help);
  flags->Add(cmd);
  extra->Add(cmd);
  cmd->callback([=] {
    if (int code = 0; extra->Intercept(&code)) {
      *exit_code = code;
      return;
    }
    PipelineSpec spec;
    spec.stages = stages(*extra);
    spec.stages_given = true;
    Result<RunOptions> options = flags->Resolve(std::move(spec));
    if (!options.ok()) {
      *exit_code = ReportError(options.status());
      return;
    }
    *exit_code = RunAndReport(*options, flags->quiet, !flags->no_report);
  });
}

// Flags of a command beyond the run flags. Intercept() may run the command some other way
// (an evaluation) and return true with its exit code.
struct NoIntercept {
  bool Intercept(int*) const { return false; }
};

struct ExtractFlags : NoIntercept {
  bool keep_comments = false;
  bool title_in_text = false;
  int timeout_ms = -1;
  void Add(CLI::App* cmd) {
    cmd->add_flag("--keep-comments", keep_comments, "Keep comment sections");
    cmd->add_flag("--title-in-text", title_in_text, "Put the headline first in text");
    cmd->add_option("--timeout-ms", timeout_ms, "Per-document time budget (default 1000)");
  }
};

struct LangidFlags {
  std::string model;
  std::vector<std::string> languages;
  double min_score = -1;
  std::string eval;
  bool json = false;
  bool Intercept(int* code) const {
    if (eval.empty()) return false;
    *code = RunLangIdEval(eval, model, json);
    return true;
  }
  void Add(CLI::App* cmd) {
    cmd->add_option("--eval", eval,
                    "Evaluate on a TSV (columns variant, iso639_3, code, bcp47, article, text) instead of "
                    "tagging documents: accuracy per language and confusions");
    cmd->add_flag("--json", json, "With --eval: print the figures as JSON");
    cmd->add_option("--model", model, "fastText language-ID model (lid.176, OpenLID, GlotLID); default: CLD2");
    cmd->add_option("--languages", languages, "Keep only these languages (ISO codes, comma-separated or repeated)")
        ->delimiter(',');
    cmd->add_option("--min-score", min_score, "Reject documents whose language score is below this");
  }
};

struct FilterFlags : NoIntercept {
  std::string config;
  void Add(CLI::App* cmd) {
    cmd->add_option("--rules", config, "YAML file with options for clean_lines, filter and pii");
  }
};

struct DedupFlags : NoIntercept {
  std::vector<std::string> methods{"exact", "minhash"};
  void Add(CLI::App* cmd) {
    cmd->add_option("--methods", methods, "Which deduplications, in order: exact, line_dedup, minhash")
        ->delimiter(',')
        ->capture_default_str();
  }
};

}  // namespace

void AddStageCommands(CLI::App* app, int* exit_code) {
  AddPipelineCommand<ExtractFlags>(
      app, exit_code, "extract", "Extract the main text of HTML pages (WARC responses, .html files, JSON Lines with --html-field)",
      std::make_shared<ExtractFlags>(), [](const ExtractFlags& f) {
        YAML::Node o(YAML::NodeType::Map);
        if (f.keep_comments) o["keep_comments"] = true;
        if (f.title_in_text) o["title_in_text"] = true;
        if (f.timeout_ms >= 0) o["timeout_ms"] = f.timeout_ms;
        return std::vector<StageSpec>{{"extract", o}};
      });
  AddPipelineCommand<LangidFlags>(
      app, exit_code, "langid", "Identify the language of each document (metadata.language, script, score)",
      std::make_shared<LangidFlags>(), [](const LangidFlags& f) {
        YAML::Node o(YAML::NodeType::Map);
        if (!f.model.empty()) o["model"] = f.model;
        if (!f.languages.empty()) o["languages"] = f.languages;
        if (f.min_score >= 0) o["min_score"] = f.min_score;
        return std::vector<StageSpec>{{"langid", o}};
      });
  AddPipelineCommand<FilterFlags>(
      app, exit_code, "filter", "Remove boilerplate lines and apply the quality filters (clean_lines, filter, pii)",
      std::make_shared<FilterFlags>(), [](const FilterFlags& f) {
        YAML::Node rules;
        if (!f.config.empty()) rules = YAML::LoadFile(f.config);
        std::vector<StageSpec> stages;
        for (const char* name : {"clean_lines", "filter", "pii"}) {
          stages.push_back({name, rules && rules[name] ? rules[name] : YAML::Node()});
        }
        return stages;
      });
  AddPipelineCommand<DedupFlags>(
      app, exit_code, "dedup", "Remove exact and near duplicates (and repeated lines with line_dedup)",
      std::make_shared<DedupFlags>(), [](const DedupFlags& f) {
        std::vector<StageSpec> stages;
        for (const std::string& m : f.methods) stages.push_back({m, YAML::Node()});
        return stages;
      });
}

}  // namespace ghirbal::cli
