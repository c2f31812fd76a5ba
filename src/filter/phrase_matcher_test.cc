// NormalizeForMatch against the character classes of text/words.h, for every code point of
// the table-driven range (U+0001..U+07FF).
#include "filter/phrase_matcher.h"

#include <unicode/uchar.h>

#include <array>
#include <cstring>
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


// Whether NormalizeForMatch drops `cp`: "a" cp "b" becomes "ab" (a separator gives "a b", a
// letter "a?b").
bool Dropped(char32_t cp) {
  std::string in = "a";
  AppendUtf8(&in, cp);
  in += "b";
  std::string out;
  NormalizeForMatch(in, &out);
  return out == "ab";
}

// The simple reference of HasDroppedCharacter: every character decoded in turn.
bool ReferenceHasDropped(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    const size_t len = DecodeUtf8(s.data() + i, s.size() - i, &cp);
    if (len == 0) {
      ++i;
      continue;
    }
    if (Dropped(cp)) return true;
    i += len;
  }
  return false;
}

// Every code point, alone and at each place of a 16-byte block (between ASCII or Arabic
// letters), is found dropped exactly when the normalizer drops it.
TEST(PhraseMatcherTest, HasDroppedCharacterForEveryCodePoint) {
  std::string text;
  for (char32_t cp = 1; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp < 0xE000) continue;
    const bool dropped = Dropped(cp);
    text.clear();
    AppendUtf8(&text, cp);
    ASSERT_EQ(PhraseMatcher::HasDroppedCharacter(text), dropped)
        << std::hex << static_cast<uint32_t>(cp);
    // Every one below U+0800 and of General Punctuation (U+2000-206F: quotes and dashes pass
    // 16 bytes at a time, format characters do not), a sample above.
    if (cp >= 0x800 && !(cp >= 0x2000 && cp < 0x2070) && cp % 61 != 0) continue;
    for (size_t at = 0; at < 18; ++at) {
      for (const char* pad : {"x", "\u0628"}) {
        text.clear();
        for (size_t k = 0; k < at; k += std::strlen(pad)) text += pad;
        AppendUtf8(&text, cp);
        for (size_t k = 0; k < 20; k += std::strlen(pad)) text += pad;
        ASSERT_EQ(PhraseMatcher::HasDroppedCharacter(text), dropped)
            << std::hex << static_cast<uint32_t>(cp) << " at " << at << " " << pad;
      }
    }
  }
}

TEST(PhraseMatcherTest, HasDroppedCharacterMatchesReferenceOnRandomBytes) {
  const char32_t kPool[] = {'a', ' ', 0xAD, 0xA0, 0x301, 0x627, 0x623, 0x640, 0x64B, 0x670,
                            0x6D6, 0x6E5, 0x61B, 0x628, 0x200C, 0x2019, 0x4E2D, 0x1F600,
                            0xE0100, 0x5D0, 0x5B0, 0x201C, 0x2014, 0x202B, 0x200F, 0x2060};
  std::mt19937 rng(11);
  std::string in;
  for (int round = 0; round < 20000; ++round) {
    in.clear();
    const size_t n = rng() % 48;
    for (size_t k = 0; k < n; ++k) {
      if (rng() % 12 == 0) {
        in += static_cast<char>(0x80 + rng() % 0x80);  // a stray continuation or lead byte
      } else {
        AppendUtf8(&in, kPool[rng() % std::size(kPool)]);
      }
    }
    ASSERT_EQ(PhraseMatcher::HasDroppedCharacter(in), ReferenceHasDropped(in)) << in;
  }
}

