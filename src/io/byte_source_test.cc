#include "io/byte_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

#include "io/io_test_util.h"

namespace ghirbal {
namespace {

using io_testing::Gzip;
using io_testing::Zstd;

std::string Drain(ByteSource* source, size_t step = 7) {
  std::string out;
  std::string buf(step, '\0');
  for (int guard = 0; guard < 10000000; ++guard) {
    size_t n = source->Read(buf.data(), buf.size());
    if (n == 0) break;
    out.append(buf.data(), n);
  }
  return out;
}

TEST(ByteSourceTest, PlainBytesPassThroughUnchanged) {
  std::string data = "hello, plain world";
  auto source = OpenByteSource(NewMemoryRawInput(data));
  EXPECT_EQ(source->compression(), StreamCompression::kNone);
  EXPECT_EQ(Drain(source.get()), data);
  EXPECT_FALSE(source->error());
  EXPECT_EQ(source->compressed_bytes(), data.size());
}

TEST(ByteSourceTest, EmptyInputIsAnEmptyStream) {
  auto source = OpenByteSource(NewMemoryRawInput(""));
  EXPECT_EQ(Drain(source.get()), "");
  EXPECT_FALSE(source->error());
}

TEST(ByteSourceTest, MultiMemberGzipDecodesEveryMemberAndRemembersWhereEachStarts) {
  std::string a = Gzip("first member\n"), b = Gzip("second\n"), c = Gzip(std::string(5000, 'x'));
  std::string file = a + b + c;
  auto source = OpenByteSource(NewMemoryRawInput(file));
  EXPECT_EQ(source->compression(), StreamCompression::kGzip);
  EXPECT_EQ(Drain(source.get()), "first member\nsecond\n" + std::string(5000, 'x'));
  EXPECT_FALSE(source->error());
  EXPECT_EQ(source->members_seen(), 3u);
  MemberStart m;
  ASSERT_TRUE(source->FindMember(13, &m));  // first byte of "second"
  EXPECT_EQ(m.compressed, a.size());
  EXPECT_EQ(m.uncompressed, 13u);
  ASSERT_TRUE(source->FindMember(25, &m));
  EXPECT_EQ(m.compressed, a.size() + b.size());
  EXPECT_EQ(source->compressed_bytes(), file.size());
}

// Hands out its bytes a few at a time, as a pipe or a slow disk may.
class TrickleRawInput : public RawInput {
 public:
  TrickleRawInput(std::string bytes, unsigned seed) : bytes_(std::move(bytes)), rng_(seed) {}
  int64_t Read(char* buf, size_t n) override {
    size_t k = std::min({n, bytes_.size() - pos_, static_cast<size_t>(1 + rng_() % 13)});
    memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return static_cast<int64_t>(k);
  }

 private:
  std::string bytes_;
  size_t pos_ = 0;
  std::mt19937 rng_;
};

TEST(ByteSourceTest, GzipMembersSplitAcrossTinyReadsDecodeExactly) {
  std::string expected, file;
  std::vector<uint64_t> member_offsets;
  for (int i = 0; i < 40; ++i) {
    std::string part = "member " + std::to_string(i) + " " + std::string(i * 37, 'a' + i % 26);
    member_offsets.push_back(file.size());
    expected += part;
    file += Gzip(part, i % 10);
  }
  for (unsigned seed = 0; seed < 20; ++seed) {
    auto source = OpenByteSource(std::make_unique<TrickleRawInput>(file, seed));
    std::string out = Drain(source.get(), 1 + seed * 7);
    EXPECT_TRUE(out == expected) << seed << ": " << out.size() << " of " << expected.size();
    ASSERT_FALSE(source->error()) << seed << " " << source->error()->reason << " at "
                                  << source->error()->offset;
    EXPECT_EQ(source->members_seen(), 40u);
    EXPECT_EQ(source->compressed_bytes(), file.size());
  }
}

TEST(ByteSourceTest, TruncatedGzipKeepsEarlierBytesAndReportsTheMemberStart) {
  std::string a = Gzip("complete\n");
  std::string b = Gzip(std::string(10000, 'y') + "tail");
  std::string file = a + b.substr(0, b.size() / 2);
  auto source = OpenByteSource(NewMemoryRawInput(file));
  std::string out = Drain(source.get());
  EXPECT_EQ(out.substr(0, 9), "complete\n");
  ASSERT_TRUE(source->error());
  EXPECT_EQ(source->error()->reason, "truncated_gzip");
  EXPECT_EQ(source->error()->offset, a.size());
}

std::vector<StreamError> Skipped(ByteSource* source) {
  std::vector<StreamError> out;
  source->TakeSkippedErrors(&out);
  return out;
}

TEST(ByteSourceTest, CorruptGzipMemberIsReportedAndTheNextMembersStillDecode) {
  std::string a = Gzip("fine\n");
  std::string b = Gzip(std::string(3000, 'z'));
  for (size_t i = 12; i < b.size() - 8; ++i) b[i] = static_cast<char>(0xff);
  std::string c = Gzip("after\n");
  auto source = OpenByteSource(NewMemoryRawInput(a + b + c));
  std::string out = Drain(source.get());
  EXPECT_EQ(out.substr(0, 5), "fine\n");
  EXPECT_EQ(out.substr(out.size() - 6), "after\n");
  EXPECT_FALSE(source->error());
  std::vector<StreamError> skipped = Skipped(source.get());
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].reason, "corrupt_gzip");
  EXPECT_EQ(skipped[0].offset, a.size());
}

