#include "io/jsonl_reader.h"

#include <cstring>

namespace ghirbal {
namespace {

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// A JSON number as id text: integers exactly, other numbers as simdjson writes them.
std::string NumberText(simdjson::dom::element e) {
  int64_t i;
  if (e.get_int64().get(i) == simdjson::SUCCESS) return std::to_string(i);
  uint64_t u;
  if (e.get_uint64().get(u) == simdjson::SUCCESS) return std::to_string(u);
  return simdjson::minify(e);
}

}  // namespace

void JsonlReader::SkipRestOfLine() {
  while (input_->Ensure(1) > 0) {
    std::string_view v = input_->view();
    const void* nl = memchr(v.data(), '\n', v.size());
    if (nl != nullptr) {
      input_->Consume(static_cast<const char*>(nl) - v.data() + 1);
      return;
    }
    input_->Consume(v.size());
  }
}

void JsonlReader::SkipToRange() {
  // A line starts at offset p when p is 0 or byte p-1 is a newline, so the first line at or
  // after range_begin follows the first newline at or after range_begin - 1.
  const uint64_t position = input_->position();
  if (options_.range_begin == 0 || position >= options_.range_begin) return;
  if (input_->Skip(options_.range_begin - 1 - position) < options_.range_begin - 1 - position) return;
  SkipRestOfLine();
}

std::string JsonlReader::ParseLine(std::string_view line, Document* doc) {
  simdjson::dom::element root;
  auto error = parser_.parse(line.data(), line.size(), false).get(root);
  if (error) return error == simdjson::UTF8_ERROR ? "invalid_utf8" : "invalid_json";
  simdjson::dom::object object;
  if (root.get_object().get(object)) return "not_an_object";
  bool has_text = false;
  bool has_html = false;
  for (auto field : object) {
    std::string_view key = field.key;
    simdjson::dom::element value = field.value;
    const bool is_null = value.is_null();
    if (key == options_.id_field) {
      if (value.is_string()) {
        doc->id.assign(value.get_string().value_unsafe());
      } else if (value.is_number()) {
        doc->id = NumberText(value);
      } else if (!is_null) {
        return "invalid_field";
      }
    } else if (key == options_.text_field) {
      if (is_null) continue;
      if (!value.is_string()) return "invalid_field";
      doc->text.assign(value.get_string().value_unsafe());
      has_text = true;
    } else if (!options_.html_field.empty() && key == options_.html_field) {
      if (is_null) continue;
      if (!value.is_string()) return "invalid_field";
      doc->raw.assign(value.get_string().value_unsafe());
      doc->content_type = "text/html";
      has_html = true;
    } else if (key == "url" && value.is_string()) {
      doc->url.assign(value.get_string().value_unsafe());
    } else if (key == "date" && value.is_string()) {
      doc->date.assign(value.get_string().value_unsafe());
    } else if (key == "metadata") {
      if (is_null) continue;
      simdjson::dom::object meta;
      if (value.get_object().get(meta)) return "invalid_field";
      for (auto entry : meta) doc->metadata.SetRaw(entry.key, simdjson::minify(entry.value));
    } else if (key == "_origin") {
      simdjson::dom::array origin;
      if (value.get_array().get(origin) || origin.size() != 3) return "invalid_field";
      uint64_t parts[3];
      for (size_t i = 0; i < 3; ++i) {
        if (origin.at(i).get_uint64().get(parts[i])) return "invalid_field";
      }
      if (parts[0] > UINT32_MAX) return "invalid_field";
      doc->origin.part = static_cast<uint32_t>(parts[0]);
      doc->origin.ordinal = parts[1];
      doc->origin.offset = parts[2];
    } else {
      doc->metadata.SetRaw(key, simdjson::minify(value));
    }
  }
  if (!has_text && !has_html) return "missing_text";
  return {};
}

bool JsonlReader::Next(Document* doc, std::vector<ReadError>* errors) {
  if (!done_ && counters_.records == 0) SkipToRange();
  while (!done_ && input_->Ensure(1) > 0) {
    const uint64_t offset = input_->position();
    if (PastRangeEnd(offset)) break;
    // Find the end of the line, reading ahead at most max_record_bytes.
    size_t scanned = 0;
    size_t line_end = std::string_view::npos;
    bool too_long = false;
    while (true) {
      std::string_view v = input_->view();
      const void* nl = memchr(v.data() + scanned, '\n', v.size() - scanned);
      if (nl != nullptr) {
        line_end = static_cast<const char*>(nl) - v.data();
        break;
      }
      scanned = v.size();
      if (scanned > options_.max_record_bytes) {
        too_long = true;
        break;
      }
      if (!input_->FillMore()) {
        line_end = input_->available();  // last line without a newline
        break;
      }
    }
    if (too_long || line_end > options_.max_record_bytes) {
      counters_.records++;
      AddError(errors, offset, "record_too_large");
      SkipRestOfLine();
      continue;
    }
    std::string_view line = input_->view().substr(0, line_end);
    const size_t consumed = std::min(line_end + 1, input_->available());
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsBlank(line)) {
      input_->Consume(consumed);
      continue;
    }
    counters_.records++;
    ResetDocument(doc);
    doc->origin.ordinal = counters_.records - 1;
    doc->origin.offset = offset;
    std::string reason = ParseLine(line, doc);
    input_->Consume(consumed);
    ReportSkippedStreamErrors(errors);
    if (!reason.empty()) {
      AddError(errors, offset, std::move(reason));
      continue;
    }
    if (doc->id.empty()) doc->id = BaseName() + "@" + std::to_string(offset);
    UpdateByteCounters();
    return true;
  }
  ReportStreamError(errors);
  done_ = true;
  UpdateByteCounters();
  return false;
}

}  // namespace ghirbal
