#include "io/byte_range.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "io/io_test_util.h"

namespace ghirbal {
namespace {

using io_testing::Gzip;
using io_testing::HtmlResponseRecord;
using io_testing::ReadAll;
using io_testing::ReadResult;
using io_testing::WarcRecord;
using io_testing::Zstd;

class ByteRangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ghirbal-byte-range-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // Reads `path` whole, then as `ranges`, and checks that the ranges together give the same
  // documents (ids, texts, offsets) in the same order, each once, and the same errors.
  void ExpectRangesTile(const std::string& path, const std::vector<ByteRange>& ranges) {
    ReaderOptions whole_options;
    auto whole_reader = OpenReader(path, whole_options);
    ASSERT_TRUE(whole_reader.ok()) << whole_reader.status().message();
    ReadResult whole = ReadAll(whole_reader->get());
    ASSERT_FALSE(whole.docs.empty());

    std::vector<Document> pieces;
    std::vector<std::string> errors;
    uint64_t records = 0;
    for (const ByteRange& range : ranges) {
      ReaderOptions o;
      o.range_begin = range.begin;
      o.range_end = range.end;
      auto reader = OpenReader(path, o);
      ASSERT_TRUE(reader.ok()) << reader.status().message();
      ReadResult part = ReadAll(reader->get());
      for (Document& d : part.docs) {
        EXPECT_GE(d.origin.offset, range.begin) << d.id;
        pieces.push_back(std::move(d));
      }
      for (const ReadError& e : part.errors) errors.push_back(e.reason + "@" + std::to_string(e.offset));
      records += (*reader)->counters().records;
    }
    std::vector<std::string> whole_errors;
    for (const ReadError& e : whole.errors) whole_errors.push_back(e.reason + "@" + std::to_string(e.offset));
    EXPECT_EQ(errors, whole_errors) << ranges.size() << " ranges";
    EXPECT_EQ(records, (*whole_reader)->counters().records) << ranges.size() << " ranges";
    ASSERT_EQ(pieces.size(), whole.docs.size()) << ranges.size() << " ranges";
    for (size_t i = 0; i < pieces.size(); ++i) {
      EXPECT_EQ(pieces[i].id, whole.docs[i].id);
      EXPECT_EQ(pieces[i].raw, whole.docs[i].raw);
      EXPECT_EQ(pieces[i].text, whole.docs[i].text);
      EXPECT_EQ(pieces[i].origin.offset, whole.docs[i].origin.offset);
    }
  }
  // Ranges of `step` raw bytes over `size` bytes, the last one open.
  void ExpectRangesTile(const std::string& path, uint64_t size, uint64_t step) {
    std::vector<ByteRange> ranges;
    for (uint64_t begin = 0; begin < size; begin += step) {
      ranges.push_back({begin, begin + step >= size ? UINT64_MAX : begin + step, 0});
    }
    ExpectRangesTile(path, ranges);
  }

  std::filesystem::path dir_;
};

// Records of varied sizes; some bodies hold text that looks like a record start or a gzip
// header, which a range reader must not take for one.
std::vector<std::string> Records(int n) {
  std::mt19937 rng(7);
  std::vector<std::string> records;
  records.push_back(WarcRecord("warcinfo", "software: test\r\n"));
  for (int i = 0; i < n; ++i) {
    std::string body = "<html><body><p>page " + std::to_string(i) + "</p>";
    body.append(rng() % 3000, 'x');
    if (i % 5 == 0) body += "\r\nWARC/1.0\r\nWARC-Type: response\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n";
    if (i % 7 == 0) body += std::string("\x1f\x8b\x08\x00", 4) + "not a member";
    body += "</body></html>";
    records.push_back(WarcRecord("request", "GET / HTTP/1.1\r\n\r\n"));
    records.push_back(HtmlResponseRecord("id-" + std::to_string(i), "https://x/" + std::to_string(i), body));
  }
  return records;
}

TEST_F(ByteRangeTest, UncompressedWarcRangesReadEveryRecordOnce) {
  std::string warc;
  for (const std::string& r : Records(60)) warc += r;
  std::string path = Write("a.warc", warc);
  ASSERT_TRUE(*CanSplitByBytes(path, {}));
  for (uint64_t step : {500u, 1777u, 4096u, 20000u, 1u << 20}) ExpectRangesTile(path, warc.size(), step);
}

TEST_F(ByteRangeTest, GzipWarcWithMemberPerRecordSplitsAtMembers) {
  std::string gz;
  for (const std::string& r : Records(60)) gz += Gzip(r);
  std::string path = Write("a.warc.gz", gz);
  ASSERT_TRUE(*CanSplitByBytes(path, {}));
  for (uint64_t step : {300u, 1000u, 5003u, 1u << 20}) ExpectRangesTile(path, gz.size(), step);
}

TEST_F(ByteRangeTest, JsonLinesSplitAtLineStarts) {
  std::string jsonl;
  for (int i = 0; i < 200; ++i) {
    jsonl += "{\"text\":\"line " + std::to_string(i) + std::string(i % 37, 'y') + "\"}\n";
    if (i % 50 == 0) jsonl += "\n";  // blank lines are not records
  }
  std::string path = Write("a.jsonl", jsonl);
  ASSERT_TRUE(*CanSplitByBytes(path, {}));
  for (uint64_t step : {1u, 7u, 64u, 1000u}) ExpectRangesTile(path, jsonl.size(), step);
}

TEST_F(ByteRangeTest, WarcStreamsThatCannotBeEnteredAreReadWholeByTheFirstRange) {
  std::string warc;
  for (const std::string& r : Records(10)) warc += r;
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"w.warc.gz", Gzip(warc)}, {"w.warc.zst", Zstd(warc)}}) {
    std::string path = Write(name, bytes);
    // One gzip member for the whole WARC is splittable in principle, but the ranges after the
    // first find no member start, so the first range reads it all.
    EXPECT_EQ(*CanSplitByBytes(path, {}), name == "w.warc.gz") << name;
    ExpectRangesTile(path, bytes.size(), bytes.size() / 3 + 1);
  }
}

