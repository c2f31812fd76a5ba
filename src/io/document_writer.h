// Writing documents as JSON Lines into size-capped, atomically published shards.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/document.h"
#include "core/status.h"

namespace ghirbal {

enum class Compression { kNone, kGzip, kZstd };
std::string_view CompressionExtension(Compression c);  // "", ".gz", ".zst"
Result<Compression> ParseCompression(std::string_view name);  // "none", "gzip", "zstd"

// Compression levels: 0 is the codec's default (kDefaultCompressionLevel); zstd takes
// kMinZstdLevel..kMaxZstdLevel, where negative levels are zstd's fast levels (`zstd --fast=N`
// is level -N: faster, larger files), gzip takes 1..9. An uncompressed output takes only 0.
inline constexpr int kDefaultCompressionLevel = 3;
inline constexpr int kMinZstdLevel = -7;
inline constexpr int kMaxZstdLevel = 19;  // 20-22 need windows of 32-128 MiB per open shard
Status CheckCompressionLevel(Compression compression, int level);

// Serializes `doc` as one JSON line (with the trailing newline):
//   {"id":..,"text":..,"url":..?,"date":..?,"metadata":{...}}
// A rejected document gets metadata.reject = {"stage","reason","value"?}. With
// `with_origin`, the internal field "_origin":[part,ordinal,offset] is added; it is used
// for intermediate files between pipeline phases and read back by the JSON Lines reader.
void AppendDocumentJson(const Document& doc, bool with_origin, std::string* out);

// Writes a sequence of shards `<dir>/<prefix>-NNNNN.jsonl<ext>`, starting a new shard when the
// current one reaches `max_shard_bytes` of uncompressed JSON. Each shard is written under a
// temporary name and renamed into place when complete (Close or shard switch), so a crash never
// leaves a partial file under a final name.
class ShardWriter {
 public:
  struct Options {
    std::string dir;
    std::string prefix;  // e.g. "task-00003"
    Compression compression = Compression::kZstd;
    int level = kDefaultCompressionLevel;  // see CheckCompressionLevel
    uint64_t max_shard_bytes = 1ull << 30;
  };
  static Result<std::unique_ptr<ShardWriter>> Create(Options options);
  virtual ~ShardWriter() = default;
  // Appends already-serialized JSON lines (one or more, each ending in '\n').
  virtual Status Write(std::string_view lines) = 0;
  // Finishes and publishes the last shard. Nothing is published for a writer that wrote nothing.
  virtual Status Close() = 0;
  virtual uint64_t documents_written() const = 0;
};

}  // namespace ghirbal
