#include "io/whole_file_reader.h"

#include "core/utf8.h"

namespace ghirbal {

bool WholeFileReader::Next(Document* doc, std::vector<ReadError>* errors) {
  if (done_) return false;
  done_ = true;
  const uint64_t limit = options_.max_record_bytes;
  while (input_->available() <= limit && input_->FillMore()) {
  }
  const size_t avail = input_->available();
  bool produced = false;
  if (ReportSkippedStreamErrors(errors) || ReportStreamError(errors)) {
    // A damaged compressed file is one damaged record: reported, not half-read.
    counters_.records++;
  } else if (avail > limit) {
    counters_.records++;
    AddError(errors, 0, "record_too_large");
    input_->Skip(UINT64_MAX);
    ReportStreamError(errors);
  } else if (avail > 0) {
    counters_.records++;
    counters_.by_type[html_ ? "html" : "text"]++;
    ResetDocument(doc);
    if (html_) {
      doc->raw.assign(input_->view());
      doc->content_type = "text/html";
    } else {
      doc->text = ToValidUtf8(input_->view());
    }
    doc->id = BaseName();
    input_->Consume(avail);
    produced = true;
  }
  UpdateByteCounters();
  return produced;
}

}  // namespace ghirbal
