#include <gtest/gtest.h>

#include "core/stage_options.h"
#include "core/stage_registry.h"

namespace ghirbal {
namespace {

Result<BuiltStage> Build(std::string_view yaml) {
  Result<StageOptions> options = StageOptions::FromYaml(yaml, "stage 'langid'");
  if (!options.ok()) return options.status();
  return StageRegistry::Global().Build("langid", *options);
}

Batch MakeBatch(std::initializer_list<const char*> texts) {
  Batch batch;
  for (const char* t : texts) {
    Document d;
    d.text = t;
    batch.documents.push_back(std::move(d));
  }
  return batch;
}

const char* kArabic = "قال عضو مجلس الدولة وزير الخارجية الصيني يوم الجمعة إن قمة الصين وآسيا "
                      "الوسطى تمثل معلما جديدا في العلاقات بين الجانبين";
const char* kEnglish = "The committee will publish its final report on the new railway next "
                       "month, after the public consultation has closed.";

TEST(LangIdStageTest, WritesMetadata) {
  Result<BuiltStage> built = Build("");
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Batch batch = MakeBatch({kArabic, "12345"});
  built->stage->Process(batch, nullptr);
  const Metadata& m = batch.documents[0].metadata;
  EXPECT_EQ(m.GetString("language"), "ar");
  EXPECT_EQ(m.GetString("script"), "Arab");
  EXPECT_GT(*m.GetNumber("language_score"), 0.5);
  ASSERT_NE(m.FindRaw("language_candidates"), nullptr);
  EXPECT_EQ(m.FindRaw("language_candidates")->rfind("[{\"language\":\"ar\",\"score\":", 0), 0u)
      << *m.FindRaw("language_candidates");
  EXPECT_FALSE(batch.documents[0].rejected());
  // No letters: und, score 0, empty candidates, kept (no filter configured).
  const Metadata& u = batch.documents[1].metadata;
  EXPECT_EQ(u.GetString("language"), "und");
  EXPECT_EQ(u.GetNumber("language_score"), 0.0);
  EXPECT_EQ(*u.FindRaw("language_candidates"), "[]");
  EXPECT_FALSE(batch.documents[1].rejected());
}

TEST(LangIdStageTest, KeepsChosenLanguages) {
  Result<BuiltStage> built =
      Build("languages: [arb, fa]\nmin_score: 0.3\nlanguage_min_score: {und: 0}");
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Batch batch = MakeBatch({kArabic, kEnglish});
  built->stage->Process(batch, nullptr);
  EXPECT_FALSE(batch.documents[0].rejected());
  EXPECT_EQ(batch.documents[1].verdict.stage, "langid");
  EXPECT_EQ(batch.documents[1].verdict.reason, "language_not_allowed");
  EXPECT_EQ(batch.documents[1].verdict.value, "\"en\"");
}

TEST(LangIdStageTest, MinimumScoresGlobalAndPerLanguage) {
  Result<BuiltStage> built = Build("min_score: 0.3");
  ASSERT_TRUE(built.ok());
  Batch batch = MakeBatch({"12345", kEnglish});
  built->stage->Process(batch, nullptr);
  EXPECT_EQ(batch.documents[0].verdict.reason, "language_low_score");
  EXPECT_EQ(batch.documents[0].verdict.value, "0");
  EXPECT_FALSE(batch.documents[1].rejected());

  built = Build("min_score: 0.3\nlanguage_min_score: {und: 0, en: 1.0}");
  ASSERT_TRUE(built.ok());
  batch = MakeBatch({"12345", kEnglish});
  batch.documents[1].text += " \xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9";
  built->stage->Process(batch, nullptr);
  EXPECT_FALSE(batch.documents[0].rejected());
  EXPECT_EQ(batch.documents[1].verdict.reason, "language_low_score");
}

TEST(LangIdStageTest, DeclaredLanguageRead) {
  Result<BuiltStage> built = Build("");
  ASSERT_TRUE(built.ok());
  Batch batch = MakeBatch({kEnglish});
  batch.documents[0].metadata.SetString("declared_language", "fr");
  built->stage->Process(batch, nullptr);
  // A confident model is not overridden by the page's declaration.
  EXPECT_EQ(batch.documents[0].metadata.GetString("language"), "en");
}

TEST(LangIdStageTest, BadOptions) {
  EXPECT_FALSE(Build("min_scor: 0.5").ok());
  EXPECT_FALSE(Build("model: /nonexistent/lid.176.bin").ok());
  EXPECT_FALSE(Build("max_bytes: 3").ok());
  EXPECT_FALSE(Build("first_pass_bytes: 10").ok());
}

TEST(LangIdStageTest, StepOptions) {
  EXPECT_TRUE(Build("{first_pass_bytes: 0, script_shortcut: false, spelling_rules: false, "
                    "arabic_rules: false}")
                  .ok());
  // With the spelling rules (the default) a Scots page is Scots.
  const char* scots =
      "Awbody hes the richt tae wirk, tae chuse thair ain wark freely, an tae be shieldit frae "
      "want o wark; naebody shoud be kept oot o the toun's guid things, for aw are ane afore "
      "the law.";
  Result<BuiltStage> on = Build("{}");
  ASSERT_TRUE(on.ok());
  Batch batch = MakeBatch({scots});
  on->stage->Process(batch, nullptr);
  EXPECT_EQ(batch.documents[0].metadata.GetString("language"), "sco");
}

}  // namespace
}  // namespace ghirbal
