#include "io/byte_range.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "io/byte_source.h"

namespace ghirbal {
namespace {

constexpr std::string_view kRecordStart = "WARC/1.";
constexpr size_t kScanChunk = 1 << 20;
constexpr size_t kMaxHeader = 64 << 10;
// Compressed bytes given to the decoder to check a candidate gzip member.
constexpr size_t kMemberProbe = 64 << 10;

// Compressed bytes decoded to estimate a compressed JSON Lines file's decompressed size.
constexpr uint64_t kRatioSample = 8 << 20;

enum class SplitKind { kNone, kLines, kCompressedLines, kPlainWarc, kGzipWarc };

// pread over a file, owning the descriptor.
class File {
 public:
  ~File() {
    if (fd_ >= 0) close(fd_);
  }
  Status Open(const std::string& path) {
    fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return Status::IoError("cannot open " + path + ": " + strerror(errno));
    path_ = path;
    return Status::Ok();
  }
  // Up to `n` bytes from `offset` (fewer at the end of the file).
  Result<std::string> Read(uint64_t offset, size_t n) const {
    std::string out(n, '\0');
    size_t got = 0;
    while (got < n) {
      ssize_t r = pread(fd_, out.data() + got, n - got, static_cast<off_t>(offset + got));
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) return Status::IoError("cannot read " + path_ + ": " + strerror(errno));
      if (r == 0) break;
      got += static_cast<size_t>(r);
    }
    out.resize(got);
    return out;
  }

 private:
  int fd_ = -1;
  std::string path_;
};

bool IsGzipMagic(std::string_view b) {
  // ID1 ID2, CM = deflate, no reserved flag bits.
  return b.size() >= 4 && b[0] == '\x1f' && b[1] == '\x8b' && b[2] == '\x08' && (b[3] & 0xe0) == 0;
}

// The first decompressed bytes of `compressed` (at most `n`), or "" when they do not decode
// cleanly from its first byte.
std::string DecodedPrefix(std::string_view compressed, size_t n) {
  std::unique_ptr<ByteSource> source = OpenByteSource(NewMemoryRawInput(compressed));
  std::string out(n, '\0');
  size_t got = 0;
  while (got < n) {
    size_t r = source->Read(out.data() + got, n - got);
    if (r == 0) break;
    got += r;
  }
  std::vector<StreamError> skipped;
  source->TakeSkippedErrors(&skipped);
  if (!skipped.empty()) return "";  // output came from a later member, not this one
  out.resize(got);
  return out;
}

Result<SplitKind> KindOf(const std::string& path, const ReaderOptions& options) {
  if (path == "-") return SplitKind::kNone;
  File file;
  GHIRBAL_RETURN_IF_ERROR(file.Open(path));
  Result<std::string> head = file.Read(0, kMemberProbe);
  if (!head.ok()) return head.status();
  const bool gzip = IsGzipMagic(*head);
  const bool zstd = head->size() >= 4 && head->compare(0, 4, "\x28\xb5\x2f\xfd") == 0;
  InputFormat format = options.format;
  if (format == InputFormat::kAuto) format = FormatFromFileName(path);
  std::string_view first = *head;
  std::string decoded;
  if (gzip || zstd) {
    decoded = DecodedPrefix(*head, 16);
    first = decoded;
  }
  if (format == InputFormat::kAuto) {
    if (first.substr(0, kRecordStart.size()) == kRecordStart) format = InputFormat::kWarc;
    else if (!first.empty() && first[0] == '{') format = InputFormat::kJsonl;
  }
  switch (format) {
    case InputFormat::kWarc:
    case InputFormat::kWet:
      if (zstd) return SplitKind::kNone;
      return gzip ? SplitKind::kGzipWarc : SplitKind::kPlainWarc;
    case InputFormat::kJsonl:
      return gzip || zstd ? SplitKind::kCompressedLines : SplitKind::kLines;
    default:
      return SplitKind::kNone;
  }
}

// Calls `accept(candidate)` on each offset in [from, end) where `is_candidate(window, i)` holds,
// scanning the file in chunks that overlap by `overlap` bytes; returns the first accepted
// offset or `end`.
template <typename IsCandidate, typename Accept>
Result<uint64_t> Scan(const File& file, uint64_t from, uint64_t end, size_t overlap, IsCandidate is_candidate,
                      Accept accept) {
  for (uint64_t pos = from; pos < end;) {
    Result<std::string> chunk = file.Read(pos, kScanChunk + overlap);
    if (!chunk.ok()) return chunk.status();
    if (chunk->empty()) break;
    const size_t limit = std::min<uint64_t>(std::min(chunk->size(), kScanChunk), end - pos);
    for (size_t i = 0; i < limit; ++i) {
      if (!is_candidate(std::string_view(*chunk), i)) continue;
      Result<bool> ok = accept(pos + i);
      if (!ok.ok()) return ok.status();
      if (*ok) return pos + i;
    }
    if (chunk->size() <= kScanChunk) break;  // end of file
    pos += limit;
  }
  return end;
}

size_t FindIgnoreCase(std::string_view haystack, std::string_view needle) {
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (strncasecmp(haystack.data() + i, needle.data(), needle.size()) == 0) return i;
  }
  return std::string_view::npos;
}

