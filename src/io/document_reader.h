// DocumentReader: turns one input file (or stdin) into a stream of documents.
//
// Readers never fail on bad data: an unreadable record becomes a ReadError (file, byte offset,
// reason) and reading goes on at the next record it can find. Records that are not documents
// (WARC request/metadata/warcinfo/revisit records, non-HTML responses) are counted in
// InputCounters, never silently dropped. Only environment failures (cannot open the file) are
// a Status, returned by OpenReader before any record is read.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/batch.h"
#include "core/status.h"

namespace ghirbal {

enum class InputFormat { kAuto, kWarc, kWet, kJsonl, kText, kHtml };
std::string_view InputFormatName(InputFormat f);
Result<InputFormat> ParseInputFormat(std::string_view name);  // "auto", "warc", "wet", ...

struct ReaderOptions {
  InputFormat format = InputFormat::kAuto;
  // JSON Lines field names.
  std::string id_field = "id";
  std::string text_field = "text";
  // When set, this JSON Lines field holds raw HTML to extract (it goes to Document::raw).
  std::string html_field;
  // Records larger than this (decompressed bytes) are skipped and reported as an error with
  // reason "record_too_large"; reading resumes at the next record.
  uint64_t max_record_bytes = 64ull << 20;
};

// What a reader saw besides documents. Merged across files and tasks into stats.json.
struct InputCounters {
  uint64_t records = 0;  // every record seen, documents included
  std::map<std::string, uint64_t> by_type;          // WARC-Type -> count ("response", ...)
  std::map<std::string, uint64_t> skipped_by_type;  // records that are not documents, by kind
                                                    // ("request", "response:image/png", ...)
  uint64_t compressed_bytes = 0;    // bytes consumed from the file
  uint64_t uncompressed_bytes = 0;  // bytes after decompression
  void Merge(const InputCounters& other);
};

class DocumentReader {
 public:
  virtual ~DocumentReader() = default;
  // Fills `*doc` with the next document and returns true, or returns false at end of input.
  // Read errors met on the way are appended to `*errors`. `doc` is overwritten entirely
  // (its origin.file_index is left to the caller; origin.offset and ordinal are set).
  virtual bool Next(Document* doc, std::vector<ReadError>* errors) = 0;
  const InputCounters& counters() const { return counters_; }

 protected:
  InputCounters counters_;
};

// Opens `path` ("-" for stdin) with the format given or guessed from the name (then, for
// stdin, from the first bytes). Compression (.gz, .zst) is detected from the magic bytes.
Result<std::unique_ptr<DocumentReader>> OpenReader(const std::string& path,
                                                   const ReaderOptions& options);

}  // namespace ghirbal
