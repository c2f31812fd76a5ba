#include "io/stream_reader.h"

#include "io/byte_range.h"

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
  if (ranges_in_stream_offsets_ || source.compression() == StreamCompression::kNone) {
    return position >= options_.range_end;
  }
  MemberStart member;
  return source.compression() == StreamCompression::kGzip && source.FindMember(position, &member) &&
         member.compressed >= options_.range_end;  // a zstd WARC is never split
}

bool StreamReader::OwnsStreamError(uint64_t offset) {
  if (options_.range_end == UINT64_MAX) return true;  // the last range, or the whole file
  if (ranges_in_stream_offsets_ && input_->source().compression() != StreamCompression::kNone) {
    return false;  // every range decodes from the start: the last one reports
  }
  // The next range starts reading where its first record is; damage before that point is
  // only ever seen by this range (its reader decodes through it to find its last record's
  // end), damage after it by the next range.
  if (!next_range_start_) {
    Result<uint64_t> next = FindRangeStart(name_, options_, options_.range_end, UINT64_MAX);
    next_range_start_ = next.ok() ? *next : UINT64_MAX;
  }
  return offset < *next_range_start_;
}

bool StreamReader::ReportSkippedStreamErrors(std::vector<ReadError>* errors) {
  std::vector<StreamError> skipped;
  input_->source().TakeSkippedErrors(&skipped);
  bool any = false;
  for (StreamError& e : skipped) {
    if (!OwnsStreamError(e.offset)) continue;
    AddError(errors, e.offset, std::move(e.reason));
    any = true;
  }
  return any;
}

bool StreamReader::ReportStreamError(std::vector<ReadError>* errors) {
  ReportSkippedStreamErrors(errors);
  const auto& error = input_->source().error();
  if (!error || stream_error_reported_) return false;
  stream_error_reported_ = true;
  if (OwnsStreamError(error->offset)) AddError(errors, error->offset, error->reason);
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
