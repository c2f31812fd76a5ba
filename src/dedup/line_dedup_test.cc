#include "dedup/line_dedup.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/stage_registry.h"
#include "dedup/dedup_testing.h"
#include "dedup/dedup_text.h"

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
  o.max_removed_fraction = 1;
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

// `n` lower-case letters (normalized length n) that start with `tag`.
std::string Letters(const std::string& tag, size_t n) {
  std::string s = tag;
  while (s.size() < n) s += static_cast<char>('a' + s.size() % 26);
  return s;
}

// Two shared lines of 40 characters and a unique one of k: 80 of 80 + k characters removed.
TEST(LineDedupTest, MostlyRepeatedAtJustBelowAndJustAboveTheFraction) {
  const std::string shared = Letters("shared one ", 40) + "\n" + Letters("shared two ", 40);
  std::vector<std::string> texts = {shared + "\n" + Letters("original ", 30)};
  for (size_t k : {19, 20, 21}) texts.push_back(shared + "\n" + Letters("copy " + std::to_string(k) + " ", k));
  LineDedupOptions o;
  o.min_remaining_chars = 0;
  auto docs = testing::MakeDocs(texts, 2);
  ASSERT_TRUE(testing::Run(LineDedup(o), &docs, testing::FreshDir("line_dedup_fraction")).ok());
  EXPECT_FALSE(docs[0].rejected());  // the first occurrences stay
  EXPECT_EQ(docs[0].text, texts[0]);
  EXPECT_EQ(docs[1].verdict.reason, "line_dedup_mostly_repeated");  // 80/99 > 0.8
  EXPECT_EQ(docs[1].verdict.value, "0.8081");
  EXPECT_EQ(docs[1].text, texts[1]);
  EXPECT_FALSE(docs[2].rejected());  // 80/100 = 0.8, not above it
  EXPECT_EQ(docs[2].text, Letters("copy 20 ", 20));
  EXPECT_FALSE(docs[3].rejected());  // 80/101
  EXPECT_EQ(docs[3].metadata.GetNumber("line_dedup_removed"), 2);
}

// A syndicated article under other sites' headers and footers: the copies lose all but their
// own lines, so their remnants are rejected instead of kept as fragments; at 1 they are kept.
TEST(LineDedupTest, SyndicatedCopiesAreRejectedNotKeptAsFragments) {
  std::string article;
  for (int p = 0; p < 8; ++p) {
    article += "Paragraph " + std::to_string(p) + " of the syndicated story, long enough to count as content.\n";
  }
  std::vector<std::string> texts;
  for (int site = 0; site < 6; ++site) {
    texts.push_back("Welcome to site " + std::to_string(site) + ", your daily regional news\n" + article +
                    "Copyright of site " + std::to_string(site) + ", all reproduction requires permission");
  }
  auto docs = testing::MakeDocs(texts, 4);
  ASSERT_TRUE(testing::Run(LineDedup({}), &docs, testing::FreshDir("line_dedup_synd")).ok());
  EXPECT_FALSE(docs[0].rejected());
  for (size_t i = 1; i < docs.size(); ++i) EXPECT_EQ(docs[i].verdict.reason, "line_dedup_mostly_repeated") << i;

  LineDedupOptions off;
  off.max_removed_fraction = 1;
  docs = testing::MakeDocs(texts, 4);
  ASSERT_TRUE(testing::Run(LineDedup(off), &docs, testing::FreshDir("line_dedup_synd_off")).ok());
  for (const Document& d : docs) EXPECT_FALSE(d.rejected());
  EXPECT_EQ(docs[5].text, "Welcome to site 5, your daily regional news\nCopyright of site 5, all reproduction requires permission");
}

// The characters left, reported in line_dedup_too_short, are counted from the kept units without
// normalizing the kept text again; they must equal what normalizing it gives. Units with odd
// white space, blank units, and units starting with a combining mark (which must not compose
// with the unit before it).
TEST(LineDedupTest, CharactersLeftEqualTheNormalizedKeptText) {
  const std::vector<std::string> pieces = {"Shared footer line that repeats across pages", "  ", "",
                                           " \xCC\x81accent first", "\xD9\x94hamza first line here",
                                           "Unique\tLINE  with   spaces ", "\xC3\x89cole \xC4\xB0stanbul"};
  std::vector<std::string> texts;
  uint64_t state = 5;
  for (int d = 0; d < 60; ++d) {
    std::string t = "doc " + std::to_string(d);
    for (int k = 0; k < 6; ++k) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      t += "\n" + pieces[(state >> 33) % pieces.size()];
    }
    texts.push_back(t);
  }
  LineDedupOptions keep;
  keep.min_length = 1;
  keep.min_remaining_chars = 0;
  keep.max_removed_fraction = 1;
  auto kept = testing::MakeDocs(texts, 7);
  ASSERT_TRUE(testing::Run(LineDedup(keep), &kept, testing::FreshDir("line_dedup_left_a")).ok());
  LineDedupOptions reject = keep;
  reject.min_remaining_chars = 1 << 30;
  auto rejected = testing::MakeDocs(texts, 7);
  ASSERT_TRUE(testing::Run(LineDedup(reject), &rejected, testing::FreshDir("line_dedup_left_b")).ok());
  int checked = 0;
  std::string normalized;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (!rejected[i].rejected()) continue;  // nothing removed
    NormalizeForDedup(kept[i].text, &normalized);
    const auto code_points = std::count_if(normalized.begin(), normalized.end(),
                                           [](char c) { return (c & 0xC0) != 0x80; });
    EXPECT_EQ(rejected[i].verdict.value, std::to_string(code_points)) << kept[i].text;
    ++checked;
  }
  EXPECT_GT(checked, 40);
}

TEST(LineDedupTest, Options) {
  auto opts = StageOptions::FromYaml("unit: paragraph\nmin_length: 5\nmax_occurrences: 2\nkeep_first: false\n"
                                     "min_remaining_chars: 10\nmax_removed_fraction: 0.5\n"
                                     "collect_memory_mb: 8\nsort_memory_mb: 8");
  ASSERT_TRUE(StageRegistry::Global().Build("line_dedup", *opts).ok());
  for (const char* bad : {"unit: word", "max_occurrences: 0", "min_len: 3", "max_removed_fraction: 1.5"}) {
    auto o = StageOptions::FromYaml(bad);
    EXPECT_FALSE(StageRegistry::Global().Build("line_dedup", *o).ok()) << bad;
  }
}

}  // namespace
}  // namespace ghirbal::dedup
