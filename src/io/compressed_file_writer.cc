#include "io/compressed_file_writer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>
#define ZSTD_STATIC_LINKING_ONLY  // for ZSTD_c_stableInBuffer, set through the stable API
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace ghirbal {
namespace {

constexpr size_t kBufferBytes = 1 << 20;

// A file descriptor with buffered writes; the base of every writer.
class FileSink {
 public:
  FileSink(std::string path, int fd) : path_(std::move(path)), fd_(fd) { buf_.reserve(kBufferBytes); }
  ~FileSink() {
    if (fd_ >= 0) close(fd_);
  }
  Status Append(const char* p, size_t n) {
    if (buf_.size() + n > kBufferBytes) GHIRBAL_RETURN_IF_ERROR(Flush());
    if (n >= kBufferBytes) return WriteAll(p, n);
    buf_.insert(buf_.end(), p, p + n);
    return Status::Ok();
  }
  Status Close() {
    GHIRBAL_RETURN_IF_ERROR(Flush());
    int fd = fd_;
    fd_ = -1;
    if (close(fd) != 0) return Status::IoError("cannot close " + path_ + ": " + strerror(errno));
    return Status::Ok();
  }

 private:
  Status Flush() {
    Status st = WriteAll(buf_.data(), buf_.size());
    buf_.clear();
    return st;
  }
  Status WriteAll(const char* p, size_t n) {
    while (n > 0) {
      ssize_t w = write(fd_, p, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return Status::IoError("cannot write " + path_ + ": " + strerror(errno));
      p += w;
      n -= static_cast<size_t>(w);
    }
    return Status::Ok();
  }
  std::string path_;
  int fd_;
  std::vector<char> buf_;
};

class PlainWriter : public CompressedFileWriter {
 public:
  explicit PlainWriter(std::unique_ptr<FileSink> sink) : sink_(std::move(sink)) {}
  Status Write(std::string_view b) override { return sink_->Append(b.data(), b.size()); }
  Status Finish() override { return sink_->Close(); }

 private:
  std::unique_ptr<FileSink> sink_;
};

// Compresses the stream as one zstd frame. zstd's plain streaming mode copies input into a ring
// buffer of one window and, once the ring wraps, matches against it in its slower "external
// dictionary" mode (about 15% more instructions at levels 1-3 on JSON Lines). So the input is
// appended to one contiguous region of reserved address space that zstd reads in place
// (ZSTD_c_stableInBuffer); pages that fell out of zstd's window are handed back to the kernel,
// so memory stays about one window. With stable input zstd cuts full blocks only, so the
// output does not depend on how the bytes were split into Write calls. Where the region cannot
// be reserved (strict overcommit), input is streamed the plain way (same format, slower, other
// bytes). Huge pages are asked for: without them (transparent huge pages "never") every fresh
// 4 KiB page costs a fault, which makes this writer ~15% slower than plain streaming, but it
// still writes the same bytes as everywhere else.
class ZstdWriter : public CompressedFileWriter {
 public:
  ZstdWriter(std::unique_ptr<FileSink> sink, int level)
      : sink_(std::move(sink)), cctx_(ZSTD_createCCtx()), out_(ZSTD_CStreamOutSize()) {
    level = std::clamp(level, kMinZstdLevel, kMaxZstdLevel);
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, level);
    void* region = mmap(nullptr, kRegionBytes + kHugePage, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (region != MAP_FAILED &&
        !ZSTD_isError(ZSTD_CCtx_setParameter(cctx_, ZSTD_c_stableInBuffer, 1))) {
      reserved_ = region;
      // Huge pages (aligned): one page fault per 2 MiB of input instead of per 4 KiB.
      const uintptr_t start = reinterpret_cast<uintptr_t>(region);
      region_ = reinterpret_cast<char*>((start + kHugePage - 1) / kHugePage * kHugePage);
      madvise(region_, kRegionBytes, MADV_HUGEPAGE);
      // What zstd may still read behind its position: a window plus blocks in flight.
      keep_ = (size_t{1} << ZSTD_getCParams(level, ZSTD_CONTENTSIZE_UNKNOWN, 0).windowLog) +
              (size_t{1} << 20);
    } else if (region != MAP_FAILED) {
      munmap(region, kRegionBytes + kHugePage);
    }
  }
  ~ZstdWriter() override {
    ZSTD_freeCCtx(cctx_);
    if (reserved_ != nullptr) munmap(reserved_, kRegionBytes + kHugePage);
  }

  Status Write(std::string_view b) override {
    if (region_ == nullptr) return Stream(b.data(), b.size(), 0, ZSTD_e_continue).status();
    while (!b.empty()) {
      if (size_ == kRegionBytes) GHIRBAL_RETURN_IF_ERROR(EndFrame());
      const size_t take = std::min(b.size(), kRegionBytes - size_);
      memcpy(region_ + size_, b.data(), take);
      size_ += take;
      b.remove_prefix(take);
      auto pos = Stream(region_, size_, pos_, ZSTD_e_continue);
      if (!pos.ok()) return pos.status();
      pos_ = *pos;
      Release();
    }
    return Status::Ok();
  }
  Status Finish() override {
    GHIRBAL_RETURN_IF_ERROR(region_ == nullptr ? Stream(nullptr, 0, 0, ZSTD_e_end).status()
                                               : EndFrame());
    return sink_->Close();
  }

 private:
  // Address space, not memory. A longer stream continues in a new frame.
  static constexpr size_t kRegionBytes = size_t{1} << 32;
  static constexpr size_t kHugePage = size_t{2} << 20;

  // Runs the compressor over in[pos, size) (ending the frame with ZSTD_e_end) and sends what it
  // produces to the sink; returns the new input position.
  Result<size_t> Stream(const char* in, size_t size, size_t pos, ZSTD_EndDirective mode) {
    ZSTD_inBuffer input{in, size, pos};
    while (true) {
      ZSTD_outBuffer out{out_.data(), out_.size(), 0};
      const size_t left = ZSTD_compressStream2(cctx_, &out, &input, mode);
      if (ZSTD_isError(left)) {
        return Status::IoError(std::string("zstd compression failed: ") + ZSTD_getErrorName(left));
      }
      GHIRBAL_RETURN_IF_ERROR(sink_->Append(out_.data(), out.pos));
      // Done when the frame is ended, or, mid-frame, when zstd took what it could without
      // filling the output (with stable input it leaves a partial last block for later).
      if (mode == ZSTD_e_end ? left == 0 : out.pos < out.size) return input.pos;
    }
  }

  Status EndFrame() {
    auto pos = Stream(region_, size_, pos_, ZSTD_e_end);
    if (!pos.ok()) return pos.status();
    madvise(region_, size_, MADV_DONTNEED);
    size_ = pos_ = released_ = 0;
    return Status::Ok();
  }

  // Gives back the pages zstd can no longer read, in whole huge pages.
  void Release() {
    if (pos_ < keep_ + kHugePage) return;
    const size_t end = (pos_ - keep_) / kHugePage * kHugePage;
    if (end <= released_) return;
    madvise(region_ + released_, end - released_, MADV_DONTNEED);
    released_ = end;
  }

  std::unique_ptr<FileSink> sink_;
  ZSTD_CCtx* cctx_;
  std::vector<char> out_;     // compressed bytes on their way to the sink
  void* reserved_ = nullptr;  // the address space reserved; region_ is its first huge page
  char* region_ = nullptr;    // the frame's input, at its offset in the frame
  size_t keep_ = 0;           // bytes behind pos_ that must stay readable
  size_t size_ = 0;           // bytes written into region_
  size_t pos_ = 0;            // bytes zstd consumed
  size_t released_ = 0;       // region_[0, released_) is given back
};

class GzipWriter : public CompressedFileWriter {
 public:
  GzipWriter(std::unique_ptr<FileSink> sink, int level) : sink_(std::move(sink)), out_(1 << 18) {
    ok_ = deflateInit2(&zs_, std::clamp(level, 1, 9), Z_DEFLATED, 15 + 16, 8,
                       Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~GzipWriter() override {
    if (ok_) deflateEnd(&zs_);
  }
  Status Write(std::string_view b) override { return Deflate(b, Z_NO_FLUSH); }
  Status Finish() override {
    GHIRBAL_RETURN_IF_ERROR(Deflate({}, Z_FINISH));
    return sink_->Close();
  }

 private:
  Status Deflate(std::string_view b, int flush) {
    if (!ok_) return Status::IoError("gzip compressor could not start");
    zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(b.data()));
    zs_.avail_in = static_cast<uInt>(b.size());
    while (true) {
      zs_.next_out = reinterpret_cast<Bytef*>(out_.data());
      zs_.avail_out = static_cast<uInt>(out_.size());
      int ret = deflate(&zs_, flush);
      if (ret == Z_STREAM_ERROR) return Status::IoError("gzip compression failed");
      GHIRBAL_RETURN_IF_ERROR(sink_->Append(out_.data(), out_.size() - zs_.avail_out));
      if (flush == Z_FINISH ? ret == Z_STREAM_END : zs_.avail_in == 0 && zs_.avail_out > 0) {
        return Status::Ok();
      }
    }
  }
  std::unique_ptr<FileSink> sink_;
  z_stream zs_{};
  bool ok_ = false;
  std::vector<char> out_;
};

}  // namespace

Result<std::unique_ptr<CompressedFileWriter>> CompressedFileWriter::Create(
    const std::string& path, Compression compression, int level) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError("cannot create " + path + ": " + strerror(errno));
  auto sink = std::make_unique<FileSink>(path, fd);
  if (level == 0) level = kDefaultCompressionLevel;
  switch (compression) {
    case Compression::kZstd:
      return std::unique_ptr<CompressedFileWriter>(new ZstdWriter(std::move(sink), level));
    case Compression::kGzip:
      return std::unique_ptr<CompressedFileWriter>(new GzipWriter(std::move(sink), level));
    case Compression::kNone:
      break;
  }
  return std::unique_ptr<CompressedFileWriter>(new PlainWriter(std::move(sink)));
}

}  // namespace ghirbal
