// End-to-end tests of the executor and runner with small test stages: accounting, determinism
// across thread counts and task splits, global-stage phases, resume after an interruption.
#include "pipeline/runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/json.h"
#include "core/stage_registry.h"
#include "io/document_reader.h"
#include "pipeline/run_directory.h"

namespace ghirbal {
namespace {
namespace fs = std::filesystem;

// Rejects documents whose text has fewer than `min_chars` bytes.
class MinCharsStage : public DocumentStage {
 public:
  explicit MinCharsStage(int64_t min) : min_(min) {}
  std::string_view Name() const override { return "test_min_chars"; }
  void ProcessDocument(Document& doc, StageState*) const override {
    if (static_cast<int64_t>(doc.text.size()) < min_) doc.Reject("test_min_chars", "too_short", std::to_string(doc.text.size()));
    else doc.metadata.SetInt("chars", static_cast<int64_t>(doc.text.size()));
  }

 private:
  int64_t min_;
};
GHIRBAL_REGISTER_STAGE("test_min_chars", "test: rejects short texts", [](StageOptions& o) -> Result<BuiltStage> {
  return BuiltStage{std::make_unique<MinCharsStage>(o.GetInt("min_chars", 5)), nullptr};
});

// A tiny exact-dedup global stage: collect writes "text<TAB>file:ordinal" lines per task,
// reduce keeps the first origin of every text, apply rejects the others.
class TestExactStage : public GlobalStage {
 public:
  std::string_view Name() const override { return "test_exact"; }
  class Coll : public Collector {
   public:
    explicit Coll(std::string path) : path_(std::move(path)) {}
    Status Collect(const Batch& b) override {
      for (const Document& d : b.documents) {
        if (!d.rejected()) lines_ += Key(d) + "\t" + d.text + "\n";
      }
      return Status::Ok();
    }
    Status Finish() override {
      std::ofstream(path_) << lines_;
      return Status::Ok();
    }
    std::string path_, lines_;
  };
  class App : public Applier {
   public:
    explicit App(std::set<std::string> keep) : keep_(std::move(keep)) {}
    void Apply(Batch& b) const override {
      for (Document& d : b.documents) {
        if (!d.rejected() && !keep_.count(Key(d))) d.Reject("test_exact", "exact_duplicate");
      }
    }
    std::set<std::string> keep_;
  };
  static std::string Key(const Document& d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%010u:%012llu", d.origin.part, static_cast<unsigned long long>(d.origin.ordinal));
    return buf;
  }
  Result<std::unique_ptr<Collector>> NewCollector(const TaskContext& ctx) const override {
    return std::unique_ptr<Collector>(new Coll(ctx.work_dir + "/task-" + std::to_string(ctx.task) + ".txt"));
  }
  Status Reduce(int, int, const TaskContext& ctx) const override {
    std::map<std::string, std::string> first;  // text -> smallest key
    for (const auto& e : fs::directory_iterator(ctx.work_dir)) {
      if (e.path().extension() != ".txt") continue;
      std::ifstream in(e.path());
      std::string line;
      while (std::getline(in, line)) {
        auto tab = line.find('\t');
        std::string key = line.substr(0, tab), text = line.substr(tab + 1);
        auto it = first.find(text);
        if (it == first.end() || key < it->second) first[text] = key;
      }
    }
    std::ofstream out(ctx.work_dir + "/keep.list");
    for (const auto& [text, key] : first) out << key << "\n";
    return Status::Ok();
  }
  Result<std::unique_ptr<Applier>> NewApplier(const TaskContext& ctx) const override {
    std::set<std::string> keep;
    std::ifstream in(ctx.work_dir + "/keep.list");
    std::string line;
    while (std::getline(in, line)) keep.insert(line);
    return std::unique_ptr<Applier>(new App(std::move(keep)));
  }
};
GHIRBAL_REGISTER_STAGE("test_exact", "test: exact dedup", [](StageOptions&) -> Result<BuiltStage> {
  return BuiltStage{nullptr, std::make_unique<TestExactStage>()};
});

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("ghirbal-runner-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "in");
    // 3 files, 200 documents; some short (rejected), some duplicated across files, and one
    // invalid JSON line (an error).
    for (int f = 0; f < 3; ++f) {
      std::ofstream out(root_ / "in" / ("part-" + std::to_string(f) + ".jsonl"));
      for (int i = 0; i < 70; ++i) {
        int n = f * 70 + i;
        std::string text = n % 7 == 0 ? "tiny" : "document number " + std::to_string(n % 50);
        out << "{\"id\":\"d" << n << "\",\"text\":" << JsonString(text) << ",\"metadata\":{\"src\":" << f << "}}\n";
        if (f == 1 && i == 10) out << "{not json\n";
      }
    }
  }
  void TearDown() override { fs::remove_all(root_); }

