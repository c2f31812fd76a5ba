// WarcReader: documents from WARC 1.0/1.1 files (and WET files, which are WARC files of
// `conversion` records).
//
//  - `response` records holding an HTTP response whose Content-Type is text/html or
//    application/xhtml+xml become documents with the body in Document::raw (transfer and content
//    encodings undone), the HTTP status and headers in Document::http;
//  - `conversion` records of Content-Type text/plain become documents with Document::text
//    (ill-formed UTF-8 replaced by U+FFFD);
//  - every other record is counted in counters().skipped_by_type: by WARC-Type ("request",
//    "metadata", "warcinfo", "revisit", ...), or "response:<mime>" / "conversion:<mime>".
//
// Document id is the WARC-Record-ID without its angle brackets ("urn:uuid:..."), or
// "<file base name>@<offset>" when the record has none; url is WARC-Target-URI, date WARC-Date.
//
// Damage is reported as ReadErrors and skipped: "garbage_between_records" (bytes that are not a
// record; reading resumes at the next line starting with "WARC/1."), "header_too_long",
// "missing_content_length", "invalid_content_length", "invalid_header_line",
// "record_too_large" (the block is skipped without being buffered), "content_length_mismatch"
// (the block is not followed by the next record or the end of the file; reading resumes at the
// next "WARC/1." line after the record's header), "truncated_record", "invalid_http_response",
// "bad_content_encoding", "unsupported_content_encoding", and the stream's own errors
// ("truncated_gzip", ...). Offsets are those of the record start (see
// StreamReader::ReportedOffset).
#pragma once

#include <string>

#include "io/stream_reader.h"

namespace ghirbal {

class WarcReader : public StreamReader {
 public:
  using StreamReader::StreamReader;
  bool Next(Document* doc, std::vector<ReadError>* errors) override;

 private:
  // What one record turned out to be.
  enum class Outcome { kDocument, kSkipped, kError };

  // Drops bytes up to the next line that starts with "WARC/1.", or to the end. The current
  // position counts as a line start only when `at_line_start`.
  void Resync(bool at_line_start);
  // Drops CR and LF bytes (the blank lines that end records).
  void SkipBlankLines();
  // Parses the header lines of the head [0, head_end) of the window into the fields below.
  // Returns an error reason or empty.
  std::string ParseHeader(std::string_view head);
  // Turns the record block into a document, a skip, or an error (reason in *reason).
  Outcome ProcessBlock(std::string_view block, Document* doc, std::string* reason);

  // Fields of the current record's header (copied: the window moves).
  std::string type_;
  std::string record_id_;
  std::string target_uri_;
  std::string date_;
  std::string content_type_;
  uint64_t content_length_ = 0;
  bool has_content_length_ = false;
};

}  // namespace ghirbal
