// The extraction-dev benchmark (../shared/data/extraction-dev): decoding + extraction must
// reach the project's quality goal. Skipped when the data is absent.
#include <cstdio>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "html/extract_eval.h"
#include "html/extract_stage.h"

namespace ghirbal::html {
namespace {

TEST(ExtractDevTest, MeetsQualityGoal) {
  std::string dir = std::string(GHIRBAL_SHARED_DATA_DIR) + "/extraction-dev";
  if (!std::filesystem::exists(dir + "/ground-truth.json")) {
    GTEST_SKIP() << "no extraction-dev data at " << dir;
  }
  ExtractOptions options;  // as the stage builds them
  Result<BoilerplatePhrases> phrases = LoadBoilerplatePhrases(
      std::string(GHIRBAL_SOURCE_DIR) + "/data/html/boilerplate_phrases.txt");
  ASSERT_TRUE(phrases.ok()) << phrases.status().ToString();
  options.phrases = std::move(phrases.value());
  Extractor extractor(options);
  Result<EvalSummary> summary = EvaluateExtraction(
      dir + "/html", dir + "/ground-truth.json",
      [&extractor](std::string_view, std::string_view raw, std::string_view) {
        return ExtractTextFromRaw(raw, "", &extractor);
      });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  std::printf("extraction-dev: %zu pages, precision %.4f recall %.4f F1 %.4f\n", summary->pages,
              summary->precision, summary->recall, summary->f1);
  EXPECT_EQ(summary->pages, 181u);
  EXPECT_GE(summary->f1, 0.96);
  EXPECT_GE(summary->precision, 0.94);
}

}  // namespace
}  // namespace ghirbal::html
