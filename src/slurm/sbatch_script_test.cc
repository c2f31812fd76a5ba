#include "slurm/sbatch_script.h"

#include <gtest/gtest.h>

namespace ghirbal::slurm {
namespace {

ScriptContext Context() {
  ScriptContext ctx;
  ctx.ghirbal = "/opt/ghirbal/bin/ghirbal";
  ctx.pipeline_file = "/runs/out/slurm/pipeline.yaml";
  ctx.run_dir = "out";
  ctx.workdir = "/runs";
  ctx.logs_dir = "/runs/out/logs";
  ctx.job_name = "ghirbal-out";
  ctx.tasks = 4;
  return ctx;
}

TEST(SbatchScriptTest, ArrayJobRunsItsElementAsTheTask) {
  PlannedJob job;
  job.step = "segment-1";
  job.description = "segment 1 (4 tasks)";
  job.array = true;
  job.indices = {1, 3};
  ScriptContext ctx = Context();
  ctx.resources.partition = "cpu";
  ctx.resources.cpus_per_task = 8;
  ctx.resources.mem = "16G";
  ctx.resources.time = "1:00:00";
  ctx.resources.extra = {"--account=lab"};
  const std::string s = SbatchScript(job, ctx);
  EXPECT_EQ(s.rfind("#!/bin/bash\n", 0), 0u);
  for (const char* want : {"#SBATCH --job-name=ghirbal-out-segment-1\n", "#SBATCH --array=1,3\n",
                           "#SBATCH --output=/runs/out/logs/segment-1.%a.job-%A.log\n", "#SBATCH --chdir=/runs\n",
                           "#SBATCH --kill-on-invalid-dep=yes\n", "#SBATCH --partition=cpu\n",
                           "#SBATCH --cpus-per-task=8\n", "#SBATCH --mem=16G\n", "#SBATCH --time=1:00:00\n",
                           "#SBATCH --account=lab\n",
                           "exec /opt/ghirbal/bin/ghirbal run /runs/out/slurm/pipeline.yaml --output out --tasks 4 "
                           "--step segment-1 --no-progress --threads 8 --task \"$SLURM_ARRAY_TASK_ID\"\n"}) {
    EXPECT_NE(s.find(want), std::string::npos) << "missing: " << want << "\nin:\n" << s;
  }
  // No dependency in the script: sbatch gets it on its command line.
  EXPECT_EQ(s.find("--dependency"), std::string::npos);
}

TEST(SbatchScriptTest, SingleJobHasNoArrayAndNoTask) {
  PlannedJob job;
  job.kind = PlannedJob::Kind::kReduce;
  job.step = "reduce-2.0";
  job.description = "minhash reduce phase 0 (14 shards)";
  job.indices = {0, 1, 2};
  ScriptContext ctx = Context();
  ctx.run_dir = "my runs/out";
  const std::string s = SbatchScript(job, ctx);
  EXPECT_EQ(s.find("--array"), std::string::npos);
  EXPECT_EQ(s.find("--task "), std::string::npos);
  EXPECT_EQ(s.find("--partition"), std::string::npos);
  EXPECT_EQ(s.find("--threads"), std::string::npos);
  EXPECT_NE(s.find("#SBATCH --output=/runs/out/logs/reduce-2.0.job-%j.log\n"), std::string::npos);
  EXPECT_NE(s.find("--output 'my runs/out' --tasks 4 --step reduce-2.0 --no-progress\n"), std::string::npos) << s;
}

TEST(SbatchScriptTest, FileNamesSortInChainOrder) {
  PlannedJob job;
  job.step = "finalize";
  EXPECT_EQ(ScriptFileName(0, job), "00-finalize.sbatch");
  EXPECT_EQ(ScriptFileName(12, job), "12-finalize.sbatch");
}

TEST(SubmitShellScriptTest, ChainsAfterok) {
  const std::string s = SubmitShellScript({"/d/00-segment-0.sbatch", "/d/01-finalize.sbatch"});
  EXPECT_NE(s.find("id=$(sbatch --parsable ${dep:+--dependency=afterok:$dep} /d/00-segment-0.sbatch)\n"),
            std::string::npos)
      << s;
  EXPECT_LT(s.find("00-segment-0"), s.find("01-finalize"));
  EXPECT_NE(s.find("dep=${id%%;*}\n"), std::string::npos);
}

}  // namespace
}  // namespace ghirbal::slurm
