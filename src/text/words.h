// Words, lines, paragraphs and sentences: the segmentation every text heuristic counts with.
//
// The quality filters published with datatrove (Gopher, C4, FineWeb) are defined over "words",
// "lines" and "paragraphs"; their thresholds only carry over when the counting matches. This
// file fixes those definitions once for the whole engine:
//   - a line is what lies between two '\n' (a trailing '\r' belongs to the line);
//   - a paragraph is a run of lines separated by two or more consecutive '\n';
//   - a word is a token of WordSplitter: a run of letters, marks and digits (with inner
//     apostrophes, hyphens, periods, commas and colons, as in "don't", "e-mail", "3.14"), or
//     a run of one repeated punctuation/symbol character ("...", "!", "،", "#"). Like NLTK's
//     tokenizer used by datatrove, punctuation becomes its own token, so "end." is two words.
//     Scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) are
//     segmented with ICU's dictionary-based word break iterator; everything else takes a fast
//     path that never leaves this file.
// Lengths are counted in code points, as Python's len() does.
//
// Punctuation means Unicode categories P* and S* plus control characters, so Arabic and Urdu
// marks (، ؛ ؟ ۔) and full-width CJK punctuation (。，！？) count as punctuation everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace ghirbal {

enum class CharClass : uint8_t {
  kSpace,   // Python's str.isspace() set (includes U+00A0, U+2028, U+3000, ...)
  kLetter,  // L* (Python's isalpha)
  kMark,    // M*, and format characters such as ZWNJ that live inside words
  kNumber,  // N*
  kPunct,   // P*, S*, and control characters
};

// Classes of the Basic Multilingual Plane (every script in common use, CJK included), filled
// before main() from ICU; 64 KiB.
extern CharClass kBmpCharClasses[0x10000];
CharClass ClassifyCodePointSlow(char32_t cp);
inline CharClass ClassifyCodePoint(char32_t cp) {
  return cp < 0x10000 ? kBmpCharClasses[cp] : ClassifyCodePointSlow(cp);
}

// True for code points of scripts written without spaces between words.
inline bool IsNoSpaceScript(char32_t cp) {
  if (cp < 0x0E00) return false;
  return (cp >= 0x0E00 && cp <= 0x0EFF) ||    // Thai, Lao
         (cp >= 0x1000 && cp <= 0x109F) ||    // Myanmar
         (cp >= 0x1780 && cp <= 0x17FF) ||    // Khmer
         (cp >= 0x3040 && cp <= 0x30FF) ||    // Hiragana, Katakana
         (cp >= 0x31F0 && cp <= 0x31FF) ||    // Katakana extension
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F) ||    // half-width Katakana
         (cp >= 0x20000 && cp <= 0x3FFFF);    // CJK extensions B..
}

// Number of code points in `s` (ill-formed bytes count one each).
size_t CountCodePoints(std::string_view s);

// Number of bytes of `s` equal to `byte` (std::count, 16 bytes at a time).
size_t CountByte(std::string_view s, char byte);

// Strips Unicode whitespace (CharClass::kSpace) from the ends. Inline for the common case of
// an end that is a printable ASCII character (nothing to strip there).
std::string_view TrimLeftWhitespaceSlow(std::string_view s);
std::string_view TrimRightWhitespaceSlow(std::string_view s);
inline bool IsPrintableAscii(char c) { return c > ' ' && c < 0x7F; }
inline std::string_view TrimLeftWhitespace(std::string_view s) {
  return !s.empty() && IsPrintableAscii(s.front()) ? s : TrimLeftWhitespaceSlow(s);
}
inline std::string_view TrimRightWhitespace(std::string_view s) {
  return !s.empty() && IsPrintableAscii(s.back()) ? s : TrimRightWhitespaceSlow(s);
}
inline std::string_view TrimWhitespace(std::string_view s) {
  return TrimRightWhitespace(TrimLeftWhitespace(s));
}

// Splits on '\n' exactly like Python's text.split("\n"): n newlines give n+1 lines, empty
// ones included. Views point into `text`. `out` is cleared first.
void SplitLines(std::string_view text, std::vector<std::string_view>* out);

// Paragraphs as datatrove's repetition filter sees them: `text` stripped of surrounding
// whitespace, split on runs of two or more '\n'. Empty text gives one empty paragraph.
void SplitParagraphs(std::string_view text, std::vector<std::string_view>* out);

// True if the line (as is, not trimmed) ends with a sentence-final mark:
// . ! ? " ' ” ’ » ؟ ۔ 。 ！ ？
bool EndsWithTerminalPunctuation(std::string_view line);

// Sentences in one line: runs of . ! ? ؟ ۔ 。 ！ ？ … that follow a letter or digit and are
// followed by whitespace or the end, plus one for trailing text without such a mark. An
// approximation of NLTK's punkt (no abbreviation list) used for C4's sentence count.
// Counting stops at `stop_at` sentences (the result is then `stop_at`), for callers that only
// compare the count with a minimum.
size_t CountSentences(std::string_view line, size_t stop_at = SIZE_MAX);

struct Word {
  // Left uninitialized (the text too, through the union): the splitter grows its output
  // before writing each word, and clearing what it is about to write cost a fiftieth of the
  // filter stage.
  Word() {}
  Word(std::string_view text, uint32_t chars, bool symbol, bool has_letter)
      : text(text), chars(chars), symbol(symbol), has_letter(has_letter) {}
  union {
    std::string_view text;
  };
  uint32_t chars;       // code points
  bool symbol;          // every character is punctuation (a "symbol word")
  bool has_letter;      // at least one letter (Python's any(c.isalpha()))
};

struct WordCounts {
  size_t words = 0;         // all tokens
  size_t non_symbol = 0;    // tokens with a character that is not punctuation
};

// Splits text into words. Holds an ICU break iterator, so one instance per thread; creating
// one is cheap (the ICU iterator is made on first use of a no-space script).
class WordSplitter {
 public:
  WordSplitter();
  ~WordSplitter();
  WordSplitter(const WordSplitter&) = delete;
  WordSplitter& operator=(const WordSplitter&) = delete;

  // Clears `out` and appends the words of `text` in order. Views point into `text`.
  void Split(std::string_view text, std::vector<Word>* out);
  // Counts the words of `text` without storing them; time linear, memory constant (except
  // for no-space-script runs, which ICU needs in UTF-16).
  WordCounts Count(std::string_view text);

 private:
  template <typename Sink>
  void ForEachWord(std::string_view text, Sink&& sink);
  template <typename Sink>
  void SegmentNoSpaceRun(std::string_view text, size_t begin, size_t end, Sink& sink);

  struct IcuState;
  std::unique_ptr<IcuState> icu_;
};

}  // namespace ghirbal
