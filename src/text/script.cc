#include "text/script.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>

#include "core/utf8.h"

namespace ghirbal {

std::string_view ScriptCodeOf(char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode code = uscript_getScript(static_cast<UChar32>(cp), &status);
  if (U_FAILURE(status)) return "Zzzz";
  const char* name = uscript_getShortName(code);
  return name == nullptr ? "Zzzz" : name;
}

namespace {

// The script of a letter in the busiest blocks (Latin-1 and Latin Extended letters, Cyrillic,
// Arabic letters, Han, kana, Hangul syllables), known without asking ICU; USCRIPT_INVALID_CODE
// for anything else, which ICU then decides. Checked against ICU code point by code point
// (script_test.cc).
UScriptCode FastLetterScript(char32_t cp) {
  if (cp < 0x0250) {
    return (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7) ? USCRIPT_LATIN : USCRIPT_INVALID_CODE;
  }
  if (cp >= 0x0400 && cp <= 0x04FF) {
    return (cp <= 0x0481 || cp >= 0x048A) ? USCRIPT_CYRILLIC : USCRIPT_INVALID_CODE;
  }
  if (cp >= 0x0620 && cp <= 0x064A) return cp != 0x0640 ? USCRIPT_ARABIC : USCRIPT_INVALID_CODE;
  if (cp >= 0x4E00 && cp <= 0x9FFF) return USCRIPT_HAN;
  if (cp >= 0x3041 && cp <= 0x3096) return USCRIPT_HIRAGANA;
  if (cp >= 0x30A1 && cp <= 0x30FA) return USCRIPT_KATAKANA;
  if (cp >= 0xAC00 && cp <= 0xD7A3) return USCRIPT_HANGUL;
  return USCRIPT_INVALID_CODE;
}

}  // namespace

int ScriptOfLetterForTest(char32_t cp, bool fast) {
  if (fast) return FastLetterScript(cp);
  if (!u_isalpha(static_cast<UChar32>(cp))) return USCRIPT_INVALID_CODE;
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode code = uscript_getScript(static_cast<UChar32>(cp), &status);
  return U_FAILURE(status) ? USCRIPT_INVALID_CODE : code;
}

ScriptInfo DetectScript(std::string_view text, size_t max_bytes) {
  // Counts per ICU script code; USCRIPT_CODE_LIMIT is a few hundred, a fixed array is cheap.
  std::array<int64_t, USCRIPT_CODE_LIMIT> counts{};
  size_t end = text.size() < max_bytes ? text.size() : max_bytes;
  const char* p = text.data();
  size_t i = 0;
  int64_t letters = 0;
  while (i < end) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c < 0x80 && i + 16 <= end) {
      // 16 bytes at a time while they are all ASCII: a fixed-length loop the compiler vectorizes.
      unsigned char any_high = 0;
      int64_t ascii_letters = 0;
      for (size_t j = 0; j < 16; ++j) {
        unsigned char b = static_cast<unsigned char>(p[i + j]);
        any_high |= b;
        ascii_letters += static_cast<unsigned char>((b | 0x20) - 'a') < 26;
      }
      if (any_high < 0x80) {
        counts[USCRIPT_LATIN] += ascii_letters;
        letters += ascii_letters;
        i += 16;
        continue;
      }
    }
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        ++counts[USCRIPT_LATIN];
        ++letters;
      }
      ++i;
      continue;
    }
    char32_t cp;
    size_t len = DecodeUtf8(p + i, text.size() - i, &cp);
    if (len == 0) {
      ++i;
      continue;
    }
    i += len;
    if (UScriptCode fast = FastLetterScript(cp); fast != USCRIPT_INVALID_CODE) {
      ++counts[fast];
      ++letters;
      continue;
    }
    if (!u_isalpha(static_cast<UChar32>(cp))) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript(static_cast<UChar32>(cp), &status);
    if (U_FAILURE(status) || code < 0 || code >= USCRIPT_CODE_LIMIT) continue;
    ++counts[code];
    ++letters;
  }
  ScriptInfo info;
  info.letters = letters;
  if (letters == 0) return info;
  // Han, kana and Hangul are one writing system for Japanese and Korean text.
  int64_t kana = counts[USCRIPT_HIRAGANA] + counts[USCRIPT_KATAKANA];
  int64_t han = counts[USCRIPT_HAN];
  int64_t hangul = counts[USCRIPT_HANGUL];
  if (hangul > 0) {
    counts[USCRIPT_KOREAN] = hangul + han;
    counts[USCRIPT_HANGUL] = counts[USCRIPT_HAN] = 0;
  } else if (kana > 0) {
    counts[USCRIPT_JAPANESE] = kana + han;
    counts[USCRIPT_HIRAGANA] = counts[USCRIPT_KATAKANA] = counts[USCRIPT_HAN] = 0;
  }
  int best = 0;
  for (int s = 1; s < USCRIPT_CODE_LIMIT; ++s) {
    if (counts[s] > counts[best]) best = s;
  }
  const char* name = uscript_getShortName(static_cast<UScriptCode>(best));
  info.script = name == nullptr ? "Zzzz" : name;
  info.share = static_cast<double>(counts[best]) / static_cast<double>(letters);
  return info;
}

}  // namespace ghirbal
