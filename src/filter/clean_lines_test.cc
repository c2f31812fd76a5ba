#include "filter/clean_lines.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "core/document.h"
#include "core/stage_registry.h"
#include "text/words.h"

namespace ghirbal {
namespace {

std::string DataDir() { return std::string(GHIRBAL_SOURCE_DIR) + "/data"; }

class CleanLinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CleanLinesOptions o;
    o.data_dir = DataDir();
    auto c = LineCleaner::Create(o);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    cleaner_ = std::move(c).value();
    scratch_ = cleaner_->NewScratch();
  }
  std::string Clean(std::string_view text, size_t* removed = nullptr) {
    CleanLinesResult r;
    cleaner_->Clean(text, scratch_.get(), &r);
    if (removed) *removed = r.removed;
    return std::string(r.Text(text));
  }
  std::unique_ptr<LineCleaner> cleaner_;
  std::unique_ptr<LineCleaner::Scratch> scratch_;
};

const char kArabicArticle[] =
    "وزير الخارجية يلتقي نظيره في العاصمة\n"
    "\n"
    "قال وزير الخارجية اليوم إن المحادثات كانت بناءة ومثمرة في جميع الملفات المطروحة.\n"
    "\n"
    "وأضاف أن البلدين سيعملان على تعزيز التعاون الاقتصادي خلال السنوات المقبلة.";

TEST_F(CleanLinesTest, ArabicCookieNoticeAtEndWrittenDifferently) {
  std::string text = std::string(kArabicArticle) +
                     "\n\nسياسة الكوكيز\n"
                     "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك، وبمواصلة التصفح فإنك "
                     "توافق على ذلك.\n"
                     "موافق";
  size_t removed = 0;
  EXPECT_EQ(Clean(text, &removed), kArabicArticle);
  EXPECT_EQ(removed, 3u);
}

TEST_F(CleanLinesTest, EnglishNoticeAtTop) {
  std::string text =
      "This website uses cookies\n"
      "We use cookies to personalise content and ads and to analyse our traffic.\n"
      "Accept all\n"
      "Reject all\n"
      "\n"
      "The city council approved the new budget on Tuesday.\n"
      "The vote was 7 to 2.";
  size_t removed = 0;
  EXPECT_EQ(Clean(text, &removed),
            "The city council approved the new budget on Tuesday.\nThe vote was 7 to 2.");
  EXPECT_EQ(removed, 4u);
}

TEST_F(CleanLinesTest, FrenchNoticeInTheMiddle) {
  std::string text =
      "Le conseil municipal a voté le budget mardi.\n"
      "\n"
      "En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies.\n"
      "J'accepte !\n"
      "\n"
      "Le vote a été acquis à une large majorité.";
  EXPECT_EQ(Clean(text),
            "Le conseil municipal a voté le budget mardi.\n\nLe vote a été acquis à une large "
            "majorité.");
}

// The same notice shape (heading, body, button) in other languages and positions.
TEST_F(CleanLinesTest, NoticeBlocksInOtherLanguages) {
  struct Case {
    const char* notice;  // lines of the notice
    const char* article;
  } cases[] = {
      {"Diese Website verwendet Cookies\nWir nutzen Cookies, um Inhalte zu personalisieren.\n"
       "Alle akzeptieren",
       "Der Stadtrat hat am Dienstag den Haushalt beschlossen."},
      {"Política de cookies\nUtilizamos cookies propias y de terceros para mejorar nuestros "
       "servicios.\nAceptar",
       "El ayuntamiento aprobó el presupuesto el martes."},
      {"Мы используем файлы cookie\nПродолжая использовать сайт, вы соглашаетесь с "
       "использованием файлов cookie.\nПринять",
       "Городской совет утвердил бюджет во вторник."},
      {"本网站使用cookie\n继续浏览本网站即表示您同意我们使用cookie。\n我同意",
       "市议会周二批准了新的预算。"},
      {"این سایت از کوکی استفاده می‌کند\nبا ادامه استفاده از این سایت، با حریم خصوصی موافقت "
       "می‌کنید.\nموافقم",
       "شورای شهر روز سه‌شنبه بودجه را تصویب کرد."},
  };
  for (const Case& c : cases) {
    std::string top = std::string(c.notice) + "\n\n" + c.article;
    EXPECT_EQ(Clean(top), c.article) << c.notice;
    std::string middle = std::string(c.article) + "\n" + c.notice + "\n" + c.article;
    EXPECT_EQ(Clean(middle), std::string(c.article) + "\n" + c.article) << c.notice;
  }
}

