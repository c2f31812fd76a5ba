#include "slurm/command_runner.h"

#include <gtest/gtest.h>

namespace ghirbal::slurm {
namespace {

TEST(SubprocessRunnerTest, CapturesOutputAndExitCode) {
  SubprocessRunner runner;
  Result<CommandOutput> out = runner.Run({"sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->exit_code, 3);
  EXPECT_EQ(out->out, "out\n");
  EXPECT_EQ(out->err, "err\n");
}

TEST(SubprocessRunnerTest, LargeOutputOnBothStreamsDoesNotDeadlockAndIsCapped) {
  SubprocessRunner runner(1000);
  Result<CommandOutput> out =
      runner.Run({"sh", "-c", "head -c 300000 /dev/zero >&2; head -c 300000 /dev/zero; exit 0"});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->exit_code, 0);
  EXPECT_EQ(out->out.size(), 1000u);
  EXPECT_EQ(out->err.size(), 1000u);
}

TEST(SubprocessRunnerTest, MissingProgramIsAnError) {
  SubprocessRunner runner;
  Result<CommandOutput> out = runner.Run({"ghirbal-no-such-program-xyz"});
  EXPECT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("ghirbal-no-such-program-xyz"), std::string::npos);
}

TEST(ShellQuoteTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(ShellQuote("--array=0-3"), "--array=0-3");
  EXPECT_EQ(ShellQuote("/a/b c"), "'/a/b c'");
  EXPECT_EQ(ShellQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellQuote(""), "''");
  EXPECT_EQ(CommandLine({"sbatch", "--parsable", "x y"}), "sbatch --parsable 'x y'");
}

}  // namespace
}  // namespace ghirbal::slurm
