#include "filter/phrase_matcher.h"

#include <hs/hs.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "core/check.h"
#include "core/utf8.h"
#include "filter/hyperscan_cache.h"
#include "text/words.h"

namespace ghirbal {
namespace {

// Arabic-script letters folded so that common spelling variants match.
char32_t FoldLetter(char32_t cp) {
  switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;  // alef forms
    case 0x0649: case 0x06CC: return 0x064A;                            // yeh forms
    case 0x0629: return 0x0647;                                         // teh marbuta
    case 0x06A9: return 0x0643;                                         // keheh
    case 0x0640: return 0;                                              // tatweel
    default: return cp;
  }
}

std::string_view StripComment(std::string_view line) {
  size_t hash = line.find('#');
  return hash == std::string_view::npos ? line : line.substr(0, hash);
}

}  // namespace

namespace {

// What NormalizeForMatch makes of a code point: a letter or digit lower-cased and folded,
// kDrop for characters that vanish (marks, tatweel), kSeparator for the rest (spaces,
// punctuation, symbols).
constexpr char32_t kDrop = 0;
constexpr char32_t kSeparator = 0xFFFFFFFF;

inline char32_t NormalizeCodePoint(char32_t cp, CharClass cls) {
  if (cls == CharClass::kMark) return kDrop;
  if (cls != CharClass::kLetter && cls != CharClass::kNumber) return kSeparator;
  return FoldLetter(static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))));
}

inline char* PutUtf8(char* p, char32_t cp) {
  if (cp < 0x80) {
    *p++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *p++ = static_cast<char>(0xC0 | (cp >> 6));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *p++ = static_cast<char>(0xE0 | (cp >> 12));
    *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *p++ = static_cast<char>(0xF0 | (cp >> 18));
    *p++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return p;
}

// The output of U+0000..U+07FF as ready-made UTF-8, built once before main() so the common
// scripts never call ICU and never branch on the output length: the low three bytes are the
// UTF-8 bytes (little-endian, written with one 4-byte store), the high byte their count,
// kDropEntry and kSeparatorEntry mark the other two outcomes. Every folded code point below
// U+0800 stays below U+10000, so three bytes suffice.
constexpr uint32_t kDropEntry = 0;
constexpr uint32_t kSeparatorEntry = 0xFF000000u;
uint32_t kLowNorm[0x800];
[[maybe_unused]] const bool kLowNormReady = [] {
  for (char32_t cp = 0; cp < 0x800; ++cp) {
    // ASCII as words.h classifies it (letters and digits; no marks); ClassifyCodePointSlow
    // does not depend on other static tables.
    const CharClass cls = cp >= 0x80 ? ClassifyCodePointSlow(cp)
                          : ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? CharClass::kLetter
                          : (cp >= '0' && cp <= '9')                   ? CharClass::kNumber
                                                                       : CharClass::kPunct;
    const char32_t out = NormalizeCodePoint(cp, cls);
    if (out == kDrop) {
      kLowNorm[cp] = kDropEntry;
    } else if (out == kSeparator) {
      kLowNorm[cp] = kSeparatorEntry;
    } else {
      char bytes[4] = {};
      const size_t len = static_cast<size_t>(PutUtf8(bytes, out) - bytes);
      GHIRBAL_CHECK(len <= 3);
      uint32_t packed = 0;
      std::memcpy(&packed, bytes, 3);
      kLowNorm[cp] = packed | static_cast<uint32_t>(len) << 24;
    }
  }
  return true;
}();

#ifdef __SSE2__
// Fast path for 16 bytes of plain ASCII words: when they are all letters, digits and single
// spaces, neither starting nor ending with a space, their normalization is their lower case
// (after the pending space, if any). Writes it at *p and returns true; false otherwise.
inline bool NormalizeAsciiChunk(const unsigned char* in, char** p, size_t* pending_space) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in));
  auto in_range = [&](char low, char span) {  // low <= byte <= low + span
    const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8(low));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(span)), d);
  };
  const __m128i upper = in_range('A', 25);
  const __m128i space = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
  const __m128i ok = _mm_or_si128(_mm_or_si128(in_range('a', 25), upper),
                                  _mm_or_si128(in_range('0', 9), space));
  if (_mm_movemask_epi8(ok) != 0xFFFF) return false;
  const unsigned spaces = static_cast<unsigned>(_mm_movemask_epi8(space));
  if ((spaces & 0x8001u) != 0 || (spaces & (spaces >> 1)) != 0) return false;
  **p = ' ';
  *p += *pending_space;
  *pending_space = 0;
  const __m128i lower = _mm_add_epi8(v, _mm_and_si128(upper, _mm_set1_epi8(32)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(*p), lower);
  *p += 16;
  return true;
}
#endif

