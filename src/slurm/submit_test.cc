#include "slurm/submit.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "pipeline/run_directory.h"
#include "pipeline/run_stats.h"
#include "slurm/slurm_testing.h"

namespace ghirbal::slurm {
namespace {
namespace fs = std::filesystem;

class SubmitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(scratch_.path() + "/input.jsonl") << "{\"id\":\"a\",\"text\":\"hello\"}\n";
    request_.spec.inputs = {scratch_.path() + "/input.jsonl"};
    request_.spec.output = run_dir_;
    request_.spec.stages = {{"slurm_test_pass", YAML::Node()}, {"slurm_test_dedup", YAML::Load("{shards: 3}")}};
    request_.spec.stages_given = true;
    request_.tasks = 4;
    request_.ghirbal_binary = "/usr/local/bin/ghirbal";
  }
  bool Exists(const std::string& relative) const { return fs::exists(run_dir_ + "/" + relative); }
  void MarkDone(const std::string& marker) const { ASSERT_TRUE(RunDirectory(run_dir_).MarkDone(marker).ok()); }

  ScratchDir scratch_;
  std::string run_dir_ = scratch_.path() + "/out";
  SubmitRequest request_;
  FakeRunner runner_;
};

TEST_F(SubmitTest, DryRunWritesScriptsAndSubmitsNothing) {
  request_.dry_run = true;
  Result<SubmitReport> report = SubmitRun(request_, &runner_);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_TRUE(runner_.calls.empty());
  ASSERT_EQ(report->jobs.size(), 5u);
  for (const char* f : {"slurm/00-segment-0.sbatch", "slurm/01-reduce-0.0.sbatch", "slurm/02-reduce-0.1.sbatch",
                        "slurm/03-segment-1.sbatch", "slurm/04-finalize.sbatch", "slurm/submit.sh",
                        "slurm/pipeline.yaml", "logs"}) {
    EXPECT_TRUE(Exists(f)) << f;
  }
  EXPECT_FALSE(Exists("slurm/jobs.tsv"));
  EXPECT_EQ(report->jobs[1].indices, "0-2");  // 3 shards, 4 tasks: an array
  EXPECT_FALSE(report->jobs[2].array);
  EXPECT_EQ(report->units_total, 4 + 3 + 1 + 4 + 1);
  EXPECT_EQ(report->units_done, 0);
}

TEST_F(SubmitTest, SubmitChainsJobsWithAfterok) {
  Result<SubmitReport> report = SubmitRun(request_, &runner_);
  ASSERT_TRUE(report.ok()) << report.status().message();
  std::vector<std::string> sbatch = runner_.CallsTo("sbatch");
  ASSERT_EQ(sbatch.size(), 5u);
  EXPECT_EQ(sbatch[0], "sbatch --parsable " + report->jobs[0].script);
  for (int i = 1; i < 5; ++i) {
    EXPECT_EQ(sbatch[i], "sbatch --parsable --dependency=afterok:" + std::to_string(99 + i) + " " + report->jobs[i].script);
  }
  Result<std::vector<SubmittedJob>> record = ReadJobRecord(run_dir_ + "/slurm");
  ASSERT_TRUE(record.ok()) << record.status().message();
  ASSERT_EQ(record->size(), 5u);
  EXPECT_EQ((*record)[0].step, "segment-0");
  EXPECT_EQ((*record)[0].job_id, "100");
  EXPECT_EQ((*record)[0].indices, "0-3");
  EXPECT_EQ((*record)[4].step, "finalize");
  EXPECT_EQ((*record)[4].job_id, "104");
  EXPECT_FALSE((*record)[4].array);
}

TEST_F(SubmitTest, ResubmissionRunsOnlyUnfinishedTasksAndPhases) {
  ASSERT_TRUE(SubmitRun(request_, &runner_).ok());
  for (int t : {0, 1, 3}) MarkDone(RunDirectory::TaskMarker(0, t, 4));
  runner_.calls.clear();
  Result<SubmitReport> report = SubmitRun(request_, &runner_);
  ASSERT_TRUE(report.ok()) << report.status().message();
  // The previous jobs were looked up first, and none is active any more.
  ASSERT_FALSE(runner_.calls.empty());
  EXPECT_EQ(CommandLine(runner_.calls[0]), "squeue --noheader --array '--format=%i|%T' --jobs=100,101,102,103,104");
  ASSERT_EQ(report->jobs.size(), 5u);
  EXPECT_EQ(report->jobs[0].step, "segment-0");
  EXPECT_EQ(report->jobs[0].indices, "2");
  EXPECT_EQ(report->units_done, 3);
  std::ifstream script(report->jobs[0].script);
  std::string text((std::istreambuf_iterator<char>(script)), {});
  EXPECT_NE(text.find("#SBATCH --array=2\n"), std::string::npos) << text;

  // Everything up to the second reduce phase done: only segment 1 and finalize remain.
  MarkDone(RunDirectory::TaskMarker(0, 2, 4));
  for (int shard = 0; shard < 3; ++shard) MarkDone(RunDirectory::ReduceMarker(1, 0, shard));
  MarkDone(RunDirectory::ReduceMarker(1, 1, 0));
  MarkDone(RunDirectory::TaskMarker(1, 0, 4));
  report = SubmitRun(request_, &runner_);
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->jobs.size(), 2u);
  EXPECT_EQ(report->jobs[0].step, "segment-1");
  EXPECT_EQ(report->jobs[0].indices, "1-3");
  EXPECT_FALSE(Exists("slurm/01-reduce-0.0.sbatch"));  // scripts of the earlier submission are gone
}

