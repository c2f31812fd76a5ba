// WholeFileReader: one document per file, for plain text (.txt) and HTML (.html, .htm) inputs,
// compressed or not. The id is the file name without directories and without everything from
// its first dot ("pages/a.b.html.gz" -> "a"; stdin -> "stdin"). Text goes to Document::text
// with ill-formed UTF-8 replaced by U+FFFD; HTML goes to Document::raw as bytes with
// content_type "text/html". An empty file gives no document; a file larger than
// max_record_bytes gives the error "record_too_large".
#pragma once

#include "io/stream_reader.h"

namespace ghirbal {

class WholeFileReader : public StreamReader {
 public:
  WholeFileReader(std::string name, std::unique_ptr<BufferedInput> input, ReaderOptions options,
                  bool html)
      : StreamReader(std::move(name), std::move(input), std::move(options)), html_(html) {}
  bool Next(Document* doc, std::vector<ReadError>* errors) override;

 private:
  bool html_;
};

}  // namespace ghirbal
