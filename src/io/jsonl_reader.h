// JsonlReader: one document per line of JSON Lines (plain, .gz or .zst), parsed with simdjson.
//
// Each non-blank line must be a JSON object. Fields (names configurable in ReaderOptions):
//  - id_field (default "id"): a string, or a number written as JSON text; when missing or null
//    the id is "<file base name>@<offset of the line>" (stable for a given file, however it is
//    cut into byte ranges);
//  - text_field (default "text"): a string, required unless html_field is set and present;
//  - html_field (when set): a string that goes to Document::raw with content_type "text/html";
//  - "url", "date": strings, optional;
//  - "metadata": an object whose entries go to Document::metadata in order (values kept as
//    minified JSON text);
//  - "_origin": [part, ordinal, offset], written by AppendDocumentJson(with_origin),
//    restores Document::origin entirely;
//  - any other field is kept in Document::metadata too, after those met before it.
// Errors (offset = the line's offset in the decompressed stream, which is the file offset for
// uncompressed files): "invalid_json", "invalid_utf8", "not_an_object", "missing_text",
// "invalid_field" (id/text/html of the wrong type, metadata not an object, bad _origin),
// "record_too_large" (a line longer than max_record_bytes, skipped without being buffered).
#pragma once

#include <simdjson.h>

#include <string>

#include "io/stream_reader.h"

namespace ghirbal {

class JsonlReader : public StreamReader {
 public:
  // A byte range (ReaderOptions::range_begin/end) is in decompressed offsets: lines that start
  // in it are read; a compressed file is decompressed from its start up to the range.
  JsonlReader(std::string name, std::unique_ptr<BufferedInput> input, ReaderOptions options)
      : StreamReader(std::move(name), std::move(input), std::move(options)) {
    ranges_in_stream_offsets_ = true;
  }
  bool Next(Document* doc, std::vector<ReadError>* errors) override;

 private:
  // Fills `doc` from one line; returns an error reason or empty.
  std::string ParseLine(std::string_view line, Document* doc);
  // Drops the rest of an overlong line, up to and including its newline.
  void SkipRestOfLine();
  // Drops the lines that start before range_begin (once, before the first line).
  void SkipToRange();

  simdjson::dom::parser parser_;
};

}  // namespace ghirbal
