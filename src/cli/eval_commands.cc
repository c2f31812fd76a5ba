// Evaluation commands, so users can measure ghirbal on their own data:
//   ghirbal eval-extract --pages DIR --truth ground-truth.json
//   ghirbal langid --eval FILE.tsv   (wired in stage_commands.cc through RunLangIdEval)
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/run_flags.h"
#include "html/extract.h"
#include "html/extract_eval.h"
#include "html/extract_stage.h"
#include "lang/lang_eval.h"

namespace ghirbal::cli {

void AddEvalExtractCommand(CLI::App* app, int* exit_code) {
  struct Flags {
    std::string pages, truth;
    bool per_page = false;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = app->add_subcommand(
      "eval-extract", "Score main-text extraction on annotated pages (word 4-gram precision, recall, F1) and its speed");
  cmd->add_option("--pages", f->pages, "Directory of <id>.html or <id>.html.gz pages")->required();
  cmd->add_option("--truth", f->truth, "JSON {\"<id>\": {\"articleBody\": \"...\", \"url\": \"...\"}}")->required();
  cmd->add_flag("--per-page", f->per_page, "Also print each page's precision and recall");
  cmd->callback([f, exit_code] {
    html::Extractor extractor;  // one thread, reused across pages as the stage does
    auto extract = [&](std::string_view, std::string_view raw, std::string_view) {
      return html::ExtractTextFromRaw(raw, "", &extractor);
    };
    Result<html::EvalSummary> s = html::EvaluateExtraction(f->pages, f->truth, extract);
    if (!s.ok()) {
      *exit_code = ReportError(s.status());
      return;
    }
    if (f->per_page) {
      for (const auto& p : s->per_page) std::printf("%-40s P %.3f  R %.3f\n", p.id.c_str(), p.precision, p.recall);
    }
    std::printf("pages %zu  F1 %.4f  precision %.4f  recall %.4f  %.1f pages/s (one thread)\n", s->pages, s->f1,
                s->precision, s->recall, s->pages_per_second);
    if (!s->missing_pages.empty()) std::printf("%zu pages of the truth file have no page file\n", s->missing_pages.size());
    *exit_code = 0;
  });
}

int RunLangIdEval(const std::string& tsv, const std::string& model, bool json) {
  LangIdOptions options;
  options.model = model;
  Result<LangEvalReport> r = EvaluateLanguageId(tsv, options);
  if (!r.ok()) return ReportError(r.status());
  std::fputs((json ? r->ToJson() + "\n" : r->ToText()).c_str(), stdout);
  return 0;
}

}  // namespace ghirbal::cli