  RunOptions Options(const std::string& out, std::vector<StageSpec> stages, int threads, int tasks) {
    RunOptions o;
    o.spec.inputs = {(root_ / "in").string()};
    o.spec.output = (root_ / out).string();
    o.spec.stages = std::move(stages);
    o.spec.stages_given = true;
    o.threads = threads;
    o.tasks = tasks;
    o.progress = false;
    return o;
  }

  // Every line of every file in `dir` (decompressed), in file order.
  static std::vector<std::string> ReadLines(const fs::path& dir) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().filename().string()[0] != '.') files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> lines;
    for (const auto& f : files) {
      ReaderOptions ro;
      ro.format = InputFormat::kJsonl;
      auto reader = OpenReader(f, ro);
      EXPECT_TRUE(reader.ok());
      Document d;
      std::vector<ReadError> errors;
      while ((*reader)->Next(&d, &errors)) {
        std::string s;
        AppendDocumentJson(d, false, &s);
        lines.push_back(s);
      }
      EXPECT_TRUE(errors.empty());
    }
    return lines;
  }

  fs::path root_;
};

TEST_F(RunnerTest, AccountingHoldsAndRejectsCarryTheirReason) {
  auto outcome = ExecuteRun(Options("out", {{"test_min_chars", YAML::Node()}}, 2, 1));
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  const RunStats& s = outcome->stats;
  EXPECT_TRUE(outcome->complete);
  EXPECT_EQ(s.documents_read, 211u);
  EXPECT_EQ(s.errors, 1u);
  EXPECT_EQ(s.rejected, 30u);  // n % 7 == 0 for n in 0..209
  EXPECT_EQ(s.kept, 180u);
  EXPECT_TRUE(s.Balanced());
  ASSERT_EQ(s.stages.size(), 1u);
  EXPECT_EQ(s.stages[0].dropped.at("too_short"), 30u);
  auto rejected = ReadLines(root_ / "out" / "rejected");
  ASSERT_EQ(rejected.size(), 30u);
  EXPECT_NE(rejected[0].find("\"reject\":{\"stage\":\"test_min_chars\",\"reason\":\"too_short\",\"value\":4}"),
            std::string::npos) << rejected[0];
  std::ifstream errors(root_ / "out" / "errors.jsonl");
  std::string line;
  ASSERT_TRUE(std::getline(errors, line));
  EXPECT_NE(line.find("part-1.jsonl"), std::string::npos) << line;
  EXPECT_FALSE(std::getline(errors, line));
  auto stats = RunStats::FromJson(std::string(std::istreambuf_iterator<char>(std::ifstream(root_ / "out" / "stats.json").rdbuf()), {}));
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->kept, 180u);
  EXPECT_TRUE(stats->Balanced());
}

TEST_F(RunnerTest, OutputBytesDoNotDependOnThreadCount) {
  std::vector<StageSpec> stages = {{"test_min_chars", YAML::Node()}, {"test_exact", YAML::Node()}};
  ASSERT_TRUE(ExecuteRun(Options("t1", stages, 1, 1)).ok());
  ASSERT_TRUE(ExecuteRun(Options("t2", stages, 2, 1)).ok());
  ASSERT_TRUE(ExecuteRun(Options("t8", stages, 8, 1)).ok());
  for (const char* sub : {"kept", "rejected"}) {
    auto a = ReadLines(root_ / "t1" / sub);
    EXPECT_EQ(a, ReadLines(root_ / "t2" / sub)) << sub;
    EXPECT_EQ(a, ReadLines(root_ / "t8" / sub)) << sub;
  }
}

TEST_F(RunnerTest, GlobalStageKeepsFirstCopyWhateverTheTaskSplit) {
  std::vector<StageSpec> stages = {{"test_min_chars", YAML::Node()}, {"test_exact", YAML::Node()}};
  auto one = ExecuteRun(Options("one", stages, 2, 1));
  auto three = ExecuteRun(Options("three", stages, 2, 3));
  ASSERT_TRUE(one.ok() && three.ok());
  // Every k in 0..49 has some n = k + 50j that is not a multiple of 7, so all 50 distinct
  // texts "document number k" survive once.
  EXPECT_EQ(one->stats.kept, 50u);
  auto a = ReadLines(root_ / "one" / "kept");
  auto b = ReadLines(root_ / "three" / "kept");
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  EXPECT_EQ(a, b);
  EXPECT_TRUE(three->stats.Balanced());
  EXPECT_EQ(three->stats.kept, one->stats.kept);
  EXPECT_EQ(three->stats.stages[1].dropped.at("exact_duplicate"), one->stats.stages[1].dropped.at("exact_duplicate"));
}

