#include "io/document_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/io_test_util.h"

namespace ghirbal {
namespace {

using io_testing::ReadAll;
using io_testing::ReadResult;

std::string TempDir() {
  return std::filesystem::temp_directory_path() / ("ghirbal-io-reader-" + std::to_string(getpid()));
}

// Removes the files the tests wrote when the test program ends.
class TempDirCleanup : public ::testing::Environment {
 public:
  void TearDown() override { std::filesystem::remove_all(TempDir()); }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new TempDirCleanup);

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  std::string dir = TempDir();
  std::filesystem::create_directories(dir);
  std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST(DocumentReaderTest, FormatComesFromTheNameWithoutCompressionSuffix) {
  EXPECT_EQ(FormatFromFileName("a/CC-MAIN-1.warc.gz"), InputFormat::kWarc);
  EXPECT_EQ(FormatFromFileName("CC-MAIN-1.warc.wet.gz"), InputFormat::kWet);
  EXPECT_EQ(FormatFromFileName("x.JSONL.zst"), InputFormat::kJsonl);
  EXPECT_EQ(FormatFromFileName("x.ndjson"), InputFormat::kJsonl);
  EXPECT_EQ(FormatFromFileName("x.json.gz"), InputFormat::kJsonl);
  EXPECT_EQ(FormatFromFileName("x.txt.zstd"), InputFormat::kText);
  EXPECT_EQ(FormatFromFileName("x.htm"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromFileName("x.html.gz"), InputFormat::kHtml);
  EXPECT_EQ(FormatFromFileName("x.bin"), InputFormat::kAuto);
}

TEST(DocumentReaderTest, FormatNamesParse) {
  EXPECT_EQ(ParseInputFormat("wet").value(), InputFormat::kWet);
  EXPECT_EQ(InputFormatName(InputFormat::kJsonl), "jsonl");
  EXPECT_FALSE(ParseInputFormat("arc").ok());
}

TEST(DocumentReaderTest, MissingFileIsNotFound) {
  auto reader = OpenReader("/no/such/file.jsonl", {});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), Status::Code::kNotFound);
  EXPECT_NE(reader.status().message().find("/no/such/file.jsonl"), std::string::npos);
}

TEST(DocumentReaderTest, EmptyFilesGiveNoDocumentsAndNoErrors) {
  for (std::string name : {"empty.warc.gz", "empty.jsonl", "empty.txt", "empty.html", "empty"}) {
    auto reader = OpenReader(WriteTemp(name, ""), {});
    ASSERT_TRUE(reader.ok()) << name;
    ReadResult r = ReadAll(reader->get());
    EXPECT_TRUE(r.docs.empty()) << name;
    EXPECT_TRUE(r.errors.empty()) << name;
  }
}

TEST(DocumentReaderTest, StdinAndUnknownNamesAreSniffedFromTheFirstBytes) {
  std::string warc = io_testing::HtmlResponseRecord("s", "https://s/", "<p>s</p>");
  std::string jsonl = "{\"text\":\"j\"}\n";
  auto warc_reader = OpenReaderFromMemory(io_testing::Gzip(warc), "-", {});
  EXPECT_EQ(ReadAll(warc_reader.get()).docs.at(0).raw, "<p>s</p>");
  auto jsonl_reader = OpenReaderFromMemory(io_testing::Zstd(jsonl), "-", {});
  EXPECT_EQ(ReadAll(jsonl_reader.get()).docs.at(0).text, "j");
  auto html_reader = OpenReaderFromMemory("\n <html>x</html>", "page.bin", {});
  ReadResult html = ReadAll(html_reader.get());
  ASSERT_EQ(html.docs.size(), 1u);
  EXPECT_EQ(html.docs[0].content_type, "text/html");
  EXPECT_EQ(html.docs[0].id, "page");
  auto text_reader = OpenReaderFromMemory("just words", "-", {});
  ReadResult text = ReadAll(text_reader.get());
  ASSERT_EQ(text.docs.size(), 1u);
  EXPECT_EQ(text.docs[0].text, "just words");
  EXPECT_EQ(text.docs[0].id, "stdin");
}

TEST(DocumentReaderTest, TextAndHtmlFilesAreOneDocumentNamedAfterTheFile) {
  auto text = OpenReader(WriteTemp("notes.v2.txt.gz", io_testing::Gzip("a\xff b")), {});
  ASSERT_TRUE(text.ok());
  ReadResult t = ReadAll(text->get());
  ASSERT_EQ(t.docs.size(), 1u);
  EXPECT_EQ(t.docs[0].id, "notes");
  EXPECT_EQ(t.docs[0].text, "a\xEF\xBF\xBD b");
  EXPECT_EQ((*text)->counters().records, 1u);

  auto html = OpenReader(WriteTemp("page.htm", "<p>\xff</p>"), {});
  ASSERT_TRUE(html.ok());
  ReadResult h = ReadAll(html->get());
  ASSERT_EQ(h.docs.size(), 1u);
  EXPECT_EQ(h.docs[0].raw, "<p>\xff</p>");  // bytes as served: charset is extraction's job
  EXPECT_EQ(h.docs[0].content_type, "text/html");
}

TEST(DocumentReaderTest, OversizedOrTruncatedWholeFileIsOneError) {
  ReaderOptions options;
  options.max_record_bytes = 10;
  auto big = OpenReaderFromMemory(std::string(100, 'a'), "big.txt", options);
  ReadResult b = ReadAll(big.get());
  EXPECT_TRUE(b.docs.empty());
  ASSERT_EQ(b.errors.size(), 1u);
  EXPECT_EQ(b.errors[0].reason, "record_too_large");

  std::string gz = io_testing::Gzip(std::string(5000, 'z'));
  auto cut = OpenReaderFromMemory(std::string_view(gz).substr(0, gz.size() / 2), "cut.txt.gz", {});
  ReadResult c = ReadAll(cut.get());
  EXPECT_TRUE(c.docs.empty());
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].reason, "truncated_gzip");
}

