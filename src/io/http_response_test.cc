#include "io/http_response.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>

#include "io/io_test_util.h"

namespace ghirbal {
namespace {

HttpInfo Head(std::string_view text) {
  HttpInfo http;
  size_t size = 0;
  EXPECT_TRUE(ParseHttpHead(text, 1 << 16, &http, &size));
  return http;
}

TEST(HttpResponseTest, HeadGivesStatusLowerCasedNamesTrimmedValuesAndSize) {
  std::string block = "HTTP/1.1 404 Not Found\r\nContent-Type:  text/html \r\nX-A: 1\r\n"
                      "  continued\r\nbroken line\r\n\r\n<html>";
  HttpInfo http;
  size_t size = 0;
  ASSERT_TRUE(ParseHttpHead(block, 1 << 16, &http, &size));
  EXPECT_EQ(http.status, 404);
  EXPECT_EQ(http.Header("content-type"), "text/html");
  EXPECT_EQ(http.Header("x-a"), "1 continued");
  EXPECT_EQ(http.headers.size(), 2u);
  EXPECT_EQ(block.substr(size), "<html>");
}

TEST(HttpResponseTest, HeadWithoutStatusCodeOrOverLimitIsRejected) {
  HttpInfo http;
  size_t size;
  EXPECT_FALSE(ParseHttpHead("GET / HTTP/1.1\r\n\r\n", 1 << 16, &http, &size));
  EXPECT_FALSE(ParseHttpHead("HTTP/1.1 abc\r\n\r\n", 1 << 16, &http, &size));
  std::string long_head = "HTTP/1.1 200 OK\r\nX: " + std::string(1000, 'a') + "\r\n\r\n";
  EXPECT_FALSE(ParseHttpHead(long_head, 100, &http, &size));
}

TEST(HttpResponseTest, MimeTypeDropsParametersAndCase) {
  EXPECT_EQ(MimeType("Text/HTML; charset=UTF-8"), "text/html");
  EXPECT_EQ(MimeType(""), "");
}

TEST(HttpResponseTest, ChunkedBodyIsDechunked) {
  HttpInfo http = Head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
  std::string out;
  EXPECT_EQ(DecodeHttpBody(http, "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n", 1000, &out), "");
  EXPECT_EQ(out, "hello, world");
}

TEST(HttpResponseTest, BodyDeclaredChunkedButStoredDecodedIsKept) {
  HttpInfo http = Head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
  std::string out;
  EXPECT_EQ(DecodeHttpBody(http, "<html>plain</html>", 1000, &out), "");
  EXPECT_EQ(out, "<html>plain</html>");
}

TEST(HttpResponseTest, GzipAndDeflateContentEncodingsAreUndone) {
  std::string out;
  HttpInfo gz = Head("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n");
  EXPECT_EQ(DecodeHttpBody(gz, io_testing::Gzip("<p>gz</p>"), 1000, &out), "");
  EXPECT_EQ(out, "<p>gz</p>");
  HttpInfo deflate = Head("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n");
  EXPECT_EQ(DecodeHttpBody(deflate, io_testing::RawDeflate("<p>raw</p>"), 1000, &out), "");
  EXPECT_EQ(out, "<p>raw</p>");
}

TEST(HttpResponseTest, ChunkedGzipBodyIsDechunkedThenInflated) {
  std::string gz = io_testing::Gzip("<p>both</p>");
  char size[16];
  snprintf(size, sizeof(size), "%zx", gz.size());
  std::string body = std::string(size) + "\r\n" + gz + "\r\n0\r\n\r\n";
  HttpInfo http =
      Head("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n");
  std::string out;
  EXPECT_EQ(DecodeHttpBody(http, body, 1000, &out), "");
  EXPECT_EQ(out, "<p>both</p>");
}

std::string Brotli(std::string_view text) {
  std::string enc(BrotliEncoderMaxCompressedSize(text.size()), '\0');
  size_t enc_size = enc.size();
  EXPECT_TRUE(BrotliEncoderCompress(5, 22, BROTLI_MODE_TEXT, text.size(),
                                    reinterpret_cast<const uint8_t*>(text.data()), &enc_size,
                                    reinterpret_cast<uint8_t*>(enc.data())));
  enc.resize(enc_size);
  return enc;
}

TEST(HttpResponseTest, BrotliContentEncodingIsUndone) {
  std::string text = "<p>brotli brotli brotli</p>";
  std::string enc = Brotli(text);
  HttpInfo http = Head("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n");
  std::string out;
  EXPECT_EQ(DecodeHttpBody(http, enc, 1000, &out), "");
  EXPECT_EQ(out, text);
}

TEST(HttpResponseTest, CorruptOrUnknownOrOversizedEncodingsAreErrors) {
  std::string out;
  HttpInfo gz = Head("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n");
  EXPECT_EQ(DecodeHttpBody(gz, "\x1f\x8b garbage garbage", 1000, &out), "bad_content_encoding");
  EXPECT_EQ(DecodeHttpBody(gz, io_testing::Gzip(std::string(5000, 'a')), 1000, &out),
            "record_too_large");
  HttpInfo unknown = Head("HTTP/1.1 200 OK\r\nContent-Encoding: compress\r\n\r\n");
  EXPECT_EQ(DecodeHttpBody(unknown, "\x1f\x9d\x90", 1000, &out), "unsupported_content_encoding");
}

// Bodies cut short (a truncated fetch) keep what decodes; larger outputs than the cap are
// errors, for both decoders, across several rounds of output growth (bodies > 64 KB).
TEST(HttpResponseTest, TruncatedBodiesKeepTheirPrefixAndOversizedOnesAreErrors) {
  std::string text;
  for (int i = 0; text.size() < 300000; ++i) text += "<p>paragraph " + std::to_string(i) + "</p>";
  HttpInfo gz = Head("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n");
  HttpInfo br = Head("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n");
  const std::string gz_body = io_testing::Gzip(text);
  const std::string br_body = Brotli(text);
  std::string out;
  EXPECT_EQ(DecodeHttpBody(gz, gz_body, 1 << 20, &out), "");
  EXPECT_EQ(out, text);
  EXPECT_EQ(DecodeHttpBody(br, br_body, 1 << 20, &out), "");
  EXPECT_EQ(out, text);
  for (const auto& [http, body] : {std::pair{gz, gz_body}, std::pair{br, br_body}}) {
    EXPECT_EQ(DecodeHttpBody(http, std::string_view(body).substr(0, body.size() / 2), 1 << 20,
                             &out),
              "");
    EXPECT_GT(out.size(), 1000u);
    EXPECT_LT(out.size(), text.size());
    EXPECT_EQ(out, text.substr(0, out.size()));
    EXPECT_EQ(DecodeHttpBody(http, body, 100000, &out), "record_too_large");
  }
}

TEST(HttpResponseTest, BodyDeclaredGzipButStoredDecodedIsKept) {
  HttpInfo gz = Head("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n");
  std::string out;
  EXPECT_EQ(DecodeHttpBody(gz, "  <html>already decoded</html>", 1000, &out), "");
  EXPECT_EQ(out, "  <html>already decoded</html>");
}

}  // namespace
}  // namespace ghirbal
