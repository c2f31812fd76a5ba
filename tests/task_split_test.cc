// The default recipe (deduplication included) gives the same kept documents whatever the
// task split, and a rerun of a finished run changes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/json.h"
#include "e2e_util.h"

namespace ghirbal::e2e {
namespace {

// A plausible English sentence from a vocabulary large enough that articles do not repeat
// their own word 5-grams (the repetition filters would rightly drop them).
std::string Sentence(std::mt19937& rng) {
  static const std::vector<std::string> nouns = {
      "council", "teacher", "library", "reporter", "mayor", "bakery", "bridge", "river", "market", "garden",
      "station", "museum", "hospital", "farmer", "engineer", "student", "nurse", "driver", "painter", "harbour",
      "village", "factory", "theatre", "orchestra", "airport", "forest", "valley", "stadium", "bookshop", "clinic"};
  static const std::vector<std::string> verbs = {
      "visited", "praised", "criticised", "rebuilt", "opened", "closed", "painted", "measured", "funded", "studied",
      "described", "repaired", "announced", "defended", "photographed", "inspected", "welcomed", "questioned"};
  static const std::vector<std::string> adjectives = {
      "old", "new", "quiet", "busy", "small", "large", "famous", "modest", "crowded", "empty", "northern",
      "southern", "historic", "modern", "wooden", "colourful", "distant", "nearby", "popular", "forgotten"};
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  std::string s = "The " + pick(adjectives) + " " + pick(nouns) + " " + pick(verbs) + " the " + pick(adjectives) +
                  " " + pick(nouns) + " near the " + pick(nouns) + " and " + pick(verbs) + " a " +
                  pick(adjectives) + " " + pick(nouns) + " in " + std::to_string(1900 + rng() % 120) + ".";
  return s;
}

std::string Article(std::mt19937& rng) {
  std::string text;
  for (int p = 0; p < 4; ++p) {
    for (int s = 0; s < 5; ++s) text += Sentence(rng) + " ";
    text.back() = '\n';
    text += "\n";
  }
  return text;
}

class TaskSplit : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 rng(7);
    std::vector<std::string> originals;
    for (int i = 0; i < 60; ++i) originals.push_back(Article(rng));
    int id = 0;
    for (int f = 0; f < 5; ++f) {
      std::string lines;
      for (int i = 0; i < 30; ++i) {
        // A third of the documents repeat an earlier article exactly.
        const std::string& text = rng() % 3 == 0 ? originals[rng() % originals.size()] : originals[(f * 30 + i) % 60];
        lines += "{\"id\":\"doc-" + std::to_string(id++) + "\",\"text\":" + JsonString(text) + "}\n";
      }
      WriteFile(dir_ / ("in/part-" + std::to_string(f) + ".jsonl"), lines);
    }
  }

  std::vector<std::string> KeptSorted(const std::string& run) {
    std::vector<std::string> out;
    for (const Document& d : ReadShards(dir_ / (run + "/kept"))) out.push_back(d.id + "\t" + d.text);
    std::sort(out.begin(), out.end());
    return out;
  }

  TempDir dir_;
};

