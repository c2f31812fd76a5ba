#include "io/buffered_input.h"

#include <algorithm>
#include <cstring>

namespace ghirbal {

BufferedInput::BufferedInput(std::unique_ptr<ByteSource> source, size_t chunk, uint64_t start)
    : source_(std::move(source)), chunk_(std::max<size_t>(chunk, 64)), base_(start) {}

size_t BufferedInput::Ensure(size_t n) {
  if (available() >= n || eof_) return available();
  // Make room: slide the live bytes to the front, grow when they do not fit with a chunk.
  const size_t live = available();
  const size_t need = std::max(n, live + chunk_);
  if (need > capacity_ - pos_ || pos_ > capacity_ / 2) {
    if (need > capacity_) {
      size_t cap = std::max(need, capacity_ * 2);
      std::unique_ptr<char[]> bigger(new char[cap + kInputPadding]);
      if (live > 0) memcpy(bigger.get(), data(), live);
      buf_ = std::move(bigger);
      capacity_ = cap;
    } else if (live > 0) {
      memmove(buf_.get(), data(), live);
    }
    base_ += pos_;
    pos_ = 0;
    end_ = live;
  }
  while (available() < n) {
    size_t got = source_->Read(buf_.get() + end_, capacity_ - end_);
    if (got == 0) {
      eof_ = true;
      break;
    }
    end_ += got;
  }
  memset(buf_.get() + end_, 0, kInputPadding);
  return available();
}

uint64_t BufferedInput::Skip(uint64_t n) {
  uint64_t skipped = 0;
  while (skipped < n) {
    if (available() == 0 && Ensure(1) == 0) break;
    size_t k = static_cast<size_t>(std::min<uint64_t>(available(), n - skipped));
    Consume(k);
    skipped += k;
  }
  return skipped;
}

}  // namespace ghirbal
