#include "dedup/exact.h"

#include <gtest/gtest.h>

#include "core/stage_registry.h"
#include "dedup/dedup_testing.h"

namespace ghirbal::dedup {
namespace {

std::vector<std::string> Texts() {
  return {"Hello world",  "another page", "HELLO   world", "", "  ", "another page", "hello world.",
          "x", "Hello\nworld", "unique text", "", "another  PAGE"};
}

TEST(ExactDedupTest, KeepsFirstInInputOrder) {
  ExactDedup stage({});
  auto docs = testing::MakeDocs(Texts(), 3);
  ASSERT_TRUE(testing::Run(stage, &docs, testing::FreshDir("exact_1")).ok());
  std::vector<std::string> rejected;
  for (const auto& d : docs) {
    if (d.rejected()) {
      EXPECT_EQ(d.verdict.stage, "exact");
      EXPECT_EQ(d.verdict.reason, "exact_duplicate");
      rejected.push_back(d.id + "->" + *d.metadata.GetString("duplicate_of"));
    }
  }
  EXPECT_EQ(rejected, (std::vector<std::string>{"d2->d0", "d4->d3", "d5->d1", "d8->d0", "d10->d3", "d11->d1"}));
  EXPECT_EQ(docs[2].verdict.value, "\"d0\"");
  EXPECT_EQ(docs[0].metadata.GetNumber("exact_copies"), 3);
  EXPECT_FALSE(docs[6].rejected());  // "hello world." differs by punctuation
}

TEST(ExactDedupTest, SameVerdictsWithTasksAndBatchSizes) {
  ExactDedup stage({});
  auto one = testing::MakeDocs(Texts(), 2);
  ASSERT_TRUE(testing::Run(stage, &one, testing::FreshDir("exact__one")).ok());
  for (int tasks : {2, 3}) {
    auto many = testing::MakeDocs(Texts(), 2);
    ASSERT_TRUE(testing::Run(stage, &many, testing::FreshDir("exact__many" + std::to_string(tasks)), {tasks, 1}).ok());
    for (size_t i = 0; i < one.size(); ++i) {
      EXPECT_EQ(one[i].verdict.reason, many[i].verdict.reason) << i;
      EXPECT_EQ(one[i].verdict.value, many[i].verdict.value) << i;
    }
  }
}

TEST(ExactDedupTest, SkipsDocumentsRejectedEarlier) {
  ExactDedup stage({});
  auto docs = testing::MakeDocs({"same", "same", "same"});
  docs[0].Reject("filter", "too_short");
  ASSERT_TRUE(testing::Run(stage, &docs, testing::FreshDir("exact__rej")).ok());
  EXPECT_EQ(docs[0].verdict.stage, "filter");
  EXPECT_FALSE(docs[1].rejected());
  EXPECT_EQ(docs[2].verdict.value, "\"d1\"");
}

TEST(ExactDedupTest, SpillsToSortedRuns) {
  ExactDedup stage({.sort_memory_bytes = 64});  // two records per run
  std::vector<std::string> texts;
  for (int i = 0; i < 200; ++i) texts.push_back("text " + std::to_string(i % 37));
  auto docs = testing::MakeDocs(texts, 16);
  ASSERT_TRUE(testing::Run(stage, &docs, testing::FreshDir("exact__spill"), {2, 5}).ok());
  int kept = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!docs[i].rejected()) {
      ++kept;
      EXPECT_LT(i, 37u);
    } else {
      EXPECT_EQ(*docs[i].metadata.GetString("duplicate_of"), "d" + std::to_string(i % 37));
    }
  }
  EXPECT_EQ(kept, 37);
}

TEST(ExactDedupTest, ReduceFailsWhenATaskDidNotCollect) {
  ExactDedup stage({});
  auto docs = testing::MakeDocs(Texts());
  std::string dir = testing::FreshDir("exact__missing");
  ASSERT_TRUE(testing::Collect(stage, docs, dir, {1}).ok());
  EXPECT_FALSE(testing::ReduceAll(stage, dir, {2}).ok());
}

TEST(ExactDedupTest, RerunAfterCrashGivesSameVerdicts) {
  ExactDedup stage({});
  auto expected = testing::MakeDocs(Texts(), 2);
  ASSERT_TRUE(testing::Run(stage, &expected, testing::FreshDir("exact__ref")).ok());
  std::string dir = testing::FreshDir("exact__crash");
  auto docs = testing::MakeDocs(Texts(), 2);
  {
    // A collect that dies halfway: the collector is dropped without Finish.
    auto c = stage.NewCollector({dir, 0, 1});
    ASSERT_TRUE(c.ok());
    Batch b;
    b.documents.assign(docs.begin(), docs.begin() + 4);
    ASSERT_TRUE((*c)->Collect(b).ok());
  }
  ASSERT_TRUE(testing::Run(stage, &docs, dir).ok());
  ASSERT_TRUE(testing::ReduceAll(stage, dir, {}).ok());  // a reduce run twice
  auto again = testing::MakeDocs(Texts(), 2);
  ASSERT_TRUE(testing::Apply(stage, &again, dir, {}).ok());
  for (size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(docs[i].verdict.value, expected[i].verdict.value);
    EXPECT_EQ(again[i].verdict.value, expected[i].verdict.value);
  }
}

TEST(ExactDedupTest, RegisteredWithOptions) {
  auto opts = StageOptions::FromYaml("sort_memory_mb: 16");
  ASSERT_TRUE(opts.ok());
  auto built = StageRegistry::Global().Build("exact", *opts);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_NE(built->global, nullptr);
  auto bad = StageOptions::FromYaml("sort_memory: 16");
  EXPECT_FALSE(StageRegistry::Global().Build("exact", *bad).ok());
}

}  // namespace
}  // namespace ghirbal::dedup
