#include "pipeline/pipeline_spec.h"

#include <gtest/gtest.h>

#include "pipeline/run_stats.h"

namespace ghirbal {
namespace {

TEST(PipelineSpec, ParsesSettingsAndStages) {
  auto spec = ParsePipelineYaml(R"(
input: ["a/*.warc.gz", b.jsonl]
output: out
format: jsonl
threads: 3
tasks: 4
compression: gzip
compression_level: 7
max_shard_mb: 5
reader: {id_field: doc_id, text_field: content, max_record_mb: 2}
stages:
  - extract
  - langid: {languages: [ar, fa], min_score: 0.5}
)", "test.yaml");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->inputs, (std::vector<std::string>{"a/*.warc.gz", "b.jsonl"}));
  EXPECT_EQ(spec->output, "out");
  EXPECT_EQ(spec->reader.format, InputFormat::kJsonl);
  EXPECT_EQ(spec->threads, 3);
  EXPECT_EQ(spec->tasks, 4);
  EXPECT_EQ(spec->compression, Compression::kGzip);
  EXPECT_EQ(spec->compression_level, 7);
  EXPECT_EQ(spec->max_shard_bytes, 5u << 20);
  EXPECT_EQ(spec->reader.id_field, "doc_id");
  EXPECT_EQ(spec->reader.text_field, "content");
  EXPECT_EQ(spec->reader.max_record_bytes, 2u << 20);
  ASSERT_TRUE(spec->stages_given);
  ASSERT_EQ(spec->stages.size(), 2u);
  EXPECT_EQ(spec->stages[0].name, "extract");
  EXPECT_EQ(spec->stages[1].name, "langid");
  EXPECT_EQ(spec->stages[1].options["min_score"].as<double>(), 0.5);
}

TEST(PipelineSpec, UnknownSettingAndBadValuesAreErrors) {
  EXPECT_FALSE(ParsePipelineYaml("inptu: x\n", "t").ok());
  EXPECT_FALSE(ParsePipelineYaml("threads: many\n", "t").ok());
  EXPECT_FALSE(ParsePipelineYaml("compression: lz4\n", "t").ok());
  EXPECT_FALSE(ParsePipelineYaml("compression_level: fast\n", "t").ok());
  EXPECT_FALSE(ParsePipelineYaml("stages: extract\n", "t").ok());
  EXPECT_FALSE(ParsePipelineYaml("stages: [[1, 2]]\n", "t").ok());
  EXPECT_FALSE(ParsePipelineYaml("a: [\n", "t").ok());
}

TEST(PipelineSpec, ToYamlParsesBackToTheSameSpec) {
  auto spec = ParsePipelineYaml("input: [x.jsonl]\noutput: o\nstages: [{filter: {min_words: 3}}]\n", "t");
  ASSERT_TRUE(spec.ok());
  auto again = ParsePipelineYaml(spec->ToYaml(), "again");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->ToYaml(), spec->ToYaml());
  EXPECT_EQ(again->stages[0].options["min_words"].as<int>(), 3);
}

TEST(RunStats, JsonRoundTripAndMerge) {
  RunStats a;
  a.documents_read = 10;
  a.kept = 6;
  a.rejected = 3;
  a.errors = 1;
  a.files = 2;
  a.input.records = 30;
  a.input.skipped_by_type["request"] = 10;
  a.stages.resize(1);
  a.stages[0].name = "filter";
  a.stages[0].documents_in = 9;
  a.stages[0].documents_out = 6;
  a.stages[0].dropped["gopher_min_words"] = 3;
  auto back = RunStats::FromJson(a.ToJson());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->ToJson(), a.ToJson());
  EXPECT_TRUE(back->Balanced());
  back->Merge(a);
  EXPECT_EQ(back->documents_read, 20u);
  EXPECT_EQ(back->stages[0].dropped["gopher_min_words"], 6u);
  EXPECT_EQ(back->input.skipped_by_type["request"], 20u);
  EXPECT_TRUE(back->Balanced());
  EXPECT_FALSE(RunStats::FromJson("{").ok());
}

TEST(ParseByteSizeTest, NumbersWithBinaryUnits) {
  EXPECT_EQ(*ParseByteSize("4096"), 4096u);
  EXPECT_EQ(*ParseByteSize("64K"), 64u << 10);
  EXPECT_EQ(*ParseByteSize("256M"), 256u << 20);
  EXPECT_EQ(*ParseByteSize("2GB"), 2ull << 30);
  EXPECT_EQ(*ParseByteSize("1t"), 1ull << 40);
  for (const char* bad : {"", "M", "12Q", "-5", "1.5G", "99999999999999G", "99999999999T"}) {
    EXPECT_FALSE(ParseByteSize(bad).ok()) << bad;
  }
}

TEST(PipelineSpecTest, SplitBytesIsReadAndWrittenBack) {
  auto spec = ParsePipelineYaml("input: [a.warc.gz]\nsplit_bytes: 512M\n", "test");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->split_bytes, 512ull << 20);
  auto again = ParsePipelineYaml(spec->ToYaml(), "again");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->split_bytes, spec->split_bytes);
  EXPECT_FALSE(ParsePipelineYaml("split_bytes: lots\n", "test").ok());
}

}  // namespace
}  // namespace ghirbal
