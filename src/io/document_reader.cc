#include "io/document_reader.h"

#include "io/buffered_input.h"
#include "io/byte_range.h"
#include "io/jsonl_reader.h"
#include "io/warc_reader.h"
#include "io/whole_file_reader.h"

namespace ghirbal {
namespace {

constexpr std::pair<InputFormat, std::string_view> kFormatNames[] = {
    {InputFormat::kAuto, "auto"}, {InputFormat::kWarc, "warc"}, {InputFormat::kWet, "wet"},
    {InputFormat::kJsonl, "jsonl"}, {InputFormat::kText, "text"}, {InputFormat::kHtml, "html"},
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Guesses the format of a stream from its first decompressed bytes.
InputFormat SniffFormat(BufferedInput* input) {
  input->Ensure(256);
  std::string_view v = input->view();
  if (v.substr(0, 3) == "\xEF\xBB\xBF") v.remove_prefix(3);  // UTF-8 byte order mark
  while (!v.empty() && (v[0] == ' ' || v[0] == '\t' || v[0] == '\r' || v[0] == '\n')) {
    v.remove_prefix(1);
  }
  if (v.substr(0, 5) == "WARC/") return InputFormat::kWarc;
  if (!v.empty() && v[0] == '{') return InputFormat::kJsonl;
  if (!v.empty() && v[0] == '<') return InputFormat::kHtml;
  return InputFormat::kText;
}

// `start`: the file offset raw's first byte comes from (a byte range read from its middle).
std::unique_ptr<DocumentReader> MakeReader(std::string name, std::unique_ptr<RawInput> raw,
                                           const ReaderOptions& options, uint64_t start = 0) {
  const size_t chunk = raw->BufferHint();
  std::unique_ptr<ByteSource> source = OpenByteSource(std::move(raw), start);
  // Positions in an uncompressed stream are file offsets; in a compressed one they count
  // decompressed bytes and map to file offsets through the member starts.
  const uint64_t position = source->compression() == StreamCompression::kNone ? start : 0;
  auto input = std::make_unique<BufferedInput>(std::move(source), chunk, position);
  InputFormat format = options.format;
  if (format == InputFormat::kAuto && name != "-") format = FormatFromFileName(name);
  if (format == InputFormat::kAuto) format = SniffFormat(input.get());
  switch (format) {
    case InputFormat::kJsonl:
      return std::make_unique<JsonlReader>(std::move(name), std::move(input), options);
    case InputFormat::kText:
    case InputFormat::kHtml:
      return std::make_unique<WholeFileReader>(std::move(name), std::move(input), options,
                                               format == InputFormat::kHtml);
    case InputFormat::kAuto:
    case InputFormat::kWarc:
    case InputFormat::kWet:
      break;
  }
  return std::make_unique<WarcReader>(std::move(name), std::move(input), options);
}

}  // namespace

std::string_view InputFormatName(InputFormat f) {
  for (const auto& [format, name] : kFormatNames) {
    if (format == f) return name;
  }
  return "auto";
}

Result<InputFormat> ParseInputFormat(std::string_view name) {
  for (const auto& [format, format_name] : kFormatNames) {
    if (format_name == name) return format;
  }
  return Status::InvalidArgument("unknown input format '" + std::string(name) +
                                 "' (expected auto, warc, wet, jsonl, text or html)");
}

void InputCounters::Merge(const InputCounters& other) {
  records += other.records;
  for (const auto& [k, v] : other.by_type) by_type[k] += v;
  for (const auto& [k, v] : other.skipped_by_type) skipped_by_type[k] += v;
  compressed_bytes += other.compressed_bytes;
  uncompressed_bytes += other.uncompressed_bytes;
}

InputFormat FormatFromFileName(std::string_view path) {
  std::string name(path.substr(path.find_last_of('/') + 1));
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  std::string_view n = name;
  for (std::string_view ext : {".gz", ".zst", ".zstd"}) {
    if (EndsWith(n, ext)) {
      n.remove_suffix(ext.size());
      break;
    }
  }
  if (EndsWith(n, ".warc")) return InputFormat::kWarc;
  if (EndsWith(n, ".wet")) return InputFormat::kWet;
  if (EndsWith(n, ".jsonl") || EndsWith(n, ".ndjson") || EndsWith(n, ".json")) {
    return InputFormat::kJsonl;
  }
  if (EndsWith(n, ".txt")) return InputFormat::kText;
  if (EndsWith(n, ".html") || EndsWith(n, ".htm")) return InputFormat::kHtml;
  return InputFormat::kAuto;
}

Result<std::unique_ptr<DocumentReader>> OpenReader(const std::string& path,
                                                   const ReaderOptions& options) {
  uint64_t start = 0;
  if (options.range_begin > 0) {
    Result<uint64_t> found = FindRangeStart(path, options, options.range_begin, options.range_end);
    if (!found.ok()) return found.status();
    if (*found >= options.range_end) return MakeReader(path, NewMemoryRawInput({}), options);  // no record starts here
    start = *found;
  }
  auto raw = OpenRawFile(path, start);
  if (!raw.ok()) return raw.status();
  return MakeReader(path, std::move(raw).value(), options, start);
}

std::unique_ptr<DocumentReader> OpenReaderFromMemory(std::string_view bytes,
                                                     const std::string& name,
                                                     const ReaderOptions& options) {
  return MakeReader(name, NewMemoryRawInput(bytes), options);
}

}  // namespace ghirbal
