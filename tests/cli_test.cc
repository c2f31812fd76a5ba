// The command line: help, version, one-line errors and exit codes, the Unix-filter form.
#include <gtest/gtest.h>

#include "e2e_util.h"

namespace ghirbal::e2e {
namespace {

TEST(Cli, VersionAndHelpOnEveryCommand) {
  auto v = RunGhirbal({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.out.find("ghirbal "), std::string::npos);
  auto h = RunGhirbal({"--help"});
  EXPECT_EQ(h.exit_code, 0);
  for (const char* cmd : {"run", "extract", "langid", "filter", "dedup", "stats", "stages"}) {
    EXPECT_NE(h.out.find(cmd), std::string::npos) << cmd;
    auto sub = RunGhirbal({cmd, "--help"});
    EXPECT_EQ(sub.exit_code, 0) << cmd;
    EXPECT_NE(sub.out.find("Usage"), std::string::npos) << cmd << ": " << sub.out;
  }
}

TEST(Cli, MissingInputIsAOneLineErrorBeforeAnyWork) {
  TempDir dir;
  auto r = RunGhirbal({"run", "--input", dir / "nope.warc.gz", "--output", dir / "out"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("nope.warc.gz"), std::string::npos) << r.err;
}

TEST(Cli, UnwritableOutputIsAnErrorBeforeAnyWork) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", "{\"id\":\"a\",\"text\":\"hello\"}\n");
  WriteFile(dir / "file", "not a directory");
  auto r = RunGhirbal({"run", "--input", dir / "in.jsonl", "--output", dir / "file/out"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("ghirbal: error:"), std::string::npos) << r.err;
}

TEST(Cli, UnknownStageOptionInPipelineFileIsAnError) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", "{\"id\":\"a\",\"text\":\"hello\"}\n");
  WriteFile(dir / "p.yaml", "stages:\n  - no_such_stage\n");
  auto r = RunGhirbal({"run", dir / "p.yaml", "--input", dir / "in.jsonl", "--output", dir / "out"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no_such_stage"), std::string::npos) << r.err;
}

TEST(Cli, JsonLinesFromStdinToStdout) {
  std::string in;
  for (int i = 0; i < 20; ++i) in += "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"text " + std::to_string(i) + "\"}\n";
  in += "{broken\n";
  TempDir dir;
  WriteFile(dir / "p.yaml", "stages: []\n");
  auto r = RunGhirbal({"run", dir / "p.yaml", "--input", "-", "--format", "jsonl", "--output", "-"}, in);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 20);
  EXPECT_EQ(r.out.rfind("{\"id\":\"d0\",\"text\":\"text 0\"", 0), 0u) << r.out.substr(0, 200);
  EXPECT_NE(r.err.find("\"reason\""), std::string::npos) << r.err;  // the broken line, on stderr
  EXPECT_NE(r.err.find("errors 1"), std::string::npos) << r.err;
}

TEST(Cli, CompressionLevelIsCheckedAndApplied) {
  TempDir dir;
  std::string in;
  for (int i = 0; i < 2000; ++i) {
    in += "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"item " + std::to_string(i * 7919 % 1000) +
          " of the list, item " + std::to_string(i % 13) + "\"}\n";
  }
  WriteFile(dir / "in.jsonl", in);
  WriteFile(dir / "p.yaml", "stages: []\n");
  auto bad = RunGhirbal({"run", dir / "p.yaml", "-i", dir / "in.jsonl", "-o", dir / "bad", "--compression-level", "42"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;
  EXPECT_NE(bad.err.find("compression_level"), std::string::npos) << bad.err;
  EXPECT_EQ(RunGhirbal({"run", dir / "p.yaml", "-i", dir / "in.jsonl", "-o", dir / "none",
                        "--compression", "none", "--compression-level", "3"}).exit_code, 2);

  auto size_at = [&](const std::string& name, const std::string& level) {
    auto r = RunGhirbal({"run", dir / "p.yaml", "-i", dir / "in.jsonl", "-o", dir / name, "--compression-level", level});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(ReadShards(dir / (name + "/kept")).size(), 2000u) << name;
    return ReadFile(dir / (name + "/kept/part-00000-00000.jsonl.zst")).size();
  };
  EXPECT_GT(size_at("fast", "-7"), size_at("best", "19"));
}

TEST(Cli, StatsPrintsTheFunnel) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", "{\"id\":\"a\",\"text\":\"hello\"}\n{\"id\":\"b\",\"text\":\"world\"}\n");
  WriteFile(dir / "p.yaml", "stages: []\n");
  ASSERT_EQ(RunGhirbal({"run", dir / "p.yaml", "-i", dir / "in.jsonl", "-o", dir / "out"}).exit_code, 0);
  auto r = RunGhirbal({"stats", dir / "out"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("documents read 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("holds"), std::string::npos) << r.out;
  EXPECT_NE(RunGhirbal({"stats", dir / "nothing-here"}).exit_code, 0);
}

}  // namespace
}  // namespace ghirbal::e2e