TEST(DocumentReaderTest, SharedSampleJsonlAndTextGiveTheSameDocument) {
  std::string dir = std::string(GHIRBAL_SHARED_DATA_DIR) + "/samples/";
  auto jsonl = OpenReader(dir + "ar-news-cookie-banner.jsonl", {});
  auto text = OpenReader(dir + "ar-news-cookie-banner.txt", {});
  if (!jsonl.ok() || !text.ok()) GTEST_SKIP() << "shared samples not present";
  ReadResult j = ReadAll(jsonl->get());
  ReadResult t = ReadAll(text->get());
  ASSERT_EQ(j.docs.size(), 1u);
  ASSERT_EQ(t.docs.size(), 1u);
  EXPECT_EQ(j.docs[0].id, "ar-news-cookie-banner");
  EXPECT_EQ(t.docs[0].id, "ar-news-cookie-banner");
  EXPECT_TRUE(j.docs[0].text == t.docs[0].text);
  EXPECT_TRUE(j.errors.empty());
}

TEST(DocumentReaderTest, SharedHtmlGzPagesAreOneDocumentEach) {
  std::string dir = std::string(GHIRBAL_SHARED_DATA_DIR) + "/extraction-dev/html";
  std::error_code ec;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (files == 20) break;
    auto reader = OpenReader(entry.path().string(), {});
    ASSERT_TRUE(reader.ok());
    ReadResult r = ReadAll(reader->get());
    ASSERT_EQ(r.docs.size(), 1u) << entry.path();
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.docs[0].content_type, "text/html");
    EXPECT_GT(r.docs[0].raw.size(), 100u);
    EXPECT_EQ(r.docs[0].id + ".html.gz", entry.path().filename().string());
    ++files;
  }
  if (files == 0) GTEST_SKIP() << "shared extraction pages not present";
}

TEST(DocumentReaderTest, CountersMerge) {
  InputCounters a, b;
  a.records = 2;
  a.by_type["response"] = 2;
  a.skipped_by_type["request"] = 1;
  b.records = 3;
  b.by_type["response"] = 1;
  b.by_type["request"] = 2;
  b.compressed_bytes = 10;
  a.Merge(b);
  EXPECT_EQ(a.records, 5u);
  EXPECT_EQ(a.by_type["response"], 3u);
  EXPECT_EQ(a.by_type["request"], 2u);
  EXPECT_EQ(a.skipped_by_type["request"], 1u);
  EXPECT_EQ(a.compressed_bytes, 10u);
}

}  // namespace
}  // namespace ghirbal
