#include "lang/fasttext_model.h"

#include <gtest/gtest.h>

#include <fstream>

#include "lang/fasttext_test_util.h"
#include "lang/language_identifier.h"

namespace ghirbal {
namespace {

class FastTextModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new std::string(::testing::TempDir() + "/ghirbal_tiny_lid.bin");
    std::string error = TrainTinyLanguageModel(*path_);
    ASSERT_EQ(error, "");
  }
  static void TearDownTestSuite() {
    delete path_;
    path_ = nullptr;
  }
  static std::string* path_;
};
std::string* FastTextModelTest::path_ = nullptr;

TEST_F(FastTextModelTest, LoadsAndPredictsRawLabels) {
  Result<std::unique_ptr<LanguageModel>> model = LoadFastTextModel(*path_);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_EQ((*model)->name(), "fasttext:ghirbal_tiny_lid.bin");
  std::vector<RawPrediction> p = (*model)->Predict("the house which people would", 2);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].label, "__label__en");
  EXPECT_GT(p[0].score, p[1].score);
  EXPECT_LE(p[0].score, 1.0);
  // Multi-line input is one prediction.
  EXPECT_EQ((*model)->Predict("the house\nwhich people\nwould", 1)[0].label, "__label__en");
}

TEST_F(FastTextModelTest, IdentifierMapsLabels) {
  LangIdOptions options;
  options.model = *path_;
  auto id = LanguageIdentifier::Create(options);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  LangResult ar = (*id)->Identify("الكتاب المدينة كانت التي على الذي مدرسة قال");
  EXPECT_EQ(ar.language, "ar");  // __label__arb_Arab
  EXPECT_EQ(ar.script, "Arab");
  LangResult fa = (*id)->Identify("کتاب می‌کنند است گفت پدر چیزی این بزرگ");
  EXPECT_EQ(fa.language, "fa");  // __label__pes_Arab
  LangResult zh = (*id)->Identify("中国 我们 学习 这个 国家 发展 经济 时间");
  EXPECT_EQ(zh.language, "zh");  // __label__zho_Hans
  EXPECT_EQ(zh.script, "Hans");
  LangResult en = (*id)->Identify("the house which people would about there small");
  EXPECT_EQ(en.language, "en");  // __label__en
  EXPECT_EQ(en.script, "Latn");
  EXPECT_EQ(en.candidates.size(), 3u);
}

TEST_F(FastTextModelTest, HintDecidesOnlyWhenUnsure) {
  LangIdOptions options;
  options.model = *path_;
  options.hint_threshold = 1.0;  // any score below 1 counts as unsure
  options.arabic_rules = false;
  auto id = LanguageIdentifier::Create(options);
  ASSERT_TRUE(id.ok());
  // Two English words and two Chinese ones.
  const char* mixed = "the house 中国 我们";
  LangResult plain = (*id)->Identify(mixed);
  ASSERT_GE(plain.candidates.size(), 2u);
  ASSERT_LT(plain.score, 1.0);
  std::string other = plain.candidates[1].language;
  LangResult hinted = (*id)->Identify(mixed, {.declared_language = other});
  EXPECT_EQ(hinted.language, other);
  EXPECT_TRUE(hinted.hint_used);
  // A hint the model does not propose, or a confident model, changes nothing.
  EXPECT_EQ((*id)->Identify(mixed, {.declared_language = "sw"}).language, plain.language);
  options.hint_threshold = 0.0;
  auto strict = LanguageIdentifier::Create(options);
  ASSERT_TRUE(strict.ok());
  EXPECT_EQ((*strict)->Identify(mixed, {.declared_language = other}).language, plain.language);
}

TEST(FastTextLoadTest, ErrorsBecomeStatus) {
  EXPECT_FALSE(LoadFastTextModel("/nonexistent/model.bin").ok());
  std::string garbage = ::testing::TempDir() + "/ghirbal_garbage.bin";
  std::ofstream(garbage) << "this is not a fastText model";
  Result<std::unique_ptr<LanguageModel>> model = LoadFastTextModel(garbage);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("cannot load fastText model"), std::string::npos);
  LangIdOptions options;
  options.model = garbage;
  EXPECT_FALSE(LanguageIdentifier::Create(options).ok());
}

}  // namespace
}  // namespace ghirbal