TEST_F(CleanLinesTest, ButtonAndVocabularyAwayFromNoticeStay) {
  // "OK" and a sentence about privacy are article text when no notice is next to them.
  std::string text =
      "He said OK and left.\nOK\nPrivacy advocates criticised the new law on Monday.";
  EXPECT_EQ(Clean(text), text);
}

TEST_F(CleanLinesTest, LongArticleLineMentioningCookiesStays) {
  std::string line =
      "The regulator said that websites which use cookies must ask for consent before "
      "storing them, and that the cookie policy of many large publishers did not meet this "
      "standard; the fines announced on Monday range from ten thousand to two million euros "
      "depending on the size of the company, the number of users affected and the duration "
      "of the infringement, according to the statement published by the authority.";
  EXPECT_EQ(Clean(line), line);
}

TEST_F(CleanLinesTest, ShortBoilerplateLines) {
  std::string text =
      "Home > News > World\n"
      "Stocks fell sharply on Monday.\n"
      "Read also:\n"
      "اقرأ أيضا\n"
      "Share\n"
      "Click here to subscribe to our newsletter!\n"
      "© 2024 Example Media. All rights reserved.\n"
      "جميع الحقوق محفوظة © 2024\n"
      "JavaScript is required to view this page.\n"
      "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.";
  size_t removed = 0;
  EXPECT_EQ(Clean(text, &removed), "Stocks fell sharply on Monday.");
  EXPECT_EQ(removed, 9u);
}

// Lines longer than max_notice_words (60) are scanned only for [anywhere] phrases: at any
// length "lorem ipsum" is removed; a notice or [phrase] phrase in article text is kept. At
// the limit the notice rule still applies.
TEST_F(CleanLinesTest, LongLinesOnlyLoseAnywherePhrases) {
  auto words = [](size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += i ? " word" : "Word";
    return out;
  };
  const std::string article = "Stocks fell sharply on Monday.";
  const std::string long_lorem = words(70) + " lorem ipsum dolor.";
  const std::string long_cookies = words(70) + " this website uses cookies.";
  const std::string long_rights = words(70) + " all rights reserved.";
  const std::string short_cookies = words(56) + " this website uses cookies";  // 60 words
  size_t removed = 0;
  EXPECT_EQ(Clean(article + "\n" + long_lorem + "\n" + long_cookies + "\n" + long_rights, &removed),
            article + "\n" + long_cookies + "\n" + long_rights);
  EXPECT_EQ(removed, 1u);
  EXPECT_EQ(Clean(article + "\n" + short_cookies, &removed), article);
  EXPECT_EQ(removed, 1u);
}

TEST_F(CleanLinesTest, LayoutTrimmedAndBlankRunsCollapsed) {
  EXPECT_EQ(Clean("\n\n  first line  \n\n\n\n\u00A0second\t\n \n"), "first line\n\nsecond");
}

