#include "io/document_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <fstream>
#include <sstream>

#include "core/json.h"
#include "core/utf8.h"
#include "io/document_reader.h"
#include "io/io_test_util.h"

namespace ghirbal {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("ghirbal-io-test-" + std::to_string(getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string path() const { return path_.string(); }
  std::vector<std::string> Files() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(path_)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

Document SampleDocument() {
  Document d;
  d.id = "doc-1";
  d.text = "line \"one\"\nسطر";
  d.url = "https://example.com/";
  d.date = "2024-01-01T00:00:00Z";
  d.metadata.SetString("language", "ar");
  d.metadata.SetNumber("score", 0.5);
  d.origin = {3, 17, 123456};
  return d;
}

TEST(DocumentWriterTest, AppendDocumentJsonWritesKeysInContractOrder) {
  Document d = SampleDocument();
  std::string out;
  AppendDocumentJson(d, false, &out);
  EXPECT_EQ(out,
            R"({"id":"doc-1","text":"line \"one\"\nسطر","url":"https://example.com/",)"
            R"("date":"2024-01-01T00:00:00Z","metadata":{"language":"ar","score":0.5}})"
            "\n");
}

TEST(DocumentWriterTest, RejectedDocumentGetsRejectLastAndOriginOnlyWhenAsked) {
  Document d;
  d.id = "x";
  d.Reject("filter", "too_short", "12");
  std::string out;
  AppendDocumentJson(d, true, &out);
  EXPECT_EQ(out,
            R"({"id":"x","text":"","metadata":{"reject":{"stage":"filter","reason":"too_short",)"
            R"("value":12}},"_origin":[0,0,0]})"
            "\n");
  Document no_value;
  no_value.id = "y";
  no_value.metadata.SetInt("n", 1);
  no_value.Reject("dedup", "duplicate");
  out.clear();
  AppendDocumentJson(no_value, false, &out);
  EXPECT_EQ(out, R"({"id":"y","text":"","metadata":{"n":1,"reject":{"stage":"dedup","reason":"duplicate"}}})"
                 "\n");
}

TEST(DocumentWriterTest, WrittenDocumentsReadBackIdenticallyThroughEveryCompression) {
  for (Compression c : {Compression::kNone, Compression::kGzip, Compression::kZstd}) {
    TempDir dir;
    auto writer = ShardWriter::Create({dir.path(), "task-00001", c, 3, 1 << 20});
    ASSERT_TRUE(writer.ok());
    Document kept = SampleDocument();
    Document rejected = SampleDocument();
    rejected.id = "doc-2";
    rejected.url.clear();
    rejected.Reject("lang", "not_arabic", "\"en\"");
    std::string lines;
    AppendDocumentJson(kept, true, &lines);
    AppendDocumentJson(rejected, true, &lines);
    ASSERT_TRUE((*writer)->Write(lines).ok());
    ASSERT_TRUE((*writer)->Close().ok());
    EXPECT_EQ((*writer)->documents_written(), 2u);
    std::string name = "task-00001-00000.jsonl" + std::string(CompressionExtension(c));
    ASSERT_EQ(dir.Files(), std::vector<std::string>{name});

    auto reader = OpenReader(dir.path() + "/" + name, {});
    ASSERT_TRUE(reader.ok());
    io_testing::ReadResult r = io_testing::ReadAll(reader->get());
    ASSERT_EQ(r.docs.size(), 2u);
    EXPECT_TRUE(r.errors.empty());
    const Document& a = r.docs[0];
    EXPECT_EQ(a.id, kept.id);
    EXPECT_EQ(a.text, kept.text);
    EXPECT_EQ(a.url, kept.url);
    EXPECT_EQ(a.date, kept.date);
    EXPECT_EQ(a.metadata.entries(), kept.metadata.entries());
    EXPECT_EQ(a.origin.part, 3u);
    EXPECT_EQ(a.origin.ordinal, 17u);
    EXPECT_EQ(a.origin.offset, 123456u);
    const Document& b = r.docs[1];
    EXPECT_TRUE(b.url.empty());
    ASSERT_NE(b.metadata.FindRaw("reject"), nullptr);
    EXPECT_EQ(*b.metadata.FindRaw("reject"),
              R"({"stage":"lang","reason":"not_arabic","value":"en"})");
    // Writing what was read gives the same bytes (the reject entry now lives in metadata).
    std::string again;
    for (const Document& d : r.docs) AppendDocumentJson(d, true, &again);
    EXPECT_EQ(again, lines);
  }
}

TEST(DocumentWriterTest, ShardsRollOverAtTheSizeCapAndAreOnlyVisibleWhenComplete) {
  TempDir dir;
  auto writer = ShardWriter::Create({dir.path(), "p", Compression::kNone, 3, 100});
  ASSERT_TRUE(writer.ok());
  std::string line = std::string(R"({"id":"a","text":")") + std::string(40, 'x') + "\"}\n";
  ASSERT_TRUE((*writer)->Write(line).ok());
  EXPECT_EQ(dir.Files(), std::vector<std::string>{".p-00000.jsonl.tmp"});
  ASSERT_TRUE((*writer)->Write(line).ok());  // 124 bytes > 100: starts shard 1
  EXPECT_EQ(dir.Files(), (std::vector<std::string>{".p-00001.jsonl.tmp", "p-00000.jsonl"}));
  ASSERT_TRUE((*writer)->Write(line).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_EQ(dir.Files(), (std::vector<std::string>{"p-00000.jsonl", "p-00001.jsonl",
                                                   "p-00002.jsonl"}));
  EXPECT_EQ((*writer)->documents_written(), 3u);
  EXPECT_EQ(fs::file_size(dir.path() + "/p-00001.jsonl"), line.size());
}

TEST(DocumentWriterTest, NothingIsPublishedWithoutWritesOrWithoutClose) {
  TempDir dir;
  {
    auto writer = ShardWriter::Create({dir.path(), "empty", Compression::kZstd, 3, 100});
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Close().ok());
  }
  {
    auto writer = ShardWriter::Create({dir.path(), "abandoned", Compression::kZstd, 3, 100});
    ASSERT_TRUE((*writer)->Write("{\"id\":\"a\",\"text\":\"\"}\n").ok());
  }  // destroyed without Close
  EXPECT_TRUE(dir.Files().empty());
}

// A byte-at-a-time JSON string escaper, the reference for AppendJsonString's fast paths.
std::string ReferenceJsonString(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t len = Utf8SequenceLength(s.data() + i, s.size() - i);
      out.append(len ? s.substr(i, len) : kUtf8Replacement);
      i += len ? len : 1;
      continue;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c < 0x20) {
      char buf[8];
      snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  return out + "\"";
}

TEST(DocumentWriterTest, JsonStringEscapingMatchesAByteWiseReference) {
  // Long strings take AppendJsonString's word-at-a-time path: check it on random mixes of
  // ASCII, specials, Arabic and (in some strings) ill-formed bytes.
  std::mt19937 rng(1);
  const std::vector<std::string> pieces = {"a", "word ", "\"", "\\", "\n", "\t", "\x01", "\x1f",
                                           "مرحبا", "é", " ", "\x7f", "\xff", "\xe2\x82"};
  for (int round = 0; round < 300; ++round) {
    std::string s;
    size_t n = 1 + rng() % 200;
    size_t limit = round % 3 == 0 ? pieces.size() : pieces.size() - 2;  // ill-formed or not
    for (size_t i = 0; i < n; ++i) s += pieces[rng() % limit];
    std::string out;
    AppendJsonString(&out, s);
    ASSERT_EQ(out, ReferenceJsonString(s)) << round;
  }
}

TEST(DocumentWriterTest, CompressionNamesParse) {
  EXPECT_EQ(ParseCompression("zstd").value(), Compression::kZstd);
  EXPECT_EQ(ParseCompression("gzip").value(), Compression::kGzip);
  EXPECT_EQ(ParseCompression("none").value(), Compression::kNone);
  EXPECT_FALSE(ParseCompression("lz4").ok());
}

}  // namespace
}  // namespace ghirbal