// What the normalizer makes of `cp` (kDrop, kSeparator or the code point it writes), read
// from the same table for U+0000..U+07FF.
char32_t NormalizedOf(char32_t cp) {
  if (cp >= 0x800) return NormalizeCodePoint(cp, ClassifyCodePoint(cp));
  const uint32_t entry = kLowNorm[cp];
  if (entry == kDropEntry) return kDrop;
  if (entry == kSeparatorEntry) return kSeparator;
  char bytes[4] = {};
  std::memcpy(bytes, &entry, 3);
  char32_t out = 0;
  DecodeUtf8(bytes, entry >> 24, &out);
  return out;
}

// What the raw-text prefilter needs to know about every code point, worked out once per
// process (one pass over U+0000..U+10FFFF): the code points the normalizer drops,
// and for each code point it writes, the other code points it writes it for (upper case,
// Arabic letter variants, K for KELVIN SIGN...).
struct RawTables {
  std::vector<uint64_t> dropped = std::vector<uint64_t>(0x110000 / 64);  // bit per code point
  std::unordered_map<char32_t, std::vector<char32_t>> other_sources;
  bool Dropped(char32_t cp) const { return (dropped[cp >> 6] >> (cp & 63)) & 1; }
};

const RawTables& GetRawTables() {
  static const RawTables* const tables = [] {
    auto* t = new RawTables();
    for (char32_t cp = 0; cp < 0x110000; ++cp) {
      if (cp >= 0xD800 && cp < 0xE000) continue;  // surrogates are never well-formed UTF-8
      const char32_t out = NormalizedOf(cp);
      if (out == kDrop) {
        t->dropped[cp >> 6] |= uint64_t{1} << (cp & 63);
      } else if (out != kSeparator && out != cp) {
        t->other_sources[out].push_back(cp);
      }
    }
    return t;
  }();
  return *tables;
}

// The prefilter literals of a normalized phrase: every way its "anchor" can be written in raw
// text, for a scan that ignores ASCII case, and the word boundaries around it. The anchor is
// the longest piece of one of its space-free runs with at most `max_spellings` spellings,
// where each code point can be written as itself (when the normalizer keeps it) or as any
// code point the normalizer writes it for (Arabic letter variants, upper case beyond ASCII,
// KELVIN SIGN). Between two characters of a run the normalizer drops at most dropped
// characters, so in a line without any, every anchor of a phrase its normalized text holds is
// in its raw bytes. Empty when some code point of the phrase is never written (the phrase can
// never match).
// 16 spellings: a longer anchor (fewer lines to normalize) costs compilation time, which
// grows with the number of literals (~1,150 for the built-in lists, ~0.3 s when the
// database is not in the cache of hyperscan_cache.h).
constexpr size_t kMaxAnchorSpellings = 16;

inline bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

// A phrase that begins with an ASCII letter or digit matches only at the start of a word:
// not right after another ASCII letter or digit ("sign up now" is not in "redesign up now").
// Phrases in other scripts match anywhere, so that an Arabic phrase is found after a
// proclitic ("وبيان الخصوصية" holds "بيان الخصوصية"); no phrase needs to end a word
// ("cookie" is in "cookies").
inline bool MustStartWord(std::string_view normalized_phrase) {
  return !normalized_phrase.empty() && IsAsciiAlnum(normalized_phrase.front());
}

struct Anchor {
  std::vector<std::string> literals;
  // Where the phrase puts a word boundary right before or after the anchor (a space, or the
  // start of a phrase that must start a word): a raw hit next to an ASCII letter or digit
  // there cannot come from the phrase.
  bool boundary_before = false;
  bool boundary_after = false;
};