// The output is only written when it differs from the input: on random layouts of plain
// lines (nothing removed), the result is the layout rule's, whether or not it was copied.
TEST_F(CleanLinesTest, LayoutOfUntouchedLinesWithAndWithoutCopy) {
  const char* kPieces[] = {"river", "otters", "returned", " ", " ", "\t", "\r", "\u00A0", "\n",
                           "\n", "\n\n", "."};
  std::mt19937 rng(41);
  size_t unchanged = 0, copied = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    for (size_t k = rng() % 24; k > 0; --k) text += kPieces[rng() % std::size(kPieces)];
    // The rule: lines trimmed, blank lines dropped, one blank line where there were some.
    std::vector<std::string_view> lines;
    SplitLines(text, &lines);
    std::string expected;
    bool blank = false;
    for (std::string_view line : lines) {
      line = TrimWhitespace(line);
      if (line.empty()) {
        blank = !expected.empty();
        continue;
      }
      if (!expected.empty()) expected += blank ? "\n\n" : "\n";
      blank = false;
      expected += line;
    }
    CleanLinesResult r;
    cleaner_->Clean(text, scratch_.get(), &r);
    ASSERT_EQ(r.removed, 0u) << text;
    ASSERT_EQ(r.Text(text), expected) << text;
    if (r.unchanged) {
      ASSERT_TRUE(r.text.empty());
      ++unchanged;
    } else {
      ++copied;
    }
  }
  EXPECT_GT(unchanged, 100u);
  EXPECT_GT(copied, 100u);
}

TEST_F(CleanLinesTest, DegenerateInputs) {
  EXPECT_EQ(Clean(""), "");
  EXPECT_EQ(Clean(" \n\t\n "), "");
  EXPECT_EQ(Clean("...!!!"), "...!!!");
  std::string big(1 << 20, 'a');  // one long line, no phrases
  EXPECT_EQ(Clean(big).size(), big.size());
}

TEST(BreadcrumbTest, Shapes) {
  EXPECT_TRUE(IsBreadcrumb("Home > News > World"));
  EXPECT_TRUE(IsBreadcrumb("الرئيسية » أخبار » العالم العربي"));
  EXPECT_FALSE(IsBreadcrumb("Home > News"));
  EXPECT_FALSE(IsBreadcrumb("a > b > c."));
  EXPECT_FALSE(IsBreadcrumb("x > this segment has far too many words > y"));
}

// The breadcrumb test as first written (every separator searched through the whole line):
// the reference for the version that stops looking after the fifth word.
bool IsBreadcrumbReference(std::string_view line) {
  static constexpr std::string_view kSeparators[] = {" > ", " » ", " › ", " / ", " | ",
                                                     " → ", " « ", " ‹ ", " < "};
  line = TrimWhitespace(line);
  if (line.empty() || EndsWithTerminalPunctuation(line)) return false;
  for (std::string_view sep : kSeparators) {
    size_t segments = 1, start = 0;
    bool ok = true;
    while (ok) {
      size_t pos = line.find(sep, start);
      std::string_view segment =
          TrimWhitespace(line.substr(start, pos == std::string_view::npos ? pos : pos - start));
      size_t words = segment.empty() ? 0 : std::count(segment.begin(), segment.end(), ' ') + 1;
      if (words == 0 || words > 4) ok = false;
      if (pos == std::string_view::npos) break;
      ++segments;
      start = pos + sep.size();
    }
    if (ok && segments >= 3) return true;
  }
  return false;
}

TEST(BreadcrumbTest, MatchesReference) {
  const std::vector<std::string> pieces = {"Home", "news", "أخبار", "العالم", "新闻", " ", "  ", "\t",
                                           "\xC2\xA0", "\xE3\x80\x80", " > ", " » ", " / ", " | ",
                                           " → ", " › ", " « ", " ‹ ", " < ", ">", "/", ".", "x",
                                           "é"};
  uint64_t state = 17;
  int breadcrumbs = 0;
  for (int i = 0; i < 100000; ++i) {
    std::string line;
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    for (size_t k = (state >> 33) % 24; k > 0; --k) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      line += pieces[(state >> 33) % pieces.size()];
    }
    const bool expected = IsBreadcrumbReference(line);
    breadcrumbs += expected;
    ASSERT_EQ(IsBreadcrumb(line), expected) << line;
  }
  EXPECT_GT(breadcrumbs, 100);
}

