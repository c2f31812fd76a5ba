// NormalizeForMatch against the character classes of text/words.h, for every code point of
// the table-driven range (U+0001..U+07FF).
#include "filter/phrase_matcher.h"

#include <string>

#include <gtest/gtest.h>

#include "core/utf8.h"
#include "text/words.h"

namespace ghirbal {
namespace {

TEST(NormalizeForMatchTest, FollowsCharacterClassesBelowU0800) {
  std::string out;
  for (char32_t cp = 1; cp < 0x800; ++cp) {
    std::string in = "x";
    AppendUtf8(&in, cp);
    in += "y";
    NormalizeForMatch(in, &out);
    const CharClass cls = ClassifyCodePoint(cp);
    if (cls == CharClass::kMark) {
      EXPECT_EQ(out, "xy") << std::hex << static_cast<uint32_t>(cp);
    } else if (cls != CharClass::kLetter && cls != CharClass::kNumber) {
      EXPECT_EQ(out, "x y") << std::hex << static_cast<uint32_t>(cp);
    } else {
      ASSERT_GE(out.size(), 2u) << std::hex << static_cast<uint32_t>(cp);
      EXPECT_EQ(out.front(), 'x') << std::hex << static_cast<uint32_t>(cp);
      EXPECT_EQ(out.back(), 'y') << std::hex << static_cast<uint32_t>(cp);
      EXPECT_EQ(out.find(' '), std::string::npos) << std::hex << static_cast<uint32_t>(cp);
    }
  }
}

TEST(NormalizeForMatchTest, LowerCasesAndFolds) {
  std::string out;
  NormalizeForMatch("  Accept ALL Cookies!! ", &out);
  EXPECT_EQ(out, "accept all cookies");
  NormalizeForMatch("أخبار مكتبة", &out);  // alef with hamza, teh marbuta folded
  EXPECT_EQ(out, "اخبار مكتبه");
  NormalizeForMatch("مـــكتبة", &out);  // tatweel dropped
  EXPECT_EQ(out, "مكتبه");
}

}  // namespace
}  // namespace ghirbal
