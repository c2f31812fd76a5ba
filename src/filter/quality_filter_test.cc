#include "filter/quality_filter.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "core/stage_registry.h"

namespace ghirbal {

std::string CleanSampleForTest(const std::string& text);  // clean_lines_test.cc

namespace {

std::string DataDir() { return std::string(GHIRBAL_SOURCE_DIR) + "/data"; }

Result<BuiltStage> BuildFilter(std::string_view yaml) {
  auto options = StageOptions::FromYaml(yaml, "stage 'filter'");
  if (!options.ok()) return options.status();
  options->set_data_dir(DataDir());
  return StageRegistry::Global().Build("filter", *options);
}

Result<QualityConfig> Config(std::string_view yaml) {
  auto options = StageOptions::FromYaml(yaml);
  if (!options.ok()) return options.status();
  options->set_data_dir(DataDir());
  auto config = QualityConfig::Create(*options);
  if (config.ok()) {
    Status st = options->Finish();
    if (!st.ok()) return st;
  }
  return config;
}

Document RunFilter(const BuiltStage& built, std::string text, std::string language = "") {
  Batch batch;
  batch.documents.resize(1);
  batch.documents[0].text = std::move(text);
  if (!language.empty()) batch.documents[0].metadata.SetString("language", language);
  auto state = built.stage->NewState();
  built.stage->Process(batch, state.get());
  return std::move(batch.documents[0]);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

TEST(QualityFilterAcceptanceTest, ArabicNewsSampleKeptAfterCleanLines) {
  const std::string dir = std::string(GHIRBAL_SHARED_DATA_DIR) + "/samples/";
  if (!std::filesystem::exists(dir + "ar-news-cookie-banner.txt")) {
    GTEST_SKIP() << "shared data not present";
  }
  std::string expected = ReadFile(dir + "ar-news-cookie-banner.expected.txt");
  while (!expected.empty() && expected.back() == '\n') expected.pop_back();
  auto built = BuildFilter("");
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Document doc = RunFilter(*built, CleanSampleForTest(ReadFile(dir + "ar-news-cookie-banner.txt")), "ar");
  EXPECT_FALSE(doc.rejected()) << doc.verdict.reason << " " << doc.verdict.value;
  EXPECT_EQ(doc.text, expected);
}

TEST(QualityConfigTest, ProfilesAndLanguageFiles) {
  auto config = Config("");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const QualityParams& en = config->For("en");
  EXPECT_TRUE(en.c4.enabled);
  EXPECT_FALSE(en.c4.filter_no_terminal_punct);
  EXPECT_EQ(en.gopher_repetition.dup_para_frac, 0.3);
  EXPECT_EQ(en.fineweb.short_line_thr, 0.67);
  EXPECT_TRUE(en.gopher_quality.IsStopWord("the"));

  const QualityParams& ar = config->For("ar");
  EXPECT_FALSE(ar.c4.enabled);
  EXPECT_FALSE(ar.gopher_repetition.dup_para_frac);
  EXPECT_FALSE(ar.gopher_repetition.dup_line_char_frac);
  EXPECT_FALSE(ar.fineweb.short_line_thr);
  EXPECT_EQ(ar.fineweb.char_duplicates_ratio, 0.1);
  EXPECT_EQ(ar.gopher_repetition.dup_line_frac, 0.304);
  EXPECT_EQ(ar.gopher_repetition.top_ngram_frac[0], 0.197);
  EXPECT_EQ(ar.gopher_repetition.dup_ngram_frac[5], 0.109);
  EXPECT_EQ(ar.fineweb.line_punct_thr, 0.143);
  EXPECT_EQ(ar.fineweb.new_line_ratio, 0.189);
  EXPECT_EQ(ar.gopher_quality.min_avg_word_length, 2);
  EXPECT_EQ(ar.gopher_quality.max_avg_word_length, 9);
  EXPECT_EQ(ar.gopher_quality.min_alpha_words_ratio, 0.787);
  EXPECT_EQ(ar.gopher_quality.stop_word_hashes.size(), 16u);
  EXPECT_TRUE(ar.gopher_quality.IsStopWord("في"));
  EXPECT_FALSE(ar.gopher_quality.IsStopWord("،"));

  EXPECT_EQ(&config->For("ar-EG"), &ar);  // primary subtag
  EXPECT_TRUE(config->For("fa").gopher_quality.IsStopWord("در"));
  EXPECT_EQ(config->For("ur").fineweb.line_punct_thr, 0.238);
  // Unknown language: FineWeb-2 recipe, no stop words. No language: English.
  EXPECT_FALSE(config->For("sw").c4.enabled);
  EXPECT_TRUE(config->For("sw").gopher_quality.stop_word_hashes.empty());
  EXPECT_TRUE(config->For("").c4.enabled);
}

TEST(QualityConfigTest, GlobalAndPerLanguageOverrides) {
  auto config = Config(
      "gopher_quality: {min_words: 100, max_avg_word_length: off}\n"
      "c4: {enabled: false}\n"
      "languages:\n"
      "  ar: {gopher_quality: {min_words: 20}, fineweb: {enabled: false}}\n"
      "  xx: {gopher_repetition: {top_2gram_frac: 0.5}}\n");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->For("en").gopher_quality.min_words, 100);
  EXPECT_FALSE(config->For("en").gopher_quality.max_avg_word_length);
  EXPECT_FALSE(config->For("en").c4.enabled);
  EXPECT_EQ(config->For("ar").gopher_quality.min_words, 20);
  EXPECT_FALSE(config->For("ar").fineweb.enabled);
  EXPECT_TRUE(config->For("fa").fineweb.enabled);
  EXPECT_EQ(config->For("fa").gopher_quality.min_words, 100);
  EXPECT_EQ(config->For("xx").gopher_repetition.top_ngram_frac[0], 0.5);
  EXPECT_EQ(config->For("sw").gopher_quality.min_words, 100);
}

TEST(QualityConfigTest, BadOptionsAreErrors) {
  EXPECT_FALSE(Config("gopher_quality: {min_wrods: 3}").ok());
  EXPECT_FALSE(Config("gopher_quality: {min_words: lots}").ok());
  EXPECT_FALSE(Config("languages: {ar: {fineweb: {bogus: 1}}}").ok());
  EXPECT_FALSE(BuildFilter("gopher: {}").ok());
  EXPECT_TRUE(BuildFilter("fineweb: {new_line_ratio: -1}").ok());
}

std::string EnglishArticle() {
  return "The city council met on Tuesday to discuss the new budget for the coming year.\n"
         "Members of the council argued for several hours about the cost of repairing the "
         "old bridge, which has been closed to heavy traffic since the spring floods.\n"
         "In the end, the council voted to approve the budget with a small amendment that "
         "moves money from the parks department to the roads department.\n"
         "The mayor said that she was pleased with the result and that work on the bridge "
         "would begin before the end of the summer.\n"
         "Residents who attended the meeting had mixed feelings about the decision.";
}

TEST(QualityFilterStageTest, EnglishArticleKeptAndShortDocRejectedWithValue) {
  auto built = BuildFilter("");
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Document doc = RunFilter(*built, EnglishArticle(), "en");
  EXPECT_FALSE(doc.rejected()) << doc.verdict.reason << " " << doc.verdict.value;
  // Repetition runs first (datatrove's order): in a six-word text the first 2-gram,
  // "Too short" (9 chars, once), is 9/27 of the text.
  doc = RunFilter(*built, "Too short to be a document.", "en");
  EXPECT_TRUE(doc.rejected());
  EXPECT_EQ(doc.verdict.stage, "filter");
  EXPECT_EQ(doc.verdict.reason, "gopher_top_2gram_frac");
  EXPECT_EQ(doc.verdict.value, "0.3333333333333333");
  // The first two lines of the article: 15 + 27 words.
  std::string two_lines = EnglishArticle().substr(0, EnglishArticle().find("\nIn the end"));
  doc = RunFilter(*built, two_lines, "en");
  EXPECT_EQ(doc.verdict.reason, "gopher_min_words");
  EXPECT_EQ(doc.verdict.value, "42");
  // The English article fails the Arabic stop-word rule when labelled Arabic.
  doc = RunFilter(*built, EnglishArticle(), "ar");
  EXPECT_EQ(doc.verdict.reason, "gopher_stop_words");
  EXPECT_EQ(doc.verdict.value, "0");
}

TEST(QualityFilterStageTest, C4RemovesLinesInEnglish) {
  auto built = BuildFilter("");
  ASSERT_TRUE(built.ok());
  Document doc = RunFilter(*built, EnglishArticle() + "\nPlease enable JavaScript in your browser.", "en");
  EXPECT_FALSE(doc.rejected()) << doc.verdict.reason;
  EXPECT_EQ(doc.text, EnglishArticle());
  EXPECT_EQ(*doc.metadata.FindRaw("c4_lines_removed"), "1");
}

// Bad data is a decision, never a crash, and in time linear in the text.
TEST(QualityFilterStageTest, DegenerateDocuments) {
  auto built = BuildFilter("");
  ASSERT_TRUE(built.ok());
  for (const char* lang : {"en", "ar", "zh", ""}) {
    EXPECT_EQ(RunFilter(*built, "", lang).verdict.reason, "gopher_min_words");
    EXPECT_EQ(RunFilter(*built, " \n\t\n   \n", lang).verdict.reason, "gopher_min_words");
    EXPECT_EQ(RunFilter(*built, std::string(5000, '.'), lang).verdict.reason, "gopher_min_words");
  }
  // One word a million times: the counting pass rejects it before storing words.
  std::string million;
  million.reserve(5'000'000);
  for (int i = 0; i < 1'000'000; ++i) million += "word ";
  Document doc = RunFilter(*built, million, "ar");
  EXPECT_EQ(doc.verdict.reason, "gopher_max_words");
  EXPECT_EQ(doc.verdict.value, "1000000");
  // Without the word limit, the repetition rules take the million words.
  auto no_limit = BuildFilter("gopher_quality: {max_words: off}");
  ASSERT_TRUE(no_limit.ok());
  doc = RunFilter(*no_limit, million, "en");
  EXPECT_EQ(doc.verdict.reason, "gopher_top_2gram_frac");  // "word word": 9 * 999999 / 5e6
}

TEST(QualityFilterStageTest, HundredMegabyteSingleLine) {
  auto built = BuildFilter("");
  ASSERT_TRUE(built.ok());
  Document doc = RunFilter(*built, std::string(100u << 20, 'a'), "en");
  EXPECT_TRUE(doc.rejected());
  EXPECT_EQ(doc.verdict.reason, "gopher_min_words");
}

}  // namespace
}  // namespace ghirbal
