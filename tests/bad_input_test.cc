// Nothing lost, nothing crashes: every awkward input yields documents, errors with file and
// offset, and a balanced account (read = kept + rejected + errors), with exit code 0.
#include <gtest/gtest.h>

#include "e2e_util.h"

namespace ghirbal::e2e {
namespace {

std::string WarcRecord(const std::string& type, const std::string& uri, const std::string& http_payload,
                       int length_delta = 0) {
  std::string r = "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:" + uri.substr(uri.size() - 4) +
                  "-0000-0000-0000-000000000000>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: " + uri +
                  "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
                  std::to_string(static_cast<int>(http_payload.size()) + length_delta) + "\r\n\r\n" + http_payload +
                  "\r\n\r\n";
  return r;
}

std::string HtmlResponse(const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body;
}

std::string Page(int i) {
  return "<html><body><p>Page " + std::to_string(i) + " has a paragraph of text.</p></body></html>";
}

// Runs an empty pipeline (reading only) over `files` and checks the account.
RunStats RunOver(const TempDir& dir, const std::vector<std::string>& files) {
  WriteFile(dir / "p.yaml", "stages: []\n");
  std::vector<std::string> args = {"run", dir / "p.yaml", "--output", dir / "out", "--no-progress"};
  for (const auto& f : files) {
    args.push_back("--input");
    args.push_back(f);
  }
  auto r = RunGhirbal(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  RunStats s = ReadStats(dir / "out");
  EXPECT_TRUE(s.Balanced()) << ReadFile(dir / "out/stats.json");
  EXPECT_EQ(ReadShards(dir / "out/kept").size(), s.kept);
  return s;
}

TEST(BadInput, TruncatedGzipKeepsRecordsBeforeIt) {
  TempDir dir;
  std::string data;
  for (int i = 0; i < 5; ++i) data += Gzip(WarcRecord("response", "http://x/" + std::to_string(1000 + i), HtmlResponse(Page(i))));
  std::string last = Gzip(WarcRecord("response", "http://x/1005", HtmlResponse(Page(5))));
  data += last.substr(0, last.size() / 2);
  WriteFile(dir / "t.warc.gz", data);
  RunStats s = RunOver(dir, {dir / "t.warc.gz"});
  EXPECT_EQ(s.kept, 5u);
  EXPECT_EQ(s.errors, 1u);
  std::string errors = ReadFile(dir / "out/errors.jsonl");
  EXPECT_NE(errors.find("t.warc.gz"), std::string::npos) << errors;
  EXPECT_NE(errors.find("\"offset\":"), std::string::npos) << errors;
}

TEST(BadInput, WrongContentLengthAndGarbageBetweenRecords) {
  TempDir dir;
  std::string data = WarcRecord("response", "http://x/1001", HtmlResponse(Page(1)));
  data += "garbage garbage\r\n\r\n";
  data += WarcRecord("response", "http://x/1002", HtmlResponse(Page(2)), +40);  // says 40 bytes more
  data += WarcRecord("response", "http://x/1003", HtmlResponse(Page(3)));
  data += WarcRecord("response", "http://x/1004", HtmlResponse(Page(4)));
  WriteFile(dir / "b.warc", data);
  RunStats s = RunOver(dir, {dir / "b.warc"});
  EXPECT_GE(s.kept, 3u);  // the records before and after the damage
  EXPECT_GE(s.errors, 1u);
}

TEST(BadInput, InvalidJsonAndInvalidUtf8Lines) {
  TempDir dir;
  std::string data = "{\"id\":\"a\",\"text\":\"fine\"}\n{\"id\":\"b\",\"text\":\"bro\n[1,2]\n"
                     "{\"id\":\"c\",\"text\":\"bad \xff\xfe utf8\"}\n{\"id\":\"d\"}\n{\"id\":\"e\",\"text\":\"fine too\"}\n";
  WriteFile(dir / "j.jsonl", data);
  RunStats s = RunOver(dir, {dir / "j.jsonl"});
  EXPECT_GE(s.kept, 2u);
  EXPECT_GE(s.errors, 3u);
  EXPECT_EQ(s.documents_read, s.kept + s.errors);
}

TEST(BadInput, EmptyFileAndNonHtmlRecordsAreAccountedFor) {
  TempDir dir;
  WriteFile(dir / "empty.jsonl", "");
  std::string warc = WarcRecord("request", "http://x/1001", "GET / HTTP/1.1\r\n\r\n");
  warc += WarcRecord("response", "http://x/1002",
                     "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n");
  warc += WarcRecord("response", "http://x/1003", HtmlResponse(Page(3)));
  WriteFile(dir / "w.warc", warc);
  RunStats s = RunOver(dir, {dir / "empty.jsonl", dir / "w.warc"});
  EXPECT_EQ(s.files, 2u);
  EXPECT_EQ(s.kept, 1u);
  EXPECT_EQ(s.input.records, 3u);
  uint64_t skipped = 0;
  for (const auto& [k, n] : s.input.skipped_by_type) skipped += n;
  EXPECT_EQ(skipped, 2u);
}

}  // namespace
}  // namespace ghirbal::e2e