TEST(PhraseFileTest, UnknownKindIsAnError) {
  std::vector<Phrase> phrases;
  EXPECT_FALSE(ParsePhrases("[bogus]\nx\n", "test", &phrases).ok());
  EXPECT_TRUE(ParsePhrases("# c\n[button]\nI  Agree!\n", "test", &phrases).ok());
  ASSERT_EQ(phrases.size(), 1u);
  EXPECT_EQ(phrases[0].text, "i agree");
}

TEST(NormalizeForMatchTest, FoldsVariants) {
  std::string out;
  NormalizeForMatch("  I AGREE. ", &out);
  EXPECT_EQ(out, "i agree");
  NormalizeForMatch("استخدامنا ، لملفات .", &out);
  EXPECT_EQ(out, "استخدامنا لملفات");
  NormalizeForMatch("أوافـــق", &out);  // alef with hamza and tatweel
  EXPECT_EQ(out, "اوافق");
  NormalizeForMatch("می\u200Cکنیم", &out);
  EXPECT_EQ(out, "\u0645\u064A\u0643\u0646\u064A\u0645");  // ZWNJ dropped, ی ک folded
}

// Builds the stage through the registry, as a pipeline would.
Result<BuiltStage> BuildStage(std::string_view yaml) {
  auto options = StageOptions::FromYaml(yaml, "stage 'clean_lines'");
  if (!options.ok()) return options.status();
  options->set_data_dir(DataDir());
  auto built = StageRegistry::Global().Build("clean_lines", *options);
  return built;
}

TEST(CleanLinesStageTest, RejectsDocumentLeftEmptyAndKeepsRemoved) {
  auto built = BuildStage("keep_removed: true");
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Stage& stage = *built->stage;
  auto state = stage.NewState();
  Batch batch;
  batch.documents.resize(2);
  batch.documents[0].text = "We use cookies.\nI agree";
  batch.documents[1].text = "A real sentence stays here.\nShare";
  stage.Process(batch, state.get());
  EXPECT_TRUE(batch.documents[0].rejected());
  EXPECT_EQ(batch.documents[0].verdict.reason, "empty_after_clean");
  EXPECT_EQ(batch.documents[0].verdict.value, "2");
  EXPECT_FALSE(batch.documents[1].rejected());
  EXPECT_EQ(batch.documents[1].text, "A real sentence stays here.");
  EXPECT_EQ(*batch.documents[1].metadata.FindRaw("clean_lines_removed"), "1");
  EXPECT_EQ(*batch.documents[1].metadata.FindRaw("clean_lines_removed_lines"), "[\"Share\"]");
}