TEST_F(ByteRangeTest, CompressedJsonLinesAreSplitInDecompressedOffsets) {
  std::string jsonl;
  for (int i = 0; i < 400; ++i) jsonl += "{\"text\":\"line " + std::to_string(i) + std::string(i % 53, 'z') + "\"}\n";
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"z.jsonl.zst", Zstd(jsonl)}, {"g.jsonl.gz", Gzip(jsonl)}, {"m.jsonl.gz", Gzip(jsonl.substr(0, 9000)) + Gzip(jsonl.substr(9000))}}) {
    std::string path = Write(name, bytes);
    EXPECT_TRUE(*CanSplitByBytes(path, {})) << name;
    for (uint64_t split : {64u, 200u, 1000u}) {
      auto ranges = SplitIntoRanges(path, bytes.size(), {}, split);
      ASSERT_TRUE(ranges.ok()) << ranges.status().message();
      EXPECT_EQ(ranges->size(), (bytes.size() + split - 1) / split) << name;
      EXPECT_EQ(ranges->back().end, UINT64_MAX);
      ExpectRangesTile(path, *ranges);
    }
  }
}

TEST_F(ByteRangeTest, ATruncatedFileReportsItsErrorOnceWhateverTheSplit) {
  std::string jsonl;
  for (int i = 0; i < 300; ++i) jsonl += "{\"text\":\"line " + std::to_string(i) + "\"}\n";
  std::string gz = Gzip(jsonl);
  std::string jsonl_path = Write("t.jsonl.gz", gz.substr(0, gz.size() * 2 / 3));
  auto ranges = SplitIntoRanges(jsonl_path, gz.size() * 2 / 3, {}, 100);
  ASSERT_TRUE(ranges.ok());
  ExpectRangesTile(jsonl_path, *ranges);  // the same errors as a whole read: one truncated_gzip
  // Ranges past the end of what decodes (an estimate that was too large) are empty, and
  // still report nothing twice.
  std::vector<ByteRange> wide;
  for (uint64_t b = 0; b < 3 * jsonl.size(); b += 700) wide.push_back({b, b + 700, 0});
  wide.back().end = UINT64_MAX;
  ExpectRangesTile(jsonl_path, wide);
  // A corrupt member in the middle of a multi-member file: every later range decodes
  // through it, only one reports it.
  std::string bad = Gzip(jsonl.substr(2000, 2000));
  for (size_t i = 12; i < bad.size() - 12; i += 5) bad[i] = static_cast<char>(bad[i] ^ 0x33);
  std::string members = Gzip(jsonl.substr(0, 2000)) + bad + Gzip(jsonl.substr(4000));
  std::string members_path = Write("c.jsonl.gz", members);
  auto member_ranges = SplitIntoRanges(members_path, members.size(), {}, 300);
  ASSERT_TRUE(member_ranges.ok());
  ExpectRangesTile(members_path, *member_ranges);

  std::string warc_gz;
  for (const std::string& r : Records(20)) warc_gz += Gzip(r);
  std::string warc_path = Write("t.warc.gz", warc_gz.substr(0, warc_gz.size() - 500));
  for (uint64_t step : {700u, 3000u}) ExpectRangesTile(warc_path, warc_gz.size() - 500, step);
}

TEST_F(ByteRangeTest, ACorruptMemberIsReportedOnceByTheRangeThatReadsThroughIt) {
  std::vector<std::string> members;
  for (const std::string& r : Records(30)) members.push_back(Gzip(r));
  for (int corrupt : {9, 10, 31, 40}) {
    std::string& m = members[corrupt];
    for (size_t i = 12; i < m.size() - 12; i += 7) m[i] = static_cast<char>(m[i] ^ 0x5a);
  }
  std::string gz;
  for (const std::string& m : members) gz += m;
  std::string path = Write("c.warc.gz", gz);
  // Every boundary placement: ranges ending inside, just before and just after bad members.
  for (uint64_t step : {97u, 500u, 1200u, 2900u, 7000u}) ExpectRangesTile(path, gz.size(), step);
}

TEST_F(ByteRangeTest, TextAndHtmlFilesAreNotSplit) {
  EXPECT_FALSE(*CanSplitByBytes(Write("a.txt", std::string(5000, 'a')), {}));
  EXPECT_FALSE(*CanSplitByBytes(Write("a.html", "<html>" + std::string(5000, 'a')), {}));
  EXPECT_FALSE(CanSplitByBytes((dir_ / "missing.warc").string(), {}).ok());
}

}  // namespace
}  // namespace ghirbal
