// Charset decoding speed, one thread, on generated 174 KB pages (the average size of the
// extraction-dev pages): about 60 KB of ASCII markup and script, then paragraphs of text in
// the page's encoding. Reports input bytes/s and pages/s (items_per_second).
//
//   build-x/bench/charset_bench [--benchmark_min_time=1s]
#include <benchmark/benchmark.h>
#include <unicode/ucnv.h>

#include <string>

#include "html/charset.h"

namespace {

constexpr size_t kPageBytes = 174 * 1024;

const char kArabic[] =
    "اللغة العربية هي أكثر اللغات السامية تحدثاً، وإحدى أكثر اللغات انتشاراً في العالم. "
    "يتحدثها أكثر من أربعمائة مليون نسمة، ويتوزع متحدثوها في الوطن العربي وفي المناطق المجاورة.";
const char kRussian[] =
    "Русский язык - один из восточнославянских языков, национальный язык русского народа. "
    "Является одним из наиболее распространённых языков мира.";
const char kChinese[] =
    "中文是汉语的书面语言，使用汉字书写。汉语是世界上使用人数最多的语言之一，"
    "也是联合国的六种官方语言之一。现代标准汉语以北京语音为标准音。";
const char kJapanese[] =
    "日本語は、主に日本国内や日本人同士の間で使用されている言語である。"
    "日本は法令によって公用語を規定していないが、法令その他の公用文は全て日本語で記述される。";

std::string Encode(const std::string& utf8, const char* icu) {
  std::string out(utf8.size() * 2 + 16, '\0');
  UErrorCode err = U_ZERO_ERROR;
  int32_t n = ucnv_convert(icu, "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &err);
  out.resize(U_SUCCESS(err) ? n : 0);
  return out;
}

// A page whose text is `paragraph` (UTF-8), encoded with `icu`, declaring `meta` if not empty.
std::string MakePage(const char* paragraph, const char* icu, const std::string& meta) {
  std::string head = "<!doctype html><html><head>";
  if (!meta.empty()) head += "<meta charset=\"" + meta + "\">";
  head += "<title>page</title><script>";
  while (head.size() < 60000)
    head += "function f(a, b) { return a < b ? a : b; } var x = [1, 2, 3];\n";
  head += "</script></head><body><article>";
  std::string body;
  while (head.size() + Encode(body, icu).size() < kPageBytes) {
    body += "<p class=\"para\">" + std::string(paragraph) + "</p>\n";
  }
  return head + Encode(body + "</article></body></html>", icu);
}

void Run(benchmark::State& state, const std::string& page, const char* content_type) {
  for (auto _ : state) {
    ghirbal::html::DecodedHtml d = ghirbal::html::DecodeHtmlToUtf8(page, content_type);
    benchmark::DoNotOptimize(d.utf8.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * page.size()));
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(ghirbal::html::DecodeHtmlToUtf8(page, content_type).charset + "/" +
                 ghirbal::html::DecodeHtmlToUtf8(page, content_type).source);
}

void BM_Utf8Declared(benchmark::State& state) {
  static const std::string page = MakePage(kArabic, "UTF-8", "utf-8");
  Run(state, page, "");
}
BENCHMARK(BM_Utf8Declared);

void BM_Utf8Undeclared(benchmark::State& state) {
  static const std::string page = MakePage(kArabic, "UTF-8", "");
  Run(state, page, "");
}
BENCHMARK(BM_Utf8Undeclared);

void BM_Windows1256Declared(benchmark::State& state) {
  static const std::string page = MakePage(kArabic, "windows-1256", "windows-1256");
  Run(state, page, "");
}
BENCHMARK(BM_Windows1256Declared);

void BM_Windows1256Http(benchmark::State& state) {
  static const std::string page = MakePage(kArabic, "windows-1256", "");
  Run(state, page, "text/html; charset=windows-1256");
}
BENCHMARK(BM_Windows1256Http);

void BM_Windows1256Detected(benchmark::State& state) {
  static const std::string page = MakePage(kArabic, "windows-1256", "");
  Run(state, page, "");
}
BENCHMARK(BM_Windows1256Detected);

void BM_Windows1251Declared(benchmark::State& state) {
  static const std::string page = MakePage(kRussian, "windows-1251", "windows-1251");
  Run(state, page, "");
}
BENCHMARK(BM_Windows1251Declared);

void BM_GbkDeclared(benchmark::State& state) {
  static const std::string page = MakePage(kChinese, "GB18030", "gbk");
  Run(state, page, "");
}
BENCHMARK(BM_GbkDeclared);

void BM_ShiftJisDeclared(benchmark::State& state) {
  static const std::string page = MakePage(kJapanese, "windows-31j", "shift_jis");
  Run(state, page, "");
}
BENCHMARK(BM_ShiftJisDeclared);

void BM_ShiftJisDetected(benchmark::State& state) {
  static const std::string page = MakePage(kJapanese, "windows-31j", "");
  Run(state, page, "");
}
BENCHMARK(BM_ShiftJisDetected);

}  // namespace

BENCHMARK_MAIN();