TEST_F(TaskSplit, KeptDocumentsDoNotDependOnTheNumberOfTasks) {
  auto one = RunGhirbal({"run", "--input", dir_ / "in", "--output", dir_ / "one", "--no-report"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  auto three = RunGhirbal({"run", "--input", dir_ / "in", "--output", dir_ / "three", "--tasks", "3", "--no-report"});
  ASSERT_EQ(three.exit_code, 0) << three.err;
  RunStats s1 = ReadStats(dir_ / "one"), s3 = ReadStats(dir_ / "three");
  EXPECT_TRUE(s1.Balanced());
  EXPECT_TRUE(s3.Balanced());
  EXPECT_EQ(s1.documents_read, 150u);
  EXPECT_GT(s1.kept, 0u);
  EXPECT_LT(s1.kept, 60u + 1u) << "exact copies must go";
  EXPECT_EQ(KeptSorted("one"), KeptSorted("three"));
  EXPECT_EQ(s1.kept, s3.kept);
  EXPECT_EQ(s1.rejected, s3.rejected);
}

TEST_F(TaskSplit, TasksRunOneByOneThenFinishTheRun) {
  auto whole = RunGhirbal({"run", "--input", dir_ / "in", "--output", dir_ / "whole", "--no-report"});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  for (const char* k : {"1", "0", "2"}) {
    auto part = RunGhirbal({"run", "--input", dir_ / "in", "--output", dir_ / "split", "--tasks", "3", "--task", k,
                            "--no-report"});
    ASSERT_EQ(part.exit_code, 0) << part.err;
    EXPECT_NE(part.err.find("completes when"), std::string::npos) << part.err;
  }
  auto finish = RunGhirbal({"run", "--input", dir_ / "in", "--output", dir_ / "split", "--tasks", "3", "--no-report"});
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  EXPECT_EQ(KeptSorted("whole"), KeptSorted("split"));
  // A rerun of a finished run does no work and changes nothing.
  auto again = RunGhirbal({"run", "--input", dir_ / "in", "--output", dir_ / "split", "--tasks", "3", "--no-report"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(KeptSorted("whole"), KeptSorted("split"));
  EXPECT_TRUE(ReadStats(dir_ / "split").Balanced());
}

TEST_F(TaskSplit, ByteRangesStartedByTwoTasksAndFinishedByFiveKeepTheSameDocuments) {
  std::string all;
  for (int f = 0; f < 5; ++f) all += ReadFile(dir_ / ("in/part-" + std::to_string(f) + ".jsonl"));
  WriteFile(dir_ / "big/all.jsonl", all);
  auto whole = RunGhirbal({"run", "--input", dir_ / "big", "--output", dir_ / "whole", "--no-report"});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  // Task 0 of 2 does its ranges, then 5 tasks in one process finish the run.
  auto first = RunGhirbal({"run", "--input", dir_ / "big", "--output", dir_ / "split", "--split-bytes", "16K",
                           "--tasks", "2", "--task", "0", "--no-report"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto rest = RunGhirbal({"run", "--input", dir_ / "big", "--output", dir_ / "split", "--split-bytes", "16K",
                          "--tasks", "5", "--no-report"});
  ASSERT_EQ(rest.exit_code, 0) << rest.err;
  EXPECT_EQ(KeptSorted("whole"), KeptSorted("split"));
  RunStats w = ReadStats(dir_ / "whole"), s = ReadStats(dir_ / "split");
  EXPECT_EQ(s.documents_read, w.documents_read);
  EXPECT_EQ(s.documents_read, 150u);
  EXPECT_EQ(s.files, 1u);
  EXPECT_TRUE(s.Balanced());
  // The same file gzipped: its ranges are decoded from the start and skipped to.
  WriteFile(dir_ / "gz/all.jsonl.gz", Gzip(all));
  auto gz = RunGhirbal({"run", "--input", dir_ / "gz", "--output", dir_ / "gz-split", "--split-bytes", "8K",
                        "--tasks", "3", "--no-report"});
  ASSERT_EQ(gz.exit_code, 0) << gz.err;
  EXPECT_EQ(KeptSorted("whole"), KeptSorted("gz-split"));
  EXPECT_EQ(ReadStats(dir_ / "gz-split").documents_read, 150u);
  // Same directory, other ranges: another run, refused.
  auto other = RunGhirbal({"run", "--input", dir_ / "big", "--output", dir_ / "split", "--split-bytes", "32K",
                           "--no-report"});
  EXPECT_NE(other.exit_code, 0);
  EXPECT_NE(other.err.find("different run"), std::string::npos) << other.err;
}

TEST_F(TaskSplit, ByteRangesOfACommonCrawlStyleWarcGzReadEveryRecordOnce) {
  const std::string sample = std::string(GHIRBAL_SOURCE_DIR) + "/samples/crawl.warc.gz";
  auto whole = RunGhirbal({"run", "--input", sample, "--output", dir_ / "whole", "--no-report"});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  auto split = RunGhirbal({"run", "--input", sample, "--output", dir_ / "split", "--split-bytes", "1K", "--tasks",
                           "3", "--no-report"});
  ASSERT_EQ(split.exit_code, 0) << split.err;
  EXPECT_EQ(KeptSorted("whole"), KeptSorted("split"));
  RunStats w = ReadStats(dir_ / "whole"), s = ReadStats(dir_ / "split");
  EXPECT_EQ(s.documents_read, w.documents_read);
  EXPECT_EQ(s.input.records, w.input.records);
  EXPECT_EQ(s.errors, 0u);
  EXPECT_TRUE(s.Balanced());
}

}  // namespace
}  // namespace ghirbal::e2e
