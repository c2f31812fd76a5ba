#include "io/byte_source.h"

#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace ghirbal {
namespace {

constexpr size_t kInputChunk = 1 << 20;
// Bytes kept before the read position when the window refills: the gzip decoder may hand back
// read-ahead bytes at a member's end (see GzipSource::Read).
constexpr size_t kHistory = 1024;
// Members remembered for FindMember; enough for a reader's look-ahead window of small records.
constexpr size_t kMaxRememberedMembers = 4096;

class FdRawInput : public RawInput {
 public:
  FdRawInput(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdRawInput() override {
    if (owned_) close(fd_);
  }
  int64_t Read(char* buf, size_t n) override {
    while (true) {
      ssize_t r = read(fd_, buf, n);
      if (r < 0 && errno == EINTR) continue;
      return r;
    }
  }

 private:
  int fd_;
  bool owned_;
};

class MemoryRawInput : public RawInput {
 public:
  explicit MemoryRawInput(std::string_view bytes) : bytes_(bytes) {}
  int64_t Read(char* buf, size_t n) override {
    size_t k = std::min(n, bytes_.size() - pos_);
    if (k > 0) memcpy(buf, bytes_.data() + pos_, k);  // an empty view may have no data at all
    pos_ += k;
    return static_cast<int64_t>(k);
  }
  size_t BufferHint() const override { return std::clamp<size_t>(bytes_.size(), 64, kInputChunk); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

// The compressed side: a refillable window over the raw input that knows file offsets.
class RawWindow {
 public:
  // `start`: the file offset of the raw input's first byte (non-zero when it was opened at an
  // offset to read a byte range).
  RawWindow(std::unique_ptr<RawInput> raw, uint64_t start)
      : raw_(std::move(raw)), buf_(std::max<size_t>(raw_->BufferHint(), 4 * kHistory)), base_(start),
        mark_(start) {}

  const uint8_t* data() const { return buf_.data() + pos_; }
  size_t size() const { return end_ - pos_; }
  void Consume(size_t n) { pos_ += n; }
  // Gives back the last `n` consumed bytes; false if they are no longer held.
  bool Unconsume(size_t n) {
    if (n > pos_) return false;
    pos_ -= n;
    return true;
  }
  // Asks the window to keep the bytes from file offset `offset` on, while they take at most
  // half of it, so that Seek(offset + k) can succeed.
  void SetMark(uint64_t offset) { mark_ = offset; }
  // Moves the read position to file offset `offset`, back or forward. False when the offset is
  // before the bytes still held (position unchanged) or past the end of the input (position at
  // the end).
  bool Seek(uint64_t offset) {
    if (offset < base_) return false;
    while (offset > base_ + end_) {
      pos_ = end_;
      if (!Fill()) return false;
    }
    pos_ = static_cast<size_t>(offset - base_);
    return true;
  }
  // File offset of data().
  uint64_t offset() const { return base_ + pos_; }
  bool eof() const { return eof_; }
  bool io_error() const { return io_error_; }

  // Reads more when the window is empty, or until it holds `want` bytes (want <= chunk).
  // Returns false when nothing more can come.
  bool Fill(size_t want = 1) {
    if (size() >= want) return true;
    if (eof_) return size() > 0;
    size_t from = pos_ > kHistory ? pos_ - kHistory : 0;
    if (mark_ >= base_ && mark_ - base_ < from && pos_ - (mark_ - base_) <= buf_.size() / 2) {
      from = static_cast<size_t>(mark_ - base_);
    }
    if (from > 0) {
      memmove(buf_.data(), buf_.data() + from, end_ - from);
      base_ += from;
      end_ -= from;
      pos_ -= from;
    }
    while (size() < want) {
      int64_t r = raw_->Read(reinterpret_cast<char*>(buf_.data()) + end_, buf_.size() - end_);
      if (r <= 0) {
        eof_ = true;
        io_error_ = r < 0;
        break;
      }
      end_ += static_cast<size_t>(r);
    }
    return size() > 0;
  }

 private:
  std::unique_ptr<RawInput> raw_;
  std::vector<uint8_t> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  uint64_t base_;
  uint64_t mark_;
  bool eof_ = false;
  bool io_error_ = false;
};

class PlainSource : public ByteSource {
 public:
  explicit PlainSource(RawWindow window)
      : ByteSource(StreamCompression::kNone), in_(std::move(window)) {}

  size_t Read(char* buf, size_t n) override {
    if (n == 0 || !in_.Fill()) {
      if (in_.io_error() && !error_) error_ = StreamError{"io_error", in_.offset()};
      return 0;
    }
    size_t k = std::min(n, in_.size());
    memcpy(buf, in_.data(), k);
    in_.Consume(k);
    compressed_bytes_ += k;
    uncompressed_bytes_ += k;
    return k;
  }

 private:
  RawWindow in_;
};

class GzipSource : public ByteSource {
 public:
  explicit GzipSource(RawWindow window)
      : ByteSource(StreamCompression::kGzip), in_(std::move(window)) {}

  size_t Read(char* buf, size_t n) override {
    // Calls that produce nothing while handing bytes back and forth must end somewhere.
    for (int idle = 0; n > 0 && !error_; ++idle) {
      if (idle > 10000) {
        error_ = StreamError{"corrupt_gzip", member_offset_};
        break;
      }
      if (between_members_ && !StartMember()) return 0;
      if (in_.size() == 0) in_.Fill();
      state_.next_in = const_cast<uint8_t*>(in_.data());
      state_.avail_in = static_cast<uint32_t>(std::min<size_t>(in_.size(), UINT32_MAX));
      state_.next_out = reinterpret_cast<uint8_t*>(buf);
      state_.avail_out = static_cast<uint32_t>(std::min<size_t>(n, UINT32_MAX));
      const uint32_t avail_in = state_.avail_in;
      const uint32_t avail_out = state_.avail_out;
      int ret = isal_inflate(&state_);
      // The decoder may hand back bytes it took in an earlier call (used < 0), and at a
      // member's end its bit buffer may still hold bytes of the next member: both go back to
      // the window, so the next member starts at the right byte.
      int64_t used = static_cast<int64_t>(avail_in) - static_cast<int64_t>(state_.avail_in);
      size_t produced = avail_out - state_.avail_out;
      if (ret >= 0 && state_.block_state == ISAL_BLOCK_FINISH) {
        used -= state_.read_in_length / 8;
        state_.read_in = 0;
        state_.read_in_length = 0;
        between_members_ = true;
        damaged_ = false;
      }
      if (used >= 0) {
        in_.Consume(static_cast<size_t>(used));
      } else if (!in_.Unconsume(static_cast<size_t>(-used))) {
        ret = ISAL_INVALID_STATE;
      }
      compressed_bytes_ = in_.offset();
      uncompressed_bytes_ += produced;
      if (ret < 0) {
        SkipDamagedMember();  // moves past member_offset_: progress, so not idle
        idle = 0;
        if (produced > 0) return produced;
        continue;
      }
      if (produced > 0) return produced;
      if (between_members_ || used != 0) continue;
      // No progress: either the input is exhausted mid-member or the decoder is stuck.
      if (in_.size() > 0) {
        SkipDamagedMember();
        idle = 0;
      } else if (!in_.Fill()) {
        error_ = StreamError{in_.io_error() ? "io_error" : "truncated_gzip", member_offset_};
      }
    }
    return 0;
  }

 private:
  // Positions the decoder on the next member; false at a clean end or on trailing garbage.
  bool StartMember() {
    // Some writers pad files with zero bytes after the last member: accept them.
    while (in_.Fill()) {
      if (in_.data()[0] != 0) break;
      in_.Consume(1);
      compressed_bytes_ = in_.offset();
    }
    if (in_.size() == 0) {
      if (in_.io_error()) error_ = StreamError{"io_error", in_.offset()};
      return false;
    }
    in_.Fill(2);
    if (in_.size() < 2 || in_.data()[0] != 0x1f || in_.data()[1] != 0x8b) {
      // Bytes that are not a member: report them once and look for the next member.
      if (!damaged_) skipped_errors_.push_back({"gzip_trailing_garbage", in_.offset()});
      damaged_ = true;
      if (!ScanToMagic()) return false;
    }
    isal_inflate_init(&state_);
    state_.crc_flag = ISAL_GZIP;
    member_offset_ = in_.offset();
    member_uncompressed_ = uncompressed_bytes_;
    in_.SetMark(member_offset_);
    NoteMemberStart(member_offset_, uncompressed_bytes_);
    between_members_ = false;
    return true;
  }

  // A member failed to decode: report it (once per damaged stretch, however many false starts
  // the scan meets) and resume at the next gzip magic after the member's first byte, so one
  // damaged record of a Common Crawl file does not lose the records after it.
  void SkipDamagedMember() {
    NoteDamage(member_uncompressed_, uncompressed_bytes_);
    if (!damaged_) skipped_errors_.push_back({"corrupt_gzip", member_offset_});
    damaged_ = true;
    between_members_ = true;
    // Scan from just after the member's start (if those bytes are no longer held, from here):
    // the scan always moves past the failed member's first byte.
    if (!in_.Seek(member_offset_ + 1) && in_.offset() <= member_offset_) in_.Consume(in_.size());
    ScanToMagic();
    compressed_bytes_ = in_.offset();
  }

  // Advances to the next "1f 8b 08" (gzip magic and deflate method); false at the end.
  bool ScanToMagic() {
    static constexpr uint8_t kMagic[3] = {0x1f, 0x8b, 0x08};
    while (in_.Fill(3) && in_.size() >= 3) {
      const uint8_t* p = in_.data();
      const void* hit = memmem(p, in_.size(), kMagic, 3);
      if (hit != nullptr) {
        in_.Consume(static_cast<const uint8_t*>(hit) - p);
        compressed_bytes_ = in_.offset();
        return true;
      }
      in_.Consume(in_.size() - 2);
    }
    in_.Consume(in_.size());
    compressed_bytes_ = in_.offset();
    return false;
  }

  RawWindow in_;
  inflate_state state_{};
  bool between_members_ = true;
  bool damaged_ = false;  // inside a damaged stretch, already reported
  uint64_t member_offset_ = 0;
  uint64_t member_uncompressed_ = 0;
};

class ZstdSource : public ByteSource {
 public:
  explicit ZstdSource(RawWindow window)
      : ByteSource(StreamCompression::kZstd), in_(std::move(window)), dctx_(ZSTD_createDCtx()) {}
  ~ZstdSource() override { ZSTD_freeDCtx(dctx_); }

  size_t Read(char* buf, size_t n) override {
    while (n > 0 && !error_) {
      if (in_.size() == 0 && !in_.Fill()) {
        if (in_.io_error()) {
          error_ = StreamError{"io_error", in_.offset()};
        } else if (!frame_done_) {
          error_ = StreamError{"truncated_zstd", frame_offset_};
        }
        return 0;
      }
      if (frame_done_) frame_offset_ = in_.offset();
      ZSTD_inBuffer input{in_.data(), in_.size(), 0};
      ZSTD_outBuffer output{buf, n, 0};
      size_t ret = ZSTD_decompressStream(dctx_, &output, &input);
      in_.Consume(input.pos);
      compressed_bytes_ += input.pos;
      uncompressed_bytes_ += output.pos;
      if (ZSTD_isError(ret)) {
        error_ = StreamError{"corrupt_zstd", frame_offset_};
        return output.pos;
      }
      frame_done_ = ret == 0;
      if (output.pos > 0) return output.pos;
      if (input.pos == 0 && !frame_done_) {
        error_ = StreamError{"corrupt_zstd", frame_offset_};  // no progress possible
      }
    }
    return 0;
  }

 private:
  RawWindow in_;
  ZSTD_DCtx* dctx_;
  bool frame_done_ = true;
  uint64_t frame_offset_ = 0;
};

}  // namespace

Result<std::unique_ptr<RawInput>> OpenRawFile(const std::string& path, uint64_t offset) {
  if (path == "-") {
    if (offset > 0) return Status::InvalidArgument("standard input cannot be read from an offset");
    return std::unique_ptr<RawInput>(new FdRawInput(STDIN_FILENO, false));
  }
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::string msg = "cannot open " + path + ": " + strerror(errno);
    if (errno == ENOENT) return Status::NotFound(std::move(msg));
    return Status::IoError(std::move(msg));
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    return Status::IoError("cannot read " + path + ": is a directory");
  }
  if (offset > 0 && lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
    std::string msg = "cannot seek in " + path + ": " + strerror(errno);
    close(fd);
    return Status::IoError(std::move(msg));
  }
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<RawInput>(new FdRawInput(fd, true));
}

std::unique_ptr<RawInput> NewMemoryRawInput(std::string_view bytes) {
  return std::make_unique<MemoryRawInput>(bytes);
}

bool ByteSource::FindMember(uint64_t uncompressed_offset, MemberStart* out) const {
  auto it = std::upper_bound(
      members_.begin(), members_.end(), uncompressed_offset,
      [](uint64_t off, const MemberStart& m) { return off < m.uncompressed; });
  if (it == members_.begin()) return false;
  *out = *(it - 1);
  return true;
}

void ByteSource::ForgetMembersBefore(uint64_t uncompressed_offset) {
  while (members_.size() > 1 && members_[1].uncompressed <= uncompressed_offset) {
    members_.pop_front();
  }
}

uint64_t ByteSource::NextMemberStart(uint64_t after) const {
  auto it = std::upper_bound(
      members_.begin(), members_.end(), after,
      [](uint64_t off, const MemberStart& m) { return off < m.uncompressed; });
  return it == members_.end() ? UINT64_MAX : it->uncompressed;
}

bool ByteSource::Damaged(uint64_t begin, uint64_t end) const {
  for (const auto& [b, e] : damaged_) {
    if (b < end && begin < e) return true;
  }
  return false;
}

void ByteSource::NoteDamage(uint64_t begin, uint64_t end) {
  if (damaged_.size() >= 64) damaged_.pop_front();
  damaged_.emplace_back(begin, end);
}

void ByteSource::NoteMemberStart(uint64_t compressed, uint64_t uncompressed) {
  ++members_seen_;
  // An empty member starts where the previous one did: keep only the last of them.
  if (!members_.empty() && members_.back().uncompressed == uncompressed) members_.pop_back();
  if (members_.size() >= kMaxRememberedMembers) members_.pop_front();
  members_.push_back({compressed, uncompressed});
}

std::unique_ptr<ByteSource> OpenByteSource(std::unique_ptr<RawInput> raw, uint64_t start) {
  RawWindow window(std::move(raw), start);
  window.Fill(4);
  const uint8_t* p = window.data();
  std::unique_ptr<ByteSource> source;
  if (window.size() >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
    source = std::make_unique<GzipSource>(std::move(window));
  } else if (window.size() >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) {
    source = std::make_unique<ZstdSource>(std::move(window));
  } else {
    source = std::make_unique<PlainSource>(std::move(window));
  }
  source->start_offset_ = start;
  source->compressed_bytes_ = start;
  return source;
}

}  // namespace ghirbal
