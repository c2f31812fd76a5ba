#include "dedup/line_dedup.h"

#include <gtest/gtest.h>

#include "core/stage_registry.h"
#include "dedup/dedup_testing.h"

namespace ghirbal::dedup {
namespace {

const char kCookie[] = "We use cookies to improve your experience on our site.";
const char kArabicFooter[] = "جميع الحقوق محفوظة لموقع الأخبار العربية ٢٠٢٤";

std::vector<std::string> Texts() {
  return {
      std::string("First article headline here\nThe first article has a long unique body of text.\n") + kCookie,
      std::string("Second article headline here\n") + kCookie + "\nThe second article body is also unique, long enough.",
      std::string(kArabicFooter) + "\nمقال ثالث بنص فريد وطويل بما يكفي ليبقى بعد الحذف\n" + "WE  USE cookies to improve your experience on our site.",
      std::string("Short\n") + kCookie,
      std::string(kArabicFooter) + "\n" + kArabicFooter,
  };
}

TEST(LineDedupTest, RemovesRepeatedLinesKeepingTheFirst) {
  LineDedup stage({});
  auto docs = testing::MakeDocs(Texts(), 2);
  ASSERT_TRUE(testing::Run(stage, &docs, testing::FreshDir("line_dedup_basic")).ok());
  // The first occurrence of the cookie line stays; later ones (also in other case/spacing) go.
  EXPECT_EQ(docs[0].text, Texts()[0]);
  EXPECT_FALSE(docs[0].metadata.Contains("line_dedup_removed"));
  EXPECT_EQ(docs[1].text, "Second article headline here\nThe second article body is also unique, long enough.");
  EXPECT_EQ(docs[1].metadata.GetNumber("line_dedup_removed"), 1);
  EXPECT_EQ(docs[2].text, std::string(kArabicFooter) + "\nمقال ثالث بنص فريد وطويل بما يكفي ليبقى بعد الحذف");
  // "Short" is below min_length and stays, but too little text is left.
  EXPECT_EQ(docs[3].verdict.reason, "line_dedup_too_short");
  EXPECT_EQ(docs[3].verdict.value, "5");
  EXPECT_EQ(docs[3].text, Texts()[3]);  // rejected documents keep their text
  // Both footers of the last document are later occurrences: nothing is left.
  EXPECT_EQ(docs[4].verdict.reason, "line_dedup_too_short");
  EXPECT_EQ(docs[4].verdict.value, "0");
}

TEST(LineDedupTest, MaxOccurrencesAndKeepFirst) {
  LineDedupOptions o;
  o.max_occurrences = 3;  // the cookie line occurs 4 times, the footer 3
  o.keep_first = false;
  o.min_remaining_chars = 0;
  auto docs = testing::MakeDocs(Texts(), 2);
  ASSERT_TRUE(testing::Run(LineDedup(o), &docs, testing::FreshDir("line_dedup_max")).ok());
  EXPECT_EQ(docs[0].text, "First article headline here\nThe first article has a long unique body of text.");
  EXPECT_EQ(docs[4].text, std::string(kArabicFooter) + "\n" + kArabicFooter);
  EXPECT_FALSE(docs[3].rejected());
  EXPECT_EQ(docs[3].text, "Short");
}

TEST(LineDedupTest, Paragraphs) {
  LineDedupOptions o;
  o.paragraphs = true;
  o.min_remaining_chars = 0;
  std::string boiler = "Subscribe to our newsletter\nfor daily news in your inbox";
  auto docs = testing::MakeDocs({"Para one of doc one is here.\n\n" + boiler, "Doc two starts here, unique.\n \n" + boiler + "\n\n\nEnd of doc two text."});
  ASSERT_TRUE(testing::Run(LineDedup(o), &docs, testing::FreshDir("line_dedup_para")).ok());
  EXPECT_EQ(docs[0].text, "Para one of doc one is here.\n\n" + boiler);
  EXPECT_EQ(docs[1].text, "Doc two starts here, unique.\n\nEnd of doc two text.");
}

TEST(LineDedupTest, SameResultWithTasksBatchesAndSpills) {
  std::vector<std::string> texts;
  for (int i = 0; i < 120; ++i) {
    texts.push_back("Unique line number " + std::to_string(i) + " of this corpus\nShared footer line number " +
                    std::to_string(i % 7) + " for sites\n" + kCookie);
  }
  auto one = testing::MakeDocs(texts, 9);
  ASSERT_TRUE(testing::Run(LineDedup({}), &one, testing::FreshDir("line_dedup_one")).ok());
  LineDedupOptions tiny;
  tiny.collect_memory_bytes = 1000;  // a sorted run every ~15 distinct lines
  tiny.sort_memory_bytes = 500;
  auto many = testing::MakeDocs(texts, 9);
  ASSERT_TRUE(testing::Run(LineDedup(tiny), &many, testing::FreshDir("line_dedup_many"), {3, 4}).ok());
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].text, many[i].text) << i;
    EXPECT_EQ(one[i].verdict.reason, many[i].verdict.reason) << i;
  }
  EXPECT_EQ(one[0].text, texts[0]);
  // Only its unique line would be left: 36 code points < 50.
  EXPECT_EQ(one[10].verdict.reason, "line_dedup_too_short");
  EXPECT_EQ(one[10].verdict.value, "36");
  EXPECT_EQ(one[10].metadata.GetNumber("line_dedup_removed"), 2);
}

TEST(LineDedupTest, EmptyDocumentsAndRerun) {
  std::vector<std::string> texts = {"", "\n\n", kCookie, kCookie, ""};
  auto docs = testing::MakeDocs(texts);
  std::string dir = testing::FreshDir("line_dedup_rerun");
  LineDedup stage({});
  ASSERT_TRUE(testing::Run(stage, &docs, dir).ok());
  ASSERT_TRUE(testing::ReduceAll(stage, dir, {}).ok());
  auto again = testing::MakeDocs(texts);
  ASSERT_TRUE(testing::Apply(stage, &again, dir, {}).ok());
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(docs[i].verdict.reason, again[i].verdict.reason);
    EXPECT_EQ(docs[i].text, again[i].text);
  }
  EXPECT_FALSE(docs[0].rejected());
  EXPECT_FALSE(docs[1].rejected());
  EXPECT_EQ(docs[1].text, "\n\n");
  EXPECT_FALSE(docs[2].rejected());
  EXPECT_TRUE(docs[3].rejected());
}

TEST(LineDedupTest, Options) {
  auto opts = StageOptions::FromYaml("unit: paragraph\nmin_length: 5\nmax_occurrences: 2\nkeep_first: false\n"
                                     "min_remaining_chars: 10\ncollect_memory_mb: 8\nsort_memory_mb: 8");
  ASSERT_TRUE(StageRegistry::Global().Build("line_dedup", *opts).ok());
  for (const char* bad : {"unit: word", "max_occurrences: 0", "min_len: 3"}) {
    auto o = StageOptions::FromYaml(bad);
    EXPECT_FALSE(StageRegistry::Global().Build("line_dedup", *o).ok()) << bad;
  }
}

}  // namespace
}  // namespace ghirbal::dedup
