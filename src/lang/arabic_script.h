// Arabic-script languages told apart by their letters.
//
// Statistical models confuse the languages written in Arabic script: CLD2 calls most Pashto
// Persian and some Arabic-script South Azerbaijani Turkish. Yet each of these languages has
// letters the others never use: Persian پ چ ژ گ with ک ی (no ة ك ي), Urdu ٹ ڈ ڑ ں ے ہ,
// Pashto ټ ډ ړ ږ ښ ځ څ ۍ ڼ, Sorani Kurdish ڕ ڵ ێ (with ە ۆ), Uyghur ۇ ۈ ۋ ڭ (with ە ى ې),
// Sindhi ڄ ڃ ڇ ڊ ڌ ڍ ڏ ڙ ڦ ڪ ڳ ڻ ٻ ٺ ٽ ٿ ڀ ڱ, South Azerbaijani ؤ ۆ for its rounded vowels
// next to the Persian letters. Counting them (per thousand Arabic letters) settles what the model
// only guesses. The rules are letter classes, not word lists, so they carry to unseen text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ghirbal {

// Counts of telling letter classes among the Arabic-script letters of a text.
struct ArabicLetterProfile {
  int64_t letters = 0;         // all letters (any script)
  int64_t arabic_letters = 0;  // letters of the Arabic blocks
  int64_t sindhi = 0;          // ڄ ڃ ڇ ڊ ڌ ڍ ڏ ڙ ڦ ڪ ڳ ڻ ٻ ٺ ٽ ٿ ڀ ڱ
  int64_t pashto = 0;          // ټ ډ ړ ږ ښ ځ څ ۍ ڼ
  int64_t urdu = 0;            // ٹ ڈ ڑ ں ے ہ
  int64_t sorani = 0;          // ڕ ڵ ێ
  int64_t uyghur = 0;          // ۇ ۈ ۋ ڭ
  int64_t ae = 0;              // ە (Sorani, Uyghur)
  int64_t oe = 0;              // ۆ (Sorani, Uyghur, South Azerbaijani)
  int64_t waw_hamza = 0;       // ؤ
  int64_t persian = 0;         // پ چ ژ گ ک ی
  int64_t arabic = 0;          // ة ك ي ى

  // Rate of a count per thousand Arabic letters.
  double PerMille(int64_t count) const {
    return arabic_letters == 0 ? 0 : 1000.0 * static_cast<double>(count) /
                                         static_cast<double>(arabic_letters);
  }
};

// Profiles the first `max_bytes` of `text`. Ill-formed UTF-8 is skipped.
ArabicLetterProfile ProfileArabicLetters(std::string_view text, size_t max_bytes = 64 * 1024);

// The language the letters of an Arabic-script text support, given the model's language
// `model_language` (canonical code). Returns `model_language` unchanged when the letters do not
// contradict it, or when the text is not mostly Arabic script or too short to judge (fewer than
// kMinArabicLetters Arabic letters). Possible answers besides the model's: ar, fa, ur, ps, ckb,
// ug, sd, azb. A Turkic label (tr, az, uz, tk) on Persian-lettered text with ؤ/ۆ becomes azb:
// Arabic-script Southern Uzbek or Turkmen would be called azb too (no model here knows them).
std::string DisambiguateArabicScript(const ArabicLetterProfile& profile,
                                     std::string_view model_language);

inline constexpr int64_t kMinArabicLetters = 20;

}  // namespace ghirbal
