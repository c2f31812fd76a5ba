#include "io/warc_reader.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "io/io_test_util.h"

namespace ghirbal {
namespace {

using io_testing::Gzip;
using io_testing::HtmlResponseRecord;
using io_testing::HttpResponse;
using io_testing::ReadAll;
using io_testing::ReadResult;
using io_testing::WarcRecord;

ReadResult Read(const std::string& bytes, ReaderOptions options = {},
                InputCounters* counters = nullptr) {
  options.format = InputFormat::kWarc;
  auto reader = OpenReaderFromMemory(bytes, "test.warc", options);
  ReadResult r = ReadAll(reader.get());
  if (counters) *counters = reader->counters();
  return r;
}

std::string Reasons(const ReadResult& r) {
  std::string s;
  for (const auto& e : r.errors) s += e.reason + "@" + std::to_string(e.offset) + " ";
  return s;
}

TEST(WarcReaderTest, HtmlResponseBecomesDocumentWithIdUrlDateHttpAndBody) {
  std::string warc = HtmlResponseRecord("1234", "https://example.com/a", "<html>hi</html>");
  InputCounters counters;
  ReadResult r = Read(warc, {}, &counters);
  ASSERT_EQ(r.docs.size(), 1u) << Reasons(r);
  EXPECT_TRUE(r.errors.empty());
  const Document& d = r.docs[0];
  EXPECT_EQ(d.id, "urn:uuid:1234");
  EXPECT_EQ(d.url, "https://example.com/a");
  EXPECT_EQ(d.date, "2024-01-02T03:04:05Z");
  EXPECT_EQ(d.raw, "<html>hi</html>");
  EXPECT_EQ(d.content_type, "text/html");
  EXPECT_EQ(d.http.status, 200);
  EXPECT_EQ(d.http.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_TRUE(d.text.empty());
  EXPECT_EQ(d.origin.offset, 0u);
  EXPECT_EQ(d.origin.ordinal, 0u);
  EXPECT_EQ(counters.records, 1u);
  EXPECT_EQ(counters.by_type["response"], 1u);
  EXPECT_EQ(counters.uncompressed_bytes, warc.size());
}

TEST(WarcReaderTest, XhtmlResponseIsADocumentToo) {
  std::string warc = WarcRecord(
      "response", HttpResponse("application/xhtml+xml", "<html/>"),
      {{"WARC-Record-ID", "<urn:uuid:x>"}, {"Content-Type", "application/http;msgtype=response"}});
  ReadResult r = Read(warc);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].content_type, "application/xhtml+xml");
}

TEST(WarcReaderTest, RecordsThatAreNotDocumentsAreCountedBySkippedType) {
  std::string http = "application/http; msgtype=response";
  std::string warc =
      WarcRecord("warcinfo", "software: test\r\n", {{"Content-Type", "application/warc-fields"}}) +
      WarcRecord("request", "GET / HTTP/1.1\r\n\r\n", {{"Content-Type", "application/http"}}) +
      WarcRecord("response", HttpResponse("image/jpeg", "\xff\xd8\xff"), {{"Content-Type", http}}) +
      WarcRecord("response", HttpResponse("", "no type"), {{"Content-Type", http}}) +
      HtmlResponseRecord("2", "https://example.com/", "<p>x</p>") +
      WarcRecord("metadata", "fetchTimeMs: 1\r\n") + WarcRecord("revisit", "") +
      WarcRecord("conversion", "%PDF", {{"Content-Type", "application/pdf"}});
  InputCounters counters;
  ReadResult r = Read(warc, {}, &counters);
  EXPECT_EQ(r.docs.size(), 1u);
  EXPECT_TRUE(r.errors.empty()) << Reasons(r);
  EXPECT_EQ(counters.records, 8u);
  EXPECT_EQ(counters.by_type["response"], 3u);
  EXPECT_EQ(counters.skipped_by_type["warcinfo"], 1u);
  EXPECT_EQ(counters.skipped_by_type["request"], 1u);
  EXPECT_EQ(counters.skipped_by_type["response:image/jpeg"], 1u);
  EXPECT_EQ(counters.skipped_by_type["response:unknown"], 1u);
  EXPECT_EQ(counters.skipped_by_type["metadata"], 1u);
  EXPECT_EQ(counters.skipped_by_type["revisit"], 1u);
  EXPECT_EQ(counters.skipped_by_type["conversion:application/pdf"], 1u);
  EXPECT_EQ(r.docs[0].origin.ordinal, 4u);
}

TEST(WarcReaderTest, WetConversionRecordsBecomeTextDocumentsWithRepairedUtf8) {
  std::string wet =
      WarcRecord("warcinfo", "x") +
      WarcRecord("conversion", "Hello \xff world\nمرحبا",
                 {{"WARC-Record-ID", "<urn:uuid:wet-1>"},
                  {"WARC-Target-URI", "https://example.org/"},
                  {"WARC-Date", "2024-05-06T07:08:09Z"},
                  {"Content-Type", "text/plain"}});
  auto reader = OpenReaderFromMemory(wet, "x.warc.wet.gz", {});  // name picks the format
  ReadResult r = ReadAll(reader.get());
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "urn:uuid:wet-1");
  EXPECT_EQ(r.docs[0].url, "https://example.org/");
  EXPECT_EQ(r.docs[0].text, "Hello \xEF\xBF\xBD world\nمرحبا");
  EXPECT_TRUE(r.docs[0].raw.empty());
}

