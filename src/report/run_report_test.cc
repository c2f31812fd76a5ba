// The report of real runs (the runner with a small test stage): complete, split into tasks,
// empty, interrupted, and documents that try to inject markup.
#include "report/run_report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/json.h"
#include "core/stage_registry.h"
#include "pipeline/runner.h"

namespace ghirbal {
namespace {
namespace fs = std::filesystem;

// Records its word count under metadata.report_test_words.words and rejects documents with
// fewer than `min_words` words (the option name the report matches to draw a threshold).
class WordsStage : public DocumentStage {
 public:
  explicit WordsStage(int64_t min) : min_(min) {}
  std::string_view Name() const override { return "report_test_words"; }
  void ProcessDocument(Document& doc, StageState*) const override {
    int64_t words = 0;
    bool in_word = false;
    for (char c : doc.text) {
      const bool space = c == ' ' || c == '\n';
      words += !space && !in_word;
      in_word = !space;
    }
    doc.metadata.SetRaw("report_test_words", "{\"words\":" + std::to_string(words) + "}");
    doc.metadata.SetString("language", static_cast<unsigned char>(doc.text[0]) >= 0x80 ? "ar" : "en");
    doc.metadata.SetNumber("language_score", 0.75);
    if (words < min_) doc.Reject("report_test_words", "too_few_words", std::to_string(words));
    // A rule of its own, so that its one document is always among the examples.
    if (doc.text.find("planted") != std::string::npos) doc.Reject("report_test_words", "planted", "\"<b>\"");
  }

 private:
  int64_t min_;
};
GHIRBAL_REGISTER_STAGE("report_test_words", "test: word counts", [](StageOptions& o) -> Result<BuiltStage> {
  auto stage = std::make_unique<WordsStage>(o.GetInt("min_words", 3));
  GHIRBAL_RETURN_IF_ERROR(o.Finish());
  return BuiltStage{std::move(stage), nullptr};
});

class RunReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("ghirbal-report-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "in");
    for (int f = 0; f < 2; ++f) {
      std::ofstream out(root_ / "in" / ("part-" + std::to_string(f) + ".jsonl"));
      for (int i = 0; i < 30; ++i) {
        std::string text = i % 2 ? "هذا نص عربي طويل بما يكفي رقم " + std::to_string(i)
                                 : "an English text long enough number " + std::to_string(i);
        if (i % 5 == 0) text = "short";
        if (i == 7) text = "<script>alert('x')</script></textarea> \x01\x1b planted markup here";
        std::string id = i == 7 ? "<script>id</script>" : "f" + std::to_string(f) + "-" + std::to_string(i);
        out << "{\"id\":" << JsonString(id) << ",\"text\":" << JsonString(text) << "}\n";
      }
    }
  }
  // GHIRBAL_KEEP_TEST_RUNS=1 keeps the run directories (and their report.html) for a look.
  void TearDown() override {
    if (std::getenv("GHIRBAL_KEEP_TEST_RUNS") == nullptr) fs::remove_all(root_);
  }

  RunOptions Options(const std::string& out, int tasks, const std::string& dir = "in") {
    RunOptions o;
    o.spec.inputs = {(root_ / dir).string()};
    o.spec.output = (root_ / out).string();
    YAML::Node options;
    options["min_words"] = 4;
    o.spec.stages = {{"report_test_words", options}};
    o.spec.stages_given = true;
    o.threads = 2;
    o.tasks = tasks;
    o.progress = false;
    return o;
  }