// Does an uncompressed WARC record start at `offset`? Its header must end in a blank line and
// name a Content-Length, and the block must be followed by the end of the file or, after the
// record's blank lines, the next record.
Result<bool> IsWarcRecordAt(const File& file, uint64_t offset) {
  Result<std::string> head = file.Read(offset, kMaxHeader);
  if (!head.ok()) return head.status();
  size_t end = head->find("\r\n\r\n");
  size_t sep = 4;
  if (end == std::string::npos) {
    end = head->find("\n\n");
    sep = 2;
  }
  if (end == std::string::npos) return false;
  std::string_view header(head->data(), end);
  size_t at = FindIgnoreCase(header, "\nContent-Length:");
  if (at == std::string_view::npos) return false;
  uint64_t length = 0;
  size_t i = at + 16;
  while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
  if (i >= header.size() || header[i] < '0' || header[i] > '9') return false;
  for (; i < header.size() && header[i] >= '0' && header[i] <= '9'; ++i) {
    if (length > (uint64_t{1} << 50)) return false;
    length = length * 10 + static_cast<uint64_t>(header[i] - '0');
  }
  Result<std::string> after = file.Read(offset + end + sep + length, 16);
  if (!after.ok()) return after.status();
  std::string_view rest = *after;
  while (!rest.empty() && (rest[0] == '\r' || rest[0] == '\n')) rest.remove_prefix(1);
  return rest.empty() || rest.substr(0, kRecordStart.size()) == kRecordStart.substr(0, rest.size());
}

}  // namespace

Result<bool> CanSplitByBytes(const std::string& path, const ReaderOptions& options) {
  Result<SplitKind> kind = KindOf(path, options);
  if (!kind.ok()) return kind.status();
  return *kind != SplitKind::kNone;
}

Result<std::vector<ByteRange>> SplitIntoRanges(const std::string& path, uint64_t size,
                                               const ReaderOptions& options, uint64_t split_bytes) {
  std::vector<ByteRange> ranges;
  SplitKind kind = SplitKind::kNone;
  if (split_bytes > 0 && size > split_bytes) {
    Result<SplitKind> k = KindOf(path, options);
    if (!k.ok()) return k.status();
    kind = *k;
  }
  if (kind == SplitKind::kNone) return std::vector<ByteRange>{{0, UINT64_MAX, size}};
  const uint64_t count = (size + split_bytes - 1) / split_bytes;
  // The ranges' length in the reader's offsets: file bytes, or for compressed JSON Lines
  // decompressed bytes, estimated from the ratio of the file's first megabytes.
  uint64_t length = split_bytes;
  if (kind == SplitKind::kCompressedLines) {
    Result<std::unique_ptr<RawInput>> raw = OpenRawFile(path);
    if (!raw.ok()) return raw.status();
    std::unique_ptr<ByteSource> source = OpenByteSource(std::move(raw).value());
    std::vector<char> buf(1 << 20);
    while (source->compressed_bytes() < kRatioSample && source->Read(buf.data(), buf.size()) > 0) {
    }
    const double ratio = source->compressed_bytes() == 0
                             ? 1.0
                             : static_cast<double>(source->uncompressed_bytes()) / source->compressed_bytes();
    const uint64_t estimate = static_cast<uint64_t>(static_cast<double>(size) * ratio);
    length = std::max<uint64_t>(1, (estimate + count - 1) / count);
  }
  for (uint64_t k = 0; k < count; ++k) {
    const bool last = k + 1 == count;
    ranges.push_back({k * length, last ? UINT64_MAX : (k + 1) * length,
                      last ? size - k * split_bytes : split_bytes});
  }
  return ranges;
}

Result<uint64_t> FindRangeStart(const std::string& path, const ReaderOptions& options, uint64_t begin,
                                uint64_t end) {
  if (begin == 0) return uint64_t{0};
  Result<SplitKind> kind = KindOf(path, options);
  if (!kind.ok()) return kind.status();
  File file;
  GHIRBAL_RETURN_IF_ERROR(file.Open(path));
  // A record starts at i when the byte before it ends a line: scan from begin - 1.
  auto after_newline = [](std::string_view w, size_t i) { return w[i] == '\n'; };
  switch (*kind) {
    case SplitKind::kNone:
      return end;  // read whole by the range holding offset 0
    case SplitKind::kCompressedLines:
      return uint64_t{0};  // decompressed from the start; the reader skips to `begin`
    case SplitKind::kLines: {
      Result<uint64_t> nl = Scan(file, begin - 1, end - 1, 0, after_newline,
                                 [](uint64_t) -> Result<bool> { return true; });
      if (!nl.ok()) return nl.status();
      return *nl + 1 >= end ? end : *nl + 1;
    }
    case SplitKind::kPlainWarc: {
      auto line_then_record = [](std::string_view w, size_t i) {
        return w[i] == '\n' && w.substr(i + 1, kRecordStart.size()) == kRecordStart;
      };
      Result<uint64_t> nl = Scan(file, begin - 1, end - 1, kRecordStart.size() + 1, line_then_record,
                                 [&](uint64_t at) { return IsWarcRecordAt(file, at + 1); });
      if (!nl.ok()) return nl.status();
      return *nl + 1 >= end ? end : *nl + 1;
    }
    case SplitKind::kGzipWarc: {
      auto magic = [](std::string_view w, size_t i) { return IsGzipMagic(w.substr(i, 4)); };
      return Scan(file, begin, end, 3, magic, [&](uint64_t at) -> Result<bool> {
        Result<std::string> probe = file.Read(at, kMemberProbe);
        if (!probe.ok()) return probe.status();
        return DecodedPrefix(*probe, kRecordStart.size()) == kRecordStart;
      });
    }
  }
  return end;
}

}  // namespace ghirbal
