#include "io/warc_reader.h"

#include <cstring>

#include "core/utf8.h"
#include "io/http_response.h"

namespace ghirbal {
namespace {

constexpr size_t kMaxHeaderBytes = 64 << 10;
constexpr size_t kMaxHttpHeadBytes = 64 << 10;
// Bytes looked at after a block: its blank line and the next record's "WARC/".
constexpr size_t kTrailerLookahead = 16;
constexpr std::string_view kRecordStart = "WARC/1.";
constexpr std::string_view kRecordStartLine = "\nWARC/1.";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

// Position just past the blank line ending a header in `v`, searching from `*from`; npos when
// the window does not hold it yet (then *from says where to resume).
size_t FindHeadEnd(std::string_view v, size_t* from) {
  size_t i = *from;
  while (true) {
    size_t nl = v.find('\n', i);
    if (nl == std::string_view::npos) {
      *from = v.size();
      return std::string_view::npos;
    }
    if (nl + 1 < v.size() && v[nl + 1] == '\n') return nl + 2;
    if (nl + 2 < v.size() && v[nl + 1] == '\r' && v[nl + 2] == '\n') return nl + 3;
    if (nl + 2 >= v.size()) {
      *from = nl;  // too few bytes after this newline to decide
      return std::string_view::npos;
    }
    i = nl + 1;
  }
}

bool IsHtml(std::string_view mime) {
  return mime == "text/html" || mime == "application/xhtml+xml";
}

}  // namespace

void WarcReader::SkipBlankLines() {
  while (input_->Ensure(1) > 0) {
    const char* p = input_->data();
    size_t n = input_->available();
    size_t i = 0;
    while (i < n && (p[i] == '\r' || p[i] == '\n')) ++i;
    input_->Consume(i);
    if (i < n) return;
  }
}

void WarcReader::Resync(bool at_line_start) {
  if (at_line_start && input_->Ensure(kRecordStart.size()) >= kRecordStart.size() &&
      input_->view().substr(0, kRecordStart.size()) == kRecordStart) {
    return;
  }
  while (true) {
    size_t avail = input_->Ensure(kRecordStartLine.size());
    if (avail < kRecordStartLine.size()) {
      input_->Consume(avail);
      return;
    }
    std::string_view view = input_->view();
    size_t found = view.find(kRecordStartLine);
    size_t next = found == std::string_view::npos ? std::string_view::npos : found + 1;
    // A record also starts where a gzip member starts, line start or not (after damage).
    const uint64_t pos = input_->position();
    for (uint64_t m = input_->source().NextMemberStart(pos); m < pos + std::min(next, avail);
         m = input_->source().NextMemberStart(m)) {
      if (view.substr(m - pos, kRecordStart.size()) == kRecordStart) {
        next = m - pos;
        break;
      }
    }
    if (next != std::string_view::npos) {
      input_->Consume(next);
      return;
    }
    input_->Consume(avail - (kRecordStartLine.size() - 1));
  }
}

std::string WarcReader::ParseHeader(std::string_view head) {
  type_.clear();
  record_id_.clear();
  target_uri_.clear();
  date_.clear();
  content_type_.clear();
  has_content_length_ = false;
  content_length_ = 0;
  std::string reason;
  std::string* last = nullptr;  // value a continuation line extends
  size_t pos = head.find('\n') + 1;  // the version line was checked by the caller
  while (pos < head.size()) {
    size_t nl = head.find('\n', pos);
    if (nl == std::string_view::npos) nl = head.size();
    std::string_view line = head.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') {
      if (last != nullptr) {
        last->push_back(' ');
        last->append(TrimHeaderValue(line));
      }
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      if (reason.empty()) reason = "invalid_header_line";
      last = nullptr;
      continue;
    }
    std::string_view name = TrimHeaderValue(line.substr(0, colon));
    std::string_view value = TrimHeaderValue(line.substr(colon + 1));
    last = nullptr;
    if (EqualsIgnoreCase(name, "WARC-Type")) {
      last = &type_;
    } else if (EqualsIgnoreCase(name, "WARC-Record-ID")) {
      last = &record_id_;
    } else if (EqualsIgnoreCase(name, "WARC-Target-URI")) {
      last = &target_uri_;
    } else if (EqualsIgnoreCase(name, "WARC-Date")) {
      last = &date_;
    } else if (EqualsIgnoreCase(name, "Content-Type")) {
      last = &content_type_;
    } else if (EqualsIgnoreCase(name, "Content-Length")) {
      uint64_t n = 0;
      bool valid = !value.empty() && value.size() <= 18;
      for (char c : value) {
        if (c < '0' || c > '9') {
          valid = false;
          break;
        }
        n = n * 10 + static_cast<uint64_t>(c - '0');
      }
      if (!valid) {
        if (reason.empty()) reason = "invalid_content_length";
      } else {
        has_content_length_ = true;
        content_length_ = n;
      }
    }
    if (last != nullptr) last->assign(value);
  }
  if (reason.empty() && !has_content_length_) reason = "missing_content_length";
  return reason;
}

