#include "lang/language_codes.h"

#include <gtest/gtest.h>

namespace ghirbal {
namespace {

void ExpectLabel(std::string_view in, std::string_view language, std::string_view script = "") {
  LanguageLabel l = CanonicalLanguage(in);
  EXPECT_EQ(l.language, language) << in;
  EXPECT_EQ(l.script, script) << in;
}

TEST(CanonicalLanguageTest, FastTextFormats) {
  ExpectLabel("__label__ar", "ar");                 // lid.176
  ExpectLabel("__label__arb_Arab", "ar", "Arab");   // OpenLID / GlotLID
  ExpectLabel("__label__pes_Arab", "fa", "Arab");
  ExpectLabel("__label__prs_Arab", "fa", "Arab");
  ExpectLabel("__label__pbu_Arab", "ps", "Arab");
  ExpectLabel("__label__pbt_Arab", "ps", "Arab");
  ExpectLabel("__label__pst_Arab", "ps", "Arab");
  ExpectLabel("__label__urd_Arab", "ur", "Arab");
  ExpectLabel("__label__ckb_Arab", "ckb", "Arab");
  ExpectLabel("__label__uig_Arab", "ug", "Arab");
  ExpectLabel("__label__snd_Arab", "sd", "Arab");
  ExpectLabel("__label__azb_Arab", "azb", "Arab");
  ExpectLabel("__label__zho_Hans", "zh", "Hans");
  ExpectLabel("__label__zho_Hant", "zh", "Hant");
  ExpectLabel("__label__cmn_Hani", "zh", "Hani");
  ExpectLabel("__label__eng_Latn", "en", "Latn");
  ExpectLabel("__label__arz_Arab", "arz", "Arab");  // dialects stay themselves
}

TEST(CanonicalLanguageTest, Cld2AndBcp47) {
  ExpectLabel("zh-Hant", "zh", "Hant");
  ExpectLabel("zh-TW", "zh", "Hant");
  ExpectLabel("zh_CN", "zh", "Hans");
  ExpectLabel("iw", "he");
  ExpectLabel("jw", "jv");
  ExpectLabel("no", "nb");
  ExpectLabel("fa-AF", "fa");
  ExpectLabel("AR-eg", "ar");
  ExpectLabel("ckb-Latn", "ckb", "Latn");
  ExpectLabel("sr-Cyrl", "sr", "Cyrl");
  ExpectLabel("de-1901", "de");
  ExpectLabel("fra", "fr");
  ExpectLabel("ger", "de");
  ExpectLabel("kmr", "ku");
}

TEST(CanonicalLanguageTest, Unknown) {
  for (const char* s : {"", "un", "xx", "zxx", "und", "x", "toolong", "12", "__label__"}) {
    ExpectLabel(s, "und");
  }
}

}  // namespace
}  // namespace ghirbal
