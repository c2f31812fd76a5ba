// Throughput of the default filtering chain (clean_lines + filter + pii) and of each stage
// alone, on one core, over two corpora:
//   synthetic: news-like documents from a small vocabulary (half English, half Arabic, ~5 KB
//     each, every document kept by the filter so that every rule runs);
//   articles: the 181 real article bodies of the extraction benchmark's ground truth (when
//     ../shared/data is present; skipped otherwise), repeated 10 times, language set by the
//     langid stage as in the default recipe.
// See docs/benchmarks.md, "filter".
#include <benchmark/benchmark.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "article_corpus.h"
#include "core/stage_registry.h"

namespace ghirbal {
namespace {

std::vector<std::string> Vocabulary(std::string_view text) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  std::string w;
  while (in >> w) words.push_back(w);
  return words;
}

const char kEnglish[] =
    "the council met on tuesday to discuss a new budget for the coming year and members of "
    "that group argued with the mayor about the cost of repairing an old bridge which has been "
    "closed to heavy traffic since spring floods in the end they voted to approve it with a "
    "small amendment moving money from parks to roads residents who attended had mixed "
    "feelings about this decision while local businesses welcomed plans to reopen the route";
const char kArabic[] =
    "قال وزير الخارجية في مقابلة إعلامية بعد اختتام القمة التي عقدت في مدينة شمال غربي البلاد "
    "إن التعاون بين الجانبين سيؤتي ثماره وأضاف أن البلدين سيعملان على تعزيز التعاون الاقتصادي "
    "خلال السنوات المقبلة من أجل تحقيق التنمية المشتركة ودعا إلى بذل جهود منسقة لتحويل "
    "التوافق الهام الذي توصل إليه رؤساء الدول إلى إجراءات عملية مع الحفاظ على الاستقرار";

// Documents of sentences drawn at random (fixed seed) from the vocabularies.
std::vector<Document> Corpus(size_t docs) {
  std::mt19937 rng(42);
  std::vector<std::string> vocab[2] = {Vocabulary(kEnglish), Vocabulary(kArabic)};
  std::vector<Document> out(docs);
  for (size_t d = 0; d < docs; ++d) {
    const bool arabic = d % 2 == 1;
    const auto& v = vocab[arabic];
    std::string text;
    while (text.size() < 5000) {
      size_t sentence_words = 8 + rng() % 20;
      for (size_t i = 0; i < sentence_words; ++i) {
        if (i) text += ' ';
        text += v[rng() % v.size()];
        if (i + 1 < sentence_words && rng() % 9 == 0) text += arabic ? " ،" : ",";
      }
      text += '.';
      text += rng() % 3 == 0 ? "\n\n" : " ";
    }
    text += arabic ? "\nجميع الحقوق محفوظة" : "\nContact: editor@example.com. All rights reserved.";
    out[d].text = std::move(text);
    out[d].metadata.SetString("language", arabic ? "ar" : "en");
  }
  return out;
}

std::unique_ptr<Stage> Build(const char* name) {
  StageOptions options;
  auto built = StageRegistry::Global().Build(name, options);
  if (!built.ok()) {
    std::fprintf(stderr, "%s\n", built.status().ToString().c_str());
    std::abort();
  }
  return std::move(built->stage);
}

// The extraction benchmark's article bodies, languages identified; empty without the data.
std::vector<Document> Articles() {
  Batch batch;
  batch.documents = bench::ExtractionDevArticles();
  std::unique_ptr<Stage> langid = Build("langid");
  auto state = langid->NewState();
  langid->Process(batch, state.get());
  std::vector<Document> out;
  for (int copy = 0; copy < 10; ++copy) {
    for (const Document& d : batch.documents) out.push_back(d);
  }
  return out;
}

void RunChain(benchmark::State& state, const std::vector<const char*>& names) {
  const std::vector<Document> corpus = state.range(0) == 0 ? Corpus(400) : Articles();
  if (corpus.empty()) return state.SkipWithError("no ../shared/data/extraction-dev");
  size_t bytes = 0;
  for (const auto& d : corpus) bytes += d.text.size();
  std::vector<std::unique_ptr<Stage>> stages;
  std::vector<std::unique_ptr<StageState>> states;
  for (const char* n : names) {
    stages.push_back(Build(n));
    states.push_back(stages.back()->NewState());
  }
  size_t kept = 0;
  Batch batch;
  for (auto _ : state) {
    state.PauseTiming();
    batch.documents = corpus;  // frees the last round's copies out of the timing too
    state.ResumeTiming();
    for (size_t i = 0; i < stages.size(); ++i) stages[i]->Process(batch, states[i].get());
    kept = 0;
    for (const auto& d : batch.documents) kept += !d.rejected();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["kept_fraction"] = static_cast<double>(kept) / corpus.size();
}

void BM_DefaultChain(benchmark::State& s) { RunChain(s, {"clean_lines", "filter", "pii"}); }
void BM_CleanLines(benchmark::State& s) { RunChain(s, {"clean_lines"}); }
void BM_Filter(benchmark::State& s) { RunChain(s, {"filter"}); }
void BM_Pii(benchmark::State& s) { RunChain(s, {"pii"}); }
// Argument 0: the synthetic corpus; 1: the real articles.
BENCHMARK(BM_DefaultChain)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CleanLines)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Filter)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Pii)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ghirbal

BENCHMARK_MAIN();
