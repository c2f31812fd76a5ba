#include "slurm/scheduler_output.h"

#include <gtest/gtest.h>

namespace ghirbal::slurm {
namespace {

TEST(ParseSbatchJobIdTest, PlainAndWithCluster) {
  EXPECT_EQ(*ParseSbatchJobId("1234\n"), "1234");
  EXPECT_EQ(*ParseSbatchJobId("98;cluster-a\n"), "98");
  EXPECT_EQ(*ParseSbatchJobId("sbatch: warning: something\n77\n"), "77");
  EXPECT_FALSE(ParseSbatchJobId("").ok());
  EXPECT_FALSE(ParseSbatchJobId("sbatch: error: Batch job submission failed\n").ok());
}

TEST(ParseJobStatesTest, SqueueArrayElementsAndSingleJobs) {
  auto states = ParseJobStates("41_0|RUNNING\n41_3|PENDING\n42|PENDING\n");
  ASSERT_EQ(states.size(), 3u);
  EXPECT_EQ(states[0].job_id, "41");
  EXPECT_EQ(states[0].array_index, 0);
  EXPECT_EQ(states[0].state, "RUNNING");
  EXPECT_EQ(states[1].array_index, 3);
  EXPECT_EQ(states[2].job_id, "42");
  EXPECT_EQ(states[2].array_index, -1);
}

TEST(ParseJobStatesTest, SacctRangesStepsAndReasons) {
  auto states = ParseJobStates(
      "50_1|COMPLETED\n50_1.batch|COMPLETED\n50_[2-4,7%2]|PENDING\n51|CANCELLED by 0\nJobID|State\n\ngarbage\n");
  ASSERT_EQ(states.size(), 6u);
  EXPECT_EQ(states[0].state, "COMPLETED");
  EXPECT_EQ(states[1].array_index, 2);
  EXPECT_EQ(states[3].array_index, 4);
  EXPECT_EQ(states[4].array_index, 7);
  EXPECT_EQ(states[4].state, "PENDING");
  EXPECT_EQ(states[5].job_id, "51");
  EXPECT_EQ(states[5].state, "CANCELLED");
}

TEST(ParseJobStatesTest, MalformedRangesAreSkipped) {
  EXPECT_TRUE(ParseJobStates("5_[3-1]|PENDING\n5_[x]|PENDING\n5_[0-999999999]|PENDING\n").empty());
}

TEST(ParseArrayRangeTest, Ranges) {
  std::vector<int> v;
  EXPECT_TRUE(ParseArrayRange("0-2,5", &v));
  EXPECT_EQ(v, (std::vector<int>{0, 1, 2, 5}));
  v.clear();
  EXPECT_FALSE(ParseArrayRange("1-", &v));
}

TEST(IsActiveStateTest, QueuedAndRunningAreActive) {
  EXPECT_TRUE(IsActiveState("PENDING"));
  EXPECT_TRUE(IsActiveState("RUNNING"));
  EXPECT_TRUE(IsActiveState("COMPLETING"));
  EXPECT_FALSE(IsActiveState("COMPLETED"));
  EXPECT_FALSE(IsActiveState("FAILED"));
  EXPECT_FALSE(IsActiveState("CANCELLED"));
}

}  // namespace
}  // namespace ghirbal::slurm
