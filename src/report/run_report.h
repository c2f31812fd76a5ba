// The run report: one self-contained HTML file describing a run, built from what the run
// directory already holds (never from the document files):
//
//   DIR/stats.json          the funnel (or, for an unfinished run, DIR/stats/*.json merged)
//   DIR/report/*-report.json  per-task ReportStats written by the report observer, merged
//   DIR/run.json            inputs and task count;  DIR/pipeline.yaml  stages and options
//
// The page has no script and no external reference (a Content-Security-Policy forbids both),
// so it opens offline in any browser and cannot be scripted by the documents it quotes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/run_stats.h"
#include "report/report_stats.h"
#include "report/svg_chart.h"

namespace ghirbal {

// Everything the page shows, loaded from a run directory.
struct ReportData {
  std::string run_dir;
  std::string version;        // of the ghirbal writing the report
  std::string generated_at;   // UTC, ISO 8601
  std::string pipeline_yaml;  // as run; empty if absent
  std::vector<std::string> inputs;
  int parts = 0;               // input parts, from run.json; 0 if unknown
  bool complete = false;       // stats.json exists: the run finished
  bool have_stats = false;     // some stats (complete, or merged from finished tasks)
  int finished_steps = 0;      // per-task stats files found
  RunStats stats;
  ReportStats report;
  int report_files = 0;
  std::vector<std::string> warnings;  // unreadable or missing parts, shown on the page
  // Threshold lines: measure key ("language_score", "filter.word_count") or rule key
  // ("filter:min_words") -> thresholds found in pipeline.yaml or declared by stages.
  std::map<std::string, std::vector<Threshold>> thresholds;
};

// Reads a run directory. Fails only when `run_dir` is not a run directory (no run.json, no
// stats); damaged parts become warnings on the page.
Result<ReportData> LoadReportData(const std::string& run_dir);

// The thresholds of `pipeline_yaml` (and those stages declared) that apply to each histogram of
// `report`; see docs/report.md for the naming convention.
std::map<std::string, std::vector<Threshold>> MatchThresholds(const std::string& pipeline_yaml,
                                                              const ReportStats& report);

// The HTML page.
std::string RenderReportHtml(const ReportData& data);

// Loads `run_dir` and writes its report to `output_html` (atomically). An empty
// `output_html` means run_dir + "/report.html".
Status WriteRunReport(const std::string& run_dir, const std::string& output_html);

}  // namespace ghirbal
