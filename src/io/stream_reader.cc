#include "io/stream_reader.h"

namespace ghirbal {

void ResetDocument(Document* doc) {
  doc->id.clear();
  doc->url.clear();
  doc->date.clear();
  doc->text.clear();
  doc->raw.clear();
  doc->content_type.clear();
  doc->http.status = 0;
  doc->http.headers.clear();
  doc->metadata.clear();
  doc->verdict = Verdict{};
  doc->origin = Origin{};
}

uint64_t StreamReader::ReportedOffset(uint64_t position) const {
  ByteSource& source = input_->source();
  if (source.compression() == StreamCompression::kNone) return position;
  MemberStart member;
  if (source.compression() == StreamCompression::kGzip && source.FindMember(position, &member) &&
      (member.uncompressed == position || source.members_seen() > 1)) {
    return member.compressed;
  }
  return position;
}

bool StreamReader::PastRangeEnd(uint64_t position) const {
  if (options_.range_end == UINT64_MAX) return false;
  ByteSource& source = input_->source();
  MemberStart member;
  switch (source.compression()) {
    case StreamCompression::kNone: return position >= options_.range_end;
    case StreamCompression::kGzip:
      return source.FindMember(position, &member) && member.compressed >= options_.range_end;
    case StreamCompression::kZstd: return false;  // never split
  }
  return false;
}

bool StreamReader::ReportSkippedStreamErrors(std::vector<ReadError>* errors) {
  std::vector<StreamError> skipped;
  input_->source().TakeSkippedErrors(&skipped);
  for (StreamError& e : skipped) AddError(errors, e.offset, std::move(e.reason));
  return !skipped.empty();
}

bool StreamReader::ReportStreamError(std::vector<ReadError>* errors) {
  ReportSkippedStreamErrors(errors);
  const auto& error = input_->source().error();
  if (!error || stream_error_reported_) return false;
  stream_error_reported_ = true;
  AddError(errors, error->offset, error->reason);
  return true;
}

void StreamReader::UpdateByteCounters() {
  counters_.compressed_bytes = input_->source().compressed_bytes();
  counters_.uncompressed_bytes = input_->source().uncompressed_bytes();
}

std::string StreamReader::BaseName() const {
  if (name_ == "-") return "stdin";
  std::string base = name_.substr(name_.find_last_of('/') + 1);
  size_t dot = base.find('.', 1);
  return dot == std::string::npos ? base : base.substr(0, dot);
}

}  // namespace ghirbal
