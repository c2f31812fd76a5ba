#include "text/words.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/utf8.h"

namespace ghirbal {
namespace {

std::vector<std::string> Tokens(std::string_view text) {
  WordSplitter splitter;
  std::vector<Word> words;
  splitter.Split(text, &words);
  std::vector<std::string> out;
  for (const Word& w : words) out.emplace_back(w.text);
  return out;
}

using Strings = std::vector<std::string>;

TEST(WordsTest, EnglishPunctuationIsSeparateTokens) {
  EXPECT_EQ(Tokens("Hello, world! It's an e-mail... (3.14)"),
            (Strings{"Hello", ",", "world", "!", "It's", "an", "e-mail", "...", "(", "3.14", ")"}));
}

TEST(WordsTest, ArabicCommaAndQuestionMarkArePunctuation) {
  EXPECT_EQ(Tokens("قال الوزير ، إن القمة؟ نعم۔"),
            (Strings{"قال", "الوزير", "،", "إن", "القمة", "؟", "نعم", "۔"}));
  WordSplitter splitter;
  std::vector<Word> words;
  splitter.Split("الوزير ، #", &words);
  ASSERT_EQ(words.size(), 3u);
  EXPECT_EQ(words[0].chars, 6u);
  EXPECT_TRUE(words[0].has_letter);
  EXPECT_FALSE(words[0].symbol);
  EXPECT_TRUE(words[1].symbol);
  EXPECT_TRUE(words[2].symbol);
}

TEST(WordsTest, PersianZwnjStaysInsideWord) {
  EXPECT_EQ(Tokens("می\u200Cخواهم بروم"), (Strings{"می\u200Cخواهم", "بروم"}));
}

TEST(WordsTest, ChineseIsSegmentedWithoutSpaces) {
  std::vector<std::string> t = Tokens("我们今天去北京。");
  // ICU's dictionary gives words of one or more characters; the full stop stands alone.
  ASSERT_GE(t.size(), 3u);
  EXPECT_LT(t.size(), 7u);
  EXPECT_EQ(t.back(), "。");
  std::string joined;
  for (const auto& s : t) joined += s;
  EXPECT_EQ(joined, "我们今天去北京。");
}

TEST(WordsTest, LongChineseRunIsSegmentedInWindows) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "我们今天去北京";  // 140,000 code points, no space
  WordSplitter splitter;
  std::vector<Word> words;
  splitter.Split(text, &words);
  size_t bytes = 0;
  for (const Word& w : words) bytes += w.text.size();
  EXPECT_EQ(bytes, text.size());  // every character in exactly one word, in order
  EXPECT_GT(words.size(), 40000u);
  EXPECT_LT(words.size(), 100000u);
  EXPECT_EQ(splitter.Count(text).words, words.size());
}

TEST(WordsTest, ThaiIsSegmented) {
  std::vector<std::string> t = Tokens("สวัสดีครับ");
  EXPECT_GE(t.size(), 2u);
}

TEST(WordsTest, CountMatchesSplit) {
  std::string text = "A man, a plan... # 12 ## مرحبا ، 世界你好";
  WordSplitter splitter;
  std::vector<Word> words;
  splitter.Split(text, &words);
  WordCounts c = splitter.Count(text);
  EXPECT_EQ(c.words, words.size());
  size_t non_symbol = 0;
  for (const Word& w : words) non_symbol += !w.symbol;
  EXPECT_EQ(c.non_symbol, non_symbol);
}

TEST(WordsTest, EdgeCases) {
  EXPECT_TRUE(Tokens("").empty());
  EXPECT_TRUE(Tokens(" \n\t\u00A0\u3000").empty());
  EXPECT_EQ(Tokens("!!!???"), (Strings{"!!!", "???"}));
  // Ill-formed bytes decode as U+FFFD, a symbol; a run of them is one token.
  EXPECT_EQ(Tokens("\xFF\xFEok"), (Strings{"\xFF\xFE", "ok"}));
}

TEST(WordsTest, SplitLinesLikePythonSplit) {
  std::vector<std::string_view> lines;
  SplitLines("a\n\nb\n", &lines);
  EXPECT_EQ(lines, (std::vector<std::string_view>{"a", "", "b", ""}));
  SplitLines("", &lines);
  EXPECT_EQ(lines.size(), 1u);
}

TEST(WordsTest, SplitParagraphs) {
  std::vector<std::string_view> paras;
  SplitParagraphs("\n a\nb\n\n\nc\n\n", &paras);
  EXPECT_EQ(paras, (std::vector<std::string_view>{"a\nb", "c"}));
}

TEST(WordsTest, Trim) {
  EXPECT_EQ(TrimWhitespace("\u00A0 قال \u2003"), "قال");
  EXPECT_EQ(TrimWhitespace("   "), "");
  EXPECT_EQ(TrimLeftWhitespace(" x "), "x ");
  EXPECT_EQ(TrimRightWhitespace(" x "), " x");
}

TEST(WordsTest, TerminalPunctuation) {
  EXPECT_TRUE(EndsWithTerminalPunctuation("Done."));
  EXPECT_TRUE(EndsWithTerminalPunctuation("هل انتهى؟"));
  EXPECT_TRUE(EndsWithTerminalPunctuation("ختم۔"));
  EXPECT_TRUE(EndsWithTerminalPunctuation("完了。"));
  EXPECT_FALSE(EndsWithTerminalPunctuation("Done. "));
  EXPECT_FALSE(EndsWithTerminalPunctuation("قال،"));
  EXPECT_FALSE(EndsWithTerminalPunctuation(""));
}

TEST(WordsTest, CountSentences) {
  EXPECT_EQ(CountSentences("One. Two! Three? Four"), 4u);
  EXPECT_EQ(CountSentences("Pi is 3.14 exactly."), 1u);
  EXPECT_EQ(CountSentences("..."), 0u);
  EXPECT_EQ(CountSentences("جملة أولى. جملة ثانية؟"), 2u);
  EXPECT_EQ(CountSentences("第一句。第二句。"), 2u);
  EXPECT_EQ(CountSentences(""), 0u);
}

// CountSentences as first written, one decoded code point at a time: the reference for the
// version that skips plain ASCII 16 bytes at a time.
size_t ReferenceCountSentences(std::string_view line) {
  auto next = [&](size_t i, char32_t* cp) {
    size_t len = DecodeUtf8(line.data() + i, line.size() - i, cp);
    if (len == 0) *cp = 0xFFFD;
    return len == 0 ? size_t{1} : len;
  };
  auto is_mark = [](char32_t cp) {
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == 0x06D4 ||
           cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0x2026;
  };
  size_t sentences = 0;
  bool content = false;
  for (size_t i = 0; i < line.size();) {
    char32_t cp;
    const size_t len = next(i, &cp);
    if (is_mark(cp) && content) {
      size_t j = i + len;
      char32_t after = ' ';
      while (j < line.size()) {
        char32_t c;
        const size_t l = next(j, &c);
        if (!is_mark(c)) {
          after = c;
          break;
        }
        j += l;
      }
      const bool cjk = cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
      if (cjk || ClassifyCodePoint(after) == CharClass::kSpace) {
        ++sentences;
        content = false;
      }
      i = j;
      continue;
    }
    const CharClass c = ClassifyCodePoint(cp);
    content = content || c == CharClass::kLetter || c == CharClass::kNumber;
    i += len;
  }
  return sentences + (content ? 1 : 0);
}

TEST(WordsTest, CountSentencesMatchesReferenceOnRandomText) {
  const char* kPieces[] = {"word", "Two", "7", " ", "  ", ".", "!", "?", "...", "\t", "\n",
                           ",", "-", "\u061F", "\u06D4", "\u3002", "\uFF01", "\u2026",
                           "\u00A0", "\u0628", "\u4E2D", "\xD9", "\x80", "e.g.", "3.14"};
  std::mt19937 rng(23);
  for (int round = 0; round < 20000; ++round) {
    std::string line;
    for (size_t k = rng() % 40; k > 0; --k) line += kPieces[rng() % std::size(kPieces)];
    const size_t expected = ReferenceCountSentences(line);
    ASSERT_EQ(CountSentences(line), expected) << line;
    const size_t stop = rng() % 4;
    ASSERT_EQ(CountSentences(line, stop), std::min(expected, stop)) << line;
  }
}

TEST(WordsTest, CountSentencesStopsAtTheLimit) {
  const char* lines[] = {"One. Two! Three? Four.", "No mark at all", "a. b. c. d. e. f. g",
                         "", "end...", "第一句。第二句。第三"};
  for (const char* line : lines) {
    const size_t all = CountSentences(line);
    for (size_t stop = 0; stop <= all + 1; ++stop) {
      EXPECT_EQ(CountSentences(line, stop), std::min(all, stop)) << line << " " << stop;
    }
  }
}

TEST(WordsTest, CodePoints) {
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("قال"), 3u);
  EXPECT_EQ(CountCodePoints("世界"), 2u);
}

}  // namespace
}  // namespace ghirbal

