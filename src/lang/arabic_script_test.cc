// Short texts written for these tests (not from any evaluation set): the same everyday content
// (weather, a father going to the market, the biggest city) in each Arabic-script language.
#include "lang/arabic_script.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lang/language_identifier.h"

namespace ghirbal {
namespace {

struct Sample {
  const char* language;
  const char* text;
};

const std::vector<Sample>& Samples() {
  static const std::vector<Sample> samples = {
      {"ar",
       "الطقس اليوم جميل جدا والأطفال يلعبون في الحديقة. ذهب أبي إلى السوق ليشتري الخبز "
       "والفاكهة. القاهرة هي أكبر مدينة في مصر ويعيش فيها ملايين الناس."},
      {"fa",
       "امروز هوا خیلی خوب است و بچه‌ها در باغ بازی می‌کنند. پدرم به بازار رفت تا نان و میوه "
       "بخرد. تهران بزرگ‌ترین شهر ایران است و میلیون‌ها نفر در آن زندگی می‌کنند."},
      {"ur",
       "آج موسم بہت اچھا ہے اور بچے باغ میں کھیل رہے ہیں۔ میرے والد بازار گئے تاکہ روٹی اور "
       "پھل خرید سکیں۔ کراچی پاکستان کا سب سے بڑا شہر ہے جہاں بہت سے لوگ رہتے ہیں۔"},
      {"ps",
       "نن ورځ هوا ډېره ښه ده او ماشومان په باغ کې لوبې کوي. زما پلار بازار ته لاړ چې ډوډۍ او "
       "مېوه واخلي. کابل د افغانستان تر ټولو لوی ښار دی او ډېر خلک پکې ژوند کوي."},
      {"ckb",
       "ئەمڕۆ کەشوهەوا زۆر خۆشە و منداڵەکان لە باخچەکەدا یاری دەکەن. باوکم بۆ بازاڕ ڕۆیشت بۆ "
       "ئەوەی نان و میوە بکڕێت. لە شاری هەولێر خەڵکێکی زۆر دەژین و زانکۆیەکی گەورەی تێدایە."},
      {"sd",
       "اڄ موسم ڏاڍو سٺو آهي ۽ ٻار باغ ۾ راند ڪري رهيا آهن. منهنجو پيءُ بازار ويو ته ماني ۽ "
       "ميوو خريد ڪري. ڪراچي سنڌ جو وڏو شهر آهي جتي گهڻا ماڻهو رهن ٿا."},
      {"ug",
       "بۈگۈن ھاۋا ناھايىتى ياخشى، بالىلار باغچىدا ئويناۋاتىدۇ. دادام بازارغا بېرىپ نان ۋە "
       "مېۋە سېتىۋالدى. ئۈرۈمچى شىنجاڭدىكى ئەڭ چوڭ شەھەر بولۇپ، بۇ يەردە نۇرغۇن كىشىلەر "
       "ياشايدۇ."},
      {"azb",
       "بو گون هاوا چوخ گؤزلدیر و اوشاقلار باغچادا اوینورلار. آتام بازارا گئتدی کی چؤرک و "
       "میوه آلسین. تبریز آذربایجانین ان بؤیوک شهرلریندن بیریدیر و اورادا چوخلو اینسان "
       "یاشاییر. بیزیم دیلیمیز تۆرک دیلیدیر و اونو سئویریک."},
  };
  return samples;
}

// Whatever family label a model gives, the letters settle the language.
TEST(ArabicScriptTest, LettersOverrideEveryFamilyLabel) {
  for (const Sample& s : Samples()) {
    ArabicLetterProfile profile = ProfileArabicLetters(s.text);
    EXPECT_GT(profile.arabic_letters, 80) << s.language;
    for (const char* model : {"ar", "fa", "ur", "ps", "ckb", "ku", "sd", "ug", "azb", "tr"}) {
      EXPECT_EQ(DisambiguateArabicScript(profile, model), s.language)
          << s.language << " text labelled " << model;
    }
  }
}

// End to end with the default model (CLD2 full tables).
TEST(ArabicScriptTest, IdentifierNamesEachLanguage) {
  auto id = LanguageIdentifier::Create(LangIdOptions{});
  ASSERT_TRUE(id.ok());
  for (const Sample& s : Samples()) {
    LangResult r = (*id)->Identify(s.text);
    EXPECT_EQ(r.language, s.language);
    EXPECT_EQ(r.script, "Arab");
    EXPECT_GT(r.score, 0) << s.language;
  }
}

TEST(ArabicScriptTest, LeavesOtherTextsAlone) {
  // Not Arabic script, or too little of it: the model's label stands.
  EXPECT_EQ(DisambiguateArabicScript(ProfileArabicLetters("Hello world, this is English."), "en"),
            "en");
  EXPECT_EQ(DisambiguateArabicScript(ProfileArabicLetters("پښتو"), "fa"), "fa");
  // An English text quoting one Urdu word stays English.
  EXPECT_EQ(DisambiguateArabicScript(
                ProfileArabicLetters("The word ہے is common in Urdu texts, as readers know well."),
                "en"),
            "en");
  // An Arabic text with one Persian name keeps its label.
  EXPECT_EQ(DisambiguateArabicScript(
                ProfileArabicLetters("زار الرئيس الإيراني مدينة گرگان في شمال البلاد يوم الجمعة "
                                     "والتقى بالمسؤولين المحليين هناك"),
                "ar"),
            "ar");
}

}  // namespace
}  // namespace ghirbal
