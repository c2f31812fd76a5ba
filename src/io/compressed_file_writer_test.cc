#include "io/compressed_file_writer.h"

#include <gtest/gtest.h>
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
std::string WriteInPieces(std::string_view data, Compression c, unsigned seed) {
  const std::string path = TempPath(std::to_string(seed));
  auto writer = CompressedFileWriter::Create(path, c, 1);
  EXPECT_TRUE(writer.ok());
  std::mt19937 rng(seed);
  size_t pos = 0;
  while (pos < data.size()) {
    size_t n = seed == 0 ? data.size() : 1 + rng() % (2 * kZstdFrameBytes / 3);
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

// The decompressed contents of each frame of a zstd file, in order; fails on a bad frame.
std::vector<std::string> ZstdFrames(std::string_view file) {
  std::vector<std::string> frames;
  while (!file.empty()) {
    const size_t size = ZSTD_findFrameCompressedSize(file.data(), file.size());
    EXPECT_FALSE(ZSTD_isError(size));
    if (ZSTD_isError(size)) break;
    const unsigned long long content = ZSTD_getFrameContentSize(file.data(), size);
    EXPECT_NE(content, ZSTD_CONTENTSIZE_UNKNOWN);
    EXPECT_NE(content, ZSTD_CONTENTSIZE_ERROR);
    std::string frame(content, '\0');
    EXPECT_EQ(ZSTD_decompress(frame.data(), frame.size(), file.data(), size), content);
    frames.push_back(std::move(frame));
    file.remove_prefix(size);
  }
  return frames;
}

// JSON-Lines-like text: lines of 1-20,000 bytes, about `bytes` in all.
std::string Lines(size_t bytes) {
  std::mt19937 rng(5);
  std::string s;
  while (s.size() < bytes) {
    const size_t n = 1 + rng() % 20000;
    for (size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('a' + rng() % 7));
    s.push_back('\n');
  }
  return s;
}

TEST(CompressedFileWriterTest, ZstdFramesEndAtLineEndsAndHoldAtMostAFrameOfInput) {
  const std::string data = Lines(2 * kZstdFrameBytes + 12345);
  const std::vector<std::string> frames = ZstdFrames(WriteInPieces(data, Compression::kZstd, 0));
  ASSERT_EQ(frames.size(), 3u);
  std::string joined;
  for (const std::string& f : frames) {
    EXPECT_LE(f.size(), kZstdFrameBytes);
    EXPECT_EQ(f.back(), '\n');
    joined += f;
  }
  EXPECT_EQ(joined, data);
}

TEST(CompressedFileWriterTest, ZstdOutputDoesNotDependOnHowWritesAreSplit) {
  // A line longer than a frame (cut where the frame is full) among ordinary lines.
  std::string data = Lines(kZstdFrameBytes / 2) + std::string(kZstdFrameBytes + 7, 'x') + "\n" +
                     Lines(kZstdFrameBytes);
  const std::string whole = WriteInPieces(data, Compression::kZstd, 0);
  for (unsigned seed : {1u, 2u, 3u}) {
    EXPECT_EQ(WriteInPieces(data, Compression::kZstd, seed), whole) << "seed " << seed;
  }
  std::string joined;
  for (const std::string& f : ZstdFrames(whole)) joined += f;
  EXPECT_EQ(joined, data);
}

TEST(CompressedFileWriterTest, ZstdWithoutNewlinesCutsFullFrames) {
  const std::string data(kZstdFrameBytes * 2 + 1, 'y');
  const std::vector<std::string> frames = ZstdFrames(WriteInPieces(data, Compression::kZstd, 1));
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].size(), kZstdFrameBytes);
  EXPECT_EQ(frames[1].size(), kZstdFrameBytes);
  EXPECT_EQ(frames[2], "y");
}

TEST(CompressedFileWriterTest, EmptyZstdStreamIsOneEmptyFrame) {
  const std::string file = WriteInPieces("", Compression::kZstd, 0);
  const std::vector<std::string> frames = ZstdFrames(file);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0], "");
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
