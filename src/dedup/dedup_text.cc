#include "dedup/dedup_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <xxhash.h>

#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/utf8.h"

namespace ghirbal::dedup {
namespace {

// The ASCII members of Unicode's White_Space property.
bool IsAsciiSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// ICU property lookups cost ~10 ns a call; the Basic Multilingual Plane's answers are
// precomputed once into bit tables (8 KiB each).
struct BmpTables {
  uint64_t space[1024] = {};
  uint64_t fold_identity[1024] = {};  // full case folding leaves the code point as it is
  // Folds to itself, NFC_Quick_Check=Yes and canonical combining class 0: a text of such code
  // points (ASCII included) is NFC whatever their order, as the NFC quick check says.
  uint64_t stable[1024] = {};
  uint64_t stable_not_space[32] = {};  // the same minus white space, below U+0800
  BmpTables() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (u_isUWhiteSpace(c)) space[c >> 6] |= uint64_t{1} << (c & 63);
      if (U_IS_SURROGATE(c)) continue;
      icu::UnicodeString folded(static_cast<UChar32>(c));
      folded.foldCase(U_FOLD_CASE_DEFAULT);
      if (folded.length() != 1 || folded.charAt(0) != c) continue;
      fold_identity[c >> 6] |= uint64_t{1} << (c & 63);
      if (U_SUCCESS(status) && nfc->getCombiningClass(c) == 0 &&
          u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES) {
        stable[c >> 6] |= uint64_t{1} << (c & 63);
        if (c < 0x800 && !u_isUWhiteSpace(c)) stable_not_space[c >> 6] |= uint64_t{1} << (c & 63);
      }
    }
  }
};

const BmpTables& Tables() {
  static const BmpTables tables;
  return tables;
}

const BmpTables& kTables = Tables();  // built before main(): no guard in the hot loops

bool InTable(const uint64_t* table, char32_t c) {
  return c < 0x10000 && ((table[c >> 6] >> (c & 63)) & 1);
}

bool IsSpaceCodePoint(char32_t c) {
  if (c < 0x10000) return (kTables.space[c >> 6] >> (c & 63)) & 1;
  return u_isUWhiteSpace(c);
}

// DecodeUtf8 with the two-byte sequences (Arabic, Cyrillic, Greek, Hebrew...) inline.
inline size_t Decode(const char* p, size_t avail, char32_t* cp) {
  const unsigned char c = static_cast<unsigned char>(p[0]);
  if (c >= 0xC2 && c <= 0xDF && avail >= 2 && (static_cast<unsigned char>(p[1]) & 0xC0) == 0x80) {
    *cp = (static_cast<char32_t>(c & 0x1F) << 6) | (static_cast<unsigned char>(p[1]) & 0x3F);
    return 2;
  }
  return DecodeUtf8(p, avail, cp);
}

// Whether `p` (at least 2 bytes) starts with a two-byte sequence (Arabic, Cyrillic, Greek,
// Hebrew...) of a `stable` code point that is not white space.
inline bool IsStableTwoByteLetter(const char* p) {
  const unsigned char c0 = static_cast<unsigned char>(p[0]);
  const unsigned char c1 = static_cast<unsigned char>(p[1]);
  if (c0 < 0xC2 || c0 > 0xDF || (c1 & 0xC0) != 0x80) return false;
  const unsigned cp = (static_cast<unsigned>(c0 & 0x1F) << 6) | (c1 & 0x3F);
  return (kTables.stable_not_space[cp >> 6] >> (cp & 63)) & 1;
}

#ifdef __SSE2__
// Copies 16 bytes of ASCII at `p` lower-cased to `o` when they need nothing else: no byte at or
// below ' ' but single spaces, neither first nor next to another. Returns the bytes consumed
// (16, or 0 when the scalar loop must take over); a final space is consumed but not written
// (pending, like the scalar loop's), so *written may be 15.
inline size_t CopyAsciiChunk(const char* p, char* o, size_t* written) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  // Non-ASCII bytes are negative as signed bytes, so "<= ' '" catches them too.
  const __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x21));
  const __m128i space = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
  const unsigned low_mask = static_cast<unsigned>(_mm_movemask_epi8(low));
  const unsigned space_mask = static_cast<unsigned>(_mm_movemask_epi8(space));
  if (low_mask != space_mask || (space_mask & 1) || (space_mask & (space_mask >> 1))) return 0;
  const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                      _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(o),
                   _mm_add_epi8(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
  *written = (space_mask & 0x8000) ? 15 : 16;
  return 16;
}
#endif

