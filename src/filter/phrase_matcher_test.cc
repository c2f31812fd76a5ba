// NormalizeForMatch against the character classes of text/words.h, for every code point of
// the table-driven range (U+0001..U+07FF).
#include "filter/phrase_matcher.h"

#include <unicode/uchar.h>

#include <random>
#include <string>
#include <vector>

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

// The definition of NormalizeForMatch, one decoded code point at a time (no tables).
std::string ReferenceNormalize(std::string_view in) {
  std::string out;
  bool pending_space = false;
  for (size_t i = 0; i < in.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(in.data() + i, in.size() - i, &cp);
    i += len == 0 ? 1 : len;
    const CharClass cls = ClassifyCodePoint(cp);
    if (cls == CharClass::kMark) continue;
    if (cls != CharClass::kLetter && cls != CharClass::kNumber) {
      pending_space = true;
      continue;
    }
    char32_t low = static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp)));
    switch (low) {
      case 0x0622: case 0x0623: case 0x0625: case 0x0671: low = 0x0627; break;
      case 0x0649: case 0x06CC: low = 0x064A; break;
      case 0x0629: low = 0x0647; break;
      case 0x06A9: low = 0x0643; break;
      case 0x0640: continue;
      default: break;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    AppendUtf8(&out, low);
  }
  return out;
}

// Differential: random strings over ASCII, Latin, Arabic (with diacritics and tatweel),
// CJK, emoji, spaces, punctuation and ill-formed bytes.
TEST(NormalizeForMatchTest, MatchesReferenceOnRandomText) {
  const char32_t kPool[] = {'a',    'Z',    '7',    ' ',    '.',    '!',    '\n',  0xA0,
                            0xC9,   0x130,  0x23A,  0x3A3,  0x416,  0x627,  0x623,  0x64E,
                            0x640,  0x629,  0x6CC,  0x6A9,  0x60C,  0x200C, 0x2019, 0x3000,
                            0x4E2D, 0x1F600, 0x10400, 0xFF21};
  std::mt19937 rng(7);
  std::string in, out;
  for (int round = 0; round < 3000; ++round) {
    in.clear();
    const size_t n = rng() % 40;
    for (size_t k = 0; k < n; ++k) {
      if (rng() % 25 == 0) {
        in += static_cast<char>(0x80 + rng() % 0x80);  // a stray continuation or lead byte
      } else {
        AppendUtf8(&in, kPool[rng() % (sizeof(kPool) / sizeof(kPool[0]))]);
      }
    }
    NormalizeForMatch(in, &out);
    ASSERT_EQ(out, ReferenceNormalize(in)) << in;
  }
  // Mostly ASCII words, single and double spaces, so that 16-byte runs take the chunk path.
  const char kAscii[] = "abcxyzABCXYZ0189          ,.!-";
  for (int round = 0; round < 3000; ++round) {
    in.clear();
    const size_t n = rng() % 100;
    for (size_t k = 0; k < n; ++k) {
      if (rng() % 40 == 0) {
        AppendUtf8(&in, kPool[rng() % (sizeof(kPool) / sizeof(kPool[0]))]);
      } else {
        in += kAscii[rng() % (sizeof(kAscii) - 1)];
      }
    }
    NormalizeForMatch(in, &out);
    ASSERT_EQ(out, ReferenceNormalize(in)) << in;
  }
}

// One scan over many normalized lines attributes every substring match to its line: the
// kinds per line equal Match on each line alone.
TEST(PhraseMatcherTest, ScanOfManyLinesEqualsMatchPerLine) {
  std::vector<Phrase> phrases;
  ASSERT_TRUE(ParsePhrases("[notice]\ncookies\n[vocab]\nprivacy\n[phrase]\nall rights reserved\n"
                           "[anywhere]\nlorem ipsum\n[button]\ni agree\n[line]\nshare\n",
                           "test", &phrases)
                  .ok());
  auto matcher = PhraseMatcher::Build(phrases);
  ASSERT_TRUE(matcher.ok());
  auto scratch = (*matcher)->NewScratch();
  const char* pieces[] = {"cookies", "privacy", "all rights reserved", "lorem ipsum", "i agree",
                          "share", "news", "the", "rights", "lorem"};
  std::mt19937 rng(9);
  for (int round = 0; round < 500; ++round) {
    std::vector<std::string> lines(1 + rng() % 8);
    std::string all;
    std::vector<size_t> begins;
    for (std::string& line : lines) {
      const size_t words = 1 + rng() % 5;
      for (size_t k = 0; k < words; ++k) {
        if (k) line += ' ';
        line += pieces[rng() % std::size(pieces)];
      }
      begins.push_back(all.size());
      all += line;
      all += '\n';
    }
    std::vector<uint32_t> kinds(lines.size(), 0);
    (*matcher)->ScanSubstrings(all, scratch.get(), [&](size_t end, uint32_t kind) {
      size_t k = lines.size() - 1;
      while (begins[k] >= end) --k;
      kinds[k] |= kind;
    });
    for (size_t k = 0; k < lines.size(); ++k) {
      EXPECT_EQ(kinds[k] | (*matcher)->MatchWholeLine(lines[k]),
                (*matcher)->Match(lines[k], scratch.get()))
          << lines[k];
    }
  }
}

}  // namespace
}  // namespace ghirbal