// The raw prefilter never misses: a line whose normalized text holds a substring phrase has a
// hit unless it has a dropped character, and MatchWholeRawLine finds the whole-line phrases.
// Lines are phrases of the lists written in other ways (case, Arabic letter variants, KELVIN
// SIGN, dotted I, punctuation, no-break spaces), substring ones inside other words.
TEST(PhraseMatcherTest, PhrasesStartingWithAsciiStartWords) {
  std::vector<Phrase> phrases;
  ASSERT_TRUE(ParsePhrases("sign up now\nbiyan al khususiya\n\u0628\u064a\u0627\u0646 "
                           "\u0627\u0644\u062e\u0635\u0648\u0635\u064a\u0647\ncookie\n"
                           "2fa code\n[anywhere]\nlorem ipsum\n",
                           "test", &phrases)
                  .ok());
  auto matcher = PhraseMatcher::Build(phrases);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  auto scratch = (*matcher)->NewScratch();
  auto kinds = [&](std::string_view line) {
    std::string normalized;
    NormalizeForMatch(line, &normalized);
    return (*matcher)->Match(normalized, scratch.get());
  };
  auto raw_hit = [&](const std::string& line) {
    bool hit = false;
    EXPECT_TRUE((*matcher)->ScanRaw(line, scratch.get(), [&](size_t) { hit = true; }));
    return hit;
  };
  // At the start of a word: after a space, punctuation, the start of the line or a letter
  // outside ASCII.
  for (const char* line : {"Sign up now", "Please, sign up now!", "-SIGN UP NOW-",
                           "\u00e9sign up now", "Cookies", "our cookies", "Your 2FA code",
                           "Lorem ipsum dolor"}) {
    EXPECT_NE(kinds(line), 0u) << line;
    EXPECT_TRUE(raw_hit(line)) << line;
  }
  // Inside a word: not a phrase, and where that glues the anchor the prefilter looks for
  // (the phrase's longest word: "code" in "2fa code") to a word, the raw prefilter does not
  // send the line on.
  for (const char* line : {"Redesign up now", "Redesign Up Now", "biscookie", "xlorem ipsum"}) {
    EXPECT_EQ(kinds(line), 0u) << line;
    EXPECT_FALSE(raw_hit(line)) << line;
  }
  EXPECT_EQ(kinds("a12fa code"), 0u);
  // Phrases in other scripts match after a letter too: an Arabic proclitic.
  EXPECT_NE(kinds("\u0648\u0628\u064a\u0627\u0646 \u0627\u0644\u062e\u0635\u0648\u0635\u064a\u0629"),
            0u);
  // An anchor followed by a space in its phrase needs a boundary after it in the raw text.
  EXPECT_FALSE(raw_hit("signal up now"));
}

