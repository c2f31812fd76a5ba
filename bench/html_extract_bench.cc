// HTML extraction speed, one thread: charset decoding + parsing + main-text extraction over
// the extraction-dev pages (../shared/data/extraction-dev), or over a generated article page
// when that data is absent. Reports pages/s (items_per_second) and input bytes/s.
//
//   build-x/bench/html_extract_bench [--benchmark_min_time=2]
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "html/charset.h"
#include "html/extract.h"
#include "html/tree.h"

namespace {

namespace fs = std::filesystem;

std::string Gunzip(const fs::path& path) {
  std::string out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) return out;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, n);
  gzclose(f);
  return out;
}

std::string GeneratedPage() {
  std::string html =
      "<!doctype html><html><head><title>Generated</title><script>var a = 1 < 2;</script>"
      "</head><body><nav><ul>";
  for (int i = 0; i < 40; ++i) html += "<li><a href=\"/s" + std::to_string(i) + "\">Section</a></li>";
  html += "</ul></nav><article><h1>Generated headline</h1><div class=\"article-body\">";
  for (int i = 0; i < 60; ++i) {
    html += "<p>Paragraph " + std::to_string(i) +
            " of the generated article, with <a href=\"#\">a link</a>, commas, and enough "
            "words &amp; entities to look like real prose written by a reporter.</p>";
  }
  html += "</div></article><footer>Copyright</footer></body></html>";
  while (html.size() < 170000) html += "<div class=\"ad\"><span>filler</span></div>";
  return html;
}

const std::vector<std::string>& Pages() {
  static const std::vector<std::string>* pages = [] {
    auto* v = new std::vector<std::string>;
    fs::path dir = fs::path(GHIRBAL_SHARED_DATA_DIR) / "extraction-dev" / "html";
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) v->push_back(Gunzip(f));
    if (v->empty()) v->push_back(GeneratedPage());
    return v;
  }();
  return *pages;
}

size_t TotalBytes() {
  size_t n = 0;
  for (const std::string& p : Pages()) n += p.size();
  return n;
}

void BM_DecodeParseExtract(benchmark::State& state) {
  const auto& pages = Pages();
  ghirbal::html::Extractor extractor;
  ghirbal::html::ExtractedPage page;
  for (auto _ : state) {
    for (const std::string& raw : pages) {
      ghirbal::html::DecodedHtml decoded = ghirbal::html::DecodeHtmlToUtf8(raw, "");
      benchmark::DoNotOptimize(extractor.Extract(decoded.utf8, &page));
    }
  }
  state.SetItemsProcessed(state.iterations() * pages.size());
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  state.counters["pages"] = pages.size();
}
BENCHMARK(BM_DecodeParseExtract)->Unit(benchmark::kMillisecond);

void BM_ParseOnly(benchmark::State& state) {
  std::vector<std::string> utf8;
  for (const std::string& raw : Pages()) utf8.push_back(ghirbal::html::DecodeHtmlToUtf8(raw, "").utf8);
  ghirbal::html::Tree tree;
  for (auto _ : state) {
    for (const std::string& html : utf8) {
      benchmark::DoNotOptimize(ghirbal::html::ParseHtml(html, {}, &tree));
    }
  }
  state.SetItemsProcessed(state.iterations() * utf8.size());
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond);

void BM_DecodeOnly(benchmark::State& state) {
  const auto& pages = Pages();
  for (auto _ : state) {
    for (const std::string& raw : pages) {
      benchmark::DoNotOptimize(ghirbal::html::DecodeHtmlToUtf8(raw, "").utf8.size());
    }
  }
  state.SetItemsProcessed(state.iterations() * pages.size());
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_DecodeOnly)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