// The common case without ICU's UTF-16 round trip: text whose code points fold to themselves,
// except ASCII capitals (Arabic, CJK, lower-case Latin...), and that is already NFC. Gives
// exactly what the reference path gives, or returns false and leaves the work to it.
bool NormalizeFast(std::string_view text, std::string* out) {
  // Nothing grows: ASCII capitals fold to one byte, other code points are copied and runs of
  // white space become at most one space. So the output is written through a raw pointer and
  // never runs ahead of the input (o - begin <= i).
  out->resize(text.size());
  char* const begin = out->data();
  char* o = begin;
  bool pending_space = false;
  bool check_nfc = false;  // a code point that is not `stable` was seen
  const char* p = text.data();
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = static_cast<unsigned char>(p[i]);
    if (c < 0x80) {
#ifdef __SSE2__
      if (c > ' ' && i + 16 <= n) {
        if (pending_space && o != begin) *o++ = ' ';
        pending_space = false;
        size_t written = 0;
        if (const size_t used = CopyAsciiChunk(p + i, o, &written); used > 0) {
          o += written;
          pending_space = written < used;
          i += used;
          continue;
        }
      }
#endif
      ++i;
      if (IsAsciiSpace(c)) {
        pending_space = true;
        continue;
      }
      if (pending_space && o != begin) *o++ = ' ';
      pending_space = false;
      *o++ = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      continue;
    }
    char32_t cp;
    const size_t len = Decode(p + i, n - i, &cp);
    if (len == 0) return false;  // ill-formed: the reference path substitutes U+FFFD
    if (IsSpaceCodePoint(cp)) {
      pending_space = true;
    } else {
      if (!InTable(kTables.stable, cp)) {
        if (!InTable(kTables.fold_identity, cp)) return false;
        check_nfc = true;
      }
      if (pending_space && o != begin) *o++ = ' ';
      pending_space = false;
      memcpy(o, p + i, len);
      o += len;
      i += len;
      // The rest of a word of two-byte letters, in an inner loop.
      while (i + 2 <= n && IsStableTwoByteLetter(p + i)) {
        o[0] = p[i];
        o[1] = p[i + 1];
        o += 2;
        i += 2;
      }
      continue;
    }
    i += len;
  }
  out->resize(static_cast<size_t>(o - begin));
  if (!check_nfc) return true;
  // Collapsing white space never changes the normalization of what is around it, so the
  // output is NFC when the input is.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  const bool normalized = nfc->isNormalizedUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), status);
  return U_SUCCESS(status) && normalized;
}

}  // namespace

void NormalizeForDedup(std::string_view text, std::string* out) {
  if (!NormalizeFast(text, out)) NormalizeForDedupReference(text, out);
}

void NormalizeForDedupReference(std::string_view text, std::string* out) {
  out->clear();
  bool pending_space = false;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  // Most text is already NFC: the quick check avoids a copy.
  if (U_SUCCESS(status) && nfc->quickCheck(u, status) != UNORM_YES && U_SUCCESS(status)) {
    icu::UnicodeString normalized = nfc->normalize(u, status);
    if (U_SUCCESS(status)) u = std::move(normalized);
  }
  u.foldCase(U_FOLD_CASE_DEFAULT);
  // Folding can leave text that is not NFC (U+0130 folds to i + combining dot): normalize
  // again, so normalized text is a fixed point.
  if (U_SUCCESS(status) && nfc->quickCheck(u, status) != UNORM_YES && U_SUCCESS(status)) {
    icu::UnicodeString normalized = nfc->normalize(u, status);
    if (U_SUCCESS(status)) u = std::move(normalized);
  }
  const char16_t* p = u.getBuffer();
  const int32_t n = u.length();
  // At most 3 UTF-8 bytes per UTF-16 unit; written through a raw pointer, trimmed at the end.
  out->resize(static_cast<size_t>(n) * 3);
  char* o = out->data();
  char* const begin = o;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(p, i, n, c);
    if (IsSpaceCodePoint(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && o != begin) *o++ = ' ';
    pending_space = false;
    if (U_IS_SURROGATE(c)) c = 0xFFFD;
    if (c < 0x80) {
      *o++ = static_cast<char>(c);
    } else if (c < 0x800) {
      *o++ = static_cast<char>(0xC0 | (c >> 6));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      *o++ = static_cast<char>(0xE0 | (c >> 12));
      *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      *o++ = static_cast<char>(0xF0 | (c >> 18));
      *o++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  out->resize(o - begin);
}

Hash128 HashText128(std::string_view s) {
  XXH128_hash_t h = XXH3_128bits(s.data(), s.size());
  return {h.high64, h.low64};
}

uint64_t HashText64(std::string_view s, uint64_t seed) { return XXH3_64bits_withSeed(s.data(), s.size(), seed); }

}  // namespace ghirbal::dedup