Anchor AnchorLiterals(std::string_view phrase, size_t max_spellings, const RawTables& tables) {
  // The spellings of each code point of the phrase; an empty list stands for the space.
  std::vector<std::vector<std::string>> spellings;
  for (size_t i = 0; i < phrase.size();) {
    char32_t cp;
    const size_t len = DecodeUtf8(phrase.data() + i, phrase.size() - i, &cp);
    if (len == 0) return {};
    i += len;
    std::vector<std::string> ways;
    if (cp != ' ') {
      if (NormalizedOf(cp) == cp) ways.emplace_back(phrase.substr(i - len, len));
      auto it = tables.other_sources.find(cp);
      if (it != tables.other_sources.end()) {
        for (char32_t source : it->second) {
          if (source < 0x80 && (source | 0x20) == cp) continue;  // ASCII case: caseless scan
          char bytes[4];
          ways.emplace_back(bytes, static_cast<size_t>(PutUtf8(bytes, source) - bytes));
        }
      }
      if (ways.empty()) return {};
    }
    spellings.push_back(std::move(ways));
  }
  size_t best_begin = 0;
  size_t best_end = 0;
  for (size_t begin = 0; begin < spellings.size(); ++begin) {
    size_t count = 1;
    for (size_t end = begin; end < spellings.size() && !spellings[end].empty(); ++end) {
      count *= spellings[end].size();
      if (count > max_spellings && end > begin) break;  // one character is always an anchor
      if (end + 1 - begin > best_end - best_begin) {
        best_begin = begin;
        best_end = end + 1;
      }
    }
  }
  Anchor anchor;
  anchor.literals = {""};
  for (size_t k = best_begin; k < best_end; ++k) {
    std::vector<std::string> longer;
    for (const std::string& prefix : anchor.literals) {
      for (const std::string& way : spellings[k]) longer.push_back(prefix + way);
    }
    anchor.literals.swap(longer);
  }
  anchor.boundary_before =
      best_begin == 0 ? MustStartWord(phrase) : spellings[best_begin - 1].empty();
  anchor.boundary_after = best_end < spellings.size() && spellings[best_end].empty();
  return anchor;
}

#ifdef __SSE2__
// True when the 16 bytes at `p` (and the two bytes after them, p[17] readable) may begin a
// character the normalizer drops: a byte of 0xE0 and above (three- and four-byte
// characters) other than the punctuation of U+2000-203F outside its format characters
// (typographic quotes and dashes, common in Latin text), a lead byte of a block of marks
// (U+0300-037F, U+0480-04BF, U+0580-05FF, U+0700-07FF), or a two-byte pair in the ranges around the dropped characters of U+00AD,
// U+0600-0605, U+0610-061C, U+0640-065F, U+0670 and U+06D6-06ED. Covers every character
// below U+0800 the normalizer drops (checked by the tests); ASCII and plain Arabic letters
// pass.
inline bool MayHoldDropped(const unsigned char* p) {
  const __m128i lead = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
  auto eq = [](__m128i v, int b) {
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(b)));
  };
  auto in = [](__m128i v, int low, int high) {  // low <= byte <= high, unsigned
    const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(low)));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(static_cast<char>(high - low))), d);
  };
  // E2 80 xx is U+2000-203F, whose format characters U+200B-200F and U+202A-202E the
  // normalizer drops; one that starts on byte 14 or 15 is left to the byte-by-byte check.
  const __m128i third = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 2));
  const __m128i general_punctuation = _mm_and_si128(
      _mm_and_si128(eq(lead, 0xE2), eq(next, 0x80)),
      _mm_andnot_si128(_mm_or_si128(in(third, 0x8B, 0x8F), in(third, 0xAA, 0xAE)),
                       _mm_set_epi8(0, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)));
  __m128i any = _mm_or_si128(_mm_andnot_si128(general_punctuation, in(lead, 0xE0, 0xFF)),
                             in(lead, 0xCC, 0xCD));
  any = _mm_or_si128(any, _mm_or_si128(eq(lead, 0xD2), in(lead, 0xD6, 0xD7)));
  any = _mm_or_si128(any, in(lead, 0xDC, 0xDF));
  any = _mm_or_si128(any, _mm_and_si128(eq(lead, 0xC2), eq(next, 0xAD)));
  const __m128i d8 = _mm_or_si128(in(next, 0x80, 0x85), in(next, 0x90, 0x9C));
  any = _mm_or_si128(any, _mm_and_si128(eq(lead, 0xD8), d8));
  const __m128i d9 = _mm_or_si128(_mm_or_si128(eq(next, 0x80), in(next, 0x8B, 0x9F)),
                                  eq(next, 0xB0));
  any = _mm_or_si128(any, _mm_and_si128(eq(lead, 0xD9), d9));
  any = _mm_or_si128(any, _mm_and_si128(eq(lead, 0xDB), in(next, 0x96, 0xAD)));
  return _mm_movemask_epi8(any) != 0;
}

