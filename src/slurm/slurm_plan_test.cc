#include "slurm/slurm_plan.h"

#include <set>

#include <gtest/gtest.h>

namespace ghirbal::slurm {
namespace {

// The default recipe's shape: exact (1 phase), line_dedup (2 shards), minhash (bands, then 1).
PipelineShape DedupShape() {
  PipelineShape shape;
  shape.segments = 4;
  shape.reductions = {{3, "exact", {1}}, {4, "line_dedup", {2}}, {5, "minhash", {14, 1}}};
  return shape;
}

std::vector<std::string> Steps(const SlurmPlan& plan) {
  std::vector<std::string> steps;
  for (const PlannedJob& j : plan.jobs) steps.push_back(j.step);
  return steps;
}

TEST(ArrayRangeTest, CompressesRuns) {
  EXPECT_EQ(ArrayRange({}), "");
  EXPECT_EQ(ArrayRange({4}), "4");
  EXPECT_EQ(ArrayRange({0, 1, 2, 3}), "0-3");
  EXPECT_EQ(ArrayRange({0, 1, 2, 5, 7, 8}), "0-2,5,7-8");
  EXPECT_EQ(ArrayRange({1, 3}), "1,3");
}

TEST(PlanRunTest, FreshRunChainsEveryStep) {
  SlurmPlan plan = PlanRun(DedupShape(), 4, [](const std::string&) { return false; }, false);
  EXPECT_EQ(Steps(plan), (std::vector<std::string>{"segment-0", "reduce-0.0", "segment-1", "reduce-1.0", "segment-2",
                                                   "reduce-2.0", "reduce-2.1", "segment-3", "finalize"}));
  EXPECT_EQ(plan.units_total, 4 * 4 + 1 + 2 + 14 + 1 + 1);
  EXPECT_EQ(plan.units_done, 0);
  const PlannedJob& seg = plan.jobs[0];
  EXPECT_TRUE(seg.array);
  EXPECT_EQ(seg.indices, (std::vector<int>{0, 1, 2, 3}));
  // One shard: a single job. Two shards with four tasks: an array (--task 1 < --tasks 4).
  EXPECT_FALSE(plan.jobs[1].array);
  EXPECT_TRUE(plan.jobs[3].array);
  EXPECT_EQ(plan.jobs[3].indices, (std::vector<int>{0, 1}));
  // 14 bands with only 4 tasks: still an array of 14 (a reduce step's --task names a shard).
  EXPECT_TRUE(plan.jobs[5].array);
  EXPECT_EQ(plan.jobs[5].indices.size(), 14u);
  EXPECT_EQ(plan.jobs[5].global_step, 5);
  EXPECT_EQ(plan.jobs[5].phase, 0);
  EXPECT_EQ(plan.jobs.back().kind, PlannedJob::Kind::kFinalize);
}

TEST(PlanRunTest, BandReductionIsAnArrayWhateverTheTaskCount) {
  SlurmPlan plan = PlanRun(DedupShape(), 1, [](const std::string&) { return false; }, false);
  ASSERT_EQ(plan.jobs[5].step, "reduce-2.0");
  EXPECT_TRUE(plan.jobs[5].array);
  EXPECT_EQ(ArrayRange(plan.jobs[5].indices), "0-13");
}

TEST(PlanRunTest, ResubmissionPlansOnlyUnfinishedUnits) {
  // Segment 0 and the exact reduction finished; task 1 and 3 of segment 1 finished too.
  std::set<std::string> done = {"segment-0.task-00000-of-4", "segment-0.task-00001-of-4", "segment-0.task-00002-of-4",
                                "segment-0.task-00003-of-4", "reduce-3.phase-0.shard-0", "segment-1.task-00001-of-4",
                                "segment-1.task-00003-of-4"};
  SlurmPlan plan = PlanRun(DedupShape(), 4, [&](const std::string& m) { return done.count(m) > 0; }, false);
  ASSERT_EQ(Steps(plan), (std::vector<std::string>{"segment-1", "reduce-1.0", "segment-2", "reduce-2.0", "reduce-2.1",
                                                   "segment-3", "finalize"}));
  EXPECT_EQ(ArrayRange(plan.jobs[0].indices), "0,2");
  EXPECT_EQ(plan.units_done, 7);
}

TEST(PlanRunTest, UnitMarkersAreTheRunnersMarkers) {
  SlurmPlan plan = PlanRun(DedupShape(), 4, [](const std::string&) { return false; }, false);
  EXPECT_EQ(UnitMarker(plan.jobs[2], 3), "segment-1.task-00003-of-4");
  EXPECT_EQ(UnitMarker(plan.jobs[5], 7), "reduce-5.phase-0.shard-7");
  EXPECT_EQ(UnitMarker(plan.jobs.back(), 0), "");
}

TEST(PlanRunTest, FinishedRunPlansNothingButUnfinalizedRunPlansFinalize) {
  auto all_done = [](const std::string&) { return true; };
  EXPECT_TRUE(PlanRun(DedupShape(), 4, all_done, true).jobs.empty());
  SlurmPlan plan = PlanRun(DedupShape(), 4, all_done, false);
  EXPECT_EQ(Steps(plan), std::vector<std::string>{"finalize"});
  EXPECT_EQ(plan.units_done, plan.units_total - 1);
}

TEST(PlanRunTest, PipelineWithoutGlobalStages) {
  PipelineShape shape;
  SlurmPlan plan = PlanRun(shape, 3, [](const std::string&) { return false; }, false);
  EXPECT_EQ(Steps(plan), (std::vector<std::string>{"segment-0", "finalize"}));
}

}  // namespace
}  // namespace ghirbal::slurm
