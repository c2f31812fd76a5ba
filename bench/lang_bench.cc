// Language identification throughput (stage `langid`, default CLD2 model).
//
//   cmake --build build-langfix --target lang_bench && build-langfix/bench/lang_bench
//
// Pages: the UDHR development set's articles of one variety joined into page-length texts
// (2, 4 and 8 KB, the page-length range; 16 KB and 32 KB to show the sampling cap), over all
// 532 varieties (BM_LangIdPage*: every variety once, two thirds of them languages CLD2 does
// not know, which make it read the whole sample); and a web mix (BM_LangIdWebMix*): 100 pages
// in the 27 languages with the largest shares of a web crawl, in roughly those shares (English
// 44, Russian and German 6, Japanese, Chinese and Spanish 5, French 4, Italian 3, Portuguese,
// Dutch and Polish 2, then one page each of Czech, Vietnamese, Indonesian, Turkish, Swedish,
// Persian, Korean, Arabic, Hungarian, Greek, Romanian, Danish, Finnish, Thai, Ukrainian,
// Hebrew), each page starting at another article. Without the data set, generated English and
// Arabic pages. Also 300-character chunks, the worst case. `...OneStep` runs the identifier as
// it was before the two-step reading and the script shortcut, for a before/after under the
// same load.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "lang/cld2_model.h"
#include "lang/language_identifier.h"

