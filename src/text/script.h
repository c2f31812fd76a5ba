// Script detection: which writing system (ISO 15924) the letters of a text are written in.
//
// Only letters count (general category L*): digits, punctuation, symbols and emoji are shared
// by every script and say nothing. Han, Hiragana and Katakana are reported together as "Jpan"
// when kana are present, Han alone as "Hani" (the language identifier refines it to "Hans" or
// "Hant"), Hangul (with or without Han) as "Kore".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ghirbal {

// The result of counting the letters of a text by script.
struct ScriptInfo {
  std::string script = "Zyyy";  // ISO 15924 code of the most frequent script; "Zyyy" = no letters
  double share = 0;             // fraction of the letters in that script, 0..1
  int64_t letters = 0;          // letters counted
};

// Counts the letters of the first `max_bytes` of `text` (at a code point boundary) by script.
// Ill-formed UTF-8 bytes are skipped. Thread-safe; allocates nothing beyond the result.
ScriptInfo DetectScript(std::string_view text, size_t max_bytes = 64 * 1024);

// For tests: the ICU script code (UScriptCode) DetectScript counts `cp` under, from its fast
// table (`fast`) or from ICU; USCRIPT_INVALID_CODE (-1) when `cp` is not a letter or, for the
// fast table, not in it.
int ScriptOfLetterForTest(char32_t cp, bool fast);

// The ISO 15924 code of one code point's script as ICU sees it ("Latn", "Arab", "Zyyy" for
// common characters, "Zinh" for inherited marks).
std::string_view ScriptCodeOf(char32_t cp);

}  // namespace ghirbal
