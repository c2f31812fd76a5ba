// Document: one input record and everything stages learned about it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/metadata.h"

namespace ghirbal {

// Where a document came from. `part` indexes the run's input parts (its sorted input files,
// or with --split-bytes byte ranges of them and runs of small files; pipeline/input_files.h)
// and `ordinal` counts records within that part, so (part, ordinal) is the document's
// position in the run's input order, whatever the thread count or task split.
struct Origin {
  uint32_t part = 0;
  uint64_t ordinal = 0;
  uint64_t offset = 0;  // byte offset of the record in the (compressed) input file
};

// Why a document was dropped. An empty `stage` means the document is kept.
struct Verdict {
  std::string stage;   // stage name, e.g. "filter"
  std::string reason;  // rule, e.g. "gopher_min_words"
  std::string value;   // measured value as JSON text ("12", "0.31", "\"fa\""), may be empty
  bool rejected() const { return !stage.empty(); }
};

// What the HTTP layer said about a body, when the document came from a WARC response.
struct HttpInfo {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
  // Value of the first header named `name` (lower-case), or empty.
  std::string_view Header(std::string_view name) const;
};

struct Document {
  std::string id;
  std::string url;
  std::string date;
  std::string text;  // UTF-8 text; empty until extraction for HTML inputs
  // Raw bytes awaiting extraction (an HTML body as served); empty once extracted or for text.
  std::string raw;
  // MIME type of `raw` without parameters ("text/html"), when known.
  std::string content_type;
  HttpInfo http;
  Metadata metadata;
  Verdict verdict;
  Origin origin;

  bool rejected() const { return verdict.rejected(); }
  // Marks the document dropped by `stage` for `reason`; `value_json` is the measured value as
  // JSON text. The first rejection wins: later calls on a rejected document do nothing.
  void Reject(std::string_view stage, std::string_view reason, std::string value_json = {});
};

}  // namespace ghirbal
