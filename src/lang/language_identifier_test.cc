#include "lang/language_identifier.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/utf8.h"

namespace ghirbal {
namespace {

const LanguageIdentifier& Default() {
  static const LanguageIdentifier* id = LanguageIdentifier::Create(LangIdOptions{})->release();
  return *id;
}

TEST(LanguageIdentifierTest, CommonLanguagesAndScripts) {
  struct Case {
    const char* text;
    const char* language;
    const char* script;
  } cases[] = {
      {"The committee will publish its final report on the new railway next month, after the "
       "public consultation has closed.", "en", "Latn"},
      {"Le comité publiera son rapport final sur la nouvelle ligne de chemin de fer le mois "
       "prochain, après la fin de la consultation publique.", "fr", "Latn"},
      {"Комитет опубликует свой окончательный доклад о новой железной дороге в следующем месяце.",
       "ru", "Cyrl"},
      {"委员会将在下个月公布关于新铁路的最终报告，届时公众咨询已经结束。我们希望尽快开始建设。",
       "zh", "Hans"},
      {"委員會將在下個月公佈關於新鐵路的最終報告，屆時公眾諮詢已經結束。我們希望儘快開始建設。",
       "zh", "Hant"},
      {"委員会は来月、新しい鉄道に関する最終報告書を公表する予定です。パブリックコメントは終了しました。",
       "ja", "Jpan"},
      {"وزير الخارجية الصيني: قمة الصين وآسيا الوسطى معلم جديد في العلاقات بين الجانبين", "ar",
       "Arab"},
  };
  for (const Case& c : cases) {
    LangResult r = Default().Identify(c.text);
    EXPECT_EQ(r.language, c.language) << c.text;
    EXPECT_EQ(r.script, c.script) << c.text;
    EXPECT_GT(r.score, 0.4) << c.text;
    EXPECT_LE(r.score, 1.0);
    ASSERT_FALSE(r.candidates.empty());
    EXPECT_EQ(r.candidates[0].language, r.language);
    EXPECT_LE(r.candidates.size(), 3u);
  }
}

TEST(LanguageIdentifierTest, NoLettersIsUnd) {
  for (std::string text : {std::string(), std::string("12345 67.89 !!! ???"),
                           std::string("\xF0\x9F\x98\x80\xF0\x9F\x91\x8D\xF0\x9F\x8E\x89"),
                           std::string("\xFF\xFE\xFD"), std::string("\0\0\0", 3)}) {
    LangResult r = Default().Identify(text);
    EXPECT_EQ(r.language, "und");
    EXPECT_EQ(r.script, "Zyyy");
    EXPECT_EQ(r.score, 0);
    EXPECT_TRUE(r.candidates.empty());
  }
}

TEST(LanguageIdentifierTest, InvalidUtf8AndControlsStillIdentified) {
  std::string text =
      "The committee will publish \xFF\xC3 its final report on the new railway \x01\x02 next "
      "month, after the public consultation has closed.";
  EXPECT_EQ(Default().Identify(text).language, "en");
  // Characters CLD2 refuses (C1 controls, noncharacters of the BMP and of plane 1) among
  // accepted ones with the same lead bytes (NBSP, U+FEFF-adjacent U+FB01, U+1F600).
  text =
      "The committee \xC2\x85 will publish\xC2\xA0its final \xEF\xB7\x90 report \xEF\xAC\x81 "
      "on the new \xEF\xBF\xBE railway next \xF0\x9F\xBF\xBF month \xF0\x9F\x98\x80, after "
      "the public consultation has closed.";
  LangResult r = Default().Identify(text);
  EXPECT_EQ(r.language, "en");
  EXPECT_GT(r.score, 0.5);
}

TEST(LanguageIdentifierTest, RandomBytesNeverCrash) {
  std::mt19937 rng(3);
  for (int i = 0; i < 300; ++i) {
    std::string s(rng() % 400, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    LangResult r = Default().Identify(s);
    EXPECT_GE(r.score, 0);
    EXPECT_LE(r.score, 1);
    EXPECT_FALSE(r.language.empty());
  }
}

TEST(LanguageIdentifierTest, MixedScriptTakesTheMajority) {
  LangResult r = Default().Identify(
      "The committee will publish its final report on the new railway next month, after the "
      "public consultation has closed. It was called القطار in the Arabic press.");
  EXPECT_EQ(r.language, "en");
  EXPECT_EQ(r.script, "Latn");
}

TEST(LanguageIdentifierTest, LongTextsAreSampled) {
  std::string para =
      "El comité publicará su informe final sobre la nueva línea de ferrocarril el próximo mes, "
      "después de que haya terminado la consulta pública. ";
  std::string text;
  while (text.size() < 200000) text += para;
  std::string sample = SampleForLanguageId(text, 8192);
  EXPECT_LE(sample.size(), 8192u + 1);
  EXPECT_GE(sample.size(), 8192u - 8);
  EXPECT_TRUE(IsValidUtf8(sample));
  EXPECT_EQ(SampleForLanguageId("short", 8192), "short");
  LangResult r = Default().Identify(text);
  EXPECT_EQ(r.language, "es");
  // Cutting at every position keeps code points whole.
  std::string arabic;
  while (arabic.size() < 300) arabic += "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8";
  for (size_t max = 64; max < 200; ++max) {
    EXPECT_TRUE(IsValidUtf8(SampleForLanguageId(arabic, max))) << max;
  }
}

TEST(LanguageIdentifierTest, SpellingRulesSeparateCloseLanguages) {
  // Written for this test. Whatever CLD2 alone says, the spelling rules name the language, and
  // report when they changed CLD2's pick.
  const std::string scots =
      "The bairns gaed oot tae play in the gairden efter their denner, an the auld wife watched "
      "frae the windae. Naebody kent whit wad happen wi the weather, but aw the fowk in the toun "
      "were richt gled o the sun.";
  LangResult r = Default().Identify(scots);
  EXPECT_EQ(r.language, "sco");
  EXPECT_GT(r.score, 0.3);
  LangIdOptions off;
  off.spelling_rules = false;
  auto plain = LanguageIdentifier::Create(off);
  ASSERT_TRUE(plain.ok());
  LangResult cld2 = (*plain)->Identify(scots);
  EXPECT_EQ(r.letters_used, cld2.language != "sco");

  const std::string serbian =
      "Predsednik je juče rekao da će vlada posle sednice doneti odluku o ceni struje. Deca su "
      "se vratila kući pre podne, a vreme je bilo lepo.";
  EXPECT_EQ(Default().Identify(serbian).language, "sr");
  const std::string croatian =
      "Tko želi sudjelovati u radu sveučilišta, mora se prijaviti do kraja tjedna. Nitko nije "
      "očekivao da će doći više od tisuću studenata, ali znanstvenici su bili zadovoljni.";
  EXPECT_EQ(Default().Identify(croatian).language, "hr");
  const std::string bosnian =
      "Svako ko želi učestvovati u radu univerziteta mora se prijaviti prije kraja sedmice. Niko "
      "nije očekivao da će doći više od hiljadu studenata, a gdje će svi sjediti, to niko ne zna.";
  EXPECT_EQ(Default().Identify(bosnian).language, "bs");
}

TEST(LanguageIdentifierTest, ScriptShortcut) {
  LangIdOptions off;
  off.script_shortcut = false;
  auto model = LanguageIdentifier::Create(off);
  ASSERT_TRUE(model.ok());
  struct Case {
    const char* text;
    const char* language;
  } cases[] = {
      {"Η επιτροπή θα δημοσιεύσει την τελική της έκθεση για τη νέα σιδηροδρομική γραμμή τον "
       "επόμενο μήνα.", "el"},
      {"คณะกรรมการจะเผยแพร่รายงานฉบับสุดท้ายเกี่ยวกับทางรถไฟสายใหม่ในเดือนหน้า", "th"},
      {"위원회는 다음 달에 새 철도에 관한 최종 보고서를 발표할 예정입니다.", "ko"},
      {"ועדת התכנון תפרסם את הדוח הסופי שלה על מסילת הרכבת החדשה בחודש הבא.", "he"},
  };
  for (const Case& c : cases) {
    LangResult fast = Default().Identify(c.text);
    EXPECT_EQ(fast.language, c.language) << c.text;
    EXPECT_GE(fast.score, 0.9);
    ASSERT_EQ(fast.candidates.size(), 1u);
    EXPECT_EQ((*model)->Identify(c.text).language, c.language) << c.text;  // CLD2 agrees
  }
  // Chinese with one katakana word is not Japanese; Yiddish letters keep Hebrew script from
  // the shortcut.
  EXPECT_EQ(Default().Identify("委员会将在下个月公布关于新铁路的最终报告，届时公众咨询已经结束。"
                               "我们希望尽快开始建设，并在明年完成コンピュータ系统的升级。")
                .language,
            "zh");
  EXPECT_NE(Default().Identify("אַלע מענטשן װערן געבױרן פֿרײַ און גלײַך אין כּבֿוד און רעכט. "
                               "זײ זײַנען באַשאָנקן מיט פֿאַרשטאַנד און געװיסן.")
                .language,
            "he");
}

TEST(LanguageIdentifierTest, TwoStepReading) {
  LangIdOptions one_step;
  one_step.first_pass_bytes = 0;
  auto whole = LanguageIdentifier::Create(one_step);
  ASSERT_TRUE(whole.ok());
  std::string en, es, mixed;
  while (en.size() < 3000) en += "The committee will publish its final report on the railway. ";
  while (es.size() < 3000) es += "El comité publicará su informe final sobre el ferrocarril. ";
  EXPECT_EQ(Default().Identify(en).language, "en");
  EXPECT_EQ(Default().Identify(es).language, "es");
  EXPECT_EQ((*whole)->Identify(en).language, "en");
  // Half English, half Spanish: the first step is unsure, the rest is read, both are named.
  mixed = en.substr(0, 1000) + " " + es.substr(0, 1000);
  LangResult two = Default().Identify(mixed);
  ASSERT_GE(two.candidates.size(), 2u);
  EXPECT_TRUE((two.candidates[0].language == "en" && two.candidates[1].language == "es") ||
              (two.candidates[0].language == "es" && two.candidates[1].language == "en"));
  EXPECT_LT(two.score, 0.9);
  LangIdOptions bad;
  bad.first_pass_bytes = 10;
  EXPECT_FALSE(LanguageIdentifier::Create(bad).ok());
}

TEST(LanguageIdentifierTest, BadOptions) {
  LangIdOptions o;
  o.max_bytes = 10;
  EXPECT_FALSE(LanguageIdentifier::Create(o).ok());
  o = LangIdOptions{};
  o.candidates = 0;
  EXPECT_FALSE(LanguageIdentifier::Create(o).ok());
  o = LangIdOptions{};
  o.model = "/nonexistent.bin";
  EXPECT_FALSE(LanguageIdentifier::Create(o).ok());
}

}  // namespace
}  // namespace ghirbal
