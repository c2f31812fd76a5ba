#include "io/compressed_file_writer.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace ghirbal {
namespace {

namespace fs = std::filesystem;

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() /
          ("ghirbal-cfw-test-" + std::to_string(getpid()) + "-" + name)).string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Writes `data` to a new file in pieces of the sizes drawn from `seed` (0: one Write), and
// returns the file's bytes.
std::string WriteInPieces(std::string_view data, Compression c, unsigned seed, int level = 1) {
  const std::string path = TempPath(std::to_string(seed));
  auto writer = CompressedFileWriter::Create(path, c, level);
  EXPECT_TRUE(writer.ok());
  std::mt19937 rng(seed);
  size_t pos = 0;
  while (pos < data.size()) {
    size_t n = seed == 0 ? data.size() : 1 + rng() % (3 << 20);
    if (rng() % 4 == 0) n = rng() % 100;  // small writes too, and empty ones
    n = std::min(n, data.size() - pos);
    EXPECT_TRUE((*writer)->Write(data.substr(pos, n)).ok());
    pos += n;
  }
  EXPECT_TRUE((*writer)->Finish().ok());
  std::string bytes = ReadFile(path);
  fs::remove(path);
  return bytes;
}

size_t ZstdFrameCount(std::string_view file) {
  size_t frames = 0;
  while (!file.empty()) {
    const size_t size = ZSTD_findFrameCompressedSize(file.data(), file.size());
    EXPECT_FALSE(ZSTD_isError(size));
    if (ZSTD_isError(size)) break;
    ++frames;
    file.remove_prefix(size);
  }
  return frames;
}

std::string Unzstd(std::string_view file) {
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  std::string out;
  std::vector<char> buf(ZSTD_DStreamOutSize());
  ZSTD_inBuffer in{file.data(), file.size(), 0};
  while (in.pos < in.size) {
    ZSTD_outBuffer o{buf.data(), buf.size(), 0};
    const size_t ret = ZSTD_decompressStream(dctx, &o, &in);
    EXPECT_FALSE(ZSTD_isError(ret));
    if (ZSTD_isError(ret)) break;
    out.append(buf.data(), o.pos);
  }
  ZSTD_freeDCtx(dctx);
  return out;
}

// JSON-Lines-like text: lines of 1-20,000 bytes, about `bytes` in all. Some lines are NUL
// bytes: were zstd to read input pages already given back (which read as zeros), it would
// find false matches in them and the output would not decode to the input.
std::string Lines(size_t bytes) {
  std::mt19937 rng(5);
  std::string s;
  while (s.size() < bytes) {
    const size_t n = 1 + rng() % 20000;
    const bool zeros = rng() % 8 == 0;
    for (size_t i = 0; i < n; ++i) s.push_back(zeros ? '\0' : static_cast<char>('a' + rng() % 7));
    s.push_back('\n');
  }
  return s;
}

// Several times zstd's window (2 MiB at level 3), so that input pages are given back while
// zstd still reads the window before them.
TEST(CompressedFileWriterTest, ZstdIsOneFrameHoldingTheBytes) {
  const std::string data = Lines(12 << 20);
  for (int level : {1, 3, 9}) {
    const std::string file = WriteInPieces(data, Compression::kZstd, 4, level);
    EXPECT_EQ(ZstdFrameCount(file), 1u) << "level " << level;
    EXPECT_EQ(Unzstd(file), data) << "level " << level;
  }
}