namespace {

std::vector<std::string> LoadPages(size_t page_bytes) {
  std::vector<std::string> pages;
  std::ifstream in(std::string(GHIRBAL_SHARED_DATA_DIR) + "/langid-dev/udhr-odd-articles.tsv");
  std::map<std::string, std::string> by_variant;
  std::string line;
  std::getline(in, line);  // header: variant iso639_3 code bcp47 article text
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    size_t text = line.rfind('\t');
    if (tab == std::string::npos || text == tab) continue;
    std::string& page = by_variant[line.substr(0, tab)];
    if (page.size() < page_bytes) page += line.substr(text + 1) + "\n";
  }
  for (auto& [variant, page] : by_variant) {
    // Repeat short varieties' texts to reach the page size.
    std::string full = page;
    while (!page.empty() && full.size() < page_bytes) full += page;
    // Cut at a code point boundary: real pages are valid UTF-8.
    size_t cut = std::min(page_bytes, full.size());
    while (cut > 0 && cut < full.size() && (static_cast<unsigned char>(full[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    pages.push_back(full.substr(0, cut));
  }
  if (pages.empty()) {
    std::string en, ar;
    while (en.size() < page_bytes) en += "The committee will publish its final report soon. ";
    while (ar.size() < page_bytes) ar += "قال وزير الخارجية إن القمة معلم جديد في العلاقات. ";
    pages = {en, ar};
  }
  return pages;
}

// Page-length texts of `page_bytes` in a web crawl's main languages (see the top comment).
std::vector<std::string> LoadWebMixPages(size_t page_bytes) {
  static const std::pair<const char*, int> kMix[] = {
      {"eng", 44}, {"rus", 6}, {"deu_1996", 6}, {"jpn", 5}, {"cmn_hans", 5}, {"spa", 5},
      {"fra", 4}, {"ita", 3}, {"por_PT", 2}, {"nld", 2}, {"pol", 2}, {"ces", 1}, {"vie", 1},
      {"ind", 1}, {"tur", 1}, {"swe", 1}, {"pes_1", 1}, {"kor", 1}, {"arb", 1}, {"hun", 1},
      {"ell_monotonic", 1}, {"ron_2006", 1}, {"dan", 1}, {"fin", 1}, {"tha", 1}, {"ukr", 1},
      {"heb", 1}};
  std::map<std::string, std::string> by_variant;
  std::ifstream in(std::string(GHIRBAL_SHARED_DATA_DIR) + "/langid-dev/udhr-odd-articles.tsv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    size_t text = line.rfind('\t');
    if (tab == std::string::npos || text == tab) continue;
    by_variant[line.substr(0, tab)] += line.substr(text + 1) + "\n";
  }
  std::vector<std::string> pages;
  for (const auto& [variant, count] : kMix) {
    const std::string& all = by_variant[variant];
    if (all.empty()) continue;
    std::string twice = all;
    while (twice.size() < all.size() + page_bytes) twice += all;
    for (int i = 0; i < count; ++i) {
      size_t start = all.size() * i / count;
      while (start > 0 && (static_cast<unsigned char>(twice[start]) & 0xC0) == 0x80) --start;
      size_t cut = start + page_bytes;
      while (cut > start && (static_cast<unsigned char>(twice[cut]) & 0xC0) == 0x80) --cut;
      pages.push_back(twice.substr(start, cut - start));
    }
  }
  if (pages.empty()) return LoadPages(page_bytes);
  return pages;
}

std::vector<std::string> Chunks(const std::vector<std::string>& pages, size_t chars) {
  std::vector<std::string> out;
  for (const std::string& p : pages) {
    size_t cut = p.size() < chars ? p.size() : chars;
    while (cut < p.size() && (static_cast<unsigned char>(p[cut]) & 0xC0) == 0x80) ++cut;
    out.push_back(p.substr(0, cut));
  }
  return out;
}

void Run(benchmark::State& state, const std::vector<std::string>& texts,
         size_t max_bytes = ghirbal::LangIdOptions{}.max_bytes, bool one_step = false) {
  ghirbal::LangIdOptions options;
  options.max_bytes = max_bytes;
  if (one_step) {
    options.first_pass_bytes = 0;
    options.script_shortcut = false;
  }
  auto id = ghirbal::LanguageIdentifier::Create(options);
  if (!id.ok()) {
    state.SkipWithError(id.status().ToString().c_str());
    return;
  }
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      ghirbal::LangResult r = (*id)->Identify(t);
      benchmark::DoNotOptimize(r);
      bytes += static_cast<int64_t>(t.size());
    }
  }
  state.SetBytesProcessed(bytes);
  state.counters["texts/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * texts.size()), benchmark::Counter::kIsRate);
}

void BM_LangIdPage2K(benchmark::State& state) {
  static const auto pages = LoadPages(2048);
  Run(state, pages);
}
void BM_LangIdPage4K(benchmark::State& state) {
  static const auto pages = LoadPages(4096);
  Run(state, pages);
}
void BM_LangIdPage8K(benchmark::State& state) {
  static const auto pages = LoadPages(8192);
  Run(state, pages);
}
void BM_LangIdPage2KOneStep(benchmark::State& state) {
  static const auto pages = LoadPages(2048);
  Run(state, pages, ghirbal::LangIdOptions{}.max_bytes, /*one_step=*/true);
}
void BM_LangIdWebMix2K(benchmark::State& state) {
  static const auto pages = LoadWebMixPages(2048);
  Run(state, pages);
}
void BM_LangIdWebMix2KOneStep(benchmark::State& state) {
  static const auto pages = LoadWebMixPages(2048);
  Run(state, pages, ghirbal::LangIdOptions{}.max_bytes, /*one_step=*/true);
}
void BM_LangIdWebMix4K(benchmark::State& state) {
  static const auto pages = LoadWebMixPages(4096);
  Run(state, pages);
}
void BM_LangIdWebMix8K(benchmark::State& state) {
  static const auto pages = LoadWebMixPages(8192);
  Run(state, pages);
}
void BM_LangIdPage32K(benchmark::State& state) {
  static const auto pages = LoadPages(32768);
  Run(state, pages);
}
void BM_LangIdChunk300(benchmark::State& state) {
  static const auto chunks = Chunks(LoadPages(4096), 300);
  Run(state, chunks);
}

// CLD2 alone (no sampling, script count or rules): the baseline, on the same pages and on
// 300-character pieces (the data README's reference figure, ~16 MB/s on an idle machine).
void Cld2Alone(benchmark::State& state, const std::vector<std::string>& texts) {
  std::unique_ptr<ghirbal::LanguageModel> model = ghirbal::NewCld2Model();
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& t : texts) {
      benchmark::DoNotOptimize(model->Predict(t, 3));
      bytes += static_cast<int64_t>(t.size());
    }
  }
  state.SetBytesProcessed(bytes);
}
void BM_Cld2AlonePage4K(benchmark::State& state) {
  static const auto pages = LoadPages(4096);
  Cld2Alone(state, pages);
}
void BM_Cld2AloneChunk300(benchmark::State& state) {
  static const auto chunks = Chunks(LoadPages(4096), 300);
  Cld2Alone(state, chunks);
}

// 16 KB pages with the sampling cap as the argument (default 4096).
void BM_LangIdPage16KCap(benchmark::State& state) {
  static const auto pages = LoadPages(16384);
  Run(state, pages, static_cast<size_t>(state.range(0)));
}

BENCHMARK(BM_LangIdPage16KCap)->Arg(2048)->Arg(4096)->Arg(8192)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Cld2AlonePage4K)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Cld2AloneChunk300)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LangIdPage2K)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LangIdPage4K)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LangIdPage8K)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LangIdPage2KOneStep)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LangIdWebMix2K)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LangIdWebMix2KOneStep)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LangIdWebMix4K)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LangIdWebMix8K)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LangIdPage32K)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LangIdChunk300)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
