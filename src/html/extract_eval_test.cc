#include "html/extract_eval.h"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace ghirbal::html {
namespace {

using Words = std::vector<std::string_view>;

TEST(ExtractEvalTest, WordsFollowPythonUnicodeW) {
  EXPECT_EQ(WordTokens("Hello, world_1 don't"), (Words{"Hello", "world_1", "don", "t"}));
  EXPECT_EQ(WordTokens(""), Words{});
  EXPECT_EQ(WordTokens(" ... !"), Words{});
  // Combining marks are not \w: harakat split an Arabic word, as in Python's re.
  EXPECT_EQ(WordTokens("مُحَمَّد رسول"), (Words{"م", "ح", "م", "د", "رسول"}));
  EXPECT_EQ(WordTokens("cafe\xCC\x81 bar"), (Words{"cafe", "bar"}));  // e + U+0301
  // Numbers of every kind (Nd, Nl, No) are \w: Arabic-Indic digits, superscripts, fractions.
  EXPECT_EQ(WordTokens("x² ½ ٣٤ 〇 Ⅻ"), (Words{"x²", "½", "٣٤", "〇", "Ⅻ"}));
  // Letters of other scripts; CJK has no spaces, so a run is one word.
  EXPECT_EQ(WordTokens("Привет, 世界。こんにちは"), (Words{"Привет", "世界", "こんにちは"}));
  // Ill-formed UTF-8, ZWNJ (Cf) and NBSP separate words.
  EXPECT_EQ(WordTokens("ab\xFF"
                       "cd\xE2\x80\x8C"
                       "ef\xC2\xA0gh"),
            (Words{"ab", "cd", "ef", "gh"}));
  EXPECT_TRUE(IsPythonWordChar(U'_'));
  EXPECT_FALSE(IsPythonWordChar(U'-'));
  EXPECT_FALSE(IsPythonWordChar(0x064B));  // ARABIC FATHATAN (Mn)
  EXPECT_TRUE(IsPythonWordChar(0x0640));   // ARABIC TATWEEL (Lm)
}

TEST(ExtractEvalTest, IdenticalTextsScoreOne) {
  PageScore s = ScorePage("p", "one two three four five six", "one two, three four five six!");
  EXPECT_EQ(s.id, "p");
  EXPECT_EQ(s.pred_grams, 3u);
  EXPECT_EQ(s.truth_grams, 3u);
  EXPECT_EQ(s.true_positives, 3u);
  EXPECT_DOUBLE_EQ(s.precision, 1);
  EXPECT_DOUBLE_EQ(s.recall, 1);
}

TEST(ExtractEvalTest, PartialOverlap) {
  // truth grams: abcd bcde; prediction: abcd.
  PageScore s = ScorePage("p", "a b c d", "a b c d e");
  EXPECT_DOUBLE_EQ(s.precision, 1);
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  // prediction abcd bcde cdef defg; truth abcd bcde: tp 2 of 4.
  s = ScorePage("p", "a b c d e f g", "a b c d e");
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.recall, 1);
  // Case matters (the benchmark does not lowercase).
  s = ScorePage("p", "A b c d", "a b c d");
  EXPECT_DOUBLE_EQ(s.precision, 0);
  EXPECT_DOUBLE_EQ(s.recall, 0);
}

TEST(ExtractEvalTest, MultisetCountsDuplicates) {
  // truth "x y z w x y z w": grams xyzw yzwx zwxy wxyz xyzw (xyzw twice).
  const char* truth = "x y z w x y z w";
  PageScore s = ScorePage("p", "x y z w", truth);
  EXPECT_EQ(s.truth_grams, 5u);
  EXPECT_EQ(s.true_positives, 1u);
  EXPECT_DOUBLE_EQ(s.precision, 1);
  EXPECT_DOUBLE_EQ(s.recall, 0.2);
  // 12 words: xyzw x3, yzwx x2, zwxy x2, wxyz x2 = 9 grams; tp = 2 + 1 + 1 + 1 = 5.
  s = ScorePage("p", "x y z w x y z w x y z w", truth);
  EXPECT_EQ(s.pred_grams, 9u);
  EXPECT_EQ(s.true_positives, 5u);
  EXPECT_DOUBLE_EQ(s.precision, 5.0 / 9);
  EXPECT_DOUBLE_EQ(s.recall, 1);
}

