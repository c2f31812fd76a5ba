#include "text/words.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/target_clones.h"
#include "core/utf8.h"

namespace ghirbal {
namespace {

// ASCII classes, built once; the common case never calls into ICU.
constexpr std::array<CharClass, 128> MakeAsciiTable() {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      t[c] = CharClass::kLetter;
    } else if (c >= '0' && c <= '9') {
      t[c] = CharClass::kNumber;
    } else if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) {
      t[c] = CharClass::kSpace;
    } else {
      t[c] = CharClass::kPunct;  // ASCII punctuation, symbols and controls
    }
  }
  return t;
}
constexpr std::array<CharClass, 128> kAscii = MakeAsciiTable();

// For every byte: kAsciiWordBit for ASCII letters and digits, plus kAsciiLetterBit for
// letters; 0 for everything else (bytes of multi-byte characters included).
constexpr uint8_t kAsciiWordBit = 1;
constexpr uint8_t kAsciiLetterBit = 2;
constexpr std::array<uint8_t, 256> MakeAsciiWordBits() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 128; ++c) {
    if (kAscii[c] == CharClass::kLetter) t[c] = kAsciiWordBit | kAsciiLetterBit;
    if (kAscii[c] == CharClass::kNumber) t[c] = kAsciiWordBit;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kAsciiWordBits = MakeAsciiWordBits();

bool IsPythonSpace(char32_t cp) {
  switch (cp) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

// Decodes one code point; ill-formed bytes decode as U+FFFD of length 1.
inline size_t Next(std::string_view s, size_t i, char32_t* cp) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c < 0xE0 && i + 1 < s.size() &&
      (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {  // 2 bytes: Arabic, Cyrillic...
    *cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
    return 2;
  }
  size_t len = DecodeUtf8(s.data() + i, s.size() - i, cp);
  return len == 0 ? 1 : len;
}

// Characters that may join two word characters inside one word.
inline bool IsJoiner(char32_t cp) {
  return cp == '\'' || cp == '-' || cp == '.' || cp == ',' || cp == ':' || cp == 0x2019 ||
         cp == 0x00B7;
}

inline bool IsWordClass(CharClass c) {
  return c == CharClass::kLetter || c == CharClass::kMark || c == CharClass::kNumber;
}

inline bool IsSentenceMark(char32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == 0x06D4 || cp == 0x3002 ||
         cp == 0xFF01 || cp == 0xFF1F || cp == 0x2026;
}

}  // namespace

namespace {

CharClass ClassifySlow(char32_t cp) {
  if (IsPythonSpace(cp)) return CharClass::kSpace;
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER:
      return CharClass::kLetter;
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK:
    case U_FORMAT_CHAR:
      return CharClass::kMark;
    case U_DECIMAL_DIGIT_NUMBER: case U_LETTER_NUMBER: case U_OTHER_NUMBER:
      return CharClass::kNumber;
    case U_SPACE_SEPARATOR: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR:
      return CharClass::kSpace;
    case U_UNASSIGNED: case U_PRIVATE_USE_CHAR: case U_SURROGATE:
      return CharClass::kLetter;  // unknown content: treat as part of words, not as noise
    default:
      return CharClass::kPunct;  // P*, S*, Cc
  }
}

}  // namespace

CharClass kBmpCharClasses[0x10000];

namespace {
[[maybe_unused]] const bool kBmpCharClassesReady = [] {
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    kBmpCharClasses[cp] = cp < 0x80 ? kAscii[cp] : ClassifySlow(cp);
  }
  return true;
}();
}  // namespace

CharClass ClassifyCodePointSlow(char32_t cp) { return ClassifySlow(cp); }


GHIRBAL_TARGET_CLONES size_t CountCodePoints(std::string_view s) {
  // Continuation bytes are 10xxxxxx, i.e. below -64 as signed bytes.
  size_t continuation = 0;
  size_t i = 0;
#ifdef __SSE2__
  // 16 bytes at a time; per-lane counts (0 or -1 per step) are summed at most 255 steps.
  const __m128i limit = _mm_set1_epi8(-64);
  while (i + 16 <= s.size()) {
    __m128i acc = _mm_setzero_si128();
    for (size_t steps = 0; steps < 255 && i + 16 <= s.size(); ++steps, i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(v, limit));
    }
    const __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
    continuation += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
                    static_cast<size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
#endif
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    uint64_t marks = (v & ~(v << 1) & 0x8080808080808080ull) >> 7;  // one bit per byte
    continuation += static_cast<size_t>((marks * 0x0101010101010101ull) >> 56);
  }
  for (; i < s.size(); ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return s.size() - continuation;
}

