#include "filter/url_filter.h"

#include <fstream>

#include <gtest/gtest.h>

#include "core/stage_registry.h"

namespace ghirbal {
namespace {

TEST(UrlFilterTest, Host) {
  EXPECT_EQ(UrlBlocklist::Host("https://user:pw@www.example.com:8080/a?b#c"), "www.example.com");
  EXPECT_EQ(UrlBlocklist::Host("example.com/path"), "example.com");
  EXPECT_EQ(UrlBlocklist::Host("http://[::1]:80/"), "[::1]");
  EXPECT_EQ(UrlBlocklist::Host(""), "");
}

TEST(UrlFilterTest, DomainsWordsSubstrings) {
  auto list = UrlBlocklist::FromLists({"Example.com", ".bad.org"}, {"/ads/", "utm_"}, {"casino"});
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  auto s = (*list)->NewScratch();
  auto match = [&](std::string_view url) { return (*list)->Match(url, s.get()); };
  EXPECT_EQ(match("https://WWW.example.com/news"), "example.com");
  EXPECT_EQ(match("https://a.b.bad.org"), "bad.org");
  EXPECT_EQ(match("https://notexample.com/"), "");
  EXPECT_EQ(match("https://x.net/best-Casino-bonus"), "casino");
  EXPECT_EQ(match("https://x.net/occasional"), "");
  EXPECT_EQ(match("https://x.net/ADS/banner"), "/ads/");
  EXPECT_EQ(match("https://x.net/a?utm_source=y"), "utm_");
  EXPECT_EQ(match("https://news.example.net/article"), "");
  EXPECT_EQ(match(""), "");
}

TEST(UrlFilterStageTest, FromFiles) {
  std::string dir = ::testing::TempDir();
  {
    std::ofstream(dir + "/domains.txt") << "# blocked\nspam.example\n\n";
    std::ofstream(dir + "/words.txt") << "porn\n";
  }
  auto options = StageOptions::FromYaml("domain_files: [" + dir + "/domains.txt]\nword_files: " +
                                        dir + "/words.txt");
  ASSERT_TRUE(options.ok());
  auto built = StageRegistry::Global().Build("url_filter", *options);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Batch batch;
  batch.documents.resize(3);
  batch.documents[0].url = "http://www.spam.example/page";
  batch.documents[1].url = "http://ok.example/porn-free";
  batch.documents[2].url = "http://ok.example/fine";
  auto state = built->stage->NewState();
  built->stage->Process(batch, state.get());
  EXPECT_EQ(batch.documents[0].verdict.reason, "url_blocklist");
  EXPECT_EQ(batch.documents[0].verdict.value, "\"spam.example\"");
  EXPECT_EQ(batch.documents[1].verdict.value, "\"porn\"");
  EXPECT_FALSE(batch.documents[2].rejected());

  auto missing = StageOptions::FromYaml("domain_files: [/nonexistent.txt]");
  EXPECT_FALSE(StageRegistry::Global().Build("url_filter", *missing).ok());
}

}  // namespace
}  // namespace ghirbal
