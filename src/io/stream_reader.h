// StreamReader: what every format reader shares — the named input, its buffered decompressed
// bytes, the mapping from stream positions to reported offsets, and the end-of-stream error.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/batch.h"
#include "io/buffered_input.h"
#include "io/document_reader.h"

namespace ghirbal {

// Empties `doc` for reuse, keeping the capacity of its strings.
void ResetDocument(Document* doc);

class StreamReader : public DocumentReader {
 public:
  StreamReader(std::string name, std::unique_ptr<BufferedInput> input, ReaderOptions options)
      : name_(std::move(name)), input_(std::move(input)), options_(std::move(options)) {}

 protected:
  // The offset reported for a record starting at decompressed position `position`: for plain
  // files the file offset; for gzip files made of one member per record (Common Crawl) the
  // compressed offset of the record's member, which `zcat` can start from; otherwise (one
  // gzip member or zstd frame holding many records) the decompressed offset.
  uint64_t ReportedOffset(uint64_t position) const;

  // True when a record starting at decompressed position `position` belongs to a later byte
  // range than the one being read (ReaderOptions::range_end; see io/byte_range.h). Call it
  // with the bytes at `position` buffered, so that the gzip member holding them is known.
  bool PastRangeEnd(uint64_t position) const;

  // Appends a ReadError for this input.
  void AddError(std::vector<ReadError>* errors, uint64_t offset, std::string reason) const {
    errors->push_back(ReadError{name_, offset, std::move(reason)});
  }

  // Reports the damage the byte source read past so far (corrupt gzip members, ...). Returns
  // true if there was any.
  bool ReportSkippedStreamErrors(std::vector<ReadError>* errors);
  // At the end of the stream: reports skipped damage, then the error that ended the stream
  // (once; errors another byte range owns are left to it). Returns true if the stream ended
  // on an error.
  bool ReportStreamError(std::vector<ReadError>* errors);

  // Copies the byte counts of the source into counters_.
  void UpdateByteCounters();

  // The file name without directories and extensions, for ids of records that have none.
  std::string BaseName() const;

  std::string name_;
  std::unique_ptr<BufferedInput> input_;
  ReaderOptions options_;
  bool done_ = false;
  // Ranges are in decompressed offsets (JSON Lines) rather than raw file offsets (WARC).
  bool ranges_in_stream_offsets_ = false;

 private:
  // Whether an error of the byte source at file offset `offset` is this range's to report:
  // one before the next range's first record. Readers of compressed JSON Lines ranges all
  // decode the file from its start, so there the last range reports every stream error.
  bool OwnsStreamError(uint64_t offset);

  std::optional<uint64_t> next_range_start_;  // found when first needed
  bool stream_error_reported_ = false;
};

}  // namespace ghirbal