size_t CountByte(std::string_view s, char byte) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
  const uint64_t pattern = kOnes * static_cast<unsigned char>(byte);
  size_t n = 0;
  size_t i = 0;
#ifdef __SSE2__
  const __m128i wanted = _mm_set1_epi8(byte);
  while (i + 16 <= s.size()) {
    __m128i acc = _mm_setzero_si128();
    for (size_t steps = 0; steps < 255 && i + 16 <= s.size(); ++steps, i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, wanted));
    }
    const __m128i sums = _mm_sad_epu8(acc, _mm_setzero_si128());
    n += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
         static_cast<size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
#endif
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    const uint64_t x = v ^ pattern;  // zero bytes where equal
    // High bit of each byte set iff the byte is non-zero (exact, no carries between bytes).
    const uint64_t nonzero = ((x & kLow7) + kLow7) | x;
    const uint64_t zero = (~nonzero & 0x8080808080808080ull) >> 7;
    n += static_cast<size_t>((zero * kOnes) >> 56);
  }
  for (; i < s.size(); ++i) n += s[i] == byte;
  return n;
}

std::string_view TrimLeftWhitespaceSlow(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp;
    size_t len = Next(s, i, &cp);
    if (ClassifyCodePoint(cp) != CharClass::kSpace) break;
    i += len;
  }
  return s.substr(i);
}

std::string_view TrimRightWhitespaceSlow(std::string_view s) {
  size_t end = s.size();
  while (end > 0) {
    size_t start = end - 1;
    // Step back over continuation bytes (at most 3) to the lead byte.
    while (start > 0 && end - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
      --start;
    }
    char32_t cp;
    size_t len = Next(s, start, &cp);
    if (start + len != end || ClassifyCodePoint(cp) != CharClass::kSpace) break;
    end = start;
  }
  return s.substr(0, end);
}

void SplitLines(std::string_view text, std::vector<std::string_view>* out) {
  out->clear();
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      out->push_back(text.substr(start));
      return;
    }
    out->push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
}

void SplitParagraphs(std::string_view text, std::vector<std::string_view>* out) {
  out->clear();
  text = TrimWhitespace(text);
  size_t start = 0;
  size_t i = text.find('\n');
  while (i != std::string_view::npos) {
    if (i + 1 < text.size() && text[i + 1] == '\n') {
      out->push_back(text.substr(start, i - start));
      while (i < text.size() && text[i] == '\n') ++i;
      start = i;
      i = text.find('\n', start);
    } else {
      i = text.find('\n', i + 1);
    }
  }
  out->push_back(text.substr(start));
}

bool EndsWithTerminalPunctuation(std::string_view line) {
  if (line.empty()) return false;
  const char last = line.back();
  if (last == '.' || last == '!' || last == '?' || last == '"' || last == '\'') return true;
  if (static_cast<unsigned char>(last) < 0x80) return false;
  size_t start = line.size() - 1;
  while (start > 0 && line.size() - start < 4 &&
         (static_cast<unsigned char>(line[start]) & 0xC0) == 0x80) {
    --start;
  }
  char32_t cp;
  if (DecodeUtf8(line.data() + start, line.size() - start, &cp) != line.size() - start) return false;
  switch (cp) {
    case 0x201D: case 0x2019: case 0x00BB: case 0x061F: case 0x06D4: case 0x3002: case 0xFF01:
    case 0xFF1F:
      return true;
    default:
      return false;
  }
}

size_t CountSentences(std::string_view line, size_t stop_at) {
  size_t sentences = 0;
  bool content = false;  // a letter or digit since the last sentence boundary
  size_t i = 0;
  while (i < line.size()) {
#ifdef __SSE2__
    // ASCII other than . ! ? 16 bytes at a time: it only tells whether there is content.
    if (i + 16 <= line.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + i));
      const __m128i mark = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')), _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
          _mm_cmpeq_epi8(v, _mm_set1_epi8('?')));
      const unsigned stop = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(v, mark)));
      const unsigned run = stop == 0 ? 16 : static_cast<unsigned>(std::countr_zero(stop));
      if (run > 0) {
        const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
        const __m128i alnum = _mm_or_si128(
            _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                          _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1))),
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                          _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1))));
        content = content || (static_cast<unsigned>(_mm_movemask_epi8(alnum)) &
                              ((1u << run) - 1)) != 0;
        i += run;
        continue;
      }
    }
