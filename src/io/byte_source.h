// ByteSource: the decompressed bytes of one input (a file, stdin or a memory span).
//
// Compression is recognized from the magic bytes, never from the file name: gzip (1f 8b),
// zstd (28 b5 2f fd), else the bytes are taken as they are. Gzip is decoded with ISA-L igzip,
// member after member, so both layouts work: one member per WARC record (Common Crawl) and one
// member for the whole file. Zstd frames are decoded one after another the same way.
//
// A ByteSource never throws and never loops forever. Truncated compressed data ends the stream
// and leaves a StreamError (reason + compressed offset of the member or frame that failed) in
// error(); the bytes decoded before it stay valid. A corrupt gzip member, or garbage between
// members, is reported in TakeSkippedErrors() and decoding resumes at the next member (corrupt
// zstd ends the stream). Not thread-safe; one reader each.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ghirbal {

// Raw (possibly compressed) bytes: a file descriptor or a memory span.
class RawInput {
 public:
  virtual ~RawInput() = default;
  // Reads up to `n` bytes into `buf`; returns the count, 0 at the end, or -1 on an I/O error
  // (with errno set).
  virtual int64_t Read(char* buf, size_t n) = 0;
  // How many bytes are worth buffering at once (the whole input when it is small and known).
  virtual size_t BufferHint() const { return 1 << 20; }
};

// Opens `path` for reading ("-" is stdin), from byte `offset` on. A missing file is NotFound,
// any other failure (permissions, a directory) IoError; the message names the file.
Result<std::unique_ptr<RawInput>> OpenRawFile(const std::string& path, uint64_t offset = 0);
// Reads from `bytes`, which must outlive the returned object.
std::unique_ptr<RawInput> NewMemoryRawInput(std::string_view bytes);

enum class StreamCompression { kNone, kGzip, kZstd };

// Why a stream ended early. `offset` is in the compressed file: the start of the gzip member or
// zstd frame that could not be decoded (for kNone, the offset where reading failed).
struct StreamError {
  std::string reason;  // "truncated_gzip", "corrupt_gzip", "gzip_trailing_garbage",
                       // "truncated_zstd", "corrupt_zstd", "io_error"
  uint64_t offset = 0;
};

// Where a gzip member starts: its offset in the compressed file and the offset of its first
// byte in the decompressed stream.
struct MemberStart {
  uint64_t compressed = 0;
  uint64_t uncompressed = 0;
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;

  // Reads up to `n` decompressed bytes into `buf`. Returns 0 only at the end of the stream,
  // which is either clean or follows an error (see error()). Never returns 0 while n > 0 and
  // data remains.
  virtual size_t Read(char* buf, size_t n) = 0;

  StreamCompression compression() const { return compression_; }
  // The error that ended the stream, if any.
  const std::optional<StreamError>& error() const { return error_; }
  // Damage the stream read past (a corrupt gzip member, garbage between members: decoding
  // resumes at the next member), in stream order; moves them to `*out`.
  void TakeSkippedErrors(std::vector<StreamError>* out) {
    out->insert(out->end(), skipped_errors_.begin(), skipped_errors_.end());
    skipped_errors_.clear();
  }
  uint64_t compressed_bytes() const { return compressed_bytes_ - start_offset_; }  // consumed so far
  uint64_t uncompressed_bytes() const { return uncompressed_bytes_; }  // produced so far

  // For gzip streams: finds the member holding decompressed byte `uncompressed_offset`. Only
  // the most recent members are remembered (see ForgetMembersBefore); returns false when the
  // member is unknown or the stream is not gzip.
  bool FindMember(uint64_t uncompressed_offset, MemberStart* out) const;
  // Members seen so far (gzip only). More than one means "one member per record" layout.
  uint64_t members_seen() const { return members_seen_; }
  // Lets the source drop member records that end before `uncompressed_offset`.
  void ForgetMembersBefore(uint64_t uncompressed_offset);
  // The first remembered member start after decompressed offset `after`, or UINT64_MAX. After
  // damage, a record starts at a member start that need not be a line start.
  uint64_t NextMemberStart(uint64_t after) const;
  // True when decompressed bytes [begin, end) overlap output of a gzip member that then failed
  // to decode (recent ones only), i.e. may be garbage.
  bool Damaged(uint64_t begin, uint64_t end) const;

 protected:
  explicit ByteSource(StreamCompression c) : compression_(c) {}
  void NoteMemberStart(uint64_t compressed, uint64_t uncompressed);
  friend std::unique_ptr<ByteSource> OpenByteSource(std::unique_ptr<RawInput> raw, uint64_t start);
  void NoteDamage(uint64_t begin, uint64_t end);

  StreamCompression compression_;
  uint64_t start_offset_ = 0;  // file offset of the first raw byte (see OpenByteSource)
  std::optional<StreamError> error_;
  std::vector<StreamError> skipped_errors_;
  uint64_t compressed_bytes_ = 0;
  uint64_t uncompressed_bytes_ = 0;

 private:
  std::deque<MemberStart> members_;
  std::deque<std::pair<uint64_t, uint64_t>> damaged_;  // [begin, end) decompressed
  uint64_t members_seen_ = 0;
};

// Wraps `raw`, sniffing its compression from the first bytes. `start` is the file offset of
// raw's first byte (when it was opened in the middle of a file to read a byte range): offsets in
// errors and member starts are then file offsets, and compressed_bytes() counts from there.
// Starting inside a compressed stream only works at a gzip member or zstd frame start.
std::unique_ptr<ByteSource> OpenByteSource(std::unique_ptr<RawInput> raw, uint64_t start = 0);

}  // namespace ghirbal
