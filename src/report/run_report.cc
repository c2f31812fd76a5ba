#include "report/run_report.h"

#include <simdjson.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "ghirbal/version.h"
#include "pipeline/pipeline_spec.h"
#include "pipeline/run_directory.h"
#include "report/report_collector.h"

namespace ghirbal {
namespace fs = std::filesystem;
namespace {

struct StageOption {
  std::string stage, name;
  double value = 0;
};

// The numeric scalar options of every stage in the pipeline (only options given explicitly:
// pipeline.yaml records what the user wrote, not defaults).
std::vector<StageOption> NumericOptions(const std::string& yaml) {
  std::vector<StageOption> out;
  if (yaml.empty()) return out;
  Result<PipelineSpec> spec = ParsePipelineYaml(yaml, "pipeline.yaml");
  if (!spec.ok()) return out;
  for (const StageSpec& stage : spec->stages) {
    if (!stage.options || !stage.options.IsMap()) continue;
    for (const auto& kv : stage.options) {
      if (!kv.second.IsScalar()) continue;
      double v = 0;
      // yaml-cpp reports a failed conversion by return value here (no exception).
      if (!YAML::convert<double>::decode(kv.second, v)) continue;
      const std::string& text = kv.second.Scalar();
      if (text == "true" || text == "false") continue;
      out.push_back({stage.name, kv.first.Scalar(), v});
    }
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Whether option `opt` bounds the quantity named `leaf`: the same name, min_/max_ + the name,
// or min_/max_ + a suffix of it ("min_score" bounds "language_score", "language_low_score").
bool OptionBounds(std::string_view opt, std::string_view leaf) {
  if (opt == leaf) return true;
  for (std::string_view prefix : {"min_", "max_"}) {
    if (opt.substr(0, prefix.size()) != prefix) continue;
    std::string_view x = opt.substr(prefix.size());
    if (x.empty()) continue;
    if (x == leaf || EndsWith(leaf, "_" + std::string(x))) return true;
  }
  return false;
}

void AddThreshold(std::vector<Threshold>* list, double value, std::string label) {
  for (const Threshold& t : *list) {
    if (t.value == value) return;
  }
  list->push_back({value, std::move(label)});
}

}  // namespace

std::map<std::string, std::vector<Threshold>> MatchThresholds(const std::string& pipeline_yaml,
                                                              const ReportStats& report) {
  std::map<std::string, std::vector<Threshold>> out;
  const std::vector<StageOption> options = NumericOptions(pipeline_yaml);
  auto declared = [&](const std::string& key, std::string_view leaf) {
    auto it = report.declared_thresholds.find(std::string(leaf));
    if (it == report.declared_thresholds.end()) return;
    for (double v : it->second) AddThreshold(&out[key], v, std::string(leaf) + " = " + FormatValue(v));
  };
  for (const auto& [key, measure] : report.measures) {
    // "parent.leaf": options of the stage named `parent`; a top-level "leaf": any stage's.
    const size_t dot = key.find('.');
    const std::string parent = dot == std::string::npos ? "" : key.substr(0, dot);
    const std::string leaf = dot == std::string::npos ? key : key.substr(dot + 1);
    for (const StageOption& o : options) {
      if (!parent.empty() && o.stage != parent) continue;
      if (OptionBounds(o.name, leaf)) AddThreshold(&out[key], o.value, o.stage + "." + o.name + " = " + FormatValue(o.value));
    }
    declared(key, leaf);
  }
  for (const auto& [rule, sketch] : report.reject_values) {
    const size_t colon = rule.find(':');
    const std::string stage = rule.substr(0, colon);
    const std::string reason = colon == std::string::npos ? "" : rule.substr(colon + 1);
    for (const StageOption& o : options) {
      if (o.stage == stage && OptionBounds(o.name, reason)) {
        AddThreshold(&out[rule], o.value, o.stage + "." + o.name + " = " + FormatValue(o.value));
      }
    }
    declared(rule, reason);
  }
  return out;
}

Result<ReportData> LoadReportData(const std::string& run_dir) {
  RunDirectory dir(run_dir);
  ReportData data;
  data.run_dir = run_dir;
  data.version = GHIRBAL_VERSION;
  data.generated_at = UtcTimestampNow();

  bool is_run = false;
  if (Result<std::string> run_json = ReadWholeFile(dir.Path("run.json")); run_json.ok()) {
    is_run = true;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(*run_json).get(root)) {
      data.warnings.push_back("run.json is not valid JSON");
    } else {
      simdjson::dom::array inputs;
      if (!root["inputs"].get(inputs)) {
        for (auto e : inputs) {  // [path, size]
          std::string_view s;
          if (!e.at(0).get(s)) data.inputs.emplace_back(s);
        }
      }
      int64_t parts = 0;
      if (!root["parts"].get(parts)) data.parts = static_cast<int>(parts);
      std::string_view yaml;
      if (!root["pipeline"].get(yaml)) data.pipeline_yaml = std::string(yaml);
    }
  }
  if (Result<std::string> yaml = ReadWholeFile(dir.Path("pipeline.yaml")); yaml.ok()) data.pipeline_yaml = *yaml;

  if (Result<std::string> stats = ReadWholeFile(dir.Path("stats.json")); stats.ok()) {
    is_run = true;
    Result<RunStats> s = RunStats::FromJson(*stats);
    if (s.ok()) {
      data.stats = std::move(s).value();
      data.complete = data.have_stats = true;
    } else {
      data.warnings.push_back("stats.json: " + s.status().message());
    }
  }
  if (!data.complete) {
    // An unfinished run: merge what the finished tasks recorded.
    for (const std::string& path : dir.ListFiles(dir.Path("stats"))) {
      Result<std::string> text = ReadWholeFile(path);
      Result<RunStats> s = text.ok() ? RunStats::FromJson(*text) : Result<RunStats>(text.status());
      if (!s.ok()) {
        data.warnings.push_back(fs::path(path).filename().string() + ": " + s.status().message());
        continue;
      }
      data.stats.Merge(*s);
      data.have_stats = true;
      ++data.finished_steps;
    }
  }
  for (const std::string& path : dir.ListFiles(dir.Path("report"))) {
    if (!EndsWith(path, "-report.json")) continue;
    Result<std::string> text = ReadWholeFile(path);
    Result<ReportStats> r = text.ok() ? ReportStats::FromJson(*text) : Result<ReportStats>(text.status());
    if (!r.ok()) {
      data.warnings.push_back(fs::path(path).filename().string() + ": " + r.status().message());
      continue;
    }
    data.report.Merge(*r);
    ++data.report_files;
  }
  if (!is_run) {
    return Status::NotFound(run_dir + " is not a run directory (no run.json or stats.json)");
  }
  if (data.report_files == 0 && data.have_stats) {
    data.warnings.push_back("no report statistics in " + dir.Path("report") +
                            " (a run made by a ghirbal without the report module): only the funnel is shown");
  }
  data.thresholds = MatchThresholds(data.pipeline_yaml, data.report);
  return data;
}

Status WriteRunReport(const std::string& run_dir, const std::string& output_html) {
  Result<ReportData> data = LoadReportData(run_dir);
  if (!data.ok()) return data.status();
  const std::string out = output_html.empty() ? run_dir + "/report.html" : output_html;
  return WriteFileAtomically(out, RenderReportHtml(*data));
}

}  // namespace ghirbal