#endif
    char32_t cp;
    size_t len = Next(line, i, &cp);
    if (IsSentenceMark(cp) && content) {
      size_t j = i + len;
      while (j < line.size()) {  // the whole run of marks ("?!", "...")
        char32_t next;
        size_t l = Next(line, j, &next);
        if (!IsSentenceMark(next)) break;
        j += l;
      }
      char32_t after = ' ';
      if (j < line.size()) Next(line, j, &after);
      // CJK full stops need no space after them.
      bool cjk = cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
      if (cjk || ClassifyCodePoint(after) == CharClass::kSpace) {
        if (++sentences >= stop_at) return stop_at;
        content = false;
      }
      i = j;
      continue;
    }
    CharClass c = ClassifyCodePoint(cp);
    if (c == CharClass::kLetter || c == CharClass::kNumber) content = true;
    i += len;
  }
  return std::min(sentences + (content ? 1 : 0), stop_at);
}

struct WordSplitter::IcuState {
  std::unique_ptr<icu::BreakIterator> breaker;
  bool failed = false;
  icu::UnicodeString utf16;
  std::vector<uint32_t> offsets;  // UTF-8 offset of each UTF-16 unit, plus the end
};

WordSplitter::WordSplitter() = default;
WordSplitter::~WordSplitter() = default;

namespace {

// Emits [from, from + size) with its flags worked out by decoding it.
template <typename Sink>
void EmitDecoded(std::string_view text, size_t from, size_t size, Sink& sink) {
  uint32_t chars = 0;
  bool symbol = true, letter = false;
  for (size_t i = from; i < from + size;) {
    char32_t cp;
    i += Next(text, i, &cp);
    ++chars;
    CharClass c = ClassifyCodePoint(cp);
    symbol = symbol && c == CharClass::kPunct;
    letter = letter || c == CharClass::kLetter;
  }
  sink(from, size, chars, symbol, letter);
}

#ifdef __SSE2__
// One bit per byte of the 64 bytes at p (bit k: p[k]), for the ASCII block path below.
struct AsciiMasks {
  uint64_t stop = 0;  // non-ASCII bytes, and white space other than ' ' and '\n'
  uint64_t letter = 0, word = 0, space = 0, joiner = 0;
  uint64_t same_as_previous = 0;  // p[k] == p[k - 1]; p[-1] must be readable
};

__attribute__((always_inline)) inline AsciiMasks ClassifyAsciiBlock(const unsigned char* p) {
  auto in = [](__m128i v, char lo, char hi) {
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
  };
  auto eq = [](__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
  AsciiMasks m;
  for (int c = 0; c < 4; ++c) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * c));
    const __m128i prev = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * c - 1));
    auto bits = [c](__m128i x) {
      return static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(x))) << (16 * c);
    };
    const __m128i letter = in(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
    const __m128i space = _mm_or_si128(eq(v, ' '), eq(v, '\n'));
    // Other white space and control characters (below '!') stop the block like non-ASCII
    // bytes: the scalar path takes them.
    const __m128i other_low = _mm_andnot_si128(space, in(v, 0, ' '));
    m.stop |= bits(_mm_or_si128(v, other_low));
    m.letter |= bits(letter);
    m.word |= bits(_mm_or_si128(letter, in(v, '0', '9')));
    m.space |= bits(space);
    m.joiner |= bits(_mm_or_si128(in(v, ',', '.'), _mm_or_si128(eq(v, '\''), eq(v, ':'))));
    m.same_as_previous |= bits(_mm_cmpeq_epi8(v, prev));
  }
  return m;
}
#endif

}  // namespace

template <typename Sink>
void WordSplitter::SegmentNoSpaceRun(std::string_view text, size_t begin, size_t end, Sink& sink) {
  auto emit_code_points = [&](size_t from, size_t to) {
    for (size_t i = from; i < to;) {
      char32_t cp;
      size_t len = Next(text, i, &cp);
      EmitDecoded(text, i, len, sink);
      i += len;
    }
  };
  if (!icu_) icu_ = std::make_unique<IcuState>();
  IcuState& st = *icu_;
  if (!st.breaker && !st.failed) {
    UErrorCode status = U_ZERO_ERROR;
    st.breaker.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !st.breaker) {
      st.breaker.reset();
      st.failed = true;
    }
  }
  if (st.failed) {  // no ICU data: one word per character, the usual fallback for Han
    emit_code_points(begin, end);
    return;
  }
  // Bounded memory: long runs are segmented in windows of kWindow code points (a word cut at
  // a window edge counts as two, once per window).
  constexpr size_t kWindow = 1 << 14;
  size_t i = begin;
  while (i < end) {
    const size_t window_begin = i;
    st.utf16.remove();
    st.offsets.clear();
    for (size_t units = 0; i < end && units < kWindow; ++units) {
      char32_t cp;
      size_t len = Next(text, i, &cp);
      st.utf16.append(static_cast<UChar32>(cp));
      st.offsets.push_back(static_cast<uint32_t>(i - window_begin));
      if (cp > 0xFFFF) st.offsets.push_back(static_cast<uint32_t>(i - window_begin));
      i += len;
    }
    st.offsets.push_back(static_cast<uint32_t>(i - window_begin));
    st.breaker->setText(st.utf16);
    int32_t prev = st.breaker->first();
    for (int32_t pos = st.breaker->next(); pos != icu::BreakIterator::DONE;
         prev = pos, pos = st.breaker->next()) {
      size_t from = window_begin + st.offsets[prev];
      size_t to = window_begin + st.offsets[pos];
      if (to > from) EmitDecoded(text, from, to - from, sink);
    }
  }
}