TEST(WarcReaderTest, PerRecordGzipOffsetsPointAtEachMemberStart) {
  std::string m1 = Gzip(WarcRecord("warcinfo", "info"));
  std::string m2 = Gzip(HtmlResponseRecord("a", "https://a/", "<p>a</p>"));
  std::string m3 = Gzip(HtmlResponseRecord("b", "https://b/", "<p>b</p>"));
  ReadResult r = Read(m1 + m2 + m3);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].origin.offset, m1.size());
  EXPECT_EQ(r.docs[1].origin.offset, m1.size() + m2.size());
  EXPECT_EQ(r.docs[1].raw, "<p>b</p>");
}

TEST(WarcReaderTest, WholeFileGzipOffsetsAreDecompressedOffsets) {
  std::string rec1 = HtmlResponseRecord("a", "https://a/", "<p>a</p>");
  std::string rec2 = HtmlResponseRecord("b", "https://b/", "<p>b</p>");
  ReadResult r = Read(Gzip(rec1 + rec2));
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].origin.offset, 0u);
  EXPECT_EQ(r.docs[1].origin.offset, rec1.size());
}

TEST(WarcReaderTest, TruncatedGzipKeepsEarlierDocumentsAndReportsTheMember) {
  std::string m1 = Gzip(HtmlResponseRecord("a", "https://a/", "<p>a</p>"));
  std::string m2 = Gzip(HtmlResponseRecord("b", "https://b/", std::string(20000, 'b')));
  ReadResult r = Read(m1 + m2.substr(0, m2.size() / 2));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "urn:uuid:a");
  ASSERT_EQ(r.errors.size(), 1u) << Reasons(r);
  EXPECT_EQ(r.errors[0].reason, "truncated_gzip");
  EXPECT_EQ(r.errors[0].offset, m1.size());
  EXPECT_EQ(r.errors[0].file, "test.warc");
}

TEST(WarcReaderTest, CorruptGzipMemberLosesOnlyItsRecord) {
  std::string m1 = Gzip(HtmlResponseRecord("a", "https://a/", "<p>a</p>"));
  std::string m2 = Gzip(HtmlResponseRecord("b", "https://b/", std::string(20000, 'b')));
  std::string m3 = Gzip(HtmlResponseRecord("c", "https://c/", "<p>c</p>"));
  std::string damaged = m2;
  for (size_t i = damaged.size() / 2; i < damaged.size() / 2 + 50; ++i) damaged[i] ^= 0x5a;
  ReadResult r = Read(m1 + damaged + m3);
  ASSERT_EQ(r.docs.size(), 2u) << Reasons(r);
  EXPECT_EQ(r.docs[0].id, "urn:uuid:a");
  EXPECT_EQ(r.docs[1].id, "urn:uuid:c") << Reasons(r);
  EXPECT_EQ(r.docs[1].origin.offset, m1.size() + m2.size());
  ASSERT_FALSE(r.errors.empty());
  EXPECT_EQ(r.errors[0].reason, "corrupt_gzip");
  EXPECT_EQ(r.errors[0].offset, m1.size());
}

