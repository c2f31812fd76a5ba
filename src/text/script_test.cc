#include "text/script.h"

#include <gtest/gtest.h>

namespace ghirbal {
namespace {

TEST(ScriptTest, DominantScripts) {
  EXPECT_EQ(DetectScript("Hello, world").script, "Latn");
  EXPECT_EQ(DetectScript("\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9 abc").script,
            "Arab");
  EXPECT_EQ(DetectScript("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82").script, "Cyrl");
  EXPECT_EQ(DetectScript("\xE4\xB8\xAD\xE6\x96\x87").script, "Hani");
  // Han with kana is Japanese writing, with Hangul Korean.
  EXPECT_EQ(DetectScript("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE").script, "Jpan");
  EXPECT_EQ(DetectScript("\xED\x95\x9C\xEA\xB5\xAD\xE8\xAA\x9E").script, "Kore");
}

TEST(ScriptTest, NoLetters) {
  for (const char* s : {"", "12345 !?", "\xF0\x9F\x98\x80\xF0\x9F\x91\x8D", "\xFF\xFE"}) {
    ScriptInfo info = DetectScript(s);
    EXPECT_EQ(info.script, "Zyyy") << s;
    EXPECT_EQ(info.letters, 0);
    EXPECT_EQ(info.share, 0);
  }
}

TEST(ScriptTest, ShareAndCap) {
  ScriptInfo info = DetectScript("ab\xD8\xA7\xD8\xA8\xD8\xAA");
  EXPECT_EQ(info.script, "Arab");
  EXPECT_EQ(info.letters, 5);
  EXPECT_DOUBLE_EQ(info.share, 0.6);
  EXPECT_EQ(DetectScript("abc\xD8\xA7\xD8\xA8\xD8\xAA\xD8\xAA", 3).script, "Latn");
  EXPECT_EQ(ScriptCodeOf(U'a'), "Latn");
  EXPECT_EQ(ScriptCodeOf(U'1'), "Zyyy");
}


// ASCII is counted 16 bytes at a time; runs of every length and alignment, with non-ASCII
// characters between them, count the same as one character at a time.
TEST(ScriptTest, AsciiBlocksCountLikeCharacters) {
  const std::string arabic = "\xD8\xB9\xD8\xB1\xD8\xA8";  // 3 Arabic letters
  for (size_t run = 0; run < 70; ++run) {
    std::string text;
    int64_t latin = 0;
    for (int part = 0; part < 3; ++part) {
      for (size_t i = 0; i < run; ++i) {
        char c = "aZ 9.q"[i % 6];
        text.push_back(c);
        latin += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
      }
      text += arabic;
    }
    ScriptInfo info = DetectScript(text);
    EXPECT_EQ(info.letters, latin + 9) << run;
    EXPECT_EQ(info.script, latin > 9 ? "Latn" : "Arab") << run;
  }
}

// The fast table agrees with ICU on every code point it claims.
TEST(ScriptTest, FastTableAgreesWithIcu) {
  int claimed = 0;
  for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
    int fast = ScriptOfLetterForTest(cp, /*fast=*/true);
    if (fast < 0) continue;
    ++claimed;
    ASSERT_EQ(fast, ScriptOfLetterForTest(cp, /*fast=*/false)) << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_GT(claimed, 30000);
}

}  // namespace
}  // namespace ghirbal
