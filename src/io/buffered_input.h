// BufferedInput: a growable look-ahead window over a ByteSource, for record parsers.
//
// Parsers look at the bytes ahead (Ensure + data()), decide, then Consume them. The window only
// grows as far as a parser asks (each parser bounds its requests by its record size limit), and
// bytes that need not be kept are dropped with Skip() without being buffered. At least
// kInputPadding readable bytes follow the window's end, so simdjson may parse in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "io/byte_source.h"

namespace ghirbal {

inline constexpr size_t kInputPadding = 64;  // >= SIMDJSON_PADDING

class BufferedInput {
 public:
  // `start`: the stream offset of the source's first byte (non-zero for an uncompressed file
  // read from the middle, so that positions stay file offsets).
  explicit BufferedInput(std::unique_ptr<ByteSource> source, size_t chunk = 1 << 20, uint64_t start = 0);

  // Makes at least `n` bytes available from the current position unless the stream ends first.
  // Returns the number available (possibly more than n). Views from data() are invalidated.
  size_t Ensure(size_t n);
  // Reads more bytes (at least one chunk's worth of room); returns false at the end.
  bool FillMore() {
    size_t before = available();
    return Ensure(before + 1) > before;
  }

  const char* data() const { return buf_.get() + pos_; }
  size_t available() const { return end_ - pos_; }
  std::string_view view() const { return {data(), available()}; }
  // Drops `n` bytes; n <= available().
  void Consume(size_t n) { pos_ += n; }
  // Drops `n` bytes, reading past the window without keeping them. Returns the number dropped
  // (less than n only at the end of the stream).
  uint64_t Skip(uint64_t n);

  // Offset of data() in the decompressed stream.
  uint64_t position() const { return base_ + pos_; }
  bool AtEnd() { return Ensure(1) == 0; }

  ByteSource& source() { return *source_; }

 private:
  std::unique_ptr<ByteSource> source_;
  std::unique_ptr<char[]> buf_;
  size_t capacity_ = 0;  // usable bytes, padding excluded
  size_t chunk_;
  size_t pos_ = 0;
  size_t end_ = 0;
  uint64_t base_;  // stream offset of buf_[0]
  bool eof_ = false;
};

}  // namespace ghirbal