// True when the 16 bytes at `p` (p[16] readable) are ASCII, continuation bytes, and lead
// bytes of Arabic letters, digits and punctuation outside the ranges MayHoldDropped looks at
// (U+0620-063F, U+0641-064A): nothing there is dropped. A quicker test for most Arabic text.
inline bool PlainChunk(const unsigned char* p) {
  const __m128i lead = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  if (_mm_movemask_epi8(lead) == 0) return true;  // ASCII
  const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
  const __m128i high = _mm_cmplt_epi8(lead, _mm_setzero_si128());  // 0x80 and above
  const __m128i lead_byte = _mm_cmpgt_epi8(lead, _mm_set1_epi8(static_cast<char>(0xBF)));
  const __m128i safe = _mm_or_si128(
      _mm_and_si128(_mm_cmpeq_epi8(lead, _mm_set1_epi8(static_cast<char>(0xD8))),
                    _mm_cmpgt_epi8(next, _mm_set1_epi8(static_cast<char>(0x9F)))),
      _mm_and_si128(_mm_cmpeq_epi8(lead, _mm_set1_epi8(static_cast<char>(0xD9))),
                    _mm_and_si128(_mm_cmpgt_epi8(next, _mm_set1_epi8(static_cast<char>(0x80))),
                                  _mm_cmplt_epi8(next, _mm_set1_epi8(static_cast<char>(0x8B))))));
  return _mm_movemask_epi8(_mm_andnot_si128(safe, _mm_and_si128(high, lead_byte))) == 0;
}

// Bytes the normalizer surely writes for the characters that start in the 16 bytes at `p`
// (p[16] readable): one per ASCII letter or digit, two per plain Arabic letter (U+0621-063A,
// U+0641-064A; their lead bytes D8 and D9 never lie inside another character).
inline size_t SurelyWrittenBytes(const unsigned char* p) {
  const __m128i lead = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
  auto in = [](__m128i v, int low, int high) {  // low <= byte <= high, unsigned
    const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(low)));
    return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(static_cast<char>(high - low))), d);
  };
  const __m128i alnum = _mm_or_si128(in(_mm_or_si128(lead, _mm_set1_epi8(0x20)), 'a', 'z'),
                                     in(lead, '0', '9'));
  const __m128i arabic = _mm_or_si128(
      _mm_and_si128(_mm_cmpeq_epi8(lead, _mm_set1_epi8(static_cast<char>(0xD8))),
                    in(next, 0xA1, 0xBA)),
      _mm_and_si128(_mm_cmpeq_epi8(lead, _mm_set1_epi8(static_cast<char>(0xD9))),
                    in(next, 0x81, 0x8A)));
  const __m128i bytes = _mm_add_epi8(_mm_and_si128(alnum, _mm_set1_epi8(1)),
                                     _mm_and_si128(arabic, _mm_set1_epi8(2)));
  const __m128i sums = _mm_sad_epu8(bytes, _mm_setzero_si128());
  return static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
         static_cast<size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
}
#endif

// Runs `db` over `text` (under 4 GiB), calling call(ctx, end offset, id) for every match.
bool Scan(const hs_database_t* db, std::string_view text, hs_scratch_t* scratch,
          void (*call)(void*, size_t, uint32_t), void* ctx) {
  struct Context {
    void (*call)(void*, size_t, uint32_t);
    void* ctx;
  } context{call, ctx};
  auto on_match = [](unsigned id, unsigned long long, unsigned long long to, unsigned,
                     void* c) -> int {
    auto* context = static_cast<Context*>(c);
    context->call(context->ctx, static_cast<size_t>(to), id);
    return 0;
  };
  return hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_match,
                 &context) == HS_SUCCESS;
}

}  // namespace

void NormalizeForMatch(std::string_view in, std::string* out) {
  out->clear();
  AppendNormalizedForMatch(in, out);
}