namespace ghirbal {
namespace {

TEST(CountByteTest, EqualsStdCount) {
  std::mt19937 rng(3);
  const char alphabet[] = {' ', '\n', 'a', '\0', '\x7f', '\x80', '\xff', '\x20' ^ '\x80',
                           '\xbf', '\xc0'};
  for (int round = 0; round < 300; ++round) {
    // Mostly short strings; every tenth longer than the 255-step blocks of the SIMD counts.
    std::string s(round % 10 == 0 ? rng() % 9000 : rng() % 40, ' ');
    for (char& c : s) c = alphabet[rng() % sizeof(alphabet)];
    for (char byte : alphabet) {
      ASSERT_EQ(CountByte(s, byte), static_cast<size_t>(std::count(s.begin(), s.end(), byte)))
          << round << " " << static_cast<int>(byte);
    }
    const size_t lead = static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
    ASSERT_EQ(CountCodePoints(s), lead) << round;
  }
}

// The word rules of words.h, one decoded code point at a time (no fast paths), for text
// without no-space scripts.
std::vector<Word> ReferenceSplit(std::string_view text) {
  auto next = [&](size_t i, char32_t* cp) {
    size_t len = DecodeUtf8(text.data() + i, text.size() - i, cp);
    return len == 0 ? size_t{1} : len;
  };
  auto is_word = [](CharClass c) {
    return c == CharClass::kLetter || c == CharClass::kMark || c == CharClass::kNumber;
  };
  auto is_joiner = [](char32_t c) {
    return c == '\'' || c == '-' || c == '.' || c == ',' || c == ':' || c == 0x2019 ||
           c == 0x00B7;
  };
  std::vector<Word> out;
  size_t i = 0;
  while (i < text.size()) {
    char32_t cp;
    const size_t len = next(i, &cp);
    const CharClass cls = ClassifyCodePoint(cp);
    if (cls == CharClass::kSpace) {
      i += len;
      continue;
    }
    const size_t start = i;
    i += len;
    Word w({}, 1, false, false);
    if (is_word(cls)) {
      w.has_letter = cls == CharClass::kLetter;
      while (i < text.size()) {
        char32_t c;
        size_t l = next(i, &c);
        if (is_word(ClassifyCodePoint(c))) {
          i += l;
          ++w.chars;
          w.has_letter = w.has_letter || ClassifyCodePoint(c) == CharClass::kLetter;
          continue;
        }
        if (is_joiner(c) && i + l < text.size()) {
          char32_t after;
          size_t l2 = next(i + l, &after);
          CharClass ca = ClassifyCodePoint(after);
          if (ca == CharClass::kLetter || ca == CharClass::kNumber) {
            i += l + l2;
            w.chars += 2;
            w.has_letter = w.has_letter || ca == CharClass::kLetter;
            continue;
          }
        }
        break;
      }
    } else {
      w.symbol = true;
      while (i < text.size()) {
        char32_t c;
        size_t l = next(i, &c);
        if (c != cp) break;
        i += l;
        ++w.chars;
      }
    }
    w.text = text.substr(start, i - start);
    out.push_back(w);
  }
  return out;
}

// Differential: the splitter's fast paths against the reference on random text.
TEST(WordsTest, SplitMatchesReferenceOnRandomText) {
  const char32_t kPool[] = {'a',   'Z',    '7',    ' ',    ' ',    '.',    ',',    '\'',
                            '-',   ':',    '!',    '#',    '\n',  '\t',  0xA0,   0xE9,
                            0x130, 0x416,  0x627,  0x644,  0x64E,  0x660,  0x60C,  0x61F,
                            0x200C, 0x2019, 0xB7,  0x2026, 0x3000, 0x1F600, 0x10400};
  std::mt19937 rng(5);
  WordSplitter splitter;
  std::vector<Word> words;
  std::string text;
  // Mostly ASCII letters, digits, whitespace and punctuation, so that 16-byte chunks and
  // 64-byte blocks take the mask paths, at every offset.
  const char kAsciiPool[] = "abcXYZ09  \t\n\x1c,.'-!:#(\x01\x7f";
  for (int round = 0; round < 6000; ++round) {
    text.clear();
    const bool ascii = round % 2 == 1;
    const size_t n = ascii ? rng() % 400 : rng() % 50;
    for (size_t k = 0; k < n; ++k) {
      if (rng() % (ascii ? 60 : 30) == 0) {
        text += static_cast<char>(0x80 + rng() % 0x80);  // a stray continuation or lead byte
      } else if (ascii && rng() % 40 != 0) {
        text += kAsciiPool[rng() % (sizeof(kAsciiPool) - 1)];
      } else {
        AppendUtf8(&text, kPool[rng() % std::size(kPool)]);
      }
    }
    splitter.Split(text, &words);
    const std::vector<Word> expected = ReferenceSplit(text);
    ASSERT_EQ(words.size(), expected.size()) << text;
    for (size_t k = 0; k < words.size(); ++k) {
      EXPECT_EQ(words[k].text, expected[k].text) << text;
      EXPECT_EQ(words[k].chars, expected[k].chars) << text;
      EXPECT_EQ(words[k].symbol, expected[k].symbol) << text;
      EXPECT_EQ(words[k].has_letter, expected[k].has_letter) << text;
    }
  }
}

}  // namespace
}  // namespace ghirbal
