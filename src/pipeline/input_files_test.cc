#include "pipeline/input_files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace ghirbal {
namespace {
namespace fs = std::filesystem;

class InputFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ghirbal-inputs-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "sub" / ".hidden");
    for (const char* f : {"b.warc.gz", "a.jsonl", "sub/c.jsonl", "sub/.hidden/x.jsonl", "sub/.dot.jsonl"}) {
      std::ofstream(dir_ / f) << "x";
    }
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string P(const std::string& rel) { return (dir_ / rel).string(); }
  void Write(const std::string& rel, const std::string& bytes) { std::ofstream(dir_ / rel) << bytes; }
  fs::path dir_;
};

TEST_F(InputFilesTest, DirectoriesRecurseSkippingHiddenAndResultIsSorted) {
  auto files = ExpandInputs({P("")});
  ASSERT_TRUE(files.ok()) << files.status().message();
  std::vector<std::string> names;
  for (const auto& f : *files) names.push_back(fs::path(f.path).lexically_relative(dir_).string());
  EXPECT_EQ(names, (std::vector<std::string>{"a.jsonl", "b.warc.gz", "sub/c.jsonl"}));
}

TEST_F(InputFilesTest, GlobsAndRepeatsCollapse) {
  auto files = ExpandInputs({P("*.jsonl"), P("a.jsonl"), P("sub/*.jsonl")});
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].path, P("a.jsonl"));
  EXPECT_EQ((*files)[1].path, P("sub/c.jsonl"));
}

TEST_F(InputFilesTest, MissingInputIsAnErrorNamingIt) {
  auto files = ExpandInputs({P("a.jsonl"), P("nope.warc")});
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.status().message().find("nope.warc"), std::string::npos);
  EXPECT_FALSE(ExpandInputs({P("*.none")}).ok());
}

TEST_F(InputFilesTest, StdinComesFirst) {
  auto files = ExpandInputs({P("a.jsonl"), "-"});
  ASSERT_TRUE(files.ok());
  EXPECT_EQ((*files)[0].path, "-");
}

TEST(PartsOfTask, EveryPartInExactlyOneTask) {
  std::vector<int> owner(11, -1);
  for (int t = 0; t < 4; ++t) {
    for (uint32_t i : PartsOfTask(11, t, 4)) {
      EXPECT_EQ(owner[i], -1);
      owner[i] = t;
    }
  }
  for (int o : owner) EXPECT_GE(o, 0);
}

TEST_F(InputFilesTest, LargeFilesAreCutAndSmallOnesGrouped) {
  std::string jsonl;
  while (jsonl.size() < 2500) jsonl += "{\"text\":\"some line of text\"}\n";
  Write("big.jsonl", jsonl);
  Write("big.txt", std::string(2500, 'a'));  // a text file is one document: never cut
  for (const char* small : {"s1.jsonl", "s2.jsonl", "s3.jsonl", "s4.jsonl"}) Write(small, std::string(300, 'x'));
  auto files = ExpandInputs({P("big.jsonl"), P("big.txt"), P("s*.jsonl")});
  ASSERT_TRUE(files.ok());
  auto parts = PlanParts(*files, 1000, {});
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  // big.jsonl in 3 ranges, big.txt whole, then s1-s3 (900 bytes) and s4.
  ASSERT_EQ(parts->size(), 6u);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ((*parts)[i].ranges.size(), 1u);
    EXPECT_EQ((*parts)[i].ranges[0].file, 0u);
    EXPECT_EQ((*parts)[i].ranges[0].begin, 1000u * i);
  }
  EXPECT_EQ((*parts)[0].ranges[0].end, 1000u);
  EXPECT_EQ((*parts)[2].ranges[0].end, UINT64_MAX);  // the last range runs to the end of the file
  EXPECT_EQ((*parts)[2].bytes(), jsonl.size() - 2000);
  EXPECT_EQ((*parts)[3].ranges.size(), 1u);
  EXPECT_EQ((*parts)[3].ranges[0].file, 1u);
  EXPECT_EQ((*parts)[4].ranges.size(), 3u);
  EXPECT_EQ((*parts)[4].bytes(), 900u);
  EXPECT_EQ((*parts)[5].ranges.size(), 1u);
  EXPECT_EQ((*parts)[5].ranges[0].file, 5u);

  auto whole = PlanParts(*files, 0, {});
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->size(), files->size());
}

TEST(ResolveTaskSelection, FlagsWinAndEnvironmentFillsIn) {
  ::unsetenv("SLURM_ARRAY_TASK_ID");
  ::unsetenv("JOB_COMPLETION_INDEX");
  auto none = ResolveTaskSelection(-1, 0);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->task, -1);
  EXPECT_EQ(none->tasks, 1);

  ::setenv("SLURM_ARRAY_TASK_ID", "5", 1);
  ::setenv("SLURM_ARRAY_TASK_MIN", "1", 1);
  ::setenv("SLURM_ARRAY_TASK_COUNT", "8", 1);
  auto slurm = ResolveTaskSelection(-1, 0);
  ASSERT_TRUE(slurm.ok());
  EXPECT_EQ(slurm->task, 4);
  EXPECT_EQ(slurm->tasks, 8);
  auto flag = ResolveTaskSelection(2, 3);
  ASSERT_TRUE(flag.ok());
  EXPECT_EQ(flag->task, 2);
  EXPECT_EQ(flag->tasks, 3);
  ::unsetenv("SLURM_ARRAY_TASK_ID");
  ::unsetenv("SLURM_ARRAY_TASK_MIN");
  ::unsetenv("SLURM_ARRAY_TASK_COUNT");

  ::setenv("JOB_COMPLETION_INDEX", "1", 1);
  EXPECT_FALSE(ResolveTaskSelection(-1, 0).ok());  // needs --tasks
  auto k8s = ResolveTaskSelection(-1, 4);
  ASSERT_TRUE(k8s.ok());
  EXPECT_EQ(k8s->task, 1);
  ::unsetenv("JOB_COMPLETION_INDEX");

  EXPECT_FALSE(ResolveTaskSelection(4, 4).ok());
  EXPECT_TRUE(ResolveTaskSelection(13, 4, /*task_is_shard=*/true).ok());  // reduce shard 13 of 14
}

}  // namespace
}  // namespace ghirbal