void AppendNormalizedForMatch(std::string_view in, std::string* out) {
  // Every input code point of k bytes gives at most one space and one output code point, at
  // most 2k bytes in all; the fast path below also stores 4 bytes where it keeps fewer.
  // After c input bytes at most 2c bytes are out, so 2 * size + 4 bytes always suffice
  // (the ASCII chunk path writes 17 bytes for 16).
  const size_t old_size = out->size();
  out->resize(old_size + in.size() * 2 + 4);
  char* const begin = out->data() + old_size;
  char* p = begin;
  // 1 when a separator was seen since the last output character (and one is out already).
  size_t pending_space = 0;
  const unsigned char* s = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  size_t scalar_until = 0;  // after a chunk failed the fast path, its bytes go one by one
  while (i < n) {
#ifdef __SSE2__
    if (i >= scalar_until && i + 16 <= n) {
      if (NormalizeAsciiChunk(s + i, &p, &pending_space)) {
        i += 16;
        continue;
      }
      scalar_until = i + 16;
    }
#endif
    const unsigned char c = s[i];
    uint32_t entry;
    if (c < 0x80) {
      entry = kLowNorm[c];
      ++i;
    } else if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      entry = kLowNorm[((c & 0x1F) << 6) | (s[i + 1] & 0x3F)];  // Arabic, Cyrillic...
      i += 2;
      // The rest of a run of two-byte letters (an Arabic word) goes out here; the character
      // that ends the run is handled below.
      while (entry != kDropEntry && entry != kSeparatorEntry && i + 1 < n && s[i] >= 0xC2 &&
             s[i] < 0xE0 && (s[i + 1] & 0xC0) == 0x80) {
        *p = ' ';
        p += pending_space;
        pending_space = 0;
        std::memcpy(p, &entry, 4);
        p += entry >> 24;
        entry = kLowNorm[((s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F)];
        i += 2;
      }
    } else {  // three- and four-byte characters, and ill-formed bytes
      char32_t cp;
      size_t len = DecodeUtf8(in.data() + i, n - i, &cp);
      i += len == 0 ? 1 : len;
      if (cp < 0x800) {
        entry = kLowNorm[cp];
      } else {
        const char32_t folded = NormalizeCodePoint(cp, ClassifyCodePoint(cp));
        if (folded == kDrop) continue;
        if (folded == kSeparator) {
          pending_space = p != begin;
          continue;
        }
        *p = ' ';
        p += pending_space;
        pending_space = 0;
        p = PutUtf8(p, folded);
        continue;
      }
    }
    if (entry == kDropEntry) continue;  // diacritics, ZWNJ, tatweel: invisible for matching
    if (entry == kSeparatorEntry) {
      pending_space = p != begin;
      continue;
    }
    *p = ' ';
    p += pending_space;
    pending_space = 0;
    std::memcpy(p, &entry, 4);  // the high byte is overwritten by the next character
    p += entry >> 24;
  }
  out->resize(old_size + static_cast<size_t>(p - begin));
}

Status ParsePhrases(std::string_view text, std::string_view where, std::vector<Phrase>* out) {
  PhraseKind kind = kPhraseShort;
  size_t line_no = 0;
  std::string normalized;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = TrimWhitespace(StripComment(text.substr(start, nl - start)));
    start = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    if (line.front() == '[' && line.back() == ']') {
      std::string_view name = line.substr(1, line.size() - 2);
      if (name == "notice") kind = kPhraseNotice;
      else if (name == "vocab") kind = kPhraseVocab;
      else if (name == "phrase") kind = kPhraseShort;
      else if (name == "anywhere") kind = kPhraseAnywhere;
      else if (name == "button") kind = kPhraseButton;
      else if (name == "line") kind = kPhraseLine;
      else {
        return Status::InvalidArgument(std::string(where) + ":" + std::to_string(line_no) +
                                       ": unknown phrase kind [" + std::string(name) + "]");
      }
      continue;
    }
    NormalizeForMatch(line, &normalized);
    if (normalized.empty()) continue;  // only punctuation: nothing to match
    out->push_back({normalized, kind});
  }
  return Status::Ok();
}

Status LoadPhraseFile(const std::string& path, std::vector<Phrase>* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open phrase file " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read phrase file " + path);
  return ParsePhrases(buf.str(), path, out);
}