  std::string Report(const std::string& out) {
    Status st = WriteRunReport((root_ / out).string(), "");
    EXPECT_TRUE(st.ok()) << st.message();
    std::ifstream in(root_ / out / "report.html");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  fs::path root_;
};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

TEST_F(RunReportTest, FinishedRunShowsEverySectionAndEscapesDocuments) {
  Result<RunOutcome> run = ExecuteRun(Options("out", 1));
  ASSERT_TRUE(run.ok()) << run.status().message();
  ASSERT_TRUE(run->complete);
  const std::string html = Report("out");
  for (const char* part : {"id=\"funnel\"", "Documents left after each stage", "Rejected documents by rule",
                           "report_test_words: too_few_words", "metadata.report_test_words.words",
                           "Kept documents by language", "Text length, kept versus rejected", "id=\"examples\"",
                           "dir=\"auto\"", "Finished run.", "هذا نص عربي",
                           "threads per step</th><td>2<"}) {
    EXPECT_NE(html.find(part), std::string::npos) << part;
  }
  // The option min_words is drawn on both the rule's and the measure's histogram.
  size_t lines = 0;
  for (size_t p = html.find("report_test_words.min_words = 4"); p != std::string::npos;
       p = html.find("report_test_words.min_words = 4", p + 1)) {
    ++lines;
  }
  EXPECT_EQ(lines, 2u);
  // The planted markup is shown, escaped; the page has no script, no external reference.
  const std::string lower = Lower(html);
  EXPECT_EQ(lower.find("<script"), std::string::npos);
  EXPECT_EQ(lower.find("</textarea"), std::string::npos);
  EXPECT_EQ(lower.find("http://"), std::string::npos);
  EXPECT_EQ(lower.find("https://"), std::string::npos);
  EXPECT_EQ(lower.find("src="), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;/textarea&gt; \u2401\u241B"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
}

TEST_F(RunReportTest, TaskSplitGivesTheSameReport) {
  ASSERT_TRUE(ExecuteRun(Options("one", 1)).ok());
  ASSERT_TRUE(ExecuteRun(Options("two", 2)).ok());
  Result<ReportData> one = LoadReportData((root_ / "one").string());
  Result<ReportData> two = LoadReportData((root_ / "two").string());
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_EQ(two->report_files, 2);
  EXPECT_EQ(one->report.kept, 46u);  // 60 documents, 12 "short", 2 planted
  // The report's counts agree with the run's accounting.
  EXPECT_EQ(two->report.kept, two->stats.kept);
  EXPECT_EQ(two->report.rejected, two->stats.rejected);
  EXPECT_EQ(two->report.errors, two->stats.errors);
  EXPECT_EQ(two->report.rejects, one->report.rejects);
  EXPECT_TRUE(two->report.kept_examples == one->report.kept_examples);
  EXPECT_TRUE(two->report.reject_examples == one->report.reject_examples);
  EXPECT_TRUE(two->report.languages == one->report.languages);
  EXPECT_EQ(two->report.measures.at("report_test_words.words").kept.count(),
            one->report.measures.at("report_test_words.words").kept.count());
}

TEST_F(RunReportTest, EmptyRunSaysSo) {
  fs::create_directories(root_ / "none");
  std::ofstream(root_ / "none" / "empty.jsonl").flush();
  Result<RunOutcome> run = ExecuteRun(Options("out", 1, "none"));
  ASSERT_TRUE(run.ok()) << run.status().message();
  const std::string html = Report("out");
  EXPECT_NE(html.find("Empty run."), std::string::npos);
  EXPECT_NE(html.find("no values"), std::string::npos);
  EXPECT_NE(html.find("No document was rejected."), std::string::npos);
}

TEST_F(RunReportTest, InterruptedRunSaysSo) {
  ASSERT_TRUE(ExecuteRun(Options("out", 2)).ok());
  // As if the run stopped after part 0: no merged stats, no trace of part 1.
  fs::remove(root_ / "out" / "stats.json");
  fs::remove(root_ / "out" / "stats" / "part-00001-stats.json");
  fs::remove(root_ / "out" / "report" / "part-00001-report.json");
  const std::string html = Report("out");
  EXPECT_NE(html.find("Incomplete run."), std::string::npos);
  EXPECT_NE(html.find("only the 1 step(s) that completed, of a run of 2 input part(s)"), std::string::npos);
}

TEST_F(RunReportTest, NotARunDirectory) {
  Status st = WriteRunReport((root_ / "in").string(), (root_ / "x.html").string());
  EXPECT_FALSE(st.ok());
  EXPECT_FALSE(fs::exists(root_ / "x.html"));
}

TEST(MatchThresholdsTest, OptionNamesMatchMeasuresAndRules) {
  ReportStats r;
  r.measures["language_score"].kept.Add(0.9);
  r.measures["filter.word_count"].kept.Add(100);
  r.measures["other.word_count"].kept.Add(100);
  r.reject_values["langid:language_low_score"].Add(0.2);
  r.declared_thresholds["word_count"] = {50};
  const std::string yaml = "stages:\n  - langid: {min_score: 0.5, max_bytes: 8192}\n  - filter: {min_word_count: 60}\n";
  auto t = MatchThresholds(yaml, r);
  ASSERT_EQ(t["language_score"].size(), 1u);
  EXPECT_EQ(t["language_score"][0].value, 0.5);
  EXPECT_EQ(t["langid:language_low_score"][0].label, "langid.min_score = 0.5");
  ASSERT_EQ(t["filter.word_count"].size(), 2u);  // the option and the declared threshold
  ASSERT_EQ(t["other.word_count"].size(), 1u);   // only the declared one: another stage
}

}  // namespace
}  // namespace ghirbal
