// CompressedFileWriter: writes bytes to a file through zstd (streaming), gzip (zlib) or as they
// are, with large buffered writes. Not thread-safe.
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
