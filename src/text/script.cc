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

ScriptInfo DetectScript(std::string_view text, size_t max_bytes) {
  // Counts per ICU script code; USCRIPT_CODE_LIMIT is a few hundred, a fixed array is cheap.
  std::array<int64_t, USCRIPT_CODE_LIMIT> counts{};
  size_t end = text.size() < max_bytes ? text.size() : max_bytes;
  const char* p = text.data();
  size_t i = 0;
  int64_t letters = 0;
  while (i < end) {
    unsigned char c = static_cast<unsigned char>(p[i]);
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