#ifdef __SSE2__
// The words of the ASCII text from i (where a word may start) up to the first non-ASCII byte
// or white space other than ' ' and '\n' (rare in text), within 64 bytes, found from byte masks instead of byte by byte: word characters, joiners
// between two of them, and runs of one punctuation character. Emits the words whose end is
// certain (the two bytes after them are known) and returns where it stopped; returns i when
// it emitted nothing. Needs 64 bytes readable from i and one before it.
template <typename Sink>
size_t SplitAsciiBlock(const unsigned char* bytes, size_t i, Sink& sink) {
  const AsciiMasks m = ClassifyAsciiBlock(bytes + i);
  const unsigned known = m.stop ? static_cast<unsigned>(std::countr_zero(m.stop)) : 64;
  if (known < 3) return i;
  const uint64_t valid = known == 64 ? ~uint64_t{0} : (uint64_t{1} << known) - 1;
  const uint64_t word = m.word & valid;
  // A joiner is inside a word between two word characters (the scalar rule: a joiner followed
  // by a letter or digit continues the word it follows; the first byte follows no word).
  const uint64_t in_word = word | (m.joiner & (word << 1) & (word >> 1));
  const uint64_t punct = valid & ~m.space & ~in_word;
  const uint64_t same = m.same_as_previous;
  uint64_t starts = (in_word & ~(in_word << 1)) | (punct & ~((punct << 1) & same));
  uint64_t ends = (in_word & ~(in_word >> 1)) | (punct & ~((punct >> 1) & (same >> 1)));
  // A word's last byte k is certain when bytes k + 1 and k + 2 are known.
  const unsigned last_certain = known - 3;
  size_t next = i;
  while (starts != 0) {
    const unsigned first = static_cast<unsigned>(std::countr_zero(starts));
    const unsigned last = static_cast<unsigned>(std::countr_zero(ends));
    if (last > last_certain) break;
    const uint32_t size = last - first + 1;
    const uint64_t span = (~uint64_t{0} >> (63 - last)) & (~uint64_t{0} << first);
    // Punctuation holds no letter: one call for both kinds, without a branch on the kind.
    sink(i + first, size, size, ((in_word >> first) & 1) == 0, (m.letter & span) != 0);
    next = i + last + 1;
    starts &= starts - 1;
    ends &= ends - 1;
  }
  return next;
}
#endif

template <typename Sink>
void WordSplitter::ForEachWord(std::string_view text, Sink&& sink) {
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
#ifdef __SSE2__
    // ASCII text 64 bytes at a time (where its first 16 bytes are ASCII).
    if (i > 0 && i + 64 <= n &&
        _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i))) == 0) {
      const size_t next =
          SplitAsciiBlock(reinterpret_cast<const unsigned char*>(text.data()), i, sink);
      if (next != i) {
        i = next;
        continue;
      }
    }
