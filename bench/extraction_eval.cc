// Scores ghirbal's extractor (charset decoding + parsing + main-text extraction, one thread)
// on an article-extraction benchmark with its own metric (html/extract_eval.h) and prints
// precision, recall, F1 and pages/s (extract calls only).
//
//   build-x/bench/extraction_eval [PAGES_DIR TRUTH_JSON]
// Defaults to ../shared/data/extraction-dev. With GHIRBAL_EVAL_PER_PAGE=1 in the environment,
// also prints one line per page (id, precision, recall, predicted grams, truth grams), worst
// F1 first. With GHIRBAL_EVAL_DUMP=<dir>, writes each prediction to <dir>/<id>.txt (to check
// the metric against another implementation).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "html/charset.h"
#include "html/extract.h"
#include "html/extract_eval.h"

int main(int argc, char** argv) {
  std::string dir = std::string(GHIRBAL_SHARED_DATA_DIR) + "/extraction-dev";
  std::string pages = argc > 2 ? argv[1] : dir + "/html";
  std::string truth = argc > 2 ? argv[2] : dir + "/ground-truth.json";
  ghirbal::html::Extractor extractor;
  ghirbal::html::ExtractedPage page;
  const char* dump = std::getenv("GHIRBAL_EVAL_DUMP");
  auto extract = [&](std::string_view id, std::string_view raw, std::string_view) {
    ghirbal::html::DecodedHtml decoded = ghirbal::html::DecodeHtmlToUtf8(raw, "");
    if (extractor.Extract(decoded.utf8, &page) != ghirbal::html::ExtractStatus::kOk) {
      page.text.clear();
    }
    if (dump != nullptr) {
      std::ofstream(std::string(dump) + "/" + std::string(id) + ".txt", std::ios::binary)
          << page.text;
    }
    return page.text;
  };
  auto result = ghirbal::html::EvaluateExtraction(pages, truth, extract);
  if (!result.ok()) {
    std::fprintf(stderr, "extraction_eval: %s\n", result.status().ToString().c_str());
    return 1;
  }
  auto& sum = *result;
  if (const char* v = std::getenv("GHIRBAL_EVAL_PER_PAGE"); v != nullptr && *v == '1') {
    auto f1 = [](const ghirbal::html::PageScore& s) {
      return s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall)
                                        : 0.0;
    };
    std::stable_sort(sum.per_page.begin(), sum.per_page.end(),
                     [&](const auto& a, const auto& b) { return f1(a) < f1(b); });
    for (const auto& s : sum.per_page) {
      std::printf("%s\t%.3f\t%.3f\t%zu\t%zu\n", s.id.c_str(), s.precision, s.recall, s.pred_grams,
                  s.truth_grams);
    }
  }
  std::printf("pages %zu (missing %zu)  precision %.4f  recall %.4f  F1 %.4f  %.1f pages/s\n",
              sum.pages, sum.missing_pages.size(), sum.precision, sum.recall, sum.f1,
              sum.pages_per_second);
  return 0;
}
