#include "text/normalize.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "core/stage_options.h"
#include "core/stage_registry.h"
#include "core/utf8.h"

namespace ghirbal {
namespace {

std::string Norm(std::string_view s, const NormalizeOptions& o = NormalizeOptions()) {
  return NormalizeText(s, o);
}

TEST(NormalizeTest, AllOffIsByteIdentical) {
  const NormalizeOptions off = NormalizeOptions::AllOff();
  const std::string samples[] = {
      "",
      "  a\r\n\r\n\r\n b\t\tc  \n",
      "\xEF\xBB\xBF" "caf\xC3\xA9 \xE2\x80\x8B x\x01\x7F",
      "Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©",
      "\xD8\xB9\xD9\x80\xD9\x80\xD8\xB1\xD8\xA8\xD9\x8E \xEF\xBB\xBB \xD9\xA1\xDB\xB2",
      std::string("bad \xFF\xC3 utf8\0nul", 15),  // 15 bytes, the NUL included
      "e\xCC\x81",  // not NFC
  };
  for (const std::string& s : samples) EXPECT_EQ(NormalizeText(s, off), s);
}

TEST(NormalizeTest, RandomBytesAllOffIdenticalDefaultValid) {
  std::mt19937 rng(7);
  for (int iter = 0; iter < 300; ++iter) {
    std::string s(rng() % 64, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    EXPECT_EQ(NormalizeText(s, NormalizeOptions::AllOff()), s);
    std::string out = Norm(s);
    EXPECT_TRUE(IsValidUtf8(out));
    // Idempotent on its own output.
    EXPECT_EQ(Norm(out), out);
  }
}

TEST(NormalizeTest, LineEndingsSpacesTrimBlankLines) {
  EXPECT_EQ(Norm("  a  b \r\nc\rd\xC2\x85" "e\xE2\x80\xA8" "f"), "a b\nc\nd\ne\nf");
  EXPECT_EQ(Norm("\n\n a\n \n\n\n\tb\n\n"), "a\n\nb");
  EXPECT_EQ(Norm("x\xC2\xA0\xE3\x80\x80y"), "x y");  // NBSP + ideographic space
  NormalizeOptions keep_blank;
  keep_blank.collapse_blank_lines = false;
  EXPECT_EQ(Norm("a\n\n\nb\n", keep_blank), "a\n\n\nb\n");
  NormalizeOptions no_trim;
  no_trim.trim_lines = false;
  EXPECT_EQ(Norm("  a  \n b", no_trim), " a \n b");
  NormalizeOptions no_collapse;
  no_collapse.collapse_spaces = false;
  EXPECT_EQ(Norm(" a \t b ", no_collapse), "a \t b");
}

TEST(NormalizeTest, ControlCharacters) {
  EXPECT_EQ(Norm(std::string("a\x01" "b\x7F" "c\xC2\x9D" "d\te", 11)), "abcd e");
  EXPECT_EQ(Norm(std::string("a\0b", 3)), "ab");
  NormalizeOptions keep;
  keep.remove_control = false;
  keep.collapse_spaces = false;
  EXPECT_EQ(Norm("a\x01" "b", keep), "a\x01" "b");
}

TEST(NormalizeTest, InvisibleCharactersAndJoiners) {
  // ZWSP, BOM, soft hyphen, LRM removed.
  EXPECT_EQ(Norm("\xEF\xBB\xBFhel\xC2\xADlo\xE2\x80\x8B world\xE2\x80\x8E"), "hello world");
  // Persian ZWNJ between letters kept: "می‌خواهم".
  const std::string persian = "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85";
  EXPECT_EQ(Norm(persian), persian);
  // Stray ZWNJ between Latin letters, and before a space, removed.
  EXPECT_EQ(Norm("ab\xE2\x80\x8C" "cd \xE2\x80\x8C" "e"), "abcd e");
  // ZWNJ after an Arabic letter but before a space is stray.
  EXPECT_EQ(Norm("\xD9\x85\xE2\x80\x8C \xD9\x85"), "\xD9\x85 \xD9\x85");
  // Devanagari: virama + ZWNJ + letter kept ("क्‌ष").
  const std::string deva = "\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8C\xE0\xA4\xB7";
  EXPECT_EQ(Norm(deva), deva);
  // Emoji ZWJ sequence (man + ZWJ + laptop) kept.
  const std::string emoji = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x92\xBB";
  EXPECT_EQ(Norm(emoji), emoji);
  // Regression (fuzz): a ZWNJ before a presentation form that folds to a space, or before a
  // tatweel then a space, is stray; the decision is made on what is written.
  EXPECT_EQ(Norm("\xD9\x85\xE2\x80\x8C\xEF\xB9\xBA"), "\xD9\x85 \xD9\x90");
  EXPECT_EQ(Norm("\xD9\x85\xE2\x80\x8C\xD9\x80 x"), "\xD9\x85 x");
  EXPECT_EQ(Norm("\xD9\x85\xE2\x80\x8C\xD9\x80\xD8\xA8"), "\xD9\x85\xE2\x80\x8C\xD8\xA8");
  // Regression (fuzz): a joiner after a space joins nothing, and never lands before it.
  EXPECT_EQ(Norm("\xD8\xB8 \xE2\x80\x8D\xDC\xB8"), "\xD8\xB8 \xDC\xB8");
  // Doubled ZWNJ: only one kept.
  EXPECT_EQ(Norm("\xD9\x85\xE2\x80\x8C\xE2\x80\x8C\xD9\x85"), "\xD9\x85\xE2\x80\x8C\xD9\x85");
}

TEST(NormalizeTest, NfcAndFastPath) {
  EXPECT_EQ(Norm("e\xCC\x81t\xC3\xA9"), "\xC3\xA9t\xC3\xA9");
  NormalizeStats stats;
  NormalizeText("d\xC3\xA9j\xC3\xA0", NormalizeOptions(), &stats);
  EXPECT_EQ(stats.nfc_applied, 0);
  NormalizeText("e\xCC\x81", NormalizeOptions(), &stats);
  EXPECT_EQ(stats.nfc_applied, 1);
  // Alef + hamza above composes to U+0623.
  EXPECT_EQ(Norm("\xD8\xA7\xD9\x94"), "\xD8\xA3");
  // Harakat in non-canonical order are reordered: beh + shadda + fatha -> beh + fatha + shadda.
  EXPECT_EQ(Norm("\xD8\xA8\xD9\x91\xD9\x8E"), "\xD8\xA8\xD9\x8E\xD9\x91");
  // Arabic text in canonical order is left alone.
  EXPECT_EQ(Norm("\xD8\xA8\xD9\x8E\xD9\x91"), "\xD8\xA8\xD9\x8E\xD9\x91");
}

TEST(NormalizeTest, ArabicProfile) {
  // كـــتاب with tatweel.
  EXPECT_EQ(Norm("\xD9\x83\xD9\x80\xD9\x80\xD8\xAA\xD8\xA7\xD8\xA8"),
            "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8");
  // Presentation forms: lam-alef ligature U+FEFB -> لا, alef isolated U+FE8D -> ا.
  NormalizeStats stats;
  EXPECT_EQ(NormalizeText("\xEF\xBB\xBB\xEF\xBA\x8D", NormalizeOptions(), &stats),
            "\xD9\x84\xD8\xA7\xD8\xA7");
  EXPECT_EQ(stats.presentation_folded, 2);
  // What a form folds to is treated like typed text: U+FE71 (tatweel with fathatan) loses its
  // tatweel, U+FC5E (shadda with dammatan) starts with a space that collapses; and normalizing
  // twice changes nothing.
  EXPECT_EQ(Norm("\xD8\xA8\xEF\xB9\xB1"), "\xD8\xA8\xD9\x8B");
  for (const char* s : {"\xD8\xA8\xEF\xB9\xB1", "a \xEF\xB1\x9E b", "\xEF\xB1\x9E"}) {
    EXPECT_EQ(Norm(Norm(s)), Norm(s)) << s;
  }
  // Diacritics kept by default, stripped on request: كَتَبَ -> كتب.
  const std::string voweled = "\xD9\x83\xD9\x8E\xD8\xAA\xD9\x8E\xD8\xA8\xD9\x8E";
  EXPECT_EQ(Norm(voweled), voweled);
  NormalizeOptions strip;
  strip.arabic.strip_diacritics = true;
  EXPECT_EQ(Norm(voweled, strip), "\xD9\x83\xD8\xAA\xD8\xA8");
  // Hamza above is not a diacritic to strip.
  EXPECT_EQ(Norm("\xD8\xA3", strip), "\xD8\xA3");
  // Digits: Arabic-Indic ١٢ and Persian ۳۴ -> ASCII on request.
  const std::string digits = "\xD9\xA1\xD9\xA2 \xDB\xB3\xDB\xB4";
  EXPECT_EQ(Norm(digits), digits);
  NormalizeOptions ascii;
  ascii.arabic.ascii_digits = true;
  EXPECT_EQ(Norm(digits, ascii), "12 34");
}

TEST(NormalizeTest, MojibakeRepairedAndCounted) {
  NormalizeStats stats;
  EXPECT_EQ(NormalizeText("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©", NormalizeOptions(), &stats),
            "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9");
  EXPECT_EQ(stats.mojibake_repairs, 1);
  NormalizeOptions off;
  off.fix_mojibake = false;
  EXPECT_EQ(Norm("cafÃ©", off), "cafÃ©");
}

TEST(NormalizeTest, InvalidUtf8Replaced) {
  NormalizeStats stats;
  EXPECT_EQ(NormalizeText("a\xFF" "b", NormalizeOptions(), &stats), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(stats.invalid_utf8, 1);
}

TEST(NormalizeTest, OptionsFromYaml) {
  Result<StageOptions> options = StageOptions::FromYaml(
      "nfc: false\ncollapse_spaces: false\narabic: {strip_diacritics: true, ascii_digits: true}");
  ASSERT_TRUE(options.ok());
  Result<NormalizeOptions> parsed = NormalizeOptions::FromStageOptions(*options);
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed->nfc);
  EXPECT_FALSE(parsed->collapse_spaces);
  EXPECT_TRUE(parsed->trim_lines);
  EXPECT_TRUE(parsed->arabic.strip_diacritics);
  EXPECT_TRUE(parsed->arabic.ascii_digits);
  EXPECT_TRUE(parsed->arabic.remove_tatweel);
  EXPECT_TRUE(options->Finish().ok());
}

// The shared Arabic news sample: normalized, it is the expected clean text (lines trimmed,
// paragraph breaks kept) followed by the cookie notice that the boilerplate stage removes.
TEST(NormalizeTest, ArabicNewsSample) {
  const std::string dir = std::string(GHIRBAL_SHARED_DATA_DIR) + "/samples/";
  if (!std::filesystem::exists(dir + "ar-news-cookie-banner.txt")) GTEST_SKIP() << "no samples";
  auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  std::string out = Norm(read(dir + "ar-news-cookie-banner.txt"));
  std::string expected = read(dir + "ar-news-cookie-banner.expected.txt");
  while (!expected.empty() && expected.back() == '\n') expected.pop_back();
  ASSERT_GT(out.size(), expected.size());
  EXPECT_EQ(out.substr(0, expected.size()), expected);
  std::string rest = out.substr(expected.size());
  EXPECT_EQ(rest.substr(0, 2), "\n\n");
  // The notice: three non-empty lines, trimmed.
  int lines = 0;
  std::istringstream notice(rest.substr(2));
  for (std::string line; std::getline(notice, line);) {
    if (line.empty()) continue;
    ++lines;
    EXPECT_NE(line.front(), ' ');
    EXPECT_NE(line.back(), ' ');
  }
  EXPECT_EQ(lines, 3);
}

TEST(NormalizeStageTest, RegisteredAndRejectsUnknownOptions) {
  Result<StageOptions> bad = StageOptions::FromYaml("colapse_spaces: true");
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(StageRegistry::Global().Build("normalize", *bad).ok());

  StageOptions defaults;
  Result<BuiltStage> built = StageRegistry::Global().Build("normalize", defaults);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Batch batch;
  batch.documents.resize(1);
  batch.documents[0].text = "  Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©  \r\n";
  built->stage->Process(batch, nullptr);
  EXPECT_EQ(batch.documents[0].text,
            "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9");
  EXPECT_EQ(batch.documents[0].metadata.GetNumber("mojibake_repairs"), 1.0);
}

}  // namespace
}  // namespace ghirbal
