// CompressedFileWriter: writes bytes to a file through zstd, gzip (zlib) or as they are, with
// large buffered writes. Not thread-safe.
//
// zstd output is a sequence of independent frames, each holding at most kZstdFrameBytes of
// input and ending after a newline when the frame's input holds one (so for JSON Lines whose
// lines are shorter than a frame, every frame starts at a line start). Any zstd decoder reads
// the concatenation as one stream. Frame boundaries depend only on the bytes written, not on
// how they are split into Write calls: the same bytes always give the same file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "io/document_writer.h"

namespace ghirbal {

// The most input a zstd frame holds. Frames restart zstd's match history, which costs 0.5% of
// output size at level 3 on text like the web's (1.6% with 4 MiB frames); the frame's input is
// buffered, so each zstd writer holds up to this much memory.
inline constexpr size_t kZstdFrameBytes = 8 << 20;

class CompressedFileWriter {
 public:
  // Creates (truncates) `path`. `level` is the zstd level (1..19) or the gzip level (1..9);
  // out-of-range levels are clamped.
  static Result<std::unique_ptr<CompressedFileWriter>> Create(const std::string& path,
                                                              Compression compression,
                                                              int level);
  virtual ~CompressedFileWriter() = default;
  virtual Status Write(std::string_view bytes) = 0;
  // Flushes the compressor and closes the file. Must be called once, last; without it the file
  // is closed incomplete by the destructor.
  virtual Status Finish() = 0;
};

}  // namespace ghirbal