TEST(WarcReaderTest, GarbageBetweenRecordsIsReportedOnceAndReadingResumes) {
  std::string rec1 = HtmlResponseRecord("a", "https://a/", "<p>a</p>");
  std::string garbage = "this is not\na WARC record\nWARC/0.9 nope\n";
  std::string rec2 = HtmlResponseRecord("b", "https://b/", "<p>b</p>");
  ReadResult r = Read(rec1 + garbage + rec2);
  ASSERT_EQ(r.docs.size(), 2u);
  ASSERT_EQ(r.errors.size(), 1u) << Reasons(r);
  EXPECT_EQ(r.errors[0].reason, "garbage_between_records");
  EXPECT_EQ(r.errors[0].offset, rec1.size());
  EXPECT_EQ(r.docs[1].origin.offset, rec1.size() + garbage.size());
}

TEST(WarcReaderTest, LeadingGarbageIsReported) {
  ReadResult r = Read("junk\n" + HtmlResponseRecord("a", "https://a/", "<p>a</p>"));
  EXPECT_EQ(r.docs.size(), 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].reason, "garbage_between_records");
  EXPECT_EQ(r.errors[0].offset, 0u);
}

TEST(WarcReaderTest, TooLongContentLengthIsAMismatchAndTheNextRecordIsStillRead) {
  std::string block = HttpResponse("text/html", "<p>a</p>");
  std::string rec1 = WarcRecord("response", block, {{"WARC-Record-ID", "<urn:uuid:a>"}},
                                static_cast<long long>(block.size() + 40));
  std::string rec2 = HtmlResponseRecord("b", "https://b/", "<p>b</p>" + std::string(100, ' '));
  ReadResult r = Read(rec1 + rec2);
  ASSERT_EQ(r.docs.size(), 1u) << Reasons(r);
  EXPECT_EQ(r.docs[0].id, "urn:uuid:b");
  ASSERT_EQ(r.errors.size(), 1u) << Reasons(r);
  EXPECT_EQ(r.errors[0].reason, "content_length_mismatch");
  EXPECT_EQ(r.errors[0].offset, 0u);
}

TEST(WarcReaderTest, TooShortContentLengthIsAMismatchAndTheNextRecordIsStillRead) {
  std::string block = HttpResponse("text/html", "<p>a long body here</p>");
  std::string rec1 = WarcRecord("response", block, {{"WARC-Record-ID", "<urn:uuid:a>"}},
                                static_cast<long long>(block.size() - 10));
  std::string rec2 = HtmlResponseRecord("b", "https://b/", "<p>b</p>");
  ReadResult r = Read(rec1 + rec2);
  ASSERT_EQ(r.docs.size(), 1u) << Reasons(r);
  EXPECT_EQ(r.docs[0].id, "urn:uuid:b");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].reason, "content_length_mismatch");
}

TEST(WarcReaderTest, TruncatedRecordAtTheEndIsReported) {
  std::string rec1 = HtmlResponseRecord("a", "https://a/", "<p>a</p>");
  std::string rec2 = HtmlResponseRecord("b", "https://b/", std::string(1000, 'b'));
  ReadResult r = Read(rec1 + rec2.substr(0, rec2.size() - 300));
  ASSERT_EQ(r.docs.size(), 1u);
  ASSERT_EQ(r.errors.size(), 1u) << Reasons(r);
  EXPECT_EQ(r.errors[0].reason, "truncated_record");
  EXPECT_EQ(r.errors[0].offset, rec1.size());
}

TEST(WarcReaderTest, TruncatedHeaderAtTheEndIsReported) {
  std::string rec1 = HtmlResponseRecord("a", "https://a/", "<p>a</p>");
  ReadResult r = Read(rec1 + "WARC/1.1\r\nWARC-Type: resp");
  ASSERT_EQ(r.docs.size(), 1u);
  ASSERT_EQ(r.errors.size(), 1u) << Reasons(r);
  EXPECT_EQ(r.errors[0].reason, "truncated_record");
}

TEST(WarcReaderTest, RecordOverTheSizeLimitIsSkippedAndReported) {
  ReaderOptions options;
  options.max_record_bytes = 1000;
  std::string big = HtmlResponseRecord("big", "https://big/", std::string(5000, 'x'));
  std::string small = HtmlResponseRecord("small", "https://small/", "<p>s</p>");
  ReadResult r = Read(small + big + small, options);
  ASSERT_EQ(r.docs.size(), 2u) << Reasons(r);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].reason, "record_too_large");
  EXPECT_EQ(r.errors[0].offset, small.size());
}