struct PhraseMatcher::Database {
  hs_database_t* db = nullptr;           // every substring phrase
  hs_database_t* anywhere_db = nullptr;  // only the [anywhere] ones (null when none)
  hs_database_t* raw_db = nullptr;       // the prefilter (null when no phrase can match)
  hs_scratch_t* prototype = nullptr;     // scratch for all three
  // What a match id says: of db and anywhere_db, the substring phrase (index in `phrases`);
  // of raw_db, the literal (index in `literals`).
  struct PhraseInfo {
    uint32_t kind;
    uint32_t size;
    bool must_start_word;
  };
  std::vector<PhraseInfo> phrases;
  struct LiteralInfo {
    uint32_t size;
    bool boundary_before;
    bool boundary_after;
  };
  std::vector<LiteralInfo> literals;
  // What a scan's callback needs to judge a match by its id and pass it on.
  struct Forward {
    const Database* db;
    std::string_view text;  // what was scanned
    void (*call)(void*, size_t, uint32_t);
    void* ctx;
  };
  ~Database() {
    if (prototype != nullptr) hs_free_scratch(prototype);
    if (raw_db != nullptr) hs_free_database(raw_db);
    if (anywhere_db != nullptr) hs_free_database(anywhere_db);
    if (db != nullptr) hs_free_database(db);
  }
};

PhraseMatcher::~PhraseMatcher() = default;

PhraseMatcher::Scratch::~Scratch() {
  if (hs_scratch_ != nullptr) hs_free_scratch(static_cast<hs_scratch_t*>(hs_scratch_));
}

Result<std::unique_ptr<PhraseMatcher>> PhraseMatcher::Build(const std::vector<Phrase>& phrases) {
  std::unique_ptr<PhraseMatcher> m(new PhraseMatcher());
  m->phrase_count_ = phrases.size();
  std::vector<const Phrase*> substrings;
  for (const Phrase& p : phrases) {
    if (p.text.empty()) continue;
    if (p.kind == kPhraseButton || p.kind == kPhraseLine) {
      m->whole_lines_[p.text] |= p.kind;
      m->longest_whole_line_ = std::max(m->longest_whole_line_, p.text.size());
      continue;
    }
    substrings.push_back(&p);
  }
  if (substrings.empty()) return m;
  if (hs_valid_platform() != HS_SUCCESS) {
    return Status::Unsupported("Hyperscan needs a CPU with SSSE3");
  }
  m->db_ = std::make_unique<Database>();
  // One literal database of `exprs` (ids and flags alongside; from the per-machine cache when
  // it holds it, see hyperscan_cache.h); null when there are none.
  auto compile = [&](const std::vector<std::string>& exprs, const std::vector<unsigned>& ids,
                     const std::vector<unsigned>& flags, hs_database_t** out) -> Status {
    if (exprs.empty()) return Status::Ok();
    const std::vector<std::string_view> literals(exprs.begin(), exprs.end());
    if (Status st = CompileLiterals(literals, flags, ids, out); !st.ok()) {
      return Status::InvalidArgument("cannot compile boilerplate phrases: " + st.message());
    }
    if (hs_alloc_scratch(*out, &m->db_->prototype) != HS_SUCCESS) {
      return Status::IoError("cannot allocate Hyperscan scratch");
    }
    return Status::Ok();
  };
  // The database of the substring phrases whose kind is in `kinds`; flags 0: every
  // occurrence (a scan covers many lines).
  for (const Phrase* p : substrings) {
    m->db_->phrases.push_back(Database::PhraseInfo{p->kind, static_cast<uint32_t>(p->text.size()),
                                                   MustStartWord(p->text)});
  }
  auto compile_phrases = [&](uint32_t kinds, hs_database_t** out) -> Status {
    std::vector<std::string> exprs;
    std::vector<unsigned> ids;
    for (size_t i = 0; i < substrings.size(); ++i) {
      if ((substrings[i]->kind & kinds) == 0) continue;
      exprs.push_back(substrings[i]->text);
      ids.push_back(static_cast<unsigned>(i));
    }
    return compile(exprs, ids, std::vector<unsigned>(exprs.size(), 0), out);
  };
  GHIRBAL_RETURN_IF_ERROR(compile_phrases(~0u, &m->db_->db));
  GHIRBAL_RETURN_IF_ERROR(compile_phrases(kPhraseAnywhere, &m->db_->anywhere_db));

  // The prefilter: the literals of each substring phrase's anchor (one per distinct literal).
  const RawTables& tables = GetRawTables();
  std::vector<std::string> exprs;
  std::vector<unsigned> ids;
  std::vector<unsigned> flags;
  std::unordered_map<std::string, size_t> seen;  // literal -> index in exprs
  std::vector<Database::LiteralInfo>& infos = m->db_->literals;
  for (const Phrase* p : substrings) {
    Anchor anchor = AnchorLiterals(p->text, kMaxAnchorSpellings, tables);
    for (std::string& literal : anchor.literals) {
      auto [it, inserted] = seen.emplace(literal, exprs.size());
      if (!inserted) {  // a boundary holds for a hit only when every phrase of it puts one
        infos[it->second].boundary_before &= anchor.boundary_before;
        infos[it->second].boundary_after &= anchor.boundary_after;
        continue;
      }
      // Caseless only where it matters: it makes Hyperscan's compilation slower.
      const bool ascii_letters = std::any_of(literal.begin(), literal.end(), [](char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
      });
      infos.push_back(Database::LiteralInfo{static_cast<uint32_t>(literal.size()),
                                            anchor.boundary_before, anchor.boundary_after});
      exprs.push_back(std::move(literal));
      ids.push_back(static_cast<unsigned>(ids.size()));
      flags.push_back(ascii_letters ? HS_FLAG_CASELESS : 0);
    }
  }
  GHIRBAL_RETURN_IF_ERROR(compile(exprs, ids, flags, &m->db_->raw_db));
  return m;
}