#endif
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    char32_t cp;
    size_t len = Next(text, i, &cp);
    CharClass cls = ClassifyCodePoint(cp);
    if (cls == CharClass::kSpace) {
      i += len;
      continue;
    }
    if (IsNoSpaceScript(cp)) {
      size_t j = i + len;
      while (j < n) {
        char32_t next;
        size_t l = Next(text, j, &next);
        if (!IsNoSpaceScript(next) && ClassifyCodePoint(next) != CharClass::kMark) break;
        j += l;
      }
      SegmentNoSpaceRun(text, i, j, sink);
      i = j;
      continue;
    }
    const size_t start = i;
    i += len;
    uint32_t chars = 1;
    if (IsWordClass(cls)) {
      bool letter = cls == CharClass::kLetter;
      const unsigned char* bytes = reinterpret_cast<const unsigned char*>(text.data());
      while (i < n) {
        unsigned char b = bytes[i];
        if (b < 0x80) {
          // Fast path: a run of ASCII letters and digits, one table lookup per byte.
          uint8_t bits = kAsciiWordBits[b];
          if (bits != 0) {
            size_t j = i + 1;
            uint8_t seen = bits;
#ifdef __SSE2__
            // 16 bytes at a time: the run's length from a mask of letters and digits, so a
            // word's end is found without a branch per byte.
            while (j + 16 <= n) {
              const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + j));
              const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
              const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                                   _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
              const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                                  _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
              const unsigned word = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
              const unsigned run = static_cast<unsigned>(__builtin_ctz(~word));  // 16 if all are
              if (static_cast<unsigned>(_mm_movemask_epi8(letter)) & ((1u << run) - 1)) {
                seen |= kAsciiLetterBit;
              }
              j += run;
              if (run < 16) break;
            }
#endif
            while (j < n && (bits = kAsciiWordBits[bytes[j]]) != 0) {
              seen |= bits;
              ++j;
            }
            chars += static_cast<uint32_t>(j - i);
            letter = letter || (seen & kAsciiLetterBit) != 0;
            i = j;
            continue;
          }
          if (!IsJoiner(b)) break;  // ASCII space or punctuation ends the word
        } else if (b >= 0xC2 && b < 0xE0 && i + 1 < n && (bytes[i + 1] & 0xC0) == 0x80) {
          // Fast path: a run of two-byte word characters (Arabic, Cyrillic, accented Latin),
          // below any no-space script.
          CharClass c2 = kBmpCharClasses[((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F)];
          if (IsWordClass(c2)) {
            do {
              i += 2;
              ++chars;
              letter = letter || c2 == CharClass::kLetter;
              if (i + 1 >= n) break;
              b = bytes[i];
              if (b < 0xC2 || b >= 0xE0 || (bytes[i + 1] & 0xC0) != 0x80) break;
              c2 = kBmpCharClasses[((b & 0x1F) << 6) | (bytes[i + 1] & 0x3F)];
            } while (IsWordClass(c2));
            continue;
          }
        }
        char32_t next;
        size_t l = Next(text, i, &next);
        CharClass c = ClassifyCodePoint(next);
        if (IsWordClass(c) && !IsNoSpaceScript(next)) {
          i += l;
          ++chars;
          letter = letter || c == CharClass::kLetter;
          continue;
        }
        if (IsJoiner(next) && i + l < n) {
          char32_t after;
          size_t l2 = Next(text, i + l, &after);
          CharClass ca = ClassifyCodePoint(after);
          if ((ca == CharClass::kLetter || ca == CharClass::kNumber) && !IsNoSpaceScript(after)) {
            i += l + l2;
            chars += 2;
            letter = letter || ca == CharClass::kLetter;
            continue;
          }
        }
        break;
      }
      sink(start, i - start, chars, false, letter);
    } else {  // punctuation: a run of the same character is one token ("...", "!!")
      while (i < n) {
        char32_t next;
        size_t l = Next(text, i, &next);
        if (next != cp) break;
        i += l;
        ++chars;
      }
      sink(start, i - start, chars, true, false);
    }
  }
}

GHIRBAL_TARGET_CLONES void WordSplitter::Split(std::string_view text, std::vector<Word>* out) {
  out->clear();
  // The vector grows in steps and is cut to size at the end, so that storing a word is a few
  // stores in place: push_back of a Word built first went through an out-of-line call that
  // read it back with wider loads than it was stored with, a stall on every word.
  Word* next = out->data();
  Word* end = next + out->size();
  ForEachWord(text, [&](size_t begin, size_t size, uint32_t chars, bool symbol, bool letter)
                        __attribute__((always_inline)) {
    if (next == end) {
      const size_t used = static_cast<size_t>(next - out->data());
      out->resize(std::max<size_t>(256, 2 * used));
      next = out->data() + used;
      end = out->data() + out->size();
    }
    next->text = std::string_view(text.data() + begin, size);
    next->chars = chars;
    next->symbol = symbol;
    next->has_letter = letter;
    ++next;
  });
  out->resize(static_cast<size_t>(next - out->data()));
}

WordCounts WordSplitter::Count(std::string_view text) {
  WordCounts counts;
  ForEachWord(text, [&](size_t, size_t, uint32_t, bool symbol, bool) {
    ++counts.words;
    counts.non_symbol += !symbol;
  });
  return counts;
}

}  // namespace ghirbal
