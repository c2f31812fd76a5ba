#include "dedup/dedup_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <xxhash.h>

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
  BmpTables() {
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (u_isUWhiteSpace(c)) space[c >> 6] |= uint64_t{1} << (c & 63);
      if (U_IS_SURROGATE(c)) continue;
      icu::UnicodeString folded(static_cast<UChar32>(c));
      folded.foldCase(U_FOLD_CASE_DEFAULT);
      if (folded.length() == 1 && folded.charAt(0) == c) fold_identity[c >> 6] |= uint64_t{1} << (c & 63);
    }
  }
};

const BmpTables& Tables() {
  static const BmpTables tables;
  return tables;
}

const BmpTables& kTables = Tables();  // built before main(): no guard in the hot loops

bool IsFoldIdentity(char32_t c) { return c < 0x10000 && ((kTables.fold_identity[c >> 6] >> (c & 63)) & 1); }

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

// The common case without ICU's UTF-16 round trip: text that is already NFC and whose code
// points fold to themselves, except ASCII capitals (Arabic, CJK, lower-case Latin...). Gives
// exactly what the reference path gives, or returns false and leaves the work to it.
bool NormalizeFast(std::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  bool pending_space = false;
  bool non_ascii = false;
  const char* p = text.data();
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = static_cast<unsigned char>(p[i]);
    if (c < 0x80) {
      ++i;
      if (IsAsciiSpace(c)) {
        pending_space = true;
        continue;
      }
      if (pending_space && !out->empty()) out->push_back(' ');
      pending_space = false;
      out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      continue;
    }
    char32_t cp;
    const size_t len = Decode(p + i, n - i, &cp);
    if (len == 0) return false;  // ill-formed: the reference path substitutes U+FFFD
    non_ascii = true;
    if (IsSpaceCodePoint(cp)) {
      pending_space = true;
    } else {
      if (!IsFoldIdentity(cp)) return false;
      if (pending_space && !out->empty()) out->push_back(' ');
      pending_space = false;
      out->append(p + i, len);
    }
    i += len;
  }
  if (!non_ascii) return true;
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