TEST(WarcReaderTest, HeaderProblemsAreReportedAndTheRecordSkipped) {
  std::string good = HtmlResponseRecord("g", "https://g/", "<p>g</p>");
  std::string invalid_line =
      "WARC/1.0\r\nWARC-Type: response\r\nthis line has no colon\r\nContent-Length: 3\r\n\r\n"
      "abc\r\n\r\n";
  std::string no_length = "WARC/1.0\r\nWARC-Type: response\r\n\r\nabc\r\n\r\n";
  std::string bad_length = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12x\r\n\r\n";
  ReadResult r = Read(good + invalid_line + good + no_length + good + bad_length + good);
  EXPECT_EQ(r.docs.size(), 4u) << Reasons(r);
  ASSERT_EQ(r.errors.size(), 3u) << Reasons(r);
  EXPECT_EQ(r.errors[0].reason, "invalid_header_line");
  EXPECT_EQ(r.errors[0].offset, good.size());
  EXPECT_EQ(r.errors[1].reason, "missing_content_length");
  EXPECT_EQ(r.errors[2].reason, "invalid_content_length");
}

TEST(WarcReaderTest, OverlongHeaderIsReported) {
  std::string good = HtmlResponseRecord("g", "https://g/", "<p>g</p>");
  std::string huge = "WARC/1.0\r\nX: " + std::string(100000, 'h') + "\r\n\r\n";
  ReadResult r = Read(good + huge + good);
  EXPECT_EQ(r.docs.size(), 2u);
  ASSERT_EQ(r.errors.size(), 1u) << Reasons(r);
  EXPECT_EQ(r.errors[0].reason, "header_too_long");
}

TEST(WarcReaderTest, ChunkedGzipBodyIsDecodedAndBadEncodingIsAnError) {
  std::string gz = Gzip("<p>decoded</p>");
  char size[16];
  snprintf(size, sizeof(size), "%zx", gz.size());
  std::string http = HttpResponse("text/html", std::string(size) + "\r\n" + gz + "\r\n0\r\n\r\n",
                                  "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n");
  std::string bad = HttpResponse("text/html", "\x1f\x8b\x08 broken", "Content-Encoding: gzip\r\n");
  ReadResult r = Read(WarcRecord("response", http) + WarcRecord("response", bad));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].raw, "<p>decoded</p>");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].reason, "bad_content_encoding");
}

TEST(WarcReaderTest, InvalidHttpResponseIsAnError) {
  ReadResult r = Read(WarcRecord("response", "not http at all",
                                 {{"Content-Type", "application/http; msgtype=response"}}));
  EXPECT_TRUE(r.docs.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].reason, "invalid_http_response");
}

TEST(WarcReaderTest, LfOnlyLineEndingsAreAccepted) {
  std::string block = "HTTP/1.0 200 OK\nContent-Type: text/html\n\n<p>lf</p>";
  std::string warc = "WARC/1.0\nWARC-Type: response\nWARC-Record-ID: <urn:uuid:lf>\n"
                     "Content-Length: " + std::to_string(block.size()) + "\n\n" + block + "\n\n";
  ReadResult r = Read(warc);
  ASSERT_EQ(r.docs.size(), 1u) << Reasons(r);
  EXPECT_EQ(r.docs[0].raw, "<p>lf</p>");
}

TEST(WarcReaderTest, MissingRecordIdIsSynthesizedFromFileAndOffset) {
  std::string rec = WarcRecord("response", HttpResponse("text/html", "<p/>"));
  ReadResult r = Read(rec + rec);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "test@0");
  EXPECT_EQ(r.docs[1].id, "test@" + std::to_string(rec.size()));
}

TEST(WarcReaderTest, RegressionGzipDecoderHandingBackBytesFromAnEarlierCall) {
  // Found by warc_reader_fuzz: ISA-L returned input bytes taken in a previous call, which made
  // the consumed count underflow. The read must end with sane counters and offsets.
  std::string path =
      std::string(GHIRBAL_SOURCE_DIR) + "/testdata/io/regression/gzip-handback-across-calls.warc.gz";
  auto reader = OpenReader(path, {});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  ReadResult r = ReadAll(reader->get());
  const uint64_t size = std::filesystem::file_size(path);
  EXPECT_LE((*reader)->counters().compressed_bytes, size);
  for (const auto& e : r.errors) {
    EXPECT_LE(e.offset, std::max<uint64_t>(size, (*reader)->counters().uncompressed_bytes));
  }
}

}  // namespace
}  // namespace ghirbal
