// The run report's costs (see docs/benchmarks.md, "report"):
//   BM_CollectorObserve   statistics gathered per document on the writer thread
//   BM_RenderReport       merging per-task statistics and rendering the page
#include <benchmark/benchmark.h>

#include <random>

#include "report/report_collector.h"
#include "report/run_report.h"

namespace ghirbal {
namespace {

// Documents shaped like the default recipe's output: 2-6 KB of Arabic or English text and the
// metadata langid, clean_lines, filter and dedup write; a fifth rejected.
std::vector<Document> Documents(int n) {
  std::mt19937 rng(7);
  std::vector<Document> docs;
  for (int i = 0; i < n; ++i) {
    Document d;
    d.id = "doc-" + std::to_string(i);
    d.url = "https://example.com/" + std::to_string(i);
    d.origin.ordinal = static_cast<uint64_t>(i);
    const bool arabic = i % 2 == 0;
    const int words = 400 + static_cast<int>(rng() % 800);
    for (int w = 0; w < words; ++w) d.text += arabic ? "كلمة " : "word ";
    d.metadata.SetString("language", arabic ? "ar" : "en");
    d.metadata.SetString("script", arabic ? "Arab" : "Latn");
    d.metadata.SetNumber("language_score", 0.5 + (rng() % 500) / 1000.0);
    d.metadata.SetRaw("language_candidates", "[{\"language\":\"ar\",\"score\":0.91},{\"language\":\"fa\",\"score\":0.05}]");
    d.metadata.SetInt("clean_lines_removed", rng() % 4);
    d.metadata.SetRaw("filter", "{\"words\":" + std::to_string(words) +
                                    ",\"mean_word_length\":4.2,\"symbol_ratio\":0.01,\"stop_words\":12,"
                                    "\"duplicate_line_fraction\":0.05}");
    if (i % 5 == 0) d.Reject("filter", "gopher_min_words", std::to_string(words));
    if (i % 50 == 1) d.metadata.SetInt("minhash_cluster_size", 2 + i % 7);
    docs.push_back(std::move(d));
  }
  return docs;
}

void BM_CollectorObserve(benchmark::State& state) {
  Batch batch;
  batch.documents = Documents(1000);
  uint64_t bytes = 0;
  for (const Document& d : batch.documents) bytes += d.text.size();
  for (auto _ : state) {
    ReportCollector collector;
    collector.Observe(batch);
    benchmark::DoNotOptimize(collector.stats().kept);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(batch.documents.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_CollectorObserve)->Unit(benchmark::kMillisecond);

// 64 tasks' statistics (each from 1000 documents) merged through JSON and rendered.
void BM_RenderReport(benchmark::State& state) {
  Batch batch;
  batch.documents = Documents(1000);
  std::vector<std::string> task_files;
  for (int t = 0; t < 64; ++t) {
    for (Document& d : batch.documents) d.origin.part = static_cast<uint32_t>(t);
    ReportCollector c;
    c.Observe(batch);
    task_files.push_back(c.stats().ToJson());
  }
  size_t html_bytes = 0;
  for (auto _ : state) {
    ReportData data;
    data.run_dir = "/runs/x";
    for (const std::string& f : task_files) data.report.Merge(*ReportStats::FromJson(f));
    data.thresholds = MatchThresholds("stages:\n  - filter: {min_words: 50}\n", data.report);
    std::string html = RenderReportHtml(data);
    html_bytes = html.size();
    benchmark::DoNotOptimize(html.data());
  }
  state.counters["html_KB"] = static_cast<double>(html_bytes) / 1024;
}
BENCHMARK(BM_RenderReport)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ghirbal

BENCHMARK_MAIN();
