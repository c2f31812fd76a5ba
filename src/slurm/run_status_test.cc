#include "slurm/run_status.h"

#include <fstream>

#include <gtest/gtest.h>

#include "pipeline/run_directory.h"
#include "slurm/slurm_testing.h"
#include "slurm/submit.h"

namespace ghirbal::slurm {
namespace {

class RunStatusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(scratch_.path() + "/input.jsonl") << "{\"id\":\"a\",\"text\":\"hello\"}\n";
    request_.spec.inputs = {scratch_.path() + "/input.jsonl"};
    request_.spec.output = run_dir_;
    request_.spec.stages = {{"slurm_test_pass", YAML::Node()}, {"slurm_test_dedup", YAML::Load("{shards: 2}")}};
    request_.spec.stages_given = true;
    request_.tasks = 4;
    request_.ghirbal_binary = "/usr/local/bin/ghirbal";
  }
  const StepStatus& Step(const RunStatus& s, const std::string& name) {
    for (const StepStatus& step : s.steps) {
      if (step.step == name) return step;
    }
    ADD_FAILURE() << "no step " << name;
    return s.steps.front();
  }

  ScratchDir scratch_;
  std::string run_dir_ = scratch_.path() + "/out";
  SubmitRequest request_;
  FakeRunner runner_;
};

TEST_F(RunStatusTest, CombinesMarkersQueueAndAccounting) {
  ASSERT_TRUE(SubmitRun(request_, &runner_).ok());  // jobs 100 (segment-0) .. 104 (finalize)
  RunDirectory dir(run_dir_);
  ASSERT_TRUE(dir.MarkDone(RunDirectory::TaskMarker(0, 0, 4)).ok());
  ASSERT_TRUE(dir.MarkDone(RunDirectory::TaskMarker(0, 1, 4)).ok());
  runner_.squeue.out = "100_2|RUNNING\n101_0|PENDING\n101_1|PENDING\n102|PENDING\n103_0|PENDING\n103_1|PENDING\n"
                       "103_2|PENDING\n103_3|PENDING\n104|PENDING\n";
  runner_.sacct.out = "100_0|COMPLETED\n100_1|COMPLETED\n100_2|RUNNING\n100_3|CANCELLED by 0\n100_3.batch|CANCELLED\n";
  Result<RunStatus> status = GetRunStatus(run_dir_, &runner_);
  ASSERT_TRUE(status.ok()) << status.status().message();
  EXPECT_FALSE(status->complete);
  EXPECT_EQ(status->tasks, 4);
  ASSERT_EQ(status->steps.size(), 5u);
  const StepStatus& seg0 = Step(*status, "segment-0");
  EXPECT_EQ(seg0.units, 4);
  EXPECT_EQ(seg0.done, 2);
  EXPECT_EQ(seg0.running, 1);
  EXPECT_EQ(seg0.failed, 1);
  ASSERT_EQ(seg0.failures.size(), 1u);
  EXPECT_EQ(seg0.failures[0], "task 3 (job 100_3): CANCELLED");
  EXPECT_EQ(Step(*status, "reduce-0.0").pending, 2);
  EXPECT_EQ(Step(*status, "reduce-0.1").pending, 1);
  EXPECT_EQ(Step(*status, "segment-1").pending, 4);
  EXPECT_EQ(Step(*status, "finalize").pending, 1);
  EXPECT_TRUE(status->scheduler_note.empty()) << status->scheduler_note;

  const std::string text = FormatRunStatus(*status);
  EXPECT_NE(text.find("2 of 12 units done"), std::string::npos) << text;
  EXPECT_NE(text.find("failed: segment-0 task 3 (job 100_3): CANCELLED"), std::string::npos) << text;
}

TEST_F(RunStatusTest, WithoutAccountingFinishedJobsAreStillReportedFailed) {
  ASSERT_TRUE(SubmitRun(request_, &runner_).ok());
  runner_.squeue.exit_code = 1;
  runner_.squeue.err = "slurm_load_jobs error: Invalid job id specified\n";
  runner_.sacct.exit_code = 1;
  runner_.sacct.err = "sacct: error: Slurm accounting storage is disabled\n";
  Result<RunStatus> status = GetRunStatus(run_dir_, &runner_);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(Step(*status, "segment-0").failed, 4);
  EXPECT_EQ(Step(*status, "segment-0").failures[0], "task 0 (job 100_0): ended without finishing");
  EXPECT_NE(status->scheduler_note.find("accounting storage is disabled"), std::string::npos);
}

TEST_F(RunStatusTest, RunWithoutSubmissionShowsMarkersOnly) {
  request_.dry_run = true;
  ASSERT_TRUE(SubmitRun(request_, &runner_).ok());
  RunDirectory dir(run_dir_);
  for (int t = 0; t < 4; ++t) ASSERT_TRUE(dir.MarkDone(RunDirectory::TaskMarker(0, t, 4)).ok());
  Result<RunStatus> status = GetRunStatus(run_dir_, &runner_);
  ASSERT_TRUE(status.ok());
  EXPECT_TRUE(runner_.calls.empty());
  EXPECT_EQ(Step(*status, "segment-0").done, 4);
  EXPECT_EQ(Step(*status, "segment-1").not_submitted, 4);
  EXPECT_FALSE(status->scheduler_note.empty());
}

TEST_F(RunStatusTest, NotARunDirectory) {
  Result<RunStatus> status = GetRunStatus(scratch_.path(), &runner_);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.status().message().find("holds no run"), std::string::npos);
}

}  // namespace
}  // namespace ghirbal::slurm
