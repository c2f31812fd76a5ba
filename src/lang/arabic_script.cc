#include "lang/arabic_script.h"

#include <unicode/uchar.h>

#include <initializer_list>

#include "core/utf8.h"

namespace ghirbal {
namespace {

// A language's own letters must reach this rate (per thousand Arabic letters) and be twice as
// frequent as any other language's own letters. Real text in these languages has 25..150 per
// thousand (measured on UDHR texts); a loanword or a quoted name in another language stays far
// below.
constexpr double kOwnLettersMin = 8;
// Below this rate a language's own letters count as absent.
constexpr double kOwnLettersAbsent = 2;
// Persian-vs-Arabic and Turkic-vowel evidence thresholds (per thousand).
constexpr double kClassMin = 5;
constexpr double kRoundedVowelsMin = 10;

bool IsArabicBlock(char32_t c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF);
}

void Count(char32_t c, ArabicLetterProfile* p) {
  switch (c) {
    case 0x0684: case 0x0683: case 0x0687: case 0x068A: case 0x068C: case 0x068D: case 0x068F:
    case 0x0699: case 0x06A6: case 0x06AA: case 0x06B3: case 0x06BB: case 0x067B: case 0x067A:
    case 0x067D: case 0x067F: case 0x0680: case 0x06B1:
      ++p->sindhi;
      break;
    case 0x067C: case 0x0689: case 0x0693: case 0x0696: case 0x069A: case 0x0681: case 0x0685:
    case 0x06CD: case 0x06BC:
      ++p->pashto;
      break;
    case 0x0679: case 0x0688: case 0x0691: case 0x06BA: case 0x06D2: case 0x06C1:
      ++p->urdu;
      break;
    case 0x0695: case 0x06B5: case 0x06CE:
      ++p->sorani;
      break;
    case 0x06C7: case 0x06C8: case 0x06CB: case 0x06AD:
      ++p->uyghur;
      break;
    case 0x06D5: ++p->ae; break;
    case 0x06C6: ++p->oe; break;
    case 0x0624: ++p->waw_hamza; break;
    case 0x067E: case 0x0686: case 0x0698: case 0x06AF: case 0x06A9: case 0x06CC:
      ++p->persian;
      break;
    case 0x0629: case 0x0643: case 0x064A: case 0x0649:
      ++p->arabic;
      break;
    default:
      break;
  }
}

bool In(std::string_view x, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set) {
    if (x == s) return true;
  }
  return false;
}

// Labels a model gives Turkic text in Arabic script: CLD2 says "tr" or "uz" for South
// Azerbaijani, which it does not know.
bool IsTurkic(std::string_view language) {
  return In(language, {"azb", "az", "tr", "uz", "tk"});
}

}  // namespace

ArabicLetterProfile ProfileArabicLetters(std::string_view text, size_t max_bytes) {
  ArabicLetterProfile p;
  size_t end = text.size() < max_bytes ? text.size() : max_bytes;
  const char* s = text.data();
  for (size_t i = 0; i < end;) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') ++p.letters;
      ++i;
      continue;
    }
    char32_t c;
    size_t len = DecodeUtf8(s + i, text.size() - i, &c);
    i += len == 0 ? 1 : len;
    if (len == 0 || !u_isalpha(static_cast<UChar32>(c))) continue;
    ++p.letters;
    if (!IsArabicBlock(c)) continue;
    ++p.arabic_letters;
    Count(c, &p);
  }
  return p;
}

std::string DisambiguateArabicScript(const ArabicLetterProfile& p, std::string_view model) {
  if (p.arabic_letters < kMinArabicLetters || p.arabic_letters * 2 < p.letters) {
    return std::string(model);
  }
  // 1. A language's own letters, clearly ahead of every other language's.
  struct Own {
    std::string_view language;
    double rate;
  };
  const Own own[] = {{"sd", p.PerMille(p.sindhi)}, {"ps", p.PerMille(p.pashto)},
                     {"ur", p.PerMille(p.urdu)},   {"ckb", p.PerMille(p.sorani)},
                     {"ug", p.PerMille(p.uyghur)}};
  const Own* best = &own[0];
  double second = 0;
  for (const Own& o : own) {
    if (o.rate > best->rate) best = &o;
  }
  for (const Own& o : own) {
    if (&o != best && o.rate > second) second = o.rate;
  }
  if (best->rate >= kOwnLettersMin && best->rate >= 2 * second) return std::string(best->language);

  // The rest only arbitrates within the family of Arabic-script languages (and Turkic labels,
  // which a model gives Arabic-script South Azerbaijani).
  if (!In(model, {"ar", "fa", "ur", "ps", "sd", "ckb", "ku", "ug", "und"}) && !IsTurkic(model)) {
    return std::string(model);
  }
  // 2. A model's pick among the languages with own letters stands only if some are there.
  if (model == "ku") model = "ckb";  // Kurdish in Arabic script is Sorani
  for (const Own& o : own) {
    if (o.language == model) {
      if (o.rate >= kOwnLettersAbsent) return std::string(model);
      model = "und";  // contradicted: decide from the letters below
      break;
    }
  }
  // 3. South Azerbaijani: Persian letters with the rounded vowels ؤ ۆ, and no ە (Sorani/Uyghur).
  double persian = p.PerMille(p.persian);
  double arabic = p.PerMille(p.arabic);
  double rounded = p.PerMille(p.waw_hamza) + p.PerMille(p.oe);
  if (IsTurkic(model) && rounded >= kOwnLettersAbsent && persian > arabic) return "azb";
  if (rounded >= kRoundedVowelsMin && persian >= kClassMin && persian > arabic &&
      p.PerMille(p.ae) < kClassMin) {
    return "azb";
  }
  // 4. Persian or Arabic: پ چ ژ گ ک ی against ة ك ي ى.
  if (persian >= kClassMin && persian > 2 * arabic) return "fa";
  if (arabic >= kClassMin && arabic > 2 * persian) return "ar";
  return std::string(model);
}

}  // namespace ghirbal