TEST(CleanLinesStageTest, UserPhraseFileAndUnknownOption) {
  std::string path = ::testing::TempDir() + "/my_phrases.txt";
  {
    std::ofstream f(path);
    f << "[line]\nsponsored content\n";
  }
  auto built = BuildStage("phrase_files: [" + path + "]");
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  auto state = built->stage->NewState();
  Batch batch;
  batch.documents.resize(1);
  batch.documents[0].text = "Sponsored Content:\nThe article body is here.";
  built->stage->Process(batch, state.get());
  EXPECT_EQ(batch.documents[0].text, "The article body is here.");

  EXPECT_FALSE(BuildStage("phrase_file: [x]").ok());
  EXPECT_FALSE(BuildStage("phrase_files: [/nonexistent/file.txt]").ok());
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

// Shared with filter_test.cc: the acceptance sample through clean_lines.
std::string CleanSampleForTest(const std::string& text) {
  CleanLinesOptions o;
  o.data_dir = DataDir();
  auto cleaner = LineCleaner::Create(o);
  if (!cleaner.ok()) return "";
  auto scratch = (*cleaner)->NewScratch();
  CleanLinesResult r;
  (*cleaner)->Clean(text, scratch.get(), &r);
  return std::string(r.Text(text));
}

namespace {

TEST(CleanLinesAcceptanceTest, ArabicNewsCookieBanner) {
  const std::string dir = std::string(GHIRBAL_SHARED_DATA_DIR) + "/samples/";
  if (!std::filesystem::exists(dir + "ar-news-cookie-banner.txt")) {
    GTEST_SKIP() << "shared data not present";
  }
  std::string expected = ReadFile(dir + "ar-news-cookie-banner.expected.txt");
  while (!expected.empty() && expected.back() == '\n') expected.pop_back();
  EXPECT_EQ(CleanSampleForTest(ReadFile(dir + "ar-news-cookie-banner.txt")), expected);
}


// The raw-text prefilter (only lines it cannot rule out are normalized) against the simple
// reference (every line normalized): same text, removals and removed lines, on documents of
// article lines and boilerplate phrases of every list written in other ways (case, Arabic
// letter variants, diacritics, tatweel, ZWNJ, punctuation), some alone, some in longer lines,
// with ill-formed bytes.
TEST(CleanLinesPrefilterTest, SameResultAsNormalizingEveryLine) {
  std::vector<std::string> pieces;
  for (const auto& entry : std::filesystem::directory_iterator(DataDir() + "/filter/boilerplate")) {
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line[0] != '#' && line[0] != '[') pieces.push_back(line);
    }
  }
  std::sort(pieces.begin(), pieces.end());  // directory order is not fixed
  for (const char* word : {"the", "council", "met", "closed", "وزير", "التوافق", "الاستقرار",
                           "السياسة", "2024", "news", "كوكيز", "privacy"}) {
    pieces.emplace_back(word);
  }
  const char* kNoise[] = {"\u064E", "\u0640", "\u200C", "\u0301", "\xD9", "\x80", ".", " ، ",
                          "\u00A0", "K", "\u212A", "\u0130", "\u0623", "\u0629", "!"};
  CleanLinesOptions fast_options;
  fast_options.data_dir = DataDir();
  CleanLinesOptions reference_options = fast_options;
  reference_options.raw_prefilter = false;
  auto fast = LineCleaner::Create(fast_options);
  auto reference = LineCleaner::Create(reference_options);
  ASSERT_TRUE(fast.ok() && reference.ok());
  auto fast_scratch = (*fast)->NewScratch();
  auto reference_scratch = (*reference)->NewScratch();
  std::mt19937 rng(17);
  CleanLinesResult a, b;
  size_t removed = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const size_t lines = 1 + rng() % 12;
    for (size_t l = 0; l < lines; ++l) {
      const size_t words = rng() % 3 == 0 ? 1 + rng() % 40 : 1 + rng() % 3;
      for (size_t w = 0; w < words; ++w) {
        if (w > 0) text += rng() % 4 == 0 ? kNoise[rng() % std::size(kNoise)] : " ";
        std::string piece = pieces[rng() % pieces.size()];
        if (rng() % 3 == 0) {
          for (char& c : piece) c = rng() % 2 ? static_cast<char>(std::toupper(c)) : c;
        }
        if (rng() % 5 == 0) {
          piece.insert(rng() % (piece.size() + 1), kNoise[rng() % std::size(kNoise)]);
        }
        text += piece;
      }
      text += rng() % 4 == 0 ? "\n\n" : "\n";
    }
    (*fast)->Clean(text, fast_scratch.get(), &a, true);
    (*reference)->Clean(text, reference_scratch.get(), &b, true);
    ASSERT_EQ(a.Text(text), b.Text(text)) << text;
    ASSERT_EQ(a.unchanged, b.unchanged) << text;
    ASSERT_EQ(a.removed, b.removed) << text;
    ASSERT_EQ(a.removed_lines, b.removed_lines) << text;
    removed += a.removed;
  }
  EXPECT_GT(removed, 200u);  // the documents do exercise the removal rules
}

}  // namespace
}  // namespace ghirbal
