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
  // The byte range of the file to read: only records that start in [range_begin, range_end)
  // are read (io/byte_range.h says what "start" means per format, and which inputs can be
  // split; the others are read whole by the range that holds offset 0).
  uint64_t range_begin = 0;
  uint64_t range_end = UINT64_MAX;
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
  // (its origin.part is left to the caller; origin.offset and ordinal are set).
  virtual bool Next(Document* doc, std::vector<ReadError>* errors) = 0;
  const InputCounters& counters() const { return counters_; }

 protected:
  InputCounters counters_;
};

// Opens `path` ("-" for stdin) with the format given or guessed from the name (then, for
// stdin, from the first bytes). Compression (.gz, .zst) is detected from the magic bytes.
//
// By name (case-insensitive, after dropping a .gz/.zst/.zstd suffix): .warc -> kWarc; .wet ->
// kWet; .jsonl, .ndjson, .json -> kJsonl; .txt -> kText; .html, .htm -> kHtml. Other names and
// stdin are recognized from their first decompressed bytes: "WARC/" -> kWarc, "{" -> kJsonl,
// "<" -> kHtml, anything else kText. kWarc and kWet use the same reader (both record kinds are
// understood in either). A missing file is NotFound, an unreadable one IoError.
Result<std::unique_ptr<DocumentReader>> OpenReader(const std::string& path,
                                                   const ReaderOptions& options);

// Same, reading `bytes` (which must outlive the reader) as the content of a file named `name`
// (used in errors and synthesized ids). For tests, fuzzing and in-memory inputs.
std::unique_ptr<DocumentReader> OpenReaderFromMemory(std::string_view bytes,
                                                     const std::string& name,
                                                     const ReaderOptions& options);

// The format the name of `path` implies, or kAuto when it implies none.
InputFormat FormatFromFileName(std::string_view path);

}  // namespace ghirbal