TEST(ByteSourceTest, MemberCutShortAndFollowedByTheNextIsSkippedWithoutLosingTheNext) {
  std::string a = Gzip("first\n");
  std::string b = Gzip(std::string(5000, 'b') + "tail");
  std::string c = Gzip("third\n");
  auto source = OpenByteSource(NewMemoryRawInput(a + b.substr(0, b.size() / 2) + c));
  std::string out = Drain(source.get());
  EXPECT_EQ(out.substr(0, 6), "first\n");
  EXPECT_EQ(out.substr(out.size() - 6), "third\n");
  std::vector<StreamError> skipped = Skipped(source.get());
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].offset, a.size());
}

TEST(ByteSourceTest, GarbageAfterAGzipMemberIsReportedOnceAndSkipped) {
  std::string a = Gzip("body\n");
  std::string c = Gzip("next\n");
  auto source = OpenByteSource(NewMemoryRawInput(a + "not gzip at all" + c + "tail garbage"));
  EXPECT_EQ(Drain(source.get()), "body\nnext\n");
  EXPECT_FALSE(source->error());
  std::vector<StreamError> skipped = Skipped(source.get());
  ASSERT_EQ(skipped.size(), 2u);
  EXPECT_EQ(skipped[0].reason, "gzip_trailing_garbage");
  EXPECT_EQ(skipped[0].offset, a.size());
  EXPECT_EQ(skipped[1].offset, a.size() + 15 + c.size());
}

TEST(ByteSourceTest, ZeroPaddingAfterTheLastGzipMemberIsAccepted) {
  auto source = OpenByteSource(NewMemoryRawInput(Gzip("body\n") + std::string(100, '\0')));
  EXPECT_EQ(Drain(source.get()), "body\n");
  EXPECT_FALSE(source->error());
}

TEST(ByteSourceTest, ZstdFramesAreDecodedOneAfterAnother) {
  std::string file = Zstd("one\n") + Zstd(std::string(100000, 'q'));
  auto source = OpenByteSource(NewMemoryRawInput(file));
  EXPECT_EQ(source->compression(), StreamCompression::kZstd);
  EXPECT_EQ(Drain(source.get(), 4096), "one\n" + std::string(100000, 'q'));
  EXPECT_FALSE(source->error());
}

TEST(ByteSourceTest, TruncatedZstdReportsTheFrameStart) {
  std::string a = Zstd("one\n");
  std::string b = Zstd(std::string(100000, 'q') + "end");
  auto source = OpenByteSource(NewMemoryRawInput(a + b.substr(0, b.size() - 5)));
  std::string out = Drain(source.get(), 4096);
  EXPECT_EQ(out.substr(0, 4), "one\n");
  ASSERT_TRUE(source->error());
  EXPECT_EQ(source->error()->reason, "truncated_zstd");
  EXPECT_EQ(source->error()->offset, a.size());
}

TEST(ByteSourceTest, MissingFileIsNotFoundAndNamesTheFile) {
  auto raw = OpenRawFile("/nonexistent/dir/file.warc.gz");
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.status().code(), Status::Code::kNotFound);
  EXPECT_NE(raw.status().message().find("/nonexistent/dir/file.warc.gz"), std::string::npos);
}

TEST(ByteSourceTest, DirectoryIsAnIoError) {
  auto raw = OpenRawFile("/tmp");
  ASSERT_FALSE(raw.ok());
  EXPECT_EQ(raw.status().code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace ghirbal