TEST(ExtractEvalTest, ShortTextsAreOneGram) {
  PageScore s = ScorePage("p", "hello world", "Hello world");
  EXPECT_EQ(s.pred_grams, 1u);
  EXPECT_DOUBLE_EQ(s.precision, 0);
  s = ScorePage("p", "Hello, world!", "Hello world");
  EXPECT_DOUBLE_EQ(s.precision, 1);
  EXPECT_DOUBLE_EQ(s.recall, 1);
  // A 3-word gram is not a prefix match of a 4-word gram.
  s = ScorePage("p", "a b c", "a b c d");
  EXPECT_EQ(s.true_positives, 0u);
  EXPECT_DOUBLE_EQ(s.recall, 0);
}

TEST(ExtractEvalTest, EmptyTexts) {
  PageScore s = ScorePage("p", "", "some truth here");
  EXPECT_TRUE(s.pred_empty);
  EXPECT_FALSE(s.truth_empty);
  EXPECT_DOUBLE_EQ(s.precision, 0);
  EXPECT_DOUBLE_EQ(s.recall, 0);

  s = ScorePage("p", "a prediction", " -- ");
  EXPECT_FALSE(s.pred_empty);
  EXPECT_TRUE(s.truth_empty);
  EXPECT_DOUBLE_EQ(s.precision, 0);
  EXPECT_DOUBLE_EQ(s.recall, 0);

  s = ScorePage("p", "", "");
  EXPECT_TRUE(s.pred_empty && s.truth_empty);
  EXPECT_DOUBLE_EQ(s.precision, 1);  // fp = fn = 0
  EXPECT_DOUBLE_EQ(s.recall, 1);
}

TEST(ExtractEvalTest, SummarizeAveragesOverNonEmptySides) {
  std::vector<PageScore> pages;
  pages.push_back(ScorePage("a", "a b c d", "a b c d e"));  // p 1, r 0.5
  pages.push_back(ScorePage("b", "", "a b c d e"));         // p not averaged, r 0
  pages.push_back(ScorePage("c", "a b c d", ""));           // p 0, r not averaged
  EvalSummary sum = Summarize(pages);
  EXPECT_EQ(sum.pages, 3u);
  EXPECT_DOUBLE_EQ(sum.precision, 0.5);
  EXPECT_DOUBLE_EQ(sum.recall, 0.25);
  EXPECT_NEAR(sum.f1, 1.0 / 3, 1e-12);
  EXPECT_EQ(sum.per_page.size(), 3u);
  EXPECT_EQ(sum.per_page[1].id, "b");

  EvalSummary none = Summarize({});
  EXPECT_EQ(none.pages, 0u);
  EXPECT_DOUBLE_EQ(none.f1, 0);
}

void WriteFile(const std::string& path, std::string_view data) {
  std::ofstream(path, std::ios::binary) << data;
}

void WriteGzip(const std::string& path, std::string_view data) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  gzwrite(f, data.data(), static_cast<unsigned>(data.size()));
  gzclose(f);
}

std::string MakeDir(const std::string& name) {
  std::string dir = ::testing::TempDir() + "/ghirbal_extract_eval_" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(ExtractEvalTest, EvaluatesPagesFromDisk) {
  std::string dir = MakeDir("disk");
  WriteFile(dir + "/truth.json",
            R"({"p2": {"articleBody": "two three four five six", "url": "http://b/"},
                "p1": {"articleBody": "one two three four", "url": "http://a/"},
                "p3": {"articleBody": "missing page"}})");
  WriteFile(dir + "/p1.html", "<p>one two three four</p>");
  WriteGzip(dir + "/p2.html.gz", "<p>two three four five</p>");
  std::vector<std::string> calls;
  auto extract = [&](std::string_view id, std::string_view raw, std::string_view url) {
    calls.push_back(std::string(id) + " " + std::string(url));
    std::string text(raw);
    return text.substr(3, text.size() - 7);  // strip <p></p>
  };
  Result<EvalSummary> r = EvaluateExtraction(dir, dir + "/truth.json", extract);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(calls, (std::vector<std::string>{"p1 http://a/", "p2 http://b/"}));
  EXPECT_EQ(r->pages, 2u);
  EXPECT_EQ(r->missing_pages, std::vector<std::string>{"p3"});
  // p1 exact; p2 predicts "two three four five" (1 gram) against 2 grams: p 1, r 0.5.
  EXPECT_DOUBLE_EQ(r->precision, 1);
  EXPECT_DOUBLE_EQ(r->recall, 0.75);
  EXPECT_EQ(r->per_page[1].id, "p2");
  EXPECT_GE(r->seconds, 0);
}