std::unique_ptr<PhraseMatcher::Scratch> PhraseMatcher::NewScratch() const {
  auto s = std::unique_ptr<Scratch>(new Scratch());
  if (db_ && db_->prototype != nullptr) {
    hs_scratch_t* clone = nullptr;
    // A failed clone (out of memory) leaves the scratch empty; Match then finds no substrings.
    if (hs_clone_scratch(db_->prototype, &clone) == HS_SUCCESS) s->hs_scratch_ = clone;
  }
  return s;
}

uint32_t PhraseMatcher::MatchWholeLine(std::string_view normalized) const {
  if (normalized.size() > longest_whole_line_) return 0;
  auto it = whole_lines_.find(normalized);
  return it == whole_lines_.end() ? 0 : it->second;
}

uint32_t PhraseMatcher::MatchWholeRawLine(std::string_view line, std::string* normalized) const {
  if (whole_lines_.empty()) return 0;
  // A lower bound of the normalized size: the bytes written for its one- and two-byte
  // characters (decoded as the normalizer decodes them). Past the longest phrase, no match.
  const unsigned char* s = reinterpret_cast<const unsigned char*>(line.data());
  const size_t n = line.size();
#ifdef __SSE2__
  // First the bytes surely written, 16 bytes at a time: enough to rule out most lines.
  size_t surely = 0;
  for (size_t i = 0; i + 17 <= n; i += 16) {
    surely += SurelyWrittenBytes(s + i);
    if (surely > longest_whole_line_) return 0;
  }
#endif
  size_t written = 0;
  for (size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    uint32_t entry = kSeparatorEntry;
    if (c < 0x80) {
      entry = kLowNorm[c];
      ++i;
    } else if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      entry = kLowNorm[((c & 0x1F) << 6) | (s[i + 1] & 0x3F)];
      i += 2;
    } else {
      const size_t len = Utf8SequenceLength(line.data() + i, n - i);
      i += len == 0 ? 1 : len;
    }
    if (entry != kDropEntry && entry != kSeparatorEntry) {
      written += entry >> 24;
      if (written > longest_whole_line_) return 0;
    }
  }
  // A prefix of the line normalizes to a prefix of its normalized text (a character cut in
  // two is ill-formed: a separator, and none is written at the end). When that prefix is
  // already longer than every whole-line phrase, so is the line (lines of long characters).
  const size_t head = std::min(line.size(), 2 * longest_whole_line_ + 16);
  NormalizeForMatch(line.substr(0, head), normalized);
  if (head < line.size() && normalized->size() <= longest_whole_line_) {
    NormalizeForMatch(line, normalized);
  }
  return MatchWholeLine(*normalized);
}