// Where 4 GiB of address space cannot be reserved (ulimit -v, strict overcommit), the writer
// streams the plain way: other bytes (so that path did run), the same content, one frame.
TEST(CompressedFileWriterTest, ZstdWithoutAddressSpaceStreamsThePlainWay) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's shadow memory needs more address space than the limit";
#endif
  const std::string data = Lines(6 << 20);
  const std::string in_place = WriteInPieces(data, Compression::kZstd, 3, 3);
  auto streamed_is_valid = [&] {
    const rlimit limit{3ull << 30, 3ull << 30};
    if (setrlimit(RLIMIT_AS, &limit) != 0) return false;
    const std::string streamed = WriteInPieces(data, Compression::kZstd, 3, 3);
    return streamed != in_place && ZstdFrameCount(streamed) == 1 && Unzstd(streamed) == data;
  };
  EXPECT_EXIT(std::_Exit(streamed_is_valid() ? 0 : 1),
      ::testing::ExitedWithCode(0), "");
}

// Negative levels are zstd's fast ones: still one valid frame, larger than at level 1.
TEST(CompressedFileWriterTest, ZstdFastLevelsWriteValidLargerFrames) {
  const std::string data = Lines(4 << 20);
  const std::string level1 = WriteInPieces(data, Compression::kZstd, 5, 1);
  for (int level : {-1, kMinZstdLevel}) {
    const std::string file = WriteInPieces(data, Compression::kZstd, 5, level);
    EXPECT_EQ(ZstdFrameCount(file), 1u) << "level " << level;
    EXPECT_EQ(Unzstd(file), data) << "level " << level;
    EXPECT_GT(file.size(), level1.size()) << "level " << level;
  }
  // 0 is the default level.
  EXPECT_EQ(WriteInPieces(data, Compression::kZstd, 5, 0),
            WriteInPieces(data, Compression::kZstd, 5, kDefaultCompressionLevel));
}

TEST(CompressedFileWriterTest, LevelRangesPerCodec) {
  EXPECT_TRUE(CheckCompressionLevel(Compression::kZstd, 0).ok());
  EXPECT_TRUE(CheckCompressionLevel(Compression::kZstd, kMinZstdLevel).ok());
  EXPECT_TRUE(CheckCompressionLevel(Compression::kZstd, kMaxZstdLevel).ok());
  EXPECT_FALSE(CheckCompressionLevel(Compression::kZstd, kMinZstdLevel - 1).ok());
  EXPECT_FALSE(CheckCompressionLevel(Compression::kZstd, kMaxZstdLevel + 1).ok());
  EXPECT_TRUE(CheckCompressionLevel(Compression::kGzip, 9).ok());
  EXPECT_FALSE(CheckCompressionLevel(Compression::kGzip, -1).ok());
  EXPECT_FALSE(CheckCompressionLevel(Compression::kGzip, 10).ok());
  EXPECT_TRUE(CheckCompressionLevel(Compression::kNone, 0).ok());
  EXPECT_FALSE(CheckCompressionLevel(Compression::kNone, 3).ok());
}

TEST(CompressedFileWriterTest, ZstdOutputDoesNotDependOnHowWritesAreSplit) {
  const std::string data = Lines(10 << 20);
  const std::string whole = WriteInPieces(data, Compression::kZstd, 0);
  for (unsigned seed : {1u, 2u, 3u}) {
    EXPECT_EQ(WriteInPieces(data, Compression::kZstd, seed), whole) << "seed " << seed;
  }
  EXPECT_EQ(Unzstd(whole), data);
}

TEST(CompressedFileWriterTest, EmptyZstdStreamIsOneEmptyFrame) {
  const std::string file = WriteInPieces("", Compression::kZstd, 0);
  EXPECT_EQ(ZstdFrameCount(file), 1u);
  EXPECT_EQ(Unzstd(file), "");
}

TEST(CompressedFileWriterTest, GzipAndPlainKeepTheBytes) {
  const std::string data = Lines(300000);
  EXPECT_EQ(WriteInPieces(data, Compression::kNone, 2), data);
  const std::string gz = WriteInPieces(data, Compression::kGzip, 2);
  std::string out(data.size() + 1, '\0');
  z_stream zs{};
  ASSERT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  EXPECT_EQ(out, data);
}

}  // namespace
}  // namespace ghirbal