TEST_F(SubmitTest, RefusesWhileEarlierJobsAreQueued) {
  ASSERT_TRUE(SubmitRun(request_, &runner_).ok());
  runner_.squeue.out = "100_3|RUNNING\n101_0|PENDING\n";
  Result<SubmitReport> report = SubmitRun(request_, &runner_);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("still queued or running"), std::string::npos) << report.status().message();
  EXPECT_EQ(runner_.CallsTo("sbatch").size(), 5u);  // nothing more was submitted
}

TEST_F(SubmitTest, SqueueNotKnowingOldJobsMeansTheyAreFinished) {
  ASSERT_TRUE(SubmitRun(request_, &runner_).ok());
  runner_.squeue.exit_code = 1;
  runner_.squeue.err = "slurm_load_jobs error: Invalid job id specified\n";
  EXPECT_TRUE(SubmitRun(request_, &runner_).ok());
}

TEST_F(SubmitTest, FailedSbatchCancelsTheJobsBeforeIt) {
  runner_.fail_sbatch_at = 2;
  Result<SubmitReport> report = SubmitRun(request_, &runner_);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("Invalid partition"), std::string::npos) << report.status().message();
  EXPECT_EQ(runner_.CallsTo("scancel"), std::vector<std::string>{"scancel 100 101"});
  EXPECT_FALSE(Exists("slurm/jobs.tsv"));
}

TEST_F(SubmitTest, DifferentRunInTheSameDirectoryIsRefused) {
  ASSERT_TRUE(SubmitRun(request_, &runner_).ok());
  request_.spec.max_shard_bytes *= 2;
  Result<SubmitReport> report = SubmitRun(request_, &runner_);
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("different run"), std::string::npos);
}

TEST_F(SubmitTest, AnotherTaskCountResubmitsTheTasksOfTheNewSplit) {
  ASSERT_TRUE(SubmitRun(request_, &runner_).ok());
  for (int t = 0; t < 4; ++t) MarkDone(RunDirectory::TaskMarker(0, t, 4));
  request_.tasks = 8;
  Result<SubmitReport> report = SubmitRun(request_, &runner_);
  ASSERT_TRUE(report.ok()) << report.status().message();
  // Task markers belong to a task count: the 8 new tasks are planned (each skips the parts
  // that the 4 earlier tasks finished, by the parts' own markers).
  ASSERT_FALSE(report->jobs.empty());
  EXPECT_EQ(report->jobs[0].step, "segment-0");
  EXPECT_EQ(report->jobs[0].indices, "0-7");
}

TEST_F(SubmitTest, FinishedRunHasNothingToSubmit) {
  ASSERT_TRUE(SubmitRun(request_, &runner_).ok());
  for (int t = 0; t < 4; ++t) {
    MarkDone(RunDirectory::TaskMarker(0, t, 4));
    MarkDone(RunDirectory::TaskMarker(1, t, 4));
  }
  for (int shard = 0; shard < 3; ++shard) MarkDone(RunDirectory::ReduceMarker(1, 0, shard));
  MarkDone(RunDirectory::ReduceMarker(1, 1, 0));
  ASSERT_TRUE(WriteFileAtomically(run_dir_ + "/stats.json", "{}").ok());
  Result<SubmitReport> report = SubmitRun(request_, &runner_);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->jobs.empty());
  EXPECT_EQ(report->units_done, report->units_total);
}

TEST_F(SubmitTest, ResolvedPipelineReadsBackAsTheSameRun) {
  request_.dry_run = true;
  ASSERT_TRUE(SubmitRun(request_, &runner_).ok());
  Result<PipelineSpec> loaded = LoadPipelineFile(run_dir_ + "/slurm/pipeline.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->ToYaml(), *ReadWholeFile(run_dir_ + "/slurm/pipeline.yaml"));
  int tasks = 0;
  Result<PipelineShape> shape = LoadRunShape(run_dir_, &tasks);
  ASSERT_TRUE(shape.ok()) << shape.status().message();
  EXPECT_EQ(tasks, 4);
  EXPECT_EQ(shape->segments, 2);
  ASSERT_EQ(shape->reductions.size(), 1u);
  EXPECT_EQ(shape->reductions[0].shards, (std::vector<int>{3, 1}));
}

TEST_F(SubmitTest, BadRequestsAreRefusedBeforeAnythingIsWritten) {
  SubmitRequest bad = request_;
  bad.spec.output = "-";
  EXPECT_FALSE(SubmitRun(bad, &runner_).ok());
  bad = request_;
  bad.spec.inputs = {scratch_.path() + "/missing.jsonl"};
  EXPECT_FALSE(SubmitRun(bad, &runner_).ok());
  bad = request_;
  bad.tasks = 0;
  EXPECT_FALSE(SubmitRun(bad, &runner_).ok());
  bad = request_;
  bad.spec.stages.push_back({"no_such_stage", YAML::Node()});
  EXPECT_FALSE(SubmitRun(bad, &runner_).ok());
  EXPECT_FALSE(Exists(""));
  EXPECT_TRUE(runner_.calls.empty());
}

}  // namespace
}  // namespace ghirbal::slurm