TEST(ExtractEvalTest, ReportsBadInputs) {
  std::string dir = MakeDir("bad");
  auto none = [](std::string_view, std::string_view, std::string_view) { return std::string(); };
  EXPECT_EQ(EvaluateExtraction(dir, dir + "/nope.json", none).status().code(),
            Status::Code::kNotFound);
  EXPECT_EQ(EvaluateExtraction(dir + "/nodir", dir + "/nope.json", none).status().code(),
            Status::Code::kNotFound);
  WriteFile(dir + "/list.json", "[1, 2]");
  EXPECT_EQ(EvaluateExtraction(dir, dir + "/list.json", none).status().code(),
            Status::Code::kCorruption);
  WriteFile(dir + "/nobody.json", R"({"p": {"url": "x"}})");
  EXPECT_EQ(EvaluateExtraction(dir, dir + "/nobody.json", none).status().code(),
            Status::Code::kCorruption);
  WriteFile(dir + "/escape.json", R"({"../p": {"articleBody": "x"}})");
  EXPECT_EQ(EvaluateExtraction(dir, dir + "/escape.json", none).status().code(),
            Status::Code::kCorruption);
  WriteFile(dir + "/ok.json", R"({"p": {"articleBody": "x"}})");
  EXPECT_EQ(EvaluateExtraction(dir, dir + "/ok.json", none).status().code(),
            Status::Code::kNotFound);  // no page at all
  WriteFile(dir + "/p.html.gz", "\x1F\x8B\x08\x00garbage");
  EXPECT_EQ(EvaluateExtraction(dir, dir + "/ok.json", none).status().code(),
            Status::Code::kCorruption);
}

// The public benchmark (when present): the truth itself scores 1, nothing scores 0.
class ExtractionDevTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::string(GHIRBAL_SHARED_DATA_DIR) + "/extraction-dev";
    truth_path_ = dir_ + "/ground-truth.json";
    if (!std::filesystem::exists(truth_path_)) GTEST_SKIP() << "no " << truth_path_;
    simdjson::dom::parser parser;
    simdjson::dom::object root;
    ASSERT_EQ(parser.load(truth_path_).get(root), simdjson::SUCCESS);
    for (auto [key, value] : root) {
      truth_[std::string(key)] = std::string(value["articleBody"].get_string().value());
    }
  }
  std::string dir_, truth_path_;
  std::map<std::string, std::string> truth_;
};

TEST_F(ExtractionDevTest, TruthScoresOne) {
  auto oracle = [&](std::string_view id, std::string_view raw, std::string_view) {
    EXPECT_GT(raw.size(), 1000u);  // decompressed HTML
    return truth_.at(std::string(id));
  };
  Result<EvalSummary> r = EvaluateExtraction(dir_ + "/html", truth_path_, oracle);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->pages, truth_.size());
  EXPECT_TRUE(r->missing_pages.empty());
  EXPECT_DOUBLE_EQ(r->precision, 1);
  EXPECT_DOUBLE_EQ(r->recall, 1);
  EXPECT_DOUBLE_EQ(r->f1, 1);
}

TEST_F(ExtractionDevTest, NothingScoresZero) {
  auto nothing = [](std::string_view, std::string_view, std::string_view) { return std::string(); };
  Result<EvalSummary> r = EvaluateExtraction(dir_ + "/html", truth_path_, nothing);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->pages, truth_.size());
  EXPECT_DOUBLE_EQ(r->precision, 0);
  EXPECT_DOUBLE_EQ(r->recall, 0);
  EXPECT_DOUBLE_EQ(r->f1, 0);
}

}  // namespace
}  // namespace ghirbal::html
