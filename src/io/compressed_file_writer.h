// CompressedFileWriter: writes bytes to a file through zstd, gzip (zlib) or as they are, with
// large buffered writes. Not thread-safe.
//
// zstd output is one frame (for any stream under 4 GiB), so every zstd decoder reads it whole,
// including those that stop after the first frame (python-zstandard's decompress(),
// decompressobj() and read_to_iter() do by default). The bytes of the file depend only on the
// bytes written and the level, not on how they are split into Write calls.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "io/document_writer.h"

namespace ghirbal {

class CompressedFileWriter {
 public:
  // Creates (truncates) `path`. `level` is the zstd or gzip level (0 = default; ranges in
  // CheckCompressionLevel); out-of-range levels are clamped.
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