TEST_F(RunnerTest, RerunAfterInterruptionRedoesUnfinishedTaskWithoutDuplicates) {
  std::vector<StageSpec> stages = {{"test_min_chars", YAML::Node()}, {"test_exact", YAML::Node()}};
  auto full = ExecuteRun(Options("full", stages, 2, 3));
  ASSERT_TRUE(full.ok());
  auto expected = ReadLines(root_ / "full" / "kept");
  // Run step by step, as a scheduler would, and stop before finalizing...
  auto o = Options("r", stages, 2, 3);
  for (const char* step : {"segment-0", "reduce-0", "segment-1"}) {
    o.step = *ParseRunStep(step);
    auto r = ExecuteRun(o);
    ASSERT_TRUE(r.ok()) << step << ": " << r.status().message();
    EXPECT_FALSE(r->complete);
  }
  // ...then simulate a crash of part 1 in the last segment: its marker is gone, its published
  // shard is there and it left a partial temporary file behind.
  RunDirectory dir((root_ / "r").string());
  fs::remove(dir.Path("done/" + RunDirectory::SegmentMarker(1, 1)));
  std::ofstream(dir.Path("kept/.part-00001-00000.jsonl.zst.tmp")) << "partial";
  o.step = RunStep();
  auto again = ExecuteRun(o);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_TRUE(again->complete);
  EXPECT_EQ(ReadLines(root_ / "r" / "kept"), expected);
  EXPECT_EQ(again->stats.kept, full->stats.kept);
  EXPECT_TRUE(again->stats.Balanced());
  EXPECT_FALSE(fs::exists(dir.Path("kept/.part-00001-00000.jsonl.zst.tmp")));
  EXPECT_FALSE(fs::exists(dir.Path("work"))) << "a finished run keeps no intermediate files";
}

TEST_F(RunnerTest, ARunStartedWithSomeTasksFinishesWithAnotherTaskCount) {
  std::vector<StageSpec> stages = {{"test_min_chars", YAML::Node()}, {"test_exact", YAML::Node()}};
  auto full = ExecuteRun(Options("full", stages, 2, 1));
  ASSERT_TRUE(full.ok());
  // Task 0 of 2 does its share of the first segment, then the run is taken over by 3 tasks.
  auto o = Options("r", stages, 1, 2);
  o.task = 0;
  o.step = *ParseRunStep("segment-0");
  ASSERT_TRUE(ExecuteRun(o).ok());
  RunDirectory dir((root_ / "r").string());
  EXPECT_TRUE(dir.IsDone(RunDirectory::SegmentMarker(0, 0)));
  EXPECT_FALSE(dir.IsDone(RunDirectory::SegmentMarker(0, 1)));
  for (int task = 0; task < 3; ++task) {
    auto t = Options("r", stages, 1, 3);
    t.task = task;
    t.step = *ParseRunStep("segment-0");
    auto r = ExecuteRun(t);
    ASSERT_TRUE(r.ok()) << r.status().message();
  }
  auto rest = ExecuteRun(Options("r", stages, 2, 3));
  ASSERT_TRUE(rest.ok()) << rest.status().message();
  ASSERT_TRUE(rest->complete);
  // The same bytes as a one-task run, file by file: outputs are per input part.
  EXPECT_EQ(ReadLines(root_ / "r" / "kept"), ReadLines(root_ / "full" / "kept"));
  EXPECT_EQ(rest->stats.documents_read, full->stats.documents_read);
  EXPECT_EQ(rest->stats.kept, full->stats.kept);
  EXPECT_TRUE(rest->stats.Balanced());
}

TEST_F(RunnerTest, SplitBytesCutsFilesIntoPartsWithoutLosingOrRepeatingARecord) {
  std::vector<StageSpec> stages = {{"test_min_chars", YAML::Node()}, {"test_exact", YAML::Node()}};
  auto whole = ExecuteRun(Options("whole", stages, 2, 1));
  ASSERT_TRUE(whole.ok());
  auto o = Options("split", stages, 2, 4);
  o.spec.split_bytes = 700;  // each file of about 2 KB becomes 3 ranges
  auto split = ExecuteRun(o);
  ASSERT_TRUE(split.ok()) << split.status().message();
  ASSERT_TRUE(split->complete);
  std::vector<std::string> a = ReadLines(root_ / "whole" / "kept"), b = ReadLines(root_ / "split" / "kept");
  EXPECT_EQ(a, b) << "kept documents and their order do not depend on the split";
  EXPECT_EQ(split->stats.documents_read, whole->stats.documents_read);
  EXPECT_EQ(split->stats.kept, whole->stats.kept);
  EXPECT_EQ(split->stats.errors, whole->stats.errors);
  EXPECT_EQ(split->stats.files, 3u);
  EXPECT_TRUE(split->stats.Balanced());
  size_t kept_files = 0;
  for (const auto& e : fs::directory_iterator(root_ / "split" / "kept")) kept_files += e.is_regular_file();
  EXPECT_GT(kept_files, 3u);  // one shard per part, not per file
  // Parts larger than the files: the three files make one part, read one after the other.
  auto g = Options("grouped", stages, 2, 2);
  g.spec.split_bytes = 1 << 20;
  auto grouped = ExecuteRun(g);
  ASSERT_TRUE(grouped.ok()) << grouped.status().message();
  EXPECT_EQ(ReadLines(root_ / "grouped" / "kept"), a);
  EXPECT_EQ(grouped->stats.files, 3u);
  EXPECT_TRUE(fs::exists(root_ / "grouped" / "done" / RunDirectory::SegmentMarker(1, 0)));
  EXPECT_FALSE(fs::exists(root_ / "grouped" / "done" / RunDirectory::SegmentMarker(1, 1)));
  // Another split is another run: the directory refuses it.
  o.spec.split_bytes = 900;
  EXPECT_FALSE(ExecuteRun(o).ok());
}

