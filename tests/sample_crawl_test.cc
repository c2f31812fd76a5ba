// The default web recipe on the sample crawl shipped in samples/: what the quick start shows.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "e2e_util.h"

namespace ghirbal::e2e {
namespace {

const std::string kSample = std::string(GHIRBAL_SOURCE_DIR) + "/samples/crawl.warc.gz";

class SampleCrawl : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    result_ = new CommandResult(RunGhirbal({"run", "--input", kSample, "--output", *dir_ / "out", "--threads", "2"}));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete dir_;
  }
  static std::map<std::string, Document> ByUrl(const std::vector<Document>& docs) {
    std::map<std::string, Document> m;
    for (const auto& d : docs) m[d.url] = d;
    return m;
  }
  static TempDir* dir_;
  static CommandResult* result_;
};
TempDir* SampleCrawl::dir_ = nullptr;
CommandResult* SampleCrawl::result_ = nullptr;

TEST_F(SampleCrawl, RunsAndBalances) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  EXPECT_NE(result_->err.find("read = kept + rejected + errors: holds"), std::string::npos) << result_->err;
  RunStats s = ReadStats(*dir_ / "out");
  EXPECT_EQ(s.documents_read, 7u);  // the seven HTML responses
  EXPECT_EQ(s.errors, 0u);
  EXPECT_TRUE(s.Balanced());
  EXPECT_EQ(s.input.records, 23u);
  EXPECT_EQ(s.input.skipped_by_type.at("request"), 7u);
  EXPECT_EQ(s.input.skipped_by_type.at("metadata"), 7u);
  EXPECT_EQ(s.input.skipped_by_type.at("warcinfo"), 1u);
  EXPECT_EQ(s.input.skipped_by_type.at("response:image/png"), 1u);
}

TEST_F(SampleCrawl, KeepsTheArticlesOnceWithoutBoilerplate) {
  auto kept = ByUrl(ReadShards(*dir_ / "out/kept"));
  auto rejected = ReadShards(*dir_ / "out/rejected");
  int arabic_copies = 0;
  for (const auto& [url, d] : kept) {
    if (d.text.find("محطة جديدة لتحلية مياه البحر") != std::string::npos) {
      ++arabic_copies;
      EXPECT_EQ(d.text.find("أوافق"), std::string::npos) << d.text;
      EXPECT_EQ(d.text.find("ملفات تعريف الارتباط"), std::string::npos) << d.text;
      EXPECT_EQ(d.text.find("جميع الحقوق محفوظة"), std::string::npos) << d.text;
      EXPECT_EQ(d.text.find("اقرأ أيضا"), std::string::npos) << d.text;
      EXPECT_EQ(*d.metadata.GetString("language"), "ar");
    }
  }
  EXPECT_EQ(arabic_copies, 1) << "the syndicated copy is a duplicate";
  ASSERT_TRUE(kept.count("https://farhang.example.ir/news/book-fair"));
  EXPECT_EQ(*kept["https://farhang.example.ir/news/book-fair"].metadata.GetString("language"), "fa");
  // The library story appears on two sites with small differences: one copy survives, and none
  // of the sites' chrome comes with it.
  int english_copies = 0;
  for (const auto& [url, d] : kept) {
    if (d.text.find("The central library on Market Street") == std::string::npos) continue;
    ++english_copies;
    EXPECT_EQ(*d.metadata.GetString("language"), "en");
    for (const char* chrome : {"Accept all", "Share this article", "Related stories", "All rights reserved",
                               "Sign up for our newsletter", "Finally! I have been waiting"}) {
      EXPECT_EQ(d.text.find(chrome), std::string::npos) << chrome << " in " << d.text;
    }
  }
  EXPECT_EQ(english_copies, 1);
  // And the other site's page is not kept as a fragment (its own lines around a story whose
  // paragraphs line deduplication removed): it is rejected whole.
  EXPECT_EQ(kept.count("https://riverside-courier.example.com/news/library-reopens") +
                kept.count("https://valley-post.example.com/local/historic-library"),
            1u);
  EXPECT_EQ(kept.count("https://riverside-courier.example.com/"), 0u) << "a listing page has no main text";
  EXPECT_EQ(kept.count("https://cheap-stuff.example.biz/"), 0u) << "keyword spam is filtered";
  for (const auto& d : rejected) {
    EXPECT_TRUE(d.metadata.Contains("reject")) << d.id;
  }
}

TEST_F(SampleCrawl, SameBytesWithOneThread) {
  TempDir other;
  auto r = RunGhirbal({"run", "--input", kSample, "--output", other / "out", "--threads", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* sub : {"kept", "rejected"}) {
    for (const auto& e : std::filesystem::directory_iterator(*dir_ / std::string("out/") + sub)) {
      std::string name = e.path().filename().string();
      EXPECT_EQ(ReadFile(e.path().string()), ReadFile(other / (std::string("out/") + sub + "/" + name))) << name;
    }
  }
}

TEST(CookieBannerSample, DefaultRecipeKeepsTheArticleWithoutTheNotice) {
  const std::string sample = std::string(GHIRBAL_SHARED_DATA_DIR) + "/samples/ar-news-cookie-banner.jsonl";
  if (!std::filesystem::exists(sample)) GTEST_SKIP() << "shared data not present: " << sample;
  TempDir dir;
  auto r = RunGhirbal({"run", "--input", sample, "--output", dir / "out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto kept = ReadShards(dir / "out/kept");
  ASSERT_EQ(kept.size(), 1u) << ReadFile(dir / "out/stats.json");
  std::string expected = ReadFile(std::string(GHIRBAL_SHARED_DATA_DIR) + "/samples/ar-news-cookie-banner.expected.txt");
  while (!expected.empty() && (expected.back() == '\n' || expected.back() == ' ')) expected.pop_back();
  EXPECT_EQ(kept[0].text, expected);
}

}  // namespace
}  // namespace ghirbal::e2e
