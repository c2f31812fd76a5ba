// Normalization throughput (stage `normalize`, default options) on page-sized texts.
//
//   cmake --build build-lang --target normalize_bench && build-lang/bench/normalize_bench
//
// Inputs are generated here (no data files): English ASCII, Arabic already clean (NFC, no
// tatweel), Arabic with typographic noise (tatweel, presentation forms, NBSP runs, ZWSP,
// CRLF), Arabic mojibake (UTF-8 read as windows-1252), and French with decomposed accents.
#include <benchmark/benchmark.h>

#include <string>

#include "text/normalize.h"

namespace {

std::string Repeat(const std::string& unit, size_t bytes) {
  std::string out;
  while (out.size() < bytes) out += unit;
  return out;
}

constexpr size_t kPage = 64 * 1024;

const std::string kEnglish =
    "The committee will publish its final report on the new railway next month, after the "
    "public consultation has closed. Residents said they were pleased with the plans.\n";
const std::string kArabic =
    "قال عضو مجلس الدولة وزير الخارجية الصيني يوم الجمعة إن قمة الصين وآسيا الوسطى تمثل "
    "معلما جديدا في العلاقات بين الجانبين.\n";
const std::string kArabicNoisy =
    "قال عضو مجلـــس الدولة\xC2\xA0\xC2\xA0وزير الخارجيـة \xEF\xBB\xBB\xEF\xBA\x8D الصيني "
    "\xE2\x80\x8Bيوم الجمعة   إن قمة الصين\r\n";
const std::string kFrenchNfd = "Le comite\xCC\x81 a de\xCC\x81" "cide\xCC\x81 d'e\xCC\x81tudier le "
                               "proble\xCC\x80me de\xCC\x81sormais.\n";

std::string Mojibake(const std::string& utf8) {
  // UTF-8 bytes read as latin-1 (the windows-1252 differences do not matter for Arabic's
  // 0xD8/0xD9 lead bytes except the 0x80..0x9F range, which latin-1 maps to C1 controls).
  std::string out;
  for (unsigned char c : utf8) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

void Run(benchmark::State& state, const std::string& text) {
  ghirbal::NormalizeOptions options;
  for (auto _ : state) {
    std::string out = ghirbal::NormalizeText(text, options);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}

void BM_NormalizeEnglish(benchmark::State& state) { Run(state, Repeat(kEnglish, kPage)); }
void BM_NormalizeArabicClean(benchmark::State& state) { Run(state, Repeat(kArabic, kPage)); }
void BM_NormalizeArabicNoisy(benchmark::State& state) { Run(state, Repeat(kArabicNoisy, kPage)); }
void BM_NormalizeArabicMojibake(benchmark::State& state) {
  Run(state, Mojibake(Repeat(kArabic, kPage / 2)));
}
void BM_NormalizeFrenchNfd(benchmark::State& state) { Run(state, Repeat(kFrenchNfd, kPage)); }

BENCHMARK(BM_NormalizeEnglish);
BENCHMARK(BM_NormalizeArabicClean);
BENCHMARK(BM_NormalizeArabicNoisy);
BENCHMARK(BM_NormalizeArabicMojibake);
BENCHMARK(BM_NormalizeFrenchNfd);

}  // namespace

BENCHMARK_MAIN();