WarcReader::Outcome WarcReader::ProcessBlock(std::string_view block, Document* doc,
                                             std::string* reason) {
  auto skip = [&](std::string key) {
    counters_.skipped_by_type[std::move(key)]++;
    return Outcome::kSkipped;
  };
  if (type_ == "response") {
    bool is_http = content_type_.empty() ? block.substr(0, 5) == "HTTP/"
                                         : MimeType(content_type_) == "application/http";
    if (!is_http) return skip("response:" + MimeType(content_type_));
    size_t head_size = 0;
    if (!ParseHttpHead(block, kMaxHttpHeadBytes, &doc->http, &head_size)) {
      *reason = "invalid_http_response";
      return Outcome::kError;
    }
    std::string mime = MimeType(doc->http.Header("content-type"));
    if (!IsHtml(mime)) return skip("response:" + (mime.empty() ? std::string("unknown") : mime));
    *reason = DecodeHttpBody(doc->http, block.substr(head_size), options_.max_record_bytes,
                             &doc->raw);
    if (!reason->empty()) return Outcome::kError;
    doc->content_type = std::move(mime);
    return Outcome::kDocument;
  }
  if (type_ == "conversion") {
    std::string mime = MimeType(content_type_);
    if (mime != "text/plain") return skip("conversion:" + mime);
    doc->text = ToValidUtf8(block);
    return Outcome::kDocument;
  }
  return skip(type_.empty() ? "unknown" : type_);
}

bool WarcReader::Next(Document* doc, std::vector<ReadError>* errors) {
  while (!done_) {
    SkipBlankLines();
    ReportSkippedStreamErrors(errors);
    if (input_->AtEnd()) break;
    const uint64_t start = input_->position();
    if (PastRangeEnd(start)) break;
    const uint64_t offset = ReportedOffset(start);
    size_t avail = input_->Ensure(kRecordStart.size());
    if (avail < kRecordStart.size() || input_->view().substr(0, kRecordStart.size()) != kRecordStart) {
      if (avail < kRecordStart.size() && ReportStreamError(errors)) break;
      // Output of a gzip member that failed to decode was reported as such (corrupt_gzip).
      if (!input_->source().Damaged(start, start + std::max<size_t>(avail, 1))) {
        AddError(errors, offset, "garbage_between_records");
      }
      Resync(/*at_line_start=*/false);
      continue;
    }

    // The header: up to its blank line, within kMaxHeaderBytes.
    size_t head_end = std::string_view::npos;
    size_t scan_from = 0;
    while (true) {
      std::string_view v = input_->view();
      head_end = FindHeadEnd(v.substr(0, std::min(v.size(), kMaxHeaderBytes)), &scan_from);
      if (head_end != std::string_view::npos || v.size() >= kMaxHeaderBytes) break;
      if (!input_->FillMore()) break;
    }
    if (head_end == std::string_view::npos) {
      bool at_end = input_->available() < kMaxHeaderBytes;
      if (at_end && ReportStreamError(errors)) break;
      AddError(errors, offset, at_end ? "truncated_record" : "header_too_long");
      input_->Consume(1);
      Resync(/*at_line_start=*/false);
      continue;
    }

    counters_.records++;
    std::string reason = ParseHeader(input_->view().substr(0, head_end));
    counters_.by_type[type_.empty() ? "unknown" : type_]++;
    if (reason == "missing_content_length" || reason == "invalid_content_length") {
      AddError(errors, offset, std::move(reason));
      input_->Consume(head_end);
      Resync(/*at_line_start=*/true);
      continue;
    }
    if (content_length_ > options_.max_record_bytes) {
      AddError(errors, offset, "record_too_large");
      input_->Consume(head_end);
      if (input_->Skip(content_length_) < content_length_) ReportStreamError(errors);
      continue;
    }

    // The block and what follows it: blank lines, then the next record or the end.
    const size_t total = head_end + static_cast<size_t>(content_length_);
    avail = input_->Ensure(total + kTrailerLookahead);
    std::string_view window = input_->view();
    bool complete = avail >= total;
    bool well_ended = false;
    size_t trailer = 0;
    if (complete) {
      std::string_view rest = window.substr(total);
      // The blank line a record ends with proves its Content-Length right, whatever follows;
      // without it, accept looser endings only before the next record or the end.
      bool blank_line = rest.substr(0, 4) == "\r\n\r\n" || rest.substr(0, 2) == "\n\n";
      while (trailer < rest.size() && trailer < 4 && (rest[trailer] == '\r' || rest[trailer] == '\n')) {
        ++trailer;
      }
      rest.remove_prefix(trailer);
      bool at_end = avail < total + kTrailerLookahead && rest.empty();
      well_ended = blank_line || at_end || rest.substr(0, 5) == "WARC/";
    }
    if (!well_ended) {
      if (!complete && ReportStreamError(errors)) {
        done_ = true;
        break;
      }
      AddError(errors, offset, complete ? "content_length_mismatch" : "truncated_record");
      // The next record may start inside the declared block (Content-Length too long) or after
      // it (too short): look from the end of this record's header.
      input_->Consume(head_end - 1);
      Resync(/*at_line_start=*/false);
      continue;
    }

    if (input_->source().Damaged(start, start + total)) {
      // Bytes of a gzip member that failed to decode: already reported as corrupt_gzip.
      input_->Consume(total + trailer);
      continue;
    }
    ResetDocument(doc);
    Outcome outcome = reason.empty()
                          ? ProcessBlock(window.substr(head_end, content_length_), doc, &reason)
                          : Outcome::kError;
    input_->Consume(total + trailer);
    input_->source().ForgetMembersBefore(input_->position());
    if (outcome == Outcome::kError) {
      AddError(errors, offset, std::move(reason));
      continue;
    }
    if (outcome == Outcome::kSkipped) continue;
    doc->id = record_id_.size() >= 2 && record_id_.front() == '<' && record_id_.back() == '>'
                  ? record_id_.substr(1, record_id_.size() - 2)
                  : record_id_;
    if (doc->id.empty()) doc->id = BaseName() + "@" + std::to_string(offset);
    doc->url = target_uri_;
    doc->date = date_;
    doc->origin.ordinal = counters_.records - 1;
    doc->origin.offset = offset;
    UpdateByteCounters();
    return true;
  }
  ReportStreamError(errors);
  done_ = true;
  UpdateByteCounters();
  return false;
}

}  // namespace ghirbal
