#include "lang/close_languages.h"

#include <gtest/gtest.h>

#include <string>

namespace ghirbal {
namespace {

// Texts written for these tests (not taken from any evaluation set).
constexpr const char* kSerbianLatin =
    "Predsednik je juče rekao da će vlada posle sednice doneti odluku o ceni struje. Deca su se "
    "vratila kući pre podne, a vreme je bilo lepo.";
constexpr const char* kCroatian =
    "Tko želi sudjelovati u radu sveučilišta, mora se prijaviti do kraja tjedna. Nitko nije "
    "očekivao da će doći više od tisuću studenata, ali znanstvenici su bili zadovoljni.";
constexpr const char* kBosnian =
    "Svako ko želi učestvovati u radu univerziteta mora se prijaviti prije kraja sedmice. Niko "
    "nije očekivao da će doći više od hiljadu studenata, a gdje će svi sjediti, to niko ne zna.";
constexpr const char* kMacedonian =
    "Секој граѓанин има право да учествува во изборите. Владата ќе ги објави резултатите во "
    "понеделник, а министерот рече дека нема проблеми со гласањето.";
constexpr const char* kSerbianCyrillic =
    "Сваки грађанин има право да учествује у изборима. Влада ће објавити резултате у "
    "понедељак, а министар је рекао да нема проблема са гласањем.";
constexpr const char* kScots =
    "The bairns gaed oot tae play in the gairden efter their denner, an the auld wife watched "
    "frae the windae. Naebody kent whit wad happen wi the weather, but aw the fowk in the toun "
    "were richt gled o the sun.";
constexpr const char* kEnglish =
    "The old man walked down to the harbour with his dog, and the wee boats rocked in the wind "
    "while the fishermen mended their nets before the storm.";
constexpr const char* kInterlingua =
    "Le lingua international es un instrumento de communication que pote esser usate per omne "
    "personas del mundo, e illo es facile a apprender pro le majoritate del gente.";
constexpr const char* kKirundi =
    "Abana bose bafise uburenganzira bwo kwiga. Ivyo vyose bitegerezwa gukorwa n'abavyeyi "
    "canke leta.";
constexpr const char* kKinyarwanda =
    "Abana bose bafite uburenganzira bwo kwiga. Ibyo byose bigomba gukorwa n'ababyeyi cyangwa "
    "leta.";
constexpr const char* kIndonesian =
    "Pemerintah mengatakan bahwa harga bahan bakar akan naik karena nilai tukar rupiah "
    "melemah.";
constexpr const char* kMalay =
    "Kerajaan berkata bahawa harga minyak akan naik kerana nilai ringgit semakin lemah.";

TEST(CloseLanguagesTest, SouthSlavicLatin) {
  for (const char* model : {"bs", "hr", "sr"}) {
    EXPECT_EQ(DisambiguateCloseLanguages(kSerbianLatin, "Latn", model), "sr") << model;
    EXPECT_EQ(DisambiguateCloseLanguages(kCroatian, "Latn", model), "hr") << model;
    EXPECT_EQ(DisambiguateCloseLanguages(kBosnian, "Latn", model), "bs") << model;
  }
  // No sign either way: the model stands.
  for (const char* model : {"bs", "hr", "sr"}) {
    EXPECT_EQ(DisambiguateCloseLanguages("Vlada je usvojila zakon o radu i porezima.", "Latn",
                                         model),
              model);
  }
  // Ijekavian with ko/svako against a model that said Croatian: the signs contradict it.
  EXPECT_EQ(DisambiguateCloseLanguages("Svako ima pravo da bira gdje će živjeti.", "Latn", "hr"),
            "bs");
}

TEST(CloseLanguagesTest, SerbianAndMacedonianCyrillic) {
  EXPECT_EQ(DisambiguateCloseLanguages(kMacedonian, "Cyrl", "sr"), "mk");
  EXPECT_EQ(DisambiguateCloseLanguages(kMacedonian, "Cyrl", "mk"), "mk");
  EXPECT_EQ(DisambiguateCloseLanguages(kSerbianCyrillic, "Cyrl", "mk"), "sr");
  EXPECT_EQ(DisambiguateCloseLanguages(kSerbianCyrillic, "Cyrl", "sr"), "sr");
  // Croatian is never written in Cyrillic.
  EXPECT_EQ(DisambiguateCloseLanguages("Влада је усвојила закон.", "Cyrl", "hr"), "sr");
  EXPECT_EQ(DisambiguateCloseLanguages(kMacedonian, "Cyrl", "hr"), "mk");
  // Russian is in no group.
  EXPECT_EQ(DisambiguateCloseLanguages(kSerbianCyrillic, "Cyrl", "ru"), "ru");
}

TEST(CloseLanguagesTest, ScotsInterlinguaEnglish) {
  EXPECT_EQ(DisambiguateCloseLanguages(kScots, "Latn", "en"), "sco");
  EXPECT_EQ(DisambiguateCloseLanguages(kInterlingua, "Latn", "en"), "ia");
  EXPECT_EQ(DisambiguateCloseLanguages(kEnglish, "Latn", "en"), "en");
  EXPECT_EQ(DisambiguateCloseLanguages(kEnglish, "Latn", "sco"), "en");
  // A Scots word or two in English text, and one-letter words repeated, decide nothing.
  EXPECT_EQ(DisambiguateCloseLanguages("The wee lassie said aye, and we went home with her "
                                       "mother and the dog.",
                                       "Latn", "en"),
            "en");
  EXPECT_EQ(DisambiguateCloseLanguages("o ba na o ke o ta o wa o ne o", "Latn", "en"), "en");
  // English with Romance names and words Interlingua shares with English.
  EXPECT_EQ(DisambiguateCloseLanguages("The UN said on Monday that the non-profit group would "
                                       "pay a sin tax per person, as Le Monde and Al Jazeera "
                                       "reported from the offices of Del Monte in the city.",
                                       "Latn", "en"),
            "en");
}

TEST(CloseLanguagesTest, KirundiAndKinyarwanda) {
  EXPECT_EQ(DisambiguateCloseLanguages(kKirundi, "Latn", "rw"), "rn");
  EXPECT_EQ(DisambiguateCloseLanguages(kKinyarwanda, "Latn", "rw"), "rw");
  EXPECT_EQ(DisambiguateCloseLanguages(kKinyarwanda, "Latn", "rn"), "rw");
}

TEST(CloseLanguagesTest, IndonesianAndMalay) {
  EXPECT_EQ(DisambiguateCloseLanguages(kIndonesian, "Latn", "ms"), "id");
  EXPECT_EQ(DisambiguateCloseLanguages(kMalay, "Latn", "id"), "ms");
  EXPECT_EQ(DisambiguateCloseLanguages(kMalay, "Latn", "ms"), "ms");
}

TEST(CloseLanguagesTest, OtherLanguagesScriptsAndJunk) {
  EXPECT_EQ(DisambiguateCloseLanguages(kSerbianLatin, "Latn", "fr"), "fr");
  EXPECT_EQ(DisambiguateCloseLanguages(kSerbianLatin, "Cyrl", "bs"), "bs");  // wrong script
  EXPECT_EQ(DisambiguateCloseLanguages("", "Latn", "hr"), "hr");
  std::string junk = "gde pre \xFF\xFE posle \xC3 deca ";
  junk += std::string(10000, 'x');
  EXPECT_EQ(DisambiguateCloseLanguages(junk, "Latn", "hr"), "sr");
  // Capitals are folded: GDJE and Gdje count like gdje.
  EXPECT_EQ(DisambiguateCloseLanguages("GDJE PRIJE Čovjek", "Latn", "sr"), "bs");
}

}  // namespace
}  // namespace ghirbal