bool IsAsciiAlnumByte(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

TEST(PhraseMatcherTest, RawPrefilterFindsEveryPhraseWrittenDifferently) {
  std::vector<Phrase> phrases;
  const std::string dir = std::string(GHIRBAL_SOURCE_DIR) + "/data/filter/boilerplate/";
  for (const char* lang : {"ar", "de", "en", "es", "fa", "fr", "id", "pt", "ru", "tr", "ur",
                           "zh"}) {
    ASSERT_TRUE(LoadPhraseFile(dir + lang + ".txt", &phrases).ok()) << lang;
  }
  auto matcher = PhraseMatcher::Build(phrases);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  auto scratch = (*matcher)->NewScratch();
  std::mt19937 rng(13);
  // Other ways to write a code point the normalizer folds to the given one.
  auto respell = [&](char32_t cp) -> char32_t {
    switch (cp) {
      case 0x0627: return std::array<char32_t, 5>{0x627, 0x622, 0x623, 0x625, 0x671}[rng() % 5];
      case 0x064A: return std::array<char32_t, 3>{0x64A, 0x649, 0x6CC}[rng() % 3];
      case 0x0647: return rng() % 2 ? 0x629 : 0x647;
      case 0x0643: return rng() % 2 ? 0x6A9 : 0x643;
      case 'k': return rng() % 3 == 0 ? 0x212A : (rng() % 2 ? 'K' : 'k');
      case 'i': return rng() % 3 == 0 ? 0x130 : (rng() % 2 ? 'I' : 'i');
      default: {
        const UChar32 upper = u_toupper(static_cast<UChar32>(cp));
        return rng() % 2 && u_tolower(upper) == static_cast<UChar32>(cp)
                   ? static_cast<char32_t>(upper)
                   : cp;
      }
    }
  };
  const char* kSeparators[] = {" ", "  ", ", ", " - ", "\u00A0", " \u060C ", ". "};
  const char* kAround[] = {"", "", "x", "\u0628", "news ", " \u0627\u0644\u062E\u0628\u0631"};
  std::string normalized;
  for (const Phrase& phrase : phrases) {
    for (int variant = 0; variant < 4; ++variant) {
      // Whole-line phrases alone on their line, substring ones inside other words.
      const bool whole = phrase.kind == kPhraseButton || phrase.kind == kPhraseLine;
      std::string line = whole ? "" : kAround[rng() % std::size(kAround)];
      // A phrase that starts with an ASCII letter or digit must start a word: after "x" it
      // is not there (PhrasesStartingWithAsciiStartWords), so only its other spellings are
      // looked for.
      if (!line.empty() && IsAsciiAlnumByte(line.back()) && IsAsciiAlnumByte(phrase.text.front())) {
        line.clear();
      }
      const std::string_view p = phrase.text;
      for (size_t i = 0; i < p.size();) {
        char32_t cp;
        i += DecodeUtf8(p.data() + i, p.size() - i, &cp);
        if (cp == ' ') {
          line += kSeparators[rng() % std::size(kSeparators)];
        } else {
          AppendUtf8(&line, respell(cp));
        }
      }
      if (!whole) line += kAround[rng() % std::size(kAround)];
      NormalizeForMatch(line, &normalized);
      const uint32_t kinds = (*matcher)->Match(normalized, scratch.get());
      ASSERT_NE(kinds, 0u) << line;
      ASSERT_FALSE(PhraseMatcher::HasDroppedCharacter(line)) << line;
      bool hit = false;
      const std::string text = "first line\n" + line + "\nlast line";
      ASSERT_TRUE((*matcher)->ScanRaw(text, scratch.get(), [&](size_t end) {
        if (end > 11 && end <= 11 + line.size()) hit = true;
      }));
      if (whole) {
        std::string raw_normalized;
        EXPECT_EQ((*matcher)->MatchWholeRawLine(line, &raw_normalized),
                  (*matcher)->MatchWholeLine(normalized))
            << line;
      } else {
        EXPECT_TRUE(hit) << line;
      }
    }
  }
}

// MatchWholeRawLine equals MatchWholeLine of the normalized line, on whole-line phrases with
// punctuation, dropped characters and long runs of separators or of three-byte characters
// around them, and on random lines.
TEST(PhraseMatcherTest, MatchWholeRawLineEqualsNormalizedLookup) {
  std::vector<Phrase> phrases;
  ASSERT_TRUE(ParsePhrases("[button]\ni agree\nok\n\u0623\u0648\u0627\u0641\u0642\n[line]\nshare\n"
                           "\u540c\u610f\n",
                           "test", &phrases)
                  .ok());
  auto matcher = PhraseMatcher::Build(phrases);
  ASSERT_TRUE(matcher.ok());
  const char* kPieces[] = {"I", "agree", "AGREE", "ok", "OK", "\u0623\u0648\u0627\u0641\u0642",
                           "\u0627\u0648\u0627\u0641\u0642", "share", "Sh\u0301are", "\u540c",
                           "\u610f", " ", ".", "...........", "\u2026\u2026\u2026\u2026",
                           "\u00A0", "\u0640", "\xD9", "\x80", "\u4E2D\u6587\u4E2D\u6587",
                           "news"};
  std::mt19937 rng(19);
  std::string line, normalized, raw_normalized;
  for (int round = 0; round < 20000; ++round) {
    line.clear();
    const size_t n = 1 + rng() % 12;
    for (size_t k = 0; k < n; ++k) line += kPieces[rng() % std::size(kPieces)];
    NormalizeForMatch(line, &normalized);
    const uint32_t expected = (*matcher)->MatchWholeLine(normalized);
    ASSERT_EQ((*matcher)->MatchWholeRawLine(line, &raw_normalized), expected) << line;
    if (expected != 0) {
      ASSERT_EQ(raw_normalized, normalized) << line;
    }
  }
}

}  // namespace
}  // namespace ghirbal