void PhraseMatcher::ScanSubstringsImpl(std::string_view lines, Scratch* scratch,
                                       bool anywhere_only,
                                       void (*call)(void*, size_t, uint32_t), void* ctx) const {
  if (!db_ || scratch == nullptr || scratch->hs_scratch_ == nullptr || lines.empty() ||
      lines.size() > UINT32_MAX) {
    return;
  }
  hs_database_t* db = anywhere_only ? db_->anywhere_db : db_->db;
  if (db == nullptr) return;
  Database::Forward context{db_.get(), lines, call, ctx};
  auto on_match = [](void* c, size_t end, uint32_t id) {
    const auto* context = static_cast<Database::Forward*>(c);
    const Database::PhraseInfo& phrase = context->db->phrases[id];
    if (phrase.must_start_word && end > phrase.size &&
        IsAsciiAlnum(context->text[end - phrase.size - 1])) {
      return;
    }
    context->call(context->ctx, end, phrase.kind);
  };
  Scan(db, lines, static_cast<hs_scratch_t*>(scratch->hs_scratch_), on_match, &context);
}

bool PhraseMatcher::HasDroppedCharacter(std::string_view text) {
  const RawTables& tables = GetRawTables();
  const unsigned char* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  // Steps through the text as AppendNormalizedForMatch does (ASCII never drops), so that `i`
  // is always where a character starts for it. One step: false when the character is dropped.
  auto step = [&]() {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      if (kLowNorm[((c & 0x1F) << 6) | (s[i + 1] & 0x3F)] == kDropEntry) return false;
      i += 2;
    } else {
      char32_t cp;
      const size_t len = DecodeUtf8(text.data() + i, n - i, &cp);
      if (len == 0) {
        ++i;
      } else {
        if (tables.Dropped(cp)) return false;
        i += len;
      }
    }
    return true;
  };
  while (i < n) {
#ifdef __SSE2__
    if (i + 18 <= n) {
      // 16 bytes that pass hold only one- and two-byte steps and three-byte ones that end
      // within them; a step that starts on their last byte is a pair whose second byte the
      // tests saw too.
      if (PlainChunk(s + i) || !MayHoldDropped(s + i)) {
        i += 16;
        if (s[i - 1] >= 0xC2 && s[i - 1] < 0xE0 && (s[i] & 0xC0) == 0x80) ++i;
        continue;
      }
      // Otherwise these 16 bytes are stepped through one character at a time (testing again
      // one byte later would fail again on the same byte).
      for (const size_t end = i + 16; i < end;) {
        if (!step()) return true;
      }
      continue;
    }
#endif
    if (!step()) return true;
  }
  return false;
}

bool PhraseMatcher::ScanRawImpl(std::string_view text, Scratch* scratch,
                                void (*call)(void*, size_t, uint32_t), void* ctx) const {
  if (!db_ || db_->raw_db == nullptr || text.empty()) return true;  // nothing can match
  if (scratch == nullptr || scratch->hs_scratch_ == nullptr || text.size() > UINT32_MAX) {
    return false;
  }
  Database::Forward context{db_.get(), text, call, ctx};
  auto on_hit = [](void* c, size_t end, uint32_t id) {
    const auto* context = static_cast<Database::Forward*>(c);
    const Database::LiteralInfo& literal = context->db->literals[id];
    const std::string_view text = context->text;
    const size_t begin = end - literal.size;
    if ((literal.boundary_before && begin > 0 && IsAsciiAlnum(text[begin - 1])) ||
        (literal.boundary_after && end < text.size() && IsAsciiAlnum(text[end]))) {
      return;  // the phrase puts a word boundary there, which an ASCII letter or digit is not
    }
    context->call(context->ctx, end, 0);
  };
  return Scan(db_->raw_db, text, static_cast<hs_scratch_t*>(scratch->hs_scratch_), on_hit,
              &context);
}

uint32_t PhraseMatcher::Match(std::string_view normalized, Scratch* scratch) const {
  uint32_t kinds = MatchWholeLine(normalized);
  ScanSubstrings(normalized, scratch, [&](size_t, uint32_t kind) { kinds |= kind; });
  return kinds;
}

}  // namespace ghirbal
