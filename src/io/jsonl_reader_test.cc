#include "io/jsonl_reader.h"

#include <gtest/gtest.h>

#include "io/io_test_util.h"

namespace ghirbal {
namespace {

using io_testing::ReadAll;
using io_testing::ReadResult;

ReadResult Read(const std::string& bytes, ReaderOptions options = {},
                const std::string& name = "dir/part.jsonl") {
  auto reader = OpenReaderFromMemory(bytes, name, options);
  return ReadAll(reader.get());
}

TEST(JsonlReaderTest, ReadsIdTextUrlDateAndMetadataInOrder) {
  ReadResult r = Read(
      R"({"id":"d1","text":"héllo\nworld","url":"https://x/","date":"2024-01-01",)"
      R"("metadata":{"z":1, "a":{"b": [1, 2]},"s":"t"}})"
      "\n");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.errors.empty());
  const Document& d = r.docs[0];
  EXPECT_EQ(d.id, "d1");
  EXPECT_EQ(d.text, "héllo\nworld");
  EXPECT_EQ(d.url, "https://x/");
  EXPECT_EQ(d.date, "2024-01-01");
  ASSERT_EQ(d.metadata.entries().size(), 3u);
  EXPECT_EQ(d.metadata.entries()[0], (Metadata::Entry{"z", "1"}));
  EXPECT_EQ(d.metadata.entries()[1], (Metadata::Entry{"a", R"({"b":[1,2]})"}));
  EXPECT_EQ(d.metadata.entries()[2], (Metadata::Entry{"s", R"("t")"}));
  EXPECT_EQ(d.origin.offset, 0u);
}

TEST(JsonlReaderTest, NumericIdIsStringifiedAndMissingIdIsFileAndOffset) {
  const std::string first = "{\"id\":42,\"text\":\"a\"}\n\n";
  const std::string second = "{\"text\":\"b\"}\r\n";
  ReadResult r = Read(first + second + "{\"id\":null,\"text\":\"c\"}");
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[0].id, "42");
  // Byte offsets, not line numbers: a reader that starts in the middle of the file (a byte
  // range) names the same line the same way.
  EXPECT_EQ(r.docs[1].id, "part@" + std::to_string(first.size()));
  EXPECT_EQ(r.docs[2].id, "part@" + std::to_string(first.size() + second.size()));  // no final newline
  EXPECT_EQ(r.docs[2].text, "c");
}

TEST(JsonlReaderTest, ConfigurableFieldNamesAndHtmlField) {
  ReaderOptions options;
  options.id_field = "doc_id";
  options.text_field = "content";
  options.html_field = "html";
  ReadResult r = Read(
      R"({"doc_id":"x","content":"t"})"
      "\n"
      R"({"doc_id":"y","html":"<p>h</p>"})"
      "\n",
      options);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "x");
  EXPECT_EQ(r.docs[0].text, "t");
  EXPECT_EQ(r.docs[1].raw, "<p>h</p>");
  EXPECT_EQ(r.docs[1].content_type, "text/html");
}

TEST(JsonlReaderTest, OtherTopLevelFieldsAreKeptInMetadata) {
  ReadResult r = Read(R"({"text":"t","source":"cc","metadata":{"lang":"ar"},"n":[1]})");
  ASSERT_EQ(r.docs.size(), 1u);
  const auto& e = r.docs[0].metadata.entries();
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].first, "source");
  EXPECT_EQ(e[1].first, "lang");
  EXPECT_EQ(e[2].first, "n");
}

TEST(JsonlReaderTest, BadLinesAreReportedWithTheirOffsetAndReadingContinues) {
  std::vector<std::string> lines = {
      R"({"id":"ok1","text":"a"})",
      R"({"id":"x","text":"unterminated)",
      R"([1,2,3])",
      R"({"id":"no text"})",
      "{\"id\":\"bad\",\"text\":\"\xff\xfe\"}",
      R"({"id":"wrong","text":5})",
      R"({"id":{"o":1},"text":"a"})",
      R"({"text":"a","metadata":[1]})",
      R"({"text":"a","_origin":[1,2]})",
      R"({"id":"ok2","text":"b"})",
  };
  std::string data;
  std::vector<uint64_t> offsets;
  for (const auto& l : lines) {
    offsets.push_back(data.size());
    data += l + "\n";
  }
  ReadResult r = Read(data);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[1].id, "ok2");
  std::vector<std::string> expected = {"invalid_json",  "not_an_object", "missing_text",
                                       "invalid_utf8",  "invalid_field", "invalid_field",
                                       "invalid_field", "invalid_field"};
  ASSERT_EQ(r.errors.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(r.errors[i].reason, expected[i]) << i;
    EXPECT_EQ(r.errors[i].offset, offsets[i + 1]) << i;
    EXPECT_EQ(r.errors[i].file, "dir/part.jsonl");
  }
}

TEST(JsonlReaderTest, LineLongerThanTheLimitIsSkippedWithoutStoppingTheRead) {
  ReaderOptions options;
  options.max_record_bytes = 100;
  std::string long_line = R"({"text":")" + std::string(5000, 'x') + "\"}";
  std::string data = R"({"text":"a"})" "\n" + long_line + "\n" R"({"text":"b"})" "\n";
  ReadResult r = Read(data, options);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[1].text, "b");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].reason, "record_too_large");
  EXPECT_EQ(r.errors[0].offset, 13u);
}

TEST(JsonlReaderTest, GzipAndZstdInputsAreDecompressed) {
  std::string data = R"({"id":"a","text":"one"})" "\n" R"({"id":"b","text":"two"})" "\n";
  for (const std::string& packed : {io_testing::Gzip(data), io_testing::Zstd(data)}) {
    ReadResult r = Read(packed, {}, "x.jsonl.zst");
    ASSERT_EQ(r.docs.size(), 2u);
    EXPECT_EQ(r.docs[1].text, "two");
    EXPECT_EQ(r.docs[1].origin.offset, 24u);  // offset in the decompressed stream
  }
}

TEST(JsonlReaderTest, TruncatedZstdKeepsEarlierLinesAndReportsTheError) {
  std::string data;
  for (int i = 0; i < 2000; ++i) data += R"({"text":"line )" + std::to_string(i) + "\"}\n";
  std::string packed = io_testing::Zstd(data);
  ReadResult r = Read(packed.substr(0, packed.size() - 20), {}, "x.jsonl.zst");
  EXPECT_LT(r.docs.size(), 2000u);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors.back().reason, "truncated_zstd");
}

}  // namespace
}  // namespace ghirbal
