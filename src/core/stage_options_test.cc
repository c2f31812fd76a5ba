#include "core/stage_options.h"

#include <gtest/gtest.h>

#include "core/stage_registry.h"

namespace ghirbal {
namespace {

TEST(StageOptions, TypedGettersAndDefaults) {
  auto opts = StageOptions::FromYaml("min_words: 50\nratio: 0.1\nkeep: true\nlangs: [ar, en]\n");
  ASSERT_TRUE(opts.ok());
  EXPECT_EQ(opts->GetInt("min_words", 1), 50);
  EXPECT_DOUBLE_EQ(opts->GetDouble("ratio", 0), 0.1);
  EXPECT_TRUE(opts->GetBool("keep", false));
  EXPECT_EQ(opts->GetStringList("langs"), (std::vector<std::string>{"ar", "en"}));
  EXPECT_EQ(opts->GetInt("absent", 7), 7);
  EXPECT_TRUE(opts->Finish().ok());
}

TEST(StageOptions, UnknownKeyIsAnError) {
  auto opts = StageOptions::FromYaml("min_wrods: 50\n", "stage 'filter'");
  ASSERT_TRUE(opts.ok());
  opts->GetInt("min_words", 50);
  Status st = opts->Finish();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("unknown option 'min_wrods'"), std::string::npos) << st.message();
}

TEST(StageOptions, WrongTypeIsAnError) {
  auto opts = StageOptions::FromYaml("min_words: many\n");
  ASSERT_TRUE(opts.ok());
  EXPECT_EQ(opts->GetInt("min_words", 50), 50);
  EXPECT_FALSE(opts->Finish().ok());
}

TEST(StageOptions, ChildUnknownKeysReportedByParent) {
  auto opts = StageOptions::FromYaml("languages:\n  ar:\n    min_words: 10\n    typo: 1\n");
  ASSERT_TRUE(opts.ok());
  StageOptions& ar = opts->Child("languages").Child("ar");
  EXPECT_EQ(ar.GetInt("min_words", 50), 10);
  Status st = opts->Finish();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("languages.ar: unknown option 'typo'"), std::string::npos) << st.message();
}

class NopStage : public Stage {
 public:
  std::string_view Name() const override { return "nop_test"; }
  void Process(Batch&, StageState*) const override {}
};

TEST(StageRegistry, BuildsRegisteredStagesAndRejectsUnknownNames) {
  StageRegistrar reg("nop_test", "does nothing", [](StageOptions&) -> Result<BuiltStage> {
    return BuiltStage{std::make_unique<NopStage>(), nullptr};
  });
  StageOptions opts;
  auto built = StageRegistry::Global().Build("nop_test", opts);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->stage->Name(), "nop_test");
  auto missing = StageRegistry::Global().Build("no_such_stage", opts);
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace ghirbal
