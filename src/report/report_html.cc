// RenderReportHtml: the page. Every string that comes from the run (documents, file names,
// configuration, stage and reason names) goes through HtmlEscape; the page carries no script
// and a Content-Security-Policy that forbids scripts and every network fetch.
#include <algorithm>
#include <cstdio>

#include "report/report_collector.h"
#include "report/run_report.h"

namespace ghirbal {
namespace {

constexpr const char* kStyle = R"css(
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", sans-serif;
       margin: 0 auto; max-width: 1000px; padding: 16px 24px; color: #1d1d1f; background: #fff; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid #3b6fb6; padding-bottom: 2px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ccd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #eef2f8; }
td.n, th.n { text-align: right; }
tr.reason td { color: #555; font-size: 13px; border-top: none; }
.banner { padding: 8px 12px; border-radius: 4px; margin: 10px 0; }
.banner.ok { background: #e7f4ea; border: 1px solid #8bc59a; }
.banner.warn { background: #fff4e0; border: 1px solid #e0a84a; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
.card { border: 1px solid #ccd; border-radius: 4px; padding: 6px 14px; min-width: 120px; }
.card b { display: block; font-size: 20px; }
svg.chart { max-width: 100%; height: auto; display: block; margin: 8px 0; }
svg.chart text { font-size: 11px; fill: #222; }
svg.chart .chart-title { font-size: 13px; font-weight: bold; }
svg.chart .axis-label { font-size: 12px; }
figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
.example { border: 1px solid #ccd; border-radius: 4px; margin: 8px 0; break-inside: avoid; page-break-inside: avoid; }
.example .meta { background: #f4f6fa; padding: 3px 8px; font-size: 12px; color: #444; overflow-wrap: anywhere; }
.example .text { padding: 6px 8px; white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate; }
.text:dir(rtl) { font-size: 15px; }
pre { background: #f4f6fa; border: 1px solid #ccd; padding: 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
.muted { color: #666; }
nav a { margin-right: 10px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .banner, .card, .example { border-color: #999; }
}
)css";

std::string E(std::string_view s) { return HtmlEscape(s); }
std::string C(uint64_t n) { return FormatCount(n); }

std::string Percent(uint64_t part, uint64_t whole) {
  if (whole == 0) return "\u2013";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

std::string Megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(bytes) / 1e6);
  return buf;
}

// "stage:reason" -> {"stage", "reason"}.
std::pair<std::string, std::string> SplitRule(const std::string& rule) {
  size_t colon = rule.find(':');
  if (colon == std::string::npos) return {rule, ""};
  return {rule.substr(0, colon), rule.substr(colon + 1)};
}

class Page {
 public:
  explicit Page(const ReportData& d) : d_(d), r_(d.report) {}

  std::string Render() {
    Head();
    Summary();
    Funnel();
    Rejects();
    Measures();
    Languages();
    Lengths();
    Dedup();
    Examples();
    Errors();
    Configuration();
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  void Head() {
    out_ += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    // No script may run and nothing may be fetched: the page is data only.
    out_ += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<title>ghirbal run report: " + E(d_.run_dir) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    out_ += "<h1>ghirbal run report</h1>\n<div class=\"muted\">Run directory <code>" + E(d_.run_dir) +
            "</code> · report by ghirbal " + E(d_.version) + " at " + E(d_.generated_at) + "</div>\n";
    out_ += "<nav><a href=\"#funnel\">Funnel</a><a href=\"#rejects\">Rejects</a><a href=\"#measures\">Measurements</a>"
            "<a href=\"#languages\">Languages</a><a href=\"#lengths\">Lengths</a><a href=\"#dedup\">Dedup</a>"
            "<a href=\"#examples\">Examples</a><a href=\"#config\">Configuration</a></nav>\n";
  }

  void Banner(const std::string& cls, const std::string& html) {
    out_ += "<div class=\"banner " + cls + "\" id=\"status\">" + html + "</div>\n";
  }

  void Summary() {
    const RunStats& s = d_.stats;
    if (!d_.complete) {
      std::string msg = "<b>Incomplete run.</b> This run did not finish (there is no stats.json): the figures cover only the " +
                        C(static_cast<uint64_t>(d_.finished_steps)) + " step(s) that completed";
      if (d_.parts > 0) msg += ", of a run of " + C(static_cast<uint64_t>(d_.parts)) + " input part(s)";
      msg += ". Rerun the same command to finish it.";
      Banner("warn", msg);
    } else if (s.documents_read == 0) {
      Banner("warn", "<b>Empty run.</b> This run read no documents: there is nothing to show.");
    } else {
      Banner("ok", "<b>Finished run.</b> Documents read = kept + rejected + errors " +
                       std::string(s.Balanced() ? "holds." : "<b>does not hold</b>."));
    }
    for (const std::string& w : d_.warnings) Banner("warn", E(w));
    if (r_.dropped_keys > 0) {
      Banner("warn", C(r_.dropped_keys) + " value(s) are not shown: the run had more distinct measurements, rules or "
                                          "languages than the report keeps (see docs/report.md, bounds).");
    }
    out_ += "<div class=\"cards\" id=\"summary\">";
    Card("documents read", C(s.documents_read));
    Card("kept", C(s.kept) + " <small>(" + Percent(s.kept, s.documents_read) + ")</small>");
    Card("rejected", C(s.rejected) + " <small>(" + Percent(s.rejected, s.documents_read) + ")</small>");
    Card("read errors", C(s.errors));
    Card("input files", C(s.files));
    Card("input MB", Megabytes(s.input.compressed_bytes));
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.1f", s.seconds);
    Card("seconds (sum of tasks)", secs);
    out_ += "</div>\n";
  }

  void Card(const std::string& label, const std::string& value_html) {
    out_ += "<div class=\"card\"><b>" + value_html + "</b>" + E(label) + "</div>";
  }

  void Funnel() {
    const RunStats& s = d_.stats;
    out_ += "<section id=\"funnel\"><h2>Funnel</h2>\n";
    if (s.stages.empty()) {
      out_ += "<p class=\"muted\">No stage statistics.</p></section>\n";
      return;
    }
    std::vector<Bar> bars;
    bars.push_back({"read", static_cast<double>(s.documents_read > s.errors ? s.documents_read - s.errors : 0), ""});
    for (const StageStats& st : s.stages) {
      bars.push_back({"after " + st.name, static_cast<double>(st.documents_out), Percent(st.documents_out, st.documents_in) + " of its input"});
    }
    out_ += "<figure>" + BarChartSvg("Documents left after each stage", "documents", bars) + "</figure>\n";
    out_ += "<table><tr><th>#</th><th>stage</th><th class=\"n\">documents in</th><th class=\"n\">out</th>"
            "<th class=\"n\">dropped</th><th class=\"n\">kept</th><th class=\"n\">MB in</th><th class=\"n\">MB out</th>"
            "<th class=\"n\">seconds</th></tr>\n";
    for (size_t i = 0; i < s.stages.size(); ++i) {
      const StageStats& st = s.stages[i];
      char secs[32];
      std::snprintf(secs, sizeof secs, "%.2f", st.seconds);
      out_ += "<tr><td>" + std::to_string(i + 1) + "</td><td>" + E(st.name) + "</td><td class=\"n\">" + C(st.documents_in) +
              "</td><td class=\"n\">" + C(st.documents_out) + "</td><td class=\"n\">" + C(st.dropped_total()) +
              "</td><td class=\"n\">" + Percent(st.documents_out, st.documents_in) + "</td><td class=\"n\">" +
              Megabytes(st.bytes_in) + "</td><td class=\"n\">" + Megabytes(st.bytes_out) + "</td><td class=\"n\">" + secs +
              "</td></tr>\n";
      for (const auto& [reason, n] : st.dropped) {
        out_ += "<tr class=\"reason\"><td></td><td>dropped: " + E(reason) + "</td><td></td><td></td><td class=\"n\">" + C(n) +
                "</td><td class=\"n\">" + Percent(n, st.documents_in) + " of in</td><td></td><td></td><td></td></tr>\n";
      }
    }
    out_ += "</table>\n";
    if (!s.input.skipped_by_type.empty()) {
      out_ += "<p>Input records that are not documents: ";
      for (const auto& [kind, n] : s.input.skipped_by_type) out_ += E(kind) + " " + C(n) + "; ";
      out_ += "</p>\n";
    }
    out_ += "</section>\n";
  }

  void Rejects() {
    out_ += "<section id=\"rejects\"><h2>Rejects by rule</h2>\n";
    std::vector<std::pair<std::string, uint64_t>> rules(r_.rejects.begin(), r_.rejects.end());
    if (rules.empty()) {
      out_ += "<p class=\"muted\">No document was rejected.</p></section>\n";
      return;
    }
    std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<Bar> bars;
    for (const auto& [rule, n] : rules) {
      auto [stage, reason] = SplitRule(rule);
      bars.push_back({stage + ": " + reason, static_cast<double>(n), Percent(n, r_.rejected) + " of rejects"});
    }
    out_ += "<figure>" + BarChartSvg("Rejected documents by rule (stage: reason)", "documents rejected", bars) + "</figure>\n";
    out_ += "</section>\n";
  }

  void Measures() {
    out_ += "<section id=\"measures\"><h2>Measurements</h2>\n";
    out_ += "<p class=\"muted\">Every numeric value a stage recorded, over all documents (kept in blue, rejected in orange); "
            "dashed red lines are the thresholds set in the pipeline (see docs/report.md for how stages name them).</p>\n";
    if (r_.reject_values.empty() && r_.measures.empty()) out_ += "<p class=\"muted\">No numeric measurement was recorded.</p>\n";
    for (const auto& [rule, sketch] : r_.reject_values) {
      auto [stage, reason] = SplitRule(rule);
      HistogramSpec h;
      h.title = "Rule " + stage + ": " + reason + " \u2014 value measured on rejected documents";
      h.x_label = "measured value (" + reason + ")";
      h.rejected = &sketch;
      h.thresholds = ThresholdsOf(rule);
      out_ += "<figure class=\"histogram\">" + HistogramSvg(h) + "</figure>\n";
    }
    for (const auto& [key, m] : r_.measures) {
      HistogramSpec h;
      h.title = "metadata." + key + " over all documents (" + C(m.kept.count() + m.rejected.count()) + ")";
      h.x_label = key + " (as recorded)";
      h.kept = &m.kept;
      h.rejected = &m.rejected;
      h.thresholds = ThresholdsOf(key);
      out_ += "<figure class=\"histogram\">" + HistogramSvg(h) + "</figure>\n";
    }
    out_ += "</section>\n";
  }

  std::vector<Threshold> ThresholdsOf(const std::string& key) const {
    auto it = d_.thresholds.find(key);
    return it == d_.thresholds.end() ? std::vector<Threshold>{} : it->second;
  }

  void Languages() {
    out_ += "<section id=\"languages\"><h2>Languages and scripts of kept documents</h2>\n";
    if (r_.languages.empty()) {
      out_ += "<p class=\"muted\">No kept document carries a language (no langid stage, or nothing kept).</p>\n";
    } else {
      std::vector<std::pair<std::string, LanguageCount>> langs(r_.languages.begin(), r_.languages.end());
      std::stable_sort(langs.begin(), langs.end(),
                       [](const auto& a, const auto& b) { return a.second.documents > b.second.documents; });
      uint64_t total = 0;
      for (const auto& [l, c] : langs) total += c.documents;
      const size_t shown = std::min<size_t>(30, langs.size());
      std::vector<Bar> bars;
      for (size_t i = 0; i < shown; ++i) {
        const auto& [lang, c] = langs[i];
        std::string note = Percent(c.documents, total);
        if (c.scored > 0) note += ", mean score " + FormatValue(c.score_sum / static_cast<double>(c.scored));
        bars.push_back({lang, static_cast<double>(c.documents), note});
      }
      std::string title = "Kept documents by language (top " + std::to_string(shown) + " of " + std::to_string(langs.size()) + ")";
      out_ += "<figure>" + BarChartSvg(title, "kept documents", bars) + "</figure>\n";
      out_ += "<table><tr><th>language</th><th class=\"n\">kept documents</th><th class=\"n\">share</th><th class=\"n\">mean language score</th></tr>\n";
      for (size_t i = 0; i < shown; ++i) {
        const auto& [lang, c] = langs[i];
        out_ += "<tr><td>" + E(lang) + "</td><td class=\"n\">" + C(c.documents) + "</td><td class=\"n\">" +
                Percent(c.documents, total) + "</td><td class=\"n\">" +
                (c.scored > 0 ? FormatValue(c.score_sum / static_cast<double>(c.scored)) : "\u2013") + "</td></tr>\n";
      }
      out_ += "</table>\n";
    }
    if (!r_.scripts.empty()) {
      std::vector<std::pair<std::string, uint64_t>> scripts(r_.scripts.begin(), r_.scripts.end());
      std::stable_sort(scripts.begin(), scripts.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
      std::vector<Bar> bars;
      for (size_t i = 0; i < std::min<size_t>(30, scripts.size()); ++i) {
        bars.push_back({scripts[i].first, static_cast<double>(scripts[i].second), ""});
      }
      out_ += "<figure>" + BarChartSvg("Kept documents by script", "kept documents", bars) + "</figure>\n";
    }
    out_ += "</section>\n";
  }

  void Lengths() {
    out_ += "<section id=\"lengths\"><h2>Text length</h2>\n";
    HistogramSpec h;
    h.title = "Text length, kept versus rejected documents";
    h.x_label = "text length (characters)";
    h.kept = &r_.text_chars.kept;
    h.rejected = &r_.text_chars.rejected;
    out_ += "<figure class=\"histogram\">" + HistogramSvg(h) + "</figure>\n";
    out_ += "<table><tr><th></th><th class=\"n\">documents</th><th class=\"n\">mean characters</th>"
            "<th class=\"n\">min</th><th class=\"n\">max</th></tr>\n";
    for (const auto& [name, s] : {std::pair{"kept", &r_.text_chars.kept}, {"rejected", &r_.text_chars.rejected}}) {
      out_ += std::string("<tr><td>") + name + "</td><td class=\"n\">" + C(s->count()) + "</td><td class=\"n\">" +
              FormatValue(s->mean()) + "</td><td class=\"n\">" + FormatValue(s->count() ? s->min() : 0) +
              "</td><td class=\"n\">" + FormatValue(s->count() ? s->max() : 0) + "</td></tr>\n";
    }
    out_ += "</table></section>\n";
  }

  void Dedup() {
    out_ += "<section id=\"dedup\"><h2>Deduplication</h2>\n";
    uint64_t exact = 0, near = 0;
    for (const auto& [rule, n] : r_.rejects) {
      const std::string reason = SplitRule(rule).second;
      if (reason == "exact_duplicate") exact += n;
      if (reason == "near_duplicate") near += n;
    }
    out_ += "<div class=\"cards\">";
    Card("exact duplicates removed", C(exact));
    Card("near duplicates removed", C(near));
    out_ += "</div>\n";
    if (r_.cluster_sizes.empty()) out_ += "<p class=\"muted\">No kept document carries a duplicate-cluster size.</p>\n";
    for (const auto& [kind, sizes] : r_.cluster_sizes) {
      std::vector<Bar> bars;
      uint64_t clusters = 0;
      for (const auto& [size, n] : sizes) clusters += n;
      // Up to 30 rows: the smallest sizes one by one, the rest together.
      size_t i = 0;
      uint64_t rest = 0;
      for (const auto& [size, n] : sizes) {
        if (i++ < 29) {
          bars.push_back({std::to_string(size) + " documents", static_cast<double>(n), ""});
        } else {
          rest += n;
        }
      }
      if (rest > 0) bars.push_back({"larger", static_cast<double>(rest), ""});
      const std::string what = kind == "minhash" ? "near-duplicate (MinHash)" : kind == "exact" ? "exact-duplicate" : kind;
      out_ += "<figure>" + BarChartSvg("Size of " + what + " clusters (" + C(clusters) + " clusters)", "clusters", bars) + "</figure>\n";
    }
    if (!r_.largest_clusters.empty()) {
      out_ += "<h3>Largest clusters</h3>\n<table><tr><th>kind</th><th class=\"n\">documents</th><th>kept document</th><th>text</th></tr>\n";
      for (const ClusterExample& c : r_.largest_clusters) {
        out_ += "<tr><td>" + E(c.kind) + "</td><td class=\"n\">" + C(c.size) + "</td><td>" + E(c.kept_id) +
                (c.url.empty() ? "" : "<br><span class=\"muted\">" + E(c.url) + "</span>") +
                "</td><td><div class=\"text\" dir=\"auto\">" + E(Snippet(c.snippet, 80)) + (CountCharacters(c.snippet) > 80 ? "\u2026" : "") + "</div></td></tr>\n";
      }
      out_ += "</table>\n";
    }
    out_ += "</section>\n";
  }

  void ExampleCard(const Example& e, const std::string& kind) {
    out_ += "<div class=\"example\" data-kind=\"" + E(kind) + "\"><div class=\"meta\">id <b>" + E(e.id) + "</b>";
    if (!e.url.empty()) out_ += " · " + E(e.url);
    if (!e.language.empty()) out_ += " · language " + E(e.language);
    out_ += " · " + C(e.chars) + " characters";
    if (!e.stage.empty()) {
      out_ += " · rejected by " + E(e.stage) + ": " + E(e.reason);
      if (!e.value.empty()) out_ += " = " + E(e.value);
    }
    out_ += "</div><div class=\"text\" dir=\"auto\">";
    out_ += e.snippet.empty() ? "<span class=\"muted\">(no text)</span>" : E(e.snippet) + (CountCharacters(e.snippet) < e.chars ? "\u2026" : "");
    out_ += "</div></div>\n";
  }

  void Examples() {
    out_ += "<section id=\"examples\"><h2>Examples</h2>\n";
    out_ += "<p class=\"muted\">A fixed-seed uniform sample of documents; texts cut to their first few hundred characters.</p>\n";
    out_ += "<h3>Kept documents</h3>\n";
    if (r_.kept_examples.items().empty()) out_ += "<p class=\"muted\">None.</p>\n";
    for (const Example& e : r_.kept_examples.items()) ExampleCard(e, "kept");
    for (const auto& [rule, sample] : r_.reject_examples) {
      auto [stage, reason] = SplitRule(rule);
      auto it = r_.rejects.find(rule);
      out_ += "<h3>Rejected by " + E(stage) + ": " + E(reason) + " (" + C(it == r_.rejects.end() ? 0 : it->second) +
              " documents)</h3>\n";
      for (const Example& e : sample.items()) ExampleCard(e, "rejected");
    }
    out_ += "</section>\n";
  }

  void Errors() {
    if (r_.error_examples.empty()) return;
    out_ += "<section id=\"errors\"><h2>Read errors (sample)</h2>\n<table><tr><th>file</th><th class=\"n\">offset</th><th>reason</th></tr>\n";
    for (const ErrorExample& e : r_.error_examples) {
      out_ += "<tr><td>" + E(e.file) + "</td><td class=\"n\">" + std::to_string(e.offset) + "</td><td>" + E(e.reason) + "</td></tr>\n";
    }
    out_ += "</table></section>\n";
  }

  void Configuration() {
    out_ += "<section id=\"config\"><h2>Run</h2>\n<table>";
    std::string started, finished;
    int min_threads = 0, max_threads = 0;
    for (const TaskRecord& t : r_.tasks) {
      if (started.empty() || t.started < started) started = t.started;
      if (t.finished > finished) finished = t.finished;
      if (t.threads > 0) {
        min_threads = min_threads == 0 ? t.threads : std::min(min_threads, t.threads);
        max_threads = std::max(max_threads, t.threads);
      }
    }
    auto row = [&](const std::string& k, const std::string& v_html) {
      out_ += "<tr><th>" + E(k) + "</th><td>" + v_html + "</td></tr>\n";
    };
    row("ghirbal version", E(d_.version));
    row("started (UTC)", started.empty() ? "unknown" : E(started));
    row("finished (UTC)", finished.empty() ? "unknown" : E(finished));
    row("input parts", d_.parts > 0 ? std::to_string(d_.parts) : "unknown");
    row("steps recorded (part, segment)", std::to_string(r_.tasks.size()));
    row("threads per step", max_threads == 0 ? "not recorded"
                            : min_threads == max_threads ? std::to_string(max_threads)
                                                         : std::to_string(min_threads) + " to " + std::to_string(max_threads));
    out_ += "</table>\n";
    if (!r_.tasks.empty()) {
      out_ += "<h3>Steps</h3>\n<table><tr><th>part</th><th class=\"n\">segment</th><th>started</th><th>finished</th>"
              "<th class=\"n\">seconds</th><th class=\"n\">documents</th></tr>\n";
      const size_t shown_steps = std::min<size_t>(r_.tasks.size(), 200);
      for (size_t i = 0; i < shown_steps; ++i) {
        const TaskRecord& t = r_.tasks[i];
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.2f", t.seconds);
        out_ += "<tr><td>" + E(t.prefix) + "</td><td class=\"n\">" + std::to_string(t.segment) + "</td><td>" + E(t.started) +
                "</td><td>" + E(t.finished) + "</td><td class=\"n\">" + secs + "</td><td class=\"n\">" + C(t.documents) + "</td></tr>\n";
      }
      if (shown_steps < r_.tasks.size()) {
        out_ += "<tr><td colspan=\"6\">\u2026 and " + C(r_.tasks.size() - shown_steps) + " more</td></tr>\n";
      }
      out_ += "</table>\n";
    }
    out_ += "<h3>Input files (" + C(d_.inputs.size()) + ")</h3>\n<pre>";
    const size_t shown = std::min<size_t>(d_.inputs.size(), 200);
    for (size_t i = 0; i < shown; ++i) out_ += E(d_.inputs[i]) + "\n";
    if (shown < d_.inputs.size()) out_ += "\u2026 and " + C(d_.inputs.size() - shown) + " more\n";
    out_ += "</pre>\n<h3>Pipeline (pipeline.yaml)</h3>\n<pre>" +
            (d_.pipeline_yaml.empty() ? std::string("(not recorded)") : E(d_.pipeline_yaml)) + "</pre>\n</section>\n";
  }

  const ReportData& d_;
  const ReportStats& r_;
  std::string out_;
};

}  // namespace

std::string RenderReportHtml(const ReportData& data) { return Page(data).Render(); }

}  // namespace ghirbal