TEST_F(RunnerTest, StepsRefuseToRunBeforeWhatTheyNeed) {
  std::vector<StageSpec> stages = {{"test_min_chars", YAML::Node()}, {"test_exact", YAML::Node()}};
  auto o = Options("s", stages, 1, 2);
  o.step = *ParseRunStep("reduce-0");
  EXPECT_FALSE(ExecuteRun(o).ok());  // no task has collected yet
  o.step = *ParseRunStep("segment-1");
  EXPECT_FALSE(ExecuteRun(o).ok());  // the reduce has not run
  o.step = *ParseRunStep("finalize");
  EXPECT_FALSE(ExecuteRun(o).ok());
  EXPECT_FALSE(ParseRunStep("segment-x").ok());
  EXPECT_FALSE(ParseRunStep("reduce-1.").ok());
  EXPECT_EQ(ParseRunStep("reduce-2.1")->phase, 1);
  // Once collected, a reduce step's --task names a shard, which must exist.
  o.step = *ParseRunStep("segment-0");
  ASSERT_TRUE(ExecuteRun(o).ok());
  o.step = *ParseRunStep("reduce-0.0");
  o.task = 5;
  auto no_shard = ExecuteRun(o);
  ASSERT_FALSE(no_shard.ok());
  EXPECT_NE(no_shard.status().message().find("no shard 5"), std::string::npos) << no_shard.status().message();
  o.task = 0;
  EXPECT_TRUE(ExecuteRun(o).ok());
}

TEST_F(RunnerTest, TaskModeRunsOnlyItsShareAndWaitsForTheOthers) {
  std::vector<StageSpec> stages = {{"test_min_chars", YAML::Node()}};
  auto o = Options("tasks", stages, 1, 2);
  o.task = 1;
  auto part = ExecuteRun(o);
  ASSERT_TRUE(part.ok());
  EXPECT_FALSE(part->complete);
  EXPECT_EQ(part->stats.documents_read, 71u);  // file part-1.jsonl: 70 documents and 1 error
  o.task = 0;
  auto rest = ExecuteRun(o);
  ASSERT_TRUE(rest.ok());
  EXPECT_TRUE(rest->complete);
  EXPECT_EQ(rest->stats.documents_read, 211u);
  EXPECT_TRUE(rest->stats.Balanced());
}

TEST_F(RunnerTest, EnvironmentErrorsComeBeforeAnyWork) {
  auto o = Options("x", {{"test_min_chars", YAML::Node()}}, 1, 1);
  o.spec.inputs.push_back((root_ / "missing.jsonl").string());
  auto r = ExecuteRun(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("missing.jsonl"), std::string::npos);
  EXPECT_FALSE(fs::exists(root_ / "x"));

  auto bad_stage = Options("y", {{"no_such_stage", YAML::Node()}}, 1, 1);
  EXPECT_FALSE(ExecuteRun(bad_stage).ok());
  auto bad_option = Options("z", {{"test_min_chars", YAML::Load("{min_chrs: 3}")}}, 1, 1);
  auto r2 = ExecuteRun(bad_option);
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(r2.status().message().find("min_chrs"), std::string::npos);

  auto unwritable = Options("w", {{"test_min_chars", YAML::Node()}}, 1, 1);
  unwritable.spec.output = "/proc/ghirbal-cannot-write-here";
  EXPECT_FALSE(ExecuteRun(unwritable).ok());
}

TEST_F(RunnerTest, RerunIntoADirectoryOfAnotherRunIsRefused) {
  ASSERT_TRUE(ExecuteRun(Options("d", {{"test_min_chars", YAML::Node()}}, 1, 1)).ok());
  auto other = ExecuteRun(Options("d", {{"test_min_chars", YAML::Load("{min_chars: 9}")}}, 1, 1));
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("different run"), std::string::npos);
}

}  // namespace
}  // namespace ghirbal
